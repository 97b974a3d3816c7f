//! The opbrengstverslag of a SWOT session (seed 000, Bijlage): "de SWOT met het verslag waarin de
//! toelichting en de concrete stappen vooruit per regio". In the order of the werkvorm: the
//! session and who took part, how it worked, the SWOT, then per verbeteractiviteit its quadrant,
//! the explanation and the steps, and the feedback round. One read model for HTML and PDF.

use super::service;
use super::sessie::{Kwadrant, VerslagStatus};
use crate::auth::Gebruiker;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::gedeeld::RegioCode;
use crate::organisatie::model::regio_naam;
use crate::web::datum_nl;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Verslag {
    pub titel: String,
    pub regio: String,
    pub regio_code: String,
    pub jaar: i64,
    /// `dd-mm-jjjj`
    pub datum: String,
    pub status: String,
    pub vastgesteld: bool,
    pub status_op: String,
    pub agenda: String,
    pub deelnemers: Vec<VerslagDeelnemer>,
    pub samenvatting: String,
    /// The steps of the werkvorm, from the agenda.
    pub werkvorm: Vec<String>,
    pub kwadranten: Vec<VerslagKwadrant>,
    pub activiteiten: Vec<VerslagActiviteit>,
    pub reacties: Vec<VerslagReactie>,
    pub voetnoot: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct VerslagDeelnemer {
    pub organisatie: String,
    pub functies: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct VerslagKwadrant {
    pub label: String,
    /// Names of the verbeteractiviteiten placed here.
    pub activiteiten: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct VerslagActiviteit {
    pub nummer: String,
    pub naam: String,
    /// The quadrant's label, or "niet geplaatst".
    pub kwadrant: String,
    pub toelichting: String,
    pub stappen: Vec<VerslagStap>,
}

#[derive(Debug, Clone, Serialize)]
pub struct VerslagStap {
    pub omschrijving: String,
    pub eigenaar: String,
    pub streefdatum: String,
    pub status: String,
    /// The national activity it contributes to, by name, or "".
    pub landelijk: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct VerslagReactie {
    pub organisatie: String,
    pub datum: String,
    pub tekst: String,
}

/// The verslag of `regio`'s session of `jaar`; not found if none was held.
pub async fn verslag(db: &Db, g: &Gebruiker, regio: &RegioCode, jaar: i64) -> AppResult<Verslag> {
    let b = service::sessieblad(db, g, regio, jaar).await?;
    let s = b.sessie.ok_or(AppError::NietGevonden("De SWOT-sessie"))?;
    let agenda = &b.agenda;
    let kwadranten = Kwadrant::ALLE
        .iter()
        .map(|k| VerslagKwadrant {
            label: k.label().into(),
            activiteiten: agenda
                .verbeteractiviteiten
                .iter()
                .filter(|v| s.plaatsing(&v.code).is_some_and(|p| p.kwadrant == *k))
                .map(|v| v.naam.clone())
                .collect(),
        })
        .collect();
    let activiteiten = agenda
        .verbeteractiviteiten
        .iter()
        .map(|v| {
            let p = s.plaatsing(&v.code);
            VerslagActiviteit {
                nummer: v.nummer.clone(),
                naam: v.naam.clone(),
                kwadrant: p.map_or_else(|| "niet geplaatst".into(), |p| p.kwadrant.label().into()),
                toelichting: p.map(|p| p.toelichting.clone()).unwrap_or_default(),
                stappen: s
                    .stappen_van(&v.code)
                    .into_iter()
                    .map(|st| VerslagStap {
                        omschrijving: st.omschrijving.clone(),
                        eigenaar: st.eigenaar.clone(),
                        streefdatum: st.streefdatum.as_deref().map(datum_nl).unwrap_or_default(),
                        status: st.status.label().into(),
                        landelijk: v
                            .activiteiten
                            .iter()
                            .find(|a| a.code == st.landelijke_activiteit)
                            .map(|a| a.naam.clone())
                            .unwrap_or_default(),
                    })
                    .collect(),
            }
        })
        .collect();
    let naam = regio_naam(*regio);
    Ok(Verslag {
        titel: format!("Opbrengstverslag SWOT-sessie {naam} {jaar}"),
        regio: naam.into(),
        regio_code: regio.to_string(),
        jaar,
        datum: datum_nl(&s.datum),
        status: s.status.label().into(),
        vastgesteld: s.status == VerslagStatus::Vastgesteld,
        status_op: datum_nl(&s.status_op),
        agenda: agenda.titel.clone(),
        deelnemers: s
            .deelnemers
            .iter()
            .map(|d| VerslagDeelnemer {
                organisatie: d.organisatie.clone(),
                functies: d.functies.clone(),
            })
            .collect(),
        samenvatting: s.samenvatting.clone(),
        werkvorm: agenda.swot.stappen.clone(),
        kwadranten,
        activiteiten,
        reacties: s
            .reacties
            .iter()
            .map(|r| VerslagReactie {
                organisatie: r.organisatie.clone(),
                datum: datum_nl(&r.geplaatst_op),
                tekst: r.tekst.clone(),
            })
            .collect(),
        voetnoot: "Gemaakt met Voorop. Dit verslag bevat geen persoonsgegevens: deelnemers staan er als organisatie en functie in.".into(),
    })
}

/// The verslag as PDF, with its file name.
pub async fn pdf(
    db: &Db,
    g: &Gebruiker,
    regio: &RegioCode,
    jaar: i64,
) -> AppResult<(String, Vec<u8>)> {
    let v = verslag(db, g, regio, jaar).await?;
    let pdf =
        crate::rapport::pdf::op_achtergrond(move || crate::rapport::pdf::swot_verslag_pdf(&v))
            .await?;
    Ok((format!("swot-verslag-{regio}-{jaar}.pdf"), pdf))
}
