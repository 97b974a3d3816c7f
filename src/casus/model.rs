//! Domain types of the afstemmingsmomenten: kinds, statuses and the Actie-overleg flow, and
//! the time rules (9-hour ZSM deadline, office hours, weekday/evening/weekend). No SQL, no HTTP.

use crate::code_enum;
use crate::gedeeld::OrganisatieId;
use std::collections::BTreeMap;

code_enum!(
    /// The four afstemmingsmomenten; the number is the Werkset theme they feed.
    Soort {
        Acuut => ("acuut", "Samen op in acuut"),
        Actieoverleg => ("actieoverleg", "Actie-overleg"),
        Zsm => ("zsm", "HG met VT & ZSM"),
        Ssk => ("ssk", "Strafbare kindermishandeling"),
    }
);

impl Soort {
    /// The Werkset theme number (seed 001 chapters 2–5).
    pub fn thema(self) -> u8 {
        match self {
            Soort::Acuut => 2,
            Soort::Actieoverleg => 3,
            Soort::Zsm => 4,
            Soort::Ssk => 5,
        }
    }
    /// What the moment's start time means for this kind.
    pub fn tijdstip_label(self) -> &'static str {
        match self {
            Soort::Acuut => "Tijdstip contact politie → VT",
            Soort::Actieoverleg => "Tijdstip aanmelding",
            Soort::Zsm => "Tijdstip aanhouding",
            Soort::Ssk => "Tijdstip melding vermoeden",
        }
    }
    pub fn begin_status(self) -> Status {
        match self {
            Soort::Actieoverleg => Status::Ingediend,
            _ => Status::Open,
        }
    }
}

code_enum!(
    Status {
        Open => ("open", "Open"),
        Ingediend => ("ingediend", "Ingediend"),
        Geaccepteerd => ("geaccepteerd", "Geaccepteerd in voorbespreking"),
        Afgewezen => ("afgewezen", "Afgewezen in voorbespreking"),
        Geagendeerd => ("geagendeerd", "Geagendeerd"),
        Besproken => ("besproken", "Besproken"),
        AfsprakenLopen => ("afspraken_lopen", "Afspraken lopen"),
        Afgerond => ("afgerond", "Afgerond"),
    }
);

impl Status {
    pub fn is_eind(self) -> bool {
        matches!(self, Status::Afgerond | Status::Afgewezen)
    }
}

code_enum!(
    DeelnemerRol {
        Inbrenger => ("inbrenger", "Inbrenger"),
        Voorzitter => ("voorzitter", "Voorzitter"),
        Vast => ("vast", "Vaste deelnemer"),
        OpAfroep => ("op_afroep", "Op afroep"),
        Betrokken => ("betrokken", "Betrokken"),
    }
);

code_enum!(
    AfspraakSoort {
        Direct => ("direct", "Directe veiligheid"),
        Structureel => ("structureel", "Structurele veiligheid"),
        Overdracht => ("overdracht", "Overdragen en uitvoeren"),
        Onderzoeksplan => ("onderzoeksplan", "Gezamenlijk onderzoeksplan"),
    }
);

code_enum!(
    AfspraakStatus {
        Open => ("open", "Open"),
        Gereed => ("gereed", "Gereed"),
        Vervallen => ("vervallen", "Vervallen"),
    }
);

code_enum!(
    Frequentie {
        Wekelijks => ("wekelijks", "Wekelijks"),
        Tweewekelijks => ("tweewekelijks", "Om de week"),
        Maandelijks => ("maandelijks", "Maandelijks"),
    }
);

code_enum!(
    ContactSoort {
        Contactpersoon => ("contactpersoon", "Vaste contactpersoon"),
        Bureaudienst => ("bureaudienst", "Bureaudienst"),
    }
);

/// One registered moment (process data only).
#[derive(Debug, Clone)]
pub struct Moment {
    pub id: crate::gedeeld::MomentId,
    pub casus_id: crate::gedeeld::CasusId,
    pub regio_code: crate::gedeeld::RegioCode,
    pub soort: Soort,
    pub tijdstip: String,
    pub status: Status,
    pub gegevens: BTreeMap<String, String>,
    pub heeft_pseudoniem: bool,
    pub vergadering_id: Option<i64>,
    pub vergadering_datum: Option<String>,
    pub casus_status: String,
    pub gewist: bool,
    pub aangemaakt_door_organisatie: OrganisatieId,
    pub aangemaakt_op: String,
    /// The Actie-overleg an aanmelding is for (Actie-overleg moments only).
    pub overleg_id: Option<i64>,
}

/// The choices on the moment list besides region and period: kind, status, and an
/// organisation that takes part now.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Lijstfilter {
    pub soort: Option<Soort>,
    pub status: Option<Status>,
    pub organisatie: Option<OrganisatieId>,
}

/// What a non-participant reads instead of free text (see `Moment::verberg_vrije_tekst`).
pub const ALLEEN_DEELNEMERS: &str = "(vrije tekst: alleen zichtbaar voor deelnemers)";

impl Moment {
    /// Free text in process data (toelichtingen, overdracht, …) may hold names and dates of
    /// birth despite the form's advice, so Voorop treats it as personal data: only active
    /// participants read it, and their read is audited with the personal data. Everyone else
    /// gets a placeholder; the structured process fields stay visible.
    pub fn verberg_vrije_tekst(&mut self) {
        for code in super::velden::vrije_tekst_proces() {
            if let Some(w) = self.gegevens.get_mut(code)
                && !w.is_empty()
            {
                *w = ALLEEN_DEELNEMERS.into();
            }
        }
    }
    pub fn waarde(&self, code: &str) -> &str {
        self.gegevens.get(code).map_or("", String::as_str)
    }
    pub fn ja(&self, code: &str) -> bool {
        self.waarde(code) == "ja"
    }
    /// Whether a multiple-choice field contains a code.
    pub fn bevat(&self, code: &str, keuze: &str) -> bool {
        self.waarde(code).split(',').any(|c| c == keuze)
    }
    pub fn jaar(&self) -> &str {
        &self.tijdstip[..4.min(self.tijdstip.len())]
    }
    /// For ZSM: when the OvJ's first decision is due: the end of the nine hours of ophouden
    /// voor onderzoek after the arrest, nights not counted ([`ophoudtermijn_einde`]).
    pub fn zsm_deadline(&self) -> Option<String> {
        (self.soort == Soort::Zsm)
            .then(|| ophoudtermijn_einde(&self.tijdstip))
            .flatten()
    }

