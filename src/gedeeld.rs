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

/// Defines a typed id: an `i64` in the database (`sqlx(transparent)`), a number in JSON, an
/// address and a form (`serde(transparent)`), and in messages. The type says which table's id
/// it is, so a moment's id cannot be passed where a case's or an organisation's is meant.
macro_rules! id_type {
    ($(#[$m:meta])* $naam:ident) => {
        $(#[$m])*
        #[derive(
            Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, sqlx::Type,
        )]
        #[serde(transparent)]
        #[sqlx(transparent)]
        pub struct $naam(pub i64);

        /// From an address or a form: a whole number, nothing else.
        impl std::str::FromStr for $naam {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map(Self)
            }
        }

        impl From<$naam> for i64 {
            fn from(id: $naam) -> i64 {
                id.0
            }
        }

        impl std::fmt::Display for $naam {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// An afstemmingsmoment (`moment.id`).
    MomentId
);

id_type!(
    /// A Zelfscan round (`zelfscan_ronde.id`).
    RondeId
);

id_type!(
    /// A case (`casus.id`): the moments about one situation.
    CasusId
);

id_type!(
    /// An afspraak made in a moment (`afspraak.id`).
    AfspraakId
);

id_type!(
    /// An organisation (`organisatie.id`): a Veilig Thuis, a gemeente, a police unit, the
    /// network itself.
    OrganisatieId
);

id_type!(
    /// A user account (`gebruiker.id`).
    GebruikerId
);

id_type!(
    /// A meeting of an Actie-overleg (`vergadering.id`).
    VergaderingId
);

id_type!(
    /// A Zelfscan plan van aanpak (`plan_van_aanpak.id`).
    PlanId
);
