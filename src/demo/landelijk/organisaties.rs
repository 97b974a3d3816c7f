//! The national network: per region its Veilig Thuis organisations, police unit, OM
//! arrondissement, RvdK, 3RO and regional network, the fictional gemeenten (342 in all) and a
//! contact directory. Oost-Brabant keeps the codes and names of the small demo, so its demo
//! accounts work here too.

use super::Samenvatting;
use crate::db::Conn;
use crate::db::bulk::{Bulk, Cel, volgende_id};
use crate::error::AppResult;
use std::collections::BTreeSet;

/// (region code, weight in % of the national volume, gemeenten, Veilig Thuis areas). The
/// areas follow the Veilig Thuis regions loosely; the names are marked "(demo)".
pub const OPZET: [(&str, u32, usize, &[&str]); 10] = [
    (
        "noord-nederland",
        10,
        40,
        &["Groningen", "Fryslân", "Drenthe"],
    ),
    (
        "oost-nederland",
        19,
        74,
        &[
            "IJsselland",
            "Twente",
            "Noord- en Oost-Gelderland",
            "Gelderland-Midden",
            "Gelderland-Zuid",
        ],
    ),
    (
        "midden-nederland",
        11,
        38,
        &["Utrecht", "Flevoland", "Gooi en Vechtstreek"],
    ),
    (
        "noord-holland",
        8,
        30,
        &[
            "Noord-Holland Noord",
            "Kennemerland",
            "Zaanstreek-Waterland",
        ],
    ),
    ("amsterdam", 7, 6, &["Amsterdam-Amstelland"]),
    ("den-haag", 11, 33, &["Haaglanden", "Hollands Midden"]),
    (
        "rotterdam",
        11,
        31,
        &[
            "Rotterdam Rijnmond",
            "Zuid-Holland Zuid",
            "Zuid-Hollandse Eilanden",
        ],
    ),
    ("zeeland-west-brabant", 7, 29, &["Zeeland", "West-Brabant"]),
    (
        "oost-brabant",
        9,
        30,
        &["Brabant-Noordoost", "Zuidoost-Brabant"],
    ),
    ("limburg", 7, 31, &["Limburg-Noord", "Zuid-Limburg"]),
];

/// One region of the generated network.
#[derive(Debug, Clone)]
pub struct RegioNet {
    pub code: &'static str,
    pub naam: String,
    pub gewicht: u32,
    /// (organisation id, area name)
    pub vt: Vec<(i64, String)>,
    pub politie: i64,
    pub om: i64,
    pub rvdk: i64,
    pub driero: i64,
    /// (organisation id, name)
    pub gemeenten: Vec<(i64, String)>,
}

#[derive(Debug, Clone)]
pub struct Netwerk {
    pub regios: Vec<RegioNet>,
}

const VOOR: [&str; 36] = [
    "Aa", "Beek", "Berg", "Bos", "Brug", "Dijk", "Eik", "Elst", "Gaast", "Geest", "Hage", "Heg",
    "Hoog", "Kolk", "Laar", "Linde", "Mol", "Noord", "Oost", "Ree", "Ruw", "Schaap", "Sloot",
    "Ter", "Veen", "Vliet", "Wes", "Wier", "Zand", "Zwaan", "Es", "Haver", "Riet", "Klaver", "Vos",
    "Wilg",
];
const NA: [&str; 20] = [
    "dal", "dorp", "veld", "wijk", "broek", "hoven", "horst", "stad", "rode", "lo", "meer", "hem",
    "burg", "dam", "kerk", "zijl", "wolde", "haven", "mond", "rade",
];

/// 342 fictional gemeente names: the small demo's nine first (Oost-Brabant), then invented
/// compounds in a fixed order.
pub fn gemeentenamen() -> Vec<String> {
    let mut namen: Vec<String> = crate::demo::GEMEENTEN
        .iter()
        .map(|(_, n, _)| n.to_string())
        .collect();
    let mut gezien: BTreeSet<String> = namen.iter().cloned().collect();
    let totaal: usize = OPZET.iter().map(|r| r.2).sum();
    let mut k: usize = 0;
    while namen.len() < totaal {
        // A fixed permutation of the 720 combinations (7 is coprime to 720).
        let i = (k * 7 + 3) % (VOOR.len() * NA.len());
        k += 1;
        let voor = VOOR[i / NA.len()];
        let na = NA[i % NA.len()];
        // "Aa" + "dal" → "Aadal"; avoid a tripled vowel or doubled consonant at the seam.
        let naam = if voor.ends_with(na.chars().next().unwrap_or(' ')) {
            format!("{voor}e{na}")
        } else {
            format!("{voor}{na}")
        };
        if gezien.insert(naam.clone()) {
            namen.push(naam);
        }
    }
    namen
}

