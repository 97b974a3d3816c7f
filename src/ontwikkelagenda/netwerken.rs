//! The national overview of the regional networks' own year (seed 001 §1.3; seed 000 §3.10
//! "versterken regionale netwerken en landelijk netwerk"): for the national network, every
//! region's werkplan with its chair and speerpunten, its meetings against the "ongeveer zes
//! keer per jaar", the actions of its besluitenlijsten, and its self-evaluation beside last
//! year's; then per verbeteractiviteit in how many regions it is a speerpunt, the regions' own
//! themes, and the self-evaluation per aspect across the regions. A region without a werkplan
//! or evaluation is shown as such, never as zero. No SQL, no HTTP.

use super::model::Agenda;
use super::netwerk::{
    Aspect, BIJEENKOMSTEN_PER_JAAR, Bijeenkomst, BijeenkomstStatus, Evaluatie, Vergelijking,
    Werkplan, WerkplanStatus, vergelijken,
};
use super::sessie::StapStatus;
use crate::gedeeld::RegioCode;
use serde::Serialize;

/// What is known of one region's network year, as read from the store.
#[derive(Debug, Clone)]
pub struct Regiojaar {
    pub regio: RegioCode,
    pub werkplan: Option<Werkplan>,
    pub bijeenkomsten: Vec<Bijeenkomst>,
    pub evaluatie: Option<Evaluatie>,
    pub vorige_evaluatie: Option<Evaluatie>,
}

/// One region's row of the overview.
#[derive(Debug, Clone, Serialize)]
pub struct Regiorij {
    pub code: &'static str,
    pub naam: &'static str,
    pub werkplan: Option<WerkplanStatus>,
    pub voorzitter: Option<String>,
    /// (title, name of its verbeteractiviteit, or None for a regional theme).
    pub speerpunten: Vec<(String, Option<String>)>,
    pub gehouden: usize,
    pub gepland: usize,
    /// Actions of the besluitenlijsten (stappen vooruit), and how many of them are gereed.
    pub acties: usize,
    pub gereed: usize,
    /// Whether the region evaluated itself this year.
    pub geevalueerd: bool,
    /// The self-evaluation per aspect beside last year's.
    pub evaluatie: Vec<Vergelijking>,
}

impl Regiorij {
    /// "4 van ~6 gehouden, 2 gepland"
    pub fn bijeenkomsten_tekst(&self) -> String {
        let mut t = format!("{} van ~{BIJEENKOMSTEN_PER_JAAR} gehouden", self.gehouden);
        if self.gepland > 0 {
            t.push_str(&format!(", {} gepland", self.gepland));
        }
        t
    }
}

/// One verbeteractiviteit: the regions that made it a speerpunt.
#[derive(Debug, Clone, Serialize)]
pub struct Dekking {
    pub code: String,
    pub nummer: String,
    pub naam: String,
    pub regios: Vec<&'static str>,
}

/// One aspect of the self-evaluation across the regions, this year and last.
#[derive(Debug, Clone, Serialize)]
pub struct AspectLandelijk {
    pub aspect: Aspect,
    /// (regions that scored it, their mean) this year and last year.
    pub nu: Option<(usize, f64)>,
    pub vorig: Option<(usize, f64)>,
}

