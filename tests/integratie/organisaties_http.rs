//! Beheer › Organisaties over HTTP (issue 7): create, edit, deactivate and reactivate
//! organisations; the rules of who may manage which region; every change audited with the old
//! and new value; a deactivated organisation cannot be chosen and its users cannot sign in.

use crate::common::*;
use reqwest::StatusCode;

const VT_ZOB: &str = "vt.zob@demo.voorop.nl";
const POLITIE: &str = "politie@demo.voorop.nl";

async fn details(app: &TestApp, code: &str) -> Vec<String> {
    sqlx::query_scalar("SELECT details FROM audit_log WHERE code = $1 ORDER BY id")
        .bind(code)
        .fetch_all(&app.db)
        .await
        .unwrap()
}

/// Posts the organisation form (new when `id` is None).
async fn formulier(
    c: &reqwest::Client,
    app: &TestApp,
    id: Option<i64>,
    velden: &[(&str, &str)],
) -> (StatusCode, String) {
    let pad = match id {
        Some(id) => format!("/beheer/organisaties/{id}"),
        None => "/beheer/organisaties".to_string(),
    };
    let token = csrf_van(c, app, "/beheer/organisaties/nieuw").await;
    let mut form = vec![("_csrf", token.as_str())];
    form.extend_from_slice(velden);
    let (status, _, body) = post_form(c, app, &pad, &form).await;
    (status, body)
}

#[tokio::test]
async fn demo_heeft_twee_veilig_thuis_organisaties_in_oost_brabant() {
    let app = start().await;
    let vt: Vec<(String, String)> = sqlx::query_as(
        "SELECT code, naam FROM organisatie WHERE regio_code = 'oost-brabant'
         AND soort = 'veilig_thuis' ORDER BY code",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(
        vt,
        [
            (
                "vt-oost-brabant".to_string(),
                "Veilig Thuis Brabant-Noordoost (demo)".to_string()
            ),
            (
                "vt-zuidoost-brabant".to_string(),
                "Veilig Thuis Zuidoost-Brabant (demo)".to_string()
            ),
        ]
    );
    // Both take part in the demo cases, each in its own, and both in the Actie-overleg.
    for code in ["vt-oost-brabant", "vt-zuidoost-brabant"] {
        let org = org_id(&app, code).await;
        let momenten: i64 = sqlx::query_scalar(
            "SELECT COUNT(DISTINCT moment_id) FROM moment_deelnemer WHERE organisatie_id = $1",
        )
        .bind(org)
        .fetch_one(&app.db)
        .await
        .unwrap();
        assert!(momenten >= 50, "{code}: {momenten} momenten");
        let aanwezig: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM vergadering_aanwezigheid WHERE organisatie_id = $1 AND aanwezig = TRUE",
        )
        .bind(org)
        .fetch_one(&app.db)
        .await
        .unwrap();
        assert!(aanwezig >= 10, "{code}: {aanwezig} keer aanwezig");
    }
    // Attendance in the Actie-overleg: each VT apart, and Veilig Thuis as a whole.
    let token = api_token(&app, COORDINATOR).await;
    let (status, _, json) = api_get(
        &app,
        &token,
        "/api/v1/indicatoren?regio=oost-brabant&periode=2025",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let rijen = json["indicatoren"].as_array().expect("indicatoren");
    let teller = |code: &str, veld: &str, waarde: &str| -> u64 {
        rijen
            .iter()
            .find(|r| r["code"] == code && r[veld] == waarde)
            .unwrap_or_else(|| panic!("geen {code} {waarde}"))["teller"]
            .as_u64()
            .unwrap_or_else(|| panic!("{code} {waarde} onderdrukt"))
    };
    let bno = teller(
        "ao_aanwezigheid",
        "organisatie",
        "Veilig Thuis Brabant-Noordoost (demo)",
    );
    let zob = teller(
        "ao_aanwezigheid",
        "organisatie",
        "Veilig Thuis Zuidoost-Brabant (demo)",
    );
    assert!(
        zob < bno,
        "VT BNO zit elke vergadering voor: {bno}, VT ZOB {zob}"
    );
    assert_eq!(
        teller("ao_aanwezigheid_soort", "organisatiesoort", "veilig_thuis"),
        bno + zob
    );

    // The new VT's demo users sign in like the others (password, then the demo TOTP code).
    for email in [VT_ZOB, "coordinator.zob@demo.voorop.nl"] {
        let c = login(&app, email).await;
        let body = pagina(&c, &app, "/account/wachtwoord").await;
        assert!(body.contains("Veilig Thuis Zuidoost-Brabant"), "{body}");
    }
}

