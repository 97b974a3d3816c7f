//! `voorop casus import` and `voorop retentie` as a user runs them: the built binary on a
//! temporary database.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Output;
use voorop::db::{Db, Locatie};

const SLEUTEL: &str = "voorop-demo-sleutel-alleen-voor-fictieve-gegevens";

/// A test database (SQLite, or PostgreSQL with `VOOROP_TEST_DB`) and the audit head file the
/// commands keep for it.
struct Database {
    locatie: Locatie,
    kop: PathBuf,
    db: Db,
}

fn voorop(db: &Database, args: &[&str], sleutel: Option<&str>) -> Output {
    let mut c = common::voorop_cmd(&db.locatie, &db.kop, args);
    if let Some(s) = sleutel {
        c.env("VOOROP_PSEUDONIEM_SLEUTEL", s);
    }
    c.output().expect("voorop starten")
}

fn uit(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn fout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn voorbeeld() -> String {
    concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/voorbeeld-casus-import.csv"
    )
    .to_string()
}

/// A demo database with the organisations the example file uses (created explicitly, so the
/// test does not depend on what the demo data contains).
async fn demodatabase(dir: &Path) -> Database {
    let pad = dir.join("casus.db");
    let (pool, locatie) = common::testdatabase(&pad, common::Vulling::Demo).await;
    let db = Database {
        locatie,
        kop: voorop::config::kop_naast(&pad),
        db: pool,
    };
    let o = voorop(&db, &["demo"], None);
    assert!(o.status.success(), "{}", fout(&o));
    for (code, soort) in [
        ("vt-oost-brabant", "veilig_thuis"),
        ("politie-oost-brabant", "politie"),
        ("om-oost-brabant", "om"),
    ] {
        let o = voorop(
            &db,
            &[
                "organisatie",
                "add",
                "--code",
                code,
                "--naam",
                &format!("{code} (fictief)"),
                "--soort",
                soort,
                "--regio",
                "oost-brabant",
            ],
            None,
        );
        assert!(o.status.success(), "{}", fout(&o));
    }
    db
}

async fn getal(p: &Db, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(p).await.unwrap()
}

#[tokio::test]
async fn import_is_alles_of_niets_met_nederlandse_fouten() {
    let dir = tempfile::tempdir().unwrap();
    let db = demodatabase(dir.path()).await;
    let p = db.db.clone();
    let momenten_voor = getal(&p, "SELECT COUNT(*) FROM moment").await;

    // The example needs the pseudonym key for its names: without it, a Dutch error and nothing stored.
    let o = voorop(&db, &["casus", "import", &voorbeeld()], None);
    assert!(!o.status.success());
    assert!(
        fout(&o).contains("VOOROP_PSEUDONIEM_SLEUTEL"),
        "{}",
        fout(&o)
    );
    assert!(fout(&o).contains("niets opgeslagen"), "{}", fout(&o));

    let o = voorop(
        &db,
        &["casus", "import", "--formaat", "csv", &voorbeeld()],
        Some(SLEUTEL),
    );
    assert!(o.status.success(), "{}", fout(&o));
    assert!(uit(&o).contains("6 momenten in 4 casussen"), "{}", uit(&o));
    assert!(uit(&o).contains("HG met VT & ZSM"), "{}", uit(&o));
    // No personal data of the file on stdout or stderr.
    for o in [uit(&o), fout(&o)] {
        assert!(!o.contains("Voorbeeld") && !o.contains("Fictief"), "{o}");
    }
    let na_voorbeeld = getal(&p, "SELECT COUNT(*) FROM moment").await;
    assert_eq!(na_voorbeeld, momenten_voor + 6);

    // One bad row among good ones: nothing stored, stderr names row and column.
    let csv = dir.path().join("fout.csv");
    std::fs::write(
        &csv,
        "\u{feff}soort;regio;organisatie;tijdstip;reactie;veiligheidsbeoordeling;maatregelen\r\n\
         acuut;oost-brabant;politie-oost-brabant;2025-05-01 21:00;telefonisch;ja;thv\r\n\
         acuut;oost-brabant;politie-oost-brabant;2025-05-02 21:00;fiets;ja;\r\n\
         acuut;oost-brabant;politie-oost-brabant;2025-05-03 21:00;teams;nee;opvang|overig\r\n",
    )
    .unwrap();
    let o = voorop(&db, &["casus", "import", csv.to_str().unwrap()], None);
    assert!(!o.status.success());
    assert!(
        fout(&o).contains(
            "Rij 3, kolom 'reactie': kies een van telefonisch, teams, ter_plaatse, geen."
        ),
        "{}",
        fout(&o)
    );
    // The message names row and column, never what the cell holds.
    assert!(!fout(&o).contains("fiets"), "{}", fout(&o));
    assert_eq!(getal(&p, "SELECT COUNT(*) FROM moment").await, na_voorbeeld);

    // The same file without the bad row goes in (no key needed: no names).
    let goed = std::fs::read_to_string(&csv)
        .unwrap()
        .replace("fiets", "geen");
    std::fs::write(&csv, goed).unwrap();
    let o = voorop(&db, &["casus", "import", csv.to_str().unwrap()], None);
    assert!(o.status.success(), "{}", fout(&o));
    assert!(uit(&o).contains("3 momenten in 3 casussen"), "{}", uit(&o));
    assert_eq!(
        getal(&p, "SELECT COUNT(*) FROM moment").await,
        na_voorbeeld + 3
    );
    assert_eq!(
        getal(
            &p,
            "SELECT COUNT(*) FROM audit_log WHERE code = 'casus.import'"
        )
        .await,
        2
    );

    // Only csv.
    let o = voorop(
        &db,
        &[
            "casus",
            "import",
            "--formaat",
            "xlsx",
            csv.to_str().unwrap(),
        ],
        None,
    );
    assert!(!o.status.success());
    assert!(
        fout(&o).contains("Onbekend formaat 'xlsx': alleen csv"),
        "{}",
        fout(&o)
    );
}

