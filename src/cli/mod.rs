//! Command-line interface (clap derive) and dispatch.

use crate::audit::Actor;
use crate::config::Config;
use crate::error::AppError;
use crate::werkset::cli::WerksetOpdracht;
use crate::zelfscan::cli::ZelfscanOpdracht;
use crate::{AppState, auth, db, demo, onderhoud, zelfscan};
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use std::io::Read;
use std::path::{Path, PathBuf};

mod nederlands;
pub use nederlands::OMGEVING;

#[derive(Parser, Debug)]
#[command(name = "voorop", version, about = "Voorop: samenwerking zorg en straf")]
pub struct Cli {
    /// Database: een SQLite-bestand (of sqlite:PAD) of een PostgreSQL-adres (postgres://…)
    #[arg(long, global = true, env = "VOOROP_DB", default_value = "voorop.db")]
    pub db: db::Locatie,
    #[command(subcommand)]
    pub opdracht: Opdracht,
}

impl Cli {
    /// The process's arguments, parsed with Dutch help and errors. Help and version are
    /// printed (exit 0); an invalid command line gets a Dutch error (exit 2).
    pub fn lees() -> Self {
        match Self::lees_uit(std::env::args_os()) {
            Ok(cli) => cli,
            Err(e) if e.use_stderr() => {
                eprintln!("Fout: {}", nederlands::foutmelding(&e));
                std::process::exit(2)
            }
            Err(e) => e.exit(),
        }
    }

    /// Parses `args` (the program name first) as [`Cli::lees`] does.
    pub fn lees_uit<I, T>(args: I) -> Result<Self, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        let m = Self::commando().try_get_matches_from(args)?;
        Self::from_arg_matches(&m)
    }

    /// The command tree with its Dutch help (see `nederlands`).
    pub fn commando() -> clap::Command {
        nederlands::commando(Self::command())
    }

    /// The Dutch text of a parse error (without "Fout: ").
    pub fn foutmelding(e: &clap::Error) -> String {
        nederlands::foutmelding(e)
    }
}

#[derive(Subcommand, Debug)]
pub enum Opdracht {
    /// Start de webapplicatie
    #[command(visible_alias = "start")]
    Serve {
        /// Adres om op te luisteren
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
        /// Laad eerst de fictieve demogegevens
        #[arg(long)]
        demo: bool,
        /// Peildatum van de kleine demo (JJJJ-MM-DD; standaard VOOROP_DEMO_PEILDATUM, anders
        /// vandaag): de registraties lopen tot die week
        #[arg(long, value_parser = peildatum)]
        peildatum: Option<time::Date>,
    },
    /// Laad fictieve demogegevens: de kleine demo van één regio (idempotent) of, met
    /// --schaal landelijk, landelijke volumes in een lege database
    Demo {
        /// regio: de kleine demo (Oost-Brabant); landelijk: alle 10 regio's, 26 Veilig
        /// Thuis-organisaties, 342 gemeenten en ruim een miljoen procesgebeurtenissen
        #[arg(long, value_enum, default_value_t = Schaal::Regio)]
        schaal: Schaal,
        /// Aantal jaren tot en met de peildatum (alleen landelijk, 1 tot en met 10)
        #[arg(long)]
        jaren: Option<u32>,
        /// Startwaarde van de toevalsgenerator: dezelfde waarde geeft dezelfde gegevens
        /// (alleen landelijk)
        #[arg(long)]
        seed: Option<u64>,
        /// Percentage van het landelijke volume (alleen landelijk; standaard 100, kleiner
        /// voor tests)
        #[arg(long, hide = true)]
        volume: Option<u32>,
        /// Peildatum van de kleine demo (JJJJ-MM-DD; standaard VOOROP_DEMO_PEILDATUM, anders
        /// vandaag): de registraties lopen tot die week (alleen regio)
        #[arg(long, value_parser = peildatum)]
        peildatum: Option<time::Date>,
    },
    /// Organisaties beheren
    Organisatie {
        #[command(subcommand)]
        opdracht: OrganisatieOpdracht,
    },
    /// Gebruikers beheren
    #[command(visible_alias = "gebruiker")]
    User {
        #[command(subcommand)]
        opdracht: UserOpdracht,
    },
    /// API-tokens beheren
    Token {
        #[command(subcommand)]
        opdracht: TokenOpdracht,
    },
    /// Zelfscan Kwaliteitskader
    Zelfscan {
        #[command(subcommand)]
        opdracht: ZelfscanOpdracht,
    },
    /// Werkset Indicatoren Kwaliteit & Impact
    Werkset {
        #[command(subcommand)]
        opdracht: WerksetOpdracht,
    },
    /// Afstemmingsmomenten (casussen)
    Casus {
        #[command(subcommand)]
        opdracht: crate::casus::cli::CasusOpdracht,
    },
    /// Wis persoonsgegevens van casussen die langer dan de bewaartermijn gesloten zijn
    Retentie {
        /// Bewaartermijn in maanden (standaard VOOROP_BEWAARTERMIJN_MAANDEN, anders 24)
        #[arg(long)]
        maanden: Option<u32>,
    },
    /// Auditlog
    Audit {
        #[command(subcommand)]
        opdracht: AuditOpdracht,
    },
    /// Maak een gecontroleerde back-up van de (draaiende) database
    #[command(visible_alias = "reservekopie")]
    Backup {
        /// Nieuw bestand voor de back-up (wordt nooit overschreven)
        #[arg(long)]
        out: PathBuf,
    },
    /// Zet een regionale SQLite-database over naar een (landelijke) PostgreSQL-database
    Migreer {
        /// De bron: een SQLite-bestand (of sqlite:PAD)
        #[arg(long)]
        van: db::Locatie,
        /// Het doel: een nieuwe, lege PostgreSQL-database (postgres://…); de migraties draaien eerst
        #[arg(long)]
        naar: db::Locatie,
    },
    /// Zet een back-up terug als database (stop eerst de server)
    #[command(visible_alias = "terugzetten")]
    Restore {
        /// Het back-upbestand
        bestand: PathBuf,
        /// Overschrijf een database die al gegevens bevat (de oude blijft ernaast bewaard)
        #[arg(long)]
        force: bool,
    },
}