impl AspectLandelijk {
    /// The mean with a decimal comma, e.g. "3,4".
    pub fn gemiddeld(g: Option<(usize, f64)>) -> String {
        g.map_or_else(String::new, |(_, m)| format!("{m:.1}").replace('.', ","))
    }
    /// How many regions a mean is of.
    pub fn aantal(g: Option<(usize, f64)>) -> usize {
        g.map_or(0, |(n, _)| n)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Netwerken {
    pub jaar: i64,
    pub regios: Vec<Regiorij>,
    /// Per verbeteractiviteit of the year's agenda, in its order.
    pub dekking: Vec<Dekking>,
    /// The regions' own themes (speerpunten without a verbeteractiviteit): (region, title).
    pub eigen_themas: Vec<(&'static str, String)>,
    pub aspecten: Vec<AspectLandelijk>,
}

impl Netwerken {
    pub fn met_werkplan(&self) -> usize {
        self.regios.iter().filter(|r| r.werkplan.is_some()).count()
    }
    pub fn vastgesteld(&self) -> usize {
        self.regios
            .iter()
            .filter(|r| r.werkplan == Some(WerkplanStatus::Vastgesteld))
            .count()
    }
    pub fn gehouden(&self) -> usize {
        self.regios.iter().map(|r| r.gehouden).sum()
    }
    pub fn geevalueerd(&self) -> usize {
        self.regios.iter().filter(|r| r.geevalueerd).count()
    }
}

/// The mean of the scores that are there, with their number.
fn gemiddelde(scores: impl Iterator<Item = Option<i64>>) -> Option<(usize, f64)> {
    let s: Vec<i64> = scores.flatten().collect();
    (!s.is_empty()).then(|| (s.len(), s.iter().sum::<i64>() as f64 / s.len() as f64))
}

/// The overview of `jaar` from every region's network year, named after `agenda`.
pub fn overzicht(jaar: i64, agenda: &Agenda, jaren: &[Regiojaar]) -> Netwerken {
    // A code that is not on this agenda (a werkplan made with another version) keeps its code.
    let naam_van = |code: &str| {
        (!code.is_empty()).then(|| {
            agenda
                .verbeteractiviteit(code)
                .map_or_else(|| code.to_string(), |v| v.naam.clone())
        })
    };
    let mut eigen_themas = Vec::new();
    let regios: Vec<Regiorij> = jaren
        .iter()
        .map(|j| {
            let speerpunten: Vec<(String, Option<String>)> = j
                .werkplan
                .iter()
                .flat_map(|w| &w.speerpunten)
                .map(|s| (s.titel.clone(), naam_van(&s.verbeteractiviteit)))
                .collect();
            eigen_themas.extend(
                speerpunten
                    .iter()
                    .filter(|(_, v)| v.is_none())
                    .map(|(t, _)| (j.regio.as_str(), t.clone())),
            );
            let acties: Vec<StapStatus> = j
                .bijeenkomsten
                .iter()
                .flat_map(|b| &b.besluiten)
                .filter_map(|b| b.actie.as_ref().map(|a| a.status))
                .collect();
            let telt = |s| j.bijeenkomsten.iter().filter(|b| b.status == s).count();
            Regiorij {
                code: j.regio.as_str(),
                naam: j.regio.naam(),
                werkplan: j.werkplan.as_ref().map(|w| w.status),
                voorzitter: j
                    .werkplan
                    .as_ref()
                    .and_then(|w| w.voorzitter.as_ref().map(|(_, n)| n.clone())),
                speerpunten,
                gehouden: telt(BijeenkomstStatus::Gehouden),
                gepland: telt(BijeenkomstStatus::Gepland),
                acties: acties.len(),
                gereed: acties.iter().filter(|s| **s == StapStatus::Gereed).count(),
                geevalueerd: j.evaluatie.is_some(),
                evaluatie: vergelijken(j.evaluatie.as_ref(), j.vorige_evaluatie.as_ref()),
            }
        })
        .collect();
    let dekking = agenda
        .verbeteractiviteiten
        .iter()
        .map(|v| Dekking {
            code: v.code.clone(),
            nummer: v.nummer.clone(),
            naam: v.naam.clone(),
            regios: jaren
                .iter()
                .filter(|j| {
                    j.werkplan
                        .iter()
                        .flat_map(|w| &w.speerpunten)
                        .any(|s| s.verbeteractiviteit == v.code)
                })
                .map(|j| j.regio.as_str())
                .collect(),
        })
        .collect();
    let aspecten = Aspect::ALLE
        .iter()
        .map(|&aspect| AspectLandelijk {
            aspect,
            nu: gemiddelde(jaren.iter().map(|j| j.evaluatie.as_ref()?.score(aspect))),
            vorig: gemiddelde(
                jaren
                    .iter()
                    .map(|j| j.vorige_evaluatie.as_ref()?.score(aspect)),
            ),
        })
        .collect();
    Netwerken {
        jaar,
        regios,
        dekking,
        eigen_themas,
        aspecten,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ontwikkelagenda::netwerk::{Actie, Besluit, Speerpunt};

    fn agenda() -> Agenda {
        serde_json::from_str(crate::ontwikkelagenda::MEEGELEVERD[1].1).expect("agenda")
    }

    fn werkplan(regio: RegioCode, punten: &[(&str, &str)]) -> Werkplan {
        Werkplan {
            id: 1,
            regio,
            jaar: 2026,
            hoofdstukken: Default::default(),
            voorzitter: Some((crate::gedeeld::OrganisatieId(1), "Veilig Thuis X".into())),
            status: WerkplanStatus::Vastgesteld,
            status_op: "2026-02-01".into(),
            gewijzigd_op: "2026-02-01".into(),
            speerpunten: punten
                .iter()
                .enumerate()
                .map(|(i, (titel, v))| Speerpunt {
                    id: i as i64,
                    titel: (*titel).into(),
                    verbeteractiviteit: (*v).into(),
                    trekkers: vec![],
                })
                .collect(),
        }
    }

    fn bijeenkomst(status: BijeenkomstStatus, acties: &[StapStatus]) -> Bijeenkomst {
        Bijeenkomst {
            id: 1,
            regio: RegioCode::alle().next().expect("regio"),
            jaar: 2026,
            datum: "2026-03-01".into(),
            speerpunt_id: 0,
            speerpunt: String::new(),
            status,
            agenda: String::new(),
            casus: String::new(),
            leereffecten: String::new(),
            ontwikkelingen: String::new(),
            gewijzigd_op: String::new(),
            besluiten: acties
                .iter()
                .map(|s| Besluit {
                    id: 1,
                    tekst: "b".into(),
                    actie: Some(Actie {
                        stap_id: 1,
                        eigenaar: "Politie".into(),
                        streefdatum: None,
                        status: *s,
                        verbeteractiviteit: String::new(),
                    }),
                })
                .chain(std::iter::once(Besluit {
                    id: 2,
                    tekst: "zonder actie".into(),
                    actie: None,
                }))
                .collect(),
        }
    }

    fn evaluatie(regio: RegioCode, jaar: i64, scores: [i64; 4]) -> Evaluatie {
        Evaluatie {
            id: jaar,
            regio,
            jaar,
            datum: format!("{jaar}-11-01"),
            conclusies: String::new(),
            aspecten: Aspect::ALLE
                .iter()
                .zip(scores)
                .map(|(a, s)| (*a, s, String::new()))
                .collect(),
        }
    }

    #[test]
    fn regios_zonder_werkplan_of_evaluatie_tellen_niet_als_nul() {
        let a = agenda();
        let eerste = &a.verbeteractiviteiten[0];
        let tweede = &a.verbeteractiviteiten[1];
        let mut regios = RegioCode::alle();
        let (r1, r2, r3) = (
            regios.next().expect("1"),
            regios.next().expect("2"),
            regios.next().expect("3"),
        );
        let jaren = vec![
            Regiojaar {
                regio: r1,
                werkplan: Some(werkplan(
                    r1,
                    &[
                        ("Actie-overleg", &eerste.code),
                        ("Ex-partnerstalking", ""),
                        ("Oude code", "bestaat_niet"),
                    ],
                )),
                bijeenkomsten: vec![
                    bijeenkomst(
                        BijeenkomstStatus::Gehouden,
                        &[StapStatus::Gereed, StapStatus::Loopt],
                    ),
                    bijeenkomst(BijeenkomstStatus::Gepland, &[]),
                ],
                evaluatie: Some(evaluatie(r1, 2026, [4, 3, 5, 2])),
                vorige_evaluatie: Some(evaluatie(r1, 2025, [3, 3, 5, 4])),
            },
            Regiojaar {
                regio: r2,
                werkplan: Some(werkplan(r2, &[("Visie", &eerste.code)])),
                bijeenkomsten: vec![],
                evaluatie: Some(evaluatie(r2, 2026, [2, 2, 2, 2])),
                vorige_evaluatie: None,
            },
            Regiojaar {
                regio: r3,
                werkplan: None,
                bijeenkomsten: vec![],
                evaluatie: None,
                vorige_evaluatie: None,
            },
        ];
        let n = overzicht(2026, &a, &jaren);
        assert_eq!(
            (n.met_werkplan(), n.vastgesteld(), n.geevalueerd()),
            (2, 2, 2)
        );
        let eerste_rij = &n.regios[0];
        assert_eq!(
            eerste_rij.speerpunten[0],
            ("Actie-overleg".to_string(), Some(eerste.naam.clone()))
        );
        assert_eq!(eerste_rij.speerpunten[1].1, None);
        assert_eq!((eerste_rij.gehouden, eerste_rij.gepland), (1, 1));
        assert_eq!((eerste_rij.acties, eerste_rij.gereed), (2, 1));
        assert_eq!(
            eerste_rij.bijeenkomsten_tekst(),
            "1 van ~6 gehouden, 1 gepland"
        );
        assert_eq!(eerste_rij.evaluatie[0].verschil(), "+1");
        assert_eq!(eerste_rij.evaluatie[3].verschil(), "−2");
        // Regions without werkplan: no speerpunten, no chair, shown as "geen werkplan".
        assert_eq!(n.regios[2].werkplan, None);
        assert!(!n.regios[2].geevalueerd);
        assert_eq!(n.regios[2].evaluatie[0].nu, None);
        // A code of another agenda version keeps its code.
        assert_eq!(eerste_rij.speerpunten[2].1.as_deref(), Some("bestaat_niet"));
        // Coverage: the first activity in two regions, the second in none.
        assert_eq!(n.dekking[0].regios, vec![r1.as_str(), r2.as_str()]);
        assert!(
            n.dekking
                .iter()
                .any(|d| d.code == tweede.code && d.regios.is_empty())
        );
        assert_eq!(
            n.eigen_themas,
            vec![(r1.as_str(), "Ex-partnerstalking".to_string())]
        );
        // Means over the regions that scored, not over all ten.
        let werkwijze = &n.aspecten[0];
        assert_eq!(werkwijze.nu, Some((2, 3.0)));
        assert_eq!(werkwijze.vorig, Some((1, 3.0)));
        assert_eq!(AspectLandelijk::gemiddeld(n.aspecten[3].nu), "2,0");
        assert_eq!(AspectLandelijk::gemiddeld(None), "");
    }
}
