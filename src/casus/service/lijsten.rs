//! Lists of moments, overleggen, meetings and contact points of a region, and the afspraken
//! past their deadline.

use super::*;
use crate::gedeeld::RegioCode;

/// Moments of a region in a year (process data), for lists.
pub async fn overzicht(
    db: &Db,
    g: &Gebruiker,
    regio: &RegioCode,
    soort: Option<Soort>,
    jaar: &str,
) -> AppResult<Vec<Moment>> {
    let inzage = inzage_van_regio(g, regio)?;
    let (van, tot) = periode_grenzen(jaar)?;
    let mut momenten = repo::momenten(db, &inzage, regio, soort, &van, &tot).await?;
    // Lists show process data only; free text is read (and audited) on the moment itself.
    momenten.iter_mut().for_each(Moment::verberg_vrije_tekst);
    Ok(momenten)
}

/// Moments on one page of the moment list.
pub const PER_PAGINA: i64 = 50;

/// One page of the moment list and where it lies.
#[derive(Debug)]
pub struct Momentpagina {
    pub momenten: Vec<Moment>,
    /// Moments in the year, all pages.
    pub totaal: i64,
    /// The page shown (from 1; a page past the end gives the last) and the number of pages.
    pub pagina: u32,
    pub paginas: u32,
}

/// The moment list of a region as one view shows it: the year (the one asked for, or else the
/// most recent year with registrations, or this year), one page of its moments, and how many
/// afspraken of the user's organisation are overdue.
#[derive(Debug)]
pub struct Momentenlijst {
    pub jaar: String,
    pub lijst: Momentpagina,
    pub te_laat: i64,
}

/// The moment list (see [`Momentenlijst`]). The change markers of all region-years are read once
/// and serve the three counts kept per instance (the year's default, the number of moments and
/// the overdue afspraken): on PostgreSQL each statement is a round trip and a ping when its
/// connection goes back to the pool, and the markers were read three times per view.
pub async fn momentenlijst(
    db: &Db,
    g: &Gebruiker,
    (regio, filter, gevraagd_jaar): (&RegioCode, &Lijstfilter, &str),
    gevraagd: u32,
) -> AppResult<Momentenlijst> {
    let inzage = inzage_van_regio(g, regio)?;
    let markers = Markeringen::lezen(db).await?;
    let jaar = match gevraagd_jaar {
        "" => laatste_jaar_bij(db, &inzage, regio, &markers)
            .await?
            .unwrap_or_else(|| crate::db::dit_jaar().to_string()),
        j => j.to_string(),
    };
    let lijst = overzicht_pagina(db, &inzage, (regio, filter, &jaar), gevraagd, &markers).await?;
    let te_laat = aantal_te_laat(db, g, markers.samen()).await?;
    Ok(Momentenlijst {
        jaar,
        lijst,
        te_laat,
    })
}

/// Every moment of the list as a view shows it (all pages), for its export: process data only.
pub async fn momenten_export(
    db: &Db,
    g: &Gebruiker,
    (regio, filter, jaar): (&RegioCode, &Lijstfilter, &str),
) -> AppResult<Vec<Moment>> {
    let inzage = inzage_van_regio(g, regio)?;
    let (van, tot) = periode_grenzen(jaar)?;
    let mut momenten =
        repo::momenten_pagina(db, &inzage, regio, filter, (&van, &tot), (i64::MAX, 0)).await?;
    momenten.iter_mut().for_each(Moment::verberg_vrije_tekst);
    Ok(momenten)
}

