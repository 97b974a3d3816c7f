//! Kinds of melding and the text of their e-mail. No SQL, no HTTP.

use crate::code_enum;

code_enum!(
    /// What a melding is about; the label is all that its e-mail says.
    MeldingSoort {
        Aanmelding => ("aanmelding", "Nieuwe aanmelding voor het Actie-overleg dat uw organisatie voorzit"),
        ZsmZonderVt => ("zsm_zonder_vt", "ZSM-zaak geregistreerd zonder betrokkenheid van Veilig Thuis"),
        AfspraakToegewezen => ("afspraak_toegewezen", "Een afspraak is aan u toegewezen"),
        TermijnZsm => ("termijn_zsm", "Nog 2 uur op de 9-uurstermijn van een ZSM-zaak"),
        AfsprakenDag => ("afspraken_dag", "Dagoverzicht: afspraken die verlopen zijn of binnen 7 dagen verlopen"),
        CasusGekoppeld => ("casus_gekoppeld", "Een nieuw moment is gekoppeld aan een casus waaraan uw organisatie deelneemt"),
    }
);

impl MeldingSoort {
    /// Who can receive it, for the settings page.
    pub fn voor_wie(self) -> &'static str {
        match self {
            MeldingSoort::Aanmelding => {
                "Medewerkers van de organisatie die het Actie-overleg voorzit."
            }
            MeldingSoort::ZsmZonderVt => {
                "Medewerkers van Veilig Thuis in de regio (de piketdienst)."
            }
            MeldingSoort::AfspraakToegewezen => {
                "De medewerker die als eigenaar van een afspraak is genoemd."
            }
            MeldingSoort::TermijnZsm => {
                "Medewerkers van de organisaties die aan de ZSM-zaak deelnemen."
            }
            MeldingSoort::AfsprakenDag => "Eigenaars van open afspraken (eens per dag).",
            MeldingSoort::CasusGekoppeld => {
                "Medewerkers van de organisaties die aan de casus deelnemen."
            }
        }
    }
}

/// One melding as its user sees it.
#[derive(Debug, Clone)]
pub struct Melding {
    pub id: i64,
    pub soort: MeldingSoort,
    pub link: String,
    pub aangemaakt_op: String,
}

/// What a user wants of one kind: in Voorop, by e-mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Voorkeur {
    pub in_voorop: bool,
    pub per_email: bool,
}

impl Default for Voorkeur {
    fn default() -> Self {
        Self {
            in_voorop: true,
            per_email: true,
        }
    }
}

impl Melding {
    /// When it was made, in Dutch local time.
    pub fn wanneer(&self) -> String {
        crate::gedeeld::lokale_tijd(&self.aangemaakt_op).unwrap_or_default()
    }
}

pub const ONDERWERP: &str = "Er staat werk voor u klaar in Voorop";

/// The e-mail of a melding: the fixed subject, and a body with its kind and the link, and
/// nothing of the case (the link's page decides what the reader may see, after signing in).
pub fn email_tekst(soort: MeldingSoort, basis_url: &str, link: &str) -> String {
    format!(
        "Er staat werk voor u klaar in Voorop: {}.\r\n\r\n\
         Open Voorop om het te bekijken (u logt eerst in):\r\n{basis_url}{link}\r\n\r\n\
         Deze e-mail bevat bewust geen gegevens over personen of casussen.\r\n\
         U kunt in Voorop onder Mijn werk > Meldingen instellen welke e-mails u ontvangt.\r\n",
        soort.label()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_noemt_soort_en_link_en_verder_niets() {
        let t = email_tekst(
            MeldingSoort::AfspraakToegewezen,
            "https://voorop.example",
            "/casussen/moment/12#afspraken",
        );
        assert!(t.contains("Een afspraak is aan u toegewezen"));
        assert!(t.contains("https://voorop.example/casussen/moment/12#afspraken"));
        // Only the fixed lines: the kind's label is the one variable text.
        let zonder = t
            .replace(MeldingSoort::AfspraakToegewezen.label(), "")
            .replace("https://voorop.example/casussen/moment/12#afspraken", "");
        assert_eq!(
            zonder,
            email_tekst(MeldingSoort::AfspraakToegewezen, "", "")
                .replace(MeldingSoort::AfspraakToegewezen.label(), "")
        );
    }

    #[test]
    fn zonder_voorkeur_beide_aan() {
        assert_eq!(
            Voorkeur::default(),
            Voorkeur {
                in_voorop: true,
                per_email: true
            }
        );
    }
}