#[tokio::test]
async fn retentie_wist_persoonsgegevens_en_houdt_proces() {
    let dir = tempfile::tempdir().unwrap();
    let db = demodatabase(dir.path()).await;
    // The demo world is dated (its peildatum): as days pass, its earliest closed cases fall due
    // too. Erase those first, so that what follows counts only the case this test closes.
    let o = voorop(&db, &["retentie"], None);
    assert!(o.status.success(), "{}", fout(&o));
    let o = voorop(&db, &["casus", "import", &voorbeeld()], Some(SLEUTEL));
    assert!(o.status.success(), "{}", fout(&o));
    let p = db.db.clone();
    // The case of the example with three moments (REG-2025-001) has names and personal data.
    let casus: i64 = getal(
        &p,
        "SELECT casus_id FROM moment GROUP BY casus_id HAVING COUNT(*) = 3 ORDER BY casus_id DESC LIMIT 1",
    )
    .await;
    let persoon = format!(
        "SELECT COUNT(*) FROM moment_persoon WHERE moment_id IN (SELECT id FROM moment WHERE casus_id = {casus})"
    );
    assert_eq!(getal(&p, &persoon).await, 2, "acuut en actieoverleg");
    assert_eq!(
        getal(
            &p,
            &format!("SELECT COUNT(*) FROM casus WHERE id = {casus} AND pseudoniem IS NOT NULL")
        )
        .await,
        1
    );

    // Closed 30 months ago: past the default retention of 24 months.
    let gesloten = time::OffsetDateTime::now_utc() - time::Duration::days(30 * 31);
    let gesloten = gesloten
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap();
    sqlx::query("UPDATE casus SET status = 'gesloten', gesloten_op = $2 WHERE id = $1")
        .bind(casus)
        .bind(format!("{}Z", &gesloten[..19]))
        .execute(&p)
        .await
        .unwrap();

    let o = voorop(&db, &["retentie"], None);
    assert!(o.status.success(), "{}", fout(&o));
    assert!(
        uit(&o).contains("Persoonsgegevens gewist van 1 casus (2 records)"),
        "{}",
        uit(&o)
    );
    assert!(uit(&o).contains("bewaartermijn 24 maanden"), "{}", uit(&o));
    assert_eq!(getal(&p, &persoon).await, 0);
    assert_eq!(
        getal(
            &p,
            &format!(
                "SELECT COUNT(*) FROM casus WHERE id = {casus} AND pseudoniem IS NULL AND gewist_op IS NOT NULL"
            )
        )
        .await,
        1
    );
    assert_eq!(
        getal(
            &p,
            &format!("SELECT COUNT(*) FROM moment WHERE casus_id = {casus}")
        )
        .await,
        3,
        "procesgegevens blijven"
    );
    assert_eq!(
        getal(
            &p,
            &format!(
                "SELECT COUNT(*) FROM audit_log WHERE code = 'casus.persoonsgegevens_gewist' AND object_id = '{casus}'"
            )
        )
        .await,
        1
    );
    // Other cases of the example keep their personal data.
    assert!(getal(&p, "SELECT COUNT(*) FROM moment_persoon").await >= 1);

    // A second run finds nothing; --maanden overrides the configured period.
    let o = voorop(&db, &["retentie", "--maanden", "36"], None);
    assert!(o.status.success(), "{}", fout(&o));
    assert!(
        uit(&o).contains("Geen persoonsgegevens gewist") && uit(&o).contains("36 maanden"),
        "{}",
        uit(&o)
    );
    let o = voorop(&db, &["retentie", "--maanden", "0"], None);
    assert!(!o.status.success());
    assert!(fout(&o).contains("minstens 1"), "{}", fout(&o));
}

