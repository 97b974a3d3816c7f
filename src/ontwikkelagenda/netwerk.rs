//! The regional network's own year (seed 001 §1.3 and "Uit de praktijk 1.1"): each Regionaal
//! Netwerk Zorg en Straf writes a yearly werkplan in four chapters, has a chair and one or more
//! thematrekkers per speerpunt, meets about six times a year with one speerpunt per meeting
//! (prepared around a closed case: leereffecten, verbeterpunten and actions with owners), and
//! evaluates itself every year. The actions of a meeting's besluitenlijst become stappen vooruit
//! of the region's SWOT session, so they are followed up in one place. Organisations and
//! functions only, never names; a case is described without identifying details. The rules of
//! the forms live here, free of HTTP and SQL.

use super::model::Verbeteractiviteit;
use super::sessie::{
    MAX_FUNCTIES, MAX_SAMENVATTING, MAX_TOELICHTING, StapInvoer, tekstveld, waarde,
};
use crate::error::Veldfout;
use crate::gedeeld::{OrganisatieId, RegioCode};
use serde::Serialize;

crate::code_enum!(
    /// Where a werkplan stands.
    WerkplanStatus {
        Concept => ("concept", "Concept"),
        Vastgesteld => ("vastgesteld", "Vastgesteld"),
    }
);

crate::code_enum!(
    /// Whether a network meeting is still to come or was held.
    BijeenkomstStatus {
        Gepland => ("gepland", "Gepland"),
        Gehouden => ("gehouden", "Gehouden"),
    }
);

crate::code_enum!(
    /// The four aspects of the yearly self-evaluation (seed 001 §1.3).
    Aspect {
        Werkwijze => ("werkwijze", "Werkwijze"),
        Effectiviteit => ("effectiviteit", "Effectiviteit"),
        Agenda => ("agenda", "Inhoudelijke agenda"),
        Verbinding => ("verbinding", "Verbinding met het (lokale) veld"),
    }
);

impl Aspect {
    /// The question the evaluation answers for this aspect.
    pub fn vraag(self) -> &'static str {
        match self {
            Aspect::Werkwijze => {
                "Werkt het netwerk als lerend netwerk: voorbereiding, casuïstiek, opkomst, korte lijnen?"
            }
            Aspect::Effectiviteit => {
                "Hoe ver is de implementatie van de verbeteractiviteiten gekomen door het netwerk?"
            }
            Aspect::Agenda => {
                "Stonden de goede speerpunten op de agenda, en kwam elk speerpunt voldoende aan bod?"
            }
            Aspect::Verbinding => {
                "Hoe goed is de verbinding met het bestuur, de gemeenten en het lokale veld?"
            }
        }
    }
}

/// The scores of the self-evaluation, with their meaning.
pub const SCORES: [(i64, &str); 5] = [
    (1, "1 – onvoldoende"),
    (2, "2 – matig"),
    (3, "3 – voldoende"),
    (4, "4 – goed"),
    (5, "5 – zeer goed"),
];

/// The chapters of the werkplan, as in the werkplan of Oost-Brabant ("Uit de praktijk 1.1"):
/// (code, title, what it covers).
pub const HOOFDSTUKKEN: [(&str, &str, &str); 4] = [
    (
        "rol_taak",
        "1. Rol, taak en samenstelling",
        "Waarvoor is het netwerk er (tactisch: leereffecten in de samenwerking benoemen), welke organisaties nemen deel en met welke functies.",
    ),
    (
        "werkwijze",
        "2. Werkwijze en prioriteiten",
        "Lerend netwerk en casuïstiek als leermethode; de speerpunten van dit jaar, ook regionale zoals ex-partnerstalking.",
    ),
    (
        "bestuur_veld",
        "3. Bestuur en lokale veld",
        "De relatie met het bestuurlijk overleg (signalerende functie) en de verbinding met gemeenten en het lokale veld.",
    ),
    (
        "organisatie_voortgang",
        "4. Organisatie en voortgang",
        "Voorzitter, thematrekkers, vergaderschema (ongeveer zes bijeenkomsten) en hoe de voortgang wordt bewaakt.",
    ),
];

