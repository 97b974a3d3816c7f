//! The small demo's cases: the plan: what happened in the demo world.

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PersoonSoort {
    Volwassene,
    Kind,
}

#[derive(Debug, Clone)]
pub(super) struct AfspraakPlan {
    pub(super) eigenaar: &'static str,
    pub(super) soort: AfspraakSoort,
    pub(super) omschrijving: &'static str,
    pub(super) aangemaakt: Date,
    pub(super) deadline: Date,
    pub(super) status: AfspraakStatus,
    pub(super) gereed: Option<Date>,
}

#[derive(Debug, Clone)]
pub(super) struct MomentPlan {
    pub(super) soort: Soort,
    pub(super) tijdstip: Tijd,
    /// Registering organisation.
    pub(super) door: &'static str,
    /// Raw form input (validated by the field rules when stored).
    pub(super) velden: BTreeMap<String, String>,
    /// Extra participants chosen on the form.
    pub(super) deelnemers: Vec<&'static str>,
    /// Process fields written by the flow steps (voorbespreking_op, besproken_op, …).
    pub(super) stappen: BTreeMap<String, String>,
    pub(super) status: Status,
    pub(super) vergadering: Option<Date>,
    /// Participants added by the flow (vaste deelnemers, op afroep).
    pub(super) rollen: Vec<(&'static str, DeelnemerRol)>,
    pub(super) afspraken: Vec<AfspraakPlan>,
    pub(super) geregistreerd: Tijd,
    pub(super) laatst: Tijd,
}

impl MomentPlan {
    pub(super) fn new(soort: Soort, tijdstip: Tijd, door: &'static str) -> Self {
        MomentPlan {
            soort,
            tijdstip,
            door,
            velden: BTreeMap::new(),
            deelnemers: vec![],
            stappen: BTreeMap::new(),
            status: soort.begin_status(),
            vergadering: None,
            rollen: vec![],
            afspraken: vec![],
            geregistreerd: tijdstip,
            laatst: tijdstip,
        }
    }
    pub(super) fn zet(&mut self, code: &str, waarde: impl Into<String>) {
        self.velden.insert(code.into(), waarde.into());
    }
    pub(super) fn stap(&mut self, code: &str, waarde: impl Into<String>) {
        self.stappen.insert(code.into(), waarde.into());
    }
    /// Records that something happened on a day (keeps `laatst` the latest activity).
    pub(super) fn gebeurd(&mut self, d: Date) {
        let t = om(d, 16);
        if t > self.laatst {
            self.laatst = t;
        }
    }
    pub(super) fn heeft_open_afspraak(&self) -> bool {
        self.afspraken
            .iter()
            .any(|a| a.status == AfspraakStatus::Open)
    }
    /// Adds an afspraak and records its completion as activity.
    pub(super) fn afspraak(&mut self, a: AfspraakPlan) {
        if let Some(g) = a.gereed {
            self.gebeurd(g);
        }
        self.afspraken.push(a);
    }
    /// Completion date of the last afspraak (or `standaard`).
    pub(super) fn laatste_gereed(&self, standaard: Date) -> Date {
        self.afspraken
            .iter()
            .filter_map(|a| a.gereed)
            .max()
            .unwrap_or(standaard)
            .max(standaard)
    }
}

#[derive(Debug, Clone)]
pub(super) struct CasusPlan {
    pub(super) persoon_soort: Option<PersoonSoort>,
    /// (name, date of birth), assigned in chronological order (repeat incidents).
    pub(super) persoon: Option<(String, String)>,
    pub(super) momenten: Vec<MomentPlan>,
    pub(super) gesloten: Option<Date>,
}

impl CasusPlan {
    pub(super) fn een(persoon_soort: Option<PersoonSoort>, m: MomentPlan) -> Self {
        CasusPlan {
            persoon_soort,
            persoon: None,
            momenten: vec![m],
            gesloten: None,
        }
    }
    pub(super) fn start(&self) -> Tijd {
        self.momenten[0].tijdstip
    }
}

#[derive(Debug, Clone)]
pub(super) struct VergaderingPlan {
    pub(super) datum: Date,
    pub(super) aanwezig: Vec<(&'static str, bool)>,
}

#[derive(Debug, Clone)]
pub(super) struct Plan {
    pub(super) casussen: Vec<CasusPlan>,
    pub(super) vergaderingen: Vec<VergaderingPlan>,
}

/// How an afspraak made on `aangemaakt` ended. Afspraken from the last weeks of 2025 are often
/// still open (and now overdue); a few older ones were forgotten.
pub(super) fn afloop(
    rng: &mut Rng,
    beter: bool,
    aangemaakt: Date,
    deadline: Date,
) -> (AfspraakStatus, Option<Date>) {
    let recent = (date!(2025 - 10 - 15)..=date!(2025 - 12 - 31)).contains(&aangemaakt)
        || aangemaakt >= plus_dagen(PEILDATUM, -38);
    let open_kans = if recent { 35 } else { 2 };
    let (status, gereed) = if rng.kans(open_kans) {
        (AfspraakStatus::Open, None)
    } else if rng.kans(4) {
        (AfspraakStatus::Vervallen, None)
    } else if rng.kans(if beter { 82 } else { 66 }) {
        let ruimte = (deadline - aangemaakt).whole_days().max(1);
        (
            AfspraakStatus::Gereed,
            Some(plus_dagen(aangemaakt, rng.tussen(1, ruimte))),
        )
    } else {
        (
            AfspraakStatus::Gereed,
            Some(plus_dagen(deadline, rng.tussen(1, 24))),
        )
    };
    // Nothing is done after the reference date: such an afspraak is still open.
    match gereed {
        Some(g) if g > PEILDATUM => (AfspraakStatus::Open, None),
        _ => (status, gereed),
    }
}

pub(super) fn nieuwe_afspraak(
    rng: &mut Rng,
    beter: bool,
    eigenaar: &'static str,
    soort: AfspraakSoort,
    aangemaakt: Date,
    termijn: (i64, i64),
) -> AfspraakPlan {
    let deadline = plus_dagen(aangemaakt, rng.tussen(termijn.0, termijn.1));
    let (status, gereed) = afloop(rng, beter, aangemaakt, deadline);
    AfspraakPlan {
        eigenaar,
        soort,
        omschrijving: afspraak_tekst(eigenaar, soort),
        aangemaakt,
        deadline,
        status,
        gereed,
    }
}

/// Closing date of a finished case: some time after its last activity; cases finished before
/// December 2024 were closed in the January 2025 clean-up (or stayed open).
pub(super) fn sluiting(rng: &mut Rng, c: &CasusPlan, kans: u32) -> Option<Date> {
    let klaar = c
        .momenten
        .iter()
        .all(|m| m.status.is_eind() && !m.heeft_open_afspraak());
    if !klaar || !rng.kans(kans) {
        return None;
    }
    let laatst = c.momenten.iter().map(|m| m.laatst.date()).max()?;
    let natuurlijk = werkdag_vanaf(plus_dagen(laatst, rng.tussen(14, 60)));
    if natuurlijk < VROEGST_GESLOTEN {
        rng.kans(80).then_some(JAARAFSLUITING)
    } else {
        (natuurlijk < PEILDATUM).then_some(natuurlijk)
    }
}

pub(super) fn plan() -> Plan {
    let data = vergaderdata();
    let mut casussen = vec![];
    let mut evaluatie_gepland = false;
    for (jaar, n_acuut, n_zsm, n_weekend, n_ao, n_ssk) in AANTALLEN {
        let beter = jaar >= 2025;
        let van = Date::from_calendar_date(jaar, Month::January, 1).expect("valid date");
        let dec = |dag| Date::from_calendar_date(jaar, Month::December, dag).expect("valid date");
        let tot = laatste_start(dec(28), 14);

        // Samen op in acuut; an arrest on the spot often leads to a ZSM moment in the same case.
        let mut rng = Rng::new(zaad(jaar, 1));
        // A quarter in office hours, almost a third in the weekend, the rest in the evening.
        let mut acuut: Vec<CasusPlan> = (0..n_acuut)
            .map(|i| {
                let dagdeel = match i * 100 / n_acuut {
                    0..25 => Dagdeel::Werkdag,
                    25..55 => Dagdeel::Weekend,
                    _ => Dagdeel::Avond,
                };
                acuut_casus(&mut rng, beter, dagdeel, van, tot)
            })
            .collect();
        let mut gekoppeld = 0;
        let mut gekoppeld_weekend = 0;
        for c in &mut acuut {
            let a = &c.momenten[0];
            let maatregelen = a.velden.get("maatregelen").cloned().unwrap_or_default();
            if maatregelen.contains("aanhouding") && gekoppeld < n_zsm / 2 && rng.kans(70) {
                let t = plus_min(a.tijdstip, rng.tussen(15, 45));
                if dagdeel_van(t) == Dagdeel::Weekend {
                    gekoppeld_weekend += 1;
                }
                let z = zsm_moment(&mut rng, beter, t, maatregelen.contains("thv"));
                c.momenten.push(z);
                gekoppeld += 1;
            }
        }
        for c in &mut acuut {
            c.gesloten = sluiting(&mut rng, c, 70);
        }
        casussen.extend(acuut);

        // HG met VT & ZSM: the rest of the arrests, with enough weekend cases to compare.
        let mut rng = Rng::new(zaad(jaar, 2));
        let weekend_nodig = n_weekend.saturating_sub(gekoppeld_weekend).max(2);
        for i in 0..n_zsm.saturating_sub(gekoppeld) {
            let dagdeel = if i < weekend_nodig {
                Dagdeel::Weekend
            } else if rng.kans(55) {
                Dagdeel::Werkdag
            } else {
                Dagdeel::Avond
            };
            let t = tijdstip_in(&mut rng, dagdeel, van, tot);
            let z = zsm_moment(&mut rng, beter, t, false);
            let mut c = CasusPlan::een(Some(PersoonSoort::Volwassene), z);
            c.gesloten = sluiting(&mut rng, &c, 65);
            casussen.push(c);
        }

        // Actie-overleg aanmeldingen, scheduled to the Thursday meetings.
        let mut rng = Rng::new(zaad(jaar, 3));
        // Fixed quota (not chance) for the headline shares, so they improve as intended:
        // rejected in the voorbespreking 8 → 6, feedback to the referrer 69% → 91%.
        let afwijzen = verdeling(&mut rng, n_ao, if beter { 6 } else { 8 });
        let terug = verdeling(&mut rng, n_ao, if beter { 49 } else { 29 });
        for (a, t) in afwijzen.into_iter().zip(terug) {
            let mut c = actieoverleg_casus(&mut rng, jaar, (a, t), &data, &mut evaluatie_gepland);
            c.gesloten = sluiting(&mut rng, &c, 70);
            casussen.push(c);
        }
        if jaar == PEILDATUM.year() {
            casussen.extend(ao_openstaand(&mut rng));
        }

        // Strafbare kindermishandeling.
        let mut rng = Rng::new(zaad(jaar, 4));
        let laatste_ssk = laatste_start(dec(15), 28);
        for _ in 0..n_ssk {
            let mut c = ssk_casus(&mut rng, beter, van, laatste_ssk);
            c.gesloten = sluiting(&mut rng, &c, 60);
            casussen.push(c);
        }
    }
    casussen.sort_by_key(CasusPlan::start);
    personen_toewijzen(&mut casussen);
    let vergaderingen = aanwezigheid(&casussen, &data);
    Plan {
        casussen,
        vergaderingen,
    }
}

/// Gives every case with a person a fictional identity, in chronological order. Some cases
/// are about someone seen in an earlier case within the last 12 months (repeat incidents);
/// fewer in 2025.
pub(super) fn personen_toewijzen(casussen: &mut [CasusPlan]) {
    let mut rng = Rng::new(zaad(0, 9));
    // (kind of person, number, start of their latest case)
    let mut bekend: Vec<(PersoonSoort, usize, Tijd)> = vec![];
    let (mut volwassenen, mut kinderen) = (0usize, 0usize);
    for c in casussen.iter_mut() {
        let Some(soort) = c.persoon_soort else {
            continue;
        };
        let start = c.start();
        let kans = match (soort, start.year() >= 2025) {
            (PersoonSoort::Kind, _) => 8,
            (PersoonSoort::Volwassene, false) => 16,
            (PersoonSoort::Volwassene, true) => 10,
        };
        let kandidaten: Vec<usize> = bekend
            .iter()
            .enumerate()
            .filter(|(_, (s, _, laatst))| {
                let dagen = (start - *laatst).whole_days();
                *s == soort && (14..=330).contains(&dagen)
            })
            .map(|(i, _)| i)
            .collect();
        let nummer = if !kandidaten.is_empty() && rng.kans(kans) {
            let i = rng.kies(&kandidaten);
            bekend[i].2 = start;
            bekend[i].1
        } else {
            let n = match soort {
                PersoonSoort::Volwassene => {
                    volwassenen += 1;
                    volwassenen
                }
                PersoonSoort::Kind => {
                    kinderen += 1;
                    kinderen
                }
            };
            bekend.push((soort, n, start));
            n
        };
        let n = nummer as i64;
        let (naam, geboren) = match soort {
            PersoonSoort::Volwassene => (
                format!("Demo Persoon {nummer}"),
                plus_dagen(date!(1958 - 01 - 01), (n * 7919) % 14_600),
            ),
            PersoonSoort::Kind => (
                format!("Demo Kind {nummer}"),
                plus_dagen(date!(2008 - 01 - 01), (n * 3571) % 5_100),
            ),
        };
        let geboren = dag_tekst(geboren);
        let omschrijving = format!("{naam} (fictief, geboren {geboren})");
        for m in &mut c.momenten {
            for v in m.velden.values_mut() {
                if v.contains("{persoon}") {
                    *v = v.replace("{persoon}", &omschrijving);
                }
            }
        }
        c.persoon = Some((naam, geboren));
    }
    for c in casussen.iter_mut().filter(|c| c.persoon.is_none()) {
        for m in &mut c.momenten {
            for v in m.velden.values_mut() {
                if v.contains("{persoon}") {
                    *v = v.replace("{persoon}", "betrokkene (niet herleidbaar)");
                }
            }
        }
    }
}

/// Attendance per meeting: VT (chair), Politie and OM nearly always; RvdK and 3RO when a case
/// needs them and now and then otherwise ("eens in de drie/vier weken").
pub(super) fn aanwezigheid(casussen: &[CasusPlan], data: &[Date]) -> Vec<VergaderingPlan> {
    let mut nodig: HashMap<Date, BTreeSet<&'static str>> = HashMap::new();
    for m in casussen.iter().flat_map(|c| &c.momenten) {
        if let Some(v) = m.vergadering {
            for (org, rol) in &m.rollen {
                if *rol == DeelnemerRol::OpAfroep {
                    nodig.entry(v).or_default().insert(org);
                }
            }
        }
    }
    let mut rng = Rng::new(zaad(0, 5));
    data.iter()
        .map(|d| {
            let beter = d.year() >= 2025;
            let n = nodig.get(d);
            let nodig_voor = |org| n.is_some_and(|s| s.contains(org));
            let aanwezig = vec![
                // VT chairs every meeting.
                (VT, true),
                (POLITIE, rng.kans(if beter { 92 } else { 80 })),
                (OM, rng.kans(if beter { 95 } else { 90 })),
                (RVDK, nodig_voor(RVDK) || rng.kans(15)),
                (DRIERO, nodig_voor(DRIERO) || rng.kans(6)),
            ];
            VergaderingPlan {
                datum: *d,
                aanwezig,
            }
        })
        .collect()
}
