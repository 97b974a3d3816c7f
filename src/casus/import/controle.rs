//! Checking the rows: the header, each row's values, and the messages that never repeat a value.

use super::*;
use crate::gedeeld::OrganisatieId;

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

/// A message of the shared field validation without the values of the row: a quoted part
/// that repeats (part of) a cell becomes `'…'`, and "(niet '…')" or ", niet …" is dropped.
/// The form shows the user's own input back; an import message goes to a terminal or a log.
pub fn zonder_waarden(tekst: &str, cellen: &[String]) -> String {
    let herhaalt = |citaat: &str| {
        let c = citaat.trim().to_lowercase();
        !c.is_empty() && cellen.iter().any(|w| w.to_lowercase().contains(&c))
    };
    let mut uit = String::with_capacity(tekst.len());
    let mut rest = tekst;
    while let Some(i) = rest.find('\'') {
        let na = &rest[i + 1..];
        let Some(j) = na.find('\'') else {
            break;
        };
        uit.push_str(&rest[..i]);
        if herhaalt(&na[..j]) {
            uit.push_str("'…'");
        } else {
            uit.push('\'');
            uit.push_str(&na[..j]);
            uit.push('\'');
        }
        rest = &na[j + 1..];
    }
    uit.push_str(rest);
    let mut uit = uit.replace(" (niet '…')", "").replace(", niet '…'", "");
    // "… moet tussen 2000 en nu liggen, niet 1 januari 1990 00:00." names a value unquoted.
    if let Some(i) = uit.find(", niet ") {
        uit.truncate(i);
        uit.push('.');
    }
    uit
}

