use super::*;
use crate::casus::model::{self, AfspraakStatus, Soort, Status};

fn moment(
    id: i64,
    soort: Soort,
    tijdstip: &str,
    status: Status,
    velden: &[(&str, &str)],
) -> Moment {
    Moment::voorbeeld(id, soort, tijdstip, status, velden)
}

fn afspraak(
    id: i64,
    moment_soort: Soort,
    deadline: &str,
    status: AfspraakStatus,
    gereed_op: Option<&str>,
) -> Afspraak {
    Afspraak {
        status,
        gereed_op: gereed_op.map(String::from),
        ..Afspraak::voorbeeld(id, moment_soort, deadline)
    }
}

/// Theme names as the catalogue has them.
fn themas() -> BTreeMap<u8, String> {
    let c: serde_json::Value =
        serde_json::from_str(include_str!("../../data/werkset/catalogus-2022-v1.json")).unwrap();
    c["themas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["nummer"].as_u64().unwrap() as u8,
                t["naam"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The fixture of a region's year; every expected number is worked out in the tests.
struct Fixture {
    momenten: Vec<Moment>,
    afspraken: Vec<Afspraak>,
    vergaderingen: Vec<Vergadering>,
    overleggen: Vec<Overleg>,
    herhalingen: Vec<bool>,
    themas: BTreeMap<u8, String>,
}

fn fixture() -> Fixture {
    use Soort::*;
    let ja = "ja";
    let nee = "nee";
    let mut momenten = vec![
        // Acuut: contact at 10:00, reactie at the given time.
        // a1..a5 ter plaatse, a6 telefonisch. Response minutes: 30, 20, 45, 60, 10, 5.
        // Beoordeling: all but a4 (5 of 6). VT-melding: a1, a2, a5 (3 of 6).
        moment(
            1,
            Acuut,
            "2025-03-01T10:00",
            Status::Open,
            &[
                ("reactie", "ter_plaatse"),
                ("reactie_tijdstip", "2025-03-01T10:30"),
                ("veiligheidsbeoordeling", ja),
                ("vt_melding_datum", "2025-03-02"),
            ],
        ),
        moment(
            2,
            Acuut,
            "2025-03-01T10:00",
            Status::Open,
            &[
                ("reactie", "ter_plaatse"),
                ("reactie_tijdstip", "2025-03-01T10:20"),
                ("veiligheidsbeoordeling", ja),
                ("vt_melding_datum", "2025-03-03"),
            ],
        ),
        moment(
            3,
            Acuut,
            "2025-03-01T10:00",
            Status::Open,
            &[
                ("reactie", "ter_plaatse"),
                ("reactie_tijdstip", "2025-03-01T10:45"),
                ("veiligheidsbeoordeling", ja),
            ],
        ),
        moment(
            4,
            Acuut,
            "2025-03-01T10:00",
            Status::Open,
            &[
                ("reactie", "ter_plaatse"),
                ("reactie_tijdstip", "2025-03-01T11:00"),
                ("veiligheidsbeoordeling", nee),
            ],
        ),
        moment(
            5,
            Acuut,
            "2025-03-01T10:00",
            Status::Open,
            &[
                ("reactie", "ter_plaatse"),
                ("reactie_tijdstip", "2025-03-01T10:10"),
                ("veiligheidsbeoordeling", ja),
                ("vt_melding_datum", "2025-03-04"),
            ],
        ),
        moment(
            6,
            Acuut,
            "2025-03-01T10:00",
            Status::Open,
            &[
                ("reactie", "telefonisch"),
                ("reactie_tijdstip", "2025-03-01T10:05"),
                ("veiligheidsbeoordeling", ja),
            ],
        ),
        // Actie-overleg, all registered 2025-02-03 09:00.
        // Decided in voorbespreking: all but o5 (5); afgewezen: o1 (1).
        // Days to bespreking: o2 7, o3 3, o4 10 (n=3, median 7).
        // Besproken or afgewezen: o1..o4 (4); terugkoppeling: o1, o2, o4 (3).
        moment(
            11,
            Actieoverleg,
            "2025-02-03T09:00",
            Status::Afgewezen,
            &[
                ("voorbespreking_op", "2025-02-04"),
                ("afwijzingsreden", "ander_overleg"),
                ("terugkoppeling_op", "2025-02-05"),
            ],
        ),
        moment(
            12,
            Actieoverleg,
            "2025-02-03T09:00",
            Status::Besproken,
            &[
                ("besproken_op", "2025-02-10"),
                ("terugkoppeling_op", "2025-02-11"),
            ],
        ),
        moment(
            13,
            Actieoverleg,
            "2025-02-03T09:00",
            Status::AfsprakenLopen,
            &[("besproken_op", "2025-02-06")],
        ),
        moment(
            14,
            Actieoverleg,
            "2025-02-03T09:00",
            Status::Afgerond,
            &[
                ("besproken_op", "2025-02-13"),
                ("terugkoppeling_op", "2025-02-14"),
            ],
        ),
        moment(15, Actieoverleg, "2025-02-03T09:00", Status::Ingediend, &[]),
        moment(
            16,
            Actieoverleg,
            "2025-02-03T09:00",
            Status::Geaccepteerd,
            &[("voorbespreking_op", "2025-02-04")],
        ),
        // SSK: hours to OM consultation 4, 24, 3, –, 1 (n=4, median (3+4)/2 = 3.5).
        // Anoniem: s2 (1 of 5). Onderzoeksplan: s1, s2, s5 (3 of 5).
        moment(
            31,
            Ssk,
            "2025-04-01T09:00",
            Status::Open,
            &[
                ("om_consultatie", "2025-04-01T13:00"),
                ("anoniem", nee),
                ("onderzoeksplan", ja),
            ],
        ),
        moment(
            32,
            Ssk,
            "2025-04-02T09:00",
            Status::Open,
            &[
                ("om_consultatie", "2025-04-03T09:00"),
                ("anoniem", ja),
                ("onderzoeksplan", ja),
            ],
        ),
        moment(
            33,
            Ssk,
            "2025-04-03T09:00",
            Status::Open,
            &[
                ("om_consultatie", "2025-04-03T12:00"),
                ("anoniem", nee),
                ("onderzoeksplan", nee),
            ],
        ),
        moment(
            34,
            Ssk,
            "2025-04-04T09:00",
            Status::Open,
            &[("anoniem", nee)],
        ),
        moment(
            35,
            Ssk,
            "2025-04-05T09:00",
            Status::Open,
            &[
                ("om_consultatie", "2025-04-05T10:00"),
                ("anoniem", nee),
                ("onderzoeksplan", ja),
            ],
        ),
    ];
    // ZSM. 2025-03-10 is a Monday, 2025-03-15 a Saturday. Werkdagen: z1..z6 (z2 and z6 in
    // the evening/night still count as werkdag), weekend: z7, z8.
    let zsm: &[(&str, &[(&str, &str)])] = &[
        (
            "2025-03-10T10:00",
            &[
                ("vt_betrokkenheid", "aan_tafel"),
                ("contact_verkregen", ja),
                ("veiligheidsbeoordeling", ja),
                ("beoordeling_tijdstip", "2025-03-10T14:00"),
                ("beslissing", "heenzenden_voorwaarden"),
                ("beslissing_tijdstip", "2025-03-10T16:00"),
                ("vt_geinformeerd", ja),
                ("vt_afdoeningsoverleg", ja),
            ],
        ),
        (
            "2025-03-10T22:00",
            &[
                ("vt_betrokkenheid", "telefonisch"),
                ("contact_verkregen", ja),
                ("veiligheidsbeoordeling", ja),
                ("beoordeling_tijdstip", "2025-03-11T08:00"),
                ("beslissing", "heenzenden"),
                ("veiligheidsvoorwaarden", ja),
                ("beslissing_tijdstip", "2025-03-11T07:00"),
                ("vt_geinformeerd", ja),
                ("vt_afdoeningsoverleg", nee),
            ],
        ),
        (
            "2025-03-11T09:00",
            &[
                ("vt_betrokkenheid", "niet"),
                ("contact_verkregen", nee),
                ("veiligheidsbeoordeling", nee),
                ("beslissing", "voorgeleiden"),
                ("beslissing_tijdstip", "2025-03-11T15:00"),
                ("vt_geinformeerd", nee),
                ("vt_afdoeningsoverleg", nee),
            ],
        ),
        (
            "2025-03-12T11:00",
            &[
                ("vt_betrokkenheid", "aan_tafel"),
                ("contact_verkregen", ja),
                ("veiligheidsbeoordeling", ja),
                ("beoordeling_tijdstip", "2025-03-12T13:00"),
                ("beslissing", "heenzenden"),
                ("beslissing_tijdstip", "2025-03-12T13:00"),
                ("vt_geinformeerd", ja),
                ("vt_afdoeningsoverleg", ja),
            ],
        ),
        (
            "2025-03-13T12:00",
            &[
                ("vt_betrokkenheid", "telefonisch"),
                ("contact_verkregen", ja),
                ("veiligheidsbeoordeling", ja),
                ("beoordeling_tijdstip", "2025-03-13T15:00"),
                ("beslissing", "heenzenden_voorwaarden"),
                ("beslissing_tijdstip", "2025-03-13T18:00"),
                ("vt_geinformeerd", ja),
                ("vt_afdoeningsoverleg", ja),
            ],
        ),
        (
            "2025-03-14T23:00",
            &[
                ("vt_betrokkenheid", "aan_tafel"),
                ("contact_verkregen", ja),
                ("veiligheidsbeoordeling", ja),
                ("beoordeling_tijdstip", "2025-03-15T02:00"),
                ("vt_afdoeningsoverleg", ja),
            ],
        ),
        (
            "2025-03-15T03:00",
            &[
                ("vt_betrokkenheid", "niet"),
                ("contact_verkregen", nee),
                ("veiligheidsbeoordeling", nee),
                ("beslissing", "heenzenden"),
                ("beslissing_tijdstip", "2025-03-15T10:00"),
                ("vt_geinformeerd", nee),
                ("vt_afdoeningsoverleg", nee),
            ],
        ),
        (
            "2025-03-16T14:00",
            &[
                ("vt_betrokkenheid", "telefonisch"),
                ("contact_verkregen", ja),
                ("veiligheidsbeoordeling", ja),
                ("beoordeling_tijdstip", "2025-03-16T16:00"),
                ("beslissing", "heenzenden_voorwaarden"),
                ("beslissing_tijdstip", "2025-03-16T18:00"),
                ("vt_geinformeerd", ja),
                ("vt_afdoeningsoverleg", nee),
            ],
        ),
    ];
    for (k, (t, v)) in zsm.iter().enumerate() {
        momenten.push(moment(21 + k as i64, Zsm, t, Status::Open, v));
    }
    // Afspraken (today is 2025-06-01). Counted: af1 (on time), af2 (late), af3 (open,
    // deadline passed), af5 (done early, deadline in the future): 2 of 4 on time.
    // Not counted: af4 (open, deadline ahead), af6 (vervallen), af7 (of a ZSM moment).
    let afspraken = vec![
        afspraak(
            1,
            Actieoverleg,
            "2025-03-01",
            AfspraakStatus::Gereed,
            Some("2025-02-28T10:00:00Z"),
        ),
        afspraak(
            2,
            Actieoverleg,
            "2025-03-01",
            AfspraakStatus::Gereed,
            Some("2025-03-05"),
        ),
        afspraak(3, Actieoverleg, "2025-03-01", AfspraakStatus::Open, None),
        afspraak(4, Actieoverleg, "2025-09-01", AfspraakStatus::Open, None),
        afspraak(
            5,
            Actieoverleg,
            "2025-09-01",
            AfspraakStatus::Gereed,
            Some("2025-05-01"),
        ),
        afspraak(
            6,
            Actieoverleg,
            "2025-03-01",
            AfspraakStatus::Vervallen,
            None,
        ),
        afspraak(
            7,
            Zsm,
            "2025-03-01",
            AfspraakStatus::Gereed,
            Some("2025-02-01"),
        ),
    ];
    // Six meetings: Politie (1) present at all 6; OM (2) at 4 of 6; VT (3) recorded at
    // only 2 meetings, present at both.
    let vergaderingen = (0..6)
        .map(|k| Vergadering {
            id: k,
            overleg_id: 1,
            datum: format!("2025-0{}-06", k + 2),
            aanwezigheid: [(1, true), (2, k < 4)]
                .into_iter()
                .chain((k < 2).then_some((3, true)))
                .map(|(o, a)| (crate::gedeeld::OrganisatieId(o), a))
                .collect(),
        })
        .collect();
    let overleggen = vec![Overleg {
        id: 1,
        regio_code: crate::gedeeld::RegioCode::OOST_BRABANT,
        naam: "Actie-overleg".into(),
        weekdag: 4,
        tijd: "13:00".into(),
        frequentie: model::Frequentie::Wekelijks,
        voorzitter_organisatie_id: crate::gedeeld::OrganisatieId(2),
        voorzitter_naam: "OM".into(),
        organisaties: vec![
            (
                crate::gedeeld::OrganisatieId(1),
                "Politie".into(),
                "politie".into(),
                true,
            ),
            (
                crate::gedeeld::OrganisatieId(2),
                "OM".into(),
                "om".into(),
                true,
            ),
            (
                crate::gedeeld::OrganisatieId(3),
                "Veilig Thuis".into(),
                "vt".into(),
                true,
            ),
        ],
    }];
    Fixture {
        momenten,
        afspraken,
        vergaderingen,
        overleggen,
        // 4 of 6 cases were repeats (see `herhaal_vlaggen_met_bevroren_vlag`).
        herhalingen: vec![true, true, false, true, true, false],
        themas: themas(),
    }
}

fn bereken_met(f: &Fixture, drempel: u64) -> Vec<Indicator> {
    bereken(&Invoer {
        momenten: &f.momenten,
        afspraken: &f.afspraken,
        vergaderingen: &f.vergaderingen,
        overleggen: &f.overleggen,
        herhalingen: &f.herhalingen,
        themas: &f.themas,
        vandaag: "2025-06-01",
        drempel,
    })
}

fn vind<'a>(x: &'a [Indicator], code: &str, dagdeel: Option<&str>) -> &'a Indicator {
    x.iter()
        .find(|i| i.code == code && i.dagdeel == dagdeel)
        .unwrap_or_else(|| panic!("geen indicator {code} {dagdeel:?}"))
}

fn aanwezig<'a>(x: &'a [Indicator], org: &str) -> &'a Indicator {
    x.iter()
        .find(|i| i.code == "ao_aanwezigheid" && i.organisatie.as_deref() == Some(org))
        .unwrap_or_else(|| panic!("geen aanwezigheid van {org}"))
}

