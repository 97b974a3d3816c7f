//! Ontwikkelagenda use cases: reading the catalogue (no personal data; everyone signed in), and
//! the regions' SWOT sessions: permissions, transactions with their audit events.

use super::model::Agenda;
use super::plan::{self, Kostenpost, Plan, PlanActiviteit};
use super::repo;
use super::sessie::{self, BordInvoer, Sessie, StapInvoer, VerslagStatus};
use crate::audit::{self, Actor, AuditEvent};
use crate::auth::Gebruiker;
use crate::auth::permissions::{
    self, OntwikkelagendaLezen, SwotSchrijven, UitvoeringsplanSchrijven,
};
use crate::db::Db;
use crate::error::{AppError, AppResult, Veldfout};
use crate::gedeeld::{OrganisatieId, RegioCode};
use crate::organisatie::model::Organisatie;

impl crate::referentiedata::Soort for Agenda {
    const TABEL: &'static str = "ontwikkelagenda_versie";
    const NAAM: &'static str = "ontwikkelagenda";
    const STANDAARD: &'static str = super::MEEGELEVERD[1].1;
    fn versie(&self) -> &str {
        &self.versie
    }
    fn titel(&self) -> &str {
        &self.titel
    }
    fn fouten(&self) -> Vec<String> {
        self.valideer()
    }
    fn geladen(versie: String) -> AuditEvent {
        AuditEvent::OntwikkelagendaGeladen { versie }
    }
}

/// Stores every shipped version that is not there yet, oldest first (so the newest is current).
pub async fn meegeleverd_laden(db: &Db) -> AppResult<()> {
    for (_, json) in super::MEEGELEVERD {
        crate::referentiedata::zorg_voor::<Agenda>(db, json).await?;
    }
    Ok(())
}

/// The current (last loaded) version of the agenda.
pub async fn huidige_agenda(db: &Db) -> AppResult<Agenda> {
    let versies = crate::referentiedata::versies::<Agenda>(db).await?;
    let Some(laatste) = versies.last() else {
        return Err(AppError::NietGevonden("De ontwikkelagenda"));
    };
    agenda(db, &laatste.versie).await
}

/// Version `versie` of the agenda.
pub async fn agenda(db: &Db, versie: &str) -> AppResult<Agenda> {
    crate::referentiedata::lezen::<Agenda>(db, versie)
        .await?
        .ok_or(AppError::NietGevonden("Deze versie van de ontwikkelagenda"))
}

// ---- SWOT sessions -----------------------------------------------------------------------------

pub(super) fn lezen(g: &Gebruiker) -> AppResult<OntwikkelagendaLezen> {
    permissions::ontwikkelagenda_lezen(g).ok_or(AppError::GeenToegang)
}

/// The first year a session can be about (the agenda started in 2018) and the last (next year:
/// a session in the autumn prepares it).
pub fn jaar_uit(jaar: i64) -> AppResult<i64> {
    let volgend = i64::from(crate::db::dit_jaar()) + 1;
    if (2018..=volgend).contains(&jaar) {
        Ok(jaar)
    } else {
        Err(AppError::validatie(
            "jaar",
            &format!("Kies een jaar van 2018 tot en met {volgend}."),
        ))
    }
}

/// The agenda version a new session of `jaar` is held on: the newest whose period starts in or
/// before that year (a 2020 session uses the agenda of 2019), else the oldest.
pub(super) async fn agenda_voor_jaar(db: &Db, jaar: i64) -> AppResult<Agenda> {
    let versies = crate::referentiedata::versies::<Agenda>(db).await?;
    let mut gekozen = None;
    for v in &versies {
        let a = agenda(db, &v.versie).await?;
        if a.periode.van.parse::<i64>().is_ok_and(|van| van <= jaar) || gekozen.is_none() {
            gekozen = Some(a);
        }
    }
    gekozen.ok_or(AppError::NietGevonden("De ontwikkelagenda"))
}

/// The agenda a session works with: the version it was opened with, or else the year's.
pub(super) async fn agenda_van(db: &Db, versie: Option<&str>, jaar: i64) -> AppResult<Agenda> {
    match versie {
        Some(v) => agenda(db, v).await,
        None => agenda_voor_jaar(db, jaar).await,
    }
}

