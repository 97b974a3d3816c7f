//! The audit log as CSV (for the privacy officer and the beheerder): semicolon-separated (as
//! Dutch Excel expects), UTF-8 with a byte-order mark, every field quoted when needed. Cells
//! that Excel would read as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage
//! return) get a leading `'`, so a crafted value (an e-mail address, a detail) never runs.

use super::model::AuditRegel;

pub const KOLOMMEN: [&str; 16] = [
    "id",
    "tijd_utc",
    "gebruiker",
    "organisatie",
    "namens",
    "code",
    "object_type",
    "object_id",
    "betrokkene_pseudoniem",
    "doel",
    "doel_omschrijving",
    "grondslag",
    "uitkomst",
    "details",
    "vorige_hash",
    "hash",
];

/// A cell as text Excel will not evaluate.
pub fn veilige_cel(waarde: &str) -> String {
    match waarde.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{waarde}"),
        _ => waarde.to_string(),
    }
}

/// Builds the file row by row.
pub struct Schrijver {
    csv: csv::Writer<Vec<u8>>,
}

impl Schrijver {
    pub fn nieuw() -> Self {
        let mut csv = csv::WriterBuilder::new()
            .delimiter(b';')
            .from_writer(b"\xEF\xBB\xBF".to_vec());
        // Writing into memory cannot fail.
        let _ = csv.write_record(KOLOMMEN);
        Self { csv }
    }

    pub fn regel(&mut self, r: &AuditRegel) {
        let velden = [
            r.id.to_string(),
            r.tijd.clone(),
            r.actor.clone(),
            r.organisatie.clone().unwrap_or_default(),
            r.namens.clone(),
            r.code.clone(),
            r.object_type.clone(),
            r.object_id.clone(),
            r.betrokkene.clone(),
            r.doel.clone(),
            if r.doel.is_empty() {
                String::new()
            } else {
                r.doel_omschrijving().to_string()
            },
            r.grondslag.clone(),
            r.uitkomst.clone(),
            r.details.clone(),
            r.vorige_hash.clone(),
            r.hash.clone(),
        ];
        let _ = self.csv.write_record(velden.iter().map(|v| veilige_cel(v)));
    }

    pub fn klaar(self) -> Vec<u8> {
        self.csv.into_inner().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formules_worden_tekst() {
        for w in ["=1+1", "+31", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert!(veilige_cel(w).starts_with('\''), "{w:?}");
        }
        assert_eq!(veilige_cel("casus.gelezen"), "casus.gelezen");
        assert_eq!(veilige_cel(""), "");
    }
}
