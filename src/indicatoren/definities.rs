//! The fixed description of every measure: code, theme, name, kind, unit, Werkset element and
//! definition. (To become versioned data in `data/`, issue 9.)

use super::IndicatorSoort::{self, Aandeel, Aantal, Mediaan};

/// The fixed description of one measure.
pub(super) struct Def {
    pub(super) code: &'static str,
    pub(super) thema: u8,
    pub(super) naam: &'static str,
    pub(super) soort: IndicatorSoort,
    pub(super) eenheid: &'static str,
    pub(super) element: &'static str,
    pub(super) definitie: &'static str,
}

pub(super) const fn def(
    code: &'static str,
    thema: u8,
    naam: &'static str,
    soort: IndicatorSoort,
    eenheid: &'static str,
    element: &'static str,
    definitie: &'static str,
) -> Def {
    Def {
        code,
        thema,
        naam,
        soort,
        eenheid,
        element,
        definitie,
    }
}

pub(super) const UITVOERING: &str = "uitvoering";
pub(super) const WAARDE: &str = "waarde";

pub(super) const HERHALING: Def = def(
    "herhaling",
    1,
    "Herhaald incident binnen 12 maanden",
    Aandeel,
    "%",
    WAARDE,
    "Noemer: casussen van de regio die in de periode begonnen en een persoonssleutel hebben (of hadden). \
     Teller: daarvan de casussen met een eerdere casus van dezelfde persoon, in welke regio ook, in de 12 maanden ervoor.",
);

pub(super) const ACUUT_AANTAL: Def = def(
    "acuut_aantal",
    2,
    "Contacten politie → Veilig Thuis in acute situaties",
    Aantal,
    "contacten",
    UITVOERING,
    "Aantal geregistreerde momenten 'Samen op in acuut' met het contact in de periode.",
);
pub(super) const ACUUT_TER_PLAATSE: Def = def(
    "acuut_ter_plaatse",
    2,
    "Veilig Thuis ter plaatse",
    Aandeel,
    "%",
    UITVOERING,
    "Teller: contacten waarin Veilig Thuis ter plaatse kwam. Noemer: contacten met een vastgelegde reactie van Veilig Thuis.",
);
pub(super) const ACUUT_RESPONSTIJD: Def = def(
    "acuut_responstijd",
    2,
    "Responstijd Veilig Thuis",
    Mediaan,
    "minuten",
    UITVOERING,
    "Mediaan van het aantal minuten tussen het contact van politie met Veilig Thuis en de reactie van Veilig Thuis \
     (gesprek of aankomst ter plaatse). n: contacten met beide tijdstippen.",
);
pub(super) const ACUUT_BEOORDELING: Def = def(
    "acuut_beoordeling",
    2,
    "Gezamenlijke veiligheidsbeoordeling gemaakt",
    Aandeel,
    "%",
    WAARDE,
    "Teller: contacten met een gezamenlijke veiligheidsbeoordeling. Noemer: alle contacten.",
);
pub(super) const ACUUT_VT_MELDING: Def = def(
    "acuut_vt_melding",
    2,
    "Gevolgd door een VT-melding",
    Aandeel,
    "%",
    WAARDE,
    "Teller: contacten met een datum van de VT-melding achteraf. Noemer: alle contacten.",
);

pub(super) const AO_AANMELDINGEN: Def = def(
    "ao_aanmeldingen",
    3,
    "Aanmeldingen Actie-overleg",
    Aantal,
    "aanmeldingen",
    UITVOERING,
    "Aantal aanmeldingen voor het Actie-overleg met de aanmelding in de periode.",
);
pub(super) const AO_AFGEWEZEN: Def = def(
    "ao_afgewezen",
    3,
    "Afgewezen in de voorbespreking",
    Aandeel,
    "%",
    UITVOERING,
    "Teller: aanmeldingen die de voorzitter in de voorbespreking afwees. \
     Noemer: aanmeldingen waarover in de voorbespreking is besloten.",
);
pub(super) const AO_DOORLOOPTIJD: Def = def(
    "ao_doorlooptijd",
    3,
    "Doorlooptijd aanmelding → bespreking",
    Mediaan,
    "dagen",
    UITVOERING,
    "Mediaan van het aantal dagen tussen aanmelding en bespreking in het Actie-overleg. n: besproken aanmeldingen.",
);
pub(super) const AO_AANWEZIGHEID: Def = def(
    "ao_aanwezigheid",
    3,
    "Aanwezigheid Actie-overleg",
    Aandeel,
    "%",
    UITVOERING,
    "Per organisatie van het overleg. Teller: vergaderingen in de periode waarbij de organisatie aanwezig was. \
     Noemer: vergaderingen in de periode waarvan haar aanwezigheid is vastgelegd.",
);
pub(super) const AO_AANWEZIGHEID_SOORT: Def = def(
    "ao_aanwezigheid_soort",
    3,
    "Aanwezigheid Actie-overleg",
    Aandeel,
    "%",
    UITVOERING,
    "Per soort organisatie die met meer dan één organisatie in het overleg zit (bijvoorbeeld twee Veilig Thuis-organisaties): \
     de aanwezigheid van haar organisaties opgeteld. Teller: aanwezigheden van haar organisaties in de periode. \
     Noemer: vastgelegde aanwezigheden van haar organisaties. Is de aanwezigheid van één organisatie niet getoond, \
     dan ook niet die van de andere organisaties van de soort (anders volgt zij uit het totaal).",
);
pub(super) const AO_AFSPRAKEN_OP_TIJD: Def = def(
    "ao_afspraken_op_tijd",
    3,
    "Afspraken op tijd uitgevoerd",
    Aandeel,
    "%",
    WAARDE,
    "Afspraken bij aanmeldingen uit de periode, zonder vervallen afspraken. \
     Noemer: afspraken waarvan de deadline vandaag of eerder is, of die gereed zijn. \
     Teller: daarvan de afspraken die op of vóór de deadline gereed zijn gemeld.",
);
pub(super) const AO_TERUGKOPPELING: Def = def(
    "ao_terugkoppeling",
    3,
    "Terugkoppeling aan de inbrenger",
    Aandeel,
    "%",
    WAARDE,
    "Teller: besproken of afgewezen aanmeldingen met een vastgelegde terugkoppeling aan de inbrenger. \
     Noemer: alle besproken of afgewezen aanmeldingen.",
);

