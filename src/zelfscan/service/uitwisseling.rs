//! Excel exchange of a round: the export of what the user may see, and the import (a proposal first, then applied), with bounded parsing.

use super::*;
use crate::gedeeld::OrganisatieId;

/// Builds the Excel workbook with what the user may see; audited.
pub async fn excel_export(
    db: &Db,
    g: &Gebruiker,
    ronde_id: RondeId,
) -> AppResult<(String, Vec<u8>)> {
    let res = resultaten(db, g, ronde_id).await?;
    let bytes = export_bytes(&res)?;
    let mut tx = crate::db::begin(db).await?;
    audit::schrijf(
        &mut tx,
        &Actor::from(g),
        AuditEvent::ExcelGeexporteerd {
            ronde: res.ronde.id,
        },
    )
    .await?;
    tx.commit().await?;
    Ok((format!("zelfscan-ronde-{}.xlsx", res.ronde.id), bytes))
}

pub fn export_bytes(res: &Resultaten) -> AppResult<Vec<u8>> {
    let data = excel::ExportRonde {
        ronde_id: res.ronde.id.0,
        titel: res.ronde.titel.clone(),
        regio_naam: crate::organisatie::model::regio_naam(res.ronde.regio_code).into(),
        doel: Doel::parse(&res.ronde.doel)
            .map(Doel::label)
            .unwrap_or_default()
            .into(),
        datum: res.ronde.datum.clone(),
        vragenlijst: res.vragenlijst.clone(),
        gemeenten: res
            .gemeenten
            .iter()
            .map(|gr| excel::ExportGemeente {
                code: gr.code.clone(),
                naam: gr.naam.clone(),
                antwoorden: gr.antwoorden.clone(),
            })
            .collect(),
        regio: res.regio.clone().unwrap_or_default(),
        regio_aantal_gemeenten: u32::try_from(res.aantal_in_regio).unwrap_or(0),
    };
    excel::export_xlsx(&data).map_err(|e| AppError::Intern(anyhow::anyhow!("excel: {e}")))
}

/// Imports a filled workbook: every gemeente sheet must be writable by the user; all-or-nothing.
/// `g == None` means the command line (operator), which may write every gemeente.
/// At most this many workbooks are parsed at once (each may take tens of MB while parsing);
/// further uploads wait their turn instead of exhausting memory.
pub(super) static EXCEL_PARSERS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

/// Refuses a user who may not change the answers of any gemeente in the round. Called before
/// an upload is read, so a reader's upload is never parsed.
pub async fn mag_importeren(db: &Db, g: &Gebruiker, ronde_id: RondeId) -> AppResult<Ronde> {
    let r = ronde(db, g, ronde_id).await?;
    let gemeenten = ronde_gemeenten(db, g, &r).await?;
    let mag = gemeenten
        .iter()
        .any(|rg| permissions::gemeente_schrijven(g, blad(&r, rg)).is_some());
    if mag {
        Ok(r)
    } else {
        Err(AppError::GeenToegang)
    }
}

/// The round to import into: for a user only when they may import (see [`mag_importeren`]);
/// the command line may import into any round.
pub(super) async fn importronde(
    db: &Db,
    g: Option<&Gebruiker>,
    ronde_id: RondeId,
) -> AppResult<Ronde> {
    match g {
        Some(g) => mag_importeren(db, g, ronde_id).await,
        None => repo::ronde(db, &permissions::systeem().regio_inzage(), ronde_id)
            .await?
            .ok_or(AppError::NietGevonden("De scanronde")),
    }
}

/// The round's gemeenten for an import (the command line sees every round).
pub(super) async fn importgemeenten(
    db: &Db,
    g: Option<&Gebruiker>,
    r: &Ronde,
) -> AppResult<Vec<RondeGemeente>> {
    if let Some(g) = g {
        ronde_gemeenten(db, g, r).await
    } else {
        let s = permissions::systeem().regio_inzage();
        Ok(repo::ronde_gemeenten(db, &s, r.id).await?)
    }
}

/// The write scope of an import for one gemeente: the user's, or the command line's.
pub(super) fn importblad(
    g: Option<&Gebruiker>,
    r: &Ronde,
    rg: &RondeGemeente,
) -> Option<permissions::GemeenteSchrijven> {
    match g {
        Some(g) => permissions::gemeente_schrijven(g, blad(r, rg)),
        None => Some(permissions::systeem().gemeente_schrijven(r.id, rg.gemeente_id)),
    }
}

/// What an import changes for one gemeente (shown before it is applied).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ImportGemeenteVoorstel {
    pub gemeente_id: OrganisatieId,
    pub code: String,
    pub naam: String,
    pub antwoorden: Vec<VraagAntwoord>,
    pub telling: model::Wijzigingen,
}

/// A checked import, waiting for confirmation (web) or applied at once (CLI).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ImportVoorstel {
    pub ronde_id: RondeId,
    pub gemeenten: Vec<ImportGemeenteVoorstel>,
}

impl ImportVoorstel {
    /// Whether applying it would change anything.
    pub fn verandert_iets(&self) -> bool {
        self.gemeenten.iter().any(|g| g.telling.verandert_iets())
    }
}

