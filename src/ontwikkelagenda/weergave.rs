//! How a Uitvoeringsplan is shown, on its page and in its PDF: month names, amounts in euros,
//! the Gantt planning, and the PDF in seed 000's order (overview and planning, then per
//! verbeteractiviteit its goal, what is going on, activities, costs and supervisor).

use super::plan::{Onderdeel, Plan};
use super::service;
use super::sessie::StapStatus;
use crate::auth::Gebruiker;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::web::charts::{GanttRij, gantt_svg};
use serde::Serialize;

pub const MAANDEN: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// "maart, april", or "nog niet gepland".
pub fn maanden_tekst(m: &[u8]) -> String {
    if m.is_empty() {
        return "nog niet gepland".into();
    }
    m.iter()
        .filter_map(|m| MAANDEN.get(usize::from(*m).wrapping_sub(1)))
        .copied()
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whole euros as Dutch readers write them: "€ 25.000".
fn euro(b: i64) -> String {
    format!("€ {}", crate::web::getal(b as f64))
}

/// A cost item's amount, or "nog niet begroot".
pub fn bedrag(b: Option<i64>) -> String {
    b.map_or_else(|| "nog niet begroot".into(), euro)
}

/// A part's total, saying when not every item is budgeted.
pub fn totaal(o: &Onderdeel) -> String {
    let (som, open) = o.totaal();
    format!(
        "{}{}",
        euro(som),
        if open {
            " (niet alle posten begroot)"
        } else {
            ""
        }
    )
}

/// Fill of an activity's months by status.
fn kleur(s: StapStatus) -> &'static str {
    match s {
        StapStatus::Gepland => "#8fcae7",
        StapStatus::Loopt => "#01689b",
        StapStatus::Gereed => "#275937",
        StapStatus::Vervallen => "#b4b4b4",
    }
}

/// The plan's year planning as an SVG: per verbeteractiviteit its activities.
pub fn gantt(plan: &Plan) -> String {
    let mut rijen = vec![];
    for o in &plan.onderdelen {
        rijen.push(GanttRij {
            label: &o.naam,
            maanden: None,
            status: "",
            kleur: "",
        });
        for a in &o.activiteiten {
            rijen.push(GanttRij {
                label: &a.naam,
                maanden: Some(&a.maanden),
                status: a.status.label(),
                kleur: kleur(a.status),
            });
        }
    }
    gantt_svg(&format!("Planning uitvoeringsplan {}", plan.jaar), &rijen)
}

/// The plan as the PDF shows it, every value in words.
#[derive(Debug, Clone, Serialize)]
pub struct PlanPdf {
    pub titel: String,
    pub herkomst: String,
    pub gewijzigd: String,
    pub gantt: String,
    pub gantt_alt: String,
    pub overzicht: Vec<[String; 4]>,
    pub onderdelen: Vec<OnderdeelPdf>,
    pub voetnoot: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct OnderdeelPdf {
    pub kop: String,
    pub doel: String,
    pub gaande: String,
    pub supervisor: String,
    /// (activity, months, status, last update)
    pub activiteiten: Vec<[String; 4]>,
    /// (item, amount, funder)
    pub kosten: Vec<[String; 3]>,
    pub totaal: String,
    /// Regional steps that contribute, "Regio: omschrijving".
    pub regionaal: Vec<String>,
}

fn of(t: &str, anders: &str) -> String {
    if t.is_empty() {
        anders.into()
    } else {
        t.into()
    }
}

/// The plan of `jaar` as a PDF, with its file name.
pub async fn pdf(db: &Db, g: &Gebruiker, jaar: i64) -> AppResult<(String, Vec<u8>)> {
    let b = service::planblad(db, g, jaar).await?;
    let plan = b
        .plan
        .ok_or(AppError::NietGevonden("Het uitvoeringsplan van dit jaar"))?;
    let v = PlanPdf {
        titel: format!("Uitvoeringsplan ontwikkelagenda {jaar}"),
        herkomst: match plan.vorig_jaar {
            Some(v) => format!("Voortgebouwd op het uitvoeringsplan {v}"),
            None => "Opgesteld vanuit de catalogus van de ontwikkelagenda".into(),
        },
        gewijzigd: crate::web::datum_nl(&plan.gewijzigd_op),
        gantt: gantt(&plan),
        gantt_alt: format!(
            "Jaarplanning {jaar}: per verbeteractiviteit de activiteiten en de maanden waarin zij gepland zijn, met hun status. De tabel hieronder geeft dezelfde planning."
        ),
        overzicht: plan
            .onderdelen
            .iter()
            .flat_map(|o| {
                o.activiteiten.iter().map(|a| {
                    [
                        o.naam.clone(),
                        a.naam.clone(),
                        maanden_tekst(&a.maanden),
                        a.status.label().into(),
                    ]
                })
            })
            .collect(),
        onderdelen: plan
            .onderdelen
            .iter()
            .map(|o| OnderdeelPdf {
                kop: format!(
                    "{}{}",
                    if o.nummer.is_empty() {
                        String::new()
                    } else {
                        format!("{} ", o.nummer)
                    },
                    o.naam
                ),
                doel: of(&o.doel, "Nog niet beschreven."),
                gaande: of(&o.gaande, "Nog niet beschreven."),
                supervisor: of(&o.supervisor, "nog niet toebedeeld"),
                activiteiten: o
                    .activiteiten
                    .iter()
                    .map(|a| {
                        [
                            a.naam.clone(),
                            maanden_tekst(&a.maanden),
                            a.status.label().into(),
                            a.stand.clone(),
                        ]
                    })
                    .collect(),
                kosten: o
                    .kosten
                    .iter()
                    .map(|k| {
                        [
                            k.omschrijving.clone(),
                            bedrag(k.bedrag_euro),
                            k.financier.clone(),
                        ]
                    })
                    .collect(),
                totaal: totaal(o),
                regionaal: b
                    .regionaal
                    .iter()
                    .filter(|r| r.verbeteractiviteit == o.code)
                    .map(|r| format!("{}: {}", r.regio, r.omschrijving))
                    .collect(),
            })
            .collect(),
        voetnoot: "Gemaakt met Voorop. Het uitvoeringsplan bevat geen persoonsgegevens.".into(),
    };
    let pdf =
        crate::rapport::pdf::op_achtergrond(move || crate::rapport::pdf::uitvoeringsplan_pdf(&v))
            .await?;
    Ok((format!("uitvoeringsplan-{jaar}.pdf"), pdf))
}
