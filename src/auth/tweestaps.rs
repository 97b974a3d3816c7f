//! Two-factor sign-in (tweestapsverificatie): TOTP after RFC 6238 (SHA-1, 6 digits, 30 s,
//! one step of clock skew either way), single-use recovery codes, and the enrolment QR code
//! drawn as SVG on the server (no external service sees the secret).
//!
//! A code is accepted only for a time step later than the last accepted one, so an observed
//! code cannot be replayed (RFC 6238 §5.2, ASVS 2.8.4).

use crate::config::{DEMO_AUDIT_SLEUTEL, Sleutel};
use crate::gedeeld::GebruikerId;
use base64::Engine as _;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use std::sync::OnceLock;
use totp_rs::{Builder, Secret};

/// The demo accounts' published TOTP secret (base32), for fictional data only. A real account
/// always gets a random secret at enrolment.
pub const DEMO_GEHEIM: &str = "VOOROPDEMOTOTPGEHEIMVOORFICTIEF2";

// ---- the secret at rest ----------------------------------------------------------------------
//
// A TOTP secret is a shared secret: whoever reads it can make every code. It is stored
// encrypted with XChaCha20-Poly1305 (random 192-bit nonce), under a key that lives outside the
// database: derived from `VOOROP_GEHEIM_SLEUTEL` or, when that is not set, from the audit key
// (HMAC-SHA256 with a label of its own, so the audit chain and the secrets never share a key).
// The associated data binds a ciphertext to its user, so it cannot be copied to another row.
// Stored form: `v1:` + base64(nonce ‖ ciphertext ‖ tag); base32 never contains a colon.

/// Prefix of an encrypted secret.
pub const VERSLEUTELD: &str = "v1:";

const LABEL: &[u8] = b"voorop/totp-geheim/v1";

/// A derived 32-byte key for TOTP secrets.
#[derive(Clone)]
pub struct GeheimSleutel([u8; 32]);

impl std::fmt::Debug for GeheimSleutel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("GeheimSleutel(***)")
    }
}

impl GeheimSleutel {
    /// The key derived from a configured key (at least 32 bytes, checked by the config).
    pub fn afleiden(basis: &[u8]) -> Self {
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(basis).expect("HMAC accepts any key length");
        mac.update(LABEL);
        Self(mac.finalize().into_bytes().into())
    }
}

static SLEUTEL: OnceLock<GeheimSleutel> = OnceLock::new();

/// Sets the process-wide key, once, at start-up, from `VOOROP_GEHEIM_SLEUTEL` or the audit key.
/// Returns false if a different key had been set already.
pub fn sleutel_instellen(basis: &Sleutel) -> bool {
    let s = GeheimSleutel::afleiden(basis.bytes());
    SLEUTEL.get_or_init(|| s.clone()).0 == s.0
}

/// The key in use: the one set at start-up or, when none was set (tests, library use), the one
/// derived from the published demo audit key.
pub fn sleutel() -> GeheimSleutel {
    SLEUTEL
        .get()
        .cloned()
        .unwrap_or_else(|| GeheimSleutel::afleiden(DEMO_AUDIT_SLEUTEL.as_bytes()))
}

/// What the ciphertext of a user's secret is bound to.
pub fn doel_gebruiker(id: GebruikerId) -> String {
    format!("gebruiker:{id}")
}

/// Why a stored secret cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GeheimFout {
    /// Authentication failed: another key (or a changed or copied value).
    SleutelPastNiet,
    /// Not in the stored form at all.
    Onleesbaar,
}

impl std::fmt::Display for GeheimFout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            GeheimFout::SleutelPastNiet => {
                "het tweestapsgeheim kan niet worden ontsleuteld: de sleutel (VOOROP_GEHEIM_SLEUTEL, of anders de auditsleutel) past niet bij deze database"
            }
            GeheimFout::Onleesbaar => "het opgeslagen tweestapsgeheim is onleesbaar",
        })
    }
}

/// Encrypts a secret for storage under `doel` (see [`doel_gebruiker`]).
pub fn versleutel_met(sleutel: &GeheimSleutel, doel: &str, geheim: &str) -> String {
    let nonce: [u8; 24] = rand::random();
    let cipher = XChaCha20Poly1305::new((&sleutel.0).into());
    let mut uit = nonce.to_vec();
    uit.extend(
        cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: geheim.as_bytes(),
                    aad: doel.as_bytes(),
                },
            )
            .expect("encryption in memory does not fail"),
    );
    format!(
        "{VERSLEUTELD}{}",
        base64::engine::general_purpose::STANDARD_NO_PAD.encode(uit)
    )
}

