//! The national demo (`voorop demo --schaal landelijk`) at a small volume: deterministic per
//! seed, complete (10 regions, 26 Veilig Thuis organisations, 342 gemeenten, every kind of
//! moment in every region), referentially intact, nothing after the reference date, and the
//! indicators computable for every region. Also: the small demo has current-year moments.

use crate::common;

use sha2::{Digest, Sha256};
use sqlx::Row;
use voorop::db::Db;
use voorop::demo::landelijk::{self, Opties, PEILDATUM};

async fn nieuwe_db(dir: &tempfile::TempDir, naam: &str) -> Db {
    voorop::db::open(&dir.path().join(naam))
        .await
        .expect("database")
}

fn klein(seed: u64) -> Opties {
    Opties {
        jaren: 2,
        seed,
        volume: 1,
        voortgang: false,
    }
}

/// Tables the generator fills, with the columns whose values come from the clock or a salted
/// hash (password hashes, the audit log) left out.
const TABELLEN: [(&str, &[&str]); 22] = [
    ("organisatie", &[]),
    ("contactpunt", &[]),
    ("zelfscan_ronde", &[]),
    ("ronde_gemeente", &[]),
    ("ronde_deelnemer", &[]),
    ("zelfscan_antwoord", &[]),
    ("rad_antwoord", &[]),
    ("werkset_registratie", &[]),
    ("werkset_thema", &[]),
    ("werkset_verhaal", &[]),
    ("werkset_inspanning", &[]),
    ("werkset_waarde", &[]),
    ("werkset_citaat", &[]),
    ("werkset_praktijk", &[]),
    ("werkset_bron", &[]),
    ("overleg", &[]),
    ("vergadering", &[]),
    ("vergadering_aanwezigheid", &[]),
    ("casus", &[]),
    ("moment", &[]),
    ("moment_deelnemer", &[]),
    ("afspraak", &[]),
];

/// A checksum per table over every row (SQLite's `quote()` of each column, in primary-key
/// order), plus `moment_persoon` and the demo accounts without their password hashes.
async fn checksums(db: &Db) -> Vec<(String, i64, String)> {
    let mut uit = vec![];
    let mut tabellen: Vec<(&str, &[&str])> = TABELLEN.to_vec();
    tabellen.push(("moment_persoon", &[]));
    tabellen.push((
        "gebruiker",
        &[
            "wachtwoord_hash",
            "aangemaakt_op",
            "totp_geheim",
            "sessies_geldig_vanaf",
        ],
    ));
    for (tabel, zonder) in tabellen {
        let kolommen: Vec<String> =
            sqlx::query_scalar(&format!("SELECT name FROM pragma_table_info('{tabel}')"))
                .fetch_all(db)
                .await
                .unwrap();
        let expr: Vec<String> = kolommen
            .iter()
            .filter(|k| !zonder.contains(&k.as_str()))
            .map(|k| format!("quote({k})"))
            .collect();
        let rijen: Vec<String> = sqlx::query_scalar(&format!(
            "SELECT {} FROM {tabel} ORDER BY 1",
            expr.join(" || '|' || ")
        ))
        .fetch_all(db)
        .await
        .unwrap();
        let mut h = Sha256::new();
        for r in &rijen {
            h.update(r.as_bytes());
            h.update(b"\n");
        }
        let hex: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
        uit.push((tabel.to_string(), rijen.len() as i64, hex));
    }
    uit
}

async fn getal(db: &Db, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(db).await.unwrap()
}

