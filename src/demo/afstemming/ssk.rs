//! The small demo's cases: strafbare kindermishandeling.

use super::*;

pub(super) fn ssk_casus(rng: &mut Rng, beter: bool, van: Date, tot: Date) -> CasusPlan {
    let dagdeel = if rng.kans(85) {
        Dagdeel::Werkdag
    } else {
        Dagdeel::Avond
    };
    let t = tijdstip_in(rng, dagdeel, van, tot);
    let door = rng.gewogen(&[(VT, 65), (POLITIE, 35)]);
    let mut m = MomentPlan::new(Soort::Ssk, t, door);
    m.zet(
        "bureaudienst_eerst",
        if rng.kans(if beter { 85 } else { 70 }) {
            "ja"
        } else {
            "nee"
        },
    );
    // Time to the first OM consultation: often more than a day in 2024, hours in 2025.
    let om_t = rng.kans(if beter { 97 } else { 90 }).then(|| {
        let uren = if beter {
            rng.gewogen(&[(1, 20), (3, 25), (6, 25), (12, 15), (24, 10), (48, 5)])
        } else {
            rng.gewogen(&[(2, 10), (6, 15), (20, 20), (28, 20), (48, 20), (72, 15)])
        };
        plus_min(t, uren * 60 + rng.tussen(-30, 59))
    });
    if let Some(o) = om_t {
        m.zet("om_consultatie", tijd_tekst(o));
    }
    if door == VT && rng.kans(85) {
        m.zet(
            "politie_consultatie",
            tijd_tekst(plus_min(t, rng.tussen(30, 600))),
        );
    }
    let anoniem = rng.kans(15);
    m.zet("anoniem", if anoniem { "ja" } else { "nee" });
    m.zet(
        "melding_aangifte",
        rng.gewogen(&[
            ("melding", 35),
            ("aangifte", 20),
            ("beide", 30),
            ("geen", 15),
        ]),
    );
    m.zet("vermoeden", rng.kies(VERMOEDENS));
    let basis = om_t.unwrap_or(t).date();
    let plan = !anoniem && rng.kans(if beter { 65 } else { 45 });
    m.zet("onderzoeksplan", if plan { "ja" } else { "nee" });
    m.deelnemers.push(OM);
    m.deelnemers.push(if door == VT { POLITIE } else { VT });
    if plan {
        let plandag = plus_dagen(basis, rng.tussen(0, 5));
        m.zet("onderzoeksplan_datum", dag_tekst(plandag));
        m.gebeurd(plandag);
        let mut eigenaars = vec![OM, POLITIE, VT];
        if rng.kans(30) {
            eigenaars.push(RVDK);
            m.deelnemers.push(RVDK);
        }
        for eigenaar in eigenaars {
            if eigenaar != OM && rng.kans(20) {
                continue;
            }
            let a = nieuwe_afspraak(
                rng,
                beter,
                eigenaar,
                AfspraakSoort::Onderzoeksplan,
                plandag,
                (5, 30),
            );
            m.afspraak(a);
        }
    } else if rng.kans(20) {
        m.deelnemers.push(RVDK);
    }
    if plan && !m.heeft_open_afspraak() {
        let klaar = m.laatste_gereed(basis);
        m.status = Status::Afgerond;
        m.stap("afgerond_op", dag_tekst(klaar));
        m.gebeurd(klaar);
    } else if !plan && rng.kans(60) {
        let klaar = plus_dagen(basis, rng.tussen(14, 40));
        if klaar <= PEILDATUM {
            m.status = Status::Afgerond;
            m.stap("afgerond_op", dag_tekst(klaar));
            m.gebeurd(klaar);
        }
    }
    m.geregistreerd = plus_min(t, rng.tussen(20, 120));
    m.laatst = m.laatst.max(m.geregistreerd);
    CasusPlan::een((!anoniem).then_some(PersoonSoort::Kind), m)
}
