//! Regions, organisations and users' memberships.
pub mod api;
pub mod model;
pub mod repo;
pub mod routes;
pub mod service;