/// Defect 8 of issue 7: a file with a broken quote and control characters around a name and
/// a date of birth. The import refuses it naming row, line and column; neither stdout nor
/// stderr repeats the name, the date or the control characters (an escape sequence would
/// rewrite the administrator's terminal).
#[tokio::test]
async fn vijandig_bestand_geweigerd_zonder_inhoud_te_tonen() {
    let dir = tempfile::tempdir().unwrap();
    let db = demodatabase(dir.path()).await;
    let p = db.db.clone();
    let voor = getal(&p, "SELECT COUNT(*) FROM moment").await;
    let kop = "soort;regio;organisatie;tijdstip;persoon_naam;persoon_geboortedatum;reactie;veiligheidsbeoordeling\r\n";
    let goed = "acuut;oost-brabant;politie-oost-brabant;2025-05-01 21:00;;;telefonisch;ja\r\n";
    let csv = dir.path().join("vijandig.csv");
    for (rij, verwacht) in [
        (
            "acuut;oost-brabant;politie-oost-brabant;2025-05-02 21:00;\"Zwartjes, Geheimina;14-02-1987;telefonisch;ja\r\n",
            "Rij 3 (regel 3 van het bestand): ongeldige aanhalingstekens",
        ),
        (
            "acuut;oost-brabant;politie-oost-brabant;2025-05-02 21:00;\"Zwartjes\" Geheimina;14-02-1987;telefonisch;ja\r\n",
            "Rij 3 (regel 3 van het bestand): ongeldige aanhalingstekens",
        ),
        (
            "acuut;oost-brabant;politie-oost-brabant;2025-05-02 21:00;Zwartjes\u{1b}[2J Geheimina;14-02-1987;telefonisch;ja\r\n",
            "Rij 3, kolom 'persoon_naam': de waarde bevat een onzichtbaar stuurteken (U+001B)",
        ),
        (
            "acuut;oost-brabant;politie-oost-brabant;2025-05-02 21:00;Zwartjes\u{202e}animiheG;14-02-1987;telefonisch;ja\r\n",
            "Rij 3, kolom 'persoon_naam': de waarde bevat een onzichtbaar stuurteken (U+202E)",
        ),
        (
            "acuut;oost-brabant;politie-oost-brabant;2025-05-02 21:00;Zwartjes Geheimina;14-02-1987\0;telefonisch;ja\r\n",
            "Rij 3, kolom 'persoon_geboortedatum': de waarde bevat een onzichtbaar stuurteken (U+0000)",
        ),
        (
            // A name shifted into a choice column (a missing delimiter).
            "acuut;oost-brabant;politie-oost-brabant;2025-05-02 21:00;14-02-1987;Zwartjes Geheimina;ja\r\n",
            "Rij 3, kolom 'reactie': kies een van telefonisch, teams, ter_plaatse, geen.",
        ),
    ] {
        std::fs::write(&csv, format!("{kop}{goed}{rij}{goed}")).unwrap();
        let o = voorop(
            &db,
            &["casus", "import", csv.to_str().unwrap()],
            Some(SLEUTEL),
        );
        assert!(!o.status.success());
        assert!(fout(&o).contains(verwacht), "{verwacht}\n{}", fout(&o));
        assert!(fout(&o).contains("niets opgeslagen"), "{}", fout(&o));
        for uitvoer in [&o.stdout, &o.stderr] {
            let tekst = String::from_utf8_lossy(uitvoer);
            for geheim in ["Zwartjes", "Geheimina", "animiheG", "14-02-1987", "1987"] {
                assert!(!tekst.contains(geheim), "{geheim} in {tekst}");
            }
            assert!(
                !uitvoer.iter().any(|b| *b == 0x1b || *b == 0),
                "control character in the output"
            );
            assert!(!tekst.contains('\u{202e}'));
        }
        assert_eq!(getal(&p, "SELECT COUNT(*) FROM moment").await, voor);
    }
}

