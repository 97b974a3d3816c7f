//! The fictional network year of every region: werkplannen of last year (vastgesteld) and this
//! year, speerpunten with thematrekkers, about six meetings a year with a prepared case and a
//! besluitenlijst (actions become stappen vooruit of the region's SWOT session), and
//! self-evaluations of the two years before this one, so the comparison shows something.
//! Deterministic; every text is invented and describes no one.

use crate::db::Tx;
use crate::error::AppResult;
use crate::gedeeld::{REGIOS, RegioCode};
use crate::ontwikkelagenda::model::Agenda;
use crate::ontwikkelagenda::netwerk::{
    Aspect, BijeenkomstStatus, NieuwSpeerpunt, NieuweBijeenkomst, NieuweEvaluatie,
    WerkplanGegevens, WerkplanStatus,
};
use crate::ontwikkelagenda::sessie::{NieuweStap, StapStatus};
use crate::ontwikkelagenda::{netwerk_repo, repo};

const HOOFDSTUKKEN: [&str; 4] = [
    "Fictief: het netwerk is een tactisch, lerend netwerk van Veilig Thuis, politie, OM, Raad voor de Kinderbescherming en reclassering. Het benoemt leereffecten in de samenwerking en werkt aan een gezamenlijke aanpak.",
    "Fictief: casuïstiek als leermethode. Speerpunten dit jaar: de afstemmingsmomenten uit de ontwikkelagenda en een eigen regionaal thema.",
    "Fictief: het netwerk signaleert richting het bestuurlijk overleg en nodigt twee keer per jaar de projectleiders van de gemeenten uit.",
    "Fictief: de voorzitter en de thematrekkers bereiden zes bijeenkomsten voor; de voortgang staat bij elke bijeenkomst op de agenda.",
];

