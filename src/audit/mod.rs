//! Append-only, hash-chained audit log: typed events with stable codes.
pub mod model;
pub mod repo;
pub mod routes;

pub use model::{Actor, AuditEvent};
pub use repo::schrijf;