/// (teller, noemer, waarde, onderdrukt, weergave)
fn cijfers(i: &Indicator) -> (Option<u64>, Option<u64>, Option<f64>, bool, &str) {
    (
        i.teller,
        i.noemer,
        i.waarde,
        i.onderdrukt,
        i.weergave.as_str(),
    )
}

#[test]
fn acuut_bij_drempel_vijf() {
    let x = bereken_met(&fixture(), 5);
    // 6 contacts.
    assert_eq!(
        cijfers(vind(&x, "acuut_aantal", None)),
        (Some(6), None, Some(6.0), false, "6")
    );
    // Ter plaatse 5 of 6 = 83.33… → 83.3%.
    assert_eq!(
        cijfers(vind(&x, "acuut_ter_plaatse", None)),
        (Some(5), Some(6), Some(83.3), false, "5 van 6 (83,3%)")
    );
    // Minutes sorted 5, 10, 20, 30, 45, 60: median (20 + 30) / 2 = 25.
    assert_eq!(
        cijfers(vind(&x, "acuut_responstijd", None)),
        (None, Some(6), Some(25.0), false, "mediaan 25 minuten (n=6)")
    );
    assert_eq!(
        vind(&x, "acuut_beoordeling", None).weergave,
        "5 van 6 (83,3%)"
    );
    // VT-melding 3 of 6: the teller is below 5, so no percentage.
    assert_eq!(
        cijfers(vind(&x, "acuut_vt_melding", None)),
        (None, Some(6), None, true, "<5 van 6")
    );
    let m = vind(&x, "acuut_vt_melding", None);
    assert_eq!(
        (
            m.teller_tekst.as_str(),
            m.noemer_tekst.as_str(),
            m.waarde_tekst.as_str()
        ),
        ("<5", "6", "niet getoond")
    );
    assert_eq!(m.thema, "Samen op in acuut");
    assert_eq!(m.thema_nummer, 2);
}

