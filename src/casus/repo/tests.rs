use super::*;
use crate::auth::{Gebruiker, Rol, permissions};

fn medewerker(organisatie_id: OrganisatieId, soort: &str, regio: &str) -> Gebruiker {
    Gebruiker {
        id: crate::gedeeld::GebruikerId(0),
        email: "medewerker@demo.voorop.nl".into(),
        naam: "Demo".into(),
        rol: Rol::Medewerker,
        organisatie_id,
        organisatie_code: String::new(),
        organisatie_naam: String::new(),
        organisatie_soort: soort.into(),
        regio_code: RegioCode::parse(regio).unwrap(),
    }
}

async fn getal(db: &Db, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(db).await.unwrap()
}

/// The scopes filter in SQL: an organisation that does not take part in a moment reads
/// none of its personal data and changes nothing, whatever id the service passes; another
/// region's scope does not find the moment at all.
#[tokio::test]
async fn scopes_filteren_in_sql() {
    let dir = tempfile::tempdir().unwrap();
    let db = crate::db::open(&dir.path().join("scope.db")).await.unwrap();
    crate::demo::laad(&db, crate::demo::PEILDATUM)
        .await
        .unwrap();
    // A moment with personal data, and a partner organisation of the region that does not
    // take part in it now.
    let (moment, buiten): (crate::gedeeld::MomentId, OrganisatieId) = sqlx::query_as(
            "SELECT p.moment_id, o.id FROM moment_persoon p JOIN moment m ON m.id = p.moment_id
             JOIN organisatie o ON o.regio_code = m.regio_code AND o.soort IN ('politie','om','rvdk','3ro','veilig_thuis')
             WHERE NOT EXISTS (SELECT 1 FROM moment_deelnemer d WHERE d.moment_id = m.id
                 AND d.organisatie_id = o.id AND d.tot IS NULL)
               AND EXISTS (SELECT 1 FROM casus c WHERE c.id = m.casus_id AND c.status = 'open')
             ORDER BY p.moment_id LIMIT 1",
        )
        .fetch_one(&db)
        .await
        .unwrap();
    let (binnen, soort): (OrganisatieId, String) = sqlx::query_as(
            "SELECT d.organisatie_id, o.soort FROM moment_deelnemer d JOIN organisatie o ON o.id = d.organisatie_id
             WHERE d.moment_id = $1 AND d.tot IS NULL LIMIT 1",
        )
        .bind(moment)
        .fetch_one(&db)
        .await
        .unwrap();
    let deelnemer = permissions::deelname(&medewerker(binnen, &soort, "oost-brabant")).unwrap();
    let niet = permissions::deelname(&medewerker(buiten, "politie", "oost-brabant")).unwrap();
    let mut conn = db.acquire().await.unwrap();

    assert!(
        persoon(&mut conn, &deelnemer, moment)
            .await
            .unwrap()
            .is_some()
    );
    assert!(persoon(&mut conn, &niet, moment).await.unwrap().is_none());
    assert!(
        is_actieve_deelnemer(&mut conn, &deelnemer, moment)
            .await
            .unwrap()
    );
    assert!(
        !is_actieve_deelnemer(&mut conn, &niet, moment)
            .await
            .unwrap()
    );

    let voor = getal(&db, "SELECT COUNT(*) FROM afspraak").await;
    let m = self::moment(&mut conn, &permissions::systeem().inzage(), moment)
        .await
        .unwrap()
        .unwrap();
    let fout = moment_bijwerken(
        &mut conn,
        &niet,
        moment,
        "2020-01-01 00:00",
        m.status,
        &BTreeMap::new(),
        None,
    )
    .await
    .unwrap_err();
    assert!(matches!(fout, sqlx::Error::RowNotFound));
    let leeg = BTreeMap::new();
    assert!(
        persoon_opslaan(&mut conn, &niet, moment, &leeg)
            .await
            .is_ok()
    );
    assert!(
        persoon(&mut conn, &deelnemer, moment)
            .await
            .unwrap()
            .is_some(),
        "not erased by an outsider"
    );
    let nieuw = afspraak_aanmaken(
        &mut conn,
        &niet,
        moment,
        buiten,
        AfspraakSoort::Direct,
        "x",
        "2030-01-01",
    )
    .await;
    assert!(matches!(nieuw, Err(sqlx::Error::RowNotFound)));
    assert_eq!(getal(&db, "SELECT COUNT(*) FROM afspraak").await, voor);
    let na = self::moment(&mut conn, &permissions::systeem().inzage(), moment)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        na.tijdstip, m.tijdstip,
        "an outsider's update changed nothing"
    );

    // Another region's scope does not find the moment, its participants or its case.
    let limburg = permissions::casus_inzage(&medewerker(buiten, "politie", "limburg")).unwrap();
    assert!(
        self::moment(&mut conn, &limburg, moment)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        deelnemers(&mut conn, &limburg, moment)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        casus(&mut conn, &limburg, m.casus_id)
            .await
            .unwrap()
            .is_none()
    );
    let eigen = permissions::casus_inzage(&medewerker(buiten, "politie", "oost-brabant")).unwrap();
    assert!(
        self::moment(&mut conn, &eigen, moment)
            .await
            .unwrap()
            .is_some()
    );
    // A registration scope of another region cannot add participants to this moment.
    let reg = permissions::casus_registratie(&medewerker(buiten, "politie", "limburg")).unwrap();
    let actor = Actor::cli();
    let gestart = deelname_starten(
        &mut conn,
        &reg,
        moment,
        buiten,
        DeelnemerRol::Betrokken,
        "2026-01-01 00:00:00",
        &actor,
    )
    .await
    .unwrap();
    assert!(!gestart);
    assert!(
        !is_actieve_deelnemer(&mut conn, &niet, moment)
            .await
            .unwrap()
    );
}
