//! `voorop casus …` and `voorop retentie` commands.

use super::{import, retentie};
use crate::audit::Actor;
use crate::config::Config;
use crate::db::Db;
use crate::error::AppError;
use clap::Subcommand;
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub enum CasusOpdracht {
    /// Importeer afstemmingsmomenten uit een bestand (alles of niets; zie docs/casus-import.md)
    Import {
        /// Bestandsformaat; alleen csv (komma- of puntkommagescheiden, UTF-8)
        #[arg(long, default_value = "csv")]
        formaat: String,
        /// Het te importeren bestand
        bestand: PathBuf,
    },
}

/// Validation errors of a file, one sentence per line under a heading; other errors as is.
fn toon_import(e: AppError) -> anyhow::Error {
    match e {
        AppError::Validatie(f) => anyhow::anyhow!(
            "Het bestand is niet geïmporteerd; er is niets opgeslagen.\n{}",
            f.iter()
                .map(|f| f.melding.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        ),
        other => anyhow::anyhow!("{other}"),
    }
}

pub async fn run(db: &Db, config: &Config, opdracht: CasusOpdracht) -> anyhow::Result<()> {
    match opdracht {
        CasusOpdracht::Import { formaat, bestand } => {
            if !formaat.trim().eq_ignore_ascii_case("csv") {
                anyhow::bail!(
                    "Onbekend formaat '{formaat}': alleen csv wordt ondersteund. Sla het bestand in Excel op als 'CSV UTF-8' (zie docs/casus-import.md)."
                );
            }
            let bytes = std::fs::read(&bestand)
                .map_err(|e| anyhow::anyhow!("Kan {} niet lezen: {e}", bestand.display()))?;
            let s = import::importeren(
                db,
                config.pseudoniem_sleutel.as_ref(),
                &Actor::cli(),
                &bytes,
            )
            .await
            .map_err(toon_import)?;
            println!(
                "Geïmporteerd uit {}: {} {} in {} {}.",
                bestand.display(),
                s.momenten,
                if s.momenten == 1 {
                    "moment"
                } else {
                    "momenten"
                },
                s.casussen,
                if s.casussen == 1 { "casus" } else { "casussen" },
            );
            for (soort, n) in &s.per_soort {
                println!("  {:<32} {n:>6}", soort.label());
            }
        }
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
    let u = retentie::uitvoeren(db, &Actor::cli(), maanden, &crate::db::nu())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
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