#[test]
fn configureerbare_drempel() {
    let f = fixture();
    // Threshold 3: VT-melding 3 of 6 = 50% is shown.
    let x = bereken_met(&f, 3);
    assert_eq!(
        cijfers(vind(&x, "acuut_vt_melding", None)),
        (Some(3), Some(6), Some(50.0), false, "3 van 6 (50%)")
    );
    // Doorlooptijd: days 7, 3, 10 → median 7 (n=3).
    assert_eq!(
        cijfers(vind(&x, "ao_doorlooptijd", None)),
        (None, Some(3), Some(7.0), false, "mediaan 7 dagen (n=3)")
    );
    // Threshold 7: even the count of 6 contacts is suppressed, shown as "<7".
    let x = bereken_met(&f, 7);
    assert_eq!(
        cijfers(vind(&x, "acuut_aantal", None)),
        (None, None, None, true, "<7")
    );
    assert_eq!(
        cijfers(vind(&x, "acuut_ter_plaatse", None)),
        (None, None, None, true, "<7")
    );
    assert_eq!(
        cijfers(vind(&x, "acuut_responstijd", None)),
        (None, None, None, true, "<7")
    );
    assert_eq!(
        vind(&x, "acuut_responstijd", None).waarde_tekst,
        "niet getoond"
    );
}

