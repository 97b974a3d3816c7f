//! Help per role on a page's first visit: what the page is for, and what this user may see
//! there and why (need-to-know). Shown at the top of the page until the user puts it away
//! ("Begrepen, niet meer tonen"); stored per user and page. The texts follow from the same
//! permission checks the pages use, so they say what the page will really show.

pub mod routes;

use crate::auth::{Gebruiker, Ingelogd, Rol, permissions};
use crate::db::Db;
use crate::web::{Hulp, Pagina};
use std::collections::HashSet;
use std::sync::{LazyLock, Mutex};

/// The pages with help.
pub const PAGINAS: &[&str] = &[
    "mijn-werk",
    "casussen",
    "moment",
    "actieoverleg",
    "zelfscan",
];

/// What this user may see of cases, in one sentence.
fn casus_zicht(g: &Gebruiker) -> &'static str {
    if permissions::deelname(g).is_some() {
        "Persoonsgegevens en vrije tekst van een casus ziet u alleen bij momenten waaraan uw \
         organisatie nu deelneemt; elke keer dat u ze leest, staat in het auditlog. Van andere \
         momenten in uw regio ziet u alleen procesgegevens (soort, datum, status, organisaties)."
    } else if permissions::casus_inzage(g).is_some() {
        "U ziet alleen procesgegevens (soort, datum, status, organisaties), nooit \
         persoonsgegevens: uw organisatie neemt niet deel aan casussen, en informatie over \
         personen blijft bij wie haar nodig heeft (need-to-know)."
    } else {
        "Casussen ziet u niet: die zijn van de ketenpartners (Veilig Thuis, Politie, OM, Raad \
         voor de Kinderbescherming, reclassering). U ziet wel de indicatoren van uw regio."
    }
}

/// The help of `pagina` for this user: title and paragraphs (none for a page without help).
pub fn tekst(pagina: &str, g: &Gebruiker) -> Option<(&'static str, Vec<String>)> {
    let gemeente = g.organisatie_soort == "gemeente";
    let coordinator = g.rol == Rol::Regiocoordinator;
    let (titel, doel) = match pagina {
        "mijn-werk" => (
            "Wat is Mijn werk?",
            if permissions::deelname(g).is_some() {
                "Hier staat wat op u en uw organisatie wacht, het dringendste eerst: lopende \
                 9-uurstermijnen van ZSM-zaken, aanmeldingen voor voorbespreking of agenda, \
                 afspraken die binnen 7 dagen verlopen, terugkoppeling die nog moet en het \
                 volgende Actie-overleg. Elk punt linkt naar de plek waar u het afhandelt."
            } else if gemeente {
                "Hier staan de acties uit de plannen van aanpak van uw gemeente (Zelfscan) die \
                 binnenkort of al moesten, en uw meldingen."
            } else {
                "Hier staat wat op u wacht: acties uit de regionale plannen van aanpak, \
                 Werkset-registraties die nog in concept zijn, en uw meldingen."
            },
        ),
        "casussen" => (
            "Wat zijn de afstemmingsmomenten?",
            "De vier momenten waarop zorg en straf een casus samen oppakken: Samen op in acuut, \
             het Actie-overleg, HG met VT & ZSM en strafbare kindermishandeling. Deze lijst toont \
             de momenten van uw regio per jaar, 50 per pagina, met filters en zoeken op nummer.",
        ),
        "moment" => (
            "Wat staat er bij een moment?",
            "De procesgegevens van het moment, de deelnemende organisaties, de afspraken met \
             eigenaar en deadline, de veiligheidsinschatting van de casus en (voor deelnemers) \
             de persoonsgegevens. Alleen deelnemers wijzigen een moment.",
        ),
        "actieoverleg" => (
            "Wat is het Actie-overleg?",
            "Politie, OM en Veilig Thuis (en waar nodig RvdK en reclassering) stemmen hier \
             vroegtijdig onderzoek en interventies af. U vindt de komende vergaderingen met hun \
             agenda, de gehouden vergaderingen en per vergadering de besluitenlijst, de \
             aanwezigheid en een agendabestand.",
        ),
        "zelfscan" => (
            "Wat is de Zelfscan Kwaliteitskader?",
            if gemeente {
                "Met de Zelfscan kijkt uw gemeente per kwaliteitsstandaard of het op orde is. U \
                 vult de scan in voor uw eigen gemeente; wat andere gemeenten van uw antwoorden \
                 zien, bepaalt de zichtbaarheid die de regiocoördinator voor de ronde koos."
            } else if coordinator {
                "U stelt scanrondes in voor de gemeenten van uw regio, kiest wat gemeenten van \
                 elkaar zien, volgt de voortgang en maakt met de resultaten regionale plannen \
                 van aanpak."
            } else {
                "De gemeenten van uw regio kijken hier per kwaliteitsstandaard of het op orde \
                 is. U ziet de resultaten die de ronde voor uw organisatie zichtbaar maakt."
            },
        ),
        _ => return None,
    };
    let zicht = match pagina {
        "zelfscan" => "Er staan geen persoonsgegevens in de Zelfscan: alleen antwoorden per \
                       gemeente en standaard."
            .to_string(),
        _ => casus_zicht(g).to_string(),
    };
    Some((titel, vec![doel.to_string(), zicht]))
}

