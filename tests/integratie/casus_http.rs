//! The afstemmingsmomenten through the pages: registration with validation that keeps the
//! input, need-to-know on the moment page (and its audit entry), closing a case, the ZSM
//! 9-hour countdown, and the Actie-overleg flow from aanmelding to afspraak and terugkoppeling.

use crate::common::*;
use reqwest::StatusCode;

const POLITIE: &str = "politie@demo.voorop.nl";

/// Sets up an Actie-overleg through the page as `c` (whose organisation chairs it), with the
/// given fixed members; returns its id.
async fn overleg_instellen(app: &TestApp, c: &reqwest::Client, naam: &str, vast: &[i64]) -> i64 {
    let token = csrf_van(c, app, "/actieoverleg").await;
    let vast: Vec<String> = vast.iter().map(i64::to_string).collect();
    let mut form = vec![
        ("_csrf", token.as_str()),
        ("naam", naam),
        ("weekdag", "4"),
        ("tijd", "14:00"),
        ("frequentie", "wekelijks"),
    ];
    form.extend(vast.iter().map(|v| ("vast", v.as_str())));
    let (status, _, body) = post_form(c, app, "/actieoverleg", &form).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    sqlx::query_scalar("SELECT id FROM overleg WHERE naam = $1")
        .bind(naam)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

/// Registers a ZSM moment through the form as `c` (arrest at `tijdstip`, VT reached by phone),
/// with `extra` fields; the response.
async fn zsm_registreren(
    app: &TestApp,
    c: &reqwest::Client,
    tijdstip: &str,
    extra: &[(&str, &str)],
) -> (StatusCode, reqwest::header::HeaderMap, String) {
    let token = csrf_van(c, app, "/casussen/nieuw/zsm").await;
    let mut f = vec![
        ("_csrf", token.as_str()),
        ("tijdstip", tijdstip),
        ("vt_betrokkenheid", "telefonisch"),
        ("contact_verkregen", "ja"),
        ("veiligheidsbeoordeling", "nee"),
        ("vt_afdoeningsoverleg", "nee"),
    ];
    f.extend_from_slice(extra);
    post_form(c, app, "/casussen/nieuw/zsm", &f).await
}

async fn momenten(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM moment")
        .fetch_one(&app.db)
        .await
        .unwrap()
}

fn moment_id(location: &str) -> i64 {
    location
        .strip_prefix("/casussen/moment/")
        .and_then(|s| s.split('#').next())
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("geen momentpagina: {location}"))
}

/// Registers a Samen-op-in-acuut contact as the police; returns the moment id.
async fn acuut(app: &TestApp, c: &reqwest::Client, situatie: &str) -> i64 {
    acuut_met(app, c, situatie, "").await
}