#[test]
fn actieoverleg() {
    let f = fixture();
    let x = bereken_met(&f, 5);
    assert_eq!(
        cijfers(vind(&x, "ao_aanmeldingen", None)),
        (Some(6), None, Some(6.0), false, "6")
    );
    // Afgewezen 1 of 5 decided.
    assert_eq!(
        cijfers(vind(&x, "ao_afgewezen", None)),
        (None, Some(5), None, true, "<5 van 5")
    );
    // n = 3 < 5: no median.
    assert_eq!(
        cijfers(vind(&x, "ao_doorlooptijd", None)),
        (None, None, None, true, "<5")
    );
    // Afspraken 2 of 4, terugkoppeling 3 of 4: both noemers below 5.
    assert_eq!(
        cijfers(vind(&x, "ao_afspraken_op_tijd", None)),
        (None, None, None, true, "<5")
    );
    assert_eq!(
        cijfers(vind(&x, "ao_terugkoppeling", None)),
        (None, None, None, true, "<5")
    );
    // Attendance: Politie 6 of 6, OM 4 of 6, VT 2 of 2.
    assert_eq!(
        cijfers(aanwezig(&x, "Politie")),
        (Some(6), Some(6), Some(100.0), false, "6 van 6 (100%)")
    );
    assert_eq!(
        cijfers(aanwezig(&x, "OM")),
        (None, Some(6), None, true, "<5 van 6")
    );
    assert_eq!(
        cijfers(aanwezig(&x, "Veilig Thuis")),
        (None, None, None, true, "<5")
    );
    assert_eq!(
        aanwezig(&x, "OM").indicator,
        "Aanwezigheid Actie-overleg: OM"
    );

    let x = bereken_met(&f, 1);
    // Afgewezen 1 / 5 = 20%; afspraken 2 / 4 = 50%; terugkoppeling 3 / 4 = 75%.
    assert_eq!(vind(&x, "ao_afgewezen", None).weergave, "1 van 5 (20%)");
    assert_eq!(
        vind(&x, "ao_afspraken_op_tijd", None).weergave,
        "2 van 4 (50%)"
    );
    assert_eq!(
        vind(&x, "ao_terugkoppeling", None).weergave,
        "3 van 4 (75%)"
    );
    // OM 4 / 6 = 66.67 → 66.7%.
    assert_eq!(
        cijfers(aanwezig(&x, "OM")),
        (Some(4), Some(6), Some(66.7), false, "4 van 6 (66,7%)")
    );
    assert_eq!(aanwezig(&x, "Veilig Thuis").weergave, "2 van 2 (100%)");
}

