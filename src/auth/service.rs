//! Use cases of accounts: log in, change password, add users, API tokens.

use super::inlogbeveiliging::{
    ARGON2_GELIJKTIJDIG, ARGON2_WACHTRIJ, Accountstatus, Inloglimieten, Uitkomst,
};
use super::model::{Email, Gebruiker, MAX_TOKEN_DAGEN, Rol, TokenBereik, controleer_wachtwoord};
use super::repo;
use super::tweestaps;
use crate::audit::{self, Actor, AuditEvent};
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::gedeeld::GebruikerId;
use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use sha2::{Digest, Sha256};

/// Argon2 slots: at most [`ARGON2_GELIJKTIJDIG`] hashes at once, at most [`ARGON2_WACHTRIJ`]
/// callers waiting; the rest is refused at once (bounded memory under a flood).
static ARGON2: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(ARGON2_GELIJKTIJDIG);
static ARGON2_WACHTEND: tokio::sync::Semaphore =
    tokio::sync::Semaphore::const_new(ARGON2_GELIJKTIJDIG + ARGON2_WACHTRIJ);

/// Runs argon2 work off the async runtime, within the slots.
async fn argon2<T: Send + 'static>(werk: impl FnOnce() -> T + Send + 'static) -> AppResult<T> {
    let _plek = ARGON2_WACHTEND
        .try_acquire()
        .map_err(|_| AppError::TeDruk)?;
    let _beurt = ARGON2
        .acquire()
        .await
        .map_err(|e| anyhow::anyhow!("argon2: {e}"))?;
    tokio::task::spawn_blocking(werk)
        .await
        .map_err(|e| AppError::Intern(anyhow::anyhow!(e)))
}

/// Hashes a password with argon2id (default parameters) off the async runtime.
pub async fn hash_wachtwoord(w: String) -> AppResult<String> {
    argon2(move || {
        Argon2::default()
            .hash_password(w.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| anyhow::anyhow!("argon2: {e}"))
    })
    .await?
    .map_err(AppError::Intern)
}

async fn klopt(w: String, hash: String) -> AppResult<bool> {
    argon2(move || {
        Argon2::default()
            .verify_password(w.as_bytes(), hash.as_str())
            .is_ok()
    })
    .await
}

/// A fixed hash to verify against when the account does not exist, so timing does not reveal it.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0FZL4y9OXwPFNN5DNfN5jD+yCA7F6aBlNT3h1uEF4cQ";

/// The one answer to every failed sign-in: it does not tell whether the address exists, the
/// password was wrong or the account is locked.
pub const INLOGGEN_MISLUKT: &str = "Het e-mailadres of het wachtwoord is onjuist, of het account \
    is na te veel mislukte pogingen tijdelijk geblokkeerd. Probeer het later opnieuw of neem \
    contact op met de beheerder van uw organisatie.";

/// What follows a correct password.
#[derive(Debug)]
pub enum NaWachtwoord {
    /// Signed in (no second factor needed or enrolled).
    Binnen(Gebruiker),
    /// The second factor is asked next.
    Code(Gebruiker),
    /// A second factor is required but not yet enrolled: enrol first.
    Inrichten(Gebruiker),
}