/// Search by number on the list: "289" finds moment 289 of the region, or else the earliest
/// moment of case 289 there; "#289" or "moment 289" only the moment, "casus 289" only the case.
/// `Ok(None)`: no such number in the region; a text that is no number is a field error.
pub async fn zoek_nummer(
    db: &Db,
    g: &Gebruiker,
    regio: &RegioCode,
    tekst: &str,
) -> AppResult<Option<MomentId>> {
    let inzage = inzage_van_regio(g, regio)?;
    let t = tekst.trim().to_lowercase();
    let (soort, rest) = if let Some(r) = t.strip_prefix("casus") {
        ((false, true), r)
    } else if let Some(r) = t.strip_prefix("moment").or_else(|| t.strip_prefix('#')) {
        ((true, false), r)
    } else {
        ((true, true), t.as_str())
    };
    let nummer = rest
        .trim()
        .trim_start_matches('#')
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| {
            AppError::validatie(
                "nummer",
                "Vul het nummer van een moment of casus in, bijvoorbeeld 289, #289 (moment) of casus 289.",
            )
        })?;
    Ok(repo::moment_met_nummer(db, &inzage, regio, nummer, soort).await?)
}

/// A marker that changes with every write of a moment, afspraak or participation anywhere
/// (for values kept elsewhere that depend on the case data).
pub async fn versie_alles(db: &Db) -> AppResult<i64> {
    Ok(Markeringen::lezen(db).await?.samen())
}

/// The change markers of every region-year (`indicator_versie`, a row per region and year:
/// some tens of rows), bumped by the triggers of migration 0016 on every write that can change
/// what a region-year counts; versions only grow.
#[derive(Clone)]
struct Markeringen(std::sync::Arc<Vec<(RegioCode, String, i64)>>);

impl Markeringen {
    /// The markers as they stand (read once per reading request: the menu's count reads them
    /// too).
    async fn lezen(db: &Db) -> sqlx::Result<Self> {
        Ok(Markeringen(crate::db::geheugen::regiojaren(db).await?))
    }
    /// One region-year's marker (0 when nothing was ever written to it).
    fn regiojaar(&self, regio: &RegioCode, jaar: &str) -> i64 {
        self.0
            .iter()
            .find(|(r, j, _)| r == regio && j == jaar)
            .map_or(0, |m| m.2)
    }
    /// A marker that changes with every write to any year of the region (their sum).
    fn regio(&self, regio: &RegioCode) -> i64 {
        self.0.iter().filter(|m| m.0 == *regio).map(|m| m.2).sum()
    }
    /// A marker that changes with every write anywhere.
    fn samen(&self) -> i64 {
        self.0.iter().map(|m| m.2).sum()
    }
}

/// The most recent year with a registered moment in the region, kept per instance while no
/// moment of the region changed (every insert, update or delete of a moment bumps the markers
/// of its old and new year).
async fn laatste_jaar_bij(
    db: &Db,
    inzage: &CasusInzage,
    regio: &RegioCode,
    markers: &Markeringen,
) -> AppResult<Option<String>> {
    static JAREN: Geheugen<(RegioCode, Option<RegioCode>), Option<String>> = Geheugen::nieuw(&[]);
    let sleutel = (*regio, inzage.regio().copied());
    let jaar = JAREN
        .bij_versies(db, [markers.regio(regio), 0, 0], &sleutel, async {
            repo::laatste_jaar(db, inzage, regio).await
        })
        .await?;
    Ok((*jaar).clone())
}

