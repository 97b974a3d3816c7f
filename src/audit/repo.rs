use super::model::{Actor, AuditEvent};
use sha2::{Digest, Sha256};
use sqlx::SqliteConnection;

/// Appends one event in the caller's transaction (so the event and the change commit together).
/// Each row carries the hash of the previous row, so tampering breaks the chain.
pub async fn schrijf(
    conn: &mut SqliteConnection,
    actor: &Actor,
    event: AuditEvent,
) -> sqlx::Result<()> {
    let (code, object_type, object_id, details) = event.parts();
    let tijd = crate::db::nu();
    let vorige: String = sqlx::query_scalar("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1")
        .fetch_optional(&mut *conn)
        .await?
        .unwrap_or_default();
    let hash = keten_hash(
        &vorige,
        &tijd,
        &actor.naam,
        code,
        object_type,
        &object_id,
        &details,
    );
    sqlx::query(
        "INSERT INTO audit_log (tijd, gebruiker_id, actor, organisatie_id, code, object_type, object_id, details, vorige_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(&tijd)
    .bind(actor.gebruiker_id)
    .bind(&actor.naam)
    .bind(actor.organisatie_id)
    .bind(code)
    .bind(object_type)
    .bind(&object_id)
    .bind(&details)
    .bind(&vorige)
    .bind(&hash)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

fn keten_hash(
    vorige: &str,
    tijd: &str,
    actor: &str,
    code: &str,
    ot: &str,
    oid: &str,
    details: &str,
) -> String {
    let mut h = Sha256::new();
    for part in [vorige, tijd, actor, code, ot, oid, details] {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct AuditRegel {
    pub id: i64,
    pub tijd: String,
    pub actor: String,
    pub organisatie: Option<String>,
    pub code: String,
    pub object_type: String,
    pub object_id: String,
    pub details: String,
    pub vorige_hash: String,
    pub hash: String,
}

#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct AuditFilter {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub actor: String,
    #[serde(default)]
    pub van: String,
    #[serde(default)]
    pub tot: String,
    #[serde(default)]
    pub pagina: Option<u32>,
}

pub const PER_PAGINA: u32 = 100;

pub async fn zoek(db: &crate::db::Db, f: &AuditFilter) -> sqlx::Result<Vec<AuditRegel>> {
    let offset = i64::from(f.pagina.unwrap_or(1).max(1) - 1) * i64::from(PER_PAGINA);
    sqlx::query_as(
        "SELECT a.id, a.tijd, a.actor, o.naam AS organisatie, a.code, a.object_type, a.object_id, a.details, a.vorige_hash, a.hash
         FROM audit_log a LEFT JOIN organisatie o ON o.id = a.organisatie_id
         WHERE ($1 = '' OR a.code LIKE $1 || '%')
           AND ($2 = '' OR a.actor LIKE '%' || $2 || '%')
           AND ($3 = '' OR a.tijd >= $3)
           AND ($4 = '' OR a.tijd < $4 || 'T23:59:60')
         ORDER BY a.id DESC LIMIT $5 OFFSET $6",
    )
    .bind(f.code.trim())
    .bind(f.actor.trim())
    .bind(f.van.trim())
    .bind(f.tot.trim())
    .bind(i64::from(PER_PAGINA))
    .bind(offset)
    .fetch_all(db)
    .await
}

/// Recomputes the hash chain; returns the id of the first broken row, if any.
pub async fn verifieer(db: &crate::db::Db) -> sqlx::Result<Option<i64>> {
    let rows: Vec<AuditRegel> = sqlx::query_as(
        "SELECT id, tijd, actor, NULL AS organisatie, code, object_type, object_id, details, vorige_hash, hash FROM audit_log ORDER BY id",
    )
    .fetch_all(db)
    .await?;
    let mut vorige = String::new();
    for r in rows {
        let verwacht = keten_hash(
            &vorige,
            &r.tijd,
            &r.actor,
            &r.code,
            &r.object_type,
            &r.object_id,
            &r.details,
        );
        if r.vorige_hash != vorige || verwacht != r.hash {
            return Ok(Some(r.id));
        }
        vorige = r.hash;
    }
    Ok(None)
}
