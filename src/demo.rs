//! Fictional demo data. Every organisation, gemeente, person and answer here is invented;
//! the pages show a banner saying so. Loading is idempotent.

use crate::audit::{self, Actor, AuditEvent};
use crate::db::Db;
use crate::error::AppResult;
use crate::gedeeld::OrganisatieId;
use crate::gedeeld::RegioCode;
use crate::organisatie::repo as org;
use crate::zelfscan::model::{Antwoord, VraagAntwoord, Vragenlijst, Zichtbaarheid};
use crate::zelfscan::plan::{self, Actie, Plan};
use crate::zelfscan::repo as zs;

pub mod afstemming;
pub mod landelijk;
pub mod netwerkjaar;
pub mod swot;

pub use afstemming::PEILDATUM;

pub use crate::auth::demo::{GEBRUIKERS, VT_NOORDOOST, VT_ZUIDOOST, WACHTWOORD};
/// The names of the two Veilig Thuis organisations (an aanmelding's werkgebied is one of them).
pub const VT_NOORDOOST_NAAM: &str = "Veilig Thuis Brabant-Noordoost (demo)";
pub const VT_ZUIDOOST_NAAM: &str = "Veilig Thuis Zuidoost-Brabant (demo)";

/// Which Veilig Thuis region a demo gemeente belongs to (half each, fictional): true for
/// Zuidoost-Brabant.
pub fn gemeente_bij_vt_zuidoost(code: &str) -> bool {
    matches!(code, "dommelstad" | "kempenveld" | "aastrand" | "heidedorp")
}

/// Fictional gemeenten of the demo region (code, name, maturity 0..100).
pub const GEMEENTEN: [(&str, &str, u32); 9] = [
    ("aastrand", "Aastrand", 55),
    ("beekdal", "Beekdal", 35),
    ("dommelstad", "Dommelstad", 70),
    ("groenvelde", "Groenvelde", 45),
    ("heidedorp", "Heidedorp", 30),
    ("kempenveld", "Kempenveld", 60),
    ("maasweide", "Maasweide", 50),
    ("peelrand", "Peelrand", 40),
    ("vennebroek", "Vennebroek", 65),
];

/// Deterministic pseudo-random number 0..100 from the inputs (no RNG: the demo is reproducible).
fn kans(a: u32, b: u32, c: u32) -> u32 {
    let mut x =
        a.wrapping_mul(2_654_435_761) ^ b.wrapping_mul(40_503) ^ c.wrapping_mul(2_246_822_519);
    x ^= x >> 13;
    x = x.wrapping_mul(1_274_126_177);
    (x ^ (x >> 16)) % 100
}

const TOELICHTINGEN: [&str; 4] = [
    "Voor jeugdprofessionals op orde, bij Wmo-consulenten nog niet overal (fictieve toelichting).",
    "Afspraak staat op papier, in de praktijk wisselend toegepast (fictief).",
    "Besproken met Veilig Thuis; verbeterpunt voor het komende jaar (fictief).",
    "Nog geen structurele borging, wel goede ervaringen in één wijkteam (fictief).",
];

/// The reference date the small demo is loaded for unless one is given: today. Its case
/// registrations then run up to this week (see [`afstemming::verschuiving`]).
pub fn peildatum_vandaag() -> time::Date {
    time::OffsetDateTime::now_utc().date()
}

