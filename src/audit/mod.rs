//! Append-only, hash-chained audit log: typed events with stable codes, a keyed chain over
//! every column, a signed head file outside the database, and streaming verification.
pub mod csv;
pub mod keten;
pub mod kop;
pub mod model;
pub mod repo;
pub mod service;

pub use model::{Actor, AuditEvent};
pub use repo::schrijf;
