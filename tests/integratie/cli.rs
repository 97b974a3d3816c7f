//! The command line as a user runs it: the built `voorop` binary on a temporary database
//! (SQLite, or PostgreSQL with `VOOROP_TEST_DB`; backup and restore are for SQLite files only).

use crate::common;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use voorop::db::Locatie;

/// A test database without data and its audit head file.
struct Opzet {
    _dir: tempfile::TempDir,
    locatie: Locatie,
    kop: std::path::PathBuf,
}

async fn opzet() -> Opzet {
    let dir = tempfile::tempdir().unwrap();
    let pad = dir.path().join("cli.db");
    let (_, locatie) = common::testdatabase(&pad, common::Vulling::Leeg).await;
    Opzet {
        kop: voorop::config::kop_naast(&pad),
        _dir: dir,
        locatie,
    }
}

impl Opzet {
    fn voorop(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let mut c = common::voorop_cmd(&self.locatie, &self.kop, args);
        c.envs(env.iter().copied());
        c.output().expect("voorop starten")
    }
}

/// The built binary on an SQLite file.
fn voorop(db: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = common::voorop_cmd(
        &Locatie::Sqlite(db.to_path_buf()),
        &voorop::config::kop_naast(db),
        args,
    );
    c.envs(env.iter().copied());
    c.output().expect("voorop starten")
}

fn tekst(o: &Output) -> String {
    common::uitvoer(o)
}

#[tokio::test]
async fn demo_is_idempotent_and_zelfscan_export_import_round_trip() {
    let o_ = opzet().await;
    let dir = tempfile::tempdir().unwrap();
    // A reference date that is no date is refused in Dutch, by option or environment, before
    // anything is loaded; the national demo keeps its own fixed date.
    let geen_datum = "geen geldige datum; gebruik JJJJ-MM-DD";
    for (args, env, verwacht) in [
        (
            &["demo", "--peildatum", "2026-13-01"][..],
            &[][..],
            geen_datum,
        ),
        (
            &["demo"][..],
            &[("VOOROP_DEMO_PEILDATUM", "morgen")][..],
            geen_datum,
        ),
        (
            &["demo", "--schaal", "landelijk", "--peildatum", "2026-01-01"][..],
            &[][..],
            "hoort alleen bij de kleine demo",
        ),
    ] {
        let o = o_.voorop(args, env);
        assert!(!o.status.success(), "{args:?}");
        assert!(tekst(&o).contains(verwacht), "{args:?}: {}", tekst(&o));
    }
    for _ in 0..2 {
        let o = o_.voorop(&["demo"], &[]);
        assert!(o.status.success(), "{}", tekst(&o));
    }
    let xlsx = dir.path().join("ronde2.xlsx");
    let o = o_.voorop(
        &[
            "zelfscan",
            "export",
            "--ronde",
            "2",
            "--out",
            xlsx.to_str().unwrap(),
        ],
        &[],
    );
    assert!(o.status.success(), "{}", tekst(&o));
    assert!(
        std::fs::read(&xlsx).unwrap().starts_with(b"PK"),
        "geen xlsx (zip)"
    );
    let o = o_.voorop(
        &["zelfscan", "import", "--ronde", "2", xlsx.to_str().unwrap()],
        &[],
    );
    assert!(o.status.success(), "{}", tekst(&o));
    assert!(
        tekst(&o).contains("geïmporteerd in scanronde 2"),
        "{}",
        tekst(&o)
    );
    // The same export into round 1 is refused (the probe replaced 164 answers of round 1 this
    // way); tests/integratie/zelfscan_http.rs checks that nothing changed.
    let o = o_.voorop(
        &["zelfscan", "import", "--ronde", "1", xlsx.to_str().unwrap()],
        &[],
    );
    assert!(!o.status.success());
    assert!(
        tekst(&o).contains("scanronde 2, niet van scanronde 1"),
        "{}",
        tekst(&o)
    );

    // A file that is not xlsx: refused with a Dutch message, non-zero exit.
    let nep = dir.path().join("nep.xlsx");
    std::fs::write(&nep, b"dit is geen excel").unwrap();
    let o = o_.voorop(
        &["zelfscan", "import", "--ronde", "2", nep.to_str().unwrap()],
        &[],
    );
    assert!(!o.status.success());
    assert!(
        tekst(&o).contains("geen geldig Excel-bestand"),
        "{}",
        tekst(&o)
    );
    let o = o_.voorop(
        &[
            "zelfscan",
            "export",
            "--ronde",
            "99",
            "--out",
            xlsx.to_str().unwrap(),
        ],
        &[],
    );
    assert!(!o.status.success());
    assert!(
        tekst(&o).contains("De scanronde is niet gevonden"),
        "{}",
        tekst(&o)
    );
}