#[tokio::test]
async fn coordinator_beheert_organisaties_van_de_eigen_regio_met_audit() {
    let app = start().await;
    let coord = login(&app, COORDINATOR).await;

    // The list: the own region's organisations, active and inactive, not Limburg's.
    let lijst = pagina(&coord, &app, "/beheer/organisaties").await;
    assert!(lijst.contains("Veilig Thuis Zuidoost-Brabant (demo)"));
    assert!(lijst.contains("Veilig Thuis Brabant-Noordoost (demo)"));
    assert!(!lijst.contains("netwerk-limburg"), "Limburg in de lijst");
    // The navigation links to it beside Gebruikers.
    assert!(lijst.contains("href=\"/beheer/organisaties\""));

    // A rejected form keeps what was typed and names the field.
    let (status, body) = formulier(
        &coord,
        &app,
        None,
        &[
            ("code", "3ro-zuidoost"),
            ("naam", ""),
            ("soort", "3ro"),
            ("regio", "oost-brabant"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body.contains("Vul de naam van de organisatie in."),
        "{body}"
    );
    assert!(body.contains("value=\"3ro-zuidoost\""), "{body}");
    // Not in another region, not even a network.
    let (status, body) = formulier(
        &coord,
        &app,
        None,
        &[
            ("code", "netwerk-limburg-2"),
            ("naam", "Tweede netwerk Limburg"),
            ("soort", "netwerk"),
            ("regio", "limburg"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body.contains("alleen organisaties in uw eigen regio"),
        "{body}"
    );
    // A taken code is a form error, not a 500.
    let (status, body) = formulier(
        &coord,
        &app,
        None,
        &[
            ("code", "vt-zuidoost-brabant"),
            ("naam", "Dubbel"),
            ("soort", "veilig_thuis"),
            ("regio", "oost-brabant"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("al in gebruik"), "{body}");
    assert!(
        details(&app, "beheer.organisatie_aangemaakt")
            .await
            .is_empty()
    );

    let (status, body) = formulier(
        &coord,
        &app,
        None,
        &[
            ("code", "3ro-zuidoost"),
            ("naam", "Reclassering Zuidoost (test)"),
            ("soort", "3ro"),
            ("regio", "oost-brabant"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(
        details(&app, "beheer.organisatie_aangemaakt").await,
        ["code=3ro-zuidoost soort=3ro regio=oost-brabant"]
    );
    let nieuw = org_id(&app, "3ro-zuidoost").await;
    // Nothing refers to it yet: code and kind can still change; renaming is audited.
    let (status, body) = formulier(
        &coord,
        &app,
        Some(nieuw),
        &[
            ("code", "reclassering-zuidoost"),
            ("naam", "Reclassering Zuidoost-Brabant (test)"),
            ("soort", "3ro"),
            ("regio", "oost-brabant"),
            ("actief", "1"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(
        details(&app, "beheer.organisatie_gewijzigd").await,
        [
            "code: 3ro-zuidoost -> reclassering-zuidoost",
            "naam: Reclassering Zuidoost (test) -> Reclassering Zuidoost-Brabant (test)"
        ]
    );

    // An organisation in use keeps its code and kind, and a coordinator cannot move it.
    let vt_zob = org_id(&app, "vt-zuidoost-brabant").await;
    let bewerk = pagina(&coord, &app, &format!("/beheer/organisaties/{vt_zob}")).await;
    assert!(bewerk.contains("Code en soort staan vast"), "{bewerk}");
    for (veld, waarde, melding) in [
        ("soort", "politie", "De soort staat vast"),
        ("code", "vt-zob", "De code staat vast"),
        ("regio", "limburg", "alleen organisaties in uw eigen regio"),
    ] {
        let mut velden = vec![
            ("code", "vt-zuidoost-brabant"),
            ("naam", "Veilig Thuis Zuidoost-Brabant (demo)"),
            ("soort", "veilig_thuis"),
            ("regio", "oost-brabant"),
            ("actief", "1"),
        ];
        velden.retain(|(k, _)| *k != veld);
        velden.push((veld, waarde));
        let (status, body) = formulier(&coord, &app, Some(vt_zob), &velden).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{veld}");
        assert!(body.contains(melding), "{veld}: {body}");
    }
    // Nobody deactivates their own organisation.
    let eigen = org_id(&app, "netwerk-oost-brabant").await;
    let (status, body) = formulier(
        &coord,
        &app,
        Some(eigen),
        &[
            ("code", "netwerk-oost-brabant"),
            ("naam", "Regionaal netwerk zorg-straf Oost-Brabant (demo)"),
            ("soort", "netwerk"),
            ("regio", "oost-brabant"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("eigen organisatie"), "{body}");
    assert_eq!(details(&app, "beheer.organisatie_gewijzigd").await.len(), 2);

    // A gemeente's coordinator cannot lock the beheerder out by deactivating the network.
    sqlx::query("UPDATE gebruiker SET rol = 'regiocoordinator' WHERE email = $1")
        .bind(LEZER)
        .execute(&app.db)
        .await
        .unwrap();
    let gem_coord = login(&app, LEZER).await;
    let (status, body) = formulier(
        &gem_coord,
        &app,
        Some(eigen),
        &[
            ("code", "netwerk-oost-brabant"),
            ("naam", "Regionaal netwerk zorg-straf Oost-Brabant (demo)"),
            ("soort", "netwerk"),
            ("regio", "oost-brabant"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body.contains("alleen een beheerder kan haar deactiveren"),
        "{body}"
    );
    assert_eq!(details(&app, "beheer.organisatie_gewijzigd").await.len(), 2);

    // Another region's coordinator and staff cannot manage it; the beheerder can. For the
    // first it lies outside the scope (not found), the second has no scope at all.
    let limburg = login(&app, COORDINATOR_LIMBURG).await;
    let pad = format!("/beheer/organisaties/{vt_zob}");
    assert_eq!(get(&limburg, &app, &pad).await.0, StatusCode::NOT_FOUND);
    let medewerker = login(&app, MEDEWERKER).await;
    assert_eq!(
        get(&medewerker, &app, "/beheer/organisaties").await.0,
        StatusCode::FORBIDDEN
    );
    let beheerder = login(&app, BEHEERDER).await;
    let alles = pagina(&beheerder, &app, "/beheer/organisaties").await;
    assert!(alles.contains("netwerk-limburg"));
}

#[tokio::test]
async fn gedeactiveerde_organisatie_is_niet_te_kiezen_en_haar_gebruikers_loggen_niet_in() {
    let app = start().await;
    let coord = login(&app, COORDINATOR).await;
    let zob_medewerker = login(&app, VT_ZOB).await;
    let politie = login(&app, POLITIE).await;
    let vt_zob = org_id(&app, "vt-zuidoost-brabant").await;
    let zet = |actief: &'static str| {
        let (app, coord) = (&app, coord.clone());
        async move {
            formulier(
                &coord,
                app,
                Some(vt_zob),
                &[
                    ("code", "vt-zuidoost-brabant"),
                    ("naam", "Veilig Thuis Zuidoost-Brabant (demo)"),
                    ("soort", "veilig_thuis"),
                    ("regio", "oost-brabant"),
                    ("actief", actief),
                ],
            )
            .await
        }
    };
    let nieuw_moment = pagina(&politie, &app, "/casussen/nieuw/acuut").await;
    assert!(nieuw_moment.contains("Veilig Thuis Zuidoost-Brabant"));

    let (status, body) = zet("").await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(
        details(&app, "beheer.organisatie_gewijzigd").await,
        ["actief: true -> false"]
    );
    let lijst = pagina(&coord, &app, "/beheer/organisaties").await;
    assert!(lijst.contains("inactief"));
    // Beheer › Gebruikers says why its users cannot sign in.
    let gebruikers = pagina(&coord, &app, "/beheer/gebruikers").await;
    let rij = gebruikers
        .split("<tr>")
        .find(|r| r.contains(VT_ZOB))
        .expect("rij van de VT-medewerker");
    assert!(rij.contains("organisatie inactief"), "{rij}");

    // Its users' sessions end and they cannot sign in.
    let (status, headers, _) = get(&zob_medewerker, &app, "/zelfscan").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(location(&headers).starts_with("/inloggen"));
    let (status, _, _) = probeer_inloggen(&client(), &app, VT_ZOB, voorop::demo::WACHTWOORD).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    // It is no longer offered for new participations, nor accepted when posted anyway.
    let nieuw_moment = pagina(&politie, &app, "/casussen/nieuw/acuut").await;
    assert!(!nieuw_moment.contains("Veilig Thuis Zuidoost-Brabant"));
    let moment: i64 = sqlx::query_scalar(
        "SELECT m.id FROM moment m JOIN moment_deelnemer d ON d.moment_id = m.id
         JOIN casus c ON c.id = m.casus_id
         WHERE d.organisatie_id = $1 AND d.tot IS NULL AND c.status = 'open'
           AND NOT EXISTS (SELECT 1 FROM moment_deelnemer x WHERE x.moment_id = m.id
                           AND x.organisatie_id = $2)
         ORDER BY m.id LIMIT 1",
    )
    .bind(org_id(&app, "politie-oost-brabant").await)
    .bind(vt_zob)
    .fetch_one(&app.db)
    .await
    .expect("een moment van de politie zonder VT Zuidoost-Brabant");
    let pad = format!("/casussen/moment/{moment}");
    let token = csrf_van(&politie, &app, &pad).await;
    let (status, _, body) = post_form(
        &politie,
        &app,
        &format!("{pad}/deelnemers"),
        &[
            ("_csrf", token.as_str()),
            ("organisatie", vt_zob.to_string().as_str()),
            ("actie", "toevoegen"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");

    // Nor for new accounts.
    let token = csrf_van(&coord, &app, "/beheer/gebruikers/nieuw").await;
    let (status, _, body) = post_form(
        &coord,
        &app,
        "/beheer/gebruikers",
        &[
            ("_csrf", token.as_str()),
            ("email", "nieuw.zob@voorbeeld.nl"),
            ("naam", "Nieuwe Collega"),
            ("organisatie", "vt-zuidoost-brabant"),
            ("rol", "medewerker"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("inactief"), "{body}");

    // Nor recorded as absent at new meetings of the overleg it is a member of (its past
    // attendance stays for the indicators).
    let vt = login(&app, "vt@demo.voorop.nl").await;
    let vergadering: i64 = sqlx::query_scalar("SELECT MAX(id) FROM vergadering")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let aanwezig = |org: i64| {
        let app = &app;
        async move {
            sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(*) FROM vergadering_aanwezigheid WHERE vergadering_id = $1 AND organisatie_id = $2",
            )
            .bind(vergadering)
            .bind(org)
            .fetch_one(&app.db)
            .await
            .unwrap()
        }
    };
    sqlx::query("DELETE FROM vergadering_aanwezigheid WHERE vergadering_id = $1")
        .bind(vergadering)
        .execute(&app.db)
        .await
        .unwrap();
    let token = csrf_van(&vt, &app, "/actieoverleg").await;
    let (status, _, body) = post_form(
        &vt,
        &app,
        &format!("/actieoverleg/vergadering/{vergadering}/aanwezigheid"),
        &[
            ("_csrf", token.as_str()),
            ("aanwezig", vt_zob.to_string().as_str()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(aanwezig(vt_zob).await, 0, "inactive member not recorded");
    assert_eq!(
        aanwezig(org_id(&app, "politie-oost-brabant").await).await,
        1,
        "active members are"
    );

    // Reactivated: chosen and signed in again, audited.
    let (status, _) = zet("1").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        details(&app, "beheer.organisatie_gewijzigd").await,
        ["actief: true -> false", "actief: false -> true"]
    );
    let (status, _, _) = probeer_inloggen(&client(), &app, VT_ZOB, voorop::demo::WACHTWOORD).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let nieuw_moment = pagina(&politie, &app, "/casussen/nieuw/acuut").await;
    assert!(nieuw_moment.contains("Veilig Thuis Zuidoost-Brabant"));
}

#[tokio::test]
async fn publieke_teksten_achter_de_voetregel() {
    let app = start().await;
    // Readable without signing in, linked from every page's footer.
    let anoniem = client();
    let inloggen = pagina(&anoniem, &app, "/inloggen").await;
    for (pad, titel) in [
        ("/over/toegankelijkheid", "Toegankelijkheidsverklaring"),
        ("/over/privacy", "Privacyverklaring"),
        ("/over/contact", "Contact"),
    ] {
        assert!(
            inloggen.contains(&format!(r#"href="{pad}""#)),
            "{pad} not in the footer"
        );
        let body = pagina(&anoniem, &app, pad).await;
        assert!(body.contains(&format!("<h1>{titel}</h1>")), "{body}");
        assert!(
            body.contains("fictieve gegevens"),
            "the default says it is a demo text"
        );
    }
    let (status, _, _) = get(&anoniem, &app, "/over/onbekend").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Only a beheerder edits; others get 403 and the text stays.
    let medewerker = login(&app, MEDEWERKER).await;
    let (status, _, _) = get(&medewerker, &app, "/beheer/teksten/contact").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let token = csrf_van(&medewerker, &app, "/over/contact").await;
    let (status, _, _) = post_form(
        &medewerker,
        &app,
        "/beheer/teksten/contact",
        &[("_csrf", token.as_str()), ("tekst", "Gekaapt")],
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(
        !pagina(&anoniem, &app, "/over/contact")
            .await
            .contains("Gekaapt")
    );

    let beheerder = login(&app, BEHEERDER).await;
    let form = pagina(&beheerder, &app, "/beheer/teksten/contact").await;
    assert!(
        form.contains("Veilig Thuis, 0800-2000"),
        "the current text to edit"
    );
    let token = csrf(&form);
    // Empty: refused in Dutch, nothing stored.
    let (status, _, body) = post_form(
        &beheerder,
        &app,
        "/beheer/teksten/contact",
        &[("_csrf", token.as_str()), ("tekst", "   ")],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("Vul de tekst in"), "{body}");
    let audit_voor = audit_aantal(&app, "beheer.tekst_gewijzigd").await;
    let nieuw = "Bel de servicedesk van de regio: 040-0000000 (fictief).\r\n\r\nOf mail servicedesk@regio.invalid.";
    let (status, headers, _) = post_form(
        &beheerder,
        &app,
        "/beheer/teksten/contact",
        &[("_csrf", token.as_str()), ("tekst", nieuw)],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location(&headers), "/over/contact");
    let body = pagina(&anoniem, &app, "/over/contact").await;
    assert!(
        body.contains("<p>Bel de servicedesk van de regio: 040-0000000 (fictief).</p>"),
        "{body}"
    );
    assert!(
        body.contains("<p>Of mail servicedesk@regio.invalid.</p>"),
        "{body}"
    );
    assert!(!body.contains("0800-2000"));
    assert_eq!(
        audit_aantal(&app, "beheer.tekst_gewijzigd").await,
        audit_voor + 1
    );
}