/// Registers a Samen-op-in-acuut contact as `c`'s organisation, with another participating
/// organisation (id, or empty); returns the moment id.
async fn acuut_met(app: &TestApp, c: &reqwest::Client, situatie: &str, deelnemer: &str) -> i64 {
    let token = csrf_van(c, app, "/casussen/nieuw/acuut").await;
    let (status, headers, body) = post_form(
        c,
        app,
        "/casussen/nieuw/acuut",
        &[
            ("_csrf", token.as_str()),
            ("deelnemers", deelnemer),
            ("tijdstip", "2025-06-14T23:10"),
            ("persoon_naam", "Demo Persoon Testmans"),
            ("persoon_geboortedatum", "1980-02-03"),
            ("reactie", "ter_plaatse"),
            ("reactie_tijdstip", "2025-06-14T23:45"),
            ("veiligheidsbeoordeling", "ja"),
            ("maatregelen", "thv"),
            ("maatregelen", "hulpverlening"),
            ("situatie", situatie),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    moment_id(&location(&headers))
}

#[tokio::test]
async fn afgewezen_formulier_behoudt_invoer_en_slaat_niets_op() {
    let app = start().await;
    let c = login(&app, POLITIE).await;
    let voor = momenten(&app).await;
    let token = csrf_van(&c, &app, "/casussen/nieuw/zsm").await;
    let (status, _, body) = post_form(
        &c,
        &app,
        "/casussen/nieuw/zsm",
        &[
            ("_csrf", token.as_str()),
            ("tijdstip", "gisteravond"),
            ("vt_betrokkenheid", "aan_tafel"),
            ("contact_verkregen", "ja"),
            ("feiten", "Fictief: tekst die bewaard moet blijven"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("Fictief: tekst die bewaard moet blijven"));
    assert!(body.contains("Tijdstip aanhouding"), "{body}");
    assert!(
        body.contains("Vul &#39;Veiligheidsbeoordeling door VT gemaakt&#39; in.")
            || body.contains("Vul 'Veiligheidsbeoordeling door VT gemaakt' in."),
        "{body}"
    );
    assert!(body.contains(r#"value="aan_tafel" selected"#));
    // A start time in the future is refused too.
    let (status, _, body) = post_form(
        &c,
        &app,
        "/casussen/nieuw/acuut",
        &[
            ("_csrf", token.as_str()),
            ("tijdstip", "2099-01-01T10:00"),
            ("reactie", "telefonisch"),
            ("veiligheidsbeoordeling", "nee"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("moet tussen 2000 en nu liggen"), "{body}");
    assert_eq!(momenten(&app).await, voor, "niets opgeslagen");
}

#[tokio::test]
async fn alleen_deelnemers_zien_persoonsgegevens_en_elke_inzage_wordt_gelogd() {
    let app = start().await;
    let politie = login(&app, POLITIE).await;
    let geheim = "Fictief: buren hoorden geschreeuw op nummer 12";
    let id = acuut(&app, &politie, geheim).await;
    let pad = format!("/casussen/moment/{id}");

    let gelezen = audit_aantal(&app, "casus.persoonsgegevens_gelezen").await;
    let body = pagina(&politie, &app, &pad).await;
    assert!(body.contains(geheim), "deelnemer ziet de persoonsgegevens");
    assert!(body.contains("Ter plaatse"));
    assert_eq!(
        audit_aantal(&app, "casus.persoonsgegevens_gelezen").await,
        gelezen + 1
    );
    // The pseudonym input is never stored or shown.
    assert!(!body.contains("Testmans"));

    // The OM (same region, not taking part) and the network coordinator: process data only,
    // and no audit entry of a read.
    let om = login(&app, "om@demo.voorop.nl").await;
    let coordinator = login(&app, COORDINATOR).await;
    for c in [&om, &coordinator] {
        let body = pagina(c, &app, &pad).await;
        assert!(!body.contains(geheim));
        assert!(body.contains("U ziet alleen procesgegevens"));
        assert!(body.contains("Ter plaatse"), "procesgegevens wel zichtbaar");
    }
    assert_eq!(
        audit_aantal(&app, "casus.persoonsgegevens_gelezen").await,
        gelezen + 1
    );
    // A reader, a gemeente and another region get no access at all, not to the overviews
    // either. Another region's scope does not even find the moment (no existence oracle).
    for email in [LEZER, MEDEWERKER, COORDINATOR_LIMBURG] {
        let c = login(&app, email).await;
        let (status, _, body) = get(&c, &app, &pad).await;
        let verwacht = if email == COORDINATOR_LIMBURG {
            StatusCode::NOT_FOUND
        } else {
            StatusCode::FORBIDDEN
        };
        assert_eq!(status, verwacht, "{email}");
        assert!(!body.contains(geheim));
        for overzicht in [
            "/casussen",
            "/casussen/afspraken",
            "/casussen/contactpunten",
            "/actieoverleg",
        ] {
            let (status, _, body) = get(&c, &app, overzicht).await;
            if email == COORDINATOR_LIMBURG {
                // Their own region's (empty) pages, never Oost-Brabant's cases.
                assert_eq!(status, StatusCode::OK, "{email} {overzicht}");
                assert!(!body.contains(&format!("/casussen/moment/{id}\"")));
            } else {
                assert_eq!(status, StatusCode::FORBIDDEN, "{email} {overzicht}");
            }
        }
    }

    // Only partner organisations can take part: the network cannot be added.
    let voeg_toe = async |org: &str| {
        let id = org_id(&app, org).await.to_string();
        let token = csrf_van(&politie, &app, &pad).await;
        post_form(
            &politie,
            &app,
            &format!("{pad}/deelnemers"),
            &[("_csrf", token.as_str()), ("organisatie", id.as_str())],
        )
        .await
    };
    let (status, _, body) = voeg_toe("netwerk-oost-brabant").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body.contains("Kies een ketenpartner uit deze regio"),
        "{body}"
    );
    assert!(!pagina(&coordinator, &app, &pad).await.contains(geheim));

    // The police adds the OM: now its medewerker sees it (audited).
    let (status, _, _) = voeg_toe("om-oost-brabant").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let gelezen = audit_aantal(&app, "casus.persoonsgegevens_gelezen").await;
    assert!(pagina(&om, &app, &pad).await.contains(geheim));
    assert_eq!(
        audit_aantal(&app, "casus.persoonsgegevens_gelezen").await,
        gelezen + 1
    );

    // Closing needs every moment finished first.
    let body = pagina(&politie, &app, &pad).await;
    assert!(body.contains("kan worden gesloten zodra alle momenten zijn afgerond"));
    // The button leads to a page saying what closing does and, here, why it cannot be done yet.
    let token = csrf_van(&politie, &app, &pad).await;
    let (status, headers, _) = post_form(
        &politie,
        &app,
        &format!("{pad}/casus"),
        &[("_csrf", token.as_str()), ("actie", "sluiten")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let bevestig = location(&headers);
    assert_eq!(bevestig, format!("{pad}/bevestigen?handeling=sluiten"));
    let body = pagina(&politie, &app, &bevestig).await;
    assert!(body.contains("Dit kan nu niet."), "{body}");
    assert!(body.contains("Nog lopend: Samen op in acuut"), "{body}");
    assert!(!body.contains("name=\"bevestigd\""), "{body}");
    // Confirming anyway (a crafted request) is refused by the action itself.
    let (status, _, body) = post_form(
        &politie,
        &app,
        &format!("{pad}/casus"),
        &[
            ("_csrf", token.as_str()),
            ("actie", "sluiten"),
            ("bevestigd", "ja"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(body.contains("Nog lopend: Samen op in acuut"), "{body}");
    let token = csrf_van(&politie, &app, &pad).await;
    let (status, _, _) = post_form(
        &politie,
        &app,
        &format!("{pad}/stap"),
        &[("_csrf", token.as_str()), ("stap", "afronden")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);

    // Closing the case ends every participation: nobody sees the personal data any more. The
    // confirmation page says so, naming who loses access, and nothing changes until confirmed.
    let body = pagina(&politie, &app, &bevestig).await;
    let zin = body
        .split("De deelname van ")
        .nth(1)
        .and_then(|r| r.split(" aan alle momenten").next())
        .unwrap_or_else(|| panic!("{body}"));
    assert!(zin.contains("Politie eenheid Oost-Brabant (demo)"), "{zin}");
    assert!(
        zin.contains("OM arrondissement Oost-Brabant (demo)"),
        "{zin}"
    );
    assert!(body.contains("bewaartermijn van 24 maanden"), "{body}");
    assert!(!body.contains(geheim));
    assert!(pagina(&om, &app, &pad).await.contains(geheim));
    let token = csrf_van(&politie, &app, &bevestig).await;
    let (status, _, _) = post_form(
        &politie,
        &app,
        &format!("{pad}/casus"),
        &[
            ("_csrf", token.as_str()),
            ("actie", "sluiten"),
            ("bevestigd", "ja"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    for c in [&politie, &om] {
        let body = pagina(c, &app, &pad).await;
        assert!(!body.contains(geheim));
        assert!(body.contains("gesloten"));
    }
    // A closed case accepts no changes.
    let netwerk = org_id(&app, "om-oost-brabant").await;
    let token = csrf_van(&politie, &app, &pad).await;
    let (status, _, _) = post_form(
        &politie,
        &app,
        &format!("{pad}/afspraken"),
        &[
            ("_csrf", token.as_str()),
            ("soort", "direct"),
            ("omschrijving", "x"),
            ("eigenaar", netwerk.to_string().as_str()),
            ("deadline", "2025-07-01"),
        ],
    )
    .await;
    assert!(
        status == StatusCode::FORBIDDEN || status == StatusCode::CONFLICT,
        "{status}"
    );
}

#[tokio::test]
async fn zsm_toont_de_negen_uurstermijn_tot_de_beslissing() {
    let app = start().await;
    let politie = login(&app, POLITIE).await;
    let aanhouding =
        voorop::casus::model::plus_minuten(&voorop::casus::model::nu_lokaal(), -120).expect("tijd");
    let token = csrf_van(&politie, &app, "/casussen/nieuw/zsm").await;
    let basis = [
        ("_csrf", token.as_str()),
        ("tijdstip", aanhouding.as_str()),
        ("vt_betrokkenheid", "telefonisch"),
        ("contact_verkregen", "ja"),
        ("veiligheidsbeoordeling", "nee"),
        ("vt_afdoeningsoverleg", "nee"),
    ];
    let (status, headers, body) = post_form(&politie, &app, "/casussen/nieuw/zsm", &basis).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let id = moment_id(&location(&headers));
    let pad = format!("/casussen/moment/{id}");
    let body = pagina(&politie, &app, &pad).await;
    assert!(body.contains("9-uurstermijn"), "{body}");
    assert!(
        !body.contains("Aandachtspunten</strong>"),
        "nothing decided, nothing to flag"
    );
    // The deadline follows art. 56a Sv (nights not counted; the rule's own cases are in the
    // unit tests), and two hours after the arrest there is time left.
    let einde = voorop::casus::model::ophoudtermijn_einde(&aanhouding).expect("einde");
    assert!(
        body.contains(&format!(
            "uiterlijk {}",
            voorop::casus::velden::tijdstip_nl(&einde)
        )),
        "{body}"
    );
    assert!(body.contains("9-uurstermijn eerste beslissing OvJ:</strong> uiterlijk"));
    assert!(body.contains("\">nog "), "{body}");

    // The overview shows it too, for cases still waiting for a decision.
    let overzicht = pagina(
        &politie,
        &app,
        &format!("/casussen?soort=zsm&jaar={}", &aanhouding[..4]),
    )
    .await;
    assert!(overzicht.contains("9-uurstermijn: nog "), "{overzicht}");

    // Once the decision is recorded the countdown disappears.
    let beslissing = voorop::casus::model::nu_lokaal();
    let token = csrf_van(&politie, &app, &pad).await;
    let mut met_beslissing = basis.to_vec();
    met_beslissing[0] = ("_csrf", token.as_str());
    met_beslissing.push(("beslissing", "heenzenden_voorwaarden"));
    met_beslissing.push(("beslissing_tijdstip", beslissing.as_str()));
    let (status, _, body) = post_form(&politie, &app, &pad, &met_beslissing).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let body = pagina(&politie, &app, &pad).await;
    assert!(!body.contains("9-uurstermijn"));
    assert!(body.contains("Eerste beslissing binnen de termijn van ophouden voor onderzoek"));
    assert!(body.contains("Heenzenden met voorwaarden"));
    // Decided, but VT was not told: flagged for the OvJ and VT.
    assert!(body.contains("Veilig Thuis is nog niet geïnformeerd over de beslissing."));
    // No points of the aandachtspuntenlijst were ticked: all eight are listed as open.
    assert!(body.contains("Aandachtspunten nog niet aan bod"));
    assert!(body.contains("8 van 8: HG-duiding"), "{body}");
}

#[tokio::test]
async fn actieoverleg_van_aanmelding_tot_terugkoppeling() {
    let app = start().await;
    let politie_org = org_id(&app, "politie-oost-brabant").await;
    let om_org = org_id(&app, "om-oost-brabant").await;
    let vt_org = org_id(&app, "vt-oost-brabant").await;
    // The police sets up an overleg and so chairs it (this test needs only the police account).
    let politie = login(&app, POLITIE).await;
    let overleg = overleg_instellen(
        &app,
        &politie,
        "Test-overleg",
        &[politie_org, om_org, vt_org],
    )
    .await;
    // Field 3 of the aanmeldformulier ("Regio") offers the region's Veilig Thuis organisations.
    let formulier = pagina(&politie, &app, "/casussen/nieuw/actieoverleg").await;
    let werkgebied = formulier
        .split(r#"<select id="werkgebied""#)
        .nth(1)
        .and_then(|r| r.split("</select>").next())
        .expect("werkgebied is a select");
    for naam in [
        voorop::demo::VT_NOORDOOST_NAAM,
        voorop::demo::VT_ZUIDOOST_NAAM,
    ] {
        assert!(
            werkgebied.contains(&format!(r#"<option value="{naam}">"#)),
            "{werkgebied}"
        );
    }
    assert!(!werkgebied.contains("Politie"), "{werkgebied}");
    let aanmelding = async |werkgebied: &str| {
        let token = csrf_van(&politie, &app, "/casussen/nieuw/actieoverleg").await;
        post_form(
            &politie,
            &app,
            "/casussen/nieuw/actieoverleg",
            &[
                ("_csrf", token.as_str()),
                ("overleg", overleg.to_string().as_str()),
                ("tijdstip", "2025-09-01T10:00"),
                ("inbrenger", "Fictief: wijkagent, 0000-000000"),
                ("clientgegevens", "Fictief gezin"),
                ("werkgebied", werkgebied),
                ("omschrijving", "Fictief: dreiging na scheiding"),
                ("ots", "nee"),
                ("raad", "nee"),
                ("vraag", "Fictief: wie neemt regie op veiligheid?"),
                ("geinformeerd", "achteraf"),
            ],
        )
        .await
    };
    // Free text that names no Veilig Thuis organisation of the region is refused in Dutch,
    // and the form keeps what was typed.
    let (status, _, body) = aanmelding("Brabant Zuidoost").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body.contains("kies een Veilig Thuis-organisatie van de regio"),
        "{body}"
    );
    assert!(body.contains("Fictief: dreiging na scheiding</textarea>"));
    let (status, headers, body) = aanmelding(voorop::demo::VT_ZUIDOOST_NAAM).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let id = moment_id(&location(&headers));
    let pad = format!("/casussen/moment/{id}");
    let body = pagina(&politie, &app, &pad).await;
    assert!(
        body.contains("Voorbespreking"),
        "chair sees the decision form"
    );
    assert!(
        body.contains(voorop::demo::VT_ZUIDOOST_NAAM),
        "werkgebied shown"
    );

    let stap = async |velden: &[(&str, &str)]| {
        let token = csrf_van(&politie, &app, &pad).await;
        let mut f = vec![("_csrf", token.as_str())];
        f.extend_from_slice(velden);
        post_form(&politie, &app, &format!("{pad}/stap"), &f).await
    };
    // Rejecting needs a reason (Dutch error, 422).
    let (status, _, body) = stap(&[
        ("stap", "voorbespreking"),
        ("besluit", "afgewezen"),
        ("toelichting", "Getypte toelichting blijft staan"),
    ])
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("Kies de reden van afwijzing."), "{body}");
    assert!(body.contains(">Getypte toelichting blijft staan</textarea>"));
    assert!(body.contains(r#"value="afgewezen" checked"#));
    // Dates follow each other and lie in the past: not before the aanmelding, not tomorrow.
    let (status, _, body) = stap(&[
        ("stap", "voorbespreking"),
        ("besluit", "geaccepteerd"),
        ("datum", "2025-08-31"),
    ])
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body.contains(
            "De datum van de voorbespreking (31-08-2025) ligt vóór de aanmelding (01-09-2025)."
        ),
        "{body}"
    );
    let morgen = voorop::casus::model::plus_minuten(&voorop::casus::model::nu_lokaal(), 24 * 60)
        .expect("morgen")[..10]
        .to_string();
    let (status, _, body) = stap(&[
        ("stap", "voorbespreking"),
        ("besluit", "geaccepteerd"),
        ("datum", &morgen),
    ])
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("ligt in de toekomst"), "{body}");
    // Accepting needs the referral criterion that applied.
    let (status, _, body) = stap(&[
        ("stap", "voorbespreking"),
        ("besluit", "geaccepteerd"),
        ("datum", "2025-09-02"),
    ])
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body.contains("Kies het criterium dat van toepassing is"),
        "{body}"
    );
    let (status, _, _) = stap(&[
        ("stap", "voorbespreking"),
        ("besluit", "geaccepteerd"),
        ("datum", "2025-09-02"),
        ("criterium", "veiligheid_gezamenlijk"),
    ])
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let body = pagina(&politie, &app, &pad).await;
    assert!(
        body.contains("Criterium vastgesteld door de voorzitter"),
        "{body}"
    );
    // The fixed members joined.
    let deelnemers: Vec<i64> = sqlx::query_scalar(
        "SELECT organisatie_id FROM moment_deelnemer WHERE moment_id = $1 AND tot IS NULL",
    )
    .bind(id)
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert!(deelnemers.contains(&om_org) && deelnemers.contains(&vt_org));

    // The chair gets the overleg's upcoming Thursdays to choose from.
    let body = pagina(&politie, &app, &pad).await;
    let volgende = voorop::casus::model::Overleg {
        id: 0,
        regio_code: voorop::gedeeld::RegioCode::OOST_BRABANT,
        naam: String::new(),
        weekdag: 4,
        tijd: String::new(),
        frequentie: voorop::casus::model::Frequentie::Wekelijks,
        voorzitter_organisatie_id: voorop::gedeeld::OrganisatieId(0),
        voorzitter_naam: String::new(),
        organisaties: vec![],
    }
    .volgende_data(&voorop::db::vandaag(), 1);
    assert!(body.contains("Komende vergaderingen"), "{body}");
    assert!(body.contains(&format!(r#"<option value="{}">"#, volgende[0])));
    let (status, _, body) = stap(&[("stap", "agenderen"), ("datum", "2025-09-01")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body.contains("ligt vóór de voorbespreking (02-09-2025)"),
        "{body}"
    );
    let (status, _, _) = stap(&[("stap", "agenderen"), ("datum", "2025-09-04")]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _, body) = stap(&[("stap", "bespreking"), ("datum", "2025-09-03")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body.contains("ligt vóór het Actie-overleg waarop zij geagendeerd staat (04-09-2025)"),
        "{body}"
    );
    let (status, _, _) = stap(&[("stap", "bespreking"), ("overdracht", "OM neemt regie")]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    // An afspraak is not due before the meeting that made it.
    let token = csrf_van(&politie, &app, &pad).await;
    let (status, _, body) = post_form(
        &politie,
        &app,
        &format!("{pad}/afspraken"),
        &[
            ("_csrf", token.as_str()),
            ("soort", "direct"),
            ("omschrijving", "Te vroege afspraak"),
            ("eigenaar", om_org.to_string().as_str()),
            ("deadline", "2025-09-03"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body.contains("ligt vóór het Actie-overleg waarop de afspraak is gemaakt"),
        "{body}"
    );

    let token = csrf_van(&politie, &app, &pad).await;
    let (status, _, body) = post_form(
        &politie,
        &app,
        &format!("{pad}/afspraken"),
        &[
            ("_csrf", token.as_str()),
            ("soort", "direct"),
            ("omschrijving", "Contactverbod bespreken"),
            ("eigenaar", om_org.to_string().as_str()),
            ("deadline", "2025-09-11"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let (status, _, body) = stap(&[("stap", "terugkoppeling"), ("datum", "2025-09-03")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body.contains("ligt vóór de bespreking (04-09-2025)"),
        "{body}"
    );
    let (status, _, _) = stap(&[("stap", "terugkoppeling"), ("datum", "2025-09-05")]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let body = pagina(&politie, &app, &pad).await;
    assert!(body.contains("Afspraken lopen"), "{body}");
    assert!(body.contains("04-09-2025"), "besproken op de vergaderdatum");
    assert!(body.contains("05-09-2025"), "terugkoppeling");
    assert!(body.contains("Contactverbod bespreken"));
    // The afspraak is overdue (deadline in 2025) and shows on the overview for the chair,
    // without its free text (read, and audited, on the moment itself).
    let body = pagina(&politie, &app, "/casussen/afspraken").await;
    assert!(body.contains("Directe veiligheid (afspraak "), "{body}");
    assert!(!body.contains("Contactverbod bespreken"));
    // The meeting page lists it on the agenda of 4 September 2025.
    let body = pagina(&politie, &app, "/actieoverleg?jaar=2025").await;
    assert!(body.contains("Vergadering 04-09-2025"), "{body}");

    // The meeting's own page: the chair (a participant) reads the question and the afspraken,
    // audited; the network's coordinator sees the agenda without a word of the case.
    let vergadering: i64 = sqlx::query_scalar("SELECT vergadering_id FROM moment WHERE id = $1")
        .bind(id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let vpad = format!("/actieoverleg/vergadering/{vergadering}");
    assert!(body.contains(&format!("href=\"{vpad}\"")), "{body}");
    let gelezen = audit_aantal(&app, "casus.persoonsgegevens_gelezen").await;
    let body = pagina(&politie, &app, &vpad).await;
    assert!(
        body.contains("Fictief: wie neemt regie op veiligheid?"),
        "{body}"
    );
    assert!(body.contains("Contactverbod bespreken"), "{body}");
    assert!(body.contains("Besluitenlijst en actielijst"));
    assert!(
        body.contains("Aanwezigheid opslaan"),
        "the chair records attendance"
    );
    assert_eq!(
        audit_aantal(&app, "casus.persoonsgegevens_gelezen").await,
        gelezen + 1
    );
    let coordinator = login(&app, COORDINATOR).await;
    let body = pagina(&coordinator, &app, &vpad).await;
    assert!(body.contains(&format!("#{id}")), "{body}");
    assert!(body.contains("Alleen voor de deelnemers aan deze casus"));
    assert!(!body.contains("Fictief: wie neemt regie"), "{body}");
    assert!(!body.contains("Contactverbod bespreken"), "{body}");
    assert!(!body.contains("Aanwezigheid opslaan"));
    assert_eq!(
        audit_aantal(&app, "casus.persoonsgegevens_gelezen").await,
        gelezen + 1
    );

    // Attendance on the meeting page.
    let token = csrf_van(&politie, &app, &vpad).await;
    let (status, headers, _) = post_form(
        &politie,
        &app,
        &format!("{vpad}/aanwezigheid"),
        &[
            ("_csrf", token.as_str()),
            ("aanwezig", politie_org.to_string().as_str()),
            ("aanwezig", om_org.to_string().as_str()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location(&headers), format!("{vpad}#aanwezigheid"));
    let body = pagina(&coordinator, &app, &vpad).await;
    let aanwezig = body
        .split("<p>Aanwezig: ")
        .nth(1)
        .and_then(|r| r.split("</p>").next())
        .expect("aanwezigheid");
    assert!(
        aanwezig.contains("Politie") && aanwezig.contains("OM"),
        "{aanwezig}"
    );
    assert!(
        !aanwezig.contains("Veilig Thuis"),
        "VT was not there: {aanwezig}"
    );

    // The calendar file: date and time of the overleg, no case content.
    let (status, headers, ics) = get(&politie, &app, &format!("{vpad}/agenda.ics")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type(&headers).starts_with("text/calendar"));
    assert!(
        ics.contains("DTSTART;TZID=Europe/Amsterdam:20250904T140000"),
        "{ics}"
    );
    assert!(ics.contains("SUMMARY:Actie-overleg Test-overleg"), "{ics}");
    assert!(!ics.contains("Fictief"), "{ics}");

    // The PDF for each organisation: the participant's copy with the case, the other's without.
    for (c, ziet) in [(&politie, true), (&coordinator, false)] {
        let r = c
            .get(app.url(&format!("{vpad}/stukken.pdf")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(content_type(r.headers()), "application/pdf");
        let pdf = r.bytes().await.unwrap();
        assert!(pdf.starts_with(b"%PDF"));
        let tekst = crate::common::pdf_tekst(&pdf);
        assert!(tekst.contains("Besluitenlijst"), "{tekst}");
        assert!(tekst.contains("Test-overleg"), "{tekst}");
        assert_eq!(tekst.contains("Contactverbod bespreken"), ziet, "{tekst}");
        assert_eq!(tekst.contains("wie neemt regie"), ziet, "{tekst}");
    }
}

#[tokio::test]
async fn onleesbare_url_of_formulier_geeft_een_nederlandse_fout() {
    let app = start().await;
    let c = login(&app, POLITIE).await;
    let (status, headers, body) = get(&c, &app, "/casussen/moment/abc").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(content_type(&headers).starts_with("text/html"));
    assert!(body.contains("Deze pagina is niet gevonden"), "{body}");
    assert!(!body.contains("Invalid URL"));

    let token = api_token(&app, POLITIE).await;
    let r = reqwest::Client::new()
        .get(app.url("/api/v1/zelfscan-rondes/abc/resultaten"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        content_type(r.headers()),
        "application/problem+json",
        "API-fouten blijven problem+json"
    );

    // A form posted with the wrong encoding: a Dutch error, not axum's English text.
    let pagina_token = csrf_van(&c, &app, "/casussen/nieuw/acuut").await;
    let r = c
        .post(app.url(&format!("/casussen/nieuw/acuut?_csrf={pagina_token}")))
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    let status = r.status();
    let body = r.text().await.unwrap();
    assert!(status.is_client_error(), "{status}");
    assert!(
        body.contains("Het verzoek kon niet worden gelezen"),
        "{body}"
    );
}

#[tokio::test]
async fn landelijke_vergelijking_toont_kengetallen_per_regio() {
    let app = start().await;
    let c = login(&app, LEZER).await;
    // The page's key figures of Oost-Brabant, and those the indicators compute now.
    let kengetallen = async || {
        let html = pagina(&c, &app, "/werkset/vergelijking?periode=2025").await;
        assert!(html.contains("Kengetallen berekend uit de afstemmingsmomenten (2025)"));
        let ob = indicatoren_oost_brabant_2025(&app).await;
        let html = html.replace("&#60;", "<").replace("&lt;", "<");
        let html = html[html.find("Kengetallen berekend").unwrap()..].to_string();
        (html, voorop::indicatoren::kern(&ob))
    };
    let rij = |html: &str, regio: &str| -> String {
        let begin = html
            .find(&format!("<tr><th scope=\"row\">{regio}</th>"))
            .unwrap_or_else(|| panic!("rij {regio} in de kengetallen"));
        html[begin..html[begin..].find("</tr>").unwrap() + begin].to_string()
    };
    let (html, kern) = kengetallen().await;
    let ob = rij(&html, "Oost-Brabant");
    for k in kern.iter().flatten() {
        assert!(ob.contains(&k.weergave), "{} ontbreekt in {ob}", k.weergave);
    }
    assert!(
        kern.iter().flatten().any(|k| !k.onderdrukt),
        "de demo heeft genoeg registraties voor getoonde kengetallen"
    );
    // A region without registrations says so, instead of suppressed cells that read as small
    // numbers.
    let limburg = rij(&html, "Limburg");
    assert!(limburg.contains("geen gegevens voor 2025"), "{limburg}");
    assert!(
        !limburg.contains("<5") && !limburg.contains('%'),
        "{limburg}"
    );

    // The page is kept per instance; another writer moves Oost-Brabant's acute moments out of
    // 2025, and the next view shows the figures as they are now.
    sqlx::query(
        "UPDATE moment SET tijdstip = '2019' || substr(tijdstip, 5)
          WHERE regio_code = 'oost-brabant' AND soort = 'acuut'
            AND tijdstip >= '2025' AND tijdstip < '2026'",
    )
    .execute(&app.db)
    .await
    .expect("momenten verplaatsen");
    let (html, na) = kengetallen().await;
    assert_ne!(
        na.iter().flatten().map(|k| &k.weergave).collect::<Vec<_>>(),
        kern.iter()
            .flatten()
            .map(|k| &k.weergave)
            .collect::<Vec<_>>(),
        "zonder de acute momenten horen de kengetallen te veranderen"
    );
    // Cell by cell, so a stale page cannot pass on a value that happens to stand elsewhere.
    let ob = rij(&html, "Oost-Brabant");
    let cellen: Vec<&str> = ob
        .split("<td>")
        .skip(1)
        .map(|c| c.split("</td>").next().unwrap_or(""))
        .collect();
    let verwacht: Vec<&str> = na
        .iter()
        .map(|k| k.as_ref().map_or("–", |k| k.weergave.as_str()))
        .collect();
    assert_eq!(cellen, verwacht, "de pagina toont oude kengetallen");
}

/// Issue 7, defect 4: a gemeente's regiocoördinator (no access to cases) cannot set up an
/// Actie-overleg and so cannot decide who sees client data; neither can the network's
/// coordinator or the beheerder. The form shows only to those who may.
#[tokio::test]
async fn alleen_ketenpartners_stellen_een_actieoverleg_in() {
    let app = start().await;
    voorop::auth::service::gebruiker_toevoegen(
        &app.db,
        &voorop::audit::Actor::cli(),
        voorop::auth::service::NieuweGebruiker {
            email: "coordinator.dommelstad@demo.voorop.nl",
            naam: "Gemeentelijk coördinator (fictief)",
            organisatie: "dommelstad",
            rol: "regiocoordinator",
            wachtwoord: voorop::demo::WACHTWOORD,
            beleid: voorop::auth::service::Wachtwoordbeleid::DemoZonderBeleid,
            eerst_wijzigen: false,
        },
    )
    .await
    .expect("gebruiker");
    let rvdk = org_id(&app, "rvdk-oost-brabant").await.to_string();
    let driero = org_id(&app, "3ro-oost-brabant").await.to_string();
    let overleggen = async || -> i64 {
        sqlx::query_scalar("SELECT COUNT(*) FROM overleg")
            .fetch_one(&app.db)
            .await
            .unwrap()
    };
    let voor = overleggen().await;
    for email in [
        "coordinator.dommelstad@demo.voorop.nl",
        COORDINATOR,
        BEHEERDER,
    ] {
        let c = login(&app, email).await;
        if email != COORDINATOR && email != BEHEERDER {
            let (status, _, _) = get(&c, &app, "/casussen").await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{email} ziet geen casussen");
        } else {
            let body = pagina(&c, &app, "/actieoverleg").await;
            assert!(!body.contains("Nieuw Actie-overleg instellen"), "{email}");
        }
        let token = csrf_van(&c, &app, "/zelfscan").await;
        let (status, _, body) = post_form(
            &c,
            &app,
            "/actieoverleg",
            &[
                ("_csrf", token.as_str()),
                ("naam", "Raadsoverleg"),
                ("weekdag", "2"),
                ("tijd", "10:00"),
                ("frequentie", "wekelijks"),
                ("voorzitter", rvdk.as_str()),
                ("vast", rvdk.as_str()),
                ("vast", driero.as_str()),
            ],
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{email}: {body}");
        assert!(body.contains("geen toegang"), "{body}");
    }
    assert_eq!(overleggen().await, voor, "geen overleg ingesteld");

    // A partner's medewerker sees the form; the overleg it sets up is chaired by its own
    // organisation, whatever the form says.
    let om = login(&app, "om@demo.voorop.nl").await;
    let body = pagina(&om, &app, "/actieoverleg").await;
    assert!(body.contains("Nieuw Actie-overleg instellen"));
    let id = overleg_instellen(
        &app,
        &om,
        "OM-overleg",
        &[org_id(&app, "om-oost-brabant").await],
    )
    .await;
    let voorzitter: i64 =
        sqlx::query_scalar("SELECT voorzitter_organisatie_id FROM overleg WHERE id = $1")
            .bind(id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(voorzitter, org_id(&app, "om-oost-brabant").await);
}

/// Issue 7, defects 3 and 10 through the pages: the police sees no controls for VT's
/// participation or VT's afspraak and the server refuses them (403, Dutch, audited, no change);
/// VT ends its own participation and cannot come back by "reopening" the open case.
#[tokio::test]
async fn deelname_beeindigen_en_heropenen_via_de_pagina() {
    let app = start().await;
    let politie = login(&app, POLITIE).await;
    let vt = login(&app, "vt@demo.voorop.nl").await;
    let politie_org = org_id(&app, "politie-oost-brabant").await;
    let vt_org = org_id(&app, "vt-oost-brabant").await;
    let geheim = "Fictief: melding van de buren op nummer 7";
    let id = acuut_met(&app, &vt, geheim, &politie_org.to_string()).await;
    let pad = format!("/casussen/moment/{id}");

    // An afspraak owned by VT, registered by the police.
    let token = csrf_van(&politie, &app, &pad).await;
    let (status, _, body) = post_form(
        &politie,
        &app,
        &format!("{pad}/afspraken"),
        &[
            ("_csrf", token.as_str()),
            ("soort", "direct"),
            ("omschrijving", "Veiligheidsplan maken"),
            ("eigenaar", vt_org.to_string().as_str()),
            ("deadline", "2025-07-01"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let afspraak: i64 = sqlx::query_scalar("SELECT id FROM afspraak WHERE moment_id = $1")
        .bind(id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let gereed_knop = format!("action=\"/casussen/afspraak/{afspraak}/status\"");
    let beeindig_knop = |org: i64| {
        format!(
            "name=\"organisatie\" value=\"{org}\"><input type=\"hidden\" name=\"actie\" value=\"beeindigen\">"
        )
    };

    // The police's page: its own "Deelname beëindigen" only, no "Gereed" on VT's afspraak.
    let body = pagina(&politie, &app, &pad).await;
    assert!(body.contains(&beeindig_knop(politie_org)), "{body}");
    assert!(!body.contains(&beeindig_knop(vt_org)), "{body}");
    assert!(!body.contains(&gereed_knop), "{body}");
    // VT's page: its own participation and the Gereed of its afspraak.
    let body = pagina(&vt, &app, &pad).await;
    assert!(body.contains(&beeindig_knop(vt_org)));
    assert!(!body.contains(&beeindig_knop(politie_org)));
    assert!(body.contains(&gereed_knop));

    // The server refuses the police the same: 403, a Dutch reason, audited, nothing changed.
    let geweigerd = audit_aantal(&app, "casus.wijziging_geweigerd").await;
    let token = csrf_van(&politie, &app, &pad).await;
    let (status, _, body) = post_form(
        &politie,
        &app,
        &format!("{pad}/deelnemers"),
        &[
            ("_csrf", token.as_str()),
            ("organisatie", vt_org.to_string().as_str()),
            ("actie", "beeindigen"),
            ("bevestigd", "ja"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(
        body.contains("Alleen de organisatie zelf of de voorzitter"),
        "{body}"
    );
    let (status, _, body) = post_form(
        &politie,
        &app,
        &format!("/casussen/afspraak/{afspraak}/status"),
        &[("_csrf", token.as_str()), ("status", "gereed")],
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(
        body.contains("Alleen de eigenaar van deze afspraak"),
        "{body}"
    );
    assert_eq!(
        audit_aantal(&app, "casus.wijziging_geweigerd").await,
        geweigerd + 2
    );
    let open: String = sqlx::query_scalar("SELECT status FROM afspraak WHERE id = $1")
        .bind(afspraak)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(open, "open");
    assert!(
        pagina(&vt, &app, &pad).await.contains(geheim),
        "VT takes part"
    );

    // VT ends its own participation, after a page telling it what it loses; then "heropenen"
    // on the open case is refused and brings nothing back.
    let token = csrf_van(&vt, &app, &pad).await;
    let beeindigen = |bevestigd: &'static str| {
        let (token, org) = (token.clone(), vt_org.to_string());
        let (vt, app, pad) = (&vt, &app, &pad);
        async move {
            post_form(
                vt,
                app,
                &format!("{pad}/deelnemers"),
                &[
                    ("_csrf", token.as_str()),
                    ("organisatie", org.as_str()),
                    ("actie", "beeindigen"),
                    ("bevestigd", bevestigd),
                ],
            )
            .await
        }
    };
    let (status, headers, _) = beeindigen("").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let bevestig = location(&headers);
    assert_eq!(
        bevestig,
        format!("{pad}/bevestigen?handeling=beeindigen&organisatie={vt_org}")
    );
    let body = pagina(&vt, &app, &bevestig).await;
    assert!(
        body.contains("Uw organisatie (Veilig Thuis Brabant-Noordoost (demo)) ziet vanaf nu de persoonsgegevens"),
        "{body}"
    );
    assert!(
        body.contains("nog 1 open afspraak bij dit moment"),
        "{body}"
    );
    assert!(
        pagina(&vt, &app, &pad).await.contains(geheim),
        "not yet ended"
    );
    // The police, who may not end VT's participation, is told so on the page already.
    let body = pagina(&politie, &app, &bevestig).await;
    assert!(
        body.contains("Alleen de organisatie zelf of de voorzitter"),
        "{body}"
    );
    assert!(!body.contains("name=\"bevestigd\""), "{body}");
    let (status, _, body) = beeindigen("ja").await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let token = csrf_van(&vt, &app, &pad).await;
    let (status, _, body) = post_form(
        &vt,
        &app,
        &format!("{pad}/casus"),
        &[("_csrf", token.as_str()), ("actie", "heropenen")],
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    let body = pagina(&vt, &app, &pad).await;
    assert!(!body.contains(geheim), "VT sees the personal data again");
    assert!(body.contains("U ziet alleen procesgegevens"));
    let perioden: Vec<(Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT tot, einde FROM moment_deelnemer WHERE moment_id = $1 AND organisatie_id = $2",
    )
    .bind(id)
    .bind(vt_org)
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(perioden.len(), 1, "{perioden:?}");
    assert!(perioden[0].0.is_some());
    assert_eq!(perioden[0].1.as_deref(), Some("beeindigd"));
}

/// The moment list is paged (issue 8): 50 a page, newest first, every moment of the year on
/// exactly one page, the filters kept in the page links, and a page past the end shows the last.
#[tokio::test]
async fn momentenlijst_in_paginas() {
    let app = start().await;
    let c = login(&app, "vt@demo.voorop.nl").await;
    let totaal: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM moment WHERE regio_code = 'oost-brabant' AND substr(tijdstip, 1, 4) = '2025'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert!(
        totaal > 100,
        "the demo has more than two pages in 2025: {totaal}"
    );
    let paginas = (totaal + 49) / 50;
    let ids = |html: &str| -> Vec<i64> {
        html.split("<th scope=\"row\"><a href=\"/casussen/moment/")
            .skip(1)
            .filter_map(|s| s.split('"').next()?.parse().ok())
            .collect()
    };
    let mut gezien = std::collections::BTreeSet::new();
    for p in 1..=paginas {
        let html = pagina(&c, &app, &format!("/casussen?jaar=2025&pagina={p}")).await;
        let rij = ids(&html);
        let verwacht = if p < paginas {
            50
        } else {
            totaal - 50 * (paginas - 1)
        };
        assert_eq!(rij.len() as i64, verwacht, "pagina {p}");
        assert!(
            html.contains(&format!("Pagina {p} van {paginas}")),
            "pagina {p}"
        );
        assert_eq!(html.contains("rel=\"next\""), p < paginas, "pagina {p}");
        for id in rij {
            assert!(gezien.insert(id), "moment {id} op twee pagina's");
        }
    }
    assert_eq!(gezien.len() as i64, totaal);
    let eerste = pagina(&c, &app, "/casussen?jaar=2025").await;
    assert!(eerste.contains(&format!("Momenten 1–50 van {totaal} in 2025")));
    let voorbij = pagina(&c, &app, "/casussen?jaar=2025&pagina=999").await;
    assert!(voorbij.contains(&format!("Pagina {paginas} van {paginas}")));
    // Filters stay in the page links.
    let zsm = pagina(&c, &app, "/casussen?jaar=2025&soort=zsm").await;
    if zsm.contains("rel=\"next\"") {
        assert!(
            zsm.contains("soort=zsm&amp;jaar=2025&amp;pagina=2"),
            "{zsm}"
        );
    }
    // The count is kept between views (`overzicht_pagina`): a moment moved out of the year by
    // another writer (another instance, a CLI process; here plain SQL) leaves the count at once.
    sqlx::query(
        "UPDATE moment SET tijdstip = '2019' || substr(tijdstip, 5)
          WHERE id = (SELECT MIN(id) FROM moment WHERE regio_code = 'oost-brabant'
                        AND substr(tijdstip, 1, 4) = '2025')",
    )
    .execute(&app.db)
    .await
    .unwrap();
    let na = pagina(&c, &app, "/casussen?jaar=2025").await;
    assert!(
        na.contains(&format!("Momenten 1–50 van {} in 2025", totaal - 1)),
        "{na}"
    );
}

/// An address that only takes a form (where a rejected form was shown), opened again with GET
/// (reload, bookmark, typed), leads back to the page the form is on instead of a bare 405 the
/// browser shows in English; a chain of such addresses ends on a page.
#[tokio::test]
async fn formulieradres_opnieuw_openen_leidt_naar_de_pagina() {
    let app = start().await;
    let c = login(&app, COORDINATOR).await;
    for (pad, terug) in [
        (
            "/werkset/oost-brabant/2025/inspanningen",
            "/werkset/oost-brabant/2025",
        ),
        ("/zelfscan/2/zichtbaarheid", "/zelfscan/2"),
        ("/routekaart", "/"),
    ] {
        let (status, headers, body) = get(&c, &app, pad).await;
        let verwacht = if pad == "/routekaart" {
            StatusCode::OK
        } else {
            StatusCode::SEE_OTHER
        };
        assert_eq!(status, verwacht, "{pad}: {body}");
        if status == StatusCode::SEE_OTHER {
            assert_eq!(location(&headers), terug, "{pad}");
        }
    }
    // A deeper form address: each step goes one level up until a page answers.
    let mut pad = "/plannen/1/acties/1/verwijderen".to_string();
    let mut stappen = 0;
    loop {
        let (status, headers, _) = get(&c, &app, &pad).await;
        if status != StatusCode::SEE_OTHER {
            assert_eq!(status, StatusCode::OK, "{pad}");
            break;
        }
        pad = location(&headers);
        stappen += 1;
        assert!(stappen < 5, "te veel stappen: {pad}");
    }
    assert!(pad.starts_with("/plannen/1"), "{pad}");
}

/// Search by number on the list: a moment's number opens it, a case's number opens the case's
/// first moment, an unknown or foreign number and a text say so on the list, in Dutch.
#[tokio::test]
async fn zoeken_op_moment_of_casusnummer() {
    let app = start().await;
    let c = login(&app, "vt@demo.voorop.nl").await;
    let moment: i64 = sqlx::query_scalar(
        "SELECT id FROM moment WHERE regio_code = 'oost-brabant' ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    let (status, headers, _) = get(&c, &app, &format!("/casussen?nummer=%23{moment}")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location(&headers), format!("/casussen/moment/{moment}"));
    // "casus N": the case's earliest moment, whatever moment has number N.
    let (casus, eerste): (i64, i64) = sqlx::query_as(
        "SELECT casus_id, id FROM moment WHERE regio_code = 'oost-brabant' AND casus_id IN
           (SELECT casus_id FROM moment GROUP BY casus_id HAVING COUNT(*) > 1)
         ORDER BY casus_id, tijdstip, id LIMIT 1",
    )
    .fetch_one(&app.db)
    .await
    .expect("een casus met meer momenten");
    let (status, headers, _) = get(&c, &app, &format!("/casussen?nummer=casus+{casus}")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location(&headers), format!("/casussen/moment/{eerste}"));
    // Unknown in this region, and not a number: the list with a message, nothing else.
    let (status, _, body) = get(&c, &app, "/casussen?nummer=987654321").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("Niets gevonden voor &#39;987654321&#39; in Oost-Brabant."),
        "{body}"
    );
    let (status, _, body) = get(&c, &app, "/casussen?nummer=abc").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("Vul het nummer van een moment of casus in"),
        "{body}"
    );
    assert!(body.contains(r#"value="abc""#), "what was typed stays");
}

/// The moment list's filters (status, participating organisation, "alleen waar mijn organisatie
/// deelneemt") and its export: each filter keeps exactly the moments that match, page links
/// keep the choices, and the CSV holds the same moments without personal data.
#[tokio::test]
async fn momentenlijst_filtert_en_exporteert_wat_de_gebruiker_ziet() {
    let app = start().await;
    let politie = login(&app, POLITIE).await;
    let politie_org = org_id(&app, "politie-oost-brabant").await;
    let eigen = acuut(&app, &politie, "Fictief: eigen moment").await;
    let ids = |html: &str| -> Vec<i64> {
        html.split("<th scope=\"row\"><a href=\"/casussen/moment/")
            .skip(1)
            .filter_map(|r| r.split('"').next()?.parse().ok())
            .collect()
    };
    let neemt_deel = async |id: i64, org: i64| -> bool {
        sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM moment_deelnemer WHERE moment_id = $1 AND organisatie_id = $2 AND tot IS NULL",
        )
        .bind(id)
        .bind(org)
        .fetch_one(&app.db)
        .await
        .unwrap()
            > 0
    };
    let alle = pagina(&politie, &app, "/casussen?jaar=2025").await;
    let eigen_lijst = pagina(&politie, &app, "/casussen?jaar=2025&deelname=eigen").await;
    let gefilterd = ids(&eigen_lijst);
    assert!(gefilterd.contains(&eigen), "{eigen_lijst}");
    for id in &gefilterd {
        assert!(neemt_deel(*id, politie_org).await, "moment {id}");
    }
    // The unfiltered list holds moments the police does not take part in (the demo's).
    let mut ander = false;
    for id in ids(&alle) {
        ander |= !neemt_deel(id, politie_org).await;
    }
    assert!(ander, "the demo has moments without the police");
    assert!(eigen_lijst.contains("id=\"deelname\" name=\"deelname\" value=\"eigen\" checked"));

    // Status: only that status.
    let afgerond = pagina(&politie, &app, "/casussen?jaar=2025&status=afgerond").await;
    for id in ids(&afgerond) {
        let status: String = sqlx::query_scalar("SELECT status FROM moment WHERE id = $1")
            .bind(id)
            .fetch_one(&app.db)
            .await
            .unwrap();
        assert_eq!(status, "afgerond", "moment {id}");
    }
    if afgerond.contains("rel=\"next\"") {
        assert!(
            afgerond.contains("status=afgerond&#38;"),
            "page links keep the filter: {afgerond}"
        );
    }

    // The export: the same moments as the filtered list, as CSV, no personal data.
    let (status, headers, csv) = get(
        &politie,
        &app,
        "/casussen/export.csv?jaar=2025&deelname=eigen",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type(&headers).starts_with("text/csv"));
    let regels: Vec<&str> = csv.lines().skip(1).filter(|r| !r.is_empty()).collect();
    let totaal: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM moment m WHERE m.regio_code = 'oost-brabant'
           AND m.tijdstip >= '2025-01-01' AND m.tijdstip < '2026-01-01'
           AND EXISTS (SELECT 1 FROM moment_deelnemer d WHERE d.moment_id = m.id
                       AND d.organisatie_id = $1 AND d.tot IS NULL)",
    )
    .bind(politie_org)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(regels.len() as i64, totaal, "{csv}");
    assert!(regels.iter().any(|r| r.starts_with(&format!("{eigen};"))));
    assert!(!csv.contains("Demo Persoon") && !csv.contains("Fictief: eigen moment"));
}

/// Issue 11: a veiligheidsinschatting per moment, with date and organisation; the moment page
/// shows the case's latest and its history; a date in the future or before the moment is
/// refused in Dutch and keeps the choice; a partner that does not take part cannot record one.
#[tokio::test]
async fn veiligheidsinschatting_per_moment_met_geschiedenis() {
    let app = start().await;
    let politie = login(&app, POLITIE).await;
    let aanhouding =
        voorop::casus::model::plus_minuten(&voorop::casus::model::nu_lokaal(), -24 * 60 * 3)
            .expect("tijd");
    let (status, headers, body) = zsm_registreren(&app, &politie, &aanhouding, &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let id = moment_id(&location(&headers));
    let pad = format!("/casussen/moment/{id}");
    let body = pagina(&politie, &app, &pad).await;
    assert!(body.contains("nog geen veiligheidsinschatting"), "{body}");
    let aantal = async || -> i64 {
        sqlx::query_scalar("SELECT COUNT(*) FROM veiligheidsinschatting WHERE moment_id = $1")
            .bind(id)
            .fetch_one(&app.db)
            .await
            .unwrap()
    };
    let vastleggen = async |c: &reqwest::Client, inschatting: &str, datum: &str| {
        let token = csrf_van(c, &app, &pad).await;
        post_form(
            c,
            &app,
            &format!("{pad}/veiligheid"),
            &[
                ("_csrf", token.as_str()),
                ("inschatting", inschatting),
                ("datum", datum),
            ],
        )
        .await
    };
    // Refused: a date in the future, and one before the arrest; the choice stays.
    let morgen = voorop::casus::model::plus_dagen(&voorop::db::vandaag(), 1).unwrap();
    let (status, _, body) = vastleggen(&politie, "acuut_onveilig", &morgen).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("ligt in de toekomst"), "{body}");
    assert!(body.contains(r#"value="acuut_onveilig" checked"#), "{body}");
    let (status, _, body) = vastleggen(&politie, "acuut_onveilig", "2020-01-01").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("niet vóór het moment zelf"), "{body}");
    let (status, _, body) = vastleggen(&politie, "", "").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("Kies acuut onveilig"), "{body}");
    assert_eq!(aantal().await, 0);

    // Recorded twice: the latest on top, the earlier in the history.
    let eerder = &aanhouding[..10];
    let (status, headers, _) = vastleggen(&politie, "acuut_onveilig", eerder).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location(&headers), format!("{pad}#veiligheid"));
    let (status, _, _) = vastleggen(&politie, "structureel_onveilig", "").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(aantal().await, 2);
    let body = pagina(&politie, &app, &pad).await;
    let blok = body
        .split(r#"<h2 id="veiligheid">"#)
        .nth(1)
        .and_then(|r| r.split(r#"<h2 id="afspraken">"#).next())
        .expect("blok veiligheid");
    assert!(
        blok.contains(&format!(
            "<strong>Structureel onveilig</strong>, ingeschat op {}",
            voorop::web::datum_nl(&voorop::db::vandaag())
        )),
        "{blok}"
    );
    assert!(blok.contains("Eerdere inschattingen"), "{blok}");
    assert!(blok.contains("Acuut onveilig"), "{blok}");

    // OM does not take part: it sees the history but cannot add to it.
    let om = login(&app, "om@demo.voorop.nl").await;
    let body = pagina(&om, &app, &pad).await;
    assert!(body.contains("Structureel onveilig"));
    assert!(!body.contains("Inschatting vastleggen"));
    let (status, _, _) = vastleggen(&om, "veilig", "").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(aantal().await, 2);
}

/// Issue 11, case matching: a registration for a person whose key matches an open case in the
/// region is told that the case exists (only its number), keeps its input, and may link to it;
/// the case's participants hear of it; the match and the link are audited; nobody reads the
/// other case's data without joining it; a tampered case number is refused.
#[tokio::test]
async fn registratie_voor_een_persoon_met_een_lopende_casus() {
    let app = start().await;
    let politie = login(&app, POLITIE).await;
    let om = login(&app, "om@demo.voorop.nl").await;
    let aanhouding =
        voorop::casus::model::plus_minuten(&voorop::casus::model::nu_lokaal(), -180).unwrap();
    let zsm = async |c: &reqwest::Client, extra: &[(&str, &str)]| {
        let mut f = vec![
            ("persoon_naam", "Fictieve Persoon Koppeltest"),
            ("persoon_geboortedatum", "1981-02-03"),
            ("feiten", "Geheim-van-de-politie-Q4"),
        ];
        f.extend_from_slice(extra);
        zsm_registreren(&app, c, &aanhouding, &f).await
    };
    let casus_van = async |moment: i64| -> i64 {
        sqlx::query_scalar("SELECT casus_id FROM moment WHERE id = $1")
            .bind(moment)
            .fetch_one(&app.db)
            .await
            .unwrap()
    };
    // The police registers first: a new case (nobody to tell).
    let (status, headers, body) = zsm(&politie, &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let eerste = moment_id(&location(&headers));
    let casus = casus_van(eerste).await;

    // OM registers the same person: asked first, nothing stored yet, input kept.
    let voor = momenten(&app).await;
    let gevonden = audit_aantal(&app, "casus.overeenkomst_gevonden").await;
    let (status, _, body) = zsm(&om, &[]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(
        body.contains("Er loopt al een casus voor deze persoon"),
        "{body}"
    );
    assert!(body.contains(&format!("Koppelen aan casus {casus}")));
    assert!(body.contains("Fictieve Persoon Koppeltest"), "input kept");
    assert_eq!(momenten(&app).await, voor);
    assert_eq!(
        audit_aantal(&app, "casus.overeenkomst_gevonden").await,
        gevonden + 1
    );

    // A case number that is not the one found is refused; nothing stored.
    let (status, _, body) = zsm(&om, &[("koppelen", "ja"), ("gevonden", "1")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("kan niet (meer) worden gekoppeld"), "{body}");
    assert_eq!(momenten(&app).await, voor);

    // Linked: the moment joins the case, the police hears of it, audited.
    let casus_tekst = casus.to_string();
    let meldingen = async || -> i64 {
        sqlx::query_scalar("SELECT COUNT(*) FROM melding WHERE soort = 'casus_gekoppeld'")
            .fetch_one(&app.db)
            .await
            .unwrap()
    };
    assert_eq!(meldingen().await, 0);
    let (status, headers, body) = zsm(
        &om,
        &[("koppelen", "ja"), ("gevonden", casus_tekst.as_str())],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let tweede = moment_id(&location(&headers));
    assert_eq!(casus_van(tweede).await, casus);
    assert_eq!(audit_aantal(&app, "casus.gekoppeld").await, 1);
    assert!(meldingen().await >= 1, "the police's users hear of it");
    let ontvangers: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM melding n JOIN gebruiker g ON g.id = n.gebruiker_id
         JOIN organisatie o ON o.id = g.organisatie_id
         WHERE n.soort = 'casus_gekoppeld' AND o.code <> 'politie-oost-brabant'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(ontvangers, 0, "only the case's participants");
    // OM reads its own moment, not the police's personal data.
    let body = pagina(&om, &app, &format!("/casussen/moment/{eerste}")).await;
    assert!(!body.contains("Geheim-van-de-politie-Q4"), "{body}");

    // "Nieuwe casus": a case of its own.
    let (status, headers, _) = zsm(&om, &[("koppelen", "nee")]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let derde = moment_id(&location(&headers));
    assert_ne!(casus_van(derde).await, casus);
}

/// Issue 11, referral criteria: the aanmelding asks why the case needs Politie, OM and VT
/// together, and the Actie-overleg page counts the year's aanmeldingen per criterion with the
/// share accepted (small numbers suppressed). The demo's aanmeldingen carry a criterion.
#[tokio::test]
async fn aanmeldingen_per_criterium() {
    let app = start().await;
    let vt = login(&app, "vt@demo.voorop.nl").await;
    let formulier = pagina(&vt, &app, "/casussen/nieuw/actieoverleg").await;
    assert!(
        formulier.contains("Waarom Politie, OM en VT samen"),
        "{formulier}"
    );
    let body = pagina(&vt, &app, "/actieoverleg?jaar=2025").await;
    let tabel = body
        .split("<caption>Aanmeldingen per criterium, 2025</caption>")
        .nth(1)
        .and_then(|r| r.split("</table>").next())
        .unwrap_or_else(|| panic!("geen tabel per criterium: {body}"));
    // Every criterion has a row, and the counts add up to the year's aanmeldingen with one.
    let rijen: Vec<&str> = tabel.split("<tr><th scope=\"row\">").skip(1).collect();
    assert_eq!(
        rijen.len(),
        voorop::casus::velden::CRITERIA.len(),
        "{tabel}"
    );
    let met_criterium: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM moment WHERE soort = 'actieoverleg' AND regio_code = 'oost-brabant'
           AND tijdstip >= '2025' AND tijdstip < '2026' AND gegevens LIKE '%\"criterium\"%'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert!(met_criterium > 0);
    let getallen: i64 = rijen
        .iter()
        .filter_map(|r| {
            r.split("<td>")
                .nth(1)?
                .split("</td>")
                .next()?
                .parse::<i64>()
                .ok()
        })
        .sum();
    assert_eq!(getallen, met_criterium, "{tabel}");
    // Few rejections per criterion: no share that would reveal them.
    assert!(tabel.contains("<td>–</td>"), "{tabel}");
}

/// A ZSM moment registered by `politie` five hours ago: (moment, its case, the case's plan page).
async fn zsm_casus_met_plan(app: &TestApp, politie: &reqwest::Client) -> (i64, i64, String) {
    let aanhouding =
        voorop::casus::model::plus_minuten(&voorop::casus::model::nu_lokaal(), -300).unwrap();
    let (status, headers, body) = zsm_registreren(app, politie, &aanhouding, &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let moment = moment_id(&location(&headers));
    let casus: i64 = sqlx::query_scalar("SELECT casus_id FROM moment WHERE id = $1")
        .bind(moment)
        .fetch_one(&app.db)
        .await
        .unwrap();
    (moment, casus, format!("/casussen/casus/{casus}/plan"))
}

/// Issue 11: an activity of the plan may name who of the partner does it: a colleague of the
/// user's own organisation; a user of another organisation, or a colleague on another partner's
/// row, is refused with the input kept. The page and the PDF show the name.
#[tokio::test]
async fn veiligheidsplan_activiteit_met_medewerker() {
    let app = start().await;
    let politie = login(&app, POLITIE).await;
    let politie_org = org_id(&app, "politie-oost-brabant").await.to_string();
    let om_org = org_id(&app, "om-oost-brabant").await.to_string();
    let gebruiker = async |email: &str| -> (i64, String) {
        sqlx::query_as("SELECT id, naam FROM gebruiker WHERE email = $1")
            .bind(email)
            .fetch_one(&app.db)
            .await
            .unwrap()
    };
    let (agent, agent_naam) = gebruiker(POLITIE).await;
    let (officier, _) = gebruiker("om@demo.voorop.nl").await;
    let (_, casus, pad) = zsm_casus_met_plan(&app, &politie).await;
    let body = pagina(&politie, &app, &pad).await;
    // The form offers the own colleagues, not the OM's.
    assert!(
        body.contains(&format!("<option value=\"{agent}\">{agent_naam} (")),
        "{body}"
    );
    assert!(!body.contains(&format!("<option value=\"{officier}\"")));
    let vandaag = voorop::db::vandaag();
    let opslaan = async |basis: &str, partner: &str, eigenaar: &str| {
        let token = csrf_van(&politie, &app, &pad).await;
        let f: Vec<(&str, &str)> = vec![
            ("_csrf", &token),
            ("basis", basis),
            ("regel-0-veiligheid", "direct"),
            ("regel-0-partner", partner),
            ("regel-0-eigenaar", eigenaar),
            ("regel-0-soort", "onderzoek"),
            ("regel-0-omschrijving", "Fictief: verhoor aangever"),
            ("regel-0-datum", &vandaag),
            ("regel-0-status", "gepland"),
        ];
        post_form(&politie, &app, &pad, &f).await
    };
    for (partner, eigenaar) in [
        (politie_org.as_str(), officier.to_string()),
        (om_org.as_str(), agent.to_string()),
    ] {
        let (status, _, body) = opslaan("0", partner, &eigenaar).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(
            body.contains("Regel 1: kies een medewerker van de gekozen partner"),
            "{body}"
        );
        assert!(body.contains("Fictief: verhoor aangever</textarea>"));
    }
    let (status, _, body) = opslaan("0", &politie_org, &agent.to_string()).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let body = pagina(&politie, &app, &pad).await;
    assert!(body.contains(&format!("({agent_naam})</td>")), "{body}");
    let opgeslagen: Option<i64> =
        sqlx::query_scalar("SELECT eigenaar_id FROM veiligheidsplan_item i JOIN veiligheidsplan_versie v ON v.id = i.versie_id WHERE v.casus_id = $1")
            .bind(casus)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(opgeslagen, Some(agent));
    let r = politie
        .get(app.url(&format!("{pad}.pdf")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let tekst = crate::common::pdf_tekst(&r.bytes().await.unwrap());
    assert!(tekst.contains(&agent_naam), "{tekst}");
}

/// Issue 11: the onderzoeks- en veiligheidsplan of a case. Only organisations taking part read
/// it (audited) and change it; each save is a version (who, when, what changed); a save based on
/// an older version is refused and keeps the input; the afspraken of the case appear in it; the
/// PDF carries the current version.
#[tokio::test]
async fn onderzoeks_en_veiligheidsplan_per_casus() {
    let app = start().await;
    let politie = login(&app, POLITIE).await;
    let politie_org = org_id(&app, "politie-oost-brabant").await.to_string();
    let om_org = org_id(&app, "om-oost-brabant").await.to_string();
    let (moment, casus, pad) = zsm_casus_met_plan(&app, &politie).await;
    let body = pagina(&politie, &app, &format!("/casussen/moment/{moment}")).await;
    assert!(
        body.contains(&format!("href=\"{pad}\"")),
        "linked from the moment"
    );

    let gelezen = audit_aantal(&app, "casus.veiligheidsplan_gelezen").await;
    let body = pagina(&politie, &app, &pad).await;
    assert!(body.contains("nog geen versie van het plan"), "{body}");
    assert_eq!(
        audit_aantal(&app, "casus.veiligheidsplan_gelezen").await,
        gelezen + 1
    );
    // OM does not take part: no plan.
    let om = login(&app, "om@demo.voorop.nl").await;
    let (status, _, _) = get(&om, &app, &pad).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = get(&om, &app, &format!("{pad}.pdf")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let opslaan = async |basis: &str, regels: &[[&str; 6]]| {
        let token = csrf_van(&politie, &app, &pad).await;
        let mut f: Vec<(String, String)> = vec![
            ("_csrf".into(), token),
            ("basis".into(), basis.into()),
            ("toelichting".into(), "Na het afdoeningsoverleg".into()),
        ];
        for (n, r) in regels.iter().enumerate() {
            for (veld, w) in [
                "veiligheid",
                "partner",
                "soort",
                "omschrijving",
                "datum",
                "status",
            ]
            .iter()
            .zip(r)
            {
                f.push((format!("regel-{n}-{veld}"), w.to_string()));
            }
        }
        post_form(&politie, &app, &pad, &f).await
    };
    let vandaag = voorop::db::vandaag();
    let verhoor = [
        "direct",
        politie_org.as_str(),
        "onderzoek",
        "Fictief: verhoor aangever",
        vandaag.as_str(),
        "gepland",
    ];
    // A row without a date: refused, all typed rows kept.
    let (status, _, body) = opslaan(
        "0",
        &[
            verhoor,
            [
                "structureel",
                om_org.as_str(),
                "interventie",
                "Fictief: voorwaarden",
                "",
                "gepland",
            ],
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("Regel 2: vul een datum in"), "{body}");
    assert!(body.contains("Fictief: verhoor aangever</textarea>"));
    assert!(body.contains("Fictief: voorwaarden</textarea>"));

    let (status, _, body) = opslaan("0", &[verhoor]).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let body = pagina(&politie, &app, &pad).await;
    assert!(body.contains("Versie 1, opgeslagen"), "{body}");
    assert!(body.contains("Fictief: verhoor aangever"));
    // Saved on top of version 0 again (someone else's page): refused, input kept.
    let (status, _, body) = opslaan("0", &[verhoor]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("intussen opgeslagen (versie 1)"), "{body}");
    // Version 2: the interrogation done, an intervention added.
    let gereed = [
        verhoor[0], verhoor[1], verhoor[2], verhoor[3], verhoor[4], "gereed",
    ];
    let voorwaarden = [
        "structureel",
        om_org.as_str(),
        "interventie",
        "Fictief: voorwaarden bij sepot",
        vandaag.as_str(),
        "loopt",
    ];
    let (status, _, _) = opslaan("1", &[gereed, voorwaarden]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        audit_aantal(&app, "casus.veiligheidsplan_gewijzigd").await,
        2
    );
    let versies: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM veiligheidsplan_versie WHERE casus_id = $1")
            .bind(casus)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(versies, 2, "every save kept");

    // An afspraak of the moment appears in the plan.
    let mtoken = csrf_van(&politie, &app, &format!("/casussen/moment/{moment}")).await;
    let deadline = voorop::casus::model::plus_dagen(&vandaag, 5).unwrap();
    let (status, _, body) = post_form(
        &politie,
        &app,
        &format!("/casussen/moment/{moment}/afspraken"),
        &[
            ("_csrf", mtoken.as_str()),
            ("soort", "direct"),
            ("omschrijving", "Fictief: contactverbod controleren"),
            ("eigenaar", politie_org.as_str()),
            ("deadline", deadline.as_str()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let body = pagina(&politie, &app, &pad).await;
    assert!(body.contains("Versie 2, opgeslagen"));
    assert!(body.contains("1 toegevoegd, 1 gewijzigd"), "{body}");
    assert!(
        body.contains("Fictief: contactverbod controleren"),
        "{body}"
    );
    assert!(body.contains("Afspraken uit de momenten: directe veiligheid"));

    // The PDF: the current version and the afspraken.
    let r = politie
        .get(app.url(&format!("{pad}.pdf")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let pdf = r.bytes().await.unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let tekst = crate::common::pdf_tekst(&pdf);
    assert!(tekst.contains("verhoor aangever"), "{tekst}");
    assert!(tekst.contains("voorwaarden bij sepot"), "{tekst}");
    assert!(tekst.contains("contactverbod controleren"), "{tekst}");
    assert!(tekst.contains("versie 2"), "{tekst}");
}

/// Issue 11, the ZSM review measures of seed 001 §4.2: "contact gezocht" besides "contact
/// verkregen" (obtained contact was sought: a contradiction is refused), and whether the first
/// decision fell within the 9-hour term, shown on the moment.
#[tokio::test]
async fn zsm_contact_gezocht_en_beslissing_binnen_de_termijn() {
    let app = start().await;
    let politie = login(&app, POLITIE).await;
    let aanhouding = "2025-03-03T22:00";
    let zsm =
        async |extra: &[(&str, &str)]| zsm_registreren(&app, &politie, aanhouding, extra).await;
    let (status, _, body) = zsm(&[("contact_gezocht", "nee")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("dus het is ook gezocht"), "{body}");
    // Decided at 15:30 the next day: within the term that ends at 16:00.
    let (status, headers, body) = zsm(&[
        ("contact_gezocht", "ja"),
        ("beslissing", "dagvaarden"),
        ("beslissing_tijdstip", "2025-03-04T15:30"),
    ])
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let body = pagina(&politie, &app, &location(&headers)).await;
    assert!(body.contains("Contact met VT gezocht"), "{body}");
    let regel = body
        .split("Eerste beslissing binnen de termijn van ophouden voor onderzoek")
        .nth(1)
        .and_then(|r| r.split("</dd>").next())
        .unwrap_or_else(|| panic!("{body}"));
    assert!(regel.contains("Ja"), "{regel}");
    let (_, headers, _) = zsm(&[
        ("contact_gezocht", "ja"),
        ("beslissing", "dagvaarden"),
        ("beslissing_tijdstip", "2025-03-04T17:00"),
    ])
    .await;
    let body = pagina(&politie, &app, &location(&headers)).await;
    assert!(body.contains("Nee, na het einde van de termijn"), "{body}");
}
