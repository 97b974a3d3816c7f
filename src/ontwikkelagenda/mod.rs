//! The Ontwikkelagenda (issue 12, seeds 000 and 004): how the regional networks and the national
//! network decide what to improve next, every year. Above `werkset` (whose registrations the
//! yearly verantwoording draws in) and below `beheer` (which loads new catalogue versions).
//!
//! So far: the catalogue of verbeteractiviteiten as versioned reference data
//! ([`model::Agenda`], `data/ontwikkelagenda/`), readable through `GET
//! /api/v1/verbeteractiviteiten`. The SWOT sessions, the national synthesis, the
//! Uitvoeringsplan and the learning loop build on it.

pub mod api;
pub mod model;
pub mod netwerk;
pub mod netwerk_repo;
pub mod netwerk_routes;
pub mod netwerk_service;
pub mod netwerken;
pub mod plan;
pub mod repo;
pub mod routes;
pub mod service;
pub mod sessie;
pub mod synthese;
pub mod uitvoeringsplan;
pub mod verantwoording;
pub mod verslag;
pub mod weergave;

/// The shipped versions, oldest first: the agenda of the Uitvoeringsplan 2019 (seed 000) and
/// the later agenda of seed 004. The newest is the standard; both are stored on start.
pub const MEEGELEVERD: [(&str, &str); 2] = [
    (
        "agenda-2019-v1.json",
        include_str!("../../data/ontwikkelagenda/agenda-2019-v1.json"),
    ),
    (
        "agenda-2021-v1.json",
        include_str!("../../data/ontwikkelagenda/agenda-2021-v1.json"),
    ),
];
