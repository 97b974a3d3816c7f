//! Notifications (meldingen): a user hears that work waits for them, in Voorop (the bell on
//! Mijn werk) and, when SMTP is configured and the user wants it, by e-mail. A melding carries
//! its kind and a link into Voorop only, never case content or personal data: whoever follows
//! the link sees what the page shows them under need-to-know. The instruments create meldingen
//! inside their own transactions (`service::melden`); e-mail leaves through an outbox that
//! `verzender` empties, so a crash loses none and two instances send none twice.

pub mod model;
pub mod repo;
pub mod routes;
pub mod service;
pub mod verzender;
