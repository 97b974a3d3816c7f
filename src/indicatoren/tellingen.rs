//! Counting a region-year: the counts the indicators are built from ([`Tellingen`]), counted
//! by the database ([`tellen`]) or from in-memory registrations ([`Tellingen::uit_invoer`]),
//! and stored per region-year (`indicator_telling`, migration 0027) so that a page view reads
//! them instead of counting.

use super::Invoer;
use crate::casus::model::{self, AfspraakStatus, Dagdeel, Moment, Soort, Status};
use crate::casus::model::{dagen_tussen, minuten_tussen};
use crate::casus::{repo, service};
use crate::db::Db;
use crate::error::AppResult;
use crate::gedeeld::OrganisatieId;
use crate::gedeeld::RegioCode;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Repeat flags of the region's cases that started in `[van, tot)`: one per case that has a
/// pseudonym or a frozen flag; cases with neither are left out.
///
/// `basis` holds (casus id, regio, start, pseudonym, frozen flag) for at least every case that
/// shares a pseudonym with a case of the region. The in-memory statement of the rule that
/// `repo::herhaling_telling` evaluates in the database.
/// A frozen flag wins: retention freezes it for every case sharing an erased pseudonym, before
/// the erasure makes the earlier case invisible to [`model::herhalingen`].
pub fn herhaal_vlaggen(
    basis: &[repo::HerhaalRij],
    regio: &RegioCode,
    van: &str,
    tot: &str,
) -> Vec<bool> {
    let invoer: Vec<(i64, String, Option<String>)> = basis
        .iter()
        .map(|(id, _, start, p, _)| (*id, start.clone(), p.clone()))
        .collect();
    let berekend = model::herhalingen(&invoer);
    basis
        .iter()
        .filter(|(_, r, start, _, _)| r == regio && start.as_str() >= van && start.as_str() < tot)
        .filter_map(|(id, _, _, _, bevroren)| bevroren.or_else(|| berekend.get(id).copied()))
        .collect()
}

/// A teller and its noemer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deel {
    pub teller: u64,
    pub noemer: u64,
}

impl Deel {
    fn tel(&mut self, in_teller: bool, in_noemer: bool) {
        if in_noemer {
            self.noemer += 1;
            if in_teller {
                self.teller += 1;
            }
        }
    }
    pub(super) fn plus(self, o: Deel) -> Deel {
        Deel {
            teller: self.teller + o.teller,
            noemer: self.noemer + o.noemer,
        }
    }
}

/// The ZSM counts of one part of the week (or of the cases without a valid time of arrest).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZsmTelling {
    pub aantal: u64,
    pub betrokken: Deel,
    pub contact: Deel,
    /// Teller: contact with VT sought; noemer: with that recorded.
    pub contact_gezocht: Deel,
    /// Teller: first decision within the 9-hour term; noemer: with a valid decision time.
    pub binnen_termijn: Deel,
    pub afdoeningsoverleg: Deel,
    pub geinformeerd: Deel,
    pub beoordeling: Deel,
    pub heenzending: Deel,
}

impl ZsmTelling {
    pub(super) fn plus(self, o: ZsmTelling) -> ZsmTelling {
        ZsmTelling {
            aantal: self.aantal + o.aantal,
            betrokken: self.betrokken.plus(o.betrokken),
            contact: self.contact.plus(o.contact),
            contact_gezocht: self.contact_gezocht.plus(o.contact_gezocht),
            binnen_termijn: self.binnen_termijn.plus(o.binnen_termijn),
            afdoeningsoverleg: self.afdoeningsoverleg.plus(o.afdoeningsoverleg),
            geinformeerd: self.geinformeerd.plus(o.geinformeerd),
            beoordeling: self.beoordeling.plus(o.beoordeling),
            heenzending: self.heenzending.plus(o.heenzending),
        }
    }
}