/// Signs in, first step. The password is always checked (also for unknown or locked
/// accounts), so the answer time does not reveal which case applies. Failures, locks and
/// unlocks are audited. With a second factor to come, the failure counter is left as it is:
/// it is cleared only when the whole sign-in succeeds, so knowing the password does not give
/// unlimited guesses at the code.
pub async fn inloggen(
    db: &Db,
    limieten: &Inloglimieten,
    email: &str,
    wachtwoord: &str,
) -> AppResult<NaWachtwoord> {
    let fout = || AppError::validatie("email", INLOGGEN_MISLUKT);
    let account = match Email::parse(email) {
        Ok(email) => repo::voor_inloggen(db, email.as_str()).await?,
        Err(_) => None,
    };
    let Some((g, hash, status)) = account else {
        klopt(wachtwoord.to_string(), DUMMY_HASH.to_string()).await?;
        return Err(fout());
    };
    let juist = klopt(wachtwoord.to_string(), hash).await?;
    let nu = crate::db::nu_ms();
    let actor = Actor::from(&g);
    let mut tx = crate::db::begin(db).await?;
    if status.blokkade_verlopen(nu) {
        repo::zet_accountstatus(&mut tx, g.id, &Accountstatus::default()).await?;
        audit::schrijf(
            &mut tx,
            &actor,
            AuditEvent::AccountOntgrendeld { door: "termijn" },
        )
        .await?;
    }
    let uitkomst = status.poging(juist, nu, limieten);
    match uitkomst {
        Uitkomst::Geblokkeerd => {
            audit::schrijf(&mut tx, &actor, AuditEvent::InloggenGeblokkeerd).await?;
        }
        Uitkomst::Gelukt => {
            let (geheim, _) = repo::tweestaps(db, g.id).await?;
            if geheim.is_some() || super::permissions::tweestaps_verplicht(&g) {
                tx.commit().await?;
                return Ok(if geheim.is_some() {
                    NaWachtwoord::Code(g)
                } else {
                    NaWachtwoord::Inrichten(g)
                });
            }
            repo::zet_accountstatus(&mut tx, g.id, &Accountstatus::default()).await?;
            audit::schrijf(&mut tx, &actor, AuditEvent::Ingelogd).await?;
        }
        Uitkomst::Mislukt {
            nieuw,
            nu_geblokkeerd,
        } => {
            let event = AuditEvent::InloggenMislukt;
            mislukking_vastleggen(&mut tx, &g, &actor, event, nieuw, nu_geblokkeerd, limieten)
                .await?;
        }
    }
    tx.commit().await?;
    if uitkomst == Uitkomst::Gelukt {
        Ok(NaWachtwoord::Binnen(g))
    } else {
        Err(fout())
    }
}

/// Stores the failure state after a wrong password or code and audits the failure and, when
/// this one locked the account, the lock.
async fn mislukking_vastleggen(
    tx: &mut crate::db::Tx<'static>,
    g: &Gebruiker,
    actor: &Actor,
    event: AuditEvent,
    nieuw: Accountstatus,
    nu_geblokkeerd: bool,
    limieten: &Inloglimieten,
) -> AppResult<()> {
    repo::zet_accountstatus(tx, g.id, &nieuw).await?;
    audit::schrijf(tx, actor, event).await?;
    if nu_geblokkeerd {
        let tot = crate::db::ms_als_tijd(nieuw.geblokkeerd_tot_ms);
        let pogingen = limieten.max_pogingen;
        audit::schrijf(tx, actor, AuditEvent::AccountGeblokkeerd { pogingen, tot }).await?;
    }
    Ok(())
}

/// The message for a wrong, expired or replayed code.
pub const CODE_ONJUIST: &str = "De code is onjuist of al gebruikt, of het account is na te \
    veel mislukte pogingen tijdelijk geblokkeerd. Wacht op de volgende code van uw app en \
    probeer het opnieuw, of gebruik een herstelcode.";

fn nu_s() -> u64 {
    u64::try_from(crate::db::nu_ms() / 1000).unwrap_or(0)
}

/// The (active) account a session or a pending sign-in names, if it still exists.
pub async fn gebruiker(db: &Db, id: GebruikerId) -> AppResult<Option<Gebruiker>> {
    Ok(repo::voor_sessie(db, id).await?.map(|s| s.gebruiker))
}