#[tokio::test]
async fn landelijke_demo_klein_volume() {
    let dir = tempfile::tempdir().unwrap();
    let db = nieuwe_db(&dir, "a.db").await;
    let s = landelijk::genereer(&db, &klein(7))
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    eprintln!("{s:?}");

    // The Ontwikkelagenda as in the small demo: every region's SWOT sessions of two years,
    // the national plans, and its network year with werkplan, meetings and evaluations.
    let jaar = i64::from(PEILDATUM.year());
    for (tabel, verwacht) in [
        ("swot_sessie", 20),
        ("netwerk_werkplan", 20),
        ("netwerk_evaluatie", 20),
        ("netwerk_bijeenkomst", 120),
    ] {
        assert_eq!(
            getal(&db, &format!("SELECT COUNT(*) FROM {tabel}")).await,
            verwacht,
            "{tabel}"
        );
    }
    assert_eq!(
        getal(
            &db,
            &format!("SELECT COUNT(DISTINCT regio_code) FROM netwerk_werkplan WHERE jaar = {jaar}")
        )
        .await,
        10
    );
    assert_eq!(
        getal(&db, "SELECT COUNT(DISTINCT jaar) FROM uitvoeringsplan").await,
        2
    );

    // Complete: every region, 26 VT organisations, 342 gemeenten.
    assert_eq!(
        getal(&db, "SELECT COUNT(DISTINCT regio_code) FROM organisatie").await,
        10
    );
    assert_eq!(
        getal(
            &db,
            "SELECT COUNT(*) FROM organisatie WHERE soort = 'veilig_thuis'"
        )
        .await,
        26
    );
    assert_eq!(
        getal(
            &db,
            "SELECT COUNT(*) FROM organisatie WHERE soort = 'gemeente'"
        )
        .await,
        342
    );
    for soort in ["politie", "om", "rvdk", "3ro", "netwerk"] {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(DISTINCT regio_code) FROM organisatie WHERE soort = $1",
        )
        .bind(soort)
        .fetch_one(&db)
        .await
        .unwrap();
        assert_eq!(n, 10, "{soort}");
    }
    // Every kind of moment in every region, in both years.
    let per: Vec<(String, String, String, i64)> = sqlx::query_as(
        "SELECT regio_code, soort, substr(tijdstip, 1, 4), COUNT(*) FROM moment
         GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
    )
    .fetch_all(&db)
    .await
    .unwrap();
    assert_eq!(per.len(), 10 * 4 * 2, "{per:?}");
    // Zelfscan and Werkset in every region.
    assert_eq!(
        getal(&db, "SELECT COUNT(DISTINCT regio_code) FROM zelfscan_ronde").await,
        10
    );
    assert!(getal(&db, "SELECT COUNT(*) FROM zelfscan_antwoord").await > 5_000);
    assert_eq!(
        getal(&db, "SELECT COUNT(*) FROM werkset_registratie").await,
        20
    );
    assert!(getal(&db, "SELECT COUNT(*) FROM werkset_inspanning").await > 200);
    // Process events besides the moments, and repeat incidents through shared pseudonyms.
    assert!(getal(&db, "SELECT COUNT(*) FROM moment_deelnemer").await > s.momenten as i64);
    assert!(getal(&db, "SELECT COUNT(*) FROM afspraak").await > 100);
    assert!(getal(&db, "SELECT COUNT(*) FROM vergadering_aanwezigheid").await > 1_000);
    assert!(
        getal(
            &db,
            "SELECT COUNT(*) FROM (SELECT pseudoniem FROM casus WHERE pseudoniem IS NOT NULL
             GROUP BY pseudoniem HAVING COUNT(*) > 1)"
        )
        .await
            > 10
    );
    // The staff's work in the audit log: every moment registered by the organisation that
    // registered it, read only by organisations taking part, about five rows per moment, in
    // time order, with the case's pseudonym, and the chain intact.
    let staf = "actor LIKE 'Fictieve medewerker, %'";
    assert_eq!(
        getal(&db, &format!("SELECT COUNT(*) FROM audit_log WHERE {staf}")).await,
        s.auditregels as i64
    );
    assert!(s.auditregels > 4 * s.momenten, "{s:?}");
    assert_eq!(
        getal(
            &db,
            "SELECT COUNT(*) FROM moment m WHERE NOT EXISTS (SELECT 1 FROM audit_log a
             WHERE a.code = 'casus.moment_geregistreerd' AND a.object_type = 'moment'
             AND a.object_id = CAST(m.id AS TEXT)
             AND a.organisatie_id = m.aangemaakt_door_organisatie)"
        )
        .await,
        0
    );
    assert_eq!(
        getal(
            &db,
            "SELECT COUNT(*) FROM audit_log a WHERE a.code = 'casus.persoonsgegevens_gelezen'
             AND NOT EXISTS (SELECT 1 FROM moment_deelnemer d
               WHERE CAST(d.moment_id AS TEXT) = a.object_id
               AND d.organisatie_id = a.organisatie_id)"
        )
        .await,
        0
    );
    assert!(
        getal(
            &db,
            "SELECT COUNT(*) FROM audit_log a WHERE a.code = 'casus.persoonsgegevens_gelezen'"
        )
        .await
            > s.momenten as i64
    );
    assert_eq!(
        getal(
            &db,
            &format!(
                "SELECT COUNT(*) FROM (SELECT tijd, LAG(tijd) OVER (ORDER BY id) AS vorige
                 FROM audit_log WHERE {staf}) WHERE tijd < vorige"
            )
        )
        .await,
        0
    );
    let gesloten = |voorwaarde: &str| {
        format!(
            "SELECT COUNT(*) FROM audit_log a JOIN casus c ON CAST(c.id AS TEXT) = a.object_id
             WHERE a.code = 'casus.gesloten' AND c.pseudoniem IS NOT NULL AND {voorwaarde}"
        )
    };
    assert!(getal(&db, &gesloten("a.betrokkene = c.pseudoniem")).await > 0);
    assert_eq!(
        getal(&db, &gesloten("a.betrokkene <> c.pseudoniem")).await,
        0
    );
    let sleutel = voorop::audit::service::sleutel();
    let keten = voorop::audit::service::keten_controleren(&db, sleutel.bytes())
        .await
        .unwrap();
    assert!(keten.is_ok(), "{:?}", keten.err());
    // Referential integrity.
    let fouten = sqlx::query("PRAGMA foreign_key_check")
        .fetch_all(&db)
        .await
        .unwrap();
    assert!(fouten.is_empty(), "{} foreign-key fouten", fouten.len());
    // Every participation period that ended, ended with the case.
    assert_eq!(
        getal(
            &db,
            "SELECT COUNT(*) FROM moment_deelnemer d JOIN moment m ON m.id = d.moment_id
             JOIN casus c ON c.id = m.casus_id
             WHERE (d.tot IS NULL) <> (c.status = 'open')"
        )
        .await,
        0
    );
    // Nothing happened after the reference date (an open afspraak's deadline may lie after it).
    let peil = format!(
        "{:04}-{:02}-{:02}",
        PEILDATUM.year(),
        u8::from(PEILDATUM.month()),
        PEILDATUM.day()
    );
    let grens = format!("{peil}T99");
    for (tabel, kolom) in [
        ("moment", "tijdstip"),
        ("moment", "aangemaakt_op"),
        ("moment", "gewijzigd_op"),
        ("casus", "aangemaakt_op"),
        ("casus", "gesloten_op"),
        ("casus", "gewist_op"),
        ("afspraak", "aangemaakt_op"),
        ("afspraak", "gereed_op"),
        ("moment_deelnemer", "vanaf"),
        ("moment_deelnemer", "tot"),
        ("vergadering", "datum"),
        ("zelfscan_ronde", "datum"),
        ("zelfscan_antwoord", "gewijzigd_op"),
        ("werkset_inspanning", "bewijs_datum"),
        ("werkset_waarde", "bewijs_datum"),
    ] {
        let max: Option<String> = sqlx::query_scalar(&format!("SELECT MAX({kolom}) FROM {tabel}"))
            .fetch_one(&db)
            .await
            .unwrap();
        assert!(
            max.as_deref().unwrap_or("") < grens.as_str(),
            "{tabel}.{kolom}: {max:?}"
        );
    }
    for rij in sqlx::query("SELECT gegevens FROM moment")
        .fetch_all(&db)
        .await
        .unwrap()
    {
        let g: String = rij.get(0);
        let kaart: std::collections::BTreeMap<String, String> = serde_json::from_str(&g).unwrap();
        for (k, v) in kaart {
            if voorop::casus::velden::datum(v.get(..10).unwrap_or("")).is_some() {
                assert!(v[..10] <= *peil, "{k}: {v}");
            }
        }
    }
    // Personal data is fictional.
    for rij in sqlx::query("SELECT gegevens FROM moment_persoon")
        .fetch_all(&db)
        .await
        .unwrap()
    {
        let g: String = rij.get(0);
        let kaart: std::collections::BTreeMap<String, String> = serde_json::from_str(&g).unwrap();
        assert!(kaart.values().all(|v| v.starts_with("Fictief")), "{g}");
    }
    // The indicators are computable for every region and differ between regions.
    let mut kern = std::collections::BTreeSet::new();
    for (regio, _) in voorop::organisatie::model::REGIOS {
        for jaar in ["2025", "2026"] {
            let x = voorop::indicatoren::voor_regio(
                &db,
                &voorop::gedeeld::RegioCode::parse(regio).unwrap(),
                jaar,
                5,
                &voorop::werkset::service::themas(&db).await.unwrap(),
            )
            .await
            .unwrap_or_else(|e| panic!("{regio} {jaar}: {e:?}"));
            assert!(!x.is_empty(), "{regio} {jaar}");
            let zsm = x
                .iter()
                .find(|i| i.code == "zsm_aantal")
                .unwrap_or_else(|| panic!("{regio}: zsm_aantal"));
            kern.insert(format!("{:?}", zsm.weergave));
        }
    }
    assert!(kern.len() > 5, "{kern:?}");

    // Deterministic: the same seed gives the same content, another seed other content.
    let eerst = checksums(&db).await;
    let db2 = nieuwe_db(&dir, "b.db").await;
    landelijk::genereer(&db2, &klein(7)).await.unwrap();
    assert_eq!(eerst, checksums(&db2).await);
    let db3 = nieuwe_db(&dir, "c.db").await;
    landelijk::genereer(&db3, &klein(8)).await.unwrap();
    let ander = checksums(&db3).await;
    let verschil = |t: &str| {
        eerst.iter().find(|x| x.0 == t).map(|x| &x.2)
            != ander.iter().find(|x| x.0 == t).map(|x| &x.2)
    };
    for t in ["moment", "casus", "afspraak", "zelfscan_antwoord"] {
        assert!(verschil(t), "{t} hangt niet van de seed af");
    }

    // A second run on the same database refuses (it is not empty).
    let fout = landelijk::genereer(&db, &klein(7)).await.unwrap_err();
    assert!(format!("{fout}").contains("lege database"), "{fout}");
}

