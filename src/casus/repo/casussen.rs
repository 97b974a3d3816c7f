//! Repository: cases, repeat incidents and retention.

use super::*;
use crate::gedeeld::OrganisatieId;

/// Every case with a start time: (casus id, regio, start, pseudonym, frozen repeat flag).
pub async fn herhaal_basis(db: &Db, _: Systeem) -> sqlx::Result<Vec<HerhaalRij>> {
    type Ruw = (i64, String, String, Option<String>, Option<Vlag>);
    let rijen: Vec<Ruw> = sqlx::query_as(
        "SELECT c.id, c.regio_code, MIN(m.tijdstip), c.pseudoniem, c.herhaling FROM casus c
         JOIN moment m ON m.casus_id = c.id GROUP BY c.id",
    )
    .fetch_all(db)
    .await?;
    Ok(rijen
        .into_iter()
        .map(|(id, regio, start, pseudoniem, herhaling)| {
            (id, regio, start, pseudoniem, herhaling.map(bool::from))
        })
        .collect())
}

/// Closes a case at `op` and ends every open participation period of its moments (reason:
/// the case was closed).
pub async fn casus_sluiten(
    conn: &mut Conn,
    s: &Deelname,
    id: crate::gedeeld::CasusId,
    op: &str,
    door: &Actor,
) -> sqlx::Result<()> {
    een_rij(
        &sqlx::query(&format!(
            "UPDATE casus SET status = 'gesloten', gesloten_op = $2 WHERE id = $1
               AND ($3 IS NULL OR EXISTS (SELECT 1 FROM moment mc WHERE mc.casus_id = $1 AND {}))",
            deelt("mc.id", 3)
        ))
        .bind(id)
        .bind(op)
        .bind(s.organisatie())
        .execute(&mut *conn)
        .await?,
    )?;
    sqlx::query(
        "UPDATE moment_deelnemer SET tot = $2, einde = 'casus_gesloten', beeindigd_door_gebruiker = $3,
           beeindigd_door_organisatie = $4
         WHERE tot IS NULL AND moment_id IN (SELECT id FROM moment WHERE casus_id = $1)",
    )
    .bind(id)
    .bind(op)
    .bind(door.gebruiker_id)
    .bind(door.organisatie_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// How an organisation's most recent participation period in a moment ended (`None`: it never
/// took part, or it takes part now).
pub async fn laatste_einde(
    conn: &mut Conn,
    s: &CasusInzage,
    moment_id: MomentId,
    organisatie_id: OrganisatieId,
) -> sqlx::Result<Option<DeelnameEinde>> {
    let einde: Option<Option<String>> = sqlx::query_scalar(
        "SELECT d.einde FROM moment_deelnemer d JOIN moment m ON m.id = d.moment_id
         WHERE d.moment_id = $1 AND d.organisatie_id = $2 AND ($3 IS NULL OR m.regio_code = $3)
         ORDER BY d.vanaf DESC, d.id DESC LIMIT 1",
    )
    .bind(moment_id)
    .bind(organisatie_id)
    .bind(s.regio())
    .fetch_optional(conn)
    .await?;
    Ok(einde.flatten().as_deref().and_then(DeelnameEinde::parse))
}

/// Number of organisations taking part in a moment now.
pub async fn aantal_actieve_deelnemers(
    conn: &mut Conn,
    s: &Deelname,
    moment_id: MomentId,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM moment_deelnemer WHERE moment_id = $1 AND tot IS NULL AND {}",
        deelt("$1", 2)
    ))
    .bind(moment_id)
    .bind(s.organisatie())
    .fetch_one(conn)
    .await
}

pub async fn casus_heropenen(
    conn: &mut Conn,
    s: &CasusRegistratie,
    id: crate::gedeeld::CasusId,
) -> sqlx::Result<()> {
    een_rij(
        &sqlx::query(
            "UPDATE casus SET status = 'open', gesloten_op = NULL
             WHERE id = $1 AND gewist_op IS NULL AND regio_code = $2",
        )
        .bind(id)
        .bind(s.regio())
        .execute(conn)
        .await?,
    )
}

