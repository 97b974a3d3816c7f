//! The hash chain (pure): hashing a row, and checking rows one by one in id order.

use crate::gedeeld::{GebruikerId, OrganisatieId};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

type HmacSha256 = Hmac<Sha256>;

/// Chain version of rows written before migration 0008: plain SHA-256 over some columns.
pub const VERSIE_OUD: i64 = 1;
/// Chain version since migration 0008: HMAC-SHA256 with the audit key over every column.
pub const VERSIE_SLEUTEL: i64 = 2;
/// Chain version since migration 0012 (NEN 7513): version 2 plus `namens`, `betrokkene`,
/// `doel`, `grondslag` and `uitkomst`, all in the keyed hash.
pub const VERSIE_NEN: i64 = 3;
/// The version new rows get.
pub const VERSIE_HUIDIG: i64 = VERSIE_NEN;

/// One audit row with every column, as the chain covers it. Also read from a JSON array of
/// its columns in this order (`repo::regels_na`).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, serde::Deserialize)]
pub struct KetenRegel {
    pub id: i64,
    pub tijd: String,
    pub gebruiker_id: Option<GebruikerId>,
    pub actor: String,
    pub organisatie_id: Option<OrganisatieId>,
    pub code: String,
    pub object_type: String,
    pub object_id: String,
    pub details: String,
    pub vorige_hash: String,
    pub hash: String,
    pub keten_versie: i64,
    pub namens: String,
    pub betrokkene: String,
    pub doel: String,
    pub grondslag: String,
    pub uitkomst: String,
}

impl KetenRegel {
    /// Whether the NEN 7513 columns (added by migration 0012) are all empty, as they must be
    /// in rows of chain versions 1 and 2, whose hash does not cover them.
    pub fn zonder_nen_velden(&self) -> bool {
        self.namens.is_empty()
            && self.betrokkene.is_empty()
            && self.doel.is_empty()
            && self.grondslag.is_empty()
            && self.uitkomst.is_empty()
    }
}

/// Lower-case hex (without a `format!` per byte: verification hashes millions of rows).
pub(crate) fn hex(bytes: &[u8]) -> String {
    const CIJFERS: &[u8; 16] = b"0123456789abcdef";
    let mut uit = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        uit.push(char::from(CIJFERS[usize::from(b >> 4)]));
        uit.push(char::from(CIJFERS[usize::from(b & 0x0f)]));
    }
    uit
}

fn nieuwe_mac(sleutel: &[u8]) -> HmacSha256 {
    HmacSha256::new_from_slice(sleutel).expect("HMAC accepteert elke sleutellengte")
}

/// Length-prefixed, so no two different rows encode to the same bytes.
fn veld(mac: &mut HmacSha256, bytes: &[u8]) {
    mac.update(&(bytes.len() as u64).to_be_bytes());
    mac.update(bytes);
}

fn getal(mac: &mut HmacSha256, n: Option<i64>) {
    match n {
        None => mac.update(&[0]),
        Some(n) => {
            mac.update(&[1]);
            mac.update(&n.to_be_bytes());
        }
    }
}

