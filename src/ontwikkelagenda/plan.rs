//! The national Uitvoeringsplan of a year (seed 000 §3.1–3.10): per verbeteractiviteit the goal
//! ("wat willen we bereiken"), what is going on, the supervisor among the members of the
//! national network, the activities with their months and status, and the cost items with an
//! optional amount and the funder. Yearly and iterative: next year's plan starts from this
//! year's with the open activities carried over (seed 000 §4). No SQL, no HTTP.

use super::model::Agenda;
use super::sessie::StapStatus;
use crate::error::Veldfout;
use serde::Serialize;

/// Longest goal, description of what is going on, and update.
pub const MAX_TEKST: usize = 4000;
/// Longest name of an activity, cost item, supervisor or funder.
pub const MAX_NAAM: usize = 300;

#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    pub jaar: i64,
    pub agenda_versie: String,
    /// The plan it was started from (`None`: from the catalogue).
    pub vorig_jaar: Option<i64>,
    pub gewijzigd_op: String,
    pub onderdelen: Vec<Onderdeel>,
}

/// One verbeteractiviteit in the plan.
#[derive(Debug, Clone, Serialize)]
pub struct Onderdeel {
    pub code: String,
    pub nummer: String,
    pub naam: String,
    pub doel: String,
    pub gaande: String,
    pub supervisor: String,
    pub activiteiten: Vec<PlanActiviteit>,
    pub kosten: Vec<Kostenpost>,
}

