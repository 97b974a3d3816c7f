//! `voorop casus import` and `voorop retentie` as a user runs them: the built binary on a
//! temporary database.

mod common;

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
