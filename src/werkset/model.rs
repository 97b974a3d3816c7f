//! Werkset: pure types and rules (catalogue, enums, validation, effort balance, comparison).

use crate::code_enum;
use crate::error::Veldfout;
use crate::organisatie::model::OrganisatieSoort;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Catalogus {
    pub versie: String,
    pub titel: String,
    #[serde(default)]
    pub bron: String,
    pub themas: Vec<Thema>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Thema {
    pub nummer: u8,
    pub code: String,
    pub naam: String,
    pub kort: String,
    pub context: Context,
    pub elementen: Vec<Element>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct Context {
    pub doel: String,
    pub aanleiding: String,
    pub vorm: String,
    pub impactanalyse: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Element {
    pub code: String,
    pub naam: String,
    pub indicatoren: Vec<Indicator>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Indicator {
    pub code: String,
    pub naam: String,
}

impl Catalogus {
    pub fn thema(&self, nummer: u8) -> Option<&Thema> {
        self.themas.iter().find(|t| t.nummer == nummer)
    }
    /// The indicator with this code, with its theme and element.
    pub fn indicator(&self, code: &str) -> Option<(&Thema, &Element, &Indicator)> {
        self.themas.iter().find_map(|t| {
            t.elementen.iter().find_map(|e| {
                e.indicatoren
                    .iter()
                    .find(|i| i.code == code)
                    .map(|i| (t, e, i))
            })
        })
    }
    /// Checks a catalogue loaded from a file; returns Dutch problems.
    pub fn valideer(&self) -> Vec<String> {
        let mut f = Vec::new();
        if self.versie.trim().is_empty()
            || !self
                .versie
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
        {
            f.push("De versie moet gevuld zijn en mag alleen letters, cijfers, '-', '_' en '.' bevatten.".to_string());
        }
        if self.themas.is_empty() {
            f.push("De catalogus bevat geen thema's.".into());
        }
        let mut codes = std::collections::BTreeSet::new();
        for t in &self.themas {
            let elementen: Vec<&str> = t.elementen.iter().map(|e| e.code.as_str()).collect();
            if elementen != ["ontwikkel", "uitvoering", "waarde"] {
                f.push(format!("Thema {} moet precies de elementen ontwikkel, uitvoering en waarde hebben (in die volgorde).", t.nummer));
            }
            for e in &t.elementen {
                if e.indicatoren.is_empty() {
                    f.push(format!(
                        "Thema {}, element {} heeft geen indicatoren.",
                        t.nummer, e.naam
                    ));
                }
                for i in &e.indicatoren {
                    if !codes.insert(i.code.clone()) {
                        f.push(format!(
                            "Indicatorcode {} komt meer dan één keer voor.",
                            i.code
                        ));
                    }
                    if i.naam.trim().is_empty() {
                        f.push(format!("Indicator {} heeft geen naam.", i.code));
                    }
                }
            }
        }
        f
    }
}

/// A registration period: a calendar year.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Periode(String);

impl Periode {
    pub fn parse(s: &str) -> Result<Self, String> {
        let s = s.trim();
        match s.parse::<u16>() {
            Ok(j) if (2000..=2100).contains(&j) && s.len() == 4 => Ok(Self(s.to_string())),
            _ => Err(format!(
                "'{s}' is geen geldige periode; gebruik een jaartal, bijvoorbeeld 2025."
            )),
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    pub fn vorige(&self) -> Periode {
        Periode(
            self.0
                .parse::<u16>()
                .map(|j| (j - 1).to_string())
                .unwrap_or_default(),
        )
    }
}

code_enum!(
    /// Phase of a verbeteractie in a region (seed 001 §1.1).
    Fase {
        NietGestart => ("niet_gestart", "Niet gestart"),
        Ontwikkeling => ("ontwikkeling", "Ontwikkeling"),
        Implementatie => ("implementatie", "Implementatie"),
        Monitoring => ("monitoring", "Monitoring en verbetering"),
        Geborgd => ("geborgd", "Geborgd"),
    }
);

impl Fase {
    /// 0..=4, for comparing phases between periods.
    pub fn rang(self) -> usize {
        Self::ALLE.iter().position(|f| *f == self).unwrap_or(0)
    }
}

code_enum!(
    /// How an effort relates to the organisation's statutory work (seed 004).
    Classificatie {
        Regulier => ("regulier", "Regulier werk"),
        Verschuiving => ("verschuiving", "Verschuiving van werk"),
        Meerwerk => ("meerwerk", "Meerwerk"),
        Minderwerk => ("minderwerk", "Minderwerk"),
    }
);

code_enum!(
    Eenheid {
        UrenPerWeek => ("uren_per_week", "uur per week"),
        UrenPerMaand => ("uren_per_maand", "uur per maand"),
        Fte => ("fte", "fte"),
        Euro => ("euro", "euro"),
        Aantal => ("aantal", "aantal"),
        KeerPerWeek => ("keer_per_week", "keer per week"),
        KeerPerMaand => ("keer_per_maand", "keer per maand"),
        Dagen => ("dagen", "dagen"),
    }
);

impl Eenheid {
    /// Hours per week, for the effort balance: only time units convert (1 fte = 36 uur per week,
    /// a month = 52/12 weeks).
    pub fn uren_per_week(self, hoeveelheid: f64) -> Option<f64> {
        match self {
            Self::UrenPerWeek => Some(hoeveelheid),
            Self::UrenPerMaand => Some(hoeveelheid * 12.0 / 52.0),
            Self::Fte => Some(hoeveelheid * 36.0),
            _ => None,
        }
    }
    pub fn formatteer(self, hoeveelheid: f64) -> String {
        let getal = crate::web::getal_nl(hoeveelheid, 2);
        match self {
            Self::Euro => format!("€ {getal}"),
            Self::Aantal => format!("{getal} keer"),
            Self::Dagen if getal == "1" => "1 dag".into(),
            _ => format!("{getal} {}", self.label()),
        }
    }
}

code_enum!(
    Bewijs {
        Interview => ("interview", "Interview"),
        Evaluatie => ("evaluatie", "Evaluatie"),
        Werkplan => ("werkplan", "Werkplan"),
        Registratie => ("registratie", "Registratie"),
        Casusonderzoek => ("casusonderzoek", "Casusonderzoek"),
    }
);

code_enum!(
    /// How strongly practice shows a value.
    Sterkte {
        Aangetoond => ("aangetoond", "Aangetoond"),
        Plausibel => ("plausibel", "Plausibel"),
        Verwacht => ("verwacht", "Verwacht"),
    }
);

code_enum!(
    BronSoort {
        Werkplan => ("werkplan", "Werkplan"),
        Evaluatie => ("evaluatie", "Evaluatie"),
        Procesdocument => ("procesdocument", "Procesdocument"),
        Overig => ("overig", "Overig"),
    }
);

/// Partner types: the organisation types of the network.
pub fn partner_label(code: &str) -> &'static str {
    crate::organisatie::model::OrganisatieSoort::parse(code)
        .map_or("Onbekend", OrganisatieSoort::label)
}

/// A partner token of an effort entry names either a kind of organisation (`veilig_thuis`,
/// as all entries before issue 7 do) or one specific organisation: `org:<code>`. Tokens are
/// stored comma-separated in `werkset_inspanning.partners` and appear as such in the exports.
pub const ORGANISATIE_PREFIX: &str = "org:";

/// An organisation that can be named as a partner, or that a stored token refers to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartnerOrganisatie {
    pub code: String,
    pub naam: String,
    pub soort: String,
    pub actief: bool,
}

impl PartnerOrganisatie {
    pub fn token(&self) -> String {
        format!("{ORGANISATIE_PREFIX}{}", self.code)
    }
}

/// The kind a partner token belongs to: the kind itself, or the kind of the named
/// organisation (None for an unknown organisation).
pub fn partner_soort(token: &str, orgs: &[PartnerOrganisatie]) -> Option<OrganisatieSoort> {
    match token.strip_prefix(ORGANISATIE_PREFIX) {
        Some(code) => orgs
            .iter()
            .find(|o| o.code == code)
            .and_then(|o| OrganisatieSoort::parse(&o.soort)),
        None => OrganisatieSoort::parse(token),
    }
}

/// The display name of a partner token: the kind's label or the organisation's name.
pub fn partner_naam(token: &str, orgs: &[PartnerOrganisatie]) -> String {
    match token.strip_prefix(ORGANISATIE_PREFIX) {
        Some(code) => orgs
            .iter()
            .find(|o| o.code == code)
            .map_or_else(|| code.to_string(), |o| o.naam.clone()),
        None => partner_label(token).to_string(),
    }
}

/// Partner tokens of a form: kinds, and `org:<code>` of the organisations in `kiesbaar` (the
/// region's active organisations). Unknown kinds or organisations are field errors.
pub fn partner_tokens_parse(
    codes: &[String],
    kiesbaar: &[PartnerOrganisatie],
    veld: &str,
    fouten: &mut Vec<Veldfout>,
) -> Vec<String> {
    let mut uit: Vec<String> = Vec::new();
    for c in codes.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
        let token = match c.strip_prefix(ORGANISATIE_PREFIX) {
            Some(code) => {
                if let Some(o) = kiesbaar.iter().find(|o| o.code == code && o.actief) {
                    o.token()
                } else {
                    fouten.push(Veldfout::new(
                        veld,
                        format!("Kies een actieve organisatie uit deze regio (niet '{code}')."),
                    ));
                    continue;
                }
            }
            None => {
                if let Some(s) = OrganisatieSoort::parse(c) {
                    s.code().to_string()
                } else {
                    fouten.push(Veldfout::new(veld, format!("Onbekende partner '{c}'.")));
                    continue;
                }
            }
        };
        if !uit.contains(&token) {
            uit.push(token);
        }
    }
    uit
}

pub fn partners_parse(codes: &[String], veld: &str, fouten: &mut Vec<Veldfout>) -> Vec<String> {
    let mut uit = Vec::new();
    for c in codes.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
        match crate::organisatie::model::OrganisatieSoort::parse(c) {
            Some(s) if !uit.iter().any(|x: &String| x == s.code()) => {
                uit.push(s.code().to_string());
            }
            Some(_) => {}
            None => fouten.push(Veldfout::new(veld, format!("Onbekende partner '{c}'."))),
        }
    }
    uit
}

/// A validated effort entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Inspanning {
    pub thema: u8,
    pub element: String,
    pub indicator: String,
    pub partners: Vec<String>,
    pub classificatie: Classificatie,
    pub hoeveelheid: Option<(f64, Eenheid)>,
    pub omschrijving: String,
    pub bewijs: Bewijs,
    pub bewijs_datum: String,
}

/// Form/API input of an effort entry.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct InspanningInvoer {
    #[serde(default)]
    pub indicator: String,
    #[serde(default)]
    pub partners: Vec<String>,
    #[serde(default)]
    pub classificatie: String,
    #[serde(default)]
    pub hoeveelheid: String,
    #[serde(default)]
    pub eenheid: String,
    #[serde(default)]
    pub omschrijving: String,
    #[serde(default)]
    pub bewijs: String,
    #[serde(default)]
    pub bewijs_datum: String,
}