    /// For ZSM with a decision time: whether the OvJ's first decision fell within the nine
    /// hours of ophouden voor onderzoek ([`ophoudtermijn_einde`]; seed 001 §4.2 "beslissing
    /// binnen de termijn").
    pub fn beslissing_binnen_termijn(&self) -> Option<bool> {
        if self.soort != Soort::Zsm {
            return None;
        }
        let beslissing = super::velden::tijdstip(self.waarde("beslissing_tijdstip"))?;
        ophoud_minuten(&self.tijdstip, &beslissing).map(|m| (0..=OPHOUD_MINUTEN).contains(&m))
    }

    /// Points of attention on a ZSM case, from the agreements in seed 001 §4.2: no suspect is
    /// released without a view on safety, VT hears the decision, and the RvdK is involved when
    /// children are.
    pub fn signalen(&self) -> Vec<&'static str> {
        let mut uit = vec![];
        if self.soort != Soort::Zsm {
            return uit;
        }
        let beslissing = self.waarde("beslissing");
        if beslissing.starts_with("heenzenden")
            && !self.ja("veiligheidsbeoordeling")
            && !self.ja("veiligheidsvoorwaarden")
            && beslissing != "heenzenden_voorwaarden"
        {
            uit.push("Heenzending zonder veiligheidsbeoordeling van VT en zonder veiligheidsvoorwaarden.");
        }
        if !beslissing.is_empty() && !self.ja("vt_geinformeerd") {
            uit.push("Veilig Thuis is nog niet geïnformeerd over de beslissing.");
        }
        if self.waarde("kinderen") == "ja" && !self.ja("rvdk_betrokken") {
            uit.push(
                "Er zijn kinderen betrokken, maar de Raad voor de Kinderbescherming (nog) niet.",
            );
        }
        if self.waarde("vt_betrokkenheid") == "niet" {
            uit.push("Veilig Thuis is niet betrokken bij deze HG-zaak.");
        }
        uit
    }
}

/// A moment for tests: process data `velden`, case `id` the same as the moment's, region
/// Oost-Brabant, registered by organisation 1.
#[cfg(test)]
impl Moment {
    pub(crate) fn voorbeeld(
        id: i64,
        soort: Soort,
        tijdstip: &str,
        status: Status,
        velden: &[(&str, &str)],
    ) -> Moment {
        Moment {
            id: crate::gedeeld::MomentId(id),
            casus_id: crate::gedeeld::CasusId(id),
            regio_code: crate::gedeeld::RegioCode::OOST_BRABANT,
            soort,
            tijdstip: tijdstip.into(),
            status,
            gegevens: velden
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            heeft_pseudoniem: false,
            vergadering_id: None,
            vergadering_datum: None,
            casus_status: "open".into(),
            gewist: false,
            aangemaakt_door_organisatie: crate::gedeeld::OrganisatieId(1),
            aangemaakt_op: String::new(),
            overleg_id: None,
        }
    }
}

/// An open afspraak for tests, of organisation 1 on moment 1 in Oost-Brabant.
#[cfg(test)]
impl Afspraak {
    pub(crate) fn voorbeeld(id: i64, moment_soort: Soort, deadline: &str) -> Afspraak {
        Afspraak {
            id: crate::gedeeld::AfspraakId(id),
            moment_id: crate::gedeeld::MomentId(1),
            moment_soort,
            regio_code: crate::gedeeld::RegioCode::OOST_BRABANT,
            eigenaar_organisatie_id: OrganisatieId(1),
            eigenaar_naam: String::new(),
            soort: AfspraakSoort::Direct,
            omschrijving: String::new(),
            deadline: deadline.into(),
            status: AfspraakStatus::Open,
            gereed_op: None,
            aangemaakt_op: String::new(),
            eigenaar_gebruiker: None,
            resultaat: None,
        }
    }
}

code_enum!(
    /// Why a participation period ended.
    DeelnameEinde {
        Beeindigd => ("beeindigd", "Deelname beëindigd"),
        CasusGesloten => ("casus_gesloten", "Casus gesloten"),
    }
);

/// One participation period of an organisation in a moment. The history is append-only: an
/// organisation that takes part again gets a new period, so every gap stays visible.
#[derive(Debug, Clone)]
pub struct Deelnemer {
    pub organisatie_id: OrganisatieId,
    pub organisatie_naam: String,
    pub organisatie_soort: String,
    pub rol: DeelnemerRol,
    pub vanaf: String,
    pub tot: Option<String>,
    pub einde: Option<DeelnameEinde>,
    /// The organisation that ended the period (name), if it was ended by someone.
    pub beeindigd_door: Option<String>,
}

impl Deelnemer {
    pub fn is_actief(&self) -> bool {
        self.tot.is_none()
    }
}

/// Whether an organisation takes part in the moment now in this role.
pub fn heeft_actieve_rol(
    deelnemers: &[Deelnemer],
    organisatie_id: OrganisatieId,
    rol: DeelnemerRol,
) -> bool {
    deelnemers
        .iter()
        .any(|d| d.organisatie_id == organisatie_id && d.rol == rol && d.is_actief())
}

/// Who may end a participation: an organisation its own, and the chair of an Actie-overleg
/// (an organisation taking part as `voorzitter`) anyone's. Nobody else.
pub fn mag_deelname_beeindigen(
    deelnemers: &[Deelnemer],
    eigen_organisatie: OrganisatieId,
    doel_organisatie: OrganisatieId,
) -> bool {
    eigen_organisatie == doel_organisatie
        || heeft_actieve_rol(deelnemers, eigen_organisatie, DeelnemerRol::Voorzitter)
}

