use super::*;
use crate::db::Db;
use crate::gedeeld::OrganisatieId;

/// The need-to-know scope of a (synthetic) medewerker of a demo partner organisation.
fn medewerker_van(organisatie_id: OrganisatieId) -> permissions::Deelname {
    let g = crate::auth::Gebruiker {
        id: crate::gedeeld::GebruikerId(0),
        email: "medewerker@demo.voorop.nl".into(),
        naam: "Demo".into(),
        rol: crate::auth::Rol::Medewerker,
        organisatie_id,
        organisatie_code: VT.into(),
        organisatie_naam: String::new(),
        organisatie_soort: "veilig_thuis".into(),
        regio_code: REGIO,
    };
    permissions::deelname(&g).expect("a VT medewerker has a need-to-know scope")
}

async fn tel(db: &Db) -> Vec<(String, String, i64)> {
    sqlx::query_as(
        "SELECT soort, substr(tijdstip, 1, 4) AS jaar, COUNT(*) FROM moment
             WHERE regio_code = 'oost-brabant' GROUP BY soort, jaar ORDER BY soort, jaar",
    )
    .fetch_all(db)
    .await
    .unwrap()
}

async fn schaal(db: &Db, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(db).await.unwrap()
}

/// Everything the demo stored, as text (for the determinism check).
async fn inhoud(db: &Db) -> Vec<String> {
    let mut uit: Vec<String> =
        sqlx::query_as::<_, (String, String, String, Option<String>, Option<String>)>(
            "SELECT m.soort, m.tijdstip, m.status || m.gegevens, c.pseudoniem, c.gesloten_op
             FROM moment m JOIN casus c ON c.id = m.casus_id ORDER BY m.id",
        )
        .fetch_all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| format!("{r:?}"))
        .collect();
    uit.extend(
        sqlx::query_as::<_, (i64, String, String, String, Option<String>)>(
            "SELECT moment_id, omschrijving, deadline, status, gereed_op FROM afspraak ORDER BY id",
        )
        .fetch_all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| format!("{r:?}")),
    );
    uit
}