fn datum(s: &str, veld: &str, f: &mut Vec<Veldfout>) -> String {
    crate::zelfscan::service::parse_datum(s).unwrap_or_else(|| {
        f.push(Veldfout::new(
            veld,
            "Vul een geldige datum in (jjjj-mm-dd).",
        ));
        String::new()
    })
}

fn tekst(s: &str, veld: &str, max: usize, verplicht: &str, f: &mut Vec<Veldfout>) -> String {
    let t = s.trim();
    if t.is_empty() {
        f.push(Veldfout::new(veld, verplicht));
    } else if let Err(m) = crate::tekst::geen_stuurtekens(t) {
        f.push(Veldfout::new(veld, format!("Dit veld {m}")));
    } else if t.chars().count() > max {
        f.push(Veldfout::new(veld, format!("Maximaal {max} tekens.")));
    }
    t.to_string()
}

/// Validates an effort entry; `kiesbaar` are the organisations that may be named as partners
/// (the region's active ones), besides the kinds.
pub fn valideer_inspanning(
    c: &Catalogus,
    i: &InspanningInvoer,
    kiesbaar: &[PartnerOrganisatie],
) -> Result<Inspanning, Vec<Veldfout>> {
    let mut f = Vec::new();
    let plek = c.indicator(&i.indicator);
    match plek {
        None => f.push(Veldfout::new(
            "indicator",
            "Kies een indicator uit de catalogus.",
        )),
        Some((_, e, _)) if e.code == "waarde" => f.push(Veldfout::new(
            "indicator",
            "Dit is een waarde-indicator; leg die vast als waarde, niet als inspanning.",
        )),
        _ => {}
    }
    let partners = partner_tokens_parse(&i.partners, kiesbaar, "partners", &mut f);
    if partners.is_empty() {
        f.push(Veldfout::new(
            "partners",
            "Kies ten minste één partnerorganisatie.",
        ));
    }
    let classificatie = Classificatie::parse(&i.classificatie);
    if classificatie.is_none() {
        f.push(Veldfout::new(
            "classificatie",
            "Kies regulier werk, verschuiving van werk, meerwerk of minderwerk.",
        ));
    }
    let hoeveelheid = match (i.hoeveelheid.trim(), i.eenheid.trim()) {
        ("", "") => None,
        (h, e) => {
            let getal = h
                .replace(',', ".")
                .parse::<f64>()
                .ok()
                .filter(|x| x.is_finite() && *x >= 0.0);
            let eenheid = Eenheid::parse(e);
            if getal.is_none() {
                f.push(Veldfout::new("hoeveelheid", "Vul een getal van 0 of meer in (bijvoorbeeld 4 of 0,5), of laat hoeveelheid en eenheid leeg."));
            }
            if eenheid.is_none() {
                f.push(Veldfout::new(
                    "eenheid",
                    "Kies de eenheid bij de hoeveelheid.",
                ));
            }
            getal.zip(eenheid)
        }
    };
    let omschrijving = tekst(
        &i.omschrijving,
        "omschrijving",
        4000,
        "Beschrijf de inspanning.",
        &mut f,
    );
    let bewijs = Bewijs::parse(&i.bewijs);
    if bewijs.is_none() {
        f.push(Veldfout::new(
            "bewijs",
            "Kies de onderbouwing: interview, evaluatie, werkplan, registratie of casusonderzoek.",
        ));
    }
    let bewijs_datum = datum(&i.bewijs_datum, "bewijs_datum", &mut f);
    match (plek, classificatie, bewijs, f.is_empty()) {
        (Some((t, e, ind)), Some(classificatie), Some(bewijs), true) => Ok(Inspanning {
            thema: t.nummer,
            element: e.code.clone(),
            indicator: ind.code.clone(),
            partners,
            classificatie,
            hoeveelheid,
            omschrijving,
            bewijs,
            bewijs_datum,
        }),
        _ => Err(f),
    }
}

