//! Repository: bulk import (casus_import).

use super::*;

/// An import of a file as recorded in `casus_import`.
#[derive(Debug, Clone)]
pub struct Import {
    pub id: i64,
    pub voltooid: bool,
    pub gestart_op: String,
    pub laatste_rij: usize,
    pub momenten: usize,
    pub casussen: usize,
    pub verder_byte: u64,
    pub verder_regel: u64,
    pub verder_record: u64,
}

fn als_usize(n: i64) -> usize {
    usize::try_from(n).unwrap_or(0)
}

fn als_u64(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// The latest import of the file with this SHA-256, if any.
pub async fn import_van_bestand(db: &Db, sha: &str) -> sqlx::Result<Option<Import>> {
    let rij = sqlx::query(
        "SELECT id, status, gestart_op, laatste_rij, momenten, casussen, verder_byte, verder_regel, verder_record \
         FROM casus_import WHERE bestand_sha256 = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(sha)
    .fetch_optional(db)
    .await?;
    Ok(rij.map(|r| Import {
        id: r.get("id"),
        voltooid: r.get::<String, _>("status") == "voltooid",
        gestart_op: r.get("gestart_op"),
        laatste_rij: als_usize(r.get("laatste_rij")),
        momenten: als_usize(r.get("momenten")),
        casussen: als_usize(r.get("casussen")),
        verder_byte: als_u64(r.get("verder_byte")),
        verder_regel: als_u64(r.get("verder_regel")),
        verder_record: als_u64(r.get("verder_record")),
    }))
}

/// Records the start of an import (nothing stored yet).
pub async fn import_beginnen(db: &Db, sha: &str, rijen: usize, op: &str) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO casus_import (bestand_sha256, status, gestart_op, bijgewerkt_op, rijen) \
         VALUES ($1, 'bezig', $2, $2, $3) RETURNING id",
    )
    .bind(sha)
    .bind(op)
    .bind(i64::try_from(rijen).unwrap_or(i64::MAX))
    .fetch_one(db)
    .await
}

/// The progress of an import after a committed batch.
#[derive(Debug, Clone)]
pub struct ImportVoortgang {
    pub id: i64,
    pub laatste_rij: usize,
    pub momenten: usize,
    pub casussen: usize,
    pub verder_byte: u64,
    pub verder_regel: u64,
    pub verder_record: u64,
    pub voltooid: bool,
    pub op: String,
}

