//! `voorop casus …` and `voorop retentie` commands.

use super::{import, retentie};
use crate::audit::Actor;
use crate::config::Config;
use crate::db::Db;
use crate::terminal::Voortgang as Balk;
use clap::Subcommand;
use clap::builder::TypedValueParser;
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub enum CasusOpdracht {
    /// Importeer afstemmingsmomenten uit een CSV-bestand (zie docs/casus-import.md)
    ///
    /// Eerst controleert Voorop het hele bestand; bij één fout wordt niets opgeslagen en ziet u
    /// per rij en kolom wat er mis is (nooit de waarde zelf). Daarna worden de rijen in porties
    /// (--batch) opgeslagen, elk in een korte transactie, zodat de server intussen gewoon kan
    /// schrijven. Voortgang staat op stderr. Stopt het opslaan halverwege, dan blijven de
    /// opgeslagen porties bewaard en noemt Voorop de laatst opgeslagen rij; start dan dezelfde
    /// opdracht met --hervatten. Hetzelfde bestand wordt nooit twee keer geïmporteerd.
    #[command(verbatim_doc_comment, visible_alias = "importeer")]
    Import {
        /// Bestandsformaat; alleen csv (komma- of puntkommagescheiden, UTF-8)
        #[arg(long, default_value = "csv")]
        formaat: String,
        /// Hoogstens zoveel rijen per transactie (1 tot 100000); Voorop kiest elke portie zo dat
        /// ze de database ongeveer driekwart seconde bezet houdt
        #[arg(long, default_value_t = import::STANDAARD_BATCH, value_parser = clap::value_parser!(u32).range(1..=100_000).map(|n| n as usize))]
        batch: usize,
        /// Ga verder met een onderbroken import van hetzelfde bestand, na de laatst opgeslagen rij
        #[arg(long)]
        hervatten: bool,
        /// Pauze in milliseconden tussen de porties, zodat andere schrijvers voorgaan (standaard
        /// 100 op SQLite; 0 op PostgreSQL, waar wachtende schrijvers op volgorde voorgaan)
        #[arg(long, value_parser = clap::value_parser!(u64).range(0..=10_000))]
        pauze_ms: Option<u64>,
        /// Het te importeren bestand
        bestand: PathBuf,
    },
    /// Tel de indicatoren van elk regio-jaar waarvan de opgeslagen telling ontbreekt of
    /// verouderd is, en sla ze op
    ///
    /// De server doet dit zelf elke minuut en de import en de demo na afloop; deze opdracht is
    /// voor na een herstel of een wijziging buiten Voorop om, vóór de server weer opent.
    #[command(verbatim_doc_comment)]
    Indicatoren {
        /// Vergeet eerst alle opgeslagen tellingen en tel elk regio-jaar opnieuw
        #[arg(long)]
        opnieuw: bool,
    },
}