/// What a set of moments left in the database, with ids replaced by their order among the new
/// rows (so two sets written at different ids compare): cases, moments with their personal
/// data and participations, and the audit rows about them, in order.
async fn afdruk(p: &Db, na_moment: i64, na_casus: i64, na_audit: i64) -> Vec<String> {
    use std::collections::HashMap;
    type CasusRij = (i64, String, Option<String>, String, Option<String>);
    type MomentRij = (i64, i64, String, String, String, String, i64, Option<i64>);
    type DeelnemerRij = (i64, String, Option<String>, Option<i64>, Option<i64>);
    type AuditRij = (
        String,
        String,
        String,
        String,
        String,
        String,
        String,
        String,
    );
    let casussen: Vec<CasusRij> = sqlx::query_as(
        "SELECT id, regio_code, pseudoniem, status, eerste_tijdstip FROM casus WHERE id > $1 ORDER BY id",
    )
    .bind(na_casus)
    .fetch_all(p)
    .await
    .unwrap();
    let casus_nr: HashMap<i64, usize> =
        casussen.iter().enumerate().map(|(i, c)| (c.0, i)).collect();
    let momenten: Vec<MomentRij> = sqlx::query_as(
        "SELECT id, casus_id, soort, tijdstip, status, gegevens, aangemaakt_door_organisatie, overleg_id
         FROM moment WHERE id > $1 ORDER BY id",
    )
    .bind(na_moment)
    .fetch_all(p)
    .await
    .unwrap();
    let moment_nr: HashMap<i64, usize> =
        momenten.iter().enumerate().map(|(i, m)| (m.0, i)).collect();
    let mut uit: Vec<String> = casussen
        .iter()
        .map(|c| format!("casus {:?}", (&c.1, &c.2, &c.3, &c.4)))
        .collect();
    for m in &momenten {
        let persoon: Option<String> =
            sqlx::query_scalar("SELECT gegevens FROM moment_persoon WHERE moment_id = $1")
                .bind(m.0)
                .fetch_optional(p)
                .await
                .unwrap();
        let deelnemers: Vec<DeelnemerRij> = sqlx::query_as(
            "SELECT organisatie_id, rol, tot, gestart_door_gebruiker, gestart_door_organisatie
             FROM moment_deelnemer WHERE moment_id = $1 ORDER BY id",
        )
        .bind(m.0)
        .fetch_all(p)
        .await
        .unwrap();
        uit.push(format!(
            "moment casus {} {:?} persoon {persoon:?} deelnemers {deelnemers:?}",
            casus_nr[&m.1],
            (&m.2, &m.3, &m.4, &m.5, m.6, m.7)
        ));
    }
    let audit: Vec<AuditRij> = sqlx::query_as(
        "SELECT actor, code, object_type, object_id, details, betrokkene, doel, uitkomst
         FROM audit_log WHERE id > $1 AND code <> 'casus.import' ORDER BY id",
    )
    .bind(na_audit)
    .fetch_all(p)
    .await
    .unwrap();
    for (actor, code, soort, id, details, betrokkene, doel, uitkomst) in audit {
        let id = match (soort.as_str(), id.parse::<i64>()) {
            ("moment", Ok(n)) => format!("#{}", moment_nr[&n]),
            _ => id,
        };
        uit.push(format!(
            "audit {actor} {code} {soort} {id} {details} {betrokkene} {doel} {uitkomst}"
        ));
    }
    uit
}