/// Saves the progress of an import in the batch's transaction; when it is complete, its
/// reference hashes are deleted.
pub async fn import_voortgang(conn: &mut Conn, v: &ImportVoortgang) -> sqlx::Result<()> {
    let getal = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
    sqlx::query(
        "UPDATE casus_import SET laatste_rij = $2, momenten = $3, casussen = $4, verder_byte = $5, \
         verder_regel = $6, verder_record = $7, status = $8, bijgewerkt_op = $9 WHERE id = $1",
    )
    .bind(v.id)
    .bind(getal(v.laatste_rij as u64))
    .bind(getal(v.momenten as u64))
    .bind(getal(v.casussen as u64))
    .bind(getal(v.verder_byte))
    .bind(getal(v.verder_regel))
    .bind(getal(v.verder_record))
    .bind(if v.voltooid { "voltooid" } else { "bezig" })
    .bind(&v.op)
    .execute(&mut *conn)
    .await?;
    if v.voltooid {
        sqlx::query("DELETE FROM casus_import_ref WHERE import_id = $1")
            .bind(v.id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// The cases that earlier batches of an import made of these references: hash → (case, its
/// status, its pseudonym).
pub async fn import_refs(
    conn: &mut Conn,
    _s: &Systeem,
    import: i64,
    hashes: &[&str],
) -> sqlx::Result<HashMap<String, (i64, String, Option<String>)>> {
    let mut gevonden = HashMap::new();
    let genummerd = bulk::genummerd(conn);
    // PostgreSQL takes the hashes as one array parameter; SQLite one parameter each.
    let per_statement = if genummerd { 10_000 } else { 900 };
    for deel in hashes.chunks(per_statement) {
        // On PostgreSQL the hashes are a joined set, so each is looked up in the key: as
        // `ref_hash = ANY(…)` the planner, misled by the small table's statistics from before
        // the import, filtered every reference of the import against the whole array.
        let sql = if genummerd {
            "SELECT r.ref_hash, c.id, c.status, c.pseudoniem
             FROM unnest(CAST($2 AS TEXT[])) AS h(ref_hash)
             JOIN casus_import_ref r ON r.import_id = $1 AND r.ref_hash = h.ref_hash
             JOIN casus c ON c.id = r.casus_id"
                .to_string()
        } else {
            format!(
                "SELECT r.ref_hash, c.id, c.status, c.pseudoniem
                 FROM casus_import_ref r JOIN casus c ON c.id = r.casus_id
                 WHERE r.import_id = ? AND r.ref_hash IN ({})",
                vec!["?"; deel.len()].join(", ")
            )
        };
        let mut q = sqlx::query_as::<_, (String, i64, String, Option<String>)>(&sql).bind(import);
        if genummerd {
            q = q.bind(bulk::tekst_array(deel));
        } else {
            for h in deel {
                q = q.bind(*h);
            }
        }
        for (hash, id, status, pseudoniem) in q.fetch_all(&mut *conn).await? {
            gevonden.insert(hash, (id, status, pseudoniem));
        }
    }
    Ok(gevonden)
}

/// A case made by a bulk writer, with its id allocated ahead (`db::bulk::nieuwe_ids`) and the
/// start of its first moment: what the trigger `moment_eerste_invoegen` would set when its
/// moments are inserted, written with the case so that no case is updated per moment.
#[derive(Debug, Clone)]
pub struct NieuweCasus {
    pub id: i64,
    pub regio: RegioCode,
    pub pseudoniem: Option<String>,
    pub eerste_tijdstip: String,
}

/// A moment made by a bulk writer, with its participations (id, organisation, role).
#[derive(Debug, Clone)]
pub struct NieuwMoment {
    pub id: i64,
    pub casus_id: i64,
    pub regio: RegioCode,
    pub soort: Soort,
    pub tijdstip: String,
    pub status: Status,
    pub proces: BTreeMap<String, String>,
    pub persoon: BTreeMap<String, String>,
    pub organisatie_id: OrganisatieId,
    pub overleg_id: Option<i64>,
    pub deelnames: Vec<(i64, OrganisatieId, DeelnemerRol)>,
}

/// What a batch of the CSV import writes: new cases, new moments, and the references of the
/// file that became a case (hash, case).
#[derive(Debug, Clone, Default)]
pub struct NieuweMomenten {
    pub casussen: Vec<NieuweCasus>,
    pub momenten: Vec<NieuwMoment>,
    pub refs: Vec<(String, i64)>,
}

/// Writes a batch with multi-row inserts, for a system job that checked every row beforehand
/// (organisations active and of the region, cases open and of the region): rows are written
/// as given, with their ids. Participations start at `op`, started by `door`.
pub async fn nieuw_opslaan(
    conn: &mut Conn,
    _s: &Systeem,
    import: i64,
    rijen: &NieuweMomenten,
    door: &Actor,
    op: &str,
) -> sqlx::Result<()> {
    let mut casussen = Bulk::new(
        "casus",
        &[
            "id",
            "regio_code",
            "pseudoniem",
            "aangemaakt_op",
            "eerste_tijdstip",
        ],
    );
    for c in &rijen.casussen {
        casussen.rij(vec![
            Cel::I(c.id),
            c.regio.as_str().into(),
            Cel::OT(c.pseudoniem.clone()),
            op.into(),
            c.eerste_tijdstip.as_str().into(),
        ]);
    }
    let mut momenten = Bulk::new(
        "moment",
        &[
            "id",
            "casus_id",
            "regio_code",
            "soort",
            "tijdstip",
            "status",
            "gegevens",
            "aangemaakt_door_organisatie",
            "aangemaakt_op",
            "gewijzigd_op",
            "overleg_id",
        ],
    );
    let eigen = kenmerken_van_voorop(conn);
    if eigen {
        momenten = momenten.met_kolommen(&KENMERK_KOLOMMEN);
    }
    let mut personen = Bulk::new("moment_persoon", &["moment_id", "gegevens"]);
    let mut deelnames = Bulk::new(
        "moment_deelnemer",
        &[
            "id",
            "moment_id",
            "organisatie_id",
            "rol",
            "vanaf",
            "gestart_door_gebruiker",
            "gestart_door_organisatie",
        ],
    );
    for m in &rijen.momenten {
        let mut rij = vec![
            Cel::I(m.id),
            Cel::I(m.casus_id),
            m.regio.as_str().into(),
            m.soort.code().into(),
            m.tijdstip.as_str().into(),
            m.status.code().into(),
            json(&m.proces).into(),
            Cel::I(m.organisatie_id.0),
            op.into(),
            op.into(),
            Cel::OI(m.overleg_id),
        ];
        if eigen {
            rij.extend(kenmerk_cellen(&m.tijdstip, |c| {
                m.proces.get(c).map(String::as_str)
            }));
        }
        momenten.rij(rij);
        if !m.persoon.is_empty() {
            personen.rij(vec![Cel::I(m.id), json(&m.persoon).into()]);
        }
        for (id, org, rol) in &m.deelnames {
            deelnames.rij(vec![
                Cel::I(*id),
                Cel::I(m.id),
                Cel::I(org.0),
                rol.code().into(),
                op.into(),
                Cel::OI(door.gebruiker_id.map(i64::from)),
                Cel::OI(door.organisatie_id.map(i64::from)),
            ]);
        }
    }
    let mut refs = Bulk::new("casus_import_ref", &["import_id", "ref_hash", "casus_id"]);
    for (hash, casus) in &rijen.refs {
        refs.rij(vec![Cel::I(import), hash.as_str().into(), Cel::I(*casus)]);
    }
    for b in [
        &mut casussen,
        &mut momenten,
        &mut personen,
        &mut deelnames,
        &mut refs,
    ] {
        b.schrijf(conn).await?;
    }
    Ok(())
}