/// What a region's session page shows.
pub struct Sessieblad {
    pub regio: RegioCode,
    pub jaar: i64,
    pub agenda: Agenda,
    pub sessie: Option<Sessie>,
    /// The region's session of the year before, to compare the board with.
    pub vorig: Option<Sessie>,
    /// The region's active organisations: participants and owners of steps are chosen here.
    pub organisaties: Vec<Organisatie>,
    /// Whether the user may write this session, and reopen it.
    pub schrijven: Option<SwotSchrijven>,
}

pub async fn sessieblad(
    db: &Db,
    g: &Gebruiker,
    regio: &RegioCode,
    jaar: i64,
) -> AppResult<Sessieblad> {
    let l = lezen(g)?;
    let jaar = jaar_uit(jaar)?;
    let sessie = repo::sessie(db, &l, regio, jaar).await?;
    let vorig = repo::sessie(db, &l, regio, jaar - 1).await?;
    let agenda = agenda_van(db, sessie.as_ref().map(|s| s.agenda_versie.as_str()), jaar).await?;
    Ok(Sessieblad {
        regio: *regio,
        jaar,
        agenda,
        sessie,
        vorig,
        organisaties: actieve_organisaties(db, regio).await?,
        schrijven: permissions::swot_schrijven(g, regio),
    })
}

pub(super) async fn actieve_organisaties(
    db: &Db,
    regio: &RegioCode,
) -> AppResult<Vec<Organisatie>> {
    let mut o = crate::organisatie::repo::van_regio(db, regio).await?;
    o.retain(|o| o.actief);
    Ok(o)
}

/// The sessions of `jaar`, of every region or of one.
pub async fn sessies(
    db: &Db,
    g: &Gebruiker,
    jaar: i64,
    regio: Option<&RegioCode>,
) -> AppResult<Vec<Sessie>> {
    Ok(repo::sessies(db, &lezen(g)?, jaar_uit(jaar)?, regio).await?)
}

/// Per year with sessions: (jaar, sessions, vastgesteld), newest first.
pub async fn jaren(db: &Db, g: &Gebruiker) -> AppResult<Vec<(i64, i64, i64)>> {
    Ok(repo::jaren(db, &lezen(g)?).await?)
}

pub(super) fn schrijven(g: &Gebruiker, regio: &RegioCode) -> AppResult<SwotSchrijven> {
    permissions::swot_schrijven(g, regio).ok_or_else(|| {
        AppError::Geweigerd(
            "Alleen de regiocoördinatoren en medewerkers van deze regio schrijven haar SWOT-sessie."
                .into(),
        )
    })
}