/// The old (version 1) row hash: plain SHA-256 over some columns. Only used to verify rows
/// written before migration 0008; anyone can recompute it, and it leaves out `id`,
/// `gebruiker_id` and `organisatie_id`.
pub fn hash_v1(r: &KetenRegel) -> String {
    let mut h = Sha256::new();
    for part in [
        &r.vorige_hash,
        &r.tijd,
        &r.actor,
        &r.code,
        &r.object_type,
        &r.object_id,
        &r.details,
    ] {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    hex(&h.finalize())
}

/// The keyed (version 2) row hash: HMAC-SHA256 with the audit key over every column except
/// `hash` itself (including `id`, `gebruiker_id`, `organisatie_id`, `keten_versie` and the
/// previous row's hash). The first keyed row after old rows also covers the digest of all old
/// rows ([`OudeRegels`]), which re-anchors them under the key.
pub fn hash_v2(sleutel: &[u8], r: &KetenRegel, oude_regels: Option<&str>) -> String {
    hash_sleutel_met(nieuwe_mac(sleutel), r, oude_regels, VERSIE_SLEUTEL)
}

/// The keyed (version 3, NEN 7513) row hash: every column of version 2 and the NEN 7513
/// columns `namens`, `betrokkene`, `doel`, `grondslag` and `uitkomst`.
pub fn hash_v3(sleutel: &[u8], r: &KetenRegel, oude_regels: Option<&str>) -> String {
    hash_sleutel_met(nieuwe_mac(sleutel), r, oude_regels, VERSIE_NEN)
}

/// The keyed hash of a row of chain version 2 or 3 (by its `keten_versie`).
pub fn hash_met_sleutel(sleutel: &[u8], r: &KetenRegel, oude_regels: Option<&str>) -> String {
    hash_sleutel_met(nieuwe_mac(sleutel), r, oude_regels, r.keten_versie)
}

/// The keyed hash from an HMAC already keyed (saves the key schedule for every row).
fn hash_sleutel_met(
    mut mac: HmacSha256,
    r: &KetenRegel,
    oude_regels: Option<&str>,
    versie: i64,
) -> String {
    veld(
        &mut mac,
        if versie == VERSIE_NEN {
            b"voorop-audit-v3"
        } else {
            b"voorop-audit-v2"
        },
    );
    getal(&mut mac, Some(r.id));
    getal(&mut mac, Some(r.keten_versie));
    veld(&mut mac, r.tijd.as_bytes());
    getal(&mut mac, r.gebruiker_id.map(i64::from));
    veld(&mut mac, r.actor.as_bytes());
    getal(&mut mac, r.organisatie_id.map(i64::from));
    veld(&mut mac, r.code.as_bytes());
    veld(&mut mac, r.object_type.as_bytes());
    veld(&mut mac, r.object_id.as_bytes());
    veld(&mut mac, r.details.as_bytes());
    veld(&mut mac, r.vorige_hash.as_bytes());
    if versie == VERSIE_NEN {
        veld(&mut mac, r.namens.as_bytes());
        veld(&mut mac, r.betrokkene.as_bytes());
        veld(&mut mac, r.doel.as_bytes());
        veld(&mut mac, r.grondslag.as_bytes());
        veld(&mut mac, r.uitkomst.as_bytes());
    }
    match oude_regels {
        None => mac.update(&[0]),
        Some(d) => {
            mac.update(&[1]);
            veld(&mut mac, d.as_bytes());
        }
    }
    hex(&mac.finalize().into_bytes())
}

/// Keyed digest of every column of all old (version 1) rows, in id order. The first keyed row
/// includes it in its hash, so from then on the old rows (also their `gebruiker_id` and
/// `organisatie_id`, which their own hash left out) cannot change unnoticed.
#[derive(Clone)]
pub struct OudeRegels(HmacSha256);

impl OudeRegels {
    pub fn nieuw(sleutel: &[u8]) -> Self {
        let mut mac = nieuwe_mac(sleutel);
        veld(&mut mac, b"voorop-audit-v1-regels");
        Self(mac)
    }
    pub fn voeg_toe(&mut self, r: &KetenRegel) {
        let mac = &mut self.0;
        getal(mac, Some(r.id));
        veld(mac, r.tijd.as_bytes());
        getal(mac, r.gebruiker_id.map(i64::from));
        veld(mac, r.actor.as_bytes());
        getal(mac, r.organisatie_id.map(i64::from));
        veld(mac, r.code.as_bytes());
        veld(mac, r.object_type.as_bytes());
        veld(mac, r.object_id.as_bytes());
        veld(mac, r.details.as_bytes());
        veld(mac, r.vorige_hash.as_bytes());
        veld(mac, r.hash.as_bytes());
    }
    pub fn digest(&self) -> String {
        hex(&self.0.clone().finalize().into_bytes())
    }
}

/// Where the chain stands after a row: enough to check the next one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schakel {
    pub id: i64,
    pub hash: String,
    pub versie: i64,
}

/// What is wrong with the chain, in the words the administrator reads (Dutch).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BreukSoort {
    /// Rows `id` up to and including `tot` are missing (deleted).
    Ontbreekt {
        tot: i64,
    },
    /// The row does not point at the hash of the row before it.
    Schakel,
    /// The row's content does not match its hash.
    Gewijzigd,
    /// The first keyed row does not match: it, or one of the old rows before it (whose digest
    /// it covers, up to and including `laatste_oude`), was changed.
    Overgang {
        laatste_oude: i64,
    },
    /// A row with the old, keyless scheme after the switch to the keyed chain.
    OudSchema,
    OnbekendeVersie(i64),
    /// A row of chain version 2 after a row of version 3 (inserted or recomputed).
    VerouderdeVersie(i64),
    /// The retention anchor (`audit_afkapping`) is not signed with the audit key.
    AnkerOngeldig {
        tot_id: i64,
    },
    /// The head file names rows after the last row of the database.
    Afgekapt {
        kop_id: i64,
        kop_aantal: u64,
    },
    /// The row the head file names has a different hash there.
    AnderDanKop,
    /// The head file is missing while the log has rows.
    KopOntbreekt(String),
    /// The head file cannot be read, or its signature is wrong.
    KopOngeldig(String),
}

/// The first place where the chain is broken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breuk {
    /// The first broken (or first missing) row, when there is one to name.
    pub id: Option<i64>,
    pub soort: BreukSoort,
}

