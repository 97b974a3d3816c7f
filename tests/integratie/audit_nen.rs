//! The audit log after NEN 7513 over HTTP: refused attempts on personal data are logged (with
//! the data subject's pseudonym, never a name, and a flood guard), the privacy officer's and the
//! beheerder's CSV export, and the access-request PDF (AVG art. 15), read back with `pdftotext`.
//!
//! All names and dates of birth below are fictional.

use crate::common::*;
use reqwest::StatusCode;
use voorop::audit::repo::Lezen;

const VT: &str = "vt@demo.voorop.nl";
const FG: &str = "fg@demo.voorop.nl";
const NAAM: &str = "Fenna Fictief";
const GEBOREN: &str = "2014-03-02";

fn pseudoniem() -> String {
    let sleutel = voorop::config::Sleutel::new(voorop::config::DEMO_SLEUTEL.as_bytes());
    voorop::casus::pseudoniem::maak(&sleutel, NAAM, GEBOREN).expect("pseudoniem")
}

async fn gebruiker_id(app: &TestApp, email: &str) -> voorop::gedeeld::GebruikerId {
    sqlx::query_scalar("SELECT id FROM gebruiker WHERE email = $1")
        .bind(email)
        .fetch_one(&app.db)
        .await
        .expect("gebruiker")
}

/// A moment in Oost-Brabant that Veilig Thuis does not take part in (at any time), and one it
/// does; both cases get the pseudonym of the fictional data subject.
async fn momenten(app: &TestApp) -> (i64, i64, i64) {
    let vt_org = org_id(app, "vt-oost-brabant").await;
    let zonder: i64 = sqlx::query_scalar(
        "SELECT id FROM moment WHERE regio_code = 'oost-brabant' AND id NOT IN
           (SELECT moment_id FROM moment_deelnemer WHERE organisatie_id = $1) ORDER BY id LIMIT 1",
    )
    .bind(vt_org)
    .fetch_one(&app.db)
    .await
    .expect("moment zonder VT");
    let (met, casus): (i64, i64) = sqlx::query_as(
        "SELECT m.id, m.casus_id FROM moment m JOIN moment_deelnemer d ON d.moment_id = m.id
         JOIN casus c ON c.id = m.casus_id
         WHERE d.organisatie_id = $1 AND d.tot IS NULL AND c.gewist_op IS NULL
         ORDER BY m.id LIMIT 1",
    )
    .bind(vt_org)
    .fetch_one(&app.db)
    .await
    .expect("moment met VT");
    for m in [zonder, met] {
        sqlx::query(
            "UPDATE casus SET pseudoniem = $1 WHERE id = (SELECT casus_id FROM moment WHERE id = $2)",
        )
        .bind(pseudoniem())
        .bind(m)
        .execute(&app.db)
        .await
        .unwrap();
    }
    (zonder, met, casus)
}

/// Refused rows of one user on one moment: (betrokkene, doel, uitkomst).
async fn geweigerd(app: &TestApp, email: &str, moment: i64) -> Vec<(String, String, String)> {
    sqlx::query_as(
        "SELECT betrokkene, doel, uitkomst FROM audit_log
         WHERE code = 'casus.persoonsgegevens_geweigerd' AND gebruiker_id = $1
           AND object_type = 'moment' AND object_id = $2",
    )
    .bind(gebruiker_id(app, email).await)
    .bind(moment.to_string())
    .fetch_all(&app.db)
    .await
    .unwrap()
}

/// No column of any audit row holds the data subject's name.
async fn geen_naam_in_het_log(app: &TestApp) {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE lower(tijd || actor || code || object_type
           || object_id || details || namens || betrokkene || doel || grondslag || uitkomst)
           LIKE '%fenna%' OR lower(details || betrokkene) LIKE '%fictief%'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(n, 0, "een naam in het auditlog");
}