/// One write and its audit event (made from the written row's id), in one transaction.
pub(super) async fn geschreven(
    db: &Db,
    g: &Gebruiker,
    schrijf: impl AsyncFnOnce(&mut crate::db::Tx<'_>) -> AppResult<i64>,
    event: impl FnOnce(i64) -> AuditEvent,
) -> AppResult<i64> {
    let mut tx = crate::db::begin(db).await?;
    let id = schrijf(&mut tx).await?;
    audit::schrijf(&mut tx, &Actor::from(g), event(id)).await?;
    tx.commit().await?;
    Ok(id)
}

/// One write of a region's session of `jaar` and its audit event.
async fn vastleggen(
    db: &Db,
    g: &Gebruiker,
    (regio, jaar): (&RegioCode, i64),
    wat: &'static str,
    schrijf: impl AsyncFnOnce(&mut crate::db::Tx<'_>) -> AppResult<i64>,
) -> AppResult<i64> {
    let regio = *regio;
    geschreven(db, g, schrijf, |id| AuditEvent::SwotGewijzigd {
        regio,
        jaar,
        wat,
        id,
    })
    .await
}

/// The session to change, with the writer's scope, its agenda and the region's organisations.
struct Doel {
    scope: SwotSchrijven,
    sessie: Sessie,
    agenda: Agenda,
    organisaties: Vec<OrganisatieId>,
}

async fn doel(db: &Db, g: &Gebruiker, regio: &RegioCode, jaar: i64) -> AppResult<Doel> {
    let scope = schrijven(g, regio)?;
    let sessie = repo::sessie(db, &lezen(g)?, regio, jaar_uit(jaar)?)
        .await?
        .ok_or(AppError::NietGevonden("De SWOT-sessie"))?;
    Ok(Doel {
        scope,
        agenda: agenda(db, &sessie.agenda_versie).await?,
        organisaties: actieve_organisaties(db, regio)
            .await?
            .iter()
            .map(|o| o.id)
            .collect(),
        sessie,
    })
}

fn niet_vastgesteld(s: &Sessie) -> AppResult<()> {
    if s.bewerkbaar() {
        Ok(())
    } else {
        Err(AppError::Conflict(
            "Het verslag is vastgesteld; een regiocoördinator kan het heropenen.".into(),
        ))
    }
}

/// Opens the region's session of `jaar` with its date, participants and summary.
pub async fn openen(
    db: &Db,
    g: &Gebruiker,
    regio: &RegioCode,
    jaar: i64,
    paren: &[(String, String)],
) -> AppResult<i64> {
    let scope = schrijven(g, regio)?;
    let jaar = jaar_uit(jaar)?;
    let orgs: Vec<OrganisatieId> = actieve_organisaties(db, regio)
        .await?
        .iter()
        .map(|o| o.id)
        .collect();
    let gegevens = sessie::gegevens_lezen(paren, jaar, &orgs).map_err(AppError::Validatie)?;
    let agenda = agenda_voor_jaar(db, jaar).await?;
    vastleggen(db, g, (regio, jaar), "sessie", async |tx| {
        Ok(repo::openen(tx, &scope, jaar, &agenda.versie, &gegevens).await?)
    })
    .await
}

/// Changes the date, participants and summary.
pub async fn gegevens_opslaan(
    db: &Db,
    g: &Gebruiker,
    regio: &RegioCode,
    jaar: i64,
    paren: &[(String, String)],
) -> AppResult<()> {
    let d = doel(db, g, regio, jaar).await?;
    niet_vastgesteld(&d.sessie)?;
    let gegevens = sessie::gegevens_lezen(paren, d.sessie.jaar, &d.organisaties)
        .map_err(AppError::Validatie)?;
    vastleggen(db, g, (regio, jaar), "sessie", async |tx| {
        repo::gegevens_zetten(tx, &d.scope, d.sessie.id, &gegevens).await?;
        Ok(d.sessie.id)
    })
    .await?;
    Ok(())
}

/// Saves the board: every placement at once, refused if someone saved it in between.
pub async fn bord_opslaan(
    db: &Db,
    g: &Gebruiker,
    regio: &RegioCode,
    jaar: i64,
    paren: &[(String, String)],
) -> AppResult<usize> {
    let d = doel(db, g, regio, jaar).await?;
    niet_vastgesteld(&d.sessie)?;
    let invoer = BordInvoer::uit(paren, &d.agenda.verbeteractiviteiten);
    let (versie, plaatsingen) = invoer.lezen().map_err(AppError::Validatie)?;
    vastleggen(db, g, (regio, jaar), "bord", async |tx| {
        if repo::bord_zetten(tx, &d.scope, d.sessie.id, versie, &plaatsingen).await? {
            Ok(d.sessie.id)
        } else {
            Err(AppError::Validatie(vec![Veldfout::new(
                "bord",
                "Iemand anders heeft het bord intussen opgeslagen. Uw keuzes staan hieronder nog; vergelijk ze met de opgeslagen stand (laad de pagina opnieuw) en sla daarna opnieuw op.",
            )]))
        }
    })
    .await?;
    Ok(plaatsingen.len())
}

/// Adds a stap vooruit, or changes step `stap`. Steps keep their status up to date after the
/// verslag is vastgesteld: that is when the work on them happens.
pub async fn stap_opslaan(
    db: &Db,
    g: &Gebruiker,
    regio: &RegioCode,
    jaar: i64,
    stap: Option<i64>,
    invoer: &StapInvoer,
) -> AppResult<i64> {
    let d = doel(db, g, regio, jaar).await?;
    if let Some(id) = stap
        && !d.sessie.stappen.iter().any(|s| s.id == id)
    {
        return Err(AppError::NietGevonden("Deze stap"));
    }
    let n = invoer
        .lezen(&d.agenda.verbeteractiviteiten, &d.organisaties)
        .map_err(AppError::Validatie)?;
    vastleggen(db, g, (regio, jaar), "stap", async |tx| {
        Ok(repo::stap_zetten(tx, &d.scope, d.sessie.id, stap, &n).await?)
    })
    .await
}

/// Moves the opbrengstverslag to status `naar` (a code).
pub async fn status_zetten(
    db: &Db,
    g: &Gebruiker,
    regio: &RegioCode,
    jaar: i64,
    naar: &str,
) -> AppResult<VerslagStatus> {
    let d = doel(db, g, regio, jaar).await?;
    let naar = VerslagStatus::parse(naar).ok_or_else(|| {
        AppError::validatie("status", "Kies concept, ter reactie of vastgesteld.")
    })?;
    let ongeplaatst = d.sessie.ongeplaatst(&d.agenda.verbeteractiviteiten).len();
    sessie::overgang(d.sessie.status, naar, ongeplaatst, d.scope.coordinator())
        .map_err(|m| AppError::validatie("status", &m))?;
    vastleggen(db, g, (regio, jaar), "status", async |tx| {
        repo::status_zetten(tx, &d.scope, d.sessie.id, naar).await?;
        Ok(d.sessie.id)
    })
    .await?;
    Ok(naar)
}

/// A reactie of the writer's organisation on the verslag, while it is ter reactie.
pub async fn reactie_plaatsen(
    db: &Db,
    g: &Gebruiker,
    regio: &RegioCode,
    jaar: i64,
    tekst: &str,
) -> AppResult<()> {
    let d = doel(db, g, regio, jaar).await?;
    if d.sessie.status != VerslagStatus::TerReactie {
        return Err(AppError::validatie(
            "reactie",
            "Reageren kan zolang het verslag ter reactie ligt.",
        ));
    }
    let tekst = sessie::reactie_lezen(tekst).map_err(AppError::Validatie)?;
    vastleggen(db, g, (regio, jaar), "reactie", async |tx| {
        Ok(repo::reactie_plaatsen(tx, &d.scope, d.sessie.id, &tekst).await?)
    })
    .await?;
    Ok(())
}

/// The national synthesis of `jaar`'s sessions, against last year's, on the agenda most of
/// them were held on.
pub async fn synthese(db: &Db, g: &Gebruiker, jaar: i64) -> AppResult<super::synthese::Synthese> {
    let l = lezen(g)?;
    let jaar = jaar_uit(jaar)?;
    let nu = repo::sessies(db, &l, jaar, None).await?;
    let vorig = match jaar_uit(jaar - 1) {
        Ok(j) => repo::sessies(db, &l, j, None).await?,
        Err(_) => vec![],
    };
    let agenda = agenda_van_sessies(db, nu.iter().map(|s| s.agenda_versie.as_str()), jaar).await?;
    Ok(super::synthese::synthese(jaar, &agenda, &nu, &vorig))
}

/// The agenda most of a year's sessions (their `versies`) were held on (else the year's): what the national
/// views of that year name the verbeteractiviteiten after.
pub(super) async fn agenda_van_sessies<'a>(
    db: &Db,
    versies: impl IntoIterator<Item = &'a str>,
    jaar: i64,
) -> AppResult<Agenda> {
    let versie = super::synthese::meest_gebruikte_versie(versies);
    agenda_van(db, versie.as_deref(), jaar).await
}

// ---- Uitvoeringsplan ---------------------------------------------------------------------------

/// A regional stap vooruit that contributes to a national activity of the plan.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RegionaleStap {
    pub regio: &'static str,
    pub verbeteractiviteit: String,
    pub activiteit: String,
    pub omschrijving: String,
    pub status: sessie::StapStatus,
}