/// A `--peildatum`: a date `JJJJ-MM-DD` from 2000 to 2100.
fn peildatum(s: &str) -> Result<time::Date, String> {
    time::Date::parse(
        s.trim(),
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .ok()
    .filter(|d| (2000..=2100).contains(&d.year()))
    .ok_or_else(|| "geen geldige datum; gebruik JJJJ-MM-DD (bijvoorbeeld 2026-11-22).".to_string())
}

/// The small demo's reference date: `--peildatum`, else `VOOROP_DEMO_PEILDATUM`, else today.
fn demo_peildatum(gegeven: Option<time::Date>) -> anyhow::Result<time::Date> {
    if let Some(d) = gegeven {
        return Ok(d);
    }
    match std::env::var("VOOROP_DEMO_PEILDATUM") {
        Ok(w) if !w.trim().is_empty() => {
            peildatum(&w).map_err(|f| anyhow::anyhow!("VOOROP_DEMO_PEILDATUM: {f}"))
        }
        _ => Ok(demo::peildatum_vandaag()),
    }
}

/// How much demo data `voorop demo` loads.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Schaal {
    /// De kleine demo: één regio (Oost-Brabant), 2024 tot de peildatum
    Regio,
    /// Landelijke volumes: alle regio's, enkele jaren
    Landelijk,
}

#[derive(Subcommand, Debug)]
pub enum OrganisatieOpdracht {
    /// Voeg een organisatie toe (of wijzig haar naam)
    #[command(visible_alias = "toevoegen")]
    Add {
        /// Unieke code, bijvoorbeeld gemeente-eindhoven
        #[arg(long)]
        code: String,
        /// Naam zoals gebruikers haar zien
        #[arg(long)]
        naam: String,
        /// veilig_thuis, politie, om, rvdk, 3ro, gemeente of netwerk
        #[arg(long)]
        soort: String,
        /// Regiocode, bijvoorbeeld oost-brabant
        #[arg(long)]
        regio: String,
    },
    /// Toon alle organisaties
    #[command(visible_alias = "lijst")]
    List,
}

