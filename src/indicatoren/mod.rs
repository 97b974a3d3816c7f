//! Indicators computed from the registrations, with small-cell suppression. Above `casus`
//! (whose registrations it counts) and below `werkset` (whose themes it is given and whose
//! pages and report show it).
//!
//! Per region and period (a calendar year) the registered afstemmingsmomenten are turned into
//! figures for the Werkset: theme 1 (the repeat-incident rate) and themes 2–5 (one per kind of
//! moment). [`bereken`] is a pure function over in-memory inputs; [`voor_regio`] loads those
//! inputs for a region and period.
//!
//! # What teller, noemer and waarde mean
//! Every [`Indicator`] is one of three kinds ([`IndicatorSoort`]):
//! - `aantal` (a count): `teller` = the count, `noemer` = `None`, `waarde` = the count as a
//!   number.
//! - `aandeel` (a share): `teller` = the cases that meet the criterion, `noemer` = the cases it
//!   is measured over, `waarde` = `100 × teller / noemer` (a percentage 0–100, rounded to one
//!   decimal).
//! - `mediaan` (a median time): `teller` = `None`, `noemer` = the number of observations,
//!   `waarde` = the median (mean of the two middle values when the number is even) in the unit
//!   `eenheid` (`minuten`, `uren` or `dagen`), rounded to one decimal.
//!
//! # Suppression
//! Any count (`teller` or `noemer`) below the threshold `drempel` (configurable, default 5),
//! zero included, is suppressed: it becomes `None` (null in the API), is shown as `"<5"`
//! (`"<{drempel}"`), the indicator gets `onderdrukt = true`, and no percentage or median derived
//! from it is kept (`waarde = None`). Suppression happens while the indicator is built, so a
//! suppressed number is never stored in an [`Indicator`] and cannot leak through a template.
//!
//! Secondary suppression: the ZSM measures are also split into werkdagen and weekend, and the
//! two parts add up to the shown total. When a cell of one part is suppressed, the same cell
//! of the other part is hidden as well (shown as "afgeschermd"), otherwise the suppressed
//! number would follow from `totaal − other part`.

use crate::casus::model::{Afspraak, Moment, Overleg, Vergadering};
use crate::casus::{repo, service};
use crate::db::Db;
use crate::db::geheugen::Stand;
use crate::error::AppResult;
use crate::gedeeld::OrganisatieId;
use crate::gedeeld::RegioCode;
use crate::rapport::model::Kengetal;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

crate::code_enum!(
    /// The kind of figure; fixes what `teller`, `noemer` and `waarde` mean (see the module
    /// documentation).
    IndicatorSoort {
        Aantal => ("aantal", "Aantal"),
        Aandeel => ("aandeel", "Aandeel"),
        Mediaan => ("mediaan", "Mediaan"),
    }
);

/// One cell (teller or noemer) after suppression. Holds a number only when it may be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cel {
    Getal(u64),
    /// Below the threshold.
    Klein,
    /// At or above the threshold, but hidden because it would reveal a suppressed cell.
    Afgeschermd,
    /// Not applicable (the noemer of a count, the teller of a median).
    Geen,
}

impl Cel {
    fn van(n: u64, drempel: u64) -> Self {
        if n < drempel {
            Cel::Klein
        } else {
            Cel::Getal(n)
        }
    }
    fn getal(self) -> Option<u64> {
        match self {
            Cel::Getal(n) => Some(n),
            _ => None,
        }
    }
    fn verborgen(self) -> bool {
        matches!(self, Cel::Klein | Cel::Afgeschermd)
    }
    fn tekst(self, drempel: u64) -> String {
        match self {
            Cel::Getal(n) => n.to_string(),
            Cel::Klein => format!("<{drempel}"),
            Cel::Afgeschermd => "afgeschermd".into(),
            Cel::Geen => "–".into(),
        }
    }
}

