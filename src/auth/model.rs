use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Rol {
    Beheerder,
    Regiocoordinator,
    Medewerker,
    Lezer,
    /// The privacy officer (FG): reads the audit log of the own organisation, nothing else.
    Privacyfunctionaris,
}

impl Rol {
    pub const ALLE: [Rol; 5] = [
        Rol::Beheerder,
        Rol::Regiocoordinator,
        Rol::Medewerker,
        Rol::Lezer,
        Rol::Privacyfunctionaris,
    ];
    /// Accepts the stored code and the spelling with diaeresis ("regiocoördinator").
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_lowercase().as_str() {
            "beheerder" => Some(Rol::Beheerder),
            "regiocoordinator" | "regiocoördinator" => Some(Rol::Regiocoordinator),
            "medewerker" => Some(Rol::Medewerker),
            "lezer" => Some(Rol::Lezer),
            "privacyfunctionaris" | "fg" => Some(Rol::Privacyfunctionaris),
            _ => None,
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Rol::Beheerder => "beheerder",
            Rol::Regiocoordinator => "regiocoordinator",
            Rol::Medewerker => "medewerker",
            Rol::Lezer => "lezer",
            Rol::Privacyfunctionaris => "privacyfunctionaris",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Rol::Beheerder => "Beheerder",
            Rol::Regiocoordinator => "Regiocoördinator",
            Rol::Medewerker => "Medewerker",
            Rol::Lezer => "Lezer",
            Rol::Privacyfunctionaris => "Privacyfunctionaris (FG)",
        }
    }
}

/// What an API token may do: `Lezen` only reads (GET), `Schrijven` also changes data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenBereik {
    Lezen,
    Schrijven,
}

impl TokenBereik {
    pub fn parse(s: &str) -> Result<Self, String> {
        match s.trim().to_lowercase().as_str() {
            "lezen" => Ok(Self::Lezen),
            "schrijven" => Ok(Self::Schrijven),
            _ => Err(format!(
                "Onbekend bereik '{}': kies lezen of schrijven.",
                s.trim()
            )),
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Self::Lezen => "lezen",
            Self::Schrijven => "schrijven",
        }
    }
}

/// Longest lifetime of an API token, in days.
pub const MAX_TOKEN_DAGEN: u32 = 366;

/// The logged-in user with their organisation (the basis of every permission check).
#[derive(Debug, Clone)]
pub struct Gebruiker {
    pub id: crate::gedeeld::GebruikerId,
    pub email: String,
    pub naam: String,
    pub rol: Rol,
    pub organisatie_id: crate::gedeeld::OrganisatieId,
    pub organisatie_code: String,
    pub organisatie_naam: String,
    pub organisatie_soort: String,
    pub regio_code: crate::gedeeld::RegioCode,
}

/// The actor of what a signed-in user does, in the audit log.
impl From<&Gebruiker> for crate::audit::Actor {
    fn from(g: &Gebruiker) -> Self {
        Self {
            gebruiker_id: Some(g.id),
            organisatie_id: Some(g.organisatie_id),
            naam: g.email.clone(),
            namens: String::new(),
        }
    }
}

