//! A region's SWOT session of a year (seed 000, Bijlage "SWOT werkvorm"): the participants
//! place every verbeteractiviteit of the agenda in one quadrant, based on "de lokale toestand
//! van nu", with an explanation, and formulate concrete stappen vooruit with an owner
//! organisation, a date and a status. The opbrengstverslag goes concept → ter reactie →
//! vastgesteld. Participants are organisations with their functions: no names, no personal
//! data. The rules of the forms live here, free of HTTP and SQL.

use super::model::Verbeteractiviteit;
use crate::error::Veldfout;
use crate::gedeeld::{OrganisatieId, RegioCode};
use serde::Serialize;
use std::collections::BTreeMap;

crate::code_enum!(
    /// The four quadrants of a SWOT, in the order of the werkvorm.
    Kwadrant {
        Sterkte => ("sterkte", "Sterkte"),
        Zwakte => ("zwakte", "Zwakte"),
        Kans => ("kans", "Kans"),
        Bedreiging => ("bedreiging", "Bedreiging"),
    }
);

crate::code_enum!(
    /// Where the opbrengstverslag of a session stands.
    VerslagStatus {
        Concept => ("concept", "Concept"),
        TerReactie => ("ter_reactie", "Ter reactie"),
        Vastgesteld => ("vastgesteld", "Vastgesteld"),
    }
);

crate::code_enum!(
    /// Where a step (a stap vooruit, or an activity of the Uitvoeringsplan) stands.
    StapStatus {
        Gepland => ("gepland", "Gepland"),
        Loopt => ("loopt", "Loopt"),
        Gereed => ("gereed", "Gereed"),
        Vervallen => ("vervallen", "Vervallen"),
    }
);

/// Longest explanation of a placement, of a step and of a reactie.
pub const MAX_TOELICHTING: usize = 2000;
/// Longest summary of a session.
pub const MAX_SAMENVATTING: usize = 6000;
/// Longest list of functions of one participating organisation.
pub const MAX_FUNCTIES: usize = 300;

/// The form text that says what may not be written here.
pub const GEEN_PERSOONSGEGEVENS: &str = "Schrijf geen namen of andere persoonsgegevens op: noem organisaties en functies, en beschrijf een casus zonder herleidbare details.";

/// A session as stored, with its parts.
#[derive(Debug, Clone, Serialize)]
pub struct Sessie {
    pub id: i64,
    pub regio: RegioCode,
    pub jaar: i64,
    pub agenda_versie: String,
    /// `YYYY-MM-DD`
    pub datum: String,
    pub samenvatting: String,
    pub status: VerslagStatus,
    /// When the status last changed (UTC, ISO 8601).
    pub status_op: String,
    pub bordversie: i64,
    pub deelnemers: Vec<Deelnemer>,
    pub plaatsingen: Vec<Plaatsing>,
    pub stappen: Vec<Stap>,
    pub reacties: Vec<Reactie>,
}