/// One computed indicator of a region and period. The JSON fields `thema`, `indicator`,
/// `teller`, `noemer`, `waarde` and `onderdrukt` are a public API contract.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Indicator {
    /// Werkset theme name (from the indicator catalogue), e.g. "Actie-overleg".
    pub thema: String,
    /// Werkset theme number: 1 for the repeat rate, 2–5 for the four afstemmingsmomenten.
    pub thema_nummer: u8,
    /// Stable code of the measure, e.g. `zsm_vt_betrokken`. Not unique per row: the ZSM
    /// measures have three rows (see `dagdeel`), attendance one per organisation.
    pub code: &'static str,
    /// Dutch name as shown, including the breakdown, e.g. "Veilig Thuis betrokken (weekend)".
    pub indicator: String,
    /// For the ZSM measures: `totaal`, `werkdag` (Monday–Friday, day and night) or `weekend`,
    /// by the time of arrest.
    pub dagdeel: Option<&'static str>,
    /// For attendance: the organisation's name.
    pub organisatie: Option<String>,
    /// For attendance summed per kind: the kind's code (e.g. `veilig_thuis`).
    pub organisatiesoort: Option<String>,
    /// For the share accepted per referral criterion: the criterion's code (e.g.
    /// `vroegtijdig_afstemmen`, see `casus::velden::CRITERIA`).
    pub criterium: Option<&'static str>,
    pub soort: IndicatorSoort,
    /// Unit of `waarde`: `%` for shares, a time unit for medians, what is counted for counts.
    pub eenheid: &'static str,
    /// Werkset element the figure belongs to: `uitvoering` (process: counts, times, effort;
    /// report section x.2) or `waarde` (outcome; report section x.3).
    pub element: &'static str,
    /// Dutch definition of teller, noemer and waarde for this measure.
    pub definitie: &'static str,
    /// Codes of the Werkset catalogue's indicators this measure gives evidence for (e.g.
    /// `2.u1`), from `data/indicatoren/` ([`definities`]).
    pub werkset: &'static [String],
    pub teller: Option<u64>,
    pub noemer: Option<u64>,
    pub waarde: Option<f64>,
    pub onderdrukt: bool,
    /// Dutch display, e.g. "12 van 40 (30%)", "<5", "mediaan 3 dagen (n=12)".
    pub weergave: String,
    /// Name without the breakdown, e.g. "Veilig Thuis betrokken".
    #[serde(skip)]
    pub basisnaam: &'static str,
    /// Display of the teller cell ("12", "<5", "afgeschermd" or "–").
    #[serde(skip)]
    pub teller_tekst: String,
    /// Display of the noemer cell.
    #[serde(skip)]
    pub noemer_tekst: String,
    /// Display of the value ("30%", "3 dagen", "12", "niet getoond").
    #[serde(skip)]
    pub waarde_tekst: String,
    #[serde(skip)]
    teller_cel: Cel,
    #[serde(skip)]
    noemer_cel: Cel,
    #[serde(skip)]
    drempel: u64,
}

/// What a figure of a region-year without any registration shows instead of "<5".
pub const GEEN_GEGEVENS: &str = "geen gegevens";

impl Indicator {
    /// Marks a figure of a region-year in which nothing was recorded (see
    /// [`regios_met_gegevens`]): its counts are below any threshold, but "<5" would read as a
    /// small number, so every display says "geen gegevens" (the numbers stay null).
    pub fn zonder_gegevens(&mut self) {
        for t in [
            &mut self.weergave,
            &mut self.teller_tekst,
            &mut self.noemer_tekst,
            &mut self.waarde_tekst,
        ] {
            GEEN_GEGEVENS.clone_into(t);
        }
    }