/// Loads the small demo (once: a database that has it keeps it). Its case registrations are
/// dated up to `peildatum` (normally [`peildatum_vandaag`]; tests pin
/// [`afstemming::PEILDATUM`], the date the demo world was designed for).
pub async fn laad(db: &Db, peildatum: time::Date) -> AppResult<()> {
    if crate::db::is_demo(db).await {
        return Ok(());
    }
    crate::beheer::referentiedata_laden(db).await?;
    let r = &RegioCode::OOST_BRABANT;
    org::bewaar(
        db,
        "netwerk-oost-brabant",
        "Regionaal netwerk zorg-straf Oost-Brabant (demo)",
        "netwerk",
        r,
    )
    .await?;
    org::bewaar(db, VT_NOORDOOST, VT_NOORDOOST_NAAM, "veilig_thuis", r).await?;
    org::bewaar(db, VT_ZUIDOOST, VT_ZUIDOOST_NAAM, "veilig_thuis", r).await?;
    org::bewaar(
        db,
        "politie-oost-brabant",
        "Politie eenheid Oost-Brabant (demo)",
        "politie",
        r,
    )
    .await?;
    org::bewaar(
        db,
        "om-oost-brabant",
        "OM arrondissement Oost-Brabant (demo)",
        "om",
        r,
    )
    .await?;
    org::bewaar(
        db,
        "rvdk-oost-brabant",
        "Raad voor de Kinderbescherming Oost-Brabant (demo)",
        "rvdk",
        r,
    )
    .await?;
    org::bewaar(
        db,
        "3ro-oost-brabant",
        "Reclassering Oost-Brabant (demo)",
        "3ro",
        r,
    )
    .await?;
    org::bewaar(
        db,
        "netwerk-limburg",
        "Regionaal netwerk zorg-straf Limburg (demo)",
        "netwerk",
        &RegioCode::LIMBURG,
    )
    .await?;
    // The other regions' networks, Veilig Thuis and police, for their SWOT sessions.
    for (code, naam) in crate::gedeeld::REGIOS {
        let regio = RegioCode::parse(code).map_err(|m| anyhow::anyhow!(m))?;
        if regio == *r {
            continue;
        }
        for (soort, voor) in [
            ("netwerk", "Regionaal netwerk zorg-straf"),
            ("veilig_thuis", "Veilig Thuis"),
            ("politie", "Politie eenheid"),
        ] {
            let prefix = match soort {
                "veilig_thuis" => "vt",
                s => s,
            };
            org::bewaar(
                db,
                &format!("{prefix}-{code}"),
                &format!("{voor} {naam} (demo)"),
                soort,
                &regio,
            )
            .await?;
        }
    }
    let mut ids = Vec::new();
    for (code, naam, _) in GEMEENTEN {
        ids.push(
            org::bewaar(
                db,
                code,
                &format!("Gemeente {naam} (fictief)"),
                "gemeente",
                r,
            )
            .await?,
        );
    }
    gebruikers_aanmaken(db).await?;
    let v: Vragenlijst = crate::zelfscan::service::standaard_vragenlijst();

    let mut tx = crate::db::begin(db).await?;
    // The demo is loaded by the system, not by a user (see `permissions::systeem`).
    let systeem = crate::auth::permissions::systeem();
    let beheer = &systeem.regio_beheer();
    let rondes = [
        (
            zs::ronde_aanmaken(
                &mut tx,
                beheer,
                r,
                "Zelfscan Oost-Brabant – nulmeting 2024",
                "nulmeting",
                "2024-03-14",
                &v.versie,
            )
            .await?,
            0u32,
        ),
        (
            zs::ronde_aanmaken(
                &mut tx,
                beheer,
                r,
                "Zelfscan Oost-Brabant – evaluatie 2026",
                "evaluatie",
                "2026-03-12",
                &v.versie,
            )
            .await?,
            20u32,
        ),
    ];
    for (ronde, groei) in rondes {
        for (i, ((code, _, basis), gid)) in GEMEENTEN.iter().zip(&ids).enumerate() {
            let z = match (*code, groei) {
                // Three gemeenten only in the aggregate: with fewer hidden, the regional total
                // would not be shown (it would reveal them by subtraction).
                ("beekdal" | "heidedorp" | "maasweide", _) => Zichtbaarheid::Aggregaat,
                ("peelrand", 20) => Zichtbaarheid::Gemeente,
                _ => Zichtbaarheid::Regio,
            };
            zs::gemeente_toevoegen(&mut tx, beheer, ronde, *gid, z).await?;
            let blad = &systeem.gemeente_schrijven(ronde, *gid);
            // In the 2026 round Vennebroek has only filled in block 1 so far.
            let laatste = if *code == "vennebroek" && groei > 0 {
                14
            } else {
                v.vragen.len() as u16
            };
            let antwoorden: Vec<VraagAntwoord> = v
                .vragen
                .iter()
                .filter(|q| q.nummer <= laatste)
                .map(|q| {
                    let op_orde = kans(i as u32, u32::from(q.nummer), groei) < basis + groei;
                    let toelichting = if kans(i as u32 + 7, u32::from(q.nummer), groei) < 15 {
                        TOELICHTINGEN[(q.nummer as usize + i) % TOELICHTINGEN.len()].to_string()
                    } else {
                        String::new()
                    };
                    VraagAntwoord {
                        vraag: q.nummer,
                        antwoord: Some(if op_orde {
                            Antwoord::OpOrde
                        } else {
                            Antwoord::NietOpOrde
                        }),
                        toelichting,
                    }
                })
                .collect();
            zs::antwoorden_opslaan(&mut tx, blad, None, &antwoorden).await?;
            for rol in [
                "Beleidsadviseur jeugd",
                "Wmo-consulent",
                "Teamleider wijkteam",
                "Aandachtsfunctionaris huiselijk geweld",
                "Medewerker Veilig Thuis",
            ] {
                zs::deelnemer_toevoegen(&mut tx, blad, rol, None).await?;
            }
            if i % 3 == 0 {
                let rad: Vec<(u8, String)> = v
                    .rad_van_fortuin
                    .iter()
                    .take(5)
                    .map(|q| {
                        (
                            q.nummer,
                            format!(
                                "Fictief antwoord van gemeente {} op procesvraag {}.",
                                GEMEENTEN[i].1, q.nummer
                            ),
                        )
                    })
                    .collect();
                zs::rad_opslaan(&mut tx, blad, &rad).await?;
            }
        }
    }
    demo_plannen(&mut tx, rondes[0].0, ids[2], ids[7]).await?;
    for (fase, stappen, beslis) in [(1, 6, 4), (2, 4, 1), (3, 4, 6), (4, 3, 6), (5, 1, 1)] {
        for n in 1..=stappen {
            zs::routekaart_zetten(&mut tx, beheer, r, &format!("f{fase}-s{n}"), true, None).await?;
        }
        for n in 1..=beslis {
            zs::routekaart_zetten(&mut tx, beheer, r, &format!("f{fase}-b{n}"), true, None).await?;
        }
    }
    werkset_demo(&mut tx).await?;
    let agenda = crate::ontwikkelagenda::service::huidige_agenda(db).await?;
    ontwikkelagenda(&mut tx, &agenda, i64::from(peildatum.year())).await?;
    afstemming::laad(&mut tx, peildatum).await?;
    crate::db::demo_markeren(&mut tx).await?;
    audit::schrijf(&mut tx, &Actor::cli(), AuditEvent::DemoGeladen).await?;
    tx.commit().await?;
    Ok(())
}