impl Gebruiker {
    /// The command line: an operator with beheerder rights. Synthetic: not stored, cannot log
    /// in, and (like every beheerder) does not see "aggregaat" gemeenten individually.
    pub fn opdrachtregel() -> Self {
        Gebruiker {
            id: crate::gedeeld::GebruikerId(0),
            email: "cli".into(),
            naam: "Opdrachtregel".into(),
            rol: Rol::Beheerder,
            organisatie_id: crate::gedeeld::OrganisatieId(0),
            organisatie_code: String::new(),
            organisatie_naam: String::new(),
            organisatie_soort: String::new(),
            // A beheerder's own region only chooses where pages open; the command line opens
            // none, and no permission of a beheerder depends on it.
            regio_code: crate::gedeeld::RegioCode::alle()
                .next()
                .expect("REGIOS is not empty"),
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
            && !s.chars().any(char::is_whitespace);
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

/// Common passwords of 12 characters or more, lower-cased and sorted (see
/// `data/wachtwoorden/README.md`); shorter ones fail on length already.
const VEELGEBRUIKT: &str = include_str!("../../data/wachtwoorden/veelgebruikt.txt");

fn is_veelgebruikt(kleine_letters: &str) -> bool {
    static LIJST: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    LIJST
        .get_or_init(|| VEELGEBRUIKT.lines().collect())
        .binary_search(&kleine_letters)
        .is_ok()
}

/// Runs along the keyboard or the alphabet ("123456789012", "qwertyuiopas", "abcdefghijkl"),
/// forwards or backwards.
fn is_reeks(kleine_letters: &str) -> bool {
    const REEKSEN: [&str; 3] = [
        "012345678901234567890123456789",
        "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
        "qwertyuiopasdfghjklzxcvbnmqwertyuiopasdfghjklzxcvbnm",
    ];
    let achterstevoren: String = kleine_letters.chars().rev().collect();
    REEKSEN
        .iter()
        .any(|r| r.contains(kleine_letters) || r.contains(achterstevoren.as_str()))
}

/// Password policy (NCSC, OWASP ASVS 2.1): at least 12 characters, no composition rules, not
/// a known common password, not one character or a short pattern repeated, not a run on the
/// keyboard, and not built from the account's own e-mail address or name. `eigen` holds the
/// e-mail address and name of the account (empty strings are ignored).
pub fn controleer_wachtwoord(w: &str, eigen: &[&str]) -> Result<(), String> {
    if w.chars().count() < 12 {
        return Err("Het wachtwoord moet minstens 12 tekens lang zijn.".into());
    }
    if w.len() > 1024 {
        return Err("Het wachtwoord is te lang (maximaal 1024 tekens).".into());
    }
    let klein = w.to_lowercase();
    let tekens: Vec<char> = klein.chars().collect();
    // One character or a short pattern repeated ("aaaaaaaaaaaa", "abababababab").
    let herhaald =
        (1..=tekens.len() / 2).any(|n| tekens.chunks(n).all(|stuk| *stuk == tekens[..stuk.len()]));
    if is_veelgebruikt(&klein) || herhaald || is_reeks(&klein) {
        return Err(
            "Dit wachtwoord is te voorspelbaar: het staat in een lijst van veelgebruikte \
             wachtwoorden of is een herhaling of reeks. Kies een langere zin of een reeks \
             losse woorden die alleen u kent."
                .into(),
        );
    }
    let eigen_delen = eigen.iter().flat_map(|e| {
        let e = e.trim().to_lowercase();
        let lokaal = e.split('@').next().unwrap_or_default().to_string();
        [e, lokaal]
    });
    for deel in eigen_delen {
        if deel.chars().count() >= 4 && (klein.contains(&deel) || deel.contains(&klein)) {
            return Err(
                "Het wachtwoord mag uw e-mailadres of naam niet bevatten. Kies iets wat niet \
                 over u te vinden is."
                    .into(),
            );
        }
    }
    Ok(())
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
        let eigen = ["jan.jansen@vt.example.nl", "Jan Jansen"];
        assert!(controleer_wachtwoord("kort", &eigen).is_err());
        assert!(controleer_wachtwoord("fiets-onder-de-linde", &eigen).is_ok());
        // The probe's passwords: repetition, a digit run, the published demo password, the
        // user's own e-mail address.
        for zwak in [
            "aaaaaaaaaaaa",
            "123456789012",
            "Voorop-demo-2026",
            "jan.jansen@vt.example.nl",
            "JAN.JANSEN@vt.example.nl!",
            "abababababab",
            "qwertyuiopas",
            "210987654321",
            "Jan Jansen 2026",
            "1qaz2wsx3edc",
        ] {
            assert!(controleer_wachtwoord(zwak, &eigen).is_err(), "{zwak}");
        }
        assert!(controleer_wachtwoord(&"x".repeat(1025), &[]).is_err());
    }

    #[test]
    fn lijst_is_gesorteerd_en_klein() {
        let regels: Vec<&str> = VEELGEBRUIKT.lines().collect();
        assert!(regels.len() > 40_000);
        assert!(
            regels.windows(2).all(|w| w[0] < w[1]),
            "lijst niet gesorteerd/uniek"
        );
        assert!(
            regels
                .iter()
                .all(|r| *r == r.to_lowercase() && r.chars().count() >= 12)
        );
    }
}
