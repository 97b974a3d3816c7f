//! The process registrations of the national demo, one region and year at a time: the
//! Actie-overleggen with their weekly meetings and attendance, and the cases with their
//! moments, participations, afspraken and (for open cases) fictional personal data. Persons
//! recur within a region (repeat incidents through the shared pseudonym); cases closed before
//! the retention limit are stored erased, with their repeat flag frozen, as retention leaves
//! them.

use super::auditlog::{Auditlog, Gebeurtenis, Wat};
use super::momenten::{self as m, Context, MomentGen, Partner, Tijd};
use super::organisaties::{Netwerk, RegioNet};
use super::teksten::{afspraak_tekst, identiteit, persoonsgegevens};
use super::{Opties, PEILDATUM, Rng, Samenvatting, tussen};
use crate::casus::model::{DeelnemerRol, Soort, Status};
use crate::config::{DEMO_SLEUTEL, Sleutel};
use crate::db::bulk::{Bulk, Cel, volgende_id};
use crate::db::{Conn, Db};
use crate::error::AppResult;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;
use time::{Date, Month};

/// One Actie-overleg (of one Veilig Thuis organisation) and its meetings.
struct Overleg {
    id: i64,
    vt: usize,
    /// (date, vergadering id), in order.
    vergaderingen: Vec<(Date, i64)>,
}

/// Who recurs in a region: person numbers with the day of their latest case.
#[derive(Default)]
struct Personen {
    volgende: u64,
    /// (day number of a case start, person), in order of the start.
    recent: Vec<(i32, u64)>,
    laatste: HashMap<u64, i32>,
    gewist: HashSet<u64>,
}

struct Casus {
    vt: usize,
    /// Adult (false) or child (true); `None`: no person identified.
    kind: Option<bool>,
    momenten: Vec<MomentGen>,
}

impl Casus {
    fn start(&self) -> Tijd {
        self.momenten[0].tijdstip
    }
}

pub struct Generator {
    o: Opties,
    net: Netwerk,
    sleutel: Sleutel,
    /// Per region: base maturity and weekend weakness.
    profiel: Vec<(f64, f64)>,
    overleggen: Vec<Vec<Overleg>>,
    personen: Vec<Personen>,
    ids: BTreeMap<&'static str, i64>,
    /// What the staff did, written to the audit log in time order (see `auditlog`).
    pub audit: Auditlog,
}

const TABELLEN: [&str; 6] = [
    "casus",
    "moment",
    "moment_deelnemer",
    "afspraak",
    "overleg",
    "vergadering",
];

/// Cases closed before this date are erased (the default retention of 24 months).
fn retentiegrens() -> Date {
    Date::from_calendar_date(PEILDATUM.year() - 2, PEILDATUM.month(), PEILDATUM.day())
        .expect("valid date")
}

/// Local Dutch time → the UTC text of `aangemaakt_op` and the like (CET/CEST by date).
fn utc(t: Tijd) -> String {
    format!("{}:00Z", m::tijd(utc_tijd(t)))
}

/// Local Dutch time → UTC (CET/CEST by date).
fn utc_tijd(t: Tijd) -> Tijd {
    let laatste_zondag = |maand| {
        let mut d = Date::from_calendar_date(t.year(), maand, 31).expect("31 days");
        while d.weekday() != time::Weekday::Sunday {
            d = d.previous_day().expect("not the first day");
        }
        d
    };
    let d = t.date();
    let zomer = d >= laatste_zondag(Month::March) && d < laatste_zondag(Month::October);
    t - time::Duration::hours(if zomer { 2 } else { 1 })
}

impl Generator {
    pub async fn new(db: &Db, o: &Opties, net: &Netwerk) -> AppResult<Self> {
        let mut conn = db.acquire().await?;
        let mut ids = BTreeMap::new();
        for t in TABELLEN {
            ids.insert(t, volgende_id(&mut conn, t).await?);
        }
        let mut rng = Rng::new(o.seed, 0xca5e);
        let profiel = net
            .regios
            .iter()
            .map(|_| {
                (
                    0.2 + rng.onder(55) as f64 / 100.0,
                    rng.onder(60) as f64 / 100.0,
                )
            })
            .collect();
        Ok(Self {
            o: o.clone(),
            net: net.clone(),
            sleutel: Sleutel::new(DEMO_SLEUTEL.as_bytes()),
            profiel,
            overleggen: net.regios.iter().map(|_| vec![]).collect(),
            personen: net.regios.iter().map(|_| Personen::default()).collect(),
            ids,
            audit: Auditlog::default(),
        })
    }

