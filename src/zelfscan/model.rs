//! Zelfscan Kwaliteitskader: pure types and rules (no HTTP, no SQL).

use crate::gedeeld::{OrganisatieId, RondeId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A questionnaire version as loaded from `data/zelfscan/*.json` or an uploaded file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Vragenlijst {
    /// Stable version key, e.g. "kwaliteitskader-2019-v1".
    pub versie: String,
    pub titel: String,
    /// Explains where the wording comes from.
    #[serde(default)]
    pub bron: String,
    /// The wording of the questions is Voorop's own, derived from the standards, not the
    /// official text: the form says so beside the questions. A region that loads the official
    /// wording leaves it out (false).
    #[serde(default)]
    pub afgeleid: bool,
    pub standaarden: Vec<Standaard>,
    pub vragen: Vec<Vraag>,
    /// The process questions of Bijlage 2 ("Rad van Fortuin").
    pub rad_van_fortuin: Vec<RadVraag>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Standaard {
    /// 1..=10
    pub nummer: u8,
    /// Short title for charts and tables, e.g. "Integrale visie".
    pub titel: String,
    /// The exact text of the kwaliteitsstandaard (seed 003, Bijlage 5).
    pub tekst: String,
    /// Group key of the plan van aanpak (Bijlage 5), e.g. "1-2".
    pub groep: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Vraag {
    /// 1..=31
    pub nummer: u16,
    /// 1 (questions 1-14) or 2 (15-31).
    pub blok: u8,
    /// The standard this question belongs to.
    pub standaard: u8,
    pub tekst: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RadVraag {
    pub nummer: u8,
    pub tekst: String,
}

/// The forced choice of the Zelfscan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Antwoord {
    OpOrde,
    NietOpOrde,
}

impl Antwoord {
    /// Parses the stored/API code (`op_orde`, `niet_op_orde`).
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "op_orde" => Some(Self::OpOrde),
            "niet_op_orde" => Some(Self::NietOpOrde),
            _ => None,
        }
    }
    /// Parses the label as shown to users and written into Excel ("Op orde", "Niet op orde").
    pub fn parse_label(s: &str) -> Option<Self> {
        let l = s.trim().to_lowercase();
        match l.as_str() {
            "op orde" | "op_orde" => Some(Self::OpOrde),
            "niet op orde" | "niet_op_orde" => Some(Self::NietOpOrde),
            _ => None,
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Self::OpOrde => "op_orde",
            Self::NietOpOrde => "niet_op_orde",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::OpOrde => "Op orde",
            Self::NietOpOrde => "Niet op orde",
        }
    }
}

/// One gemeente's answer to one question. `antwoord == None` means "nog niet beantwoord".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VraagAntwoord {
    pub vraag: u16,
    pub antwoord: Option<Antwoord>,
    pub toelichting: String,
}

/// Score of one standard for one gemeente (or, pooled, for a region).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StandaardScore {
    pub standaard: u8,
    pub op_orde: u32,
    /// Questions of the standard (in the questionnaire).
    pub totaal: u32,
    /// Questions answered ("op orde" or "niet op orde"): the noemer of `percentage`.
    pub beantwoord: u32,
    /// Share of the answered questions that are "op orde", 0..=100 (0 when none is answered:
    /// see [`StandaardScore::beantwoord`]).
    pub percentage: f64,
}

impl StandaardScore {
    /// No question of the standard answered yet: no score at all, not 0%.
    pub fn onbeantwoord(&self) -> bool {
        self.beantwoord == 0
    }
    /// Some questions still open.
    pub fn onvolledig(&self) -> bool {
        self.beantwoord < self.totaal
    }
    /// How a page says it: "66,7% (2 van 3 beantwoorde vragen; 2 nog niet beantwoord)",
    /// "100% (3 van 3 vragen)", or "nog niet beantwoord".
    pub fn omschrijving(&self) -> String {
        if self.onbeantwoord() {
            return "nog niet beantwoord".into();
        }
        let open = self.totaal - self.beantwoord;
        let pct = crate::web::procent(self.percentage);
        if open == 0 {
            format!("{pct} ({} van {} vragen)", self.op_orde, self.beantwoord)
        } else {
            format!(
                "{pct} ({} van {} beantwoorde vragen; {open} nog niet beantwoord)",
                self.op_orde, self.beantwoord
            )
        }
    }
}

