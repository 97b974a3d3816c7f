//! The fields of each afstemmingsmoment as data: one declaration drives the forms, the
//! validation (with Dutch messages), the storage split between process and personal data, the
//! CSV import columns and the indicators. Values are stored as normalised strings: `ja`/`nee`,
//! `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM` (local Dutch time), choice codes, and comma-separated codes
//! for multiple choice.

use super::model::Soort;
use crate::error::Veldfout;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    /// Short text.
    Tekst,
    /// Longer text (textarea).
    Lang,
    JaNee,
    Datum,
    Tijdstip,
    Keuze(&'static [(&'static str, &'static str)]),
    Meerkeuze(&'static [(&'static str, &'static str)]),
    /// One of the Veilig Thuis organisations of the moment's region, stored by name (the
    /// aanmeldformulier's "3. Regio": Brabant Noordoost or Zuidoost-Brabant in Oost-Brabant).
    /// The choices live in the database: the form and the service supply and check them
    /// ([`vt_werkgebied`]).
    VtOrganisatie,
}

/// Personal data (erased by retention, need-to-know) or process data (kept for indicators).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aard {
    Proces,
    Persoon,
}

#[derive(Debug, Clone, Copy)]
pub struct Veld {
    pub code: &'static str,
    pub label: &'static str,
    pub type_: Type,
    pub aard: Aard,
    pub verplicht: bool,
    pub hulp: &'static str,
    /// Form section the field belongs to (a heading on the form).
    pub groep: &'static str,
}

impl Veld {
    pub fn is_persoonlijk(&self) -> bool {
        self.aard == Aard::Persoon
    }
    /// The most characters a text field takes (the form counts down to it).
    pub fn max_tekens(&self) -> Option<usize> {
        match self.type_ {
            Type::Lang => Some(5000),
            Type::Tekst | Type::VtOrganisatie => Some(300),
            _ => None,
        }
    }
    /// The yes/no question this field belongs to: the OTS and Raad details only matter when
    /// their question is answered "ja" (the form shows them then).
    pub fn voorwaarde(&self) -> Option<&'static str> {
        ["ots", "raad"].into_iter().find(|q| {
            self.code
                .strip_prefix(q)
                .is_some_and(|rest| rest.starts_with('_'))
        })
    }
    pub fn keuzes(&self) -> &'static [(&'static str, &'static str)] {
        match self.type_ {
            Type::Keuze(k) | Type::Meerkeuze(k) => k,
            _ => &[],
        }
    }
    pub fn invoertype(&self) -> &'static str {
        match self.type_ {
            Type::Tekst => "text",
            Type::Lang => "textarea",
            Type::JaNee => "janee",
            Type::Datum => "date",
            Type::Tijdstip => "datetime-local",
            Type::Keuze(_) | Type::VtOrganisatie => "select",
            Type::Meerkeuze(_) => "checkboxes",
        }
    }
    /// The human-readable form of a stored value.
    pub fn toon(&self, waarde: &str) -> String {
        let label_van = |k: &'static [(&'static str, &'static str)], c: &str| {
            k.iter()
                .find(|(code, _)| *code == c)
                .map_or_else(|| c.to_string(), |(_, l)| l.to_string())
        };
        match self.type_ {
            _ if waarde.is_empty() => "–".into(),
            Type::JaNee => if waarde == "ja" { "Ja" } else { "Nee" }.into(),
            Type::Datum => crate::web::datum_nl(waarde),
            Type::Tijdstip => tijdstip_nl(waarde),
            Type::Keuze(k) => label_van(k, waarde),
            // Labels may contain commas themselves.
            Type::Meerkeuze(k) => waarde
                .split(',')
                .filter(|c| !c.is_empty())
                .map(|c| label_van(k, c))
                .collect::<Vec<_>>()
                .join("; "),
            Type::Tekst | Type::Lang | Type::VtOrganisatie => waarde.to_string(),
        }
    }
}

/// `2025-03-14T22:15` → `14-03-2025 22:15`. Anything else is shown through `datum_nl`, never
/// a panic on a stored value that is not normalised (such as multi-byte text).
pub fn tijdstip_nl(t: &str) -> String {
    match (t.get(..10), t.get(11..16)) {
        (Some(datum), Some(tijd)) => format!("{} {tijd}", crate::web::datum_nl(datum)),
        _ => crate::web::datum_nl(t),
    }
}

const fn v(
    code: &'static str,
    label: &'static str,
    type_: Type,
    aard: Aard,
    verplicht: bool,
    groep: &'static str,
    hulp: &'static str,
) -> Veld {
    Veld {
        code,
        label,
        type_,
        aard,
        verplicht,
        hulp,
        groep,
    }
}