/// The import writes each batch with a few multi-row statements. What it stores must be what
/// registering each row in the application gives (as the import did before, row by row with
/// `service::opslaan_in`, then setting the imported status): the same cases (a `casus_ref`
/// shared, the pseudonym of the first row with one, the first moment), moments, personal data,
/// participations (the Actie-overleg's chair) and audit rows with their data subject and
/// purpose, in the same order. Batches of 2 rows, so cases span batches.
#[tokio::test]
async fn import_slaat_op_wat_registreren_opslaat() {
    use voorop::auth::permissions;
    use voorop::casus::model::{Soort, Status};
    use voorop::casus::{import, repo, service, velden};
    let dir = tempfile::tempdir().unwrap();
    let db = demodatabase(dir.path()).await;
    let p = db.db.clone();
    let sleutel = voorop::config::Sleutel::new(SLEUTEL.as_bytes());
    let actor = voorop::audit::Actor::cli();
    let bestand = std::fs::read(voorbeeld()).unwrap();
    let hoogste = |tabel: &'static str| {
        let p = p.clone();
        async move { getal(&p, &format!("SELECT COALESCE(MAX(id), 0) FROM {tabel}")).await }
    };

    let (m0, c0, a0) = (
        hoogste("moment").await,
        hoogste("casus").await,
        hoogste("audit_log").await,
    );
    let instellingen = import::Instellingen {
        batch: 2,
        pauze: std::time::Duration::ZERO,
        ..Default::default()
    };
    let s = import::importeren_uit(
        &p,
        Some(&sleutel),
        &actor,
        std::io::Cursor::new(&bestand),
        &instellingen,
        &mut |_| {},
    )
    .await
    .unwrap();
    assert_eq!(s.momenten, 6);
    assert_eq!(s.batches, 3);
    let (m1, c1, a1) = (
        hoogste("moment").await,
        hoogste("casus").await,
        hoogste("audit_log").await,
    );
    let geimporteerd = afdruk(&p, m0, c0, a0).await;

    // The same rows registered one by one, as the application does.
    let mut lezer = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(bestand.as_slice());
    let kolommen: Vec<String> = lezer
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let mut casus_van_ref: std::collections::HashMap<String, voorop::gedeeld::CasusId> =
        Default::default();
    for rij in lezer.records() {
        let rij = rij.unwrap();
        let waarde = |k: &str| {
            kolommen
                .iter()
                .position(|c| c == k)
                .and_then(|i| rij.get(i))
                .unwrap_or("")
                .to_string()
        };
        let soort = Soort::parse(&waarde("soort")).unwrap();
        let invoer = service::MomentInvoer {
            tijdstip: waarde("tijdstip"),
            persoon_naam: waarde("persoon_naam"),
            persoon_geboortedatum: waarde("persoon_geboortedatum"),
            velden: velden::velden(soort)
                .iter()
                .filter(|v| !waarde(v.code).is_empty())
                .map(|v| (v.code.to_string(), waarde(v.code).replace('|', ",")))
                .collect(),
            ..Default::default()
        };
        let mut r = service::valideer(Some(&sleutel), soort, &invoer).unwrap();
        let cref = waarde("casus_ref");
        r.casus = casus_van_ref.get(&cref).copied();
        let org: voorop::gedeeld::OrganisatieId =
            sqlx::query_scalar("SELECT id FROM organisatie WHERE code = $1")
                .bind(waarde("organisatie"))
                .fetch_one(&p)
                .await
                .unwrap();
        let systeem = permissions::systeem();
        let reg =
            systeem.registratie(&voorop::gedeeld::RegioCode::parse(&waarde("regio")).unwrap());
        let deelname = systeem.deelname();
        let mut tx = voorop::db::begin(&p).await.unwrap();
        service::werkgebied_controleren(
            &mut tx,
            reg.regio(),
            soort,
            &mut r.waarden.proces,
            &Default::default(),
        )
        .await
        .unwrap();
        let id = service::opslaan_in(&mut tx, &actor, org, (&reg, &deelname), &r)
            .await
            .unwrap();
        let status = match waarde("status").as_str() {
            "" => soort.begin_status(),
            s => Status::parse(s).unwrap(),
        };
        if status != soort.begin_status() {
            repo::moment_bijwerken(
                &mut tx,
                &deelname,
                id,
                &r.tijdstip,
                status,
                &r.waarden.proces,
                None,
            )
            .await
            .unwrap();
            voorop::audit::schrijf(
                &mut tx,
                &actor,
                voorop::audit::AuditEvent::MomentGewijzigd {
                    moment: id,
                    wat: status.code(),
                },
            )
            .await
            .unwrap();
        }
        let casus: voorop::gedeeld::CasusId =
            sqlx::query_scalar("SELECT casus_id FROM moment WHERE id = $1")
                .bind(id)
                .fetch_one(&mut *tx)
                .await
                .unwrap();
        tx.commit().await.unwrap();
        if !cref.is_empty() {
            casus_van_ref.insert(cref, casus);
        }
    }
    let geregistreerd = afdruk(&p, m1, c1, a1).await;
    assert!(geimporteerd.len() > 20, "{geimporteerd:#?}");
    assert_eq!(geimporteerd, geregistreerd);

    // The chain the import wrote in Rust verifies.
    let o = voorop(&db, &["audit", "verify"], None);
    assert!(o.status.success(), "{}{}", uit(&o), fout(&o));
}