/// Who may change the status of an afspraak (gereed, open, vervallen): its owner organisation
/// while it takes part in the moment, and the chair of the moment. Other participants may not,
/// nor an owner whose participation has ended (it no longer sees the moment's content).
pub fn mag_afspraak_status_zetten(
    deelnemers: &[Deelnemer],
    eigen_organisatie: OrganisatieId,
    eigenaar: OrganisatieId,
) -> bool {
    let neemt_deel = deelnemers
        .iter()
        .any(|d| d.organisatie_id == eigen_organisatie && d.is_actief());
    (eigen_organisatie == eigenaar && neemt_deel)
        || heeft_actieve_rol(deelnemers, eigen_organisatie, DeelnemerRol::Voorzitter)
}

/// Reopening a closed case restores nothing: only the organisation that registered the moment
/// may reopen it, and only when its own participation lasted until the case was closed (so an
/// organisation whose participation was ended earlier cannot return this way). It gets a new
/// period; everyone else is added again explicitly if still needed.
pub fn mag_casus_heropenen(
    aangemaakt_door: OrganisatieId,
    eigen_organisatie: OrganisatieId,
    laatste_einde: Option<DeelnameEinde>,
) -> bool {
    aangemaakt_door == eigen_organisatie && laatste_einde == Some(DeelnameEinde::CasusGesloten)
}

code_enum!(
    /// How safe the situation was judged at a moment (seed 000 §3.3: direct and structural
    /// safety).
    Veiligheid {
        AcuutOnveilig => ("acuut_onveilig", "Acuut onveilig"),
        StructureelOnveilig => ("structureel_onveilig", "Structureel onveilig"),
        Veilig => ("veilig", "Veilig"),
        NietIngeschat => ("niet_ingeschat", "Niet ingeschat"),
    }
);

/// One veiligheidsinschatting of a case, made at one of its moments.
#[derive(Debug, Clone)]
pub struct Inschatting {
    pub id: i64,
    pub moment_id: crate::gedeeld::MomentId,
    pub moment_soort: Soort,
    pub inschatting: Veiligheid,
    /// The date it was made (`YYYY-MM-DD`).
    pub datum: String,
    pub organisatie_naam: String,
    pub aangemaakt_op: String,
}

#[derive(Debug, Clone)]
pub struct Afspraak {
    pub id: crate::gedeeld::AfspraakId,
    pub moment_id: crate::gedeeld::MomentId,
    pub moment_soort: Soort,
    pub regio_code: crate::gedeeld::RegioCode,
    pub eigenaar_organisatie_id: OrganisatieId,
    pub eigenaar_naam: String,
    pub soort: AfspraakSoort,
    pub omschrijving: String,
    pub deadline: String,
    pub status: AfspraakStatus,
    pub gereed_op: Option<String>,
    pub aangemaakt_op: String,
    /// The named owner, a user of the owner organisation (id and name), if one was named.
    pub eigenaar_gebruiker: Option<(crate::gedeeld::GebruikerId, String)>,
    /// What came of it, recorded when it was marked done (free text).
    pub resultaat: Option<String>,
}

impl Afspraak {
    /// The description and the result are free text: personal data, like
    /// `Moment::verberg_vrije_tekst`.
    pub fn verberg_vrije_tekst(&mut self) {
        self.omschrijving = ALLEEN_DEELNEMERS.into();
        if self.resultaat.as_deref().is_some_and(|r| !r.is_empty()) {
            self.resultaat = Some(ALLEEN_DEELNEMERS.into());
        }
    }
    /// Whether it is named to this user.
    pub fn is_van(&self, gebruiker: crate::gedeeld::GebruikerId) -> bool {
        self.eigenaar_gebruiker
            .as_ref()
            .is_some_and(|(id, _)| *id == gebruiker)
    }
    pub fn is_te_laat(&self, vandaag: &str) -> bool {
        self.status == AfspraakStatus::Open && self.deadline.as_str() < vandaag
    }
    /// Done on or before the deadline.
    pub fn op_tijd_gereed(&self) -> bool {
        self.status == AfspraakStatus::Gereed
            && self
                .gereed_op
                .as_deref()
                .is_some_and(|g| &g[..10.min(g.len())] <= self.deadline.as_str())
    }
}

#[derive(Debug, Clone)]
pub struct Overleg {
    pub id: i64,
    pub regio_code: crate::gedeeld::RegioCode,
    pub naam: String,
    pub weekdag: u8,
    pub tijd: String,
    pub frequentie: Frequentie,
    pub voorzitter_organisatie_id: OrganisatieId,
    pub voorzitter_naam: String,
    /// (organisation id, name, kind code, vast?)
    pub organisaties: Vec<(OrganisatieId, String, String, bool)>,
}

impl Overleg {
    pub fn omschrijving(&self) -> String {
        format!(
            "{}, {} om {}",
            self.frequentie.label(),
            WEEKDAGEN
                .get(usize::from(self.weekdag.saturating_sub(1)))
                .unwrap_or(&""),
            self.tijd
        )
    }

    /// The next `n` meeting dates on or after `vanaf` (`YYYY-MM-DD`) by the recurrence:
    /// weekly on the weekday; fortnightly in even ISO weeks; monthly on the first such weekday
    /// of the month.
    pub fn volgende_data(&self, vanaf: &str, n: usize) -> Vec<String> {
        let fmt = time::macros::format_description!("[year]-[month]-[day]");
        let Ok(mut d) = time::Date::parse(vanaf, fmt) else {
            return vec![];
        };
        let mut uit = vec![];
        // At most two years ahead, so a bad weekday can never loop forever.
        for _ in 0..730 {
            if uit.len() >= n {
                break;
            }
            let past = d.weekday().number_from_monday() == self.weekdag
                && match self.frequentie {
                    Frequentie::Wekelijks => true,
                    Frequentie::Tweewekelijks => d.iso_week() % 2 == 0,
                    Frequentie::Maandelijks => d.day() <= 7,
                };
            if past {
                uit.push(d.format(fmt).unwrap_or_default());
            }
            match d.next_day() {
                Some(v) => d = v,
                None => break,
            }
        }
        uit
    }
}