use Aard::{Persoon, Proces};
use Type::*;

const JA_NEE_ONBEKEND: &[(&str, &str)] = &[("ja", "Ja"), ("nee", "Nee"), ("onbekend", "Onbekend")];

pub const VT_REACTIE: &[(&str, &str)] = &[
    ("telefonisch", "Telefonisch"),
    ("teams", "Via Teams (beeldbellen)"),
    ("ter_plaatse", "Ter plaatse"),
    ("geen", "Geen reactie / niet bereikt"),
];

pub const MAATREGELEN: &[(&str, &str)] = &[
    ("thv", "Tijdelijk huisverbod (THV)"),
    ("aanhouding", "Aanhouding"),
    ("vrijwillig_vertrek", "Vrijwillig vertrek uit de woning"),
    ("opvang", "Opvang of onderdak elders"),
    ("hulpverlening", "Direct hulpverlening ingezet"),
    ("veiligheidsplan", "Veiligheidsafspraken / veiligheidsplan"),
    ("overig", "Overige maatregel"),
];

pub const VT_BETROKKENHEID: &[(&str, &str)] = &[
    ("aan_tafel", "Aan tafel (fysiek op ZSM)"),
    ("telefonisch", "Telefonisch of via beeldbellen"),
    ("niet", "Niet betrokken"),
];

pub const BESLISSINGEN: &[(&str, &str)] = &[
    ("heenzenden", "Heenzenden"),
    ("heenzenden_voorwaarden", "Heenzenden met voorwaarden"),
    ("voorgeleiden", "Voorgeleiden (inverzekeringstelling/RC)"),
    ("om_zitting", "OM-zitting (OM-hoorzitting)"),
    ("strafbeschikking", "Strafbeschikking"),
    ("dagvaarden", "Dagvaarden"),
    ("snelrecht", "Snelrecht / supersnelrecht"),
    ("sepot", "Sepot"),
    ("anders", "Anders"),
];

pub const GEINFORMEERD_DOOR: &[(&str, &str)] = &[
    ("vt_zelf", "VT was aanwezig bij de beslissing"),
    ("om", "OM (KPC-er/OvJ)"),
    ("politie", "Politie"),
    ("3ro", "3RO (reclassering)"),
    ("rvdk", "Raad voor de Kinderbescherming"),
];

pub const THV_RELATIE: &[(&str, &str)] = &[
    ("geen", "Geen THV"),
    ("in_onderzoek", "THV in onderzoek"),
    ("opgelegd", "THV opgelegd"),
    ("eerder_opgelegd", "Eerder THV opgelegd"),
];

pub const ADVIES_3RO: &[(&str, &str)] = &[
    ("niet_gevraagd", "Niet gevraagd"),
    ("gevraagd", "Gevraagd, nog niet gegeven"),
    ("gegeven", "Gegeven"),
    ("hg_spreekuur", "Ingepland op HG-spreekuur 3RO"),
];

/// The aandachtspuntenlijst for the afdoeningsoverleg HG & ex-partner on ZSM, derived from the
/// agreements described in seed 001 §4.2 (the list itself is not in the seeds).
pub const AANDACHTSPUNTEN: &[(&str, &str)] = &[
    (
        "hg_duiding",
        "HG-duiding van de zaak gecontroleerd (ook ex-partners, stalking)",
    ),
    (
        "vt_uitgenodigd",
        "VT uitgenodigd voor het afdoeningsoverleg (KPC-er)",
    ),
    ("vt_beoordeling", "Veiligheidsbeoordeling van VT ingebracht"),
    ("kinderen", "Kinderen in beeld; RvdK betrokken waar nodig"),
    ("thv", "Relatie met (eerder) tijdelijk huisverbod nagegaan"),
    (
        "voorwaarden",
        "Voorwaarden gericht op veiligheid overwogen (contact-/locatieverbod)",
    ),
    (
        "3ro",
        "3RO-advies gevraagd of HG-spreekuur ingepland bij heenzending",
    ),
    ("terugkoppeling", "Beslissing teruggekoppeld aan VT"),
];

pub const MELDING_AANGIFTE: &[(&str, &str)] = &[
    ("melding", "Melding (bij VT)"),
    ("aangifte", "Aangifte (bij politie)"),
    ("beide", "Melding en aangifte"),
    ("geen", "Nog geen / niet"),
];

pub const GEINFORMEERD: &[(&str, &str)] = &[
    ("vooraf", "Ja, vooraf geïnformeerd"),
    ("achteraf", "Nee, wordt achteraf geïnformeerd"),
    ("niet", "Nee, wordt niet geïnformeerd"),
];

