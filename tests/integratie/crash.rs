//! Durability and recovery (issue 7): concurrent writers send answers over HTTP to the real
//! binary while it is killed with SIGKILL at random moments and restarted, many times. Then,
//! with the server stopped: every acknowledged write is still in the database (or overwritten
//! by a later write to the same question), every acknowledged write left its audit entry,
//! `PRAGMA integrity_check` is ok and `voorop audit verify` succeeds.
//!
//! A write counts as acknowledged only when the server answered 2xx with the expected body.
//! Each writer owns its own questions and sends one request at a time, so the writes to one
//! question are totally ordered: the stored answer must be the last acknowledged write to that
//! question or one sent after it (sent but unacknowledged writes may or may not have landed).
//! After a failure that may have reached the server (a timeout, a reset connection, an error
//! status) a writer waits until that server process is dead before it writes again, so a
//! request still running in the server cannot land after a later one.
//!
//! SIGKILL ends the process, not the machine: what the kernel already has survives, so this
//! catches acknowledging before the commit, broken recovery of the WAL and corruption by a
//! process that dies mid-write, not a missing fsync (that is what `synchronous=FULL` is for).
//!
//! The kill delays come from a seeded PRNG; the seed is printed and can be fixed with
//! `VOOROP_CRASH_SEED=N` to replay the same schedule (the timing of the writes still varies).

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_voorop");
const COORDINATOR: &str = "coordinator@demo.voorop.nl";
const RONDE: i64 = 2;
const GEMEENTE: &str = "dommelstad";
const AANTAL_VRAGEN: i64 = 31;
const SCHRIJVERS: i64 = 4;
/// Kills of a server that was accepting requests (kills during start-up come on top).
const KILLS: u32 = 100;
const AUDIT_CODE: &str = "zelfscan.antwoorden_opgeslagen";
const PREFIX: &str = "crash-";
/// Test values for the secrets a newer main may require.
const SLEUTELS: [(&str, &str); 2] = [
    (
        "VOOROP_AUDIT_SLEUTEL",
        "crashtest-auditsleutel-0123456789abcdef",
    ),
    (
        "VOOROP_PSEUDONIEM_SLEUTEL",
        "crashtest-pseudoniemsleutel-0123456789abcdef",
    ),
];

/// xorshift64*: small, deterministic, good enough for kill timing.
struct Prng(u64);

impl Prng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `lo..=hi`.
    fn tussen(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
}

fn seed() -> u64 {
    if let Ok(s) = std::env::var("VOOROP_CRASH_SEED") {
        return s
            .trim()
            .parse()
            .expect("VOOROP_CRASH_SEED moet een getal zijn");
    }
    let nu = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("tijd");
    (nu.as_nanos() as u64 ^ u64::from(std::process::id())) | 1
}

fn voorop_command(db: &Path) -> Command {
    let mut c = Command::new(BIN);
    c.arg("--db").arg(db);
    c.env("VOOROP_DEMO_PEILDATUM", voorop::demo::PEILDATUM.to_string());
    for (naam, waarde) in SLEUTELS {
        c.env(naam, waarde);
    }
    // No daily backup thread from the developer's environment.
    c.env_remove("VOOROP_BACKUP_MAP");
    c
}

/// Runs a `voorop` subcommand to completion; panics unless it succeeds. Returns stdout.
fn voorop(db: &Path, args: &[&str]) -> String {
    let uit = voorop_command(db)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("voorop starten");
    let stdout = String::from_utf8_lossy(&uit.stdout).into_owned();
    assert!(
        uit.status.success(),
        "voorop {args:?} faalde ({}):\n{stdout}\n{}",
        uit.status,
        String::from_utf8_lossy(&uit.stderr)
    );
    stdout
}

/// The last few KB of the servers' stderr, for failure messages.
fn staart(log: &Path) -> String {
    let Ok(mut f) = std::fs::File::open(log) else {
        return String::new();
    };
    let lengte = f.metadata().map_or(0, |m| m.len());
    let _ = f.seek(SeekFrom::Start(lengte.saturating_sub(4000)));
    let mut s = String::new();
    let _ = f.read_to_string(&mut s);
    s
}

