//! Werkset use cases: permissions, transactions with audit events, and the read models for the
//! region page, the regional report, the national comparison and the analysts' export.

use super::model::{self, Catalogus, Fase, Periode};
use super::repo;
use crate::audit::{self, Actor, AuditEvent};
use crate::auth::Gebruiker;
use crate::auth::permissions;
use crate::auth::permissions::{WerksetLezen, WerksetSchrijven};
use crate::db::Db;
use crate::db::geheugen::{Geheugen, Onderwerp};
use crate::error::{AppError, AppResult, Veldfout};
use crate::organisatie::model::{REGIOS, RegioCode};
use crate::rapport::model as r;

/// What the region page and the national comparison are read from (partners are named by
/// organisation).
const WERKSET_EN_ORGANISATIES: &[Onderwerp] = &[Onderwerp::Werkset, Onderwerp::Organisaties];

pub const STANDAARD_CATALOGUS: &str = include_str!("../../data/werkset/catalogus-2022-v1.json");

impl crate::referentiedata::Soort for Catalogus {
    const TABEL: &'static str = "werkset_catalogus";
    const NAAM: &'static str = "indicatorcatalogus";
    const STANDAARD: &'static str = STANDAARD_CATALOGUS;
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
        AuditEvent::WerksetCatalogusGeladen { versie }
    }
}

pub async fn catalogus(db: &Db, versie: &str) -> AppResult<Catalogus> {
    crate::referentiedata::lezen::<Catalogus>(db, versie)
        .await?
        .ok_or(AppError::NietGevonden("De indicatorcatalogus"))
}

/// The newest loaded catalogue: used for new registrations.
/// The loaded catalogue versions: (versie, titel, geladen op), oldest first.
pub async fn catalogi(db: &Db) -> AppResult<Vec<crate::referentiedata::Versie>> {
    crate::referentiedata::versies::<Catalogus>(db).await
}

pub async fn huidige_catalogus(db: &Db) -> AppResult<Catalogus> {
    huidige_catalogus_bij(db, &crate::db::geheugen::stand(db).await?).await
}

/// [`huidige_catalogus`] for a caller that read the versions already.
pub async fn huidige_catalogus_bij(
    db: &Db,
    stand: &crate::db::geheugen::Stand,
) -> AppResult<Catalogus> {
    static HUIDIGE: Geheugen<(), Catalogus> = Geheugen::nieuw(&[Onderwerp::Werkset]);
    let c = HUIDIGE
        .of_lezen(stand, &(), async {
            let versie = catalogi(db)
                .await?
                .pop()
                .map(|c| c.versie)
                .ok_or(AppError::NietGevonden("De indicatorcatalogus"))?;
            catalogus(db, &versie).await
        })
        .await?;
    Ok(Catalogus::clone(&c))
}

/// The current catalogue's theme names, which the indicators are shown under.
pub async fn themas(db: &Db) -> AppResult<crate::indicatoren::Themas> {
    themas_bij(db, &crate::db::geheugen::stand(db).await?).await
}

/// As [`themas`], at the versions `stand` the caller read.
pub(super) async fn themas_bij(
    db: &Db,
    stand: &crate::db::geheugen::Stand,
) -> AppResult<crate::indicatoren::Themas> {
    let catalogus = huidige_catalogus_bij(db, stand).await?;
    Ok(std::sync::Arc::new(
        catalogus
            .themas
            .into_iter()
            .map(|t| (t.nummer, t.naam))
            .collect(),
    ))
}

/// The computed indicators of `regios` for `periode` (suppressed below `drempel`), under the
/// current catalogue's theme names, with one read of the reference data's versions for both.
pub async fn berekend(
    db: &Db,
    regios: &[&RegioCode],
    periode: &str,
    drempel: u64,
) -> AppResult<Vec<Vec<crate::indicatoren::Indicator>>> {
    let stand = crate::db::geheugen::stand(db).await?;
    let themas = themas_bij(db, &stand).await?;
    let mut alle =
        crate::indicatoren::voor_regios_bij(db, &stand, regios, periode, drempel, &themas).await?;
    let met_gegevens = crate::indicatoren::regios_met_gegevens(db, periode).await?;
    for (regio, indicatoren) in regios.iter().zip(&mut alle) {
        if !met_gegevens.contains(*regio) {
            indicatoren
                .iter_mut()
                .for_each(crate::indicatoren::Indicator::zonder_gegevens);
        }
    }
    Ok(alle)
}

