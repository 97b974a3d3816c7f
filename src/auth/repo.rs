use super::inlogbeveiliging::Accountstatus;
use super::model::{Gebruiker, Rol, TokenBereik};
use super::permissions::GebruikersBeheer;
use crate::db::Db;
use crate::db::{Conn, Vlag};
use crate::gedeeld::{GebruikerId, OrganisatieId};

#[derive(sqlx::FromRow)]
struct GebruikerRij {
    id: GebruikerId,
    email: String,
    naam: String,
    rol: String,
    organisatie_id: OrganisatieId,
    organisatie_code: String,
    organisatie_naam: String,
    organisatie_soort: String,
    regio_code: crate::gedeeld::RegioCode,
}

impl From<GebruikerRij> for Gebruiker {
    fn from(r: GebruikerRij) -> Self {
        Gebruiker {
            id: r.id,
            email: r.email,
            naam: r.naam,
            rol: Rol::parse(&r.rol).unwrap_or(Rol::Lezer),
            organisatie_id: r.organisatie_id,
            organisatie_code: r.organisatie_code,
            organisatie_naam: r.organisatie_naam,
            organisatie_soort: r.organisatie_soort,
            regio_code: r.regio_code,
        }
    }
}

/// Active users of active organisations only: a deactivated account or organisation cannot
/// sign in, and its sessions and tokens stop working.
const SELECT: &str =
    "SELECT g.id, g.email, g.naam, g.rol, g.organisatie_id, o.code AS organisatie_code,
    o.naam AS organisatie_naam, o.soort AS organisatie_soort, o.regio_code
    FROM gebruiker g JOIN organisatie o ON o.id = g.organisatie_id
    WHERE g.actief = TRUE AND o.actief = TRUE";

/// What every page needs of its signed-in user, read in one statement.
pub struct Sessiegebruiker {
    pub gebruiker: Gebruiker,
    /// Sessions started before this moment (ms: the last password change or sign-out
    /// everywhere) are no longer valid.
    pub geldig_vanaf: i64,
    /// A password set by an administrator, to be changed before anything else.
    pub wachtwoord_wijzigen: bool,
    /// The database holds the fictional demo data (the banner on every page).
    pub demo: bool,
}

/// The active user of a session (see [`Sessiegebruiker`]); None when the account or its
/// organisation is gone or inactive.
pub async fn voor_sessie(db: &Db, id: GebruikerId) -> sqlx::Result<Option<Sessiegebruiker>> {
    #[derive(sqlx::FromRow)]
    struct Rij {
        #[sqlx(flatten)]
        g: GebruikerRij,
        sessies_geldig_vanaf: i64,
        #[sqlx(try_from = "Vlag")]
        wachtwoord_wijzigen: bool,
        #[sqlx(try_from = "Vlag")]
        demo: bool,
    }
    let sql = format!(
        "{} AND g.id = $1",
        SELECT.replacen(
            "SELECT ",
            &format!(
                "SELECT g.sessies_geldig_vanaf, g.wachtwoord_wijzigen, \
                 EXISTS (SELECT 1 FROM instelling WHERE sleutel = '{}') AS demo, ",
                crate::db::DEMO_VLAG
            ),
            1
        )
    );
    let r: Option<Rij> = sqlx::query_as(&sql).bind(id).fetch_optional(db).await?;
    Ok(r.map(|r| Sessiegebruiker {
        gebruiker: r.g.into(),
        geldig_vanaf: r.sessies_geldig_vanaf,
        wachtwoord_wijzigen: r.wachtwoord_wijzigen,
        demo: r.demo,
    }))
}

/// The user, their password hash and their failure state, for signing in.
pub async fn voor_inloggen(
    db: &Db,
    email: &str,
) -> sqlx::Result<Option<(Gebruiker, String, Accountstatus)>> {
    let r: Option<GebruikerRij> = sqlx::query_as(&format!("{SELECT} AND g.email = $1"))
        .bind(email)
        .fetch_optional(db)
        .await?;
    let Some(r) = r else { return Ok(None) };
    #[derive(sqlx::FromRow)]
    struct Rij {
        wachtwoord_hash: String,
        #[sqlx(flatten)]
        status: Accountstatus,
    }
    let rij: Rij = sqlx::query_as(
        "SELECT wachtwoord_hash, mislukte_pogingen, eerste_mislukt_ms, geblokkeerd_tot_ms
         FROM gebruiker WHERE id = $1",
    )
    .bind(r.id)
    .fetch_one(db)
    .await?;
    Ok(Some((r.into(), rij.wachtwoord_hash, rij.status)))
}