/// Why an aanmelding needs Politie, OM and VT together: the referral criteria of the
/// Actie-overleg. Derived, not an official text: Voorop put them together from the purpose in
/// seed 000 §3.3 (early alignment of investigation and interventions, safety of everyone
/// involved) and seed 001 §3 (the question must matter to all three; the overleg has a mandate
/// to decide). The inbrenger names one at aanmelding; the chair records the one that applied.
pub const CRITERIA: &[(&str, &str)] = &[
    (
        "vroegtijdig_afstemmen",
        "Onderzoek en interventies van Politie, OM en VT moeten vroegtijdig op elkaar worden afgestemd",
    ),
    (
        "veiligheid_gezamenlijk",
        "De veiligheid van betrokkenen of professionals vraagt een gezamenlijke aanpak van zorg en straf",
    ),
    (
        "strafbaar_en_zorg",
        "Een (vermoeden van een) strafbaar feit en een zorgvraag raken elkaar",
    ),
    (
        "besluit_met_mandaat",
        "De aanpak loopt vast; een besluit met mandaat van de partners is nodig",
    ),
];

pub const AFWIJZINGSREDENEN: &[(&str, &str)] = &[
    (
        "niet_relevant_alle",
        "Vraag is niet voor Politie, OM én VT relevant",
    ),
    (
        "ander_overleg",
        "Past beter in een ander overleg (bijv. MDA++, ZSM)",
    ),
    ("onvoldoende_info", "Onvoldoende informatie om te bespreken"),
    ("al_belegd", "Al belegd; geen afstemming meer nodig"),
    ("anders", "Anders"),
];

pub const ACUUT: &[Veld] = &[
    v(
        "reactie",
        "Reactie van Veilig Thuis",
        Keuze(VT_REACTIE),
        Proces,
        true,
        "Contact politie → Veilig Thuis",
        "",
    ),
    v(
        "reactie_tijdstip",
        "Tijdstip reactie VT (gesprek of aankomst ter plaatse)",
        Tijdstip,
        Proces,
        false,
        "Contact politie → Veilig Thuis",
        "Voor de responstijd.",
    ),
    v(
        "veiligheidsbeoordeling",
        "Gezamenlijke veiligheidsbeoordeling gemaakt",
        JaNee,
        Proces,
        true,
        "Beoordeling en maatregelen",
        "",
    ),
    v(
        "maatregelen",
        "Maatregelen",
        Meerkeuze(MAATREGELEN),
        Proces,
        false,
        "Beoordeling en maatregelen",
        "",
    ),
    v(
        "vt_melding_datum",
        "Datum VT-melding achteraf",
        Datum,
        Proces,
        false,
        "Melding achteraf",
        "",
    ),
    v(
        "vt_melding_verwijst",
        "VT-melding verwijst naar dit contact",
        JaNee,
        Proces,
        false,
        "Melding achteraf",
        "",
    ),
    v(
        "situatie",
        "Situatie ter plaatse",
        Lang,
        Persoon,
        false,
        "Persoonsgegevens",
        "Alleen wat nodig is voor de afstemming. Wordt gewist na de bewaartermijn.",
    ),
];