/// Issue 11: the share accepted in the voorbespreking per referral criterion the inbrenger
/// named; every criterion has a row, and the rows are hidden together.
#[test]
fn aanvaard_per_criterium() {
    let mut f = fixture();
    let mut id = 100;
    let mut erbij = |f: &mut Fixture, criterium: &str, statussen: &[(Status, usize)]| {
        for (status, n) in statussen {
            for _ in 0..*n {
                f.momenten.push(moment(
                    id,
                    Soort::Actieoverleg,
                    "2025-04-01T10:00",
                    *status,
                    &[("criterium", criterium)],
                ));
                id += 1;
            }
        }
    };
    // "vroegtijdig": 7 decided (5 accepted, in the statuses after the voorbespreking; 2
    // rejected) and 1 still waiting; "veiligheid": 5 accepted; "strafbaar": 6 accepted;
    // "mandaat": 4 accepted, 1 rejected. The fixture's own aanmeldingen have no criterion
    // and do not count.
    erbij(
        &mut f,
        "vroegtijdig_afstemmen",
        &[
            (Status::Geaccepteerd, 2),
            (Status::Besproken, 2),
            (Status::Afgerond, 1),
            (Status::Afgewezen, 2),
            (Status::Ingediend, 1),
        ],
    );
    erbij(
        &mut f,
        "veiligheid_gezamenlijk",
        &[(Status::Geagendeerd, 5)],
    );
    erbij(&mut f, "strafbaar_en_zorg", &[(Status::Besproken, 6)]);
    erbij(
        &mut f,
        "besluit_met_mandaat",
        &[(Status::AfsprakenLopen, 4), (Status::Afgewezen, 1)],
    );
    let rijen = |x: &[Indicator]| -> Vec<(Option<&str>, String)> {
        x.iter()
            .filter(|i| i.code == "ao_aanvaard_per_criterium")
            .map(|i| (i.criterium, i.weergave.clone()))
            .collect()
    };
    let x = bereken_met(&f, 1);
    assert_eq!(
        rijen(&x),
        [
            (Some("vroegtijdig_afstemmen"), "5 van 7 (71,4%)".to_string()),
            (Some("veiligheid_gezamenlijk"), "5 van 5 (100%)".to_string()),
            (Some("strafbaar_en_zorg"), "6 van 6 (100%)".to_string()),
            (Some("besluit_met_mandaat"), "4 van 5 (80%)".to_string()),
        ]
    );
    let i = x
        .iter()
        .find(|i| i.criterium == Some("strafbaar_en_zorg"))
        .unwrap();
    assert_eq!(i.thema_nummer, 3);
    assert!(
        i.indicator
            .starts_with("Aanvaard in de voorbespreking: Een (vermoeden van een) strafbaar feit")
    );
    // The afgewezen share still counts every decided aanmelding, with or without criterion.
    assert_eq!(vind(&x, "ao_afgewezen", None).weergave, "4 van 28 (14,3%)");

    // At 5 the 4 accepted of "mandaat" are suppressed; the other tellers would give it away
    // (they add up to the accepted with a criterion), so they are hidden; the noemers stay.
    let x = bereken_met(&f, 5);
    assert_eq!(
        rijen(&x),
        [
            (
                Some("vroegtijdig_afstemmen"),
                "afgeschermd van 7".to_string()
            ),
            (
                Some("veiligheid_gezamenlijk"),
                "afgeschermd van 5".to_string()
            ),
            (Some("strafbaar_en_zorg"), "afgeschermd van 6".to_string()),
            (Some("besluit_met_mandaat"), "<5 van 5".to_string()),
        ]
    );
    assert!(
        x.iter()
            .filter(|i| i.code == "ao_aanvaard_per_criterium")
            .all(|i| i.teller.is_none() && i.waarde.is_none() && i.onderdrukt)
    );
    // A criterion nobody named counts as "<5" (zero included): every noemer is hidden too.
    f.momenten
        .retain(|m| m.waarde("criterium") != "besluit_met_mandaat");
    let x = bereken_met(&f, 5);
    assert!(
        x.iter()
            .filter(|i| i.code == "ao_aanvaard_per_criterium")
            .all(|i| i.noemer.is_none()),
        "{:?}",
        rijen(&x)
    );
}

/// Issue 7: two Veilig Thuis organisations in one overleg are told apart and summed.
#[test]
fn aanwezigheid_van_twee_vt_organisaties_apart_en_per_soort() {
    let mut f = fixture();
    f.overleggen[0].organisaties = vec![
        (
            crate::gedeeld::OrganisatieId(1),
            "Politie".into(),
            "politie".into(),
            true,
        ),
        (
            crate::gedeeld::OrganisatieId(3),
            "VT Brabant-Noordoost".into(),
            "veilig_thuis".into(),
            true,
        ),
        (
            crate::gedeeld::OrganisatieId(4),
            "VT Zuidoost-Brabant".into(),
            "veilig_thuis".into(),
            false,
        ),
    ];
    // 6 meetings: VT BNO present at 5, VT ZOB at 3 (recorded at all 6).
    for (k, v) in f.vergaderingen.iter_mut().enumerate() {
        v.aanwezigheid = vec![
            (crate::gedeeld::OrganisatieId(1), true),
            (crate::gedeeld::OrganisatieId(3), k != 0),
            (crate::gedeeld::OrganisatieId(4), k % 2 == 0),
        ];
    }
    let x = bereken_met(&f, 1);
    assert_eq!(
        cijfers(aanwezig(&x, "VT Brabant-Noordoost")),
        (Some(5), Some(6), Some(83.3), false, "5 van 6 (83,3%)")
    );
    assert_eq!(
        cijfers(aanwezig(&x, "VT Zuidoost-Brabant")),
        (Some(3), Some(6), Some(50.0), false, "3 van 6 (50%)")
    );
    let soort: Vec<&Indicator> = x
        .iter()
        .filter(|i| i.code == "ao_aanwezigheid_soort")
        .collect();
    // Only Veilig Thuis has two organisations: one total row, 8 of 12 attendances.
    assert_eq!(soort.len(), 1);
    assert_eq!(soort[0].organisatiesoort.as_deref(), Some("veilig_thuis"));
    assert_eq!(
        soort[0].indicator,
        "Aanwezigheid Actie-overleg: Veilig Thuis (alle organisaties)"
    );
    assert_eq!(
        cijfers(soort[0]),
        (Some(8), Some(12), Some(66.7), false, "8 van 12 (66,7%)")
    );

    // With threshold 5 VT ZOB's 3 is hidden; the total would reveal it from VT BNO's 5,
    // so VT BNO's teller is hidden too.
    let x = bereken_met(&f, 5);
    assert!(aanwezig(&x, "VT Zuidoost-Brabant").onderdrukt);
    let bno = aanwezig(&x, "VT Brabant-Noordoost");
    assert_eq!((bno.teller, bno.onderdrukt), (None, true));
    assert_eq!(bno.teller_tekst, "afgeschermd");
    let totaal = x
        .iter()
        .find(|i| i.code == "ao_aanwezigheid_soort")
        .expect("totaal VT");
    assert_eq!(totaal.teller, Some(8));
}

