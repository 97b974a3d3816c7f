//! Storing a batch of checked rows: a handful of multi-row statements per batch instead of
//! some fifteen statements per row (see `bench/`). The result is what registering each row's
//! moment in the application and then setting its imported status would give, row by row:
//! the same cases, moments, participations and personal data, and the same audit events in
//! the same order, with each event's data subject and purpose as they were at that point.
//! Only the step in between (a moment first stored with its kind's start status, then
//! updated) is not written: the moment is stored with its final status.

use super::{Rij, hex, melding};
use crate::audit::repo::Onderwerp;
use crate::audit::{self, Actor, AuditEvent};
use crate::auth::permissions;
use crate::casus::model::{DeelnemerRol, Soort, Status};
use crate::casus::repo::{self, NieuwMoment, NieuweCasus, NieuweMomenten};
use crate::casus::service;
use crate::db::bulk::nieuwe_ids;
use crate::error::{AppError, AppResult, Veldfout};
use crate::gedeeld::OrganisatieId;
use crate::gedeeld::RegioCode;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The stored form of a `casus_ref` while an import runs: SHA-256 over the file's hash and the
/// reference (the reference itself is not stored; the rows go when the import completes).
fn ref_hash(bestand: &str, casus_ref: &str) -> String {
    let mut h = Sha256::new();
    h.update(bestand.as_bytes());
    h.update([0]);
    h.update(casus_ref.as_bytes());
    hex(&h.finalize())
}

/// Where an import stands (its `casus_import` row).
#[derive(Clone)]
pub(super) struct Stand {
    pub id: i64,
    pub sha: String,
    pub laatste_rij: usize,
    pub momenten: usize,
    pub casussen: usize,
}

/// What planning found for a row.
struct Regel {
    casus: Casus,
    /// The case's pseudonym once this row is stored.
    pseudoniem: Option<String>,
    deelnemers: Vec<(OrganisatieId, DeelnemerRol)>,
    overleg: Option<i64>,
}

/// The case of a row while a batch is planned.
#[derive(Clone, Copy)]
enum Casus {
    /// Made by an earlier batch of this import.
    Bestaand(i64),
    /// Made in this batch: index into `NieuweMomenten::casussen`.
    Nieuw(usize),
}

/// An error only storing can find (a case closed since an earlier batch, an organisation no
/// longer a partner of the region) names the row (never a value).
fn in_rij(rij: &Rij, e: AppError) -> AppError {
    match e {
        AppError::Validatie(f) => AppError::Validatie(
            f.into_iter()
                .map(|f| Veldfout::new(f.veld.clone(), melding(rij.nummer, None, &f.melding)))
                .collect(),
        ),
        e => e,
    }
}

/// Row `rij` in the batch's new case `n` (a case of its own when `n` is the number of cases so
/// far): the case gets the pseudonym of its first row that has one and the start of its
/// earliest moment. Returns the case and its pseudonym once this row is stored.
fn in_nieuwe_casus(
    casussen: &mut Vec<NieuweCasus>,
    n: usize,
    rij: &Rij,
) -> (Casus, Option<String>) {
    let r = &rij.registratie;
    if n == casussen.len() {
        casussen.push(NieuweCasus {
            id: 0,
            regio: rij.regio,
            pseudoniem: None,
            eerste_tijdstip: r.tijdstip.clone(),
        });
    }
    let c = &mut casussen[n];
    if c.pseudoniem.is_none() {
        c.pseudoniem.clone_from(&r.pseudoniem);
    }
    if r.tijdstip < c.eerste_tijdstip {
        c.eerste_tijdstip.clone_from(&r.tijdstip);
    }
    (Casus::Nieuw(n), c.pseudoniem.clone())
}

