//! Tampering with the audit log, the way an attacker with access to the database file would
//! (dropping the append-only triggers first), and `voorop audit verify` (the built binary)
//! naming the first broken entry. One test per kind of tampering; each fails with the old,
//! unkeyed chain over only some columns without a head file.

use crate::common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use voorop::audit::model::{
    KetenRegel, VERSIE_NEN, VERSIE_OUD, VERSIE_SLEUTEL, hash_v1, hash_v2, hash_v3,
};
use voorop::audit::{Actor, AuditEvent};
use voorop::config::Sleutel;
use voorop::db::{Db as SqlitePool, Locatie};

/// The installation's audit key (kept outside the database).
const SLEUTEL: &str = "de-echte-auditsleutel-van-deze-test-0123456789";
/// A key the attacker makes up.
const ANDERE_SLEUTEL: &str = "een-sleutel-die-de-aanvaller-verzint-0123456789";

/// A test database (SQLite, or PostgreSQL with `VOOROP_TEST_DB`) with its audit head file.
struct Opzet {
    _dir: tempfile::TempDir,
    pad: PathBuf,
    locatie: Locatie,
    db: SqlitePool,
}

impl Opzet {
    fn kop(&self) -> PathBuf {
        voorop::config::kop_naast(&self.pad)
    }
    fn cmd(&self, args: &[&str], sleutel: Option<&str>) -> Command {
        voorop_cmd(&self.locatie, &self.kop(), args, sleutel)
    }
    fn voorop(&self, args: &[&str], sleutel: Option<&str>) -> Output {
        self.cmd(args, sleutel).output().expect("voorop starten")
    }
}

/// The built binary on `db`, with the head file `kop` and, if given, the audit key.
fn voorop_cmd(db: &Locatie, kop: &Path, args: &[&str], sleutel: Option<&str>) -> Command {
    let mut c = common::voorop_cmd(db, kop, args);
    if let Some(s) = sleutel {
        c.env("VOOROP_AUDIT_SLEUTEL", s);
    }
    c
}

/// The built binary on an SQLite file.
fn voorop(db: &Path, args: &[&str], sleutel: Option<&str>) -> Output {
    voorop_cmd(
        &Locatie::Sqlite(db.to_path_buf()),
        &voorop::config::kop_naast(db),
        args,
        sleutel,
    )
    .output()
    .expect("voorop starten")
}