/// A validated value entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Waarde {
    pub thema: u8,
    pub indicator: String,
    pub omschrijving: String,
    pub bewijs: Bewijs,
    pub bewijs_datum: String,
    pub sterkte: Sterkte,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct WaardeInvoer {
    #[serde(default)]
    pub indicator: String,
    #[serde(default)]
    pub omschrijving: String,
    #[serde(default)]
    pub bewijs: String,
    #[serde(default)]
    pub bewijs_datum: String,
    #[serde(default)]
    pub sterkte: String,
}

pub fn valideer_waarde(c: &Catalogus, i: &WaardeInvoer) -> Result<Waarde, Vec<Veldfout>> {
    let mut f = Vec::new();
    let plek = c
        .indicator(&i.indicator)
        .filter(|(_, e, _)| e.code == "waarde");
    if plek.is_none() {
        f.push(Veldfout::new(
            "indicator",
            "Kies een waarde-indicator uit de catalogus.",
        ));
    }
    let omschrijving = tekst(
        &i.omschrijving,
        "omschrijving",
        4000,
        "Beschrijf hoe de praktijk de waarde laat zien.",
        &mut f,
    );
    let bewijs = Bewijs::parse(&i.bewijs);
    if bewijs.is_none() {
        f.push(Veldfout::new("bewijs", "Kies de onderbouwing."));
    }
    let sterkte = Sterkte::parse(&i.sterkte);
    if sterkte.is_none() {
        f.push(Veldfout::new(
            "sterkte",
            "Kies aangetoond, plausibel of verwacht.",
        ));
    }
    let bewijs_datum = datum(&i.bewijs_datum, "bewijs_datum", &mut f);
    match (plek, bewijs, sterkte, f.is_empty()) {
        (Some((t, _, ind)), Some(bewijs), Some(sterkte), true) => Ok(Waarde {
            thema: t.nummer,
            indicator: ind.code.clone(),
            omschrijving,
            bewijs,
            bewijs_datum,
            sterkte,
        }),
        _ => Err(f),
    }
}