/// The demo accounts of [`GEBRUIKERS`] (their organisations must exist), with the published
/// demo password and, where required, the published second-factor secret.
/// The Ontwikkelagenda of the ten regions for `jaar - 1` and `jaar`: SWOT sessions, the
/// national Uitvoeringsplan and the network years (for the small and the national demo).
pub(crate) async fn ontwikkelagenda(
    tx: &mut crate::db::Tx<'_>,
    agenda: &crate::ontwikkelagenda::model::Agenda,
    jaar: i64,
) -> AppResult<()> {
    let sessies = swot::laad(tx, jaar, agenda).await?;
    swot::plannen(tx, jaar, agenda).await?;
    netwerkjaar::laad(tx, jaar, agenda, &sessies).await
}

pub async fn gebruikers_aanmaken(db: &Db) -> AppResult<()> {
    for (email, naam, o, rol) in GEBRUIKERS {
        let id = crate::auth::service::gebruiker_toevoegen(
            db,
            &Actor::cli(),
            crate::auth::service::NieuweGebruiker {
                email,
                naam,
                organisatie: o,
                rol,
                wachtwoord: WACHTWOORD,
                beleid: crate::auth::service::Wachtwoordbeleid::DemoZonderBeleid,
                eerst_wijzigen: false,
            },
        )
        .await?;
        // Accounts that must use a second factor get the published demo secret, so the demo
        // works with any authenticator app (or the code shown on the demo sign-in page).
        let g = crate::auth::repo::voor_sessie(db, id)
            .await?
            .map(|s| s.gebruiker)
            .ok_or(crate::error::AppError::NietGevonden("De demogebruiker"))?;
        if crate::auth::permissions::tweestaps_verplicht(&g) {
            crate::auth::service::demo_tweestaps(db, id).await?;
        }
    }
    Ok(())
}

