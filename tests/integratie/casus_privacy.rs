//! Need-to-know privacy of the afstemmingsmomenten (DOMAIN.md "Privacy is part of the domain"):
//! who sees personal data per organisation and role, the Actie-overleg flow that widens the
//! circle step by step, the audit entry on every read of personal data, the end of
//! participation, retention (personal data erased, indicators kept) and that identifying data
//! typed only for the pseudonym is never stored.
//!
//! All names and dates of birth below are fictional.

use crate::common;

use crate::common::scenario::{Omgeving, Org, opzet};
use std::collections::BTreeMap;
use std::path::PathBuf;
use voorop::audit::Actor;
use voorop::auth::Rol;
use voorop::casus::model::{DeelnemerRol, Soort, Status};
use voorop::casus::retentie;
use voorop::casus::service::{
    self, AfspraakInvoer, MomentInvoer, OverlegInvoer, PersoonZicht, StapInvoer,
};
use voorop::config::Sleutel;
use voorop::db::Db;
use voorop::error::AppError;

/// Typed only into the pseudonym fields (naam + geboortedatum): must never reach the database.
const PSEUDONIEM_NAAM: &str = "Kwartelkoning, Jet";
const PSEUDONIEM_NAAM_ANDERS: &str = "jet   KWARTELKONING";
const PSEUDONIEM_ACHTERNAAM: &str = "Kwartelkoning";
const GEBOREN: &str = "1987-06-15";
const GEBOREN_NL: &str = "15-06-1987";

/// Typed into personal fields: may live in `moment_persoon` only.
const PERSOONLIJK: &str = "Zwaluwstaart";