/// Form/API input of a quote, practice example or source (the fields each one uses).
#[derive(Debug, Default, Deserialize, Clone)]
pub struct TekstInvoer {
    #[serde(default)]
    pub thema: String,
    #[serde(default)]
    pub titel: String,
    #[serde(default)]
    pub tekst: String,
    #[serde(default)]
    pub bron: String,
    #[serde(default)]
    pub soort: String,
    #[serde(default)]
    pub jaar: String,
}

/// Validates a quote: text and a role or organisation type (never a person's name).
pub fn valideer_citaat(tekst_in: &str, bron: &str) -> Result<(String, String), Vec<Veldfout>> {
    let mut f = Vec::new();
    let t = tekst(tekst_in, "tekst", 2000, "Vul het citaat in.", &mut f);
    let b = tekst(
        bron,
        "bron",
        120,
        "Vul de rol of organisatie van de spreker in (geen naam).",
        &mut f,
    );
    if f.is_empty() { Ok((t, b)) } else { Err(f) }
}

pub fn valideer_praktijk(
    titel: &str,
    tekst_in: &str,
    bron: &str,
) -> Result<(String, String, String), Vec<Veldfout>> {
    let mut f = Vec::new();
    let ti = tekst(
        titel,
        "titel",
        200,
        "Geef het praktijkvoorbeeld een titel.",
        &mut f,
    );
    let te = tekst(
        tekst_in,
        "tekst",
        8000,
        "Beschrijf het praktijkvoorbeeld.",
        &mut f,
    );
    let b = tekst(bron, "bron", 200, "Vul de bron in.", &mut f);
    if f.is_empty() {
        Ok((ti, te, b))
    } else {
        Err(f)
    }
}

