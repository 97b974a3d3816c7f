//! Free text typed by users, the same rule in every domain: besides each field's length limit,
//! no invisible control characters. NUL, escape sequences (which can rewrite a terminal when a
//! value is printed) and bidirectional overrides (which make text read differently from what
//! it is, "Trojan Source") have no place in a toelichting, a name or an afspraak. Tab and line
//! breaks are ordinary text.

/// The first forbidden character in `t`, if any.
pub fn stuurteken(t: &str) -> Option<char> {
    t.chars().find(|&c| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
    })
}

/// The Dutch message for a text with a control character, or `Ok`.
pub fn geen_stuurtekens(t: &str) -> Result<(), String> {
    match stuurteken(t) {
        None => Ok(()),
        Some(c) => Err(format!(
            "bevat een onzichtbaar stuurteken (U+{:04X}), bijvoorbeeld uit een ander programma \
             gekopieerd. Verwijder het en probeer het opnieuw.",
            u32::from(c)
        )),
    }
}

/// A date typed as `YYYY-MM-DD` (surrounding spaces allowed), normalised; `None` if it is not
/// a real date.
pub fn parse_datum(s: &str) -> Option<String> {
    let f = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(s.trim(), &f)
        .ok()
        .map(|d| d.format(&f).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gewone_tekst_mag_stuurtekens_niet() {
        assert!(geen_stuurtekens("Café \"De Linde\" – regel één\nregel twee\tmet tab").is_ok());
        for slecht in [
            "a\0b",
            "rood\u{1b}[31m",
            "abc\u{202E}fed",
            "x\u{2066}y",
            "\u{7f}",
            "\u{85}",
        ] {
            let fout = geen_stuurtekens(slecht).unwrap_err();
            assert!(fout.contains("stuurteken"), "{slecht:?}: {fout}");
        }
    }
}
