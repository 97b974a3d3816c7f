//! Append-only, hash-chained audit log: typed events with stable codes, a keyed chain over
//! every column, a signed head file outside the database, and streaming verification.
pub mod csv;
pub mod inzage;
pub mod kop;
pub mod model;
pub mod repo;
pub mod routes;
pub mod service;
pub mod weigeringen;

pub use model::{Actor, AuditEvent};
pub use repo::schrijf;