pub(super) const ZSM_AANTAL: Def = def(
    "zsm_aantal",
    4,
    "HG-zaken op ZSM",
    Aantal,
    "zaken",
    UITVOERING,
    "Aantal geregistreerde ZSM-zaken huiselijk geweld met de aanhouding in de periode. \
     Werkdagen: maandag tot en met vrijdag, dag en nacht; weekend: zaterdag en zondag (tijdstip van aanhouding).",
);
pub(super) const ZSM_VT_BETROKKEN: Def = def(
    "zsm_vt_betrokken",
    4,
    "Veilig Thuis betrokken",
    Aandeel,
    "%",
    UITVOERING,
    "Teller: zaken waarin Veilig Thuis aan tafel of telefonisch betrokken was. Noemer: zaken met vastgelegde betrokkenheid.",
);
pub(super) const ZSM_CONTACT: Def = def(
    "zsm_contact",
    4,
    "Contact met Veilig Thuis verkregen",
    Aandeel,
    "%",
    UITVOERING,
    "Teller: zaken waarin contact met Veilig Thuis is verkregen. Noemer: zaken waarin dit is vastgelegd.",
);
pub(super) const ZSM_AFDOENINGSOVERLEG: Def = def(
    "zsm_vt_afdoeningsoverleg",
    4,
    "Veilig Thuis bij het afdoeningsoverleg",
    Aandeel,
    "%",
    UITVOERING,
    "Teller: zaken waarin Veilig Thuis bij het afdoeningsoverleg was. Noemer: zaken waarin dit is vastgelegd.",
);
pub(super) const ZSM_VT_GEINFORMEERD: Def = def(
    "zsm_vt_geinformeerd",
    4,
    "Veilig Thuis geïnformeerd over de beslissing",
    Aandeel,
    "%",
    UITVOERING,
    "Teller: zaken waarin Veilig Thuis over de afdoeningsbeslissing is geïnformeerd. Noemer: zaken met een afdoeningsbeslissing.",
);
pub(super) const ZSM_BEOORDELING: Def = def(
    "zsm_beoordeling_voor_beslissing",
    4,
    "Veiligheidsbeoordeling vóór de beslissing",
    Aandeel,
    "%",
    WAARDE,
    "Teller: zaken met een veiligheidsbeoordeling van Veilig Thuis op of vóór het tijdstip van de afdoeningsbeslissing. \
     Noemer: zaken met een tijdstip van de beslissing.",
);
pub(super) const ZSM_HEENZENDING: Def = def(
    "zsm_heenzending_voorwaarden",
    4,
    "Heenzending met veiligheidsvoorwaarden",
    Aandeel,
    "%",
    WAARDE,
    "Teller: heenzendingen met voorwaarden gericht op veiligheid (heenzenden met voorwaarden, of veiligheidsvoorwaarden vastgelegd). \
     Noemer: alle heenzendingen (met of zonder voorwaarden).",
);

pub(super) const SSK_AANTAL: Def = def(
    "ssk_aantal",
    5,
    "Vermoedens van strafbare kindermishandeling",
    Aantal,
    "casussen",
    UITVOERING,
    "Aantal geregistreerde momenten 'strafbare kindermishandeling' met de melding van het vermoeden in de periode.",
);
pub(super) const SSK_OM_CONSULTATIE: Def = def(
    "ssk_om_consultatie",
    5,
    "Tijd tot de eerste consultatie met het OM",
    Mediaan,
    "uren",
    UITVOERING,
    "Mediaan van het aantal uren tussen de melding van het vermoeden en de eerste consultatie met het OM. \
     n: casussen met een OM-consultatie.",
);
pub(super) const SSK_ANONIEM: Def = def(
    "ssk_anoniem",
    5,
    "Anonieme consultatie",
    Aandeel,
    "%",
    UITVOERING,
    "Teller: casussen met een anonieme consultatie (zonder herleidbare gegevens). Noemer: casussen waarin dit is vastgelegd.",
);
pub(super) const SSK_ONDERZOEKSPLAN: Def = def(
    "ssk_onderzoeksplan",
    5,
    "Gezamenlijk onderzoeksplan opgesteld",
    Aandeel,
    "%",
    WAARDE,
    "Teller: casussen met een gezamenlijk onderzoeksplan. Noemer: alle casussen.",
);
