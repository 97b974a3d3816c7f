//! `voorop werkset …` commands.

use crate::audit::Actor;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::terminal::Voortgang;
use askama::Template;
use clap::Subcommand;
use std::path::Path;
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub enum WerksetOpdracht {
    /// Maak de regiorapportage (.pdf of .html, naar de extensie van --out)
    Rapport {
        /// Regiocode, bijvoorbeeld oost-brabant
        #[arg(long)]
        regio: String,
        /// Jaartal, bijvoorbeeld 2025
        #[arg(long)]
        periode: String,
        /// Het rapport dat wordt gemaakt: .pdf of .html
        #[arg(long)]
        out: PathBuf,
    },
    /// Exporteer alle registraties naar Excel (voor analisten)
    #[command(visible_alias = "exporteer")]
    Export {
        /// Het Excel-bestand dat wordt gemaakt (.xlsx)
        #[arg(long)]
        out: PathBuf,
        /// Alleen deze periode (jaartal); standaard alle perioden
        #[arg(long)]
        periode: Option<String>,
    },
    /// Laad een nieuwe versie van de indicatorcatalogus ("Werkset 2.0") uit een JSON-bestand
    Catalogus {
        /// Het JSON-bestand met de catalogus (zoals data/werkset/*.json)
        bestand: PathBuf,
    },
}

fn schrijf(pad: &Path, bytes: &[u8]) -> AppResult<()> {
    std::fs::write(pad, bytes).map_err(|e| {
        AppError::validatie("out", &format!("Kan {} niet schrijven: {e}", pad.display()))
    })
}

pub async fn run(
    db: &Db,
    config: &crate::config::Config,
    opdracht: WerksetOpdracht,
) -> AppResult<()> {
    match opdracht {
        WerksetOpdracht::Rapport {
            regio,
            periode,
            out,
        } => {
            let ext = out
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("")
                .to_lowercase();
            if ext != "pdf" && ext != "html" {
                return Err(AppError::validatie(
                    "out",
                    "Kies een bestandsnaam die eindigt op .pdf of .html.",
                ));
            }
            let regio = crate::gedeeld::RegioCode::parse(&regio)
                .map_err(|m| AppError::validatie("regio", &m))?;
            let drempel = config.onderdrukking;
            let bezig = Voortgang::bezig("Regiorapportage maken");
            let r = super::rapport::rapport_met_kengetallen(
                db,
                &crate::auth::Gebruiker::opdrachtregel(),
                &regio,
                &periode,
                drempel,
            )
            .await?;
            if ext == "pdf" {
                let start = std::time::Instant::now();
                let pdf = crate::rapport::pdf::rapport_pdf(&r)
                    .map_err(|e| AppError::Intern(anyhow::anyhow!("pdf: {e}")))?;
                schrijf(&out, &pdf)?;
                bezig.klaar();
                println!(
                    "Rapport geschreven naar {} ({} kB, {:.0?}).",
                    out.display(),
                    pdf.len() / 1024,
                    start.elapsed()
                );
            } else {
                let html = super::routes::RapportHtml {
                    r: &r,
                    ingebed_css: Some(super::routes::RAPPORT_CSS),
                }
                .render()
                .map_err(|e| AppError::Intern(anyhow::anyhow!(e)))?;
                schrijf(&out, html.as_bytes())?;
                bezig.klaar();
                println!("Rapport geschreven naar {}.", out.display());
            }
        }
        WerksetOpdracht::Export { out, periode } => {
            let bezig = Voortgang::bezig("Werkset-export maken");
            let bytes = super::service::export(
                db,
                &crate::auth::Gebruiker::opdrachtregel(),
                periode.as_deref(),
                config.onderdrukking,
            )
            .await?;
            schrijf(&out, &bytes)?;
            bezig.klaar();
            println!("Werkset-registraties geëxporteerd naar {}.", out.display());
        }
        WerksetOpdracht::Catalogus { bestand } => {
            let json = std::fs::read_to_string(&bestand).map_err(|e| {
                AppError::validatie(
                    "bestand",
                    &format!("Kan {} niet lezen: {e}", bestand.display()),
                )
            })?;
            let versie =
                crate::referentiedata::laden::<super::model::Catalogus>(db, &Actor::cli(), &json)
                    .await?;
            println!("Indicatorcatalogus {versie} geladen.");
        }
    }
    Ok(())
}
