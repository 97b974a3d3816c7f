//! Mijn werk (issue 11) through the pages: the landing page after sign-in, what waits for a
//! police officer, the chair of an Actie-overleg, a Veilig Thuis member and a gemeente, the
//! count in the menu, and afspraken with a named owner and a result.

use crate::common::*;
use reqwest::StatusCode;

const POLITIE: &str = "politie@demo.voorop.nl";
const VT: &str = "vt@demo.voorop.nl";

fn moment_uit(location: &str) -> i64 {
    location
        .strip_prefix("/casussen/moment/")
        .and_then(|s| s.split('#').next())
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("geen momentpagina: {location}"))
}

/// The part of Mijn werk under the heading with this id, up to the next section.
fn blok<'a>(html: &'a str, kop: &str) -> Option<&'a str> {
    html.split(&format!("id=\"{kop}\""))
        .nth(1)
        .map(|r| r.split("</section>").next().unwrap_or(r))
}

/// The number behind "Mijn werk" in the menu (0 when none is shown).
fn teller(html: &str) -> i64 {
    html.split("Mijn werk <span class=\"teller\">")
        .nth(1)
        .and_then(|r| r.split('<').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

async fn zsm_nu(app: &TestApp, c: &reqwest::Client, minuten_geleden: i64) -> i64 {
    let aanhouding =
        voorop::casus::model::plus_minuten(&voorop::casus::model::nu_lokaal(), -minuten_geleden)
            .expect("tijd");
    let token = csrf_van(c, app, "/casussen/nieuw/zsm").await;
    let (status, headers, body) = post_form(
        c,
        app,
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
    moment_uit(&location(&headers))
}

#[tokio::test]
async fn iedereen_landt_op_mijn_werk_met_alleen_eigen_werk() {
    let app = start().await;
    let politie = login(&app, POLITIE).await;
    let (status, headers, _) = get(&politie, &app, "/").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location(&headers), "/mijn-werk");

    // A ZSM arrest two hours ago: the police, who registered it, sees the clock running.
    let voor = teller(&pagina(&politie, &app, "/mijn-werk").await);
    let zsm = zsm_nu(&app, &politie, 120).await;
    let werk = pagina(&politie, &app, "/mijn-werk").await;
    let klokken = blok(&werk, "klokken-kop").expect("de lopende termijn staat bovenaan");
    assert!(
        klokken.contains(&format!("/casussen/moment/{zsm}\"")),
        "{klokken}"
    );
    assert!(klokken.contains(">nog "), "{klokken}");
    assert!(
        werk.find("klokken-kop") < werk.find("afspraken-kop").or(Some(usize::MAX)),
        "the clock comes first"
    );
    assert_eq!(teller(&werk), voor + 1, "the menu counts the new item");
    // Veilig Thuis does not take part in that case: nothing of it on its list.
    let vt = login(&app, VT).await;
    let vt_werk = pagina(&vt, &app, "/mijn-werk").await;
    assert!(!vt_werk.contains(&format!("/casussen/moment/{zsm}\"")));

    // Once the decision is recorded, the clock is gone.
    let pad = format!("/casussen/moment/{zsm}");
    let token = csrf_van(&politie, &app, &pad).await;
    let (status, _, body) = post_form(
        &politie,
        &app,
        &pad,
        &[
            ("_csrf", token.as_str()),
            (
                "tijdstip",
                sqlx::query_scalar::<_, String>("SELECT tijdstip FROM moment WHERE id = $1")
                    .bind(zsm)
                    .fetch_one(&app.db)
                    .await
                    .unwrap()
                    .as_str(),
            ),
            ("vt_betrokkenheid", "telefonisch"),
            ("contact_verkregen", "ja"),
            ("veiligheidsbeoordeling", "nee"),
            ("vt_afdoeningsoverleg", "nee"),
            ("beslissing", "heenzenden_voorwaarden"),
            (
                "beslissing_tijdstip",
                voorop::casus::model::nu_lokaal().as_str(),
            ),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let werk = pagina(&politie, &app, "/mijn-werk").await;
    assert!(
        !werk.contains(&format!("/casussen/moment/{zsm}\"")),
        "{werk}"
    );

    // A gemeente sees no case at all, and the page says what it is for.
    let gemeente = login(&app, MEDEWERKER).await;
    let (status, headers, _) = get(&gemeente, &app, "/").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location(&headers), "/mijn-werk");
    let g = pagina(&gemeente, &app, "/mijn-werk").await;
    assert!(g.contains("<h1>Mijn werk</h1>"), "{g}");
    assert!(!g.contains("/casussen/moment/"), "{g}");
    assert!(!g.contains("klokken-kop"));
}

#[tokio::test]
async fn voorzitter_ziet_aanmeldingen_en_leden_de_agenda() {
    let app = start().await;
    let politie_org = org_id(&app, "politie-oost-brabant").await;
    let vt_org = org_id(&app, "vt-oost-brabant").await;
    let politie = login(&app, POLITIE).await;
    // The police sets up an overleg and so chairs it; Veilig Thuis is a fixed member.
    let token = csrf_van(&politie, &app, "/actieoverleg").await;
    let (status, _, body) = post_form(
        &politie,
        &app,
        "/actieoverleg",
        &[
            ("_csrf", token.as_str()),
            ("naam", "Overleg Mijn werk"),
            ("weekdag", "4"),
            ("tijd", "14:00"),
            ("frequentie", "wekelijks"),
            ("vast", politie_org.to_string().as_str()),
            ("vast", vt_org.to_string().as_str()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let overleg: i64 = sqlx::query_scalar("SELECT id FROM overleg WHERE naam = $1")
        .bind("Overleg Mijn werk")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let token = csrf_van(&politie, &app, "/casussen/nieuw/actieoverleg").await;
    let (status, headers, body) = post_form(
        &politie,
        &app,
        "/casussen/nieuw/actieoverleg",
        &[
            ("_csrf", token.as_str()),
            ("overleg", overleg.to_string().as_str()),
            ("tijdstip", "2025-09-01T10:00"),
            ("inbrenger", "Fictief: wijkagent, 0000-000000"),
            ("clientgegevens", "Fictief gezin"),
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
    let id = moment_uit(&location(&headers));
    let link = format!("/casussen/moment/{id}#verloop");

    // The chair sees it waiting for the voorbespreking; VT (not the chair) does not.
    let werk = pagina(&politie, &app, "/mijn-werk").await;
    let wacht = blok(&werk, "voorbespreking-kop").expect("voorbespreking");
    assert!(wacht.contains(&link), "{wacht}");
    assert!(
        !wacht.contains("Fictief"),
        "no free text or personal data on the list"
    );
    let vt = login(&app, VT).await;
    let vt_werk = pagina(&vt, &app, "/mijn-werk").await;
    assert!(!vt_werk.contains(&link));

    // Accepted: it moves to "te agenderen".
    let pad = format!("/casussen/moment/{id}");
    let stap = async |velden: &[(&str, &str)]| {
        let token = csrf_van(&politie, &app, &pad).await;
        let mut form = vec![("_csrf", token.as_str())];
        form.extend_from_slice(velden);
        let (status, _, body) = post_form(&politie, &app, &format!("{pad}/stap"), &form).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    };
    stap(&[
        ("stap", "voorbespreking"),
        ("besluit", "geaccepteerd"),
        ("criterium", "vroegtijdig_afstemmen"),
    ])
    .await;
    let werk = pagina(&politie, &app, "/mijn-werk").await;
    assert!(blok(&werk, "voorbespreking-kop").is_none_or(|b| !b.contains(&link)));
    assert!(
        blok(&werk, "agenderen-kop")
            .expect("te agenderen")
            .contains(&link),
        "{werk}"
    );

    // On the agenda of the next meeting: VT, a fixed member, sees it there.
    let volgende = voorop::casus::model::plus_dagen(&voorop::db::vandaag(), 7).unwrap();
    stap(&[("stap", "agenderen"), ("datum", volgende.as_str())]).await;
    let vt_werk = pagina(&vt, &app, "/mijn-werk").await;
    let overleg_blok = blok(&vt_werk, "overleg-kop").expect("volgend overleg");
    assert!(overleg_blok.contains("Overleg Mijn werk"), "{overleg_blok}");
    assert!(
        overleg_blok.contains(&format!("/casussen/moment/{id}\"")),
        "{overleg_blok}"
    );
    assert!(overleg_blok.contains(&voorop::web::datum_nl(&volgende)));
    // It links to the meeting's own page.
    let vergadering: i64 = sqlx::query_scalar("SELECT vergadering_id FROM moment WHERE id = $1")
        .bind(id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert!(
        overleg_blok.contains(&format!("/actieoverleg/vergadering/{vergadering}\"")),
        "{overleg_blok}"
    );
}

#[tokio::test]
async fn afspraak_met_genoemde_eigenaar_en_resultaat() {
    let app = start().await;
    let politie = login(&app, POLITIE).await;
    let politie_org = org_id(&app, "politie-oost-brabant").await;
    let ik: i64 = sqlx::query_scalar("SELECT id FROM gebruiker WHERE email = $1")
        .bind(POLITIE)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let zsm = zsm_nu(&app, &politie, 60).await;
    let pad = format!("/casussen/moment/{zsm}");
    let deadline = voorop::casus::model::plus_dagen(&voorop::db::vandaag(), 3).unwrap();
    let toegewezen_voor = audit_aantal(&app, "casus.afspraak_toegewezen").await;
    let token = csrf_van(&politie, &app, &pad).await;
    let (status, _, body) = post_form(
        &politie,
        &app,
        &format!("{pad}/afspraken"),
        &[
            ("_csrf", token.as_str()),
            ("soort", "direct"),
            ("omschrijving", "Fictief: huisbezoek plannen"),
            ("eigenaar", politie_org.to_string().as_str()),
            ("deadline", deadline.as_str()),
            ("medewerker", ik.to_string().as_str()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let afspraak: i64 = sqlx::query_scalar(
        "SELECT id FROM afspraak WHERE moment_id = $1 AND eigenaar_gebruiker_id = $2",
    )
    .bind(zsm)
    .bind(ik)
    .fetch_one(&app.db)
    .await
    .expect("named to the officer");
    assert_eq!(
        audit_aantal(&app, "casus.afspraak_toegewezen").await,
        toegewezen_voor + 1
    );

    // Mijn werk: due in three days, named to this user, without its text.
    let werk = pagina(&politie, &app, "/mijn-werk").await;
    let afspraken = blok(&werk, "afspraken-kop").expect("afspraken");
    assert!(afspraken.contains("aan u toegewezen"), "{afspraken}");
    assert!(afspraken.contains("over 3 dagen"), "{afspraken}");
    assert!(!afspraken.contains("huisbezoek"), "{afspraken}");

    // A result that is too long is refused in Dutch and kept.
    let lang = "x".repeat(501);
    let token = csrf_van(&politie, &app, &pad).await;
    let (status, _, body) = post_form(
        &politie,
        &app,
        &format!("/casussen/afspraak/{afspraak}/status"),
        &[
            ("_csrf", token.as_str()),
            ("status", "gereed"),
            ("moment", zsm.to_string().as_str()),
            ("resultaat", lang.as_str()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("maximaal 500 tekens"), "{body}");
    assert!(body.contains(&lang), "what was typed is kept");
    // Done with a result: off the list, the result stored.
    let (status, headers, body) = post_form(
        &politie,
        &app,
        &format!("/casussen/afspraak/{afspraak}/status"),
        &[
            ("_csrf", token.as_str()),
            ("status", "gereed"),
            ("moment", zsm.to_string().as_str()),
            ("resultaat", "Fictief: bezoek afgelegd"),
            ("terug", "mijn-werk"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(location(&headers), "/mijn-werk#afspraken");
    let resultaat: Option<String> =
        sqlx::query_scalar("SELECT resultaat FROM afspraak WHERE id = $1")
            .bind(afspraak)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(resultaat.as_deref(), Some("Fictief: bezoek afgelegd"));
    let werk = pagina(&politie, &app, "/mijn-werk").await;
    assert!(!werk.contains(&format!("/casussen/afspraak/{afspraak}/status")));

    // Only the owner organisation names a medewerker: VT, no participant, is refused.
    let vt = login(&app, VT).await;
    let token = csrf_van(&vt, &app, "/mijn-werk").await;
    let (status, _, _) = post_form(
        &vt,
        &app,
        &format!("/casussen/afspraak/{afspraak}/eigenaar"),
        &[("_csrf", token.as_str()), ("medewerker", "")],
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let nog: Option<i64> =
        sqlx::query_scalar("SELECT eigenaar_gebruiker_id FROM afspraak WHERE id = $1")
            .bind(afspraak)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(nog, Some(ik));
}

/// Issue 11: help per role on a page's first visit, saying what the page is for and what this
/// user may see there; "Begrepen" puts it away for that page only, and returns only to a local
/// page.
#[tokio::test]
async fn uitleg_bij_het_eerste_bezoek_per_rol() {
    let app = start().await;
    let vt = login(&app, VT).await;
    let body = pagina(&vt, &app, "/mijn-werk").await;
    assert!(body.contains("Wat is Mijn werk?"), "{body}");
    assert!(body.contains("alleen bij momenten waaraan uw organisatie nu deelneemt"));
    let token = csrf_van(&vt, &app, "/mijn-werk").await;
    let (status, headers, _) = post_form(
        &vt,
        &app,
        "/hulp/gezien",
        &[
            ("_csrf", token.as_str()),
            ("pagina", "mijn-werk"),
            ("terug", "/mijn-werk"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location(&headers), "/mijn-werk");
    let body = pagina(&vt, &app, "/mijn-werk").await;
    assert!(!body.contains("Wat is Mijn werk?"), "put away");
    let body = pagina(&vt, &app, "/casussen").await;
    assert!(
        body.contains("Wat zijn de afstemmingsmomenten?"),
        "other pages keep theirs"
    );
    // Another user still gets it, in the words of the role.
    let gemeente = login(&app, MEDEWERKER).await;
    let body = pagina(&gemeente, &app, "/mijn-werk").await;
    assert!(body.contains("Wat is Mijn werk?"));
    assert!(body.contains("Casussen ziet u niet"), "{body}");
    let coordinator = login(&app, COORDINATOR).await;
    let body = pagina(&coordinator, &app, "/casussen").await;
    assert!(body.contains("U ziet alleen procesgegevens"), "{body}");
    // Only back to a page of Voorop.
    let token = csrf_van(&vt, &app, "/casussen").await;
    let (_, headers, _) = post_form(
        &vt,
        &app,
        "/hulp/gezien",
        &[
            ("_csrf", token.as_str()),
            ("pagina", "casussen"),
            ("terug", "//elders.example/"),
        ],
    )
    .await;
    assert_eq!(location(&headers), "/");
}
