//! `voorop casus import --formaat csv FILE`: bulk registration of afstemmingsmomenten, for
//! migrating existing registers. The format is documented in `docs/casus-import.md`.
//!
//! All or nothing: every row is validated first (errors name the row as a spreadsheet shows it,
//! header = row 1, and the column); only when the whole file is valid are all rows stored in
//! one transaction, with one `casus.import` audit entry. Error messages never repeat what was
//! typed in a personal-data column (names, dates of birth, free text about people).

use super::model::{Soort, Status};
use super::{repo, service, velden};
use crate::audit::{self, Actor, AuditEvent};
use crate::config::Sleutel;
use crate::db::Db;
use crate::error::{AppError, AppResult, Veldfout};
use crate::organisatie::model::RegioCode;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The case-level columns; every other column is a field code of one or more kinds.
pub const BASISKOLOMMEN: [&str; 8] = [
    "soort",
    "regio",
    "organisatie",
    "tijdstip",
    "casus_ref",
    "persoon_naam",
    "persoon_geboortedatum",
    "status",
];

/// Columns every file must have.
pub const VERPLICHTE_KOLOMMEN: [&str; 4] = ["soort", "regio", "organisatie", "tijdstip"];

/// After this many errors validation stops (the user fixes these first).
pub const MAX_FOUTEN: usize = 50;

/// What an import stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Samenvatting {
    /// Moments per kind, in the order of `Soort::ALLE` (kinds without rows included, with 0).
    pub per_soort: Vec<(Soort, usize)>,
    pub momenten: usize,
    pub casussen: usize,
}

/// The statuses an import may set for a kind. `geagendeerd` is left out: it needs a meeting
/// of the Actie-overleg, which is planned in the application.
pub fn toegestane_statussen(soort: Soort) -> &'static [Status] {
    match soort {
        Soort::Actieoverleg => &[
            Status::Ingediend,
            Status::Geaccepteerd,
            Status::Afgewezen,
            Status::Besproken,
            Status::AfsprakenLopen,
            Status::Afgerond,
        ],
        _ => &[Status::Open, Status::Afgerond],
    }
}

// ---- reading the file -----------------------------------------------------------------------

/// The file as text: without a UTF-8 byte order mark; bytes that are not UTF-8 are read as
/// Windows-1252 (what Excel writes for "CSV (gescheiden door lijstscheidingsteken)").
pub fn decodeer(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => bytes.iter().map(|b| windows_1252(*b)).collect(),
    }
}

