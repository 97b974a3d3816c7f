//! One fictional afstemmingsmoment of each kind, with the process fields the indicators read
//! (src/indicatoren/mod.rs) drawn from distributions that depend on the region's maturity
//! `q` (0 weak … 1 strong): VT on site, response times, ZSM contact (worse in the weekend),
//! safety assessments before the decision, Actie-overleg rejections, lead times, afspraken on
//! time and feedback, SSK time to the OM consultation. Nothing happens after [`PEILDATUM`].

use super::{PEILDATUM, Rng, tussen};
use crate::casus::model::{AfspraakSoort, AfspraakStatus, Dagdeel, DeelnemerRol, Soort, Status};
use std::collections::BTreeMap;
use time::{Date, Duration, PrimitiveDateTime, Time, Weekday};

pub type Tijd = PrimitiveDateTime;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Partner {
    Vt,
    Politie,
    Om,
    Rvdk,
    Driero,
}

#[derive(Debug, Clone)]
pub struct AfspraakGen {
    pub eigenaar: Partner,
    pub soort: AfspraakSoort,
    pub aangemaakt: Date,
    pub deadline: Date,
    pub status: AfspraakStatus,
    pub gereed: Option<Date>,
}

#[derive(Debug, Clone)]
pub struct MomentGen {
    pub soort: Soort,
    pub tijdstip: Tijd,
    pub status: Status,
    pub velden: BTreeMap<&'static str, String>,
    pub door: Partner,
    /// Participations besides the registering organisation (and the chair).
    pub rollen: Vec<(Partner, DeelnemerRol, Tijd)>,
    pub afspraken: Vec<AfspraakGen>,
    pub vergadering: Option<Date>,
    pub geregistreerd: Tijd,
    pub laatst: Date,
}

impl MomentGen {
    pub(super) fn new(soort: Soort, tijdstip: Tijd, door: Partner) -> Self {
        Self {
            soort,
            tijdstip,
            status: soort.begin_status(),
            velden: BTreeMap::new(),
            door,
            rollen: vec![],
            afspraken: vec![],
            vergadering: None,
            geregistreerd: tijdstip,
            laatst: tijdstip.date(),
        }
    }
    pub(super) fn zet(&mut self, code: &'static str, waarde: impl Into<String>) {
        self.velden.insert(code, waarde.into());
    }
    pub(super) fn janee(&mut self, code: &'static str, ja: bool) {
        self.zet(code, if ja { "ja" } else { "nee" });
    }
    pub(super) fn gebeurd(&mut self, d: Date) {
        self.laatst = self.laatst.max(d);
    }
    pub(super) fn rol(&mut self, p: Partner, rol: DeelnemerRol, vanaf: Tijd) {
        self.rollen.push((p, rol, vanaf));
    }
    pub fn heeft_open_afspraak(&self) -> bool {
        self.afspraken
            .iter()
            .any(|a| a.status == AfspraakStatus::Open)
    }
    pub(super) fn afspraak(&mut self, a: AfspraakGen) {
        if let Some(g) = a.gereed {
            self.gebeurd(g);
        }
        self.afspraken.push(a);
    }
    /// Finished on the last completed afspraak (at least `vanaf`), if that is not in the future.
    pub(super) fn afronden(&mut self, vanaf: Date) {
        let klaar = self
            .afspraken
            .iter()
            .filter_map(|a| a.gereed)
            .max()
            .unwrap_or(vanaf)
            .max(vanaf);
        if klaar <= PEILDATUM {
            self.status = Status::Afgerond;
            self.zet("afgerond_op", dag(klaar));
            self.gebeurd(klaar);
        }
    }
}

/// The region-year a moment is drawn in.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    /// Maturity 0..1 of the region in this year.
    pub q: f64,
    /// How much weaker the region is in the weekend (0..1).
    pub weekend: f64,
    pub van: Date,
    pub tot: Date,
}

// ---- time helpers ---------------------------------------------------------------------------

pub fn dag(d: Date) -> String {
    super::dag_tekst(d)
}