#[test]
fn zsm_werkdag_en_weekend() {
    let f = fixture();
    let x = bereken_met(&f, 1);
    // 8 cases: 6 on werkdagen (Mon–Fri, evenings included), 2 in the weekend.
    assert_eq!(vind(&x, "zsm_aantal", Some("totaal")).weergave, "8");
    assert_eq!(vind(&x, "zsm_aantal", Some("werkdag")).weergave, "6");
    assert_eq!(vind(&x, "zsm_aantal", Some("weekend")).weergave, "2");
    // VT betrokken (aan tafel or telefonisch): z1, z2, z4, z5, z6, z8 = 6 of 8;
    // werkdag 5 of 6, weekend 1 of 2 (z8).
    assert_eq!(
        vind(&x, "zsm_vt_betrokken", Some("totaal")).weergave,
        "6 van 8 (75%)"
    );
    assert_eq!(
        vind(&x, "zsm_vt_betrokken", Some("werkdag")).weergave,
        "5 van 6 (83,3%)"
    );
    assert_eq!(
        vind(&x, "zsm_vt_betrokken", Some("weekend")).weergave,
        "1 van 2 (50%)"
    );
    assert_eq!(
        vind(&x, "zsm_contact", Some("totaal")).weergave,
        "6 van 8 (75%)"
    );
    // Beoordeling before the decision, over the 7 cases with a decision time: z1 (14:00 <
    // 16:00), z4 (equal), z5, z8 yes; z2 (after), z3, z7 (no beoordeling) no: 4 of 7.
    // Werkdag 3 of 5 (z1, z4, z5), weekend 1 of 2 (z8).
    assert_eq!(
        vind(&x, "zsm_beoordeling_voor_beslissing", Some("totaal")).weergave,
        "4 van 7 (57,1%)"
    );
    assert_eq!(
        vind(&x, "zsm_beoordeling_voor_beslissing", Some("werkdag")).weergave,
        "3 van 5 (60%)"
    );
    // Heenzendingen: z1, z2, z4, z5, z7, z8 (6); with safety conditions: z1, z5, z8
    // (heenzenden_voorwaarden) and z2 (voorwaarden = ja): 4 of 6.
    assert_eq!(
        vind(&x, "zsm_heenzending_voorwaarden", Some("totaal")).weergave,
        "4 van 6 (66,7%)"
    );
    // VT informed, over the 7 with a decision: z1, z2, z4, z5, z8 = 5 of 7.
    assert_eq!(
        vind(&x, "zsm_vt_geinformeerd", Some("totaal")).weergave,
        "5 van 7 (71,4%)"
    );
    // VT at the afdoeningsoverleg: z1, z4, z5, z6 = 4 of 8.
    assert_eq!(
        vind(&x, "zsm_vt_afdoeningsoverleg", Some("totaal")).weergave,
        "4 van 8 (50%)"
    );
    assert_eq!(
        vind(&x, "zsm_vt_betrokken", Some("weekend")).indicator,
        "Veilig Thuis betrokken (weekend)"
    );
    assert_eq!(
        vind(&x, "zsm_vt_betrokken", Some("totaal")).thema,
        "Gezamenlijke aanpak huiselijk geweld door VT & ZSM"
    );
}

#[test]
fn zsm_secundaire_onderdrukking() {
    let x = bereken_met(&fixture(), 5);
    // Weekend 2 < 5 is suppressed; werkdag 6 would reveal it (8 − 6), so it is hidden too.
    assert_eq!(
        cijfers(vind(&x, "zsm_aantal", Some("totaal"))),
        (Some(8), None, Some(8.0), false, "8")
    );
    assert_eq!(
        cijfers(vind(&x, "zsm_aantal", Some("weekend"))),
        (None, None, None, true, "<5")
    );
    assert_eq!(
        cijfers(vind(&x, "zsm_aantal", Some("werkdag"))),
        (None, None, None, true, "afgeschermd")
    );
    // VT betrokken: total 6 of 8 shown; weekend 1 of 2 suppressed; werkdag 5 of 6 hidden.
    assert_eq!(
        cijfers(vind(&x, "zsm_vt_betrokken", Some("totaal"))),
        (Some(6), Some(8), Some(75.0), false, "6 van 8 (75%)")
    );
    assert_eq!(
        cijfers(vind(&x, "zsm_vt_betrokken", Some("weekend"))),
        (None, None, None, true, "<5")
    );
    let w = vind(&x, "zsm_vt_betrokken", Some("werkdag"));
    assert_eq!(cijfers(w), (None, None, None, true, "afgeschermd"));
    assert_eq!(
        (w.teller_tekst.as_str(), w.noemer_tekst.as_str()),
        ("afgeschermd", "afgeschermd")
    );
    // VT informed 5 of 7; beoordeling 4 of 7: teller below 5.
    assert_eq!(
        cijfers(vind(&x, "zsm_vt_geinformeerd", Some("totaal"))),
        (Some(5), Some(7), Some(71.4), false, "5 van 7 (71,4%)")
    );
    assert_eq!(
        cijfers(vind(&x, "zsm_beoordeling_voor_beslissing", Some("totaal"))),
        (None, Some(7), None, true, "<5 van 7")
    );
    // No suppressed number anywhere in the output.
    let json = serde_json::to_value(&x).unwrap();
    for i in json.as_array().unwrap() {
        for veld in ["teller", "noemer"] {
            if let Some(n) = i[veld].as_u64() {
                assert!(n >= 5, "{veld} {n} in {i}");
            }
        }
    }
}

#[test]
fn zsm_delen_zonder_kleine_cel_blijven_zichtbaar() {
    // Threshold 2: weekend 2 of the count is shown, so werkdag 6 is shown too; VT
    // betrokken weekend teller 1 < 2 hides the werkdag teller (5) but not its noemer.
    let x = bereken_met(&fixture(), 2);
    assert_eq!(vind(&x, "zsm_aantal", Some("werkdag")).weergave, "6");
    assert_eq!(vind(&x, "zsm_aantal", Some("weekend")).weergave, "2");
    assert_eq!(
        cijfers(vind(&x, "zsm_vt_betrokken", Some("weekend"))),
        (None, Some(2), None, true, "<2 van 2")
    );
    assert_eq!(
        cijfers(vind(&x, "zsm_vt_betrokken", Some("werkdag"))),
        (None, Some(6), None, true, "afgeschermd van 6")
    );
}