/// Signs in, second step: a TOTP code (each time step accepted once) or an unused recovery
/// code. A wrong code counts as a failed sign-in for the lock.
pub async fn tweede_stap(
    db: &Db,
    limieten: &Inloglimieten,
    gebruiker_id: GebruikerId,
    code: &str,
) -> AppResult<Gebruiker> {
    let fout = || AppError::validatie("code", CODE_ONJUIST);
    let g = repo::voor_sessie(db, gebruiker_id)
        .await?
        .ok_or_else(fout)?
        .gebruiker;
    let (_, _, status) = repo::voor_inloggen(db, &g.email).await?.ok_or_else(fout)?;
    let (geheim, laatste) = repo::tweestaps(db, g.id).await?;
    let geheim = geheim.ok_or_else(fout)?;
    // A key that does not fit fails closed: no sign-in, no failed attempt counted (the user
    // did nothing wrong), the administrator is told in the log.
    let geheim = tweestaps::ontsleutel(&tweestaps::doel_gebruiker(g.id), &geheim).map_err(|e| {
        tracing::error!(gebruiker = g.id.0, "tweede stap: {e}");
        AppError::validatie("code", SLEUTEL_PAST_NIET)
    })?;
    let actor = Actor::from(&g);
    let nu = crate::db::nu_ms();
    let mut tx = crate::db::begin(db).await?;
    if status.geblokkeerd(nu) {
        audit::schrijf(&mut tx, &actor, AuditEvent::InloggenGeblokkeerd).await?;
        tx.commit().await?;
        return Err(fout());
    }
    let totp = match tweestaps::controleer_code(&geheim, code, nu_s(), laatste) {
        Some(stap) => repo::stap_gebruikt(&mut tx, g.id, stap).await?,
        None => false,
    };
    let herstel = !totp
        && repo::herstelcode_gebruiken(&mut tx, g.id, &tweestaps::herstelcode_hash(code)).await?;
    if totp || herstel {
        repo::zet_accountstatus(&mut tx, g.id, &Accountstatus::default()).await?;
        if herstel {
            let over = repo::herstelcodes_over(db, g.id).await? - 1;
            audit::schrijf(&mut tx, &actor, AuditEvent::HerstelcodeGebruikt { over }).await?;
        }
        audit::schrijf(&mut tx, &actor, AuditEvent::Ingelogd).await?;
        tx.commit().await?;
        return Ok(g);
    }
    if let Uitkomst::Mislukt {
        nieuw,
        nu_geblokkeerd,
    } = status.poging(false, nu, limieten)
    {
        let event = AuditEvent::TweestapsMislukt;
        mislukking_vastleggen(&mut tx, &g, &actor, event, nieuw, nu_geblokkeerd, limieten).await?;
    }
    tx.commit().await?;
    Err(fout())
}

/// Enrols a second factor: the code from the app must match the new secret. Returns the
/// recovery codes, to be shown once; only their hashes are stored.
pub async fn tweestaps_inrichten(
    db: &Db,
    g: &Gebruiker,
    geheim: &str,
    code: &str,
) -> AppResult<Vec<String>> {
    let stap = tweestaps::controleer_code(geheim, code, nu_s(), 0).ok_or_else(|| {
        AppError::validatie(
            "code",
            "De code klopt niet. Controleer of de tijd op uw telefoon juist staat en typ de \
             code die de app nu toont.",
        )
    })?;
    let codes = tweestaps::nieuwe_herstelcodes();
    let hashes: Vec<String> = codes
        .iter()
        .map(|c| tweestaps::herstelcode_hash(c))
        .collect();
    let opgeslagen = tweestaps::versleutel(&tweestaps::doel_gebruiker(g.id), geheim);
    let mut tx = crate::db::begin(db).await?;
    repo::tweestaps_instellen(&mut tx, g.id, &opgeslagen, stap, &hashes).await?;
    audit::schrijf(&mut tx, &Actor::from(g), AuditEvent::TweestapsIngesteld).await?;
    tx.commit().await?;
    Ok(codes)
}

/// Completes a sign-in that needed enrolment: the failure counter is cleared and the sign-in
/// audited, as after a second step.
pub async fn ingelogd_na_inrichten(db: &Db, g: &Gebruiker) -> AppResult<()> {
    let mut tx = crate::db::begin(db).await?;
    repo::zet_accountstatus(&mut tx, g.id, &Accountstatus::default()).await?;
    audit::schrijf(&mut tx, &Actor::from(g), AuditEvent::Ingelogd).await?;
    tx.commit().await?;
    Ok(())
}

