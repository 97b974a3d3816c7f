use serde::Serialize;

pub use crate::gedeeld::{REGIOS, RegioCode, regio_naam};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum OrganisatieSoort {
    VeiligThuis,
    Politie,
    Om,
    Rvdk,
    DrieRo,
    Gemeente,
    Netwerk,
}

impl OrganisatieSoort {
    pub const ALLE: [OrganisatieSoort; 7] = [
        Self::VeiligThuis,
        Self::Politie,
        Self::Om,
        Self::Rvdk,
        Self::DrieRo,
        Self::Gemeente,
        Self::Netwerk,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Self::VeiligThuis => "veilig_thuis",
            Self::Politie => "politie",
            Self::Om => "om",
            Self::Rvdk => "rvdk",
            Self::DrieRo => "3ro",
            Self::Gemeente => "gemeente",
            Self::Netwerk => "netwerk",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::VeiligThuis => "Veilig Thuis",
            Self::Politie => "Politie",
            Self::Om => "Openbaar Ministerie",
            Self::Rvdk => "Raad voor de Kinderbescherming",
            Self::DrieRo => "Reclassering (3RO)",
            Self::Gemeente => "Gemeente",
            Self::Netwerk => "Regionaal netwerk zorg-straf",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALLE.into_iter().find(|o| o.code() == s.trim())
    }
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Organisatie {
    pub id: crate::gedeeld::OrganisatieId,
    pub code: String,
    pub naam: String,
    pub soort: String,
    pub regio_code: crate::gedeeld::RegioCode,
    /// Deactivated organisations stay (audit and history refer to them) but cannot be chosen
    /// for anything new, and their users cannot sign in.
    #[sqlx(try_from = "crate::db::Vlag")]
    pub actief: bool,
}

impl Organisatie {
    pub fn regio_naam(&self) -> &'static str {
        regio_naam(self.regio_code)
    }
    pub fn soort_label(&self) -> &'static str {
        OrganisatieSoort::parse(&self.soort).map_or("Onbekend", OrganisatieSoort::label)
    }
}

/// A valid organisation code: lower-case letters, digits and hyphens, at most 60 characters.
pub fn code_parse(code: &str) -> Result<String, &'static str> {
    let code = code.trim();
    if code.is_empty()
        || code.len() > 60
        || !code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        Err(
            "De code mag alleen kleine letters, cijfers en '-' bevatten (maximaal 60 tekens), bijvoorbeeld gemeente-eindhoven.",
        )
    } else {
        Ok(code.to_string())
    }
}