/// Closed cases whose personal data is still present and that were closed before `grens`.
pub async fn te_wissen(
    db: &Db,
    _: Systeem,
    grens: &str,
) -> sqlx::Result<Vec<crate::gedeeld::CasusId>> {
    sqlx::query_scalar(
        "SELECT id FROM casus WHERE status = 'gesloten' AND gewist_op IS NULL AND gesloten_op < $1 ORDER BY id",
    )
    .bind(grens)
    .fetch_all(db)
    .await
}

/// What an erased afspraak description reads.
pub const GEWIST: &str = "(omschrijving gewist na de bewaartermijn)";

/// Freezes the repeat flags of every case sharing this case's pseudonym (they depend on it),
/// then erases the case's personal data, the free text of its process data and afspraken, and
/// its pseudonym. Returns the number of personal-data
/// records deleted.
pub async fn wissen(
    conn: &mut Conn,
    _: Systeem,
    casus_id: crate::gedeeld::CasusId,
    bevroren: &[(i64, bool)],
) -> sqlx::Result<u64> {
    for (id, h) in bevroren {
        sqlx::query("UPDATE casus SET herhaling = $2 WHERE id = $1 AND herhaling IS NULL")
            .bind(id)
            .bind(h)
            .execute(&mut *conn)
            .await?;
    }
    let n = sqlx::query(
        "DELETE FROM moment_persoon WHERE moment_id IN (SELECT id FROM moment WHERE casus_id = $1)",
    )
    .bind(casus_id)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    // Free text in process data may contain personal data despite the form's advice. Removed
    // here rather than with a JSON function of one dialect; a case has few moments.
    let vrij = crate::casus::velden::vrije_tekst_proces();
    let momenten: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, tijdstip, gegevens FROM moment WHERE casus_id = $1")
            .bind(casus_id)
            .fetch_all(&mut *conn)
            .await?;
    let eigen = kenmerken_van_voorop(conn);
    for (id, tijdstip, gegevens) in momenten {
        // Data that is no JSON object cannot be checked field by field: it goes as a whole.
        let (mut velden, gelezen) =
            match serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&gegevens) {
                Ok(v) => (v, true),
                Err(_) => (Default::default(), false),
            };
        if gelezen && vrij.iter().filter(|c| velden.remove(**c).is_some()).count() == 0 {
            continue;
        }
        let gegevens = serde_json::Value::Object(velden).to_string();
        let sql = format!(
            "UPDATE moment SET gegevens = $2{} WHERE id = $1",
            if eigen {
                kenmerk_toekenningen(3)
            } else {
                String::new()
            }
        );
        let q = sqlx::query(&sql).bind(id).bind(&gegevens);
        let velden = van_json(&gegevens);
        let waarden = eigen.then(|| kenmerken(&tijdstip, |c| velden.get(c).map(String::as_str)));
        met_kenmerken(q, waarden).execute(&mut *conn).await?;
    }
    sqlx::query(
        "UPDATE afspraak SET omschrijving = $2, resultaat = NULL
         WHERE moment_id IN (SELECT id FROM moment WHERE casus_id = $1)",
    )
    .bind(casus_id)
    .bind(GEWIST)
    .execute(&mut *conn)
    .await?;
    // The plan's descriptions are free text about the person; its structure (who does what
    // kind of thing when) stays, like the afspraken.
    sqlx::query(
        "UPDATE veiligheidsplan_item SET omschrijving = $2
         WHERE versie_id IN (SELECT id FROM veiligheidsplan_versie WHERE casus_id = $1)",
    )
    .bind(casus_id)
    .bind(GEWIST)
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE veiligheidsplan_versie SET toelichting = '' WHERE casus_id = $1")
        .bind(casus_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("UPDATE casus SET pseudoniem = NULL, gewist_op = $2 WHERE id = $1")
        .bind(casus_id)
        .bind(crate::db::nu())
        .execute(conn)
        .await?;
    Ok(n)
}

/// (casus id, regio, start = first moment, pseudonym, frozen repeat flag).
pub type HerhaalRij = (i64, String, String, Option<String>, Option<bool>);