fn paren(p: &[(&str, &str)]) -> BTreeMap<String, String> {
    p.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// A valid moment of a kind: (input, the personal fields it contains).
fn invoer(soort: Soort, tijdstip: &str, geheim: &str) -> (MomentInvoer, BTreeMap<String, String>) {
    let (proces, persoon): (&[(&str, &str)], BTreeMap<String, String>) = match soort {
        Soort::Acuut => (
            &[
                ("reactie", "ter_plaatse"),
                ("reactie_tijdstip", "2025-03-14 22:40"),
                ("veiligheidsbeoordeling", "ja"),
                ("maatregelen", "thv"),
            ],
            paren(&[("situatie", &format!("Ruzie in woning van fam. {geheim}"))]),
        ),
        Soort::Actieoverleg => (
            &[
                ("werkgebied", "vt-oost-brabant"),
                ("ots", "nee"),
                ("raad", "nee"),
                ("geinformeerd", "vooraf"),
            ],
            paren(&[
                ("inbrenger", "Wijkagent, team Dommelstad"),
                ("clientgegevens", &format!("Moeder {geheim}, twee kinderen")),
                (
                    "omschrijving",
                    &format!("Herhaald geweld door ex-partner van {geheim}"),
                ),
                ("vraag", "Gezamenlijke aanpak directe veiligheid"),
            ]),
        ),
        Soort::Zsm => (
            &[
                ("vt_betrokkenheid", "telefonisch"),
                ("contact_verkregen", "ja"),
                ("veiligheidsbeoordeling", "ja"),
                ("vt_afdoeningsoverleg", "nee"),
                ("beslissing", "heenzenden_voorwaarden"),
            ],
            paren(&[(
                "feiten",
                &format!("Aanhouding na mishandeling van {geheim}"),
            )]),
        ),
        Soort::Ssk => (
            &[("anoniem", "nee"), ("melding_aangifte", "melding")],
            paren(&[("vermoeden", &format!("Blauwe plekken bij kind {geheim}"))]),
        ),
    };
    let mut velden = paren(proces);
    velden.extend(persoon.clone());
    (
        MomentInvoer {
            tijdstip: tijdstip.into(),
            velden,
            ..Default::default()
        },
        persoon,
    )
}

fn veldcodes(e: AppError) -> Vec<String> {
    match e {
        AppError::Validatie(f) => {
            let mut v: Vec<String> = f.into_iter().map(|f| f.veld).collect();
            v.sort();
            v.dedup();
            v
        }
        e => panic!("verwacht een Validatie-fout, kreeg {e:?}"),
    }
}

fn stap(naam: &str) -> StapInvoer {
    StapInvoer {
        stap: naam.into(),
        // Accepting in the voorbespreking needs the referral criterion.
        criterium: "vroegtijdig_afstemmen".into(),
        ..Default::default()
    }
}

// ---- permissions per organisation type and moment ---------------------------------------

/// The viewer matrix of one kind registered by `inbrenger`; `ander` is an organisation of the
/// same region that does not take part until it is added.
async fn matrix(soort: Soort, inbrenger: fn(&Omgeving) -> &Org, ander: fn(&Omgeving) -> &Org) {
    let o = opzet().await;
    let inbrenger = inbrenger(&o).clone();
    let ander = ander(&o).clone();
    let geheim = format!("{PERSOONLIJK}-{}", soort.code());
    let (inv, persoon) = invoer(soort, "2025-03-14 22:15", &geheim);
    let g = o.mw(&inbrenger);
    let id = o.registreer(&g, soort, &inv).await;

    // The registering organisation: medewerker and coordinator see the personal fields.
    assert_eq!(o.ziet(&g, id).await, persoon);
    let beeld = o.bekijk(&g, id).await;
    assert!(beeld.mag_schrijven);
    assert!(
        !format!("{:?}", beeld.moment).contains(&geheim),
        "personal fields are not stored with the process data"
    );
    let coord = o.gebruiker(&inbrenger, Rol::Regiocoordinator);
    assert_eq!(o.ziet(&coord, id).await, persoon);

    // Another organisation of the region that does not take part: process data only.
    let niet = o.ziet_niet(&o.mw(&ander), id, &geheim).await;
    assert_eq!(niet.moment.id, id);
    assert_eq!(niet.moment.soort, soort);
    assert!(!niet.actieve_deelnemer);
    let niet_coord = o.gebruiker(&ander, Rol::Regiocoordinator);
    o.ziet_niet(&niet_coord, id, &geheim).await;
    // … and it cannot widen its own access or change the moment.
    assert!(matches!(
        service::deelname(&o.db, &o.mw(&ander), id, ander.id, true).await,
        Err(AppError::GeenToegang)
    ));
    assert!(matches!(
        service::bijwerken(&o.db, &o.mw(&ander), id, &inv).await,
        Err(AppError::GeenToegang)
    ));
    // The region's network (RNZS) follows the process, never the persons.
    o.ziet_niet(&o.gebruiker(&o.netwerk, Rol::Regiocoordinator), id, &geheim)
        .await;
    // Only the Actie-overleg brings in the chair's organisation (VT) at registration.
    if inbrenger.id != o.vt.id {
        if soort == Soort::Actieoverleg {
            assert_eq!(o.ziet(&o.mw(&o.vt), id).await, persoon);
        } else {
            o.ziet_niet(&o.mw(&o.vt), id, &geheim).await;
        }
    }

    // A lezer of the registering organisation, a gemeente and anyone from another region: not
    // even the process data.
    o.geweigerd(&o.mw(&o.gemeente), id).await;
    o.geweigerd(&o.gebruiker(&o.gemeente, Rol::Regiocoordinator), id)
        .await;
    o.geweigerd(&o.gebruiker(&inbrenger, Rol::Lezer), id).await;
    o.geweigerd(&o.mw(&o.vt_limburg), id).await;
    o.geweigerd(&o.gebruiker(&o.vt_limburg, Rol::Regiocoordinator), id)
        .await;
    assert!(matches!(
        service::overzicht(
            &o.db,
            &o.mw(&o.vt_limburg),
            &voorop::gedeeld::RegioCode::OOST_BRABANT,
            None,
            "2025"
        )
        .await,
        Err(AppError::GeenToegang)
    ));
    assert!(matches!(
        service::overzicht(
            &o.db,
            &o.gebruiker(&inbrenger, Rol::Lezer),
            &voorop::gedeeld::RegioCode::OOST_BRABANT,
            None,
            "2025"
        )
        .await,
        Err(AppError::GeenToegang)
    ));

    // The beheerder (even of the registering organisation) sees process data only.
    let beheerder = o.gebruiker(&inbrenger, Rol::Beheerder);
    o.ziet_niet(&beheerder, id, &geheim).await;
    let lijst = service::overzicht(
        &o.db,
        &beheerder,
        &voorop::gedeeld::RegioCode::OOST_BRABANT,
        Some(soort),
        "2025",
    )
    .await
    .expect("overzicht beheerder");
    assert_eq!(lijst.iter().map(|m| m.id).collect::<Vec<_>>(), vec![id]);
    assert!(!format!("{lijst:?}").contains(&geheim));

    // Added as participant (e.g. op afroep), the other organisation now needs and sees it.
    service::deelname(&o.db, &g, id, ander.id, true)
        .await
        .expect("deelname toevoegen");
    assert_eq!(o.ziet(&o.mw(&ander), id).await, persoon);
    let beeld = o.bekijk(&o.mw(&ander), id).await;
    assert!(beeld.mag_schrijven);
    let rol = beeld
        .deelnemers
        .iter()
        .find(|d| d.organisatie_id == ander.id)
        .map(|d| d.rol);
    let verwacht = if soort == Soort::Actieoverleg {
        DeelnemerRol::OpAfroep
    } else {
        DeelnemerRol::Betrokken
    };
    assert_eq!(rol, Some(verwacht));
    // Roles still decide: its lezer and the beheerder still do not see personal data.
    o.geweigerd(&o.gebruiker(&ander, Rol::Lezer), id).await;
    o.ziet_niet(&o.gebruiker(&ander, Rol::Beheerder), id, &geheim)
        .await;
    o.geweigerd(&o.mw(&o.vt_limburg), id).await;
    // An organisation from another region cannot be added.
    assert_eq!(
        veldcodes(
            service::deelname(&o.db, &g, id, o.vt_limburg.id, true)
                .await
                .unwrap_err()
        ),
        vec!["organisatie"]
    );
    o.geweigerd(&o.mw(&o.vt_limburg), id).await;
    // Only partner organisations take part: the network (and so its coordinator) cannot be
    // added, and a gemeente neither.
    for org in [&o.netwerk, &o.gemeente] {
        assert_eq!(
            veldcodes(
                service::deelname(&o.db, &g, id, org.id, true)
                    .await
                    .unwrap_err()
            ),
            vec!["organisatie"]
        );
    }
    o.ziet_niet(&o.gebruiker(&o.netwerk, Rol::Regiocoordinator), id, &geheim)
        .await;
}

#[tokio::test]
async fn acuut_need_to_know() {
    matrix(Soort::Acuut, |o| &o.politie, |o| &o.om).await;
}

#[tokio::test]
async fn actieoverleg_need_to_know() {
    matrix(Soort::Actieoverleg, |o| &o.politie, |o| &o.rvdk).await;
}

#[tokio::test]
async fn zsm_need_to_know() {
    matrix(Soort::Zsm, |o| &o.om, |o| &o.reclassering).await;
}

#[tokio::test]
async fn ssk_need_to_know() {
    matrix(Soort::Ssk, |o| &o.vt, |o| &o.politie).await;
}

// ---- Actie-overleg flow -----------------------------------------------------------------

#[tokio::test]
async fn actieoverleg_stroom_verbreedt_de_kring_stap_voor_stap() {
    let o = opzet().await;
    let geheim = format!("{PERSOONLIJK}-flow");
    let (inv, persoon) = invoer(Soort::Actieoverleg, "2025-03-10 09:30", &geheim);
    let politie = o.mw(&o.politie);
    let vt = o.mw(&o.vt);
    let om = o.mw(&o.om);
    let rvdk = o.mw(&o.rvdk);
    let id = o.registreer(&politie, Soort::Actieoverleg, &inv).await;

    // Ingediend: the inbrenger and the chair (VT) take part; OM not yet.
    let beeld = o.bekijk(&vt, id).await;
    assert_eq!(beeld.moment.status, Status::Ingediend);
    assert!(beeld.is_voorzitter, "VT is voorzitter");
    assert!(beeld.deelnemers.iter().any(|d| d.organisatie_id == o.vt.id
        && d.rol == DeelnemerRol::Voorzitter
        && d.tot.is_none()));
    assert_eq!(o.ziet(&vt, id).await, persoon);
    assert!(!o.bekijk(&politie, id).await.is_voorzitter);
    o.ziet_niet(&om, id, &geheim).await;
    o.ziet_niet(&rvdk, id, &geheim).await;

    // Only the chair decides the voorbespreking.
    for g in [&politie, &om, &o.gebruiker(&o.vt, Rol::Lezer)] {
        let s = StapInvoer {
            besluit: "geaccepteerd".into(),
            ..stap("voorbespreking")
        };
        assert!(
            matches!(
                service::stap(&o.db, g, id, &s).await,
                Err(AppError::GeenToegang)
            ),
            "{} mag de voorbespreking niet doen",
            g.email
        );
    }
    // Afwijzen requires a known reason.
    for reden in ["", "geen_zin"] {
        let s = StapInvoer {
            besluit: "afgewezen".into(),
            reden: reden.into(),
            ..stap("voorbespreking")
        };
        assert_eq!(
            veldcodes(service::stap(&o.db, &vt, id, &s).await.unwrap_err()),
            vec!["reden"]
        );
    }
    assert_eq!(
        veldcodes(
            service::stap(&o.db, &vt, id, &stap("voorbespreking"))
                .await
                .unwrap_err()
        ),
        vec!["besluit"]
    );
    assert_eq!(o.bekijk(&vt, id).await.moment.status, Status::Ingediend);
    o.ziet_niet(&om, id, &geheim).await;
    // Agenda before acceptance is not possible.
    assert!(matches!(
        service::stap(
            &o.db,
            &vt,
            id,
            &StapInvoer {
                datum: "2025-03-20".into(),
                ..stap("agenderen")
            }
        )
        .await,
        Err(AppError::Conflict(_))
    ));

    // Geaccepteerd: the fixed members (Politie, OM, VT) join; op afroep (RvdK, 3RO) do not.
    let s = StapInvoer {
        besluit: "geaccepteerd".into(),
        datum: "2025-03-12".into(),
        ..stap("voorbespreking")
    };
    assert_eq!(
        service::stap(&o.db, &vt, id, &s).await.expect("accepteren"),
        Status::Geaccepteerd
    );
    assert_eq!(o.ziet(&om, id).await, persoon);
    assert_eq!(o.ziet(&politie, id).await, persoon);
    assert_eq!(o.ziet(&vt, id).await, persoon);
    o.ziet_niet(&rvdk, id, &geheim).await;
    o.ziet_niet(&o.mw(&o.reclassering), id, &geheim).await;
    o.geweigerd(&o.mw(&o.gemeente), id).await;
    let deelnemers = o.bekijk(&om, id).await.deelnemers;
    let rol_van = |org: &Org| {
        deelnemers
            .iter()
            .find(|d| d.organisatie_id == org.id)
            .map(|d| d.rol)
    };
    assert_eq!(rol_van(&o.politie), Some(DeelnemerRol::Inbrenger));
    assert_eq!(rol_van(&o.vt), Some(DeelnemerRol::Voorzitter));
    assert_eq!(rol_van(&o.om), Some(DeelnemerRol::Vast));
    assert_eq!(rol_van(&o.rvdk), None);
    // A second voorbespreking is not possible.
    assert!(matches!(
        service::stap(&o.db, &vt, id, &s).await,
        Err(AppError::Conflict(_))
    ));

    // Agenderen: chair only.
    let agenda = StapInvoer {
        datum: "2025-03-20".into(),
        ..stap("agenderen")
    };
    assert!(matches!(
        service::stap(&o.db, &om, id, &agenda).await,
        Err(AppError::GeenToegang)
    ));
    assert_eq!(
        service::stap(&o.db, &vt, id, &agenda)
            .await
            .expect("agenderen"),
        Status::Geagendeerd
    );
    let m = o.bekijk(&vt, id).await.moment;
    assert!(m.vergadering_id.is_some());
    assert_eq!(m.vergadering_datum.as_deref(), Some("2025-03-20"));

    // Bespreking by a participant; the date defaults to the meeting.
    assert_eq!(
        service::stap(&o.db, &om, id, &stap("bespreking"))
            .await
            .expect("bespreking"),
        Status::Besproken
    );
    let m = o.bekijk(&om, id).await.moment;
    assert_eq!(m.waarde("besproken_op"), "2025-03-20");
    assert_eq!(m.waarde("stap1_gedeeld"), "ja");

    // An afspraak for RvdK: its owner joins, and the moment moves to "afspraken lopen".
    let afspraak = service::afspraak_toevoegen(
        &o.db,
        &vt,
        id,
        &AfspraakInvoer {
            eigenaar: o.rvdk.id.to_string(),
            soort: "structureel".into(),
            omschrijving: "Raadsonderzoek starten".into(),
            deadline: "2025-04-01".into(),
            medewerker: String::new(),
        },
    )
    .await
    .expect("afspraak");
    let beeld = o.bekijk(&vt, id).await;
    assert_eq!(beeld.moment.status, Status::AfsprakenLopen);
    assert_eq!(beeld.afspraken.len(), 1);
    assert_eq!(beeld.afspraken[0].eigenaar_organisatie_id, o.rvdk.id);
    assert_eq!(o.ziet(&rvdk, id).await, persoon);
    // An owner outside the region is refused.
    assert_eq!(
        veldcodes(
            service::afspraak_toevoegen(
                &o.db,
                &vt,
                id,
                &AfspraakInvoer {
                    eigenaar: o.vt_limburg.id.to_string(),
                    soort: "direct".into(),
                    omschrijving: "x".into(),
                    deadline: "2025-04-01".into(),
                    medewerker: String::new(),
                },
            )
            .await
            .unwrap_err()
        ),
        vec!["eigenaar"]
    );
    // The owner marks it done; a non-participant may not.
    assert!(matches!(
        service::afspraak_status(&o.db, &o.mw(&o.reclassering), afspraak, "gereed", "").await,
        Err(AppError::Geweigerd(_))
    ));
    service::afspraak_status(&o.db, &rvdk, afspraak, "gereed", "")
        .await
        .expect("afspraak gereed");
    let a = &o.bekijk(&vt, id).await.afspraken[0];
    assert_eq!(a.status.code(), "gereed");
    assert!(a.gereed_op.is_some());

    // Terugkoppeling keeps the status; afronden ends the flow.
    let s = StapInvoer {
        datum: "2025-03-27".into(),
        ..stap("terugkoppeling")
    };
    assert_eq!(
        service::stap(&o.db, &politie, id, &s)
            .await
            .expect("terugkoppeling"),
        Status::AfsprakenLopen
    );
    assert_eq!(
        o.bekijk(&politie, id)
            .await
            .moment
            .waarde("terugkoppeling_op"),
        "2025-03-27"
    );
    assert_eq!(
        service::stap(&o.db, &politie, id, &stap("afronden"))
            .await
            .expect("afronden"),
        Status::Afgerond
    );
    assert!(matches!(
        service::stap(&o.db, &politie, id, &stap("afronden")).await,
        Err(AppError::Conflict(_))
    ));

    // A second aanmelding, rejected with a reason: the fixed members do not join.
    let (inv2, _) = invoer(Soort::Actieoverleg, "2025-03-11 10:00", &geheim);
    let id2 = o.registreer(&politie, Soort::Actieoverleg, &inv2).await;
    let s = StapInvoer {
        besluit: "afgewezen".into(),
        reden: "ander_overleg".into(),
        ..stap("voorbespreking")
    };
    assert_eq!(
        service::stap(&o.db, &vt, id2, &s).await.expect("afwijzen"),
        Status::Afgewezen
    );
    let m = o.bekijk(&vt, id2).await.moment;
    assert_eq!(m.waarde("afwijzingsreden"), "ander_overleg");
    o.ziet_niet(&om, id2, &geheim).await;
}

// ---- audit on every read ----------------------------------------------------------------

#[tokio::test]
async fn elke_inzage_staat_in_de_audit_met_doel() {
    let o = opzet().await;
    for (soort, inbrenger, niet) in [
        (Soort::Acuut, &o.politie, &o.om),
        (Soort::Actieoverleg, &o.om, &o.reclassering),
        (Soort::Zsm, &o.om, &o.rvdk),
        (Soort::Ssk, &o.vt, &o.politie),
    ] {
        let geheim = format!("{PERSOONLIJK}-audit-{}", soort.code());
        let (inv, _) = invoer(soort, "2025-05-02 08:00", &geheim);
        let g = o.mw(inbrenger);
        let id = o.registreer(&g, soort, &inv).await;
        assert_eq!(o.gelezen_door(&g, id, soort).await, 0);
        for n in 1..=3 {
            o.ziet(&g, id).await;
            assert_eq!(
                o.gelezen_door(&g, id, soort).await,
                n,
                "elke inzage in {soort:?} een eigen regel"
            );
        }
        let rij: (
            Option<voorop::gedeeld::GebruikerId>,
            Option<voorop::gedeeld::OrganisatieId>,
            String,
            String,
            String,
            String,
        ) = sqlx::query_as(
            "SELECT gebruiker_id, organisatie_id, actor, object_type, object_id, details FROM audit_log
             WHERE code = 'casus.persoonsgegevens_gelezen' ORDER BY id DESC LIMIT 1",
        )
        .fetch_one(&o.db)
        .await
        .expect("laatste regel");
        assert_eq!(
            rij,
            (
                Some(g.id),
                Some(inbrenger.id),
                g.email.clone(),
                "moment".to_string(),
                id.to_string(),
                format!("doel={}", soort.label()),
            )
        );
        // Refused or process-only views leave no read behind.
        let niet_deelnemer = o.mw(niet);
        o.ziet_niet(&niet_deelnemer, id, &geheim).await;
        o.ziet_niet(&o.gebruiker(inbrenger, Rol::Beheerder), id, &geheim)
            .await;
        o.geweigerd(&o.gebruiker(inbrenger, Rol::Lezer), id).await;
        o.geweigerd(&o.mw(&o.vt_limburg), id).await;
        assert_eq!(o.gelezen_door(&niet_deelnemer, id, soort).await, 0);
        // The audit never holds the personal values themselves.
        assert_eq!(
            o.tel(&format!(
                "SELECT COUNT(*) FROM audit_log WHERE (details || object_id || actor) LIKE '%{geheim}%'"
            ))
            .await,
            0
        );
    }
}

// ---- end of participation and closing the case ------------------------------------------

#[tokio::test]
async fn einde_deelname_en_sluiten_beeindigen_inzage() {
    let o = opzet().await;
    let geheim = format!("{PERSOONLIJK}-einde");
    let politie = o.mw(&o.politie);
    let vt = o.mw(&o.vt);
    let (mut inv, persoon) = invoer(Soort::Acuut, "2025-06-01 23:10", &geheim);
    inv.deelnemers = vec![o.vt.id.to_string()];
    let id = o.registreer(&politie, Soort::Acuut, &inv).await;
    assert_eq!(o.ziet(&vt, id).await, persoon);

    // Politie (inbrenger, no chair) may not end VT's participation; VT ends its own: it no
    // longer sees or changes the personal data.
    assert!(matches!(
        service::deelname(&o.db, &politie, id, o.vt.id, false).await,
        Err(AppError::Geweigerd(_))
    ));
    assert_eq!(o.ziet(&vt, id).await, persoon);
    service::deelname(&o.db, &vt, id, o.vt.id, false)
        .await
        .expect("deelname beëindigen");
    o.ziet_niet(&vt, id, &geheim).await;
    assert!(matches!(
        service::bijwerken(&o.db, &vt, id, &inv).await,
        Err(AppError::GeenToegang)
    ));
    let d = o.bekijk(&politie, id).await.deelnemers;
    let vt_deelname = d.iter().find(|d| d.organisatie_id == o.vt.id).expect("vt");
    assert!(
        vt_deelname.tot.is_some(),
        "the participation is kept, ended"
    );
    // The last participant cannot leave: nobody could close the case any more.
    assert!(matches!(
        service::deelname(&o.db, &politie, id, o.politie.id, false).await,
        Err(AppError::Conflict(_))
    ));
    assert_eq!(o.ziet(&politie, id).await, persoon);
    // Added again, VT sees it again, in a new period: the gap stays in the history.
    service::deelname(&o.db, &politie, id, o.vt.id, true)
        .await
        .expect("opnieuw toevoegen");
    assert_eq!(o.ziet(&vt, id).await, persoon);
    let perioden: Vec<_> = o
        .bekijk(&politie, id)
        .await
        .deelnemers
        .into_iter()
        .filter(|d| d.organisatie_id == o.vt.id)
        .collect();
    assert_eq!(perioden.len(), 2, "{perioden:?}");
    assert!(perioden[0].tot.is_some() && perioden[1].tot.is_none());

    // A second moment of the same case (ZSM), VT taking part as well.
    let (mut inv2, persoon2) = invoer(Soort::Zsm, "2025-06-02 03:00", &geheim);
    inv2.casus = o.bekijk(&politie, id).await.moment.casus_id.to_string();
    inv2.deelnemers = vec![o.vt.id.to_string()];
    let id2 = o.registreer(&politie, Soort::Zsm, &inv2).await;
    assert_eq!(o.ziet(&vt, id2).await, persoon2);

    // A case with running moments cannot be closed: that would cut everyone off.
    assert!(matches!(
        service::casus_sluiten(&o.db, &vt, id2, false).await,
        Err(AppError::Conflict(m)) if m.contains("Nog lopend")
    ));
    for m in [id, id2] {
        service::stap(&o.db, &politie, m, &stap("afronden"))
            .await
            .expect("afronden");
    }
    // Closing the case ends every participation in every moment of it.
    let casus = service::casus_sluiten(&o.db, &vt, id2, false)
        .await
        .expect("sluiten")
        .0;
    assert_eq!(
        o.tel_id(
            "SELECT COUNT(*) FROM moment_deelnemer d JOIN moment m ON m.id = d.moment_id
             WHERE m.casus_id = $1 AND d.tot IS NULL",
            casus
        )
        .await,
        0
    );
    for g in [
        &politie,
        &vt,
        &o.gebruiker(&o.politie, Rol::Regiocoordinator),
    ] {
        for m in [id, id2] {
            let b = o.ziet_niet(g, m, &geheim).await;
            assert_eq!(b.moment.casus_status, "gesloten");
        }
    }
    assert!(matches!(
        service::bijwerken(&o.db, &politie, id, &inv).await,
        Err(AppError::GeenToegang)
    ));
    // The personal data itself is still stored until retention.
    assert_eq!(
        o.tel_id(
            "SELECT COUNT(*) FROM moment_persoon WHERE moment_id IN (SELECT id FROM moment WHERE casus_id = $1)",
            casus
        )
        .await,
        2
    );
    // Only the registering organisation may reopen; that brings back only its own access.
    assert!(matches!(
        service::casus_sluiten(&o.db, &vt, id, true).await,
        Err(AppError::GeenToegang)
    ));
    service::casus_sluiten(&o.db, &politie, id, true)
        .await
        .expect("heropenen");
    assert_eq!(o.ziet(&politie, id).await, persoon);
    o.ziet_niet(&vt, id, &geheim).await;
    o.ziet_niet(&vt, id2, &geheim).await;
}

// ---- retention ---------------------------------------------------------------------------

#[tokio::test]
async fn retentie_wist_persoonsgegevens_en_bewaart_indicatoren() {
    let o = opzet().await;
    let politie = o.mw(&o.politie);
    let vt = o.mw(&o.vt);
    let geheim = format!("{PERSOONLIJK}-retentie");

    // Case A (acuut + zsm), the same person as case B three months later.
    let (mut a1, _) = invoer(Soort::Acuut, "2023-01-10 21:00", &geheim);
    a1.persoon_naam = PSEUDONIEM_NAAM.into();
    a1.persoon_geboortedatum = GEBOREN.into();
    let m_a1 = o.registreer(&politie, Soort::Acuut, &a1).await;
    let casus_a = o.bekijk(&politie, m_a1).await.moment.casus_id.0;
    let (mut a2, _) = invoer(Soort::Zsm, "2023-01-11 02:00", &geheim);
    a2.casus = casus_a.to_string();
    a2.velden.insert(
        "twijfel_notitie".into(),
        "Fictief: vrije tekst die toch een naam kan bevatten".into(),
    );
    let m_a2 = o.registreer(&politie, Soort::Zsm, &a2).await;
    service::afspraak_toevoegen(
        &o.db,
        &politie,
        m_a1,
        &AfspraakInvoer {
            eigenaar: o.vt.id.to_string(),
            soort: "direct".into(),
            omschrijving: "Veiligheidsplan opstellen".into(),
            deadline: "2023-01-20".into(),
            medewerker: String::new(),
        },
    )
    .await
    .expect("afspraak");
    // The case's plan names the person in its free text (its versions name a stored user).
    sqlx::query(
        "INSERT INTO gebruiker (id, email, naam, organisatie_id, rol, wachtwoord_hash, aangemaakt_op)
         VALUES ($1, $2, $3, $4, 'medewerker', 'x', '2023-01-01T00:00:00Z')",
    )
    .bind(politie.id)
    .bind(&politie.email)
    .bind(&politie.naam)
    .bind(politie.organisatie_id)
    .execute(&o.db)
    .await
    .expect("gebruiker");
    service::plan_opslaan(
        &o.db,
        &politie,
        voorop::gedeeld::CasusId(casus_a),
        (0, "Fictief: toelichting met een naam"),
        &[voorop::casus::plan::PlanRegel {
            veiligheid: "direct".into(),
            partner: o.politie.id.to_string(),
            soort: "onderzoek".into(),
            omschrijving: geheim.clone(),
            datum: "2023-01-12".into(),
            status: "gereed".into(),
            ..Default::default()
        }],
    )
    .await
    .expect("plan");

    let (mut b, persoon_b) = invoer(Soort::Ssk, "2023-04-10 10:00", &geheim);
    b.persoon_naam = PSEUDONIEM_NAAM_ANDERS.into();
    b.persoon_geboortedatum = GEBOREN_NL.into();
    let m_b = o.registreer(&vt, Soort::Ssk, &b).await;
    let casus_b = o.bekijk(&vt, m_b).await.moment.casus_id.0;

    // Case C: another person, closed only 23 months before `nu`.
    let (mut c, persoon_c) = invoer(Soort::Acuut, "2023-02-01 10:00", &geheim);
    c.persoon_naam = "Grutto, Bram".into();
    c.persoon_geboortedatum = "1990-01-01".into();
    let m_c = o.registreer(&politie, Soort::Acuut, &c).await;
    let casus_c = o.bekijk(&politie, m_c).await.moment.casus_id.0;

    let pseudoniem = |id: i64| {
        let db = o.db.clone();
        async move {
            sqlx::query_scalar::<_, Option<String>>("SELECT pseudoniem FROM casus WHERE id = $1")
                .bind(id)
                .fetch_one(&db)
                .await
                .expect("pseudoniem")
        }
    };
    let p_a = pseudoniem(casus_a).await.expect("A heeft een pseudoniem");
    assert_eq!(
        pseudoniem(casus_b).await.as_ref(),
        Some(&p_a),
        "same person"
    );
    assert_ne!(pseudoniem(casus_c).await.as_ref(), Some(&p_a));

    for m in [m_a1, m_a2, m_c] {
        service::stap(&o.db, &politie, m, &stap("afronden"))
            .await
            .expect("afronden");
    }
    assert_eq!(
        service::casus_sluiten(&o.db, &politie, m_a1, false)
            .await
            .expect("A")
            .0,
        casus_a
    );
    assert_eq!(
        service::casus_sluiten(&o.db, &politie, m_c, false)
            .await
            .expect("C")
            .0,
        casus_c
    );
    let zet_gesloten = |id: i64, op: &'static str| {
        let db = o.db.clone();
        async move {
            sqlx::query("UPDATE casus SET gesloten_op = $2 WHERE id = $1")
                .bind(id)
                .bind(op)
                .execute(&db)
                .await
                .expect("gesloten_op zetten");
        }
    };
    zet_gesloten(casus_a, "2023-02-01T12:00:00Z").await;
    zet_gesloten(casus_c, "2023-04-01T12:00:00Z").await;
    let nu = "2025-03-01T12:00:00Z"; // 25 months after A, 23 after C
    assert_eq!(
        o.tel("SELECT COUNT(*) FROM casus WHERE herhaling IS NOT NULL")
            .await,
        0
    );
    let persoon_voor = o.tel("SELECT COUNT(*) FROM moment_persoon").await;
    assert_eq!(persoon_voor, 4);

    let u = retentie::uitvoeren(&o.db, &Actor::systeem(), 24, nu)
        .await
        .expect("retentie");
    assert_eq!(u.casussen, 1);
    assert_eq!(u.records, 2);
    assert_eq!(u.grens, "2023-03-01T12:00:00Z");

    // A: personal data and pseudonym gone, process data kept.
    let in_a = |sql: &'static str| o.tel_id(sql, casus_a);
    assert_eq!(
        in_a("SELECT COUNT(*) FROM moment_persoon WHERE moment_id IN (SELECT id FROM moment WHERE casus_id = $1)")
            .await,
        0
    );
    assert_eq!(pseudoniem(casus_a).await, None);
    assert_eq!(
        in_a("SELECT COUNT(*) FROM casus WHERE id = $1 AND gewist_op IS NOT NULL").await,
        1
    );
    assert_eq!(
        in_a("SELECT COUNT(*) FROM moment WHERE casus_id = $1").await,
        2
    );
    assert_eq!(
        in_a("SELECT COUNT(*) FROM afspraak WHERE moment_id IN (SELECT id FROM moment WHERE casus_id = $1)")
            .await,
        1
    );
    assert_eq!(
        in_a("SELECT COUNT(*) FROM moment_deelnemer WHERE moment_id IN (SELECT id FROM moment WHERE casus_id = $1)")
            .await,
        3,
        "Politie on both moments, VT (owner of the afspraak) on the first"
    );
    let beeld = o.bekijk(&politie, m_a1).await;
    assert!(
        matches!(beeld.persoon, PersoonZicht::Gewist),
        "{:?}",
        beeld.persoon
    );
    assert!(beeld.moment.gewist);
    assert_eq!(beeld.moment.waarde("reactie"), "ter_plaatse");
    assert_eq!(beeld.moment.waarde("veiligheidsbeoordeling"), "ja");
    assert_eq!(beeld.afspraken.len(), 1);
    // Free text in process data and afspraken is erased too; the structured fields stay.
    assert_eq!(beeld.afspraken[0].omschrijving, voorop::casus::repo::GEWIST);
    assert_eq!(beeld.afspraken[0].deadline, "2023-01-20");
    // And the plan's descriptions and notes; its structure stays.
    assert_eq!(
        in_a("SELECT COUNT(*) FROM veiligheidsplan_item i JOIN veiligheidsplan_versie v ON v.id = i.versie_id
              WHERE v.casus_id = $1 AND i.omschrijving <> '(omschrijving gewist na de bewaartermijn)'")
            .await,
        0
    );
    assert_eq!(
        in_a(
            "SELECT COUNT(*) FROM veiligheidsplan_versie WHERE casus_id = $1 AND toelichting = ''"
        )
        .await,
        1
    );
    let beeld2 = o.bekijk(&politie, m_a2).await;
    assert!(matches!(beeld2.persoon, PersoonZicht::Gewist));
    assert_eq!(beeld2.moment.waarde("twijfel_notitie"), "");
    assert_eq!(
        beeld2.moment.waarde("vt_betrokkenheid"),
        a2.velden["vt_betrokkenheid"]
    );
    assert!(!format!("{beeld2:?}").contains("vrije tekst die toch"));
    assert!(matches!(
        o.bekijk(&o.gebruiker(&o.politie, Rol::Beheerder), m_a1)
            .await
            .persoon,
        PersoonZicht::Gewist
    ));
    assert!(!format!("{beeld:?}").contains(&geheim));
    // An erased case cannot be reopened.
    assert!(matches!(
        service::casus_sluiten(&o.db, &politie, m_a1, true).await,
        Err(AppError::Conflict(_))
    ));

    // The repeat flags that depended on the pseudonym are frozen: B stays a repeat of A.
    assert_eq!(in_a("SELECT CASE WHEN herhaling THEN 1 WHEN NOT herhaling THEN 0 END FROM casus WHERE id = $1").await, 0);
    assert_eq!(
        o.tel_id("SELECT CASE WHEN herhaling THEN 1 WHEN NOT herhaling THEN 0 END FROM casus WHERE id = $1", casus_b)
            .await,
        1
    );
    let basis = voorop::casus::repo::herhaal_basis(&o.db, voorop::auth::permissions::systeem())
        .await
        .expect("basis");
    let b_rij = basis.iter().find(|r| r.0 == casus_b).expect("B");
    assert_eq!(b_rij.4, Some(true));
    // B itself is untouched.
    assert_eq!(pseudoniem(casus_b).await.as_ref(), Some(&p_a));
    assert_eq!(o.ziet(&vt, m_b).await, persoon_b);

    // C (23 months) is untouched.
    assert!(pseudoniem(casus_c).await.is_some());
    assert_eq!(
        o.tel_id(
            "SELECT COUNT(*) FROM casus WHERE id = $1 AND gewist_op IS NULL",
            casus_c
        )
        .await,
        1
    );
    assert_eq!(
        o.tel_id(
            "SELECT COUNT(*) FROM moment_persoon WHERE moment_id = $1",
            m_c.0
        )
        .await,
        1
    );
    service::casus_sluiten(&o.db, &politie, m_c, true)
        .await
        .expect("C heropenen");
    assert_eq!(o.ziet(&politie, m_c).await, persoon_c);

    // Audit: the erasure per case and the run.
    assert_eq!(
        o.tel_id(
            "SELECT COUNT(*) FROM audit_log WHERE code = 'casus.persoonsgegevens_gewist'
             AND object_type = 'casus' AND object_id = CAST($1 AS TEXT) AND details = 'records=2'",
            casus_a
        )
        .await,
        1
    );
    assert_eq!(
        o.tel(
            "SELECT COUNT(*) FROM audit_log WHERE code = 'casus.retentie'
             AND details = 'casussen=1 bewaartermijn_maanden=24' AND actor = 'systeem'"
        )
        .await,
        1
    );

    // Running again erases nothing more.
    let persoon_na = o.tel("SELECT COUNT(*) FROM moment_persoon").await;
    assert_eq!(persoon_na, persoon_voor - 2);
    let opnieuw = retentie::uitvoeren(&o.db, &Actor::systeem(), 24, nu)
        .await
        .expect("retentie opnieuw");
    assert_eq!((opnieuw.casussen, opnieuw.records), (0, 0));
    assert_eq!(
        o.tel("SELECT COUNT(*) FROM moment_persoon").await,
        persoon_na
    );
    assert_eq!(
        o.tel("SELECT COUNT(*) FROM audit_log WHERE code = 'casus.persoonsgegevens_gewist'")
            .await,
        1
    );
    assert_eq!(
        o.tel_id("SELECT CASE WHEN herhaling THEN 1 WHEN NOT herhaling THEN 0 END FROM casus WHERE id = $1", casus_b)
            .await,
        1
    );
}

// ---- identifying data is never stored ----------------------------------------------------

/// (table, column) pairs whose text contains `naald` (case-insensitive).
async fn vindplaatsen(db: &Db, naald: &str) -> Vec<(String, String)> {
    let tabellen = common::tabellen(db).await;
    assert!(tabellen.iter().any(|t| t == "moment_persoon"));
    let mut uit = vec![];
    for t in tabellen {
        for k in common::kolommen(db, &t).await {
            let n: i64 = sqlx::query_scalar(&format!(
                "SELECT COUNT(*) FROM \"{t}\" WHERE lower(CAST(\"{k}\" AS TEXT)) LIKE '%' || lower($1) || '%'"
            ))
            .bind(naald)
            .fetch_one(db)
            .await
            .unwrap_or_else(|e| panic!("{t}.{k}: {e}"));
            if n > 0 {
                uit.push((t.clone(), k));
            }
        }
    }
    uit
}

#[tokio::test]
async fn naam_en_geboortedatum_worden_nergens_opgeslagen() {
    let o = opzet().await;
    let politie = o.mw(&o.politie);
    let vt = o.mw(&o.vt);
    let mut ids = vec![];
    for (soort, g) in [
        (Soort::Acuut, &politie),
        (Soort::Actieoverleg, &politie),
        (Soort::Zsm, &politie),
        (Soort::Ssk, &vt),
    ] {
        let (mut inv, _) = invoer(soort, "2025-02-03 04:05", PERSOONLIJK);
        inv.persoon_naam = PSEUDONIEM_NAAM.into();
        inv.persoon_geboortedatum = GEBOREN.into();
        let id = o.registreer(g, soort, &inv).await;
        o.ziet(g, id).await;
        // Changing the moment (with the identifying data on the form again) stores no more.
        service::bijwerken(&o.db, g, id, &inv)
            .await
            .expect("bijwerken");
        ids.push(id);
    }
    let ao = ids[1];
    service::stap(
        &o.db,
        &vt,
        ao,
        &StapInvoer {
            besluit: "geaccepteerd".into(),
            ..stap("voorbespreking")
        },
    )
    .await
    .expect("voorbespreking");
    o.ziet(&o.mw(&o.om), ao).await;

    // The pseudonym is a keyed hash, not the name.
    let pseudoniemen: Vec<String> =
        sqlx::query_scalar("SELECT pseudoniem FROM casus WHERE pseudoniem IS NOT NULL")
            .fetch_all(&o.db)
            .await
            .expect("pseudoniemen");
    assert_eq!(pseudoniemen.len(), 4);
    for p in &pseudoniemen {
        assert_eq!(p, &pseudoniemen[0], "the same person, the same key");
        assert_eq!(p.len(), 32);
        assert!(p.chars().all(|c| c.is_ascii_hexdigit()), "{p}");
        assert!(
            !p.to_lowercase()
                .contains(&PSEUDONIEM_ACHTERNAAM.to_lowercase())
        );
    }

    // Typed only for the pseudonym: nowhere in the database.
    for naald in [PSEUDONIEM_ACHTERNAAM, GEBOREN, GEBOREN_NL] {
        let gevonden = vindplaatsen(&o.db, naald).await;
        assert!(gevonden.is_empty(), "'{naald}' staat in {gevonden:?}");
    }
    // Typed into personal fields: only in moment_persoon.
    assert_eq!(
        vindplaatsen(&o.db, PERSOONLIJK).await,
        vec![("moment_persoon".to_string(), "gegevens".to_string())]
    );

    // Not in the raw file either (database and write-ahead log); PostgreSQL's files are the
    // server's, and the catalogue scan above covers them.
    if common::op_postgres() {
        return;
    }
    let mut bytes = vec![];
    for achtervoegsel in ["", "-wal"] {
        let mut p = o.pad.clone().into_os_string();
        p.push(achtervoegsel);
        if let Ok(b) = std::fs::read(&p) {
            bytes.extend(b);
        }
    }
    assert!(!bytes.is_empty());
    let tekst = String::from_utf8_lossy(&bytes).to_lowercase();
    assert!(
        tekst.contains(&PERSOONLIJK.to_lowercase()),
        "the scan sees the file"
    );
    assert!(!tekst.contains(&PSEUDONIEM_ACHTERNAAM.to_lowercase()));
    assert!(!tekst.contains(GEBOREN));
}

// ---- validation stores nothing -----------------------------------------------------------

#[tokio::test]
async fn ongeldige_registratie_slaat_niets_op() {
    let o = opzet().await;
    let politie = o.mw(&o.politie);
    let tel_alles = || async {
        let mut v = vec![];
        for t in [
            "casus",
            "moment",
            "moment_persoon",
            "moment_deelnemer",
            "audit_log",
        ] {
            v.push(o.tel(&format!("SELECT COUNT(*) FROM {t}")).await);
        }
        v
    };
    // A case of OM in which Politie does not take part.
    let (om_inv, _) = invoer(Soort::Zsm, "2025-03-13 10:00", "Anders");
    let om_moment = o.registreer(&o.mw(&o.om), Soort::Zsm, &om_inv).await;
    let om_casus = o.bekijk(&o.mw(&o.om), om_moment).await.moment.casus_id;
    let voor = tel_alles().await;

    let fout = |soort: Soort, invoer: MomentInvoer, sleutel: Option<Sleutel>| {
        let db = o.db.clone();
        let g = politie.clone();
        async move {
            veldcodes(
                service::registreren(&db, sleutel.as_ref(), &g, soort, &invoer)
                    .await
                    .expect_err("moet worden geweigerd"),
            )
        }
    };
    let s = || Some(o.sleutel.clone());

    // Bad tijdstip and a missing required field.
    let (mut inv, _) = invoer(Soort::Acuut, "gisteren", PERSOONLIJK);
    inv.velden.remove("reactie");
    assert_eq!(
        fout(Soort::Acuut, inv, s()).await,
        vec!["reactie", "tijdstip"]
    );
    let (mut inv, _) = invoer(Soort::Acuut, "2025-02-30 10:00", PERSOONLIJK);
    inv.velden
        .insert("veiligheidsbeoordeling".into(), "misschien".into());
    assert_eq!(
        fout(Soort::Acuut, inv, s()).await,
        vec!["tijdstip", "veiligheidsbeoordeling"]
    );
    let (inv, _) = invoer(Soort::Acuut, "2025-03-14 25:00", PERSOONLIJK);
    assert_eq!(fout(Soort::Acuut, inv, s()).await, vec!["tijdstip"]);
    // A required personal field of the Actie-overleg aanmelding.
    let (mut inv, _) = invoer(Soort::Actieoverleg, "2025-03-14 10:00", PERSOONLIJK);
    inv.velden.remove("vraag");
    inv.velden.remove("clientgegevens");
    assert_eq!(
        fout(Soort::Actieoverleg, inv, s()).await,
        vec!["clientgegevens", "vraag"]
    );
    for soort in [Soort::Zsm, Soort::Ssk] {
        let (mut inv, _) = invoer(soort, "2025-03-14 10:00", PERSOONLIJK);
        let verplicht = voorop::casus::velden::velden(soort)
            .iter()
            .find(|v| v.verplicht)
            .expect("een verplicht veld")
            .code;
        inv.velden.remove(verplicht);
        assert_eq!(fout(soort, inv, s()).await, vec![verplicht]);
    }
    // Identifying data: incomplete, or no key configured.
    let (mut inv, _) = invoer(Soort::Acuut, "2025-03-14 10:00", PERSOONLIJK);
    inv.persoon_naam = PSEUDONIEM_NAAM.into();
    assert_eq!(
        fout(Soort::Acuut, inv.clone(), s()).await,
        vec!["persoon_geboortedatum"]
    );
    inv.persoon_geboortedatum = GEBOREN.into();
    assert_eq!(fout(Soort::Acuut, inv, None).await, vec!["persoon_naam"]);
    // A participant from another region: refused inside the transaction, nothing kept.
    let (mut inv, _) = invoer(Soort::Acuut, "2025-03-14 10:00", PERSOONLIJK);
    inv.deelnemers = vec![o.om.id.to_string(), o.vt_limburg.id.to_string()];
    assert_eq!(fout(Soort::Acuut, inv, s()).await, vec!["deelnemers"]);
    // A case Politie does not take part in (or that does not exist, or a bad number).
    for casus in [om_casus.to_string(), "999".into(), "-3".into()] {
        let (mut inv, _) = invoer(Soort::Acuut, "2025-03-14 10:00", PERSOONLIJK);
        inv.casus = casus;
        assert_eq!(fout(Soort::Acuut, inv, s()).await, vec!["casus"]);
    }

    // Roles and organisations that may not register at all.
    let (inv, _) = invoer(Soort::Acuut, "2025-03-14 10:00", PERSOONLIJK);
    for g in [
        o.gebruiker(&o.politie, Rol::Lezer),
        o.gebruiker(&o.politie, Rol::Beheerder),
        o.mw(&o.gemeente),
        o.gebruiker(&o.netwerk, Rol::Regiocoordinator),
    ] {
        assert!(matches!(
            service::registreren(&o.db, s().as_ref(), &g, Soort::Acuut, &inv).await,
            Err(AppError::GeenToegang)
        ));
    }

    assert_eq!(tel_alles().await, voor, "niets opgeslagen");
    assert_eq!(vindplaatsen(&o.db, PERSOONLIJK).await, vec![]);
    assert_eq!(vindplaatsen(&o.db, PSEUDONIEM_ACHTERNAAM).await, vec![]);

    // The same input, corrected, is stored (so the checks above can fail).
    let (inv, _) = invoer(Soort::Acuut, "2025-03-14 10:00", PERSOONLIJK);
    o.registreer(&politie, Soort::Acuut, &inv).await;
    assert_ne!(tel_alles().await, voor);
}

// ---- issue 7: participation history, overleg management, participation controls -------

/// Audit rows of refused changes to moments.
async fn geweigerd_in_audit(o: &Omgeving) -> i64 {
    o.tel("SELECT COUNT(*) FROM audit_log WHERE code = 'casus.wijziging_geweigerd'")
        .await
}

/// The participation periods of one organisation in a moment: (rol, tot, einde, ended by).
async fn perioden(
    o: &Omgeving,
    moment: voorop::gedeeld::MomentId,
    org: &Org,
) -> Vec<(
    String,
    Option<String>,
    Option<String>,
    Option<voorop::gedeeld::OrganisatieId>,
)> {
    sqlx::query_as(
        "SELECT rol, tot, einde, beeindigd_door_organisatie FROM moment_deelnemer
         WHERE moment_id = $1 AND organisatie_id = $2 ORDER BY id",
    )
    .bind(moment)
    .bind(org.id)
    .fetch_all(&o.db)
    .await
    .expect("perioden")
}

/// Defect 3: an organisation whose participation was ended cannot come back by "reopening"
/// the still-open case, and reopening a closed case does not restore it either. The history
/// keeps one row per period and cannot be rewritten.
#[tokio::test]
async fn beeindigde_deelnemer_komt_niet_terug_via_heropenen() {
    let o = opzet().await;
    let geheim = format!("{PERSOONLIJK}-terugkeer");
    let politie = o.mw(&o.politie);
    let vt = o.mw(&o.vt);
    let (inv, persoon) = invoer(Soort::Actieoverleg, "2025-04-01 10:00", &geheim);
    let id = o.registreer(&politie, Soort::Actieoverleg, &inv).await;
    assert_eq!(o.ziet(&politie, id).await, persoon);

    // The chair (VT) ends the police's participation.
    service::deelname(&o.db, &vt, id, o.politie.id, false)
        .await
        .expect("voorzitter beëindigt deelname");
    o.ziet_niet(&politie, id, &geheim).await;

    // The police registered the moment and posts "heropenen" on the still-open case: refused,
    // nothing changes, it still sees process data only.
    let voor = perioden(&o, id, &o.politie).await;
    let geweigerd = geweigerd_in_audit(&o).await;
    assert_eq!(voor.len(), 1);
    assert_eq!(voor[0].2.as_deref(), Some("beeindigd"));
    assert_eq!(voor[0].3, Some(o.vt.id), "who ended it is kept");
    assert!(matches!(
        service::casus_sluiten(&o.db, &politie, id, true).await,
        Err(AppError::Conflict(_))
    ));
    o.ziet_niet(&politie, id, &geheim).await;
    assert_eq!(
        perioden(&o, id, &o.politie).await,
        voor,
        "history unchanged"
    );
    assert_eq!(
        geweigerd_in_audit(&o).await,
        geweigerd + 1,
        "the attempt is audited"
    );

    // The case is finished and closed (by the chair). Reopening does not restore the police's
    // ended participation: it was not taking part when the case was closed.
    let afwijzen = StapInvoer {
        besluit: "afgewezen".into(),
        reden: "ander_overleg".into(),
        ..stap("voorbespreking")
    };
    service::stap(&o.db, &vt, id, &afwijzen)
        .await
        .expect("afwijzen");
    service::casus_sluiten(&o.db, &vt, id, false)
        .await
        .expect("sluiten");
    assert!(matches!(
        service::casus_sluiten(&o.db, &politie, id, true).await,
        Err(AppError::GeenToegang)
    ));
    assert!(!o.bekijk(&politie, id).await.mag_heropenen);
    o.ziet_niet(&politie, id, &geheim).await;
    // VT took part until the closing but did not register the moment: it cannot reopen either.
    assert!(matches!(
        service::casus_sluiten(&o.db, &vt, id, true).await,
        Err(AppError::GeenToegang)
    ));
    assert_eq!(perioden(&o, id, &o.politie).await, voor);
    let vt_perioden = perioden(&o, id, &o.vt).await;
    assert_eq!(vt_perioden.len(), 1);
    assert_eq!(vt_perioden[0].2.as_deref(), Some("casus_gesloten"));

    // An acuut moment registered by VT with the police: VT leaves of its own accord, the case
    // is closed by the police; VT cannot reopen it to get back in.
    let (mut inv, _) = invoer(Soort::Acuut, "2025-04-02 22:00", &geheim);
    inv.deelnemers = vec![o.politie.id.to_string()];
    let acuut = o.registreer(&vt, Soort::Acuut, &inv).await;
    service::deelname(&o.db, &vt, acuut, o.vt.id, false)
        .await
        .expect("eigen deelname beëindigen");
    assert!(matches!(
        service::casus_sluiten(&o.db, &vt, acuut, true).await,
        Err(AppError::Conflict(_))
    ));
    o.ziet_niet(&vt, acuut, &geheim).await;
    service::stap(&o.db, &politie, acuut, &stap("afronden"))
        .await
        .expect("afronden");
    service::casus_sluiten(&o.db, &politie, acuut, false)
        .await
        .expect("sluiten");
    assert!(matches!(
        service::casus_sluiten(&o.db, &vt, acuut, true).await,
        Err(AppError::GeenToegang)
    ));
    o.ziet_niet(&vt, acuut, &geheim).await;

    // A registering organisation that took part until the closing reopens: a new period for
    // it alone, the old ones stay as they were.
    let (inv, persoon2) = invoer(Soort::Acuut, "2025-04-03 22:00", &geheim);
    let eigen = o.registreer(&vt, Soort::Acuut, &inv).await;
    service::stap(&o.db, &vt, eigen, &stap("afronden"))
        .await
        .expect("afronden");
    service::casus_sluiten(&o.db, &vt, eigen, false)
        .await
        .expect("sluiten");
    assert!(o.bekijk(&vt, eigen).await.mag_heropenen);
    service::casus_sluiten(&o.db, &vt, eigen, true)
        .await
        .expect("heropenen");
    assert_eq!(o.ziet(&vt, eigen).await, persoon2);
    let p = perioden(&o, eigen, &o.vt).await;
    assert_eq!(p.len(), 2, "{p:?}");
    assert_eq!(p[0].2.as_deref(), Some("casus_gesloten"));
    assert_eq!(p[1].1, None);

    // The history is append-only in the database itself.
    for sql in [
        "DELETE FROM moment_deelnemer WHERE moment_id = $1",
        "UPDATE moment_deelnemer SET tot = NULL, einde = NULL WHERE moment_id = $1",
        "UPDATE moment_deelnemer SET vanaf = '2000-01-01T00:00:00' WHERE moment_id = $1",
        "UPDATE moment_deelnemer SET rol = 'betrokken' WHERE moment_id = $1",
        "UPDATE moment_deelnemer SET moment_id = moment_id + 1 WHERE moment_id = $1",
        "UPDATE moment_deelnemer SET tot = '2030-01-01T00:00:00' WHERE moment_id = $1",
    ] {
        let r = sqlx::query(sql).bind(id).execute(&o.db).await;
        assert!(r.is_err(), "{sql} moet worden geweigerd");
    }
    // A second open period for the same organisation is impossible.
    let r = sqlx::query(
        "INSERT INTO moment_deelnemer (moment_id, organisatie_id, rol, vanaf) VALUES ($1, $2, 'betrokken', '2025-01-01T00:00:00')",
    )
    .bind(eigen)
    .bind(o.vt.id)
    .execute(&o.db)
    .await;
    assert!(r.is_err(), "twee lopende perioden");
}

/// Defect 4: only a medewerker or coordinator of a partner organisation sets up an
/// Actie-overleg, chaired by its own organisation; accepting an aanmelding brings in the fixed
/// members of that aanmelding's overleg only.
#[tokio::test]
async fn alleen_ketenpartner_stelt_overleg_in_en_alleen_dat_overleg_komt_erbij() {
    let o = opzet().await;
    let ids = |orgs: &[&Org]| orgs.iter().map(|x| x.id.to_string()).collect::<Vec<_>>();
    let invoer_overleg = OverlegInvoer {
        naam: "Raadsoverleg".into(),
        weekdag: "2".into(),
        tijd: "10:00".into(),
        frequentie: "wekelijks".into(),
        vast: ids(&[&o.rvdk, &o.reclassering]),
        op_afroep: vec![],
    };
    let aantal = || o.tel("SELECT COUNT(*) FROM overleg");
    let voor = aantal().await;
    for g in [
        o.gebruiker(&o.gemeente, Rol::Regiocoordinator),
        o.mw(&o.gemeente),
        o.gebruiker(&o.netwerk, Rol::Regiocoordinator),
        o.gebruiker(&o.vt, Rol::Beheerder),
        o.gebruiker(&o.rvdk, Rol::Lezer),
    ] {
        assert!(
            matches!(
                service::overleg_aanmaken(&o.db, &g, &invoer_overleg).await,
                Err(AppError::GeenToegang)
            ),
            "{} mag geen Actie-overleg instellen",
            g.email
        );
    }
    assert_eq!(aantal().await, voor, "niets ingesteld");

    // RvdK's medewerker sets one up: RvdK chairs it.
    let raad = service::overleg_aanmaken(&o.db, &o.mw(&o.rvdk), &invoer_overleg)
        .await
        .expect("overleg door RvdK");
    let overleggen = voorop::casus::repo::overleggen(
        &o.db,
        &voorop::auth::permissions::systeem().inzage(),
        &voorop::gedeeld::RegioCode::OOST_BRABANT,
    )
    .await
    .expect("overleggen");
    let vt_overleg = overleggen
        .iter()
        .find(|x| x.voorzitter_organisatie_id == o.vt.id)
        .expect("VT's overleg")
        .id;
    let r = overleggen.iter().find(|x| x.id == raad).expect("raad");
    assert_eq!(r.voorzitter_organisatie_id, o.rvdk.id);

    // With two overleggen in the region an aanmelding must say which one it is for.
    let geheim = format!("{PERSOONLIJK}-overleg");
    let politie = o.mw(&o.politie);
    let (mut inv, persoon) = invoer(Soort::Actieoverleg, "2025-05-05 09:00", &geheim);
    assert_eq!(
        veldcodes(
            service::registreren(&o.db, Some(&o.sleutel), &politie, Soort::Actieoverleg, &inv)
                .await
                .unwrap_err()
        ),
        vec!["overleg"]
    );
    inv.overleg = "999999".into();
    assert_eq!(
        veldcodes(
            service::registreren(&o.db, Some(&o.sleutel), &politie, Soort::Actieoverleg, &inv)
                .await
                .unwrap_err()
        ),
        vec!["overleg"]
    );
    inv.overleg = vt_overleg.to_string();
    let id = o.registreer(&politie, Soort::Actieoverleg, &inv).await;
    assert_eq!(
        o.bekijk(&politie, id).await.moment.overleg_id,
        Some(vt_overleg)
    );
    // The chair of the other overleg does not take part.
    o.ziet_niet(&o.mw(&o.rvdk), id, &geheim).await;
    let s = StapInvoer {
        besluit: "geaccepteerd".into(),
        ..stap("voorbespreking")
    };
    service::stap(&o.db, &o.mw(&o.vt), id, &s)
        .await
        .expect("accepteren");
    // Only VT's overleg's fixed members (VT, Politie, OM) joined, not RvdK and 3RO.
    assert_eq!(o.ziet(&o.mw(&o.om), id).await, persoon);
    o.ziet_niet(&o.mw(&o.rvdk), id, &geheim).await;
    o.ziet_niet(&o.mw(&o.reclassering), id, &geheim).await;

    // An aanmelding for the RvdK's overleg: RvdK chairs it, and its fixed members join.
    let (mut inv, persoon) = invoer(Soort::Actieoverleg, "2025-05-06 09:00", &geheim);
    inv.overleg = raad.to_string();
    let id2 = o.registreer(&politie, Soort::Actieoverleg, &inv).await;
    assert!(o.bekijk(&o.mw(&o.rvdk), id2).await.is_voorzitter);
    o.ziet_niet(&o.mw(&o.vt), id2, &geheim).await;
    assert!(matches!(
        service::stap(&o.db, &o.mw(&o.vt), id2, &s).await,
        Err(AppError::GeenToegang)
    ));
    service::stap(&o.db, &o.mw(&o.rvdk), id2, &s)
        .await
        .expect("accepteren door RvdK");
    assert_eq!(o.ziet(&o.mw(&o.reclassering), id2).await, persoon);
    o.ziet_niet(&o.mw(&o.vt), id2, &geheim).await;
    o.ziet_niet(&o.mw(&o.om), id2, &geheim).await;
}

/// Defect 10: an organisation ends only its own participation, the chair anyone's; only the
/// owner or the chair changes an afspraak's status; becoming owner never changes a role.
/// Refusals are 403s without a change, and audited.
#[tokio::test]
async fn deelname_en_afspraken_alleen_door_eigen_organisatie_of_voorzitter() {
    let o = opzet().await;
    let geheim = format!("{PERSOONLIJK}-controle");
    let (politie, vt, om, rvdk) = (o.mw(&o.politie), o.mw(&o.vt), o.mw(&o.om), o.mw(&o.rvdk));
    let (inv, persoon) = invoer(Soort::Actieoverleg, "2025-06-02 09:00", &geheim);
    let id = o.registreer(&om, Soort::Actieoverleg, &inv).await;
    let s = StapInvoer {
        besluit: "geaccepteerd".into(),
        ..stap("voorbespreking")
    };
    service::stap(&o.db, &vt, id, &s).await.expect("accepteren");
    service::deelname(&o.db, &vt, id, o.rvdk.id, true)
        .await
        .expect("RvdK op afroep");
    let afspraak_vt = service::afspraak_toevoegen(
        &o.db,
        &om,
        id,
        &AfspraakInvoer {
            eigenaar: o.vt.id.to_string(),
            soort: "direct".into(),
            omschrijving: "Veiligheidsplan".into(),
            deadline: "2025-06-20".into(),
            medewerker: String::new(),
        },
    )
    .await
    .expect("afspraak VT");

    // What the police may do shows on its page: only its own "Deelname beëindigen", no
    // "Gereed" on VT's afspraak.
    let beeld = o.bekijk(&politie, id).await;
    assert_eq!(beeld.mag_beeindigen, vec![o.politie.id]);
    assert!(beeld.mag_afspraak_zetten.is_empty());
    let mut alle = o.bekijk(&vt, id).await.mag_beeindigen;
    alle.sort();
    let mut verwacht = vec![o.vt.id, o.politie.id, o.om.id, o.rvdk.id];
    verwacht.sort();
    assert_eq!(alle, verwacht, "the chair may end every participation");
    assert_eq!(
        o.bekijk(&vt, id).await.mag_afspraak_zetten,
        vec![afspraak_vt]
    );

    // The server refuses the police the same, audits each attempt and changes nothing.
    let geweigerd = geweigerd_in_audit(&o).await;
    for org in [&o.om, &o.rvdk, &o.vt] {
        assert!(
            matches!(
                service::deelname(&o.db, &politie, id, org.id, false).await,
                Err(AppError::Geweigerd(m)) if m.contains("voorzitter")
            ),
            "Politie mag de deelname van {} niet beëindigen",
            org.naam
        );
    }
    assert!(matches!(
        service::deelname(&o.db, &om, id, o.rvdk.id, false).await,
        Err(AppError::Geweigerd(_))
    ));
    assert!(matches!(
        service::afspraak_status(&o.db, &politie, afspraak_vt, "gereed", "").await,
        Err(AppError::Geweigerd(_))
    ));
    assert!(matches!(
        service::afspraak_status(&o.db, &om, afspraak_vt, "vervallen", "").await,
        Err(AppError::Geweigerd(_))
    ));
    assert_eq!(geweigerd_in_audit(&o).await, geweigerd + 6);
    let beeld = o.bekijk(&vt, id).await;
    assert!(
        beeld.deelnemers.iter().all(|d| d.tot.is_none()),
        "{:?}",
        beeld.deelnemers
    );
    assert_eq!(beeld.afspraken[0].status.code(), "open");
    for g in [&om, &rvdk, &vt] {
        assert_eq!(o.ziet(g, id).await, persoon);
    }

    // Making the police owner of an afspraak keeps its role (vaste deelnemer).
    let afspraak_politie = service::afspraak_toevoegen(
        &o.db,
        &vt,
        id,
        &AfspraakInvoer {
            eigenaar: o.politie.id.to_string(),
            soort: "direct".into(),
            omschrijving: "Contactverbod handhaven".into(),
            deadline: "2025-06-21".into(),
            medewerker: String::new(),
        },
    )
    .await
    .expect("afspraak politie");
    let p = perioden(&o, id, &o.politie).await;
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].0, "vast");
    // An organisation not yet taking part joins as betrokken.
    service::afspraak_toevoegen(
        &o.db,
        &vt,
        id,
        &AfspraakInvoer {
            eigenaar: o.reclassering.id.to_string(),
            soort: "structureel".into(),
            omschrijving: "Advies".into(),
            deadline: "2025-06-22".into(),
            medewerker: String::new(),
        },
    )
    .await
    .expect("afspraak 3RO");
    assert_eq!(perioden(&o, id, &o.reclassering).await[0].0, "betrokken");

    // The owner and the chair may.
    service::afspraak_status(&o.db, &politie, afspraak_politie, "gereed", "")
        .await
        .expect("eigenaar");
    service::afspraak_status(&o.db, &vt, afspraak_vt, "gereed", "")
        .await
        .expect("eigenaar en voorzitter");
    service::afspraak_status(&o.db, &vt, afspraak_politie, "open", "")
        .await
        .expect("voorzitter");
    // Ending: the police its own, the chair the RvdK's.
    service::deelname(&o.db, &politie, id, o.politie.id, false)
        .await
        .expect("eigen deelname");
    o.ziet_niet(&politie, id, &geheim).await;
    service::deelname(&o.db, &vt, id, o.rvdk.id, false)
        .await
        .expect("voorzitter beëindigt");
    o.ziet_niet(&rvdk, id, &geheim).await;
    assert_eq!(geweigerd_in_audit(&o).await, geweigerd + 6);
    // NEN 7513 "namens": the chair acting on another organisation's participation or
    // afspraak is recorded as acting for the moment it chairs; an organisation for itself not.
    let namens = |details: String| {
        let db = o.db.clone();
        async move {
            sqlx::query_scalar::<_, String>(
                "SELECT namens FROM audit_log WHERE object_id = $1 AND details = $2
                 ORDER BY id DESC LIMIT 1",
            )
            .bind(id.to_string())
            .bind(details)
            .fetch_one(&db)
            .await
            .unwrap()
        }
    };
    let als_voorzitter = format!("voorzitter:moment={id}");
    assert_eq!(
        namens(format!("organisatie={} actief=false", o.rvdk.id)).await,
        als_voorzitter
    );
    assert_eq!(
        namens(format!("organisatie={} actief=false", o.politie.id)).await,
        ""
    );
    assert_eq!(
        namens(format!("afspraak={afspraak_politie} status=open")).await,
        als_voorzitter
    );
    assert_eq!(
        namens(format!("afspraak={afspraak_politie} status=gereed")).await,
        ""
    );
}

