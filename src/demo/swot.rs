//! Fictional SWOT sessions of the Ontwikkelagenda for all ten regions over two years (last year's
//! vastgesteld, this year's in every stage), so the overview, the synthesis and the
//! year-over-year comparison show something. Deterministic: the same demo every time. Every
//! text is invented; participants are organisations with functions, never names.

use crate::db::Tx;
use crate::error::AppResult;
use crate::gedeeld::{OrganisatieId, REGIOS, RegioCode};
use crate::ontwikkelagenda::model::Agenda;
use crate::ontwikkelagenda::repo;
use crate::ontwikkelagenda::sessie::{
    Gegevens, Kwadrant, NieuweStap, Plaatsing, StapStatus, VerslagStatus,
};
use std::collections::HashMap;

/// Explanations per quadrant; `{}` is the verbeteractiviteit's name.
const TOELICHTINGEN: [[&str; 3]; 4] = [
    [
        "Fictief: bij {} liggen vaste werkafspraken en korte lijnen tussen Veilig Thuis en politie.",
        "Fictief: {} is in het hele gebied ingevoerd en wordt in de teams gedragen.",
        "Fictief: de kartrekkers van {} zijn bekend en het overleg loopt volgens plan.",
    ],
    [
        "Fictief: {} hangt nog af van enkele personen; bij wisselingen valt het werk stil.",
        "Fictief: voor {} ontbreken afspraken over wie wanneer terugkoppelt.",
        "Fictief: {} is in een deel van het gebied gestart, de rest volgt nog niet.",
    ],
    [
        "Fictief: de nieuwe landelijke handreiking geeft {} een duidelijk kader om op aan te sluiten.",
        "Fictief: gemeenten willen meer investeren in {}; dat biedt ruimte voor een pilot.",
        "Fictief: de opleiding van nieuwe collega's is een kans om {} te verankeren.",
    ],
    [
        "Fictief: krapte bij de partners zet {} onder druk.",
        "Fictief: zonder structurele financiering stopt {} na dit jaar.",
        "Fictief: onduidelijkheid over informatiedeling remt {}.",
    ],
];

/// A small deterministic mix of three numbers.
fn meng(a: usize, b: usize, c: usize) -> usize {
    (a * 7 + b * 13 + c * 31 + a * b * 3) % 97
}

/// The quadrant of verbeteractiviteit `i` of region `r` in the `jaar_index`th year (0: last
/// year): about half move one step "up" (zwakte → kans → sterkte) the year after.
fn kwadrant(r: usize, i: usize, jaar_index: usize) -> Kwadrant {
    let basis = meng(r, i, 0) % 4;
    let k = if jaar_index == 1 && meng(r, i, 1).is_multiple_of(2) {
        match basis {
            1 => 2,
            2 => 0,
            x => x,
        }
    } else {
        basis
    };
    Kwadrant::ALLE[k]
}

/// The sessions the demo opened, by region and year, for what builds on them.
pub type Sessies = HashMap<(RegioCode, i64), i64>;

/// The region's active partner organisations (not the gemeenten): (id, soort).
pub(super) async fn netwerkpartners(
    tx: &mut Tx<'_>,
    regio: &RegioCode,
) -> AppResult<Vec<(OrganisatieId, String)>> {
    Ok(crate::organisatie::repo::van_regio_in(tx, regio)
        .await?
        .into_iter()
        .filter(|o| o.actief && o.soort != "gemeente")
        .map(|o| (o.id, o.soort))
        .collect())
}

