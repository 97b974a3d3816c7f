//! Routekaart (5 phases with steps and beslismomenten, as a checklist per region) and the
//! Begrippenkader (Bijlage 6). Both are reference data from `data/zelfscan/`.
//! The reference data lives here; the checklist's state is read and written by
//! `zelfscan::service` (`routekaart_gereed`, `routekaart_zetten`, audited) through
//! `zelfscan::repo`; the pages are in `routes`.

mod routes;

pub use routes::router;

use serde::Deserialize;
use std::sync::LazyLock;

#[derive(Debug, Deserialize)]
pub struct Routekaart {
    pub bron: String,
    pub fasen: Vec<Fase>,
}

#[derive(Debug, Deserialize)]
pub struct Fase {
    pub nummer: u8,
    pub titel: String,
    pub context: String,
    pub stappen: Vec<Item>,
    pub beslismomenten: Vec<Item>,
    #[serde(default)]
    pub tools: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct Item {
    pub id: String,
    pub tekst: String,
}

#[derive(Debug, Deserialize)]
pub struct Begrippenkader {
    pub titel: String,
    pub bron: String,
    pub inleiding: String,
    pub begrippen: Vec<Begrip>,
}

#[derive(Debug, Deserialize)]
pub struct Begrip {
    pub term: String,
    pub omschrijving: Vec<String>,
    pub randvoorwaarden: Vec<String>,
}

pub static ROUTEKAART: LazyLock<Routekaart> = LazyLock::new(|| {
    serde_json::from_str(include_str!("../../../data/zelfscan/routekaart.json"))
        .expect("data/zelfscan/routekaart.json is valid")
});
pub static BEGRIPPEN: LazyLock<Begrippenkader> = LazyLock::new(|| {
    serde_json::from_str(include_str!("../../../data/zelfscan/begrippenkader.json"))
        .expect("data/zelfscan/begrippenkader.json is valid")
});

#[cfg(test)]
mod tests {
    use super::*;

    /// Voorop's own summaries speak to the reader as "u"; only the tools, quoted from the
    /// Routekaart, keep its "je".
    #[test]
    fn eigen_teksten_zeggen_u() {
        let je = |t: &str| {
            t.split(|c: char| !c.is_alphanumeric())
                .any(|w| matches!(w, "je" | "Je" | "jij" | "jouw" | "jullie"))
        };
        for f in &ROUTEKAART.fasen {
            assert!(!je(&f.context), "fase {}: {}", f.nummer, f.context);
            for i in f.stappen.iter().chain(&f.beslismomenten) {
                assert!(!je(&i.tekst), "{}: {}", i.id, i.tekst);
            }
        }
        assert!(
            je("Stel vast of je de zelfscan inzet"),
            "the check itself works"
        );
    }

    #[test]
    fn referentiedata_laadt() {
        assert_eq!(ROUTEKAART.fasen.len(), 5);
        assert!(
            ROUTEKAART
                .fasen
                .iter()
                .all(|f| !f.stappen.is_empty() && !f.beslismomenten.is_empty())
        );
        let mut ids: Vec<&str> = ROUTEKAART
            .fasen
            .iter()
            .flat_map(|f| f.stappen.iter().chain(&f.beslismomenten))
            .map(|i| i.id.as_str())
            .collect();
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), n, "step ids are unique");
        assert_eq!(BEGRIPPEN.begrippen.len(), 3);
    }
}