/// One page of the moments of a region in a year, newest first: the list stays small however
/// many moments a region registers.
async fn overzicht_pagina(
    db: &Db,
    inzage: &CasusInzage,
    (regio, filter, jaar): (&RegioCode, &Lijstfilter, &str),
    gevraagd: u32,
    markers: &Markeringen,
) -> AppResult<Momentpagina> {
    let (van, tot) = periode_grenzen(jaar)?;
    let periode = (van.as_str(), tot.as_str());
    // Counting a region-year's moments reads its whole index range (0.6 ms at 40,000 moments,
    // the largest part of a list view): kept per instance while the region-year's change
    // marker (which every insert, update or delete of its moments bumps) is unchanged.
    type Sleutel = (RegioCode, Lijstfilter, String, Option<RegioCode>);
    static AANTALLEN: Geheugen<Sleutel, i64> = Geheugen::nieuw(&[]);
    // The year as the marker keeps it (`periode_grenzen` also takes " 2025").
    let jaar = &van[..4];
    let versie = markers.regiojaar(regio, jaar);
    let sleutel = (*regio, *filter, jaar.to_string(), inzage.regio().copied());
    let totaal = *AANTALLEN
        .bij_versies(db, [versie, 0, 0], &sleutel, async {
            repo::aantal_momenten(db, inzage, regio, filter, periode).await
        })
        .await?;
    let paginas = u32::try_from((totaal - 1).max(0) / PER_PAGINA + 1).unwrap_or(u32::MAX);
    let pagina = gevraagd.clamp(1, paginas);
    let offset = i64::from(pagina - 1) * PER_PAGINA;
    let mut momenten =
        repo::momenten_pagina(db, inzage, regio, filter, periode, (PER_PAGINA, offset)).await?;
    momenten.iter_mut().for_each(Moment::verberg_vrije_tekst);
    Ok(Momentpagina {
        momenten,
        totaal,
        pagina,
        paginas,
    })
}

/// The user's case-process scope, if it covers `regio`.
fn inzage_van_regio(g: &Gebruiker, regio: &RegioCode) -> AppResult<CasusInzage> {
    permissions::casus_inzage(g)
        .filter(|i| i.omvat(regio))
        .ok_or(AppError::GeenToegang)
}

/// The most recent year with a registered moment in the region (kept per instance as
/// [`laatste_jaar_bij`] does for the moment list).
pub async fn laatste_jaar(db: &Db, g: &Gebruiker, regio: &RegioCode) -> AppResult<Option<String>> {
    let inzage = inzage_van_regio(g, regio)?;
    let markers = Markeringen::lezen(db).await?;
    laatste_jaar_bij(db, &inzage, regio, &markers).await
}

/// The region's Actie-overleggen with their active members (a deactivated organisation no
/// longer attends; its past attendance stays in the indicators).
pub async fn overleggen(db: &Db, g: &Gebruiker, regio: &RegioCode) -> AppResult<Vec<Overleg>> {
    let mut overleggen = repo::overleggen(db, &inzage_van_regio(g, regio)?, regio).await?;
    zonder_inactieve_leden(db, regio, &mut overleggen).await?;
    Ok(overleggen)
}

pub(super) async fn zonder_inactieve_leden(
    db: &Db,
    regio: &RegioCode,
    overleggen: &mut [Overleg],
) -> AppResult<()> {
    let actief: Vec<OrganisatieId> = crate::organisatie::repo::van_regio(db, regio)
        .await?
        .into_iter()
        .filter(|o| o.actief)
        .map(|o| o.id)
        .collect();
    for o in overleggen {
        o.organisaties.retain(|(id, ..)| actief.contains(id));
    }
    Ok(())
}

/// The region's meetings with `datum` in `[van, tot)`, with attendance.
pub async fn vergaderingen(
    db: &Db,
    g: &Gebruiker,
    regio: &RegioCode,
    van: &str,
    tot: &str,
) -> AppResult<Vec<Vergadering>> {
    Ok(repo::vergaderingen(db, &inzage_van_regio(g, regio)?, regio, van, tot).await?)
}

/// The region's directory of contact persons and bureaudiensten.
pub async fn contactpunten(
    db: &Db,
    g: &Gebruiker,
    regio: &RegioCode,
) -> AppResult<Vec<Contactpunt>> {
    Ok(repo::contactpunten(db, &inzage_van_regio(g, regio)?, regio).await?)
}

/// `[van, tot)` of a period: a year `JJJJ`.
pub fn periode_grenzen(periode: &str) -> AppResult<(String, String)> {
    let jaar: i32 = periode
        .trim()
        .parse()
        .ok()
        .filter(|j| (2000..=2100).contains(j))
        .ok_or_else(|| {
            AppError::Validatie(vec![Veldfout::new(
                "periode",
                format!("'{periode}' is geen geldig jaar (bijvoorbeeld 2025)."),
            )])
        })?;
    Ok((format!("{jaar}-01-01"), format!("{}-01-01", jaar + 1)))
}