/// What the plan page shows.
pub struct Planblad {
    pub jaar: i64,
    pub plan: Option<Plan>,
    /// Whether last year has a plan to start from.
    pub vorig_bestaat: bool,
    pub schrijven: bool,
    /// The regions' stappen vooruit of this year linked to a national activity.
    pub regionaal: Vec<RegionaleStap>,
}

pub async fn planblad(db: &Db, g: &Gebruiker, jaar: i64) -> AppResult<Planblad> {
    let l = lezen(g)?;
    let jaar = jaar_uit(jaar)?;
    let plan = repo::plan(db, &l, jaar).await?;
    let vorig_bestaat = repo::planjaren(db, &l).await?.contains(&(jaar - 1));
    let regionaal = repo::sessies(db, &l, jaar, None)
        .await?
        .into_iter()
        .flat_map(|s| {
            let regio = crate::gedeeld::regio_naam(s.regio);
            s.stappen
                .into_iter()
                .filter(|st| !st.landelijke_activiteit.is_empty())
                .map(move |st| RegionaleStap {
                    regio,
                    verbeteractiviteit: st.verbeteractiviteit,
                    activiteit: st.landelijke_activiteit,
                    omschrijving: st.omschrijving,
                    status: st.status,
                })
        })
        .collect();
    Ok(Planblad {
        jaar,
        plan,
        vorig_bestaat,
        schrijven: permissions::uitvoeringsplan_schrijven(g).is_some(),
        regionaal,
    })
}