pub fn valideer_bron(
    soort: &str,
    titel: &str,
    jaar: &str,
) -> Result<(BronSoort, String, String), Vec<Veldfout>> {
    let mut f = Vec::new();
    let s = BronSoort::parse(soort);
    if s.is_none() {
        f.push(Veldfout::new(
            "soort",
            "Kies werkplan, evaluatie, procesdocument of overig.",
        ));
    }
    let t = tekst(titel, "titel", 300, "Vul de titel van de bron in.", &mut f);
    let j = jaar.trim();
    if Periode::parse(j).is_err() {
        f.push(Veldfout::new(
            "jaar",
            "Vul het jaar van de bron in, bijvoorbeeld 2025.",
        ));
    }
    match (s, f.is_empty()) {
        (Some(s), true) => Ok((s, t, j.to_string())),
        _ => Err(f),
    }
}

/// One effort as stored, for the balance.
#[derive(Debug, Clone)]
pub struct BalansPost {
    pub partners: Vec<String>,
    pub classificatie: Classificatie,
    pub hoeveelheid: Option<(f64, Eenheid)>,
}

/// Per partner type: meerwerk, minderwerk and verschuiving in hours per week (converted),
/// and the number of posts whose unit does not convert. An entry for several partners counts
/// fully for each of them (the registration says each partner spends that effort).
pub fn balans(posten: &[BalansPost]) -> Vec<(String, [f64; 3], usize)> {
    let mut uit: Vec<(String, [f64; 3], usize)> = Vec::new();
    for p in posten {
        let kolom = match p.classificatie {
            Classificatie::Meerwerk => 0,
            Classificatie::Minderwerk => 1,
            Classificatie::Verschuiving => 2,
            Classificatie::Regulier => continue,
        };
        for partner in &p.partners {
            let i = if let Some(i) = uit.iter().position(|(x, _, _)| x == partner) {
                i
            } else {
                uit.push((partner.clone(), [0.0; 3], 0));
                uit.len() - 1
            };
            match p.hoeveelheid.and_then(|(h, e)| e.uren_per_week(h)) {
                Some(uren) => uit[i].1[kolom] += uren,
                None => uit[i].2 += 1,
            }
        }
    }
    uit.sort_by_key(|(p, _, _)| {
        crate::organisatie::model::OrganisatieSoort::ALLE
            .iter()
            .position(|s| s.code() == p)
            .unwrap_or(99)
    });
    uit
}