/// The page's layout context with its help, when this user has not put it away yet. A failed
/// read shows no help rather than failing the page.
pub async fn pagina(
    db: &Db,
    i: &Ingelogd,
    titel: impl Into<String>,
    (pagina, terug): (&'static str, &str),
) -> Pagina {
    let mut p = i.pagina(titel);
    let g = &i.gebruiker;
    if let Some((kop, alineas)) = tekst(pagina, g)
        && matches!(gezien(db, g, pagina).await, Ok(false))
    {
        p.hulp = Some(Hulp {
            pagina,
            titel: kop.to_string(),
            alineas,
            terug: terug.to_string(),
        });
    }
    p
}

/// Whether the user put the page's help away. Once away it stays away (nothing brings it
/// back), so each instance remembers that and reads nothing for it again: most views come
/// from users who put the help away long ago.
async fn gezien(db: &Db, g: &Gebruiker, pagina: &'static str) -> sqlx::Result<bool> {
    type Weg = HashSet<(String, crate::gedeeld::GebruikerId, &'static str)>;
    static WEG: LazyLock<Mutex<Weg>> = LazyLock::new(Mutex::default);
    let weg = || {
        WEG.lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    };
    let sleutel = (crate::db::sleutel(db), g.id, pagina);
    if weg().contains(&sleutel) {
        return Ok(true);
    }
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM hulp_gezien WHERE gebruiker_id = $1 AND pagina = $2",
    )
    .bind(g.id)
    .bind(pagina)
    .fetch_one(db)
    .await?;
    if n > 0 {
        let mut weg = weg();
        // Bounded however many users and databases (tests) one process serves.
        if weg.len() >= 100_000 {
            weg.clear();
        }
        weg.insert(sleutel);
    }
    Ok(n > 0)
}

/// Puts a page's help away for this user (an unknown page is ignored).
pub async fn wegzetten(db: &Db, g: &Gebruiker, pagina: &str) -> sqlx::Result<()> {
    if !PAGINAS.contains(&pagina) {
        return Ok(());
    }
    sqlx::query(
        "INSERT INTO hulp_gezien (gebruiker_id, pagina, gezien_op) VALUES ($1, $2, $3)
         ON CONFLICT (gebruiker_id, pagina) DO NOTHING",
    )
    .bind(g.id)
    .bind(pagina)
    .bind(crate::db::nu())
    .execute(db)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elke_pagina_heeft_tekst_en_zegt_wat_de_rol_ziet() {
        let gebruiker = |soort: &str| Gebruiker {
            rol: Rol::Medewerker,
            organisatie_soort: soort.into(),
            ..Gebruiker::opdrachtregel()
        };
        let partner = gebruiker("politie");
        let gemeente = gebruiker("gemeente");
        for p in PAGINAS {
            assert!(tekst(p, &partner).is_some(), "{p}");
        }
        assert!(tekst("onbekend", &partner).is_none());
        let (_, a) = tekst("casussen", &partner).unwrap();
        assert!(a[1].contains("alleen bij momenten waaraan uw organisatie nu deelneemt"));
        let (_, a) = tekst("mijn-werk", &gemeente).unwrap();
        assert!(a[0].contains("plannen van aanpak van uw gemeente"), "{a:?}");
        assert!(a[1].contains("Casussen ziet u niet"), "{a:?}");
    }
}
