//! Werkset registrations of the national demo: per region and year the phase of each theme
//! and the efforts, values, quotes, practice examples and sources, derived from the small
//! demo's (validated) registration for Oost-Brabant with the region's own numbers, years and
//! a region-specific selection.

use super::organisaties::Netwerk;
use super::{Opties, PEILDATUM, Rng, Samenvatting};
use crate::db::Conn;
use crate::db::bulk::{Bulk, Cel, volgende_id};
use crate::demo::{DemoRegistratie, WerksetDemo};
use crate::error::AppResult;

const FASEN: [&str; 5] = [
    "niet_gestart",
    "ontwikkeling",
    "implementatie",
    "monitoring",
    "geborgd",
];

/// "2.o1" → (2, "ontwikkel"); "2.u3" → (2, "uitvoering").
fn thema_element(indicator: &str) -> (i64, &'static str) {
    let (t, rest) = indicator.split_once('.').unwrap_or(("1", "o"));
    let element = if rest.starts_with('u') {
        "uitvoering"
    } else {
        "ontwikkel"
    };
    (t.parse().unwrap_or(1), element)
}

pub async fn aanmaken(
    conn: &mut Conn,
    net: &Netwerk,
    o: &Opties,
    eerste_jaar: i32,
    s: &mut Samenvatting,
) -> AppResult<()> {
    let demo: WerksetDemo = serde_json::from_str(include_str!("../../../data/werkset/demo.json"))
        .map_err(|e| anyhow::anyhow!(e))?;
    let versie = serde_json::from_str::<crate::werkset::model::Catalogus>(
        crate::werkset::service::STANDAARD_CATALOGUS,
    )
    .map_err(|e| anyhow::anyhow!(e))?
    .versie;
    let peil = super::dag_tekst(PEILDATUM);
    let sjablonen = &demo.regios["oost-brabant"];
    let mut rng = Rng::new(o.seed, 0x3e75);
    let mut reg_id = volgende_id(conn, "werkset_registratie").await?;
    let mut ids = [
        volgende_id(conn, "werkset_inspanning").await?,
        volgende_id(conn, "werkset_waarde").await?,
        volgende_id(conn, "werkset_citaat").await?,
        volgende_id(conn, "werkset_praktijk").await?,
        volgende_id(conn, "werkset_bron").await?,
    ];
    let mut registraties = Bulk::new(
        "werkset_registratie",
        &[
            "id",
            "regio_code",
            "periode",
            "catalogus_versie",
            "aangemaakt_op",
        ],
    );
    let mut themas = Bulk::new(
        "werkset_thema",
        &["registratie_id", "thema", "fase", "kartrekkers"],
    );
    let mut verhalen = Bulk::new(
        "werkset_verhaal",
        &["registratie_id", "thema", "element", "tekst"],
    );
    let mut inspanningen = Bulk::new(
        "werkset_inspanning",
        &[
            "id",
            "registratie_id",
            "thema",
            "element",
            "indicator",
            "partners",
            "classificatie",
            "hoeveelheid",
            "eenheid",
            "omschrijving",
            "bewijs",
            "bewijs_datum",
            "aangemaakt_op",
        ],
    );
    let mut waarden = Bulk::new(
        "werkset_waarde",
        &[
            "id",
            "registratie_id",
            "thema",
            "indicator",
            "omschrijving",
            "bewijs",
            "bewijs_datum",
            "sterkte",
            "aangemaakt_op",
        ],
    );
    let mut citaten = Bulk::new(
        "werkset_citaat",
        &["id", "registratie_id", "thema", "tekst", "bron"],
    );
    let mut praktijk = Bulk::new(
        "werkset_praktijk",
        &["id", "registratie_id", "thema", "titel", "tekst", "bron"],
    );
    let mut bronnen = Bulk::new(
        "werkset_bron",
        &["id", "registratie_id", "soort", "titel", "jaar"],
    );
    for r in &net.regios {
        // How far the region is (0..2 phases ahead of the weakest), per theme.
        let voorsprong: Vec<i64> = (0..5).map(|_| rng.tussen(0, 2)).collect();
        for jaar in eerste_jaar..=PEILDATUM.year() {
            let sjabloon_jaar = jaar.clamp(2024, PEILDATUM.year()).to_string();
            let t: &DemoRegistratie = &sjablonen[&sjabloon_jaar];
            let tekst = |x: &str| {
                x.replace("Oost-Brabant", &r.naam)
                    .replace(&sjabloon_jaar, &jaar.to_string())
            };
            let datum = |d: &str| {
                let d = format!("{jaar}{}", &d[4..]);
                d.min(peil.clone())
            };
            let aangemaakt = format!("{jaar}-01-15T09:00:00Z");
            registraties.rij(vec![
                Cel::I(reg_id),
                r.code.into(),
                jaar.to_string().into(),
                versie.as_str().into(),
                aangemaakt.as_str().into(),
            ]);
            for thema in 1..=5i64 {
                let stap = (jaar - eerste_jaar) as i64 / 2 + voorsprong[thema as usize - 1];
                let fase = FASEN[(stap.clamp(0, 4)) as usize];
                let kartrekkers = demo
                    .fasen
                    .iter()
                    .find(|f| f.regio == r.code && i64::from(f.thema) == thema)
                    .map_or_else(|| "netwerk".into(), |f| f.kartrekkers.join(","));
                themas.rij(vec![
                    Cel::I(reg_id),
                    Cel::I(thema),
                    fase.into(),
                    kartrekkers.into(),
                ]);
            }
            for v in &t.verhalen {
                verhalen.rij(vec![
                    Cel::I(reg_id),
                    Cel::I(i64::from(v.thema)),
                    v.element.as_str().into(),
                    tekst(&v.tekst).into(),
                ]);
            }
            // Regions weigh the numbers by their size; about one entry in six is left out.
            let schaal = f64::from(r.gewicht) / 9.0;
            for i in &t.inspanningen {
                if rng.kans(16.0) {
                    continue;
                }
                let (thema, element) = thema_element(&i.indicator);
                let partners: Vec<String> = i
                    .partners
                    .iter()
                    .map(|p| match p.strip_prefix("org:") {
                        Some(_) if r.code != "oost-brabant" => "veilig_thuis".to_string(),
                        _ => p.clone(),
                    })
                    .collect();
                let factor = schaal * (0.7 + rng.onder(60) as f64 / 100.0);
                let hoeveelheid = i.hoeveelheid.map(|h| (h * factor * 10.0).round() / 10.0);
                inspanningen.rij(vec![
                    Cel::I(ids[0]),
                    Cel::I(reg_id),
                    Cel::I(thema),
                    element.into(),
                    i.indicator.as_str().into(),
                    partners.join(",").into(),
                    i.classificatie.as_str().into(),
                    Cel::F(hoeveelheid.map(|h| h.max(0.1))),
                    Cel::OT(i.eenheid.clone()),
                    tekst(&i.omschrijving).into(),
                    i.bewijs.as_str().into(),
                    datum(&i.bewijs_datum).into(),
                    aangemaakt.as_str().into(),
                ]);
                ids[0] += 1;
            }
            for w in &t.waarden {
                if rng.kans(16.0) {
                    continue;
                }
                let (thema, _) = thema_element(&w.indicator);
                waarden.rij(vec![
                    Cel::I(ids[1]),
                    Cel::I(reg_id),
                    Cel::I(thema),
                    w.indicator.as_str().into(),
                    tekst(&w.omschrijving).into(),
                    w.bewijs.as_str().into(),
                    datum(&w.bewijs_datum).into(),
                    w.sterkte.as_str().into(),
                    aangemaakt.as_str().into(),
                ]);
                ids[1] += 1;
            }
            for c in &t.citaten {
                citaten.rij(vec![
                    Cel::I(ids[2]),
                    Cel::I(reg_id),
                    Cel::I(i64::from(c.thema)),
                    tekst(&c.tekst).into(),
                    c.bron.as_str().into(),
                ]);
                ids[2] += 1;
            }
            for p in &t.praktijk {
                praktijk.rij(vec![
                    Cel::I(ids[3]),
                    Cel::I(reg_id),
                    Cel::I(i64::from(p.thema)),
                    tekst(&p.titel).into(),
                    tekst(&p.tekst).into(),
                    p.bron.as_str().into(),
                ]);
                ids[3] += 1;
            }
            for b in &t.bronnen {
                bronnen.rij(vec![
                    Cel::I(ids[4]),
                    Cel::I(reg_id),
                    b.soort.as_str().into(),
                    tekst(&b.titel).into(),
                    jaar.to_string().into(),
                ]);
                ids[4] += 1;
            }
            reg_id += 1;
        }
    }
    registraties.schrijf(conn).await?;
    for b in [
        &mut themas,
        &mut verhalen,
        &mut inspanningen,
        &mut waarden,
        &mut citaten,
        &mut praktijk,
        &mut bronnen,
    ] {
        b.schrijf(conn).await?;
        s.werkset_regels += b.geschreven;
    }
    Ok(())
}
