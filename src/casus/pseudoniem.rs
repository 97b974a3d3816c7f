//! Pseudonymous person key: HMAC-SHA256 over normalised identifying data with a key from
//! configuration. The identifying data itself is never stored; the key never enters the
//! database. The same person typed differently ("Jansen, Anna" / "anna  jansen", with or
//! without accents) gets the same key.

use crate::config::Sleutel;
use crate::error::Veldfout;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Lowercase, accents removed, punctuation dropped, words sorted (so "achternaam, voornaam"
/// and "voornaam achternaam" match).
pub fn normaliseer_naam(naam: &str) -> String {
    let zonder_accent: String = naam
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ý' | 'ÿ' => 'y',
            'ç' => 'c',
            'ñ' => 'n',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        })
        .collect();
    let mut woorden: Vec<&str> = zonder_accent.split_whitespace().collect();
    woorden.sort_unstable();
    woorden.join(" ")
}

/// The person key for a name and date of birth (`YYYY-MM-DD` or `DD-MM-YYYY`). Errors are Dutch
/// and carry the form field they belong to.
pub fn maak(sleutel: &Sleutel, naam: &str, geboortedatum: &str) -> Result<String, Vec<Veldfout>> {
    let mut fouten = vec![];
    let naam = normaliseer_naam(naam);
    if naam.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        fouten.push(Veldfout::new(
            "persoon_naam",
            "Vul de naam van de betrokkene in (voor de pseudoniemsleutel).",
        ));
    }
    let datum = super::velden::datum(geboortedatum);
    if datum.is_none() {
        fouten.push(Veldfout::new(
            "persoon_geboortedatum",
            "Vul een geldige geboortedatum in (JJJJ-MM-DD of DD-MM-JJJJ).",
        ));
    }
    if !fouten.is_empty() {
        return Err(fouten);
    }
    let mut mac =
        Hmac::<Sha256>::new_from_slice(sleutel.bytes()).expect("HMAC accepts keys of any length");
    mac.update(naam.as_bytes());
    mac.update(b"\x1f");
    mac.update(datum.unwrap_or_default().as_bytes());
    let code = mac.finalize().into_bytes();
    Ok(code.iter().take(16).map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zelfde_persoon_zelfde_sleutel() {
        let k = Sleutel::new(b"test-sleutel-van-minstens-32-tekens!!");
        let a = maak(&k, "Jansen, Änna", "1990-04-01").unwrap();
        let b = maak(&k, "anna   JANSEN", "01-04-1990").unwrap();
        assert_eq!(a, b);
        assert_eq!(a.len(), 32);
        assert_ne!(a, maak(&k, "Anna Jansen", "1990-04-02").unwrap());
        let ander = Sleutel::new(b"een-andere-sleutel-van-32-tekens-!!!");
        assert_ne!(a, maak(&ander, "Anna Jansen", "1990-04-01").unwrap());
        // Nothing of the input is visible in the key.
        assert!(!a.contains("jansen"));
    }

    #[test]
    fn ongeldige_invoer() {
        let k = Sleutel::new(b"test-sleutel-van-minstens-32-tekens!!");
        let f = maak(&k, " ", "1-1").unwrap_err();
        assert_eq!(f.len(), 2);
    }
}