async fn demo_plannen(
    tx: &mut crate::db::Tx<'_>,
    ronde: crate::gedeeld::RondeId,
    dommelstad: OrganisatieId,
    peelrand: OrganisatieId,
) -> AppResult<()> {
    let regionaal = Plan {
        regio_code: "oost-brabant".into(),
        ronde_id: Some(ronde),
        titel: "Regionaal plan van aanpak lokale teams Oost-Brabant (fictief)".into(),
        periode: "2024-2026".into(),
        inleiding: "Dit fictieve plan is opgesteld na de nulmeting van maart 2024, de regionale analyse en twee follow-upbijeenkomsten.".into(),
        context: "Regiovisie 'Samen veilig' (fictief); lokale teams in negen gemeenten; samenwerking met Veilig Thuis via vaste contactpersonen.".into(),
        samenvatting: "Grootste verbeterpunten: capaciteit voor zicht op veiligheid, verdiepte basiskennis en gezamenlijke evaluatie van casuïstiek met Veilig Thuis.".into(),
        monitoring: "Halfjaarlijkse voortgangsrapportage aan het regionaal bestuurlijk overleg; herhaling zelfscan in 2026.".into(),
        ..Default::default()
    };
    let systeem = crate::auth::permissions::systeem();
    let nieuw = systeem.nieuw_plan(&RegioCode::OOST_BRABANT, None);
    let id = plan::repo::aanmaken(tx, &nieuw, &regionaal).await?;
    let s = &systeem.plan_schrijven(id);
    plan::repo::status_zetten(
        tx,
        s,
        "vastgesteld",
        Some("Regionaal bestuurlijk overleg Oost-Brabant (fictief)"),
        Some("2024-09-20"),
    )
    .await?;
    let acties = [
        (
            "1-2",
            "Integrale visie actualiseren",
            "gereed",
            Some("2024-12-31"),
            None,
        ),
        (
            "3-6",
            "Scholing meldcode voor alle wijkteams",
            "loopt",
            Some("2025-06-30"),
            Some("2025-09-01"),
        ),
        (
            "4-5-7-8",
            "Capaciteitsnorm zicht op veiligheid",
            "niet_gestart",
            Some("2025-03-31"),
            Some("2025-04-15"),
        ),
        (
            "9",
            "Regionale inkoop gespecialiseerde hulp plegers",
            "bijgesteld",
            Some("2026-12-31"),
            Some("2027-01-15"),
        ),
        (
            "10",
            "Samenwerkingsafspraken VT-lokaal veld herijken",
            "loopt",
            Some("2026-06-30"),
            Some("2026-12-01"),
        ),
    ];
    for (groep, maatregel, status, planning, check) in acties {
        plan::repo::actie_opslaan(
            tx,
            s,
            &Actie {
                plan_id: id,
                groep: groep.into(),
                maatregel: maatregel.into(),
                huidige_stand: "Zie zelfscan 2024 (fictief).".into(),
                verbeteractie: format!(
                    "{maatregel}: werkgroep met gemeenten en Veilig Thuis (fictief)."
                ),
                beoogd_resultaat: "Alle gemeenten scoren deze standaard 'op orde' in de evaluatie."
                    .into(),
                wie: "Regiocoördinator met werkgroep (fictief)".into(),
                planning: planning.map(Into::into),
                kosten: "€ 15.000 (fictief)".into(),
                pdca_status: status.into(),
                volgende_check: check.map(Into::into),
                ..Default::default()
            },
        )
        .await?;
    }
    for (gid, titel, status) in [
        (
            dommelstad,
            "Plan van aanpak Dommelstad (fictief)",
            "besproken",
        ),
        (peelrand, "Plan van aanpak Peelrand (fictief)", "concept"),
    ] {
        let p = Plan {
            regio_code: "oost-brabant".into(),
            gemeente_id: Some(gid),
            ronde_id: Some(ronde),
            titel: titel.into(),
            periode: "2025-2026".into(),
            inleiding: "Lokaal plan op basis van de zelfscan 2024 (fictief).".into(),
            ..Default::default()
        };
        let nieuw = systeem.nieuw_plan(&RegioCode::OOST_BRABANT, p.gemeente_id);
        let pid = plan::repo::aanmaken(tx, &nieuw, &p).await?;
        let s = &systeem.plan_schrijven(pid);
        plan::repo::status_zetten(tx, s, status, None, None).await?;
        plan::repo::actie_opslaan(
            tx,
            s,
            &Actie {
                plan_id: pid,
                groep: "3-6".into(),
                maatregel: "Aandachtsfunctionaris per wijkteam".into(),
                wie: "Teamleider wijkteam (fictief)".into(),
                planning: Some("2025-10-01".into()),
                pdca_status: "loopt".into(),
                volgende_check: Some("2026-01-15".into()),
                ..Default::default()
            },
        )
        .await?;
    }
    Ok(())
}

