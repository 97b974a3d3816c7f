//! Zelfscan use cases: every function checks permissions, runs its writes in one transaction
//! together with the audit event, and returns read models for pages, API and exports.

use super::excel;
use super::model::{self, Doel, StandaardScore, VraagAntwoord, Vragenlijst, Zichtbaarheid};
use super::model::{Ronde, RondeGemeente};
use super::repo;
use crate::audit::{self, Actor, AuditEvent};
use crate::auth::Gebruiker;
use crate::auth::permissions::{self, BladIn, RegioInzage, ZelfscanScope};
use crate::db::Db;
use crate::db::geheugen::{Geheugen, Onderwerp, Stand};
use crate::error::{AppError, AppResult, Veldfout};
use crate::gedeeld::RegioCode;
use crate::gedeeld::{OrganisatieId, RondeId};
use std::collections::BTreeMap;

mod deelnemers;
mod rad;
mod uitwisseling;
mod vergelijking;

pub use deelnemers::*;
pub use rad::*;
pub use uitwisseling::*;
pub use vergelijking::*;

pub const STANDAARD_VRAGENLIJST: &str =
    include_str!("../../../data/zelfscan/kwaliteitskader-2019-v1.json");

/// The shipped default questionnaire (validated by a unit test).
pub fn standaard_vragenlijst() -> Vragenlijst {
    static V: std::sync::LazyLock<Vragenlijst> = std::sync::LazyLock::new(|| {
        serde_json::from_str(STANDAARD_VRAGENLIJST)
            .expect("data/zelfscan/kwaliteitskader-2019-v1.json is valid")
    });
    V.clone()
}

/// The regional aggregate is shown to a viewer only when it hides no gemeente from them, or
/// at least this many. With one or two hidden gemeenten, the total minus the gemeenten the
/// viewer does see gives the hidden one's exact figures (or the pair's): subtraction would
/// break the "aggregaat" promise. The same holds for the "x van y gemeenten" statements.
pub const MIN_AGGREGAAT: usize = 3;

impl crate::referentiedata::Soort for Vragenlijst {
    const TABEL: &'static str = "vragenlijst";
    const NAAM: &'static str = "vragenlijst";
    const STANDAARD: &'static str = STANDAARD_VRAGENLIJST;
    fn versie(&self) -> &str {
        &self.versie
    }
    fn titel(&self) -> &str {
        &self.titel
    }
    fn fouten(&self) -> Vec<String> {
        model::valideer_vragenlijst(self)
    }
    fn geladen(versie: String) -> AuditEvent {
        AuditEvent::VragenlijstGeladen { versie }
    }
}

pub async fn vragenlijst(db: &Db, versie: &str) -> AppResult<Vragenlijst> {
    // Parsed once per instance while the Zelfscan tables are unchanged (`db::geheugen`).
    static VRAGENLIJSTEN: Geheugen<String, Vragenlijst> = Geheugen::nieuw(ZELFSCAN);
    let stand = crate::db::geheugen::stand(db).await?;
    let v = VRAGENLIJSTEN
        .of_lezen(&stand, &versie.to_string(), async {
            crate::referentiedata::lezen::<Vragenlijst>(db, versie)
                .await?
                .ok_or(AppError::NietGevonden("De vragenlijst"))
        })
        .await?;
    Ok(Vragenlijst::clone(&v))
}

const ZELFSCAN: &[Onderwerp] = &[Onderwerp::Zelfscan];

type Antwoorden = Vec<(OrganisatieId, VraagAntwoord)>;

/// A round's answer set as `lezen` reads it, kept per instance while the Zelfscan tables are
/// unchanged (the results page reads every answer of the round on each view). `sleutel` holds
/// every parameter of the query, so a kept set is exactly what the query returns now. A round's
/// answers are up to a few hundred kB: each kind keeps at most 64 sets.
async fn bewaarde_antwoorden<K: Eq + std::hash::Hash + Clone>(
    geheugen: &Geheugen<K, Antwoorden>,
    stand: &Stand,
    sleutel: K,
    lezen: impl Future<Output = sqlx::Result<Antwoorden>>,
) -> AppResult<Antwoorden> {
    let a = geheugen
        .of_lezen(stand, &sleutel, async { AppResult::Ok(lezen.await?) })
        .await?;
    Ok(a.to_vec())
}