/// Stores one batch in one transaction on the import's own connection
/// ([`crate::db::wal::eigen_schrijver`]): its moments, the progress record and one audit entry
/// for the batch besides those of each moment. `laatste`: the file is done, so the import is
/// marked complete and its references go (`(verder, laatste)`: where the file goes on after
/// these rows, and whether it ends there).
pub(super) async fn batch_opslaan(
    conn: &mut crate::db::Conn,
    actor: &Actor,
    stand: &mut Stand,
    rijen: Vec<Rij>,
    (verder, laatste): (&csv::Position, bool),
    per_soort: &mut BTreeMap<&'static str, usize>,
) -> AppResult<()> {
    let systeem = permissions::systeem();
    let t0 = std::time::Instant::now();
    let mut tx = crate::db::begin_op(conn).await?;
    let op = crate::db::nu();

    // The cases earlier batches made of this batch's references.
    let hashes: Vec<Option<String>> = rijen
        .iter()
        .map(|r| r.casus_ref.as_deref().map(|c| ref_hash(&stand.sha, c)))
        .collect();
    let mut uniek: Vec<&str> = hashes.iter().flatten().map(String::as_str).collect();
    uniek.sort_unstable();
    uniek.dedup();
    let mut bekend = repo::import_refs(&mut tx, &systeem, stand.id, &uniek).await?;

    // The Actie-overleg and its chair per region, for aanmeldingen (the check refused regions
    // with more than one).
    let mut overleggen: HashMap<RegioCode, (Option<i64>, Option<OrganisatieId>)> = HashMap::new();
    for rij in rijen
        .iter()
        .filter(|r| r.registratie.soort == Soort::Actieoverleg)
    {
        if let std::collections::hash_map::Entry::Vacant(e) = overleggen.entry(rij.regio) {
            let reg = systeem.registratie(&rij.regio);
            let o = service::overleg_en_voorzitter(&mut tx, &reg, rij.registratie.overleg)
                .await
                .map_err(|e| in_rij(rij, e))?;
            e.insert(o);
        }
    }

    // Plan every row: its case (and that case's pseudonym at this row, the data subject of its
    // audit events), its participations.
    let mut plan = NieuweMomenten::default();
    let mut nieuw_per_ref: HashMap<&str, usize> = HashMap::new();
    let mut partners: HashSet<(OrganisatieId, RegioCode)> = HashSet::new();
    let mut regels: Vec<Regel> = Vec::with_capacity(rijen.len());
    for (rij, hash) in rijen.iter().zip(&hashes) {
        let r = &rij.registratie;
        let volgende = plan.casussen.len();
        let (casus, pseudoniem) = match hash.as_deref().map(|h| (h, bekend.get_mut(h))) {
            Some((_, Some((id, status, pseudoniem)))) => {
                if status != "open" {
                    let f = Veldfout::new(
                        "casus_ref",
                        format!("Casus {id} is gesloten; heropen hem eerst."),
                    );
                    return Err(in_rij(rij, AppError::Validatie(vec![f])));
                }
                if let (None, Some(p)) = (&pseudoniem, &r.pseudoniem) {
                    let reg = systeem.registratie(&rij.regio);
                    repo::pseudoniem_aanvullen(&mut tx, &reg, crate::gedeeld::CasusId(*id), p)
                        .await?;
                    *pseudoniem = Some(p.clone());
                }
                (Casus::Bestaand(*id), pseudoniem.clone())
            }
            Some((h, None)) => {
                let n = *nieuw_per_ref.entry(h).or_insert(volgende);
                in_nieuwe_casus(&mut plan.casussen, n, rij)
            }
            None => in_nieuwe_casus(&mut plan.casussen, volgende, rij),
        };
        let (overleg, voorzitter) = match r.soort {
            Soort::Actieoverleg => overleggen.get(&rij.regio).copied().unwrap_or_default(),
            _ => (None, None),
        };
        let deelnemers = service::eerste_deelnemers(r, rij.organisatie_id, voorzitter);
        for (org, rol) in &deelnemers {
            if *rol == DeelnemerRol::Betrokken && partners.insert((*org, rij.regio)) {
                service::ketenpartner_in_regio(&mut tx, *org, &rij.regio, "deelnemers")
                    .await
                    .map_err(|e| in_rij(rij, e))?;
            }
        }
        regels.push(Regel {
            casus,
            pseudoniem,
            deelnemers,
            overleg,
        });
    }

    let t_plan = t0.elapsed();
    // Ids for everything new, then the rows.
    let casus_ids = nieuwe_ids(&mut tx, "casus", plan.casussen.len()).await?;
    for (c, id) in plan.casussen.iter_mut().zip(&casus_ids) {
        c.id = *id;
    }
    let moment_ids = nieuwe_ids(&mut tx, "moment", rijen.len()).await?;
    let aantal_deelnames = regels.iter().map(|r| r.deelnemers.len()).sum();
    let mut deelname_ids = nieuwe_ids(&mut tx, "moment_deelnemer", aantal_deelnames)
        .await?
        .into_iter();
    for (h, n) in &nieuw_per_ref {
        plan.refs.push(((*h).to_string(), casus_ids[*n]));
    }
    let nieuw = plan.casussen.len();
    let mut audit_events: Vec<(AuditEvent, Onderwerp)> = Vec::with_capacity(rijen.len() * 3 + 1);
    let aantal = rijen.len();
    let (van_rij, tot_rij) = (
        rijen.first().map_or(stand.laatste_rij, |r| r.nummer),
        rijen.last().map_or(stand.laatste_rij, |r| r.nummer),
    );
    for ((rij, regel), id) in rijen.into_iter().zip(regels).zip(moment_ids) {
        let id = crate::gedeeld::MomentId(id);
        let Regel {
            casus,
            pseudoniem,
            deelnemers,
            overleg,
        } = regel;
        let r = rij.registratie;
        let begin = r.soort.begin_status();
        let status = rij.status.unwrap_or(begin);
        let onderwerp = |s: Status| Onderwerp {
            pseudoniem: pseudoniem.clone(),
            moment: Some((r.soort.code(), s.code())),
        };
        audit_events.extend(
            service::registratie_events(id, &r)
                .into_iter()
                .map(|e| (e, onderwerp(begin))),
        );
        if status != begin {
            audit_events.push((
                AuditEvent::MomentGewijzigd {
                    moment: id,
                    wat: status.code(),
                },
                onderwerp(status),
            ));
        }
        *per_soort.entry(r.soort.code()).or_default() += 1;
        plan.momenten.push(NieuwMoment {
            id: id.0,
            casus_id: match casus {
                Casus::Bestaand(id) => id,
                Casus::Nieuw(n) => casus_ids[n],
            },
            regio: rij.regio,
            soort: r.soort,
            tijdstip: r.tijdstip,
            status,
            proces: r.waarden.proces,
            persoon: r.waarden.persoon,
            organisatie_id: rij.organisatie_id,
            overleg_id: overleg,
            deelnames: deelnemers
                .into_iter()
                .map(|(org, rol)| (deelname_ids.next().unwrap_or_default(), org, rol))
                .collect(),
        });
    }
    let t_ids = t0.elapsed();
    repo::nieuw_opslaan(&mut tx, &systeem, stand.id, &plan, actor, &op).await?;
    let t_rijen = t0.elapsed();
    repo::import_voortgang(
        &mut tx,
        &repo::ImportVoortgang {
            id: stand.id,
            laatste_rij: tot_rij,
            momenten: stand.momenten + aantal,
            casussen: stand.casussen + nieuw,
            verder_byte: verder.byte(),
            verder_regel: verder.line(),
            verder_record: verder.record(),
            voltooid: laatste,
            op,
        },
    )
    .await?;
    if aantal > 0 {
        audit_events.push((
            AuditEvent::CasusImport {
                import: stand.id,
                momenten: aantal,
                van_rij,
                tot_rij,
            },
            Onderwerp::default(),
        ));
    }
    audit::repo::schrijf_reeks(&mut tx, actor, audit_events).await?;
    let t_audit = t0.elapsed();
    tx.commit().await?;
    tracing::debug!(
        rijen = aantal,
        plannen_ms = t_plan.as_millis() as u64,
        ids_ms = (t_ids - t_plan).as_millis() as u64,
        rijen_ms = (t_rijen - t_ids).as_millis() as u64,
        audit_ms = (t_audit - t_rijen).as_millis() as u64,
        commit_ms = (t0.elapsed() - t_audit).as_millis() as u64,
        "batch opgeslagen"
    );
    stand.laatste_rij = tot_rij;
    stand.momenten += aantal;
    stand.casussen += nieuw;
    Ok(())
}