/// Decrypts a stored secret of `doel`.
pub fn ontsleutel_met(
    sleutel: &GeheimSleutel,
    doel: &str,
    opgeslagen: &str,
) -> Result<String, GeheimFout> {
    let bytes = opgeslagen
        .strip_prefix(VERSLEUTELD)
        .and_then(|b| {
            base64::engine::general_purpose::STANDARD_NO_PAD
                .decode(b)
                .ok()
        })
        .filter(|b| b.len() > 24 + 16)
        .ok_or(GeheimFout::Onleesbaar)?;
    let (nonce, versleuteld) = bytes.split_at(24);
    let cipher = XChaCha20Poly1305::new((&sleutel.0).into());
    let open = cipher
        .decrypt(
            XNonce::from_slice(nonce),
            Payload {
                msg: versleuteld,
                aad: doel.as_bytes(),
            },
        )
        .map_err(|_| GeheimFout::SleutelPastNiet)?;
    String::from_utf8(open).map_err(|_| GeheimFout::Onleesbaar)
}

/// [`versleutel_met`] with the process-wide key.
pub fn versleutel(doel: &str, geheim: &str) -> String {
    versleutel_met(&sleutel(), doel, geheim)
}

/// [`ontsleutel_met`] with the process-wide key.
pub fn ontsleutel(doel: &str, opgeslagen: &str) -> Result<String, GeheimFout> {
    ontsleutel_met(&sleutel(), doel, opgeslagen)
}

/// Number of recovery codes made at enrolment.
pub const AANTAL_HERSTELCODES: usize = 10;

/// A new random secret (160 bits, as RFC 4226 recommends), base32.
pub fn nieuw_geheim() -> String {
    Secret::from(rand::random::<[u8; 20]>()).to_base32()
}

fn totp(geheim: &str) -> Option<totp_rs::Totp> {
    let secret = Secret::try_from_base32(geheim.trim()).ok()?;
    Builder::new().with_secret(secret).build().ok()
}

/// The time step a code belongs to, if it is valid at `nu_s` (one step skew either way) and
/// later than `laatste_stap` (the last accepted one). Spaces in the code are ignored.
pub fn controleer_code(geheim: &str, code: &str, nu_s: u64, laatste_stap: i64) -> Option<i64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let t = totp(geheim)?;
    // Check each step of the window ourselves, so a replayed code of an earlier step is not
    // found while a newer step in the window would still match.
    let stap = nu_s / 30;
    (stap.saturating_sub(1)..=stap + 1)
        .filter_map(|s| i64::try_from(s).ok().map(|i| (s, i)))
        .filter(|(_, i)| *i > laatste_stap)
        .find(|(s, _)| t.generate(s * 30).to_string() == code)
        .map(|(_, i)| i)
}

/// The code for time `nu_s` (for tests and the demo).
pub fn code_op(geheim: &str, nu_s: u64) -> Option<String> {
    totp(geheim).map(|t| t.generate(nu_s).to_string())
}

/// The `otpauth://` address an authenticator app reads from the QR code.
pub fn otpauth(email: &str, geheim: &str) -> String {
    format!(
        "otpauth://totp/Voorop:{}?secret={geheim}&issuer=Voorop&algorithm=SHA1&digits=6&period=30",
        crate::web::url_encode(email)
    )
}

/// The QR code of `tekst` as an SVG image (black modules on white, with a quiet zone), with
/// a title for screen readers.
pub fn qr_svg(tekst: &str, titel: &str) -> Option<String> {
    let qr = qrcodegen::QrCode::encode_text(tekst, qrcodegen::QrCodeEcc::Medium).ok()?;
    let rand = 4;
    let maat = qr.size() + 2 * rand;
    let mut pad = String::new();
    for y in 0..qr.size() {
        for x in 0..qr.size() {
            if qr.get_module(x, y) {
                pad.push_str(&format!("M{},{}h1v1h-1z", x + rand, y + rand));
            }
        }
    }
    Some(format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {maat} {maat}" width="240" height="240" role="img" aria-labelledby="qr-titel" shape-rendering="crispEdges"><title id="qr-titel">{}</title><rect width="100%" height="100%" fill="#fff"/><path d="{pad}" fill="#000"/></svg>"##,
        crate::web::escape(titel)
    ))
}

/// Ten new recovery codes ("abcd-efgh-jk"), shown once; only their hashes are stored.
pub fn nieuwe_herstelcodes() -> Vec<String> {
    (0..AANTAL_HERSTELCODES)
        .map(|_| {
            let r = crate::web::willekeurig(10).to_lowercase();
            format!("{}-{}-{}", &r[..4], &r[4..8], &r[8..10])
        })
        .collect()
}

