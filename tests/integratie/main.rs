//! Voorop's integration tests as one test binary: every file below is a module, so the suite
//! links once and shares one harness (`common`: an app on a random port over a database cloned
//! from a migrated template, on SQLite or, with `VOOROP_TEST_DB`, on PostgreSQL).
//!
//! Run one part with a filter on its module path, e.g. `cargo test --test integratie casus_http::`.
//! `crash` is SQLite only; `./test.sh` skips it in the PostgreSQL pass.

mod common;

mod api_lezen;
mod api_regels;
mod audit_keten;
mod audit_nen;
mod auth_http;
mod autorisatiematrix;
mod browser;
mod casus_api;
mod casus_cli;
mod casus_http;
mod casus_import_gelijktijdig;
mod casus_privacy;
mod cli;
mod crash;
mod demo_landelijk;
mod eigenschappen;
mod excel_extern;
mod geheugen;
mod gelijktijdig;
mod indicatoren_gelijk;
mod indicatoren_http;
mod invoer_aanval;
mod meerdere_instanties;
mod meldingen;
mod migraties;
mod mijn_werk;
mod netwerkjaar_http;
mod ontwikkelagenda_http;
mod organisaties_http;
mod tweestaps_geheim;
mod werkset_http;
mod zelfscan_http;