/// Reads and checks an uploaded workbook and works out what it would change, per gemeente.
/// Nothing is written. Sheets of gemeenten the user may not change are skipped when unchanged
/// (they come along in the user's own export) and refused when changed.
pub async fn excel_voorstel(
    db: &Db,
    g: Option<&Gebruiker>,
    ronde_id: RondeId,
    bytes: Vec<u8>,
) -> AppResult<ImportVoorstel> {
    let r = importronde(db, g, ronde_id).await?;
    let v = vragenlijst(db, &r.vragenlijst_versie).await?;
    let deelnemers = importgemeenten(db, g, &r).await?;
    let paren: Vec<(String, String)> = deelnemers
        .iter()
        .map(|d| (d.code.clone(), d.naam.clone()))
        .collect();
    // Parsing is CPU work of up to a second on a bounded file: off the async workers, and
    // never more than two at once.
    let _beurt = EXCEL_PARSERS
        .acquire()
        .await
        .map_err(|e| anyhow::anyhow!("excel-parser: {e}"))?;
    let bladen =
        tokio::task::spawn_blocking(move || excel::import_xlsx(&bytes, r.id.0, &v, &paren))
            .await
            .map_err(|e| anyhow::anyhow!("excel-import: {e}"))?
            .map_err(|fouten| {
                AppError::Validatie(
                    fouten
                        .iter()
                        .map(|f| Veldfout::new("bestand", f.to_string()))
                        .collect(),
                )
            })?;
    if bladen.is_empty() {
        return Err(AppError::validatie(
            "bestand",
            "Het bestand bevat geen tabblad van een deelnemende gemeente.",
        ));
    }
    // The stored answers the user can see (the command line sees all): to count what changes,
    // and to recognise unchanged sheets of other gemeenten.
    let opgeslagen_rijen = if let Some(g) = g {
        repo::antwoorden_zichtbaar(db, &ZelfscanScope::voor(g, &r.regio_code), r.id).await?
    } else {
        let s = permissions::systeem().regio_inzage();
        repo::antwoorden_voor_aggregaat(db, &s, r.id).await?
    };
    let mut opgeslagen: BTreeMap<(OrganisatieId, u16), VraagAntwoord> = BTreeMap::new();
    for (gid, a) in opgeslagen_rijen {
        opgeslagen.insert((gid, a.vraag), a);
    }
    let mut voorstel = ImportVoorstel {
        ronde_id: r.id,
        gemeenten: Vec::new(),
    };
    let mut fouten = Vec::new();
    for blad in bladen {
        let Some(rg) = deelnemers.iter().find(|d| d.code == blad.code) else {
            continue;
        };
        let telling = model::Wijzigingen::tel(
            blad.antwoorden
                .iter()
                .map(|a| (opgeslagen.get(&(rg.gemeente_id, a.vraag)), a)),
        );
        if importblad(g, &r, rg).is_none() {
            if telling.verandert_iets() {
                fouten.push(Veldfout::new(
                    "bestand",
                    format!("Het tabblad van {} bevat wijzigingen, maar u mag de antwoorden van deze gemeente niet wijzigen.", rg.naam),
                ));
            }
            continue;
        }
        voorstel.gemeenten.push(ImportGemeenteVoorstel {
            gemeente_id: rg.gemeente_id,
            code: rg.code.clone(),
            naam: rg.naam.clone(),
            antwoorden: blad.antwoorden,
            telling,
        });
    }
    if !fouten.is_empty() {
        return Err(AppError::Validatie(fouten));
    }
    Ok(voorstel)
}

/// Applies a checked import in one transaction. The permissions are checked again: they may
/// have changed since the proposal was made.
pub async fn excel_toepassen(
    db: &Db,
    g: Option<&Gebruiker>,
    voorstel: &ImportVoorstel,
) -> AppResult<usize> {
    let r = importronde(db, g, voorstel.ronde_id).await?;
    let deelnemers = importgemeenten(db, g, &r).await?;
    let mut scopes = Vec::with_capacity(voorstel.gemeenten.len());
    for gv in &voorstel.gemeenten {
        let scope = deelnemers
            .iter()
            .find(|d| d.gemeente_id == gv.gemeente_id)
            .and_then(|rg| importblad(g, &r, rg))
            .ok_or(AppError::GeenToegang)?;
        scopes.push(scope);
    }
    let actor = g.map_or_else(Actor::cli, Actor::from);
    let mut tx = crate::db::begin(db).await?;
    for (gv, scope) in voorstel.gemeenten.iter().zip(&scopes) {
        repo::antwoorden_opslaan(&mut tx, scope, g.map(|g| g.id), &gv.antwoorden).await?;
        audit::schrijf(
            &mut tx,
            &actor,
            AuditEvent::AntwoordenOpgeslagen {
                ronde: r.id,
                gemeente: gv.code.clone(),
                aantal: gv.antwoorden.len(),
            },
        )
        .await?;
    }
    audit::schrijf(
        &mut tx,
        &actor,
        AuditEvent::ExcelGeimporteerd {
            ronde: r.id,
            gemeenten: voorstel.gemeenten.len(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(voorstel.gemeenten.len())
}

/// Checks and applies at once (the command line).
pub async fn excel_import(
    db: &Db,
    g: Option<&Gebruiker>,
    ronde_id: RondeId,
    bytes: Vec<u8>,
) -> AppResult<usize> {
    let voorstel = excel_voorstel(db, g, ronde_id, bytes).await?;
    excel_toepassen(db, g, &voorstel).await
}