pub fn tijd(t: Tijd) -> String {
    format!("{}T{:02}:{:02}", dag(t.date()), t.hour(), t.minute())
}

pub fn plus_dagen(d: Date, n: i64) -> Date {
    d + Duration::days(n)
}

pub fn plus_min(t: Tijd, n: i64) -> Tijd {
    t + Duration::minutes(n)
}

fn is_weekend(d: Date) -> bool {
    matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday)
}

pub fn werkdag_vanaf(mut d: Date) -> Date {
    while is_weekend(d) {
        d = plus_dagen(d, 1);
    }
    d
}

pub fn om(d: Date, uur: u8) -> Tijd {
    PrimitiveDateTime::new(d, Time::from_hms(uur, 0, 0).expect("valid hour"))
}

/// A random moment in `[van, tot]` in the given part of the week.
pub fn tijdstip_in(rng: &mut Rng, dagdeel: Dagdeel, van: Date, tot: Date) -> Tijd {
    let span = (tot - van).whole_days().max(0);
    let mut d = plus_dagen(van, rng.tussen(0, span));
    for _ in 0..14 {
        if is_weekend(d) == (dagdeel == Dagdeel::Weekend) {
            break;
        }
        d = plus_dagen(van, rng.tussen(0, span));
    }
    let uur: u8 = match (dagdeel, is_weekend(d)) {
        (Dagdeel::Werkdag, false) => {
            rng.kies(&[8, 9, 9, 10, 10, 11, 11, 12, 13, 13, 14, 14, 15, 15, 16])
        }
        (Dagdeel::Avond, false) => rng.kies(&[
            17, 17, 18, 18, 19, 19, 20, 20, 21, 21, 22, 22, 23, 0, 1, 2, 5, 6, 7,
        ]),
        _ => rng.kies(&[
            0, 1, 2, 3, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 20, 21, 21, 22, 22, 23,
        ]),
    };
    PrimitiveDateTime::new(
        d,
        Time::from_hms(uur, rng.tussen(0, 59) as u8, 0).expect("valid time"),
    )
}

fn dagdeel_van(t: Tijd) -> Dagdeel {
    crate::casus::model::dagdeel(&tijd(t)).unwrap_or(Dagdeel::Werkdag)
}

/// How an afspraak made on `aangemaakt` ended: recent ones are often still open; a few older
/// ones were forgotten; stronger regions finish more on time. Nothing is done after the
/// reference date.
pub(super) fn afloop(
    rng: &mut Rng,
    q: f64,
    eigenaar: Partner,
    soort: AfspraakSoort,
    aangemaakt: Date,
    termijn: (i64, i64),
) -> AfspraakGen {
    let deadline = plus_dagen(aangemaakt, rng.tussen(termijn.0, termijn.1));
    let open_kans = if aangemaakt >= plus_dagen(PEILDATUM, -38) {
        35.0
    } else {
        tussen(q, 4.0, 1.0)
    };
    let (status, gereed) = if rng.kans(open_kans) {
        (AfspraakStatus::Open, None)
    } else if rng.kans(4.0) {
        (AfspraakStatus::Vervallen, None)
    } else if rng.kans(tussen(q, 58.0, 90.0)) {
        let ruimte = (deadline - aangemaakt).whole_days().max(1);
        let g = plus_dagen(aangemaakt, rng.tussen(1, ruimte));
        (AfspraakStatus::Gereed, Some(g))
    } else {
        let g = plus_dagen(deadline, rng.tussen(1, 28));
        (AfspraakStatus::Gereed, Some(g))
    };
    let (status, gereed) = match gereed {
        Some(g) if g > PEILDATUM => (AfspraakStatus::Open, None),
        _ => (status, gereed),
    };
    AfspraakGen {
        eigenaar,
        soort,
        aangemaakt,
        deadline,
        status,
        gereed,
    }
}

// ---- Samen op in acuut ----------------------------------------------------------------------