impl std::fmt::Display for Breuk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let id = self.id.unwrap_or_default();
        match &self.soort {
            BreukSoort::Ontbreekt { tot } if *tot == id => {
                write!(f, "regel {id} ontbreekt (verwijderd).")
            }
            BreukSoort::Ontbreekt { tot } => {
                write!(f, "regels {id} tot en met {tot} ontbreken (verwijderd).")
            }
            BreukSoort::Schakel => write!(
                f,
                "regel {id} verwijst niet naar de regel ervoor: er zijn regels verwijderd, \
                 ingevoegd of van volgorde veranderd."
            ),
            BreukSoort::Gewijzigd => write!(
                f,
                "de inhoud van regel {id} past niet bij de hash: de regel is gewijzigd, of \
                 zonder de juiste auditsleutel ingevoegd of herberekend."
            ),
            BreukSoort::Overgang { laatste_oude } => write!(
                f,
                "regel {id}, de eerste met de auditsleutel, past niet bij de hash: die regel of \
                 een van de oude regels 1 tot en met {laatste_oude} (ook gebruiker of \
                 organisatie) is gewijzigd, of de auditsleutel is onjuist."
            ),
            BreukSoort::OudSchema => write!(
                f,
                "regel {id} gebruikt het oude schema zonder sleutel, maar staat na de overgang \
                 naar de sleutel: ingevoegd of herberekend zonder de auditsleutel."
            ),
            BreukSoort::VerouderdeVersie(v) => write!(
                f,
                "regel {id} gebruikt ketenversie {v}, maar staat na een regel met de NEN \
                 7513-velden (versie 3): ingevoegd of herberekend."
            ),
            BreukSoort::AnkerOngeldig { tot_id } => write!(
                f,
                "het anker van de bewaartermijn (regels tot en met {tot_id} verwijderd) is niet \
                 met de auditsleutel ondertekend: de tabel audit_afkapping is gewijzigd, of er \
                 zijn regels zonder de auditsleutel verwijderd."
            ),
            BreukSoort::OnbekendeVersie(v) => {
                write!(f, "regel {id} heeft een onbekende ketenversie ({v}).")
            }
            BreukSoort::Afgekapt { kop_id, kop_aantal } => write!(
                f,
                "het auditlog is afgekapt: het kopbestand noemt {kop_aantal} regels tot en met \
                 regel {kop_id}, maar regel {id} en verder ontbreken in de database."
            ),
            BreukSoort::AnderDanKop => write!(
                f,
                "regel {id} heeft een andere hash dan het kopbestand vastlegt: regels aan het \
                 eind zijn vervangen."
            ),
            BreukSoort::KopOntbreekt(pad) => write!(
                f,
                "het kopbestand {pad} ontbreekt, dus afkappen (verwijderen van de laatste \
                 regels) of herschrijven van het hele log is niet uit te sluiten. Direct na de \
                 overgang naar de auditsleutel of bij een nieuwe database is dat normaal: voorop \
                 serve en elk ander commando maken het kopbestand aan."
            ),
            BreukSoort::KopOngeldig(reden) => write!(f, "het kopbestand is ongeldig: {reden}"),
        }
    }
}

/// Checks rows one by one in id order (streaming: it keeps only the previous row's link).
///
/// Rules: ids run 1, 2, 3, … without gaps (the log is append-only and each keyed row gets
/// the next id); every row names the previous row's hash; a row's hash matches its content
/// (version 1: plain SHA-256; version 2: keyed HMAC); once a keyed row appears, no old-scheme
/// row may follow, and no old-scheme row may have an id above `laatste_oude_id` (recorded by
/// migration 0008).
#[derive(Clone)]
pub struct Controle {
    /// The HMAC keyed with the audit key, cloned for each row.
    sleutel: HmacSha256,
    vorige: Option<Schakel>,
    oude: OudeRegels,
    laatste_oude_id: i64,
    aantal: u64,
}

impl std::fmt::Debug for Controle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Controle")
            .field("vorige", &self.vorige)
            .field("aantal", &self.aantal)
            .finish_non_exhaustive()
    }
}

impl Controle {
    /// From the start of the log.
    pub fn nieuw(sleutel: &[u8], laatste_oude_id: i64) -> Self {
        Self {
            sleutel: nieuwe_mac(sleutel),
            vorige: None,
            oude: OudeRegels::nieuw(sleutel),
            laatste_oude_id,
            aantal: 0,
        }
    }

    /// Continues after a known keyed row (`aantal` rows up to and including it), e.g. the
    /// head file's. Only for a keyed row: a first keyed row after it cannot follow.
    pub fn vanaf(sleutel: &[u8], laatste_oude_id: i64, na: Schakel, aantal: u64) -> Self {
        Self {
            vorige: Some(na),
            aantal,
            ..Self::nieuw(sleutel, laatste_oude_id)
        }
    }