/// A running `voorop serve`; killed with SIGKILL when dropped, so no server outlives the test.
struct Server {
    child: Child,
    url: mpsc::Receiver<String>,
}

impl Server {
    fn start(db: &Path, log: &Path) -> Self {
        let stderr = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)
            .expect("serverlog");
        let mut child = voorop_command(db)
            .args(["serve", "--demo", "--addr", "127.0.0.1:0"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .expect("voorop serve starten");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, url) = mpsc::channel();
        // Reads the URL line, then drains stdout until the process is gone.
        std::thread::spawn(move || {
            for regel in BufReader::new(stdout).lines() {
                let Ok(regel) = regel else { break };
                if let Some(u) = regel.trim().strip_prefix("Voorop draait op ") {
                    let _ = tx.send(u.trim().to_string());
                }
            }
        });
        Server { child, url }
    }

    /// The URL the server printed, or None if it exited or did not print it in time.
    async fn wacht_op_url(&mut self) -> Option<String> {
        let einde = Instant::now() + Duration::from_secs(60);
        while Instant::now() < einde {
            match self.url.try_recv() {
                Ok(u) => return Some(u),
                Err(mpsc::TryRecvError::Disconnected) => return None,
                Err(mpsc::TryRecvError::Empty) => {
                    tokio::time::sleep(Duration::from_millis(5)).await;
                }
            }
        }
        None
    }