/// One row of a balance with partner names: hours per week [meerwerk, minderwerk,
/// verschuiving], posts that do not convert, and whether it is a per-kind total.
#[derive(Debug, Clone, PartialEq)]
pub struct BalansRegel {
    pub partner: String,
    pub uren: [f64; 3],
    pub overig: usize,
    pub totaal: bool,
}

fn optellen(a: &mut BalansRegel, uren: [f64; 3], overig: usize) {
    for (x, y) in a.uren.iter_mut().zip(uren) {
        *x += y;
    }
    a.overig += overig;
}

/// The balance per partner as named in the entries (a kind, or a specific organisation), in
/// kind order, and after the rows of each kind that has entries for specific organisations
/// a total for the kind ("Veilig Thuis totaal"): the kind-level entries plus each of its
/// organisations. Entries naming a kind without choosing an organisation are shown as
/// "<kind> (geen organisatie gekozen)" when organisations of that kind appear too.
pub fn balans_per_partner(posten: &[BalansPost], orgs: &[PartnerOrganisatie]) -> Vec<BalansRegel> {
    let rijen = balans(posten);
    let mut uit = Vec::new();
    let mut soorten: Vec<Option<OrganisatieSoort>> =
        OrganisatieSoort::ALLE.into_iter().map(Some).collect();
    soorten.push(None);
    for soort in soorten {
        let mut groep: Vec<&(String, [f64; 3], usize)> = rijen
            .iter()
            .filter(|(t, _, _)| partner_soort(t, orgs) == soort)
            .collect();
        if groep.is_empty() {
            continue;
        }
        // The kind itself first, then its organisations by name.
        groep.sort_by_key(|(t, _, _)| (t.starts_with(ORGANISATIE_PREFIX), partner_naam(t, orgs)));
        let met_organisaties = groep
            .iter()
            .any(|(t, _, _)| t.starts_with(ORGANISATIE_PREFIX));
        let label = soort.map_or("Onbekend", OrganisatieSoort::label);
        let mut totaal = BalansRegel {
            partner: format!("{label} totaal"),
            uren: [0.0; 3],
            overig: 0,
            totaal: true,
        };
        for (t, uren, overig) in groep {
            let partner = if !t.starts_with(ORGANISATIE_PREFIX) && met_organisaties {
                format!("{label} (geen organisatie gekozen)")
            } else {
                partner_naam(t, orgs)
            };
            uit.push(BalansRegel {
                partner,
                uren: *uren,
                overig: *overig,
                totaal: false,
            });
            optellen(&mut totaal, *uren, *overig);
        }
        if met_organisaties && soort.is_some() {
            uit.push(totaal);
        }
    }
    uit
}

