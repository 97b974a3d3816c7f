//! Reading a filled-in workbook back, all or nothing: every error with its sheet and cell, and no data when there is one.

use super::*;

/// Leest een ingevulde werkmap in. `gemeenten`: (code, naam) van de gemeenten in de ronde.
///
/// Alles-of-niets: bij één of meer fouten komen alle fouten terug en geen gegevens.
pub fn import_xlsx(
    bytes: &[u8],
    ronde_id: i64,
    vragenlijst: &Vragenlijst,
    gemeenten: &[(String, String)],
) -> Result<Vec<ImportGemeente>, Vec<ImportFout>> {
    crate::zelfscan::xlsx_grenzen::controleer(bytes, &crate::zelfscan::xlsx_grenzen::ZELFSCAN)
        .map_err(|melding| vec![ImportFout::new(GEEN_BLAD, None, melding)])?;
    let mut werkmap: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).map_err(|_| {
        vec![ImportFout::new(
            GEEN_BLAD,
            None,
            "Het bestand is geen geldig Excel-bestand (.xlsx). Sla het op als Excel-werkmap \
             (.xlsx) en probeer het opnieuw.",
        )]
    })?;

    let bladen: Vec<String> = werkmap
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .filter(|naam| {
            !VASTE_BLADEN
                .iter()
                .any(|vast| vast.eq_ignore_ascii_case(naam.trim()))
        })
        .collect();

    let mut fouten = Vec::new();
    let mut resultaat = Vec::new();
    let mut gezien: HashMap<String, String> = HashMap::new();
    for blad in &bladen {
        let bereik = match werkmap.worksheet_range(blad) {
            Ok(bereik) => bereik,
            Err(e) => {
                fouten.push(ImportFout::new(
                    blad,
                    None,
                    format!("het tabblad kon niet worden gelezen ({e})."),
                ));
                continue;
            }
        };
        let lezer = BladLezer {
            blad,
            bereik: &bereik,
        };
        let code = lezer.gemeentecode(gemeenten, &mut fouten);
        if let Some(code) = &code
            && let Some(eerder) = gezien.insert(code.clone(), blad.clone())
        {
            fouten.push(lezer.fout(
                RIJ_CODE,
                format!(
                    "de gemeentecode '{code}' in cel B3 staat ook op blad '{eerder}'; \
                     elke gemeente mag maar één keer in het bestand staan."
                ),
            ));
        }
        lezer.controleer_versie(&vragenlijst.versie, &mut fouten);
        lezer.controleer_ronde(ronde_id, &mut fouten);
        let antwoorden = lezer.antwoorden(vragenlijst, &mut fouten);
        if let Some(code) = code {
            resultaat.push(ImportGemeente { code, antwoorden });
        }
    }

    if bladen.is_empty() {
        fouten.push(ImportFout::new(
            GEEN_BLAD,
            None,
            "Het bestand bevat geen tabbladen van gemeenten.",
        ));
    }
    if fouten.is_empty() {
        Ok(resultaat)
    } else {
        Err(fouten)
    }
}

/// Een celwaarde zoals de import die ziet, los van het programma dat het bestand opsloeg.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Waarde {
    Leeg,
    /// Tekst (getrimd, niet leeg) of een getal als tekst ("7" voor 7.0).
    Tekst(String),
    /// Iets wat geen tekst of getal is; bevat een beschrijving voor de foutmelding.
    Ongeldig(String),
}

impl Waarde {
    pub(super) fn van(data: Option<&Data>) -> Self {
        let tekst = match data {
            None | Some(Data::Empty) => return Self::Leeg,
            Some(Data::String(s)) => s.replace("\r\n", "\n").trim().to_string(),
            Some(Data::Int(n)) => n.to_string(),
            Some(Data::Float(f)) => getal_als_tekst(*f),
            Some(Data::Bool(b)) => {
                return Self::Ongeldig(format!("de waarde {}", if *b { "WAAR" } else { "ONWAAR" }));
            }
            Some(Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_)) => {
                return Self::Ongeldig("een datum of tijd".to_string());
            }
            Some(Data::Error(e)) => return Self::Ongeldig(format!("de foutwaarde {e}")),
        };
        if tekst.is_empty() {
            Self::Leeg
        } else {
            Self::Tekst(tekst)
        }
    }

    /// Voor foutmeldingen: "'ja'", "de waarde WAAR", "een lege cel".
    fn beschrijving(&self) -> String {
        match self {
            Self::Leeg => "een lege cel".to_string(),
            Self::Tekst(s) => format!("'{s}'"),
            Self::Ongeldig(b) => b.clone(),
        }
    }
}

/// 7.0 → "7"; 7.5 → "7.5".
pub(super) fn getal_als_tekst(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

/// Vraagnummer uit kolom A: 7, 7.0 of "7".
pub(super) fn vraagnummer(tekst: &str) -> Option<u16> {
    tekst.parse().ok().or_else(|| {
        let f: f64 = tekst.replace(',', ".").parse().ok()?;
        (f.fract() == 0.0)
            .then_some(f)
            .and_then(|f| u16::try_from(f as i64).ok())
    })
}

pub(super) struct BladLezer<'a> {
    blad: &'a str,
    bereik: &'a Range<Data>,
}

