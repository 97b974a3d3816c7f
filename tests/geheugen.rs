//! Reference data kept in memory per instance (`db::geheugen`, migration 0020): every write to
//! a table of the Werkset or of the organisation structure, by anyone, bumps its subject's
//! version, and the pages that keep such data show what another writer wrote (here plain SQL on
//! the test's own pool, as another instance or a CLI process would write). On either backend.

mod common;

use common::*;
use reqwest::StatusCode;

const WERKSET: &[&str] = &[
    "werkset_bron",
    "werkset_catalogus",
    "werkset_citaat",
    "werkset_inspanning",
    "werkset_praktijk",
    "werkset_registratie",
    "werkset_thema",
    "werkset_verhaal",
    "werkset_waarde",
];
const ORGANISATIES: &[&str] = &["regio", "organisatie", "overleg", "overleg_organisatie"];

async fn versie(db: &voorop::db::Db, onderwerp: &str) -> i64 {
    sqlx::query_scalar("SELECT versie FROM gegevens_versie WHERE onderwerp = $1")
        .bind(onderwerp)
        .fetch_one(db)
        .await
        .expect("gegevens_versie")
}

async fn uitvoeren(db: &voorop::db::Db, sql: &str) {
    sqlx::query(sql)
        .execute(db)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

/// Runs `sql` and checks that it bumped `onderwerp` and left the other subject alone.
async fn verhoogt(db: &voorop::db::Db, onderwerp: &str, sql: &str) {
    let ander = if onderwerp == "werkset" {
        "organisaties"
    } else {
        "werkset"
    };
    let (voor, ander_voor) = (versie(db, onderwerp).await, versie(db, ander).await);
    uitvoeren(db, sql).await;
    assert!(
        versie(db, onderwerp).await > voor,
        "{sql} verhoogde de versie van {onderwerp} niet"
    );
    assert_eq!(
        versie(db, ander).await,
        ander_voor,
        "{sql} verhoogde {ander}"
    );
}

#[tokio::test]
async fn elke_schrijver_van_een_tabel_verhoogt_haar_onderwerp() {
    let app = start().await;
    let db = &app.db;
    for (onderwerp, tabellen) in [("werkset", WERKSET), ("organisaties", ORGANISATIES)] {
        for tabel in tabellen {
            let aantal: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {tabel}"))
                .fetch_one(db)
                .await
                .expect("aantal");
            assert!(
                aantal > 0,
                "de demo heeft geen rijen in {tabel}: niets te wijzigen"
            );
            let kolom = &kolommen(db, tabel).await[0];
            verhoogt(
                db,
                onderwerp,
                &format!("UPDATE {tabel} SET {kolom} = {kolom}"),
            )
            .await;
        }
    }
    // Inserts and deletes, on a table of each subject.
    verhoogt(
        db,
        "organisaties",
        "INSERT INTO regio (code, naam) VALUES ('proefregio', 'Proefregio')",
    )
    .await;
    verhoogt(
        db,
        "organisaties",
        "DELETE FROM regio WHERE code = 'proefregio'",
    )
    .await;
    verhoogt(
        db,
        "werkset",
        "INSERT INTO werkset_catalogus (versie, titel, inhoud, geladen_op)
         SELECT 'proef', titel, inhoud, geladen_op FROM werkset_catalogus WHERE versie <> 'proef' LIMIT 1",
    )
    .await;
    verhoogt(
        db,
        "werkset",
        "DELETE FROM werkset_catalogus WHERE versie = 'proef'",
    )
    .await;
}

#[tokio::test]
async fn paginas_tonen_wat_een_ander_schreef() {
    let app = start().await;
    let db = &app.db;
    let token = api_token(&app, LEZER).await;
    let (regio, periode, thema): (String, String, i64) = sqlx::query_as(
        "SELECT r.regio_code, r.periode, t.thema FROM werkset_thema t
           JOIN werkset_registratie r ON r.id = t.registratie_id
          WHERE r.regio_code IN (SELECT regio_code FROM organisatie)
            AND EXISTS (SELECT 1 FROM werkset_inspanning i WHERE i.registratie_id = r.id)
          ORDER BY r.periode DESC, r.regio_code, t.thema LIMIT 1",
    )
    .fetch_one(db)
    .await
    .expect("een fase in de demo");
    let fase = |v: &serde_json::Value| {
        v["regios"]
            .as_array()
            .expect("regios")
            .iter()
            .find(|r| r["regio"] == regio.as_str())
            .and_then(|r| r["themas"].as_array()?.iter().find(|t| t["thema"] == thema))
            .map(|t| t["fase"].clone())
            .expect("thema van de regio")
    };
    let pad = format!("/api/v1/werkset/vergelijking?periode={periode}");
    for nieuw in ["geborgd", "niet_gestart"] {
        // Read (and kept), then changed by someone else: the next read shows the change.
        let (status, _, v) = api_get(&app, &token, &pad).await;
        assert_eq!(status, StatusCode::OK, "{v}");
        assert_ne!(fase(&v), nieuw, "de demo heeft al fase {nieuw}");
        uitvoeren(
            db,
            &format!(
                "UPDATE werkset_thema SET fase = '{nieuw}' WHERE thema = {thema} AND registratie_id =
                   (SELECT id FROM werkset_registratie WHERE regio_code = '{regio}' AND periode = '{periode}')"
            ),
        )
        .await;
        let (_, _, v) = api_get(&app, &token, &pad).await;
        assert_eq!(fase(&v), nieuw, "de vergelijking toont een oude fase");
    }

    // The region page names the region's organisations: a renamed one shows its new name.
    let c = login(&app, COORDINATOR).await;
    let regiopagina = format!("/werkset/{regio}/{periode}");
    let nieuwe_naam = "Hernoemde Organisatie Geheugentoets";
    // The page names the region's organisations (as partners to choose): renamed by another
    // writer, one shows its new name. Not an organisation of a user, whose name the header
    // shows from the session anyway.
    let (id, naam): (i64, String) = sqlx::query_as(&format!(
        "SELECT id, naam FROM organisatie WHERE regio_code = '{regio}'
            AND id NOT IN (SELECT organisatie_id FROM gebruiker) ORDER BY id LIMIT 1"
    ))
    .fetch_one(db)
    .await
    .expect("een organisatie van de regio");
    let voor = pagina(&c, &app, &regiopagina).await;
    assert!(
        voor.contains(&naam) && !voor.contains(nieuwe_naam),
        "{voor}"
    );
    uitvoeren(
        db,
        &format!("UPDATE organisatie SET naam = '{nieuwe_naam}' WHERE id = {id}"),
    )
    .await;
    assert!(
        pagina(&c, &app, &regiopagina).await.contains(nieuwe_naam),
        "de regiopagina toont een oude organisatienaam"
    );
}