#[derive(serde::Deserialize)]
struct WerksetDemo {
    fasen: Vec<DemoFase>,
    regios:
        std::collections::BTreeMap<RegioCode, std::collections::BTreeMap<String, DemoRegistratie>>,
}

#[derive(serde::Deserialize)]
struct DemoFase {
    regio: crate::gedeeld::RegioCode,
    periode: String,
    thema: u8,
    fase: String,
    kartrekkers: Vec<String>,
}

#[derive(serde::Deserialize)]
struct DemoRegistratie {
    verhalen: Vec<DemoVerhaal>,
    inspanningen: Vec<DemoInspanning>,
    waarden: Vec<crate::werkset::model::WaardeInvoer>,
    citaten: Vec<DemoTekst>,
    praktijk: Vec<DemoTekst>,
    bronnen: Vec<DemoBron>,
}

#[derive(serde::Deserialize)]
struct DemoVerhaal {
    thema: u8,
    element: String,
    tekst: String,
}

#[derive(serde::Deserialize)]
struct DemoInspanning {
    indicator: String,
    partners: Vec<String>,
    classificatie: String,
    hoeveelheid: Option<f64>,
    eenheid: Option<String>,
    omschrijving: String,
    bewijs: String,
    bewijs_datum: String,
}

#[derive(serde::Deserialize)]
struct DemoTekst {
    thema: u8,
    #[serde(default)]
    titel: String,
    tekst: String,
    bron: String,
}

#[derive(serde::Deserialize)]
struct DemoBron {
    soort: String,
    titel: String,
    jaar: String,
}