/// The stored form of a recovery code: SHA-256 of the normalised code (the codes are random
/// and long enough that a fast hash is sound).
pub fn herstelcode_hash(code: &str) -> String {
    let schoon: String = code
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_lowercase();
    Sha256::digest(schoon.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_geldt_eenmaal_en_binnen_het_venster() {
        let g = nieuw_geheim();
        let nu = 1_800_000_000;
        let code = code_op(&g, nu).unwrap();
        let stap = i64::try_from(nu / 30).unwrap();
        assert_eq!(controleer_code(&g, &code, nu, 0), Some(stap));
        // Replay of the same step: refused.
        assert_eq!(controleer_code(&g, &code, nu, stap), None);
        // One step of skew either way, not two.
        assert_eq!(controleer_code(&g, &code, nu + 30, 0), Some(stap));
        assert_eq!(controleer_code(&g, &code, nu + 60, 0), None);
        assert_eq!(controleer_code(&g, "12345", nu, 0), None);
        assert_eq!(controleer_code(&g, "abcdef", nu, 0), None);
        let met_spatie = format!("{} {}", &code[..3], &code[3..]);
        assert_eq!(controleer_code(&g, &met_spatie, nu, 0), Some(stap));
        // Another secret's code does not work.
        assert_eq!(controleer_code(&nieuw_geheim(), &code, nu, 0), None);
    }

    #[test]
    fn rfc6238_testvector() {
        // RFC 6238 appendix B, SHA-1, secret "12345678901234567890", T = 59 s: 94287082 (8
        // digits); the 6-digit code is its last six digits.
        let g = Secret::from(b"12345678901234567890".to_vec()).to_base32();
        assert_eq!(code_op(&g, 59).unwrap(), "287082");
        assert!(
            code_op(DEMO_GEHEIM, 0).is_some(),
            "demogeheim is geen geldige base32"
        );
    }

    #[test]
    fn herstelcodes_zijn_uniek_en_hash_negeert_opmaak() {
        let codes = nieuwe_herstelcodes();
        assert_eq!(codes.len(), AANTAL_HERSTELCODES);
        let uniek: std::collections::BTreeSet<_> = codes.iter().collect();
        assert_eq!(uniek.len(), codes.len());
        assert_eq!(
            herstelcode_hash("ABCD-efgh-12"),
            herstelcode_hash(" abcdefgh12 ")
        );
    }

    #[test]
    fn geheim_versleuteld_en_gebonden_aan_sleutel_en_gebruiker() {
        let k = GeheimSleutel::afleiden(b"een-sleutel-van-minstens-32-tekens-lang!");
        let g = nieuw_geheim();
        let v = versleutel_met(&k, &doel_gebruiker(crate::gedeeld::GebruikerId(7)), &g);
        assert!(v.starts_with(VERSLEUTELD) && !v.contains(&g));
        assert_ne!(
            v,
            versleutel_met(&k, &doel_gebruiker(crate::gedeeld::GebruikerId(7)), &g),
            "random nonce"
        );
        assert_eq!(
            ontsleutel_met(&k, &doel_gebruiker(crate::gedeeld::GebruikerId(7)), &v),
            Ok(g.clone())
        );
        // Another key, another user, a changed byte: refused.
        let ander = GeheimSleutel::afleiden(b"een-andere-sleutel-van-minstens-32-tekens");
        assert_eq!(
            ontsleutel_met(&ander, &doel_gebruiker(crate::gedeeld::GebruikerId(7)), &v),
            Err(GeheimFout::SleutelPastNiet)
        );
        assert_eq!(
            ontsleutel_met(&k, &doel_gebruiker(crate::gedeeld::GebruikerId(8)), &v),
            Err(GeheimFout::SleutelPastNiet)
        );
        let mut kapot = v.clone().into_bytes();
        let i = kapot.len() - 3;
        kapot[i] = if kapot[i] == b'A' { b'B' } else { b'A' };
        assert_eq!(
            ontsleutel_met(
                &k,
                &doel_gebruiker(crate::gedeeld::GebruikerId(7)),
                &String::from_utf8(kapot).unwrap()
            ),
            Err(GeheimFout::SleutelPastNiet)
        );
        // Plain base32 is not a stored secret.
        assert_eq!(
            ontsleutel_met(
                &k,
                &doel_gebruiker(crate::gedeeld::GebruikerId(7)),
                DEMO_GEHEIM
            ),
            Err(GeheimFout::Onleesbaar)
        );
        // The key is derived: not the configured bytes themselves, and not the audit key.
        assert_ne!(&k.0[..], &b"een-sleutel-van-minstens-32-tekens-lang!"[..32]);
        assert!(
            GeheimFout::SleutelPastNiet
                .to_string()
                .contains("VOOROP_GEHEIM_SLEUTEL")
        );
    }

    #[test]
    fn qr_is_svg_met_titel() {
        let svg = qr_svg(&otpauth("a@b.nl", DEMO_GEHEIM), "QR-code <test>").unwrap();
        assert!(svg.starts_with("<svg") && svg.contains("&lt;test&gt;"));
        assert!(svg.matches('M').count() > 100);
    }
}