    /// Recomputes the public fields from the cells (after building or after secondary
    /// suppression).
    fn bijwerken(&mut self) {
        let d = self.drempel;
        self.teller = self.teller_cel.getal();
        self.noemer = self.noemer_cel.getal();
        self.onderdrukt = self.teller_cel.verborgen() || self.noemer_cel.verborgen();
        self.waarde = match self.soort {
            IndicatorSoort::Aantal => self.teller.map(|n| n as f64),
            IndicatorSoort::Aandeel => match (self.teller, self.noemer) {
                (Some(t), Some(n)) if n > 0 => Some((t as f64 * 1000.0 / n as f64).round() / 10.0),
                _ => None,
            },
            IndicatorSoort::Mediaan => self.waarde.filter(|_| self.noemer.is_some()),
        };
        self.teller_tekst = self.teller_cel.tekst(d);
        self.noemer_tekst = self.noemer_cel.tekst(d);
        let niet_getoond = || {
            if self.onderdrukt {
                "niet getoond".to_string()
            } else {
                "–".to_string()
            }
        };
        match self.soort {
            IndicatorSoort::Aantal => {
                self.waarde_tekst = self.teller_tekst.clone();
                self.weergave = self.teller_tekst.clone();
            }
            IndicatorSoort::Aandeel => {
                self.waarde_tekst = self.waarde.map_or_else(niet_getoond, crate::web::procent);
                self.weergave = match (self.teller_cel, self.noemer_cel) {
                    (Cel::Getal(t), Cel::Getal(n)) => {
                        format!("{t} van {n} ({})", self.waarde_tekst)
                    }
                    (t, Cel::Getal(n)) => format!("{} van {n}", t.tekst(d)),
                    (_, n) => n.tekst(d),
                };
            }
            IndicatorSoort::Mediaan => {
                let tijd = self.waarde.map(|w| tijdsduur(w, self.eenheid));
                self.waarde_tekst = tijd.clone().unwrap_or_else(niet_getoond);
                self.weergave = match (tijd, self.noemer_cel) {
                    (Some(t), Cel::Getal(n)) => format!("mediaan {t} (n={n})"),
                    (_, n) => n.tekst(d),
                };
            }
        }
    }
}

/// "3 dagen", "1 dag", "2,5 uur".
fn tijdsduur(w: f64, eenheid: &str) -> String {
    let enkelvoud = (w - 1.0).abs() < f64::EPSILON;
    let eenheid = match eenheid {
        "dagen" if enkelvoud => "dag",
        "minuten" if enkelvoud => "minuut",
        "uren" => "uur",
        e => e,
    };
    format!("{} {eenheid}", crate::web::getal(w))
}

/// Theme number → theme name, from the Werkset's indicator catalogue (the caller's).
pub type Themas = Arc<BTreeMap<u8, String>>;

/// Everything the indicators are computed from.
pub struct Invoer<'a> {
    /// The region's moments (all kinds) that started in the period.
    pub momenten: &'a [Moment],
    /// The afspraken of those moments.
    pub afspraken: &'a [Afspraak],
    /// The region's Actie-overleg meetings in the period, with attendance.
    pub vergaderingen: &'a [Vergadering],
    /// The region's Actie-overleggen (for the organisations and their names).
    pub overleggen: &'a [Overleg],
    /// Repeat flag per case of the region that started in the period, see [`herhaal_vlaggen`].
    pub herhalingen: &'a [bool],
    /// Theme number → theme name (from the indicator catalogue).
    pub themas: &'a BTreeMap<u8, String>,
    /// Today, `YYYY-MM-DD` (for afspraken whose deadline has passed).
    pub vandaag: &'a str,
    /// Suppression threshold.
    pub drempel: u64,
}

struct Bouwer<'a> {
    themas: &'a BTreeMap<u8, String>,
    drempel: u64,
    uit: Vec<Indicator>,
}