/// Number in "Indicatortellingen opgeslagen voor N regio-jaren".
fn opgeslagen_regiojaren(o: &Output) -> i64 {
    assert!(o.status.success(), "{}", fout(o));
    let tekst = uit(o);
    tekst
        .split("Indicatortellingen opgeslagen voor ")
        .nth(1)
        .and_then(|r| r.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{tekst}"))
}

/// `voorop casus indicatoren` stores the count of every region-year with a marker, then finds
/// nothing stale; an import stores the region-years it changed; `--opnieuw` counts all again.
#[tokio::test]
async fn indicatortellingen_opgeslagen_na_import_en_op_verzoek() {
    let dir = tempfile::tempdir().unwrap();
    let db = demodatabase(dir.path()).await;
    let p = db.db.clone();
    let regiojaren = getal(&p, "SELECT COUNT(*) FROM indicator_versie").await;
    assert!(regiojaren > 0);
    let alle = voorop(&db, &["casus", "indicatoren"], None);
    assert_eq!(opgeslagen_regiojaren(&alle), regiojaren);
    assert_eq!(
        getal(&p, "SELECT COUNT(*) FROM indicator_telling").await,
        regiojaren
    );
    assert_eq!(
        opgeslagen_regiojaren(&voorop(&db, &["casus", "indicatoren"], None)),
        0
    );

    let o = voorop(&db, &["casus", "import", &voorbeeld()], Some(SLEUTEL));
    let na_import = opgeslagen_regiojaren(&o);
    assert!(na_import >= 1, "{}", uit(&o));
    // Nothing left stale: the rows carry the markers as they are now.
    assert_eq!(
        getal(
            &p,
            "SELECT COUNT(*) FROM indicator_versie v JOIN indicator_telling t
               ON t.regio_code = v.regio_code AND t.jaar = v.jaar AND t.versie = v.versie"
        )
        .await,
        getal(&p, "SELECT COUNT(*) FROM indicator_versie").await
    );
    let opnieuw = voorop(&db, &["casus", "indicatoren", "--opnieuw"], None);
    assert_eq!(
        opgeslagen_regiojaren(&opnieuw),
        getal(&p, "SELECT COUNT(*) FROM indicator_versie").await
    );
}