/// Scores per standard for one answer set: "op orde" among the answered questions. An
/// unanswered question is "nog niet beantwoord": not in the noemer, so an incomplete scan does
/// not read as "niet op orde" (nor pull a regional average down).
pub fn scores(vragenlijst: &Vragenlijst, antwoorden: &[VraagAntwoord]) -> Vec<StandaardScore> {
    let by_vraag: BTreeMap<u16, Option<Antwoord>> =
        antwoorden.iter().map(|a| (a.vraag, a.antwoord)).collect();
    vragenlijst
        .standaarden
        .iter()
        .map(|s| {
            let vragen: Vec<&Vraag> = vragenlijst
                .vragen
                .iter()
                .filter(|v| v.standaard == s.nummer)
                .collect();
            let totaal = vragen.len() as u32;
            let antwoord = |v: &&&Vraag| by_vraag.get(&v.nummer).copied().flatten();
            let beantwoord = vragen.iter().filter(|v| antwoord(v).is_some()).count() as u32;
            let op_orde = vragen
                .iter()
                .filter(|v| antwoord(v) == Some(Antwoord::OpOrde))
                .count() as u32;
            StandaardScore {
                standaard: s.nummer,
                op_orde,
                totaal,
                beantwoord,
                percentage: percentage(op_orde, beantwoord),
            }
        })
        .collect()
}

pub fn percentage(deel: u32, totaal: u32) -> f64 {
    if totaal == 0 {
        0.0
    } else {
        (f64::from(deel) * 1000.0 / f64::from(totaal)).round() / 10.0
    }
}

pub use crate::gedeeld::Zichtbaarheid;

/// Purpose of a scan round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Doel {
    Nulmeting,
    Evaluatie,
    Toetsingsmoment,
}

impl Doel {
    pub const ALLE: [Doel; 3] = [Self::Nulmeting, Self::Evaluatie, Self::Toetsingsmoment];
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALLE.into_iter().find(|z| z.code() == s.trim())
    }
    pub fn code(self) -> &'static str {
        match self {
            Self::Nulmeting => "nulmeting",
            Self::Evaluatie => "evaluatie",
            Self::Toetsingsmoment => "toetsingsmoment",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::Nulmeting => "Nulmeting",
            Self::Evaluatie => "Evaluatie",
            Self::Toetsingsmoment => "Toetsingsmoment",
        }
    }
}

/// One answer as submitted (form or API), before validation.
#[derive(Debug, Clone, Deserialize)]
pub struct RuwAntwoord {
    pub vraag: i64,
    #[serde(default)]
    pub antwoord: Option<String>,
    #[serde(default)]
    pub toelichting: Option<String>,
}

pub const MAX_TOELICHTING: usize = 4000;

/// Parses submitted answers against the questionnaire; collects every problem in Dutch.
pub fn valideer_antwoorden(
    v: &Vragenlijst,
    invoer: &[RuwAntwoord],
) -> Result<Vec<VraagAntwoord>, Vec<crate::error::Veldfout>> {
    use crate::error::Veldfout;
    let mut fouten = Vec::new();
    let mut uit = Vec::new();
    let mut gezien = std::collections::BTreeSet::new();
    for (i, r) in invoer.iter().enumerate() {
        let veld = format!("[{i}]");
        let Some(vraag) = u16::try_from(r.vraag)
            .ok()
            .filter(|n| v.vragen.iter().any(|q| q.nummer == *n))
        else {
            fouten.push(Veldfout::new(
                format!("{veld}.vraag"),
                format!(
                    "Vraag {} bestaat niet in vragenlijst {} (kies 1 t/m {}).",
                    r.vraag,
                    v.versie,
                    v.vragen.len()
                ),
            ));
            continue;
        };
        if !gezien.insert(vraag) {
            fouten.push(Veldfout::new(
                format!("{veld}.vraag"),
                format!("Vraag {vraag} staat er meer dan één keer in."),
            ));
        }
        let antwoord = match r.antwoord.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(s) => {
                if let Some(a) = Antwoord::parse(s) {
                    Some(a)
                } else {
                    fouten.push(Veldfout::new(
                    format!("antwoord_{vraag}"),
                    format!("Vraag {vraag}: '{s}' is geen geldig antwoord; kies 'op_orde' of 'niet_op_orde', of laat leeg."),
                ));
                    None
                }
            }
        };
        let toelichting = r.toelichting.clone().unwrap_or_default();
        if let Err(m) = crate::tekst::geen_stuurtekens(&toelichting) {
            fouten.push(Veldfout::new(
                format!("toelichting_{vraag}"),
                format!("Vraag {vraag}: de toelichting {m}"),
            ));
        }
        if toelichting.chars().count() > MAX_TOELICHTING {
            fouten.push(Veldfout::new(
                format!("toelichting_{vraag}"),
                format!(
                    "Vraag {vraag}: de toelichting is te lang (maximaal {MAX_TOELICHTING} tekens)."
                ),
            ));
        }
        uit.push(VraagAntwoord {
            vraag,
            antwoord,
            toelichting: toelichting.trim().to_string(),
        });
    }
    if fouten.is_empty() {
        Ok(uit)
    } else {
        Err(fouten)
    }
}