/// Why an import did not complete, in Dutch, one sentence per line, never a cell's value.
fn toon_import(e: import::ImportFout, bestand: &std::path::Path) -> anyhow::Error {
    match e {
        import::ImportFout::Afgekeurd(f) => anyhow::anyhow!(
            "Het bestand is niet geïmporteerd; er is niets opgeslagen.\n{}",
            f.iter()
                .map(|f| f.melding.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        ),
        import::ImportFout::Onderbroken {
            import,
            laatste_rij,
            momenten,
            oorzaak,
        } => anyhow::anyhow!(
            "Import {import} is onderbroken: {oorzaak}\nLaatste opgeslagen rij: {laatste_rij} ({momenten} momenten opgeslagen; die blijven bewaard).\nHerstel de oorzaak en ga verder met: voorop casus import --hervatten {}",
            bestand.display()
        ),
        import::ImportFout::Anders(other) => anyhow::anyhow!("{other}"),
    }
}

/// One progress line on stderr: counts only.
fn toon_voortgang(v: &import::Voortgang) {
    let tempo = format!("{:.0} rijen/s", v.per_seconde);
    match v.fase {
        import::Fase::Controle => eprintln!(
            "Controle{}: {} rijen gelezen, {} geweigerd ({tempo}).",
            if v.klaar { " klaar" } else { "" },
            v.gelezen,
            v.geweigerd
        ),
        import::Fase::Opslaan => eprintln!(
            "Opslaan{}: {} van {} rijen opgeslagen, laatste opgeslagen rij {} ({tempo}).",
            if v.klaar { " klaar" } else { "" },
            v.opgeslagen,
            v.totaal,
            v.laatste_rij
        ),
    }
}

pub async fn run(db: &Db, config: &Config, opdracht: CasusOpdracht) -> anyhow::Result<()> {
    match opdracht {
        CasusOpdracht::Import {
            formaat,
            batch,
            hervatten,
            pauze_ms,
            bestand,
        } => {
            if !formaat.trim().eq_ignore_ascii_case("csv") {
                anyhow::bail!(
                    "Onbekend formaat '{formaat}': alleen csv wordt ondersteund. Sla het bestand in Excel op als 'CSV UTF-8' (zie docs/casus-import.md)."
                );
            }
            let bron = std::fs::File::open(&bestand)
                .map_err(|e| anyhow::anyhow!("Kan {} niet lezen: {e}", bestand.display()))?;
            let standaard = import::Instellingen::voor(db);
            // On a terminal a bar per phase (updated often); otherwise, for logs, a progress
            // line every few seconds. The last line of each phase is always printed.
            let terminal = std::io::IsTerminal::is_terminal(&std::io::stderr());
            let instellingen = import::Instellingen {
                interval: if terminal {
                    std::time::Duration::from_millis(200)
                } else {
                    standaard.interval
                },
                batch,
                hervatten,
                pauze: pauze_ms.map_or(standaard.pauze, std::time::Duration::from_millis),
                audit_kop: Some(config.audit_kop.clone()),
                ..standaard
            };
            let (mut controle, mut opslaan) = (None::<Balk>, None::<Balk>);
            let mut toon = |v: &import::Voortgang| {
                let balk = match v.fase {
                    import::Fase::Controle => {
                        controle.get_or_insert_with(|| Balk::bezig("Bestand controleren"))
                    }
                    import::Fase::Opslaan => opslaan.get_or_insert_with(|| {
                        Balk::balk(v.totaal as u64, "rijen").voor("Opslaan")
                    }),
                };
                let bericht = match v.fase {
                    import::Fase::Controle => {
                        format!("{} rijen gelezen, {} geweigerd", v.gelezen, v.geweigerd)
                    }
                    import::Fase::Opslaan => format!("{:.0} rijen/s", v.per_seconde),
                };
                balk.zet(v.opgeslagen as u64, bericht);
                if v.klaar {
                    balk.klaar();
                }
                if v.klaar || !terminal {
                    toon_voortgang(v);
                }
            };
            let s = import::importeren_uit(
                db,
                config.pseudoniem_sleutel.as_ref(),
                &Actor::cli(),
                std::io::BufReader::new(bron),
                &instellingen,
                &mut toon,
            )
            .await
            .map_err(|e| toon_import(e, &bestand))?;
            println!(
                "Geïmporteerd uit {}: {} {} in {} {} (import {}{}).",
                bestand.display(),
                s.momenten,
                if s.momenten == 1 {
                    "moment"
                } else {
                    "momenten"
                },
                s.casussen,
                if s.casussen == 1 { "casus" } else { "casussen" },
                s.import,
                if s.hervat { ", hervat" } else { "" },
            );
            for (soort, n) in &s.per_soort {
                println!("  {:<32} {n:>6}", soort.label());
            }
            // The imported region-years are counted next, by the caller (`crate::cli`), not on
            // the first page view after the import: see `indicatoren::bijwerken_en_melden`.
        }
        // Run by the caller (see above).
        CasusOpdracht::Indicatoren { .. } => {}
    }
    Ok(())
}

/// `voorop retentie [--maanden N]`: erases the personal data of cases closed longer ago than
/// the retention period (default from the configuration).
pub async fn retentie(db: &Db, config: &Config, maanden: Option<u32>) -> anyhow::Result<()> {
    let maanden = maanden.unwrap_or(config.bewaartermijn_maanden);
    if maanden == 0 {
        anyhow::bail!("--maanden moet minstens 1 zijn.");
    }
    let bezig = Balk::bezig("Bewaartermijn toepassen");
    let u = retentie::uitvoeren(db, &Actor::cli(), maanden, &crate::db::nu())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    bezig.klaar();
    let grens = format!(
        "{} {} UTC",
        crate::web::datum_nl(&u.grens),
        u.grens.get(11..16).unwrap_or("")
    );
    if u.casussen == 0 {
        println!(
            "Geen persoonsgegevens gewist: geen casus is gesloten vóór {grens} (bewaartermijn {maanden} maanden)."
        );
    } else {
        println!(
            "Persoonsgegevens gewist van {} {} ({} {}), gesloten vóór {grens} (bewaartermijn {maanden} maanden). De procesgegevens blijven bewaard.",
            u.casussen,
            if u.casussen == 1 { "casus" } else { "casussen" },
            u.records,
            if u.records == 1 { "record" } else { "records" },
        );
    }
    Ok(())
}
