//! Bounds for an uploaded XLSX before calamine reads it.
//!
//! calamine trusts the file: it inflates every part it needs into memory (shared strings
//! whole) and turns a sheet into a dense grid spanning its outermost cells. A 1.5 KB file
//! with cells `A1` and `XFD1048576` makes that grid 16,384 × 1,048,576 cells (512 GiB), and
//! one inflated shared string of a few GB fits in a 1 MB upload. [`controleer`] therefore
//! inflates every part once, streaming and counting (never holding a whole part), stops as
//! soon as a bound is passed, and reads the sheet XML for the cell positions calamine will
//! use. Memory stays bounded by the buffers; time by the bounded number of inflated bytes.

use std::io::{BufReader, Cursor, Read};

use quick_xml::events::{BytesStart, Event};

/// What an uploaded workbook may contain.
#[derive(Debug, Clone, Copy)]
pub struct Grenzen {
    /// Parts (files) in the zip container.
    pub max_onderdelen: usize,
    /// Inflated bytes of one part.
    pub max_onderdeel: u64,
    /// Inflated bytes of all parts together.
    pub max_totaal: u64,
    /// Rows per sheet (1-based row numbers up to this).
    pub max_rijen: u64,
    /// Columns per sheet (A = 1).
    pub max_kolommen: u64,
}

/// A Zelfscan workbook: 31 questions per gemeente sheet, at most a few dozen sheets.
pub const ZELFSCAN: Grenzen = Grenzen {
    max_onderdelen: 2_000,
    max_onderdeel: 16 * 1024 * 1024,
    max_totaal: 64 * 1024 * 1024,
    max_rijen: 1_000,
    max_kolommen: 64,
};

const GEEN_XLSX: &str = "Het bestand is geen geldig Excel-bestand (.xlsx). Sla het op als \
                         Excel-werkmap (.xlsx) en probeer het opnieuw.";

/// Checks the bounds; the error is a Dutch message for the user.
pub fn controleer(bytes: &[u8], g: &Grenzen) -> Result<(), String> {
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(GEEN_XLSX.into());
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| GEEN_XLSX.to_string())?;
    if zip.len() > g.max_onderdelen {
        return Err(format!(
            "Het bestand bestaat uit {} onderdelen; een Zelfscan-werkmap heeft er hooguit {}. \
             Gebruik een export van Voorop.",
            zip.len(),
            g.max_onderdelen
        ));
    }
    let te_groot = || {
        format!(
            "Het bestand is uitgepakt te groot (meer dan {} MB). Een Zelfscan-werkmap is veel \
             kleiner; gebruik een export van Voorop.",
            g.max_totaal / (1024 * 1024)
        )
    };
    let mut totaal = 0u64;
    for i in 0..zip.len() {
        let onderdeel = zip.by_index(i).map_err(|_| GEEN_XLSX.to_string())?;
        if onderdeel.is_dir() {
            continue;
        }
        if onderdeel.size() > g.max_onderdeel || totaal + onderdeel.size() > g.max_totaal {
            return Err(te_groot());
        }
        let budget = g.max_onderdeel.min(g.max_totaal - totaal);
        // One byte over the budget tells a part that is too big (or lies about its size).
        let mut lezer = Teller {
            binnen: onderdeel.take(budget + 1),
            gelezen: 0,
        };
        // Every part, whatever its name: calamine finds the sheets through the relationships,
        // so a sheet stored as "sheet1.dat" is read all the same. A part that is not XML stops
        // the scan at its first syntax error.
        posities_controleren(&mut lezer, g)?;
        std::io::copy(&mut lezer, &mut std::io::sink()).map_err(|_| GEEN_XLSX.to_string())?;
        if lezer.gelezen > budget {
            return Err(te_groot());
        }
        totaal += lezer.gelezen;
    }
    Ok(())
}

/// Counts the bytes read through it.
struct Teller<R> {
    binnen: R,
    gelezen: u64,
}

impl<R: Read> Read for Teller<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.binnen.read(buf)?;
        self.gelezen += n as u64;
        Ok(n)
    }
}