/// Checks a questionnaire document loaded from a file.
pub fn valideer_vragenlijst(v: &Vragenlijst) -> Vec<String> {
    let mut f = Vec::new();
    if v.versie.trim().is_empty()
        || !v
            .versie
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.' || c == '_')
    {
        f.push(
            "De versie moet gevuld zijn en mag alleen letters, cijfers, '-', '_' en '.' bevatten."
                .to_string(),
        );
    }
    if v.standaarden.is_empty() {
        f.push("De vragenlijst bevat geen kwaliteitsstandaarden.".into());
    }
    let mut nummers = std::collections::BTreeSet::new();
    for s in &v.standaarden {
        if !nummers.insert(s.nummer) {
            f.push(format!("Standaard {} komt twee keer voor.", s.nummer));
        }
        if s.titel.trim().is_empty() || s.tekst.trim().is_empty() {
            f.push(format!("Standaard {} heeft geen titel of tekst.", s.nummer));
        }
        if !v.vragen.iter().any(|q| q.standaard == s.nummer) {
            f.push(format!("Standaard {} heeft geen vragen.", s.nummer));
        }
    }
    for (i, q) in v.vragen.iter().enumerate() {
        if usize::from(q.nummer) != i + 1 {
            f.push(format!(
                "Vraag op positie {} heeft nummer {}; nummer de vragen doorlopend vanaf 1.",
                i + 1,
                q.nummer
            ));
        }
        if !nummers.contains(&q.standaard) {
            f.push(format!(
                "Vraag {} verwijst naar onbekende standaard {}.",
                q.nummer, q.standaard
            ));
        }
        if !(1..=2).contains(&q.blok) {
            f.push(format!(
                "Vraag {} heeft blok {}; kies 1 of 2.",
                q.nummer, q.blok
            ));
        }
        if q.tekst.trim().is_empty() {
            f.push(format!("Vraag {} heeft geen tekst.", q.nummer));
        }
    }
    f
}

/// Regional aggregate: pooled "op orde" over the given answer sets, per standard.
pub fn regio_scores(v: &Vragenlijst, sets: &[&[VraagAntwoord]]) -> Vec<StandaardScore> {
    let per_set: Vec<Vec<StandaardScore>> = sets.iter().map(|s| scores(v, s)).collect();
    v.standaarden
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let op_orde = per_set.iter().map(|p| p[i].op_orde).sum();
            let totaal = per_set.iter().map(|p| p[i].totaal).sum();
            let beantwoord = per_set.iter().map(|p| p[i].beantwoord).sum();
            StandaardScore {
                standaard: s.nummer,
                op_orde,
                totaal,
                beantwoord,
                percentage: percentage(op_orde, beantwoord),
            }
        })
        .collect()
}

/// "x van y gemeenten ..." statements per standard, naming no gemeente.
pub fn uitspraken(v: &Vragenlijst, per_gemeente: &[Vec<StandaardScore>]) -> Vec<(u8, String)> {
    let y = per_gemeente.len();
    v.standaarden
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let vol = per_gemeente.iter().filter(|p| p[i].totaal > 0 && p[i].op_orde == p[i].totaal).count();
            let laag = per_gemeente
                .iter()
                .filter(|p| !p[i].onbeantwoord() && p[i].percentage < 50.0)
                .count();
            let open = per_gemeente.iter().filter(|p| p[i].onvolledig()).count();
            let mut zin = format!(
                "{vol} van {y} gemeenten hebben deze standaard volledig op orde; {laag} van {y} gemeenten scoren onder de 50% van hun beantwoorde vragen."
            );
            if open > 0 {
                zin.push_str(&format!(
                    " Bij {open} van {y} gemeenten is deze standaard nog niet volledig beantwoord."
                ));
            }
            (s.nummer, zin)
        })
        .collect()
}

/// What an import does to a gemeente's answers, counted per question.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wijzigingen {
    /// Answered (or explained) where nothing was stored.
    pub nieuw: usize,
    /// A different answer or toelichting than stored.
    pub gewijzigd: usize,
    /// Emptied: something was stored, the file has nothing.
    pub gewist: usize,
    pub gelijk: usize,
}