/// Loads the sessions of `jaar - 1` and `jaar`, on `agenda`.
pub async fn laad(tx: &mut Tx<'_>, jaar: i64, agenda: &Agenda) -> AppResult<Sessies> {
    let systeem = crate::auth::permissions::systeem();
    let mut sessies = Sessies::new();
    for (r, (code, _)) in REGIOS.iter().enumerate() {
        let regio = RegioCode::parse(code).map_err(|m| anyhow::anyhow!(m))?;
        let orgs = netwerkpartners(tx, &regio).await?;
        let Some(eerste) = orgs.first() else {
            continue;
        };
        let scope = systeem.swot_schrijven(&regio, eerste.0);
        for (j, sessiejaar) in [jaar - 1, jaar].into_iter().enumerate() {
            let deelnemers = orgs
                .iter()
                .map(|(id, soort)| {
                    let functies = match soort.as_str() {
                        "netwerk" => "voorzitter, procesbegeleider",
                        "veilig_thuis" => "teamleider, gedragswetenschapper",
                        "politie" => "coördinator zeden en huiselijk geweld",
                        "om" => "officier van justitie huiselijk geweld",
                        "rvdk" => "teamleider",
                        "3ro" => "unitmanager",
                        _ => "beleidsadviseur",
                    };
                    (*id, functies.to_string())
                })
                .collect();
            let gegevens = Gegevens {
                datum: format!("{}-{:02}-{:02}", sessiejaar - 1, 10 + r % 3, 3 + r * 2),
                samenvatting: "Fictief: regionale SWOT-sessie van het netwerk zorg-straf met de ketenpartners, volgens de werkvorm van het Uitvoeringsplan.".into(),
                deelnemers,
            };
            let id = repo::openen(tx, &scope, sessiejaar, &agenda.versie, &gegevens).await?;
            sessies.insert((regio, sessiejaar), id);
            let plaatsingen: Vec<Plaatsing> = agenda
                .verbeteractiviteiten
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    let k = kwadrant(r, i, j);
                    let tekst = TOELICHTINGEN
                        [Kwadrant::ALLE.iter().position(|x| *x == k).unwrap_or(0)]
                        [meng(r, i, j) % 3];
                    Plaatsing {
                        verbeteractiviteit: v.code.clone(),
                        kwadrant: k,
                        toelichting: tekst.replace("{}", &v.naam.to_lowercase()),
                    }
                })
                .collect();
            repo::bord_zetten(tx, &scope, id, 0, &plaatsingen).await?;
            // Two steps on the verbeteractiviteiten that scored worst.
            let zwak: Vec<&Plaatsing> = plaatsingen
                .iter()
                .filter(|p| matches!(p.kwadrant, Kwadrant::Zwakte | Kwadrant::Bedreiging))
                .take(2)
                .collect();
            for (n, p) in zwak.into_iter().enumerate() {
                let va = agenda
                    .verbeteractiviteiten
                    .iter()
                    .find(|v| v.code == p.verbeteractiviteit);
                let stap = NieuweStap {
                    verbeteractiviteit: p.verbeteractiviteit.clone(),
                    omschrijving: format!(
                        "Fictief: werkafspraak opstellen en bespreken in het netwerkoverleg ({}).",
                        va.map_or("", |v| v.naam.as_str()).to_lowercase()
                    ),
                    eigenaar: orgs[(n + 1) % orgs.len()].0,
                    streefdatum: Some(format!("{sessiejaar}-{:02}-01", 3 + n * 3)),
                    status: match (j, n) {
                        (0, _) => StapStatus::Gereed,
                        (_, 0) => StapStatus::Loopt,
                        _ => StapStatus::Gepland,
                    },
                    landelijke_activiteit: va
                        .and_then(|v| v.activiteiten.first())
                        .map(|a| a.code.clone())
                        .unwrap_or_default(),
                };
                repo::stap_zetten(tx, &scope, id, None, &stap).await?;
            }
            // Last year's verslagen are vastgesteld; this year's are in every stage, and
            // Oost-Brabant's is still concept, to work on.
            let status = match (j, r % 3) {
                (0, _) | (1, 0) => VerslagStatus::Vastgesteld,
                _ if regio == RegioCode::OOST_BRABANT => VerslagStatus::Concept,
                (1, 1) => VerslagStatus::TerReactie,
                _ => VerslagStatus::Concept,
            };
            if status != VerslagStatus::Concept {
                repo::reactie_plaatsen(
                    tx,
                    &scope,
                    id,
                    "Fictief: akkoord met het verslag; graag de terugkoppeling aan de gemeenten als aparte stap opnemen.",
                )
                .await?;
                repo::status_zetten(tx, &scope, id, status).await?;
            }
        }
    }
    Ok(sessies)
}

