//! An Actie-overleg meeting as an iCalendar file (RFC 5545) for the participants' calendars.
//! It holds the overleg's name, date and time, the number of cases on the agenda and a link to
//! the meeting page: no case content, so it may sit in any calendar.

use super::model::{Overleg, Vergadering};

/// How long a meeting is planned for.
const DUUR: &str = "PT1H30M";

/// The time zone of the meetings' wall-clock times (the rules of the EU since 1996).
const TIJDZONE: &str = "BEGIN:VTIMEZONE\r\nTZID:Europe/Amsterdam\r\n\
BEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\n\
DTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n\
BEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\n\
DTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\n\
END:VTIMEZONE\r\n";

/// Escapes a TEXT value (RFC 5545 §3.3.11).
fn tekst(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace(['\r', '\n'], " ")
}

/// Folds a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character.
fn vouwen(regel: &str) -> String {
    let mut uit = String::new();
    let mut lengte = 0;
    for c in regel.chars() {
        if lengte + c.len_utf8() > 75 {
            uit.push_str("\r\n ");
            lengte = 1;
        }
        uit.push(c);
        lengte += c.len_utf8();
    }
    uit.push_str("\r\n");
    uit
}

/// The calendar file of meeting `v` of overleg `o`; `agenda` cases on it, `link` the meeting
/// page, `gemaakt` the UTC time stamp (`YYYY-MM-DDTHH:MM:SSZ`).
pub fn vergadering(
    v: &Vergadering,
    o: &Overleg,
    agenda: usize,
    link: &str,
    gemaakt: &str,
) -> String {
    let datum = v.datum.replace('-', "");
    let tijd = format!("{}00", o.tijd.replace(':', ""));
    let stempel: String = gemaakt.chars().filter(|c| *c != '-' && *c != ':').collect();
    let samenvatting = format!("Actie-overleg {}", o.naam);
    let omschrijving = format!(
        "Voorzitter: {}. Geagendeerd: {agenda} {}. Agenda en stukken in Voorop: {link}",
        o.voorzitter_naam,
        if agenda == 1 { "casus" } else { "casussen" }
    );
    let mut uit = String::from(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Voorop//Actie-overleg//NL\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n",
    );
    uit.push_str(TIJDZONE);
    uit.push_str("BEGIN:VEVENT\r\n");
    uit.push_str(&vouwen(&format!("UID:vergadering-{}@voorop", v.id)));
    uit.push_str(&vouwen(&format!("DTSTAMP:{stempel}")));
    uit.push_str(&vouwen(&format!(
        "DTSTART;TZID=Europe/Amsterdam:{datum}T{tijd}"
    )));
    uit.push_str(&vouwen(&format!("DURATION:{DUUR}")));
    uit.push_str(&vouwen(&format!("SUMMARY:{}", tekst(&samenvatting))));
    uit.push_str(&vouwen(&format!("DESCRIPTION:{}", tekst(&omschrijving))));
    uit.push_str(&vouwen(&format!("URL:{link}")));
    uit.push_str("END:VEVENT\r\nEND:VCALENDAR\r\n");
    uit
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::casus::model::Frequentie;

    #[test]
    fn een_vergadering_als_agendabestand() {
        let o = Overleg {
            id: 3,
            regio_code: crate::gedeeld::RegioCode::parse("oost-brabant").unwrap(),
            naam: "Actie-overleg Brabant, Noord; Oost".into(),
            weekdag: 4,
            tijd: "13:30".into(),
            frequentie: Frequentie::Wekelijks,
            voorzitter_organisatie_id: crate::gedeeld::OrganisatieId(1),
            voorzitter_naam: "Veilig Thuis Brabant Noordoost".into(),
            organisaties: vec![],
        };
        let v = Vergadering {
            id: 17,
            overleg_id: 3,
            datum: "2026-03-26".into(),
            aanwezigheid: vec![],
        };
        let link = "https://voorop.example.nl/actieoverleg/vergadering/17";
        let ics = vergadering(&v, &o, 2, link, "2026-03-20T10:00:00Z");
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.contains("UID:vergadering-17@voorop\r\n"));
        assert!(ics.contains("DTSTART;TZID=Europe/Amsterdam:20260326T133000\r\n"));
        assert!(ics.contains("DTSTAMP:20260320T100000Z\r\n"));
        // Commas and semicolons escaped.
        assert!(ics.contains("SUMMARY:Actie-overleg Actie-overleg Brabant\\, Noord\\; Oost"));
        assert!(ics.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
        // Every line at most 75 octets; unfolded, the description is whole.
        assert!(ics.split("\r\n").all(|r| r.len() <= 75), "{ics}");
        let ontvouwen = ics.replace("\r\n ", "");
        assert!(ontvouwen.contains(&format!(
            "Geagendeerd: 2 casussen. Agenda en stukken in Voorop: {link}"
        )));
    }
}