impl Wijzigingen {
    /// Counts (stored, imported) pairs; toelichtingen are compared without outer spaces.
    pub fn tel<'a>(
        paren: impl IntoIterator<Item = (Option<&'a VraagAntwoord>, &'a VraagAntwoord)>,
    ) -> Self {
        let leeg = |a: &VraagAntwoord| a.antwoord.is_none() && a.toelichting.trim().is_empty();
        let mut w = Self::default();
        for (oud, nieuw) in paren {
            let oud_leeg = oud.is_none_or(leeg);
            let gelijk = oud.is_some_and(|o| {
                o.antwoord == nieuw.antwoord && o.toelichting.trim() == nieuw.toelichting.trim()
            });
            match (oud_leeg, leeg(nieuw)) {
                (true, true) => w.gelijk += 1,
                (true, false) => w.nieuw += 1,
                (false, true) => w.gewist += 1,
                (false, false) if gelijk => w.gelijk += 1,
                (false, false) => w.gewijzigd += 1,
            }
        }
        w
    }

    pub fn verandert_iets(&self) -> bool {
        self.nieuw + self.gewijzigd + self.gewist > 0
    }
}

/// May a total over gemeenten be shown to a viewer from whom `verborgen` of them are hidden?
/// Only when none is hidden or at least `minimum`: otherwise the total minus the visible
/// gemeenten reveals the hidden ones' figures exactly.
pub fn aggregaat_toonbaar(verborgen: usize, minimum: usize) -> bool {
    verborgen == 0 || verborgen >= minimum
}

#[cfg(test)]
mod tests {
    #[test]
    fn wijzigingen_per_vraag() {
        let a = |antwoord, t: &str| VraagAntwoord {
            vraag: 1,
            antwoord,
            toelichting: t.into(),
        };
        let op = Some(Antwoord::OpOrde);
        let niet = Some(Antwoord::NietOpOrde);
        let oud = [a(op, "x"), a(op, ""), a(None, ""), a(niet, " y ")];
        let nieuw = [a(op, "x "), a(niet, ""), a(op, ""), a(None, "")];
        let w = Wijzigingen::tel(oud.iter().map(Some).zip(&nieuw));
        assert_eq!(
            w,
            Wijzigingen {
                nieuw: 1,
                gewijzigd: 1,
                gewist: 1,
                gelijk: 1
            }
        );
        assert!(w.verandert_iets());
        let geen = Wijzigingen::tel([(None, &a(None, " "))]);
        assert_eq!(geen.gelijk, 1);
        assert!(!geen.verandert_iets());
    }

    #[test]
    fn aggregaat_alleen_zonder_of_met_minstens_drie_verborgen() {
        let toonbaar: Vec<bool> = (0..=4).map(|n| aggregaat_toonbaar(n, 3)).collect();
        assert_eq!(toonbaar, [true, false, false, true, true]);
    }

    use super::*;

    pub(crate) fn standaard_vragenlijst() -> Vragenlijst {
        serde_json::from_str(include_str!(
            "../../data/zelfscan/kwaliteitskader-2019-v1.json"
        ))
        .unwrap()
    }

    #[test]
    fn meegeleverde_vragenlijst_is_geldig() {
        let v = standaard_vragenlijst();
        assert_eq!(valideer_vragenlijst(&v), Vec::<String>::new());
        assert_eq!(v.standaarden.len(), 10);
        assert_eq!(v.vragen.len(), 31);
        assert!(v.vragen.iter().all(|q| (q.blok == 1) == (q.nummer <= 14)));
        assert_eq!(v.rad_van_fortuin.len(), 8);
    }

    #[test]
    fn score_per_standaard() {
        let v = standaard_vragenlijst();
        // Standard 3 has questions 7..=11: two op orde, one niet, two unanswered: 2 of the 3
        // answered (the unanswered are not "niet op orde").
        let a = |n, x| VraagAntwoord {
            vraag: n,
            antwoord: x,
            toelichting: String::new(),
        };
        let antw = vec![
            a(7, Some(Antwoord::OpOrde)),
            a(8, Some(Antwoord::OpOrde)),
            a(9, Some(Antwoord::NietOpOrde)),
            a(10, None),
        ];
        let s = scores(&v, &antw);
        let s3 = s.iter().find(|s| s.standaard == 3).unwrap();
        assert_eq!((s3.op_orde, s3.beantwoord, s3.totaal), (2, 3, 5));
        assert_eq!(s3.percentage, percentage(2, 3));
        assert!(s3.onvolledig() && !s3.onbeantwoord());
        assert_eq!(
            s3.omschrijving(),
            "66,7% (2 van 3 beantwoorde vragen; 2 nog niet beantwoord)"
        );
        let leeg = s.iter().filter(|s| s.standaard != 3);
        assert!(leeg.clone().all(|s| s.op_orde == 0 && s.onbeantwoord()));
        assert!(
            leeg.clone()
                .all(|s| s.omschrijving() == "nog niet beantwoord")
        );

        // In the region, a gemeente that has not answered a standard does not pull it down.
        let alles_op_orde: Vec<VraagAntwoord> =
            (7..=11).map(|n| a(n, Some(Antwoord::OpOrde))).collect();
        let r = regio_scores(&v, &[&alles_op_orde, &[]]);
        let r3 = r.iter().find(|s| s.standaard == 3).unwrap();
        assert_eq!((r3.op_orde, r3.beantwoord, r3.percentage), (5, 5, 100.0));
    }