/// Helpdesk: removes the user's second factor and ends their sessions; they enrol again at
/// the next sign-in.
pub async fn tweestaps_resetten(db: &Db, actor: &Actor, email: &str) -> AppResult<()> {
    let g = gebruiker_op_email(db, email).await?;
    let mut tx = crate::db::begin(db).await?;
    repo::tweestaps_wissen(&mut tx, g.id).await?;
    repo::sessies_beeindigen(&mut tx, g.id, crate::db::nu_ms() + 1).await?;
    audit::schrijf(&mut tx, actor, AuditEvent::TweestapsGereset).await?;
    tx.commit().await?;
    Ok(())
}

/// Unused recovery codes of an enrolled user, or -1 when no second factor is enrolled.
pub async fn herstelcodes_over(db: &Db, g: &Gebruiker) -> AppResult<i64> {
    Ok(match repo::tweestaps(db, g.id).await?.0 {
        Some(_) => repo::herstelcodes_over(db, g.id).await?,
        None => -1,
    })
}

/// The demo accounts' fixed, published second factor (fictional data only).
pub async fn demo_tweestaps(db: &Db, gebruiker_id: GebruikerId) -> AppResult<()> {
    let opgeslagen = tweestaps::versleutel(
        &tweestaps::doel_gebruiker(gebruiker_id),
        tweestaps::DEMO_GEHEIM,
    );
    let mut tx = crate::db::begin(db).await?;
    repo::tweestaps_instellen(&mut tx, gebruiker_id, &opgeslagen, 0, &[]).await?;
    tx.commit().await?;
    Ok(())
}

/// Shown at the second step when the stored secret cannot be decrypted.
pub const SLEUTEL_PAST_NIET: &str = "De code kan nu niet worden gecontroleerd: de sleutel van de \
    tweestapsverificatie past niet bij deze database. Neem contact op met de beheerder; uw \
    poging telt niet als mislukt.";

/// Whether the configured key decrypts the stored TOTP secrets (checked on one; true when
/// none is stored encrypted yet). `Err` holds the Dutch explanation for the administrator.
pub async fn tweestaps_sleutel_controleren(db: &Db) -> AppResult<Result<(), String>> {
    Ok(match repo::een_versleuteld_geheim(db).await? {
        None => Ok(()),
        Some((id, opgeslagen)) => {
            match tweestaps::ontsleutel(&tweestaps::doel_gebruiker(id), &opgeslagen) {
                Ok(_) => Ok(()),
                Err(e) => Err(format!(
                    "De tweestapsgeheimen in deze database zijn met een andere sleutel versleuteld: \
                     {e}. Stel dezelfde VOOROP_GEHEIM_SLEUTEL (of, zonder die, dezelfde \
                     VOOROP_AUDIT_SLEUTEL) in als waarmee ze zijn opgeslagen, of reset de tweede \
                     stap van de gebruikers met 'voorop user 2fa-reset'."
                )),
            }
        }
    })
}

/// Encrypts TOTP secrets stored in plaintext by an earlier version (once, at start-up, in one
/// transaction). Returns how many.
pub async fn tweestaps_versleutelen(db: &Db) -> AppResult<usize> {
    let open = repo::tweestaps_onversleuteld(db).await?;
    if open.is_empty() {
        return Ok(0);
    }
    let mut tx = crate::db::begin(db).await?;
    for (id, geheim) in &open {
        let opgeslagen = tweestaps::versleutel(&tweestaps::doel_gebruiker(*id), geheim);
        repo::tweestaps_geheim_zetten(&mut tx, *id, &opgeslagen).await?;
    }
    tx.commit().await?;
    Ok(open.len())
}