/// Everything the indicators of a region-year are built from, before suppression: counts and
/// the observations behind the medians. [`voor_regio`] has the database count them
/// (`repo::kenmerk_tellingen` and friends); [`Tellingen::uit_invoer`] counts in-memory inputs
/// the same way. Both feed [`bouw`].
/// Stored as JSON in `indicator_telling` (see [`TELLING_FORMAAT`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Tellingen {
    /// Repeat rate: teller = repeated cases, noemer = cases with a pseudonym or frozen flag.
    pub herhaling: Deel,
    pub acuut: u64,
    /// Teller: ter plaatse; noemer: with a recorded reactie.
    pub acuut_ter_plaatse: Deel,
    /// Response times in minutes (non-negative), ascending (sorted when counted).
    pub acuut_responstijden: Vec<f64>,
    pub acuut_beoordeeld: u64,
    pub acuut_gemeld: u64,
    pub ao: u64,
    /// Teller: afgewezen; noemer: decided in the voorbespreking.
    pub ao_afgewezen: Deel,
    /// Per referral criterion the inbrenger named (`casus::velden::CRITERIA` code): teller =
    /// accepted, noemer = decided in the voorbespreking. Aanmeldingen without one are left out.
    pub ao_criteria: BTreeMap<String, Deel>,
    /// Days from aanmelding to bespreking (non-negative), ascending.
    pub ao_doorlooptijden: Vec<f64>,
    /// Per organisation id: teller = meetings attended, noemer = attendance recorded.
    pub aanwezigheid: BTreeMap<OrganisatieId, Deel>,
    pub afspraken_op_tijd: Deel,
    pub ao_terugkoppeling: Deel,
    /// ZSM by the time of arrest: werkdagen (day and evening), weekend, no valid time.
    pub zsm_werkdag: ZsmTelling,
    pub zsm_weekend: ZsmTelling,
    pub zsm_zonder_dagdeel: ZsmTelling,
    pub ssk: u64,
    /// Hours to the first OM consultation (non-negative), ascending.
    pub ssk_consultatie: Vec<f64>,
    pub ssk_anoniem: Deel,
    pub ssk_onderzoeksplan: u64,
}

impl Tellingen {
    /// Sorts the observations behind the medians once, so that building the indicators (every
    /// view, from memory) does not sort them again.
    pub(super) fn gesorteerd(mut self) -> Self {
        for v in [
            &mut self.acuut_responstijden,
            &mut self.ao_doorlooptijden,
            &mut self.ssk_consultatie,
        ] {
            v.sort_by(f64::total_cmp);
        }
        self
    }