/// [`berekend`] for one region.
pub async fn berekend_voor(
    db: &Db,
    regio: &RegioCode,
    periode: &str,
    drempel: u64,
) -> AppResult<Vec<crate::indicatoren::Indicator>> {
    Ok(berekend(db, &[regio], periode, drempel)
        .await?
        .pop()
        .unwrap_or_default())
}

fn regio_periode(regio: &RegioCode, periode: &str) -> AppResult<(RegioCode, Periode)> {
    let p = Periode::parse(periode).map_err(|m| AppError::validatie("periode", &m))?;
    Ok((*regio, p))
}

/// Everything registered for one region and period (read model of the region page).
#[derive(Clone)]
pub struct Registratieblad {
    pub regio: RegioCode,
    pub periode: String,
    pub catalogus: Catalogus,
    pub bestaat: bool,
    pub mag_schrijven: bool,
    pub themas: Vec<(i64, String, String)>,
    pub verhalen: Vec<(i64, String, String)>,
    pub inspanningen: Vec<repo::InspanningRij>,
    pub waarden: Vec<repo::WaardeRij>,
    pub citaten: Vec<(i64, i64, String, String)>,
    pub praktijk: Vec<(i64, i64, String, String, String)>,
    pub bronnen: Vec<(i64, String, String, String)>,
    /// The region's organisations (active or not), to name partners of effort entries.
    pub organisaties: Vec<model::PartnerOrganisatie>,
}