#[tokio::test]
async fn user_add_validates_every_argument_in_dutch_and_token_works() {
    let o_ = opzet().await;
    let o = o_.voorop(
        &[
            "organisatie",
            "add",
            "--code",
            "gemeente-test",
            "--naam",
            "Gemeente Test (fictief)",
            "--soort",
            "gemeente",
            "--regio",
            "limburg",
        ],
        &[],
    );
    assert!(o.status.success(), "{}", tekst(&o));
    let o = o_.voorop(
        &[
            "user",
            "add",
            "--email",
            "geen-email",
            "--naam",
            "T",
            "--organisatie",
            "bestaat-niet",
            "--rol",
            "admin",
        ],
        &[("VOOROP_WACHTWOORD", "kort")],
    );
    assert!(!o.status.success());
    let t = tekst(&o);
    for melding in [
        "geldig e-mailadres",
        "Onbekende organisatiecode",
        "Onbekende rol",
        "minstens 12 tekens",
    ] {
        assert!(t.contains(melding), "'{melding}' ontbreekt in:\n{t}");
    }
    // Long enough but common, or the user's own address: refused.
    for (zwak, melding) in [
        ("123456789012", "te voorspelbaar"),
        ("Voorop-demo-2026", "te voorspelbaar"),
        ("t.tester@test.nl", "e-mailadres of naam"),
    ] {
        let o = o_.voorop(
            &[
                "user",
                "add",
                "--email",
                "t.tester@test.nl",
                "--naam",
                "T",
                "--organisatie",
                "gemeente-test",
                "--rol",
                "lezer",
            ],
            &[("VOOROP_WACHTWOORD", zwak)],
        );
        assert!(!o.status.success());
        assert!(tekst(&o).contains(melding), "{zwak}: {}", tekst(&o));
    }
    let o = o_.voorop(
        &[
            "user",
            "add",
            "--email",
            "t@test.nl",
            "--naam",
            "T",
            "--organisatie",
            "gemeente-test",
            "--rol",
            "regiocoördinator",
        ],
        &[("VOOROP_WACHTWOORD", "een-lang-wachtwoord-1")],
    );
    assert!(o.status.success(), "{}", tekst(&o));
    let o = o_.voorop(&["token", "create", "--email", "t@test.nl"], &[]);
    assert!(o.status.success(), "{}", tekst(&o));
    assert!(
        String::from_utf8_lossy(&o.stdout)
            .trim()
            .starts_with("vrp_")
    );
    let o = o_.voorop(&["token", "revoke", "--email", "t@test.nl"], &[]);
    assert!(
        tekst(&o).contains("1 token(s) ingetrokken"),
        "{}",
        tekst(&o)
    );
    let o = o_.voorop(&["audit", "verify"], &[]);
    assert!(
        o.status.success() && tekst(&o).contains("intact"),
        "{}",
        tekst(&o)
    );
}

/// A file in the test folder, as text for the command line.
fn pad(dir: &tempfile::TempDir, naam: &str) -> String {
    dir.path().join(naam).to_str().unwrap().to_string()
}