/// Follows rows and cells the way calamine places them: `<row r>` and `<c r>` when given,
/// otherwise the next row or column. Also checks `<dimension ref>`, which readers use to size
/// their buffers. Parts that are not sheets have no such elements and pass unchanged.
fn posities_controleren(lezer: &mut impl Read, g: &Grenzen) -> Result<(), String> {
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(lezer));
    let mut buf = Vec::new();
    let (mut rij, mut kolom) = (0u64, 0u64);
    loop {
        // Not well-formed: calamine will refuse it with its own (translated) message.
        let Ok(event) = xml.read_event_into(&mut buf) else {
            return Ok(());
        };
        match event {
            Event::Eof => return Ok(()),
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                // A position that is given but cannot be read is refused, never skipped:
                // calamine would read it with wrapping (release) or overflowing (debug) u32
                // arithmetic, so "A99999999999999999999" could land anywhere.
                "row" => {
                    rij = match attribuut(&e, "r") {
                        Some(r) => rijnummer(&r).ok_or_else(|| GEEN_XLSX.to_string())?,
                        None => rij + 1,
                    };
                    kolom = 0;
                    binnen(rij, 1, g)?;
                }
                "c" => {
                    match attribuut(&e, "r") {
                        Some(r) => {
                            (rij, kolom) = celadres(&r).ok_or_else(|| GEEN_XLSX.to_string())?;
                        }
                        None => kolom += 1,
                    }
                    binnen(rij.max(1), kolom, g)?;
                }
                "dimension" => {
                    if let Some(bereik) = attribuut(&e, "ref") {
                        let delen = bereik
                            .split(':')
                            .map(celadres)
                            .collect::<Option<Vec<_>>>()
                            .ok_or_else(|| GEEN_XLSX.to_string())?;
                        for (r, k) in &delen {
                            binnen(*r, *k, g)?;
                        }
                        // calamine subtracts start from end (u32): an end before the start
                        // overflows.
                        if let [(r1, k1), (r2, k2)] = delen[..]
                            && (r2 < r1 || k2 < k1)
                        {
                            return Err(GEEN_XLSX.into());
                        }
                    }
                }
                _ => {}
            },
            _ => {}
        }
        buf.clear();
    }
}

fn binnen(rij: u64, kolom: u64, g: &Grenzen) -> Result<(), String> {
    if rij > g.max_rijen || kolom > g.max_kolommen {
        return Err(format!(
            "Het bestand heeft cellen buiten het bereik van een Zelfscan-werkmap (hooguit {} \
             rijen en {} kolommen per tabblad). Gebruik een export van Voorop en voeg geen \
             rijen of kolommen toe.",
            g.max_rijen, g.max_kolommen
        ));
    }
    Ok(())
}

fn attribuut(e: &BytesStart<'_>, naam: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == naam)
        .map(|a| a.value.into_owned())
}

/// `"XFD1048576"` → `(1048576, 16384)`, `"$B$3"` → `(3, 2)`; 1-based. Numbers too large to
/// count become `u64::MAX` (out of every bound); `None` when it is not an address.
fn celadres(adres: &str) -> Option<(u64, u64)> {
    let adres = adres.trim().replace('$', "");
    let splits = adres.find(|c: char| c.is_ascii_digit())?;
    let (letters, cijfers) = adres.split_at(splits);
    if letters.is_empty() || !letters.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let kolom = letters.bytes().fold(0u64, |k, b| {
        k.saturating_mul(26)
            .saturating_add(u64::from(b.to_ascii_uppercase() - b'A' + 1))
    });
    Some((rijnummer(cijfers)?, kolom))
}