fn slug(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'â' | 'á' | 'à' | 'ä' => 'a',
            'ê' | 'é' | 'è' | 'ë' => 'e',
            c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
            _ => '-',
        })
        .collect::<String>()
        .split('-')
        .filter(|d| !d.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// Creates every organisation and the contact directory; returns the network.
pub async fn aanmaken(conn: &mut Conn, s: &mut Samenvatting) -> AppResult<Netwerk> {
    let mut id = volgende_id(conn, "organisatie").await?;
    let mut orgs = Bulk::new(
        "organisatie",
        &["id", "code", "naam", "soort", "regio_code"],
    );
    let mut nieuw = |orgs: &mut Bulk, code: String, naam: String, soort: &str, regio: &str| {
        orgs.rij(vec![
            Cel::I(id),
            code.into(),
            naam.into(),
            soort.into(),
            regio.into(),
        ]);
        id += 1;
        id - 1
    };
    let mut namen = gemeentenamen().into_iter();
    let mut regios = vec![];
    for (code, gewicht, n_gemeenten, gebieden) in OPZET {
        let naam = crate::organisatie::model::regio_naam(code).to_string();
        let ob = code == "oost-brabant";
        nieuw(
            &mut orgs,
            format!("netwerk-{code}"),
            format!("Regionaal netwerk zorg-straf {naam} (demo)"),
            "netwerk",
            code,
        );
        let vt = gebieden
            .iter()
            .enumerate()
            .map(|(i, g)| {
                let vt_code = match (ob, i) {
                    (true, 0) => crate::demo::VT_NOORDOOST.to_string(),
                    (true, _) => crate::demo::VT_ZUIDOOST.to_string(),
                    _ => format!("vt-{}", slug(g)),
                };
                let vid = nieuw(
                    &mut orgs,
                    vt_code,
                    format!("Veilig Thuis {g} (demo)"),
                    "veilig_thuis",
                    code,
                );
                (vid, g.to_string())
            })
            .collect();
        let politie = nieuw(
            &mut orgs,
            format!("politie-{code}"),
            format!("Politie eenheid {naam} (demo)"),
            "politie",
            code,
        );
        let om = nieuw(
            &mut orgs,
            format!("om-{code}"),
            format!("OM arrondissement {naam} (demo)"),
            "om",
            code,
        );
        let rvdk = nieuw(
            &mut orgs,
            format!("rvdk-{code}"),
            format!("Raad voor de Kinderbescherming {naam} (demo)"),
            "rvdk",
            code,
        );
        let driero = nieuw(
            &mut orgs,
            format!("3ro-{code}"),
            format!("Reclassering {naam} (demo)"),
            "3ro",
            code,
        );
        let gemeenten = (0..n_gemeenten)
            .map(|_| {
                let g = namen.next().expect("342 gemeente names");
                let gid = nieuw(
                    &mut orgs,
                    slug(&g),
                    format!("Gemeente {g} (fictief)"),
                    "gemeente",
                    code,
                );
                (gid, g)
            })
            .collect();
        regios.push(RegioNet {
            code,
            naam,
            gewicht,
            vt,
            politie,
            om,
            rvdk,
            driero,
            gemeenten,
        });
    }
    // The small demo's limburg coordinator belongs to netwerk-limburg (created above).
    orgs.schrijf(conn).await?;
    s.organisaties += orgs.geschreven;
    s.gemeenten = regios.iter().map(|r| r.gemeenten.len() as u64).sum();

    let mut cid = volgende_id(conn, "contactpunt").await?;
    let mut punten = Bulk::new(
        "contactpunt",
        &[
            "id",
            "regio_code",
            "organisatie_id",
            "soort",
            "functie",
            "naam",
            "telefoon",
            "email",
            "bereikbaarheid",
        ],
    );
    for (ri, r) in regios.iter().enumerate() {
        let mut punt = |org: i64, soort: &str, functie: &str, tel: String, wanneer: &str| {
            punten.rij(vec![
                Cel::I(cid),
                r.code.into(),
                Cel::I(org),
                soort.into(),
                functie.into(),
                "".into(),
                tel.into(),
                "".into(),
                wanneer.into(),
            ]);
            cid += 1;
        };
        for (vt, gebied) in &r.vt {
            punt(
                *vt,
                "bureaudienst",
                &format!("Bureaudienst Veilig Thuis {gebied}"),
                "0800-2000".into(),
                "24/7 telefonisch (fictief)",
            );
        }
        let nr = |k: usize| format!("0000-{:06}", 100_000 + ri * 100 + k);
        punt(
            r.politie,
            "bureaudienst",
            "Dienstdoende rechercheofficier",
            nr(1),
            "24/7 (fictief)",
        );
        punt(
            r.om,
            "bureaudienst",
            "Bureaudienst OM (officier van dienst)",
            nr(2),
            "24/7 (fictief)",
        );
        punt(
            r.rvdk,
            "bureaudienst",
            "Bureaudienst Raad voor de Kinderbescherming",
            nr(3),
            "Avond en weekend telefonisch (fictief)",
        );
    }
    punten.schrijf(conn).await?;
    Ok(Netwerk { regios })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opzet_telt_op() {
        assert_eq!(OPZET.iter().map(|r| r.2).sum::<usize>(), 342);
        assert_eq!(OPZET.iter().map(|r| r.3.len()).sum::<usize>(), 26);
        assert_eq!(OPZET.iter().map(|r| r.1).sum::<u32>(), 100);
        let namen = gemeentenamen();
        assert_eq!(namen.len(), 342);
        let codes: BTreeSet<String> = namen.iter().map(|n| slug(n)).collect();
        assert_eq!(codes.len(), 342, "unieke codes");
        assert_eq!(
            slug("Noord- en Oost-Gelderland"),
            "noord-en-oost-gelderland"
        );
        assert_eq!(slug("Fryslân"), "fryslan");
    }
}