impl Bouwer<'_> {
    fn nieuw(
        &self,
        d: &'static Def,
        naam: String,
        teller: Cel,
        noemer: Cel,
        mediaan: Option<f64>,
    ) -> Indicator {
        let mut i = Indicator {
            thema: self
                .themas
                .get(&d.thema)
                .cloned()
                .unwrap_or_else(|| format!("Thema {}", d.thema)),
            thema_nummer: d.thema,
            code: &d.code,
            indicator: naam,
            dagdeel: None,
            organisatie: None,
            organisatiesoort: None,
            criterium: None,
            soort: d.soort,
            eenheid: &d.eenheid,
            element: &d.element,
            definitie: &d.definitie,
            werkset: &d.werkset,
            teller: None,
            noemer: None,
            waarde: mediaan,
            onderdrukt: false,
            weergave: String::new(),
            basisnaam: &d.naam,
            teller_tekst: String::new(),
            noemer_tekst: String::new(),
            waarde_tekst: String::new(),
            teller_cel: teller,
            noemer_cel: noemer,
            drempel: self.drempel,
        };
        i.bijwerken();
        i
    }

    /// Adds a count, a share or a median under the measure's own name.
    fn aantal(&mut self, d: &'static Def, n: usize) {
        let i = self.aantal_rij(d, d.naam.clone(), n);
        self.uit.push(i);
    }
    fn aandeel(&mut self, d: &'static Def, teller: usize, noemer: usize) {
        let i = self.aandeel_rij(d, d.naam.clone(), teller, noemer);
        self.uit.push(i);
    }
    fn mediaan(&mut self, d: &'static Def, waarden: &[f64]) {
        let i = self.mediaan_rij(d, d.naam.clone(), waarden);
        self.uit.push(i);
    }

    fn aantal_rij(&self, d: &'static Def, naam: String, n: usize) -> Indicator {
        self.nieuw(d, naam, Cel::van(n as u64, self.drempel), Cel::Geen, None)
    }

    fn aandeel_rij(
        &self,
        d: &'static Def,
        naam: String,
        teller: usize,
        noemer: usize,
    ) -> Indicator {
        let noemer = Cel::van(noemer as u64, self.drempel);
        // A teller never exceeds its noemer: with a small noemer it is small too.
        let teller = match noemer {
            Cel::Getal(_) => Cel::van(teller as u64, self.drempel),
            _ => Cel::Klein,
        };
        self.nieuw(d, naam, teller, noemer, None)
    }

    /// `waarden` sorted ascending ([`Tellingen`] keeps them so: sorted once when counted, not
    /// on every view); an unsorted slice is sorted in a copy.
    fn mediaan_rij(&self, d: &'static Def, naam: String, waarden: &[f64]) -> Indicator {
        let noemer = Cel::van(waarden.len() as u64, self.drempel);
        // The median is only computed when it may be shown.
        let m = match noemer {
            Cel::Getal(_) => {
                let gesorteerd;
                let waarden = if waarden.is_sorted_by(|a, b| a.total_cmp(b).is_le()) {
                    waarden
                } else {
                    let mut kopie = waarden.to_vec();
                    kopie.sort_by(f64::total_cmp);
                    gesorteerd = kopie;
                    &gesorteerd
                };
                let n = waarden.len();
                let m = if n % 2 == 1 {
                    waarden[n / 2]
                } else {
                    (waarden[n / 2 - 1] + waarden[n / 2]) / 2.0
                };
                Some((m * 10.0).round() / 10.0)
            }
            _ => None,
        };
        self.nieuw(d, naam, Cel::Geen, noemer, m)
    }

    fn voeg(&mut self, i: Indicator) {
        self.uit.push(i);
    }

    /// A ZSM measure as three rows: total, werkdagen, weekend (with secondary suppression of
    /// the two parts). For counts only the noemer is used (the count).
    fn zsm(&mut self, d: &'static Def, [totaal, werkdag, weekend]: [Deel; 3]) {
        let delen: [(&'static str, String, Deel); 3] = [
            ("totaal", d.naam.clone(), totaal),
            ("werkdag", format!("{} (werkdagen)", d.naam), werkdag),
            ("weekend", format!("{} (weekend)", d.naam), weekend),
        ];
        let mut rijen: Vec<Indicator> = delen
            .into_iter()
            .map(|(dagdeel, naam, x)| {
                let (t, n) = (x.teller as usize, x.noemer as usize);
                let mut i = match d.soort {
                    Aantal => self.aantal_rij(d, naam, n),
                    _ => self.aandeel_rij(d, naam, t, n),
                };
                i.dagdeel = Some(dagdeel);
                i
            })
            .collect();
        afschermen(&mut rijen[1..]);
        self.uit.extend(rijen);
    }
}