pub const WEEKDAGEN: [&str; 7] = [
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
];

#[derive(Debug, Clone)]
pub struct Vergadering {
    pub id: i64,
    pub overleg_id: i64,
    pub datum: String,
    /// (organisation id, present?)
    pub aanwezigheid: Vec<(OrganisatieId, bool)>,
}

impl Vergadering {
    /// Whether an organisation was recorded present (`None`: nothing recorded for it).
    pub fn aanwezig(&self, org: &OrganisatieId) -> Option<bool> {
        self.aanwezigheid
            .iter()
            .find(|(o, _)| o == org)
            .map(|(_, a)| *a)
    }
    /// The names of the overleg's organisations recorded present, or that none were.
    pub fn aanwezigen(&self, o: &Overleg) -> String {
        let namen: Vec<&str> = o
            .organisaties
            .iter()
            .filter(|(id, _, _, _)| self.aanwezig(id) == Some(true))
            .map(|(_, naam, _, _)| naam.as_str())
            .collect();
        if namen.is_empty() {
            "niet vastgelegd".into()
        } else {
            namen.join(", ")
        }
    }
}

#[derive(Debug, Clone)]
pub struct Contactpunt {
    pub id: i64,
    pub regio_code: crate::gedeeld::RegioCode,
    pub organisatie_id: OrganisatieId,
    pub organisatie_naam: String,
    pub soort: ContactSoort,
    pub functie: String,
    pub naam: String,
    pub telefoon: String,
    pub email: String,
    pub bereikbaarheid: String,
}

// ---- time rules ---------------------------------------------------------------------------

fn parse_tijd(t: &str) -> Option<time::PrimitiveDateTime> {
    let fmt = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]");
    time::PrimitiveDateTime::parse(t.get(..16)?, fmt).ok()
}

fn formatteer(t: time::PrimitiveDateTime) -> String {
    let fmt = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]");
    t.format(fmt).unwrap_or_default()
}

pub fn plus_minuten(t: &str, minuten: i64) -> Option<String> {
    parse_tijd(t).map(|d| formatteer(d + time::Duration::minutes(minuten)))
}

/// A date (`YYYY-MM-DD`) `n` days later (earlier when negative).
pub fn plus_dagen(datum: &str, n: i64) -> Option<String> {
    plus_minuten(&format!("{}T00:00", datum.get(..10)?), n * 24 * 60).map(|t| t[..10].to_string())
}

/// The end of the term of ophouden voor onderzoek that starts at `begin` (local time):
/// nine hours, in which "de tijd tussen middernacht en negen uur 's morgens" does not count
/// (art. 56a lid 1 Wetboek van Strafvordering, since 1 March 2017). An arrest at 22:00 runs
/// out at 16:00 the next day (two hours before midnight, seven from nine), one at 03:00 at
/// 18:00. The count is in local wall-clock time: the changes to and from summer time fall at
/// 02:00–03:00, inside the hours that do not count, so they never shorten or lengthen it.
pub fn ophoudtermijn_einde(begin: &str) -> Option<String> {
    let mut t = parse_tijd(begin)?;
    let mut over = time::Duration::hours(9);
    loop {
        // Before nine in the morning nothing counts: the clock waits until nine.
        if t.hour() < 9 {
            t = t.replace_time(time::macros::time!(09:00));
        }
        let middernacht = (t.date() + time::Duration::days(1)).midnight();
        let tot_middernacht = middernacht - t;
        if over <= tot_middernacht {
            return Some(formatteer(t + over));
        }
        over -= tot_middernacht;
        t = middernacht;
    }
}

/// Minutes from `van` to `tot` (local times); negative when `tot` is earlier.
pub fn minuten_tussen(van: &str, tot: &str) -> Option<i64> {
    Some((parse_tijd(tot)? - parse_tijd(van)?).whole_minutes())
}

/// Days from a moment to a date or time (`YYYY-MM-DD…`).
pub fn dagen_tussen(van: &str, tot: &str) -> Option<i64> {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    let d = |s: &str| time::Date::parse(s.get(..10)?, fmt).ok();
    Some((d(tot)? - d(van)?).whole_days())
}

code_enum!(
    /// When a ZSM case came in: the 14-case review found weekends differ.
    Dagdeel {
        Werkdag => ("werkdag", "Werkdag overdag"),
        Avond => ("avond", "Werkdag 's avonds of 's nachts"),
        Weekend => ("weekend", "Weekend"),
    }
);

/// Weekday daytime is Monday–Friday 08:00–17:00 (local time).
pub fn dagdeel(t: &str) -> Option<Dagdeel> {
    let d = parse_tijd(t)?;
    Some(match d.weekday() {
        time::Weekday::Saturday | time::Weekday::Sunday => Dagdeel::Weekend,
        _ if (8..17).contains(&d.hour()) => Dagdeel::Werkdag,
        _ => Dagdeel::Avond,
    })
}

/// The typed columns of a moment that the indicator queries read (`k_*`, migration 0015), in
/// the order of [`kenmerken`]. SQLite generates them from `tijdstip` and `gegevens`; PostgreSQL
/// stores what [`kenmerken`] computes (migration 0026), because its generated columns parsed
/// the JSON once per column, most of what a moment insert cost there.
pub const KENMERK_KOLOMMEN: [&str; 21] = [
    "k_dagdeel",
    "k_reactie",
    "k_veiligheidsbeoordeling",
    "k_vt_melding_datum",
    "k_terugkoppeling_op",
    "k_vt_betrokkenheid",
    "k_contact_verkregen",
    "k_vt_afdoeningsoverleg",
    "k_vt_geinformeerd",
    "k_beslissing",
    "k_beslissing_tijdstip",
    "k_veiligheidsvoorwaarden",
    "k_anoniem",
    "k_onderzoeksplan",
    "k_responstijd",
    "k_doorlooptijd",
    "k_beoordeling_voor",
    "k_consultatie",
    "k_contact_gezocht",
    "k_ophoud_minuten",
    "k_criterium",
];

