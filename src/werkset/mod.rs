//! Werkset Indicatoren Kwaliteit & Impact: indicator catalogue, registrations per region and
//! period (phases, efforts, values, quotes, practice examples, sources), the regional report
//! and the national comparison.
pub mod api;
pub mod cli;
pub mod export;
pub mod indicatoren_api;
pub mod model;
pub mod rapport;
pub mod repo;
pub mod routes;
pub mod service;