/// Secondary suppression over parts that add up to a shown total: when a cell of one part is
/// hidden, the same cell of every other part is hidden too.
fn afschermen(delen: &mut [Indicator]) {
    if delen.iter().any(|d| d.noemer_cel.verborgen()) {
        for d in delen.iter_mut() {
            if let Cel::Getal(_) = d.noemer_cel {
                d.noemer_cel = Cel::Afgeschermd;
            }
        }
    }
    if delen.iter().any(|d| d.teller_cel.verborgen()) {
        for d in delen.iter_mut() {
            if let Cel::Getal(_) = d.teller_cel {
                d.teller_cel = Cel::Afgeschermd;
            }
        }
    }
    for d in delen.iter_mut() {
        d.bijwerken();
    }
}

/// Computes all indicators (suppressed) from in-memory inputs, in theme order.
pub fn bereken(i: &Invoer) -> Vec<Indicator> {
    bouw(&Tellingen::uit_invoer(i), i.overleggen, i.themas, i.drempel)
}

/// Builds all indicators (suppressed), in theme order, from the counts of a region-year and
/// the region's Actie-overleggen (for the organisations and their names).
pub fn bouw(
    t: &Tellingen,
    overleggen: &[Overleg],
    themas: &BTreeMap<u8, String>,
    drempel: u64,
) -> Vec<Indicator> {
    let mut b = Bouwer {
        themas,
        drempel,
        uit: vec![],
    };
    let n = |x: u64| x as usize;
    let aandeel = |b: &mut Bouwer, d: &'static Def, x: Deel| b.aandeel(d, n(x.teller), n(x.noemer));

    // 1. Repeat incidents.
    aandeel(&mut b, def(HERHALING), t.herhaling);

    // 2. Samen op in acuut.
    b.aantal(def(ACUUT_AANTAL), n(t.acuut));
    aandeel(&mut b, def(ACUUT_TER_PLAATSE), t.acuut_ter_plaatse);
    b.mediaan(def(ACUUT_RESPONSTIJD), &t.acuut_responstijden);
    b.aandeel(def(ACUUT_BEOORDELING), n(t.acuut_beoordeeld), n(t.acuut));
    b.aandeel(def(ACUUT_VT_MELDING), n(t.acuut_gemeld), n(t.acuut));

    // 3. Actie-overleg.
    b.aantal(def(AO_AANMELDINGEN), n(t.ao));
    aandeel(&mut b, def(AO_AFGEWEZEN), t.ao_afgewezen);
    // Per referral criterion, every criterion (none recorded shows "<5"); they add up to the
    // decided aanmeldingen with a criterion, so they are hidden together.
    let d = def(AO_AANVAARD_CRITERIUM);
    let mut rijen: Vec<Indicator> = crate::casus::velden::CRITERIA
        .iter()
        .map(|(code, label)| {
            let x = t.ao_criteria.get(*code).copied().unwrap_or_default();
            let naam = format!("{}: {label}", d.naam);
            let mut i = b.aandeel_rij(d, naam, n(x.teller), n(x.noemer));
            i.criterium = Some(code);
            i
        })
        .collect();
    afschermen(&mut rijen);
    b.uit.extend(rijen);
    b.mediaan(def(AO_DOORLOOPTIJD), &t.ao_doorlooptijden);
    let mut organisaties: Vec<(OrganisatieId, &str, &str)> = vec![];
    for o in overleggen {
        for (id, naam, soort, _) in &o.organisaties {
            if !organisaties.iter().any(|(x, _, _)| x == id) {
                organisaties.push((*id, naam, soort));
            }
        }
    }
    // Per organisation, then per kind for kinds with several organisations (two VT's).
    let mut per_organisatie: Vec<(&str, Indicator, usize, usize)> = vec![];
    for (org, org_naam, org_soort) in organisaties {
        let d = t.aanwezigheid.get(&org).copied().unwrap_or_default();
        let (aanwezig, vastgelegd) = (n(d.teller), n(d.noemer));
        let naam = format!("{}: {org_naam}", def(AO_AANWEZIGHEID).naam);
        let mut x = b.aandeel_rij(def(AO_AANWEZIGHEID), naam, aanwezig, vastgelegd);
        x.organisatie = Some(org_naam.to_string());
        per_organisatie.push((org_soort, x, aanwezig, vastgelegd));
    }
    let mut soorten: Vec<&str> = vec![];
    for (soort, _, _, _) in &per_organisatie {
        if !soorten.contains(soort) {
            soorten.push(soort);
        }
    }
    let mut per_soort = vec![];
    for soort in soorten {
        let delen: Vec<usize> = (0..per_organisatie.len())
            .filter(|k| per_organisatie[*k].0 == soort)
            .collect();
        if delen.len() < 2 {
            continue;
        }
        let teller = delen.iter().map(|k| per_organisatie[*k].2).sum();
        let noemer = delen.iter().map(|k| per_organisatie[*k].3).sum();
        let label: &str = match crate::organisatie::model::OrganisatieSoort::parse(soort) {
            Some(s) => s.label(),
            None => soort,
        };
        let naam = format!(
            "{}: {label} (alle organisaties)",
            def(AO_AANWEZIGHEID_SOORT).naam
        );
        let mut x = b.aandeel_rij(def(AO_AANWEZIGHEID_SOORT), naam, teller, noemer);
        x.organisatiesoort = Some(soort.to_string());
        per_soort.push(x);
        // The organisations add up to the shown total: hide them together.
        let mut rijen: Vec<Indicator> = delen
            .iter()
            .map(|k| per_organisatie[*k].1.clone())
            .collect();
        afschermen(&mut rijen);
        for (k, r) in delen.iter().zip(rijen) {
            per_organisatie[*k].1 = r;
        }
    }
    for (_, x, _, _) in per_organisatie {
        b.voeg(x);
    }
    for x in per_soort {
        b.voeg(x);
    }
    aandeel(&mut b, def(AO_AFSPRAKEN_OP_TIJD), t.afspraken_op_tijd);
    aandeel(&mut b, def(AO_TERUGKOPPELING), t.ao_terugkoppeling);

    // 4. HG met VT & ZSM, split by the time of arrest.
    let totaal = t.zsm_werkdag.plus(t.zsm_weekend).plus(t.zsm_zonder_dagdeel);
    let delen = [totaal, t.zsm_werkdag, t.zsm_weekend];
    b.zsm(
        def(ZSM_AANTAL),
        delen.map(|z| Deel {
            teller: z.aantal,
            noemer: z.aantal,
        }),
    );
    b.zsm(def(ZSM_VT_BETROKKEN), delen.map(|z| z.betrokken));
    b.zsm(def(ZSM_CONTACT_GEZOCHT), delen.map(|z| z.contact_gezocht));
    b.zsm(def(ZSM_CONTACT), delen.map(|z| z.contact));
    b.zsm(
        def(ZSM_AFDOENINGSOVERLEG),
        delen.map(|z| z.afdoeningsoverleg),
    );
    b.zsm(def(ZSM_VT_GEINFORMEERD), delen.map(|z| z.geinformeerd));
    b.zsm(def(ZSM_BEOORDELING), delen.map(|z| z.beoordeling));
    b.zsm(def(ZSM_BINNEN_TERMIJN), delen.map(|z| z.binnen_termijn));
    b.zsm(def(ZSM_HEENZENDING), delen.map(|z| z.heenzending));

    // 5. Strafbare kindermishandeling.
    b.aantal(def(SSK_AANTAL), n(t.ssk));
    b.mediaan(def(SSK_OM_CONSULTATIE), &t.ssk_consultatie);
    aandeel(&mut b, def(SSK_ANONIEM), t.ssk_anoniem);
    b.aandeel(def(SSK_ONDERZOEKSPLAN), n(t.ssk_onderzoeksplan), n(t.ssk));

    b.uit
}

