//! The small demo's cases: fictional texts.

use super::*;

pub(super) const SITUATIES: &[&str] = &[
    "Fictief: ruzie tussen partners liep uit de hand; buren belden 112. Twee kinderen in de woning.",
    "Fictief: ex-partner stond onaangekondigd voor de deur en bedreigde de bewoner.",
    "Fictief: mishandeling van een moeder (71) door haar volwassen zoon die bij haar inwoont.",
    "Fictief: partner met letsel aan de arm; vermoedelijke pleger onder invloed van alcohol.",
    "Fictief: overdracht van de kinderen na de scheiding escaleerde op straat.",
    "Fictief: herhaald geschreeuw en gestommel gemeld; bewoonster wil naar familie.",
    "Fictief: dreiging met een mes tijdens een ruzie; niemand gewond.",
];

pub(super) const FEITEN: &[&str] = &[
    "Fictief: aanhouding na mishandeling van de partner; eerdere meldingen bij VT bekend.",
    "Fictief: verdachte overtrad een contactverbod met de ex-partner; stalking sinds enkele maanden.",
    "Fictief: bedreiging van een ouder door een meerderjarig kind; jongere kinderen in huis.",
    "Fictief: vernieling in de woning van de ex-partner; huissleutel meegenomen.",
    "Fictief: mishandeling tijdens de omgangsregeling; slachtoffer verblijft tijdelijk bij familie.",
];

pub(super) const TWIJFELS: &[&str] = &[
    "Fictief: geweld tussen ex-partners die niet samenwonen: hoort hier een VT-melding bij?",
    "Fictief: twee minderjarige verdachten; radarfunctie van VT of niet?",
    "Fictief: incident tussen volwassen broers zonder kinderen in huis; HG-duiding onduidelijk.",
];

pub(super) const OMSCHRIJVINGEN: &[&str] = &[
    "Fictief: aanhoudende dreiging door ex-partner na een eerder tijdelijk huisverbod; slachtoffer voelt zich onveilig. Politie kent meerdere incidenten, strafzaak loopt.",
    "Fictief: stalkingszaak waarin zorg- en strafproces naast elkaar lopen; de regie is onduidelijk.",
    "Fictief: gezin met herhaald geweld tussen ouders; hulpverlening komt niet op gang. OM overweegt vervolging. Krachten: grootouders bieden opvang.",
    "Fictief: oudermishandeling door een zoon met middelengebruik; eerdere aangifte ingetrokken.",
    "Fictief: na heenzending op ZSM nieuwe incidenten; de voorwaarden worden mogelijk overtreden.",
];

pub(super) const HULPVERLENING: &[&str] = &[
    "Fictief: wijkteam gemeente Dommelstad en ambulante GGZ.",
    "Fictief: jeugdhulpaanbieder (demo) en schuldhulpverlening.",
    "Fictief: huisarts; verder geen hulpverlening betrokken.",
];

pub(super) const VRAGEN: &[&str] = &[
    "Fictief: gezamenlijk afspraken maken over directe veiligheid en wie de regie neemt.",
    "Fictief: strafrechtelijke interventies en hulpverlening zo afstemmen dat ze elkaar niet tegenwerken.",
    "Fictief: is een contact- en locatieverbod haalbaar en hoe houden we zicht op naleving?",
    "Fictief: welke informatie delen we om de veiligheid van de kinderen te borgen?",
];

pub(super) const ANTECEDENTEN: &[&str] = &[
    "Fictief: eerdere veroordeling voor mishandeling (2019).",
    "Fictief: meerdere HG-incidenten geregistreerd, geen veroordeling.",
];

pub(super) const OVERDRACHTEN: &[&str] = &[
    "Fictief: regie bij OM; VT sluit aan bij het vervolg.",
    "Fictief: casus warm overgedragen aan het lokale team met veiligheidsplan.",
    "Fictief: 3RO neemt de veiligheidsafspraken mee in het strafadvies.",
];

pub(super) const VERMOEDENS: &[&str] = &[
    "Fictief: vermoeden van toegebracht letsel bij {persoon}; melding via de huisarts.",
    "Fictief: school zag blauwe plekken bij {persoon}; ouders geven wisselende verklaringen.",
    "Fictief: familielid meldt signalen van mishandeling van {persoon}.",
    "Fictief: ziekenhuis meldt letsel bij {persoon} dat niet past bij het verhaal van de ouders.",
];

pub(super) fn afwijzing_tekst(reden: &str) -> &'static str {
    match reden {
        "niet_relevant_alle" => {
            "Fictief: de vraag ligt bij de zorg; geen strafrechtelijke component."
        }
        "ander_overleg" => "Fictief: past beter in het MDA++-overleg.",
        "onvoldoende_info" => {
            "Fictief: aanmelding onvolledig; opnieuw aanmelden met de vraag aan alle partners."
        }
        "al_belegd" => "Fictief: afspraken zijn al op ZSM gemaakt.",
        _ => "Fictief: betrokkenen zijn verhuisd buiten de regio.",
    }
}

