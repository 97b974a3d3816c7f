//! The description of every measure (theme, name, kind, unit, Werkset element, the Werkset
//! catalogue's indicators it underpins, and its definition) is reference data:
//! `data/indicatoren/definities-2026-v1.json`, read once. The computation in [`super::bouw`]
//! names measures by the codes below; a unit test keeps the codes here and in the file equal,
//! and checks every catalogue reference against the shipped Werkset catalogue.

use super::IndicatorSoort;
use serde::Deserialize;
use std::sync::LazyLock;

/// The shipped definitions.
pub const DEFINITIES_JSON: &str = include_str!("../../data/indicatoren/definities-2026-v1.json");

/// One version of the definitions.
#[derive(Debug, Deserialize)]
pub struct Definities {
    pub versie: String,
    pub titel: String,
    pub bron: String,
    /// The Werkset catalogue version whose indicator codes `werkset` refers to.
    pub catalogus: String,
    pub definities: Vec<Def>,
}

/// The description of one measure.
#[derive(Debug, Deserialize)]
pub struct Def {
    /// Stable code (API, stored counts).
    pub code: String,
    /// Werkset theme number: 1 for the repeat rate, 2–5 for the four afstemmingsmomenten.
    pub thema: u8,
    pub naam: String,
    pub soort: IndicatorSoort,
    pub eenheid: String,
    /// `uitvoering` or `waarde`.
    pub element: String,
    /// Codes of the Werkset catalogue's indicators this measure gives evidence for.
    pub werkset: Vec<String>,
    pub definitie: String,
}

/// The definitions in use.
pub fn definities() -> &'static Definities {
    static D: LazyLock<Definities> = LazyLock::new(|| {
        serde_json::from_str(DEFINITIES_JSON)
            .expect("data/indicatoren/definities-2026-v1.json is valid (unit test)")
    });
    &D
}

/// The description of the measure `code` (one of [`CODES`]; the unit test checks each is there).
pub(super) fn def(code: &str) -> &'static Def {
    definities()
        .definities
        .iter()
        .find(|d| d.code == code)
        .expect("every computed measure has a definition (unit test)")
}

pub(super) const HERHALING: &str = "herhaling";
pub(super) const ACUUT_AANTAL: &str = "acuut_aantal";
pub(super) const ACUUT_TER_PLAATSE: &str = "acuut_ter_plaatse";
pub(super) const ACUUT_RESPONSTIJD: &str = "acuut_responstijd";
pub(super) const ACUUT_BEOORDELING: &str = "acuut_beoordeling";
pub(super) const ACUUT_VT_MELDING: &str = "acuut_vt_melding";
pub(super) const AO_AANMELDINGEN: &str = "ao_aanmeldingen";
pub(super) const AO_AFGEWEZEN: &str = "ao_afgewezen";
pub(super) const AO_AANVAARD_CRITERIUM: &str = "ao_aanvaard_per_criterium";
pub(super) const AO_DOORLOOPTIJD: &str = "ao_doorlooptijd";
pub(super) const AO_AANWEZIGHEID: &str = "ao_aanwezigheid";
pub(super) const AO_AANWEZIGHEID_SOORT: &str = "ao_aanwezigheid_soort";
pub(super) const AO_AFSPRAKEN_OP_TIJD: &str = "ao_afspraken_op_tijd";
pub(super) const AO_TERUGKOPPELING: &str = "ao_terugkoppeling";
pub(super) const ZSM_AANTAL: &str = "zsm_aantal";
pub(super) const ZSM_VT_BETROKKEN: &str = "zsm_vt_betrokken";
pub(super) const ZSM_CONTACT: &str = "zsm_contact";
pub(super) const ZSM_CONTACT_GEZOCHT: &str = "zsm_contact_gezocht";
pub(super) const ZSM_BINNEN_TERMIJN: &str = "zsm_beslissing_binnen_termijn";
pub(super) const ZSM_AFDOENINGSOVERLEG: &str = "zsm_vt_afdoeningsoverleg";
pub(super) const ZSM_VT_GEINFORMEERD: &str = "zsm_vt_geinformeerd";
pub(super) const ZSM_BEOORDELING: &str = "zsm_beoordeling_voor_beslissing";
pub(super) const ZSM_HEENZENDING: &str = "zsm_heenzending_voorwaarden";
pub(super) const SSK_AANTAL: &str = "ssk_aantal";
pub(super) const SSK_OM_CONSULTATIE: &str = "ssk_om_consultatie";
pub(super) const SSK_ANONIEM: &str = "ssk_anoniem";
pub(super) const SSK_ONDERZOEKSPLAN: &str = "ssk_onderzoeksplan";

/// Every measure [`super::bouw`] computes (the unit test compares it with the file).
#[cfg(test)]
pub(super) const CODES: &[&str] = &[
    HERHALING,
    ACUUT_AANTAL,
    ACUUT_TER_PLAATSE,
    ACUUT_RESPONSTIJD,
    ACUUT_BEOORDELING,
    ACUUT_VT_MELDING,
    AO_AANMELDINGEN,
    AO_AFGEWEZEN,
    AO_AANVAARD_CRITERIUM,
    AO_DOORLOOPTIJD,
    AO_AANWEZIGHEID,
    AO_AANWEZIGHEID_SOORT,
    AO_AFSPRAKEN_OP_TIJD,
    AO_TERUGKOPPELING,
    ZSM_AANTAL,
    ZSM_VT_BETROKKEN,
    ZSM_CONTACT_GEZOCHT,
    ZSM_CONTACT,
    ZSM_AFDOENINGSOVERLEG,
    ZSM_VT_GEINFORMEERD,
    ZSM_BEOORDELING,
    ZSM_BINNEN_TERMIJN,
    ZSM_HEENZENDING,
    SSK_AANTAL,
    SSK_OM_CONSULTATIE,
    SSK_ANONIEM,
    SSK_ONDERZOEKSPLAN,
];
