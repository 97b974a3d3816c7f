//! Fictional identities, personal data and afspraak descriptions of the national demo.

use super::Rng;
use super::momenten::{self as m, AfspraakGen, Partner};
use std::collections::BTreeMap;

/// The fictional identity of person `nummer` of region `r` (name, date of birth).
pub fn identiteit(r: usize, nummer: u64, kind: bool) -> (String, String) {
    let n = nummer as i64;
    if kind {
        let geboren = m::plus_dagen(time::macros::date!(2008 - 01 - 01), (n * 3571) % 5_100);
        (format!("Demo Kind {r}-{nummer}"), m::dag(geboren))
    } else {
        let geboren = m::plus_dagen(time::macros::date!(1958 - 01 - 01), (n * 7919) % 14_600);
        (format!("Demo Persoon {r}-{nummer}"), m::dag(geboren))
    }
}

const OMSCHRIJVINGEN: [&str; 4] = [
    "Fictief: aanhoudende dreiging door ex-partner na een eerder tijdelijk huisverbod.",
    "Fictief: stalkingszaak waarin zorg- en strafproces naast elkaar lopen.",
    "Fictief: gezin met herhaald geweld tussen ouders; hulpverlening komt niet op gang.",
    "Fictief: na heenzending op ZSM nieuwe incidenten; voorwaarden mogelijk overtreden.",
];

const VRAGEN: [&str; 3] = [
    "Fictief: gezamenlijk afspraken maken over directe veiligheid en wie de regie neemt.",
    "Fictief: strafrechtelijke interventies en hulpverlening op elkaar afstemmen.",
    "Fictief: welke informatie delen we om de veiligheid van de kinderen te borgen?",
];

/// The personal data of an aanmelding (all invented).
pub fn persoonsgegevens(r: usize, nummer: u64, rng: &mut Rng) -> String {
    let (naam, geboren) = identiteit(r, nummer, false);
    let mut g = BTreeMap::new();
    g.insert(
        "inbrenger",
        "Fictief: casusregisseur (demo), 0000-000000".to_string(),
    );
    g.insert(
        "clientgegevens",
        format!("Fictief: {naam} (geboren {geboren})."),
    );
    g.insert("omschrijving", rng.kies(&OMSCHRIJVINGEN).to_string());
    g.insert("vraag", rng.kies(&VRAGEN).to_string());
    serde_json::to_string(&g).unwrap_or_default()
}

pub fn afspraak_tekst(a: &AfspraakGen) -> String {
    use crate::casus::model::AfspraakSoort::*;
    let wie = match a.eigenaar {
        Partner::Vt => "VT",
        Partner::Politie => "Politie",
        Partner::Om => "OM",
        Partner::Rvdk => "RvdK",
        Partner::Driero => "3RO",
    };
    let wat = match a.soort {
        Direct => "maakt veiligheidsafspraken voor de directe veiligheid",
        Structureel => "zet een traject voor duurzame veiligheid in",
        Overdracht => "draagt over en koppelt terug aan de partners",
        Onderzoeksplan => "voert zijn deel van het gezamenlijk onderzoeksplan uit",
    };
    format!("Fictief: {wie} {wat}.")
}
