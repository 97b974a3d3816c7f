//! The Werkset regional report (the structure of seed 001): assembled here from a region's
//! registration and the indicators computed from the afstemmingsmomenten into the read model
//! `crate::rapport::model::Rapport`, which the HTML page and the PDF (`crate::rapport::pdf`)
//! render. Also the effort balance (table and chart) the report and the national comparison
//! share. The report's fixed prose is in [`inleiding`] and in the balance's `toelichting`.
//!
//! It lives in the Werkset domain, not in `rapport/`: `rapport` sits below the domains (it
//! renders whatever read model it is given), and the assembly reads Werkset data.

use super::model::{self, Catalogus, Classificatie, Eenheid};
use super::repo;
use super::service::{Registratieblad, berekend_voor, registratieblad};
use crate::auth::Gebruiker;
use crate::db::Db;
use crate::error::AppResult;
use crate::gedeeld::RegioCode;
use crate::indicatoren::Indicator;
use crate::organisatie::model::{OrganisatieSoort, regio_naam};
use crate::rapport::model as r;
use std::collections::BTreeSet;

/// Paragraphs of a free text (separated by an empty line).
fn alineas(t: &str) -> Vec<String> {
    t.split("\n\n")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn post(i: &repo::InspanningRij) -> Option<model::BalansPost> {
    Some(model::BalansPost {
        partners: i
            .partners
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
        classificatie: Classificatie::parse(&i.classificatie)?,
        hoeveelheid: i
            .hoeveelheid
            .zip(i.eenheid.as_deref().and_then(Eenheid::parse)),
    })
}

/// The balance rows: per partner as named (kind or organisation) with per-kind totals
/// (`per_organisatie`, the regional report), or per kind only (the national comparison).
pub fn balans_rijen(
    inspanningen: &[&repo::InspanningRij],
    orgs: &[model::PartnerOrganisatie],
    per_organisatie: bool,
) -> Vec<r::BalansRij> {
    let posten: Vec<model::BalansPost> = inspanningen.iter().filter_map(|i| post(i)).collect();
    let regels = if per_organisatie {
        model::balans_per_partner(&posten, orgs)
    } else {
        model::balans_per_soort(&posten, orgs)
    };
    regels
        .into_iter()
        .map(|b| r::BalansRij {
            partner: b.partner,
            meerwerk: b.uren[0],
            minderwerk: b.uren[1],
            verschuiving: b.uren[2],
            overige_posten: b.overig,
            totaal: b.totaal,
        })
        .collect()
}

pub const BALANS_EENHEID: &str = "uur per week (omgerekend)";

pub fn balans(titel: &str, rijen: Vec<r::BalansRij>) -> r::Balans {
    use crate::web::charts::{RadarReeks, ReeksStijl, Schaal};
    // The chart shows the partners; per-kind totals are in the table only.
    let staven: Vec<&r::BalansRij> = rijen.iter().filter(|b| !b.totaal).collect();
    let categorieen: Vec<String> = staven.iter().map(|b| b.partner.clone()).collect();
    let kolom = |f: fn(&r::BalansRij) -> f64| staven.iter().map(|b| f(b)).collect::<Vec<f64>>();
    let (meer, minder, verschuiving) = (
        kolom(|b| b.meerwerk),
        kolom(|b| b.minderwerk),
        kolom(|b| b.verschuiving),
    );
    // Round the axis up to a multiple of 10 hours so the ticks are readable.
    let max = (meer
        .iter()
        .chain(&minder)
        .chain(&verschuiving)
        .fold(1.0_f64, |a, b| a.max(*b))
        / 10.0)
        .ceil()
        * 10.0;
    let svg = crate::web::charts::staaf_svg_schaal(
        &format!("{titel}: meer- en minderwerk per partner"),
        &categorieen,
        &[
            RadarReeks {
                naam: "Meerwerk",
                waarden: &meer,
                stijl: ReeksStijl::Primair,
            },
            RadarReeks {
                naam: "Minderwerk",
                waarden: &minder,
                stijl: ReeksStijl::Secundair,
            },
            RadarReeks {
                naam: "Verschuiving",
                waarden: &verschuiving,
                stijl: ReeksStijl::Tertiair,
            },
        ],
        Schaal {
            max,
            eenheid: " u",
            bereik: "uren per week, omgerekend",
        },
    );
    let alt = if staven.is_empty() {
        format!("{titel}: geen meer- of minderwerk in uren vastgelegd.")
    } else {
        let per_partner: Vec<String> = staven
            .iter()
            .map(|b| {
                format!(
                    "{}: meerwerk {}, minderwerk {}, verschuiving {}",
                    b.partner,
                    crate::web::getal_vast(b.meerwerk, 1),
                    crate::web::getal_vast(b.minderwerk, 1),
                    crate::web::getal_vast(b.verschuiving, 1)
                )
            })
            .collect();
        format!(
            "Staafdiagram {titel}, meer- en minderwerk per partner in uren per week (omgerekend). {}.",
            per_partner.join("; ")
        )
    };
    r::Balans {
        svg,
        alt,
        eenheid: BALANS_EENHEID.into(),
        toelichting: "Tijdsinzet omgerekend naar uren per week (1 fte = 36 uur per week, een maand = 52/12 weken). \
                      Regulier werk telt niet mee. Posten in euro's, aantallen of frequenties zijn niet om te rekenen en staan als 'overige posten'; \
                      een post die voor meerdere partners geldt, telt bij elke partner. \
                      Het totaal per soort telt de posten van de soort en van elk van haar organisaties op."
            .into(),
        rijen,
    }
}

/// The regional report for a region and period, without the kengetallen computed from the
/// afstemmingsmomenten (see [`rapport_met_kengetallen`]).
pub async fn rapport(
    db: &Db,
    g: &Gebruiker,
    regio: &RegioCode,
    periode: &str,
) -> AppResult<r::Rapport> {
    opbouwen(db, g, regio, periode, None).await
}

/// The report of a region and year as a tagged PDF: (file name, bytes). Typesetting runs on
/// a blocking thread.
pub async fn rapport_pdf(
    db: &Db,
    g: &Gebruiker,
    regio: &RegioCode,
    periode: &str,
    drempel: u64,
) -> AppResult<(String, Vec<u8>)> {
    let r = rapport_met_kengetallen(db, g, regio, periode, drempel).await?;
    let pdf =
        crate::rapport::pdf::op_achtergrond(move || crate::rapport::pdf::rapport_pdf(&r)).await?;
    Ok((format!("werkset-{regio}-{periode}.pdf"), pdf))
}

/// The regional report with, in sections x.2 and x.3, the kengetallen computed from the
/// registered afstemmingsmomenten; counts below `drempel` are suppressed.
pub async fn rapport_met_kengetallen(
    db: &Db,
    g: &Gebruiker,
    regio: &RegioCode,
    periode: &str,
    drempel: u64,
) -> AppResult<r::Rapport> {
    opbouwen(db, g, regio, periode, Some(drempel)).await
}

async fn opbouwen(
    db: &Db,
    g: &Gebruiker,
    regio: &RegioCode,
    periode: &str,
    drempel: Option<u64>,
) -> AppResult<r::Rapport> {
    let b = registratieblad(db, g, regio, periode).await?;
    let berekend = match drempel {
        Some(d) => berekend_voor(db, &b.regio, &b.periode, d).await?,
        None => vec![],
    };
    let regio_naam = regio_naam(b.regio);
    let c = &b.catalogus;
    // The catalogue's indicators with evidence this period (an effort or a value).
    let met_bewijs: BTreeSet<&str> = b
        .inspanningen
        .iter()
        .map(|i| i.indicator.as_str())
        .chain(b.waarden.iter().map(|w| w.indicator.as_str()))
        .collect();
    let alle = || {
        c.themas
            .iter()
            .flat_map(|t| &t.elementen)
            .flat_map(|e| &e.indicatoren)
    };
    let onderbouwd = alle()
        .filter(|i| met_bewijs.contains(i.code.as_str()))
        .count();
    let met_momenten = drempel.is_some()
        && crate::indicatoren::regios_met_gegevens(db, &b.periode)
            .await?
            .contains(&b.regio);
    let geen_registraties = (!b.heeft_registraties() && !met_momenten).then(|| {
        format!(
            "Voor {regio_naam} is over {} nog niets vastgelegd: geen inspanningen, waarden, \
             verhalen, citaten, praktijkvoorbeelden of bronnen in de Werkset{}. Daarom bevat deze \
             rapportage geen hoofdstukken per verbeteractie; de bijlagen beschrijven de landelijke \
             context en de indicatoren.",
            b.periode,
            if drempel.is_some() {
                " en geen geregistreerde afstemmingsmomenten"
            } else {
                ""
            }
        )
    });
    Ok(r::Rapport {
        titel: c.titel.clone(),
        ondertitel: format!("Regio {regio_naam} – {}", b.periode),
        regio_naam: regio_naam.into(),
        periode: b.periode.clone(),
        catalogus_versie: crate::gedeeld::versie_label(&c.versie),
        gegenereerd_op: crate::db::vandaag(),
        demo: crate::db::is_demo(db).await,
        inleiding: inleiding(
            regio_naam,
            &b.periode,
            (onderbouwd, alle().count()),
            drempel,
            geen_registraties.is_none(),
        ),
        hoofdstukken: if geen_registraties.is_some() {
            vec![]
        } else {
            c.themas
                .iter()
                .map(|t| hoofdstuk(&b, t, &berekend))
                .collect()
        },
        geen_registraties,
        landelijke_context: landelijke_context(c),
        indicatoren: indicatoren_overzicht(c, &met_bewijs),
        bronnen: b
            .bronnen
            .iter()
            .map(|x| r::Bron {
                soort: model::BronSoort::parse(&x.1)
                    .map_or("", model::BronSoort::label)
                    .into(),
                titel: x.2.clone(),
                jaar: x.3.clone(),
            })
            .collect(),
    })
}

/// The introduction: what the report shows, how to read it, and (with kengetallen) how small
/// numbers are suppressed.
fn inleiding(
    regio_naam: &str,
    periode: &str,
    (onderbouwd, indicatoren): (usize, usize),
    drempel: Option<u64>,
    met_hoofdstukken: bool,
) -> Vec<String> {
    let mut uit = vec![
        format!(
            "Deze rapportage laat zien wat de samenwerking in het regionale netwerk zorg-straf {regio_naam} in {periode} heeft gekost aan inzet en wat die heeft opgeleverd. \
             Zij volgt de Werkset Indicatoren Kwaliteit & Impact: per verbeteractie de ontwikkelinspanningen, de uitvoeringsinspanningen (meer- en minderwerk) en de waarde."
        ),
        "Het is een waardecasus, geen businesscase: kwantitatieve gegevens (uren, frequenties, aantallen, kosten) staan naast kwalitatieve onderbouwing \
         in de vorm van citaten, praktijkvoorbeelden en bronnen. Elke inspanning is geclassificeerd als regulier werk, verschuiving van werk, meerwerk of minderwerk."
            .into(),
        format!(
            "{}Bijlage 1 schetst de landelijke context, bijlage 2 geeft het overzicht van de indicatoren ({onderbouwd} van {indicatoren} onderbouwd in deze periode).",
            if met_hoofdstukken {
                "Hoofdstuk 1 beschrijft de samenhang, kennisontwikkeling en het blijvend verbeteren; de hoofdstukken 2 tot en met 5 behandelen de vier verbeteracties. "
            } else {
                ""
            }
        ),
    ];
    if let Some(d) = drempel {
        uit.push(format!(
            "De kengetallen in de paragrafen over uitvoeringsinspanningen en waarde zijn berekend uit de registraties van de afstemmingsmomenten in {periode}. \
             Aantallen onder de {d} staan er als '<{d}' en daarvan is geen percentage of mediaan berekend; 'afgeschermd' staat bij een getal dat anders een verborgen aantal zou verraden."
        ));
    }
    uit
}

/// One chapter per theme (verbeteractie): phase, kartrekkers, a section per element, the
/// effort balance, quotes and practice examples.
fn hoofdstuk(b: &Registratieblad, t: &model::Thema, berekend: &[Indicator]) -> r::Hoofdstuk {
    let nr = i64::from(t.nummer);
    let eigen: Vec<&repo::InspanningRij> =
        b.inspanningen.iter().filter(|i| i.thema == nr).collect();
    r::Hoofdstuk {
        nummer: t.nummer,
        titel: t.naam.clone(),
        fase: b
            .fase(t.nummer)
            .map_or("Niet vastgelegd", model::Fase::label)
            .into(),
        kartrekkers: b
            .kartrekkers(t.nummer)
            .iter()
            .map(|k| model::partner_label(k).to_string())
            .collect(),
        secties: t
            .elementen
            .iter()
            .enumerate()
            .map(|(k, e)| sectie(b, t, k, e, &eigen, berekend))
            .collect(),
        balans: balans(&t.kort, balans_rijen(&eigen, &b.organisaties, true)),
        citaten: b
            .citaten
            .iter()
            .filter(|x| x.1 == nr)
            .map(|x| r::Citaat {
                tekst: x.2.clone(),
                bron: x.3.clone(),
            })
            .collect(),
        praktijk: b
            .praktijk
            .iter()
            .filter(|x| x.1 == nr)
            .enumerate()
            .map(|(k, x)| r::Praktijk {
                nummer: format!("{}.{}", t.nummer, k + 1),
                titel: x.2.clone(),
                alineas: alineas(&x.3),
                bron: x.4.clone(),
            })
            .collect(),
    }
}

/// Section `t.nummer`.`k + 1`: the region's story for element `e`, its efforts per partner,
/// for the value element the values, and the kengetallen.
fn sectie(
    b: &Registratieblad,
    t: &model::Thema,
    k: usize,
    e: &model::Element,
    eigen: &[&repo::InspanningRij],
    berekend: &[Indicator],
) -> r::Sectie {
    let c = &b.catalogus;
    let waarden = if e.code == "waarde" {
        b.waarden
            .iter()
            .filter(|w| w.thema == i64::from(t.nummer))
            .map(|w| r::WaardeRegel {
                indicator: indicator_naam(c, &w.indicator),
                omschrijving: w.omschrijving.clone(),
                sterkte: model::Sterkte::parse(&w.sterkte)
                    .map_or("", model::Sterkte::label)
                    .into(),
                bewijs: bewijs(&w.bewijs, &w.bewijs_datum),
            })
            .collect()
    } else {
        vec![]
    };
    let posten: Vec<&repo::InspanningRij> = eigen
        .iter()
        .copied()
        .filter(|i| i.element == e.code)
        .collect();
    r::Sectie {
        nummer: format!("{}.{}", t.nummer, k + 1),
        titel: e.naam.clone(),
        verhaal: alineas(&b.verhaal(t.nummer, &e.code)),
        partners: partner_tabellen(b, &posten),
        waarden,
        kengetallen: crate::indicatoren::kengetallen(berekend, t.nummer, &e.code),
    }
}

/// A table of efforts per kind (entries naming the kind) and per organisation (entries naming
/// it), kinds in their fixed order, then one table of the entries shared by several partners,
/// each listed once with its partners; partners without entries are left out.
fn partner_tabellen(b: &Registratieblad, posten: &[&repo::InspanningRij]) -> Vec<r::PartnerTabel> {
    let partners = |i: &repo::InspanningRij| -> Vec<String> {
        i.partners
            .split(',')
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect()
    };
    let mut tokens: Vec<String> = Vec::new();
    for soort in OrganisatieSoort::ALLE {
        tokens.push(soort.code().to_string());
        for o in b.organisaties.iter().filter(|o| o.soort == soort.code()) {
            tokens.push(o.token());
        }
    }
    let mut tabellen: Vec<r::PartnerTabel> = tokens
        .into_iter()
        .filter_map(|token| {
            let regels: Vec<r::InspanningRegel> = posten
                .iter()
                .filter(|i| partners(i) == [token.as_str()])
                .map(|i| inspanning_regel(&b.catalogus, i, vec![]))
                .collect();
            (!regels.is_empty()).then(|| r::PartnerTabel {
                partner: model::partner_naam(&token, &b.organisaties),
                gedeeld: false,
                regels,
            })
        })
        .collect();
    let gedeeld: Vec<r::InspanningRegel> = posten
        .iter()
        .filter(|i| partners(i).len() > 1)
        .map(|i| {
            let namen = partners(i)
                .iter()
                .map(|t| model::partner_naam(t, &b.organisaties))
                .collect();
            inspanning_regel(&b.catalogus, i, namen)
        })
        .collect();
    if !gedeeld.is_empty() {
        tabellen.push(r::PartnerTabel {
            partner: "Gedeeld door meerdere partners (elke post één keer)".into(),
            gedeeld: true,
            regels: gedeeld,
        });
    }
    tabellen
}

fn inspanning_regel(
    c: &Catalogus,
    i: &repo::InspanningRij,
    partners: Vec<String>,
) -> r::InspanningRegel {
    r::InspanningRegel {
        partners,
        indicator: indicator_naam(c, &i.indicator),
        omschrijving: i.omschrijving.clone(),
        classificatie: Classificatie::parse(&i.classificatie)
            .map_or("", Classificatie::label)
            .into(),
        hoeveelheid: i
            .hoeveelheid
            .zip(i.eenheid.as_deref().and_then(Eenheid::parse))
            .map_or_else(|| "–".into(), |(h, e)| e.formatteer(h)),
        bewijs: bewijs(&i.bewijs, &i.bewijs_datum),
    }
}

/// The catalogue's name of an indicator (its code when the catalogue does not know it).
fn indicator_naam(c: &Catalogus, code: &str) -> String {
    c.indicator(code)
        .map_or_else(|| code.to_string(), |x| x.2.naam.clone())
}

/// "Verslag, 3 maart 2025": the kind of evidence and its date.
fn bewijs(soort: &str, datum: &str) -> String {
    format!(
        "{}, {}",
        model::Bewijs::parse(soort).map_or("", model::Bewijs::label),
        crate::web::datum_nl(datum)
    )
}

/// Bijlage 1: the national context of each theme, from the catalogue.
fn landelijke_context(c: &Catalogus) -> Vec<r::ContextThema> {
    c.themas
        .iter()
        .map(|t| r::ContextThema {
            nummer: t.nummer,
            titel: t.naam.clone(),
            doel: t.context.doel.clone(),
            aanleiding: t.context.aanleiding.clone(),
            vorm: t.context.vorm.clone(),
            impactanalyse: t.context.impactanalyse.clone(),
        })
        .collect()
}

/// Bijlage 2: every indicator of the catalogue, marked when it has evidence this period.
fn indicatoren_overzicht(c: &Catalogus, met_bewijs: &BTreeSet<&str>) -> Vec<r::IndicatorThema> {
    c.themas
        .iter()
        .map(|t| r::IndicatorThema {
            nummer: t.nummer,
            titel: t.naam.clone(),
            elementen: t
                .elementen
                .iter()
                .map(|e| r::IndicatorElement {
                    naam: e.naam.clone(),
                    indicatoren: e
                        .indicatoren
                        .iter()
                        .map(|i| (i.naam.clone(), met_bewijs.contains(i.code.as_str())))
                        .collect(),
                })
                .collect(),
        })
        .collect()
}