#[test]
fn ssk() {
    let f = fixture();
    let x = bereken_met(&f, 5);
    assert_eq!(vind(&x, "ssk_aantal", None).weergave, "5");
    // 4 observations < 5.
    assert_eq!(
        cijfers(vind(&x, "ssk_om_consultatie", None)),
        (None, None, None, true, "<5")
    );
    assert_eq!(vind(&x, "ssk_anoniem", None).weergave, "<5 van 5");
    assert_eq!(vind(&x, "ssk_onderzoeksplan", None).weergave, "<5 van 5");
    let x = bereken_met(&f, 3);
    // Hours 4, 24, 3, 1 → sorted 1, 3, 4, 24 → median (3 + 4) / 2 = 3.5.
    assert_eq!(
        cijfers(vind(&x, "ssk_om_consultatie", None)),
        (None, Some(4), Some(3.5), false, "mediaan 3,5 uur (n=4)")
    );
    assert_eq!(
        vind(&x, "ssk_onderzoeksplan", None).weergave,
        "3 van 5 (60%)"
    );
}

#[test]
fn mediaan_op_een_decimaal() {
    // Five consultations 20, 20, 20, 40, 40 minutes after the melding: median 20 minutes
    // = 0.333… hours → 0.3.
    let momenten: Vec<Moment> = [20, 20, 20, 40, 40]
        .iter()
        .enumerate()
        .map(|(k, min)| {
            let om = format!("2025-04-01T09:{min:02}");
            moment(
                k as i64,
                Soort::Ssk,
                "2025-04-01T09:00",
                Status::Open,
                &[("om_consultatie", &om)],
            )
        })
        .collect();
    let themas = themas();
    let x = bereken(&Invoer {
        momenten: &momenten,
        afspraken: &[],
        vergaderingen: &[],
        overleggen: &[],
        herhalingen: &[],
        themas: &themas,
        vandaag: "2025-06-01",
        drempel: 5,
    });
    assert_eq!(
        cijfers(vind(&x, "ssk_om_consultatie", None)),
        (None, Some(5), Some(0.3), false, "mediaan 0,3 uur (n=5)")
    );
}

#[test]
fn herhaal_vlaggen_met_bevroren_vlag() {
    let c = |id, regio: &str, start: &str, p: Option<&str>, h: Option<bool>| {
        (
            id,
            regio.to_string(),
            start.to_string(),
            p.map(String::from),
            h,
        )
    };
    let basis = vec![
        c(1, "oost-brabant", "2024-06-01T10:00", Some("p"), None), // before the period
        c(2, "oost-brabant", "2025-03-01T10:00", Some("p"), None), // 273 days after 1: repeat
        c(3, "limburg", "2025-01-10T10:00", Some("q"), None),      // other region: not counted
        c(4, "oost-brabant", "2025-05-01T10:00", Some("q"), None), // after 3 (Limburg): repeat
        c(5, "oost-brabant", "2025-07-01T10:00", Some("r"), None), // first of r: no repeat
        c(6, "oost-brabant", "2025-08-01T10:00", None, Some(true)), // erased, frozen: repeat
        c(7, "oost-brabant", "2025-09-01T10:00", None, None),      // no pseudonym: left out
        c(8, "oost-brabant", "2025-10-01T10:00", Some("s"), Some(true)), // frozen wins
        c(9, "oost-brabant", "2026-01-05T10:00", Some("r"), None), // after the period
        c(10, "oost-brabant", "2025-11-01T10:00", None, Some(false)), // frozen: no repeat
    ];
    let v = herhaal_vlaggen(
        &basis,
        &crate::gedeeld::RegioCode::OOST_BRABANT,
        "2025-01-01",
        "2026-01-01",
    );
    assert_eq!(v, vec![true, true, false, true, true, false]);
    // 4 of 6: shown at threshold 4 (66.7%), suppressed at 5.
    let mut f = fixture();
    f.herhalingen = v;
    let x = bereken_met(&f, 4);
    let h = vind(&x, "herhaling", None);
    assert_eq!(
        cijfers(h),
        (Some(4), Some(6), Some(66.7), false, "4 van 6 (66,7%)")
    );
    assert_eq!(
        h.thema,
        "Samenhang, kennisontwikkeling en blijvend verbeteren"
    );
    assert_eq!(h.thema_nummer, 1);
    assert_eq!(h.element, "waarde");
    let x = bereken_met(&f, 5);
    assert_eq!(
        cijfers(vind(&x, "herhaling", None)),
        (None, Some(6), None, true, "<5 van 6")
    );
}

#[test]
fn json_van_een_onderdrukte_indicator() {
    let x = bereken_met(&fixture(), 5);
    let v = serde_json::to_value(vind(&x, "acuut_vt_melding", None)).unwrap();
    assert_eq!(v["thema"], "Samen op in acuut");
    assert_eq!(v["indicator"], "Gevolgd door een VT-melding");
    assert_eq!(v["code"], "acuut_vt_melding");
    assert_eq!(v["soort"], "aandeel");
    assert!(v["teller"].is_null());
    assert_eq!(v["noemer"], 6);
    assert!(v["waarde"].is_null());
    assert_eq!(v["onderdrukt"], true);
    assert_eq!(v["weergave"], "<5 van 6");
    // Display helpers stay out of the API.
    assert!(v.get("teller_tekst").is_none());
}