impl Sessie {
    /// The placement of a verbeteractiviteit, if it is on the board.
    pub fn plaatsing(&self, code: &str) -> Option<&Plaatsing> {
        self.plaatsingen
            .iter()
            .find(|p| p.verbeteractiviteit == code)
    }
    /// The stappen vooruit of a verbeteractiviteit.
    pub fn stappen_van(&self, code: &str) -> Vec<&Stap> {
        self.stappen
            .iter()
            .filter(|s| s.verbeteractiviteit == code)
            .collect()
    }
    /// The codes of `agenda`'s verbeteractiviteiten that are not on the board yet.
    pub fn ongeplaatst<'a>(&self, agenda: &'a [Verbeteractiviteit]) -> Vec<&'a Verbeteractiviteit> {
        agenda
            .iter()
            .filter(|v| self.plaatsing(&v.code).is_none())
            .collect()
    }
    /// Whether the board and the participants can still be changed.
    pub fn bewerkbaar(&self) -> bool {
        self.status != VerslagStatus::Vastgesteld
    }
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Deelnemer {
    pub organisatie_id: OrganisatieId,
    /// The organisation's name.
    pub organisatie: String,
    pub functies: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Plaatsing {
    pub verbeteractiviteit: String,
    pub kwadrant: Kwadrant,
    pub toelichting: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Stap {
    pub id: i64,
    pub verbeteractiviteit: String,
    pub omschrijving: String,
    pub eigenaar_id: OrganisatieId,
    /// The owner organisation's name.
    pub eigenaar: String,
    /// `YYYY-MM-DD`
    pub streefdatum: Option<String>,
    pub status: StapStatus,
    /// Code of the national activity (within the verbeteractiviteit) it contributes to, or "".
    pub landelijke_activiteit: String,
    pub gewijzigd_op: String,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Reactie {
    /// The reacting organisation's name.
    pub organisatie: String,
    pub tekst: String,
    pub geplaatst_op: String,
}

/// A form posted as its list of (name, value) pairs: the board and the participants have one
/// field per verbeteractiviteit or organisation.
pub type Paren = Vec<(String, String)>;

pub(super) fn waarde<'a>(paren: &'a [(String, String)], naam: &str) -> &'a str {
    paren
        .iter()
        .find(|(n, _)| n == naam)
        .map_or("", |(_, w)| w.as_str())
}

/// A free text field: at most `max` characters, no control characters.
pub(super) fn tekstveld(t: &str, veld: &str, max: usize, f: &mut Vec<Veldfout>) -> String {
    let t = t.trim();
    if t.chars().count() > max {
        f.push(Veldfout::new(veld, format!("Maximaal {max} tekens.")));
    } else if let Err(m) = crate::tekst::geen_stuurtekens(t) {
        f.push(Veldfout::new(veld, format!("Dit veld {m}")));
    }
    t.to_string()
}

/// The session's date, participants and summary, checked.
#[derive(Debug, Clone, Default)]
pub struct Gegevens {
    pub datum: String,
    pub samenvatting: String,
    /// (organisation, functions)
    pub deelnemers: Vec<(OrganisatieId, String)>,
}

/// What the form of a session's date and participants asks: a real date in the session's year
/// or the year before (a session in the autumn prepares the next year), at least one
/// participating organisation of the region (`organisaties`: the active ones, by id), their
/// functions and a summary within their limits.
pub fn gegevens_lezen(
    paren: &[(String, String)],
    jaar: i64,
    organisaties: &[OrganisatieId],
) -> Result<Gegevens, Vec<Veldfout>> {
    let mut f = vec![];
    let datum = match crate::tekst::parse_datum(waarde(paren, "datum")) {
        None => {
            f.push(Veldfout::new(
                "datum",
                "Vul de datum van de sessie in als JJJJ-MM-DD.",
            ));
            String::new()
        }
        Some(d) => {
            let j: i64 = d[..4].parse().unwrap_or_default();
            if j != jaar && j != jaar - 1 {
                f.push(Veldfout::new(
                    "datum",
                    format!(
                        "Een sessie voor {jaar} wordt in {} of {jaar} gehouden.",
                        jaar - 1
                    ),
                ));
            }
            d
        }
    };
    let mut deelnemers = vec![];
    for (_, w) in paren.iter().filter(|(n, _)| n == "deelnemer") {
        let id = w.trim().parse::<i64>().ok().map(OrganisatieId);
        match id.filter(|id| organisaties.contains(id)) {
            Some(id) if !deelnemers.iter().any(|(d, _)| *d == id) => {
                let functies = tekstveld(
                    waarde(paren, &format!("functies-{id}")),
                    &format!("functies-{id}"),
                    MAX_FUNCTIES,
                    &mut f,
                );
                deelnemers.push((id, functies));
            }
            Some(_) => {}
            None => f.push(Veldfout::new(
                "deelnemers",
                "Kies deelnemende organisaties uit de lijst van de regio.",
            )),
        }
    }
    if deelnemers.is_empty() && !f.iter().any(|x| x.veld == "deelnemers") {
        f.push(Veldfout::new(
            "deelnemers",
            "Kies ten minste één deelnemende organisatie.",
        ));
    }
    let samenvatting = tekstveld(
        waarde(paren, "samenvatting"),
        "samenvatting",
        MAX_SAMENVATTING,
        &mut f,
    );
    if f.is_empty() {
        Ok(Gegevens {
            datum,
            samenvatting,
            deelnemers,
        })
    } else {
        Err(f)
    }
}

/// The board as submitted: the version it was read at, and per verbeteractiviteit the chosen
/// quadrant (a code, or "" for not yet placed) and the explanation, as typed.
#[derive(Debug, Clone, Default)]
pub struct BordInvoer {
    pub bordversie: String,
    pub regels: BTreeMap<String, (String, String)>,
}

impl BordInvoer {
    pub fn uit(paren: &[(String, String)], agenda: &[Verbeteractiviteit]) -> Self {
        Self {
            bordversie: waarde(paren, "bordversie").to_string(),
            regels: agenda
                .iter()
                .map(|v| {
                    (
                        v.code.clone(),
                        (
                            waarde(paren, &format!("kwadrant-{}", v.code)).to_string(),
                            waarde(paren, &format!("toelichting-{}", v.code)).to_string(),
                        ),
                    )
                })
                .collect(),
        }
    }
    /// The board as typed, for showing a rejected form again: every code that has a field.
    pub fn getypt(paren: &[(String, String)]) -> Self {
        let mut regels: BTreeMap<String, (String, String)> = BTreeMap::new();
        for (naam, w) in paren {
            if let Some(code) = naam.strip_prefix("kwadrant-") {
                regels.entry(code.to_string()).or_default().0 = w.clone();
            } else if let Some(code) = naam.strip_prefix("toelichting-") {
                regels.entry(code.to_string()).or_default().1 = w.clone();
            }
        }
        Self {
            bordversie: waarde(paren, "bordversie").to_string(),
            regels,
        }
    }
    /// The board as it is stored, for the form.
    pub fn van(s: &Sessie, agenda: &[Verbeteractiviteit]) -> Self {
        Self {
            bordversie: s.bordversie.to_string(),
            regels: agenda
                .iter()
                .map(|v| {
                    let p = s.plaatsing(&v.code);
                    (
                        v.code.clone(),
                        (
                            p.map(|p| p.kwadrant.code().to_string()).unwrap_or_default(),
                            p.map(|p| p.toelichting.clone()).unwrap_or_default(),
                        ),
                    )
                })
                .collect(),
        }
    }
    pub fn kwadrant(&self, code: &str) -> &str {
        self.regels.get(code).map_or("", |r| r.0.as_str())
    }
    pub fn toelichting(&self, code: &str) -> &str {
        self.regels.get(code).map_or("", |r| r.1.as_str())
    }

    /// The placements, checked: a known quadrant or none (not placed yet; a board may be
    /// filled in over several saves), an explanation only with a quadrant and within its
    /// limit. Also the version the form was read at.
    pub fn lezen(&self) -> Result<(i64, Vec<Plaatsing>), Vec<Veldfout>> {
        let mut f = vec![];
        let mut uit = vec![];
        for (code, (k, t)) in &self.regels {
            let toelichting = tekstveld(t, &format!("toelichting-{code}"), MAX_TOELICHTING, &mut f);
            match (k.trim(), Kwadrant::parse(k)) {
                ("", _) if !toelichting.is_empty() => f.push(Veldfout::new(
                    format!("kwadrant-{code}"),
                    "Kies het kwadrant waar deze toelichting bij hoort.",
                )),
                ("", _) => {}
                (_, None) => f.push(Veldfout::new(
                    format!("kwadrant-{code}"),
                    "Kies sterkte, zwakte, kans of bedreiging.",
                )),
                (_, Some(kwadrant)) => uit.push(Plaatsing {
                    verbeteractiviteit: code.clone(),
                    kwadrant,
                    toelichting,
                }),
            }
        }
        let versie = self.bordversie.trim().parse::<i64>();
        if versie.is_err() {
            f.push(Veldfout::new(
                "bord",
                "Het formulier is onvolledig verstuurd; laad de pagina opnieuw.",
            ));
        }
        match versie {
            Ok(v) if f.is_empty() => Ok((v, uit)),
            _ => Err(f),
        }
    }
}

/// A stap vooruit as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct StapInvoer {
    #[serde(default)]
    pub verbeteractiviteit: String,
    #[serde(default)]
    pub omschrijving: String,
    #[serde(default)]
    pub eigenaar: String,
    #[serde(default)]
    pub streefdatum: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub landelijke_activiteit: String,
}