/// `repo::antwoorden_zichtbaar`, kept.
async fn antwoorden_zichtbaar(
    db: &Db,
    stand: &Stand,
    scope: &ZelfscanScope,
    ronde: RondeId,
) -> AppResult<Antwoorden> {
    static ZICHTBAAR: Geheugen<(RondeId, OrganisatieId, bool, bool, String), Antwoorden> =
        Geheugen::nieuw(ZELFSCAN).hoogstens(64);
    let sleutel = (
        ronde,
        scope.organisatie(),
        scope.ziet_regio(),
        scope.ziet_gemeente(),
        scope.regio().to_string(),
    );
    let lezen = repo::antwoorden_zichtbaar(db, scope, ronde);
    bewaarde_antwoorden(&ZICHTBAAR, stand, sleutel, lezen).await
}

/// `repo::antwoorden_voor_aggregaat` (answers without toelichting), kept.
async fn antwoorden_voor_aggregaat(
    db: &Db,
    stand: &Stand,
    s: &RegioInzage,
    ronde: RondeId,
) -> AppResult<Antwoorden> {
    static AGGREGAAT: Geheugen<(RondeId, Option<RegioCode>), Antwoorden> =
        Geheugen::nieuw(ZELFSCAN).hoogstens(64);
    let sleutel = (ronde, s.regio().copied());
    let lezen = repo::antwoorden_voor_aggregaat(db, s, ronde);
    bewaarde_antwoorden(&AGGREGAAT, stand, sleutel, lezen).await
}

/// The loaded questionnaire versions: (versie, titel, geladen op), oldest first.
pub async fn vragenlijsten(db: &Db) -> AppResult<Vec<crate::referentiedata::Versie>> {
    crate::referentiedata::versies::<Vragenlijst>(db).await
}

/// The gemeenten of a region (the organisation directory: names, no results).
pub async fn gemeenten(
    db: &Db,
    regio: &RegioCode,
) -> AppResult<Vec<crate::organisatie::model::Organisatie>> {
    Ok(crate::organisatie::repo::gemeenten_in_regio(db, regio).await?)
}

fn inzage(g: &Gebruiker) -> AppResult<RegioInzage> {
    permissions::regio_inzage(g).ok_or(AppError::GeenToegang)
}

/// Rounds the user may see (of one region, when given).
pub async fn rondes(db: &Db, g: &Gebruiker, regio: Option<&RegioCode>) -> AppResult<Vec<Ronde>> {
    Ok(repo::rondes(db, &inzage(g)?, regio).await?)
}

/// A round the user may see; another region's is not found.
pub async fn ronde(db: &Db, g: &Gebruiker, id: RondeId) -> AppResult<Ronde> {
    repo::ronde(db, &inzage(g)?, id)
        .await?
        .ok_or(AppError::NietGevonden("De scanronde"))
}

/// The participating gemeenten of a round the user may see (names and completeness).
pub async fn ronde_gemeenten(db: &Db, g: &Gebruiker, r: &Ronde) -> AppResult<Vec<RondeGemeente>> {
    Ok(repo::ronde_gemeenten(db, &inzage(g)?, r.id).await?)
}

/// The finished steps (step id → date) of a region's routekaart.
pub async fn routekaart_gereed(
    db: &Db,
    g: &Gebruiker,
    regio: &RegioCode,
) -> AppResult<BTreeMap<String, String>> {
    let s = inzage(g)?;
    if !s.omvat(regio) {
        return Err(AppError::GeenToegang);
    }
    Ok(repo::routekaart_gereed(db, &s, regio)
        .await?
        .into_iter()
        .collect())
}