#[test]
fn backup_en_restore() {
    // SQLite files only (PostgreSQL is backed up with its own tools): run once, in the SQLite run.
    if common::op_postgres() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bron.db");
    let o = voorop(&db, &["demo"], &[]);
    assert!(o.status.success(), "{}", tekst(&o));

    // A verified, consistent copy.
    let backup = pad(&dir, "backup.db");
    let o = voorop(&db, &["backup", "--out", &backup], &[]);
    assert!(o.status.success(), "{}", tekst(&o));
    assert!(
        tekst(&o).contains("auditketen gecontroleerd"),
        "{}",
        tekst(&o)
    );
    // Never overwritten.
    let o = voorop(&db, &["backup", "--out", &backup], &[]);
    assert!(!o.status.success());
    assert!(tekst(&o).contains("bestaat al"), "{}", tekst(&o));
    // A wrong database path is an error, not a new empty database.
    let fout = dir.path().join("bestaat-niet.db");
    let o = voorop(&fout, &["backup", "--out", &pad(&dir, "x.db")], &[]);
    assert!(!o.status.success());
    assert!(!fout.exists(), "backup maakte een lege database aan");

    // Restore into a new path: the copy works as a database.
    let nieuw = dir.path().join("nieuw.db");
    let o = voorop(&nieuw, &["restore", &backup], &[]);
    assert!(o.status.success(), "{}", tekst(&o));
    let o = voorop(&nieuw, &["audit", "verify"], &[]);
    assert!(o.status.success(), "{}", tekst(&o));
    let o = voorop(&nieuw, &["organisatie", "list"], &[]);
    assert!(tekst(&o).contains("dommelstad"), "{}", tekst(&o));

    // Over a database with data: refused without --force, nothing changed.
    let voor = std::fs::read(&db).unwrap();
    let o = voorop(&db, &["restore", &backup], &[]);
    assert!(!o.status.success());
    assert!(tekst(&o).contains("--force"), "{}", tekst(&o));
    assert_eq!(std::fs::read(&db).unwrap(), voor);
    // With --force: the old database stays beside it.
    let o = voorop(&db, &["restore", &backup, "--force"], &[]);
    assert!(o.status.success(), "{}", tekst(&o));
    let oude: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(std::result::Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("bron.db.voor-herstel-"))
        .filter(|n| !n.ends_with("-wal") && !n.ends_with("-shm") && !n.ends_with(".auditkop"))
        .collect();
    assert_eq!(oude.len(), 1, "de oude database is niet bewaard: {oude:?}");
    // The restored database verifies against its own new head file.
    let o = voorop(&db, &["audit", "verify"], &[]);
    assert!(o.status.success(), "{}", tekst(&o));

    // The backup has its own signed audit head: a copy whose last audit rows were removed
    // (triggers dropped first) is refused, though every remaining link is valid.
    assert!(
        dir.path().join("backup.db.auditkop").is_file(),
        "geen kopbestand bij de back-up"
    );
    let afgekapt = pad(&dir, "afgekapt.db");
    std::fs::copy(&backup, &afgekapt).unwrap();
    std::fs::copy(
        dir.path().join("backup.db.auditkop"),
        dir.path().join("afgekapt.db.auditkop"),
    )
    .unwrap();
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let db = sqlx::SqlitePool::connect(&format!("sqlite://{afgekapt}"))
            .await
            .unwrap();
        for sql in [
            "DROP TRIGGER audit_log_geen_delete",
            "DELETE FROM audit_log WHERE id = (SELECT MAX(id) FROM audit_log)",
        ] {
            sqlx::query(sql).execute(&db).await.unwrap();
        }
        db.close().await;
    });
    let o = voorop(&dir.path().join("leeg.db"), &["restore", &afgekapt], &[]);
    assert!(
        !o.status.success(),
        "afgekapte back-up teruggezet: {}",
        tekst(&o)
    );
    assert!(
        tekst(&o).contains("het auditlog klopt niet"),
        "{}",
        tekst(&o)
    );

    // A damaged backup is refused before anything is touched.
    let mut kapot = std::fs::read(&backup).unwrap();
    let midden = kapot.len() / 2;
    for b in &mut kapot[midden..midden + 4096] {
        *b ^= 0x5a;
    }
    let kapot_pad = pad(&dir, "kapot.db");
    std::fs::write(&kapot_pad, &kapot).unwrap();
    let doel = dir.path().join("doel.db");
    let o = voorop(&doel, &["restore", &kapot_pad], &[]);
    assert!(!o.status.success(), "{}", tekst(&o));
    assert!(tekst(&o).contains("beschadigd"), "{}", tekst(&o));
    assert!(!doel.exists());
}

