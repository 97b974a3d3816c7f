//! The national synthesis of a year's SWOT sessions (seed 000, Bijlage): the national network
//! puts the regional SWOTs side by side per verbeteractiviteit — where the needs are, how far
//! regions differ, which solutions come up — and against last year's. Regions that held no
//! session are counted as such, never as zero. No SQL, no HTTP.

use super::model::Agenda;
use super::sessie::{Kwadrant, Sessie, VerslagStatus};
use crate::gedeeld::{REGIOS, regio_naam};
use serde::Serialize;

/// One region in the synthesis: its session of the year, if it held one.
#[derive(Debug, Clone, Serialize)]
pub struct RegioRegel {
    pub code: &'static str,
    pub naam: &'static str,
    pub sessie: Option<SessieKern>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SessieKern {
    /// `YYYY-MM-DD`
    pub datum: String,
    pub status: VerslagStatus,
    pub geplaatst: usize,
    pub stappen: usize,
}

/// One verbeteractiviteit across the regions.
#[derive(Debug, Clone, Serialize)]
pub struct ActiviteitSynthese {
    pub code: String,
    pub nummer: String,
    pub naam: String,
    /// The Werkset theme that measures it, if any.
    pub werkset_thema: Option<u8>,
    /// Regions per quadrant, in the order of [`Kwadrant::ALLE`].
    pub verdeling: [usize; 4],
    /// Regions that held a session but did not place it (yet).
    pub niet_geplaatst: usize,
    /// Regions without a session this year.
    pub zonder_sessie: usize,
    /// Last year's distribution; `None` when no region placed it last year (no sessions, or
    /// not on last year's agenda).
    pub vorig: Option<[usize; 4]>,
    /// Per quadrant: (region, explanation) of the regions that placed it there with one.
    pub toelichtingen: [Vec<(&'static str, String)>; 4],
    /// Regions that placed it in another quadrant than last year: (region, last year, now).
    pub verschuivingen: Vec<(&'static str, Kwadrant, Kwadrant)>,
    /// The stappen vooruit the regions formulated for it, with their region.
    pub stappen: Vec<(&'static str, String)>,
}

impl ActiviteitSynthese {
    /// How far the regions agree: the largest share in one quadrant of the regions that placed
    /// it, in percent (None: nobody placed it).
    pub fn eensgezind(&self) -> Option<u32> {
        let n: usize = self.verdeling.iter().sum();
        let max = self.verdeling.iter().copied().max().unwrap_or(0);
        (n > 0).then(|| (100 * max / n) as u32)
    }
    /// The quadrant most regions chose, if one stands out (no tie).
    pub fn meeste(&self) -> Option<Kwadrant> {
        let max = self.verdeling.iter().copied().max().unwrap_or(0);
        let mut bij_max = self
            .verdeling
            .iter()
            .enumerate()
            .filter(|(_, n)| **n == max);
        match (bij_max.next(), bij_max.next()) {
            (Some((i, _)), None) if max > 0 => Some(Kwadrant::ALLE[i]),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Synthese {
    pub jaar: i64,
    pub agenda_titel: String,
    pub agenda_versie: String,
    pub regios: Vec<RegioRegel>,
    pub met_sessie: usize,
    pub vorig_met_sessie: usize,
    pub activiteiten: Vec<ActiviteitSynthese>,
}

fn index(k: Kwadrant) -> usize {
    Kwadrant::ALLE.iter().position(|x| *x == k).unwrap_or(0)
}

/// The synthesis of `sessies` (the year's) on `agenda`, against `vorig` (last year's).
pub fn synthese(jaar: i64, agenda: &Agenda, sessies: &[Sessie], vorig: &[Sessie]) -> Synthese {
    let regios = REGIOS
        .iter()
        .map(|(code, naam)| RegioRegel {
            code,
            naam,
            sessie: sessies
                .iter()
                .find(|s| s.regio.as_str() == *code)
                .map(|s| SessieKern {
                    datum: s.datum.clone(),
                    status: s.status,
                    geplaatst: s.plaatsingen.len(),
                    stappen: s.stappen.len(),
                }),
        })
        .collect();
    let activiteiten = agenda
        .verbeteractiviteiten
        .iter()
        .map(|v| {
            let mut a = ActiviteitSynthese {
                code: v.code.clone(),
                nummer: v.nummer.clone(),
                naam: v.naam.clone(),
                werkset_thema: v.werkset_thema,
                verdeling: [0; 4],
                niet_geplaatst: 0,
                zonder_sessie: REGIOS.len().saturating_sub(sessies.len()),
                vorig: None,
                toelichtingen: Default::default(),
                verschuivingen: vec![],
                stappen: vec![],
            };
            for s in sessies {
                let naam = regio_naam(s.regio);
                match s.plaatsing(&v.code) {
                    None => a.niet_geplaatst += 1,
                    Some(p) => {
                        let i = index(p.kwadrant);
                        a.verdeling[i] += 1;
                        if !p.toelichting.is_empty() {
                            a.toelichtingen[i].push((naam, p.toelichting.clone()));
                        }
                        let eerder = vorig
                            .iter()
                            .find(|x| x.regio == s.regio)
                            .and_then(|x| x.plaatsing(&v.code));
                        if let Some(e) = eerder
                            && e.kwadrant != p.kwadrant
                        {
                            a.verschuivingen.push((naam, e.kwadrant, p.kwadrant));
                        }
                    }
                }
                a.stappen.extend(
                    s.stappen_van(&v.code)
                        .into_iter()
                        .map(|st| (naam, st.omschrijving.clone())),
                );
            }
            let mut vorige = [0; 4];
            for p in vorig.iter().filter_map(|s| s.plaatsing(&v.code)) {
                vorige[index(p.kwadrant)] += 1;
            }
            a.vorig = (vorige.iter().sum::<usize>() > 0).then_some(vorige);
            a
        })
        .collect();
    Synthese {
        jaar,
        agenda_titel: agenda.titel.clone(),
        agenda_versie: agenda.versie.clone(),
        regios,
        met_sessie: sessies.len(),
        vorig_met_sessie: vorig.len(),
        activiteiten,
    }
}

/// The agenda version most sessions were held on (the newest on a tie), if any, of the
/// sessions' `versies`.
pub fn meest_gebruikte_versie<'a>(versies: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let mut tel: Vec<(&str, usize)> = vec![];
    for versie in versies {
        match tel.iter_mut().find(|(v, _)| *v == versie) {
            Some((_, n)) => *n += 1,
            None => tel.push((versie, 1)),
        }
    }
    tel.into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(b.0)))
        .map(|(v, _)| v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gedeeld::RegioCode;
    use crate::ontwikkelagenda::sessie::Plaatsing;

    fn agenda() -> Agenda {
        let mut a: Agenda =
            serde_json::from_str(crate::ontwikkelagenda::MEEGELEVERD[1].1).expect("agenda");
        a.verbeteractiviteiten.truncate(2);
        a
    }

    fn sessie(regio: RegioCode, jaar: i64, plaatsingen: &[(&str, Kwadrant)]) -> Sessie {
        Sessie {
            id: 1,
            regio,
            jaar,
            agenda_versie: "2021-v1".into(),
            datum: format!("{}-11-01", jaar - 1),
            samenvatting: String::new(),
            status: VerslagStatus::Vastgesteld,
            status_op: String::new(),
            bordversie: 1,
            deelnemers: vec![],
            plaatsingen: plaatsingen
                .iter()
                .map(|(c, k)| Plaatsing {
                    verbeteractiviteit: (*c).into(),
                    kwadrant: *k,
                    toelichting: format!("toelichting {c}"),
                })
                .collect(),
            stappen: vec![],
            reacties: vec![],
        }
    }

    #[test]
    fn regios_zonder_sessie_tellen_apart_en_verschuivingen_per_regio() {
        let a = agenda();
        let (c0, c1) = (
            a.verbeteractiviteiten[0].code.clone(),
            a.verbeteractiviteiten[1].code.clone(),
        );
        let nu = [
            sessie(RegioCode::OOST_BRABANT, 2026, &[(&c0, Kwadrant::Kans)]),
            sessie(
                RegioCode::LIMBURG,
                2026,
                &[(&c0, Kwadrant::Kans), (&c1, Kwadrant::Zwakte)],
            ),
        ];
        let vorig = [sessie(
            RegioCode::OOST_BRABANT,
            2025,
            &[(&c0, Kwadrant::Zwakte)],
        )];
        let s = synthese(2026, &a, &nu, &vorig);
        assert_eq!(s.met_sessie, 2);
        assert_eq!(s.regios.iter().filter(|r| r.sessie.is_none()).count(), 8);
        let x = &s.activiteiten[0];
        assert_eq!(x.verdeling, [0, 0, 2, 0]);
        assert_eq!(x.zonder_sessie, 8);
        assert_eq!(x.niet_geplaatst, 0);
        assert_eq!(x.vorig, Some([0, 1, 0, 0]));
        assert_eq!(
            x.verschuivingen,
            vec![("Oost-Brabant", Kwadrant::Zwakte, Kwadrant::Kans)]
        );
        assert_eq!(x.toelichtingen[2].len(), 2);
        assert_eq!(x.meeste(), Some(Kwadrant::Kans));
        assert_eq!(x.eensgezind(), Some(100));
        let y = &s.activiteiten[1];
        assert_eq!((y.verdeling, y.niet_geplaatst), ([0, 1, 0, 0], 1));
        assert_eq!(
            y.vorig, None,
            "nobody placed it last year: no comparison, not zeros"
        );
    }

    #[test]
    fn meest_gebruikte_agendaversie() {
        let mut s = vec![sessie(RegioCode::LIMBURG, 2026, &[])];
        assert_eq!(
            meest_gebruikte_versie(s.iter().map(|x| x.agenda_versie.as_str())).as_deref(),
            Some("2021-v1")
        );
        s[0].agenda_versie = "2019-v1".into();
        s.push(sessie(RegioCode::OOST_BRABANT, 2026, &[]));
        assert_eq!(
            meest_gebruikte_versie(s.iter().map(|x| x.agenda_versie.as_str())).as_deref(),
            Some("2021-v1")
        );
        assert_eq!(meest_gebruikte_versie([]), None);
    }
}
