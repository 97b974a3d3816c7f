//! Issue 12, the Ontwikkelagenda's catalogue: both shipped versions are stored, the newest is
//! served by `GET /api/v1/verbeteractiviteiten` to every signed-in user, and a beheerder loads a
//! new version (audited) that becomes current, while an invalid one is refused with Dutch
//! messages and nothing stored.

use crate::common::*;
use reqwest::StatusCode;
use serde_json::Value;

async fn uploaden(c: &reqwest::Client, app: &TestApp, inhoud: &str) -> (StatusCode, String) {
    let token = csrf_van(c, app, "/beheer/ontwikkelagenda").await;
    let deel = reqwest::multipart::Part::bytes(inhoud.as_bytes().to_vec())
        .file_name("agenda.json")
        .mime_str("application/json")
        .expect("mime");
    let r = c
        .post(app.url(&format!("/beheer/ontwikkelagenda?_csrf={token}")))
        .multipart(reqwest::multipart::Form::new().part("bestand", deel))
        .send()
        .await
        .expect("POST agenda");
    let status = r.status();
    (status, r.text().await.expect("body"))
}

#[tokio::test]
async fn catalogus_van_de_ontwikkelagenda() {
    let app = start().await;
    let versies = "SELECT COUNT(*) FROM ontwikkelagenda_versie";
    assert_eq!(tel(&app, versies).await, 2, "both shipped versions");

    // Any signed-in user reads the current agenda: the newest shipped one.
    let token = api_token(&app, MEDEWERKER).await;
    let (status, _, a) = api_get(&app, &token, "/api/v1/verbeteractiviteiten").await;
    assert_eq!(status, StatusCode::OK, "{a}");
    assert_eq!(a["versie"], "2021-v1");
    let lijst = a["verbeteractiviteiten"].as_array().expect("lijst");
    assert!(lijst.len() >= 4, "{a}");
    assert!(
        lijst
            .iter()
            .all(|v| v["code"].as_str().is_some_and(|c| !c.is_empty()))
    );

    // A new version from the beheerder, based on the shipped one, becomes current.
    let beheerder = login(&app, BEHEERDER).await;
    let mut nieuw: Value =
        serde_json::from_str(voorop::ontwikkelagenda::MEEGELEVERD[1].1).expect("json");
    nieuw["versie"] = "2023-test".into();
    nieuw["verbeteractiviteiten"][0]["naam"] = "Fictief: hernoemde verbeteractiviteit".into();
    let audit_voor = audit_aantal(&app, "ontwikkelagenda.catalogus_geladen").await;
    let (status, body) = uploaden(&beheerder, &app, &nieuw.to_string()).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(tel(&app, versies).await, 3);
    assert_eq!(
        audit_aantal(&app, "ontwikkelagenda.catalogus_geladen").await,
        audit_voor + 1
    );
    let (_, _, a) = api_get(&app, &token, "/api/v1/verbeteractiviteiten").await;
    assert_eq!(a["versie"], "2023-test");
    assert_eq!(
        a["verbeteractiviteiten"][0]["naam"],
        "Fictief: hernoemde verbeteractiviteit"
    );
    let overzicht = pagina(&beheerder, &app, "/beheer/ontwikkelagenda").await;
    assert!(overzicht.contains("2023-test"), "{overzicht}");

    // Invalid: the same version again, a quadrant missing, no JSON at all.
    let (status, body) = uploaden(&beheerder, &app, &nieuw.to_string()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body.contains("Versie &#39;2023-test&#39; bestaat al"),
        "{body}"
    );
    nieuw["versie"] = "2023-kapot".into();
    nieuw["swot"]["kwadranten"].as_array_mut().unwrap().pop();
    let (status, body) = uploaden(&beheerder, &app, &nieuw.to_string()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("De SWOT moet de kwadranten"), "{body}");
    let (status, body) = uploaden(&beheerder, &app, "{ geen json").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("geen geldige ontwikkelagenda"), "{body}");
    assert_eq!(tel(&app, versies).await, 3, "nothing stored");

    // Only the beheerder loads versions.
    let coordinator = login(&app, COORDINATOR).await;
    let (status, _, _) = get(&coordinator, &app, "/beheer/ontwikkelagenda").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

/// Next year: the demo holds no session for it, and a session held this year may prepare it.
fn volgend_jaar() -> i64 {
    voorop::db::vandaag()[..4].parse::<i64>().expect("jaar") + 1
}

