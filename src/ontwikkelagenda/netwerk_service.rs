//! Use cases of the regional network's own year: who may read and write, the transactions and
//! their audit events. An action of a meeting's besluitenlijst is written as a stap vooruit of
//! the region's SWOT session in the same transaction.

use super::model::Agenda;
use super::netwerk::{
    self, BesluitInvoer, Bijeenkomst, BijeenkomstInvoer, Evaluatie, NieuwBesluit, Werkplan,
    WerkplanStatus,
};
use super::netwerken::{Netwerken, Regiojaar};
use super::service::{
    actieve_organisaties, agenda_van, agenda_van_sessies, geschreven, jaar_uit, lezen, schrijven,
};
use super::{netwerk_repo as repo, repo as swot_repo};
use crate::audit::{self, Actor, AuditEvent};
use crate::auth::Gebruiker;
use crate::auth::permissions::{self, SwotSchrijven};
use crate::db::Db;
use crate::error::{AppError, AppResult, Veldfout};
use crate::gedeeld::{OrganisatieId, RegioCode};
use crate::organisatie::model::Organisatie;
use serde::Serialize;

/// What a region's network-year page shows.
pub struct Netwerkblad {
    pub regio: RegioCode,
    pub jaar: i64,
    /// The agenda of the year (speerpunten and actions refer to its verbeteractiviteiten).
    pub agenda: Agenda,
    pub werkplan: Option<Werkplan>,
    pub bijeenkomsten: Vec<Bijeenkomst>,
    /// Every self-evaluation of the region, oldest first.
    pub evaluaties: Vec<Evaluatie>,
    /// Whether the region has a SWOT session this year (actions become its stappen vooruit).
    pub sessie: bool,
    pub organisaties: Vec<Organisatie>,
    pub schrijven: Option<SwotSchrijven>,
}

impl Netwerkblad {
    pub fn evaluatie(&self, jaar: i64) -> Option<&Evaluatie> {
        self.evaluaties.iter().find(|e| e.jaar == jaar)
    }
}

pub async fn netwerkblad(
    db: &Db,
    g: &Gebruiker,
    regio: &RegioCode,
    jaar: i64,
) -> AppResult<Netwerkblad> {
    let l = lezen(g)?;
    let jaar = jaar_uit(jaar)?;
    let sessie = swot_repo::sessie(db, &l, regio, jaar).await?;
    let agenda = agenda_van(db, sessie.as_ref().map(|s| s.agenda_versie.as_str()), jaar).await?;
    Ok(Netwerkblad {
        regio: *regio,
        jaar,
        agenda,
        werkplan: repo::werkplan(db, &l, regio, jaar).await?,
        bijeenkomsten: repo::bijeenkomsten(db, &l, regio, jaar).await?,
        evaluaties: repo::evaluaties(db, &l, regio).await?,
        sessie: sessie.is_some(),
        organisaties: actieve_organisaties(db, regio).await?,
        schrijven: permissions::swot_schrijven(g, regio),
    })
}

/// One meeting of the region, with the page's context.
pub async fn bijeenkomst(
    db: &Db,
    g: &Gebruiker,
    regio: &RegioCode,
    jaar: i64,
    id: i64,
) -> AppResult<(Netwerkblad, Bijeenkomst)> {
    let blad = netwerkblad(db, g, regio, jaar).await?;
    let b = blad
        .bijeenkomsten
        .iter()
        .find(|b| b.id == id)
        .cloned()
        .ok_or(AppError::NietGevonden("Deze netwerkbijeenkomst"))?;
    Ok((blad, b))
}