/// Ticks off (or reopens) a step of a region's routekaart; audited. `bekend`: whether the step
/// is one of the routekaart's (checked only after the permission).
pub async fn routekaart_zetten(
    db: &Db,
    g: &Gebruiker,
    regio: &RegioCode,
    (stap, bekend): (&str, bool),
    gereed: bool,
) -> AppResult<()> {
    let s = permissions::regio_beheer(g)
        .filter(|s| s.omvat(regio))
        .ok_or(AppError::GeenToegang)?;
    if !bekend {
        return Err(AppError::validatie(
            "stap",
            "Onbekende stap van de routekaart.",
        ));
    }
    let mut tx = crate::db::begin(db).await?;
    repo::routekaart_zetten(&mut tx, &s, regio, stap, gereed, Some(g.id)).await?;
    let event = AuditEvent::RoutekaartStap {
        regio: *regio,
        stap: stap.into(),
        gereed,
    };
    audit::schrijf(&mut tx, &Actor::from(g), event).await?;
    tx.commit().await?;
    Ok(())
}

pub struct NieuweRonde {
    pub regio: String,
    pub titel: String,
    pub doel: String,
    pub datum: String,
    pub vragenlijst: String,
    pub gemeenten: Vec<String>,
    pub zichtbaarheid: String,
}

pub use crate::tekst::parse_datum;

pub async fn ronde_aanmaken(db: &Db, g: &Gebruiker, n: &NieuweRonde) -> AppResult<RondeId> {
    let mut fouten = Vec::new();
    let regio = crate::organisatie::model::RegioCode::parse(&n.regio)
        .map_err(|m| fouten.push(Veldfout::new("regio", m)))
        .ok();
    let beheer = permissions::regio_beheer(g).ok_or(AppError::GeenToegang)?;
    if let Some(r) = &regio
        && !beheer.omvat(r)
    {
        return Err(AppError::GeenToegang);
    }
    if n.titel.trim().is_empty() {
        fouten.push(Veldfout::new("titel", "Geef de scanronde een titel."));
    }
    let doel = Doel::parse(&n.doel);
    if doel.is_none() {
        fouten.push(Veldfout::new(
            "doel",
            "Kies het doel: nulmeting, evaluatie of toetsingsmoment.",
        ));
    }
    let datum = parse_datum(&n.datum);
    if datum.is_none() {
        fouten.push(Veldfout::new(
            "datum",
            "Vul een geldige datum in (jjjj-mm-dd).",
        ));
    }
    if !crate::referentiedata::bestaat::<Vragenlijst>(db, &n.vragenlijst).await? {
        fouten.push(Veldfout::new(
            "vragenlijst",
            "Kies een bestaande vragenlijstversie.",
        ));
    }
    let z = Zichtbaarheid::parse(&n.zichtbaarheid);
    if z.is_none() {
        fouten.push(Veldfout::new(
            "zichtbaarheid",
            "Kies wie de resultaten per gemeente mag zien.",
        ));
    }
    let mut gemeente_ids = Vec::new();
    if let Some(r) = &regio {
        let alle = crate::organisatie::repo::gemeenten_in_regio(db, r).await?;
        for code in &n.gemeenten {
            match alle.iter().find(|o| &o.code == code) {
                Some(o) => gemeente_ids.push(o.id),
                None => fouten.push(Veldfout::new(
                    "gemeenten",
                    format!("Gemeente '{code}' hoort niet bij deze regio."),
                )),
            }
        }
    }
    if n.gemeenten.is_empty() {
        fouten.push(Veldfout::new(
            "gemeenten",
            "Kies ten minste één deelnemende gemeente.",
        ));
    }
    let (Some(regio), Some(doel), Some(datum), Some(z), true) =
        (regio, doel, datum, z, fouten.is_empty())
    else {
        return Err(AppError::Validatie(fouten));
    };
    let mut tx = crate::db::begin(db).await?;
    let id = repo::ronde_aanmaken(
        &mut tx,
        &beheer,
        &regio,
        n.titel.trim(),
        doel.code(),
        &datum,
        &n.vragenlijst,
    )
    .await?;
    for gid in gemeente_ids {
        repo::gemeente_toevoegen(&mut tx, &beheer, id, gid, z).await?;
    }
    audit::schrijf(
        &mut tx,
        &Actor::from(g),
        AuditEvent::RondeAangemaakt { ronde: id },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// A round the user may see with one of its gemeenten.
async fn ronde_en_gemeente(
    db: &Db,
    g: &Gebruiker,
    ronde_id: RondeId,
    code: &str,
) -> AppResult<(Ronde, RondeGemeente)> {
    let r = ronde(db, g, ronde_id).await?;
    let rg = ronde_gemeenten(db, g, &r)
        .await?
        .into_iter()
        .find(|rg| rg.code == code)
        .ok_or(AppError::NietGevonden("Deze gemeente in de scanronde"))?;
    Ok((r, rg))
}

/// One gemeente of a round as the permission rules need it.
fn blad<'a>(r: &'a Ronde, rg: &RondeGemeente) -> BladIn<'a> {
    BladIn {
        regio: &r.regio_code,
        ronde: r.id,
        gemeente: rg.gemeente_id,
        zichtbaarheid: rg.zichtbaarheid(),
    }
}

