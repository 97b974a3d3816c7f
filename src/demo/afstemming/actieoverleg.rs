//! The small demo's cases: Actie-overleg.

use super::*;

pub(super) fn aanmelding(rng: &mut Rng, beter: bool, t: Tijd, door: &'static str) -> MomentPlan {
    let mut m = MomentPlan::new(Soort::Actieoverleg, t, door);
    let inbrengers: &[&str] = match door {
        VT => &[
            "Fictief: Iris Inbreng, casusregisseur Veilig Thuis, 0000-000311",
            "Fictief: Vincent Veiligheid, gedragswetenschapper Veilig Thuis, 0000-000312",
            "Fictief: Sanne Signaal, medewerker team Onderzoek Veilig Thuis, 0000-000313",
        ],
        POLITIE => &[
            "Fictief: Pieter Wijk, wijkagent basisteam, 0000-000321",
            "Fictief: Hanna Huiselijk, aandachtsvelder HG politie, 0000-000322",
        ],
        _ => &[
            "Fictief: Olga Officier, officier van justitie portefeuille HG, 0000-000331",
            "Fictief: Kees Parket, parketsecretaris HG, 0000-000332",
        ],
    };
    m.zet("inbrenger", rng.kies(inbrengers));
    let kinderen = rng.tussen(0, 3);
    m.zet(
        "clientgegevens",
        format!("Fictief: {{persoon}}; huishouden met {kinderen} kind(eren)."),
    );
    m.zet(
        "werkgebied",
        rng.kies(&[
            super::super::VT_NOORDOOST_NAAM,
            super::super::VT_ZUIDOOST_NAAM,
        ]),
    );
    m.zet("omschrijving", rng.kies(OMSCHRIJVINGEN));
    if rng.kans(70) {
        m.zet("hulpverlening", rng.kies(HULPVERLENING));
    }
    let ots = kinderen > 0 && rng.kans(30);
    m.zet("ots", if ots { "ja" } else { "nee" });
    if ots {
        m.zet("ots_naam_kind", "Fictief: Demo Kind A");
        m.zet("ots_naam_gv", "Fictief: Gijs Voogd (gezinsvoogd)");
        m.zet(
            "ots_einde",
            dag_tekst(plus_dagen(t.date(), rng.tussen(60, 360))),
        );
    }
    let raad = kinderen > 0 && rng.kans(if beter { 28 } else { 22 });
    m.zet("raad", if raad { "ja" } else { "nee" });
    if raad {
        m.zet("raad_naam_kind", "Fictief: Demo Kind B");
        m.zet("raad_onderzoek", "Fictief: beschermingsonderzoek");
    }
    m.zet("vraag", rng.kies(VRAGEN));
    let geinformeerd = rng.gewogen(&[("vooraf", 50), ("achteraf", 35), ("niet", 15)]);
    m.zet("geinformeerd", geinformeerd);
    m.zet(
        "geinformeerd_reactie",
        match geinformeerd {
            "vooraf" => "Fictief: betrokkene is op de hoogte en wil meewerken aan afspraken.",
            "achteraf" => "Fictief: na het overleg informeren, om de veiligheid niet te schaden.",
            _ => "Fictief: informeren brengt de veiligheid van het slachtoffer in gevaar.",
        },
    );
    if rng.kans(35) {
        m.zet("antecedenten", rng.kies(ANTECEDENTEN));
    }
    // The referral criterion, spread over the four without a draw (the random sequence, and
    // so every other demo figure, stays as it was).
    let criteria = crate::casus::velden::CRITERIA;
    m.zet(
        "criterium",
        criteria[usize::from(t.date().day()) % criteria.len()].0,
    );
    m.geregistreerd = t;
    m
}

