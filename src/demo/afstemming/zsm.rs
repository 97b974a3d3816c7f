//! The small demo's cases: HG met VT & ZSM.

use super::*;

/// One ZSM case from the arrest at `t`. VT ZOB sits at the ZSM table Wednesday to Friday and is
/// reachable by phone otherwise; in the evening and at the weekend the bereikbaarheidsdienst
/// is harder to reach (seed 001 §4.1–4.2).
pub(super) fn zsm_moment(rng: &mut Rng, beter: bool, t: Tijd, thv_opgelegd: bool) -> MomentPlan {
    let dagdeel = dagdeel_van(t);
    let fysiek = matches!(
        t.weekday(),
        Weekday::Wednesday | Weekday::Thursday | Weekday::Friday
    );
    let betrokkenheid = match dagdeel {
        Dagdeel::Werkdag if fysiek => rng.gewogen(&[
            ("aan_tafel", if beter { 85 } else { 75 }),
            ("telefonisch", if beter { 13 } else { 19 }),
            ("niet", if beter { 2 } else { 6 }),
        ]),
        Dagdeel::Werkdag => rng.gewogen(&[
            ("telefonisch", if beter { 94 } else { 86 }),
            ("niet", if beter { 6 } else { 14 }),
        ]),
        Dagdeel::Avond => rng.gewogen(&[
            ("telefonisch", if beter { 72 } else { 55 }),
            ("niet", if beter { 28 } else { 45 }),
        ]),
        Dagdeel::Weekend => rng.gewogen(&[
            ("telefonisch", if beter { 60 } else { 38 }),
            ("niet", if beter { 40 } else { 62 }),
        ]),
    };
    let contact = match betrokkenheid {
        "aan_tafel" => true,
        "telefonisch" if dagdeel == Dagdeel::Weekend => rng.kans(if beter { 80 } else { 55 }),
        "telefonisch" => rng.kans(if beter { 92 } else { 82 }),
        _ => false,
    };
    let beoordeling = contact && rng.kans(92);
    let beslissing_t = if rng.kans(if beter { 5 } else { 12 }) {
        plus_min(t, rng.tussen(545, 720))
    } else {
        plus_min(t, rng.tussen(180, 520))
    };
    let beoordeling_t = beoordeling.then(|| {
        if rng.kans(if beter { 6 } else { 16 }) {
            // Made, but only after the decision.
            plus_min(beslissing_t, rng.tussen(20, 120))
        } else {
            let ruimte = (beslissing_t - t).whole_minutes() - 20;
            plus_min(t, rng.tussen(45, ruimte.max(60)))
        }
    });
    let afdoeningsoverleg = match betrokkenheid {
        "aan_tafel" => rng.kans(95),
        "telefonisch" => contact && rng.kans(if beter { 62 } else { 40 }),
        _ => false,
    };
    let vrijlating = rng.kans(45);
    let beslissing = if vrijlating {
        let voorwaarden_kans = match (beoordeling, beter) {
            (true, true) => 86,
            (true, false) => 74,
            (false, true) => 45,
            (false, false) => 33,
        };
        if rng.kans(voorwaarden_kans) {
            "heenzenden_voorwaarden"
        } else {
            "heenzenden"
        }
    } else {
        rng.gewogen(&[
            ("voorgeleiden", 35),
            ("om_zitting", 18),
            ("strafbeschikking", 14),
            ("dagvaarden", 18),
            ("snelrecht", 6),
            ("sepot", 6),
            ("anders", 3),
        ])
    };
    let voorwaarden = match beslissing {
        "heenzenden_voorwaarden" => true,
        "voorgeleiden" => rng.kans(50),
        "strafbeschikking" => rng.kans(20),
        _ => false,
    };
    let geinformeerd: Option<(&str, Tijd)> = if afdoeningsoverleg {
        Some(("vt_zelf", beslissing_t))
    } else if contact && rng.kans(if beter { 88 } else { 70 }) {
        let door = rng.gewogen(&[("om", 45), ("3ro", 30), ("politie", 25)]);
        Some((door, plus_min(beslissing_t, rng.tussen(30, 1200))))
    } else if !contact && rng.kans(if beter { 25 } else { 12 }) {
        let door = rng.gewogen(&[("om", 50), ("politie", 50)]);
        Some((door, plus_min(beslissing_t, rng.tussen(120, 2880))))
    } else {
        None
    };
    let thv = if thv_opgelegd {
        "opgelegd"
    } else {
        rng.gewogen(&[
            ("geen", 70),
            ("in_onderzoek", 10),
            ("opgelegd", 8),
            ("eerder_opgelegd", 12),
        ])
    };
    let advies_3ro = match beslissing {
        "heenzenden" | "heenzenden_voorwaarden" => {
            if rng.kans(if beter { 85 } else { 70 }) {
                "hg_spreekuur"
            } else {
                "niet_gevraagd"
            }
        }
        "voorgeleiden" | "om_zitting" => {
            rng.gewogen(&[("gevraagd", 40), ("gegeven", 40), ("niet_gevraagd", 20)])
        }
        _ => rng.gewogen(&[("niet_gevraagd", 80), ("gevraagd", 20)]),
    };
    let kinderen = rng.gewogen(&[("ja", 40), ("nee", 45), ("onbekend", 15)]);
    let rvdk = kinderen == "ja" && rng.kans(if beter { 65 } else { 50 });

    let door = if betrokkenheid == "aan_tafel" && rng.kans(35) {
        VT
    } else {
        OM
    };
    let mut m = MomentPlan::new(Soort::Zsm, t, door);
    m.zet("vt_betrokkenheid", betrokkenheid);
    // Sought whenever obtained, and whenever VT took part in any way (no draw: the other
    // figures of the demo stay as they were).
    let gezocht = contact || betrokkenheid != "niet";
    m.zet("contact_gezocht", if gezocht { "ja" } else { "nee" });
    m.zet("contact_verkregen", if contact { "ja" } else { "nee" });
    m.zet(
        "veiligheidsbeoordeling",
        if beoordeling { "ja" } else { "nee" },
    );
    if let Some(b) = beoordeling_t {
        m.zet("beoordeling_tijdstip", tijd_tekst(b));
    }
    m.zet(
        "vt_afdoeningsoverleg",
        if afdoeningsoverleg { "ja" } else { "nee" },
    );
    m.zet("beslissing", beslissing);
    m.zet("beslissing_tijdstip", tijd_tekst(beslissing_t));
    m.zet(
        "veiligheidsvoorwaarden",
        if voorwaarden { "ja" } else { "nee" },
    );
    match geinformeerd {
        Some((door, wanneer)) => {
            m.zet("vt_geinformeerd", "ja");
            m.zet("vt_geinformeerd_door", door);
            m.zet("vt_geinformeerd_tijdstip", tijd_tekst(wanneer));
        }
        None => m.zet("vt_geinformeerd", "nee"),
    }
    m.zet("thv", thv);
    m.zet("advies_3ro", advies_3ro);
    m.zet("kinderen", kinderen);
    m.zet("rvdk_betrokken", if rvdk { "ja" } else { "nee" });
    let mut punten = vec![];
    if rng.kans(if beter { 95 } else { 80 }) {
        punten.push("hg_duiding");
    }
    if afdoeningsoverleg || (contact && rng.kans(50)) {
        punten.push("vt_uitgenodigd");
    }
    if beoordeling_t.is_some_and(|b| b <= beslissing_t) {
        punten.push("vt_beoordeling");
    }
    if kinderen == "ja" {
        punten.push("kinderen");
    }
    if thv != "geen" {
        punten.push("thv");
    }
    if vrijlating || voorwaarden {
        punten.push("voorwaarden");
    }
    if advies_3ro != "niet_gevraagd" {
        punten.push("3ro");
    }
    if geinformeerd.is_some() {
        punten.push("terugkoppeling");
    }
    m.zet("aandachtspunten", punten.join(","));
    if rng.kans(8) {
        m.zet("twijfel", "ja");
        m.zet("twijfel_notitie", rng.kies(TWIJFELS));
    }
    m.zet("feiten", rng.kies(FEITEN));

    let ander = if door == VT { OM } else { VT };
    if betrokkenheid != "niet" || door == VT {
        m.deelnemers.push(ander);
    }
    m.deelnemers.push(POLITIE);
    if advies_3ro != "niet_gevraagd" {
        m.deelnemers.push(DRIERO);
    }
    if rvdk {
        m.deelnemers.push(RVDK);
    }
    m.geregistreerd = plus_min(t, rng.tussen(40, 120));
    m.gebeurd(beslissing_t.date());
    if let Some((_, wanneer)) = geinformeerd {
        m.gebeurd(wanneer.date());
    }
    let dag = beslissing_t.date();
    if contact && rng.kans(if beter { 25 } else { 15 }) {
        let a = nieuwe_afspraak(rng, beter, VT, AfspraakSoort::Direct, dag, (3, 7));
        m.afspraak(a);
    }
    if !m.heeft_open_afspraak() && (geinformeerd.is_some() || rng.kans(50)) {
        let klaar = m.laatste_gereed(plus_dagen(dag, rng.tussen(0, 10)));
        if klaar <= PEILDATUM {
            m.status = Status::Afgerond;
            m.stap("afgerond_op", dag_tekst(klaar));
            m.gebeurd(klaar);
        }
    }
    m
}