pub async fn zichtbaarheid_zetten(
    db: &Db,
    g: &Gebruiker,
    ronde_id: RondeId,
    code: &str,
    z: &str,
) -> AppResult<()> {
    let (r, rg) = ronde_en_gemeente(db, g, ronde_id, code).await?;
    let scope = permissions::zichtbaarheid_zetten(g, blad(&r, &rg)).ok_or(AppError::GeenToegang)?;
    let z = Zichtbaarheid::parse(z).ok_or_else(|| {
        AppError::validatie("zichtbaarheid", "Kies regio, gemeente of aggregaat.")
    })?;
    let mut tx = crate::db::begin(db).await?;
    repo::zichtbaarheid_zetten(&mut tx, &scope, z).await?;
    audit::schrijf(
        &mut tx,
        &Actor::from(g),
        AuditEvent::ZichtbaarheidGewijzigd {
            ronde: r.id,
            gemeente: code.into(),
            zichtbaarheid: z.code().into(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// One gemeente's answer sheet for the form.
pub struct Antwoordblad {
    pub ronde: Ronde,
    pub vragenlijst: Vragenlijst,
    pub gemeente: RondeGemeente,
    pub antwoorden: BTreeMap<u16, VraagAntwoord>,
    pub mag_schrijven: bool,
}

pub async fn antwoordblad(
    db: &Db,
    g: &Gebruiker,
    ronde_id: RondeId,
    code: &str,
) -> AppResult<Antwoordblad> {
    let (r, rg) = ronde_en_gemeente(db, g, ronde_id, code).await?;
    if permissions::gemeente_lezen(g, blad(&r, &rg)).is_none() {
        return Err(AppError::GeenToegang);
    }
    let scope = ZelfscanScope::voor(g, &r.regio_code);
    let antwoorden = repo::antwoorden_zichtbaar(db, &scope, r.id)
        .await?
        .into_iter()
        .filter(|(gid, _)| *gid == rg.gemeente_id)
        .map(|(_, a)| (a.vraag, a))
        .collect();
    let vragenlijst = vragenlijst(db, &r.vragenlijst_versie).await?;
    let mag_schrijven = permissions::gemeente_schrijven(g, blad(&r, &rg)).is_some();
    Ok(Antwoordblad {
        ronde: r,
        vragenlijst,
        gemeente: rg,
        antwoorden,
        mag_schrijven,
    })
}

/// Saves (a subset of) one gemeente's answers; all-or-nothing.
pub async fn antwoorden_opslaan(
    db: &Db,
    g: &Gebruiker,
    ronde_id: RondeId,
    code: &str,
    invoer: &[model::RuwAntwoord],
) -> AppResult<usize> {
    let (r, _, scope) = schrijfbare_gemeente(db, g, ronde_id, code).await?;
    let v = vragenlijst(db, &r.vragenlijst_versie).await?;
    let antwoorden = model::valideer_antwoorden(&v, invoer).map_err(AppError::Validatie)?;
    let mut tx = crate::db::begin(db).await?;
    repo::antwoorden_opslaan(&mut tx, &scope, Some(g.id), &antwoorden).await?;
    audit::schrijf(
        &mut tx,
        &Actor::from(g),
        AuditEvent::AntwoordenOpgeslagen {
            ronde: r.id,
            gemeente: code.into(),
            aantal: antwoorden.len(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(antwoorden.len())
}

pub struct GemeenteResultaat {
    pub code: String,
    pub naam: String,
    pub zichtbaarheid: Zichtbaarheid,
    pub beantwoord: usize,
    pub scores: Vec<StandaardScore>,
    pub antwoorden: Vec<VraagAntwoord>,
}

pub struct Resultaten {
    pub ronde: Ronde,
    pub vragenlijst: Vragenlijst,
    /// Only the gemeenten the user may see individually.
    pub gemeenten: Vec<GemeenteResultaat>,
    /// Regional aggregate over all gemeenten with at least one answer (None when too few).
    pub regio: Option<Vec<StandaardScore>>,
    pub aantal_in_regio: usize,
    pub aantal_deelnemers: usize,
    pub uitspraken: Vec<(u8, String)>,
}

pub async fn resultaten(db: &Db, g: &Gebruiker, ronde_id: RondeId) -> AppResult<Resultaten> {
    // The round and its participants (names, completeness), read by every view of the
    // results: kept per instance while the Zelfscan and the organisations are unchanged, per
    // round and scope region (the same rows for everyone the scope lets see them).
    type Kop = (Ronde, Vec<RondeGemeente>);
    static KOPPEN: Geheugen<(RondeId, Option<RegioCode>), Kop> =
        Geheugen::nieuw(&[Onderwerp::Zelfscan, Onderwerp::Organisaties]);
    let s = inzage(g)?;
    let stand = crate::db::geheugen::stand(db).await?;
    let kop = KOPPEN
        .of_lezen(&stand, &(ronde_id, s.regio().copied()), async {
            let r = repo::ronde(db, &s, ronde_id)
                .await?
                .ok_or(AppError::NietGevonden("De scanronde"))?;
            let deelnemers = repo::ronde_gemeenten(db, &s, r.id).await?;
            AppResult::Ok((r, deelnemers))
        })
        .await?;
    let (r, deelnemers) = Kop::clone(&kop);
    let v = vragenlijst(db, &r.vragenlijst_versie).await?;
    let scope = ZelfscanScope::voor(g, &r.regio_code);
    let mut zichtbaar: BTreeMap<OrganisatieId, Vec<VraagAntwoord>> = BTreeMap::new();
    for (gid, a) in antwoorden_zichtbaar(db, &stand, &scope, r.id).await? {
        zichtbaar.entry(gid).or_default().push(a);
    }
    let gemeenten = deelnemers
        .iter()
        .filter(|rg| scope.mag_zien(rg.gemeente_id, rg.zichtbaarheid()))
        .map(|rg| {
            let antwoorden = zichtbaar.remove(&rg.gemeente_id).unwrap_or_default();
            GemeenteResultaat {
                code: rg.code.clone(),
                naam: rg.naam.clone(),
                zichtbaarheid: rg.zichtbaarheid(),
                beantwoord: antwoorden.iter().filter(|a| a.antwoord.is_some()).count(),
                scores: model::scores(&v, &antwoorden),
                antwoorden,
            }
        })
        .collect::<Vec<_>>();
    let mut alle: BTreeMap<OrganisatieId, Vec<VraagAntwoord>> = BTreeMap::new();
    for (gid, a) in antwoorden_voor_aggregaat(db, &stand, &inzage(g)?, r.id).await? {
        if a.antwoord.is_some() {
            alle.entry(gid).or_default().push(a);
        }
    }
    let sets: Vec<&[VraagAntwoord]> = alle.values().map(Vec::as_slice).collect();
    let verborgen = alle
        .keys()
        .filter(|gid| {
            deelnemers.iter().any(|rg| {
                rg.gemeente_id == **gid && !scope.mag_zien(rg.gemeente_id, rg.zichtbaarheid())
            })
        })
        .count();
    let genoeg = model::aggregaat_toonbaar(verborgen, MIN_AGGREGAAT);
    let per_gemeente: Vec<Vec<StandaardScore>> =
        sets.iter().map(|s| model::scores(&v, s)).collect();
    Ok(Resultaten {
        regio: (genoeg && !sets.is_empty()).then(|| model::regio_scores(&v, &sets)),
        uitspraken: if genoeg && !sets.is_empty() {
            model::uitspraken(&v, &per_gemeente)
        } else {
            vec![]
        },
        aantal_in_regio: sets.len(),
        aantal_deelnemers: deelnemers.len(),
        ronde: r,
        vragenlijst: v,
        gemeenten,
    })
}
