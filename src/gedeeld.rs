//! Vocabulary that several domains and the permission checks share, so none of them has to
//! reach into another's model for it.

use serde::{Deserialize, Serialize};

/// Who may see one gemeente's individual results in a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Zichtbaarheid {
    /// Everyone in the region.
    Regio,
    /// The gemeente itself and the region's coordinators.
    Gemeente,
    /// Only the gemeente itself; everyone else sees it only inside the regional aggregate.
    Aggregaat,
}

impl Zichtbaarheid {
    pub const ALLE: [Zichtbaarheid; 3] = [Self::Regio, Self::Gemeente, Self::Aggregaat];
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALLE.into_iter().find(|z| z.code() == s.trim())
    }
    pub fn code(self) -> &'static str {
        match self {
            Self::Regio => "regio",
            Self::Gemeente => "gemeente",
            Self::Aggregaat => "aggregaat",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::Regio => "Zichtbaar voor de hele regio",
            Self::Gemeente => "Alleen voor de gemeente zelf (en de regiocoördinator)",
            Self::Aggregaat => "Alleen in het regionale totaal",
        }
    }
}
