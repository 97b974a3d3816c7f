//! Accounts, sessions, CSRF, API tokens, the current-user extractors and permissions.
pub mod csrf;
pub mod demo;
pub mod extract;
pub mod herstel;
pub mod idempotentie;
pub mod inlogbeveiliging;
pub mod model;
pub mod permissions;
pub mod repo;
pub mod routes;
pub mod service;
mod staat;
pub mod tweestaps;
pub mod weigeringen;

pub use extract::{ApiGebruiker, ApiPaginering, Ingelogd, kop, prg};
pub use model::{Gebruiker, Rol};
pub use staat::{AppState, Werkteller};