fn windows_1252(b: u8) -> char {
    const HOOG: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HOOG[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// The delimiter of the file: `;` when the header line has more semicolons than commas (Dutch
/// Excel), otherwise `,`. Quoted parts of the header are not counted.
pub fn scheidingsteken(tekst: &str) -> u8 {
    let kop = tekst.lines().next().unwrap_or("");
    let (mut komma, mut puntkomma, mut in_aanhaling) = (0, 0, false);
    for c in kop.chars() {
        match c {
            '"' => in_aanhaling = !in_aanhaling,
            ',' if !in_aanhaling => komma += 1,
            ';' if !in_aanhaling => puntkomma += 1,
            _ => {}
        }
    }
    if puntkomma > komma { b';' } else { b',' }
}

/// A parsed file: normalised column names (empty for a column without a name) and the data
/// rows with their spreadsheet row number. Completely empty rows are left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Tabel {
    pub kolommen: Vec<String>,
    pub rijen: Vec<(usize, Vec<String>)>,
}

pub fn lees(bytes: &[u8]) -> Result<Tabel, Vec<Veldfout>> {
    let tekst = decodeer(bytes);
    let mut lezer = csv::ReaderBuilder::new()
        .delimiter(scheidingsteken(&tekst))
        .has_headers(false)
        .flexible(true)
        .from_reader(tekst.as_bytes());
    let mut kolommen: Option<Vec<String>> = None;
    let mut rijen = vec![];
    for (i, record) in lezer.records().enumerate() {
        let rij = i + 1;
        let record = record.map_err(|e| {
            vec![Veldfout::new(
                "bestand",
                format!("Rij {rij}: het bestand kan hier niet worden gelezen ({e})."),
            )]
        })?;
        let velden: Vec<String> = record.iter().map(|v| v.trim().to_string()).collect();
        if kolommen.is_none() {
            kolommen = Some(velden.iter().map(|k| k.to_lowercase()).collect());
        } else if velden.iter().any(|v| !v.is_empty()) {
            rijen.push((rij, velden));
        }
    }
    match kolommen {
        Some(k) if k.iter().any(|k| !k.is_empty()) => Ok(Tabel { kolommen: k, rijen }),
        _ => Err(vec![Veldfout::new(
            "bestand",
            "Rij 1: het bestand is leeg; de eerste rij moet de kolomnamen bevatten (zie docs/casus-import.md).",
        )]),
    }
}

// ---- validation -----------------------------------------------------------------------------

/// "Rij 7, kolom 'reactie': kies een van …". A field label at the start of a message from the
/// field validation ("'Reactie van Veilig Thuis': …") is dropped: the column already says it.
pub fn melding(rij: usize, kolom: Option<&str>, tekst: &str) -> String {
    let mut tekst = tekst.trim();
    if let Some(rest) = tekst.strip_prefix('\'')
        && let Some(eind) = rest.find('\'')
        && let Some(na) = rest[eind + 1..].strip_prefix(": ")
    {
        tekst = na;
    }
    let mut tekens = tekst.chars();
    let tekst = match (tekens.next(), tekens.next()) {
        (Some(eerste), Some(tweede)) if eerste.is_uppercase() && tweede.is_lowercase() => {
            eerste.to_lowercase().chain(tekst.chars().skip(1)).collect()
        }
        _ => tekst.to_string(),
    };
    match kolom {
        Some(k) => format!("Rij {rij}, kolom '{k}': {tekst}"),
        None => format!("Rij {rij}: {tekst}"),
    }
}

/// A validated row, ready to store.
#[derive(Debug, Clone)]
struct Rij {
    /// Row number in the file (for errors found while storing).
    nummer: usize,
    registratie: service::Registratie,
    organisatie_id: i64,
    regio: String,
    casus_ref: Option<String>,
    status: Option<Status>,
}

/// Which kinds have a field with this code.
fn soorten_met_veld(code: &str) -> Vec<Soort> {
    Soort::ALLE
        .iter()
        .copied()
        .filter(|s| velden::veld(*s, code).is_some())
        .collect()
}

fn codes<T: Copy>(lijst: &[T], code: impl Fn(T) -> &'static str) -> String {
    lijst
        .iter()
        .map(|x| code(*x))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Checks the header: unknown, duplicate and missing columns.
fn kop_controleren(kolommen: &[String]) -> Vec<Veldfout> {
    let mut fouten = vec![];
    let mut gezien = BTreeSet::new();
    for k in kolommen.iter().filter(|k| !k.is_empty()) {
        if !BASISKOLOMMEN.contains(&k.as_str()) && soorten_met_veld(k).is_empty() {
            fouten.push(Veldfout::new(
                k.clone(),
                melding(
                    1,
                    None,
                    &format!(
                        "onbekende kolom '{k}'. Gebruik {} en de veldcodes uit docs/casus-import.md.",
                        BASISKOLOMMEN.join(", ")
                    ),
                ),
            ));
        } else if !gezien.insert(k.as_str()) {
            fouten.push(Veldfout::new(
                k.clone(),
                melding(
                    1,
                    None,
                    &format!("de kolom '{k}' staat er meer dan één keer in."),
                ),
            ));
        }
    }
    for k in VERPLICHTE_KOLOMMEN {
        if !gezien.contains(k) {
            fouten.push(Veldfout::new(
                k,
                melding(1, None, &format!("de kolom '{k}' ontbreekt.")),
            ));
        }
    }
    fouten
}

/// Validates every row (reading organisations from the database) and returns the rows to
/// store, or all errors (at most `MAX_FOUTEN`, plus a closing line when it stopped early).
async fn valideren(
    db: &Db,
    sleutel: Option<&Sleutel>,
    tabel: &Tabel,
) -> AppResult<Result<Vec<Rij>, Vec<Veldfout>>> {
    let mut fouten = kop_controleren(&tabel.kolommen);
    if !fouten.is_empty() {
        return Ok(Err(fouten));
    }
    let mut organisaties: HashMap<String, Option<(i64, String, bool)>> = HashMap::new();
    // casus_ref → (first row, regio, pseudonym) of the first row with that reference.
    let mut refs: HashMap<String, (usize, String, Option<String>)> = HashMap::new();
    let mut sleutel_gemeld = false;
    let mut rijen = vec![];
    for (rij, waarden) in &tabel.rijen {
        let rij = *rij;
        if fouten.len() >= MAX_FOUTEN {
            break;
        }
        let mut cel: BTreeMap<&str, &str> = BTreeMap::new();
        for (i, waarde) in waarden.iter().enumerate() {
            match tabel.kolommen.get(i).map(String::as_str) {
                Some(k) if !k.is_empty() => {
                    cel.insert(k, waarde);
                }
                _ if waarde.is_empty() => {}
                _ => fouten.push(Veldfout::new(
                    "bestand",
                    melding(
                        rij,
                        None,
                        &format!(
                            "kolom {} heeft geen naam in de eerste rij maar is wel ingevuld; geef de kolom een naam of maak haar leeg.",
                            i + 1
                        ),
                    ),
                )),
            }
        }
        let waarde = |k: &str| cel.get(k).copied().unwrap_or("");
        let mut fout = |kolom: &str, tekst: &str| {
            fouten.push(Veldfout::new(kolom, melding(rij, Some(kolom), tekst)));
        };

        let soort = Soort::parse(&waarde("soort").to_lowercase());
        if soort.is_none() {
            let w = waarde("soort");
            fout(
                "soort",
                &if w.is_empty() {
                    format!("vul de soort in ({}).", codes(Soort::ALLE, Soort::code))
                } else {
                    format!(
                        "kies een van {} (niet '{w}').",
                        codes(Soort::ALLE, Soort::code)
                    )
                },
            );
        }
        let regio = match RegioCode::parse(&waarde("regio").to_lowercase()) {
            Ok(r) => Some(r.as_str().to_string()),
            Err(_) if waarde("regio").is_empty() => {
                fout("regio", "vul de regiocode in, bijvoorbeeld oost-brabant.");
                None
            }
            Err(m) => {
                fout("regio", &m);
                None
            }
        };
        let org_code = waarde("organisatie").to_lowercase();
        let organisatie = if org_code.is_empty() {
            fout(
                "organisatie",
                "vul de code van de registrerende organisatie in.",
            );
            None
        } else {
            let gevonden = match organisaties.get(&org_code) {
                Some(o) => o.clone(),
                None => {
                    let o = crate::organisatie::repo::op_code(db, &org_code)
                        .await?
                        .map(|o| (o.id, o.regio_code, o.actief));
                    organisaties.insert(org_code.clone(), o.clone());
                    o
                }
            };
            match (gevonden, &regio) {
                (None, _) => {
                    fout(
                        "organisatie",
                        &format!(
                            "onbekende organisatie '{org_code}'; voeg haar eerst toe met 'voorop organisatie add'."
                        ),
                    );
                    None
                }
                (Some((_, _, false)), _) => {
                    fout(
                        "organisatie",
                        &format!(
                            "organisatie '{org_code}' is inactief (Beheer › Organisaties); zij kan geen nieuwe momenten registreren."
                        ),
                    );
                    None
                }
                (Some((_, o_regio, _)), Some(r)) if o_regio != *r => {
                    fout(
                        "organisatie",
                        &format!(
                            "organisatie '{org_code}' hoort bij regio '{o_regio}', niet bij '{r}'."
                        ),
                    );
                    None
                }
                (Some((id, _, _)), _) => Some(id),
            }
        };
        let Some(soort) = soort else {
            continue;
        };
        // Columns of other kinds must be empty for this row.
        for (k, w) in &cel {
            if !w.is_empty() && !BASISKOLOMMEN.contains(k) && velden::veld(soort, k).is_none() {
                fout(
                    k,
                    &format!(
                        "deze kolom hoort niet bij soort '{}'; laat haar leeg.",
                        soort.code()
                    ),
                );
            }
        }
        let status = match waarde("status").to_lowercase().as_str() {
            "" => None,
            s => match Status::parse(s).filter(|s| toegestane_statussen(soort).contains(s)) {
                Some(s) => Some(s),
                None => {
                    fout(
                        "status",
                        &format!(
                            "kies voor soort '{}' een van {} (niet '{s}').",
                            soort.code(),
                            codes(toegestane_statussen(soort), Status::code)
                        ),
                    );
                    None
                }
            },
        };
        let mut invoer = service::MomentInvoer {
            tijdstip: waarde("tijdstip").to_string(),
            persoon_naam: waarde("persoon_naam").to_string(),
            persoon_geboortedatum: waarde("persoon_geboortedatum").to_string(),
            velden: velden::velden(soort)
                .iter()
                .filter_map(|v| {
                    let w = waarde(v.code);
                    (!w.is_empty()).then(|| (v.code.to_string(), w.replace('|', ",")))
                })
                .collect(),
            ..Default::default()
        };
        if sleutel.is_none()
            && !(invoer.persoon_naam.is_empty() && invoer.persoon_geboortedatum.is_empty())
        {
            // Reported once: the remedy is the same for every row.
            if !sleutel_gemeld {
                sleutel_gemeld = true;
                fout(
                    if invoer.persoon_naam.is_empty() {
                        "persoon_geboortedatum"
                    } else {
                        "persoon_naam"
                    },
                    "naam en geboortedatum worden alleen gebruikt voor een pseudoniem, en daarvoor is geen sleutel ingesteld. Stel VOOROP_PSEUDONIEM_SLEUTEL in (minstens 32 tekens) of laat persoon_naam en persoon_geboortedatum in alle rijen leeg.",
                );
            }
            invoer.persoon_naam.clear();
            invoer.persoon_geboortedatum.clear();
        }
        let registratie = match service::valideer(sleutel, soort, &invoer) {
            Ok(r) => Some(r),
            Err(f) => {
                for f in f {
                    fout(&f.veld, &f.melding);
                }
                None
            }
        };
        let casus_ref = Some(waarde("casus_ref").to_string()).filter(|r| !r.is_empty());
        if let (Some(cref), Some(r), Some(reg)) = (&casus_ref, &regio, &registratie) {
            match refs.get(cref) {
                None => {
                    refs.insert(cref.clone(), (rij, r.clone(), reg.pseudoniem.clone()));
                }
                Some((eerste, eerste_regio, _)) if eerste_regio != r => fout(
                    "casus_ref",
                    &format!(
                        "dezelfde casus_ref als rij {eerste}, maar een andere regio; één casus hoort bij één regio."
                    ),
                ),
                Some((eerste, _, Some(p))) if reg.pseudoniem.as_ref().is_some_and(|q| q != p) => {
                    fout(
                        "persoon_naam",
                        &format!(
                            "dezelfde casus_ref als rij {eerste}, maar naam of geboortedatum geeft een andere persoon."
                        ),
                    )
                }
                Some((eerste, _, None)) if reg.pseudoniem.is_some() => {
                    // The case gets the pseudonym of the first row that has one.
                    let eerste = *eerste;
                    refs.insert(cref.clone(), (eerste, r.clone(), reg.pseudoniem.clone()));
                }
                Some(_) => {}
            }
        }
        if let (Some(registratie), Some(organisatie_id), Some(regio)) =
            (registratie, organisatie, regio)
        {
            rijen.push(Rij {
                nummer: rij,
                registratie,
                organisatie_id,
                regio,
                casus_ref,
                status,
            });
        }
    }
    if fouten.len() >= MAX_FOUTEN {
        fouten.truncate(MAX_FOUTEN);
        fouten.push(Veldfout::new(
            "bestand",
            format!(
                "Na {MAX_FOUTEN} fouten is de controle gestopt; verbeter deze en importeer opnieuw."
            ),
        ));
    }
    if tabel.rijen.is_empty() && fouten.is_empty() {
        fouten.push(Veldfout::new(
            "bestand",
            "Het bestand bevat geen rijen onder de kolomnamen; er is niets te importeren.",
        ));
    }
    Ok(if fouten.is_empty() {
        Ok(rijen)
    } else {
        Err(fouten)
    })
}

// ---- storing --------------------------------------------------------------------------------

/// Sets the imported final status of a moment (when it differs from the kind's start status)
/// and audits the change. Step dates (voorbespreking, bespreking, afronding) are not invented.
async fn status_zetten(
    tx: &mut sqlx::SqliteConnection,
    actor: &Actor,
    moment: i64,
    r: &service::Registratie,
    status: Status,
) -> AppResult<()> {
    if status == r.soort.begin_status() {
        return Ok(());
    }
    repo::moment_bijwerken(tx, moment, &r.tijdstip, status, &r.waarden.proces, None).await?;
    audit::schrijf(
        tx,
        actor,
        AuditEvent::MomentGewijzigd {
            moment,
            wat: status.code(),
        },
    )
    .await?;
    Ok(())
}

/// Imports a CSV file (bytes as read from disk): validates everything, then stores all rows in
/// one transaction, or nothing. Validation errors come back as `AppError::Validatie`, each with
/// the column as field and a complete Dutch sentence ("Rij 7, kolom 'reactie': …") as message.
pub async fn importeren(
    db: &Db,
    sleutel: Option<&Sleutel>,
    actor: &Actor,
    bytes: &[u8],
) -> AppResult<Samenvatting> {
    let tabel = lees(bytes).map_err(AppError::Validatie)?;
    let rijen = valideren(db, sleutel, &tabel)
        .await?
        .map_err(AppError::Validatie)?;
    let mut tx = crate::db::begin(db).await?;
    let mut casus_van_ref: HashMap<&str, i64> = HashMap::new();
    let mut casussen = BTreeSet::new();
    let mut per_soort: BTreeMap<&'static str, usize> = BTreeMap::new();
    for rij in &rijen {
        let mut r = rij.registratie.clone();
        r.casus = rij
            .casus_ref
            .as_deref()
            .and_then(|c| casus_van_ref.get(c).copied());
        // Errors only the database can find (e.g. which Actie-overleg) name the row too.
        let moment = service::opslaan_in(&mut tx, actor, rij.organisatie_id, &rij.regio, &r)
            .await
            .map_err(|e| match e {
                AppError::Validatie(f) => AppError::Validatie(
                    f.into_iter()
                        .map(|f| {
                            Veldfout::new(f.veld.clone(), melding(rij.nummer, None, &f.melding))
                        })
                        .collect(),
                ),
                e => e,
            })?;
        if let Some(status) = rij.status {
            status_zetten(&mut tx, actor, moment, &r, status).await?;
        }
        let casus = match r.casus {
            Some(c) => c,
            None => {
                let m = repo::moment(&mut tx, moment)
                    .await?
                    .ok_or(AppError::NietGevonden("Het zojuist opgeslagen moment"))?;
                if let Some(c) = rij.casus_ref.as_deref() {
                    casus_van_ref.insert(c, m.casus_id);
                }
                m.casus_id
            }
        };
        casussen.insert(casus);
        *per_soort.entry(r.soort.code()).or_default() += 1;
    }
    audit::schrijf(
        &mut tx,
        actor,
        AuditEvent::CasusImport {
            momenten: rijen.len(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Samenvatting {
        per_soort: Soort::ALLE
            .iter()
            .map(|s| (*s, per_soort.get(s.code()).copied().unwrap_or(0)))
            .collect(),
        momenten: rijen.len(),
        casussen: casussen.len(),
    })
}

// ---- documentation --------------------------------------------------------------------------

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

#[cfg(test)]
mod tests {
    use super::*;

    const BEGIN: &str = "<!-- velden:begin (gegenereerd door src/casus/import.rs) -->";
    const EIND: &str = "<!-- velden:eind -->";

    #[test]
    fn scheidingsteken_uit_kopregel() {
        assert_eq!(scheidingsteken("soort;regio;organisatie;tijdstip\n"), b';');
        assert_eq!(scheidingsteken("soort,regio,organisatie,tijdstip\n"), b',');
        // A quoted comma in a ;-separated header does not count.
        assert_eq!(scheidingsteken("\"a,b,c\";regio;x\r\n1,2,3,4,5,6"), b';');
        assert_eq!(scheidingsteken(""), b',');
        let t = lees(b"soort;regio\r\nzsm;oost-brabant\r\n").unwrap();
        assert_eq!(t.kolommen, ["soort", "regio"]);
        assert_eq!(t.rijen, [(2, vec!["zsm".into(), "oost-brabant".into()])]);
    }

    #[test]
    fn bom_en_windows_1252() {
        let t = lees("\u{feff}Soort,Regio\nacuut,limburg\n".as_bytes()).unwrap();
        assert_eq!(
            t.kolommen,
            ["soort", "regio"],
            "BOM hoort niet in de kolomnaam"
        );
        // "Zoë" in Windows-1252 (0xEB) and a euro sign (0x80).
        let t = lees(b"persoon_naam;x\nZo\xeb \x80;1\n").unwrap();
        assert_eq!(t.rijen[0].1[0], "Zoë €");
        // Empty rows (Excel's trailing ";;;") are skipped but still count as rows.
        let t = lees(b"soort;regio\n;\nzsm;limburg\n").unwrap();
        assert_eq!(t.rijen.len(), 1);
        assert_eq!(t.rijen[0].0, 3);
        assert!(lees(b"").is_err());
    }

    #[test]
    fn melding_met_rij_en_kolom() {
        assert_eq!(
            melding(
                7,
                Some("reactie"),
                "'Reactie van Veilig Thuis': kies een van telefonisch, teams, ter_plaatse, geen (niet 'fiets')."
            ),
            "Rij 7, kolom 'reactie': kies een van telefonisch, teams, ter_plaatse, geen (niet 'fiets')."
        );
        assert_eq!(
            melding(3, Some("ots"), "'OTS' moet ja of nee zijn, niet 'x'."),
            "Rij 3, kolom 'ots': 'OTS' moet ja of nee zijn, niet 'x'."
        );
        assert_eq!(
            melding(2, None, "Vul de naam in."),
            "Rij 2: vul de naam in."
        );
        assert_eq!(melding(2, None, "VT kwam niet."), "Rij 2: VT kwam niet.");
    }

    #[test]
    fn basiskolommen_botsen_niet_met_veldcodes() {
        for k in BASISKOLOMMEN {
            assert!(soorten_met_veld(k).is_empty(), "{k} is ook een veldcode");
        }
    }

    async fn testdb() -> (tempfile::TempDir, Db) {
        let dir = tempfile::tempdir().unwrap();
        let db = crate::db::open(&dir.path().join("import.db"))
            .await
            .unwrap();
        crate::referentiedata_laden(&db).await.unwrap();
        for (code, soort) in [
            ("vt-oost-brabant", "veilig_thuis"),
            ("politie-oost-brabant", "politie"),
            ("om-oost-brabant", "om"),
        ] {
            crate::organisatie::service::toevoegen(
                &db,
                code,
                &format!("{code} (test)"),
                soort,
                "oost-brabant",
            )
            .await
            .unwrap();
        }
        crate::organisatie::service::toevoegen(
            &db,
            "vt-limburg",
            "VT L",
            "veilig_thuis",
            "limburg",
        )
        .await
        .unwrap();
        (dir, db)
    }

    fn sleutel() -> Sleutel {
        Sleutel::new(crate::config::DEMO_SLEUTEL.as_bytes())
    }

    async fn tel(db: &Db, tabel: &str) -> i64 {
        sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {tabel}"))
            .fetch_one(db)
            .await
            .unwrap()
    }

    fn meldingen(e: AppError) -> Vec<String> {
        match e {
            AppError::Validatie(f) => f.into_iter().map(|f| f.melding).collect(),
            e => panic!("geen validatiefout: {e}"),
        }
    }

    #[tokio::test]
    async fn alles_of_niets() {
        let (_dir, db) = testdb().await;
        let csv = "soort;regio;organisatie;tijdstip;casus_ref;persoon_naam;persoon_geboortedatum;reactie;veiligheidsbeoordeling;maatregelen;situatie;vt_betrokkenheid;contact_verkregen;vt_afdoeningsoverleg\n\
            acuut;oost-brabant;politie-oost-brabant;2025-03-14 22:15;A1;Fictief Persoon;1990-01-01;ter_plaatse;ja;thv|hulpverlening;Geheim verhaal;;;\n\
            zsm;oost-brabant;vt-oost-brabant;2025-03-15 09:00;A1;;;;ja;;;aan_tafel;ja;ja\n\
            acuut;oost-brabant;politie-oost-brabant;2025-03-16 10:00;;;;fiets;ja;;;;;\n\
            zsm;oost-brabant;vt-limburg;2025-03-17 10:00;;;;;ja;;;;ja;nee\n\
            ssk;oost-brabant;vt-oost-brabant;2025-03-17 10:00;;;;telefonisch;;;;;;\n";
        let voor = tel(&db, "moment").await;
        let fouten = meldingen(
            importeren(&db, Some(&sleutel()), &Actor::cli(), csv.as_bytes())
                .await
                .unwrap_err(),
        );
        assert!(
            fouten.contains(
                &"Rij 4, kolom 'reactie': kies een van telefonisch, teams, ter_plaatse, geen (niet 'fiets')."
                    .to_string()
            ),
            "{fouten:#?}"
        );
        assert!(
            fouten.iter().any(|f| f.starts_with(
                "Rij 5, kolom 'organisatie': organisatie 'vt-limburg' hoort bij regio 'limburg'"
            )),
            "{fouten:#?}"
        );
        assert!(
            fouten
                .iter()
                .any(|f| f.starts_with("Rij 5, kolom 'vt_betrokkenheid': vul ")),
            "{fouten:#?}"
        );
        assert!(
            fouten
                .iter()
                .any(|f| f
                    .starts_with("Rij 6, kolom 'reactie': deze kolom hoort niet bij soort 'ssk'")),
            "{fouten:#?}"
        );
        assert!(
            fouten
                .iter()
                .any(|f| f.starts_with("Rij 6, kolom 'anoniem'")),
            "{fouten:#?}"
        );
        // Nothing stored, and no personal data in any message.
        assert_eq!(tel(&db, "moment").await, voor);
        assert_eq!(tel(&db, "casus").await, 0);
        assert!(
            !fouten
                .iter()
                .any(|f| f.contains("Fictief") || f.contains("Geheim"))
        );

        // Without the bad rows the same file goes in, in one go.
        let goed: String = csv.lines().take(3).map(|l| format!("{l}\n")).collect();
        let s = importeren(&db, Some(&sleutel()), &Actor::cli(), goed.as_bytes())
            .await
            .unwrap();
        assert_eq!(s.momenten, 2);
        assert_eq!(s.casussen, 1, "zelfde casus_ref: één casus");
        assert_eq!(s.per_soort[0], (Soort::Acuut, 1));
        assert_eq!(tel(&db, "moment_persoon").await, 1);
        let pseudoniem: Option<String> = sqlx::query_scalar("SELECT pseudoniem FROM casus")
            .fetch_one(&db)
            .await
            .unwrap();
        assert_eq!(pseudoniem.map(|p| p.len()), Some(32));
        let import: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE code = 'casus.import'")
                .fetch_one(&db)
                .await
                .unwrap();
        assert_eq!(import, 1);
    }

    #[tokio::test]
    async fn kop_status_en_sleutel() {
        let (_dir, db) = testdb().await;
        let fouten = meldingen(
            importeren(&db, None, &Actor::cli(), b"soort,regio,tijdstip,fiets\n")
                .await
                .unwrap_err(),
        );
        assert!(
            fouten[0].starts_with("Rij 1: onbekende kolom 'fiets'"),
            "{fouten:?}"
        );
        assert!(fouten.contains(&"Rij 1: de kolom 'organisatie' ontbreekt.".to_string()));

        let csv = "soort,regio,organisatie,tijdstip,status,persoon_naam,persoon_geboortedatum,anoniem,melding_aangifte\n\
            ssk,oost-brabant,vt-oost-brabant,2025-01-02 10:00,besproken,A B,2000-01-01,nee,melding\n\
            ssk,oost-brabant,vt-oost-brabant,2025-01-02 11:00,afgerond,C D,2000-01-01,nee,melding\n";
        let fouten = meldingen(
            importeren(&db, None, &Actor::cli(), csv.as_bytes())
                .await
                .unwrap_err(),
        );
        assert_eq!(fouten.len(), 2, "{fouten:#?}");
        assert!(
            fouten[0]
                .starts_with("Rij 2, kolom 'status': kies voor soort 'ssk' een van open, afgerond")
        );
        assert!(fouten[1].contains("VOOROP_PSEUDONIEM_SLEUTEL"));

        let s = importeren(
            &db,
            Some(&sleutel()),
            &Actor::cli(),
            csv.replace("besproken", "").as_bytes(),
        )
        .await
        .unwrap();
        assert_eq!((s.momenten, s.casussen), (2, 2));
        let statussen: Vec<String> = sqlx::query_scalar("SELECT status FROM moment ORDER BY id")
            .fetch_all(&db)
            .await
            .unwrap();
        assert_eq!(statussen, ["open", "afgerond"]);
    }

    /// Issue 7: a deactivated organisation registers no new moments, also not by import.
    #[tokio::test]
    async fn inactieve_organisatie_wordt_geweigerd() {
        let (_dir, db) = testdb().await;
        sqlx::query("UPDATE organisatie SET actief = 0 WHERE code = 'vt-oost-brabant'")
            .execute(&db)
            .await
            .unwrap();
        let csv = "soort,regio,organisatie,tijdstip,persoon_naam,persoon_geboortedatum,anoniem,melding_aangifte\n\
            ssk,oost-brabant,vt-oost-brabant,2025-01-02 10:00,A B,2000-01-01,nee,melding\n";
        let fouten = meldingen(
            importeren(&db, Some(&sleutel()), &Actor::cli(), csv.as_bytes())
                .await
                .unwrap_err(),
        );
        assert_eq!(
            fouten,
            [
                "Rij 2, kolom 'organisatie': organisatie 'vt-oost-brabant' is inactief (Beheer › Organisaties); zij kan geen nieuwe momenten registreren."
            ]
        );
        assert_eq!(tel(&db, "moment").await, 0);
    }

    #[tokio::test]
    async fn stopt_na_vijftig_fouten() {
        let (_dir, db) = testdb().await;
        let mut csv =
            String::from("soort;regio;organisatie;tijdstip;reactie;veiligheidsbeoordeling\n");
        for _ in 0..40 {
            // Two errors a row: tijdstip and reactie.
            csv.push_str("acuut;oost-brabant;vt-oost-brabant;morgen;fiets;ja\n");
        }
        let fouten = meldingen(
            importeren(&db, None, &Actor::cli(), csv.as_bytes())
                .await
                .unwrap_err(),
        );
        assert_eq!(fouten.len(), MAX_FOUTEN + 1);
        assert!(fouten[MAX_FOUTEN].starts_with("Na 50 fouten is de controle gestopt"));
        assert!(
            fouten[MAX_FOUTEN - 1].starts_with("Rij 26, "),
            "{fouten:#?}"
        );
    }

    #[tokio::test]
    async fn voorbeeldbestand_is_geldig() {
        let (_dir, db) = testdb().await;
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/docs/voorbeeld-casus-import.csv"
        ))
        .unwrap();
        let s = importeren(&db, Some(&sleutel()), &Actor::cli(), &bytes)
            .await
            .unwrap();
        assert!(s.per_soort.iter().all(|(_, n)| *n > 0), "{s:?}");
        assert!(s.casussen < s.momenten, "het voorbeeld toont casus_ref");
    }

    /// An aanmelding belongs to one Actie-overleg: the region's only one; with two the import
    /// cannot choose and refuses the row (naming it).
    #[tokio::test]
    async fn aanmelding_hoort_bij_het_actieoverleg_van_de_regio() {
        let (_dir, db) = testdb().await;
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/docs/voorbeeld-casus-import.csv"
        ))
        .unwrap();
        let vt: i64 =
            sqlx::query_scalar("SELECT id FROM organisatie WHERE code = 'vt-oost-brabant'")
                .fetch_one(&db)
                .await
                .unwrap();
        let mut tx = crate::db::begin(&db).await.unwrap();
        let eerste = repo::overleg_opslaan(
            &mut tx,
            "oost-brabant",
            "AO",
            4,
            "14:00",
            crate::casus::model::Frequentie::Wekelijks,
            vt,
            &[(vt, true)],
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        importeren(&db, Some(&sleutel()), &Actor::cli(), &bytes)
            .await
            .unwrap();
        let zonder: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM moment WHERE soort = 'actieoverleg' AND overleg_id IS NOT $1",
        )
        .bind(eerste)
        .fetch_one(&db)
        .await
        .unwrap();
        assert_eq!(
            zonder, 0,
            "every aanmelding belongs to the region's overleg"
        );

        let mut tx = crate::db::begin(&db).await.unwrap();
        repo::overleg_opslaan(
            &mut tx,
            "oost-brabant",
            "AO 2",
            2,
            "10:00",
            crate::casus::model::Frequentie::Wekelijks,
            vt,
            &[(vt, true)],
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let fouten = meldingen(
            importeren(&db, Some(&sleutel()), &Actor::cli(), &bytes)
                .await
                .unwrap_err(),
        );
        assert!(
            fouten
                .iter()
                .any(|f| f.starts_with("Rij ") && f.contains("Actie-overleg")),
            "{fouten:?}"
        );
    }

    #[test]
    fn documentatie_is_bij() {
        let pad = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/casus-import.md");
        let doc = std::fs::read_to_string(pad).unwrap();
        let (voor, rest) = doc
            .split_once(BEGIN)
            .expect("begin-markering in de documentatie");
        let (_, na) = rest
            .split_once(EIND)
            .expect("eind-markering in de documentatie");
        let nieuw = format!("{voor}{BEGIN}\n{}{EIND}{na}", veldentabel());
        if nieuw != doc {
            if std::env::var_os("VOOROP_DOCS_BIJWERKEN").is_some() {
                std::fs::write(pad, &nieuw).unwrap();
            } else {
                panic!(
                    "docs/casus-import.md loopt achter op src/casus/velden.rs; draai de test met VOOROP_DOCS_BIJWERKEN=1"
                );
            }
        }
        for soort in Soort::ALLE {
            for v in velden::velden(*soort) {
                assert!(nieuw.contains(&format!("`{}`", v.code)), "{}", v.code);
            }
        }
    }
}