#[tokio::test]
async fn niet_deelnemer_op_een_momentpagina_geeft_een_geweigerde_regel_met_pseudoniem() {
    let app = start().await;
    let (zonder, _, _) = momenten(&app).await;
    let vt = login(&app, VT).await;
    let (status, _, body) = get(&vt, &app, &format!("/casussen/moment/{zonder}")).await;
    assert_eq!(status, StatusCode::OK, "procesgegevens blijven zichtbaar");
    assert!(!body.contains("Fenna"));
    let rijen = geweigerd(&app, VT, zonder).await;
    assert_eq!(rijen.len(), 1, "{rijen:?}");
    let (betrokkene, doel, uitkomst) = &rijen[0];
    assert_eq!(betrokkene, &pseudoniem());
    assert_eq!(uitkomst, "geweigerd");
    assert!(
        voorop::audit::model::DOELEN
            .iter()
            .any(|(c, _)| c == doel && !c.starts_with("beveiliging")),
        "doel {doel}"
    );
    // Nothing was read, so no read row.
    let gelezen: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE code = 'casus.persoonsgegevens_gelezen' AND object_id = $1 AND gebruiker_id = $2",
    )
    .bind(zonder.to_string())
    .bind(gebruiker_id(&app, VT).await)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(gelezen, 0);
    // The flood guard: a second attempt within a minute adds no row.
    get(&vt, &app, &format!("/casussen/moment/{zonder}")).await;
    assert_eq!(geweigerd(&app, VT, zonder).await.len(), 1);

    // Outside the region: the moment lies outside the caller's scope and is not found (404,
    // no existence oracle); the layer logs the attempt, with pseudonym.
    let limburg = login(&app, COORDINATOR_LIMBURG).await;
    let (status, _, _) = get(&limburg, &app, &format!("/casussen/moment/{zonder}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let rijen = geweigerd(&app, COORDINATOR_LIMBURG, zonder).await;
    assert_eq!(rijen.len(), 1, "{rijen:?}");
    assert_eq!(rijen[0].0, pseudoniem());
    // And a change attempted from outside the region.
    let token = csrf_van(&limburg, &app, "/account/wachtwoord").await;
    let (status, _, _) = post_form(
        &limburg,
        &app,
        &format!("/casussen/moment/{zonder}"),
        &[("_csrf", token.as_str())],
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        geweigerd(&app, COORDINATOR_LIMBURG, zonder).await.len(),
        1,
        "binnen een minuut niet opnieuw"
    );

    geen_naam_in_het_log(&app).await;
    assert_eq!(voorop::audit::repo::verifieer(&app.db).await.unwrap(), None);
}

#[tokio::test]
async fn geweigerde_verzoeken_op_auditpaginas_worden_gelogd() {
    let app = start().await;
    let vt = login(&app, VT).await;
    for pad in ["/privacy/logboek", "/privacy/logboek.csv"] {
        assert_eq!(get(&vt, &app, pad).await.0, StatusCode::FORBIDDEN, "{pad}");
    }
    let medewerker = login(&app, MEDEWERKER).await;
    assert_eq!(
        get(&medewerker, &app, "/beheer/audit").await.0,
        StatusCode::FORBIDDEN
    );
    let rijen: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT actor, object_id, uitkomst, doel FROM audit_log WHERE code = 'toegang.geweigerd' ORDER BY id",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(
        rijen,
        vec![
            (
                VT.to_string(),
                "privacy.logboek".to_string(),
                "geweigerd".to_string(),
                "privacy.toezicht".to_string()
            ),
            (
                MEDEWERKER.to_string(),
                "beheer.audit".to_string(),
                "geweigerd".to_string(),
                "beveiliging.auditlog".to_string()
            ),
        ],
        "één regel per gebruiker en pagina per minuut"
    );
    // A 403 outside personal data (Zelfscan administration) is not an audit matter here.
    let lezer = login(&app, LEZER).await;
    let voor = audit_aantal(&app, "toegang.geweigerd").await;
    let (status, _, _) = get(&lezer, &app, "/zelfscan/nieuw").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(audit_aantal(&app, "toegang.geweigerd").await, voor);
}

