//! Meldingen (issue 11): in Voorop and by e-mail through a real SMTP conversation with a sink
//! on loopback (a small SMTP server in this file that keeps what it receives). The e-mail says
//! that work waits, its kind and a link, and nothing of the case; each melding is audited; each
//! user's settings are honoured.

use crate::common::*;
use reqwest::StatusCode;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

const POLITIE: &str = "politie@demo.voorop.nl";
const VT: &str = "vt@demo.voorop.nl";

/// One message as the sink received it: the recipients and the whole DATA part.
#[derive(Clone, Debug)]
struct Mail {
    aan: Vec<String>,
    data: String,
}

/// An SMTP server on a free loopback port that accepts everything (enough of RFC 5321 for
/// lettre: greeting, EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT).
async fn smtp_sink() -> (u16, Arc<Mutex<Vec<Mail>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("poort");
    let poort = listener.local_addr().expect("adres").port();
    let post = Arc::new(Mutex::new(vec![]));
    let bak = post.clone();
    tokio::spawn(async move {
        while let Ok((stroom, _)) = listener.accept().await {
            let bak = bak.clone();
            tokio::spawn(async move {
                let (lees, mut schrijf) = stroom.into_split();
                let mut regels = BufReader::new(lees).lines();
                let _ = schrijf.write_all(b"220 sink ESMTP\r\n").await;
                let mut aan = vec![];
                while let Ok(Some(regel)) = regels.next_line().await {
                    let opdracht = regel.to_ascii_uppercase();
                    let antwoord: &[u8] = if opdracht.starts_with("EHLO") {
                        b"250-sink\r\n250 8BITMIME\r\n"
                    } else if opdracht.starts_with("RCPT TO:") {
                        aan.push(regel[8..].trim().trim_matches(['<', '>']).to_string());
                        b"250 OK\r\n"
                    } else if opdracht == "DATA" {
                        let _ = schrijf.write_all(b"354 verder\r\n").await;
                        let mut data = String::new();
                        while let Ok(Some(r)) = regels.next_line().await {
                            if r == "." {
                                break;
                            }
                            data.push_str(&r);
                            data.push('\n');
                        }
                        bak.lock().unwrap().push(Mail {
                            aan: std::mem::take(&mut aan),
                            data: leesbaar(&data),
                        });
                        b"250 OK\r\n"
                    } else if opdracht == "QUIT" {
                        let _ = schrijf.write_all(b"221 dag\r\n").await;
                        break;
                    } else {
                        b"250 OK\r\n"
                    };
                    if schrijf.write_all(antwoord).await.is_err() {
                        break;
                    }
                }
            });
        }
    });
    (poort, post)
}