pub const ACTIEOVERLEG: &[Veld] = &[
    v(
        "inbrenger",
        "1. Gegevens inbrenger",
        Tekst,
        Persoon,
        true,
        "Aanmelding",
        "Naam, functie en telefoonnummer van de inbrenger.",
    ),
    v(
        "clientgegevens",
        "2. Cliëntgegevens",
        Lang,
        Persoon,
        true,
        "Aanmelding",
        "",
    ),
    v(
        "werkgebied",
        "3. Regio",
        VtOrganisatie,
        Proces,
        true,
        "Aanmelding",
        "Het werkgebied binnen het netwerk: de Veilig Thuis-organisatie van de regio waar de casus speelt.",
    ),
    v(
        "omschrijving",
        "4. Casus: omschrijving, kort en concreet",
        Lang,
        Persoon,
        true,
        "Aanmelding",
        "Geweldsituaties of dreiging, onveiligheid, signalen; ook krachten en compenserende factoren. Is politie of justitie al betrokken en zo ja, hoe?",
    ),
    v(
        "hulpverlening",
        "5. Betrokken hulpverlening",
        Lang,
        Persoon,
        false,
        "Aanmelding",
        "",
    ),
    v("ots", "6. OTS", JaNee, Proces, true, "Aanmelding", ""),
    v(
        "ots_naam_kind",
        "OTS: naam kind",
        Tekst,
        Persoon,
        false,
        "Aanmelding",
        "",
    ),
    v(
        "ots_naam_gv",
        "OTS: naam gezinsvoogd (GV)",
        Tekst,
        Persoon,
        false,
        "Aanmelding",
        "",
    ),
    v(
        "ots_einde",
        "OTS: einde maatregel",
        Datum,
        Persoon,
        false,
        "Aanmelding",
        "",
    ),
    v(
        "raad",
        "7. Raad betrokken?",
        JaNee,
        Proces,
        true,
        "Aanmelding",
        "",
    ),
    v(
        "raad_naam_kind",
        "Raad: naam kind",
        Tekst,
        Persoon,
        false,
        "Aanmelding",
        "",
    ),
    v(
        "raad_onderzoek",
        "Raad: soort onderzoek",
        Tekst,
        Persoon,
        false,
        "Aanmelding",
        "",
    ),
    v(
        "vraag",
        "8. Vraag aan het Actie-overleg",
        Lang,
        Persoon,
        true,
        "Aanmelding",
        "Wat is het doel waarmee u de casus inbrengt? Wat verwacht u van de uitkomst? De vraag moet voor Politie, OM én VT relevant zijn.",
    ),
    v(
        "criterium",
        "Waarom Politie, OM en VT samen",
        Keuze(CRITERIA),
        Proces,
        false,
        "Aanmelding",
        "Het criterium voor het Actie-overleg dat volgens u van toepassing is; de voorzitter stelt het vast in de voorbespreking. Afgeleid, geen officiële tekst: samengesteld uit het doel van het Actie-overleg in de bronnen.",
    ),
    v(
        "geinformeerd",
        "9. Zijn betrokkenen geïnformeerd dat zij worden besproken?",
        Keuze(GEINFORMEERD),
        Proces,
        true,
        "Aanmelding",
        "",
    ),
    v(
        "geinformeerd_reactie",
        "Reactie van betrokkenen of reden",
        Lang,
        Persoon,
        false,
        "Aanmelding",
        "Bij 'ja': hun reactie. Bij 'nee': waarom niet of wanneer wel.",
    ),
    v(
        "antecedenten",
        "10. Relevante antecedenten",
        Lang,
        Persoon,
        false,
        "Aanmelding",
        "Alleen invullen als dit van invloed is op de bespreking (bijvoorbeeld zeden, geweld). Politie kan rechtstreeks worden benaderd.",
    ),
];

pub const ZSM: &[Veld] = &[
    v(
        "vt_betrokkenheid",
        "Betrokkenheid Veilig Thuis",
        Keuze(VT_BETROKKENHEID),
        Proces,
        true,
        "Veilig Thuis op ZSM",
        "",
    ),
    v(
        "contact_gezocht",
        "Contact met VT gezocht",
        JaNee,
        Proces,
        false,
        "Veilig Thuis op ZSM",
        "Ook als het contact (nog) niet tot stand kwam: is VT gebeld of gemaild? Seed 001 §4.2 telt 'contact gezocht' en 'contact verkregen' apart.",
    ),
    v(
        "contact_verkregen",
        "Contact met VT verkregen",
        JaNee,
        Proces,
        true,
        "Veilig Thuis op ZSM",
        "",
    ),
    v(
        "veiligheidsbeoordeling",
        "Veiligheidsbeoordeling door VT gemaakt",
        JaNee,
        Proces,
        true,
        "Veiligheidsbeoordeling",
        "",
    ),
    v(
        "beoordeling_tijdstip",
        "Tijdstip veiligheidsbeoordeling",
        Tijdstip,
        Proces,
        false,
        "Veiligheidsbeoordeling",
        "",
    ),
    v(
        "vt_afdoeningsoverleg",
        "VT bij het afdoeningsoverleg",
        JaNee,
        Proces,
        true,
        "Afdoening",
        "",
    ),
    v(
        "beslissing",
        "Afdoeningsbeslissing OvJ",
        Keuze(BESLISSINGEN),
        Proces,
        false,
        "Afdoening",
        "",
    ),
    v(
        "beslissing_tijdstip",
        "Tijdstip beslissing",
        Tijdstip,
        Proces,
        false,
        "Afdoening",
        "De eerste beslissing moet binnen de 9 uur van ophouden voor onderzoek vallen; de uren tussen middernacht en 9 uur 's ochtends tellen niet mee (art. 56a Sv).",
    ),
    v(
        "veiligheidsvoorwaarden",
        "Veiligheidsvoorwaarden verbonden aan de beslissing",
        JaNee,
        Proces,
        false,
        "Afdoening",
        "Bijvoorbeeld een contact- of locatieverbod.",
    ),
    v(
        "vt_geinformeerd",
        "VT geïnformeerd over de beslissing",
        JaNee,
        Proces,
        false,
        "Terugkoppeling aan VT",
        "",
    ),
    v(
        "vt_geinformeerd_door",
        "Geïnformeerd door",
        Keuze(GEINFORMEERD_DOOR),
        Proces,
        false,
        "Terugkoppeling aan VT",
        "",
    ),
    v(
        "vt_geinformeerd_tijdstip",
        "Tijdstip VT geïnformeerd",
        Tijdstip,
        Proces,
        false,
        "Terugkoppeling aan VT",
        "",
    ),
    v(
        "thv",
        "Relatie met tijdelijk huisverbod",
        Keuze(THV_RELATIE),
        Proces,
        false,
        "Ketenpartners",
        "",
    ),
    v(
        "advies_3ro",
        "Advies 3RO",
        Keuze(ADVIES_3RO),
        Proces,
        false,
        "Ketenpartners",
        "",
    ),
    v(
        "kinderen",
        "Kinderen betrokken",
        Keuze(JA_NEE_ONBEKEND),
        Proces,
        false,
        "Ketenpartners",
        "",
    ),
    v(
        "rvdk_betrokken",
        "RvdK betrokken",
        JaNee,
        Proces,
        false,
        "Ketenpartners",
        "Nodig wanneer kinderen betrokken zijn.",
    ),
    v(
        "aandachtspunten",
        "Aandachtspuntenlijst afdoeningsoverleg",
        Meerkeuze(AANDACHTSPUNTEN),
        Proces,
        false,
        "Aandachtspuntenlijst",
        "Afgeleid, geen officiële tekst: Voorop stelde deze lijst samen uit de beschreven \
         werkafspraken voor het afdoeningsoverleg HG & ex-partner op ZSM. Vink aan wat in het \
         afdoeningsoverleg aan bod is gekomen.",
    ),
    v(
        "twijfel",
        "Twijfel-casus (voor normvinding)",
        JaNee,
        Proces,
        false,
        "Twijfel-casus",
        "",
    ),
    v(
        "twijfel_notitie",
        "Toelichting twijfel-casus",
        Lang,
        Proces,
        false,
        "Twijfel-casus",
        "Beschrijf de vraag voor normvinding zonder namen of andere herleidbare gegevens.",
    ),
    v(
        "feiten",
        "Feiten en context voor VT",
        Lang,
        Persoon,
        false,
        "Persoonsgegevens",
        "Alleen wat nodig is voor de afstemming. Wordt gewist na de bewaartermijn.",
    ),
];