pub fn acuut(rng: &mut Rng, c: &Context) -> MomentGen {
    let q = c.q;
    let dagdeel = rng.gewogen(&[
        (Dagdeel::Werkdag, 25.0),
        (Dagdeel::Weekend, 30.0),
        (Dagdeel::Avond, 45.0),
    ]);
    let t = tijdstip_in(rng, dagdeel, c.van, c.tot);
    let mut m = MomentGen::new(Soort::Acuut, t, Partner::Politie);
    let reactie = if dagdeel == Dagdeel::Werkdag {
        rng.gewogen(&[
            ("ter_plaatse", tussen(q, 28.0, 58.0)),
            ("teams", 15.0),
            ("telefonisch", tussen(q, 47.0, 25.0)),
            ("geen", tussen(q, 10.0, 2.0)),
        ])
    } else {
        rng.gewogen(&[
            ("ter_plaatse", tussen(q, 3.0, 16.0)),
            ("teams", 10.0),
            ("telefonisch", 72.0),
            ("geen", tussen(q, 15.0, 4.0) * (1.0 + c.weekend)),
        ])
    };
    m.zet("reactie", reactie);
    let traag = 1.0 + (1.0 - q) * 0.8;
    let respons = match reactie {
        "telefonisch" => rng.tussen(3, (30.0 * traag) as i64),
        "teams" => rng.tussen(8, (35.0 * traag) as i64),
        "ter_plaatse" => rng.tussen(30, (110.0 * traag) as i64),
        _ => 0,
    };
    if reactie != "geen" {
        m.zet("reactie_tijdstip", tijd(plus_min(t, respons)));
    }
    let beoordeling = reactie != "geen" && !rng.kans(tussen(q, 8.0, 2.0));
    m.janee("veiligheidsbeoordeling", beoordeling);
    let mut maatregelen = vec![];
    for (code, kans) in [
        ("thv", tussen(q, 10.0, 17.0)),
        ("aanhouding", 38.0),
        ("vrijwillig_vertrek", 15.0),
        ("opvang", 8.0),
        ("hulpverlening", 40.0),
        ("veiligheidsplan", if beoordeling { 35.0 } else { 0.0 }),
        ("overig", 4.0),
    ] {
        if rng.kans(kans) {
            maatregelen.push(code);
        }
    }
    if !maatregelen.is_empty() {
        m.zet("maatregelen", maatregelen.join(","));
    }
    if rng.kans(tussen(q, 58.0, 92.0)) {
        let melding = plus_dagen(t.date(), rng.tussen(0, 4));
        if melding <= PEILDATUM {
            m.zet("vt_melding_datum", dag(melding));
            m.janee("vt_melding_verwijst", rng.kans(tussen(q, 62.0, 94.0)));
            m.status = Status::Afgerond;
            m.zet("afgerond_op", dag(melding));
            m.gebeurd(melding);
        }
    }
    m.geregistreerd = plus_min(t, rng.tussen(30, 180));
    m.rol(Partner::Vt, DeelnemerRol::Betrokken, m.geregistreerd);
    m
}

// ---- HG met VT & ZSM --------------------------------------------------------------------------

const TWIJFELS: [&str; 3] = [
    "Fictief: geweld tussen ex-partners die niet samenwonen: hoort hier een VT-melding bij?",
    "Fictief: twee minderjarige verdachten; radarfunctie van VT of niet?",
    "Fictief: incident tussen volwassen broers zonder kinderen in huis; HG-duiding onduidelijk.",
];