    #[test]
    fn regiogemiddelde_en_uitspraken() {
        let v = standaard_vragenlijst();
        let alles = |x| {
            v.vragen
                .iter()
                .map(|q| VraagAntwoord {
                    vraag: q.nummer,
                    antwoord: Some(x),
                    toelichting: String::new(),
                })
                .collect::<Vec<_>>()
        };
        let a = alles(Antwoord::OpOrde);
        let b = alles(Antwoord::NietOpOrde);
        let r = regio_scores(&v, &[&a, &b]);
        assert!(r.iter().all(|s| s.percentage == 50.0));
        let u = uitspraken(&v, &[scores(&v, &a), scores(&v, &b)]);
        assert_eq!(
            u[0].1,
            "1 van 2 gemeenten hebben deze standaard volledig op orde; 1 van 2 gemeenten scoren onder de 50% van hun beantwoorde vragen."
        );
        // A gemeente that has not started: not "onder de 50%", but named as incomplete.
        let u = uitspraken(&v, &[scores(&v, &a), scores(&v, &[])]);
        assert_eq!(
            u[0].1,
            "1 van 2 gemeenten hebben deze standaard volledig op orde; 0 van 2 gemeenten scoren onder de 50% van hun beantwoorde vragen. Bij 1 van 2 gemeenten is deze standaard nog niet volledig beantwoord."
        );
    }

    #[test]
    fn ongeldige_antwoorden_geven_nederlandse_fouten() {
        let v = standaard_vragenlijst();
        let r = |vraag, a: &str| RuwAntwoord {
            vraag,
            antwoord: Some(a.into()),
            toelichting: None,
        };
        let fouten = valideer_antwoorden(
            &v,
            &[
                r(99, "op_orde"),
                r(1, "misschien"),
                r(2, "op_orde"),
                r(2, ""),
            ],
        )
        .unwrap_err();
        assert_eq!(fouten.len(), 3);
        assert!(fouten[0].melding.contains("Vraag 99 bestaat niet"));
        assert!(
            fouten[1]
                .melding
                .contains("'misschien' is geen geldig antwoord")
        );
        assert!(fouten[2].melding.contains("meer dan één keer"));
        let ok = valideer_antwoorden(&v, &[r(3, " niet_op_orde "), r(4, "")]).unwrap();
        assert_eq!(ok[0].antwoord, Some(Antwoord::NietOpOrde));
        assert_eq!(ok[1].antwoord, None);
    }

    #[test]
    fn vragenlijst_validatie_vindt_fouten() {
        let mut v = standaard_vragenlijst();
        v.vragen[3].standaard = 42;
        v.vragen[5].nummer = 77;
        v.versie = "met spatie".into();
        let f = valideer_vragenlijst(&v);
        assert!(f.iter().any(|m| m.contains("onbekende standaard 42")));
        assert!(f.iter().any(|m| m.contains("nummer 77")));
        assert!(f.iter().any(|m| m.contains("De versie")));
    }
}

/// A Zelfscan round as its pages show it.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct Ronde {
    pub id: RondeId,
    pub regio_code: crate::gedeeld::RegioCode,
    pub titel: String,
    pub doel: String,
    pub datum: String,
    pub vragenlijst_versie: String,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RondeGemeente {
    pub gemeente_id: OrganisatieId,
    pub code: String,
    pub naam: String,
    pub zichtbaarheid: String,
    pub beantwoord: i64,
}

impl RondeGemeente {
    pub fn zichtbaarheid(&self) -> Zichtbaarheid {
        Zichtbaarheid::parse(&self.zichtbaarheid).unwrap_or(Zichtbaarheid::Aggregaat)
    }
}