/// The kengetallen of one report section: the indicators of `thema` whose element is
/// `element` (`uitvoering` → x.2, `waarde` → x.3). The ZSM breakdown goes into the
/// toelichting of the total row. Values are the suppressed displays.
pub fn kengetallen(indicatoren: &[Indicator], thema: u8, element: &str) -> Vec<Kengetal> {
    let eigen: Vec<&Indicator> = indicatoren
        .iter()
        .filter(|i| i.thema_nummer == thema && i.element == element)
        .collect();
    eigen
        .iter()
        .filter(|i| matches!(i.dagdeel, None | Some("totaal")))
        .map(|i| {
            let delen: Vec<String> = eigen
                .iter()
                .filter(|d| d.code == i.code && matches!(d.dagdeel, Some("werkdag" | "weekend")))
                .map(|d| {
                    let wanneer = if d.dagdeel == Some("weekend") {
                        "weekend"
                    } else {
                        "werkdagen"
                    };
                    format!("{wanneer}: {}", d.weergave)
                })
                .collect();
            let toelichting = if delen.is_empty() {
                i.definitie.to_string()
            } else {
                format!("{} Uitgesplitst: {}.", i.definitie, delen.join("; "))
            };
            Kengetal {
                naam: i.indicator.clone(),
                waarde: i.weergave.clone(),
                toelichting,
            }
        })
        .collect()
}

