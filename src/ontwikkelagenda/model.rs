//! The Ontwikkelagenda's catalogue (seed 000 §3, seed 004): an agenda period with its
//! verbeteractiviteiten, each with its goal, what is already going on, its activities and their
//! month planning, the development cost items and a supervisor from the national network; and
//! the SWOT werkvorm of the Bijlage with its four quadrants. Versioned reference data
//! (`data/ontwikkelagenda/`), loaded by a beheerder without a code change. No SQL, no HTTP.

use serde::{Deserialize, Serialize};

/// One version of the agenda.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Agenda {
    pub versie: String,
    pub titel: String,
    /// Which source document and section it is taken from.
    pub bron: String,
    pub periode: Periode,
    #[serde(default)]
    pub toelichting: String,
    pub swot: SwotWerkvorm,
    pub verbeteractiviteiten: Vec<Verbeteractiviteit>,
}

/// The years an agenda covers, `YYYY` each.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Periode {
    pub van: String,
    pub tot: String,
}

/// The SWOT werkvorm of seed 000's Bijlage: the four quadrants, and the steps of a session.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SwotWerkvorm {
    pub kwadranten: Vec<Kwadrant>,
    #[serde(default)]
    pub stappen: Vec<String>,
}

/// One quadrant: `sterkte`, `zwakte`, `kans` or `bedreiging`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Kwadrant {
    pub code: String,
    pub label: String,
    /// When an activity belongs here, in the words of the werkvorm.
    #[serde(default)]
    pub uitleg: String,
}

/// The four quadrant codes, in the order of a SWOT.
pub const KWADRANTEN: [&str; 4] = ["sterkte", "zwakte", "kans", "bedreiging"];

/// One verbeteractiviteit.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Verbeteractiviteit {
    /// Stable code (lower-case ASCII letters, digits and `_`): sessions and plans refer to it.
    pub code: String,
    /// The section of the source, e.g. "3.2".
    #[serde(default)]
    pub nummer: String,
    pub naam: String,
    /// Wat willen we bereiken.
    #[serde(default)]
    pub doel: String,
    /// Wat is er al gaande en waar kunnen we bij aansluiten.
    #[serde(default)]
    pub gaande: String,
    /// The SWOT picture the source gives for it.
    #[serde(default)]
    pub swot_beeld: SwotBeeld,
    #[serde(default)]
    pub activiteiten: Vec<Activiteit>,
    /// Development cost items named in the source.
    #[serde(default)]
    pub kostenposten: Vec<String>,
    /// Who supervises it among the members of the national network (a role or organisation).
    #[serde(default)]
    pub supervisor: String,
    #[serde(default)]
    pub bron: String,
    /// What the source leaves open.
    #[serde(default)]
    pub opmerking: String,
    /// The theme of the Werkset Indicatoren that measures what it costs and yields, if one
    /// does (`data/werkset/`): the link between planning and measuring (seed 000 §4).
    #[serde(default)]
    pub werkset_thema: Option<u8>,
}

/// Points per quadrant.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SwotBeeld {
    #[serde(default)]
    pub sterkte: Vec<String>,
    #[serde(default)]
    pub zwakte: Vec<String>,
    #[serde(default)]
    pub kans: Vec<String>,
    #[serde(default)]
    pub bedreiging: Vec<String>,
}

/// A concrete activity with the months it is planned in (`YYYY-MM`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Activiteit {
    pub code: String,
    pub naam: String,
    #[serde(default)]
    pub maanden: Vec<String>,
    #[serde(default)]
    pub planning_opmerking: String,
}