/// Lifts a lock (helpdesk, `voorop user ontgrendel`).
pub async fn ontgrendelen(db: &Db, actor: &Actor, email: &str) -> AppResult<bool> {
    let email = Email::parse(email).map_err(|m| AppError::validatie("email", &m))?;
    let (g, _, status) = repo::voor_inloggen(db, email.as_str())
        .await?
        .ok_or(AppError::NietGevonden("De gebruiker"))?;
    let was_geblokkeerd = status.geblokkeerd(crate::db::nu_ms());
    let mut tx = crate::db::begin(db).await?;
    repo::zet_accountstatus(&mut tx, g.id, &Accountstatus::default()).await?;
    if was_geblokkeerd {
        audit::schrijf(
            &mut tx,
            actor,
            AuditEvent::AccountOntgrendeld { door: "beheerder" },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(was_geblokkeerd)
}

/// Signs out: this and every other session of the user end (server-side).
pub async fn uitloggen(db: &Db, g: &Gebruiker) -> AppResult<()> {
    let mut tx = crate::db::begin(db).await?;
    repo::sessies_beeindigen(&mut tx, g.id, crate::db::nu_ms() + 1).await?;
    audit::schrijf(&mut tx, &Actor::from(g), AuditEvent::Uitgelogd).await?;
    tx.commit().await?;
    Ok(())
}

/// Changes the password; sessions started before the returned moment (ms) become invalid.
pub async fn wijzig_wachtwoord(
    db: &Db,
    g: &Gebruiker,
    huidig: &str,
    nieuw: &str,
    herhaling: &str,
) -> AppResult<i64> {
    let hash = repo::wachtwoord_hash(db, g.id).await?;
    if !klopt(huidig.to_string(), hash).await? {
        return Err(AppError::validatie(
            "huidig",
            "Het huidige wachtwoord is onjuist.",
        ));
    }
    controleer_wachtwoord(nieuw, &[&g.email, &g.naam])
        .map_err(|m| AppError::validatie("nieuw", &m))?;
    if nieuw != herhaling {
        return Err(AppError::validatie(
            "herhaling",
            "De twee nieuwe wachtwoorden zijn niet gelijk.",
        ));
    }
    let nieuw_hash = hash_wachtwoord(nieuw.to_string()).await?;
    let mut tx = crate::db::begin(db).await?;
    let vanaf = crate::db::nu_ms();
    repo::zet_wachtwoord(&mut tx, g.id, &nieuw_hash, vanaf).await?;
    audit::schrijf(&mut tx, &Actor::from(g), AuditEvent::WachtwoordGewijzigd).await?;
    tx.commit().await?;
    Ok(vanaf)
}

/// Whether a new password is held to the password policy. Only the fictional demo accounts,
/// whose password is published, skip it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wachtwoordbeleid {
    Toepassen,
    DemoZonderBeleid,
}

/// A user to add, as typed (validated by [`gebruiker_toevoegen`]).
#[derive(Debug, Clone, Copy)]
pub struct NieuweGebruiker<'a> {
    pub email: &'a str,
    pub naam: &'a str,
    /// Organisation code.
    pub organisatie: &'a str,
    pub rol: &'a str,
    pub wachtwoord: &'a str,
    pub beleid: Wachtwoordbeleid,
    /// The password was set by someone else (administration page): the user changes it at
    /// the first sign-in.
    pub eerst_wijzigen: bool,
}