impl Onderdeel {
    /// The sum of the budgeted amounts, and whether any item has none.
    pub fn totaal(&self) -> (i64, bool) {
        (
            self.kosten.iter().filter_map(|k| k.bedrag_euro).sum(),
            self.kosten.iter().any(|k| k.bedrag_euro.is_none()),
        )
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PlanActiviteit {
    pub id: i64,
    pub code: String,
    pub naam: String,
    /// Months of the plan's year, 1–12, ascending.
    pub maanden: Vec<u8>,
    pub status: StapStatus,
    /// The last update, in words.
    pub stand: String,
    pub gewijzigd_op: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Kostenpost {
    pub id: i64,
    pub omschrijving: String,
    pub bedrag_euro: Option<i64>,
    pub financier: String,
}

/// A plan to be stored: its parts with their activities (ids not yet given).
#[derive(Debug, Clone)]
pub struct NieuwPlan {
    pub jaar: i64,
    pub agenda_versie: String,
    pub vorig_jaar: Option<i64>,
    pub onderdelen: Vec<Onderdeel>,
}

/// The months of `jaar` among `maanden` (`YYYY-MM`), as 1–12.
fn maanden_in(maanden: &[String], jaar: i64) -> Vec<u8> {
    let mut uit: Vec<u8> = maanden
        .iter()
        .filter(|m| m.get(..4).and_then(|j| j.parse::<i64>().ok()) == Some(jaar))
        .filter_map(|m| m.get(5..7)?.parse::<u8>().ok())
        .filter(|m| (1..=12).contains(m))
        .collect();
    uit.sort_unstable();
    uit.dedup();
    uit
}

/// The plan of `jaar` from the catalogue: every verbeteractiviteit with its goal, what is going
/// on, the supervisor and its activities with the months of that year, all planned.
pub fn uit_agenda(jaar: i64, agenda: &Agenda) -> NieuwPlan {
    NieuwPlan {
        jaar,
        agenda_versie: agenda.versie.clone(),
        vorig_jaar: None,
        onderdelen: agenda
            .verbeteractiviteiten
            .iter()
            .map(|v| Onderdeel {
                code: v.code.clone(),
                nummer: v.nummer.clone(),
                naam: v.naam.clone(),
                doel: v.doel.clone(),
                gaande: v.gaande.clone(),
                supervisor: v.supervisor.clone(),
                activiteiten: v
                    .activiteiten
                    .iter()
                    .map(|a| PlanActiviteit {
                        id: 0,
                        code: a.code.clone(),
                        naam: a.naam.clone(),
                        maanden: maanden_in(&a.maanden, jaar),
                        status: StapStatus::Gepland,
                        stand: String::new(),
                        gewijzigd_op: String::new(),
                    })
                    .collect(),
                kosten: v
                    .kostenposten
                    .iter()
                    .map(|k| Kostenpost {
                        id: 0,
                        omschrijving: k.clone(),
                        bedrag_euro: None,
                        financier: String::new(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// Next year's plan from `vorig` (the learning loop): the same parts, goals and supervisors;
/// the activities that are still open (gepland or loopt) carried over with their status and
/// last update but without months (they are planned anew); finished and dropped ones stay
/// behind in last year's plan. Cost items carry over without amounts: they are budgeted per
/// year.
pub fn vervolg(vorig: &Plan, jaar: i64) -> NieuwPlan {
    NieuwPlan {
        jaar,
        agenda_versie: vorig.agenda_versie.clone(),
        vorig_jaar: Some(vorig.jaar),
        onderdelen: vorig
            .onderdelen
            .iter()
            .map(|o| Onderdeel {
                activiteiten: o
                    .activiteiten
                    .iter()
                    .filter(|a| matches!(a.status, StapStatus::Gepland | StapStatus::Loopt))
                    .map(|a| PlanActiviteit {
                        id: 0,
                        maanden: vec![],
                        ..a.clone()
                    })
                    .collect(),
                kosten: o
                    .kosten
                    .iter()
                    .map(|k| Kostenpost {
                        id: 0,
                        bedrag_euro: None,
                        ..k.clone()
                    })
                    .collect(),
                ..o.clone()
            })
            .collect(),
    }
}

fn tekstveld(t: &str, veld: &str, max: usize, f: &mut Vec<Veldfout>) -> String {
    let t = t.trim();
    if t.chars().count() > max {
        f.push(Veldfout::new(veld, format!("Maximaal {max} tekens.")));
    } else if let Err(m) = crate::tekst::geen_stuurtekens(t) {
        f.push(Veldfout::new(veld, format!("Dit veld {m}")));
    }
    t.to_string()
}

/// An activity's status and last update as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct StandInvoer {
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub stand: String,
    /// Months 1–12 (checkboxes).
    #[serde(default)]
    pub maand: Vec<String>,
}

/// Status, update and months, checked.
pub fn stand_lezen(i: &StandInvoer) -> Result<(StapStatus, String, Vec<u8>), Vec<Veldfout>> {
    let mut f = vec![];
    let status = StapStatus::parse(&i.status);
    if status.is_none() {
        f.push(Veldfout::new(
            "status",
            "Kies gepland, loopt, gereed of vervallen.",
        ));
    }
    let stand = tekstveld(&i.stand, "stand", MAX_TEKST, &mut f);
    let mut maanden = vec![];
    for m in &i.maand {
        match m.trim().parse::<u8>() {
            Ok(m @ 1..=12) if !maanden.contains(&m) => maanden.push(m),
            Ok(1..=12) => {}
            _ => f.push(Veldfout::new(
                "maanden",
                "Kies maanden van januari tot en met december.",
            )),
        }
    }
    maanden.sort_unstable();
    match status {
        Some(s) if f.is_empty() => Ok((s, stand, maanden)),
        _ => Err(f),
    }
}

/// A new activity or cost item of a verbeteractiviteit, as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct RegelInvoer {
    #[serde(default)]
    pub verbeteractiviteit: String,
    #[serde(default)]
    pub naam: String,
    /// Cost items: the amount in whole euros ("" for none), and the funder.
    #[serde(default)]
    pub bedrag: String,
    #[serde(default)]
    pub financier: String,
}

/// A new activity's name or cost item's description, checked against the plan's parts.
pub fn regel_lezen(i: &RegelInvoer, plan: &Plan) -> Result<(String, String), Vec<Veldfout>> {
    let mut f = vec![];
    if !plan
        .onderdelen
        .iter()
        .any(|o| o.code == i.verbeteractiviteit)
    {
        f.push(Veldfout::new(
            "verbeteractiviteit",
            "Kies een verbeteractiviteit van dit plan.",
        ));
    }
    let naam = tekstveld(&i.naam, "naam", MAX_NAAM, &mut f);
    if naam.is_empty() {
        f.push(Veldfout::new("naam", "Geef een omschrijving."));
    }
    if f.is_empty() {
        Ok((i.verbeteractiviteit.clone(), naam))
    } else {
        Err(f)
    }
}

/// A cost item's amount ("" for none: not budgeted yet) and funder, checked.
pub fn kosten_lezen(i: &RegelInvoer) -> Result<(Option<i64>, String), Vec<Veldfout>> {
    let mut f = vec![];
    let t: String = i
        .bedrag
        .trim()
        .chars()
        .filter(|c| !matches!(c, '.' | ' ' | '€'))
        .collect();
    let bedrag = t
        .parse::<i64>()
        .ok()
        .filter(|b| (0..=100_000_000).contains(b));
    if bedrag.is_none() && !t.is_empty() {
        f.push(Veldfout::new(
            "bedrag",
            "Vul het bedrag in hele euro's in (bijvoorbeeld 25000), of laat het leeg.",
        ));
    }
    let financier = tekstveld(&i.financier, "financier", MAX_NAAM, &mut f);
    if f.is_empty() {
        Ok((bedrag, financier))
    } else {
        Err(f)
    }
}

/// A part's goal, what is going on and supervisor, as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct OnderdeelInvoer {
    #[serde(default)]
    pub doel: String,
    #[serde(default)]
    pub gaande: String,
    #[serde(default)]
    pub supervisor: String,
}

pub fn onderdeel_lezen(i: &OnderdeelInvoer) -> Result<OnderdeelInvoer, Vec<Veldfout>> {
    let mut f = vec![];
    let uit = OnderdeelInvoer {
        doel: tekstveld(&i.doel, "doel", MAX_TEKST, &mut f),
        gaande: tekstveld(&i.gaande, "gaande", MAX_TEKST, &mut f),
        supervisor: tekstveld(&i.supervisor, "supervisor", MAX_NAAM, &mut f),
    };
    if f.is_empty() { Ok(uit) } else { Err(f) }
}

/// A code for a new activity: letters and digits of its name, unique within its part.
pub fn nieuwe_code(naam: &str, bestaand: &[String]) -> String {
    let basis: String = naam
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect::<String>()
        .split('_')
        .filter(|d| !d.is_empty())
        .take(4)
        .collect::<Vec<_>>()
        .join("_");
    let basis = if basis.is_empty() {
        "activiteit".to_string()
    } else {
        basis
    };
    let mut code = basis.clone();
    let mut n = 2;
    while bestaand.contains(&code) {
        code = format!("{basis}_{n}");
        n += 1;
    }
    code
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agenda() -> Agenda {
        serde_json::from_str(crate::ontwikkelagenda::MEEGELEVERD[0].1).expect("agenda 2019")
    }

    #[test]
    fn plan_uit_de_agenda_neemt_de_maanden_van_het_jaar() {
        let a = agenda();
        let p = uit_agenda(2019, &a);
        assert_eq!(p.onderdelen.len(), a.verbeteractiviteiten.len());
        let alle: Vec<&PlanActiviteit> =
            p.onderdelen.iter().flat_map(|o| &o.activiteiten).collect();
        assert!(alle.iter().all(|x| x.status == StapStatus::Gepland));
        assert!(
            alle.iter().any(|x| !x.maanden.is_empty()),
            "seed 000 plans months in 2019"
        );
        // Every month kept is one of the catalogue's, in that year.
        for (o, v) in p.onderdelen.iter().zip(&a.verbeteractiviteiten) {
            for (x, y) in o.activiteiten.iter().zip(&v.activiteiten) {
                for m in &x.maanden {
                    assert!(
                        y.maanden.contains(&format!("2019-{m:02}")),
                        "{} {m}",
                        x.code
                    );
                }
            }
        }
        assert_eq!(
            maanden_in(
                &[
                    "2019-03".into(),
                    "2020-01".into(),
                    "2019-03".into(),
                    "2019-1x".into()
                ],
                2019
            ),
            vec![3]
        );
    }

    #[test]
    fn vervolg_neemt_open_activiteiten_mee_zonder_maanden_en_bedragen() {
        let mut p = uit_agenda(2019, &agenda());
        let o = &mut p.onderdelen[0];
        o.activiteiten[0].status = StapStatus::Gereed;
        o.activiteiten[1].status = StapStatus::Loopt;
        o.activiteiten[1].stand = "Halverwege".into();
        o.kosten.push(Kostenpost {
            id: 1,
            omschrijving: "Procesbegeleiding".into(),
            bedrag_euro: Some(25_000),
            financier: "JenV".into(),
        });
        let plan = Plan {
            jaar: 2019,
            agenda_versie: p.agenda_versie,
            vorig_jaar: None,
            gewijzigd_op: String::new(),
            onderdelen: p.onderdelen,
        };
        let v = vervolg(&plan, 2020);
        assert_eq!(v.vorig_jaar, Some(2019));
        let n = &v.onderdelen[0];
        assert_eq!(
            n.activiteiten.len(),
            plan.onderdelen[0].activiteiten.len() - 1,
            "the finished one stays behind"
        );
        assert_eq!(n.activiteiten[0].status, StapStatus::Loopt);
        assert_eq!(n.activiteiten[0].stand, "Halverwege");
        assert!(n.activiteiten.iter().all(|a| a.maanden.is_empty()));
        let k = n
            .kosten
            .iter()
            .find(|k| k.omschrijving == "Procesbegeleiding")
            .expect("kostenpost");
        assert_eq!((k.bedrag_euro, k.financier.as_str()), (None, "JenV"));
    }

    #[test]
    fn invoer_wordt_gecontroleerd() {
        let ok = stand_lezen(&StandInvoer {
            status: "loopt".into(),
            stand: " Gestart ".into(),
            maand: vec!["3".into(), "1".into(), "3".into()],
        })
        .unwrap();
        assert_eq!(ok, (StapStatus::Loopt, "Gestart".into(), vec![1, 3]));
        let f = stand_lezen(&StandInvoer {
            status: "klaar".into(),
            stand: String::new(),
            maand: vec!["13".into()],
        })
        .unwrap_err();
        assert_eq!(f.len(), 2);
        assert_eq!(
            kosten_lezen(&RegelInvoer {
                bedrag: "€ 25.000".into(),
                ..Default::default()
            })
            .unwrap()
            .0,
            Some(25_000)
        );
        assert!(
            kosten_lezen(&RegelInvoer {
                bedrag: "veel".into(),
                ..Default::default()
            })
            .is_err()
        );
        assert_eq!(
            nieuwe_code(
                "Werkbezoek Politie & VT!",
                &["werkbezoek_politie_vt".into()]
            ),
            "werkbezoek_politie_vt_2"
        );
    }
}