/// `"12"` → 12; digits beyond `u64` → `u64::MAX`; `None` when it is not a number.
fn rijnummer(cijfers: &str) -> Option<u64> {
    let cijfers = cijfers.trim();
    if cijfers.is_empty() || !cijfers.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(cijfers.bytes().fold(0u64, |r, b| {
        r.saturating_mul(10).saturating_add(u64::from(b - b'0'))
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A minimal zip with the given parts (deflated).
    fn zip_met(onderdelen: &[(&str, &[u8])]) -> Vec<u8> {
        let mut uit = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opties = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (naam, inhoud) in onderdelen {
            uit.start_file(*naam, opties).unwrap();
            uit.write_all(inhoud).unwrap();
        }
        uit.finish().unwrap().into_inner()
    }

    fn blad(cellen: &str) -> Vec<u8> {
        format!(
            r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{cellen}</sheetData></worksheet>"#
        )
        .into_bytes()
    }

    #[test]
    fn celadressen() {
        assert_eq!(celadres("A1"), Some((1, 1)));
        assert_eq!(celadres("$B$3"), Some((3, 2)));
        assert_eq!(celadres("XFD1048576"), Some((1_048_576, 16_384)));
        assert_eq!(celadres("1A"), None);
        assert_eq!(celadres("A"), None);
        assert_eq!(celadres("A1B"), None);
        assert_eq!(celadres("A18446744073709551616"), Some((u64::MAX, 1)));
        assert_eq!(celadres("AAAAAAAAAAAAAAAA1"), Some((1, u64::MAX)));
    }

    /// Found by tests/integratie/eigenschappen.rs: a row number beyond u64 was taken for "no number" (the
    /// next row), and calamine then overflowed on it (wrapping in a release build: anywhere).
    #[test]
    fn onleesbare_positie_wordt_geweigerd() {
        for cellen in [
            r#"<row r="18446744073709551616"><c r="A1"/></row>"#,
            r#"<row r="1"><c r="A99999999999999999999"/></row>"#,
            r#"<row r="1"><c r="AAAAAAAAAAAAA1"/></row>"#,
            r#"<row r="1"><c r="A"/></row>"#,
            r#"<row r="x"><c/></row>"#,
        ] {
            let xlsx = zip_met(&[("xl/worksheets/sheet1.xml", &blad(cellen))]);
            assert!(controleer(&xlsx, &ZELFSCAN).is_err(), "{cellen}");
        }
        for dimensie in ["B2:A1", "A1:A99999999999999999999", "A1:?"] {
            let xml =
                format!(r#"<worksheet><dimension ref="{dimensie}"/><sheetData/></worksheet>"#);
            let xlsx = zip_met(&[("xl/worksheets/sheet1.xml", xml.as_bytes())]);
            assert!(controleer(&xlsx, &ZELFSCAN).is_err(), "{dimensie}");
        }
        let xml = r#"<worksheet><dimension ref="A1:F37"/><sheetData/></worksheet>"#;
        let xlsx = zip_met(&[("xl/worksheets/sheet1.xml", xml.as_bytes())]);
        assert!(controleer(&xlsx, &ZELFSCAN).is_ok());
    }

    #[test]
    fn verre_cel_wordt_geweigerd() {
        let xlsx = zip_met(&[(
            "xl/worksheets/sheet1.xml",
            &blad(r#"<row r="1"><c r="A1"/></row><row r="1048576"><c r="XFD1048576"/></row>"#),
        )]);
        let fout = controleer(&xlsx, &ZELFSCAN).unwrap_err();
        assert!(fout.contains("buiten het bereik"), "{fout}");
    }

    #[test]
    fn rij_zonder_adres_telt_door() {
        // Cells without `r` are placed after the previous one: 65 of them pass column 64.
        let cellen = "<c/>".repeat(65);
        let xlsx = zip_met(&[(
            "xl/worksheets/sheet1.xml",
            &blad(&format!("<row>{cellen}</row>")),
        )]);
        assert!(controleer(&xlsx, &ZELFSCAN).is_err());
        let cellen = "<c/>".repeat(64);
        let xlsx = zip_met(&[(
            "xl/worksheets/sheet1.xml",
            &blad(&format!("<row>{cellen}</row>")),
        )]);
        assert!(controleer(&xlsx, &ZELFSCAN).is_ok());
    }

    #[test]
    fn blad_met_een_andere_extensie_wordt_ook_gecontroleerd() {
        let xlsx = zip_met(&[(
            "xl/worksheets/sheet1.dat",
            &blad(r#"<row r="1"><c r="A1"/></row><row r="2000"><c r="BL2000"/></row>"#),
        )]);
        assert!(controleer(&xlsx, &ZELFSCAN).is_err());
    }

    #[test]
    fn dimensie_buiten_bereik_wordt_geweigerd() {
        let xlsx = zip_met(&[(
            "xl/worksheets/sheet1.xml",
            br#"<worksheet><dimension ref="A1:XFD1048576"/><sheetData/></worksheet>"#,
        )]);
        assert!(controleer(&xlsx, &ZELFSCAN).is_err());
    }

    #[test]
    fn opgeblazen_onderdeel_wordt_geweigerd_zonder_het_te_bewaren() {
        // 17 MB of one character deflates to a few KB.
        let groot = vec![b'a'; 17 * 1024 * 1024];
        let xlsx = zip_met(&[("xl/sharedStrings.xml", &groot)]);
        assert!(xlsx.len() < 100_000, "{}", xlsx.len());
        let fout = controleer(&xlsx, &ZELFSCAN).unwrap_err();
        assert!(fout.contains("te groot"), "{fout}");
    }

    #[test]
    fn totaal_telt_alle_onderdelen() {
        let deel = vec![b'a'; 15 * 1024 * 1024];
        let namen = ["a.bin", "b.bin", "c.bin", "d.bin", "e.bin"];
        let onderdelen: Vec<(&str, &[u8])> = namen.iter().map(|n| (*n, &deel[..])).collect();
        assert!(controleer(&zip_met(&onderdelen), &ZELFSCAN).is_err());
        assert!(controleer(&zip_met(&onderdelen[..4]), &ZELFSCAN).is_ok());
    }

    #[test]
    fn geen_zip_is_geen_xlsx() {
        assert!(
            controleer(b"hallo", &ZELFSCAN)
                .unwrap_err()
                .contains("geen geldig")
        );
        assert!(controleer(b"PK\x03\x04kapot", &ZELFSCAN).is_err());
    }
}