pub fn zsm(rng: &mut Rng, c: &Context, t: Tijd, thv_opgelegd: bool) -> MomentGen {
    let q = c.q;
    let dagdeel = dagdeel_van(t);
    let fysiek = matches!(
        t.weekday(),
        Weekday::Wednesday | Weekday::Thursday | Weekday::Friday
    ) || (q > 0.6 && t.weekday() == Weekday::Tuesday);
    let w = 1.0 - c.weekend * 0.5;
    let betrokkenheid = match dagdeel {
        Dagdeel::Werkdag if fysiek => rng.gewogen(&[
            ("aan_tafel", tussen(q, 68.0, 90.0)),
            ("telefonisch", tussen(q, 22.0, 9.0)),
            ("niet", tussen(q, 10.0, 1.0)),
        ]),
        Dagdeel::Werkdag => rng.gewogen(&[
            ("telefonisch", tussen(q, 80.0, 96.0)),
            ("niet", tussen(q, 20.0, 4.0)),
        ]),
        Dagdeel::Avond => rng.gewogen(&[
            ("telefonisch", tussen(q, 48.0, 80.0)),
            ("niet", tussen(q, 52.0, 20.0)),
        ]),
        Dagdeel::Weekend => {
            let tel = tussen(q, 32.0, 70.0) * w;
            rng.gewogen(&[("telefonisch", tel), ("niet", 100.0 - tel)])
        }
    };
    let contact = match betrokkenheid {
        "aan_tafel" => true,
        "telefonisch" if dagdeel == Dagdeel::Weekend => rng.kans(tussen(q, 48.0, 84.0) * w),
        "telefonisch" => rng.kans(tussen(q, 76.0, 95.0)),
        _ => false,
    };
    let beoordeling = contact && rng.kans(92.0);
    let beslissing_t = if rng.kans(tussen(q, 15.0, 3.0)) {
        plus_min(t, rng.tussen(545, 720))
    } else {
        plus_min(t, rng.tussen(180, 520))
    };
    let beoordeling_t = beoordeling.then(|| {
        if rng.kans(tussen(q, 20.0, 4.0)) {
            plus_min(beslissing_t, rng.tussen(20, 120))
        } else {
            let ruimte = (beslissing_t - t).whole_minutes() - 20;
            plus_min(t, rng.tussen(45, ruimte.max(60)))
        }
    });
    let afdoeningsoverleg = match betrokkenheid {
        "aan_tafel" => rng.kans(95.0),
        "telefonisch" => contact && rng.kans(tussen(q, 32.0, 68.0)),
        _ => false,
    };
    let vrijlating = rng.kans(45.0);
    let beslissing = if vrijlating {
        let kans = if beoordeling {
            tussen(q, 68.0, 90.0)
        } else {
            tussen(q, 28.0, 50.0)
        };
        if rng.kans(kans) {
            "heenzenden_voorwaarden"
        } else {
            "heenzenden"
        }
    } else {
        rng.gewogen(&[
            ("voorgeleiden", 35.0),
            ("om_zitting", 18.0),
            ("strafbeschikking", 14.0),
            ("dagvaarden", 18.0),
            ("snelrecht", 6.0),
            ("sepot", 6.0),
            ("anders", 3.0),
        ])
    };
    let voorwaarden = match beslissing {
        "heenzenden_voorwaarden" => true,
        "voorgeleiden" => rng.kans(50.0),
        "strafbeschikking" => rng.kans(20.0),
        _ => false,
    };
    let geinformeerd: Option<(&str, Tijd)> = if afdoeningsoverleg {
        Some(("vt_zelf", beslissing_t))
    } else if contact && rng.kans(tussen(q, 64.0, 92.0)) {
        let door = rng.gewogen(&[("om", 45.0), ("3ro", 30.0), ("politie", 25.0)]);
        Some((door, plus_min(beslissing_t, rng.tussen(30, 1200))))
    } else if !contact && rng.kans(tussen(q, 10.0, 30.0)) {
        let door = rng.gewogen(&[("om", 50.0), ("politie", 50.0)]);
        Some((door, plus_min(beslissing_t, rng.tussen(120, 2880))))
    } else {
        None
    };
    let geinformeerd = geinformeerd.filter(|(_, w)| w.date() <= PEILDATUM);
    let thv = if thv_opgelegd {
        "opgelegd"
    } else {
        rng.gewogen(&[
            ("geen", 70.0),
            ("in_onderzoek", 10.0),
            ("opgelegd", 8.0),
            ("eerder_opgelegd", 12.0),
        ])
    };
    let advies_3ro = match beslissing {
        "heenzenden" | "heenzenden_voorwaarden" => {
            if rng.kans(tussen(q, 62.0, 90.0)) {
                "hg_spreekuur"
            } else {
                "niet_gevraagd"
            }
        }
        "voorgeleiden" | "om_zitting" => rng.gewogen(&[
            ("gevraagd", 40.0),
            ("gegeven", 40.0),
            ("niet_gevraagd", 20.0),
        ]),
        _ => rng.gewogen(&[("niet_gevraagd", 80.0), ("gevraagd", 20.0)]),
    };
    let kinderen = rng.gewogen(&[("ja", 40.0), ("nee", 45.0), ("onbekend", 15.0)]);
    let rvdk = kinderen == "ja" && rng.kans(tussen(q, 42.0, 72.0));

    let door = if betrokkenheid == "aan_tafel" && rng.kans(35.0) {
        Partner::Vt
    } else {
        Partner::Om
    };
    let mut m = MomentGen::new(Soort::Zsm, t, door);
    m.zet("vt_betrokkenheid", betrokkenheid);
    m.janee("contact_gezocht", contact || betrokkenheid != "niet");
    m.janee("contact_verkregen", contact);
    m.janee("veiligheidsbeoordeling", beoordeling);
    if let Some(b) = beoordeling_t {
        m.zet("beoordeling_tijdstip", tijd(b));
    }
    m.janee("vt_afdoeningsoverleg", afdoeningsoverleg);
    m.zet("beslissing", beslissing);
    m.zet("beslissing_tijdstip", tijd(beslissing_t));
    m.janee("veiligheidsvoorwaarden", voorwaarden);
    match geinformeerd {
        Some((door, wanneer)) => {
            m.zet("vt_geinformeerd", "ja");
            m.zet("vt_geinformeerd_door", door);
            m.zet("vt_geinformeerd_tijdstip", tijd(wanneer));
            m.gebeurd(wanneer.date());
        }
        None => m.zet("vt_geinformeerd", "nee"),
    }
    m.zet("thv", thv);
    m.zet("advies_3ro", advies_3ro);
    m.zet("kinderen", kinderen);
    m.janee("rvdk_betrokken", rvdk);
    let mut punten = vec![];
    if rng.kans(tussen(q, 75.0, 97.0)) {
        punten.push("hg_duiding");
    }
    if afdoeningsoverleg || (contact && rng.kans(50.0)) {
        punten.push("vt_uitgenodigd");
    }
    if beoordeling_t.is_some_and(|b| b <= beslissing_t) {
        punten.push("vt_beoordeling");
    }
    if kinderen == "ja" {
        punten.push("kinderen");
    }
    if thv != "geen" {
        punten.push("thv");
    }
    if vrijlating || voorwaarden {
        punten.push("voorwaarden");
    }
    if advies_3ro != "niet_gevraagd" {
        punten.push("3ro");
    }
    if geinformeerd.is_some() {
        punten.push("terugkoppeling");
    }
    m.zet("aandachtspunten", punten.join(","));
    if rng.kans(6.0) {
        m.zet("twijfel", "ja");
        m.zet("twijfel_notitie", rng.kies(&TWIJFELS));
    }
    m.geregistreerd = plus_min(t, rng.tussen(40, 120));
    let ander = if door == Partner::Vt {
        Partner::Om
    } else {
        Partner::Vt
    };
    if betrokkenheid != "niet" || door == Partner::Vt {
        m.rol(ander, DeelnemerRol::Betrokken, m.geregistreerd);
    }
    m.rol(Partner::Politie, DeelnemerRol::Betrokken, m.geregistreerd);
    if advies_3ro != "niet_gevraagd" {
        m.rol(Partner::Driero, DeelnemerRol::Betrokken, m.geregistreerd);
    }
    if rvdk {
        m.rol(Partner::Rvdk, DeelnemerRol::Betrokken, m.geregistreerd);
    }
    let d = beslissing_t.date();
    m.gebeurd(d.min(PEILDATUM));
    if contact && rng.kans(tussen(q, 12.0, 30.0)) {
        let a = afloop(rng, q, Partner::Vt, AfspraakSoort::Direct, d, (3, 7));
        m.afspraak(a);
    }
    if !m.heeft_open_afspraak() && (geinformeerd.is_some() || rng.kans(50.0)) {
        let vanaf = plus_dagen(d, rng.tussen(0, 10));
        m.afronden(vanaf);
    }
    m
}