/// Migration 0009 carries the existing participations over (one period each, with the reason
/// an ended one ended) and ties existing aanmeldingen to an overleg.
#[tokio::test]
async fn migratie_0009_neemt_bestaande_deelname_over() {
    let dir = tempfile::tempdir().expect("tijdelijke map");
    let opties = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(dir.path().join("oud.db"))
        .create_if_missing(true)
        .foreign_keys(true);
    let db = sqlx::SqlitePool::connect_with(opties)
        .await
        .expect("database");
    let map = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join("sqlite");
    let mut bestanden: Vec<PathBuf> = std::fs::read_dir(&map)
        .expect("migraties")
        .map(|e| e.expect("bestand").path())
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .collect();
    bestanden.sort();
    let (oud, nieuw): (Vec<_>, Vec<_>) = bestanden.into_iter().partition(|p| {
        p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n < "0009")
    });
    for p in &oud {
        let sql = std::fs::read_to_string(p).expect("sql");
        sqlx::raw_sql(&sql)
            .execute(&db)
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    }
    // Before 0009: one open row (VT), one ended by removal (Politie), and a closed case.
    sqlx::raw_sql(
        "INSERT INTO regio (code, naam) VALUES ('oost-brabant', 'Oost-Brabant');
         INSERT INTO organisatie (id, code, naam, soort, regio_code) VALUES
           (1, 'vt', 'VT', 'veilig_thuis', 'oost-brabant'), (2, 'pol', 'Politie', 'politie', 'oost-brabant'),
           (3, 'om', 'OM', 'om', 'oost-brabant');
         INSERT INTO overleg (id, regio_code, naam, weekdag, tijd, frequentie, voorzitter_organisatie_id)
           VALUES (5, 'oost-brabant', 'AO', 4, '14:00', 'wekelijks', 1);
         INSERT INTO casus (id, regio_code, status, aangemaakt_op) VALUES (1, 'oost-brabant', 'open', '2025-01-01T10:00:00');
         INSERT INTO casus (id, regio_code, status, gesloten_op, aangemaakt_op)
           VALUES (2, 'oost-brabant', 'gesloten', '2025-03-01T10:00:00', '2025-01-01T10:00:00');
         INSERT INTO moment (id, casus_id, regio_code, soort, tijdstip, status, aangemaakt_door_organisatie, aangemaakt_op, gewijzigd_op)
           VALUES (1, 1, 'oost-brabant', 'actieoverleg', '2025-01-01T10:00', 'ingediend', 2, '2025-01-01T10:00:00', '2025-01-01T10:00:00'),
                  (2, 2, 'oost-brabant', 'acuut', '2025-01-01T10:00', 'afgerond', 3, '2025-01-01T10:00:00', '2025-01-01T10:00:00');
         INSERT INTO moment_deelnemer (moment_id, organisatie_id, rol, vanaf, tot) VALUES
           (1, 1, 'voorzitter', '2025-01-01T10:00:00', NULL),
           (1, 2, 'inbrenger', '2025-01-01T10:00:00', '2025-01-05T10:00:00'),
           (2, 3, 'inbrenger', '2025-01-01T10:00:00', '2025-03-01T10:00:00'),
           (2, 1, 'betrokken', '2025-01-01T10:00:00', '2025-02-01T10:00:00');",
    )
    .execute(&db)
    .await
    .expect("oude gegevens");
    for p in &nieuw {
        let sql = std::fs::read_to_string(p).expect("sql");
        sqlx::raw_sql(&sql)
            .execute(&db)
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    }
    type Rij = (i64, i64, String, Option<String>, Option<String>);
    let rijen: Vec<Rij> = sqlx::query_as(
        "SELECT moment_id, organisatie_id, rol, tot, einde FROM moment_deelnemer ORDER BY moment_id, organisatie_id",
    )
    .fetch_all(&db)
    .await
    .expect("deelname");
    let t = |s: &str| Some(s.to_string());
    assert_eq!(
        rijen,
        vec![
            (1, 1, "voorzitter".into(), None, None),
            (
                1,
                2,
                "inbrenger".into(),
                t("2025-01-05T10:00:00"),
                t("beeindigd")
            ),
            (
                2,
                1,
                "betrokken".into(),
                t("2025-02-01T10:00:00"),
                t("beeindigd")
            ),
            (
                2,
                3,
                "inbrenger".into(),
                t("2025-03-01T10:00:00"),
                t("casus_gesloten")
            ),
        ]
    );
    let overleg: Vec<(i64, Option<i64>)> =
        sqlx::query_as("SELECT id, overleg_id FROM moment ORDER BY id")
            .fetch_all(&db)
            .await
            .expect("overleg");
    assert_eq!(overleg, vec![(1, Some(5)), (2, None)]);
    // From now on the history is append-only.
    assert!(
        sqlx::query("UPDATE moment_deelnemer SET tot = NULL, einde = NULL WHERE moment_id = 1 AND organisatie_id = 2")
            .execute(&db)
            .await
            .is_err()
    );
}