/// The codes of the current agenda's verbeteractiviteiten.
async fn agenda_codes(app: &TestApp) -> Vec<String> {
    let token = api_token(app, MEDEWERKER).await;
    let (_, _, a) = api_get(app, &token, "/api/v1/verbeteractiviteiten").await;
    a["verbeteractiviteiten"]
        .as_array()
        .expect("lijst")
        .iter()
        .map(|v| v["code"].as_str().expect("code").to_string())
        .collect()
}

#[tokio::test]
async fn swot_sessie_van_openen_tot_vastgesteld() {
    let app = start().await;
    let jaar = volgend_jaar();
    let pad = format!("/ontwikkelagenda/{jaar}/oost-brabant");
    let coordinator = login(&app, COORDINATOR).await;
    let codes = agenda_codes(&app).await;
    let vt = org_id(&app, "vt-oost-brabant").await;
    let politie = org_id(&app, "politie-oost-brabant").await;
    let limburg = org_id(&app, "netwerk-limburg").await;
    let gewijzigd = "ontwikkelagenda.swot_gewijzigd";

    let leeg = pagina(&coordinator, &app, &pad).await;
    assert!(leeg.contains("Sessie openen"), "{leeg}");

    // Refused: no participant, a date outside the year, an organisation of another region. The
    // summary as typed stays.
    let (status, body) = posten(
        &coordinator,
        &app,
        &pad,
        &pad,
        &[
            ("datum", format!("{}-03-01", jaar - 3)),
            ("deelnemer", limburg.to_string()),
            (
                "samenvatting",
                "Fictieve samenvatting die blijft staan".into(),
            ),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body.contains(&format!("Een sessie voor {jaar} wordt in")),
        "{body}"
    );
    assert!(body.contains("Kies deelnemende organisaties uit de lijst van de regio"));
    assert!(body.contains("Fictieve samenvatting die blijft staan"));
    let sessies = format!("SELECT COUNT(*) FROM swot_sessie WHERE jaar = {jaar}");
    assert_eq!(tel(&app, &sessies).await, 0);

    let voor = audit_aantal(&app, gewijzigd).await;
    let (status, body) = posten(
        &coordinator,
        &app,
        &pad,
        &pad,
        &[
            ("datum", format!("{}-11-20", jaar - 1)),
            ("deelnemer", vt.to_string()),
            (
                format!("functies-{vt}").leak(),
                "teamleider, gedragswetenschapper".into(),
            ),
            ("deelnemer", politie.to_string()),
            (format!("functies-{politie}").leak(), "wijkagent".into()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(audit_aantal(&app, gewijzigd).await, voor + 1);
    let s = pagina(&coordinator, &app, &pad).await;
    assert!(s.contains("teamleider, gedragswetenschapper"), "{s}");
    assert!(s.contains("Opbrengstverslag: Concept"));

    // Only the region's own coordinators and medewerkers write; every other reader reads.
    let bord_pad = format!("{pad}/bord");
    for (wie, lezen) in [
        (COORDINATOR_LIMBURG, true),
        (LEZER, true),
        ("fg@demo.voorop.nl", false),
    ] {
        let c = login(&app, wie).await;
        let (status, _, _) = get(&c, &app, &pad).await;
        assert_eq!(status == StatusCode::OK, lezen, "{wie} leest: {status}");
        let (status, _, _) = post_form(
            &c,
            &app,
            &bord_pad,
            &[
                ("_csrf", csrf_van(&c, &app, "/account/wachtwoord").await),
                ("bordversie", "0".into()),
            ],
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{wie} schrijft");
    }

    // The board: all but the last placed; the verslag cannot go ter reactie yet.
    let kwadranten = ["sterkte", "zwakte", "kans", "bedreiging"];
    let bord = |versie: &str, tot: usize| {
        let mut v: Vec<(&'static str, String)> = vec![("bordversie", versie.into())];
        for (i, code) in codes.iter().take(tot).enumerate() {
            v.push((format!("kwadrant-{code}").leak(), kwadranten[i % 4].into()));
            v.push((
                format!("toelichting-{code}").leak(),
                format!("Fictieve toelichting {i}"),
            ));
        }
        v
    };
    let (status, body) = posten(
        &coordinator,
        &app,
        &pad,
        &bord_pad,
        &bord("0", codes.len() - 1),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let status_pad = format!("{pad}/status");
    let (status, body) = posten(
        &coordinator,
        &app,
        &pad,
        &status_pad,
        &[("status", "ter_reactie".into())],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body.contains("Plaats eerst alle verbeteractiviteiten op het bord"),
        "{body}"
    );
    // A save over someone else's is refused, the choices stay.
    let (status, body) = posten(&coordinator, &app, &pad, &bord_pad, &bord("0", codes.len())).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body.contains("Iemand anders heeft het bord intussen opgeslagen"),
        "{body}"
    );
    assert!(body.contains(&format!("Fictieve toelichting {}", codes.len() - 1)));
    // A quadrant that does not exist.
    let mut fout = bord("1", codes.len());
    fout[1].1 = "misschien".into();
    let (status, body) = posten(&coordinator, &app, &pad, &bord_pad, &fout).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("Kies sterkte, zwakte, kans of bedreiging."));
    let (status, body) = posten(&coordinator, &app, &pad, &bord_pad, &bord("1", codes.len())).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let geplaatst = format!(
        "SELECT COUNT(*) FROM swot_plaatsing p JOIN swot_sessie s ON s.id = p.sessie_id WHERE s.jaar = {jaar}"
    );
    assert_eq!(tel(&app, &geplaatst).await, codes.len() as i64);

    // A stap vooruit: refused without description and with an owner of another region.
    let stap_pad = format!("{pad}/stappen");
    let (status, body) = posten(
        &coordinator,
        &app,
        &pad,
        &stap_pad,
        &[
            ("verbeteractiviteit", codes[0].clone()),
            ("omschrijving", String::new()),
            ("eigenaar", limburg.to_string()),
            ("streefdatum", "morgen".into()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("Beschrijf de concrete stap vooruit."));
    assert!(body.contains("Kies de organisatie die eigenaar is van deze stap."));
    assert!(body.contains("value=\"morgen\""), "typed date kept");
    let (status, body) = posten(
        &coordinator,
        &app,
        &pad,
        &stap_pad,
        &[
            ("verbeteractiviteit", codes[0].clone()),
            (
                "omschrijving",
                "Fictief: werkafspraak VT en politie opstellen".into(),
            ),
            ("eigenaar", vt.to_string()),
            ("streefdatum", format!("{jaar}-04-01")),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let stap_id = tel(&app, "SELECT MAX(id) FROM swot_stap").await;
    let (status, body) = posten(
        &coordinator,
        &app,
        &pad,
        &format!("{stap_pad}/{stap_id}"),
        &[
            ("verbeteractiviteit", codes[0].clone()),
            (
                "omschrijving",
                "Fictief: werkafspraak VT en politie opstellen".into(),
            ),
            ("eigenaar", vt.to_string()),
            ("status", "loopt".into()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(
        tel(&app, &format!("SELECT COUNT(*) FROM swot_stap WHERE id = {stap_id} AND status = 'loopt' AND streefdatum IS NULL")).await,
        1
    );

    // Feedback round: ter reactie, a reactie of a municipality of the region, vastgesteld.
    let (status, body) = posten(
        &coordinator,
        &app,
        &pad,
        &status_pad,
        &[("status", "ter_reactie".into())],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let medewerker = login(&app, MEDEWERKER).await;
    let (status, body) = posten(
        &medewerker,
        &app,
        &pad,
        &format!("{pad}/reacties"),
        &[(
            "reactie",
            "Fictief: de gemeente mist de wijkteams bij stap 1.".into(),
        )],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let (status, _) = posten(
        &medewerker,
        &app,
        &pad,
        &status_pad,
        &[("status", "vastgesteld".into())],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    // Vastgesteld: the board is closed, the medewerker cannot reopen, the coordinator can.
    let (status, _) = posten(&coordinator, &app, &pad, &bord_pad, &bord("2", codes.len())).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (status, body) = posten(
        &medewerker,
        &app,
        &pad,
        &status_pad,
        &[("status", "concept".into())],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body.contains("alleen een regiocoördinator heropenen"),
        "{body}"
    );

    // The verslag, as HTML and PDF, in the order of the werkvorm.
    let v = pagina(&medewerker, &app, &format!("{pad}/verslag.html")).await;
    let volgorde = [
        "1. Deelnemers",
        "3. De SWOT",
        "4. Toelichting",
        "5. Feedbackronde",
    ];
    in_volgorde(&v, &volgorde);
    assert!(v.contains("Fictief: werkafspraak VT en politie opstellen"));
    assert!(v.contains("Fictief: de gemeente mist de wijkteams"));
    assert!(v.contains("Vastgesteld"));
    let (status, headers, _) = get(&medewerker, &app, &format!("{pad}/verslag.pdf")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type(&headers), "application/pdf");
    let pdf = medewerker
        .get(app.url(&format!("{pad}/verslag.pdf")))
        .send()
        .await
        .expect("pdf")
        .bytes()
        .await
        .expect("bytes");
    assert!(pdf.starts_with(b"%PDF"));
    let (status, body) = posten(
        &coordinator,
        &app,
        &pad,
        &status_pad,
        &[("status", "concept".into())],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");

    // The overview and the API: regions without a session are named, never counted as zero.
    let o = pagina(&medewerker, &app, &format!("/ontwikkelagenda/{jaar}")).await;
    assert_eq!(o.matches("Geen sessie gehouden").count(), 9, "{o}");
    let token = api_token(&app, LEZER).await;
    let (status, _, a) = api_get(&app, &token, &format!("/api/v1/swot-sessies?jaar={jaar}")).await;
    assert_eq!(status, StatusCode::OK, "{a}");
    assert_eq!(a["sessies"].as_array().map(Vec::len), Some(1), "{a}");
    assert_eq!(a["sessies"][0]["regio"], "oost-brabant");
    assert_eq!(
        a["sessies"][0]["plaatsingen"].as_array().map(Vec::len),
        Some(codes.len())
    );
    assert_eq!(a["regios_zonder_sessie"].as_array().map(Vec::len), Some(9));
    let (status, _, a) = api_get(
        &app,
        &token,
        &format!("/api/v1/swot-sessies?jaar={jaar}&regio=limburg"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(a["sessies"].as_array().map(Vec::len), Some(0));
    assert_eq!(a["regios_zonder_sessie"], serde_json::json!(["limburg"]));
    let (status, _, _) = api_get(&app, &token, "/api/v1/swot-sessies?jaar=twintig").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let fg = api_token(&app, "fg@demo.voorop.nl").await;
    let (status, _, _) = api_get(&app, &fg, &format!("/api/v1/swot-sessies?jaar={jaar}")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // Nine writes: open, board, board, step, step, ter reactie, reactie, vastgesteld, concept.
    assert_eq!(audit_aantal(&app, gewijzigd).await, voor + 9);
}

/// HTML as askama escapes it, for comparing names.
fn html(t: &str) -> String {
    t.replace('&', "&#38;")
        .replace('\'', "&#39;")
        .replace('"', "&#34;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[tokio::test]
async fn landelijke_synthese_per_verbeteractiviteit_met_vorig_jaar() {
    let app = start().await;
    // The demo's year (the tests pin its reference date).
    let jaar = i64::from(voorop::demo::PEILDATUM.year());
    let lezer = login(&app, LEZER).await;
    let (status, headers, _) = get(&lezer, &app, "/ontwikkelagenda").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        location(&headers),
        format!("/ontwikkelagenda/{}", volgend_jaar() - 1)
    );

    // The demo: every region held a session this year and last year.
    let s = pagina(&lezer, &app, &format!("/ontwikkelagenda/{jaar}")).await;
    assert!(s.contains("10 van de 10 regionale netwerken"), "{s}");
    assert!(s.contains("<svg"), "the chart");
    assert!(!s.contains("Geen sessie gehouden"));
    // Every row of the data table agrees with the stored placements.
    let token = api_token(&app, LEZER).await;
    let (_, _, a) = api_get(&app, &token, "/api/v1/verbeteractiviteiten").await;
    let mut verschoven = 0;
    for v in a["verbeteractiviteiten"].as_array().expect("lijst") {
        let code = v["code"].as_str().expect("code");
        let mut cellen = String::new();
        for k in ["sterkte", "zwakte", "kans", "bedreiging"] {
            let n = tel(
                &app,
                &format!(
                    "SELECT COUNT(*) FROM swot_plaatsing p JOIN swot_sessie s ON s.id = p.sessie_id
                     WHERE s.jaar = {jaar} AND p.verbeteractiviteit = '{code}' AND p.kwadrant = '{k}'"
                ),
            )
            .await;
            cellen += &format!("<td>{n}</td>");
        }
        let rij = format!(
            "<th scope=\"row\">{}</th>{cellen}<td>0</td><td>0</td>",
            html(v["naam"].as_str().expect("naam"))
        );
        assert!(s.contains(&rij), "{rij} in\n{s}");
        verschoven += tel(
            &app,
            &format!(
                "SELECT COUNT(*) FROM swot_plaatsing p JOIN swot_sessie s ON s.id = p.sessie_id
                 JOIN swot_sessie s2 ON s2.regio_code = s.regio_code AND s2.jaar = {vorig}
                 JOIN swot_plaatsing p2 ON p2.sessie_id = s2.id AND p2.verbeteractiviteit = p.verbeteractiviteit
                 WHERE s.jaar = {jaar} AND p.verbeteractiviteit = '{code}' AND p2.kwadrant <> p.kwadrant",
                vorig = jaar - 1
            ),
        )
        .await;
    }
    assert!(
        verschoven > 0,
        "the demo moves some placements between the years"
    );
    assert_eq!(
        s.matches(": van ").count(),
        verschoven as usize,
        "every shift is listed once"
    );
    assert!(s.contains("Verschoven sinds vorig jaar"));
    // The region's own page marks what moved since its session of last year.
    let eigen = pagina(
        &lezer,
        &app,
        &format!("/ontwikkelagenda/{jaar}/oost-brabant"),
    )
    .await;
    let verschoven_regio = tel(
        &app,
        &format!(
            "SELECT COUNT(*) FROM swot_plaatsing p JOIN swot_sessie s ON s.id = p.sessie_id
             JOIN swot_sessie s2 ON s2.regio_code = s.regio_code AND s2.jaar = {vorig}
             JOIN swot_plaatsing p2 ON p2.sessie_id = s2.id AND p2.verbeteractiviteit = p.verbeteractiviteit
             WHERE s.jaar = {jaar} AND s.regio_code = 'oost-brabant' AND p2.kwadrant <> p.kwadrant",
            vorig = jaar - 1
        ),
    )
    .await;
    assert!(
        verschoven_regio > 0,
        "the demo moves some of Oost-Brabant's placements"
    );
    assert_eq!(
        eigen.matches("(vorig jaar: ").count(),
        verschoven_regio as usize,
        "{eigen}"
    );

    // Planning and measuring linked: a Werkset theme leads to its verbeteractiviteit, and back.
    let (status, headers, _) = get(&lezer, &app, &format!("/ontwikkelagenda/{jaar}/thema/3")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        location(&headers),
        format!("/ontwikkelagenda/{jaar}#va-actie_overleg_dreigend_gevaar")
    );
    let (status, _, _) = get(&lezer, &app, &format!("/ontwikkelagenda/{jaar}/thema/9")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(
        s.contains(&format!("href=\"/werkset/oost-brabant/{jaar}#thema-3\"")),
        "{s}"
    );
    let werkset = pagina(&lezer, &app, &format!("/werkset/oost-brabant/{jaar}")).await;
    assert!(werkset.contains(&format!("href=\"/ontwikkelagenda/{jaar}/thema/3\"")));

    // A year without sessions says so, and names every region as without a session.
    let leeg = pagina(&lezer, &app, &format!("/ontwikkelagenda/{}", jaar + 1)).await;
    assert!(leeg.contains(&format!(
        "Voor {} is nog geen SWOT-sessie gehouden",
        jaar + 1
    )));
    assert_eq!(leeg.matches("Geen sessie gehouden").count(), 10);
    assert!(!leeg.contains("<svg"), "no chart of zeros");
    // Not for the privacy officer; a year out of range is refused in Dutch.
    let fg = login(&app, "fg@demo.voorop.nl").await;
    let (status, _, _) = get(&fg, &app, &format!("/ontwikkelagenda/{jaar}")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, body) = get(&lezer, &app, "/ontwikkelagenda/1999").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("Kies een jaar van 2018 tot en met"), "{body}");
}

#[tokio::test]
async fn uitvoeringsplan_van_vorig_jaar_bijwerken_en_lezen() {
    let app = start().await;
    let demo = i64::from(voorop::demo::PEILDATUM.year());
    let jaar = demo + 1;
    let pad = format!("/uitvoeringsplan/{jaar}");
    let beheerder = login(&app, BEHEERDER).await;
    let gewijzigd = "ontwikkelagenda.uitvoeringsplan_gewijzigd";
    let voor = audit_aantal(&app, gewijzigd).await;

    let leeg = pagina(&beheerder, &app, &pad).await;
    assert!(leeg.contains(&format!("Er is nog geen uitvoeringsplan voor {jaar}")));
    assert!(
        leeg.contains(&format!("Voortbouwen op het plan van {demo}")),
        "{leeg}"
    );

    // Only the national network writes the plan; a bad choice is refused in Dutch.
    let coordinator = login(&app, COORDINATOR).await;
    let (status, _) = posten(
        &coordinator,
        &app,
        &pad,
        &pad,
        &[("bron", "catalogus".into())],
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, body) = posten(&beheerder, &app, &pad, &pad, &[("bron", "elders".into())]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("Kies: vanuit de catalogus of vanuit het plan van vorig jaar."));

    // The learning loop: open activities go along without months, finished ones stay behind,
    // cost items go along without amounts.
    let (status, body) = posten(&beheerder, &app, &pad, &pad, &[("bron", "vorig".into())]).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let open_vorig = tel(&app, &format!("SELECT COUNT(*) FROM uitvoeringsplan_activiteit WHERE jaar = {demo} AND status IN ('gepland', 'loopt')")).await;
    assert!(open_vorig > 0);
    assert_eq!(
        tel(
            &app,
            &format!("SELECT COUNT(*) FROM uitvoeringsplan_activiteit WHERE jaar = {jaar}")
        )
        .await,
        open_vorig
    );
    assert_eq!(tel(&app, &format!("SELECT COUNT(*) FROM uitvoeringsplan_activiteit WHERE jaar = {jaar} AND (maanden <> '' OR status NOT IN ('gepland', 'loopt'))")).await, 0);
    assert_eq!(tel(&app, &format!("SELECT COUNT(*) FROM uitvoeringsplan_kosten WHERE jaar = {jaar} AND bedrag_euro IS NOT NULL")).await, 0);
    assert_eq!(
        tel(
            &app,
            &format!(
                "SELECT COUNT(*) FROM uitvoeringsplan WHERE jaar = {jaar} AND vorig_jaar = {demo}"
            )
        )
        .await,
        1
    );
    let (status, body) = posten(&beheerder, &app, &pad, &pad, &[("bron", "vorig".into())]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("Voor dit jaar bestaat al een uitvoeringsplan."));

    // An activity's status, months and update; refused input keeps what was typed.
    let id = tel(
        &app,
        &format!("SELECT MIN(id) FROM uitvoeringsplan_activiteit WHERE jaar = {jaar}"),
    )
    .await;
    let act = format!("{pad}/activiteiten/{id}");
    let (status, body) = posten(
        &beheerder,
        &app,
        &pad,
        &act,
        &[
            ("status", "klaar".into()),
            ("maand", "13".into()),
            ("stand", "Fictief: blijft staan".into()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("Kies gepland, loopt, gereed of vervallen."));
    assert!(body.contains("Kies maanden van januari tot en met december."));
    assert!(body.contains("Fictief: blijft staan"));
    let (status, body) = posten(
        &beheerder,
        &app,
        &pad,
        &act,
        &[
            ("status", "gereed".into()),
            ("maand", "4".into()),
            ("maand", "3".into()),
            ("stand", "Fictief: afgerond".into()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(tel(&app, &format!("SELECT COUNT(*) FROM uitvoeringsplan_activiteit WHERE id = {id} AND status = 'gereed' AND maanden = '03,04' AND stand = 'Fictief: afgerond'")).await, 1);
    let (status, _) = posten(
        &beheerder,
        &app,
        &pad,
        &format!("{pad}/activiteiten/999999"),
        &[("status", "loopt".into())],
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // A new activity and a cost item of a verbeteractiviteit of the plan.
    let va: String = sqlx::query_scalar(&format!("SELECT verbeteractiviteit FROM uitvoeringsplan_onderdeel WHERE jaar = {jaar} ORDER BY volgorde LIMIT 1"))
        .fetch_one(&app.db)
        .await
        .expect("onderdeel");
    let (status, _) = posten(
        &beheerder,
        &app,
        &pad,
        &format!("{pad}/activiteiten"),
        &[("verbeteractiviteit", va.clone()), ("naam", " ".into())],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = posten(
        &beheerder,
        &app,
        &pad,
        &format!("{pad}/activiteiten"),
        &[
            ("verbeteractiviteit", va.clone()),
            ("naam", "Fictief: Werkbezoek VT & politie".into()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(tel(&app, &format!("SELECT COUNT(*) FROM uitvoeringsplan_activiteit WHERE jaar = {jaar} AND code = 'fictief_werkbezoek_vt_politie' AND status = 'gepland'")).await, 1);
    let (status, body) = posten(
        &beheerder,
        &app,
        &pad,
        &format!("{pad}/kosten"),
        &[
            ("verbeteractiviteit", va.clone()),
            ("naam", "Fictief: bijeenkomst".into()),
            ("bedrag", "veel".into()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("Vul het bedrag in hele euro"));
    assert!(body.contains("value=\"veel\""));
    let (status, _) = posten(
        &beheerder,
        &app,
        &pad,
        &format!("{pad}/kosten"),
        &[
            ("verbeteractiviteit", va.clone()),
            ("naam", "Fictief: bijeenkomst".into()),
            ("bedrag", "€ 12.500".into()),
            ("financier", "Fictief fonds".into()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(tel(&app, &format!("SELECT COUNT(*) FROM uitvoeringsplan_kosten WHERE jaar = {jaar} AND bedrag_euro = 12500")).await, 1);
    let (status, _) = posten(
        &beheerder,
        &app,
        &pad,
        &format!("{pad}/onderdelen/{va}"),
        &[
            ("doel", "Fictief doel".into()),
            ("supervisor", "Fictieve supervisor".into()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _) = posten(
        &beheerder,
        &app,
        &pad,
        &format!("{pad}/onderdelen/bestaat_niet"),
        &[("doel", "x".into())],
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // Five writes: the plan, the activity, a new one, a cost item and a part.
    assert_eq!(audit_aantal(&app, gewijzigd).await, voor + 5);

    // Everyone but the FG reads it: the page with its planning, and the API.
    let lezer = login(&app, LEZER).await;
    let p = pagina(&lezer, &app, &pad).await;
    assert!(
        p.contains("<svg") && p.contains("Planning uitvoeringsplan"),
        "{p}"
    );
    assert!(
        p.contains("Fictief: afgerond")
            && p.contains("€ 12.500")
            && p.contains("Fictieve supervisor")
    );
    assert!(
        !p.contains("Plan opstellen") && !p.contains("Bijwerken<"),
        "no forms for a reader"
    );
    let fg = login(&app, "fg@demo.voorop.nl").await;
    let (status, _, _) = get(&fg, &app, &pad).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let token = api_token(&app, LEZER).await;
    let (status, _, a) = api_get(&app, &token, &format!("/api/v1/uitvoeringsplannen/{jaar}")).await;
    assert_eq!(status, StatusCode::OK, "{a}");
    assert_eq!(a["vorig_jaar"], demo);
    let totaal: usize = a["onderdelen"]
        .as_array()
        .expect("onderdelen")
        .iter()
        .map(|o| o["activiteiten"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(totaal as i64, open_vorig + 1);
    // The PDF in seed 000's order: overview and planning, then per verbeteractiviteit.
    let r = lezer
        .get(app.url(&format!("{pad}/plan.pdf")))
        .send()
        .await
        .expect("pdf");
    assert_eq!(r.status(), StatusCode::OK);
    let tekst = pdf_tekst(&r.bytes().await.expect("bytes"));
    let volgorde = [
        "1. Overzicht en planning",
        "2. Uitwerking per verbeteractiviteit",
        "Wat willen we bereiken?",
        "Concrete activiteiten",
        "Ontwikkelkosten",
    ];
    in_volgorde(&tekst, &volgorde);
    for t in [
        "Fictief: afgerond",
        "€ 12.500",
        "Fictieve supervisor",
        "Fictief doel",
    ] {
        assert!(tekst.contains(t), "{t}:\n{tekst}");
    }
    let (status, _, _) = api_get(&app, &token, "/api/v1/uitvoeringsplannen/2019").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = api_get(&app, &token, "/api/v1/uitvoeringsplannen/volgend").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    // A region's stap vooruit that contributes to a national activity shows under it.
    let sessie = format!("/ontwikkelagenda/{demo}/oost-brabant");
    let vt = org_id(&app, "vt-oost-brabant").await;
    let (status, body) = posten(
        &coordinator,
        &app,
        &sessie,
        &format!("{sessie}/stappen"),
        &[
            ("verbeteractiviteit", "duurzame_bestendiging".into()),
            (
                "omschrijving",
                "Fictief: regionale inbreng voor het besluit over de visie".into(),
            ),
            ("eigenaar", vt.to_string()),
            ("landelijke_activiteit", "besluit_visie".into()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let p = pagina(&lezer, &app, &format!("/uitvoeringsplan/{demo}")).await;
    assert!(
        p.contains("Fictief: regionale inbreng voor het besluit over de visie"),
        "{p}"
    );
    let (_, _, a) = api_get(&app, &token, &format!("/api/v1/uitvoeringsplannen/{demo}")).await;
    assert!(
        a["regionale_stappen"]
            .as_array()
            .expect("stappen")
            .iter()
            .any(|s| s["activiteit"] == "besluit_visie" && s["regio"] == "Oost-Brabant"),
        "{a}"
    );
}

#[tokio::test]
async fn verantwoording_per_regio_en_partner_met_de_werkset() {
    let app = start().await;
    let jaar = i64::from(voorop::demo::PEILDATUM.year()) - 1;
    let lezer = login(&app, LEZER).await;
    let v = pagina(
        &lezer,
        &app,
        &format!("/ontwikkelagenda/{jaar}/verantwoording"),
    )
    .await;
    for (code, _) in voorop::gedeeld::REGIOS {
        let stappen = |extra: &str| {
            format!(
                "SELECT COUNT(*) FROM swot_stap st JOIN swot_sessie s ON s.id = st.sessie_id
                 WHERE s.jaar = {jaar} AND s.regio_code = '{code}'{extra}"
            )
        };
        let totaal = tel(&app, &stappen("")).await;
        let gereed = tel(&app, &stappen(" AND st.status = 'gereed'")).await;
        let inspanningen = tel(
            &app,
            &format!(
                "SELECT COUNT(*) FROM werkset_inspanning i JOIN werkset_registratie r ON r.id = i.registratie_id
                 WHERE r.regio_code = '{code}' AND r.periode = '{jaar}'"
            ),
        )
        .await;
        let begin = v
            .find(&format!("<a href=\"#regio-{code}\">"))
            .unwrap_or_else(|| panic!("{code} in\n{v}"));
        let rij = &v[begin..begin + v[begin..].find("</tr>").expect("einde rij")];
        assert!(
            rij.contains(&format!("<td>{totaal}</td><td>{gereed}</td>")),
            "{code}: {totaal} stappen, {gereed} gereed in {rij}"
        );
        if inspanningen > 0 {
            assert!(
                rij.contains(&format!("<td>{inspanningen}</td>")),
                "{code}: {rij}"
            );
        }
    }
    // The partner whose finished steps are the results.
    let (eigenaar, stap): (String, String) = sqlx::query_as(&format!(
        "SELECT o.naam, st.omschrijving FROM swot_stap st JOIN swot_sessie s ON s.id = st.sessie_id
         JOIN organisatie o ON o.id = st.eigenaar_organisatie_id
         WHERE s.jaar = {jaar} AND st.status = 'gereed' ORDER BY st.id LIMIT 1"
    ))
    .fetch_one(&app.db)
    .await
    .expect("een afgeronde stap in de demo");
    assert!(
        v.contains(&format!("<th scope=\"row\">{}</th>", html(&eigenaar))),
        "{eigenaar}"
    );
    assert!(v.contains(&html(&stap)));
    assert!(
        v.contains(&format!("/uitvoeringsplan/{jaar}")),
        "the national plan"
    );
    // The same report as PDF, in the page's order, with every region.
    let r = lezer
        .get(app.url(&format!("/ontwikkelagenda/{jaar}/verantwoording.pdf")))
        .send()
        .await
        .expect("pdf");
    assert_eq!(r.status(), StatusCode::OK);
    let tekst = pdf_tekst(&r.bytes().await.expect("bytes"));
    let volgorde = [
        format!("Verantwoording ontwikkelagenda {jaar}"),
        "1. Landelijk uitvoeringsplan".to_string(),
        "2. Per regionaal netwerk".to_string(),
        "Behaalde resultaten".to_string(),
        "3. Per partnerorganisatie".to_string(),
    ];
    in_volgorde(&tekst, &volgorde);
    for (_, naam) in voorop::gedeeld::REGIOS {
        assert!(tekst.contains(naam), "{naam} in\n{tekst}");
    }
    let fg = login(&app, "fg@demo.voorop.nl").await;
    for pad in ["verantwoording", "verantwoording.pdf"] {
        let (status, _, _) = get(&fg, &app, &format!("/ontwikkelagenda/{jaar}/{pad}")).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
}

/// The Actie-overleg page and the routekaart lead to the region's place in the
/// Ontwikkelagenda of this year (synthesis of the Actie-overleg theme, SWOT session, network
/// year), and every such link opens for the user who saw it.
#[tokio::test]
async fn actieoverleg_en_routekaart_verwijzen_naar_de_ontwikkelagenda() {
    let app = start().await;
    let jaar = voorop::db::dit_jaar();
    for (email, pad, verwacht) in [
        (
            "politie@demo.voorop.nl",
            "/actieoverleg",
            vec![
                format!("/ontwikkelagenda/{jaar}/thema/3"),
                format!("/ontwikkelagenda/{jaar}/oost-brabant"),
                format!("/ontwikkelagenda/{jaar}/oost-brabant/netwerk"),
            ],
        ),
        (
            COORDINATOR,
            "/routekaart",
            vec![
                format!("/ontwikkelagenda/{jaar}/oost-brabant"),
                format!("/ontwikkelagenda/{jaar}/oost-brabant/netwerk"),
            ],
        ),
    ] {
        let c = login(&app, email).await;
        let body = pagina(&c, &app, pad).await;
        for doel in verwacht {
            assert!(
                body.contains(&format!("href=\"{doel}\"")),
                "{pad} links to {doel}:\n{body}"
            );
            let (status, _, _) = get(&c, &app, &doel).await;
            assert!(
                status == StatusCode::OK || status == StatusCode::SEE_OTHER,
                "{email} opens {doel}: {status}"
            );
        }
    }
}