/// The binary is a deployment on its own: copied into an empty folder and started there, it
/// serves its stylesheet (embedded, nothing read from the source tree).
#[test]
fn binary_draait_los_van_de_broncode() {
    // About the binary, not the database: once, in the SQLite run.
    if common::op_postgres() {
        return;
    }
    use std::io::{BufRead, BufReader, Read, Write};
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("voorop");
    std::fs::copy(env!("CARGO_BIN_EXE_voorop"), &bin).unwrap();
    let mut server = Command::new(&bin)
        .current_dir(dir.path())
        .args(["--db", "los.db", "serve", "--addr", "127.0.0.1:0"])
        .env(
            "VOOROP_PSEUDONIEM_SLEUTEL",
            "test-sleutel-van-minstens-32-tekens-lang",
        )
        .env(
            "VOOROP_AUDIT_SLEUTEL",
            "test-auditsleutel-van-minstens-32-tekens",
        )
        .env_remove("VOOROP_DB")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut regels = BufReader::new(server.stdout.take().unwrap()).lines();
    let adres = regels
        .by_ref()
        .map_while(Result::ok)
        .find_map(|r| r.split("http://").nth(1).map(|a| a.trim().to_string()));
    let antwoord = adres.map(|adres| {
        let mut tcp = std::net::TcpStream::connect(&adres).unwrap();
        write!(
            tcp,
            "GET /static/voorop.css HTTP/1.1\r\nHost: {adres}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut uit = String::new();
        tcp.read_to_string(&mut uit).unwrap();
        uit
    });
    let _ = server.kill();
    let _ = server.wait();
    let antwoord = antwoord.expect("de server meldde geen adres");
    assert!(antwoord.starts_with("HTTP/1.1 200"), "{antwoord}");
    assert!(
        antwoord.to_lowercase().contains("content-type: text/css"),
        "{antwoord}"
    );
    assert!(
        antwoord.contains("font-family"),
        "geen stylesheet:\n{antwoord}"
    );
}

/// Commands that only read refuse a database that does not exist instead of creating an empty
/// one at a mistyped path (issue 10); a command that makes one still does.
#[test]
fn alleen_lezen_maakt_geen_lege_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("verkeerd.db");
    let uit = dir.path().join("x.xlsx");
    let uit = uit.to_str().unwrap();
    for args in [
        &["zelfscan", "export", "--ronde", "1", "--out", uit][..],
        &["werkset", "export", "--out", uit],
        &[
            "werkset",
            "rapport",
            "--regio",
            "oost-brabant",
            "--periode",
            "2025",
            "--out",
            "x.pdf",
        ],
        &["audit", "verify"],
    ] {
        let o = voorop(&db, args, &[]);
        let t = tekst(&o);
        assert!(!o.status.success(), "{args:?}: {t}");
        assert!(t.contains("bestaat niet"), "{args:?}: {t}");
        assert!(!db.exists(), "{args:?} made a database");
    }
}

#[test]
fn opdrachtregel_spreekt_nederlands() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    // Help on standard output, in Dutch, with the environment variables.
    let o = voorop(&db, &["--help"], &[]);
    assert!(o.status.success());
    let hulp = String::from_utf8_lossy(&o.stdout);
    assert!(
        hulp.contains("Gebruik: voorop [OPTIES] <OPDRACHT>"),
        "{hulp}"
    );
    assert!(hulp.contains("Omgevingsvariabelen:"), "{hulp}");
    assert!(hulp.contains("VOOROP_AUDIT_SLEUTEL"), "{hulp}");
    // A mistyped command: a Dutch error with a suggestion, exit code 2, nothing created.
    let o = voorop(&db, &["serv"], &[]);
    assert_eq!(o.status.code(), Some(2));
    let fout = String::from_utf8_lossy(&o.stderr);
    assert!(
        fout.starts_with("Fout: onbekende opdracht 'serv'."),
        "{fout}"
    );
    assert!(!fout.contains("error:"), "{fout}");
    assert!(!db.exists());
    // A file that is no database: said at once, in Dutch.
    let geen = dir.path().join("geen.db");
    std::fs::write(&geen, "dit is geen database").unwrap();
    let o = voorop(&geen, &["organisatie", "list"], &[]);
    assert!(!o.status.success());
    let fout = String::from_utf8_lossy(&o.stderr);
    assert!(
        fout.contains("dit bestand is geen SQLite-database"),
        "{fout}"
    );
}