    /// Counts in-memory inputs (the region's moments, afspraken and meetings of the period).
    pub fn uit_invoer(i: &Invoer) -> Tellingen {
        let mut t = Tellingen {
            herhaling: Deel {
                teller: i.herhalingen.iter().filter(|h| **h).count() as u64,
                noemer: i.herhalingen.len() as u64,
            },
            ..Default::default()
        };
        let gevuld = |m: &Moment, code: &str| !m.waarde(code).is_empty();
        for m in i.momenten {
            match m.soort {
                Soort::Acuut => {
                    t.acuut += 1;
                    t.acuut_ter_plaatse
                        .tel(m.waarde("reactie") == "ter_plaatse", gevuld(m, "reactie"));
                    if let Some(x) = minuten_tussen(&m.tijdstip, m.waarde("reactie_tijdstip"))
                        .filter(|x| *x >= 0)
                    {
                        t.acuut_responstijden.push(x as f64);
                    }
                    t.acuut_beoordeeld += u64::from(m.ja("veiligheidsbeoordeling"));
                    t.acuut_gemeld += u64::from(gevuld(m, "vt_melding_datum"));
                }
                Soort::Actieoverleg => {
                    t.ao += 1;
                    // Every status after "ingediend" means the chair decided in the voorbespreking.
                    let besloten = !matches!(m.status, Status::Ingediend | Status::Open);
                    let afgewezen = m.status == Status::Afgewezen;
                    t.ao_afgewezen.tel(afgewezen, besloten);
                    let criterium = m.waarde("criterium");
                    if besloten && !criterium.is_empty() {
                        t.ao_criteria
                            .entry(criterium.to_string())
                            .or_default()
                            .tel(!afgewezen, true);
                    }
                    if let Some(x) =
                        dagen_tussen(&m.tijdstip, m.waarde("besproken_op")).filter(|x| *x >= 0)
                    {
                        t.ao_doorlooptijden.push(x as f64);
                    }
                    t.ao_terugkoppeling.tel(
                        gevuld(m, "terugkoppeling_op"),
                        matches!(
                            m.status,
                            Status::Afgewezen
                                | Status::Besproken
                                | Status::AfsprakenLopen
                                | Status::Afgerond
                        ),
                    );
                }
                Soort::Zsm => {
                    let z = match model::dagdeel(&m.tijdstip) {
                        Some(Dagdeel::Werkdag | Dagdeel::Avond) => &mut t.zsm_werkdag,
                        Some(Dagdeel::Weekend) => &mut t.zsm_weekend,
                        None => &mut t.zsm_zonder_dagdeel,
                    };
                    z.aantal += 1;
                    z.betrokken.tel(
                        matches!(m.waarde("vt_betrokkenheid"), "aan_tafel" | "telefonisch"),
                        gevuld(m, "vt_betrokkenheid"),
                    );
                    z.contact
                        .tel(m.ja("contact_verkregen"), gevuld(m, "contact_verkregen"));
                    z.contact_gezocht
                        .tel(m.ja("contact_gezocht"), gevuld(m, "contact_gezocht"));
                    let ophoud =
                        model::ophoud_minuten(&m.tijdstip, m.waarde("beslissing_tijdstip"));
                    z.binnen_termijn.tel(
                        ophoud.is_some_and(|x| (0..=model::OPHOUD_MINUTEN).contains(&x)),
                        ophoud.is_some(),
                    );
                    z.afdoeningsoverleg.tel(
                        m.ja("vt_afdoeningsoverleg"),
                        gevuld(m, "vt_afdoeningsoverleg"),
                    );
                    z.geinformeerd
                        .tel(m.ja("vt_geinformeerd"), gevuld(m, "beslissing"));
                    let tijdstip = m.waarde("beslissing_tijdstip");
                    let voor = m.ja("veiligheidsbeoordeling")
                        && minuten_tussen(m.waarde("beoordeling_tijdstip"), tijdstip)
                            .is_some_and(|x| x >= 0);
                    z.beoordeling.tel(voor, !tijdstip.is_empty());
                    let beslissing = m.waarde("beslissing");
                    z.heenzending.tel(
                        beslissing == "heenzenden_voorwaarden" || m.ja("veiligheidsvoorwaarden"),
                        matches!(beslissing, "heenzenden" | "heenzenden_voorwaarden"),
                    );
                }
                Soort::Ssk => {
                    t.ssk += 1;
                    if let Some(x) =
                        minuten_tussen(&m.tijdstip, m.waarde("om_consultatie")).filter(|x| *x >= 0)
                    {
                        t.ssk_consultatie.push(x as f64 / 60.0);
                    }
                    t.ssk_anoniem.tel(m.ja("anoniem"), gevuld(m, "anoniem"));
                    t.ssk_onderzoeksplan += u64::from(m.ja("onderzoeksplan"));
                }
            }
        }
        for v in i.vergaderingen {
            // One recorded attendance per organisation and meeting (the primary key).
            for (org, aanwezig) in &v.aanwezigheid {
                t.aanwezigheid.entry(*org).or_default().tel(*aanwezig, true);
            }
        }
        for a in i.afspraken.iter().filter(|a| {
            a.moment_soort == Soort::Actieoverleg && a.status != AfspraakStatus::Vervallen
        }) {
            t.afspraken_op_tijd.tel(
                a.op_tijd_gereed(),
                a.status == AfspraakStatus::Gereed || a.deadline.as_str() <= i.vandaag,
            );
        }
        t.gesorteerd()
    }