/// The meetings a year the seed describes ("ongeveer zes keer per jaar").
pub const BIJEENKOMSTEN_PER_JAAR: usize = 6;

/// Longest title of a speerpunt.
pub const MAX_TITEL: usize = 200;

/// Said on every form of a meeting: the case is a closed one, without identifying details.
pub const CASUS_ZONDER_HERLEIDBARE_GEGEVENS: &str = "Bespreek een afgesloten casus en beschrijf die zonder herleidbare gegevens: geen namen, geboortedata, adressen, postcodes, telefoonnummers of BSN's, en geen details waaraan betrokkenen te herkennen zijn. Voorop weigert tekst die daar op lijkt.";

#[derive(Debug, Clone, Serialize)]
pub struct Werkplan {
    pub id: i64,
    pub regio: RegioCode,
    pub jaar: i64,
    /// The text of each chapter, in the order of [`HOOFDSTUKKEN`].
    pub hoofdstukken: [String; 4],
    /// The chair's organisation: (id, name).
    pub voorzitter: Option<(OrganisatieId, String)>,
    pub status: WerkplanStatus,
    pub status_op: String,
    pub gewijzigd_op: String,
    pub speerpunten: Vec<Speerpunt>,
}

impl Werkplan {
    pub fn speerpunt(&self, id: i64) -> Option<&Speerpunt> {
        self.speerpunten.iter().find(|s| s.id == id)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Speerpunt {
    pub id: i64,
    pub titel: String,
    /// The verbeteractiviteit it is about, or "" for a regional theme.
    pub verbeteractiviteit: String,
    pub trekkers: Vec<Trekker>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Trekker {
    pub organisatie_id: OrganisatieId,
    pub organisatie: String,
    pub functie: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Bijeenkomst {
    pub id: i64,
    pub regio: RegioCode,
    pub jaar: i64,
    pub datum: String,
    pub speerpunt_id: i64,
    pub speerpunt: String,
    pub status: BijeenkomstStatus,
    pub agenda: String,
    pub casus: String,
    pub leereffecten: String,
    pub ontwikkelingen: String,
    pub gewijzigd_op: String,
    pub besluiten: Vec<Besluit>,
}

/// A line of the besluitenlijst: a decision, or an action that became a stap vooruit.
#[derive(Debug, Clone, Serialize)]
pub struct Besluit {
    pub id: i64,
    pub tekst: String,
    pub actie: Option<Actie>,
}

/// The stap vooruit an action became, as it stands now in the SWOT session.
#[derive(Debug, Clone, Serialize)]
pub struct Actie {
    pub stap_id: i64,
    pub eigenaar: String,
    pub streefdatum: Option<String>,
    pub status: super::sessie::StapStatus,
    pub verbeteractiviteit: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Evaluatie {
    pub id: i64,
    pub regio: RegioCode,
    pub jaar: i64,
    pub datum: String,
    pub conclusies: String,
    /// (aspect, score 1–5, explanation) in the order of [`Aspect::ALLE`].
    pub aspecten: Vec<(Aspect, i64, String)>,
}

impl Evaluatie {
    pub fn score(&self, a: Aspect) -> Option<i64> {
        self.aspecten.iter().find(|x| x.0 == a).map(|x| x.1)
    }
    pub fn toelichting(&self, a: Aspect) -> &str {
        self.aspecten
            .iter()
            .find(|x| x.0 == a)
            .map_or("", |x| x.2.as_str())
    }
}

/// One aspect of this year's evaluation beside last year's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Vergelijking {
    pub aspect: Aspect,
    pub vorig: Option<i64>,
    pub nu: Option<i64>,
}

impl Vergelijking {
    /// "+1", "−2", "gelijk", or "" when a year is missing.
    pub fn verschil(&self) -> String {
        match (self.vorig, self.nu) {
            (Some(v), Some(n)) if n > v => format!("+{}", n - v),
            (Some(v), Some(n)) if n < v => format!("−{}", v - n),
            (Some(_), Some(_)) => "gelijk".into(),
            _ => String::new(),
        }
    }
}

/// This year's evaluation per aspect beside the year before (either may be missing).
pub fn vergelijken(nu: Option<&Evaluatie>, vorig: Option<&Evaluatie>) -> Vec<Vergelijking> {
    Aspect::ALLE
        .iter()
        .map(|&aspect| Vergelijking {
            aspect,
            vorig: vorig.and_then(|e| e.score(aspect)),
            nu: nu.and_then(|e| e.score(aspect)),
        })
        .collect()
}

// ---- Forms ------------------------------------------------------------------------------------

/// An organisation chosen on a form: one of the region's active ones (`organisaties`), or an
/// error on `veld`.
fn organisatie(
    w: &str,
    organisaties: &[OrganisatieId],
    veld: &str,
    melding: &str,
    f: &mut Vec<Veldfout>,
) -> Option<OrganisatieId> {
    let id = w.trim().parse::<i64>().ok().map(OrganisatieId);
    let id = id.filter(|id| organisaties.contains(id));
    if id.is_none() {
        f.push(Veldfout::new(veld, melding));
    }
    id
}

/// A werkplan's chapters and chair, checked.
#[derive(Debug, Clone)]
pub struct WerkplanGegevens {
    pub hoofdstukken: [String; 4],
    pub voorzitter: Option<OrganisatieId>,
}

/// The werkplan form: four chapters within their length and the chair, an organisation of the
/// region (may be left open while the werkplan is a concept).
pub fn werkplan_lezen(
    paren: &[(String, String)],
    organisaties: &[OrganisatieId],
) -> Result<WerkplanGegevens, Vec<Veldfout>> {
    let mut f = vec![];
    let hoofdstukken = HOOFDSTUKKEN
        .map(|(code, _, _)| tekstveld(waarde(paren, code), code, MAX_SAMENVATTING, &mut f));
    let voorzitter = match waarde(paren, "voorzitter").trim() {
        "" => None,
        w => organisatie(
            w,
            organisaties,
            "voorzitter",
            "Kies de organisatie van de voorzitter uit de lijst van de regio.",
            &mut f,
        ),
    };
    if f.is_empty() && voorzitter.is_none() && hoofdstukken.iter().all(String::is_empty) {
        f.push(Veldfout::new(
            "rol_taak",
            "Schrijf ten minste één hoofdstuk of kies de voorzitter.",
        ));
    }
    if f.is_empty() {
        Ok(WerkplanGegevens {
            hoofdstukken,
            voorzitter,
        })
    } else {
        Err(f)
    }
}

/// What a werkplan needs before it is vastgesteld: every chapter written, a chair, and at least
/// one speerpunt with a thematrekker.
pub fn vaststelbaar(w: &Werkplan) -> Result<(), String> {
    let leeg: Vec<&str> = HOOFDSTUKKEN
        .iter()
        .zip(&w.hoofdstukken)
        .filter(|(_, t)| t.trim().is_empty())
        .map(|((_, titel, _), _)| *titel)
        .collect();
    if !leeg.is_empty() {
        return Err(format!(
            "Het werkplan kan pas worden vastgesteld als elk hoofdstuk is geschreven; nog leeg: {}.",
            leeg.join(", ")
        ));
    }
    if w.voorzitter.is_none() {
        return Err("Kies eerst de organisatie die het netwerk voorzit.".into());
    }
    if !w.speerpunten.iter().any(|s| !s.trekkers.is_empty()) {
        return Err(
            "Leg eerst ten minste één speerpunt vast met een thematrekker, zodat de bijeenkomsten een thema hebben."
                .into(),
        );
    }
    Ok(())
}

/// A speerpunt, checked.
#[derive(Debug, Clone)]
pub struct NieuwSpeerpunt {
    pub titel: String,
    pub verbeteractiviteit: String,
    /// (organisation, function)
    pub trekkers: Vec<(OrganisatieId, String)>,
}

/// The speerpunt form: a title, the verbeteractiviteit of the agenda it is about or none (a
/// regional theme), and one or more thematrekkers: organisations of the region with a function.
pub fn speerpunt_lezen(
    paren: &[(String, String)],
    agenda: &[Verbeteractiviteit],
    organisaties: &[OrganisatieId],
) -> Result<NieuwSpeerpunt, Vec<Veldfout>> {
    let mut f = vec![];
    let titel = tekstveld(waarde(paren, "titel"), "titel", MAX_TITEL, &mut f);
    if titel.is_empty() {
        f.push(Veldfout::new(
            "titel",
            "Geef het speerpunt een titel, bijvoorbeeld de verbeteractiviteit of 'Ex-partnerstalking'.",
        ));
    }
    let va = waarde(paren, "verbeteractiviteit").trim();
    if !va.is_empty() && !agenda.iter().any(|v| v.code == va) {
        f.push(Veldfout::new(
            "verbeteractiviteit",
            "Kies een verbeteractiviteit van de agenda, of 'eigen regionaal speerpunt'.",
        ));
    }
    let mut trekkers: Vec<(OrganisatieId, String)> = vec![];
    for (_, w) in paren.iter().filter(|(n, _)| n == "trekker") {
        let Some(id) = organisatie(
            w,
            organisaties,
            "trekkers",
            "Kies thematrekkers uit de organisaties van de regio.",
            &mut f,
        ) else {
            continue;
        };
        if !trekkers.iter().any(|(t, _)| *t == id) {
            let veld = format!("functie-{id}");
            let functie = tekstveld(waarde(paren, &veld), &veld, MAX_FUNCTIES, &mut f);
            trekkers.push((id, functie));
        }
    }
    if trekkers.is_empty() && !f.iter().any(|x| x.veld == "trekkers") {
        f.push(Veldfout::new(
            "trekkers",
            "Kies ten minste één thematrekker (organisatie).",
        ));
    }
    if f.is_empty() {
        Ok(NieuwSpeerpunt {
            titel,
            verbeteractiviteit: va.to_string(),
            trekkers,
        })
    } else {
        Err(f)
    }
}

/// A network meeting as typed.
#[derive(Debug, Clone, Default)]
pub struct BijeenkomstInvoer {
    pub datum: String,
    pub speerpunt: String,
    pub status: String,
    pub agenda: String,
    pub casus: String,
    pub leereffecten: String,
    pub ontwikkelingen: String,
}

/// A network meeting, checked.
#[derive(Debug, Clone)]
pub struct NieuweBijeenkomst {
    pub datum: String,
    pub speerpunt: i64,
    pub status: BijeenkomstStatus,
    pub agenda: String,
    pub casus: String,
    pub leereffecten: String,
    pub ontwikkelingen: String,
}

impl BijeenkomstInvoer {
    pub fn uit(paren: &[(String, String)]) -> Self {
        let w = |n| waarde(paren, n).to_string();
        BijeenkomstInvoer {
            datum: w("datum"),
            speerpunt: w("speerpunt"),
            status: w("status"),
            agenda: w("agenda"),
            casus: w("casus"),
            leereffecten: w("leereffecten"),
            ontwikkelingen: w("ontwikkelingen"),
        }
    }

    /// The meeting, checked: a date in `jaar`, one of the werkplan's speerpunten (`speerpunten`:
    /// their ids), texts within their length, and a case and its lessons without what looks like
    /// identifying details.
    pub fn lezen(
        &self,
        jaar: i64,
        speerpunten: &[i64],
    ) -> Result<NieuweBijeenkomst, Vec<Veldfout>> {
        let mut f = vec![];
        let datum = crate::tekst::parse_datum(&self.datum);
        match &datum {
            None => f.push(Veldfout::new(
                "datum",
                "Vul de datum van de bijeenkomst in als JJJJ-MM-DD.",
            )),
            Some(d) if !d.starts_with(&jaar.to_string()) => f.push(Veldfout::new(
                "datum",
                format!("Een bijeenkomst van het netwerkjaar {jaar} valt in {jaar}."),
            )),
            Some(_) => {}
        }
        let speerpunt = self
            .speerpunt
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|id| speerpunten.contains(id));
        if speerpunt.is_none() {
            f.push(Veldfout::new(
                "speerpunt",
                "Kies het speerpunt dat deze bijeenkomst centraal staat.",
            ));
        }
        let status = match self.status.trim() {
            "" => Some(BijeenkomstStatus::Gepland),
            s => BijeenkomstStatus::parse(s),
        };
        if status.is_none() {
            f.push(Veldfout::new("status", "Kies gepland of gehouden."));
        }
        let agenda = tekstveld(&self.agenda, "agenda", MAX_TOELICHTING, &mut f);
        let zonder_herleidbaars = |t: &str, veld: &str, f: &mut Vec<Veldfout>| {
            let t = tekstveld(t, veld, MAX_SAMENVATTING, f);
            if let Some(wat) = herleidbaar(&t) {
                f.push(Veldfout::new(
                    veld,
                    format!(
                        "Deze tekst lijkt {wat} te bevatten. Beschrijf de casus zonder herleidbare gegevens."
                    ),
                ));
            }
            t
        };
        let casus = zonder_herleidbaars(&self.casus, "casus", &mut f);
        let leereffecten = zonder_herleidbaars(&self.leereffecten, "leereffecten", &mut f);
        let ontwikkelingen = tekstveld(
            &self.ontwikkelingen,
            "ontwikkelingen",
            MAX_TOELICHTING,
            &mut f,
        );
        match (datum, speerpunt, status) {
            (Some(datum), Some(speerpunt), Some(status)) if f.is_empty() => Ok(NieuweBijeenkomst {
                datum,
                speerpunt,
                status,
                agenda,
                casus,
                leereffecten,
                ontwikkelingen,
            }),
            _ => Err(f),
        }
    }
}

/// A line of the besluitenlijst as typed: a decision, or an action with owner, date and the
/// verbeteractiviteit whose stappen vooruit it joins.
#[derive(Debug, Clone, Default)]
pub struct BesluitInvoer {
    pub soort: String,
    pub tekst: String,
    pub eigenaar: String,
    pub streefdatum: String,
    pub verbeteractiviteit: String,
}

/// A line of the besluitenlijst, checked: a decision, or an action as a stap vooruit.
#[derive(Debug, Clone)]
pub enum NieuwBesluit {
    Besluit(String),
    Actie(super::sessie::NieuweStap),
}

impl BesluitInvoer {
    pub fn uit(paren: &[(String, String)]) -> Self {
        let w = |n| waarde(paren, n).to_string();
        BesluitInvoer {
            soort: w("soort"),
            tekst: w("tekst"),
            eigenaar: w("eigenaar"),
            streefdatum: w("streefdatum"),
            verbeteractiviteit: w("verbeteractiviteit"),
        }
    }

    pub fn is_actie(&self) -> bool {
        self.soort == "actie"
    }

    /// The line, checked. An action is checked as a stap vooruit of the session's agenda with an
    /// owner among the region's organisations; its errors are on the `besluit-…` fields.
    pub fn lezen(
        &self,
        agenda: &[Verbeteractiviteit],
        organisaties: &[OrganisatieId],
    ) -> Result<NieuwBesluit, Vec<Veldfout>> {
        let mut f = vec![];
        let tekst = tekstveld(&self.tekst, "besluit-tekst", MAX_TOELICHTING, &mut f);
        if let Some(wat) = herleidbaar(&tekst) {
            f.push(Veldfout::new(
                "besluit-tekst",
                format!("Deze tekst lijkt {wat} te bevatten. Schrijf het besluit zonder herleidbare gegevens."),
            ));
        }
        match self.soort.as_str() {
            "besluit" | "" => {
                if tekst.is_empty() {
                    f.push(Veldfout::new("besluit-tekst", "Schrijf het besluit op."));
                }
                if f.is_empty() {
                    Ok(NieuwBesluit::Besluit(tekst))
                } else {
                    Err(f)
                }
            }
            "actie" => {
                let stap = StapInvoer {
                    verbeteractiviteit: self.verbeteractiviteit.clone(),
                    omschrijving: tekst,
                    eigenaar: self.eigenaar.clone(),
                    streefdatum: self.streefdatum.clone(),
                    status: String::new(),
                    landelijke_activiteit: String::new(),
                }
                .lezen(agenda, organisaties);
                match stap {
                    Ok(s) if f.is_empty() => Ok(NieuwBesluit::Actie(s)),
                    Ok(_) => Err(f),
                    Err(fouten) => {
                        f.extend(fouten.into_iter().map(|x| {
                            let veld = match x.veld.as_str() {
                                "stap-omschrijving" => "besluit-tekst".to_string(),
                                v => v.replacen("stap-", "besluit-", 1),
                            };
                            Veldfout::new(veld, x.melding)
                        }));
                        f.dedup_by(|a, b| a.veld == b.veld && a.melding == b.melding);
                        Err(f)
                    }
                }
            }
            _ => Err(vec![Veldfout::new(
                "besluit-soort",
                "Kies besluit of actie.",
            )]),
        }
    }
}

/// The self-evaluation, checked.
#[derive(Debug, Clone)]
pub struct NieuweEvaluatie {
    pub datum: String,
    pub conclusies: String,
    pub aspecten: Vec<(Aspect, i64, String)>,
}

/// The self-evaluation form: its date in the year or early the next (the evaluation looks
/// back), a score 1–5 for every aspect with an optional explanation, and the conclusions.
pub fn evaluatie_lezen(
    paren: &[(String, String)],
    jaar: i64,
) -> Result<NieuweEvaluatie, Vec<Veldfout>> {
    let mut f = vec![];
    let datum = crate::tekst::parse_datum(waarde(paren, "datum"));
    match &datum {
        None => f.push(Veldfout::new(
            "datum",
            "Vul de datum van de evaluatie in als JJJJ-MM-DD.",
        )),
        Some(d) => {
            let j: i64 = d[..4].parse().unwrap_or_default();
            if j != jaar && j != jaar + 1 {
                f.push(Veldfout::new(
                    "datum",
                    format!(
                        "De evaluatie van {jaar} wordt in {jaar} of begin {} gehouden.",
                        jaar + 1
                    ),
                ));
            }
        }
    }
    let mut aspecten = vec![];
    for &a in Aspect::ALLE {
        let veld = format!("score-{}", a.code());
        let score = waarde(paren, &veld)
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|s| (1..=5).contains(s));
        let toelichting_veld = format!("toelichting-{}", a.code());
        let toelichting = tekstveld(
            waarde(paren, &toelichting_veld),
            &toelichting_veld,
            MAX_TOELICHTING,
            &mut f,
        );
        match score {
            Some(s) => aspecten.push((a, s, toelichting)),
            None => f.push(Veldfout::new(
                veld,
                format!("Geef '{}' een score van 1 tot en met 5.", a.label()),
            )),
        }
    }
    let conclusies = tekstveld(
        waarde(paren, "conclusies"),
        "conclusies",
        MAX_SAMENVATTING,
        &mut f,
    );
    match datum {
        Some(datum) if f.is_empty() => Ok(NieuweEvaluatie {
            datum,
            conclusies,
            aspecten,
        }),
        _ => Err(f),
    }
}

/// What in `t` looks like an identifying detail, said in Dutch ("een postcode"), or `None`:
/// a run of nine digits (a BSN), a Dutch postcode (1234 AB), a full date (a birth date), or a
/// phone number (ten digits from 0). A safeguard against slips, not a guarantee: the form says
/// what not to write.
pub fn herleidbaar(t: &str) -> Option<&'static str> {
    let c: Vec<char> = t.chars().collect();
    let cijfers_vanaf = |i: usize| c[i..].iter().take_while(|x| x.is_ascii_digit()).count();
    let mut i = 0;
    while i < c.len() {
        if !c[i].is_ascii_digit() || (i > 0 && c[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        let n = cijfers_vanaf(i);
        let na = i + n;
        // Digits separated by spaces or dashes, as phone numbers are written (06-12 34 56 78).
        let mut j = i;
        let mut telefoon = 0;
        while j < c.len()
            && (c[j].is_ascii_digit()
                || ((c[j] == ' ' || c[j] == '-') && j + 1 < c.len() && c[j + 1].is_ascii_digit()))
        {
            if c[j].is_ascii_digit() {
                telefoon += 1;
            }
            j += 1;
        }
        let los = |k: usize| k >= c.len() || !c[k].is_ascii_alphanumeric();
        if n == 9 && los(na) {
            return Some("een BSN of ander persoonsnummer");
        }
        if c[i] == '0' && telefoon == 10 && los(j) {
            return Some("een telefoonnummer");
        }
        if n == 4 {
            let mut k = na;
            if k < c.len() && c[k] == ' ' {
                k += 1;
            }
            if k + 1 < c.len()
                && c[k].is_ascii_uppercase()
                && c[k + 1].is_ascii_uppercase()
                && los(k + 2)
            {
                return Some("een postcode");
            }
        }
        // d-m-jjjj, dd/mm/jjjj, jjjj-mm-dd
        if (1..=2).contains(&n) || n == 4 {
            let mut k = na;
            let mut delen = vec![n];
            while delen.len() < 3 && k + 1 < c.len() && matches!(c[k], '-' | '/' | '.') {
                let m = cijfers_vanaf(k + 1);
                if m == 0 {
                    break;
                }
                delen.push(m);
                k += 1 + m;
            }
            let dag_maand_jaar = delen.len() == 3
                && (1..=2).contains(&delen[0])
                && (1..=2).contains(&delen[1])
                && delen[2] == 4;
            let jaar_maand_dag = delen == [4, 2, 2];
            if (dag_maand_jaar || jaar_maand_dag) && los(k) {
                return Some("een volledige datum (zoals een geboortedatum)");
            }
        }
        i = na.max(i + 1);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paren(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn herleidbare_gegevens_worden_herkend() {
        for (t, wat) in [
            ("BSN 123456782 genoemd", "BSN"),
            ("woont in 5211 AB", "postcode"),
            ("postcode 5211AB.", "postcode"),
            ("geboren 3-4-2015", "datum"),
            ("op 2015-04-03 gemeld", "datum"),
            ("bel 06-12345678", "telefoon"),
            ("bel 06 12 34 56 78", "telefoon"),
        ] {
            let r = herleidbaar(t).unwrap_or_else(|| panic!("niet herkend: {t}"));
            assert!(r.contains(wat), "{t}: {r}");
        }
        for t in [
            "Moeder en twee kinderen, melding in het voorjaar van 2023.",
            "Drie van de 12 acties zijn gereed; 2024 en 2025.",
            "Team 4 van 5211 meldingen",
            "artikel 2.1 en versie 1.2.3",
        ] {
            assert_eq!(herleidbaar(t), None, "{t}");
        }
    }

    #[test]
    fn evaluatie_vraagt_elke_score() {
        let goed = paren(&[
            ("datum", "2026-12-01"),
            ("score-werkwijze", "4"),
            ("score-effectiviteit", "3"),
            ("score-agenda", "5"),
            ("score-verbinding", "2"),
            ("toelichting-verbinding", "Gemeenten schuiven zelden aan."),
        ]);
        let e = evaluatie_lezen(&goed, 2026).expect("geldig");
        assert_eq!(e.aspecten.len(), 4);
        assert_eq!(
            e.aspecten[3],
            (
                Aspect::Verbinding,
                2,
                "Gemeenten schuiven zelden aan.".into()
            )
        );
        let mut fout = goed.clone();
        fout.retain(|(n, _)| n != "score-agenda");
        fout.push(("score-agenda".into(), "6".into()));
        fout[0].1 = "2028-01-10".into();
        let f = evaluatie_lezen(&fout, 2026).unwrap_err();
        let velden: Vec<&str> = f.iter().map(|x| x.veld.as_str()).collect();
        assert_eq!(velden, ["datum", "score-agenda"]);
    }

    #[test]
    fn vergelijking_met_vorig_jaar() {
        let e = |jaar, s: [i64; 4]| Evaluatie {
            id: jaar,
            regio: RegioCode::parse("oost-brabant").unwrap(),
            jaar,
            datum: format!("{jaar}-12-01"),
            conclusies: String::new(),
            aspecten: Aspect::ALLE
                .iter()
                .zip(s)
                .map(|(a, s)| (*a, s, String::new()))
                .collect(),
        };
        let nu = e(2026, [4, 3, 3, 2]);
        let vorig = e(2025, [3, 3, 4, 2]);
        let v = vergelijken(Some(&nu), Some(&vorig));
        let verschillen: Vec<String> = v.iter().map(Vergelijking::verschil).collect();
        assert_eq!(verschillen, ["+1", "gelijk", "−1", "gelijk"]);
        let alleen_nu = vergelijken(Some(&nu), None);
        assert!(
            alleen_nu
                .iter()
                .all(|x| x.vorig.is_none() && x.verschil().is_empty())
        );
    }

    #[test]
    fn speerpunt_en_werkplan() {
        let orgs = [OrganisatieId(1), OrganisatieId(2)];
        let s = speerpunt_lezen(
            &paren(&[
                ("titel", "Ex-partnerstalking"),
                ("verbeteractiviteit", ""),
                ("trekker", "2"),
                ("functie-2", "beleidsadviseur"),
                ("trekker", "2"),
            ]),
            &[],
            &orgs,
        )
        .expect("geldig");
        assert_eq!(
            s.trekkers,
            vec![(OrganisatieId(2), "beleidsadviseur".into())]
        );
        let f = speerpunt_lezen(
            &paren(&[
                ("titel", ""),
                ("verbeteractiviteit", "bestaat_niet"),
                ("trekker", "9"),
            ]),
            &[],
            &orgs,
        )
        .unwrap_err();
        let velden: Vec<&str> = f.iter().map(|x| x.veld.as_str()).collect();
        assert_eq!(velden, ["titel", "verbeteractiviteit", "trekkers"]);

        let mut w = Werkplan {
            id: 1,
            regio: RegioCode::parse("oost-brabant").unwrap(),
            jaar: 2026,
            hoofdstukken: ["a".into(), "b".into(), String::new(), "d".into()],
            voorzitter: None,
            status: WerkplanStatus::Concept,
            status_op: String::new(),
            gewijzigd_op: String::new(),
            speerpunten: vec![],
        };
        assert!(
            vaststelbaar(&w)
                .unwrap_err()
                .contains("3. Bestuur en lokale veld")
        );
        w.hoofdstukken[2] = "c".into();
        assert!(vaststelbaar(&w).unwrap_err().contains("voorzit"));
        w.voorzitter = Some((OrganisatieId(1), "OM".into()));
        assert!(vaststelbaar(&w).unwrap_err().contains("thematrekker"));
        w.speerpunten.push(Speerpunt {
            id: 1,
            titel: "t".into(),
            verbeteractiviteit: String::new(),
            trekkers: vec![Trekker {
                organisatie_id: OrganisatieId(1),
                organisatie: "OM".into(),
                functie: String::new(),
            }],
        });
        assert_eq!(vaststelbaar(&w), Ok(()));
    }

    #[test]
    fn bijeenkomst_en_besluit() {
        let invoer = BijeenkomstInvoer {
            datum: "2026-03-12".into(),
            speerpunt: "7".into(),
            casus: "Gezin met drie kinderen, geboren 01-02-2019.".into(),
            ..Default::default()
        };
        let f = invoer.lezen(2026, &[7]).unwrap_err();
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].veld, "casus");
        let b = BijeenkomstInvoer {
            casus: "Gezin met drie jonge kinderen.".into(),
            ..invoer.clone()
        }
        .lezen(2026, &[7])
        .expect("geldig");
        assert_eq!(b.status, BijeenkomstStatus::Gepland);
        assert!(
            BijeenkomstInvoer {
                speerpunt: "8".into(),
                ..invoer
            }
            .lezen(2026, &[7])
            .is_err()
        );

        let actie = BesluitInvoer {
            soort: "actie".into(),
            tekst: String::new(),
            eigenaar: "5".into(),
            ..Default::default()
        };
        let f = actie.lezen(&[], &[OrganisatieId(1)]).unwrap_err();
        let velden: Vec<&str> = f.iter().map(|x| x.veld.as_str()).collect();
        assert_eq!(
            velden,
            [
                "besluit-verbeteractiviteit",
                "besluit-tekst",
                "besluit-eigenaar"
            ]
        );
        let besluit = BesluitInvoer {
            soort: "besluit".into(),
            tekst: "Het netwerk vraagt de gemeenten aan te sluiten.".into(),
            ..Default::default()
        };
        assert!(matches!(
            besluit.lezen(&[], &[]),
            Ok(NieuwBesluit::Besluit(_))
        ));
    }
}