/// One typed column's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kenmerk {
    Tekst(Option<String>),
    Getal(Option<i64>),
}

/// The values of [`KENMERK_KOLOMMEN`] for a moment at `tijdstip` whose process field `code` is
/// `veld(code)`: the part of the week ([`dagdeel`]), sixteen process fields as they are (the
/// last two, `contact_gezocht` and `criterium`, added by migrations 0038 and 0039), four
/// durations ([`minuten_tussen`], [`dagen_tussen`]): response, aanmelding to bespreking,
/// assessment to decision, moment to first OM consultation, and the counted minutes of
/// ophouden voor onderzoek ([`ophoud_minuten`]). A test holds them equal to
/// SQLite's generated columns (`indicatoren_gelijk::kenmerken_kloppen_na_elke_schrijver`).
pub fn kenmerken<'a>(tijdstip: &str, veld: impl Fn(&str) -> Option<&'a str>) -> [Kenmerk; 21] {
    let tekst = |code: &str| Kenmerk::Tekst(veld(code).map(str::to_string));
    let minuten = |van: Option<&str>, tot: Option<&str>| {
        Kenmerk::Getal(van.zip(tot).and_then(|(v, t)| minuten_tussen(v, t)))
    };
    [
        Kenmerk::Tekst(dagdeel(tijdstip).map(|d| d.code().to_string())),
        tekst("reactie"),
        tekst("veiligheidsbeoordeling"),
        tekst("vt_melding_datum"),
        tekst("terugkoppeling_op"),
        tekst("vt_betrokkenheid"),
        tekst("contact_verkregen"),
        tekst("vt_afdoeningsoverleg"),
        tekst("vt_geinformeerd"),
        tekst("beslissing"),
        tekst("beslissing_tijdstip"),
        tekst("veiligheidsvoorwaarden"),
        tekst("anoniem"),
        tekst("onderzoeksplan"),
        minuten(Some(tijdstip), veld("reactie_tijdstip")),
        Kenmerk::Getal(veld("besproken_op").and_then(|b| dagen_tussen(tijdstip, b))),
        minuten(veld("beoordeling_tijdstip"), veld("beslissing_tijdstip")),
        minuten(Some(tijdstip), veld("om_consultatie")),
        tekst("contact_gezocht"),
        Kenmerk::Getal(veld("beslissing_tijdstip").and_then(|b| ophoud_minuten(tijdstip, b))),
        tekst("criterium"),
    ]
}

/// The minutes of ophouden voor onderzoek that count from `begin` to `einde` (local times): the
/// hours between midnight and nine in the morning do not count (art. 56a lid 1 Sv, as in
/// [`ophoudtermijn_einde`]). Each day counts 900 minutes (09:00–24:00); a decision fell within
/// the term when this is 0 to 540. Migration 0038 computes the same in SQL
/// (`k_ophoud_minuten`). `None` unless both are valid times.
pub fn ophoud_minuten(begin: &str, einde: &str) -> Option<i64> {
    let geteld = |t: &str| -> Option<i64> {
        let d = parse_tijd(t)?;
        let dag = i64::from(d.date().to_julian_day());
        let minuut = i64::from(d.hour()) * 60 + i64::from(d.minute());
        Some(dag * 900 + (minuut - 540).max(0))
    };
    Some(geteld(einde)? - geteld(begin)?)
}

/// The longest a first decision may take, in counted minutes (nine hours).
pub const OPHOUD_MINUTEN: i64 = 9 * 60;

pub fn binnen_kantooruren(t: &str) -> bool {
    dagdeel(t) == Some(Dagdeel::Werkdag)
}

/// Current Dutch local time as `YYYY-MM-DDTHH:MM` (CET/CEST by the EU summer-time rule).
pub fn nu_lokaal() -> String {
    lokaal(time::OffsetDateTime::now_utc())
}

pub fn lokaal(utc: time::OffsetDateTime) -> String {
    formatteer(crate::gedeeld::nederlandse_tijd(utc))
}