impl BladLezer<'_> {
    fn waarde(&self, rij: u32, kol: u16) -> Waarde {
        Waarde::van(self.bereik.get_value((rij, u32::from(kol))))
    }

    /// Fout bij 0-gebaseerde rij `rij`.
    fn fout(&self, rij: u32, melding: impl Into<String>) -> ImportFout {
        ImportFout::new(self.blad, Some(rij + 1), melding)
    }

    /// De (canonieke) gemeentecode uit B3, of `None` met een fout.
    fn gemeentecode(
        &self,
        gemeenten: &[(String, String)],
        fouten: &mut Vec<ImportFout>,
    ) -> Option<String> {
        let melding = match self.waarde(RIJ_CODE, KOL_WAARDE) {
            Waarde::Tekst(code) => {
                let gevonden = gemeenten
                    .iter()
                    .find(|(c, _)| c.trim().to_lowercase() == code.to_lowercase());
                match gevonden {
                    Some((c, _)) => return Some(c.clone()),
                    None => format!(
                        "de gemeentecode '{code}' in cel B3 hoort niet bij een gemeente in deze \
                         ronde; wijzig cel B3 niet."
                    ),
                }
            }
            w => format!(
                "cel B3 hoort de gemeentecode te bevatten, maar bevat {}. Wijzig cel B3 niet; \
                 hebt u dit tabblad zelf toegevoegd, verwijder het dan.",
                w.beschrijving()
            ),
        };
        fouten.push(self.fout(RIJ_CODE, melding));
        None
    }

    /// B4 mag leeg zijn, maar anders moet het de versie van de vragenlijst van de ronde zijn.
    fn controleer_versie(&self, versie: &str, fouten: &mut Vec<ImportFout>) {
        match self.waarde(RIJ_VERSIE, KOL_WAARDE) {
            Waarde::Leeg => {}
            Waarde::Tekst(v) if v == versie => {}
            w => fouten.push(self.fout(
                RIJ_VERSIE,
                format!(
                    "dit tabblad hoort bij vragenlijst {}, maar deze ronde gebruikt vragenlijst \
                     '{versie}'; gebruik een export van deze ronde.",
                    w.beschrijving()
                ),
            )),
        }
    }

    /// B5 moet het nummer van de ronde zijn waarin wordt geïmporteerd: een export van een
    /// andere ronde (of een bestand zonder rondenummer) overschrijft niets.
    fn controleer_ronde(&self, ronde_id: i64, fouten: &mut Vec<ImportFout>) {
        let melding = match self.waarde(RIJ_RONDE, KOL_WAARDE) {
            Waarde::Tekst(r) if r == ronde_id.to_string() => return,
            Waarde::Tekst(r) => format!(
                "dit tabblad komt uit de export van scanronde {r}, niet van scanronde \
                 {ronde_id}. Er is niets overschreven; exporteer deze ronde en vul die in."
            ),
            w => format!(
                "cel B5 hoort het nummer van de scanronde te bevatten, maar bevat {}. Gebruik \
                 een export van scanronde {ronde_id} en wijzig cel B5 niet.",
                w.beschrijving()
            ),
        };
        fouten.push(self.fout(RIJ_RONDE, melding));
    }

    /// Eén antwoord per vraag. Bij een fout in de nummering (ontbrekende of verschoven vraag)
    /// stopt de controle van dit blad na één melding; alle andere fouten worden verzameld.
    fn antwoorden(
        &self,
        vragenlijst: &Vragenlijst,
        fouten: &mut Vec<ImportFout>,
    ) -> Vec<VraagAntwoord> {
        let mut antwoorden = Vec::with_capacity(vragenlijst.vragen.len());
        for (rij, vraag) in (RIJ_EERSTE_VRAAG..).zip(&vragenlijst.vragen) {
            let nr = vraag.nummer;
            let melding = match self.waarde(rij, KOL_NR) {
                Waarde::Tekst(s) if vraagnummer(&s) == Some(nr) => None,
                Waarde::Leeg => Some(format!(
                    "vraag {nr} ontbreekt; die hoort in deze rij te staan. Kolom A is leeg; \
                     {NIET_WIJZIGEN}"
                )),
                w => Some(format!(
                    "in kolom A staat {}, maar in deze rij hoort vraag {nr}; {NIET_WIJZIGEN}",
                    w.beschrijving()
                )),
            };
            if let Some(melding) = melding {
                fouten.push(self.fout(rij, melding));
                break;
            }
            antwoorden.push(VraagAntwoord {
                vraag: nr,
                antwoord: self.antwoord(rij, fouten),
                toelichting: self.toelichting(rij, fouten),
            });
        }
        antwoorden
    }

    fn antwoord(&self, rij: u32, fouten: &mut Vec<ImportFout>) -> Option<Antwoord> {
        let melding = match self.waarde(rij, KOL_ANTWOORD) {
            Waarde::Leeg => return None,
            Waarde::Tekst(s) => match Antwoord::parse_label(&s) {
                Some(a) => return Some(a),
                None => format!("het antwoord '{s}' is ongeldig; {KIES_ANTWOORD}"),
            },
            Waarde::Ongeldig(b) => {
                format!("het antwoord in kolom E is ongeldig: de cel bevat {b}; {KIES_ANTWOORD}")
            }
        };
        fouten.push(self.fout(rij, melding));
        None
    }

    fn toelichting(&self, rij: u32, fouten: &mut Vec<ImportFout>) -> String {
        let melding = match self.waarde(rij, KOL_TOELICHTING) {
            Waarde::Leeg => return String::new(),
            Waarde::Tekst(s) => {
                let lengte = s.chars().count();
                if lengte <= MAX_TOELICHTING {
                    return s;
                }
                format!(
                    "de toelichting is {lengte} tekens lang; maximaal {MAX_TOELICHTING} tekens \
                     zijn toegestaan."
                )
            }
            Waarde::Ongeldig(b) => {
                format!("de toelichting in kolom F bevat {b}; vul tekst in of laat de cel leeg.")
            }
        };
        fouten.push(self.fout(rij, melding));
        String::new()
    }
}