/// Adds a user (CLI and demo). Validates every field with a Dutch message.
pub async fn gebruiker_toevoegen(
    db: &Db,
    actor: &Actor,
    n: NieuweGebruiker<'_>,
) -> AppResult<GebruikerId> {
    let NieuweGebruiker {
        email,
        naam,
        organisatie,
        rol,
        wachtwoord,
        beleid,
        eerst_wijzigen,
    } = n;
    let mut fouten = Vec::new();
    let email_tekst = email;
    let email = Email::parse(email)
        .map_err(|m| fouten.push(crate::error::Veldfout::new("email", m)))
        .ok();
    if naam.trim().is_empty() {
        fouten.push(crate::error::Veldfout::new("naam", "Vul een naam in."));
    }
    let rol = Rol::parse(rol);
    if rol.is_none() {
        fouten.push(crate::error::Veldfout::new(
            "rol",
            "Onbekende rol. Kies uit: beheerder, regiocoördinator, medewerker, lezer.",
        ));
    }
    let org = match repo::organisatie_op_code(db, organisatie.trim()).await? {
        Some((id, true)) => Some(id),
        Some(_) => {
            fouten.push(crate::error::Veldfout::new(
                "organisatie",
                format!(
                    "Organisatie '{}' is inactief; kies een actieve organisatie.",
                    organisatie.trim()
                ),
            ));
            None
        }
        None => {
            fouten.push(crate::error::Veldfout::new(
                "organisatie",
                format!("Onbekende organisatiecode '{}'.", organisatie.trim()),
            ));
            None
        }
    };
    if beleid == Wachtwoordbeleid::Toepassen
        && let Err(m) = controleer_wachtwoord(wachtwoord, &[email_tekst, naam])
    {
        fouten.push(crate::error::Veldfout::new("wachtwoord", m));
    }
    let (Some(email), Some(rol), Some(org), true) = (email, rol, org, fouten.is_empty()) else {
        return Err(AppError::Validatie(fouten));
    };
    if repo::bestaat(db, email.as_str()).await? {
        return Err(AppError::Conflict(format!(
            "Er bestaat al een gebruiker met e-mailadres {}.",
            email.as_str()
        )));
    }
    let hash = hash_wachtwoord(wachtwoord.to_string()).await?;
    let mut tx = crate::db::begin(db).await?;
    let id = repo::voeg_toe(&mut tx, email.as_str(), naam.trim(), org, rol, &hash).await?;
    if eerst_wijzigen {
        // The account was created just now, in this transaction, by a caller that checked the
        // organisation (Beheer › Gebruikers, the CLI, the demo).
        let s = super::permissions::systeem().gebruikers_beheer();
        repo::tijdelijk_wachtwoord(&mut tx, &s, id, &hash).await?;
    }
    audit::schrijf(
        &mut tx,
        actor,
        AuditEvent::GebruikerAangemaakt {
            email: email.as_str().to_string(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Creates a bearer token with a scope and a lifetime in days; only its hash is stored.
/// Returns the token itself (shown once) and its expiry.
pub async fn token_maken(
    db: &Db,
    email: &str,
    bereik: TokenBereik,
    dagen: u32,
) -> AppResult<(String, String)> {
    if !(1..=MAX_TOKEN_DAGEN).contains(&dagen) {
        return Err(AppError::validatie(
            "dagen",
            &format!("Een token is 1 tot {MAX_TOKEN_DAGEN} dagen geldig."),
        ));
    }
    let g = gebruiker_op_email(db, email).await?;
    let token = format!("vrp_{}", crate::web::willekeurig(32));
    let prefix: String = token.chars().take(10).collect();
    let verloopt = crate::db::ms_als_tijd(crate::db::nu_ms() + i64::from(dagen) * 86_400_000);
    let mut tx = crate::db::begin(db).await?;
    repo::token_opslaan(
        &mut tx,
        g.id,
        &token_hash(&token),
        &prefix,
        bereik,
        &verloopt,
    )
    .await?;
    audit::schrijf(
        &mut tx,
        &Actor::cli(),
        AuditEvent::TokenAangemaakt { prefix },
    )
    .await?;
    tx.commit().await?;
    Ok((token, verloopt))
}

pub async fn token_intrekken(db: &Db, email: &str, prefix: Option<&str>) -> AppResult<u64> {
    let g = gebruiker_op_email(db, email).await?;
    let mut tx = crate::db::begin(db).await?;
    let n = repo::tokens_intrekken(&mut tx, g.id, prefix).await?;
    audit::schrijf(
        &mut tx,
        &Actor::cli(),
        AuditEvent::TokenIngetrokken {
            prefix: prefix.unwrap_or("alle").to_string(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(n)
}

async fn gebruiker_op_email(db: &Db, email: &str) -> AppResult<Gebruiker> {
    let email = Email::parse(email).map_err(|m| AppError::validatie("email", &m))?;
    repo::voor_inloggen(db, email.as_str())
        .await?
        .map(|(g, _, _)| g)
        .ok_or(AppError::NietGevonden("De gebruiker"))
}