/// The headline measures of the national comparison: one per theme (the ZSM measures as
/// their total over all days), as (code, short column heading).
pub const KERNINDICATOREN: &[(&str, &str)] = &[
    ("herhaling", "Herhaald incident ≤ 12 mnd"),
    ("acuut_ter_plaatse", "Acuut: VT ter plaatse"),
    ("ao_afspraken_op_tijd", "Actie-overleg: afspraken op tijd"),
    ("zsm_vt_betrokken", "ZSM: VT betrokken"),
    (
        "zsm_beoordeling_voor_beslissing",
        "ZSM: beoordeling vóór beslissing",
    ),
    ("ssk_om_consultatie", "SSK: tijd tot OM-consultatie"),
];

/// The headline measures of one region, in the order of [`KERNINDICATOREN`] (suppressed as
/// everywhere; `None` when the region has no such row).
pub fn kern(indicatoren: &[Indicator]) -> Vec<Option<Indicator>> {
    KERNINDICATOREN
        .iter()
        .map(|(code, _)| {
            indicatoren
                .iter()
                .find(|i| i.code == *code && matches!(i.dagdeel, None | Some("totaal")))
                .cloned()
        })
        .collect()
}

/// The regions with anything recorded in a year: a region-year gets its change marker with
/// its first write (migration 0016), so a region without one has no data at all. Its
/// indicators are all "<5", which reads as a small number; pages say "geen gegevens" instead.
pub async fn regios_met_gegevens(
    db: &Db,
    periode: &str,
) -> AppResult<std::collections::HashSet<RegioCode>> {
    let grenzen = service::periode_grenzen(periode)?;
    Ok(repo::indicator_versies(db, &grenzen.0[..4])
        .await?
        .into_iter()
        .filter(|(_, versie)| *versie > 0)
        .filter_map(|(r, _)| RegioCode::parse(&r).ok())
        .collect())
}

/// A marker that changes with every write that can change what any region counts in
/// `periode` (the sum of the region-years' markers, which only grow).
pub async fn versie_periode(db: &Db, periode: &str) -> AppResult<i64> {
    let grenzen = service::periode_grenzen(periode)?;
    Ok(repo::indicator_versies(db, &grenzen.0[..4])
        .await?
        .values()
        .sum())
}

/// Computes the indicators of a region for a period (a year, `JJJJ`) with suppression
/// threshold `drempel`, under the Werkset's theme names `themas` (see [`voor_regios`]).
pub async fn voor_regio(
    db: &Db,
    regio: &RegioCode,
    periode: &str,
    drempel: u64,
    themas: &Themas,
) -> AppResult<Vec<Indicator>> {
    Ok(voor_regios(db, &[regio], periode, drempel, themas)
        .await?
        .pop()
        .unwrap_or_default())
}

/// Each region's overleggen (names and members) as `repo::overleggen` reads them: reference
/// data, kept per instance while the organisations are unchanged (`db::geheugen`).
static OVERLEGGEN: crate::db::geheugen::Geheugen<RegioCode, Vec<Overleg>> =
    crate::db::geheugen::Geheugen::nieuw(&[crate::db::geheugen::Onderwerp::Organisaties]);