pub const SSK: &[Veld] = &[
    v(
        "bureaudienst_eerst",
        "Eerst contact via de bureaudienst",
        JaNee,
        Proces,
        false,
        "Eerste afstemming",
        "",
    ),
    v(
        "om_consultatie",
        "Eerste consultatie met OM",
        Tijdstip,
        Proces,
        false,
        "Eerste afstemming",
        "Tijdige afstemming met OM vóór het bevragen van een gezin.",
    ),
    v(
        "politie_consultatie",
        "Eerste consultatie met politie",
        Tijdstip,
        Proces,
        false,
        "Eerste afstemming",
        "",
    ),
    v(
        "anoniem",
        "Anonieme consultatie (zonder herleidbare gegevens)",
        JaNee,
        Proces,
        true,
        "Eerste afstemming",
        "",
    ),
    v(
        "melding_aangifte",
        "Melding of aangifte",
        Keuze(MELDING_AANGIFTE),
        Proces,
        true,
        "Route",
        "",
    ),
    v(
        "onderzoeksplan",
        "Gezamenlijk onderzoeksplan opgesteld",
        JaNee,
        Proces,
        false,
        "Route",
        "De afspraken van het plan legt u vast als afspraken (soort: onderzoeksplan).",
    ),
    v(
        "onderzoeksplan_datum",
        "Datum onderzoeksplan",
        Datum,
        Proces,
        false,
        "Route",
        "",
    ),
    v(
        "vermoeden",
        "Vermoeden en betrokken kinderen",
        Lang,
        Persoon,
        false,
        "Persoonsgegevens",
        "Alleen wat nodig is voor de afstemming. Wordt gewist na de bewaartermijn.",
    ),
];

pub fn velden(s: Soort) -> &'static [Veld] {
    match s {
        Soort::Acuut => ACUUT,
        Soort::Actieoverleg => ACTIEOVERLEG,
        Soort::Zsm => ZSM,
        Soort::Ssk => SSK,
    }
}

/// Free-text process entries of the Actie-overleg flow (set by `service::stap`, not forms).
pub const STAP_TEKSTEN: &[&str] = &["afwijzing_toelichting", "overdracht"];