#[derive(Subcommand, Debug)]
pub enum UserOpdracht {
    /// Voeg een gebruiker toe; wachtwoord uit VOOROP_WACHTWOORD of standaardinvoer
    #[command(visible_alias = "toevoegen")]
    Add {
        /// E-mailadres waarmee de gebruiker inlogt
        #[arg(long)]
        email: String,
        /// Naam zoals collega's die zien
        #[arg(long)]
        naam: String,
        /// Organisatiecode, bijvoorbeeld gemeente-eindhoven
        #[arg(long)]
        organisatie: String,
        /// beheerder, regiocoördinator, medewerker of lezer
        #[arg(long)]
        rol: String,
    },
    /// Hef de blokkade na te veel mislukte inlogpogingen op (helpdesk); komt in het auditlog
    Ontgrendel {
        /// E-mailadres van de gebruiker
        #[arg(long)]
        email: String,
    },
    /// Zet de tweestapsverificatie terug (helpdesk): de gebruiker stelt haar bij de volgende
    /// inlog opnieuw in; alle sessies eindigen; komt in het auditlog
    #[command(name = "2fa-reset")]
    TweestapsReset {
        /// E-mailadres van de gebruiker
        #[arg(long)]
        email: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum TokenOpdracht {
    /// Maak een bearer-token voor de API (wordt één keer getoond)
    #[command(visible_alias = "maak")]
    Create {
        /// E-mailadres van de gebruiker voor wie het token is
        #[arg(long)]
        email: String,
        /// lezen (alleen GET) of schrijven (ook wijzigen)
        #[arg(long, default_value = "lezen")]
        bereik: String,
        /// Geldigheid in dagen (1 tot 366)
        #[arg(long, default_value_t = 90)]
        dagen: u32,
    },
    /// Trek de tokens van een gebruiker in (alle, of die met --prefix)
    #[command(visible_alias = "intrekken")]
    Revoke {
        /// E-mailadres van de gebruiker
        #[arg(long)]
        email: String,
        /// Alleen het token dat met deze tekens begint (zoals getoond bij het maken)
        #[arg(long)]
        prefix: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum AuditOpdracht {
    /// Controleer de hashketen van het auditlog en het kopbestand (niet-nul bij een breuk)
    #[command(visible_alias = "controleer")]
    Verify,
    /// Verwijder auditregels die ouder zijn dan de bewaartermijn (standaard 5 jaar); de keten
    /// blijft controleerbaar via een ondertekend anker
    Opschonen {
        /// Bewaartermijn in jaren (standaard VOOROP_AUDIT_BEWAARTERMIJN_JAREN of 5)
        #[arg(long)]
        jaren: Option<u32>,
    },
}

fn toon(e: AppError) -> anyhow::Error {
    match e {
        AppError::Validatie(f) => anyhow::anyhow!(
            "{}",
            f.iter()
                .map(|f| format!("{}: {}", f.veld, f.melding))
                .collect::<Vec<_>>()
                .join("\n")
        ),
        other => anyhow::anyhow!("{other}"),
    }
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    // Configuration errors (a too short key, a bad number) stop every command early.
    let mut config = Config::uit_omgeving(cli.db.clone()).map_err(anyhow::Error::msg)?;
    let eigen_sleutel = config.audit_sleutel.is_some();
    match cli.opdracht {
        Opdracht::Serve { demo: true, .. } => config = config.met_demo_sleutel(),
        Opdracht::Serve { demo: false, .. } if config.audit_sleutel.is_none() => {
            anyhow::bail!(
                "Er is geen auditsleutel ingesteld. Stel VOOROP_AUDIT_SLEUTEL of \
                 VOOROP_AUDIT_SLEUTEL_BESTAND in (minstens 32 tekens; bewaar de sleutel buiten de \
                 database), of start met --demo voor fictieve gegevens. Zonder eigen sleutel kan \
                 iedereen met toegang tot de database het auditlog ongemerkt herschrijven."
            )
        }
        _ => {}
    }
    // The audit key is set before anything can write to the audit log. Other commands than
    // `serve` fall back to the published demo key, but not on a log kept with another key.
    let audit_sleutel = config.audit_sleutel.clone().unwrap_or_else(|| {
        crate::config::Sleutel::new(crate::config::DEMO_AUDIT_SLEUTEL.as_bytes())
    });
    crate::audit::service::sleutel_instellen(&audit_sleutel);
    // TOTP secrets at rest: their own key, or a subkey of the audit key.
    crate::auth::tweestaps::sleutel_instellen(
        config.geheim_sleutel.as_ref().unwrap_or(&audit_sleutel),
    );
    // Backups are SQLite's: on PostgreSQL they belong to pg_dump, PITR or the managed service.
    let sqlite_pad = match (&cli.opdracht, cli.db.pad()) {
        (Opdracht::Backup { .. } | Opdracht::Restore { .. }, None) => anyhow::bail!(
            "voorop backup en restore werken met de ingebouwde SQLite-database. Maak back-ups \
             van PostgreSQL met pg_dump, point-in-time recovery of de back-upvoorziening van uw \
             PostgreSQL-dienst."
        ),
        (_, pad) => pad.map(Path::to_path_buf),
    };
    match (&cli.opdracht, sqlite_pad) {
        // A restore must not create or migrate the target; a backup must not create an empty
        // database when the path is wrong.
        (Opdracht::Restore { bestand, force }, Some(pad)) => {
            let h = onderhoud::backup::herstel(bestand, &pad, *force).await?;
            // The head file described the replaced database and goes with it; the restored
            // database gets a head for its own (verified) end.
            if config.audit_kop.exists() {
                let naar = match &h.oud {
                    Some(oud) => format!("{}.auditkop", oud.display()),
                    None => format!("{}.voor-herstel", config.audit_kop.display()),
                };
                std::fs::rename(&config.audit_kop, naar)?;
            }
            let hersteld = db::open(&pad).await?;
            crate::audit::service::kop_bijwerken(
                &hersteld,
                audit_sleutel.bytes(),
                &config.audit_kop,
            )
            .await
            .map_err(anyhow::Error::msg)?;
            hersteld.close().await;
            if let Some(oud) = &h.oud {
                println!("De vorige database staat nu in {}.", oud.display());
            }
            println!(
                "Back-up {} teruggezet als {} ({} bytes, {} auditregels; integriteit en auditketen gecontroleerd).",
                bestand.display(),
                pad.display(),
                h.controle.bytes,
                h.controle.auditregels
            );
            return Ok(());
        }
        (Opdracht::Backup { .. }, Some(pad)) if !pad.is_file() => {
            anyhow::bail!("De database {} bestaat niet.", pad.display());
        }
        // A command that only reads must not create an empty database at a mistyped path and
        // then report that there is nothing in it.
        (opdracht, Some(pad)) if leest_alleen(opdracht) && !pad.is_file() => {
            anyhow::bail!(
                "De database {} bestaat niet. Geef met --db (of VOOROP_DB) het pad van een \
                 bestaande database; een nieuwe database maakt 'voorop serve' of 'voorop demo'.",
                pad.display()
            );
        }
        (Opdracht::Migreer { van, naar }, _) => return migreren(van, naar, &audit_sleutel).await,
        _ => {}
    }
    let db = db::verbinden(&cli.db).await?;
    if !eigen_sleutel && !crate::audit::service::sleutel_past(&db, audit_sleutel.bytes()).await? {
        anyhow::bail!(
            "Het auditlog van deze database is met een eigen auditsleutel ondertekend. Stel \
             VOOROP_AUDIT_SLEUTEL of VOOROP_AUDIT_SLEUTEL_BESTAND in (dezelfde sleutel als bij \
             voorop serve)."
        );
    }
    // The TOTP secrets: `serve` refuses a key that does not fit (every second step would fail);
    // other commands warn, so `voorop user 2fa-reset` still helps. Secrets an earlier version
    // stored in plaintext are encrypted now.
    let alleen_lezen = matches!(
        cli.opdracht,
        Opdracht::Audit {
            opdracht: AuditOpdracht::Verify
        }
    );
    match crate::auth::service::tweestaps_sleutel_controleren(&db)
        .await
        .map_err(toon)?
    {
        Err(m) if matches!(cli.opdracht, Opdracht::Serve { .. }) => anyhow::bail!(m),
        Err(m) => eprintln!("Waarschuwing: {m}"),
        Ok(()) if !alleen_lezen => {
            let n = crate::auth::service::tweestaps_versleutelen(&db)
                .await
                .map_err(toon)?;
            if n > 0 {
                tracing::info!("{n} tweestapsgeheimen versleuteld opgeslagen");
            }
        }
        Ok(()) => {}
    }
    let schrijft_kop = !matches!(
        cli.opdracht,
        Opdracht::Serve { .. }
            | Opdracht::Audit {
                opdracht: AuditOpdracht::Verify
            }
    );
    let uitkomst = uitvoeren(cli, db.clone(), config.clone()).await;
    // `serve` keeps the head file itself; `audit verify` only reads it.
    if schrijft_kop
        && let Err(fout) =
            crate::audit::service::kop_bijwerken(&db, audit_sleutel.bytes(), &config.audit_kop)
                .await
    {
        eprintln!("Waarschuwing: {fout}");
    }
    // Closing the pool lets SQLite fold its write-ahead log into the database file and remove
    // it, so what this command wrote is in the one file an administrator copies. (Bounded: a
    // connection still held by a background task must not keep the process from ending.)
    if tokio::time::timeout(std::time::Duration::from_secs(10), db.close())
        .await
        .is_err()
    {
        tracing::warn!("databaseverbindingen niet op tijd gesloten");
    }
    uitkomst
}

/// `voorop migreer`: checks the source's audit chain first (a broken chain is not carried
/// over), copies, verifies, and shows progress per table on standard error.
async fn migreren(
    van: &db::Locatie,
    naar: &db::Locatie,
    audit_sleutel: &crate::config::Sleutel,
) -> anyhow::Result<()> {
    let Some(bron_pad) = van.pad() else {
        anyhow::bail!("--van moet een SQLite-database zijn (een bestandspad of sqlite:PAD).");
    };
    if naar.pad().is_some() {
        anyhow::bail!("--naar moet een PostgreSQL-database zijn (postgres://…).");
    }
    if !bron_pad.is_file() {
        anyhow::bail!("De database {} bestaat niet.", bron_pad.display());
    }
    let bron = db::verbinden(van).await?;
    if !crate::audit::service::sleutel_past(&bron, audit_sleutel.bytes()).await? {
        anyhow::bail!(
            "Het auditlog van de bron is met een andere auditsleutel ondertekend. Stel \
             VOOROP_AUDIT_SLEUTEL of VOOROP_AUDIT_SLEUTEL_BESTAND in zoals bij voorop serve."
        );
    }
    if let Some(id) = crate::audit::repo::verifieer(&bron).await? {
        anyhow::bail!(
            "De auditketen van de bron is verbroken bij regel {id}; er is niets overgezet. \
             Controleer met voorop audit verify."
        );
    }
    let doel = db::verbinden(naar).await?;
    eprintln!("Overzetten van {van} naar {naar} …");
    let mut vorige = String::new();
    let verslag = onderhoud::migreer::migreren(&bron, &doel, |tabel, gedaan, totaal| {
        if tabel != vorige {
            if !vorige.is_empty() {
                eprintln!();
            }
            vorige = tabel.to_string();
        }
        let procent = (gedaan * 100).checked_div(totaal).unwrap_or(100);
        eprint!("\r  {tabel:<28} {gedaan:>10} van {totaal:>10} rijen  {procent:>3}%");
    })
    .await;
    eprintln!();
    let verslag = verslag.map_err(|e| anyhow::anyhow!("Overzetten mislukt: {e}."))?;
    println!(
        "Overgezet: {} tabellen, {} rijen; aantallen per tabel gelijk, auditketen in het doel gecontroleerd.",
        verslag.tabellen.len(),
        verslag.rijen()
    );
    // The target's audit head, so `voorop audit verify` checks its end from the first day.
    match std::env::var_os("VOOROP_AUDIT_KOP").filter(|k| !k.is_empty()) {
        Some(kop) => {
            let kop = PathBuf::from(kop);
            crate::audit::service::kop_bijwerken(&doel, audit_sleutel.bytes(), &kop)
                .await
                .map_err(anyhow::Error::msg)?;
            println!(
                "Kopbestand van de auditketen geschreven: {}.",
                kop.display()
            );
        }
        None => println!(
            "Zet VOOROP_AUDIT_KOP (één kopbestand per instantie) voor voorop serve; met die \
             variabele schrijft voorop migreer het kopbestand meteen."
        ),
    }
    println!(
        "Sessies zijn niet overgezet: gebruikers loggen opnieuw in. Start voorop serve met \
         --db {naar}."
    );
    bron.close().await;
    doel.close().await;
    Ok(())
}

/// Commands that only read the database (exports, the report, the audit check).
fn leest_alleen(opdracht: &Opdracht) -> bool {
    matches!(
        opdracht,
        Opdracht::Zelfscan {
            opdracht: ZelfscanOpdracht::Export { .. }
        } | Opdracht::Werkset {
            opdracht: crate::werkset::cli::WerksetOpdracht::Rapport { .. }
                | crate::werkset::cli::WerksetOpdracht::Export { .. }
        } | Opdracht::Audit {
            opdracht: AuditOpdracht::Verify
        }
    )
}

async fn uitvoeren(cli: Cli, db: db::Db, config: Config) -> anyhow::Result<()> {
    // `audit verify` only reads.
    if !matches!(
        cli.opdracht,
        Opdracht::Audit {
            opdracht: AuditOpdracht::Verify
        }
    ) {
        crate::referentiedata_laden(&db).await.map_err(toon)?;
    }
    match cli.opdracht {
        Opdracht::Serve {
            addr,
            demo,
            peildatum,
        } => serve(db, config, &addr, demo, peildatum).await?,
        Opdracht::Demo {
            schaal: Schaal::Regio,
            jaren,
            seed,
            volume,
            peildatum,
        } => {
            if jaren.is_some() || seed.is_some() || volume.is_some() {
                anyhow::bail!("--jaren, --seed en --volume horen alleen bij --schaal landelijk.");
            }
            demo::laad(&db, demo_peildatum(peildatum)?)
                .await
                .map_err(toon)?;
            println!("Fictieve demogegevens geladen in {}.", cli.db);
        }
        Opdracht::Demo {
            schaal: Schaal::Landelijk,
            jaren,
            seed,
            volume,
            peildatum,
        } => {
            if peildatum.is_some() {
                anyhow::bail!(
                    "--peildatum hoort alleen bij de kleine demo; de landelijke demo heeft een vaste peildatum."
                );
            }
            demo_landelijk(&db, &cli.db, jaren, seed, volume).await?;
        }
        Opdracht::Organisatie { opdracht } => organisatie(&db, opdracht).await?,
        Opdracht::User { opdracht } => gebruiker(&db, opdracht).await?,
        Opdracht::Token { opdracht } => token(&db, opdracht).await?,
        Opdracht::Werkset { opdracht } => crate::werkset::cli::run(&db, &config, opdracht)
            .await
            .map_err(toon)?,
        Opdracht::Zelfscan { opdracht } => zelfscan::cli::run(&db, opdracht).await.map_err(toon)?,
        Opdracht::Casus { opdracht } => {
            use crate::casus::cli::CasusOpdracht;
            // Counting the indicators is above `casus` (`indicatoren`): after an import the
            // imported region-years are counted now, not on the first page view.
            let opnieuw = match &opdracht {
                CasusOpdracht::Import { .. } => false,
                CasusOpdracht::Indicatoren { opnieuw } => *opnieuw,
            };
            crate::casus::cli::run(&db, &config, opdracht).await?;
            crate::indicatoren::bijwerken_en_melden(&db, opnieuw)
                .await
                .map_err(toon)?;
        }
        Opdracht::Retentie { maanden } => {
            crate::casus::cli::retentie(&db, &config, maanden).await?;
        }
        Opdracht::Audit { opdracht } => audit(&db, &config, opdracht).await?,
        Opdracht::Backup { out } => {
            let c = onderhoud::backup::maak(&db, &out).await?;
            println!(
                "Back-up geschreven naar {} ({} bytes, {} auditregels; integriteit en auditketen gecontroleerd).",
                out.display(),
                c.bytes,
                c.auditregels
            );
        }
        // Handled before the database was opened.
        Opdracht::Restore { .. } | Opdracht::Migreer { .. } => {}
    }
    Ok(())
}

/// `voorop serve`: the daily tasks (retention, indicator counts, audit, statistics, backups)
/// and the web server until a stop signal; the audit head is written on the way out.
async fn serve(
    db: db::Db,
    config: Config,
    addr: &str,
    met_demo: bool,
    peildatum: Option<time::Date>,
) -> anyhow::Result<()> {
    if met_demo {
        demo::laad(&db, demo_peildatum(peildatum)?)
            .await
            .map_err(toon)?;
    }
    if config.pseudoniem_sleutel.is_none() {
        eprintln!(
            "Waarschuwing: er is geen pseudoniemsleutel ingesteld (VOOROP_PSEUDONIEM_SLEUTEL of \
             VOOROP_PSEUDONIEM_SLEUTEL_BESTAND, minstens 32 tekens). Registraties kunnen dan \
             geen naam en geboortedatum bevatten en herhaalde incidenten worden niet herkend."
        );
    }
    // Checks the whole chain (logged), then keeps the head file up to date.
    let audit_sleutel = crate::audit::service::sleutel();
    let kopwachter = crate::audit::service::kop_bijhouden(
        db.clone(),
        audit_sleutel.clone(),
        config.audit_kop.clone(),
    );
    crate::casus::retentie::dagelijks(db.clone(), config.bewaartermijn_maanden);
    crate::casus::service::meldingen_starten(db.clone());
    crate::indicatoren::bijhouden(db.clone());
    crate::audit::service::dagelijks(db.clone(), config.audit_bewaartermijn_jaren);
    db::taak::dagelijks(db.clone(), "statistieken", |db| async move {
        db::statistieken_bijwerken(&db)
            .await
            .map_err(|e| e.to_string())
    });
    if let Some(map) = &config.backup_map {
        if !map.is_dir() {
            anyhow::bail!("VOOROP_BACKUP_MAP: de map {} bestaat niet.", map.display());
        }
        onderhoud::backup::dagelijks(db.clone(), map.clone(), config.backup_aantal);
    }
    let kop_pad = config.audit_kop.clone();
    let state = AppState::new(db.clone(), config);
    let app = crate::build_app(state).await?;
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    let url = format!("http://{}", listener.local_addr()?);
    // axum 0.8 no longer disables Nagle: without it, small responses on a reused
    // connection wait ~40 ms for the client's delayed ACK.
    let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
        let _ = tcp.set_nodelay(true);
    });
    println!("Voorop draait op {url}");
    if met_demo {
        println!(
            "Demo-accounts (fictief), wachtwoord '{}':",
            demo::WACHTWOORD
        );
        for (email, _, _, rol) in demo::GEBRUIKERS {
            println!("  {email:<32} {rol}");
        }
        println!(
            "Tweestapsverificatie (fictief, openbaar geheim voor elke authenticator-app): {}\n\
             De inlogpagina toont in de demo ook de code van het moment.",
            crate::auth::tweestaps::DEMO_GEHEIM
        );
    }
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(stop_signaal())
    .await?;
    kopwachter.abort();
    crate::audit::service::kop_bij_afsluiten(&db, audit_sleutel.bytes(), &kop_pad).await;
    Ok(())
}

/// `voorop demo --schaal landelijk`: the national fictional dataset.
async fn demo_landelijk(
    db: &db::Db,
    locatie: &db::Locatie,
    jaren: Option<u32>,
    seed: Option<u64>,
    volume: Option<u32>,
) -> anyhow::Result<()> {
    let standaard = demo::landelijk::Opties::default();
    let opties = demo::landelijk::Opties {
        jaren: jaren.unwrap_or(standaard.jaren),
        seed: seed.unwrap_or(standaard.seed),
        volume: volume.unwrap_or(standaard.volume),
        voortgang: true,
    };
    let s = demo::landelijk::genereer(db, &opties).await.map_err(toon)?;
    println!(
        "Landelijke fictieve demogegevens geladen in {} ({} jaar, seed {}) in {:.1} s:\n  \
         {} organisaties waarvan {} gemeenten; {} casussen, {} momenten, {} deelnames, \
         {} afspraken, {} vergaderingen, {} aanwezigheidsregels ({} procesgebeurtenissen); \
         {} zelfscanantwoorden, {} werksetregels; {} regels in het auditlog.",
        locatie,
        opties.jaren,
        opties.seed,
        s.duur.as_secs_f64(),
        s.organisaties,
        s.gemeenten,
        s.casussen,
        s.momenten,
        s.deelnemers,
        s.afspraken,
        s.vergaderingen,
        s.aanwezigheid,
        s.gebeurtenissen(),
        s.zelfscan_antwoorden,
        s.werkset_regels,
        s.auditregels,
    );
    Ok(())
}

async fn organisatie(db: &db::Db, opdracht: OrganisatieOpdracht) -> anyhow::Result<()> {
    match opdracht {
        OrganisatieOpdracht::Add {
            code,
            naam,
            soort,
            regio,
        } => {
            crate::organisatie::service::toevoegen(db, &code, &naam, &soort, &regio)
                .await
                .map_err(toon)?;
            println!("Organisatie {code} opgeslagen.");
        }
        OrganisatieOpdracht::List => {
            for o in crate::organisatie::repo::alle(db).await? {
                println!(
                    "{:<32} {:<14} {:<22} {}{}",
                    o.code,
                    o.soort,
                    o.regio_code,
                    o.naam,
                    if o.actief { "" } else { " (inactief)" }
                );
            }
        }
    }
    Ok(())
}

async fn gebruiker(db: &db::Db, opdracht: UserOpdracht) -> anyhow::Result<()> {
    match opdracht {
        UserOpdracht::Add {
            email,
            naam,
            organisatie,
            rol,
        } => {
            let wachtwoord = if let Ok(w) = std::env::var("VOOROP_WACHTWOORD") {
                w
            } else {
                let mut s = String::new();
                std::io::stdin().read_to_string(&mut s)?;
                s.trim_end_matches(['\n', '\r']).to_string()
            };
            auth::service::gebruiker_toevoegen(
                db,
                &Actor::cli(),
                auth::service::NieuweGebruiker {
                    email: &email,
                    naam: &naam,
                    organisatie: &organisatie,
                    rol: &rol,
                    wachtwoord: &wachtwoord,
                    beleid: auth::service::Wachtwoordbeleid::Toepassen,
                    eerst_wijzigen: false,
                },
            )
            .await
            .map_err(toon)?;
            println!("Gebruiker {email} toegevoegd.");
        }
        UserOpdracht::Ontgrendel { email } => {
            let was = auth::service::ontgrendelen(db, &Actor::cli(), &email)
                .await
                .map_err(toon)?;
            if was {
                println!("De blokkade van {email} is opgeheven.");
            } else {
                println!(
                    "{email} was niet geblokkeerd; de teller van mislukte pogingen is op 0 gezet."
                );
            }
        }
        UserOpdracht::TweestapsReset { email } => {
            auth::service::tweestaps_resetten(db, &Actor::cli(), &email)
                .await
                .map_err(toon)?;
            println!(
                "De tweestapsverificatie van {email} is teruggezet; bij de volgende inlog stelt de gebruiker haar opnieuw in."
            );
        }
    }
    Ok(())
}

async fn token(db: &db::Db, opdracht: TokenOpdracht) -> anyhow::Result<()> {
    match opdracht {
        TokenOpdracht::Create {
            email,
            bereik,
            dagen,
        } => {
            let bereik = auth::model::TokenBereik::parse(&bereik).map_err(anyhow::Error::msg)?;
            let (token, verloopt) = auth::service::token_maken(db, &email, bereik, dagen)
                .await
                .map_err(toon)?;
            println!("{token}");
            eprintln!(
                "Token met bereik '{}', geldig tot {verloopt}. Het wordt maar één keer getoond.",
                bereik.code()
            );
        }
        TokenOpdracht::Revoke { email, prefix } => {
            let n = auth::service::token_intrekken(db, &email, prefix.as_deref())
                .await
                .map_err(toon)?;
            println!("{n} token(s) ingetrokken.");
        }
    }
    Ok(())
}

async fn audit(db: &db::Db, config: &Config, opdracht: AuditOpdracht) -> anyhow::Result<()> {
    match opdracht {
        AuditOpdracht::Verify => {
            let sleutel = crate::audit::service::sleutel();
            let r =
                crate::audit::service::controleren(db, sleutel.bytes(), &config.audit_kop).await?;
            match (r.breuk, r.kop) {
                (Some(b), _) => match b.id {
                    Some(id) => anyhow::bail!("Auditlog verbroken bij regel {id}: {b}"),
                    None => anyhow::bail!("Auditlog verbroken: {b}"),
                },
                (None, Some(kop)) => println!(
                    "Auditlog intact: {} regels, de hashketen klopt en het einde komt overeen met \
                     het kopbestand (regel {}).",
                    r.aantal, kop.laatste.id
                ),
                (None, None) => println!("Auditlog intact: het log is nog leeg."),
            }
        }
        AuditOpdracht::Opschonen { jaren } => {
            let jaren = jaren.unwrap_or(config.audit_bewaartermijn_jaren);
            if jaren == 0 {
                anyhow::bail!("De bewaartermijn van het auditlog is minstens 1 jaar.");
            }
            let o = crate::audit::service::opschonen(db, &Actor::cli(), jaren, &crate::db::nu())
                .await?;
            match o.tot_id {
                Some(tot) => println!(
                    "Auditlog opgeschoond: {} regels van vóór {} verwijderd (tot en met regel {tot}); \
                     de keten loopt verder vanaf het ondertekende anker.",
                    o.verwijderd, o.grens
                ),
                None => println!(
                    "Auditlog opgeschoond: geen regels ouder dan {jaren} jaar (vóór {}).",
                    o.grens
                ),
            }
        }
    }
    Ok(())
}

async fn stop_signaal() {
    let _ = tokio::signal::ctrl_c().await;
}