/// A column name as it may be repeated in a message: only when it looks like a column code
/// (a file without its header row has a name or a date of birth in its first row).
fn kolomnaam_tonen(k: &str) -> bool {
    !k.is_empty()
        && k.len() <= 40
        && k.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// A validated row, ready to store.
#[derive(Debug, Clone)]
pub(super) struct Rij {
    /// Row number in the file (for errors found while storing).
    pub(super) nummer: usize,
    pub(super) registratie: service::Registratie,
    pub(super) organisatie_id: OrganisatieId,
    pub(super) regio: RegioCode,
    pub(super) casus_ref: Option<String>,
    pub(super) status: Option<Status>,
}

/// Which kinds have a field with this code.
pub(super) fn soorten_met_veld(code: &str) -> Vec<Soort> {
    Soort::ALLE
        .iter()
        .copied()
        .filter(|s| velden::veld(*s, code).is_some())
        .collect()
}

pub(super) fn codes<T: Copy>(lijst: &[T], code: impl Fn(T) -> &'static str) -> String {
    lijst
        .iter()
        .map(|x| code(*x))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Checks the header: unknown, duplicate and missing columns.
pub(super) fn kop_controleren(kolommen: &[String]) -> Vec<Veldfout> {
    let mut fouten = vec![];
    let mut gezien = BTreeSet::new();
    for (i, k) in kolommen.iter().enumerate().filter(|(_, k)| !k.is_empty()) {
        if !BASISKOLOMMEN.contains(&k.as_str()) && soorten_met_veld(k).is_empty() {
            let naam = if kolomnaam_tonen(k) {
                format!("'{k}'")
            } else {
                format!("in kolom {}", i + 1)
            };
            fouten.push(Veldfout::new(
                "bestand",
                melding(
                    1,
                    None,
                    &format!(
                        "onbekende kolom {naam}. Gebruik {} en de veldcodes uit docs/casus-import.md.",
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

/// What the check remembers of the first row with a `casus_ref`: compact, since a file may
/// hold a million references: a 128-bit hash of the reference as key, the row, the region as
/// an index and the pseudonym as a number.
type RefStand = HashMap<u128, (u32, u8, Option<u128>)>;

fn ref_sleutel(r: &str) -> u128 {
    let h = Sha256::digest(r.as_bytes());
    let mut b = [0u8; 16];
    b.copy_from_slice(&h[..16]);
    u128::from_be_bytes(b)
}

/// Validates rows one at a time, with what it needs from the database cached (organisations,
/// the number of Actie-overleggen per region) and, in the check, the references seen.
pub(super) struct Controleur<'a> {
    db: &'a Db,
    sleutel: Option<&'a Sleutel>,
    kolommen: std::sync::Arc<Vec<String>>,
    organisaties: HashMap<String, Option<(OrganisatieId, RegioCode, bool)>>,
    overleggen: HashMap<RegioCode, usize>,
    /// Each region's Veilig Thuis organisations (code, name), for the werkgebied.
    vt: HashMap<RegioCode, Vec<(String, String)>>,
    /// `None` when storing: the check already compared the references.
    refs: Option<RefStand>,
    sleutel_gemeld: bool,
}

impl<'a> Controleur<'a> {
    pub(super) fn new(
        db: &'a Db,
        sleutel: Option<&'a Sleutel>,
        kolommen: Vec<String>,
        refs: bool,
    ) -> Self {
        Self {
            db,
            sleutel,
            kolommen: std::sync::Arc::new(kolommen),
            organisaties: HashMap::new(),
            overleggen: HashMap::new(),
            vt: HashMap::new(),
            refs: refs.then(HashMap::new),
            sleutel_gemeld: false,
        }
    }

    /// (id, regio, actief) of an organisation code.
    pub(super) async fn organisatie(
        &mut self,
        code: &str,
    ) -> AppResult<Option<(OrganisatieId, RegioCode, bool)>> {
        if let Some(o) = self.organisaties.get(code) {
            return Ok(*o);
        }
        let o = crate::organisatie::repo::op_code(self.db, code)
            .await?
            .map(|o| (o.id, o.regio_code, o.actief));
        // Bounded: a hostile file full of invented codes does not grow the cache.
        if self.organisaties.len() > 10_000 {
            self.organisaties.clear();
        }
        self.organisaties.insert(code.to_string(), o);
        Ok(o)
    }

    pub(super) async fn aantal_overleggen(&mut self, regio: &RegioCode) -> AppResult<usize> {
        if let Some(n) = self.overleggen.get(regio) {
            return Ok(*n);
        }
        let mut conn = self.db.acquire().await?;
        let n = repo::overleg_ids(&mut conn, &permissions::systeem().inzage(), regio)
            .await?
            .len();
        self.overleggen.insert(*regio, n);
        Ok(n)
    }

    /// A region's Veilig Thuis organisations (code, name), read once per import.
    async fn vt_organisaties(&mut self, regio: &RegioCode) -> AppResult<&[(String, String)]> {
        if !self.vt.contains_key(regio) {
            let mut conn = self.db.acquire().await?;
            let vt = repo::vt_organisaties(&mut conn, regio).await?;
            self.vt.insert(*regio, vt);
        }
        Ok(self.vt.get(regio).map_or(&[], Vec::as_slice))
    }

    /// Validates one row; its errors are added to `fouten` (never with a cell's value).
    pub(super) async fn rij(
        &mut self,
        rij: usize,
        waarden: &[String],
        fouten: &mut Vec<Veldfout>,
    ) -> AppResult<Option<Rij>> {
        let mut f = Rijfouten {
            rij,
            fouten: vec![],
        };
        let kolommen = self.kolommen.clone();
        let cel = cellen(&kolommen, waarden, &mut f);
        let waarde = |k: &str| cel.get(k).copied().unwrap_or("");
        let soort = soort(waarde("soort"), &mut f);
        let regio = regio(waarde("regio"), &mut f);
        let organisatie = self
            .organisatie_controleren(waarde("organisatie"), regio.as_ref(), &mut f)
            .await?;
        let Some(soort) = soort else {
            fouten.extend(f.fouten);
            return Ok(None);
        };
        vreemde_kolommen(&cel, soort, &mut f);
        let status = status(waarde("status"), soort, &mut f);
        if soort == Soort::Actieoverleg
            && let Some(r) = &regio
            && self.aantal_overleggen(r).await? > 1
        {
            f.fout(
                "regio",
                "deze regio heeft meer dan één Actie-overleg, en een import kan niet kiezen voor welk de aanmelding is. Registreer deze aanmelding in de applicatie.",
            );
        }
        let invoer = self.invoer(soort, &waarde, &mut f);
        let mut registratie = match service::valideer(self.sleutel, soort, &invoer) {
            Ok(r) => Some(r),
            Err(fouten) => {
                for x in fouten {
                    f.fout(&x.veld, &zonder_waarden(&x.melding, waarden));
                }
                None
            }
        };
        if let (Some(r), Some(reg)) = (&regio, registratie.as_mut()) {
            let keuzes = self.vt_organisaties(r).await?;
            let geen = BTreeMap::new();
            if let Err(fouten) =
                velden::vt_werkgebied(soort, &mut reg.waarden.proces, keuzes, &geen)
            {
                for x in fouten {
                    f.fout(&x.veld, &zonder_waarden(&x.melding, waarden));
                }
                registratie = None;
            }
        }
        let casus_ref = Some(waarde("casus_ref").to_string()).filter(|r| !r.is_empty());
        if let (Some(cref), Some(r), Some(reg)) = (&casus_ref, &regio, &registratie) {
            self.casus_ref_controleren(cref, r, reg, &mut f);
        }
        let klaar = f.fouten.is_empty();
        fouten.extend(f.fouten);
        Ok(match (registratie, organisatie, regio) {
            (Some(registratie), Some(organisatie_id), Some(regio)) if klaar => Some(Rij {
                nummer: rij,
                registratie,
                organisatie_id,
                regio,
                casus_ref,
                status,
            }),
            _ => None,
        })
    }

    /// The registering organisation: known, active and of the row's region; its id.
    async fn organisatie_controleren(
        &mut self,
        code: &str,
        regio: Option<&RegioCode>,
        f: &mut Rijfouten,
    ) -> AppResult<Option<OrganisatieId>> {
        let org_code = code.to_lowercase();
        if org_code.is_empty() {
            f.fout(
                "organisatie",
                "vul de code van de registrerende organisatie in.",
            );
            return Ok(None);
        }
        Ok(match (self.organisatie(&org_code).await?, regio) {
            (None, _) => {
                f.fout(
                    "organisatie",
                    "onbekende organisatiecode; voeg de organisatie eerst toe met 'voorop organisatie add' (zie 'voorop organisatie list').",
                );
                None
            }
            (Some((_, _, false)), _) => {
                f.fout(
                    "organisatie",
                    &format!(
                        "organisatie '{org_code}' is inactief (Beheer › Organisaties); zij kan geen nieuwe momenten registreren."
                    ),
                );
                None
            }
            // Both are codes that exist (an organisation, a region): safe to name.
            (Some((_, o_regio, _)), Some(r)) if o_regio != *r => {
                f.fout(
                    "organisatie",
                    &format!(
                        "organisatie '{org_code}' hoort bij regio '{o_regio}', niet bij '{r}'."
                    ),
                );
                None
            }
            (Some((id, _, _)), _) => Some(id),
        })
    }

    /// What the row registers, as the form would post it. Without a pseudonym key, name and
    /// date of birth are dropped and the remedy is reported once for the whole file.
    fn invoer<'c>(
        &mut self,
        soort: Soort,
        waarde: &impl Fn(&str) -> &'c str,
        f: &mut Rijfouten,
    ) -> service::MomentInvoer {
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
        if self.sleutel.is_none()
            && !(invoer.persoon_naam.is_empty() && invoer.persoon_geboortedatum.is_empty())
        {
            if !self.sleutel_gemeld {
                self.sleutel_gemeld = true;
                f.fout(
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
        invoer
    }

    /// Rows with the same `casus_ref` are one case: one region, and one person when named.
    /// Only checked when the import keeps track of references (`refs`).
    fn casus_ref_controleren(
        &mut self,
        cref: &str,
        regio: &RegioCode,
        registratie: &service::Registratie,
        f: &mut Rijfouten,
    ) {
        let Some(refs) = &mut self.refs else {
            return;
        };
        let sleutel = ref_sleutel(cref);
        let regio_i = REGIOS
            .iter()
            .position(|(c, _)| *c == regio.as_str())
            .and_then(|i| u8::try_from(i).ok())
            .unwrap_or(u8::MAX);
        let pseudoniem = registratie
            .pseudoniem
            .as_deref()
            .and_then(|p| u128::from_str_radix(p, 16).ok());
        match refs.get(&sleutel).copied() {
            None => {
                let rij = u32::try_from(f.rij).unwrap_or(u32::MAX);
                refs.insert(sleutel, (rij, regio_i, pseudoniem));
            }
            Some((eerste, eerste_regio, _)) if eerste_regio != regio_i => f.fout(
                "casus_ref",
                &format!(
                    "dezelfde casus_ref als rij {eerste}, maar een andere regio; één casus hoort bij één regio."
                ),
            ),
            Some((eerste, _, Some(p))) if pseudoniem.is_some_and(|q| q != p) => f.fout(
                "persoon_naam",
                &format!(
                    "dezelfde casus_ref als rij {eerste}, maar naam of geboortedatum geeft een andere persoon."
                ),
            ),
            Some((eerste, _, None)) if pseudoniem.is_some() => {
                // The case gets the pseudonym of the first row that has one.
                refs.insert(sleutel, (eerste, regio_i, pseudoniem));
            }
            Some(_) => {}
        }
    }
}

/// The errors of one row, each naming the row and the column (never a cell's value).
pub(super) struct Rijfouten {
    rij: usize,
    fouten: Vec<Veldfout>,
}

impl Rijfouten {
    fn fout(&mut self, kolom: &str, tekst: &str) {
        self.fouten
            .push(Veldfout::new(kolom, melding(self.rij, Some(kolom), tekst)));
    }
}

/// The row's cells by column name; a filled cell under a column without a name is an error.
fn cellen<'a>(
    kolommen: &'a [String],
    waarden: &'a [String],
    f: &mut Rijfouten,
) -> BTreeMap<&'a str, &'a str> {
    let mut cel = BTreeMap::new();
    for (i, waarde) in waarden.iter().enumerate() {
        match kolommen.get(i).map(String::as_str) {
            Some(k) if !k.is_empty() => {
                cel.insert(k, waarde.as_str());
            }
            _ if waarde.is_empty() => {}
            _ => f.fouten.push(Veldfout::new(
                "bestand",
                melding(
                    f.rij,
                    None,
                    &format!(
                        "kolom {} heeft geen naam in de eerste rij maar is wel ingevuld; geef de kolom een naam of maak haar leeg.",
                        i + 1
                    ),
                ),
            )),
        }
    }
    cel
}

fn soort(waarde: &str, f: &mut Rijfouten) -> Option<Soort> {
    let soort = Soort::parse(&waarde.to_lowercase());
    if soort.is_none() {
        let lijst = codes(Soort::ALLE, Soort::code);
        f.fout(
            "soort",
            &if waarde.is_empty() {
                format!("vul de soort in ({lijst}).")
            } else {
                format!("kies een van {lijst}.")
            },
        );
    }
    soort
}

fn regio(waarde: &str, f: &mut Rijfouten) -> Option<RegioCode> {
    match RegioCode::parse(&waarde.to_lowercase()) {
        Ok(r) => Some(r),
        Err(_) if waarde.is_empty() => {
            f.fout("regio", "vul de regiocode in, bijvoorbeeld oost-brabant.");
            None
        }
        Err(_) => {
            f.fout(
                "regio",
                &format!(
                    "onbekende regiocode; kies uit: {}.",
                    REGIOS.map(|r| r.0).join(", ")
                ),
            );
            None
        }
    }
}

/// Columns of other kinds must be empty for this row.
fn vreemde_kolommen(cel: &BTreeMap<&str, &str>, soort: Soort, f: &mut Rijfouten) {
    for (k, w) in cel {
        if !w.is_empty() && !BASISKOLOMMEN.contains(k) && velden::veld(soort, k).is_none() {
            f.fout(
                k,
                &format!(
                    "deze kolom hoort niet bij soort '{}'; laat haar leeg.",
                    soort.code()
                ),
            );
        }
    }
}

/// The status to import with (empty: the kind's first), one the kind allows.
fn status(waarde: &str, soort: Soort, f: &mut Rijfouten) -> Option<Status> {
    match waarde.to_lowercase().as_str() {
        "" => None,
        s => {
            let s = Status::parse(s).filter(|s| toegestane_statussen(soort).contains(s));
            if s.is_none() {
                f.fout(
                    "status",
                    &format!(
                        "kies voor soort '{}' een van {}.",
                        soort.code(),
                        codes(toegestane_statussen(soort), Status::code)
                    ),
                );
            }
            s
        }
    }
}