    fn id(&mut self, tabel: &'static str) -> i64 {
        let v = self.ids.get_mut(tabel).expect("known table");
        *v += 1;
        *v - 1
    }

    /// One weekly Actie-overleg per Veilig Thuis organisation of region `r`, meeting from the
    /// first year to the reference date (not between Christmas and New Year).
    pub async fn vergaderingen(
        &mut self,
        conn: &mut Conn,
        r: usize,
        eerste_jaar: i32,
        s: &mut Samenvatting,
    ) -> AppResult<()> {
        let regio = self.net.regios[r].clone();
        let mut overleg = Bulk::new(
            "overleg",
            &[
                "id",
                "regio_code",
                "naam",
                "weekdag",
                "tijd",
                "frequentie",
                "voorzitter_organisatie_id",
            ],
        );
        let mut leden = Bulk::new(
            "overleg_organisatie",
            &["overleg_id", "organisatie_id", "wijze"],
        );
        let mut vergadering = Bulk::new("vergadering", &["id", "overleg_id", "datum"]);
        for (vi, (vt, gebied)) in regio.vt.iter().enumerate() {
            let id = self.id("overleg");
            // Tuesday, Wednesday or Thursday.
            let weekdag = 2 + ((r + vi) % 3) as u8;
            overleg.rij(vec![
                Cel::I(id),
                regio.code.into(),
                format!("Actie-overleg {gebied} (demo)").into(),
                Cel::I(i64::from(weekdag)),
                "14:00".into(),
                "wekelijks".into(),
                Cel::I(*vt),
            ]);
            for (org, wijze) in [
                (*vt, "vast"),
                (regio.politie, "vast"),
                (regio.om, "vast"),
                (regio.rvdk, "op_afroep"),
                (regio.driero, "op_afroep"),
            ] {
                leden.rij(vec![Cel::I(id), Cel::I(org), wijze.into()]);
            }
            let mut d = Date::from_calendar_date(eerste_jaar, Month::January, 2).expect("date");
            while d.weekday().number_from_monday() != weekdag {
                d = m::plus_dagen(d, 1);
            }
            let mut data = vec![];
            while d <= PEILDATUM {
                let kerst = d.month() == Month::December && d.day() >= 24;
                if !kerst {
                    let vid = self.id("vergadering");
                    vergadering.rij(vec![Cel::I(vid), Cel::I(id), m::dag(d).into()]);
                    data.push((d, vid));
                }
                d = m::plus_dagen(d, 7);
            }
            self.overleggen[r].push(Overleg {
                id,
                vt: vi,
                vergaderingen: data,
            });
        }
        overleg.schrijf(conn).await?;
        leden.schrijf(conn).await?;
        vergadering.schrijf(conn).await?;
        s.vergaderingen += vergadering.geschreven;
        Ok(())
    }