/// Defect 7: free text in process data (an afspraak, a toelichting) can hold a name and a date
/// of birth. It is personal data: participants read it together with the personal data (one
/// audited read), everyone else (non-participants of the region, the network, the beheerder)
/// gets a placeholder, in the moment view and in the lists.
#[tokio::test]
async fn vrije_tekst_is_persoonsgegeven() {
    let o = opzet().await;
    let vt = o.mw(&o.vt);
    let (invoer, _) = invoer(Soort::Acuut, "2025-03-14 22:00", PERSOONLIJK);
    let id = o.registreer(&vt, Soort::Acuut, &invoer).await;
    let geheim = "Merel Zilverreiger, geboren 03-02-2015";
    service::afspraak_toevoegen(
        &o.db,
        &vt,
        id,
        &AfspraakInvoer {
            eigenaar: o.vt.id.to_string(),
            soort: "direct".into(),
            omschrijving: format!("Huisbezoek bij {geheim}"),
            deadline: "2020-01-01".into(),
            medewerker: String::new(),
        },
    )
    .await
    .expect("afspraak");

    // The participant reads the text, and the read is audited (once, with the personal data).
    let voor = o.gelezen_totaal().await;
    let beeld = o.bekijk(&vt, id).await;
    assert!(
        beeld
            .afspraken
            .iter()
            .any(|a| a.omschrijving.contains(geheim))
    );
    assert_eq!(o.gelezen_totaal().await, voor + 1);

    let beheerder = o.gebruiker(&o.netwerk, Rol::Beheerder);
    for g in [
        o.mw(&o.rvdk),
        o.mw(&o.reclassering),
        o.gebruiker(&o.netwerk, Rol::Regiocoordinator),
        beheerder,
    ] {
        let beeld = o.bekijk(&g, id).await;
        let alles = format!("{beeld:?}");
        assert!(
            !alles.contains("Zilverreiger"),
            "{} ziet de vrije tekst",
            g.email
        );
        assert!(
            beeld
                .afspraken
                .iter()
                .all(|a| a.omschrijving == voorop::casus::model::ALLEEN_DEELNEMERS),
            "{}",
            g.email
        );
    }
    assert_eq!(
        o.gelezen_totaal().await,
        voor + 1,
        "non-participants read nothing"
    );
    // Lists never carry the text: not the moment list, not the overdue afspraken.
    let lijst = service::overzicht(
        &o.db,
        &vt,
        &voorop::gedeeld::RegioCode::OOST_BRABANT,
        None,
        "2025",
    )
    .await
    .unwrap();
    assert!(!format!("{lijst:?}").contains("Zilverreiger"));
    let te_laat = service::te_laat(&o.db, &vt).await.unwrap();
    assert_eq!(te_laat.len(), 1, "the overdue afspraak is listed");
    assert!(!format!("{te_laat:?}").contains("Zilverreiger"));
    // The count in the navigation is the length of that list, for every organisation.
    for g in [
        &vt,
        &o.mw(&o.politie),
        &o.mw(&o.om),
        &o.mw(&o.rvdk),
        &o.mw(&o.vt_limburg),
    ] {
        assert_eq!(
            service::momentenlijst(&o.db, g, (&g.regio_code, &Default::default(), "2025"), 1)
                .await
                .unwrap()
                .te_laat,
            service::te_laat(&o.db, g).await.unwrap().len() as i64,
            "{}",
            g.email
        );
    }
}
