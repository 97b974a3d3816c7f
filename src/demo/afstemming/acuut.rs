//! The small demo's cases: Samen op in acuut.

use super::*;

pub(super) fn acuut_casus(
    rng: &mut Rng,
    beter: bool,
    dagdeel: Dagdeel,
    van: Date,
    tot: Date,
) -> CasusPlan {
    let t = tijdstip_in(rng, dagdeel, van, tot);
    let mut m = MomentPlan::new(Soort::Acuut, t, POLITIE);
    // VT's interventieteam can come on site during office hours; outside them mostly by phone.
    let reactie = if dagdeel == Dagdeel::Werkdag {
        rng.gewogen(&[
            ("ter_plaatse", if beter { 50 } else { 35 }),
            ("teams", 15),
            ("telefonisch", if beter { 31 } else { 42 }),
            ("geen", if beter { 4 } else { 8 }),
        ])
    } else {
        rng.gewogen(&[
            ("ter_plaatse", if beter { 12 } else { 6 }),
            ("teams", 10),
            ("telefonisch", 72),
            ("geen", if beter { 6 } else { 12 }),
        ])
    };
    m.zet("reactie", reactie);
    let respons = match reactie {
        "telefonisch" if beter => rng.tussen(3, 25),
        "telefonisch" => rng.tussen(5, 40),
        "teams" if beter => rng.tussen(8, 30),
        "teams" => rng.tussen(10, 45),
        "ter_plaatse" if beter => rng.tussen(30, 100),
        "ter_plaatse" => rng.tussen(40, 150),
        _ => 0,
    };
    if reactie != "geen" {
        m.zet("reactie_tijdstip", tijd_tekst(plus_min(t, respons)));
    }
    let beoordeling = reactie != "geen" && !rng.kans(4);
    m.zet(
        "veiligheidsbeoordeling",
        if beoordeling { "ja" } else { "nee" },
    );
    let mut maatregelen = vec![];
    for (code, kans) in [
        ("thv", if beter { 16 } else { 12 }),
        ("aanhouding", 38),
        ("vrijwillig_vertrek", 15),
        ("opvang", 8),
        ("hulpverlening", 40),
        ("veiligheidsplan", if beoordeling { 35 } else { 0 }),
        ("overig", 4),
    ] {
        if rng.kans(kans) {
            maatregelen.push(code);
        }
    }
    if !maatregelen.is_empty() {
        m.zet("maatregelen", maatregelen.join(","));
    }
    if rng.kans(if beter { 86 } else { 64 }) {
        let melding = plus_dagen(t.date(), rng.tussen(0, 4));
        m.zet("vt_melding_datum", dag_tekst(melding));
        m.zet(
            "vt_melding_verwijst",
            if rng.kans(if beter { 90 } else { 70 }) {
                "ja"
            } else {
                "nee"
            },
        );
        m.status = Status::Afgerond;
        m.stap("afgerond_op", dag_tekst(melding));
        m.gebeurd(melding);
    }
    m.zet("situatie", rng.kies(SITUATIES));
    m.deelnemers = vec![VT];
    m.geregistreerd = plus_min(t, rng.tussen(30, 180));
    m.laatst = m.laatst.max(m.geregistreerd);
    let persoon = rng.kans(90).then_some(PersoonSoort::Volwassene);
    CasusPlan::een(persoon, m)
}