fn tekst(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// `voorop audit verify` with the real key: must fail and name `verwacht` (all parts).
fn verify_faalt(o: &Opzet, verwacht: &[&str]) -> String {
    let uit = o.voorop(&["audit", "verify"], Some(SLEUTEL));
    let t = tekst(&uit);
    assert!(!uit.status.success(), "verify slaagde ten onrechte:\n{t}");
    for deel in verwacht {
        assert!(t.contains(deel), "'{deel}' ontbreekt in:\n{t}");
    }
    t
}

/// Runs a test's own writes with this test's real key ([`SLEUTEL`]): the other integration
/// tests share the process and sign with the demo key, so the process-wide key stays unset.
async fn met_sleutel(werk: impl std::future::Future<Output = ()>) {
    voorop::audit::service::met_sleutel(Sleutel::new(SLEUTEL.as_bytes()), werk).await;
}

/// A database with `n` audit rows written by the application with the real key, by several
/// actors (with and without user and organisation), and its head file.
async fn opzet(n: usize) -> Opzet {
    let dir = tempfile::tempdir().expect("tijdelijke map");
    let pad = dir.path().join("audit.db");
    let (db, locatie) = common::testdatabase(&pad, common::Vulling::Leeg).await;
    for i in 0..n {
        let actor = if i % 2 == 0 {
            Actor {
                gebruiker_id: Some(voorop::gedeeld::GebruikerId(10 + i as i64)),
                organisatie_id: Some(voorop::gedeeld::OrganisatieId(3)),
                naam: format!("gebruiker{i}@test.nl"),
                namens: if i == 2 {
                    "voorzitter:organisatie=4".into()
                } else {
                    String::new()
                },
            }
        } else {
            Actor::cli()
        };
        let mut tx = voorop::db::begin(&db).await.expect("tx");
        voorop::audit::schrijf(
            &mut tx,
            &actor,
            AuditEvent::RondeGewijzigd {
                ronde: voorop::gedeeld::RondeId(i as i64),
            },
        )
        .await
        .expect("schrijven");
        tx.commit().await.expect("commit");
    }
    let o = Opzet {
        _dir: dir,
        pad,
        locatie,
        db,
    };
    voorop::audit::service::kop_bijwerken(&o.db, SLEUTEL.as_bytes(), &o.kop())
        .await
        .expect("kopbestand");
    o
}

/// What an attacker does first: drop the append-only triggers.
async fn sql(db: &SqlitePool, opdrachten: &[&str]) {
    for q in [
        "DROP TRIGGER IF EXISTS audit_log_geen_update",
        "DROP TRIGGER IF EXISTS audit_log_geen_delete",
    ]
    .iter()
    .chain(opdrachten)
    {
        // PostgreSQL names the table of a trigger (`audit_log_geen_update` is on `audit_log`).
        let q = match q.strip_prefix("DROP TRIGGER IF EXISTS ") {
            Some(naam) if common::op_postgres() => {
                let tabel = naam.rsplitn(3, '_').nth(2).unwrap_or(naam);
                format!("{q} ON {tabel}")
            }
            _ => q.to_string(),
        };
        sqlx::query(&q).execute(db).await.expect(&q);
    }
}

async fn regels(db: &SqlitePool) -> Vec<KetenRegel> {
    sqlx::query_as("SELECT id, tijd, gebruiker_id, actor, organisatie_id, code, object_type, object_id, details, vorige_hash, hash, keten_versie, namens, betrokkene, doel, grondslag, uitkomst FROM audit_log ORDER BY id")
        .fetch_all(db)
        .await
        .expect("regels")
}

/// Rewrites every row from `vanaf` on so the chain links again: with the given key (keyed
/// scheme), or with plain SHA-256 (old scheme) when `sleutel` is `None`.
async fn herbereken(db: &SqlitePool, vanaf: i64, sleutel: Option<&str>) {
    let mut vorige = String::new();
    for mut r in regels(db).await {
        if r.id >= vanaf {
            r.vorige_hash = vorige.clone();
            r.keten_versie = if sleutel.is_some() {
                VERSIE_NEN
            } else {
                VERSIE_OUD
            };
            if sleutel.is_none() {
                // The old scheme has no NEN 7513 columns: an attacker empties them too.
                for v in [
                    &mut r.namens,
                    &mut r.betrokkene,
                    &mut r.doel,
                    &mut r.grondslag,
                    &mut r.uitkomst,
                ] {
                    v.clear();
                }
            }
            r.hash = match sleutel {
                Some(s) => hash_v3(s.as_bytes(), &r, None),
                None => hash_v1(&r),
            };
            sqlx::query(
                "UPDATE audit_log SET vorige_hash = $1, hash = $2, keten_versie = $3, namens = $5,
                 betrokkene = $6, doel = $7, grondslag = $8, uitkomst = $9 WHERE id = $4",
            )
            .bind(&r.vorige_hash)
            .bind(&r.hash)
            .bind(r.keten_versie)
            .bind(r.id)
            .bind(&r.namens)
            .bind(&r.betrokkene)
            .bind(&r.doel)
            .bind(&r.grondslag)
            .bind(&r.uitkomst)
            .execute(db)
            .await
            .expect("herberekenen");
        }
        vorige = r.hash;
    }
}

#[tokio::test]
async fn intact_log_verifieert_met_kopbestand() {
    met_sleutel(async {
        let o = opzet(5).await;
        let uit = o.voorop(&["audit", "verify"], Some(SLEUTEL));
        let t = tekst(&uit);
        assert!(uit.status.success(), "{t}");
        assert!(
            t.contains("Auditlog intact: 5 regels") && t.contains("kopbestand (regel 5)"),
            "{t}"
        );
    })
    .await;
}

/// `audit verify` has the database hand the log over as JSON (`repo::regels_na`): every kind
/// of text must come back exactly as stored, or an intact log would be reported broken (and a
/// check that reads something else than what is stored checks nothing).
#[tokio::test]
async fn regels_komen_ongewijzigd_door_de_json_overdracht() {
    met_sleutel(async {
        let o = opzet(4).await;
        let lastig = "a\"b\\c\n\r\t\u{1}\u{7f} é ß 漢字 🦀 </script> \\u0041 {\"x\": [1]} 'q' NULL";
        sql(
            &o.db,
            &[&format!(
                "UPDATE audit_log SET details = '{}', actor = '', object_id = '00042' WHERE id = 2",
                lastig.replace('\'', "''")
            )],
        )
        .await;
        herbereken(&o.db, 2, Some(SLEUTEL)).await;
        let direct = regels(&o.db).await;
        assert_eq!(direct[1].details, lastig);
        let mut conn = o.db.acquire().await.expect("verbinding");
        let mut gelezen = voorop::audit::repo::regels_na(&mut conn, 0, 2)
            .await
            .expect("regels");
        gelezen.extend(
            voorop::audit::repo::regels_na(&mut conn, 2, 10)
                .await
                .expect("regels"),
        );
        assert_eq!(gelezen, direct);
        drop(conn);
        // The chain (rewritten with the right key: as if written so) checks out through that read.
        let controle = voorop::audit::service::keten_controleren(&o.db, SLEUTEL.as_bytes())
            .await
            .expect("controle");
        assert_eq!(controle.map(|c| c.aantal()).ok(), Some(4));
    })
    .await;
}

#[tokio::test]
async fn gewijzigde_kolom_ook_gebruiker_en_organisatie() {
    met_sleutel(async {
        for (wijziging, id) in [
            (
                "UPDATE audit_log SET details = 'gemeente=elders' WHERE id = 3",
                "3",
            ),
            ("UPDATE audit_log SET gebruiker_id = 99 WHERE id = 3", "3"),
            ("UPDATE audit_log SET gebruiker_id = NULL WHERE id = 1", "1"),
            ("UPDATE audit_log SET organisatie_id = 7 WHERE id = 2", "2"),
            (
                "UPDATE audit_log SET tijd = '2020-01-01T00:00:00Z' WHERE id = 4",
                "4",
            ),
        ] {
            let o = opzet(5).await;
            sql(&o.db, &[wijziging]).await;
            verify_faalt(&o, &[&format!("bij regel {id}:"), "past niet bij de hash"]);
        }
    })
    .await;
}

#[tokio::test]
async fn verwijderde_middelste_regel() {
    met_sleutel(async {
        let o = opzet(6).await;
        sql(&o.db, &["DELETE FROM audit_log WHERE id = 3"]).await;
        verify_faalt(&o, &["bij regel 3:", "regel 3 ontbreekt"]);
    })
    .await;
}

#[tokio::test]
async fn afgekapte_laatste_regels_via_het_kopbestand() {
    met_sleutel(async {
        let o = opzet(6).await;
        sql(&o.db, &["DELETE FROM audit_log WHERE id > 4"]).await;
        verify_faalt(&o, &["bij regel 5:", "afgekapt", "tot en met regel 6"]);
        // The next command does not move the head file back: the evidence stays.
        let uit = o.voorop(&["organisatie", "list"], Some(SLEUTEL));
        assert!(tekst(&uit).contains("niet bijgewerkt"), "{}", tekst(&uit));
        verify_faalt(&o, &["bij regel 5:", "afgekapt"]);
        // Without the head file truncation cannot be ruled out: that is a failure too.
        std::fs::remove_file(o.kop()).expect("kop weg");
        verify_faalt(&o, &["kopbestand", "ontbreekt"]);
    })
    .await;
}

#[tokio::test]
async fn afgekapt_en_aangevuld_met_nieuwe_regels() {
    met_sleutel(async {
        // Rows 5 and 6 deleted, then the application writes new rows 5 and 6 (validly keyed).
        let o = opzet(6).await;
        sql(&o.db, &["DELETE FROM audit_log WHERE id > 4"]).await;
        let mut tx = voorop::db::begin(&o.db).await.unwrap();
        for _ in 0..2 {
            voorop::audit::schrijf(&mut tx, &Actor::cli(), AuditEvent::DemoGeladen)
                .await
                .unwrap();
        }
        tx.commit().await.unwrap();
        verify_faalt(&o, &["bij regel 6:", "andere hash dan het kopbestand"]);
    })
    .await;
}

#[tokio::test]
async fn ingevoegde_regel_met_herberekende_hash_zonder_sleutel() {
    met_sleutel(async {
        // Plain SHA-256 (the old scheme, which anyone can compute) ...
        let o = opzet(4).await;
        let laatste = regels(&o.db).await.pop().unwrap();
        let mut nep = KetenRegel {
            id: 5,
            actor: "onschuldig@test.nl".into(),
            vorige_hash: laatste.hash.clone(),
            keten_versie: VERSIE_OUD,
            ..laatste.clone()
        };
        nep.hash = hash_v1(&nep);
        voeg_in(&o.db, &nep).await;
        verify_faalt(&o, &["bij regel 5:", "oude schema"]);

        // ... and keyed, but with a key the attacker made up.
        let o = opzet(4).await;
        let laatste = regels(&o.db).await.pop().unwrap();
        let mut nep = KetenRegel {
            id: 5,
            vorige_hash: laatste.hash.clone(),
            ..laatste
        };
        nep.hash = hash_v3(ANDERE_SLEUTEL.as_bytes(), &nep, None);
        voeg_in(&o.db, &nep).await;
        verify_faalt(&o, &["bij regel 5:", "past niet bij de hash"]);
    })
    .await;
}

async fn voeg_in(db: &SqlitePool, r: &KetenRegel) {
    sqlx::query(
        "INSERT INTO audit_log (id, tijd, gebruiker_id, actor, organisatie_id, code, object_type, object_id, details, vorige_hash, hash, keten_versie, namens, betrokkene, doel, grondslag, uitkomst)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)",
    )
    .bind(r.id)
    .bind(&r.tijd)
    .bind(r.gebruiker_id)
    .bind(&r.actor)
    .bind(r.organisatie_id)
    .bind(&r.code)
    .bind(&r.object_type)
    .bind(&r.object_id)
    .bind(&r.details)
    .bind(&r.vorige_hash)
    .bind(&r.hash)
    .bind(r.keten_versie)
    .bind(&r.namens)
    .bind(&r.betrokkene)
    .bind(&r.doel)
    .bind(&r.grondslag)
    .bind(&r.uitkomst)
    .execute(db)
    .await
    .expect("invoegen");
    if common::op_postgres() {
        // Rows with explicit ids: the identity continues after them, as SQLite's rowid does.
        sqlx::query(
            "SELECT setval(pg_get_serial_sequence('audit_log', 'id'), (SELECT MAX(id) FROM audit_log))",
        )
        .execute(db)
        .await
        .expect("identiteit");
    }
}

#[tokio::test]
async fn verwijderd_en_hele_keten_herberekend_met_verkeerde_sleutel() {
    met_sleutel(async {
        // Row 3 deleted, the rows renumbered (so no gap shows) and every hash recomputed.
        let o = opzet(6).await;
        sql(
            &o.db,
            &[
                "DELETE FROM audit_log WHERE id = 3",
                "UPDATE audit_log SET id = id - 1 WHERE id > 3",
            ],
        )
        .await;
        herbereken(&o.db, 1, Some(ANDERE_SLEUTEL)).await;
        verify_faalt(&o, &["bij regel 1:", "past niet bij de hash"]);

        // The same, recomputed with the old keyless scheme, and the switch-over id moved so the
        // old-scheme rows look legitimate: the head file still gives it away.
        let o = opzet(6).await;
        sql(
            &o.db,
            &[
                "DELETE FROM audit_log WHERE id = 3",
                "UPDATE audit_log SET id = id - 1 WHERE id > 3",
                "DROP TRIGGER IF EXISTS audit_overgang_geen_update",
                "UPDATE audit_overgang SET laatste_v1_id = 100",
            ],
        )
        .await;
        herbereken(&o.db, 1, None).await;
        verify_faalt(&o, &["bij regel 6:", "afgekapt"]);
    })
    .await;
}

#[tokio::test]
async fn verwisselde_volgorde() {
    met_sleutel(async {
        let o = opzet(6).await;
        sql(
            &o.db,
            &[
                "UPDATE audit_log SET id = 100 WHERE id = 3",
                "UPDATE audit_log SET id = 3 WHERE id = 4",
                "UPDATE audit_log SET id = 4 WHERE id = 100",
            ],
        )
        .await;
        verify_faalt(&o, &["bij regel 3:", "verwijst niet naar de regel ervoor"]);
    })
    .await;
}

#[tokio::test]
async fn gewijzigd_kopbestand_wordt_geweigerd() {
    met_sleutel(async {
        let o = opzet(4).await;
        let kop = std::fs::read_to_string(o.kop()).unwrap();
        std::fs::write(o.kop(), kop.replace("aantal=4", "aantal=3")).unwrap();
        verify_faalt(&o, &["kopbestand is ongeldig", "handtekening klopt niet"]);
    })
    .await;
}

#[tokio::test]
async fn oude_regels_worden_door_de_eerste_regel_met_sleutel_verankerd() {
    met_sleutel(async {
        // A database from before migration 0008: three rows of the old scheme. Only SQLite
        // databases are that old (PostgreSQL came with migration 0015).
        if common::op_postgres() {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let pad = dir.path().join("oud.db");
        let db = voorop::db::open(&pad).await.unwrap();
        let mut vorige = String::new();
        for id in 1..=3 {
            let mut r = KetenRegel {
                id,
                tijd: "2025-01-01T00:00:00Z".into(),
                gebruiker_id: Some(voorop::gedeeld::GebruikerId(id)),
                actor: format!("oud{id}@test.nl"),
                organisatie_id: Some(voorop::gedeeld::OrganisatieId(1)),
                code: "auth.ingelogd".into(),
                object_type: "sessie".into(),
                object_id: String::new(),
                details: String::new(),
                vorige_hash: vorige,
                hash: String::new(),
                keten_versie: VERSIE_OUD,
                namens: String::new(),
                betrokkene: String::new(),
                doel: String::new(),
                grondslag: String::new(),
                uitkomst: String::new(),
            };
            r.hash = hash_v1(&r);
            vorige = r.hash.clone();
            voeg_in(&db, &r).await;
        }
        sql(
            &db,
            &[
                "DROP TRIGGER IF EXISTS audit_overgang_geen_update",
                "UPDATE audit_overgang SET laatste_v1_id = 3",
            ],
        )
        .await;
        let o = Opzet {
            _dir: dir,
            locatie: Locatie::Sqlite(pad.clone()),
            pad,
            db,
        };
        // Old rows only and no head file yet: the chain is fine, but without a head file a
        // rewrite of the whole log cannot be ruled out, so verify fails until one is made.
        verify_faalt(&o, &["kopbestand", "ontbreekt"]);
        // A command writes the first keyed rows (user add) and the head file.
        let uit = o.voorop(
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
            Some(SLEUTEL),
        );
        assert!(uit.status.success(), "{}", tekst(&uit));
        let uit = o
            .cmd(
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
                    "lezer",
                ],
                Some(SLEUTEL),
            )
            .env("VOOROP_WACHTWOORD", "een-lang-wachtwoord-1")
            .output()
            .unwrap();
        assert!(uit.status.success(), "{}", tekst(&uit));
        let uit = o.voorop(&["audit", "verify"], Some(SLEUTEL));
        assert!(
            uit.status.success() && tekst(&uit).contains("kopbestand (regel 4)"),
            "{}",
            tekst(&uit)
        );
        // Rewriting the whole log with the old, keyless scheme (and moving the switch-over id)
        // while the head file is deleted too: the missing head file is reported.
        let kopie = o.pad.with_extension("kopie.db");
        sqlx::query(&format!("VACUUM INTO '{}'", kopie.display()))
            .execute(&o.db)
            .await
            .unwrap();
        let db2 = voorop::db::open(&kopie).await.unwrap();
        sql(
            &db2,
            &[
                "DROP TRIGGER IF EXISTS audit_overgang_geen_update",
                "UPDATE audit_overgang SET laatste_v1_id = 100",
            ],
        )
        .await;
        herbereken(&db2, 1, None).await;
        db2.close().await;
        let uit = voorop(&kopie, &["audit", "verify"], Some(SLEUTEL));
        assert!(!uit.status.success(), "{}", tekst(&uit));
        assert!(tekst(&uit).contains("ontbreekt"), "{}", tekst(&uit));
        // The old scheme left gebruiker_id out; the first keyed row now covers it.
        sql(
            &o.db,
            &["UPDATE audit_log SET gebruiker_id = 42 WHERE id = 2"],
        )
        .await;
        verify_faalt(&o, &["bij regel 4:", "oude regels 1 tot en met 3"]);
    })
    .await;
}

#[tokio::test]
async fn zonder_sleutel_geen_opdracht_op_een_log_met_eigen_sleutel() {
    met_sleutel(async {
        let o = opzet(3).await;
        let uit = o.voorop(&["audit", "verify"], None);
        assert!(!uit.status.success());
        assert!(
            tekst(&uit).contains("eigen auditsleutel")
                && tekst(&uit).contains("VOOROP_AUDIT_SLEUTEL"),
            "{}",
            tekst(&uit)
        );
        // A wrong key: the first row does not match.
        let uit = o.voorop(&["audit", "verify"], Some(ANDERE_SLEUTEL));
        assert!(!uit.status.success());
        assert!(tekst(&uit).contains("bij regel 1:"), "{}", tekst(&uit));
    })
    .await;
}

#[test]
fn serve_zonder_auditsleutel_weigert_te_starten() {
    let dir = tempfile::tempdir().unwrap();
    let uit = voorop(
        &dir.path().join("s.db"),
        &["serve", "--addr", "127.0.0.1:0"],
        None,
    );
    assert!(!uit.status.success());
    assert!(
        tekst(&uit).contains("geen auditsleutel ingesteld"),
        "{}",
        tekst(&uit)
    );
}

/// Starts `voorop serve`, reads its log until the audit check, then stops it.
fn serve_auditmelding(o: &Opzet) -> String {
    let mut kind = o
        .cmd(&["serve", "--addr", "127.0.0.1:0"], Some(SLEUTEL))
        .env("VOOROP_LOG", "info")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("serve starten");
    let mut gelezen = String::new();
    for regel in BufReader::new(kind.stderr.take().unwrap()).lines() {
        let regel = regel.unwrap_or_default();
        gelezen.push_str(&regel);
        gelezen.push('\n');
        if regel.contains("Auditlog gecontroleerd") || regel.contains("AUDITLOG VERBROKEN") {
            break;
        }
    }
    let _ = kind.kill();
    let _ = kind.wait();
    gelezen
}

#[tokio::test]
async fn serve_controleert_de_keten_bij_het_starten() {
    met_sleutel(async {
        let o = opzet(5).await;
        let log = serve_auditmelding(&o);
        assert!(
            log.contains("Auditlog gecontroleerd: de hashketen van 5 regels is intact"),
            "{log}"
        );
        sql(
            &o.db,
            &["UPDATE audit_log SET organisatie_id = 8 WHERE id = 2"],
        )
        .await;
        let log = serve_auditmelding(&o);
        assert!(
            log.contains("AUDITLOG VERBROKEN") && log.contains("regel 2"),
            "{log}"
        );
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// NEN 7513 columns (chain version 3) and audit retention.
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn nen_kolommen_staan_in_de_hash() {
    met_sleutel(async {
        for (wijziging, regel) in [
            (
                "UPDATE audit_log SET namens = 'iemand anders' WHERE id = 3",
                "3",
            ),
            ("UPDATE audit_log SET namens = '' WHERE id = 3", "3"),
            (
                "UPDATE audit_log SET betrokkene = 'ander-pseudoniem' WHERE id = 2",
                "2",
            ),
            (
                "UPDATE audit_log SET doel = 'privacy.toezicht' WHERE id = 4",
                "4",
            ),
            (
                "UPDATE audit_log SET grondslag = 'AVG 6.1.e' WHERE id = 1",
                "1",
            ),
            (
                "UPDATE audit_log SET uitkomst = 'geweigerd' WHERE id = 5",
                "5",
            ),
        ] {
            let o = opzet(5).await;
            let r = regels(&o.db).await;
            assert!(r.iter().all(|r| r.keten_versie == VERSIE_NEN));
            assert_eq!(r[2].namens, "voorzitter:organisatie=4");
            assert!(
                r.iter()
                    .all(|r| r.doel == "zelfscan.ronde" && r.uitkomst == "toegestaan")
            );
            sql(&o.db, &[wijziging]).await;
            verify_faalt(
                &o,
                &[&format!("bij regel {regel}:"), "past niet bij de hash"],
            );
        }
    })
    .await;
}

/// Rows of chain version 2 (before migration 0012) still verify; the NEN 7513 columns, which
/// their hash does not cover, must stay empty there; and version 2 cannot follow version 3.
#[tokio::test]
async fn regels_van_versie_2_blijven_geldig() {
    met_sleutel(async {
        let o = opzet(0).await;
        let mut vorige = String::new();
        for id in 1..=3 {
            let mut r = KetenRegel {
                id,
                tijd: "2026-01-01T00:00:00Z".into(),
                gebruiker_id: Some(voorop::gedeeld::GebruikerId(id)),
                actor: format!("v2-{id}@test.nl"),
                organisatie_id: Some(voorop::gedeeld::OrganisatieId(1)),
                code: "auth.ingelogd".into(),
                object_type: "sessie".into(),
                object_id: String::new(),
                details: String::new(),
                vorige_hash: vorige,
                hash: String::new(),
                keten_versie: VERSIE_SLEUTEL,
                namens: String::new(),
                betrokkene: String::new(),
                doel: String::new(),
                grondslag: String::new(),
                uitkomst: String::new(),
            };
            r.hash = hash_v2(SLEUTEL.as_bytes(), &r, None);
            vorige = r.hash.clone();
            voeg_in(&o.db, &r).await;
        }
        let mut tx = voorop::db::begin(&o.db).await.unwrap();
        voorop::audit::schrijf(&mut tx, &Actor::cli(), AuditEvent::DemoGeladen)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        voorop::audit::service::kop_bijwerken(&o.db, SLEUTEL.as_bytes(), &o.kop())
            .await
            .unwrap();
        let uit = o.voorop(&["audit", "verify"], Some(SLEUTEL));
        assert!(uit.status.success(), "{}", tekst(&uit));
        assert_eq!(regels(&o.db).await[3].keten_versie, VERSIE_NEN);
        // A purpose slipped into an old row afterwards.
        sql(
            &o.db,
            &["UPDATE audit_log SET doel = 'privacy.toezicht' WHERE id = 2"],
        )
        .await;
        verify_faalt(&o, &["bij regel 2:", "past niet bij de hash"]);
        sql(&o.db, &["UPDATE audit_log SET doel = '' WHERE id = 2"]).await;
        // A version 2 row (correct v2 hash with the key) appended after version 3.
        let laatste = regels(&o.db).await.pop().unwrap();
        let mut nep = KetenRegel {
            id: 5,
            vorige_hash: laatste.hash.clone(),
            keten_versie: VERSIE_SLEUTEL,
            namens: String::new(),
            betrokkene: String::new(),
            doel: String::new(),
            grondslag: String::new(),
            uitkomst: String::new(),
            ..laatste
        };
        nep.hash = hash_v2(SLEUTEL.as_bytes(), &nep, None);
        voeg_in(&o.db, &nep).await;
        verify_faalt(&o, &["bij regel 5:", "ketenversie 2"]);
    })
    .await;
}

/// A log whose first `oud` rows were written years ago (with the real key), then `nieuw` rows
/// written now by the application; the head file is up to date.
async fn log_met_oude_regels(oud: i64, nieuw: usize) -> Opzet {
    let o = opzet(0).await;
    let mut vorige = String::new();
    for id in 1..=oud {
        let mut r = KetenRegel {
            id,
            tijd: format!("2015-01-{:02}T10:00:00Z", id.min(28)),
            gebruiker_id: Some(voorop::gedeeld::GebruikerId(7)),
            actor: "oud@test.nl".into(),
            organisatie_id: Some(voorop::gedeeld::OrganisatieId(3)),
            code: "casus.persoonsgegevens_gelezen".into(),
            object_type: "moment".into(),
            object_id: id.to_string(),
            details: String::new(),
            vorige_hash: vorige,
            hash: String::new(),
            keten_versie: VERSIE_NEN,
            namens: String::new(),
            betrokkene: "p-oud".into(),
            doel: "acuut.samen_op".into(),
            grondslag: String::new(),
            uitkomst: "toegestaan".into(),
        };
        r.hash = hash_v3(SLEUTEL.as_bytes(), &r, None);
        vorige = r.hash.clone();
        voeg_in(&o.db, &r).await;
    }
    for i in 0..nieuw {
        let mut tx = voorop::db::begin(&o.db).await.unwrap();
        voorop::audit::schrijf(
            &mut tx,
            &Actor::cli(),
            AuditEvent::PlanGewijzigd {
                plan: voorop::gedeeld::PlanId(i as i64),
            },
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
    }
    // What every command loads first (so the commands below add no rows of their own).
    voorop::referentiedata_laden(&o.db).await.unwrap();
    voorop::audit::service::kop_bijwerken(&o.db, SLEUTEL.as_bytes(), &o.kop())
        .await
        .unwrap();
    o
}

async fn hoogste(db: &SqlitePool) -> i64 {
    sqlx::query_scalar("SELECT MAX(id) FROM audit_log")
        .fetch_one(db)
        .await
        .unwrap()
}

async fn ids(db: &SqlitePool) -> Vec<i64> {
    sqlx::query_scalar("SELECT id FROM audit_log ORDER BY id")
        .fetch_all(db)
        .await
        .unwrap()
}

#[tokio::test]
async fn bewaartermijn_verwijdert_oude_regels_en_de_keten_blijft_intact() {
    met_sleutel(async {
        let o = log_met_oude_regels(4, 3).await;
        let totaal = hoogste(&o.db).await;
        let uit = o.voorop(&["audit", "opschonen"], Some(SLEUTEL));
        let t = tekst(&uit);
        assert!(uit.status.success(), "{t}");
        assert!(
            t.contains("4 regels") && t.contains("tot en met regel 4"),
            "{t}"
        );
        // Rows 1-4 (2015) are gone, the rest stays, and one more records the removal.
        assert_eq!(ids(&o.db).await, (5..=totaal + 1).collect::<Vec<_>>());
        let opgeschoond = regels(&o.db).await.pop().unwrap();
        assert_eq!(opgeschoond.code, "audit.opgeschoond");
        assert_eq!(opgeschoond.details, "regels=4 bewaartermijn_jaren=5");
        assert_eq!(opgeschoond.doel, "beveiliging.auditlog");
        let anker: (i64, i64) = sqlx::query_as("SELECT tot_id, aantal FROM audit_afkapping")
            .fetch_one(&o.db)
            .await
            .unwrap();
        assert_eq!(anker, (4, 4));
        let uit = o.voorop(&["audit", "verify"], Some(SLEUTEL));
        assert!(
            uit.status.success() && tekst(&uit).contains(&format!("{} regels", totaal + 1)),
            "{}",
            tekst(&uit)
        );
        // Nothing left to remove: a second run changes nothing.
        let uit = o.voorop(&["audit", "opschonen"], Some(SLEUTEL));
        assert!(tekst(&uit).contains("geen regels"), "{}", tekst(&uit));
        assert_eq!(ids(&o.db).await, (5..=totaal + 1).collect::<Vec<_>>());

        // The trigger still refuses deleting any other row ...
        let fout = sqlx::query("DELETE FROM audit_log WHERE id = 6")
            .execute(&o.db)
            .await
            .unwrap_err();
        assert!(fout.to_string().contains("append-only"), "{fout}");
        // ... and with the triggers dropped, verify names the row.
        sql(&o.db, &["DELETE FROM audit_log WHERE id = 6"]).await;
        verify_faalt(&o, &["bij regel 6:", "ontbreekt"]);
    })
    .await;
}

#[tokio::test]
async fn afkappen_zonder_geldig_anker_wordt_gezien() {
    met_sleutel(async {
        // The first remaining row deleted (after retention): the anchor no longer fits.
        let o = log_met_oude_regels(3, 2).await;
        let uit = o.voorop(&["audit", "opschonen"], Some(SLEUTEL));
        assert!(uit.status.success(), "{}", tekst(&uit));
        sql(&o.db, &["DELETE FROM audit_log WHERE id = 4"]).await;
        verify_faalt(&o, &["bij regel 4:", "ontbreekt"]);

        // Old rows removed with a forged anchor (no audit key): the signature gives it away.
        let o = log_met_oude_regels(3, 2).await;
        let r = regels(&o.db).await;
        sqlx::query(
            "INSERT INTO audit_afkapping (tijd, grens, tot_id, tot_hash, tot_versie, aantal, handtekening)
             VALUES ('2026-01-01T00:00:00Z', '2021-01-01T00:00:00Z', 2, $1, 3, 2, 'vervalst')",
        )
        .bind(&r[1].hash)
        .execute(&o.db)
        .await
        .unwrap();
        sqlx::query("DELETE FROM audit_log WHERE id <= 2")
            .execute(&o.db)
            .await
            .unwrap();
        verify_faalt(&o, &["anker", "niet", "ondertekend"]);

        // Rows deleted at the start without any anchor.
        let o = log_met_oude_regels(3, 2).await;
        sql(&o.db, &["DELETE FROM audit_log WHERE id <= 2"]).await;
        verify_faalt(&o, &["regels 1 tot en met 2 ontbreken"]);
    })
    .await;
}

#[tokio::test]
async fn bewaartermijn_kan_het_hele_log_verwijderen_en_de_keten_gaat_door() {
    met_sleutel(async {
        let o = log_met_oude_regels(3, 2).await;
        // Its rows are in their organisation's part (`audit_zicht`).
        let deel = || async {
            sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM audit_zicht")
                .fetch_one(&o.db)
                .await
                .unwrap()
        };
        assert!(deel().await > 0);
        let totaal = hoogste(&o.db).await;
        let uit =
            voorop::audit::service::opschonen(&o.db, &Actor::cli(), 5, "2099-01-01T00:00:00Z")
                .await
                .unwrap();
        assert_eq!((uit.verwijderd, uit.tot_id), (totaal as u64, Some(totaal)));
        // The part goes with the rows.
        assert_eq!(deel().await, 0);
        // Only the removal's own row is left, linked to the anchor; the next one follows it.
        assert_eq!(ids(&o.db).await, [totaal + 1]);
        let mut tx = voorop::db::begin(&o.db).await.unwrap();
        voorop::audit::schrijf(&mut tx, &Actor::cli(), AuditEvent::DemoGeladen)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(ids(&o.db).await, [totaal + 1, totaal + 2]);
        let uit = o.voorop(&["audit", "verify"], Some(SLEUTEL));
        assert!(uit.status.success(), "{}", tekst(&uit));
        // Once more, later: those two rows go too, and the chain verifies from the new anchor.
        let uit =
            voorop::audit::service::opschonen(&o.db, &Actor::cli(), 1, "2150-06-01T00:00:00Z")
                .await
                .unwrap();
        assert_eq!(uit.tot_id, Some(totaal + 2));
        assert_eq!(ids(&o.db).await, [totaal + 3]);
        let uit = o.voorop(&["audit", "verify"], Some(SLEUTEL));
        assert!(uit.status.success(), "{}", tekst(&uit));
    })
    .await;
}