/// Each instance's memory of counted indicator input per region-year (`regio`, `jaar`).
/// Counting one region-year takes tens of milliseconds of database work; the national
/// comparison needs ten of them. Migration 0016 keeps a version per (regio, jaar) in
/// `indicator_versie`, bumped by triggers on every write that can change what that region-year
/// counts (moments, afspraken, attendance, the repeat basis of cases), whoever writes. A count
/// is reused only while the version it was counted at is current and it was counted today (the
/// afspraken measure depends on the date): the versions are `[versie, day, 0]`.
static TELLINGEN: crate::db::geheugen::Geheugen<(RegioCode, String), Tellingen> =
    crate::db::geheugen::Geheugen::nieuw(&[]).hoogstens(4_096);

/// The indicators of several regions for one period (the national comparison), in the order of
/// `regios`. The database counts ([`tellen`]); a region-year's counts are reused from memory
/// while its version in `indicator_versie` is unchanged (see [`TELLINGEN`]), and the regions
/// that must be counted are counted side by side.
pub async fn voor_regios(
    db: &Db,
    regios: &[&RegioCode],
    periode: &str,
    drempel: u64,
    themas: &Themas,
) -> AppResult<Vec<Vec<Indicator>>> {
    let stand = crate::db::geheugen::stand(db).await?;
    voor_regios_bij(db, &stand, regios, periode, drempel, themas).await
}

/// As [`voor_regios`], with the reference data's versions (`stand`) as the caller read them, so
/// that a page that also read the theme names at those versions reads them once.
pub async fn voor_regios_bij(
    db: &Db,
    stand: &Stand,
    regios: &[&RegioCode],
    periode: &str,
    drempel: u64,
    themas: &Themas,
) -> AppResult<Vec<Vec<Indicator>>> {
    let grenzen = service::periode_grenzen(periode)?;
    let jaar = grenzen.0[..4].to_string();
    let vandaag = crate::db::vandaag();
    let versies = repo::indicator_versies(db, &jaar).await?;
    let dag = dagnummer(&vandaag);
    let mut taken = tokio::task::JoinSet::new();
    for (k, regio) in regios.iter().enumerate() {
        let versie = versies.get(regio.as_str()).copied().unwrap_or(0);
        let (db, regio, jaar) = (db.clone(), **regio, jaar.clone());
        let (grenzen, vandaag, themas, stand) = (
            grenzen.clone(),
            vandaag.clone(),
            themas.clone(),
            stand.clone(),
        );
        taken.spawn(async move {
            // Only counts leave this function (see `permissions::voor_aggregaten`).
            let s = &crate::auth::permissions::voor_aggregaten();
            let sleutel = (regio, jaar);
            let tellingen = TELLINGEN.bij_versies(
                &db,
                [versie, dag, 0],
                &sleutel,
                opgeslagen_of_tellen(&db, &sleutel, (versie, dag), &grenzen, &vandaag),
            );
            let overleggen = OVERLEGGEN.of_lezen(&stand, &regio, async {
                AppResult::Ok(repo::overleggen(&db, s, &regio).await?)
            });
            let (t, overleggen) = tokio::try_join!(tellingen, overleggen)?;
            AppResult::Ok((k, bouw(&t, &overleggen, &themas, drempel)))
        });
    }
    let mut uit: Vec<Vec<Indicator>> = vec![Vec::new(); regios.len()];
    while let Some(klaar) = taken.join_next().await {
        let (k, x) = klaar.map_err(|e| crate::error::AppError::Intern(e.into()))??;
        uit[k] = x;
    }
    Ok(uit)
}

pub mod definities;
mod tellingen;

use IndicatorSoort::Aantal;
use definities::{def, *};
pub use tellingen::{
    Deel, Tellingen, ZsmTelling, bijhouden, bijwerken_en_melden, herhaal_vlaggen,
    opgeslagen_bijwerken, opgeslagen_vergeten, tellen,
};
use tellingen::{dagnummer, opgeslagen_of_tellen};

#[cfg(test)]
mod tests;