    /// SIGKILL, and reap the process: when this returns the server is gone.
    fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What the writers see: the URL of the server that is accepting requests (None while there
/// is none), and a generation counter raised after each server process has been reaped, so
/// "generation > g" means every server up to generation g is dead.
#[derive(Default)]
struct Stand {
    generatie: u64,
    url: Option<String>,
}

struct Schrijving {
    vraag: i64,
    antwoord: &'static str,
    toelichting: String,
    bevestigd: bool,
}

#[derive(Default)]
struct Uitkomst {
    schrijvingen: Vec<Schrijving>,
    /// Error statuses and unexpected bodies, by status code.
    afgewezen: BTreeMap<u16, u32>,
    /// Requests that failed without an answer (connection refused, reset, timeout).
    mislukt: u32,
}

fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        // A fresh connection for every request: a request never goes over a connection to
        // an earlier server process.
        .pool_max_idle_per_host(0)
        .connect_timeout(Duration::from_secs(2))
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client")
}

/// Writer `nr`: writes its own questions round-robin until `stop`, one request at a time.
async fn schrijver(
    nr: i64,
    token: String,
    stand: Arc<Mutex<Stand>>,
    stop: Arc<AtomicBool>,
) -> Uitkomst {
    let vragen: Vec<i64> = (1..=AANTAL_VRAGEN)
        .filter(|v| (v - 1) % SCHRIJVERS == nr)
        .collect();
    let client = http();
    let mut uit = Uitkomst::default();
    let mut n = 0usize;
    while !stop.load(Ordering::SeqCst) {
        let url = stand.lock().expect("stand").url.clone();
        let Some(url) = url else {
            tokio::time::sleep(Duration::from_millis(2)).await;
            continue;
        };
        let vraag = vragen[n % vragen.len()];
        let antwoord = if n.is_multiple_of(3) {
            "niet_op_orde"
        } else {
            "op_orde"
        };
        let toelichting = format!("{PREFIX}s{nr}-{n}");
        n += 1;
        let body = serde_json::json!([{ "vraag": vraag, "antwoord": antwoord, "toelichting": toelichting }]);
        // Recorded as sent before it is sent.
        uit.schrijvingen.push(Schrijving {
            vraag,
            antwoord,
            toelichting,
            bevestigd: false,
        });
        let r = client
            .put(format!(
                "{url}/api/v1/zelfscan-rondes/{RONDE}/gemeenten/{GEMEENTE}/antwoorden"
            ))
            .bearer_auth(&token)
            .json(&body)
            .send()
            .await;
        let misschien_onderweg = match r {
            Ok(r) => {
                let status = r.status();
                let json = r.json::<serde_json::Value>().await.ok();
                let opgeslagen = json.as_ref().and_then(|j| j["opgeslagen"].as_i64());
                if status.is_success() && opgeslagen == Some(1) {
                    uit.schrijvingen
                        .last_mut()
                        .expect("net toegevoegd")
                        .bevestigd = true;
                    false
                } else {
                    *uit.afgewezen.entry(status.as_u16()).or_default() += 1;
                    true
                }
            }
            // Never reached a server (refused: the server is gone or not started yet).
            Err(e) if e.is_connect() => {
                uit.mislukt += 1;
                tokio::time::sleep(Duration::from_millis(2)).await;
                false
            }
            Err(_) => {
                uit.mislukt += 1;
                true
            }
        };
        if misschien_onderweg {
            // The request may still be running in a server up to the current generation:
            // wait until that process is dead (after the last kill, `stop` says so).
            let g = stand.lock().expect("stand").generatie;
            while stand.lock().expect("stand").generatie <= g && !stop.load(Ordering::SeqCst) {
                tokio::time::sleep(Duration::from_millis(2)).await;
            }
        }
    }
    uit
}

/// Polls until the server answers HTTP at all.
async fn wacht_tot_bereikbaar(url: &str, log: &Path) {
    let client = reqwest::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(2))
        .build()
        .expect("client");
    let einde = Instant::now() + Duration::from_secs(60);
    loop {
        // A static document: polling writes nothing (no session).
        if client
            .get(format!("{url}/api/v1/openapi.json"))
            .send()
            .await
            .is_ok()
        {
            return;
        }
        assert!(
            Instant::now() < einde,
            "server op {url} reageert niet na herstart; serverlog:\n{}",
            staart(log)
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

async fn open_db(pad: &Path) -> sqlx::SqlitePool {
    let opts = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(pad)
        .create_if_missing(false);
    sqlx::sqlite::SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(opts)
        .await
        .expect("database openen")
}

async fn audit_aantal(db: &sqlx::SqlitePool) -> i64 {
    sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE code = $1 AND object_id = $2 AND details = $3",
    )
    .bind(AUDIT_CODE)
    .bind(RONDE.to_string())
    .bind(format!("gemeente={GEMEENTE} aantal=1"))
    .fetch_one(db)
    .await
    .expect("audit tellen")
}

type Opgeslagen = BTreeMap<i64, (Option<String>, String)>;

struct Telling {
    bevestigd: usize,
    /// Acknowledged writes whose value is stored or overwritten by a later write.
    aanwezig: usize,
    fouten: Vec<String>,
}

/// Checks the stored answers (vraag → (antwoord, toelichting)) against the writes, given in
/// send order per question. An acknowledged write is present when the stored value is that
/// write or one sent after it to the same question; a stored value from this test must be
/// one of the writes sent.
fn controleer<'a>(
    schrijvingen: impl IntoIterator<Item = &'a Schrijving>,
    opgeslagen: &Opgeslagen,
) -> Telling {
    let mut per_vraag: BTreeMap<i64, Vec<&Schrijving>> = BTreeMap::new();
    for s in schrijvingen {
        per_vraag.entry(s.vraag).or_default().push(s);
    }
    let mut t = Telling {
        bevestigd: 0,
        aanwezig: 0,
        fouten: vec![],
    };
    for (vraag, reeks) in per_vraag {
        let rij = opgeslagen.get(&vraag);
        // Index of the stored write in this question's send order.
        let index = rij.and_then(|(a, tekst)| {
            reeks
                .iter()
                .position(|s| &s.toelichting == tekst && a.as_deref() == Some(s.antwoord))
        });
        if let Some((_, tekst)) = rij
            && tekst.starts_with(PREFIX)
            && index.is_none()
        {
            t.fouten.push(format!(
                "vraag {vraag}: opgeslagen {rij:?} is geen verzonden schrijving"
            ));
        }
        for (i, s) in reeks.iter().enumerate().filter(|(_, s)| s.bevestigd) {
            t.bevestigd += 1;
            if index.is_some_and(|j| j >= i) {
                t.aanwezig += 1;
            } else {
                t.fouten.push(format!(
                    "vraag {vraag}: bevestigde schrijving {} ontbreekt (opgeslagen: {rij:?})",
                    s.toelichting
                ));
            }
        }
    }
    t
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn bevestigde_schrijvingen_overleven_sigkill() {
    let begin = Instant::now();
    let seed = seed();
    println!("crash test: seed {seed} (VOOROP_CRASH_SEED={seed} to replay the kill schedule)");
    let mut prng = Prng(seed);
    let dir = tempfile::tempdir().expect("tijdelijke map");
    let db: PathBuf = dir.path().join("crash.db");
    let log = dir.path().join("server.log");

    voorop(&db, &["demo"]);
    let token = voorop(
        &db,
        &[
            "token",
            "create",
            "--email",
            COORDINATOR,
            "--bereik",
            "schrijven",
            "--dagen",
            "30",
        ],
    )
    .trim()
    .to_string();
    assert!(!token.is_empty(), "geen token afgedrukt");
    let audit_voor = {
        let pool = open_db(&db).await;
        let n = audit_aantal(&pool).await;
        pool.close().await;
        n
    };

    let stand = Arc::new(Mutex::new(Stand::default()));
    let stop = Arc::new(AtomicBool::new(false));
    let schrijvers: Vec<_> = (0..SCHRIJVERS)
        .map(|nr| tokio::spawn(schrijver(nr, token.clone(), stand.clone(), stop.clone())))
        .collect();

    let mut kills = 0u32;
    let mut kills_bij_opstarten = 0u32;
    while kills < KILLS {
        let mut server = Server::start(&db, &log);
        // Now and then the server dies while it starts (migrations, reference data, sessions).
        if prng.tussen(0, 7) == 0 {
            tokio::time::sleep(Duration::from_millis(prng.tussen(0, 40))).await;
            server.kill();
            stand.lock().expect("stand").generatie += 1;
            kills_bij_opstarten += 1;
            continue;
        }
        let url = server.wacht_op_url().await.unwrap_or_else(|| {
            panic!(
                "de server drukte geen URL af (na {kills} kills); serverlog:\n{}",
                staart(&log)
            )
        });
        wacht_tot_bereikbaar(&url, &log).await;
        stand.lock().expect("stand").url = Some(url);
        tokio::time::sleep(Duration::from_millis(prng.tussen(20, 300))).await;
        stand.lock().expect("stand").url = None;
        server.kill();
        stand.lock().expect("stand").generatie += 1;
        kills += 1;
    }
    // Every server is dead now.
    stop.store(true, Ordering::SeqCst);
    let mut uitkomsten = vec![];
    for s in schrijvers {
        uitkomsten.push(s.await.expect("schrijver"));
    }

    // Verify with the server stopped.
    let pool = open_db(&db).await;
    let integriteit: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&pool)
        .await
        .expect("integrity_check");
    let opgeslagen: Opgeslagen = sqlx::query_as::<_, (i64, Option<String>, String)>(
        "SELECT a.vraag, a.antwoord, a.toelichting
         FROM zelfscan_antwoord a JOIN organisatie o ON o.id = a.gemeente_id
         WHERE a.ronde_id = $1 AND o.code = $2",
    )
    .bind(RONDE)
    .bind(GEMEENTE)
    .fetch_all(&pool)
    .await
    .expect("antwoorden lezen")
    .into_iter()
    .map(|(v, a, t)| (v, (a, t)))
    .collect();
    let audit_erbij = audit_aantal(&pool).await - audit_voor;
    pool.close().await;
    let audit_verify = voorop(&db, &["audit", "verify"]);

    let verzonden: usize = uitkomsten.iter().map(|u| u.schrijvingen.len()).sum();
    let Telling {
        bevestigd,
        aanwezig,
        fouten,
    } = controleer(uitkomsten.iter().flat_map(|u| &u.schrijvingen), &opgeslagen);
    let verloren = bevestigd - aanwezig;
    let mislukt: u32 = uitkomsten.iter().map(|u| u.mislukt).sum();
    let mut afgewezen: BTreeMap<u16, u32> = BTreeMap::new();
    for u in &uitkomsten {
        for (s, n) in &u.afgewezen {
            *afgewezen.entry(*s).or_default() += n;
        }
    }
    println!(
        "crash test: kills {} ({kills} while serving, {kills_bij_opstarten} during start-up), \
         writes sent {verzonden}, acknowledged {bevestigd}, present {aanwezig} \
         (the stored value or overwritten by a later write to the same question), lost {verloren}; \
         audit entries {audit_erbij} (acknowledged {bevestigd} <= entries <= sent {verzonden}; \
         {} committed without acknowledgement); \
         failed without answer {mislukt}, error statuses {afgewezen:?}; \
         integrity_check {integriteit:?}; {} in {:.1} s",
        kills + kills_bij_opstarten,
        audit_erbij - bevestigd as i64,
        audit_verify.trim(),
        begin.elapsed().as_secs_f64()
    );

    assert_eq!(
        integriteit,
        vec!["ok".to_string()],
        "PRAGMA integrity_check"
    );
    assert!(
        audit_verify.contains("Auditlog intact"),
        "voorop audit verify: {audit_verify}"
    );
    assert!(
        fouten.is_empty(),
        "{verloren} bevestigde schrijvingen verloren (seed {seed}):\n{}",
        fouten.join("\n")
    );
    assert_eq!(verloren, 0);
    assert!(
        audit_erbij >= bevestigd as i64 && audit_erbij <= verzonden as i64,
        "auditregels erbij: {audit_erbij}, bevestigd {bevestigd}, verzonden {verzonden}"
    );
    // The test only means something if the writers got through between the kills.
    assert!(
        bevestigd >= KILLS as usize,
        "te weinig bevestigde schrijvingen ({bevestigd}); foutstatussen {afgewezen:?}; serverlog:\n{}",
        staart(&log)
    );
}

/// The check itself must catch a lost write, or the crash test proves nothing.
#[test]
fn controle_vindt_verloren_schrijvingen() {
    let s = |vraag, n: usize, bevestigd| Schrijving {
        vraag,
        antwoord: "op_orde",
        toelichting: format!("{PREFIX}{n}"),
        bevestigd,
    };
    let opgeslagen = |paren: &[(i64, &str)]| -> Opgeslagen {
        paren
            .iter()
            .map(|(v, t)| (*v, (Some("op_orde".to_string()), t.to_string())))
            .collect()
    };
    // Question 1: 0 and 1 acknowledged, 2 sent but not acknowledged.
    let reeks = [s(1, 0, true), s(1, 1, true), s(1, 2, false)];
    for (stored, verloren) in [
        (opgeslagen(&[(1, "crash-1")]), 0),
        (opgeslagen(&[(1, "crash-2")]), 0),
        (opgeslagen(&[(1, "crash-0")]), 1),
        (opgeslagen(&[(1, "demo-tekst")]), 2),
        (opgeslagen(&[]), 2),
    ] {
        let t = controleer(&reeks, &stored);
        assert_eq!(t.bevestigd, 2);
        assert_eq!(t.bevestigd - t.aanwezig, verloren, "{stored:?}");
        assert_eq!(t.fouten.len(), verloren, "{stored:?}");
    }
    // A stored value this test never sent, or with another answer, is an error too.
    let t = controleer(&reeks, &opgeslagen(&[(1, "crash-9")]));
    assert_eq!(t.bevestigd - t.aanwezig, 2);
    assert_eq!(t.fouten.len(), 3);
    let mut anders = opgeslagen(&[(1, "crash-1")]);
    anders.get_mut(&1).expect("vraag 1").0 = Some("niet_op_orde".into());
    assert_eq!(controleer(&reeks, &anders).fouten.len(), 3);
    // Nothing acknowledged: anything sent (or the old value) may be stored.
    let onbevestigd = [s(2, 0, false), s(2, 1, false)];
    for stored in [
        opgeslagen(&[(2, "crash-0")]),
        opgeslagen(&[(2, "oud")]),
        opgeslagen(&[]),
    ] {
        let t = controleer(&onbevestigd, &stored);
        assert_eq!((t.bevestigd, t.aanwezig, t.fouten.len()), (0, 0, 0));
    }
}
