//! Accounts, sessions, CSRF, API tokens, the current-user extractors and permissions.
pub mod beheer;
pub mod beheer_routes;
pub mod csrf;
pub mod extract;
pub mod inlogbeveiliging;
pub mod model;
pub mod permissions;
pub mod repo;
pub mod routes;
pub mod service;
pub mod tweestaps;

pub use extract::{ApiGebruiker, Ingelogd};
pub use model::{Gebruiker, Rol};