    /// Generates and stores one region's registrations of one year.
    pub async fn regio_jaar(
        &mut self,
        conn: &mut Conn,
        r: usize,
        jaar: i32,
        s: &mut Samenvatting,
    ) -> AppResult<()> {
        let regio = self.net.regios[r].clone();
        let (basis, weekend) = self.profiel[r];
        let mut rng = Rng::new(self.o.seed, ((r as u64) << 16) ^ jaar as u64);
        let van = Date::from_calendar_date(jaar, Month::January, 1).expect("date");
        let eind = Date::from_calendar_date(jaar, Month::December, 31)
            .expect("date")
            .min(PEILDATUM);
        let c = Context {
            // Regions improve by about five points a year.
            q: (basis - 0.05 * f64::from(PEILDATUM.year() - jaar)).clamp(0.0, 1.0),
            weekend,
            van,
            tot: eind.min(m::plus_dagen(PEILDATUM, -3)),
        };
        let deel = ((eind - van).whole_days() + 1) as f64 / 365.0;
        let trend = 1.0 + 0.03 * f64::from(jaar - PEILDATUM.year());
        let aantal = |soort: Soort| -> usize {
            let per_jaar = super::LANDELIJK_PER_JAAR
                .iter()
                .find(|(k, _)| *k == soort)
                .map_or(0.0, |(_, n)| f64::from(*n));
            let x = per_jaar * f64::from(regio.gewicht) / 100.0 * f64::from(self.o.volume) / 100.0
                * trend
                * deel;
            (x.round() as usize).max(1)
        };
        let n_vt = regio.vt.len();
        let vt_van = |rng: &mut Rng| {
            // A case's gemeente decides its Veilig Thuis (the gemeenten in blocks per area).
            let g = rng.onder(regio.gemeenten.len() as u64) as usize;
            g * n_vt / regio.gemeenten.len()
        };
        let mut casussen: Vec<Casus> = vec![];
        let mut zsm_gekoppeld = 0;
        for _ in 0..aantal(Soort::Acuut) {
            let vt = vt_van(&mut rng);
            let a = m::acuut(&mut rng, &c);
            let maatregelen = a.velden.get("maatregelen").cloned().unwrap_or_default();
            let mut momenten = vec![a];
            if maatregelen.contains("aanhouding") && rng.kans(55.0) {
                let t = m::plus_min(momenten[0].tijdstip, rng.tussen(15, 45));
                momenten.push(m::zsm(&mut rng, &c, t, maatregelen.contains("thv")));
                zsm_gekoppeld += 1;
            }
            let kind = rng.kans(90.0).then_some(false);
            casussen.push(Casus { vt, kind, momenten });
        }
        for _ in 0..aantal(Soort::Zsm).saturating_sub(zsm_gekoppeld) {
            let vt = vt_van(&mut rng);
            let dagdeel = rng.gewogen(&[
                (crate::casus::model::Dagdeel::Werkdag, 40.0),
                (crate::casus::model::Dagdeel::Avond, 35.0),
                (crate::casus::model::Dagdeel::Weekend, 25.0),
            ]);
            let t = m::tijdstip_in(&mut rng, dagdeel, c.van, c.tot);
            let z = m::zsm(&mut rng, &c, t, false);
            casussen.push(Casus {
                vt,
                kind: Some(false),
                momenten: vec![z],
            });
        }
        for _ in 0..aantal(Soort::Actieoverleg) {
            let vt = vt_van(&mut rng);
            let data: Vec<Date> = self.overleggen[r][vt]
                .vergaderingen
                .iter()
                .map(|(d, _)| *d)
                .collect();
            let a = super::aanmelding::actieoverleg(&mut rng, &c, &regio.vt[vt].1, &data);
            casussen.push(Casus {
                vt,
                kind: Some(false),
                momenten: vec![a],
            });
        }
        for _ in 0..aantal(Soort::Ssk) {
            let vt = vt_van(&mut rng);
            let k = super::aanmelding::ssk(&mut rng, &c);
            let kind = (k.velden.get("anoniem").map(String::as_str) != Some("ja")).then_some(true);
            casussen.push(Casus {
                vt,
                kind,
                momenten: vec![k],
            });
        }
        casussen.sort_by_key(Casus::start);
        self.opslaan(conn, (r, jaar), &regio, casussen, &mut rng, s)
            .await
    }