/// The message with its quoted-printable body decoded (soft line breaks joined, `=XX` bytes).
fn leesbaar(data: &str) -> String {
    let zacht = data.replace("=\n", "");
    let b = zacht.as_bytes();
    let mut uit = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match (b[i], b.get(i + 1..i + 3)) {
            (b'=', Some(hex)) if hex.iter().all(u8::is_ascii_hexdigit) => {
                uit.push(u8::from_str_radix(std::str::from_utf8(hex).unwrap(), 16).unwrap());
                i += 3;
            }
            (c, _) => {
                uit.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&uit).into_owned()
}

/// Waits (at most 20 s) for a message to `aan` whose text contains `bevat`.
async fn wacht_op(post: &Arc<Mutex<Vec<Mail>>>, aan: &str, bevat: &str) -> Mail {
    for _ in 0..200 {
        if let Some(m) = post
            .lock()
            .unwrap()
            .iter()
            .find(|m| m.aan.iter().any(|a| a == aan) && m.data.contains(bevat))
        {
            return m.clone();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "geen e-mail aan {aan} met '{bevat}'; ontvangen: {:?}",
        post.lock().unwrap()
    );
}

async fn aanmelding(app: &TestApp, c: &reqwest::Client, overleg: i64) -> i64 {
    let token = csrf_van(c, app, "/casussen/nieuw/actieoverleg").await;
    let (status, headers, body) = post_form(
        c,
        app,
        "/casussen/nieuw/actieoverleg",
        &[
            ("_csrf", token.as_str()),
            ("overleg", overleg.to_string().as_str()),
            ("tijdstip", "2025-09-01T10:00"),
            ("inbrenger", "Fictief: wijkagent Jansen, 0000-000000"),
            ("clientgegevens", "Fictief gezin De Vries"),
            ("werkgebied", voorop::demo::VT_ZUIDOOST_NAAM),
            ("omschrijving", "Fictief: dreiging na scheiding"),
            ("ots", "nee"),
            ("raad", "nee"),
            ("vraag", "Fictief: wie neemt regie op veiligheid?"),
            ("geinformeerd", "achteraf"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    location(&headers)
        .strip_prefix("/casussen/moment/")
        .and_then(|s| s.split('#').next())
        .and_then(|s| s.parse().ok())
        .expect("momentpagina")
}

#[tokio::test]
async fn aanmelding_meldt_de_voorzitter_in_voorop_en_per_email_zonder_inhoud() {
    let (poort, post) = smtp_sink().await;
    let app = start_met(|c| {
        c.smtp = Some(voorop::config::Smtp {
            host: "127.0.0.1".into(),
            poort,
            beveiliging: voorop::config::SmtpBeveiliging::Geen,
            gebruiker: None,
            afzender: "voorop@demo.voorop.nl".into(),
        });
        c.basis_url = "https://voorop.example".into();
    })
    .await;
    let overleg: i64 = sqlx::query_scalar("SELECT id FROM overleg WHERE naam = $1")
        .bind(voorop::demo::afstemming::OVERLEG_NAAM)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let voor = audit_aantal(&app, "melding.verstuurd").await;
    let politie = login(&app, POLITIE).await;
    let id = aanmelding(&app, &politie, overleg).await;

    // The chair (Veilig Thuis) gets the e-mail: kind and link, nothing of the case.
    let link = format!("https://voorop.example/casussen/moment/{id}#verloop");
    let mail = wacht_op(&post, VT, &link).await;
    assert!(
        mail.data
            .contains("Subject: Er staat werk voor u klaar in Voorop"),
        "{}",
        mail.data
    );
    assert!(
        mail.data
            .contains("Nieuwe aanmelding voor het Actie-overleg"),
        "{}",
        mail.data
    );
    for geheim in ["Jansen", "De Vries", "Fictief", "scheiding", "0000-000000"] {
        assert!(!mail.data.contains(geheim), "'{geheim}' in de e-mail");
    }
    // Nobody of the registering police (its own act) is told.
    assert!(
        !post
            .lock()
            .unwrap()
            .iter()
            .any(|m| m.aan.iter().any(|a| a == POLITIE))
    );
    // Audited without content: the melding made, and its e-mail sent. The sender audits the
    // e-mail after the SMTP server took it, so the test may get here first: wait for it.
    for _ in 0..100 {
        if audit_aantal(&app, "melding.verstuurd").await >= voor + 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(audit_aantal(&app, "melding.verstuurd").await >= voor + 2);
    let kanalen: Vec<String> = sqlx::query_scalar(
        "SELECT details FROM audit_log WHERE code = 'melding.verstuurd' ORDER BY id",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert!(
        kanalen
            .iter()
            .any(|d| d == "soort=aanmelding kanaal=voorop")
    );
    assert!(kanalen.iter().any(|d| d == "soort=aanmelding kanaal=email"));

    // In Voorop: the bell on Mijn werk, until marked read.
    let vt = login(&app, VT).await;
    let werk = pagina(&vt, &app, "/mijn-werk").await;
    let bel = werk
        .split("id=\"meldingen-kop\"")
        .nth(1)
        .expect("meldingen");
    let bel = bel.split("</section>").next().unwrap();
    assert!(
        bel.contains(&format!("/casussen/moment/{id}#verloop")),
        "{bel}"
    );
    let tot = bel
        .split("name=\"tot\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("tot");
    let token = csrf_van(&vt, &app, "/mijn-werk").await;
    let (status, _, _) = post_form(
        &vt,
        &app,
        "/meldingen/gelezen",
        &[("_csrf", token.as_str()), ("tot", tot)],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let werk = pagina(&vt, &app, "/mijn-werk").await;
    assert!(werk.contains("Geen nieuwe meldingen."), "{werk}");

    // VT turns the e-mail for aanmeldingen off (in Voorop stays on): the next aanmelding comes
    // in the bell, not by e-mail.
    let token = csrf_van(&vt, &app, "/meldingen/instellingen").await;
    let mut form = vec![("_csrf", token.as_str())];
    for s in voorop::melding::model::MeldingSoort::ALLE {
        form.push(("in_voorop", s.code()));
        if *s != voorop::melding::model::MeldingSoort::Aanmelding {
            form.push(("per_email", s.code()));
        }
    }
    let (status, _, _) = post_form(&vt, &app, "/meldingen/instellingen", &form).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let instellingen = pagina(&vt, &app, "/meldingen/instellingen").await;
    assert!(
        instellingen.contains("id=\"pe-aanmelding\" name=\"per_email\" value=\"aanmelding\">"),
        "{instellingen}"
    );
    let tweede = aanmelding(&app, &politie, overleg).await;
    let werk = pagina(&vt, &app, "/mijn-werk").await;
    assert!(werk.contains(&format!("/casussen/moment/{tweede}#verloop")));
    let status: String = sqlx::query_scalar(
        "SELECT m.email FROM melding m JOIN gebruiker g ON g.id = m.gebruiker_id
         WHERE g.email = $1 AND m.sleutel = $2",
    )
    .bind(VT)
    .bind(format!("moment:{tweede}"))
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(status, "geen", "no e-mail in the outbox for VT");
}

#[tokio::test]
async fn zsm_zonder_vt_meldt_veilig_thuis() {
    let app = start().await;
    let politie = login(&app, POLITIE).await;
    let aanhouding =
        voorop::casus::model::plus_minuten(&voorop::casus::model::nu_lokaal(), -30).unwrap();
    let token = csrf_van(&politie, &app, "/casussen/nieuw/zsm").await;
    let (status, headers, body) = post_form(
        &politie,
        &app,
        "/casussen/nieuw/zsm",
        &[
            ("_csrf", token.as_str()),
            ("tijdstip", aanhouding.as_str()),
            ("vt_betrokkenheid", "niet"),
            ("contact_verkregen", "nee"),
            ("veiligheidsbeoordeling", "nee"),
            ("vt_afdoeningsoverleg", "nee"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let pad = location(&headers);
    let id = pad.trim_start_matches("/casussen/moment/").to_string();
    // Veilig Thuis of the region hears of it (no SMTP here: in Voorop only) ...
    let vt = login(&app, VT).await;
    let werk = pagina(&vt, &app, "/mijn-werk").await;
    assert!(
        werk.contains("ZSM-zaak geregistreerd zonder betrokkenheid van Veilig Thuis"),
        "{werk}"
    );
    assert!(werk.contains(&format!("href=\"/casussen/moment/{id}\"")));
}

/// The watch on the 9-hour clock tells the participants once when two hours or less are left;
/// the daily overview tells the named owner of an afspraak due soon, once a day.
#[tokio::test]
async fn termijn_en_dagoverzicht_komen_eenmaal() {
    use voorop::casus::model::{nu_lokaal, ophoudtermijn_einde, plus_minuten};
    let app = start().await;
    let politie = login(&app, POLITIE).await;
    // The watch runs at 15:00 today (at night no clock can be within two hours of its end);
    // an arrest whose term ends 30 to 90 minutes later (nights do not count: search back).
    let nu = format!("{}T15:00", &nu_lokaal()[..10]);
    let aanhouding = (1..=24 * 60)
        .filter_map(|m| plus_minuten(&nu, -m))
        .find(|t| {
            ophoudtermijn_einde(t)
                .and_then(|e| voorop::casus::model::aftellen(&nu, &e))
                .is_some_and(|(min, _)| (30..=90).contains(&min))
        })
        .expect("een aanhouding met nog een uur");
    let token = csrf_van(&politie, &app, "/casussen/nieuw/zsm").await;
    let (status, headers, body) = post_form(
        &politie,
        &app,
        "/casussen/nieuw/zsm",
        &[
            ("_csrf", token.as_str()),
            ("tijdstip", aanhouding.as_str()),
            ("vt_betrokkenheid", "telefonisch"),
            ("contact_verkregen", "ja"),
            ("veiligheidsbeoordeling", "nee"),
            ("vt_afdoeningsoverleg", "nee"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let pad = location(&headers);
    let meldingen = async |soort: &str| -> i64 {
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM melding m JOIN gebruiker g ON g.id = m.gebruiker_id
             WHERE g.email = $1 AND m.soort = $2",
        )
        .bind(POLITIE)
        .bind(soort)
        .fetch_one(&app.db)
        .await
        .unwrap()
    };
    assert_eq!(meldingen("termijn_zsm").await, 0);
    voorop::casus::service::termijnen_melden(&app.db, &nu)
        .await
        .expect("bewaken");
    voorop::casus::service::termijnen_melden(&app.db, &nu)
        .await
        .expect("nog eens");
    assert_eq!(
        meldingen("termijn_zsm").await,
        1,
        "once, however often it runs"
    );
    let werk = pagina(&politie, &app, "/mijn-werk").await;
    assert!(werk.contains("Nog 2 uur op de 9-uurstermijn"), "{werk}");
    assert!(werk.contains(&format!("href=\"{pad}\"")), "{werk}");

    // An afspraak named to the officer, due in two days: the daily overview, once a day.
    let politie_org = org_id(&app, "politie-oost-brabant").await;
    let ik: i64 = sqlx::query_scalar("SELECT id FROM gebruiker WHERE email = $1")
        .bind(POLITIE)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let deadline = voorop::casus::model::plus_dagen(&voorop::db::vandaag(), 2).expect("datum");
    let token = csrf_van(&politie, &app, &pad).await;
    let (status, _, body) = post_form(
        &politie,
        &app,
        &format!("{pad}/afspraken"),
        &[
            ("_csrf", token.as_str()),
            ("soort", "direct"),
            ("omschrijving", "Fictief: contact opnemen"),
            ("eigenaar", politie_org.to_string().as_str()),
            ("deadline", deadline.as_str()),
            ("medewerker", ik.to_string().as_str()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let vandaag = voorop::db::vandaag();
    for _ in 0..2 {
        voorop::casus::service::afspraken_dagoverzicht(&app.db, &vandaag)
            .await
            .expect("dagoverzicht");
    }
    assert_eq!(meldingen("afspraken_dag").await, 1);
}

/// "Wachtwoord vergeten" with SMTP: the same answer for known and unknown addresses, a link by
/// e-mail that holds nothing but the link, used once to set a policy-checked password that
/// ends the account's sessions; both steps audited.
#[tokio::test]
async fn wachtwoord_vergeten_stuurt_een_eenmalige_link() {
    let (poort, post) = smtp_sink().await;
    let app = start_met(|c| {
        c.smtp = Some(voorop::config::Smtp {
            host: "127.0.0.1".into(),
            poort,
            beveiliging: voorop::config::SmtpBeveiliging::Geen,
            gebruiker: None,
            afzender: "voorop@demo.voorop.nl".into(),
        });
        c.basis_url = "https://voorop.example".into();
    })
    .await;
    let vt = login(&app, VT).await;
    let anoniem = client();
    assert!(
        pagina(&anoniem, &app, "/inloggen")
            .await
            .contains("href=\"/wachtwoord-vergeten\"")
    );
    let vraag = async |email: &str| {
        let token = csrf_van(&anoniem, &app, "/wachtwoord-vergeten").await;
        post_form(
            &anoniem,
            &app,
            "/wachtwoord-vergeten",
            &[("_csrf", token.as_str()), ("email", email)],
        )
        .await
    };
    // Not an e-mail address: a Dutch field error, what was typed stays.
    let (status, _, body) = vraag("geen-adres").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("value=\"geen-adres\""), "{body}");
    // Known and unknown addresses get the same page.
    let aangevraagd = audit_aantal(&app, "auth.wachtwoord_herstel_aangevraagd").await;
    let (s1, _, onbekend) = vraag("niemand@demo.voorop.nl").await;
    let (s2, _, bekend) = vraag(VT).await;
    assert_eq!((s1, s2), (StatusCode::OK, StatusCode::OK));
    let zin = |b: &str| {
        b.split("ontvangt u binnen enkele minuten")
            .nth(1)
            .map(str::to_string)
    };
    assert!(zin(&bekend).is_some(), "{bekend}");
    assert_eq!(zin(&bekend), zin(&onbekend));
    assert_eq!(
        audit_aantal(&app, "auth.wachtwoord_herstel_aangevraagd").await,
        aangevraagd + 1
    );
    let mail = wacht_op(&post, VT, "/wachtwoord-herstellen?token=").await;
    let tekst = mail.data.clone();
    assert!(
        tekst.contains("Subject: Wachtwoord herstellen in Voorop"),
        "{tekst}"
    );
    assert!(!tekst.contains("Vera"), "geen naam in de e-mail: {tekst}");
    let link = tekst
        .split("https://voorop.example")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .expect("link")
        .to_string();
    let token = link.split("token=").nth(1).expect("token").to_string();
    let opgeslagen: Vec<String> = sqlx::query_scalar("SELECT token_hash FROM wachtwoord_herstel")
        .fetch_all(&app.db)
        .await
        .unwrap();
    assert!(!opgeslagen.contains(&token), "alleen de hash is opgeslagen");
    assert!(
        post.lock()
            .unwrap()
            .iter()
            .all(|m| m.aan.iter().all(|a| a != "niemand@demo.voorop.nl"))
    );

    // The link: a weak password is refused and the link stays usable; a good one is set.
    let (status, _, body) = get(&anoniem, &app, &link).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let zet = async |nieuw: &str, herhaling: &str| {
        let csrf = csrf_van(&anoniem, &app, "/wachtwoord-vergeten").await;
        post_form(
            &anoniem,
            &app,
            "/wachtwoord-herstellen",
            &[
                ("_csrf", csrf.as_str()),
                ("token", token.as_str()),
                ("nieuw", nieuw),
                ("herhaling", herhaling),
            ],
        )
        .await
    };
    let (status, _, body) = zet("kort", "kort").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body.contains("Minstens 12 tekens") || body.contains("12"),
        "{body}"
    );
    let nieuw = "fietsbel kabeljauw regenjas";
    let (status, _, body) = zet(nieuw, nieuw).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("Uw wachtwoord is gewijzigd"), "{body}");
    assert_eq!(audit_aantal(&app, "auth.wachtwoord_hersteld").await, 1);
    // Once: the link is gone, on GET and POST.
    let (status, _, body) = get(&anoniem, &app, &link).await;
    assert_eq!(status, StatusCode::GONE);
    assert!(body.contains("verlopen of al gebruikt"), "{body}");
    let ander = "ander wachtwoord voor later";
    let (status, _, _) = zet(ander, ander).await;
    assert_eq!(status, StatusCode::GONE);
    // The session from before the reset has ended; the new password signs in, the old not.
    let (status, headers, _) = get(&vt, &app, "/mijn-werk").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(location(&headers).starts_with("/inloggen"));
    let (status, _, _) = probeer_inloggen(&client(), &app, VT, voorop::demo::WACHTWOORD).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _, body) = probeer_inloggen(&client(), &app, VT, nieuw).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
}

/// Without SMTP the page says whom to ask and sends nothing.
#[tokio::test]
async fn wachtwoord_vergeten_zonder_smtp_noemt_wie_helpt() {
    let app = start().await;
    let c = client();
    assert!(
        !pagina(&c, &app, "/inloggen")
            .await
            .contains("href=\"/wachtwoord-vergeten\"")
    );
    let body = pagina(&c, &app, "/wachtwoord-vergeten").await;
    assert!(
        body.contains("Vraag de beheerder of de regiocoördinator"),
        "{body}"
    );
    assert!(!body.contains("name=\"email\""));
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM wachtwoord_herstel")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(count, 0);
}