#[tokio::test]
async fn demo_heeft_genoeg_voor_elke_indicator_en_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let db = crate::db::open(&dir.path().join("demo.db")).await.unwrap();
    let begin = std::time::Instant::now();
    crate::demo::laad(&db, PEILDATUM).await.unwrap();
    let duur = begin.elapsed();
    let eerst = tel(&db).await;
    let afspraken = schaal(&db, "SELECT COUNT(*) FROM afspraak").await;
    crate::demo::laad(&db, PEILDATUM).await.unwrap();
    assert_eq!(tel(&db).await, eerst, "tweede keer laden verandert niets");
    assert_eq!(
        schaal(&db, "SELECT COUNT(*) FROM afspraak").await,
        afspraken
    );
    assert_eq!(schaal(&db, "SELECT COUNT(*) FROM overleg").await, 1);
    eprintln!("demo geladen in {duur:?}: {eerst:?}");

    // Every kind in every year, the current one included, in the volumes the indicators need.
    for soort in ["acuut", "actieoverleg", "zsm", "ssk"] {
        for jaar in ["2024", "2025", "2026"] {
            let n = eerst
                .iter()
                .find(|(s, j, _)| s == soort && j == jaar)
                .map_or(0, |r| r.2);
            let minimaal = if soort == "ssk" { 15 } else { 35 };
            assert!(n >= minimaal, "{soort} {jaar}: {n}");
        }
    }
    // ZSM: enough weekend cases, and weekends worse for contact with VT.
    let momenten = repo::momenten(
        &db,
        &permissions::systeem().inzage(),
        &REGIO,
        Some(Soort::Zsm),
        "2024",
        "2027",
    )
    .await
    .unwrap();
    for jaar in ["2024", "2025", "2026"] {
        let van_jaar: Vec<_> = momenten.iter().filter(|m| m.jaar() == jaar).collect();
        let weekend: Vec<_> = van_jaar
            .iter()
            .filter(|m| model::dagdeel(&m.tijdstip) == Some(Dagdeel::Weekend))
            .collect();
        assert!(weekend.len() >= 8, "ZSM-weekend {jaar}: {}", weekend.len());
        let aandeel = |v: &[&&model::Moment]| {
            v.iter().filter(|m| m.ja("contact_verkregen")).count() as f64 / v.len() as f64
        };
        let doordeweeks: Vec<_> = van_jaar
            .iter()
            .filter(|m| model::dagdeel(&m.tijdstip) != Some(Dagdeel::Weekend))
            .collect();
        assert!(aandeel(&weekend) < aandeel(&doordeweeks), "{jaar}");
    }
    // Nothing happened after the reference date (deadlines may lie beyond it).
    let peil = dag_tekst(PEILDATUM);
    let later = format!("{peil}T99");
    for sql in [
        "SELECT MAX(tijdstip) FROM moment",
        "SELECT MAX(aangemaakt_op) FROM moment",
        "SELECT MAX(gewijzigd_op) FROM moment",
        "SELECT MAX(gesloten_op) FROM casus",
        "SELECT MAX(gereed_op) FROM afspraak",
        "SELECT MAX(aangemaakt_op) FROM afspraak",
        "SELECT MAX(datum) FROM vergadering",
        "SELECT MAX(vanaf) FROM moment_deelnemer",
    ] {
        let max: Option<String> = sqlx::query_scalar(sql).fetch_one(&db).await.unwrap();
        assert!(
            max.as_deref().unwrap_or("") < later.as_str(),
            "{sql}: {max:?}"
        );
    }
    for g in sqlx::query_scalar::<_, String>("SELECT gegevens FROM moment")
        .fetch_all(&db)
        .await
        .unwrap()
    {
        let kaart: BTreeMap<String, String> = serde_json::from_str(&g).unwrap();
        for (k, v) in kaart {
            if crate::casus::velden::datum(v.get(..10).unwrap_or("")).is_some() {
                assert!(v[..10] <= *peil, "{k}: {v}");
            }
        }
    }
    // Repeat incidents: the same pseudonym again within 12 months.
    let basis: Vec<(i64, String, Option<String>)> =
        repo::herhaal_basis(&db, permissions::systeem())
            .await
            .unwrap()
            .into_iter()
            .map(|(id, _, start, p, _)| (id, start, p))
            .collect();
    let herhaald = model::herhalingen(&basis).values().filter(|h| **h).count();
    assert!(herhaald >= 5, "herhalingen: {herhaald}");
    // Afspraken overdue today (and on the demo's reference date), and some done on time.
    let vandaag = crate::db::vandaag().max(dag_tekst(PEILDATUM));
    let te_laat: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM afspraak WHERE status = 'open' AND deadline < $1")
            .bind(&vandaag)
            .fetch_one(&db)
            .await
            .unwrap();
    assert!(te_laat >= 5, "te laat: {te_laat}");
    let vt = id_van(&db, VT).await;
    assert!(
        !repo::afspraken_te_laat(&db, &medewerker_van(vt), &vandaag)
            .await
            .unwrap()
            .is_empty()
    );
    // Meetings every Thursday with attendance; RvdK and 3RO on call now and then.
    assert!(schaal(&db, "SELECT COUNT(*) FROM vergadering").await >= 100);
    assert_eq!(
        schaal(
            &db,
            "SELECT COUNT(*) FROM vergadering v WHERE NOT EXISTS
                 (SELECT 1 FROM vergadering_aanwezigheid a WHERE a.vergadering_id = v.id)"
        )
        .await,
        0
    );
    for org in [RVDK, DRIERO] {
        let id = id_van(&db, org).await;
        let aanwezig: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM vergadering_aanwezigheid WHERE organisatie_id = $1 AND aanwezig = TRUE",
            )
            .bind(id)
            .fetch_one(&db)
            .await
            .unwrap();
        assert!((5..60).contains(&aanwezig), "{org}: {aanwezig}");
    }
    assert!(
            schaal(
                &db,
                "SELECT COUNT(*) FROM moment WHERE soort = 'actieoverleg' AND vergadering_id IS NOT NULL"
            )
            .await
                >= 60
        );
    // Closed cases, none beyond the default retention before the reference date.
    assert!(schaal(&db, "SELECT COUNT(*) FROM casus WHERE status = 'gesloten'").await >= 50);
    assert_eq!(
        schaal(
            &db,
            "SELECT COUNT(*) FROM casus WHERE gesloten_op < '2024-11-22'"
        )
        .await,
        0
    );
    // Personal data is fictional.
    let persoon: Vec<String> = sqlx::query_scalar("SELECT gegevens FROM moment_persoon")
        .fetch_all(&db)
        .await
        .unwrap();
    for p in persoon {
        let kaart: BTreeMap<String, String> = serde_json::from_str(&p).unwrap();
        for (k, v) in kaart {
            assert!(
                v.contains("ictief") || crate::casus::velden::datum(&v).is_some(),
                "{k}: {v}"
            );
        }
    }
    // Contact directory and the two new demo users.
    assert!(schaal(&db, "SELECT COUNT(*) FROM contactpunt").await >= 8);
    assert_eq!(
            schaal(
                &db,
                "SELECT COUNT(*) FROM gebruiker WHERE email IN ('vt@demo.voorop.nl', 'om@demo.voorop.nl', 'politie@demo.voorop.nl')"
            )
            .await,
            3
        );

    // Deterministic: a second database gets exactly the same registrations.
    let dir2 = tempfile::tempdir().unwrap();
    let db2 = crate::db::open(&dir2.path().join("demo.db")).await.unwrap();
    crate::demo::laad(&db2, PEILDATUM).await.unwrap();
    assert_eq!(inhoud(&db).await, inhoud(&db2).await);
}

