//! Regions, organisations and users' memberships.
pub mod model;
pub mod repo;
pub mod routes;
pub mod service;