impl Registratieblad {
    /// Whether anything was recorded for this region and period (phases and kartrekkers of
    /// the themes included).
    pub fn heeft_registraties(&self) -> bool {
        !(self.themas.is_empty()
            && self.verhalen.is_empty()
            && self.inspanningen.is_empty()
            && self.waarden.is_empty()
            && self.citaten.is_empty()
            && self.praktijk.is_empty()
            && self.bronnen.is_empty())
    }
    pub fn fase(&self, thema: impl std::borrow::Borrow<u8>) -> Option<Fase> {
        let thema = *thema.borrow();
        self.themas
            .iter()
            .find(|t| t.0 == i64::from(thema))
            .and_then(|t| Fase::parse(&t.1))
    }
    pub fn kartrekkers(&self, thema: impl std::borrow::Borrow<u8>) -> Vec<String> {
        let thema = *thema.borrow();
        self.themas
            .iter()
            .find(|t| t.0 == i64::from(thema))
            .map(|t| {
                t.2.split(',')
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    }
    pub fn verhaal(&self, thema: impl std::borrow::Borrow<u8>, element: &str) -> String {
        let thema = *thema.borrow();
        self.verhalen
            .iter()
            .find(|v| v.0 == i64::from(thema) && v.1 == element)
            .map(|v| v.2.clone())
            .unwrap_or_default()
    }
}

fn lezen(g: &Gebruiker) -> AppResult<WerksetLezen> {
    permissions::werkset_lezen(g).ok_or(AppError::GeenToegang)
}

/// The most recent period with a registration in any region (the national comparison opens
/// there rather than on an empty current year).
pub async fn laatste_periode(db: &Db, g: &Gebruiker) -> AppResult<Option<String>> {
    Ok(repo::alle_registraties(db, &lezen(g)?)
        .await?
        .into_iter()
        .map(|r| r.periode)
        .max())
}

/// The periods with a registration of a region, newest first.
pub async fn perioden(db: &Db, g: &Gebruiker, regio: &RegioCode) -> AppResult<Vec<String>> {
    Ok(repo::registraties_van_regio(db, &lezen(g)?, regio)
        .await?
        .into_iter()
        .map(|r| r.periode)
        .collect())
}

/// A region's Werkset registration that is not complete: themes without a phase.
#[derive(Debug, Clone)]
pub struct OpenRegistratie {
    pub regio: RegioCode,
    pub periode: String,
    /// Whether anything was recorded yet.
    pub begonnen: bool,
    /// The themes without a phase (number, name).
    pub open_themas: Vec<(u8, String)>,
}

/// What a coordinator still has to record (Mijn werk): the registrations of this year and last
/// year of the own region in which a theme has no phase yet. Nobody else writes them.
pub async fn open_registraties(db: &Db, g: &Gebruiker) -> AppResult<Vec<OpenRegistratie>> {
    if g.rol != crate::auth::Rol::Regiocoordinator
        || !permissions::mag_werkset_schrijven(g, &g.regio_code)
    {
        return Ok(vec![]);
    }
    let jaar = crate::db::dit_jaar();
    let mut uit = vec![];
    for periode in [jaar, jaar - 1].map(|j| j.to_string()) {
        let blad = registratieblad(db, g, &g.regio_code, &periode).await?;
        let open_themas: Vec<(u8, String)> = blad
            .catalogus
            .themas
            .iter()
            .filter(|t| blad.fase(t.nummer).is_none())
            .map(|t| (t.nummer, t.naam.clone()))
            .collect();
        if !open_themas.is_empty() {
            uit.push(OpenRegistratie {
                regio: g.regio_code,
                begonnen: blad.heeft_registraties(),
                periode,
                open_themas,
            });
        }
    }
    Ok(uit)
}

pub async fn registratieblad(
    db: &Db,
    g: &Gebruiker,
    regio: &RegioCode,
    periode: &str,
) -> AppResult<Registratieblad> {
    // Werkset registrations hold no personal data (quotes carry a role, never a name) and are
    // meant to be shared between networks: every logged-in user may read every region.
    static BLADEN: Geheugen<(RegioCode, Periode), Registratieblad> =
        Geheugen::nieuw(WERKSET_EN_ORGANISATIES);
    let l = &lezen(g)?;
    let (regio, periode) = regio_periode(regio, periode)?;
    let stand = crate::db::geheugen::stand(db).await?;
    let sleutel = (regio, periode.clone());
    let blad = BLADEN
        .of_lezen(&stand, &sleutel, blad_lezen(db, l, regio, periode))
        .await?;
    Ok(Registratieblad {
        mag_schrijven: permissions::mag_werkset_schrijven(g, &blad.regio),
        ..Registratieblad::clone(&blad)
    })
}

/// The region page's data as stored, kept while the Werkset and organisations are unchanged
/// (`db::geheugen`); `mag_schrijven` is the reader's own and set by `registratieblad`.
async fn blad_lezen(
    db: &Db,
    l: &WerksetLezen,
    regio: RegioCode,
    periode: Periode,
) -> AppResult<Registratieblad> {
    let reg = repo::registratie(db, l, &regio, periode.as_str()).await?;
    let catalogus = match &reg {
        Some(r) => catalogus(db, &r.catalogus_versie).await?,
        None => huidige_catalogus(db).await?,
    };
    let id = reg.as_ref().map_or(-1, |r| r.id);
    Ok(Registratieblad {
        mag_schrijven: false,
        bestaat: reg.is_some(),
        themas: repo::themas(db, l, id).await?,
        verhalen: repo::verhalen(db, l, id).await?,
        inspanningen: repo::inspanningen(db, l, id).await?,
        waarden: repo::waarden(db, l, id).await?,
        citaten: repo::citaten(db, l, id).await?,
        praktijk: repo::praktijk(db, l, id).await?,
        bronnen: repo::bronnen(db, l, id).await?,
        organisaties: partner_organisaties(db, Some(&regio)).await?,
        regio,
        periode: periode.as_str().into(),
        catalogus,
    })
}

/// Where a write goes: the existing registration of the region and period, or a new one
/// (with the newest catalogue) that is created in the write's own transaction, so a rejected
/// submission leaves nothing behind.
struct Doel {
    scope: WerksetSchrijven,
    regio: RegioCode,
    periode: String,
    bestaand: Option<i64>,
    catalogus: Catalogus,
}

async fn schrijfbaar(db: &Db, g: &Gebruiker, regio: &RegioCode, periode: &str) -> AppResult<Doel> {
    let (regio, periode) = regio_periode(regio, periode)?;
    let scope = permissions::werkset_schrijven(g, &regio).ok_or(AppError::GeenToegang)?;
    let bestaand = repo::registratie(db, &lezen(g)?, &regio, periode.as_str()).await?;
    let catalogus = match &bestaand {
        Some(r) => catalogus(db, &r.catalogus_versie).await?,
        None => huidige_catalogus(db).await?,
    };
    Ok(Doel {
        scope,
        regio,
        periode: periode.as_str().into(),
        bestaand: bestaand.map(|r| r.id),
        catalogus,
    })
}

/// Runs one write (given the registration id) and its audit event in one transaction.
async fn gewijzigd(
    db: &Db,
    g: &Gebruiker,
    doel: &Doel,
    wat: &'static str,
    schrijf: impl AsyncFnOnce(&mut crate::db::Tx<'_>, &WerksetSchrijven, i64) -> sqlx::Result<i64>,
) -> AppResult<i64> {
    let mut tx = crate::db::begin(db).await?;
    let reg = match doel.bestaand {
        Some(id) => id,
        None => {
            repo::registratie_maken(&mut tx, &doel.scope, &doel.periode, &doel.catalogus.versie)
                .await?
        }
    };
    let id = schrijf(&mut tx, &doel.scope, reg).await?;
    audit::schrijf(
        &mut tx,
        &Actor::from(g),
        AuditEvent::WerksetGewijzigd {
            regio: doel.regio,
            periode: doel.periode.clone(),
            wat,
            id,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct ThemaInvoer {
    #[serde(default)]
    pub fase: String,
    #[serde(default)]
    pub kartrekkers: Vec<String>,
    #[serde(default)]
    pub verhaal_ontwikkel: String,
    #[serde(default)]
    pub verhaal_uitvoering: String,
    #[serde(default)]
    pub verhaal_waarde: String,
}

pub async fn thema_opslaan(
    db: &Db,
    g: &Gebruiker,
    regio: &RegioCode,
    periode: &str,
    thema: u8,
    i: &ThemaInvoer,
) -> AppResult<()> {
    let doel = schrijfbaar(db, g, regio, periode).await?;
    let c = &doel.catalogus;
    if c.thema(thema).is_none() {
        return Err(AppError::NietGevonden("Dit thema"));
    }
    let mut f = Vec::new();
    let fase = Fase::parse(&i.fase);
    if fase.is_none() {
        f.push(Veldfout::new(
            format!("fase-{thema}"),
            "Kies de fase van deze verbeteractie.",
        ));
    }
    let kartrekkers =
        model::partners_parse(&i.kartrekkers, &format!("kartrekkers-{thema}"), &mut f);
    for (veld, t) in [
        ("ontwikkel", &i.verhaal_ontwikkel),
        ("uitvoering", &i.verhaal_uitvoering),
        ("waarde", &i.verhaal_waarde),
    ] {
        if t.chars().count() > 8000 {
            f.push(Veldfout::new(
                format!("verhaal-{thema}-{veld}"),
                "Maximaal 8000 tekens.",
            ));
        } else if let Err(m) = crate::tekst::geen_stuurtekens(t) {
            f.push(Veldfout::new(
                format!("verhaal-{thema}-{veld}"),
                format!("Dit veld {m}"),
            ));
        }
    }
    let Some(fase) = fase.filter(|_| f.is_empty()) else {
        return Err(AppError::Validatie(f));
    };
    gewijzigd(db, g, &doel, "thema", async |tx, s, reg| {
        repo::thema_zetten(tx, s, reg, thema, fase.code(), &kartrekkers.join(",")).await?;
        for (element, t) in [
            ("ontwikkel", &i.verhaal_ontwikkel),
            ("uitvoering", &i.verhaal_uitvoering),
            ("waarde", &i.verhaal_waarde),
        ] {
            repo::verhaal_zetten(tx, s, reg, thema, element, t.trim()).await?;
        }
        Ok(i64::from(thema))
    })
    .await?;
    Ok(())
}

/// The organisations that partner tokens can name: of one region, or all (for labels in the
/// national comparison).
pub async fn partner_organisaties(
    db: &Db,
    regio: Option<&RegioCode>,
) -> AppResult<Vec<model::PartnerOrganisatie>> {
    let orgs = match regio {
        Some(r) => crate::organisatie::repo::van_regio(db, r).await?,
        None => crate::organisatie::repo::alle(db).await?,
    };
    Ok(orgs
        .into_iter()
        .map(|o| model::PartnerOrganisatie {
            code: o.code,
            naam: o.naam,
            soort: o.soort,
            actief: o.actief,
        })
        .collect())
}

pub async fn inspanning_toevoegen(
    db: &Db,
    g: &Gebruiker,
    regio: &RegioCode,
    periode: &str,
    i: &model::InspanningInvoer,
) -> AppResult<i64> {
    let doel = schrijfbaar(db, g, regio, periode).await?;
    let c = &doel.catalogus;
    let kiesbaar = partner_organisaties(db, Some(&doel.regio)).await?;
    let v = model::valideer_inspanning(c, i, &kiesbaar).map_err(AppError::Validatie)?;
    gewijzigd(db, g, &doel, "inspanning", async |tx, s, reg| {
        repo::inspanning_toevoegen(tx, s, reg, &v, Some(g.id)).await
    })
    .await
}

pub async fn waarde_toevoegen(
    db: &Db,
    g: &Gebruiker,
    regio: &RegioCode,
    periode: &str,
    i: &model::WaardeInvoer,
) -> AppResult<i64> {
    let doel = schrijfbaar(db, g, regio, periode).await?;
    let c = &doel.catalogus;
    let v = model::valideer_waarde(c, i).map_err(AppError::Validatie)?;
    gewijzigd(db, g, &doel, "waarde", async |tx, s, reg| {
        repo::waarde_toevoegen(tx, s, reg, &v, Some(g.id)).await
    })
    .await
}

fn thema_nummer(c: &Catalogus, thema: &str) -> Result<u8, Vec<Veldfout>> {
    thema
        .trim()
        .parse::<u8>()
        .ok()
        .filter(|n| c.thema(*n).is_some())
        .ok_or_else(|| vec![Veldfout::new("thema", "Kies het thema.")])
}

pub async fn citaat_toevoegen(
    db: &Db,
    g: &Gebruiker,
    regio: &RegioCode,
    periode: &str,
    i: &model::TekstInvoer,
) -> AppResult<i64> {
    let doel = schrijfbaar(db, g, regio, periode).await?;
    let c = &doel.catalogus;
    let (n, (t, b)) = thema_nummer(c, &i.thema)
        .and_then(|n| model::valideer_citaat(&i.tekst, &i.bron).map(|x| (n, x)))
        .map_err(AppError::Validatie)?;
    gewijzigd(db, g, &doel, "citaat", async |tx, s, reg| {
        repo::citaat_toevoegen(tx, s, reg, n, &t, &b).await
    })
    .await
}

pub async fn praktijk_toevoegen(
    db: &Db,
    g: &Gebruiker,
    regio: &RegioCode,
    periode: &str,
    i: &model::TekstInvoer,
) -> AppResult<i64> {
    let doel = schrijfbaar(db, g, regio, periode).await?;
    let c = &doel.catalogus;
    let (n, (ti, te, b)) = thema_nummer(c, &i.thema)
        .and_then(|n| model::valideer_praktijk(&i.titel, &i.tekst, &i.bron).map(|x| (n, x)))
        .map_err(AppError::Validatie)?;
    gewijzigd(db, g, &doel, "praktijk", async |tx, s, reg| {
        repo::praktijk_toevoegen(tx, s, reg, n, &ti, &te, &b).await
    })
    .await
}

pub async fn bron_toevoegen(
    db: &Db,
    g: &Gebruiker,
    regio: &RegioCode,
    periode: &str,
    i: &model::TekstInvoer,
) -> AppResult<i64> {
    let doel = schrijfbaar(db, g, regio, periode).await?;
    let (s, t, j) =
        model::valideer_bron(&i.soort, &i.titel, &i.jaar).map_err(AppError::Validatie)?;
    gewijzigd(db, g, &doel, "bron", async |tx, scope, reg| {
        repo::bron_toevoegen(tx, scope, reg, s.code(), &t, &j).await
    })
    .await
}

pub async fn verwijderen(
    db: &Db,
    g: &Gebruiker,
    regio: &RegioCode,
    periode: &str,
    soort: &str,
    id: i64,
) -> AppResult<()> {
    let doel = schrijfbaar(db, g, regio, periode).await?;
    let soort = repo::Soort::parse(soort).ok_or(AppError::NietGevonden("Dit soort gegeven"))?;
    let reg = doel.bestaand.ok_or(AppError::NietGevonden("Het gegeven"))?;
    let mut tx = crate::db::begin(db).await?;
    if repo::verwijder(&mut tx, &doel.scope, soort, reg, id).await? == 0 {
        return Err(AppError::NietGevonden("Het gegeven"));
    }
    audit::schrijf(
        &mut tx,
        &Actor::from(g),
        AuditEvent::WerksetVerwijderd {
            regio: doel.regio,
            periode: doel.periode.clone(),
            wat: soort.code(),
            id,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// National comparison for a period: phases, evidence coverage, effort balance, change.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Vergelijking {
    pub periode: String,
    pub vorige_periode: String,
    pub themas: Vec<ThemaKop>,
    pub regios: Vec<RegioRij>,
    pub balans: Vec<r::BalansRij>,
    pub balans_eenheid: &'static str,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct ThemaKop {
    pub nummer: u8,
    pub naam: String,
    pub kort: String,
    pub aantal_indicatoren: usize,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct RegioRij {
    pub regio: String,
    pub naam: String,
    pub themas: Vec<ThemaCel>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct ThemaCel {
    pub thema: u8,
    pub fase: Option<Fase>,
    pub fase_vorige: Option<Fase>,
    /// Phase steps gained (+) or lost (−) against the previous period; None if either is missing.
    pub fase_verandering: Option<i64>,
    pub indicatoren_met_bewijs: usize,
    pub dekking: f64,
    pub dekking_vorige: f64,
}

pub async fn vergelijking(db: &Db, g: &Gebruiker, periode: &str) -> AppResult<Vergelijking> {
    // Read by every coordinator on every view, written a few times a day: kept per period
    // while the Werkset and the organisations are unchanged (`db::geheugen`).
    static VERGELIJKINGEN: Geheugen<String, Vergelijking> =
        Geheugen::nieuw(WERKSET_EN_ORGANISATIES);
    let l = &lezen(g)?;
    let p = Periode::parse(periode).map_err(|m| AppError::validatie("periode", &m))?;
    let stand = crate::db::geheugen::stand(db).await?;
    let v = VERGELIJKINGEN
        .of_lezen(
            &stand,
            &p.as_str().to_string(),
            vergelijking_lezen(db, l, p),
        )
        .await?;
    Ok(Vergelijking::clone(&v))
}

/// What the national comparison page shows: the Werkset comparison, and per region its name
/// and key figures computed from the afstemmingsmomenten (`None`: nothing recorded that period).
pub struct Vergelijkingsblad {
    pub v: Vergelijking,
    pub kern: Vec<(
        &'static str,
        Option<Vec<Option<crate::indicatoren::Indicator>>>,
    )>,
}

/// The national comparison as shown, `tonen` making the page's content of the
/// [`Vergelijkingsblad`]. Every coordinator reads the same content, and building and formatting
/// it (ten regions' indicators with medians, the balance chart) cost more CPU than all its reads:
/// kept per instance while the Werkset, the organisations and every region-year marker of the
/// period are unchanged, for the day (the afspraken measure depends on the date).
pub async fn vergelijking_getoond(
    db: &Db,
    g: &Gebruiker,
    periode: &str,
    drempel: u64,
    tonen: impl FnOnce(&Vergelijkingsblad) -> AppResult<String>,
) -> AppResult<std::sync::Arc<String>> {
    static GETOOND: Geheugen<(String, u64, String), String> = Geheugen::nieuw(&[]).hoogstens(64);
    lezen(g)?;
    let p = Periode::parse(periode).map_err(|m| AppError::validatie("periode", &m))?;
    let stand = crate::db::geheugen::stand(db).await?;
    let markers = crate::indicatoren::versie_periode(db, p.as_str()).await?;
    let versies = [
        stand.versie(Onderwerp::Werkset),
        stand.versie(Onderwerp::Organisaties),
        markers,
    ];
    let sleutel = (p.as_str().to_string(), drempel, crate::db::vandaag());
    GETOOND
        .bij_versies(db, versies, &sleutel, async {
            let v = vergelijking(db, g, p.as_str()).await?;
            let codes: Vec<RegioCode> = RegioCode::alle().collect();
            let codes: Vec<&RegioCode> = codes.iter().collect();
            let alle = berekend(db, &codes, &v.periode, drempel).await?;
            let met_gegevens = crate::indicatoren::regios_met_gegevens(db, &v.periode).await?;
            let kern = codes
                .iter()
                .zip(&alle)
                .map(|(r, x)| {
                    let cellen = met_gegevens
                        .contains(*r)
                        .then(|| crate::indicatoren::kern(x));
                    (r.naam(), cellen)
                })
                .collect();
            tonen(&Vergelijkingsblad { v, kern })
        })
        .await
}

async fn vergelijking_lezen(db: &Db, l: &WerksetLezen, p: Periode) -> AppResult<Vergelijking> {
    let vorige = p.vorige();
    let c = huidige_catalogus(db).await?;
    let fasen = repo::fasen_in_periode(db, l, p.as_str()).await?;
    let fasen_vorige = repo::fasen_in_periode(db, l, vorige.as_str()).await?;
    let bewijs = repo::indicatoren_met_bewijs(db, l, p.as_str()).await?;
    let bewijs_vorige = repo::indicatoren_met_bewijs(db, l, vorige.as_str()).await?;
    let fase_van = |lijst: &[(String, i64, String)], regio: &str, thema: u8| {
        lijst
            .iter()
            .find(|(r, t, _)| r == regio && *t == i64::from(thema))
            .and_then(|x| Fase::parse(&x.2))
    };
    let dekking = |lijst: &[(String, String)], regio: &str, t: &model::Thema| {
        let codes: Vec<&str> = t
            .elementen
            .iter()
            .flat_map(|e| &e.indicatoren)
            .map(|i| i.code.as_str())
            .collect();
        let n = lijst
            .iter()
            .filter(|(r, i)| r == regio && codes.contains(&i.as_str()))
            .count();
        (
            n,
            crate::zelfscan::model::percentage(n as u32, codes.len() as u32),
        )
    };
    let regios = REGIOS
        .iter()
        .map(|(code, naam)| RegioRij {
            regio: (*code).into(),
            naam: (*naam).into(),
            themas: c
                .themas
                .iter()
                .map(|t| {
                    let fase = fase_van(&fasen, code, t.nummer);
                    let fase_vorige = fase_van(&fasen_vorige, code, t.nummer);
                    let (n, d) = dekking(&bewijs, code, t);
                    ThemaCel {
                        thema: t.nummer,
                        fase,
                        fase_vorige,
                        fase_verandering: fase
                            .zip(fase_vorige)
                            .map(|(a, b)| a.rang() as i64 - b.rang() as i64),
                        indicatoren_met_bewijs: n,
                        dekking: d,
                        dekking_vorige: dekking(&bewijs_vorige, code, t).1,
                    }
                })
                .collect(),
        })
        .collect();
    let alle = repo::inspanningen_in_periode(db, l, p.as_str()).await?;
    let rijen: Vec<&repo::InspanningRij> = alle.iter().map(|(_, i)| i).collect();
    Ok(Vergelijking {
        periode: p.as_str().into(),
        vorige_periode: vorige.as_str().into(),
        themas: c
            .themas
            .iter()
            .map(|t| ThemaKop {
                nummer: t.nummer,
                naam: t.naam.clone(),
                kort: t.kort.clone(),
                aantal_indicatoren: t.elementen.iter().map(|e| e.indicatoren.len()).sum(),
            })
            .collect(),
        regios,
        balans: super::rapport::balans_rijen(&rijen, &partner_organisaties(db, None).await?, false),
        balans_eenheid: super::rapport::BALANS_EENHEID,
    })
}

/// The analysts' export of all entries (Werkset data holds no personal data: quotes carry a
/// role, never a name) and of the indicators computed from the afstemmingsmomenten (counts
/// below `drempel` suppressed); audited.
pub async fn export(
    db: &Db,
    g: &Gebruiker,
    periode: Option<&str>,
    drempel: u64,
) -> AppResult<Vec<u8>> {
    if let Some(p) = periode {
        Periode::parse(p).map_err(|m| AppError::validatie("periode", &m))?;
    }
    let bytes = super::export::export_xlsx(db, &lezen(g)?, periode, drempel).await?;
    let mut tx = crate::db::begin(db).await?;
    audit::schrijf(
        &mut tx,
        &Actor::from(g),
        AuditEvent::WerksetGeexporteerd {
            periode: periode.unwrap_or("alle").into(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(bytes)
}
