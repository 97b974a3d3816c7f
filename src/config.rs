//! Typed configuration: defaults, then `VOOROP_*` environment, then command-line flags.

use std::path::PathBuf;

#[derive(Clone)]
pub struct Config {
    /// Path of the SQLite database file.
    pub db: PathBuf,
    /// Whether the session cookie gets the `Secure` flag (set behind HTTPS).
    pub secure_cookies: bool,
    /// Maximum upload size in bytes (Excel files, questionnaire files).
    pub max_upload: usize,
}

impl Config {
    pub fn new(db: PathBuf) -> Self {
        Self {
            db,
            secure_cookies: std::env::var("VOOROP_SECURE_COOKIES").is_ok_and(|v| v == "1"),
            max_upload: 10 * 1024 * 1024,
        }
    }
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("db", &self.db)
            .field("secure_cookies", &self.secure_cookies)
            .finish_non_exhaustive()
    }
}