    /// Continues after a retention anchor: the rows up to and including `anker.tot_id` were
    /// removed; the next row must link to the anchor's hash. `aantal` counts the removed rows
    /// too (ids run without gaps), so it matches the head file.
    pub fn na_anker(sleutel: &[u8], laatste_oude_id: i64, anker: &Anker) -> Self {
        Self::vanaf(
            sleutel,
            laatste_oude_id,
            Schakel {
                id: anker.tot_id,
                hash: anker.tot_hash.clone(),
                versie: anker.tot_versie.max(VERSIE_SLEUTEL),
            },
            u64::try_from(anker.tot_id).unwrap_or_default(),
        )
    }

    pub fn aantal(&self) -> u64 {
        self.aantal
    }

    pub fn laatste(&self) -> Option<&Schakel> {
        self.vorige.as_ref()
    }

    /// Checks the next row (rows must come in ascending id order).
    pub fn volgende(&mut self, r: &KetenRegel) -> Result<(), Breuk> {
        let breuk = |id: i64, soort| {
            Err(Breuk {
                id: Some(id),
                soort,
            })
        };
        let verwacht = self.vorige.as_ref().map_or(1, |v| v.id + 1);
        if r.id != verwacht {
            return breuk(verwacht, BreukSoort::Ontbreekt { tot: r.id - 1 });
        }
        let vorige_hash = self.vorige.as_ref().map_or("", |v| v.hash.as_str());
        let vorige_versie = self.vorige.as_ref().map(|v| v.versie);
        match r.keten_versie {
            VERSIE_OUD => {
                if vorige_versie.is_some_and(|v| v >= VERSIE_SLEUTEL) || r.id > self.laatste_oude_id
                {
                    return breuk(r.id, BreukSoort::OudSchema);
                }
                if r.vorige_hash != vorige_hash {
                    return breuk(r.id, BreukSoort::Schakel);
                }
                if hash_v1(r) != r.hash || !r.zonder_nen_velden() {
                    return breuk(r.id, BreukSoort::Gewijzigd);
                }
                self.oude.voeg_toe(r);
            }
            VERSIE_SLEUTEL | VERSIE_NEN => {
                if r.keten_versie == VERSIE_SLEUTEL && vorige_versie == Some(VERSIE_NEN) {
                    return breuk(r.id, BreukSoort::VerouderdeVersie(r.keten_versie));
                }
                if r.vorige_hash != vorige_hash {
                    return breuk(r.id, BreukSoort::Schakel);
                }
                let oude = (vorige_versie == Some(VERSIE_OUD)).then(|| self.oude.digest());
                // Version 2 does not hash the NEN 7513 columns: they must be empty there.
                if (r.keten_versie == VERSIE_SLEUTEL && !r.zonder_nen_velden())
                    || !gelijk(
                        &hash_sleutel_met(self.sleutel.clone(), r, oude.as_deref(), r.keten_versie),
                        &r.hash,
                    )
                {
                    return breuk(
                        r.id,
                        match oude {
                            Some(_) => BreukSoort::Overgang {
                                laatste_oude: r.id - 1,
                            },
                            None => BreukSoort::Gewijzigd,
                        },
                    );
                }
            }
            v => return breuk(r.id, BreukSoort::OnbekendeVersie(v)),
        }
        self.vorige = Some(Schakel {
            id: r.id,
            hash: r.hash.clone(),
            versie: r.keten_versie,
        });
        self.aantal += 1;
        Ok(())
    }
}

/// A retention anchor (`audit_afkapping`): the rows up to and including `tot_id` were removed
/// after the retention term; `tot_hash` and `tot_versie` are that row's, so the chain goes on
/// from here. Signed with the audit key, so nobody without it can fake a removal.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Anker {
    pub tijd: String,
    pub grens: String,
    pub tot_id: i64,
    pub tot_hash: String,
    pub tot_versie: i64,
    pub aantal: i64,
    pub handtekening: String,
}

impl Anker {
    /// The HMAC over every field but the signature itself.
    pub fn bereken_handtekening(&self, sleutel: &[u8]) -> String {
        let mut mac = nieuwe_mac(sleutel);
        veld(&mut mac, b"voorop-audit-afkapping");
        veld(&mut mac, self.tijd.as_bytes());
        veld(&mut mac, self.grens.as_bytes());
        getal(&mut mac, Some(self.tot_id));
        veld(&mut mac, self.tot_hash.as_bytes());
        getal(&mut mac, Some(self.tot_versie));
        getal(&mut mac, Some(self.aantal));
        hex(&mac.finalize().into_bytes())
    }
    pub fn is_geldig(&self, sleutel: &[u8]) -> bool {
        gelijk(&self.bereken_handtekening(sleutel), &self.handtekening)
    }
}

/// Constant-time comparison of two hex hashes.
fn gelijk(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}