/// Every process key that holds free text. Users are asked to write no names there, but
/// retention erases these too, because free text can contain personal data anyway.
pub fn vrije_tekst_proces() -> Vec<&'static str> {
    Soort::ALLE
        .iter()
        .flat_map(|s| velden(*s))
        .filter(|v| v.aard == Proces && v.type_ == Lang)
        .map(|v| v.code)
        .chain(STAP_TEKSTEN.iter().copied())
        .collect()
}

pub fn veld(s: Soort, code: &str) -> Option<&'static Veld> {
    velden(s).iter().find(|v| v.code == code)
}

/// Field values of one moment, split by nature. Keys are field codes; absent = not filled.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Waarden {
    pub proces: BTreeMap<String, String>,
    pub persoon: BTreeMap<String, String>,
}

/// Normalises a date: `YYYY-MM-DD` (as everywhere, `tekst::parse_datum`) or, as
/// registers exported from Dutch spreadsheets write it, `DD-MM-YYYY`.
pub fn datum(s: &str) -> Option<String> {
    crate::tekst::parse_datum(s).or_else(|| {
        let nl = time::macros::format_description!("[day]-[month]-[year]");
        let iso = time::macros::format_description!("[year]-[month]-[day]");
        time::Date::parse(s.trim(), nl)
            .ok()
            .and_then(|d| d.format(iso).ok())
    })
}

/// Normalises a local date-time: `YYYY-MM-DDTHH:MM[:SS]`, `YYYY-MM-DD HH:MM` or
/// `DD-MM-YYYY HH:MM` → `YYYY-MM-DDTHH:MM`.
pub fn tijdstip(s: &str) -> Option<String> {
    let s = s.trim();
    let (d, t) = s.split_once(['T', ' '])?;
    let d = datum(d)?;
    let t = t.trim();
    let mut delen = t.split(':');
    let u: u8 = delen.next()?.parse().ok()?;
    let m: u8 = delen.next()?.parse().ok()?;
    if let Some(sec) = delen.next() {
        sec.parse::<u8>().ok().filter(|s| *s < 60)?;
    }
    (u < 24 && m < 60).then(|| format!("{d}T{u:02}:{m:02}"))
}

/// Validates raw input (field code → typed text, as from a form or CSV row) against the field
/// declarations of a kind. Unknown keys are ignored; every problem becomes a Dutch message on
/// the field. Keeps nothing on error (the caller re-renders the raw input).
pub fn valideer(soort: Soort, ruw: &BTreeMap<String, String>) -> Result<Waarden, Vec<Veldfout>> {
    let mut w = Waarden::default();
    let mut fouten = vec![];
    for veld in velden(soort) {
        let invoer = ruw.get(veld.code).map_or("", |s| s.trim());
        let fout = |m: String| Veldfout::new(veld.code, m);
        let waarde: Option<String> = if invoer.is_empty() {
            if veld.verplicht {
                fouten.push(fout(format!("Vul '{}' in.", kaal(veld.label))));
            }
            None
        } else {
            match veld.type_ {
                Tekst | Lang | VtOrganisatie => {
                    let max = veld.max_tekens().unwrap_or(300);
                    if let Err(m) = crate::tekst::geen_stuurtekens(invoer) {
                        fouten.push(fout(format!("'{}' {m}", kaal(veld.label))));
                        None
                    } else if invoer.chars().count() > max {
                        fouten.push(fout(format!(
                            "'{}' is te lang (maximaal {max} tekens).",
                            kaal(veld.label)
                        )));
                        None
                    } else {
                        Some(invoer.to_string())
                    }
                }
                JaNee => match invoer.to_lowercase().as_str() {
                    "ja" | "j" | "1" | "true" | "on" => Some("ja".into()),
                    "nee" | "n" | "0" | "false" => Some("nee".into()),
                    _ => {
                        fouten.push(fout(format!(
                            "'{}' moet ja of nee zijn, niet '{invoer}'.",
                            kaal(veld.label)
                        )));
                        None
                    }
                },
                Datum => datum(invoer).or_else(|| {
                    fouten.push(fout(format!(
                        "'{}' is geen geldige datum (gebruik JJJJ-MM-DD of DD-MM-JJJJ).",
                        kaal(veld.label)
                    )));
                    None
                }),
                Tijdstip => tijdstip(invoer).or_else(|| {
                    fouten.push(fout(format!(
                        "'{}' is geen geldig tijdstip (gebruik JJJJ-MM-DD UU:MM).",
                        kaal(veld.label)
                    )));
                    None
                }),
                Keuze(k) => {
                    let c = invoer.to_lowercase();
                    if k.iter().any(|(code, _)| *code == c) {
                        Some(c)
                    } else {
                        fouten.push(fout(format!(
                            "'{}': kies een van {} (niet '{invoer}').",
                            kaal(veld.label),
                            codes(k)
                        )));
                        None
                    }
                }
                Meerkeuze(k) => {
                    let mut gekozen = vec![];
                    for c in invoer
                        .split([',', ';', '|'])
                        .map(|c| c.trim().to_lowercase())
                    {
                        if c.is_empty() {
                            continue;
                        }
                        if k.iter().any(|(code, _)| *code == c) {
                            if !gekozen.contains(&c) {
                                gekozen.push(c);
                            }
                        } else {
                            fouten.push(fout(format!(
                                "'{}': onbekende keuze '{c}' (kies uit {}).",
                                kaal(veld.label),
                                codes(k)
                            )));
                        }
                    }
                    // Stored in declaration order, so equal sets compare equal.
                    gekozen.sort_by_key(|c| k.iter().position(|(code, _)| code == c));
                    (!gekozen.is_empty()).then(|| gekozen.join(","))
                }
            }
        };
        if let Some(waarde) = waarde {
            match veld.aard {
                Proces => w.proces.insert(veld.code.into(), waarde),
                Persoon => w.persoon.insert(veld.code.into(), waarde),
            };
        }
    }
    // Contact that was obtained was sought.
    let ja = |code: &str| w.proces.get(code).map(String::as_str);
    if ja("contact_verkregen") == Some("ja") && ja("contact_gezocht") == Some("nee") {
        fouten.push(Veldfout::new(
            "contact_gezocht",
            "Er is contact met VT verkregen, dus het is ook gezocht: kies bij 'Contact met VT \
             gezocht' ja (of laat het leeg).",
        ));
    }
    if fouten.is_empty() {
        Ok(w)
    } else {
        Err(fouten)
    }
}