/// Human countdown to a deadline: "nog 3 u 20 min" or "2 u 5 min verstreken".
pub fn aftellen(nu: &str, deadline: &str) -> Option<(i64, String)> {
    let m = minuten_tussen(nu, deadline)?;
    let tekst = |m: i64| {
        if m >= 60 {
            format!("{} u {} min", m / 60, m % 60)
        } else {
            format!("{m} min")
        }
    };
    Some(if m >= 0 {
        (m, format!("nog {}", tekst(m)))
    } else {
        (m, format!("{} verstreken", tekst(-m)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(n: i64) -> crate::gedeeld::OrganisatieId {
        crate::gedeeld::OrganisatieId(n)
    }

    #[test]
    fn dagdelen() {
        // 2025-03-14 is a Friday, 2025-03-15 a Saturday.
        assert_eq!(dagdeel("2025-03-14T09:00"), Some(Dagdeel::Werkdag));
        assert_eq!(dagdeel("2025-03-14T16:59"), Some(Dagdeel::Werkdag));
        assert_eq!(dagdeel("2025-03-14T17:00"), Some(Dagdeel::Avond));
        assert_eq!(dagdeel("2025-03-14T07:59"), Some(Dagdeel::Avond));
        assert_eq!(dagdeel("2025-03-15T12:00"), Some(Dagdeel::Weekend));
        assert_eq!(dagdeel("onzin"), None);
    }

    #[test]
    fn ophoudtermijn_telt_de_nacht_niet() {
        for (aanhouding, einde) in [
            // The example: two hours before midnight, seven from nine.
            ("2025-03-14T22:00", "2025-03-15T16:00"),
            // 23:30: half an hour, then eight and a half from nine.
            ("2025-03-14T23:30", "2025-03-15T17:30"),
            // In the night: the clock starts at nine.
            ("2025-03-15T03:00", "2025-03-15T18:00"),
            ("2025-03-15T00:00", "2025-03-15T18:00"),
            ("2025-03-15T08:59", "2025-03-15T18:00"),
            // By day within the same day, and up to midnight exactly.
            ("2025-03-15T09:00", "2025-03-15T18:00"),
            ("2025-03-15T15:00", "2025-03-16T00:00"),
            ("2025-03-15T15:01", "2025-03-16T09:01"),
            // Across the change to summer time (30 March 2025, 02:00 → 03:00) and back
            // (26 October 2025, 03:00 → 02:00): both inside the hours that do not count.
            ("2025-03-29T22:00", "2025-03-30T16:00"),
            ("2025-10-25T22:00", "2025-10-26T16:00"),
            // Across the turn of the year and a leap day.
            ("2024-12-31T20:00", "2025-01-01T14:00"),
            ("2024-02-28T23:00", "2024-02-29T17:00"),
        ] {
            assert_eq!(
                ophoudtermijn_einde(aanhouding).as_deref(),
                Some(einde),
                "aanhouding {aanhouding}"
            );
        }
        assert_eq!(ophoudtermijn_einde("onzin"), None);
    }

    #[test]
    fn zsm_termijn_en_aftellen() {
        assert_eq!(
            aftellen("2025-03-15T04:00", "2025-03-15T07:15").unwrap().1,
            "nog 3 u 15 min"
        );
        assert_eq!(
            aftellen("2025-03-15T07:20", "2025-03-15T07:15").unwrap(),
            (-5, "5 min verstreken".to_string())
        );
        assert_eq!(dagen_tussen("2025-03-14T22:15", "2025-03-20"), Some(6));
    }

    #[test]
    fn nederlandse_tijd() {
        use time::macros::datetime;
        assert_eq!(lokaal(datetime!(2025-01-10 12:00 UTC)), "2025-01-10T13:00");
        assert_eq!(lokaal(datetime!(2025-07-10 12:00 UTC)), "2025-07-10T14:00");
        // 2025: summer time from 30 March 01:00 UTC until 26 October 01:00 UTC.
        assert_eq!(lokaal(datetime!(2025-03-30 00:59 UTC)), "2025-03-30T01:59");
        assert_eq!(lokaal(datetime!(2025-03-30 01:00 UTC)), "2025-03-30T03:00");
        assert_eq!(lokaal(datetime!(2025-10-26 00:59 UTC)), "2025-10-26T02:59");
        assert_eq!(lokaal(datetime!(2025-10-26 01:00 UTC)), "2025-10-26T02:00");
    }

    #[test]
    fn vergaderdata_volgens_frequentie() {
        let mut o = Overleg {
            id: 1,
            regio_code: crate::gedeeld::RegioCode::OOST_BRABANT,
            naam: "AO".into(),
            weekdag: 4,
            tijd: "14:00".into(),
            frequentie: Frequentie::Wekelijks,
            voorzitter_organisatie_id: org(1),
            voorzitter_naam: String::new(),
            organisaties: vec![],
        };
        // 2026-11-22 is a Sunday; the next Thursdays are 26 Nov, 3 Dec, 10 Dec.
        assert_eq!(
            o.volgende_data("2026-11-22", 3),
            ["2026-11-26", "2026-12-03", "2026-12-10"]
        );
        assert_eq!(o.volgende_data("2026-11-26", 1), ["2026-11-26"]);
        // Fortnightly: even ISO weeks (26 Nov 2026 is in week 48, 3 Dec in week 49).
        o.frequentie = Frequentie::Tweewekelijks;
        assert_eq!(
            o.volgende_data("2026-11-22", 2),
            ["2026-11-26", "2026-12-10"]
        );
        // Monthly: the first Thursday (3 Dec 2026, 7 Jan 2027).
        o.frequentie = Frequentie::Maandelijks;
        assert_eq!(
            o.volgende_data("2026-11-22", 2),
            ["2026-12-03", "2027-01-07"]
        );
    }

    #[test]
    fn zsm_signalen() {
        let mut m = Moment::voorbeeld(1, Soort::Zsm, "2025-03-15T12:00", Status::Open, &[]);
        let zet = |m: &mut Moment, k: &str, v: &str| {
            m.gegevens.insert(k.into(), v.into());
        };
        assert!(
            m.signalen().is_empty(),
            "nothing decided yet, nothing to flag"
        );
        zet(&mut m, "beslissing", "heenzenden");
        zet(&mut m, "kinderen", "ja");
        assert_eq!(m.signalen().len(), 3);
        zet(&mut m, "veiligheidsbeoordeling", "ja");
        zet(&mut m, "vt_geinformeerd", "ja");
        zet(&mut m, "rvdk_betrokken", "ja");
        assert!(m.signalen().is_empty());
        zet(&mut m, "vt_betrokkenheid", "niet");
        assert_eq!(
            m.signalen(),
            ["Veilig Thuis is niet betrokken bij deze HG-zaak."]
        );
        m.soort = Soort::Acuut;
        assert!(m.signalen().is_empty());
    }

    #[test]
    fn afspraak_op_tijd() {
        let mut a = Afspraak::voorbeeld(1, Soort::Actieoverleg, "2025-03-20");
        assert!(a.is_te_laat("2025-03-21"));
        assert!(!a.is_te_laat("2025-03-20"));
        a.status = AfspraakStatus::Gereed;
        a.gereed_op = Some("2025-03-20T18:00:00Z".into());
        assert!(a.op_tijd_gereed());
        a.gereed_op = Some("2025-03-21".into());
        assert!(!a.op_tijd_gereed());
    }
}

// ---- repeat incidents -----------------------------------------------------------------------

/// Per case: whether another case with the same pseudonym started in the 12 months before it
/// (strictly earlier, at most 365 days). Cases without a pseudonym are left out.
/// Input: (casus id, start `YYYY-MM-DDTHH:MM`, pseudonym).
pub fn herhalingen(casussen: &[(i64, String, Option<String>)]) -> BTreeMap<i64, bool> {
    let mut per_persoon: BTreeMap<&str, Vec<(&str, i64)>> = BTreeMap::new();
    for (id, start, p) in casussen {
        if let Some(p) = p {
            per_persoon.entry(p).or_default().push((start, *id));
        }
    }
    let mut uit = BTreeMap::new();
    for lijst in per_persoon.values_mut() {
        lijst.sort_unstable();
        for (i, (start, id)) in lijst.iter().enumerate() {
            let herhaald = i > 0 && {
                let (vorige, _) = lijst[i - 1];
                dagen_tussen(vorige, start).is_some_and(|d| d <= 365)
            };
            uit.insert(*id, herhaald);
        }
    }
    uit
}

#[cfg(test)]
mod herhaling_tests {
    use super::*;

    #[test]
    fn herhaling_binnen_twaalf_maanden() {
        let c = |id, s: &str, p: Option<&str>| (id, s.to_string(), p.map(String::from));
        let h = herhalingen(&[
            c(1, "2024-02-01T10:00", Some("a")),
            c(2, "2025-01-31T10:00", Some("a")), // 365 days later: repeat
            c(3, "2026-02-01T10:00", Some("a")), // 366 days after case 2: not a repeat
            c(4, "2024-05-01T10:00", Some("b")),
            c(5, "2024-05-01T12:00", None),
        ]);
        assert_eq!(h.get(&1), Some(&false));
        assert_eq!(h.get(&2), Some(&true));
        assert_eq!(h.get(&3), Some(&false));
        assert_eq!(h.get(&4), Some(&false));
        assert_eq!(h.get(&5), None);
    }
}

#[cfg(test)]
mod deelname_tests {
    use super::*;

    fn org(n: i64) -> crate::gedeeld::OrganisatieId {
        crate::gedeeld::OrganisatieId(n)
    }

    fn deelnemer(org: OrganisatieId, rol: DeelnemerRol, actief: bool) -> Deelnemer {
        Deelnemer {
            organisatie_id: org,
            organisatie_naam: String::new(),
            organisatie_soort: String::new(),
            rol,
            vanaf: "2025-01-01T10:00:00".into(),
            tot: (!actief).then(|| "2025-01-02T10:00:00".into()),
            einde: (!actief).then_some(DeelnameEinde::Beeindigd),
            beeindigd_door: None,
        }
    }

    #[test]
    fn alleen_eigen_organisatie_of_voorzitter_beeindigt_deelname() {
        // Acuut: Politie (1) inbrenger, VT (2) and OM (3) betrokken, no chair.
        let acuut = [
            deelnemer(org(1), DeelnemerRol::Inbrenger, true),
            deelnemer(org(2), DeelnemerRol::Betrokken, true),
            deelnemer(org(3), DeelnemerRol::Betrokken, true),
        ];
        assert!(
            mag_deelname_beeindigen(&acuut, org(2), org(2)),
            "own participation"
        );
        assert!(
            !mag_deelname_beeindigen(&acuut, org(1), org(2)),
            "inbrenger ends VT's"
        );
        assert!(!mag_deelname_beeindigen(&acuut, org(3), org(1)));
        // Actie-overleg chaired by VT (2): the chair may end others', others only their own.
        let ao = [
            deelnemer(org(1), DeelnemerRol::Inbrenger, true),
            deelnemer(org(2), DeelnemerRol::Voorzitter, true),
            deelnemer(org(3), DeelnemerRol::Vast, true),
        ];
        assert!(mag_deelname_beeindigen(&ao, org(2), org(1)));
        assert!(mag_deelname_beeindigen(&ao, org(2), org(3)));
        assert!(!mag_deelname_beeindigen(&ao, org(1), org(3)));
        assert!(!mag_deelname_beeindigen(&ao, org(3), org(2)));
        // A chair whose participation ended is no longer the chair.
        let ao_zonder = [
            deelnemer(org(1), DeelnemerRol::Inbrenger, true),
            deelnemer(org(2), DeelnemerRol::Voorzitter, false),
        ];
        assert!(!mag_deelname_beeindigen(&ao_zonder, org(2), org(1)));
    }

    #[test]
    fn alleen_eigenaar_of_voorzitter_zet_afspraak_gereed() {
        let acuut = [
            deelnemer(org(1), DeelnemerRol::Inbrenger, true),
            deelnemer(org(2), DeelnemerRol::Betrokken, true),
        ];
        assert!(mag_afspraak_status_zetten(&acuut, org(2), org(2)));
        assert!(!mag_afspraak_status_zetten(&acuut, org(1), org(2)));
        let ao = [
            deelnemer(org(1), DeelnemerRol::Inbrenger, true),
            deelnemer(org(2), DeelnemerRol::Voorzitter, true),
        ];
        assert!(mag_afspraak_status_zetten(&ao, org(2), org(1)));
        assert!(!mag_afspraak_status_zetten(&ao, org(1), org(3)));
        // An owner whose participation ended: no longer (the chair still may).
        let beeindigd = [
            deelnemer(org(1), DeelnemerRol::Inbrenger, true),
            deelnemer(org(2), DeelnemerRol::Betrokken, false),
        ];
        assert!(!mag_afspraak_status_zetten(&beeindigd, org(2), org(2)));
    }

    #[test]
    fn heropenen_herstelt_geen_beeindigde_deelname() {
        assert!(mag_casus_heropenen(
            org(1),
            org(1),
            Some(DeelnameEinde::CasusGesloten)
        ));
        assert!(!mag_casus_heropenen(
            org(1),
            org(1),
            Some(DeelnameEinde::Beeindigd)
        ));
        assert!(
            !mag_casus_heropenen(org(1), org(1), None),
            "still taking part: nothing to reopen"
        );
        assert!(!mag_casus_heropenen(
            org(1),
            org(2),
            Some(DeelnameEinde::CasusGesloten)
        ));
    }
}

/// The aanmeldingen of one referral criterion (as the inbrenger named it) and what the
/// voorbespreking made of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CriteriumTelling {
    pub code: &'static str,
    pub label: &'static str,
    pub aangemeld: usize,
    /// Decided in the voorbespreking (accepted or rejected).
    pub besloten: usize,
    pub geaccepteerd: usize,
}

impl CriteriumTelling {
    /// A count as shown: below `drempel` (and not zero) "<drempel", so no case can be singled
    /// out.
    pub fn getal(n: usize, drempel: u64) -> String {
        if n > 0 && (n as u64) < drempel {
            format!("<{drempel}")
        } else {
            n.to_string()
        }
    }
    /// The share accepted of those decided, as a whole percentage; none when the decided are
    /// fewer than `drempel`, or when the accepted or the rejected are (a small number could
    /// be derived from it).
    pub fn aandeel(&self, drempel: u64) -> Option<u64> {
        let (ja, n) = (self.geaccepteerd as u64, self.besloten as u64);
        let nee = n - ja;
        let klein = |x: u64| x > 0 && x < drempel;
        (n >= drempel && !klein(ja) && !klein(nee)).then(|| (ja * 100 + n / 2) / n)
    }
}

/// Aanmeldingen per referral criterion (`velden::CRITERIA`) among Actie-overleg moments, with
/// those decided and accepted: the indicator "share of aanmeldingen accepted per criterion".
/// Moments without a criterion (registered before it existed) are left out.
pub fn criteria_telling(momenten: &[Moment]) -> Vec<CriteriumTelling> {
    super::velden::CRITERIA
        .iter()
        .map(|(code, label)| {
            let eigen = momenten
                .iter()
                .filter(|m| m.soort == Soort::Actieoverleg && m.waarde("criterium") == *code);
            let mut t = CriteriumTelling {
                code,
                label,
                aangemeld: 0,
                besloten: 0,
                geaccepteerd: 0,
            };
            for m in eigen {
                t.aangemeld += 1;
                // As the indicator counts it: every status after "ingediend" is a decision.
                if !matches!(m.status, Status::Ingediend | Status::Open) {
                    t.besloten += 1;
                    if m.status != Status::Afgewezen {
                        t.geaccepteerd += 1;
                    }
                }
            }
            t
        })
        .collect()
}

#[cfg(test)]
mod criteria_tests {
    use super::*;

    fn aanmelding(id: i64, criterium: &str, status: Status) -> Moment {
        let mut gegevens = BTreeMap::new();
        if !criterium.is_empty() {
            gegevens.insert("criterium".to_string(), criterium.to_string());
        }
        Moment {
            id: crate::gedeeld::MomentId(id),
            casus_id: crate::gedeeld::CasusId(id),
            regio_code: crate::gedeeld::RegioCode::parse("oost-brabant").unwrap(),
            soort: Soort::Actieoverleg,
            tijdstip: "2025-03-01T10:00".into(),
            status,
            gegevens,
            heeft_pseudoniem: false,
            vergadering_id: None,
            vergadering_datum: None,
            casus_status: "open".into(),
            gewist: false,
            aangemaakt_door_organisatie: OrganisatieId(1),
            aangemaakt_op: "2025-03-01T10:00:00Z".into(),
            overleg_id: None,
        }
    }

    #[test]
    fn aanmeldingen_per_criterium_met_onderdrukking() {
        let mut m = vec![];
        // Eight "vroegtijdig": six accepted, two waiting; two "veiligheid": one rejected.
        for i in 0..6 {
            m.push(aanmelding(i, "vroegtijdig_afstemmen", Status::Besproken));
        }
        m.push(aanmelding(6, "vroegtijdig_afstemmen", Status::Ingediend));
        m.push(aanmelding(7, "vroegtijdig_afstemmen", Status::Ingediend));
        m.push(aanmelding(8, "veiligheid_gezamenlijk", Status::Afgewezen));
        m.push(aanmelding(9, "veiligheid_gezamenlijk", Status::Ingediend));
        m.push(aanmelding(10, "", Status::Besproken));
        let t = criteria_telling(&m);
        assert_eq!(t.len(), crate::casus::velden::CRITERIA.len());
        let v = &t[0];
        assert_eq!((v.aangemeld, v.besloten, v.geaccepteerd), (8, 6, 6));
        assert_eq!(v.aandeel(5), Some(100));
        let w = &t[1];
        assert_eq!((w.aangemeld, w.besloten, w.geaccepteerd), (2, 1, 0));
        assert_eq!(w.aandeel(5), None, "fewer than 5 decided");
        assert_eq!(CriteriumTelling::getal(2, 5), "<5");
        assert_eq!(CriteriumTelling::getal(0, 5), "0");
        // Seven decided with 2 rejected: the share would reveal the small number.
        let x = CriteriumTelling {
            code: "x",
            label: "x",
            aangemeld: 7,
            besloten: 7,
            geaccepteerd: 5,
        };
        assert_eq!(x.aandeel(5), None);
        assert_eq!(x.aandeel(2), Some(71));
    }
}

#[cfg(test)]
mod termijn_tests {
    use super::*;

    #[test]
    fn beslissing_binnen_of_na_de_negen_uur() {
        let mut m = Moment {
            id: crate::gedeeld::MomentId(1),
            casus_id: crate::gedeeld::CasusId(1),
            regio_code: crate::gedeeld::RegioCode::parse("oost-brabant").unwrap(),
            soort: Soort::Zsm,
            // Arrested at 22:00: the term ends at 16:00 the next day (art. 56a Sv).
            tijdstip: "2025-03-03T22:00".into(),
            status: Status::Open,
            gegevens: BTreeMap::new(),
            heeft_pseudoniem: false,
            vergadering_id: None,
            vergadering_datum: None,
            casus_status: "open".into(),
            gewist: false,
            aangemaakt_door_organisatie: OrganisatieId(1),
            aangemaakt_op: String::new(),
            overleg_id: None,
        };
        assert_eq!(m.beslissing_binnen_termijn(), None, "no decision yet");
        for (beslissing, binnen) in [
            ("2025-03-04T15:30", true),
            ("2025-03-04 16:00", true),
            ("2025-03-04T16:01", false),
        ] {
            m.gegevens
                .insert("beslissing_tijdstip".into(), beslissing.into());
            assert_eq!(m.beslissing_binnen_termijn(), Some(binnen), "{beslissing}");
        }
        m.soort = Soort::Acuut;
        assert_eq!(m.beslissing_binnen_termijn(), None, "only ZSM");
    }
}
