//! The command line as a user runs it: the built `voorop` binary on a temporary database.

use std::path::Path;
use std::process::{Command, Output, Stdio};

fn voorop(db: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_voorop"));
    c.arg("--db").arg(db).args(args).stdin(Stdio::null());
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("voorop starten")
}

fn tekst(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn demo_is_idempotent_and_zelfscan_export_import_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    for _ in 0..2 {
        let o = voorop(&db, &["demo"], &[]);
        assert!(o.status.success(), "{}", tekst(&o));
    }
    let xlsx = dir.path().join("ronde2.xlsx");
    let o = voorop(
        &db,
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
    let o = voorop(
        &db,
        &["zelfscan", "import", "--ronde", "2", xlsx.to_str().unwrap()],
        &[],
    );
    assert!(o.status.success(), "{}", tekst(&o));
    assert!(
        tekst(&o).contains("geïmporteerd in scanronde 2"),
        "{}",
        tekst(&o)
    );

    // A file that is not xlsx: refused with a Dutch message, non-zero exit.
    let nep = dir.path().join("nep.xlsx");
    std::fs::write(&nep, b"dit is geen excel").unwrap();
    let o = voorop(
        &db,
        &["zelfscan", "import", "--ronde", "2", nep.to_str().unwrap()],
        &[],
    );
    assert!(!o.status.success());
    assert!(
        tekst(&o).contains("geen geldig Excel-bestand"),
        "{}",
        tekst(&o)
    );
    let o = voorop(
        &db,
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

#[test]
fn user_add_validates_every_argument_in_dutch_and_token_works() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    let o = voorop(
        &db,
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
    let o = voorop(
        &db,
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
    let o = voorop(
        &db,
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
    let o = voorop(&db, &["token", "create", "--email", "t@test.nl"], &[]);
    assert!(o.status.success(), "{}", tekst(&o));
    assert!(
        String::from_utf8_lossy(&o.stdout)
            .trim()
            .starts_with("vrp_")
    );
    let o = voorop(&db, &["token", "revoke", "--email", "t@test.nl"], &[]);
    assert!(
        tekst(&o).contains("1 token(s) ingetrokken"),
        "{}",
        tekst(&o)
    );
    let o = voorop(&db, &["audit", "verify"], &[]);
    assert!(
        o.status.success() && tekst(&o).contains("intact"),
        "{}",
        tekst(&o)
    );
}