/// Checks the [`Type::VtOrganisatie`] fields of validated values against `keuzes`, the
/// region's Veilig Thuis organisations as (code, name): a value may name one (by name or code,
/// any case) and is stored as its name. A value already stored (`vorige`, e.g. free text from
/// before the field was a choice, or an organisation since renamed) may stay as it is.
pub fn vt_werkgebied(
    soort: Soort,
    proces: &mut BTreeMap<String, String>,
    keuzes: &[(String, String)],
    vorige: &BTreeMap<String, String>,
) -> Result<(), Vec<Veldfout>> {
    let mut fouten = vec![];
    for veld in velden(soort)
        .iter()
        .filter(|v| v.type_ == VtOrganisatie && v.aard == Proces)
    {
        let Some(waarde) = proces.get_mut(veld.code) else {
            continue;
        };
        if vorige.get(veld.code) == Some(waarde) {
            continue;
        }
        let gevonden = keuzes.iter().find(|(code, naam)| {
            code.eq_ignore_ascii_case(waarde) || naam.to_lowercase() == waarde.to_lowercase()
        });
        match gevonden {
            Some((_, naam)) => naam.clone_into(waarde),
            None if keuzes.is_empty() => fouten.push(Veldfout::new(
                veld.code,
                format!(
                    "'{}': deze regio heeft nog geen Veilig Thuis-organisatie in Voorop; vraag de \
                     beheerder die toe te voegen.",
                    kaal(veld.label)
                ),
            )),
            None => fouten.push(Veldfout::new(
                veld.code,
                format!(
                    "'{}': kies een Veilig Thuis-organisatie van de regio ({}).",
                    kaal(veld.label),
                    keuzes
                        .iter()
                        .map(|(_, n)| n.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )),
        }
    }
    if fouten.is_empty() {
        Ok(())
    } else {
        Err(fouten)
    }
}

/// A label without its form numbering ("8. Vraag aan …" → "Vraag aan …").
fn kaal(label: &str) -> &str {
    label
        .split_once(". ")
        .filter(|(n, _)| n.chars().all(|c| c.is_ascii_digit()))
        .map_or(label, |(_, r)| r)
}

fn codes(k: &[(&str, &str)]) -> String {
    k.iter().map(|(c, _)| *c).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn werkgebied_is_een_veilig_thuis_organisatie_van_de_regio() {
        let keuzes = [
            (
                "vt-bno".to_string(),
                "Veilig Thuis Brabant-Noordoost".to_string(),
            ),
            (
                "vt-zob".to_string(),
                "Veilig Thuis Zuidoost-Brabant".to_string(),
            ),
        ];
        let geen = BTreeMap::new();
        let met = |w: &str| BTreeMap::from([("werkgebied".to_string(), w.to_string())]);
        // By code or by name in any case: stored as the name.
        for invoer in ["VT-ZOB", "veilig thuis zuidoost-brabant"] {
            let mut p = met(invoer);
            vt_werkgebied(Soort::Actieoverleg, &mut p, &keuzes, &geen).unwrap();
            assert_eq!(p["werkgebied"], "Veilig Thuis Zuidoost-Brabant");
        }
        // Free text is refused, naming the choices.
        let f = vt_werkgebied(
            Soort::Actieoverleg,
            &mut met("Brabant Zuidoost"),
            &keuzes,
            &geen,
        )
        .unwrap_err();
        assert_eq!(f[0].veld, "werkgebied");
        assert!(
            f[0].melding
                .contains("Veilig Thuis Brabant-Noordoost, Veilig Thuis Zuidoost-Brabant")
        );
        // ... unless it is what was stored before (free text from before it was a choice).
        let mut p = met("Brabant Zuidoost");
        vt_werkgebied(
            Soort::Actieoverleg,
            &mut p,
            &keuzes,
            &met("Brabant Zuidoost"),
        )
        .unwrap();
        assert_eq!(p["werkgebied"], "Brabant Zuidoost");
        // A region without a Veilig Thuis organisation says what to do.
        let f = vt_werkgebied(Soort::Actieoverleg, &mut met("vt-bno"), &[], &geen).unwrap_err();
        assert!(f[0].melding.contains("beheerder"), "{}", f[0].melding);
        // Other kinds have no such field.
        let mut p = met("iets");
        vt_werkgebied(Soort::Zsm, &mut p, &[], &geen).unwrap();
    }

    fn ruw(p: &[(&str, &str)]) -> BTreeMap<String, String> {
        p.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn splitst_proces_en_persoon() {
        let w = valideer(
            Soort::Acuut,
            &ruw(&[
                ("reactie", "Ter_Plaatse"),
                ("reactie_tijdstip", "14-03-2025 22:40"),
                ("veiligheidsbeoordeling", "ja"),
                ("maatregelen", "hulpverlening, thv"),
                ("situatie", "Fictief: ruzie in woning"),
            ]),
        )
        .unwrap();
        assert_eq!(w.proces["reactie"], "ter_plaatse");
        assert_eq!(w.proces["reactie_tijdstip"], "2025-03-14T22:40");
        assert_eq!(w.proces["maatregelen"], "thv,hulpverlening");
        assert!(!w.proces.contains_key("situatie"));
        assert_eq!(w.persoon["situatie"], "Fictief: ruzie in woning");
    }

    #[test]
    fn nederlandse_fouten_per_veld() {
        let f = valideer(
            Soort::Zsm,
            &ruw(&[
                ("vt_betrokkenheid", "misschien"),
                ("contact_verkregen", "wellicht"),
                ("beslissing_tijdstip", "gisteren"),
            ]),
        )
        .unwrap_err();
        let velden: Vec<&str> = f.iter().map(|f| f.veld.as_str()).collect();
        assert!(velden.contains(&"vt_betrokkenheid"));
        assert!(velden.contains(&"contact_verkregen"));
        assert!(velden.contains(&"beslissing_tijdstip"));
        assert!(velden.contains(&"veiligheidsbeoordeling"), "verplicht");
        assert!(f.iter().any(|f| f.melding.contains("ja of nee")));
    }

    #[test]
    fn aanmeldformulier_heeft_tien_genummerde_vragen() {
        let nummers: Vec<&str> = ACTIEOVERLEG
            .iter()
            .filter_map(|v| v.label.split_once(". ").map(|(n, _)| n))
            .filter(|n| n.chars().all(|c| c.is_ascii_digit()))
            .collect();
        assert_eq!(nummers, ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
    }

    #[test]
    fn tijdstippen() {
        assert_eq!(
            tijdstip("2025-01-02T03:04").as_deref(),
            Some("2025-01-02T03:04")
        );
        assert_eq!(
            tijdstip("2025-01-02 3:04:59").as_deref(),
            Some("2025-01-02T03:04")
        );
        assert_eq!(
            tijdstip("31-12-2025 23:59").as_deref(),
            Some("2025-12-31T23:59")
        );
        assert_eq!(tijdstip("2025-02-30 10:00"), None);
        assert_eq!(tijdstip("2025-01-02 24:00"), None);
        assert_eq!(tijdstip("2025-01-02"), None);
    }

    #[test]
    fn tijdstip_nl_verdraagt_elke_tekst() {
        assert_eq!(tijdstip_nl("2025-03-14T22:15"), "14-03-2025 22:15");
        assert_eq!(tijdstip_nl("2025-03-14"), "14-03-2025");
        // Found by tests/integratie/eigenschappen.rs: byte 10 fell inside a multi-byte character.
        let t = "  a\u{11350} \u{fffc}\u{1ee34}A";
        assert_eq!(tijdstip_nl(t), t);
        assert_eq!(tijdstip_nl("ééééééééé"), crate::web::datum_nl("ééééééééé"));
    }
}
