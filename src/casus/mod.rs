//! The four afstemmingsmomenten in "de loop van de zaak" (Samen op in acuut, Actie-overleg,
//! HG met VT & ZSM, strafbare kindermishandeling): process registration with need-to-know
//! access to personal data, afspraken, Actie-overleg meetings, retention, and the indicators
//! computed from what happened.
pub mod api;
pub mod cli;
pub mod gevolgen;
pub mod ics;
pub mod import;
pub mod model;
pub mod plan;
pub mod pseudoniem;
pub mod repo;
pub mod retentie;
pub mod routes;
pub mod service;
pub mod velden;