/// One write of the region's network year and its audit event.
async fn vastleggen(
    db: &Db,
    g: &Gebruiker,
    (regio, jaar): (&RegioCode, i64),
    wat: &'static str,
    schrijf: impl AsyncFnOnce(&mut crate::db::Tx<'_>) -> AppResult<i64>,
) -> AppResult<i64> {
    let regio = *regio;
    geschreven(db, g, schrijf, |id| AuditEvent::NetwerkjaarGewijzigd {
        regio,
        jaar,
        wat,
        id,
    })
    .await
}

/// The writer's scope, the year checked, and the region's active organisations.
async fn doel(
    db: &Db,
    g: &Gebruiker,
    regio: &RegioCode,
    jaar: i64,
) -> AppResult<(SwotSchrijven, i64, Vec<OrganisatieId>)> {
    let scope = schrijven(g, regio)?;
    let jaar = jaar_uit(jaar)?;
    let orgs = actieve_organisaties(db, regio)
        .await?
        .iter()
        .map(|o| o.id)
        .collect();
    Ok((scope, jaar, orgs))
}

/// The werkplan of the year, which must exist and (for changes to it) not be vastgesteld.
async fn bestaand_werkplan(
    db: &Db,
    g: &Gebruiker,
    regio: &RegioCode,
    jaar: i64,
    wijzigbaar: bool,
) -> AppResult<Werkplan> {
    let w = repo::werkplan(db, &lezen(g)?, regio, jaar)
        .await?
        .ok_or_else(|| {
            AppError::Conflict(
                "Schrijf eerst het werkplan van dit jaar; de speerpunten en bijeenkomsten horen erbij."
                    .into(),
            )
        })?;
    if wijzigbaar && w.status == WerkplanStatus::Vastgesteld {
        return Err(vastgesteld());
    }
    Ok(w)
}

/// Writes the werkplan's chapters and chair (creating it as a concept).
pub async fn werkplan_opslaan(
    db: &Db,
    g: &Gebruiker,
    regio: &RegioCode,
    jaar: i64,
    paren: &[(String, String)],
) -> AppResult<i64> {
    let (scope, jaar, orgs) = doel(db, g, regio, jaar).await?;
    if let Some(w) = repo::werkplan(db, &lezen(g)?, regio, jaar).await?
        && w.status == WerkplanStatus::Vastgesteld
    {
        return Err(vastgesteld());
    }
    let gegevens = netwerk::werkplan_lezen(paren, &orgs).map_err(AppError::Validatie)?;
    vastleggen(db, g, (regio, jaar), "werkplan", async |tx| {
        Ok(repo::werkplan_zetten(tx, &scope, jaar, &gegevens).await?)
    })
    .await
}

/// Moves the werkplan to status `naar` (a code): vastgesteld when it is complete, back to
/// concept by a regiocoördinator.
pub async fn werkplan_status(
    db: &Db,
    g: &Gebruiker,
    regio: &RegioCode,
    jaar: i64,
    naar: &str,
) -> AppResult<WerkplanStatus> {
    let (scope, jaar, _) = doel(db, g, regio, jaar).await?;
    let w = bestaand_werkplan(db, g, regio, jaar, false).await?;
    let naar = WerkplanStatus::parse(naar)
        .ok_or_else(|| AppError::validatie("status", "Kies concept of vastgesteld."))?;
    match naar {
        WerkplanStatus::Vastgesteld => {
            netwerk::vaststelbaar(&w).map_err(|m| AppError::validatie("status", &m))?;
        }
        WerkplanStatus::Concept if !scope.coordinator() => {
            return Err(AppError::Geweigerd(
                "Alleen een regiocoördinator heropent een vastgesteld werkplan.".into(),
            ));
        }
        WerkplanStatus::Concept => {}
    }
    vastleggen(db, g, (regio, jaar), "werkplan_status", async |tx| {
        repo::werkplan_status(tx, &scope, w.id, naar).await?;
        Ok(w.id)
    })
    .await?;
    Ok(naar)
}

/// Adds a speerpunt with its thematrekkers to the werkplan, or changes speerpunt `id`.
pub async fn speerpunt_opslaan(
    db: &Db,
    g: &Gebruiker,
    regio: &RegioCode,
    jaar: i64,
    id: Option<i64>,
    paren: &[(String, String)],
) -> AppResult<i64> {
    let (scope, jaar, orgs) = doel(db, g, regio, jaar).await?;
    let w = bestaand_werkplan(db, g, regio, jaar, true).await?;
    if let Some(id) = id
        && w.speerpunt(id).is_none()
    {
        return Err(AppError::NietGevonden("Dit speerpunt"));
    }
    let agenda = netwerkblad_agenda(db, g, regio, jaar).await?;
    let n = netwerk::speerpunt_lezen(paren, &agenda.verbeteractiviteiten, &orgs)
        .map_err(AppError::Validatie)?;
    if w.speerpunten
        .iter()
        .any(|s| Some(s.id) != id && s.titel.eq_ignore_ascii_case(&n.titel))
    {
        return Err(AppError::validatie(
            "titel",
            "Het werkplan heeft al een speerpunt met deze titel.",
        ));
    }
    vastleggen(db, g, (regio, jaar), "speerpunt", async |tx| {
        Ok(repo::speerpunt_zetten(tx, &scope, w.id, id, &n).await?)
    })
    .await
}

async fn netwerkblad_agenda(
    db: &Db,
    g: &Gebruiker,
    regio: &RegioCode,
    jaar: i64,
) -> AppResult<Agenda> {
    let sessie = swot_repo::sessie(db, &lezen(g)?, regio, jaar).await?;
    agenda_van(db, sessie.as_ref().map(|s| s.agenda_versie.as_str()), jaar).await
}

/// Plans a network meeting, or changes meeting `id` (its preparation, status and report).
pub async fn bijeenkomst_opslaan(
    db: &Db,
    g: &Gebruiker,
    regio: &RegioCode,
    jaar: i64,
    id: Option<i64>,
    invoer: &BijeenkomstInvoer,
) -> AppResult<i64> {
    let (scope, jaar, _) = doel(db, g, regio, jaar).await?;
    let w = bestaand_werkplan(db, g, regio, jaar, false).await?;
    if let Some(id) = id
        && repo::bijeenkomst(db, &lezen(g)?, regio, jaar, id)
            .await?
            .is_none()
    {
        return Err(AppError::NietGevonden("Deze netwerkbijeenkomst"));
    }
    let speerpunten: Vec<i64> = w.speerpunten.iter().map(|s| s.id).collect();
    if speerpunten.is_empty() {
        return Err(AppError::validatie(
            "speerpunt",
            "Leg eerst de speerpunten van het werkplan vast: elke bijeenkomst heeft er één als thema.",
        ));
    }
    let n = invoer
        .lezen(jaar, &speerpunten)
        .map_err(AppError::Validatie)?;
    vastleggen(db, g, (regio, jaar), "bijeenkomst", async |tx| {
        Ok(repo::bijeenkomst_zetten(tx, &scope, jaar, id, &n).await?)
    })
    .await
}

/// Adds a line to meeting `id`'s besluitenlijst. An action becomes a stap vooruit of the
/// region's SWOT session of the year, in the same transaction; the step's id is returned.
pub async fn besluit_toevoegen(
    db: &Db,
    g: &Gebruiker,
    regio: &RegioCode,
    jaar: i64,
    id: i64,
    invoer: &BesluitInvoer,
) -> AppResult<Option<i64>> {
    let (scope, jaar, orgs) = doel(db, g, regio, jaar).await?;
    let l = lezen(g)?;
    if repo::bijeenkomst(db, &l, regio, jaar, id).await?.is_none() {
        return Err(AppError::NietGevonden("Deze netwerkbijeenkomst"));
    }
    let sessie = swot_repo::sessie(db, &l, regio, jaar).await?;
    let agenda = agenda_van(db, sessie.as_ref().map(|s| s.agenda_versie.as_str()), jaar).await?;
    let besluit = invoer
        .lezen(&agenda.verbeteractiviteiten, &orgs)
        .map_err(AppError::Validatie)?;
    let actor = Actor::from(g);
    let mut tx = crate::db::begin(db).await?;
    let (tekst, stap) = match &besluit {
        NieuwBesluit::Besluit(t) => (t.as_str(), None),
        NieuwBesluit::Actie(stap) => {
            let Some(sessie) = &sessie else {
                return Err(AppError::Validatie(vec![Veldfout::new(
                    "besluit-soort",
                    format!(
                        "De regio heeft voor {jaar} nog geen SWOT-sessie. Open die eerst: acties uit de besluitenlijst worden stappen vooruit van die sessie. Een besluit zonder actie kan wel."
                    ),
                )]));
            };
            let stap_id = swot_repo::stap_zetten(&mut tx, &scope, sessie.id, None, stap).await?;
            audit::schrijf(
                &mut tx,
                &actor,
                AuditEvent::SwotGewijzigd {
                    regio: *regio,
                    jaar,
                    wat: "stap",
                    id: stap_id,
                },
            )
            .await?;
            (stap.omschrijving.as_str(), Some(stap_id))
        }
    };
    let besluit_id = repo::besluit_toevoegen(&mut tx, &scope, id, tekst, stap).await?;
    audit::schrijf(
        &mut tx,
        &actor,
        AuditEvent::NetwerkjaarGewijzigd {
            regio: *regio,
            jaar,
            wat: "besluit",
            id: besluit_id,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(stap)
}

/// Writes the region's self-evaluation of `jaar` (a year that has begun).
pub async fn evaluatie_opslaan(
    db: &Db,
    g: &Gebruiker,
    regio: &RegioCode,
    jaar: i64,
    paren: &[(String, String)],
) -> AppResult<i64> {
    let (scope, jaar, _) = doel(db, g, regio, jaar).await?;
    let dit_jaar = i64::from(crate::db::dit_jaar());
    if jaar > dit_jaar {
        return Err(AppError::validatie(
            "datum",
            "Een jaar dat nog niet begonnen is, kan niet worden geëvalueerd.",
        ));
    }
    let e = netwerk::evaluatie_lezen(paren, jaar).map_err(AppError::Validatie)?;
    vastleggen(db, g, (regio, jaar), "evaluatie", async |tx| {
        Ok(repo::evaluatie_zetten(tx, &scope, jaar, &e).await?)
    })
    .await
}

/// The refusal to change a werkplan that is vastgesteld.
fn vastgesteld() -> AppError {
    AppError::Conflict(
        "Het werkplan is vastgesteld; een regiocoördinator kan het heropenen om het te wijzigen."
            .into(),
    )
}

/// The werkplan laid out for the PDF (`templates/rapport/werkplan.typ`): the four chapters,
/// the speerpunten with their thematrekkers, and the year's meetings as the vergaderschema.
#[derive(Debug, Serialize)]
struct WerkplanPdf {
    titel: String,
    status: String,
    voorzitter: String,
    hoofdstukken: Vec<[String; 2]>,
    /// Speerpunt, verbeteractiviteit, thematrekkers.
    speerpunten: Vec<[String; 3]>,
    /// Date, speerpunt, status.
    bijeenkomsten: Vec<[String; 3]>,
    voetnoot: &'static str,
}

/// The region's werkplan of `jaar` as a PDF, with its file name.
pub async fn werkplan_pdf(
    db: &Db,
    g: &Gebruiker,
    regio: &RegioCode,
    jaar: i64,
) -> AppResult<(String, Vec<u8>)> {
    let b = netwerkblad(db, g, regio, jaar).await?;
    let w = b
        .werkplan
        .as_ref()
        .ok_or(AppError::NietGevonden("Het werkplan van dit jaar"))?;
    let v = WerkplanPdf {
        titel: format!(
            "Werkplan Regionaal Netwerk Zorg en Straf {} {jaar}",
            regio.naam()
        ),
        status: format!(
            "{} sinds {}",
            w.status.label(),
            crate::web::datum_nl(&w.status_op)
        ),
        voorzitter: w
            .voorzitter
            .as_ref()
            .map_or_else(|| "nog niet gekozen".into(), |(_, naam)| naam.clone()),
        hoofdstukken: netwerk::HOOFDSTUKKEN
            .iter()
            .zip(&w.hoofdstukken)
            .map(|((_, titel, _), tekst)| {
                let tekst = if tekst.trim().is_empty() {
                    "Nog niet geschreven.".to_string()
                } else {
                    tekst.clone()
                };
                [(*titel).to_string(), tekst]
            })
            .collect(),
        speerpunten: w
            .speerpunten
            .iter()
            .map(|s| {
                // As on the overview: a code of another agenda version keeps its code.
                let thema = match b.agenda.verbeteractiviteit(&s.verbeteractiviteit) {
                    Some(v) => v.naam.clone(),
                    None if s.verbeteractiviteit.is_empty() => "eigen regionaal thema".into(),
                    None => s.verbeteractiviteit.clone(),
                };
                let trekkers = s
                    .trekkers
                    .iter()
                    .map(|t| {
                        if t.functie.is_empty() {
                            t.organisatie.clone()
                        } else {
                            format!("{} ({})", t.organisatie, t.functie)
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("; ");
                [s.titel.clone(), thema, trekkers]
            })
            .collect(),
        bijeenkomsten: b
            .bijeenkomsten
            .iter()
            .map(|m| {
                [
                    crate::web::datum_nl(&m.datum),
                    m.speerpunt.clone(),
                    m.status.label().to_string(),
                ]
            })
            .collect(),
        voetnoot: "Gemaakt met Voorop. Het werkplan bevat geen persoonsgegevens: deelnemers, voorzitter en thematrekkers staan op naam van hun organisatie.",
    };
    let pdf =
        crate::rapport::pdf::op_achtergrond(move || crate::rapport::pdf::werkplan_pdf(&v)).await?;
    Ok((format!("werkplan-{regio}-{jaar}.pdf"), pdf))
}

/// The national overview of `jaar`'s network years: every region's werkplan, meetings,
/// actions and self-evaluation (beside last year's), on the agenda most of the year's SWOT
/// sessions were held on, which is where the speerpunten took their verbeteractiviteit from.
pub async fn netwerken(db: &Db, g: &Gebruiker, jaar: i64) -> AppResult<Netwerken> {
    // The same for every reader, and some hundreds of rows from a dozen tables: kept per
    // instance while the Ontwikkelagenda and the organisations are unchanged (`db::geheugen`,
    // migration 0045).
    use crate::db::geheugen::{Geheugen, Onderwerp};
    static OVERZICHTEN: Geheugen<i64, Netwerken> =
        Geheugen::nieuw(&[Onderwerp::Ontwikkelagenda, Onderwerp::Organisaties]);
    let l = lezen(g)?;
    let jaar = jaar_uit(jaar)?;
    let stand = crate::db::geheugen::stand(db).await?;
    let n = OVERZICHTEN
        .of_lezen(&stand, &jaar, netwerken_lezen(db, l, jaar))
        .await?;
    Ok(Netwerken::clone(&n))
}

async fn netwerken_lezen(
    db: &Db,
    l: crate::auth::permissions::OntwikkelagendaLezen,
    jaar: i64,
) -> AppResult<Netwerken> {
    let versies = swot_repo::agenda_versies(db, &l, jaar).await?;
    let agenda = agenda_van_sessies(db, versies.iter().map(String::as_str), jaar).await?;
    // Every region's werkplan, meetings and evaluations in a few statements, not per region.
    let mut werkplannen = repo::werkplannen(db, &l, None, jaar).await?;
    let mut bijeenkomsten = repo::bijeenkomsten_van(db, &l, None, jaar).await?;
    let evaluaties = repo::evaluaties_van(db, &l, None, jaar - 1).await?;
    let jaren: Vec<Regiojaar> = RegioCode::alle()
        .map(|regio| {
            let van = |j: i64| {
                evaluaties
                    .iter()
                    .find(|e| e.regio == regio && e.jaar == j)
                    .cloned()
            };
            Regiojaar {
                regio,
                werkplan: werkplannen
                    .iter()
                    .position(|w| w.regio == regio)
                    .map(|i| werkplannen.swap_remove(i)),
                bijeenkomsten: bijeenkomsten.extract_if(.., |b| b.regio == regio).collect(),
                evaluatie: van(jaar),
                vorige_evaluatie: van(jaar - 1),
            }
        })
        .collect();
    Ok(super::netwerken::overzicht(jaar, &agenda, &jaren))
}