    /// The database's counts (see `repo::kenmerk_tellingen` and friends).
    fn uit_database(
        groepen: &[repo::KenmerkTelling],
        duren: &[(String, i64, i64)],
        aanwezigheid: &[(OrganisatieId, i64, i64)],
        afspraken: (i64, i64),
        herhaling: (i64, i64),
    ) -> Tellingen {
        let n = |x: i64| u64::try_from(x).unwrap_or(0);
        let deel = |teller: i64, noemer: i64| Deel {
            teller: n(teller),
            noemer: n(noemer),
        };
        let mut t = Tellingen {
            herhaling: deel(herhaling.1, herhaling.0),
            afspraken_op_tijd: deel(afspraken.1, afspraken.0),
            aanwezigheid: aanwezigheid
                .iter()
                .map(|(org, vastgelegd, aanwezig)| (*org, deel(*aanwezig, *vastgelegd)))
                .collect(),
            ..Default::default()
        };
        for g in groepen {
            match Soort::parse(&g.soort) {
                Some(Soort::Acuut) => {
                    t.acuut += n(g.aantal);
                    t.acuut_ter_plaatse = t
                        .acuut_ter_plaatse
                        .plus(deel(g.ter_plaatse, g.reactie_gevuld));
                    t.acuut_beoordeeld += n(g.beoordeeld);
                    t.acuut_gemeld += n(g.vt_gemeld);
                }
                Some(Soort::Actieoverleg) => {
                    // As `repo::moment` reads an unknown status.
                    let status = Status::parse(&g.status).unwrap_or(Status::Open);
                    t.ao += n(g.aantal);
                    if !matches!(status, Status::Ingediend | Status::Open) {
                        let afgewezen = status == Status::Afgewezen;
                        let x = |ja: bool| deel(if ja { g.aantal } else { 0 }, g.aantal);
                        t.ao_afgewezen = t.ao_afgewezen.plus(x(afgewezen));
                        if let Some(c) = g.criterium.as_deref().filter(|c| !c.is_empty()) {
                            let d = t.ao_criteria.entry(c.to_string()).or_default();
                            *d = d.plus(x(!afgewezen));
                        }
                    }
                    if matches!(
                        status,
                        Status::Afgewezen
                            | Status::Besproken
                            | Status::AfsprakenLopen
                            | Status::Afgerond
                    ) {
                        t.ao_terugkoppeling =
                            t.ao_terugkoppeling.plus(deel(g.teruggekoppeld, g.aantal));
                    }
                }
                Some(Soort::Zsm) => {
                    let z = ZsmTelling {
                        aantal: n(g.aantal),
                        betrokken: deel(g.betrokken, g.betrokken_gevuld),
                        contact: deel(g.contact, g.contact_gevuld),
                        contact_gezocht: deel(g.contact_gezocht, g.contact_gezocht_gevuld),
                        binnen_termijn: deel(g.binnen_termijn, g.ophoud_gevuld),
                        afdoeningsoverleg: deel(g.afdoening, g.afdoening_gevuld),
                        geinformeerd: deel(g.geinformeerd, g.beslissing_gevuld),
                        beoordeling: deel(g.voor_beslissing, g.beslissing_tijdstip_gevuld),
                        heenzending: deel(g.heenzending_voorwaarden, g.heenzending),
                    };
                    let doel = match g.dagdeel.as_deref().and_then(Dagdeel::parse) {
                        Some(Dagdeel::Werkdag | Dagdeel::Avond) => &mut t.zsm_werkdag,
                        Some(Dagdeel::Weekend) => &mut t.zsm_weekend,
                        None => &mut t.zsm_zonder_dagdeel,
                    };
                    *doel = doel.plus(z);
                }
                Some(Soort::Ssk) => {
                    t.ssk += n(g.aantal);
                    t.ssk_anoniem = t.ssk_anoniem.plus(deel(g.anoniem, g.anoniem_gevuld));
                    t.ssk_onderzoeksplan += n(g.onderzoeksplan);
                }
                None => {}
            }
        }
        for (soort, waarde, aantal) in duren {
            let (lijst, x) = match soort.as_str() {
                "acuut" => (&mut t.acuut_responstijden, *waarde as f64),
                "actieoverleg" => (&mut t.ao_doorlooptijden, *waarde as f64),
                "ssk" => (&mut t.ssk_consultatie, *waarde as f64 / 60.0),
                _ => continue,
            };
            lijst.extend(std::iter::repeat_n(x, n(*aantal) as usize));
        }
        t.gesorteerd()
    }
}

/// `YYYY-MM-DD` as the number `YYYYMMDD`, to key counts by the day they were made.
pub(super) fn dagnummer(dag: &str) -> i64 {
    dag.chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap_or(0)
}

/// The shape of [`Tellingen`] as stored in `indicator_telling.tellingen` (JSON); raise it when
/// the struct changes, so that rows of the old shape are counted again instead of read.
const TELLING_FORMAAT: i64 = 3;

/// A region-year's counts as stored by [`opgeslagen_bijwerken`] when they were counted at
/// exactly `versie` (its change marker, read by the caller before) on day `dag`; otherwise
/// counted now. Never writes: a page view only reads.
pub(super) async fn opgeslagen_of_tellen(
    db: &Db,
    (regio, jaar): &(RegioCode, String),
    (versie, dag): (i64, i64),
    grenzen: &(String, String),
    vandaag: &str,
) -> AppResult<Tellingen> {
    let opgeslagen = repo::opgeslagen_telling(db, regio, jaar, (versie, dag, TELLING_FORMAAT));
    if let Some(t) = opgeslagen
        .await?
        .and_then(|json| serde_json::from_str::<Tellingen>(&json).ok())
    {
        return Ok(t.gesorteerd());
    }
    tellen(db, regio, grenzen, vandaag).await
}