/// The balance summed per kind: entries for specific organisations count for their kind (the
/// national comparison, where organisations of different regions are not compared).
pub fn balans_per_soort(posten: &[BalansPost], orgs: &[PartnerOrganisatie]) -> Vec<BalansRegel> {
    let mut uit: Vec<BalansRegel> = Vec::new();
    for (t, uren, overig) in balans(posten) {
        let label = partner_soort(&t, orgs).map_or("Onbekend", OrganisatieSoort::label);
        match uit.iter_mut().find(|r| r.partner == label) {
            Some(r) => optellen(r, uren, overig),
            None => uit.push(BalansRegel {
                partner: label.to_string(),
                uren,
                overig,
                totaal: false,
            }),
        }
    }
    uit.sort_by_key(|r| {
        OrganisatieSoort::ALLE
            .iter()
            .position(|s| s.label() == r.partner)
            .unwrap_or(99)
    });
    uit
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn catalogus() -> Catalogus {
        serde_json::from_str(include_str!("../../data/werkset/catalogus-2022-v1.json")).unwrap()
    }

    #[test]
    fn meegeleverde_catalogus_is_geldig() {
        let c = catalogus();
        assert_eq!(c.valideer(), Vec::<String>::new());
        assert_eq!(c.themas.len(), 5);
        let namen: Vec<&str> = c.themas[0]
            .elementen
            .iter()
            .map(|e| e.naam.as_str())
            .collect();
        assert_eq!(
            namen,
            [
                "Ontwikkelinspanningen",
                "Uitvoeringsinspanningen: meer- en minderwerk",
                "Waarde"
            ]
        );
    }

    #[test]
    fn periode() {
        assert_eq!(Periode::parse("2025").unwrap().vorige().as_str(), "2024");
        assert!(Periode::parse("25").is_err());
        assert!(Periode::parse("2025-1").is_err());
        assert!(Periode::parse("1999").is_err());
    }

    #[test]
    fn omrekening_naar_uren_per_week() {
        assert_eq!(Eenheid::Fte.uren_per_week(0.5), Some(18.0));
        assert_eq!(Eenheid::UrenPerMaand.uren_per_week(52.0), Some(12.0));
        assert_eq!(Eenheid::Euro.uren_per_week(100.0), None);
        assert_eq!(Eenheid::UrenPerWeek.formatteer(2.5), "2,5 uur per week");
        assert_eq!(Eenheid::Euro.formatteer(15000.0), "€ 15.000");
        assert_eq!(Eenheid::Euro.formatteer(1234.5), "€ 1.234,5");
    }

    #[test]
    fn balans_per_partner_met_de_hand_berekend() {
        let p = |partners: &[&str], c, h: Option<(f64, Eenheid)>| BalansPost {
            partners: partners
                .iter()
                .map(std::string::ToString::to_string)
                .collect(),
            classificatie: c,
            hoeveelheid: h,
        };
        let posten = vec![
            p(
                &["politie", "veilig_thuis"],
                Classificatie::Meerwerk,
                Some((4.0, Eenheid::UrenPerWeek)),
            ),
            p(
                &["veilig_thuis"],
                Classificatie::Meerwerk,
                Some((0.5, Eenheid::Fte)),
            ),
            p(
                &["veilig_thuis"],
                Classificatie::Minderwerk,
                Some((26.0, Eenheid::UrenPerMaand)),
            ),
            p(
                &["politie"],
                Classificatie::Verschuiving,
                Some((1.0, Eenheid::UrenPerWeek)),
            ),
            p(
                &["politie"],
                Classificatie::Meerwerk,
                Some((15000.0, Eenheid::Euro)),
            ),
            p(
                &["om"],
                Classificatie::Regulier,
                Some((3.0, Eenheid::UrenPerWeek)),
            ),
        ];
        let b = balans(&posten);
        // VT: 4 + 18 meerwerk, 26*12/52 = 6 minderwerk; politie: 4 meerwerk, 1 verschuiving, 1 euro post.
        assert_eq!(
            b,
            vec![
                ("veilig_thuis".to_string(), [22.0, 6.0, 0.0], 0),
                ("politie".to_string(), [4.0, 0.0, 1.0], 1),
            ]
        );
    }

    #[test]
    fn inspanning_valideren() {
        let c = catalogus();
        let ind = c.themas[2].elementen[1].indicatoren[0].code.clone();
        let goed = InspanningInvoer {
            indicator: ind.clone(),
            partners: vec!["politie".into(), "veilig_thuis".into()],
            classificatie: "meerwerk".into(),
            hoeveelheid: "2,5".into(),
            eenheid: "uren_per_week".into(),
            omschrijving: "Voorbereiding overleg".into(),
            bewijs: "werkplan".into(),
            bewijs_datum: "2025-02-01".into(),
        };
        let i = valideer_inspanning(&c, &goed, &[]).unwrap();
        assert_eq!(
            (i.thema, i.element.as_str(), i.hoeveelheid),
            (3, "uitvoering", Some((2.5, Eenheid::UrenPerWeek)))
        );
        let fout = valideer_inspanning(
            &c,
            &InspanningInvoer {
                hoeveelheid: "veel".into(),
                partners: vec!["bakker".into()],
                ..goed.clone()
            },
            &[],
        )
        .unwrap_err();
        let velden: Vec<&str> = fout.iter().map(|f| f.veld.as_str()).collect();
        assert_eq!(velden, ["partners", "partners", "hoeveelheid"]);
        let waarde_ind = c.themas[2].elementen[2].indicatoren[0].code.clone();
        assert!(
            valideer_inspanning(
                &c,
                &InspanningInvoer {
                    indicator: waarde_ind,
                    ..goed.clone()
                },
                &[]
            )
            .is_err()
        );
    }

    fn twee_vt() -> Vec<PartnerOrganisatie> {
        let o = |code: &str, naam: &str, soort: &str, actief| PartnerOrganisatie {
            code: code.into(),
            naam: naam.into(),
            soort: soort.into(),
            actief,
        };
        vec![
            o("vt-bno", "VT Brabant-Noordoost", "veilig_thuis", true),
            o("vt-zob", "VT Zuidoost-Brabant", "veilig_thuis", true),
            o("politie-ob", "Politie Oost-Brabant", "politie", true),
            o("vt-oud", "VT Oud", "veilig_thuis", false),
        ]
    }

    #[test]
    fn partners_zijn_soorten_of_organisaties_van_de_regio() {
        let orgs = twee_vt();
        let mut f = Vec::new();
        let t = partner_tokens_parse(
            &[
                "org:vt-zob".into(),
                "politie".into(),
                "org:vt-zob".into(),
                "org:vt-oud".into(),
                "org:elders".into(),
            ],
            &orgs,
            "partners",
            &mut f,
        );
        assert_eq!(t, ["org:vt-zob", "politie"]);
        // A deactivated organisation and one of another region are refused.
        assert_eq!(f.len(), 2, "{f:?}");
        assert_eq!(
            partner_soort("org:vt-zob", &orgs),
            Some(OrganisatieSoort::VeiligThuis)
        );
        assert_eq!(partner_naam("org:vt-bno", &orgs), "VT Brabant-Noordoost");
        assert_eq!(partner_naam("veilig_thuis", &orgs), "Veilig Thuis");
    }

    #[test]
    fn balans_per_organisatie_en_per_soort_met_twee_vt_organisaties() {
        let orgs = twee_vt();
        let p = |partners: &[&str], c, uren: f64| BalansPost {
            partners: partners
                .iter()
                .map(std::string::ToString::to_string)
                .collect(),
            classificatie: c,
            hoeveelheid: Some((uren, Eenheid::UrenPerWeek)),
        };
        let posten = vec![
            p(&["org:vt-bno"], Classificatie::Meerwerk, 4.0),
            p(&["org:vt-zob"], Classificatie::Meerwerk, 6.0),
            p(&["org:vt-zob", "politie"], Classificatie::Minderwerk, 2.0),
            p(&["veilig_thuis"], Classificatie::Meerwerk, 1.0),
        ];
        let regels: Vec<(String, [f64; 3], bool)> = balans_per_partner(&posten, &orgs)
            .into_iter()
            .map(|r| (r.partner, r.uren, r.totaal))
            .collect();
        assert_eq!(
            regels,
            [
                (
                    "Veilig Thuis (geen organisatie gekozen)".to_string(),
                    [1.0, 0.0, 0.0],
                    false
                ),
                ("VT Brabant-Noordoost".to_string(), [4.0, 0.0, 0.0], false),
                ("VT Zuidoost-Brabant".to_string(), [6.0, 2.0, 0.0], false),
                ("Veilig Thuis totaal".to_string(), [11.0, 2.0, 0.0], true),
                ("Politie".to_string(), [0.0, 2.0, 0.0], false),
            ]
        );
        let soorten: Vec<(String, [f64; 3])> = balans_per_soort(&posten, &orgs)
            .into_iter()
            .map(|r| (r.partner, r.uren))
            .collect();
        assert_eq!(
            soorten,
            [
                ("Veilig Thuis".to_string(), [11.0, 2.0, 0.0]),
                ("Politie".to_string(), [0.0, 2.0, 0.0]),
            ]
        );
    }
}