/// Loads the network years of `jaar - 1` and `jaar`, and evaluations of `jaar - 2` and `jaar - 1`.
/// Actions become steps of the SWOT sessions of those years (`sessies`).
pub async fn laad(
    tx: &mut Tx<'_>,
    jaar: i64,
    agenda: &Agenda,
    sessies: &super::swot::Sessies,
) -> AppResult<()> {
    let systeem = crate::auth::permissions::systeem();
    for (r, (code, _)) in REGIOS.iter().enumerate() {
        let regio = RegioCode::parse(code).map_err(|m| anyhow::anyhow!(m))?;
        let orgs = super::swot::netwerkpartners(tx, &regio).await?;
        let Some(eerste) = orgs.first() else {
            continue;
        };
        let scope = systeem.swot_schrijven(&regio, eerste.0);
        let voorzitter = orgs.iter().find(|(_, s)| s == "om").unwrap_or(eerste).0;
        for (j, netwerkjaar) in [jaar - 1, jaar].into_iter().enumerate() {
            let werkplan = netwerk_repo::werkplan_zetten(
                tx,
                &scope,
                netwerkjaar,
                &WerkplanGegevens {
                    hoofdstukken: HOOFDSTUKKEN.map(String::from),
                    voorzitter: Some(voorzitter),
                },
            )
            .await?;
            let mut speerpunten = vec![];
            // Four verbeteractiviteiten: the first two everywhere, two more that differ per
            // region, so the national overview shows where the regions choose differently.
            let va = &agenda.verbeteractiviteiten;
            let mut gekozen: Vec<usize> = vec![
                0,
                1,
                2 + r % (va.len() - 2),
                2 + (r * 3 + 1) % (va.len() - 2),
            ];
            gekozen.dedup();
            let mut punten: Vec<(String, String)> = gekozen
                .into_iter()
                .map(|i| (va[i].naam.clone(), va[i].code.clone()))
                .collect();
            if regio == RegioCode::OOST_BRABANT || r % 3 == 1 {
                punten.push(("Ex-partnerstalking".into(), String::new()));
            }
            for (n, (titel, va)) in punten.into_iter().enumerate() {
                let trekker = orgs[(n + r) % orgs.len()].0;
                let id = netwerk_repo::speerpunt_zetten(
                    tx,
                    &scope,
                    werkplan,
                    None,
                    &NieuwSpeerpunt {
                        titel,
                        verbeteractiviteit: va.clone(),
                        trekkers: vec![(trekker, "beleidsadviseur".into())],
                    },
                )
                .await?;
                speerpunten.push((id, va, trekker));
            }
            // This year's werkplan of Oost-Brabant stays a concept, to work on.
            if j == 0 || regio != RegioCode::OOST_BRABANT {
                netwerk_repo::werkplan_status(tx, &scope, werkplan, WerkplanStatus::Vastgesteld)
                    .await?;
            }
            let sessie = sessies.get(&(regio, netwerkjaar)).copied();
            // Six meetings, every other month; this year's last one is still to come.
            for m in 0..6usize {
                let (sp, va, trekker) = &speerpunten[m % speerpunten.len()];
                let gehouden = j == 0 || m < 5;
                let b = netwerk_repo::bijeenkomst_zetten(
                    tx,
                    &scope,
                    netwerkjaar,
                    None,
                    &NieuweBijeenkomst {
                        datum: format!("{netwerkjaar}-{:02}-{:02}", 2 + m * 2, 8 + r),
                        speerpunt: *sp,
                        status: if gehouden {
                            BijeenkomstStatus::Gehouden
                        } else {
                            BijeenkomstStatus::Gepland
                        },
                        agenda: "Fictief: 1. opening en mededelingen; 2. casusbespreking; 3. nieuwe ontwikkelingen binnen het thema; 4. voortgang werkplan.".into(),
                        casus: if gehouden {
                            "Fictief: een afgesloten casus van een gezin met jonge kinderen, waarin de melding via ZSM liep en het Actie-overleg later volgde. De partners wisten niet van elkaars inzet.".into()
                        } else {
                            String::new()
                        },
                        leereffecten: if gehouden {
                            "Fictief: eerder terugkoppelen van ZSM naar het Actie-overleg; de Raad vroeger betrekken bij dreigend gevaar.".into()
                        } else {
                            String::new()
                        },
                        ontwikkelingen: String::new(),
                    },
                )
                .await?;
                if !gehouden {
                    continue;
                }
                netwerk_repo::besluit_toevoegen(
                    tx,
                    &scope,
                    b,
                    "Fictief: het netwerk neemt de leereffecten op in het werkplan.",
                    None,
                )
                .await?;
                if let (Some(sessie), false) = (sessie, va.is_empty()) {
                    let tekst = "Fictief: terugkoppeling van ZSM naar het Actie-overleg vastleggen in een werkafspraak.";
                    let stap = repo::stap_zetten(
                        tx,
                        &scope,
                        sessie,
                        None,
                        &NieuweStap {
                            verbeteractiviteit: va.clone(),
                            omschrijving: tekst.into(),
                            eigenaar: *trekker,
                            streefdatum: Some(format!("{netwerkjaar}-12-01")),
                            status: if j == 0 || m < 2 {
                                StapStatus::Gereed
                            } else {
                                StapStatus::Loopt
                            },
                            landelijke_activiteit: String::new(),
                        },
                    )
                    .await?;
                    netwerk_repo::besluit_toevoegen(tx, &scope, b, tekst, Some(stap)).await?;
                }
            }
        }
        for (j, evaluatiejaar) in [jaar - 2, jaar - 1].into_iter().enumerate() {
            netwerk_repo::evaluatie_zetten(
                tx,
                &scope,
                evaluatiejaar,
                &NieuweEvaluatie {
                    datum: format!("{evaluatiejaar}-12-{:02}", 1 + r),
                    conclusies: "Fictief: meer aandacht voor de verbinding met de gemeenten; de casusbesprekingen worden als waardevol ervaren.".into(),
                    aspecten: Aspect::ALLE
                        .iter()
                        .enumerate()
                        .map(|(i, a)| {
                            let s = 2 + ((r + i * 2 + j * (i + 1)) % 4) as i64;
                            (*a, s.min(5), "Fictief: toelichting van het netwerk.".into())
                        })
                        .collect(),
                },
            )
            .await?;
        }
    }
    Ok(())
}
