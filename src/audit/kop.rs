//! The head file: the latest head of the audit chain (row count, last id, last hash), kept
//! outside the database and signed with the audit key, so that deleting the last rows of the
//! log (truncation), which leaves a perfectly valid shorter chain, is still detected.
//!
//! Guarantee: the head file only moves forward. It is rewritten (atomically: temp file,
//! fsync, rename) only after the rows between the old head and the new one have been checked
//! and the old head's row is still there with the same hash; if not, it is left as evidence.
//! `serve` updates it within about a second after each committed audit write (it polls the
//! last row, since `audit::schrijf` runs inside the caller's transaction and cannot see the
//! commit) and once more at shutdown; every other command updates it when it finishes. So
//! deleting rows that were already in the database a second earlier (or before the last
//! command ended) is detected; the rows of the last second before a crash are not protected.
//! Whoever can also delete or replace the head file (and knows the key) can hide truncation:
//! keep the file where the database's other users cannot write (`VOOROP_AUDIT_KOP`), and in
//! backups.

use super::model::Schakel;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::io::Write;
use std::path::Path;

const KOPREGEL: &str = "voorop-auditkop 1";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kop {
    /// Number of rows up to and including the last one.
    pub aantal: u64,
    pub laatste: Schakel,
    /// When the head file was written (UTC, for people reading it).
    pub tijd: String,
}

fn mac(sleutel: &[u8], tekst: &str) -> Hmac<Sha256> {
    let mut m =
        Hmac::<Sha256>::new_from_slice(sleutel).expect("HMAC accepteert elke sleutellengte");
    m.update(b"voorop-auditkop\0");
    m.update(tekst.as_bytes());
    m
}

impl Kop {
    fn tekst(&self) -> String {
        format!(
            "{KOPREGEL}\naantal={}\nlaatste_id={}\nlaatste_hash={}\nketen_versie={}\ntijd={}\n",
            self.aantal, self.laatste.id, self.laatste.hash, self.laatste.versie, self.tijd
        )
    }

    /// The file's content: the fields and their HMAC.
    pub fn ondertekend(&self, sleutel: &[u8]) -> String {
        let tekst = self.tekst();
        let hmac = super::model::hex(&mac(sleutel, &tekst).finalize().into_bytes());
        format!("{tekst}hmac={hmac}\n")
    }

    /// Parses and checks the signature. Errors are Dutch.
    pub fn lees(inhoud: &str, sleutel: &[u8]) -> Result<Kop, String> {
        let (tekst, hmac) = inhoud
            .rsplit_once("hmac=")
            .ok_or("er staat geen handtekening (hmac=) in.")?;
        let hmac = (0..hmac.trim().len())
            .step_by(2)
            .map(|i| u8::from_str_radix(hmac.trim().get(i..i + 2).unwrap_or("zz"), 16))
            .collect::<Result<Vec<u8>, _>>()
            .map_err(|_| "de handtekening is geen hexadecimale tekst.")?;
        mac(sleutel, tekst).verify_slice(&hmac).map_err(|_| {
            "de handtekening klopt niet: het bestand is gewijzigd of met een andere \
             auditsleutel ondertekend."
        })?;
        let mut regels = tekst.lines();
        if regels.next() != Some(KOPREGEL) {
            return Err("onbekende opmaak.".into());
        }
        let mut veld = |naam: &str| -> Result<String, String> {
            regels
                .next()
                .and_then(|r| r.strip_prefix(naam)?.strip_prefix('='))
                .map(str::to_string)
                .ok_or_else(|| format!("het veld {naam} ontbreekt."))
        };
        let getal = |s: String| {
            s.parse::<i64>()
                .map_err(|_| format!("'{s}' is geen getal."))
        };
        let aantal = veld("aantal")?;
        let id = getal(veld("laatste_id")?)?;
        let hash = veld("laatste_hash")?;
        let versie = getal(veld("keten_versie")?)?;
        let tijd = veld("tijd")?;
        Ok(Kop {
            aantal: aantal
                .parse()
                .map_err(|_| format!("'{aantal}' is geen getal."))?,
            laatste: Schakel { id, hash, versie },
            tijd,
        })
    }
}

/// Reads the head file; `Ok(None)` when it does not exist.
pub fn lees_bestand(pad: &Path, sleutel: &[u8]) -> Result<Option<Kop>, String> {
    match std::fs::read_to_string(pad) {
        Ok(inhoud) => Kop::lees(&inhoud, sleutel).map(Some),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("kan {} niet lezen: {e}", pad.display())),
    }
}

/// Writes the head file atomically: a temporary file next to it, fsync, rename.
pub fn schrijf_bestand(pad: &Path, kop: &Kop, sleutel: &[u8]) -> std::io::Result<()> {
    let mut tijdelijk = pad.as_os_str().to_owned();
    tijdelijk.push(format!(".{}.tmp", std::process::id()));
    let tijdelijk = std::path::PathBuf::from(tijdelijk);
    let mut f = std::fs::File::create(&tijdelijk)?;
    f.write_all(kop.ondertekend(sleutel).as_bytes())?;
    f.sync_all()?;
    drop(f);
    std::fs::rename(&tijdelijk, pad)?;
    // The rename itself is durable once the directory is synced.
    if let Some(map) = pad.parent().filter(|p| !p.as_os_str().is_empty()) {
        let _ = std::fs::File::open(map).and_then(|d| d.sync_all());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SLEUTEL: &[u8] = b"een-testsleutel-van-minstens-32-tekens-lang";

    fn kop() -> Kop {
        Kop {
            aantal: 7,
            laatste: Schakel {
                id: 7,
                hash: "ab".repeat(32),
                versie: 2,
            },
            tijd: "2026-01-01T00:00:00Z".into(),
        }
    }

    #[test]
    fn ondertekend_en_terug() {
        let tekst = kop().ondertekend(SLEUTEL);
        assert_eq!(Kop::lees(&tekst, SLEUTEL), Ok(kop()));
    }

    #[test]
    fn gewijzigd_of_andere_sleutel_wordt_geweigerd() {
        let tekst = kop().ondertekend(SLEUTEL);
        let fout = Kop::lees(&tekst.replace("aantal=7", "aantal=6"), SLEUTEL).unwrap_err();
        assert!(fout.contains("handtekening klopt niet"), "{fout}");
        assert!(Kop::lees(&tekst, b"een-andere-sleutel-van-minstens-32-tekens").is_err());
        assert!(Kop::lees("onzin", SLEUTEL).is_err());
    }
}