/// Stores the failure state of an account after a sign-in attempt.
pub async fn zet_accountstatus(
    conn: &mut Conn,
    id: GebruikerId,
    s: &Accountstatus,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE gebruiker SET mislukte_pogingen = $1, eerste_mislukt_ms = $2, geblokkeerd_tot_ms = $3
         WHERE id = $4",
    )
    .bind(s.mislukte_pogingen)
    .bind(s.eerste_mislukt_ms)
    .bind(s.geblokkeerd_tot_ms)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Ends every session of the user started before `vanaf_ms` (sign-out everywhere).
pub async fn sessies_beeindigen(
    conn: &mut Conn,
    id: GebruikerId,
    vanaf_ms: i64,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE gebruiker SET sessies_geldig_vanaf = $1 WHERE id = $2")
        .bind(vanaf_ms)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// The user of a token that is neither revoked nor expired, with the token's scope.
pub async fn op_token_hash(db: &Db, hash: &str) -> sqlx::Result<Option<(Gebruiker, TokenBereik)>> {
    let bereik: Option<(i64, String)> = sqlx::query_as(
        "SELECT gebruiker_id, bereik FROM api_token
         WHERE token_hash = $1 AND ingetrokken_op IS NULL AND verloopt_op > $2",
    )
    .bind(hash)
    .bind(crate::db::nu())
    .fetch_optional(db)
    .await?;
    let Some((id, bereik)) = bereik else {
        return Ok(None);
    };
    let r: Option<GebruikerRij> = sqlx::query_as(&format!("{SELECT} AND g.id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await?;
    Ok(r.map(|r| {
        (
            r.into(),
            TokenBereik::parse(&bereik).unwrap_or(TokenBereik::Lezen),
        )
    }))
}

pub async fn voeg_toe(
    conn: &mut Conn,
    email: &str,
    naam: &str,
    organisatie_id: OrganisatieId,
    rol: Rol,
    hash: &str,
) -> sqlx::Result<GebruikerId> {
    sqlx::query_scalar(
        "INSERT INTO gebruiker (email, naam, organisatie_id, rol, wachtwoord_hash, aangemaakt_op)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(email)
    .bind(naam)
    .bind(organisatie_id)
    .bind(rol.code())
    .bind(hash)
    .bind(crate::db::nu())
    .fetch_one(conn)
    .await
}

/// The id of the organisation with this code and whether it is active, for a new account
/// (`organisatie` owns the organisations; an account only needs to know which one it is in).
pub async fn organisatie_op_code(
    db: &Db,
    code: &str,
) -> sqlx::Result<Option<(OrganisatieId, bool)>> {
    let rij: Option<(OrganisatieId, Vlag)> =
        sqlx::query_as("SELECT id, actief FROM organisatie WHERE code = $1")
            .bind(code)
            .fetch_optional(db)
            .await?;
    Ok(rij.map(|(id, actief)| (id, actief.into())))
}

/// Every organisation's (code, name): the names of the demo accounts' organisations on the
/// sign-in page of a demo (a small table there).
pub async fn organisatienamen(db: &Db) -> sqlx::Result<Vec<(String, String)>> {
    sqlx::query_as("SELECT code, naam FROM organisatie")
        .fetch_all(db)
        .await
}

pub async fn bestaat(db: &Db, email: &str) -> sqlx::Result<bool> {
    sqlx::query_scalar::<_, Vlag>("SELECT EXISTS(SELECT 1 FROM gebruiker WHERE email = $1)")
        .bind(email)
        .fetch_one(db)
        .await
        .map(bool::from)
}

pub async fn wachtwoord_hash(db: &Db, id: GebruikerId) -> sqlx::Result<String> {
    sqlx::query_scalar("SELECT wachtwoord_hash FROM gebruiker WHERE id = $1")
        .bind(id)
        .fetch_one(db)
        .await
}

/// Sets a new password hash and invalidates sessions started before `vanaf_ms`.
pub async fn zet_wachtwoord(
    conn: &mut Conn,
    id: GebruikerId,
    hash: &str,
    vanaf_ms: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE gebruiker SET wachtwoord_hash = $1, sessies_geldig_vanaf = $2, wachtwoord_wijzigen = FALSE
         WHERE id = $3",
    )
    .bind(hash)
    .bind(vanaf_ms)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn token_opslaan(
    conn: &mut Conn,
    gebruiker: GebruikerId,
    hash: &str,
    prefix: &str,
    bereik: TokenBereik,
    verloopt_op: &str,
) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO api_token (gebruiker_id, token_hash, prefix, aangemaakt_op, bereik, verloopt_op) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(gebruiker)
        .bind(hash)
        .bind(prefix)
        .bind(crate::db::nu())
        .bind(bereik.code())
        .bind(verloopt_op)
        .execute(conn)
        .await?;
    Ok(())
}

/// Revokes the user's tokens (all, or the one with this prefix); returns how many.
pub async fn tokens_intrekken(
    conn: &mut Conn,
    gebruiker: GebruikerId,
    prefix: Option<&str>,
) -> sqlx::Result<u64> {
    let r = sqlx::query(
        "UPDATE api_token SET ingetrokken_op = $1
         WHERE gebruiker_id = $2 AND ingetrokken_op IS NULL AND ($3 IS NULL OR prefix = $3)",
    )
    .bind(crate::db::nu())
    .bind(gebruiker)
    .bind(prefix)
    .execute(conn)
    .await?;
    Ok(r.rows_affected())
}

/// Stored TOTP secrets not yet encrypted (from before migration 0014's code path).
pub async fn tweestaps_onversleuteld(db: &Db) -> sqlx::Result<Vec<(GebruikerId, String)>> {
    sqlx::query_as(
        "SELECT id, totp_geheim FROM gebruiker WHERE totp_geheim IS NOT NULL AND totp_geheim NOT LIKE 'v1:%' ORDER BY id",
    )
    .fetch_all(db)
    .await
}

/// One encrypted TOTP secret (any user), to check the key against.
pub async fn een_versleuteld_geheim(db: &Db) -> sqlx::Result<Option<(GebruikerId, String)>> {
    sqlx::query_as(
        "SELECT id, totp_geheim FROM gebruiker WHERE totp_geheim LIKE 'v1:%' ORDER BY id LIMIT 1",
    )
    .fetch_optional(db)
    .await
}

/// Replaces the stored form of a user's TOTP secret (encryption of an old plaintext one).
pub async fn tweestaps_geheim_zetten(
    conn: &mut Conn,
    id: GebruikerId,
    opgeslagen: &str,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE gebruiker SET totp_geheim = $1 WHERE id = $2")
        .bind(opgeslagen)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// The user's stored TOTP secret (encrypted; None: not enrolled) and last accepted step.
pub async fn tweestaps(db: &Db, id: GebruikerId) -> sqlx::Result<(Option<String>, i64)> {
    sqlx::query_as("SELECT totp_geheim, totp_laatste_stap FROM gebruiker WHERE id = $1")
        .bind(id)
        .fetch_one(db)
        .await
}

/// Records an accepted step; only moves forward, so two requests racing with the same code
/// cannot both succeed (the second changes no row).
pub async fn stap_gebruikt(conn: &mut Conn, id: GebruikerId, stap: i64) -> sqlx::Result<bool> {
    let r = sqlx::query(
        "UPDATE gebruiker SET totp_laatste_stap = $1 WHERE id = $2 AND totp_laatste_stap < $1",
    )
    .bind(stap)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Enrols: stores the secret (already encrypted) and replaces the recovery codes by these hashes.
pub async fn tweestaps_instellen(
    conn: &mut Conn,
    id: GebruikerId,
    geheim: &str,
    stap: i64,
    herstel_hashes: &[String],
) -> sqlx::Result<()> {
    sqlx::query("UPDATE gebruiker SET totp_geheim = $1, totp_laatste_stap = $2 WHERE id = $3")
        .bind(geheim)
        .bind(stap)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM herstelcode WHERE gebruiker_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for h in herstel_hashes {
        sqlx::query("INSERT INTO herstelcode (gebruiker_id, hash) VALUES ($1, $2)")
            .bind(id)
            .bind(h)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Removes the second factor (helpdesk reset); the user enrols again at the next sign-in.
pub async fn tweestaps_wissen(conn: &mut Conn, id: GebruikerId) -> sqlx::Result<()> {
    sqlx::query("UPDATE gebruiker SET totp_geheim = NULL, totp_laatste_stap = 0 WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM herstelcode WHERE gebruiker_id = $1")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Uses a recovery code: true when an unused one with this hash existed (now used).
pub async fn herstelcode_gebruiken(
    conn: &mut Conn,
    id: GebruikerId,
    hash: &str,
) -> sqlx::Result<bool> {
    let r = sqlx::query(
        "UPDATE herstelcode SET gebruikt_op = $1
         WHERE id = (SELECT id FROM herstelcode WHERE gebruiker_id = $2 AND hash = $3 AND gebruikt_op IS NULL LIMIT 1)",
    )
    .bind(crate::db::nu())
    .bind(id)
    .bind(hash)
    .execute(conn)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Unused recovery codes left.
pub async fn herstelcodes_over(db: &Db, id: GebruikerId) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM herstelcode WHERE gebruiker_id = $1 AND gebruikt_op IS NULL",
    )
    .bind(id)
    .fetch_one(db)
    .await
}

/// An account as the administration pages show it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Account {
    pub id: GebruikerId,
    pub email: String,
    pub naam: String,
    pub rol: String,
    #[sqlx(try_from = "Vlag")]
    pub actief: bool,
    pub organisatie_id: OrganisatieId,
    pub organisatie_code: String,
    pub organisatie_naam: String,
    pub regio_code: crate::gedeeld::RegioCode,
    #[sqlx(try_from = "Vlag")]
    pub tweestaps: bool,
    pub geblokkeerd_tot_ms: i64,
    /// The organisation is active (users of a deactivated one cannot sign in).
    #[sqlx(try_from = "Vlag")]
    pub organisatie_actief: bool,
}

impl Account {
    /// The role as users read it ("Regiocoördinator"), not its stored code.
    pub fn rol_label(&self) -> &'static str {
        Rol::parse(&self.rol).map_or("onbekende rol", Rol::label)
    }
}

const ACCOUNT: &str = "SELECT g.id, g.email, g.naam, g.rol, g.actief AS actief, g.organisatie_id,
    o.code AS organisatie_code, o.naam AS organisatie_naam, o.regio_code,
    g.totp_geheim IS NOT NULL AS tweestaps, g.geblokkeerd_tot_ms,
    o.actief AS organisatie_actief
    FROM gebruiker g JOIN organisatie o ON o.id = g.organisatie_id";

/// Accounts of one region (or all), active and inactive, by organisation and name.
pub async fn accounts(db: &Db, s: &GebruikersBeheer) -> sqlx::Result<Vec<Account>> {
    sqlx::query_as(&format!(
        "{ACCOUNT} WHERE ($1 IS NULL OR o.regio_code = $1) ORDER BY o.regio_code, o.naam, g.naam"
    ))
    .bind(s.regio())
    .fetch_all(db)
    .await
}

/// An account in the scope (another region's is not found).
pub async fn account(
    db: &Db,
    s: &GebruikersBeheer,
    id: GebruikerId,
) -> sqlx::Result<Option<Account>> {
    sqlx::query_as(&format!(
        "{ACCOUNT} WHERE g.id = $1 AND ($2 IS NULL OR o.regio_code = $2)"
    ))
    .bind(id)
    .bind(s.regio())
    .fetch_optional(db)
    .await
}

/// SQL condition on `gebruiker`: the account's organisation lies in the scope's region `$n`.
fn in_bereik(n: u8) -> String {
    format!(
        "(${n} IS NULL OR EXISTS (SELECT 1 FROM organisatie o WHERE o.id = gebruiker.organisatie_id \
           AND o.regio_code = ${n}))"
    )
}

/// Changes name, organisation, role and active flag; deactivating ends the sessions.
pub async fn account_bijwerken(
    conn: &mut Conn,
    s: &GebruikersBeheer,
    id: GebruikerId,
    naam: &str,
    organisatie_id: OrganisatieId,
    rol: Rol,
    actief: bool,
) -> sqlx::Result<()> {
    // Both the account and its new organisation must lie in the scope.
    let r = sqlx::query(&format!(
        "UPDATE gebruiker SET naam = $1, organisatie_id = $2, rol = $3, actief = $4,
           sessies_geldig_vanaf = CASE WHEN NOT $4 OR organisatie_id <> $2 OR rol <> $3
                                       THEN $5 ELSE sessies_geldig_vanaf END
         WHERE id = $6 AND {}
           AND ($7 IS NULL OR EXISTS (SELECT 1 FROM organisatie n WHERE n.id = $2 AND n.regio_code = $7))",
        in_bereik(7)
    ))
    .bind(naam)
    .bind(organisatie_id)
    .bind(rol.code())
    .bind(actief)
    .bind(crate::db::nu_ms() + 1)
    .bind(id)
    .bind(s.regio())
    .execute(conn)
    .await?;
    if r.rows_affected() == 0 {
        return Err(sqlx::Error::RowNotFound);
    }
    Ok(())
}

/// Sets a temporary password that must be changed at the next sign-in, and ends the sessions.
pub async fn tijdelijk_wachtwoord(
    conn: &mut Conn,
    s: &GebruikersBeheer,
    id: GebruikerId,
    hash: &str,
) -> sqlx::Result<()> {
    let r = sqlx::query(&format!(
        "UPDATE gebruiker SET wachtwoord_hash = $1, wachtwoord_wijzigen = TRUE, sessies_geldig_vanaf = $2,
           mislukte_pogingen = 0, eerste_mislukt_ms = 0, geblokkeerd_tot_ms = 0
         WHERE id = $3 AND {}",
        in_bereik(4)
    ))
    .bind(hash)
    .bind(crate::db::nu_ms() + 1)
    .bind(id)
    .bind(s.regio())
    .execute(conn)
    .await?;
    if r.rows_affected() == 0 {
        return Err(sqlx::Error::RowNotFound);
    }
    Ok(())
}

/// Failures counted for the address key `sleutel` since `sinds_ms` (0 when none).
pub async fn adres_mislukt_telling(db: &Db, sleutel: &str, sinds_ms: i64) -> sqlx::Result<i64> {
    let n: Option<i64> =
        sqlx::query_scalar("SELECT mislukt FROM inlog_adres WHERE sleutel = $1 AND sinds_ms > $2")
            .bind(sleutel)
            .bind(sinds_ms)
            .fetch_optional(db)
            .await?;
    Ok(n.unwrap_or(0))
}

/// Counts a failure for the address key at `nu_ms`; a count that began at or before
/// `verlopen_ms` starts over, and the rows of other addresses that expired then are removed.
/// One statement each, atomic on both databases, so instances that count at the same time do
/// not lose a failure.
pub async fn adres_mislukt(
    db: &Db,
    sleutel: &str,
    nu_ms: i64,
    verlopen_ms: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO inlog_adres (sleutel, mislukt, sinds_ms) VALUES ($1, 1, $2)
         ON CONFLICT (sleutel) DO UPDATE SET
             mislukt = CASE WHEN inlog_adres.sinds_ms <= $3 THEN 1 ELSE inlog_adres.mislukt + 1 END,
             sinds_ms = CASE WHEN inlog_adres.sinds_ms <= $3 THEN $2 ELSE inlog_adres.sinds_ms END",
    )
    .bind(sleutel)
    .bind(nu_ms)
    .bind(verlopen_ms)
    .execute(db)
    .await?;
    sqlx::query("DELETE FROM inlog_adres WHERE sinds_ms <= $1")
        .bind(verlopen_ms)
        .execute(db)
        .await?;
    Ok(())
}

/// Forgets the failures of the address key (a success from it).
pub async fn adres_gelukt(db: &Db, sleutel: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM inlog_adres WHERE sleutel = $1")
        .bind(sleutel)
        .execute(db)
        .await?;
    Ok(())
}

/// Reset links asked for a user since `sinds_ms`.
pub async fn herstel_aantal(db: &Db, id: GebruikerId, sinds_ms: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM wachtwoord_herstel WHERE gebruiker_id = $1 AND aangemaakt_ms >= $2",
    )
    .bind(id)
    .bind(sinds_ms)
    .fetch_one(db)
    .await
}

/// Stores a reset link's hash, and drops the user's links that expired long ago.
pub async fn herstel_opslaan(
    conn: &mut Conn,
    id: GebruikerId,
    hash: &str,
    nu_ms: i64,
    verloopt_ms: i64,
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM wachtwoord_herstel WHERE gebruiker_id = $1 AND verloopt_ms < $2")
        .bind(id)
        .bind(nu_ms - 86_400_000)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO wachtwoord_herstel (token_hash, gebruiker_id, aangemaakt_ms, verloopt_ms)
         VALUES ($1, $2, $3, $4)",
    )
    .bind(hash)
    .bind(id)
    .bind(nu_ms)
    .bind(verloopt_ms)
    .execute(conn)
    .await?;
    Ok(())
}

/// The active user of a reset link that is unused and not expired.
pub async fn herstel_gebruiker(db: &Db, hash: &str, nu_ms: i64) -> sqlx::Result<Option<Gebruiker>> {
    let r: Option<GebruikerRij> = sqlx::query_as(&format!(
        "{SELECT} AND g.id = (SELECT h.gebruiker_id FROM wachtwoord_herstel h
           WHERE h.token_hash = $1 AND h.gebruikt_ms IS NULL AND h.verloopt_ms > $2)"
    ))
    .bind(hash)
    .bind(nu_ms)
    .fetch_optional(db)
    .await?;
    Ok(r.map(Into::into))
}

/// Uses up a reset link and every other open link of its user: whether this one was still
/// open (two requests at once: one wins).
pub async fn herstel_gebruiken(
    conn: &mut Conn,
    hash: &str,
    id: GebruikerId,
    nu_ms: i64,
) -> sqlx::Result<bool> {
    let r = sqlx::query(
        "UPDATE wachtwoord_herstel SET gebruikt_ms = $3
         WHERE token_hash = $1 AND gebruiker_id = $2 AND gebruikt_ms IS NULL AND verloopt_ms > $3",
    )
    .bind(hash)
    .bind(id)
    .bind(nu_ms)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE wachtwoord_herstel SET gebruikt_ms = $2 WHERE gebruiker_id = $1 AND gebruikt_ms IS NULL",
    )
    .bind(id)
    .bind(nu_ms)
    .execute(&mut *conn)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// After a reset: the failed sign-ins are forgotten (the block is lifted).
pub async fn blokkade_opheffen(conn: &mut Conn, id: GebruikerId) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE gebruiker SET mislukte_pogingen = 0, eerste_mislukt_ms = 0, geblokkeerd_tot_ms = 0
         WHERE id = $1",
    )
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Claims an idempotency key for a user (forgetting the user's keys older than `bewaren_ms`);
/// `false` when the key was claimed before.
pub async fn idempotentie_claimen(
    db: &Db,
    id: GebruikerId,
    sleutel: &str,
    vingerafdruk: &str,
    nu_ms: i64,
    bewaren_ms: i64,
) -> sqlx::Result<bool> {
    sqlx::query("DELETE FROM api_idempotentie WHERE gebruiker_id = $1 AND aangemaakt_ms < $2")
        .bind(id)
        .bind(nu_ms - bewaren_ms)
        .execute(db)
        .await?;
    let r = sqlx::query(
        "INSERT INTO api_idempotentie (gebruiker_id, sleutel, vingerafdruk, status, antwoord, aangemaakt_ms)
         VALUES ($1, $2, $3, 0, '', $4) ON CONFLICT (gebruiker_id, sleutel) DO NOTHING",
    )
    .bind(id)
    .bind(sleutel)
    .bind(vingerafdruk)
    .bind(nu_ms)
    .execute(db)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Stores the answer of a claimed key: status, JSON body, Location.
pub async fn idempotentie_vastleggen(
    db: &Db,
    id: GebruikerId,
    sleutel: &str,
    (status, antwoord, locatie): (i64, &str, Option<&str>),
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE api_idempotentie SET status = $3, antwoord = $4, locatie = $5
         WHERE gebruiker_id = $1 AND sleutel = $2",
    )
    .bind(id)
    .bind(sleutel)
    .bind(status)
    .bind(antwoord)
    .bind(locatie)
    .execute(db)
    .await?;
    Ok(())
}

/// Gives a claimed key back (its request failed).
pub async fn idempotentie_vrijgeven(db: &Db, id: GebruikerId, sleutel: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM api_idempotentie WHERE gebruiker_id = $1 AND sleutel = $2")
        .bind(id)
        .bind(sleutel)
        .execute(db)
        .await?;
    Ok(())
}

/// What a key holds: the request's fingerprint, status (0: still running), body, Location.
pub async fn idempotentie_antwoord(
    db: &Db,
    id: GebruikerId,
    sleutel: &str,
) -> sqlx::Result<Option<(String, i64, String, Option<String>)>> {
    let r = sqlx::query(
        "SELECT vingerafdruk, status, antwoord, locatie FROM api_idempotentie
         WHERE gebruiker_id = $1 AND sleutel = $2",
    )
    .bind(id)
    .bind(sleutel)
    .fetch_optional(db)
    .await?;
    Ok(r.map(|r| {
        use sqlx::Row;
        (r.get(0), r.get(1), r.get(2), r.get(3))
    }))
}