#[tokio::test]
async fn kleine_demo_heeft_momenten_in_het_lopende_jaar() {
    let dir = tempfile::tempdir().unwrap();
    let db = nieuwe_db(&dir, "demo.db").await;
    voorop::demo::laad(&db, voorop::demo::PEILDATUM)
        .await
        .unwrap();
    let jaar = PEILDATUM.year().to_string();
    let per_soort: Vec<(String, i64)> = sqlx::query_as(
        "SELECT soort, COUNT(*) FROM moment WHERE regio_code = 'oost-brabant'
         AND substr(tijdstip, 1, 4) = $1 GROUP BY soort ORDER BY soort",
    )
    .bind(&jaar)
    .fetch_all(&db)
    .await
    .unwrap();
    assert_eq!(per_soort.len(), 4, "{per_soort:?}");
    assert!(per_soort.iter().all(|(_, n)| *n >= 15), "{per_soort:?}");
    // The current year's Werkset registration, Zelfscan round and meetings exist too.
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM werkset_inspanning i JOIN werkset_registratie r ON r.id = i.registratie_id
         WHERE r.regio_code = 'oost-brabant' AND r.periode = $1",
    )
    .bind(&jaar)
    .fetch_one(&db)
    .await
    .unwrap();
    assert!(n > 10, "werkset {jaar}: {n}");
    let n: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM zelfscan_ronde WHERE substr(datum, 1, 4) = $1")
            .bind(&jaar)
            .fetch_one(&db)
            .await
            .unwrap();
    assert!(n >= 1, "zelfscan {jaar}");
    let n: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM vergadering WHERE substr(datum, 1, 4) = $1")
            .bind(&jaar)
            .fetch_one(&db)
            .await
            .unwrap();
    assert!(n >= 40, "vergaderingen {jaar}: {n}");
    let x = voorop::indicatoren::voor_regio(
        &db,
        &voorop::gedeeld::RegioCode::OOST_BRABANT,
        &jaar,
        5,
        &voorop::werkset::service::themas(&db).await.unwrap(),
    )
    .await
    .unwrap();
    let acuut = x.iter().find(|i| i.code == "acuut_aantal").unwrap();
    assert!(!acuut.weergave.contains('<'), "{:?}", acuut.weergave);
}

