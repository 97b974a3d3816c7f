use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Rol {
    Beheerder,
    Regiocoordinator,
    Medewerker,
    Lezer,
}

impl Rol {
    pub const ALLE: [Rol; 4] = [
        Rol::Beheerder,
        Rol::Regiocoordinator,
        Rol::Medewerker,
        Rol::Lezer,
    ];
    /// Accepts the stored code and the spelling with diaeresis ("regiocoördinator").
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_lowercase().as_str() {
            "beheerder" => Some(Rol::Beheerder),
            "regiocoordinator" | "regiocoördinator" => Some(Rol::Regiocoordinator),
            "medewerker" => Some(Rol::Medewerker),
            "lezer" => Some(Rol::Lezer),
            _ => None,
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Rol::Beheerder => "beheerder",
            Rol::Regiocoordinator => "regiocoordinator",
            Rol::Medewerker => "medewerker",
            Rol::Lezer => "lezer",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Rol::Beheerder => "Beheerder",
            Rol::Regiocoordinator => "Regiocoördinator",
            Rol::Medewerker => "Medewerker",
            Rol::Lezer => "Lezer",
        }
    }
}

/// The logged-in user with their organisation (the basis of every permission check).
#[derive(Debug, Clone)]
pub struct Gebruiker {
    pub id: i64,
    pub email: String,
    pub naam: String,
    pub rol: Rol,
    pub organisatie_id: i64,
    pub organisatie_code: String,
    pub organisatie_naam: String,
    pub organisatie_soort: String,
    pub regio_code: String,
}

impl Gebruiker {
    /// The command line: an operator with beheerder rights. Synthetic: not stored, cannot log
    /// in, and (like every beheerder) does not see "aggregaat" gemeenten individually.
    pub fn opdrachtregel() -> Self {
        Gebruiker {
            id: 0,
            email: "cli".into(),
            naam: "Opdrachtregel".into(),
            rol: Rol::Beheerder,
            organisatie_id: 0,
            organisatie_code: String::new(),
            organisatie_naam: String::new(),
            organisatie_soort: String::new(),
            regio_code: String::new(),
        }
    }
}

/// A validated e-mail address (lower-cased).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(s: &str) -> Result<Self, String> {
        let s = s.trim().to_lowercase();
        let ok = s.len() <= 254
            && s.split_once('@').is_some_and(|(l, d)| {
                !l.is_empty() && d.contains('.') && !d.starts_with('.') && !d.ends_with('.')
            })
            && !s.chars().any(|c| c.is_whitespace());
        if ok {
            Ok(Self(s))
        } else {
            Err("Vul een geldig e-mailadres in, bijvoorbeeld naam@organisatie.nl.".into())
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Password policy: at least 12 characters.
pub fn controleer_wachtwoord(w: &str) -> Result<(), String> {
    if w.chars().count() < 12 {
        Err("Het wachtwoord moet minstens 12 tekens lang zijn.".into())
    } else if w.len() > 1024 {
        Err("Het wachtwoord is te lang (maximaal 1024 tekens).".into())
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn rol_parse_accepts_both_spellings() {
        assert_eq!(Rol::parse("regiocoördinator"), Some(Rol::Regiocoordinator));
        assert_eq!(Rol::parse("Regiocoordinator"), Some(Rol::Regiocoordinator));
        assert_eq!(Rol::parse("admin"), None);
    }
    #[test]
    fn email_parse() {
        assert_eq!(Email::parse(" A@B.nl ").unwrap().as_str(), "a@b.nl");
        assert!(Email::parse("geen-email").is_err());
        assert!(Email::parse("a@b").is_err());
        assert!(Email::parse("a b@c.nl").is_err());
    }
    #[test]
    fn wachtwoord_policy() {
        assert!(controleer_wachtwoord("kort").is_err());
        assert!(controleer_wachtwoord("voldoende-lang-1").is_ok());
    }
}
