//! The Actie-overleg aanmelding (voorbespreking, bespreking in the weekly meeting, afspraken,
//! feedback) and the strafbare-kindermishandeling moment of the national demo, drawn like the
//! kinds in [`super::momenten`].

use super::momenten::{
    Context, MomentGen, Partner, afloop, dag, om, plus_dagen, plus_min, tijd, tijdstip_in,
    werkdag_vanaf,
};
use super::{PEILDATUM, Rng, tussen};
use crate::casus::model::{AfspraakSoort, Dagdeel, DeelnemerRol, Soort, Status};
use time::Date;

// ---- Actie-overleg ----------------------------------------------------------------------------

const AFWIJZINGEN: [(&str, &str); 5] = [
    (
        "niet_relevant_alle",
        "Fictief: de vraag ligt bij de zorg; geen strafrechtelijke component.",
    ),
    ("ander_overleg", "Fictief: past beter in het MDA++-overleg."),
    (
        "onvoldoende_info",
        "Fictief: aanmelding onvolledig; opnieuw aanmelden met de vraag aan alle partners.",
    ),
    ("al_belegd", "Fictief: afspraken zijn al op ZSM gemaakt."),
    (
        "anders",
        "Fictief: betrokkenen zijn verhuisd buiten de regio.",
    ),
];

const OVERDRACHTEN: [&str; 3] = [
    "Fictief: regie bij OM; VT sluit aan bij het vervolg.",
    "Fictief: casus warm overgedragen aan het lokale team met veiligheidsplan.",
    "Fictief: 3RO neemt de veiligheidsafspraken mee in het strafadvies.",
];

/// An aanmelding for the Actie-overleg of the case's Veilig Thuis, which meets on `data`.
pub fn actieoverleg(rng: &mut Rng, c: &Context, werkgebied: &str, data: &[Date]) -> MomentGen {
    let q = c.q;
    let tot = c.tot.min(plus_dagen(PEILDATUM, -10)).max(c.van);
    let t = tijdstip_in(rng, Dagdeel::Werkdag, c.van, tot);
    let door = rng.gewogen(&[
        (Partner::Vt, tussen(q, 70.0, 55.0)),
        (Partner::Politie, tussen(q, 12.0, 27.0)),
        (Partner::Om, 18.0),
    ]);
    let mut m = MomentGen::new(Soort::Actieoverleg, t, door);
    m.zet("werkgebied", werkgebied);
    // The referral criterion, spread over the four by the day without a draw (as in the small
    // demo), so the random sequence and with it every other figure stays as it was.
    let criteria = crate::casus::velden::CRITERIA;
    let criterium = criteria[usize::from(t.date().day()) % criteria.len()].0;
    m.zet("criterium", criterium);
    let kinderen = rng.tussen(0, 3);
    let ots = kinderen > 0 && rng.kans(30.0);
    m.janee("ots", ots);
    let raad = kinderen > 0 && rng.kans(tussen(q, 18.0, 30.0));
    m.janee("raad", raad);
    m.zet(
        "geinformeerd",
        rng.gewogen(&[("vooraf", 50.0), ("achteraf", 35.0), ("niet", 15.0)]),
    );
    let vb = werkdag_vanaf(plus_dagen(
        t.date(),
        rng.tussen(0, tussen(q, 6.0, 1.0) as i64),
    ));
    if vb > PEILDATUM {
        return m;
    }
    m.zet("voorbespreking_op", dag(vb));
    m.gebeurd(vb);
    if rng.kans(tussen(q, 18.0, 6.0)) {
        let (reden, tekst) = rng.gewogen(&[
            (AFWIJZINGEN[0], 40.0),
            (AFWIJZINGEN[1], 30.0),
            (AFWIJZINGEN[2], 15.0),
            (AFWIJZINGEN[3], 10.0),
            (AFWIJZINGEN[4], 5.0),
        ]);
        m.status = Status::Afgewezen;
        m.zet("afwijzingsreden", reden);
        m.zet("afwijzing_toelichting", tekst);
        if rng.kans(tussen(q, 50.0, 94.0)) {
            let terug = werkdag_vanaf(plus_dagen(vb, rng.tussen(0, 3)));
            if terug <= PEILDATUM {
                m.zet("terugkoppeling_op", dag(terug));
                m.gebeurd(terug);
            }
        }
        return m;
    }
    let vast = om(vb, 12);
    m.status = Status::Geaccepteerd;
    m.zet("criterium_vastgesteld", criterium);
    for p in [Partner::Vt, Partner::Politie, Partner::Om] {
        m.rol(p, DeelnemerRol::Vast, vast);
    }
    let Some(mut i) = data.iter().position(|d| *d > vb) else {
        return m;
    };
    let mut uitgesteld = 0;
    while uitgesteld < 2 && i + 1 < data.len() && rng.kans(tussen(q, 38.0, 10.0)) {
        i += 1;
        uitgesteld += 1;
    }
    let vd = data[i];
    if vd > PEILDATUM {
        return m;
    }
    m.vergadering = Some(vd);
    m.zet("besproken_op", dag(vd));
    m.zet("stap1_gedeeld", "ja");
    if rng.kans(50.0) {
        m.zet("overdracht", rng.kies(&OVERDRACHTEN));
    }
    m.gebeurd(vd);
    m.status = Status::Besproken;
    let bij = om(vd, 14);
    if raad {
        m.rol(Partner::Rvdk, DeelnemerRol::OpAfroep, bij);
    }
    let reclassering = rng.kans(10.0);
    if reclassering {
        m.rol(Partner::Driero, DeelnemerRol::OpAfroep, bij);
    }
    let aantal = rng.tussen(1, 3) + i64::from(rng.kans(20.0));
    for _ in 0..aantal {
        let eigenaar = rng.gewogen(&[
            (Partner::Vt, 40.0),
            (Partner::Politie, 25.0),
            (Partner::Om, 25.0),
        ]);
        let soort = rng.gewogen(&[
            (AfspraakSoort::Direct, 45.0),
            (AfspraakSoort::Structureel, 30.0),
            (AfspraakSoort::Overdracht, 25.0),
        ]);
        let termijn = match soort {
            AfspraakSoort::Direct => (3, 10),
            AfspraakSoort::Structureel => (21, 56),
            _ => (7, 21),
        };
        let a = afloop(rng, q, eigenaar, soort, vd, termijn);
        m.afspraak(a);
    }
    if raad {
        let a = afloop(
            rng,
            q,
            Partner::Rvdk,
            AfspraakSoort::Structureel,
            vd,
            (21, 42),
        );
        m.afspraak(a);
    }
    if reclassering {
        let a = afloop(
            rng,
            q,
            Partner::Driero,
            AfspraakSoort::Overdracht,
            vd,
            (10, 28),
        );
        m.afspraak(a);
    }
    if rng.kans(tussen(q, 55.0, 94.0)) {
        let terug = werkdag_vanaf(plus_dagen(vd, rng.tussen(1, 7)));
        if terug <= PEILDATUM {
            m.zet("terugkoppeling_op", dag(terug));
            m.gebeurd(terug);
        }
    }
    if m.heeft_open_afspraak() {
        m.status = Status::AfsprakenLopen;
    } else {
        m.afronden(vd);
    }
    m
}