#[test]
fn verschuiven_in_hele_weken_tot_hooguit_de_peildatum() {
    assert_eq!(verschuiving(PEILDATUM), 0);
    assert_eq!(verschuiving(plus_dagen(PEILDATUM, 6)), 0);
    assert_eq!(verschuiving(plus_dagen(PEILDATUM, 7)), 7);
    assert_eq!(verschuiving(plus_dagen(PEILDATUM, 400)), 399);
    assert_eq!(verschuiving(plus_dagen(PEILDATUM, -1)), -7);
    assert_eq!(
        verschoven_tekst("2026-02-27", 7).as_deref(),
        Some("2026-03-06")
    );
    assert_eq!(
        verschoven_tekst("2025-12-29T23:10", 7).as_deref(),
        Some("2026-01-05T23:10")
    );
    // Anything else stays as it is (codes, free text, a date inside a sentence).
    for tekst in [
        "aanhouding,thv",
        "ja",
        "Fictief: geboren 2019-04-02",
        "2026-13-01",
    ] {
        assert_eq!(verschoven_tekst(tekst, 7), None, "{tekst}");
    }
    // The whole plan moves: every moment and meeting by exactly the shift, same weekday.
    let (p, mut q) = (plan(), plan());
    verschuif(&mut q, 364);
    for (a, b) in p.casussen.iter().zip(&q.casussen) {
        for (m, n) in a.momenten.iter().zip(&b.momenten) {
            assert_eq!(n.tijdstip - m.tijdstip, Duration::days(364));
            assert_eq!(n.tijdstip.weekday(), m.tijdstip.weekday());
            for (k, w) in &m.stappen {
                if k.ends_with("_op") {
                    assert_ne!(&n.stappen[k], w, "{k} verschoven");
                }
            }
        }
        assert_eq!(a.gesloten.map(|d| plus_dagen(d, 364)), b.gesloten);
    }
    assert!(
        q.vergaderingen
            .iter()
            .all(|v| v.datum.weekday() == Weekday::Thursday)
    );
}

/// Loaded for another reference date (as `serve --demo` does on the day it runs; here a
/// year and a bit earlier, as registrations may not lie in the future), the demo runs up to
/// that week, covers that year, and retention has nothing to erase.
#[tokio::test]
async fn demo_verschuift_naar_de_peildatum() {
    let peildatum = plus_dagen(PEILDATUM, -400);
    let dir = tempfile::tempdir().unwrap();
    let db = crate::db::open(&dir.path().join("demo.db")).await.unwrap();
    crate::demo::laad(&db, peildatum).await.unwrap();
    let laatste: String = sqlx::query_scalar("SELECT MAX(tijdstip) FROM moment")
        .fetch_one(&db)
        .await
        .unwrap();
    let peil = dag_tekst(peildatum);
    assert!(laatste.as_str() <= peil.as_str(), "{laatste} na {peil}");
    assert!(laatste.as_str() >= dag_tekst(plus_dagen(peildatum, -30)).as_str());
    assert!(
        schaal(
            &db,
            &format!(
                "SELECT COUNT(*) FROM moment WHERE substr(tijdstip, 1, 4) = '{}'",
                peildatum.year()
            )
        )
        .await
            >= 100
    );
    let gesloten = schaal(
        &db,
        "SELECT COUNT(*) FROM casus WHERE gesloten_op IS NOT NULL",
    )
    .await;
    assert!(gesloten > 50, "gesloten: {gesloten}");
    let nu = format!("{peil}T12:00:00Z");
    let uitkomst = crate::casus::retentie::uitvoeren(&db, &Actor::cli(), 24, &nu)
        .await
        .unwrap();
    assert_eq!(uitkomst.casussen, 0, "niets te wissen direct na het laden");
    // Two months on, the first closed cases do fall due: the world moved, not retention.
    let later = format!("{}T12:00:00Z", dag_tekst(plus_dagen(peildatum, 60)));
    let uitkomst = crate::casus::retentie::uitvoeren(&db, &Actor::cli(), 24, &later)
        .await
        .unwrap();
    assert!(uitkomst.casussen > 0);
}

async fn id_van(db: &Db, code: &str) -> OrganisatieId {
    sqlx::query_scalar("SELECT id FROM organisatie WHERE code = $1")
        .bind(code)
        .fetch_one(db)
        .await
        .unwrap()
}

#[test]
fn plan_is_realistisch() {
    let p = plan();
    assert_eq!(
        format!("{:?}", p.casussen),
        format!("{:?}", plan().casussen)
    );
    // 2025 better than 2024: VT reached on ZSM more often.
    let aandeel = |jaar: i32| {
        let z: Vec<&MomentPlan> = p
            .casussen
            .iter()
            .flat_map(|c| &c.momenten)
            .filter(|m| m.soort == Soort::Zsm && m.tijdstip.year() == jaar)
            .collect();
        z.iter()
            .filter(|m| m.velden["contact_verkregen"] == "ja")
            .count() as f64
            / z.len() as f64
    };
    assert!(aandeel(2025) > aandeel(2024));
    assert!(
        p.vergaderingen
            .iter()
            .all(|v| v.datum.weekday() == Weekday::Thursday)
    );
    assert_eq!(utc(om(date!(2025 - 01 - 10), 13)), "2025-01-10T12:00:00Z");
    assert_eq!(utc(om(date!(2025 - 07 - 10), 14)), "2025-07-10T12:00:00Z");
}