/// Every (region, year) with at least one registered moment, in order.
pub async fn regio_jaren(db: &Db, s: &CasusInzage) -> sqlx::Result<Vec<(RegioCode, String)>> {
    sqlx::query_as(
        "SELECT DISTINCT regio_code, substr(tijdstip, 1, 4) FROM moment
         WHERE ($1 IS NULL OR regio_code = $1) ORDER BY 1, 2",
    )
    .bind(s.regio())
    .fetch_all(db)
    .await
}

/// (casus id, start, pseudonym) of every case with this pseudonym: what retention needs to
/// freeze the repeat flags that depend on it.
pub async fn herhaal_basis_van_pseudoniem(
    conn: &mut Conn,
    _: Systeem,
    pseudoniem: &str,
) -> sqlx::Result<Vec<(i64, String, Option<String>)>> {
    sqlx::query_as(
        "SELECT c.id, MIN(m.tijdstip), c.pseudoniem FROM casus c JOIN moment m ON m.casus_id = c.id
         WHERE c.pseudoniem = $1 GROUP BY c.id",
    )
    .bind(pseudoniem)
    .fetch_all(conn)
    .await
}

/// Sets the pseudonym of an existing case that has none yet.
pub async fn pseudoniem_aanvullen(
    conn: &mut Conn,
    s: &CasusRegistratie,
    casus_id: crate::gedeeld::CasusId,
    pseudoniem: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE casus SET pseudoniem = COALESCE(pseudoniem, $2) WHERE id = $1 AND regio_code = $3",
    )
    .bind(casus_id)
    .bind(pseudoniem)
    .bind(s.regio())
    .execute(conn)
    .await?;
    Ok(())
}

/// Whether an organisation takes part (now) in any moment of a case.
pub async fn neemt_deel_aan_casus(
    conn: &mut Conn,
    s: &Deelname,
    casus_id: crate::gedeeld::CasusId,
) -> sqlx::Result<bool> {
    sqlx::query_scalar::<_, Vlag>(&format!(
        "SELECT EXISTS(SELECT 1 FROM moment mc WHERE mc.casus_id = $1 AND {})",
        deelt("mc.id", 2)
    ))
    .bind(casus_id)
    .bind(s.organisatie())
    .fetch_one(conn)
    .await
    .map(bool::from)
}

/// (id, soort) of the moments of a case that are not finished.
pub async fn lopende_momenten(
    conn: &mut Conn,
    s: &CasusInzage,
    casus_id: crate::gedeeld::CasusId,
) -> sqlx::Result<Vec<(i64, String)>> {
    sqlx::query_as(
        "SELECT id, soort FROM moment WHERE casus_id = $1 AND status NOT IN ('afgerond','afgewezen')
           AND ($2 IS NULL OR regio_code = $2) ORDER BY id",
    )
    .bind(casus_id)
    .bind(s.regio())
    .fetch_all(conn)
    .await
}

/// The open case of the region with this pseudonymous person key (the newest), if any: for
/// telling a registrant that a case exists. Only its number leaves this function.
pub async fn open_casus_van_persoon(
    conn: &mut Conn,
    s: &CasusRegistratie,
    pseudoniem: &str,
) -> sqlx::Result<Option<crate::gedeeld::CasusId>> {
    sqlx::query_scalar(
        "SELECT id FROM casus WHERE regio_code = $1 AND pseudoniem = $2 AND status = 'open'
           AND gewist_op IS NULL ORDER BY id DESC LIMIT 1",
    )
    .bind(s.regio())
    .bind(pseudoniem)
    .fetch_optional(conn)
    .await
}

/// The organisations that take part now in any moment of a case (for a melding that a moment
/// was linked to it).
pub async fn deelnemers_van_casus(
    conn: &mut Conn,
    s: &CasusRegistratie,
    casus: crate::gedeeld::CasusId,
) -> sqlx::Result<Vec<OrganisatieId>> {
    sqlx::query_scalar(
        "SELECT DISTINCT d.organisatie_id FROM moment_deelnemer d JOIN moment m ON m.id = d.moment_id
         WHERE m.casus_id = $1 AND m.regio_code = $2 AND d.tot IS NULL ORDER BY d.organisatie_id",
    )
    .bind(casus)
    .bind(s.regio())
    .fetch_all(conn)
    .await
}