// ---- strafbare kindermishandeling ----------------------------------------------------------

pub fn ssk(rng: &mut Rng, c: &Context) -> MomentGen {
    let q = c.q;
    let dagdeel = if rng.kans(85.0) {
        Dagdeel::Werkdag
    } else {
        Dagdeel::Avond
    };
    let t = tijdstip_in(rng, dagdeel, c.van, c.tot);
    let door = rng.gewogen(&[(Partner::Vt, 65.0), (Partner::Politie, 35.0)]);
    let mut m = MomentGen::new(Soort::Ssk, t, door);
    m.janee("bureaudienst_eerst", rng.kans(tussen(q, 62.0, 90.0)));
    let om_t = rng.kans(tussen(q, 86.0, 98.0)).then(|| {
        let uren = if rng.kans(q * 100.0) {
            rng.gewogen(&[
                (1, 20.0),
                (3, 25.0),
                (6, 25.0),
                (12, 15.0),
                (24, 10.0),
                (48, 5.0),
            ])
        } else {
            rng.gewogen(&[
                (2, 10.0),
                (6, 15.0),
                (20, 20.0),
                (28, 20.0),
                (48, 20.0),
                (72, 15.0),
            ])
        };
        plus_min(t, uren * 60 + rng.tussen(-30, 59))
    });
    if let Some(o) = om_t {
        m.zet("om_consultatie", tijd(o));
    }
    if door == Partner::Vt && rng.kans(85.0) {
        m.zet(
            "politie_consultatie",
            tijd(plus_min(t, rng.tussen(30, 600))),
        );
    }
    let anoniem = rng.kans(tussen(q, 20.0, 10.0));
    m.janee("anoniem", anoniem);
    m.zet(
        "melding_aangifte",
        rng.gewogen(&[
            ("melding", 35.0),
            ("aangifte", 20.0),
            ("beide", 30.0),
            ("geen", 15.0),
        ]),
    );
    let basis = om_t.unwrap_or(t).date();
    let plan = !anoniem && rng.kans(tussen(q, 38.0, 72.0));
    m.janee("onderzoeksplan", plan);
    m.geregistreerd = plus_min(t, rng.tussen(20, 120));
    let reg = m.geregistreerd;
    m.rol(Partner::Om, DeelnemerRol::Betrokken, reg);
    let ander = if door == Partner::Vt {
        Partner::Politie
    } else {
        Partner::Vt
    };
    m.rol(ander, DeelnemerRol::Betrokken, reg);
    if plan {
        let plandag = plus_dagen(basis, rng.tussen(0, 5)).min(PEILDATUM);
        m.zet("onderzoeksplan_datum", dag(plandag));
        m.gebeurd(plandag);
        let mut eigenaars = vec![Partner::Om, Partner::Politie, Partner::Vt];
        if rng.kans(30.0) {
            eigenaars.push(Partner::Rvdk);
            m.rol(Partner::Rvdk, DeelnemerRol::Betrokken, reg);
        }
        for eigenaar in eigenaars {
            if eigenaar != Partner::Om && rng.kans(20.0) {
                continue;
            }
            let a = afloop(
                rng,
                q,
                eigenaar,
                AfspraakSoort::Onderzoeksplan,
                plandag,
                (5, 30),
            );
            m.afspraak(a);
        }
        if !m.heeft_open_afspraak() {
            m.afronden(basis);
        }
    } else {
        if rng.kans(20.0) {
            m.rol(Partner::Rvdk, DeelnemerRol::Betrokken, reg);
        }
        if rng.kans(60.0) {
            let vanaf = plus_dagen(basis, rng.tussen(14, 40));
            m.afronden(vanaf);
        }
    }
    m
}