#[test]
fn lege_regio_is_overal_onderdrukt() {
    let themas = themas();
    let x = bereken(&Invoer {
        momenten: &[],
        afspraken: &[],
        vergaderingen: &[],
        overleggen: &[],
        herhalingen: &[],
        themas: &themas,
        vandaag: "2025-06-01",
        drempel: 5,
    });
    assert!(!x.is_empty());
    assert!(
        x.iter()
            .all(|i| i.onderdrukt && i.waarde.is_none() && i.teller.is_none())
    );
    assert_eq!(vind(&x, "ssk_aantal", None).weergave, "<5");
    // Themes 1–5 all present.
    let nummers: std::collections::BTreeSet<u8> = x.iter().map(|i| i.thema_nummer).collect();
    assert_eq!(nummers.into_iter().collect::<Vec<_>>(), [1, 2, 3, 4, 5]);
}

#[test]
fn kengetallen_per_sectie() {
    let x = bereken_met(&fixture(), 5);
    // Theme 4, x.2: the ZSM process measures, one row each, breakdown in the toelichting.
    let k = kengetallen(&x, 4, "uitvoering");
    let namen: Vec<&str> = k.iter().map(|k| k.naam.as_str()).collect();
    assert_eq!(
        namen,
        [
            "HG-zaken op ZSM",
            "Veilig Thuis betrokken",
            "Contact met Veilig Thuis gezocht",
            "Contact met Veilig Thuis verkregen",
            "Veilig Thuis bij het afdoeningsoverleg",
            "Veilig Thuis geïnformeerd over de beslissing"
        ]
    );
    assert_eq!(k[0].waarde, "8");
    assert!(
        k[0].toelichting
            .ends_with("Uitgesplitst: werkdagen: afgeschermd; weekend: <5."),
        "{}",
        k[0].toelichting
    );
    // x.3: the outcome shares.
    let k = kengetallen(&x, 4, "waarde");
    assert_eq!(k.len(), 3);
    assert_eq!(k[0].naam, "Veiligheidsbeoordeling vóór de beslissing");
    assert_eq!(k[0].waarde, "<5 van 7");
    assert_eq!(k[1].naam, "Eerste beslissing binnen de 9-uurstermijn");
    // All seven decisions fell within the term (z2: 22:00 → 07:00 counts two hours).
    assert_eq!(k[1].waarde, "7 van 7 (100%)");
    // Theme 1: only the repeat rate, under Waarde.
    assert!(kengetallen(&x, 1, "uitvoering").is_empty());
    assert_eq!(kengetallen(&x, 1, "waarde")[0].waarde, "<5 van 6");
    // Theme 3, x.2 includes attendance per organisation.
    let k = kengetallen(&x, 3, "uitvoering");
    assert!(
        k.iter().any(
            |k| k.naam == "Aanwezigheid Actie-overleg: Politie" && k.waarde == "6 van 6 (100%)"
        )
    );
    // Nothing under Ontwikkelinspanningen.
    assert!(kengetallen(&x, 3, "ontwikkel").is_empty());
}

/// The definitions file (`data/indicatoren/`) describes exactly the measures [`bouw`] computes,
/// each once, with a name, a unit and a definition.
#[test]
fn definities_beschrijven_precies_de_berekende_maten() {
    let d = definities::definities();
    assert!(d.versie.starts_with("indicatoren-"), "{}", d.versie);
    let in_bestand: Vec<&str> = d.definities.iter().map(|x| x.code.as_str()).collect();
    let mut uniek = in_bestand.clone();
    uniek.sort_unstable();
    uniek.dedup();
    assert_eq!(uniek.len(), in_bestand.len(), "dubbele code in het bestand");
    let mut berekend = definities::CODES.to_vec();
    berekend.sort_unstable();
    assert_eq!(uniek, berekend);
    for x in &d.definities {
        assert!((1..=5).contains(&x.thema), "{}", x.code);
        assert!(
            ["uitvoering", "waarde"].contains(&x.element.as_str()),
            "{}",
            x.code
        );
        assert!(
            !x.naam.trim().is_empty() && !x.eenheid.trim().is_empty(),
            "{}",
            x.code
        );
        assert!(x.definitie.len() > 20, "{}", x.code);
    }
    // Every definition is used (attendance per kind needs two organisations of one kind).
    let mut f = fixture();
    f.overleggen[0].organisaties.push((
        crate::gedeeld::OrganisatieId(4),
        "Veilig Thuis Zuid".into(),
        "vt".into(),
        true,
    ));
    let x = bereken_met(&f, 1);
    for code in definities::CODES {
        assert!(x.iter().any(|i| i.code == *code), "{code} niet berekend");
    }
}

/// Every Werkset indicator a measure refers to is in the catalogue version the file names, in
/// the same element (uitvoering/waarde) and, except for theme 1 (which spans the others), in
/// the measure's own theme; every measure refers to at least one.
#[test]
fn definities_verwijzen_naar_indicatoren_van_de_catalogus() {
    let d = definities::definities();
    let c: crate::werkset::model::Catalogus =
        serde_json::from_str(include_str!("../../data/werkset/catalogus-2022-v1.json")).unwrap();
    assert_eq!(d.catalogus, c.versie);
    for x in &d.definities {
        assert!(
            !x.werkset.is_empty(),
            "{} verwijst naar geen Werkset-indicator",
            x.code
        );
        for code in &x.werkset {
            let Some((thema, element, _)) = c.indicator(code) else {
                panic!("{}: {code} staat niet in {}", x.code, c.versie);
            };
            assert_eq!(element.code, x.element, "{}: {code}", x.code);
            if x.thema != 1 {
                assert_eq!(thema.nummer, x.thema, "{}: {code}", x.code);
            }
        }
    }
}