/// A stap vooruit, checked.
#[derive(Debug, Clone)]
pub struct NieuweStap {
    pub verbeteractiviteit: String,
    pub omschrijving: String,
    pub eigenaar: OrganisatieId,
    pub streefdatum: Option<String>,
    pub status: StapStatus,
    pub landelijke_activiteit: String,
}

impl StapInvoer {
    /// The step, checked against the session's agenda (a verbeteractiviteit of it, and a
    /// national activity of that verbeteractiviteit or none) and the region's active
    /// organisations (`organisaties`) as possible owners.
    pub fn lezen(
        &self,
        agenda: &[Verbeteractiviteit],
        organisaties: &[OrganisatieId],
    ) -> Result<NieuweStap, Vec<Veldfout>> {
        let mut f = vec![];
        let va = agenda.iter().find(|v| v.code == self.verbeteractiviteit);
        if va.is_none() {
            f.push(Veldfout::new(
                "stap-verbeteractiviteit",
                "Kies de verbeteractiviteit waar deze stap bij hoort.",
            ));
        }
        let omschrijving = tekstveld(
            &self.omschrijving,
            "stap-omschrijving",
            MAX_TOELICHTING,
            &mut f,
        );
        if omschrijving.is_empty() {
            f.push(Veldfout::new(
                "stap-omschrijving",
                "Beschrijf de concrete stap vooruit.",
            ));
        }
        let eigenaar = self.eigenaar.trim().parse::<i64>().ok().map(OrganisatieId);
        let eigenaar = eigenaar.filter(|id| organisaties.contains(id));
        if eigenaar.is_none() {
            f.push(Veldfout::new(
                "stap-eigenaar",
                "Kies de organisatie die eigenaar is van deze stap.",
            ));
        }
        let streefdatum = match self.streefdatum.trim() {
            "" => None,
            d => {
                let p = crate::tekst::parse_datum(d);
                if p.is_none() {
                    f.push(Veldfout::new(
                        "stap-streefdatum",
                        "Vul de streefdatum in als JJJJ-MM-DD, of laat het veld leeg.",
                    ));
                }
                p
            }
        };
        let status = if self.status.trim().is_empty() {
            Some(StapStatus::Gepland)
        } else {
            StapStatus::parse(&self.status)
        };
        if status.is_none() {
            f.push(Veldfout::new(
                "stap-status",
                "Kies gepland, loopt, gereed of vervallen.",
            ));
        }
        let landelijk = self.landelijke_activiteit.trim();
        if let Some(va) = va
            && !landelijk.is_empty()
            && !va.activiteiten.iter().any(|a| a.code == landelijk)
        {
            f.push(Veldfout::new(
                "stap-landelijke_activiteit",
                "Kies een landelijke activiteit van deze verbeteractiviteit, of geen.",
            ));
        }
        match (va, eigenaar, status) {
            (Some(va), Some(eigenaar), Some(status)) if f.is_empty() => Ok(NieuweStap {
                verbeteractiviteit: va.code.clone(),
                omschrijving,
                eigenaar,
                streefdatum,
                status,
                landelijke_activiteit: landelijk.to_string(),
            }),
            _ => Err(f),
        }
    }
}

