//! `voorop zelfscan …` commands.

use crate::audit::{self, Actor, AuditEvent};
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::gedeeld::RondeId;
use clap::Subcommand;
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub enum ZelfscanOpdracht {
    /// Exporteer een scanronde naar Excel
    #[command(visible_alias = "exporteer")]
    Export {
        /// Nummer van de scanronde (zie de Zelfscan-pagina's)
        #[arg(long)]
        ronde: RondeId,
        /// Het Excel-bestand dat wordt gemaakt (.xlsx)
        #[arg(long)]
        out: PathBuf,
    },
    /// Importeer ingevulde antwoorden uit Excel (alles of niets)
    #[command(visible_alias = "importeer")]
    Import {
        /// Nummer van de scanronde waaruit het bestand is geëxporteerd
        #[arg(long)]
        ronde: RondeId,
        /// Het ingevulde Excel-bestand (.xlsx)
        bestand: PathBuf,
    },
    /// Laad een vragenlijstversie uit een JSON-bestand
    Vragenlijst {
        /// Het JSON-bestand met de vragenlijst (zoals data/zelfscan/*.json)
        bestand: PathBuf,
    },
}

pub async fn run(db: &Db, opdracht: ZelfscanOpdracht) -> AppResult<()> {
    match opdracht {
        ZelfscanOpdracht::Export { ronde, out } => {
            let bezig = crate::terminal::Voortgang::bezig("Zelfscan-export maken");
            let res =
                super::service::resultaten(db, &crate::auth::Gebruiker::opdrachtregel(), ronde)
                    .await?;
            let bytes = super::service::export_bytes(&res)?;
            std::fs::write(&out, bytes).map_err(|e| {
                AppError::validatie("out", &format!("Kan {} niet schrijven: {e}", out.display()))
            })?;
            let mut tx = crate::db::begin(db).await?;
            audit::schrijf(
                &mut tx,
                &Actor::cli(),
                AuditEvent::ExcelGeexporteerd { ronde },
            )
            .await?;
            tx.commit().await?;
            bezig.klaar();
            println!(
                "Scanronde {ronde} geëxporteerd naar {} ({} gemeenten).",
                out.display(),
                res.gemeenten.len()
            );
        }
        ZelfscanOpdracht::Import { ronde, bestand } => {
            let bytes = std::fs::read(&bestand).map_err(|e| {
                AppError::validatie(
                    "bestand",
                    &format!("Kan {} niet lezen: {e}", bestand.display()),
                )
            })?;
            let n = super::service::excel_import(db, None, ronde, bytes).await?;
            println!("{n} gemeente(n) geïmporteerd in scanronde {ronde}.");
        }
        ZelfscanOpdracht::Vragenlijst { bestand } => {
            let json = std::fs::read_to_string(&bestand).map_err(|e| {
                AppError::validatie(
                    "bestand",
                    &format!("Kan {} niet lezen: {e}", bestand.display()),
                )
            })?;
            let versie =
                crate::referentiedata::laden::<super::model::Vragenlijst>(db, &Actor::cli(), &json)
                    .await?;
            println!("Vragenlijst {versie} geladen.");
        }
    }
    Ok(())
}