fn plan_schrijven(g: &Gebruiker) -> AppResult<UitvoeringsplanSchrijven> {
    permissions::uitvoeringsplan_schrijven(g).ok_or_else(|| {
        AppError::Geweigerd(
            "Het uitvoeringsplan schrijft het landelijk netwerk (de beheerder); u kunt het lezen."
                .into(),
        )
    })
}

/// The plan of `jaar` to change.
async fn bestaand_plan(
    db: &Db,
    g: &Gebruiker,
    jaar: i64,
) -> AppResult<(UitvoeringsplanSchrijven, Plan)> {
    let s = plan_schrijven(g)?;
    let plan = repo::plan(db, &lezen(g)?, jaar_uit(jaar)?)
        .await?
        .ok_or(AppError::NietGevonden("Het uitvoeringsplan van dit jaar"))?;
    Ok((s, plan))
}

async fn plan_geschreven(
    db: &Db,
    g: &Gebruiker,
    jaar: i64,
    wat: &'static str,
    schrijf: impl AsyncFnOnce(&mut crate::db::Tx<'_>) -> AppResult<i64>,
) -> AppResult<i64> {
    geschreven(db, g, schrijf, |id| AuditEvent::UitvoeringsplanGewijzigd {
        jaar,
        wat,
        id,
    })
    .await
}

/// Starts the plan of `jaar`: from last year's (`bron` "vorig": the learning loop) or from the
/// catalogue of the agenda of that year.
pub async fn plan_maken(db: &Db, g: &Gebruiker, jaar: i64, bron: &str) -> AppResult<()> {
    let s = plan_schrijven(g)?;
    let l = lezen(g)?;
    let jaar = jaar_uit(jaar)?;
    if repo::plan(db, &l, jaar).await?.is_some() {
        return Err(AppError::validatie(
            "bron",
            "Voor dit jaar bestaat al een uitvoeringsplan.",
        ));
    }
    let nieuw = match bron {
        "vorig" => {
            let vorig = repo::plan(db, &l, jaar - 1).await?.ok_or_else(|| {
                AppError::validatie(
                    "bron",
                    "Er is geen uitvoeringsplan van vorig jaar om op voort te bouwen.",
                )
            })?;
            plan::vervolg(&vorig, jaar)
        }
        "catalogus" => plan::uit_agenda(jaar, &agenda_voor_jaar(db, jaar).await?),
        _ => {
            return Err(AppError::validatie(
                "bron",
                "Kies: vanuit de catalogus of vanuit het plan van vorig jaar.",
            ));
        }
    };
    plan_geschreven(db, g, jaar, "plan", async |tx| {
        repo::plan_maken(tx, &s, &nieuw).await?;
        Ok(jaar)
    })
    .await?;
    Ok(())
}

/// Sets an activity's status, last update and months.
pub async fn plan_stand(
    db: &Db,
    g: &Gebruiker,
    jaar: i64,
    id: i64,
    i: &plan::StandInvoer,
) -> AppResult<()> {
    let (s, _) = bestaand_plan(db, g, jaar).await?;
    let (status, stand, maanden) = plan::stand_lezen(i).map_err(AppError::Validatie)?;
    plan_geschreven(db, g, jaar, "activiteit", async |tx| {
        if repo::plan_stand_zetten(tx, &s, (jaar, id), (status, &stand, &maanden)).await? {
            Ok(id)
        } else {
            Err(AppError::NietGevonden("Deze activiteit"))
        }
    })
    .await?;
    Ok(())
}

/// Sets a part's goal, what is going on and supervisor.
pub async fn plan_onderdeel(
    db: &Db,
    g: &Gebruiker,
    jaar: i64,
    va: &str,
    i: &plan::OnderdeelInvoer,
) -> AppResult<()> {
    let (s, p) = bestaand_plan(db, g, jaar).await?;
    let Some(nr) = p.onderdelen.iter().position(|o| o.code == va) else {
        return Err(AppError::NietGevonden("Deze verbeteractiviteit"));
    };
    let o = plan::onderdeel_lezen(i).map_err(AppError::Validatie)?;
    plan_geschreven(db, g, jaar, "onderdeel", async |tx| {
        repo::plan_onderdeel_zetten(tx, &s, (jaar, va), (&o.doel, &o.gaande, &o.supervisor))
            .await?;
        Ok(nr as i64)
    })
    .await?;
    Ok(())
}

/// Adds an activity (planned, no months yet) to a part.
pub async fn plan_activiteit(
    db: &Db,
    g: &Gebruiker,
    jaar: i64,
    i: &plan::RegelInvoer,
) -> AppResult<i64> {
    let (s, p) = bestaand_plan(db, g, jaar).await?;
    let (va, naam) = plan::regel_lezen(i, &p).map_err(AppError::Validatie)?;
    let bestaand: Vec<String> = p
        .onderdelen
        .iter()
        .filter(|o| o.code == va)
        .flat_map(|o| o.activiteiten.iter().map(|a| a.code.clone()))
        .collect();
    let a = PlanActiviteit {
        id: 0,
        code: plan::nieuwe_code(&naam, &bestaand),
        naam,
        maanden: vec![],
        status: sessie::StapStatus::Gepland,
        stand: String::new(),
        gewijzigd_op: String::new(),
    };
    plan_geschreven(db, g, jaar, "activiteit", async |tx| {
        Ok(repo::plan_activiteit_toevoegen(tx, &s, jaar, &va, &a).await?)
    })
    .await
}

/// Adds a cost item to a part.
pub async fn plan_kosten(
    db: &Db,
    g: &Gebruiker,
    jaar: i64,
    i: &plan::RegelInvoer,
) -> AppResult<i64> {
    let (s, p) = bestaand_plan(db, g, jaar).await?;
    let regel = plan::regel_lezen(i, &p);
    let kosten = plan::kosten_lezen(i);
    let ((va, omschrijving), (bedrag_euro, financier)) = match (regel, kosten) {
        (Ok(r), Ok(k)) => (r, k),
        (r, k) => {
            let mut f = r.err().unwrap_or_default();
            f.extend(k.err().unwrap_or_default());
            return Err(AppError::Validatie(f));
        }
    };
    let k = Kostenpost {
        id: 0,
        omschrijving,
        bedrag_euro,
        financier,
    };
    plan_geschreven(db, g, jaar, "kosten", async |tx| {
        Ok(repo::plan_kosten_toevoegen(tx, &s, jaar, &va, &k).await?)
    })
    .await
}

/// The yearly verantwoording of `jaar`: the sessions, the national plan and each region's
/// Werkset registrations of that year.
pub async fn verantwoording(
    db: &Db,
    g: &Gebruiker,
    jaar: i64,
) -> AppResult<super::verantwoording::Verantwoording> {
    use super::verantwoording::WerksetKern;
    let l = lezen(g)?;
    let jaar = jaar_uit(jaar)?;
    let sessies = repo::sessies(db, &l, jaar, None).await?;
    let plan = repo::plan(db, &l, jaar).await?;
    let mut werkset = vec![];
    for (code, _) in crate::gedeeld::REGIOS {
        let regio = RegioCode::parse(code).map_err(|m| AppError::validatie("regio", &m))?;
        let b = crate::werkset::service::registratieblad(db, g, &regio, &jaar.to_string()).await?;
        let kern = b.heeft_registraties().then(|| {
            let mut partners: Vec<(String, usize)> = vec![];
            for i in &b.inspanningen {
                for t in i.partners.split(',').filter(|t| !t.is_empty()) {
                    let naam = crate::werkset::model::partner_naam(t, &b.organisaties);
                    match partners.iter_mut().find(|(n, _)| *n == naam) {
                        Some((_, k)) => *k += 1,
                        None => partners.push((naam, 1)),
                    }
                }
            }
            partners.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            WerksetKern {
                fasen: b
                    .catalogus
                    .themas
                    .iter()
                    .filter_map(|t| {
                        b.fase(t.nummer)
                            .map(|f| (t.nummer, t.naam.clone(), f.label().to_string()))
                    })
                    .collect(),
                inspanningen: b.inspanningen.len(),
                waarden: b.waarden.len(),
                partners,
            }
        });
        werkset.push((code, kern));
    }
    let mut v = super::verantwoording::opstellen(jaar, &sessies, plan.as_ref(), &werkset);
    v.netwerk = super::netwerk_repo::netwerkjaren(db, &l, jaar)
        .await?
        .into_iter()
        .map(|(regio, werkplan, bijeenkomsten, acties)| {
            let werkplan = werkplan
                .as_deref()
                .and_then(super::netwerk::WerkplanStatus::parse)
                .map(|s| s.label().to_string());
            (
                regio.to_string(),
                super::verantwoording::Netwerkstand {
                    werkplan,
                    bijeenkomsten,
                    acties,
                },
            )
        })
        .collect();
    Ok(v)
}