/// Counts every region-year whose stored counts (`indicator_telling`, migration 0027) are
/// missing or stale (another marker, another day, another shape) and stores them, so that a
/// started or second instance reads 50 rows instead of counting 50 region-years (2.6 s on the
/// national dataset, SQLite). Run by `serve` in the background ([`bijhouden`]) and at the end of
/// `demo` and `casus import`. Each marker is read before its region-year is counted, so a write
/// during the count leaves a stale row (counted again next time), never a wrong one. Returns
/// the number of region-years counted.
pub async fn opgeslagen_bijwerken(db: &Db) -> AppResult<usize> {
    let vandaag = crate::db::vandaag();
    let dag = dagnummer(&vandaag);
    let mut geteld = 0;
    for (regio, jaar, versie) in repo::verouderde_tellingen(db, dag, TELLING_FORMAAT).await? {
        // A year the markers hold but no period can be made of is left to be counted on view.
        let Ok(grenzen) = service::periode_grenzen(&jaar) else {
            continue;
        };
        let t = tellen(db, &regio, &grenzen, &vandaag).await?;
        let json =
            serde_json::to_string(&t).map_err(|e| crate::error::AppError::Intern(e.into()))?;
        repo::telling_opslaan(db, &regio, &jaar, (versie, dag, TELLING_FORMAAT), &json).await?;
        geteld += 1;
    }
    Ok(geteld)
}

/// Forgets every stored count (`voorop casus indicatoren --opnieuw`): the next refresh counts
/// every region-year.
pub async fn opgeslagen_vergeten(db: &Db) -> AppResult<()> {
    Ok(repo::tellingen_vergeten(db).await?)
}

/// `voorop casus indicatoren [--opnieuw]`, and the step after `voorop casus import`: brings the
/// stored counts up to date (all of them again with `opnieuw`) and says how many.
pub async fn bijwerken_en_melden(db: &Db, opnieuw: bool) -> AppResult<()> {
    let begin = std::time::Instant::now();
    if opnieuw {
        opgeslagen_vergeten(db).await?;
    }
    let n = opgeslagen_bijwerken(db).await?;
    println!(
        "Indicatortellingen opgeslagen voor {n} regio-jaren in {:.2} s.",
        begin.elapsed().as_secs_f64()
    );
    Ok(())
}

/// How often `serve` brings the stored counts up to date ([`bijhouden`]).
const BIJHOUDEN_ELKE: std::time::Duration = std::time::Duration::from_secs(60);

/// Keeps the stored counts up to date for as long as the server runs (started by `serve`): at
/// start and every [`BIJHOUDEN_ELKE`], whatever changed since is counted again. Several
/// instances may each do this; the store keeps the newest count. Errors are logged without
/// data and tried again next time.
pub fn bijhouden(db: Db) {
    tokio::spawn(async move {
        let mut klok = tokio::time::interval(BIJHOUDEN_ELKE);
        klok.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        loop {
            klok.tick().await;
            match opgeslagen_bijwerken(&db).await {
                Ok(0) => {}
                Ok(n) => {
                    tracing::debug!(regiojaren = n, "opgeslagen indicatortellingen bijgewerkt");
                }
                Err(e) => {
                    tracing::warn!(fout = %e, "opgeslagen indicatortellingen niet bijgewerkt");
                }
            }
        }
    });
}

/// Counts a region-year in the database, without memory: each query reads one index range of
/// the region-year (typed columns generated from `moment.gegevens`, migration 0015), the repeat
/// rate probes one index per case, so the cost follows the region-year, not the history. The
/// queries run side by side on the pool.
pub async fn tellen(
    db: &Db,
    regio: &RegioCode,
    (van, tot): &(String, String),
    vandaag: &str,
) -> AppResult<Tellingen> {
    let s = &crate::auth::permissions::voor_aggregaten();
    let (groepen, duren, aanwezigheid, afspraken, herhaling) = tokio::try_join!(
        repo::kenmerk_tellingen(db, s, regio, van, tot),
        repo::kenmerk_duren(db, s, regio, van, tot),
        repo::aanwezigheid_telling(db, s, regio, van, tot),
        repo::afspraken_telling(db, s, regio, (van, tot), vandaag),
        repo::herhaling_telling(db, s, regio, van, tot),
    )?;
    Ok(Tellingen::uit_database(
        &groepen,
        &duren,
        &aanwezigheid,
        afspraken,
        herhaling,
    ))
}