/// A fictional national Uitvoeringsplan for `jaar - 1` (from the catalogue, with planning,
/// statuses and costs) and for `jaar` (built on it: the learning loop), every text invented.
pub async fn plannen(tx: &mut Tx<'_>, jaar: i64, agenda: &Agenda) -> AppResult<()> {
    use crate::ontwikkelagenda::plan::{self, Kostenpost, PlanActiviteit};
    let s = crate::auth::permissions::systeem().uitvoeringsplan_schrijven();
    let mut vorig = plan::uit_agenda(jaar - 1, agenda);
    for (i, o) in vorig.onderdelen.iter_mut().enumerate() {
        if o.supervisor.is_empty() {
            o.supervisor = [
                "Veilig Thuis Nederland (fictief)",
                "Politie (fictief)",
                "Openbaar Ministerie (fictief)",
            ][i % 3]
                .into();
        }
        if o.activiteiten.is_empty() {
            for (n, naam) in ["regionale werksessies", "landelijke evaluatie"]
                .iter()
                .enumerate()
            {
                o.activiteiten.push(PlanActiviteit {
                    id: 0,
                    code: format!("demo_{n}"),
                    naam: format!("Fictief: {naam} {}", o.naam.to_lowercase()),
                    maanden: vec![],
                    status: StapStatus::Gepland,
                    stand: String::new(),
                    gewijzigd_op: String::new(),
                });
            }
        }
        for (n, a) in o.activiteiten.iter_mut().enumerate() {
            let start = u8::try_from((i * 2 + n * 3) % 10 + 1).unwrap_or(1);
            a.maanden = (start..=(start + 2).min(12)).collect();
            a.status = match (i + n) % 3 {
                0 => StapStatus::Gereed,
                1 => StapStatus::Loopt,
                _ => StapStatus::Gepland,
            };
            if a.status != StapStatus::Gepland {
                a.stand = "Fictief: de eerste bijeenkomsten zijn gehouden; het verslag is gedeeld met de regio's.".into();
            }
        }
        o.kosten.push(Kostenpost {
            id: 0,
            omschrijving: "Fictief: procesbegeleiding van de regionale netwerken".into(),
            bedrag_euro: Some(i64::try_from(15_000 + i * 5_000).unwrap_or(15_000)),
            financier: "Ministerie van Justitie en Veiligheid (fictief)".into(),
        });
    }
    crate::ontwikkelagenda::repo::plan_maken(tx, &s, &vorig).await?;
    let opgeslagen = crate::ontwikkelagenda::plan::Plan {
        jaar: vorig.jaar,
        agenda_versie: vorig.agenda_versie.clone(),
        vorig_jaar: None,
        gewijzigd_op: String::new(),
        onderdelen: vorig.onderdelen,
    };
    let mut nu = plan::vervolg(&opgeslagen, jaar);
    for (i, o) in nu.onderdelen.iter_mut().enumerate() {
        for (n, a) in o.activiteiten.iter_mut().enumerate() {
            let start = u8::try_from((i + n * 4) % 9 + 1).unwrap_or(1);
            a.maanden = (start..=(start + 3).min(12)).collect();
        }
        for k in &mut o.kosten {
            k.bedrag_euro = Some(i64::try_from(20_000 + i * 2_500).unwrap_or(20_000));
        }
    }
    crate::ontwikkelagenda::repo::plan_maken(tx, &s, &nu).await?;
    Ok(())
}