    /// Assigns persons, closes and erases, and writes the rows of one region-year.
    async fn opslaan(
        &mut self,
        conn: &mut Conn,
        (r, jaar): (usize, i32),
        regio: &RegioNet,
        casussen: Vec<Casus>,
        rng: &mut Rng,
        s: &mut Samenvatting,
    ) -> AppResult<()> {
        let grens = retentiegrens();
        let herhaal_kans = tussen(self.profiel[r].0, 16.0, 8.0);
        let casus_kolommen: &[&str] = &[
            "id",
            "regio_code",
            "pseudoniem",
            "status",
            "gesloten_op",
            "gewist_op",
            "aangemaakt_op",
        ];
        let mut casus_null = Bulk::new("casus", casus_kolommen).met_vast("herhaling", "NULL");
        let mut casus_ja = Bulk::new("casus", casus_kolommen).met_vast("herhaling", "TRUE");
        let mut casus_nee = Bulk::new("casus", casus_kolommen).met_vast("herhaling", "FALSE");
        let mut momenten = Bulk::new(
            "moment",
            &[
                "id",
                "casus_id",
                "regio_code",
                "soort",
                "tijdstip",
                "status",
                "gegevens",
                "vergadering_id",
                "aangemaakt_door_organisatie",
                "aangemaakt_op",
                "gewijzigd_op",
                "overleg_id",
            ],
        );
        let eigen = crate::casus::repo::kenmerken_van_voorop(conn);
        if eigen {
            momenten = momenten.met_kolommen(&crate::casus::model::KENMERK_KOLOMMEN);
        }
        let mut personen_rijen = Bulk::new("moment_persoon", &["moment_id", "gegevens"]);
        let mut deelnemers = Bulk::new(
            "moment_deelnemer",
            &[
                "id",
                "moment_id",
                "organisatie_id",
                "rol",
                "vanaf",
                "tot",
                "einde",
            ],
        );
        let mut afspraken = Bulk::new(
            "afspraak",
            &[
                "id",
                "moment_id",
                "eigenaar_organisatie_id",
                "soort",
                "omschrijving",
                "deadline",
                "status",
                "gereed_op",
                "aangemaakt_op",
            ],
        );
        // Meetings where RvdK or 3RO were needed: (overleg index, date) → (rvdk, 3ro).
        let mut nodig: HashMap<(usize, Date), (bool, bool)> = HashMap::new();
        for c in casussen {
            let org = |p: Partner| match p {
                Partner::Vt => regio.vt[c.vt].0,
                Partner::Politie => regio.politie,
                Partner::Om => regio.om,
                Partner::Rvdk => regio.rvdk,
                Partner::Driero => regio.driero,
            };
            let start = c.start();
            // Closed some time after the last activity, when everything is finished.
            let klaar = c
                .momenten
                .iter()
                .all(|m| m.status.is_eind() && !m.heeft_open_afspraak());
            let laatst = c
                .momenten
                .iter()
                .map(|m| m.laatst)
                .max()
                .unwrap_or(PEILDATUM);
            let sluiten = m::werkdag_vanaf(m::plus_dagen(laatst, rng.tussen(14, 60)));
            let gesloten = (klaar && rng.kans(80.0) && sluiten <= PEILDATUM).then_some(sluiten);
            let gewist = gesloten.filter(|g| *g < grens);

            // The person, if any: someone seen in the region in the last 14..330 days, or new.
            let p = &mut self.personen[r];
            let dagnr = start.date().to_julian_day();
            let persoon = c.kind.map(|kind| {
                let lo = p.recent.partition_point(|(d, _)| *d < dagnr - 330);
                let hi = p.recent.partition_point(|(d, _)| *d <= dagnr - 14);
                let kans = if kind { 6.0 } else { herhaal_kans };
                let nummer = if hi > lo && rng.kans(kans) {
                    p.recent[lo + rng.onder((hi - lo) as u64) as usize].1
                } else {
                    p.volgende += 1;
                    // Children and adults are numbered apart (the lowest bit).
                    p.volgende * 2 + u64::from(kind)
                };
                let herhaald = p
                    .laatste
                    .get(&nummer)
                    .is_some_and(|vorige| dagnr - vorige <= 365);
                p.laatste.insert(nummer, dagnr);
                p.recent.push((dagnr, nummer));
                if gewist.is_some() {
                    p.gewist.insert(nummer);
                }
                (nummer, kind, herhaald, p.gewist.contains(&nummer))
            });
            // The pseudonym the case had while it was worked on (the audit log keeps it);
            // stored only when the case is not erased.
            let pseudoniem_toen: Option<Arc<str>> = match persoon {
                Some((nummer, kind, _, _)) => {
                    let (naam, geboren) = identiteit(r, nummer, kind);
                    Some(
                        crate::casus::pseudoniem::maak(&self.sleutel, &naam, &geboren)
                            .map_err(|f| anyhow::anyhow!("demo-pseudoniem: {f:?}"))?
                            .into(),
                    )
                }
                None => None,
            };
            let pseudoniem = pseudoniem_toen
                .as_deref()
                .filter(|_| gewist.is_none())
                .map(str::to_string);
            let casus_id = self.id("casus");
            let bulk = match persoon {
                Some((_, _, h, true)) if h => &mut casus_ja,
                Some((_, _, _, true)) => &mut casus_nee,
                _ => &mut casus_null,
            };
            let gesloten_op = gesloten.map(|g| utc(m::om(g, 10)));
            bulk.rij(vec![
                Cel::I(casus_id),
                regio.code.into(),
                Cel::OT(pseudoniem),
                if gesloten.is_some() {
                    "gesloten"
                } else {
                    "open"
                }
                .into(),
                Cel::OT(gesloten_op.clone()),
                Cel::OT(gewist.map(|g| format!("{}T02:00:00Z", m::dag(m::plus_dagen(g, 731))))),
                utc(c.momenten[0].geregistreerd).into(),
            ]);

            if let Some(g) = gesloten {
                // Closed by its Veilig Thuis.
                self.audit.voeg_toe(Gebeurtenis {
                    tijd: utc_tijd(m::om(g, 10)),
                    org: regio.vt[c.vt].0,
                    moment: 0,
                    soort: c.momenten[0].soort,
                    status: c.momenten[0].status,
                    pseudoniem: pseudoniem_toen.clone(),
                    wat: Wat::Gesloten(casus_id),
                });
            }
            for mut mg in c.momenten {
                let moment_id = self.id("moment");
                if gewist.is_some() {
                    for code in crate::casus::velden::STAP_TEKSTEN
                        .iter()
                        .chain(&["twijfel_notitie"])
                    {
                        mg.velden.remove(code);
                    }
                }
                let overleg = (mg.soort == Soort::Actieoverleg).then(|| &self.overleggen[r][c.vt]);
                let vergadering = mg.vergadering.and_then(|d| {
                    overleg.and_then(|o| o.vergaderingen.iter().find(|(v, _)| *v == d))
                });
                if let (Some(o), Some(d)) = (overleg, mg.vergadering) {
                    let n = nodig.entry((o.vt, d)).or_default();
                    for (p, rol, _) in &mg.rollen {
                        if *rol == DeelnemerRol::OpAfroep {
                            n.0 |= *p == Partner::Rvdk;
                            n.1 |= *p == Partner::Driero;
                        }
                    }
                }
                let geregistreerd = utc(mg.geregistreerd);
                let gewijzigd = utc(m::om(mg.laatst, 16).max(mg.geregistreerd));
                let tijdstip = m::tijd(mg.tijdstip);
                let mut rij = vec![
                    Cel::I(moment_id),
                    Cel::I(casus_id),
                    regio.code.into(),
                    mg.soort.code().into(),
                    tijdstip.as_str().into(),
                    mg.status.code().into(),
                    serde_json::to_string(&mg.velden)
                        .map_err(|e| anyhow::anyhow!(e))?
                        .into(),
                    Cel::OI(vergadering.map(|(_, id)| *id)),
                    Cel::I(org(mg.door)),
                    geregistreerd.as_str().into(),
                    gewijzigd.into(),
                    Cel::OI(overleg.map(|o| o.id)),
                ];
                if eigen {
                    rij.extend(crate::casus::repo::kenmerk_cellen(&tijdstip, |c| {
                        mg.velden.get(c).map(String::as_str)
                    }));
                }
                momenten.rij(rij);
                if mg.soort == Soort::Actieoverleg && gewist.is_none() {
                    let nummer = persoon.map_or(0, |p| p.0);
                    personen_rijen.rij(vec![
                        Cel::I(moment_id),
                        persoonsgegevens(r, nummer, rng).into(),
                    ]);
                }
                // Participations: the chair of the overleg, the registering organisation, the
                // partners of the flow, and the owners of afspraken (local time they joined).
                let mut deelname: Vec<(i64, DeelnemerRol, Tijd)> = vec![];
                let mut open: BTreeSet<i64> = BTreeSet::new();
                if overleg.is_some() {
                    deelname.push((org(Partner::Vt), DeelnemerRol::Voorzitter, mg.geregistreerd));
                    open.insert(org(Partner::Vt));
                }
                if open.insert(org(mg.door)) {
                    deelname.push((org(mg.door), DeelnemerRol::Inbrenger, mg.geregistreerd));
                }
                for (p, rol, vanaf) in &mg.rollen {
                    if open.insert(org(*p)) {
                        deelname.push((org(*p), *rol, (*vanaf).max(mg.geregistreerd)));
                    }
                }
                for a in &mg.afspraken {
                    if open.insert(org(a.eigenaar)) {
                        deelname.push((org(a.eigenaar), DeelnemerRol::Betrokken, mg.geregistreerd));
                    }
                }
                // The audit log: registered, read by the others, brought to its status.
                let begin = mg.soort.begin_status();
                let gebeurtenis = |tijd: Tijd, org: i64, status: Status, wat: Wat| Gebeurtenis {
                    tijd,
                    org,
                    moment: moment_id,
                    soort: mg.soort,
                    status,
                    pseudoniem: pseudoniem_toen.clone(),
                    wat,
                };
                let t = utc_tijd(mg.geregistreerd);
                self.audit
                    .voeg_toe(gebeurtenis(t, org(mg.door), begin, Wat::Geregistreerd));
                if mg.soort == Soort::Actieoverleg && persoon.is_some() {
                    self.audit.voeg_toe(gebeurtenis(
                        t,
                        org(mg.door),
                        begin,
                        Wat::PersoonVastgelegd,
                    ));
                }
                for (o, _, vanaf) in deelname.iter().filter(|d| d.0 != org(mg.door)) {
                    // Within two hours of joining; spread by moment and organisation.
                    let minuten = 5 + (moment_id * 7 + o).rem_euclid(115);
                    let t = utc_tijd(*vanaf) + time::Duration::minutes(minuten);
                    self.audit.voeg_toe(gebeurtenis(t, *o, begin, Wat::Gelezen));
                }
                if mg.status != begin {
                    let wie = if overleg.is_some() {
                        org(Partner::Vt)
                    } else {
                        org(mg.door)
                    };
                    let t = utc_tijd(m::om(mg.laatst, 16).max(mg.geregistreerd));
                    self.audit
                        .voeg_toe(gebeurtenis(t, wie, mg.status, Wat::StatusGewijzigd));
                }
                for (o, rol, vanaf) in deelname {
                    let id = self.id("moment_deelnemer");
                    deelnemers.rij(vec![
                        Cel::I(id),
                        Cel::I(moment_id),
                        Cel::I(o),
                        rol.code().into(),
                        utc(vanaf).into(),
                        Cel::OT(gesloten_op.clone()),
                        Cel::OT(gesloten.map(|_| "casus_gesloten".to_string())),
                    ]);
                }
                for a in &mg.afspraken {
                    let id = self.id("afspraak");
                    self.audit.voeg_toe(gebeurtenis(
                        utc_tijd(m::om(a.aangemaakt, 16)),
                        org(a.eigenaar),
                        mg.status,
                        Wat::Afspraak(id, a.status),
                    ));
                    let omschrijving = if gewist.is_some() {
                        crate::casus::repo::GEWIST.to_string()
                    } else {
                        afspraak_tekst(a)
                    };
                    afspraken.rij(vec![
                        Cel::I(id),
                        Cel::I(moment_id),
                        Cel::I(org(a.eigenaar)),
                        a.soort.code().into(),
                        omschrijving.into(),
                        m::dag(a.deadline).into(),
                        a.status.code().into(),
                        Cel::OT(a.gereed.map(m::dag)),
                        utc(m::om(a.aangemaakt, 16)).into(),
                    ]);
                }
            }
        }
        // Attendance of the year's meetings: the chair always, Politie and OM mostly, RvdK and
        // 3RO when a case needed them and now and then otherwise.
        let q = self.profiel[r].0;
        let mut arng = Rng::new(
            self.o.seed,
            0xa1 ^ ((r as u64) << 8) ^ ((jaar as u64) << 20),
        );
        let mut aanwezig = Bulk::new(
            "vergadering_aanwezigheid",
            &["vergadering_id", "organisatie_id"],
        )
        .met_vast("aanwezig", "TRUE");
        let mut afwezig = Bulk::new(
            "vergadering_aanwezigheid",
            &["vergadering_id", "organisatie_id"],
        )
        .met_vast("aanwezig", "FALSE");
        for o in &self.overleggen[r] {
            for (d, vid) in o.vergaderingen.iter().filter(|(d, _)| d.year() == jaar) {
                let (rvdk, driero) = nodig.get(&(o.vt, *d)).copied().unwrap_or_default();
                for (org, ja) in [
                    (regio.vt[o.vt].0, true),
                    (regio.politie, arng.kans(tussen(q, 76.0, 96.0))),
                    (regio.om, arng.kans(tussen(q, 84.0, 98.0))),
                    (regio.rvdk, rvdk || arng.kans(15.0)),
                    (regio.driero, driero || arng.kans(6.0)),
                ] {
                    let b = if ja { &mut aanwezig } else { &mut afwezig };
                    b.rij(vec![Cel::I(*vid), Cel::I(org)]);
                }
            }
        }
        for b in [&mut casus_null, &mut casus_ja, &mut casus_nee] {
            b.schrijf(conn).await?;
            s.casussen += b.geschreven;
        }
        momenten.schrijf(conn).await?;
        personen_rijen.schrijf(conn).await?;
        deelnemers.schrijf(conn).await?;
        afspraken.schrijf(conn).await?;
        aanwezig.schrijf(conn).await?;
        afwezig.schrijf(conn).await?;
        s.momenten += momenten.geschreven;
        s.persoonsgegevens += personen_rijen.geschreven;
        s.deelnemers += deelnemers.geschreven;
        s.afspraken += afspraken.geschreven;
        s.aanwezigheid += aanwezig.geschreven + afwezig.geschreven;
        Ok(())
    }
}
