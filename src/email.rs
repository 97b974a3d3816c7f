//! E-mail through the configured SMTP server (`VOOROP_SMTP_*`, crate `lettre`): the one place
//! that builds the transport, for the meldingen outbox and the password-reset link. Plain text
//! only; callers put no personal data or case content in it.

use crate::config::{Smtp, SmtpBeveiliging};
use lettre::message::header::ContentType;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

pub type Transport = AsyncSmtpTransport<Tokio1Executor>;

/// Why an e-mail was not delivered. Never carries the address (the server's answer may name
/// it): only whether trying again can help.
#[derive(Debug, thiserror::Error)]
pub enum EmailFout {
    #[error("ongeldig adres of bericht")]
    Ongeldig,
    #[error("de mailserver weigert het bericht")]
    Permanent,
    #[error("de mailserver is (tijdelijk) niet bereikbaar")]
    Tijdelijk,
}

pub fn transport(smtp: &Smtp) -> Result<Transport, lettre::transport::smtp::Error> {
    let mut b = match smtp.beveiliging {
        SmtpBeveiliging::Geen => Transport::builder_dangerous(&smtp.host),
        SmtpBeveiliging::Starttls => Transport::starttls_relay(&smtp.host)?,
        SmtpBeveiliging::Tls => Transport::relay(&smtp.host)?,
    }
    .port(smtp.poort)
    .timeout(Some(Duration::from_secs(20)));
    if let Some((gebruiker, wachtwoord)) = &smtp.gebruiker {
        b = b.credentials(Credentials::new(gebruiker.clone(), wachtwoord.clone()));
    }
    Ok(b.build())
}

/// Sends one plain-text e-mail.
pub async fn versturen(
    t: &Transport,
    afzender: &str,
    aan: &str,
    onderwerp: &str,
    tekst: String,
) -> Result<(), EmailFout> {
    let bericht = Message::builder()
        .from(afzender.parse().map_err(|_| EmailFout::Ongeldig)?)
        .to(aan.parse().map_err(|_| EmailFout::Ongeldig)?)
        .subject(onderwerp)
        .header(ContentType::TEXT_PLAIN)
        .body(tekst)
        .map_err(|_| EmailFout::Ongeldig)?;
    t.send(bericht).await.map(|_| ()).map_err(|e| {
        if e.is_permanent() {
            EmailFout::Permanent
        } else {
            EmailFout::Tijdelijk
        }
    })
}

#[cfg(test)]
mod tests {
    use lettre::Message;
    use lettre::message::header::ContentType;

    /// What a mail client decodes is what was written: a "=" in a link survives the transfer
    /// encoding (a reset token may start with two hex digits).
    #[test]
    fn gelijkteken_in_een_link_blijft_staan() {
        let tekst = "De link werkt één keer:\nhttps://voorop.example/x?token=bcGr\n".to_string();
        let m = Message::builder()
            .from("a@b.nl".parse().unwrap())
            .to("c@d.nl".parse().unwrap())
            .subject("x")
            .header(ContentType::TEXT_PLAIN)
            .body(tekst)
            .unwrap();
        let ruw = String::from_utf8(m.formatted()).unwrap();
        // Quoted-printable: the "=" is written "=3D", so no client reads "=bc" as a byte.
        assert!(ruw.contains("token=3DbcGr"), "{ruw}");
        assert!(ruw.contains("=C3=A9=C3=A9n"), "{ruw}");
    }
}
