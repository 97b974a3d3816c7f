//! Plan van aanpak (Bijlage 5) with PDCA follow-up of its actions: the model and its checks
//! (`model`), the queries (`repo`), reading and changing under permission and audit (`service`)
//! and the pages (`routes`).

pub mod model;
pub mod repo;
pub mod routes;
mod service;

pub use model::*;
pub use service::*;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_alleen_vooruit() {
        assert!(PlanStatus::Concept.mag_naar(PlanStatus::Besproken));
        assert!(PlanStatus::Besproken.mag_naar(PlanStatus::Vastgesteld));
        assert!(!PlanStatus::Concept.mag_naar(PlanStatus::Vastgesteld));
        assert!(!PlanStatus::Vastgesteld.mag_naar(PlanStatus::Concept));
    }

    #[test]
    fn achterstallig_alleen_als_niet_gereed() {
        let mut a = Actie {
            pdca_status: "loopt".into(),
            volgende_check: Some("2026-01-01".into()),
            ..Default::default()
        };
        assert!(a.is_achterstallig("2026-02-01"));
        assert!(!a.is_achterstallig("2025-12-31"));
        a.pdca_status = "gereed".into();
        assert!(!a.is_achterstallig("2026-02-01"));
    }

    #[test]
    fn actie_validatie() {
        let g = groepen(&crate::zelfscan::service::standaard_vragenlijst());
        assert_eq!(
            g.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(),
            ["1-2", "3-6", "4-5-7-8", "9", "10"]
        );
        let fout = valideer_actie(
            &ActieInvoer {
                groep: "x".into(),
                planning: "31-12-2026".into(),
                ..Default::default()
            },
            &g,
        )
        .unwrap_err();
        let velden: Vec<&str> = fout.iter().map(|f| f.veld.as_str()).collect();
        assert_eq!(velden, ["groep", "maatregel", "planning"]);
        let ok = valideer_actie(
            &ActieInvoer {
                groep: "9".into(),
                maatregel: "Inkoop".into(),
                planning: "2026-12-31".into(),
                ..Default::default()
            },
            &g,
        )
        .unwrap();
        assert_eq!(ok.pdca_status, "niet_gestart");
        assert_eq!(ok.planning.as_deref(), Some("2026-12-31"));
    }
}