pub(super) fn afspraak_tekst(eigenaar: &str, soort: AfspraakSoort) -> &'static str {
    use AfspraakSoort::*;
    match (eigenaar, soort) {
        (VT, Direct) => {
            "Fictief: VT maakt binnen een week veiligheidsafspraken met het slachtoffer."
        }
        (VT, Structureel) => {
            "Fictief: VT zet met het lokale team een traject voor duurzame veiligheid in."
        }
        (VT, Overdracht) => "Fictief: VT draagt de casus warm over aan het lokale team.",
        (VT, Onderzoeksplan) => {
            "Fictief: VT borgt de veiligheid van het kind tot na het verhoor, zonder het gezin vooraf te bevragen."
        }
        (POLITIE, Direct) => "Fictief: politie geeft het adres extra aandacht (surveillance).",
        (POLITIE, Structureel) => {
            "Fictief: de wijkagent houdt maandelijks contact en meldt nieuwe incidenten."
        }
        (POLITIE, Overdracht) => "Fictief: politie levert de incidentenhistorie aan het OM.",
        (POLITIE, Onderzoeksplan) => "Fictief: politie plant het studioverhoor van het kind.",
        (OM, Direct) => "Fictief: OM beoordeelt een contact- en locatieverbod.",
        (OM, Structureel) => {
            "Fictief: OM neemt de afspraken mee in het strafadvies en de vordering."
        }
        (OM, Overdracht) => "Fictief: OM informeert de partners over de afdoeningsbeslissing.",
        (OM, Onderzoeksplan) => {
            "Fictief: OM coördineert het gezamenlijk onderzoeksplan en bepaalt het moment van verhoor."
        }
        (RVDK, Onderzoeksplan) => {
            "Fictief: RvdK beoordeelt of een kinderbeschermingsmaatregel nodig is."
        }
        (RVDK, _) => "Fictief: RvdK start een beschermingsonderzoek naar de kinderen.",
        _ => "Fictief: 3RO neemt de veiligheidsafspraken op in het reclasseringsadvies.",
    }
}

/// The directory: bureaudiensten first, then the fixed contact persons (seed 001 §5.2).
pub(super) const CONTACTPUNTEN: &[(&str, ContactSoort, &str, &str, &str, &str, &str)] = &[
    (
        VT,
        ContactSoort::Bureaudienst,
        "Bureaudienst Veilig Thuis (advies en acute zaken)",
        "",
        "0800-2000",
        "",
        "24/7 telefonisch; interventieteam ter plaatse binnen kantooruren",
    ),
    (
        VT,
        ContactSoort::Contactpersoon,
        "Gedragswetenschapper strafbare kindermishandeling",
        "Gerda Gedrag (fictief)",
        "0000-000101",
        "gerda.gedrag@demo.voorop.nl",
        "Werkdagen 08:30–17:00",
    ),
    (
        VT,
        ContactSoort::Contactpersoon,
        "Voorzitter Actie-overleg",
        "Vera Veilig (fictief)",
        "0000-000102",
        "vt@demo.voorop.nl",
        "Donderdag; aanmelden tot woensdag 12:00",
    ),
    (
        VT_ZOB,
        ContactSoort::Contactpersoon,
        "Contactpersoon ZSM en Actie-overleg (werkgebied Zuidoost-Brabant)",
        "Zeger Zuidoost (fictief)",
        "0000-000103",
        "vt.zob@demo.voorop.nl",
        "ZSM-tafel woensdag tot en met vrijdag; op afroep in het Actie-overleg",
    ),
    (
        POLITIE,
        ContactSoort::Bureaudienst,
        "Dienstdoende rechercheofficier",
        "",
        "0000-000201",
        "",
        "24/7; beslist of direct actie nodig is",
    ),
    (
        POLITIE,
        ContactSoort::Contactpersoon,
        "Vaste contactpersoon kindermishandeling (werkproces KM)",
        "Rik Recherche (fictief)",
        "0000-000202",
        "rik.recherche@demo.voorop.nl",
        "Werkdagen 09:00–17:00",
    ),
    (
        OM,
        ContactSoort::Bureaudienst,
        "Bureaudienst OM (officier van dienst)",
        "",
        "0000-000301",
        "",
        "24/7; gespecialiseerde officieren, korte lijn met VT",
    ),
    (
        OM,
        ContactSoort::Contactpersoon,
        "Vaste officier van justitie kindermishandeling",
        "Olga Officier (fictief)",
        "0000-000302",
        "olga.officier@demo.voorop.nl",
        "Werkdagen; eerst de bureaudienst bellen",
    ),
    (
        RVDK,
        ContactSoort::Bureaudienst,
        "Bureaudienst Raad voor de Kinderbescherming",
        "",
        "0000-000401",
        "",
        "Avond en weekend telefonisch bereikbaar",
    ),
    (
        RVDK,
        ContactSoort::Contactpersoon,
        "Gedragsdeskundige strafbare kindermishandeling",
        "Ruben Raad (fictief)",
        "0000-000402",
        "ruben.raad@demo.voorop.nl",
        "Werkdagen 09:00–17:00",
    ),
    (
        DRIERO,
        ContactSoort::Contactpersoon,
        "Contactpersoon Actie-overleg en HG-spreekuur",
        "Dirk Drie (fictief)",
        "0000-000501",
        "dirk.drie@demo.voorop.nl",
        "Op afroep voor het Actie-overleg",
    ),
];