/// How many afspraken [`te_laat`] lists, without reading them; `marker` changes with every
/// write anywhere ([`Markeringen::samen`]).
async fn aantal_te_laat(db: &Db, g: &Gebruiker, marker: i64) -> AppResult<i64> {
    inzage_van_regio(g, &g.regio_code)?;
    let Some(d) = permissions::deelname(g) else {
        return Ok(0);
    };
    // On every list view, and 2 ms of PostgreSQL time for a Veilig Thuis organisation chairing
    // hundreds of moments: kept per organisation and day while no afspraak or participation
    // anywhere changed (their triggers bump `indicator_versie`: 0016, 0022).
    static AANTALLEN: Geheugen<(Option<OrganisatieId>, String), i64> = Geheugen::nieuw(&[]);
    let vandaag = crate::db::vandaag();
    let aantal = AANTALLEN
        .bij_versies(
            db,
            [marker, 0, 0],
            &(d.organisatie(), vandaag.clone()),
            repo::aantal_afspraken_te_laat(db, &d, &vandaag),
        )
        .await?;
    Ok(*aantal)
}

/// Open afspraken past their deadline for the user's organisation (as owner or chair).
pub async fn te_laat(db: &Db, g: &Gebruiker) -> AppResult<Vec<Afspraak>> {
    inzage_van_regio(g, &g.regio_code)?;
    // Only a partner organisation owns afspraken or chairs; the network sees none of its own.
    let Some(d) = permissions::deelname(g) else {
        return Ok(vec![]);
    };
    let mut afspraken = repo::afspraken_te_laat(db, &d, &crate::db::vandaag()).await?;
    // The list shows no free text; it is read (and audited) on the moment itself.
    afspraken.iter_mut().for_each(Afspraak::verberg_vrije_tekst);
    Ok(afspraken)
}

/// A part of the moment list for the API: `(limiet, offset)` of the region-year's moments
/// (newest first, process data only) and how many there are in all.
pub async fn momenten_deel(
    db: &Db,
    g: &Gebruiker,
    (regio, filter, jaar): (&RegioCode, &Lijstfilter, &str),
    (limiet, offset): (i64, i64),
) -> AppResult<(Vec<Moment>, i64)> {
    let inzage = inzage_van_regio(g, regio)?;
    let (van, tot) = periode_grenzen(jaar)?;
    let periode = (van.as_str(), tot.as_str());
    let totaal = repo::aantal_momenten(db, &inzage, regio, filter, periode).await?;
    let mut momenten =
        repo::momenten_pagina(db, &inzage, regio, filter, periode, (limiet, offset)).await?;
    momenten.iter_mut().for_each(Moment::verberg_vrije_tekst);
    Ok((momenten, totaal))
}

/// The afspraken the user's organisation owns (optionally of one status, or only those named to
/// the user), by deadline: `(limiet, offset)` of them and how many in all. Free text stays on
/// the moment, where its reading is audited. Nobody without a partner organisation owns any.
pub async fn afspraken_van_organisatie(
    db: &Db,
    g: &Gebruiker,
    (status, alleen_eigen): (Option<AfspraakStatus>, bool),
    (limiet, offset): (i64, i64),
) -> AppResult<(Vec<Afspraak>, i64)> {
    inzage_van_regio(g, &g.regio_code)?;
    let Some(d) = permissions::deelname(g) else {
        return Ok((vec![], 0));
    };
    let (mut lijst, totaal) = repo::afspraken_van_organisatie(
        db,
        &d,
        (status, alleen_eigen.then_some(g.id)),
        (limiet, offset),
    )
    .await?;
    lijst.iter_mut().for_each(Afspraak::verberg_vrije_tekst);
    Ok((lijst, totaal))
}