fn csv_rijen(body: &str) -> Vec<csv::StringRecord> {
    csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(body.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(|r| r.expect("csv-regel"))
        .collect()
}

#[tokio::test]
async fn csv_export_voor_fg_en_beheerder() {
    let app = start().await;
    let (zonder, met, _) = momenten(&app).await;
    let vt = login(&app, VT).await;
    pagina(&vt, &app, &format!("/casussen/moment/{met}")).await;
    let limburg = login(&app, COORDINATOR_LIMBURG).await;
    get(&limburg, &app, &format!("/casussen/moment/{zonder}")).await;
    // A row whose cells look like formulas (as if an attacker chose them).
    let vt_org = org_id(&app, "vt-oost-brabant").await;
    let mut tx = voorop::db::begin(&app.db).await.unwrap();
    voorop::audit::schrijf(
        &mut tx,
        &voorop::audit::Actor {
            gebruiker_id: Some(gebruiker_id(&app, VT).await),
            organisatie_id: Some(voorop::gedeeld::OrganisatieId(vt_org)),
            naam: "=HYPERLINK(\"http://x\")".into(),
            namens: "@SUM(1)".into(),
        },
        voorop::audit::AuditEvent::Uitgelogd,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    let fg = login(&app, FG).await;
    let (status, koppen, body) = get(&fg, &app, "/privacy/logboek.csv").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(content_type(&koppen).starts_with("text/csv"));
    let dispositie = koppen["content-disposition"].to_str().unwrap();
    assert!(dispositie.starts_with("attachment;"), "{dispositie}");
    assert_eq!(koppen["cache-control"], "no-store");
    let kop = body.trim_start_matches('\u{feff}').lines().next().unwrap();
    for kolom in [
        "tijd_utc",
        "gebruiker",
        "organisatie",
        "namens",
        "betrokkene_pseudoniem",
        "doel",
        "grondslag",
        "uitkomst",
    ] {
        assert!(
            kop.split(';').any(|k| k == kolom),
            "{kolom} ontbreekt: {kop}"
        );
    }
    let rijen = csv_rijen(&body);
    // VT's read of its moment is there, with the data subject's pseudonym and a purpose.
    assert!(
        rijen.iter().any(|r| &r[2] == VT
            && &r[5] == "casus.persoonsgegevens_gelezen"
            && r[7] == met.to_string()
            && r[8] == pseudoniem()
            && !r[9].is_empty()
            && &r[12] == "toegestaan"),
        "{body}"
    );
    // Formula cells are text.
    assert!(rijen.iter().any(|r| r[2].starts_with("'=HYPERLINK")));
    assert!(rijen.iter().any(|r| &r[4] == "'@SUM(1)"));
    assert!(rijen.iter().all(|r| !r[2].starts_with('=')));
    // Only the organisation's scope: Limburg's refused attempt on a moment without VT is not.
    assert!(
        rijen.iter().all(|r| &r[2] != COORDINATOR_LIMBURG),
        "buiten de eigen organisatie"
    );
    assert_eq!(audit_aantal(&app, "audit.geexporteerd").await, 1);

    // The beheerder's export holds everything, the other users get 403.
    let beheerder = login(&app, BEHEERDER).await;
    let (status, koppen, body) = get(&beheerder, &app, "/beheer/audit.csv").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(koppen["cache-control"], "no-store");
    let rijen = csv_rijen(&body);
    assert!(
        rijen.iter().any(|r| &r[2] == COORDINATOR_LIMBURG
            && &r[5] == "casus.persoonsgegevens_geweigerd"
            && &r[12] == "geweigerd"),
        "{body}"
    );
    assert_eq!(
        get(&fg, &app, "/beheer/audit.csv").await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        get(&beheerder, &app, "/privacy/logboek.csv").await.0,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn inzage_als_pdf_noemt_elke_toegang() {
    let app = start().await;
    let (_, met, casus) = momenten(&app).await;
    let vt = login(&app, VT).await;
    pagina(&vt, &app, &format!("/casussen/moment/{met}")).await;
    // A refused attempt on the same moment, from outside the region.
    let limburg = login(&app, COORDINATOR_LIMBURG).await;
    get(&limburg, &app, &format!("/casussen/moment/{met}")).await;
    let doel: String = sqlx::query_scalar(
        "SELECT doel FROM audit_log WHERE code = 'casus.persoonsgegevens_gelezen' AND object_id = $1",
    )
    .bind(met.to_string())
    .fetch_one(&app.db)
    .await
    .unwrap();

    let fg = login(&app, FG).await;
    let token = csrf_van(&fg, &app, "/privacy/inzage").await;
    for vraag in [
        vec![("_csrf", token.clone()), ("casus", casus.to_string())],
        vec![
            ("_csrf", token.clone()),
            ("naam", "fictief, FENNA".into()),
            ("geboortedatum", GEBOREN.into()),
        ],
    ] {
        let r = fg
            .post(app.url("/privacy/inzage.pdf"))
            .form(&vraag)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers()["content-type"], "application/pdf");
        assert!(
            r.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("attachment;")
        );
        let pdf = r.bytes().await.unwrap();
        assert!(pdf.starts_with(b"%PDF"));
        let tekst = pdf_tekst(&pdf);
        let compact: String = tekst.split_whitespace().collect::<Vec<_>>().join(" ");
        for deel in [
            "Wie heeft deze gegevens ingezien",
            VT,
            COORDINATOR_LIMBURG,
            "Persoonsgegevens ingezien",
            "toegestaan",
            "geweigerd",
            "Veilig Thuis",
        ] {
            assert!(compact.contains(deel), "'{deel}' ontbreekt:\n{tekst}");
        }
        // The purpose in words (its first word at least; the table may wrap the rest).
        let omschrijving = voorop::audit::model::doel_omschrijving(&doel);
        let eerste = omschrijving.split_whitespace().next().unwrap();
        assert!(compact.contains(eerste), "doel '{omschrijving}':\n{tekst}");
        assert!(!compact.to_lowercase().contains("fenna"), "naam in de pdf");
    }
    // Both look-ups audited, the name nowhere.
    assert_eq!(audit_aantal(&app, "privacy.inzage_opgevraagd").await, 2);
    geen_naam_in_het_log(&app).await;
    // Others cannot get it (and the attempt is logged).
    let token_vt = csrf_van(&vt, &app, "/account/wachtwoord").await;
    let (status, _, _) = post_form(
        &vt,
        &app,
        "/privacy/inzage.pdf",
        &[("_csrf", token_vt.as_str()), ("casus", &casus.to_string())],
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE code = 'toegang.geweigerd' AND object_id = 'privacy.inzage' AND actor = $1",
    )
    .bind(VT)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(n, 1);
}

/// An access request finds the data subject's audit rows in every part of the log's
/// data-subject index (`audit_log_betrokkene`, ordered by `id / 16384` first; migration 0048),
/// also after the case lost its pseudonym: here only rows past the first two parts hold it.
#[tokio::test]
async fn inzage_vindt_de_betrokkene_in_elk_deel_van_het_log() {
    use voorop::audit::{Actor, AuditEvent, repo::Onderwerp};
    let app = start().await;
    let (_, met, casus) = momenten(&app).await;
    let actor = Actor {
        gebruiker_id: Some(gebruiker_id(&app, VT).await),
        organisatie_id: Some(voorop::gedeeld::OrganisatieId(
            org_id(&app, "vt-oost-brabant").await,
        )),
        naam: VT.into(),
        namens: String::new(),
    };
    let mut conn = app.db.acquire().await.unwrap();
    let vulling = (0..2 * 16384)
        .map(|_| {
            let e = AuditEvent::WerksetGeexporteerd {
                periode: "2025".into(),
            };
            (e, Onderwerp::default())
        })
        .collect();
    voorop::audit::repo::schrijf_reeks(&mut conn, &actor, vulling)
        .await
        .unwrap();
    let gelezen = AuditEvent::PersoonsgegevensGelezen {
        moment: voorop::gedeeld::MomentId(met),
        doel: "samenwerking",
    };
    let onderwerp = Onderwerp {
        pseudoniem: Some(pseudoniem()),
        moment: None,
    };
    voorop::audit::repo::schrijf_reeks(&mut conn, &actor, vec![(gelezen, onderwerp)])
        .await
        .unwrap();
    drop(conn);
    let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM audit_log WHERE betrokkene = $1")
        .bind(pseudoniem())
        .fetch_all(&app.db)
        .await
        .unwrap();
    assert_eq!(ids.len(), 1);
    assert!(ids[0] >= 2 * 16384, "{ids:?}");
    // Retention erased the case's pseudonym: only the audit rows still hold it.
    sqlx::query("UPDATE casus SET pseudoniem = NULL WHERE id = $1")
        .bind(casus)
        .execute(&app.db)
        .await
        .unwrap();

    let fg = login(&app, FG).await;
    let token = csrf_van(&fg, &app, "/privacy/inzage").await;
    let (status, _, body) = post_form(
        &fg,
        &app,
        "/privacy/inzage",
        &[
            ("_csrf", token.as_str()),
            ("naam", NAAM),
            ("geboortedatum", GEBOREN),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains(&format!("moment {met}")), "{body}");
}

/// The privacy officer's part of the log, as its definition reads: what the organisation's
/// users did, and everything about moments it ever took part in; ids newest first.
async fn fg_deel_volgens_definitie(
    app: &TestApp,
    org: i64,
    f: &voorop::audit::model::AuditFilter,
    voor_id: Option<i64>,
) -> Vec<i64> {
    let momenten: std::collections::HashSet<String> = sqlx::query_scalar(
        "SELECT CAST(moment_id AS TEXT) FROM moment_deelnemer WHERE organisatie_id = $1",
    )
    .bind(org)
    .fetch_all(&app.db)
    .await
    .unwrap()
    .into_iter()
    .collect();
    type Rij = (i64, Option<i64>, String, String, String, String, String);
    let rijen: Vec<Rij> = sqlx::query_as(
        "SELECT id, organisatie_id, object_type, object_id, code, actor, tijd FROM audit_log
         ORDER BY id DESC",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    let tot = format!("{}T23:59:60", f.tot);
    rijen
        .into_iter()
        .filter(|(id, o, soort, object, code, actor, tijd)| {
            (*o == Some(org) || (soort == "moment" && momenten.contains(object)))
                && voor_id.is_none_or(|v| *id < v)
                && code.starts_with(&f.code)
                && actor.contains(&f.actor)
                && (f.van.is_empty() || *tijd >= f.van)
                && (f.tot.is_empty() || *tijd < tot)
        })
        .map(|r| r.0)
        .collect()
}

/// The privacy officer's search (`audit::repo::zoek_partij`) reads the organisation's part
/// along `audit_zicht`, which triggers keep (migration 0047). Every page, CSV batch and filter
/// gives exactly the organisation's part as defined, computed here from the raw rows: its own
/// users' rows and every row about a moment it took part in, also the rows written before it
/// joined the moment.
#[tokio::test]
async fn fg_zoeken_geeft_precies_het_eigen_deel() {
    use voorop::audit::repo::zoek_partij;
    use voorop::audit::{Actor, AuditEvent, model::AuditFilter};
    use voorop::gedeeld::{MomentId, OrganisatieId};
    let app = start().await;
    let (zonder, met, _) = momenten(&app).await;
    let vt_org = org_id(&app, "vt-oost-brabant").await;
    let limburg_org: i64 =
        sqlx::query_scalar("SELECT organisatie_id FROM gebruiker WHERE email = $1")
            .bind(COORDINATOR_LIMBURG)
            .fetch_one(&app.db)
            .await
            .unwrap();
    let actor = |gebruiker, org, naam: &str| Actor {
        gebruiker_id: Some(gebruiker),
        organisatie_id: Some(OrganisatieId(org)),
        naam: naam.into(),
        namens: String::new(),
    };
    let vt = actor(gebruiker_id(&app, VT).await, vt_org, "Vera VT");
    let limburg = actor(
        gebruiker_id(&app, COORDINATOR_LIMBURG).await,
        limburg_org,
        "Lars Limburg",
    );
    let gewijzigd = |m: i64| AuditEvent::MomentGewijzigd {
        moment: MomentId(m),
        wat: "agenda",
    };
    let mut tx = voorop::db::begin(&app.db).await.unwrap();
    for ronde in 0..40 {
        let mut rij = vec![
            (&limburg, gewijzigd(met)),
            (&limburg, gewijzigd(zonder)),
            (&limburg, AuditEvent::Uitgelogd),
        ];
        // Own rows come in bursts, so some pages hold only rows about moments.
        if ronde % 4 < 2 {
            rij.push((&vt, AuditEvent::Uitgelogd));
            rij.push((&vt, gewijzigd(met)));
        }
        for (wie, wat) in rij {
            voorop::audit::schrijf(&mut tx, wie, wat).await.unwrap();
        }
    }
    tx.commit().await.unwrap();

    let filters = [
        AuditFilter::default(),
        AuditFilter {
            code: "casus.moment".into(),
            ..Default::default()
        },
        AuditFilter {
            actor: "Lars".into(),
            ..Default::default()
        },
    ];
    let hoogste: i64 = sqlx::query_scalar("SELECT MAX(id) FROM audit_log")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(
        fg_pagina_s_toetsen(&app, vt_org, &filters, hoogste).await,
        3 * 2 * 5
    );
    // Rows about a moment the organisation never took part in stay outside.
    let alles = || async {
        zoek_partij(
            &app.db,
            Some(OrganisatieId(vt_org)),
            &AuditFilter::default(),
            None,
            100_000,
            0,
            Lezen::Export,
        )
        .await
        .unwrap()
    };
    let over = |regels: &[voorop::audit::model::AuditRegel], m: i64| {
        regels
            .iter()
            .filter(|r| r.object_type == "moment" && r.object_id == m.to_string())
            .count()
    };
    let voor = alles().await;
    assert!(over(&voor, met) > 0);
    assert_eq!(over(&voor, zonder), 0);
    // Once it joins that moment, the moment's earlier rows are in its part too.
    sqlx::query(
        "INSERT INTO moment_deelnemer (moment_id, organisatie_id, rol, vanaf)
         VALUES ($1, $2, 'betrokken', '2026-11-30T10:00:00Z')",
    )
    .bind(zonder)
    .bind(vt_org)
    .execute(&app.db)
    .await
    .unwrap();
    let rijen: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE object_type = 'moment' AND object_id = $1",
    )
    .bind(zonder.to_string())
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert!(rijen >= 40);
    assert_eq!(over(&alles().await, zonder) as i64, rijen);
    assert_eq!(
        fg_pagina_s_toetsen(&app, vt_org, &filters, hoogste).await,
        3 * 2 * 5
    );
}

/// Compares every page of the organisation's part (per filter, with and without a batch
/// boundary) with its definition; returns how many pages were compared.
async fn fg_pagina_s_toetsen(
    app: &TestApp,
    vt_org: i64,
    filters: &[voorop::audit::model::AuditFilter],
    hoogste: i64,
) -> usize {
    let mut getoetst = 0;
    for f in filters {
        for voor_id in [None, Some(hoogste - 37)] {
            let verwacht = fg_deel_volgens_definitie(app, vt_org, f, voor_id).await;
            assert!(verwacht.len() > 20, "te weinig rijen om te toetsen");
            for (limiet, offset) in [(100, 0), (7, 0), (7, 14), (9, 45), (1000, 0)] {
                // A page reads the rows without their hashes, the CSV export with them: the
                // same rows either way.
                let mut gelezen = vec![];
                for lezen in [Lezen::Pagina, Lezen::Export] {
                    let regels = voorop::audit::repo::zoek_partij(
                        &app.db,
                        Some(voorop::gedeeld::OrganisatieId(vt_org)),
                        f,
                        voor_id,
                        limiet,
                        offset,
                        lezen,
                    )
                    .await
                    .unwrap();
                    assert!(regels.iter().all(|r| match lezen {
                        Lezen::Pagina => r.hash.is_empty() && r.vorige_hash.is_empty(),
                        Lezen::Export => r.hash.len() == 64,
                    }));
                    gelezen.push(regels.iter().map(|r| r.id).collect::<Vec<i64>>());
                }
                assert_eq!(gelezen[0], gelezen[1]);
                let ids = gelezen.swap_remove(0);
                let pagina: Vec<i64> = verwacht
                    .iter()
                    .copied()
                    .skip(offset as usize)
                    .take(limiet as usize)
                    .collect();
                assert_eq!(
                    ids, pagina,
                    "limiet {limiet}, offset {offset}, voor {voor_id:?}, {f:?}"
                );
                getoetst += 1;
            }
        }
    }
    getoetst
}