pub(super) fn actieoverleg_casus(
    rng: &mut Rng,
    jaar: i32,
    (afwijzen, terugkoppelen): (bool, bool),
    data: &[Date],
    evaluatie_gepland: &mut bool,
) -> CasusPlan {
    let beter = jaar >= 2025;
    let van = Date::from_calendar_date(jaar, Month::January, 2).expect("valid date");
    let tot = match jaar {
        2024 => date!(2024 - 12 - 20),
        2025 => date!(2025 - 12 - 05),
        _ => laatste_start(
            Date::from_calendar_date(jaar, Month::December, 5).expect("valid date"),
            16,
        ),
    };
    let t = tijdstip_in(rng, Dagdeel::Werkdag, van, tot);
    // Most cases come from VT; police referrals grow as the basisteams learn about the overleg.
    let door = rng.gewogen(&[
        (VT, if beter { 55 } else { 66 }),
        (POLITIE, if beter { 25 } else { 14 }),
        (OM, 20),
    ]);
    let mut m = aanmelding(rng, beter, t, door);
    let vb = werkdag_vanaf(plus_dagen(
        t.date(),
        rng.tussen(0, if beter { 2 } else { 5 }),
    ));
    m.stap("voorbespreking_op", dag_tekst(vb));
    m.gebeurd(vb);
    if afwijzen {
        let reden = rng.gewogen(&[
            ("niet_relevant_alle", 40),
            ("ander_overleg", 30),
            ("onvoldoende_info", 15),
            ("al_belegd", 10),
            ("anders", 5),
        ]);
        m.status = Status::Afgewezen;
        m.stap("afwijzingsreden", reden);
        m.stap("afwijzing_toelichting", afwijzing_tekst(reden));
        if terugkoppelen {
            let terug = werkdag_vanaf(plus_dagen(vb, rng.tussen(0, 3)));
            if terug <= PEILDATUM {
                m.stap("terugkoppeling_op", dag_tekst(terug));
                m.gebeurd(terug);
            }
        }
        return CasusPlan::een(Some(PersoonSoort::Volwassene), m);
    }
    // Accepted: the chair confirms the inbrenger's criterion.
    let criterium = m.velden.get("criterium").cloned().unwrap_or_default();
    m.stap("criterium_vastgesteld", &criterium);
    // On the agenda of the next Thursday, or a week or two later when it is full.
    let mut i = data
        .iter()
        .position(|d| *d > vb)
        .expect("a meeting after every voorbespreking");
    let mut uitgesteld = 0;
    while uitgesteld < 2 && i + 1 < data.len() && rng.kans(if beter { 15 } else { 35 }) {
        i += 1;
        uitgesteld += 1;
    }
    let vd = data[i];
    m.vergadering = Some(vd);
    m.rollen = vec![
        (VT, DeelnemerRol::Vast),
        (POLITIE, DeelnemerRol::Vast),
        (OM, DeelnemerRol::Vast),
    ];
    m.stap("besproken_op", dag_tekst(vd));
    m.stap("stap1_gedeeld", "ja");
    if rng.kans(50) {
        m.stap("overdracht", rng.kies(OVERDRACHTEN));
    }
    m.gebeurd(vd);
    let raad = m.velden.get("raad").is_some_and(|r| r == "ja");
    let reclassering = rng.kans(10);
    if raad {
        m.rollen.push((RVDK, DeelnemerRol::OpAfroep));
    }
    if reclassering {
        m.rollen.push((DRIERO, DeelnemerRol::OpAfroep));
    }
    let aantal = rng.tussen(1, 3) + i64::from(rng.kans(20));
    for _ in 0..aantal {
        let eigenaar = rng.gewogen(&[(VT, 40), (POLITIE, 25), (OM, 25)]);
        let soort = rng.gewogen(&[
            (AfspraakSoort::Direct, 45),
            (AfspraakSoort::Structureel, 30),
            (AfspraakSoort::Overdracht, 25),
        ]);
        let termijn = match soort {
            AfspraakSoort::Direct => rng.tussen(3, 10),
            AfspraakSoort::Structureel => rng.tussen(21, 56),
            _ => rng.tussen(7, 21),
        };
        let a = nieuwe_afspraak(rng, beter, eigenaar, soort, vd, (termijn, termijn));
        m.afspraak(a);
    }
    if raad {
        let a = nieuwe_afspraak(rng, beter, RVDK, AfspraakSoort::Structureel, vd, (21, 42));
        m.afspraak(a);
    }
    if reclassering {
        let a = nieuwe_afspraak(rng, beter, DRIERO, AfspraakSoort::Overdracht, vd, (10, 28));
        m.afspraak(a);
    }
    if !*evaluatie_gepland && vd >= date!(2025 - 12 - 01) {
        // A long-running structural agreement that is open but not yet due.
        *evaluatie_gepland = true;
        m.afspraak(AfspraakPlan {
            eigenaar: VT,
            soort: AfspraakSoort::Structureel,
            omschrijving: "Fictief: VT evalueert na een jaar met Politie en OM of de structurele veiligheid is geborgd.",
            aangemaakt: vd,
            deadline: date!(2026 - 12 - 17),
            status: AfspraakStatus::Open,
            gereed: None,
        });
    }
    if terugkoppelen {
        let terug = werkdag_vanaf(plus_dagen(vd, rng.tussen(1, 7)));
        if terug <= PEILDATUM {
            m.stap("terugkoppeling_op", dag_tekst(terug));
            m.gebeurd(terug);
        }
    }
    if m.heeft_open_afspraak() {
        m.status = Status::AfsprakenLopen;
    } else {
        let klaar = m.laatste_gereed(vd);
        m.status = Status::Afgerond;
        m.stap("afgerond_op", dag_tekst(klaar));
        m.gebeurd(klaar);
    }
    CasusPlan::een(Some(PersoonSoort::Volwassene), m)
}

/// The last aanmeldingen before the reference date, still waiting for the chair: two for the
/// voorbespreking and one accepted but not yet on the agenda. Referred by Politie and OM, so VT takes part as
/// chair (and the demo VT user can take the steps).
pub(super) fn ao_openstaand(rng: &mut Rng) -> Vec<CasusPlan> {
    let mut uit = vec![];
    for (dag, uur, door) in [
        (date!(2026 - 11 - 16), 10, POLITIE),
        (date!(2026 - 11 - 17), 14, OM),
        (date!(2026 - 11 - 18), 11, POLITIE),
    ] {
        let t = om(dag, uur);
        let mut m = aanmelding(rng, true, t, door);
        if dag == date!(2026 - 11 - 18) {
            m.stap("voorbespreking_op", dag_tekst(plus_dagen(dag, 1)));
            m.status = Status::Geaccepteerd;
            m.rollen = vec![
                (VT, DeelnemerRol::Vast),
                (POLITIE, DeelnemerRol::Vast),
                (OM, DeelnemerRol::Vast),
            ];
            m.gebeurd(plus_dagen(dag, 1));
        }
        uit.push(CasusPlan::een(Some(PersoonSoort::Volwassene), m));
    }
    uit
}
