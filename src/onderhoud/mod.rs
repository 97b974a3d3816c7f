//! Operating a deployment: backups (SQLite) and moving a regional SQLite database into a
//! national PostgreSQL one. Above `db`, `config` and `audit`: both check the audit chain of
//! what they wrote.

pub mod backup;
pub mod migreer;