/// The national generator on PostgreSQL writes the same data as on SQLite for the same seed:
/// the same number of rows in every table it fills and the same indicators for every region
/// and year. Runs in the PostgreSQL pass of `test.sh` (`VOOROP_TEST_DB`); on SQLite the
/// checks above cover the generator.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn landelijke_demo_op_postgres_gelijk_aan_sqlite() {
    if !common::op_postgres() {
        eprintln!("alleen met VOOROP_TEST_DB=postgres://…");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let lite = nieuwe_db(&dir, "lite.db").await;
    let (pg, _) = common::testdatabase(&dir.path().join("pg"), common::Vulling::Referentie).await;
    let a = landelijk::genereer(&lite, &klein(11)).await.unwrap();
    let b = landelijk::genereer(&pg, &klein(11))
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    let samen = |s: &landelijk::Samenvatting| {
        [
            s.organisaties,
            s.gemeenten,
            s.casussen,
            s.persoonsgegevens,
            s.zelfscan_antwoorden,
            s.werkset_regels,
            s.gebeurtenissen(),
            s.auditregels,
        ]
    };
    assert_eq!(samen(&a), samen(&b));
    let mut tabellen: Vec<&str> = TABELLEN.iter().map(|(t, _)| *t).collect();
    tabellen.extend(["moment_persoon", "gebruiker", "indicator_versie"]);
    for t in tabellen {
        let q = format!("SELECT COUNT(*) FROM {t}");
        assert_eq!(getal(&lite, &q).await, getal(&pg, &q).await, "{t}");
    }
    let alle: Vec<voorop::gedeeld::RegioCode> = voorop::gedeeld::RegioCode::alle().collect();
    let regios: Vec<&voorop::gedeeld::RegioCode> = alle.iter().collect();
    for jaar in [PEILDATUM.year() - 1, PEILDATUM.year()] {
        let jaar = jaar.to_string();
        let x = voorop::indicatoren::voor_regios(
            &lite,
            &regios,
            &jaar,
            5,
            &voorop::werkset::service::themas(&lite).await.unwrap(),
        )
        .await
        .unwrap();
        let y = voorop::indicatoren::voor_regios(
            &pg,
            &regios,
            &jaar,
            5,
            &voorop::werkset::service::themas(&pg).await.unwrap(),
        )
        .await
        .unwrap();
        assert_eq!(
            serde_json::to_value(&x).unwrap(),
            serde_json::to_value(&y).unwrap(),
            "{jaar}"
        );
    }
    // The load ends with `VACUUM (ANALYZE)` of the schema's tables (`db::na_bulklading`).
    for t in ["audit_log", "audit_zicht", "moment", "casus"] {
        let gevacuumd = getal(
            &pg,
            &format!(
                "SELECT COUNT(*) FROM pg_stat_user_tables
                 WHERE schemaname = current_schema() AND relname = '{t}'
                   AND last_vacuum IS NOT NULL AND last_analyze IS NOT NULL"
            ),
        )
        .await;
        assert_eq!(gevacuumd, 1, "{t}");
    }
    // The demo writes explicit ids: every identity goes on after the largest id, so what users
    // add next does not collide (a CSV import right after the demo failed with "Deze gegevens
    // bestaan al").
    let identiteiten: Vec<(String, String)> = sqlx::query_as(
        "SELECT CAST(table_name AS TEXT), CAST(column_name AS TEXT) FROM information_schema.columns
         WHERE table_schema = current_schema() AND is_identity = 'YES'",
    )
    .fetch_all(&pg)
    .await
    .unwrap();
    assert!(identiteiten.len() >= 10, "{identiteiten:?}");
    for (tabel, k) in identiteiten {
        let hoogste = getal(&pg, &format!("SELECT COALESCE(MAX({k}), 0) FROM {tabel}")).await;
        let volgende = getal(
            &pg,
            &format!("SELECT nextval(pg_get_serial_sequence('{tabel}', '{k}'))"),
        )
        .await;
        assert!(volgende > hoogste, "{tabel}.{k}: {volgende} <= {hoogste}");
    }
}