fn is_code(c: &str) -> bool {
    !c.is_empty()
        && c.len() <= 60
        && c.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

fn is_jaar(j: &str) -> bool {
    j.len() == 4 && j.bytes().all(|b| b.is_ascii_digit())
}

/// `YYYY-MM` with a month 01–12.
fn is_maand(m: &str) -> bool {
    let (j, mm) = m.split_at_checked(4).unwrap_or(("", ""));
    is_jaar(j)
        && mm.len() == 3
        && mm.starts_with('-')
        && mm[1..].parse::<u8>().is_ok_and(|x| (1..=12).contains(&x))
}

impl Agenda {
    /// What is wrong with the document, in Dutch (empty: nothing): a version and title, a
    /// period of years, the four quadrants once each, and verbeteractiviteiten with unique
    /// codes and names, activities with unique codes within their verbeteractiviteit, and
    /// months written `YYYY-MM`.
    pub fn valideer(&self) -> Vec<String> {
        let mut f = vec![];
        if self.versie.trim().is_empty() {
            f.push("De agenda heeft geen versie.".to_string());
        }
        if self.titel.trim().is_empty() {
            f.push("De agenda heeft geen titel.".to_string());
        }
        if !is_jaar(&self.periode.van)
            || !is_jaar(&self.periode.tot)
            || self.periode.tot < self.periode.van
        {
            f.push(format!(
                "De periode '{}'–'{}' is geen reeks jaren (JJJJ tot en met JJJJ).",
                self.periode.van, self.periode.tot
            ));
        }
        let codes: Vec<&str> = self
            .swot
            .kwadranten
            .iter()
            .map(|k| k.code.as_str())
            .collect();
        if codes != KWADRANTEN {
            f.push(format!(
                "De SWOT moet de kwadranten {} hebben, in die volgorde; gevonden: {}.",
                KWADRANTEN.join(", "),
                codes.join(", ")
            ));
        }
        if self.verbeteractiviteiten.is_empty() {
            f.push("De agenda heeft geen verbeteractiviteiten.".to_string());
        }
        for (i, v) in self.verbeteractiviteiten.iter().enumerate() {
            let wie = format!("Verbeteractiviteit {} ('{}')", i + 1, v.code);
            if !is_code(&v.code) {
                f.push(format!(
                    "{wie}: de code mag alleen kleine letters, cijfers en _ bevatten."
                ));
            }
            if self.verbeteractiviteiten[..i]
                .iter()
                .any(|x| x.code == v.code)
            {
                f.push(format!("{wie}: de code komt twee keer voor."));
            }
            if v.naam.trim().is_empty() {
                f.push(format!("{wie}: de naam ontbreekt."));
            }
            for (k, a) in v.activiteiten.iter().enumerate() {
                let wat = format!("{wie}, activiteit {} ('{}')", k + 1, a.code);
                if !is_code(&a.code) {
                    f.push(format!(
                        "{wat}: de code mag alleen kleine letters, cijfers en _ bevatten."
                    ));
                }
                if v.activiteiten[..k].iter().any(|x| x.code == a.code) {
                    f.push(format!("{wat}: de code komt twee keer voor."));
                }
                if a.naam.trim().is_empty() {
                    f.push(format!("{wat}: de naam ontbreekt."));
                }
                for m in a.maanden.iter().filter(|m| !is_maand(m)) {
                    f.push(format!("{wat}: '{m}' is geen maand (JJJJ-MM)."));
                }
            }
        }
        f
    }

    pub fn verbeteractiviteit(&self, code: &str) -> Option<&Verbeteractiviteit> {
        self.verbeteractiviteiten.iter().find(|v| v.code == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meegeleverde_versies_zijn_geldig() {
        for (naam, json) in super::super::MEEGELEVERD {
            let a: Agenda = serde_json::from_str(json).unwrap_or_else(|e| panic!("{naam}: {e}"));
            assert_eq!(a.valideer(), Vec::<String>::new(), "{naam}");
            assert!(a.verbeteractiviteiten.len() >= 4, "{naam}");
        }
    }

    #[test]
    fn fouten_in_de_agenda_worden_genoemd() {
        let mut a: Agenda =
            serde_json::from_str(super::super::MEEGELEVERD[0].1).expect("meegeleverd");
        a.periode.tot = "19".into();
        a.swot.kwadranten.swap(0, 1);
        a.verbeteractiviteiten[0].code = "Met Spatie".into();
        a.verbeteractiviteiten[2].code = a.verbeteractiviteiten[1].code.clone();
        a.verbeteractiviteiten[1].naam = " ".into();
        a.verbeteractiviteiten[1].activiteiten = vec![Activiteit {
            code: "a".into(),
            naam: "Fictief".into(),
            maanden: vec!["2019-13".into(), "mei".into(), "2019-05".into()],
            planning_opmerking: String::new(),
        }];
        let tekst = a.valideer().join("\n");
        for verwacht in [
            "geen reeks jaren",
            "kwadranten sterkte, zwakte, kans, bedreiging",
            "Verbeteractiviteit 1 ('Met Spatie'): de code mag alleen kleine letters",
            "Verbeteractiviteit 3",
            "de code komt twee keer voor",
            "Verbeteractiviteit 2",
            "de naam ontbreekt",
            "'2019-13' is geen maand",
            "'mei' is geen maand",
        ] {
            assert!(tekst.contains(verwacht), "{verwacht}: {tekst}");
        }
        assert!(!tekst.contains("'2019-05'"), "{tekst}");
        assert!(is_maand("2019-09") && !is_maand("2019-9") && !is_maand("2019-00"));
    }
}