/// Fictional Werkset registrations (data/werkset/demo.json), validated by the same rules as
/// user input, so the demo can never hold what a user could not enter.
async fn werkset_demo(tx: &mut crate::db::Tx<'_>) -> AppResult<()> {
    use crate::werkset::{model as wm, repo as wr};
    let demo: WerksetDemo = serde_json::from_str(include_str!("../data/werkset/demo.json"))
        .map_err(|e| anyhow::anyhow!(e))?;
    let c: wm::Catalogus = serde_json::from_str(crate::werkset::service::STANDAARD_CATALOGUS)
        .map_err(|e| anyhow::anyhow!(e))?;
    let ongeldig = |wat: &str, f: Vec<crate::error::Veldfout>| anyhow::anyhow!("demo {wat}: {f:?}");
    // The demo is loaded by the system, not by a user (see `permissions::systeem`).
    let systeem = crate::auth::permissions::systeem();
    for f in &demo.fasen {
        let s = &systeem.werkset_schrijven(&f.regio);
        let reg = wr::registratie_maken(tx, s, &f.periode, &c.versie).await?;
        wr::thema_zetten(tx, s, reg, f.thema, &f.fase, &f.kartrekkers.join(",")).await?;
    }
    for (regio, perioden) in &demo.regios {
        let s = &systeem.werkset_schrijven(regio);
        for (periode, d) in perioden {
            let reg = wr::registratie_maken(tx, s, periode, &c.versie).await?;
            // Entries may name an organisation of the region (`org:<code>`) instead of a kind.
            let kiesbaar: Vec<wm::PartnerOrganisatie> = org::van_regio_in(tx, regio)
                .await?
                .into_iter()
                .map(|o| wm::PartnerOrganisatie {
                    code: o.code,
                    naam: o.naam,
                    soort: o.soort,
                    actief: o.actief,
                })
                .collect();
            for v in &d.verhalen {
                wr::verhaal_zetten(tx, s, reg, v.thema, &v.element, &v.tekst).await?;
            }
            for i in &d.inspanningen {
                let invoer = wm::InspanningInvoer {
                    indicator: i.indicator.clone(),
                    partners: i.partners.clone(),
                    classificatie: i.classificatie.clone(),
                    hoeveelheid: i.hoeveelheid.map(|h| h.to_string()).unwrap_or_default(),
                    eenheid: i.eenheid.clone().unwrap_or_default(),
                    omschrijving: i.omschrijving.clone(),
                    bewijs: i.bewijs.clone(),
                    bewijs_datum: i.bewijs_datum.clone(),
                };
                let v = wm::valideer_inspanning(&c, &invoer, &kiesbaar)
                    .map_err(|f| ongeldig("inspanning", f))?;
                wr::inspanning_toevoegen(tx, s, reg, &v, None).await?;
            }
            for w in &d.waarden {
                let v = wm::valideer_waarde(&c, w).map_err(|f| ongeldig("waarde", f))?;
                wr::waarde_toevoegen(tx, s, reg, &v, None).await?;
            }
            for t in &d.citaten {
                let (tekst, bron) =
                    wm::valideer_citaat(&t.tekst, &t.bron).map_err(|f| ongeldig("citaat", f))?;
                wr::citaat_toevoegen(tx, s, reg, t.thema, &tekst, &bron).await?;
            }
            for t in &d.praktijk {
                let (titel, tekst, bron) = wm::valideer_praktijk(&t.titel, &t.tekst, &t.bron)
                    .map_err(|f| ongeldig("praktijk", f))?;
                wr::praktijk_toevoegen(tx, s, reg, t.thema, &titel, &tekst, &bron).await?;
            }
            for b in &d.bronnen {
                let (soort, titel, jaar) = wm::valideer_bron(&b.soort, &b.titel, &b.jaar)
                    .map_err(|f| ongeldig("bron", f))?;
                wr::bron_toevoegen(tx, s, reg, soort.code(), &titel, &jaar).await?;
            }
        }
    }
    Ok(())
}