/// Whether the opbrengstverslag may go from `van` to `naar`: to "ter reactie" once every
/// verbeteractiviteit is on the board (the regions' output must be comparable), to
/// "vastgesteld" after the feedback round, and back to concept; reopening a verslag that was
/// vastgesteld is for a regiocoördinator.
pub fn overgang(
    van: VerslagStatus,
    naar: VerslagStatus,
    ongeplaatst: usize,
    coordinator: bool,
) -> Result<(), String> {
    use VerslagStatus::*;
    match (van, naar) {
        (a, b) if a == b => Err(format!("Het verslag is al '{}'.", a.label())),
        (Concept, TerReactie | Vastgesteld) if ongeplaatst > 0 => Err(format!(
            "Plaats eerst alle verbeteractiviteiten op het bord; er {} nog {ongeplaatst} niet geplaatst.",
            if ongeplaatst == 1 { "is" } else { "zijn" }
        )),
        (Concept, Vastgesteld) => Err(
            "Leg het verslag eerst ter reactie voor aan de deelnemers, en stel het daarna vast."
                .into(),
        ),
        (Vastgesteld, _) if !coordinator => {
            Err("Een vastgesteld verslag kan alleen een regiocoördinator heropenen.".into())
        }
        // Concept → ter reactie, ter reactie → vastgesteld or back, reopening by a coordinator.
        _ => Ok(()),
    }
}

