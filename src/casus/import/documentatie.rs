//! The table of fields for the documentation (`docs/casus-import.md`).

use super::*;

/// The per-kind column tables of `docs/casus-import.md`, generated from the field declarations
/// (a unit test keeps the document in step with `velden.rs`).
pub fn veldentabel() -> String {
    let mut uit = String::new();
    for soort in Soort::ALLE.iter().copied() {
        uit.push_str(&format!(
            "### `{}`: {}\n\nBetekenis van de kolom `tijdstip`: {}.\n\n| Kolom | Betekenis | Verplicht | Invoer | Gegevens |\n|---|---|---|---|---|\n",
            soort.code(),
            soort.label(),
            soort.tijdstip_label(),
        ));
        for v in velden::velden(soort) {
            let invoer = match v.type_ {
                velden::Type::Tekst => "tekst (max. 300 tekens)".to_string(),
                velden::Type::Lang => "tekst (max. 5000 tekens)".to_string(),
                velden::Type::JaNee => "`ja` of `nee`".to_string(),
                velden::Type::Datum => "datum: `JJJJ-MM-DD` of `DD-MM-JJJJ`".to_string(),
                velden::Type::Tijdstip => "tijdstip: `JJJJ-MM-DD UU:MM`".to_string(),
                velden::Type::Keuze(k) => format!("één van: {}", keuzecodes(k)),
                velden::Type::VtOrganisatie => {
                    "de naam of code van een Veilig Thuis-organisatie van de regio".to_string()
                }
                velden::Type::Meerkeuze(k) => {
                    format!("één of meer, gescheiden door `\\|`: {}", keuzecodes(k))
                }
            };
            uit.push_str(&format!(
                "| `{}` | {} | {} | {} | {} |\n",
                v.code,
                v.label.replace('|', "\\|"),
                if v.verplicht { "ja" } else { "nee" },
                invoer,
                if v.is_persoonlijk() {
                    "persoonsgegevens"
                } else {
                    "proces"
                },
            ));
        }
        let statussen = codes(toegestane_statussen(soort), Status::code);
        uit.push_str(&format!(
            "\nKolom `status` (optioneel): {statussen}. Leeg: `{}`.\n\n",
            soort.begin_status().code()
        ));
    }
    uit.trim_end().to_string() + "\n"
}

fn keuzecodes(k: &[(&str, &str)]) -> String {
    k.iter()
        .map(|(c, l)| format!("`{c}` ({l})"))
        .collect::<Vec<_>>()
        .join(", ")
}
