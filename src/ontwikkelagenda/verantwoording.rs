//! The yearly verantwoording (seed 000 §4: "een uitvraag op ieders bijdrage en de behaalde
//! concrete resultaten"): per region and per partner organisation what it took on and what it
//! finished, with the Werkset registrations of the same year where they exist (phases, efforts,
//! values), and the state of the national plan, as one report for the bestuurlijk overleg.
//! Built from read models; no SQL, no HTTP.

use super::plan::Plan;
use super::sessie::{Sessie, StapStatus};
use crate::gedeeld::REGIOS;
use serde::Serialize;

/// What the Werkset registered for a region in the year, summed up.
#[derive(Debug, Clone, Default, Serialize)]
pub struct WerksetKern {
    /// (theme number, theme name, phase label) of the themes with a phase.
    pub fasen: Vec<(u8, String, String)>,
    pub inspanningen: usize,
    pub waarden: usize,
    /// Partners named in the efforts, with how often.
    pub partners: Vec<(String, usize)>,
}

/// Steps per status, in the order of [`StapStatus::ALLE`].
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct Telling(pub [usize; 4]);

impl Telling {
    fn tel(&mut self, s: StapStatus) {
        let i = StapStatus::ALLE.iter().position(|x| *x == s).unwrap_or(0);
        self.0[i] += 1;
    }
    pub fn totaal(&self) -> usize {
        self.0.iter().sum()
    }
    pub fn gereed(&self) -> usize {
        self.0[2]
    }
    /// "3 gepland, 1 loopt, 2 gereed" (statuses with none left out).
    pub fn tekst(&self) -> String {
        let delen: Vec<String> = StapStatus::ALLE
            .iter()
            .zip(self.0)
            .filter(|(_, n)| *n > 0)
            .map(|(s, n)| format!("{n} {}", s.label().to_lowercase()))
            .collect();
        if delen.is_empty() {
            "geen".into()
        } else {
            delen.join(", ")
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct RegioVerantwoording {
    pub naam: &'static str,
    pub code: &'static str,
    /// The opbrengstverslag's status, `None`: no session.
    pub sessie: Option<String>,
    pub stappen: Telling,
    /// The finished steps, as the concrete results.
    pub resultaten: Vec<String>,
    /// `None`: nothing registered in the Werkset this year.
    pub werkset: Option<WerksetKern>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PartnerVerantwoording {
    pub organisatie: String,
    pub regio: &'static str,
    pub stappen: Telling,
    pub resultaten: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Verantwoording {
    pub jaar: i64,
    /// The national plan's activities by status; `None`: no plan this year.
    pub plan: Option<Telling>,
    pub regios: Vec<RegioVerantwoording>,
    pub partners: Vec<PartnerVerantwoording>,
    /// Per region code: the network's own year.
    pub netwerk: Vec<(String, Netwerkstand)>,
}

/// Where a region's network year stands: the werkplan's status (`None`: none), the meetings
/// held and the actions of their besluitenlijsten.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Netwerkstand {
    pub werkplan: Option<String>,
    pub bijeenkomsten: i64,
    pub acties: i64,
}

impl Verantwoording {
    pub fn netwerk(&self, code: &str) -> Netwerkstand {
        self.netwerk
            .iter()
            .find(|(c, _)| c == code)
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    }
}

/// The verantwoording laid out for the PDF (`templates/rapport/verantwoording.typ`): every
/// value as text, in the order of the page.
#[derive(Debug, Clone, Serialize)]
pub struct VerantwoordingPdf {
    pub titel: String,
    pub plan: String,
    pub regios: Vec<RegioRegel>,
    pub partners: Vec<PartnerRegel>,
    pub voetnoot: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct RegioRegel {
    pub naam: &'static str,
    pub sessie: String,
    pub stappen: String,
    pub netwerk: String,
    pub werkset: String,
    pub resultaten: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PartnerRegel {
    pub organisatie: String,
    pub regio: &'static str,
    pub stappen: String,
    pub resultaten: String,
}

impl Verantwoording {
    /// The same content as the page, as text for the PDF.
    pub fn pdf_model(&self) -> VerantwoordingPdf {
        let jaar = self.jaar;
        VerantwoordingPdf {
            titel: format!("Verantwoording ontwikkelagenda {jaar}"),
            plan: match &self.plan {
                Some(t) => format!(
                    "Activiteiten van het landelijke uitvoeringsplan {jaar}: {} (totaal {}).",
                    t.tekst(),
                    t.totaal()
                ),
                None => format!("Voor {jaar} is geen landelijk uitvoeringsplan vastgelegd."),
            },
            regios: self
                .regios
                .iter()
                .map(|r| {
                    let n = self.netwerk(r.code);
                    RegioRegel {
                        naam: r.naam,
                        sessie: r.sessie.clone().unwrap_or_else(|| "geen sessie".into()),
                        stappen: r.stappen.tekst(),
                        netwerk: format!(
                            "{}, {} bijeenkomst{} gehouden, {} actie{}",
                            n.werkplan.map_or_else(
                                || "geen werkplan".into(),
                                |w| format!("werkplan {}", w.to_lowercase())
                            ),
                            n.bijeenkomsten,
                            if n.bijeenkomsten == 1 { "" } else { "en" },
                            n.acties,
                            if n.acties == 1 { "" } else { "s" },
                        ),
                        werkset: r.werkset.as_ref().map_or_else(
                            || "niets geregistreerd".into(),
                            |w| {
                                format!(
                                    "{} thema's met fase, {} inspanningen, {} waarden",
                                    w.fasen.len(),
                                    w.inspanningen,
                                    w.waarden
                                )
                            },
                        ),
                        resultaten: r.resultaten.clone(),
                    }
                })
                .collect(),
            partners: self
                .partners
                .iter()
                .map(|p| PartnerRegel {
                    organisatie: p.organisatie.clone(),
                    regio: p.regio,
                    stappen: p.stappen.tekst(),
                    resultaten: if p.resultaten.is_empty() {
                        "–".into()
                    } else {
                        p.resultaten.join("; ")
                    },
                })
                .collect(),
            voetnoot: "Gemaakt met Voorop. Deze verantwoording bevat geen persoonsgegevens: bijdragen staan op naam van organisaties.",
        }
    }
}

/// The verantwoording of `jaar` from that year's sessions, plan and per-region Werkset summary.
pub fn opstellen(
    jaar: i64,
    sessies: &[Sessie],
    plan: Option<&Plan>,
    werkset: &[(&str, Option<WerksetKern>)],
) -> Verantwoording {
    let mut partners: Vec<PartnerVerantwoording> = vec![];
    let regios = REGIOS
        .iter()
        .map(|(code, naam)| {
            let sessie = sessies.iter().find(|s| s.regio.as_str() == *code);
            let mut stappen = Telling::default();
            let mut resultaten = vec![];
            for st in sessie.iter().flat_map(|s| &s.stappen) {
                stappen.tel(st.status);
                let i = partners
                    .iter()
                    .position(|p| p.organisatie == st.eigenaar && p.regio == *naam)
                    .unwrap_or_else(|| {
                        partners.push(PartnerVerantwoording {
                            organisatie: st.eigenaar.clone(),
                            regio: naam,
                            stappen: Telling::default(),
                            resultaten: vec![],
                        });
                        partners.len() - 1
                    });
                let p = &mut partners[i];
                p.stappen.tel(st.status);
                if st.status == StapStatus::Gereed {
                    resultaten.push(st.omschrijving.clone());
                    p.resultaten.push(st.omschrijving.clone());
                }
            }
            RegioVerantwoording {
                naam,
                code,
                sessie: sessie.map(|s| s.status.label().to_string()),
                stappen,
                resultaten,
                werkset: werkset
                    .iter()
                    .find(|(c, _)| c == code)
                    .and_then(|(_, w)| w.clone()),
            }
        })
        .collect();
    partners.sort_by(|a, b| a.regio.cmp(b.regio).then(a.organisatie.cmp(&b.organisatie)));
    Verantwoording {
        jaar,
        plan: plan.map(|p| {
            let mut t = Telling::default();
            for a in p.onderdelen.iter().flat_map(|o| &o.activiteiten) {
                t.tel(a.status);
            }
            t
        }),
        regios,
        partners,
        netwerk: vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gedeeld::{OrganisatieId, RegioCode};
    use crate::ontwikkelagenda::sessie::{Stap, VerslagStatus};

    fn stap(eigenaar: &str, status: StapStatus, tekst: &str) -> Stap {
        Stap {
            id: 1,
            verbeteractiviteit: "visie".into(),
            omschrijving: tekst.into(),
            eigenaar_id: OrganisatieId(1),
            eigenaar: eigenaar.into(),
            streefdatum: None,
            status,
            landelijke_activiteit: String::new(),
            gewijzigd_op: String::new(),
        }
    }

    #[test]
    fn bijdragen_per_regio_en_partner_met_resultaten() {
        let sessie = Sessie {
            id: 1,
            regio: RegioCode::LIMBURG,
            jaar: 2026,
            agenda_versie: "x".into(),
            datum: "2025-11-01".into(),
            samenvatting: String::new(),
            status: VerslagStatus::Vastgesteld,
            status_op: String::new(),
            bordversie: 1,
            deelnemers: vec![],
            plaatsingen: vec![],
            stappen: vec![
                stap("VT Limburg", StapStatus::Gereed, "Werkafspraak vastgesteld"),
                stap("VT Limburg", StapStatus::Loopt, "Training"),
                stap("Politie Limburg", StapStatus::Gepland, "Werkbezoek"),
            ],
            reacties: vec![],
        };
        let w = WerksetKern {
            inspanningen: 2,
            ..Default::default()
        };
        let v = opstellen(2026, &[sessie], None, &[("limburg", Some(w))]);
        let l = v
            .regios
            .iter()
            .find(|r| r.code == "limburg")
            .expect("limburg");
        assert_eq!(l.stappen, Telling([1, 1, 1, 0]));
        assert_eq!(l.resultaten, vec!["Werkafspraak vastgesteld".to_string()]);
        assert_eq!(l.werkset.as_ref().map(|w| w.inspanningen), Some(2));
        assert_eq!(l.sessie.as_deref(), Some("Vastgesteld"));
        let zonder = v
            .regios
            .iter()
            .find(|r| r.code == "amsterdam")
            .expect("amsterdam");
        assert!(
            zonder.sessie.is_none() && zonder.werkset.is_none() && zonder.stappen.totaal() == 0
        );
        assert_eq!(v.partners.len(), 2);
        let vt = v
            .partners
            .iter()
            .find(|p| p.organisatie == "VT Limburg")
            .expect("vt");
        assert_eq!((vt.stappen.totaal(), vt.stappen.gereed()), (2, 1));
        assert_eq!(vt.stappen.tekst(), "1 loopt, 1 gereed");
        assert!(v.plan.is_none());
    }
}