/// A reactie on the opbrengstverslag, checked: not empty, within its limit.
pub fn reactie_lezen(tekst: &str) -> Result<String, Vec<Veldfout>> {
    let mut f = vec![];
    let t = tekstveld(tekst, "reactie", MAX_TOELICHTING, &mut f);
    if t.is_empty() && f.is_empty() {
        f.push(Veldfout::new(
            "reactie",
            "Schrijf uw reactie op het verslag.",
        ));
    }
    if f.is_empty() { Ok(t) } else { Err(f) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use VerslagStatus::*;

    fn va(code: &str, activiteiten: &[&str]) -> Verbeteractiviteit {
        serde_json::from_value(serde_json::json!({
            "code": code, "naam": code,
            "activiteiten": activiteiten.iter().map(|a| serde_json::json!({"code": a, "naam": a})).collect::<Vec<_>>()
        }))
        .unwrap()
    }

    fn paren(p: &[(&str, &str)]) -> Paren {
        p.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn verslag_gaat_concept_ter_reactie_vastgesteld() {
        assert!(overgang(Concept, TerReactie, 0, false).is_ok());
        assert!(overgang(TerReactie, Vastgesteld, 0, false).is_ok());
        assert!(overgang(TerReactie, Concept, 0, false).is_ok());
        // Not with activities off the board, not skipping the feedback round.
        assert!(
            overgang(Concept, TerReactie, 2, false)
                .unwrap_err()
                .contains("nog 2")
        );
        assert!(overgang(Concept, Vastgesteld, 0, true).is_err());
        // Reopening is for the coordinator.
        assert!(overgang(Vastgesteld, Concept, 0, false).is_err());
        assert!(overgang(Vastgesteld, Concept, 0, true).is_ok());
        assert!(overgang(Concept, Concept, 0, true).is_err());
    }

    #[test]
    fn bord_neemt_kwadrant_en_toelichting_en_weigert_de_rest() {
        let agenda = [va("visie", &[]), va("placemat", &[]), va("crisis", &[])];
        let invoer = BordInvoer::uit(
            &paren(&[
                ("bordversie", "3"),
                ("kwadrant-visie", "kans"),
                ("toelichting-visie", " Gedeelde visie in wording "),
                ("kwadrant-placemat", ""),
            ]),
            &agenda,
        );
        let (versie, p) = invoer.lezen().unwrap();
        assert_eq!(versie, 3);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].kwadrant, Kwadrant::Kans);
        assert_eq!(p[0].toelichting, "Gedeelde visie in wording");

        let fout = BordInvoer::uit(
            &paren(&[
                ("bordversie", "3"),
                ("kwadrant-visie", "misschien"),
                ("toelichting-placemat", "zonder kwadrant"),
                ("kwadrant-crisis", "zwakte"),
                ("toelichting-crisis", "a\u{202E}b"),
            ]),
            &agenda,
        )
        .lezen()
        .unwrap_err();
        let velden: Vec<&str> = fout.iter().map(|f| f.veld.as_str()).collect();
        assert!(velden.contains(&"kwadrant-visie"));
        assert!(velden.contains(&"kwadrant-placemat"));
        assert!(velden.contains(&"toelichting-crisis"));
    }

    #[test]
    fn gegevens_vragen_datum_in_het_jaar_en_organisaties_van_de_regio() {
        let orgs = [OrganisatieId(4), OrganisatieId(7)];
        let g = gegevens_lezen(
            &paren(&[
                ("datum", "2025-11-20"),
                ("deelnemer", "7"),
                ("functies-7", "teamleider"),
                ("deelnemer", "7"),
            ]),
            2026,
            &orgs,
        )
        .unwrap();
        assert_eq!(g.deelnemers, vec![(OrganisatieId(7), "teamleider".into())]);
        let f = gegevens_lezen(
            &paren(&[("datum", "2023-01-01"), ("deelnemer", "99")]),
            2026,
            &orgs,
        )
        .unwrap_err();
        assert!(f.iter().any(|x| x.veld == "datum"));
        assert!(f.iter().any(|x| x.veld == "deelnemers"));
        assert!(gegevens_lezen(&paren(&[("datum", "2026-02-30")]), 2026, &orgs).is_err());
    }

    #[test]
    fn stap_hoort_bij_de_agenda_en_een_organisatie_van_de_regio() {
        let agenda = [va("visie", &["uitdragen"])];
        let orgs = [OrganisatieId(4)];
        let mut s = StapInvoer {
            verbeteractiviteit: "visie".into(),
            omschrijving: "Visie bespreken in het bestuurlijk overleg".into(),
            eigenaar: "4".into(),
            streefdatum: "2026-03-01".into(),
            status: String::new(),
            landelijke_activiteit: "uitdragen".into(),
        };
        let n = s.lezen(&agenda, &orgs).unwrap();
        assert_eq!(n.status, StapStatus::Gepland);
        assert_eq!(n.streefdatum.as_deref(), Some("2026-03-01"));
        s.eigenaar = "5".into();
        s.landelijke_activiteit = "iets_anders".into();
        s.verbeteractiviteit = "visie".into();
        let f = s.lezen(&agenda, &orgs).unwrap_err();
        assert!(f.iter().any(|x| x.veld == "stap-eigenaar"));
        assert!(f.iter().any(|x| x.veld == "stap-landelijke_activiteit"));
    }
}
