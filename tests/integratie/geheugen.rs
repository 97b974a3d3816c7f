//! Reference data kept in memory per instance (`db::geheugen`, migration 0020): every write to
//! a table of the Werkset or of the organisation structure, by anyone, bumps its subject's
//! version, and the pages that keep such data show what another writer wrote (here plain SQL on
//! the test's own pool, as another instance or a CLI process would write). On either backend.

use crate::common::*;
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
const ZELFSCAN: &[&str] = &[
    "vragenlijst",
    "zelfscan_ronde",
    "ronde_gemeente",
    "ronde_deelnemer",
    "zelfscan_antwoord",
    "rad_antwoord",
];
const ONTWIKKELAGENDA: &[&str] = &[
    "ontwikkelagenda_versie",
    "swot_sessie",
    "swot_deelnemer",
    "swot_plaatsing",
    "swot_stap",
    "swot_reactie",
    "uitvoeringsplan",
    "uitvoeringsplan_onderdeel",
    "uitvoeringsplan_activiteit",
    "uitvoeringsplan_kosten",
    "netwerk_werkplan",
    "netwerk_speerpunt",
    "netwerk_thematrekker",
    "netwerk_bijeenkomst",
    "netwerk_besluit",
    "netwerk_evaluatie",
    "netwerk_evaluatie_aspect",
];
const ONDERWERPEN: [&str; 4] = ["werkset", "organisaties", "zelfscan", "ontwikkelagenda"];

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

/// Runs `sql` and checks that it bumped `onderwerp` and left the other subjects alone.
async fn verhoogt(db: &voorop::db::Db, onderwerp: &str, sql: &str) {
    let mut voor = Vec::new();
    for o in ONDERWERPEN {
        voor.push(versie(db, o).await);
    }
    uitvoeren(db, sql).await;
    for (o, v) in ONDERWERPEN.iter().zip(voor) {
        let na = versie(db, o).await;
        if *o == onderwerp {
            assert!(na > v, "{sql} verhoogde de versie van {onderwerp} niet");
        } else {
            assert_eq!(na, v, "{sql} verhoogde {o}");
        }
    }
}

#[tokio::test]
async fn elke_schrijver_van_een_tabel_verhoogt_haar_onderwerp() {
    let app = start().await;
    let db = &app.db;
    for (onderwerp, tabellen) in [
        ("werkset", WERKSET),
        ("organisaties", ORGANISATIES),
        ("zelfscan", ZELFSCAN),
        ("ontwikkelagenda", ONTWIKKELAGENDA),
    ] {
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

/// The moment list's choice of partner organisations is kept per instance: an organisation
/// renamed, or made inactive, by another writer shows so at once, in the list and in the form
/// to register a moment.
#[tokio::test]
async fn partnerorganisaties_tonen_wat_een_ander_schreef() {
    let app = start().await;
    let db = &app.db;
    let c = login(&app, "vt@demo.voorop.nl").await;
    let (id, naam): (i64, String) = sqlx::query_as(
        "SELECT id, naam FROM organisatie
          WHERE regio_code = 'oost-brabant' AND soort = 'politie' AND actief = TRUE
          ORDER BY id LIMIT 1",
    )
    .fetch_one(db)
    .await
    .expect("een politie-eenheid in de regio");
    let optie = |n: &str| format!("<option value=\"{id}\">{n}</option>");
    let nieuwe_naam = "Politie Hernoemd Geheugentoets";
    // Read twice: the second view takes the list from memory.
    for _ in 0..2 {
        let body = pagina(&c, &app, "/casussen").await;
        assert!(body.contains(&optie(&naam)), "de lijst zonder {naam}");
    }
    uitvoeren(
        db,
        &format!("UPDATE organisatie SET naam = '{nieuwe_naam}' WHERE id = {id}"),
    )
    .await;
    let body = pagina(&c, &app, "/casussen").await;
    assert!(
        body.contains(&optie(nieuwe_naam)) && !body.contains(&optie(&naam)),
        "de lijst toont een oude organisatienaam"
    );
    uitvoeren(
        db,
        &format!("UPDATE organisatie SET actief = FALSE WHERE id = {id}"),
    )
    .await;
    let body = pagina(&c, &app, "/casussen").await;
    assert!(
        !body.contains(&format!("<option value=\"{id}\">")),
        "de lijst biedt een inactieve organisatie aan"
    );
}

/// The national overview of the network years is kept per instance (migration 0045): a
/// speerpunt renamed, or an organisation renamed, by another writer shows at once.
#[tokio::test]
async fn netwerkoverzicht_toont_wat_een_ander_schreef() {
    let app = start().await;
    let db = &app.db;
    let c = login(&app, COORDINATOR).await;
    let (speerpunt, titel, jaar, voorzitter): (i64, String, i64, String) = sqlx::query_as(
        "SELECT s.id, s.titel, w.jaar, o.naam FROM netwerk_speerpunt s
           JOIN netwerk_werkplan w ON w.id = s.werkplan_id
           JOIN organisatie o ON o.id = w.voorzitter_organisatie_id
          ORDER BY w.jaar DESC, s.id LIMIT 1",
    )
    .fetch_one(db)
    .await
    .expect("een speerpunt in de demo");
    let pad = format!("/ontwikkelagenda/{jaar}/netwerken");
    let voor = pagina(&c, &app, &pad).await;
    assert!(
        voor.contains(&titel) && voor.contains(&voorzitter),
        "{voor}"
    );
    uitvoeren(
        db,
        &format!(
            "UPDATE netwerk_speerpunt SET titel = 'Speerpunt Geheugentoets' WHERE id = {speerpunt}"
        ),
    )
    .await;
    let na = pagina(&c, &app, &pad).await;
    assert!(
        na.contains("Speerpunt Geheugentoets"),
        "het overzicht toont een oude speerpunttitel"
    );
    uitvoeren(
        db,
        &format!(
            "UPDATE organisatie SET naam = 'Voorzitter Geheugentoets' WHERE naam = '{voorzitter}'"
        ),
    )
    .await;
    assert!(
        pagina(&c, &app, &pad)
            .await
            .contains("Voorzitter Geheugentoets"),
        "het overzicht toont een oude organisatienaam"
    );
}

#[tokio::test]
async fn zelfscanresultaten_tonen_wat_een_ander_schreef() {
    let app = start().await;
    let db = &app.db;
    let token = api_token(&app, COORDINATOR).await;
    let (ronde, gemeente, vraag): (i64, i64, i64) = sqlx::query_as(
        "SELECT ronde_id, gemeente_id, vraag FROM zelfscan_antwoord WHERE antwoord IS NOT NULL
          ORDER BY ronde_id, gemeente_id, vraag LIMIT 1",
    )
    .fetch_one(db)
    .await
    .expect("een antwoord in de demo");
    // Every answer flipped twice by another writer: each read after a write shows it (the
    // regional aggregate and the gemeente's scores change with it).
    for _ in 0..2 {
        let voor = resultaten(&app, &token, ronde).await;
        uitvoeren(
            db,
            &format!(
                "UPDATE zelfscan_antwoord SET antwoord = CASE antwoord WHEN 'op_orde' THEN 'niet_op_orde'
                   ELSE 'op_orde' END WHERE ronde_id = {ronde} AND gemeente_id = {gemeente} AND vraag = {vraag}"
            ),
        )
        .await;
        let na = resultaten(&app, &token, ronde).await;
        assert_ne!(voor, na, "de resultaten tonen een oud antwoord");
    }
}

/// The overdue count on the case list ("Verlopen afspraken (n)") is kept per organisation and
/// day; an afspraak made overdue, or a chair that ends, by another writer shows at once.
#[tokio::test]
async fn verlopen_afspraken_tonen_wat_een_ander_schreef() {
    let app = start().await;
    let db = &app.db;
    let c = login(&app, "vt@demo.voorop.nl").await;
    let org: i64 = sqlx::query_scalar(
        "SELECT organisatie_id FROM gebruiker WHERE email = 'vt@demo.voorop.nl'",
    )
    .fetch_one(db)
    .await
    .unwrap();
    let aantal = |html: String| -> i64 {
        html.split("Verlopen afspraken")
            .nth(1)
            .and_then(|r| r.strip_prefix(" ("))
            .and_then(|r| r.split(')').next())
            .map_or(0, |n| n.parse().expect("aantal"))
    };
    let voor = aantal(pagina(&c, &app, "/casussen").await);
    // An open afspraak the organisation owns, not yet overdue, made overdue.
    let id: i64 = sqlx::query_scalar(&format!(
        "SELECT MIN(id) FROM afspraak WHERE eigenaar_organisatie_id = {org} AND status = 'open'
            AND deadline >= '2100-01-01' OR (eigenaar_organisatie_id = {org} AND status = 'open'
            AND deadline > '{}')",
        voorop::db::vandaag()
    ))
    .fetch_one(db)
    .await
    .expect("een open afspraak van de organisatie die nog niet verlopen is");
    uitvoeren(
        db,
        &format!("UPDATE afspraak SET deadline = '2001-01-01' WHERE id = {id}"),
    )
    .await;
    let na = aantal(pagina(&c, &app, "/casussen").await);
    assert_eq!(na, voor + 1, "het aantal verlopen afspraken is oud");
    // A moment the organisation chairs, with an overdue afspraak it does not own: its chair
    // ends, so that afspraak is no longer the organisation's.
    let rij: Option<(i64, i64)> = sqlx::query_as(&format!(
        "SELECT d.moment_id, COUNT(*) FROM moment_deelnemer d JOIN afspraak a ON a.moment_id = d.moment_id
          WHERE d.organisatie_id = {org} AND d.rol = 'voorzitter' AND d.tot IS NULL
            AND a.status = 'open' AND a.deadline < '{}' AND a.eigenaar_organisatie_id <> {org}
          GROUP BY d.moment_id ORDER BY d.moment_id LIMIT 1",
        voorop::db::vandaag()
    ))
    .fetch_optional(db)
    .await
    .unwrap();
    let (moment, n) = rij.expect("een voorgezeten moment met een verlopen afspraak van een ander");
    uitvoeren(
        db,
        &format!(
            "UPDATE moment_deelnemer SET tot = '2026-01-01T00:00:00Z', einde = 'beeindigd'
              WHERE moment_id = {moment} AND organisatie_id = {org} AND rol = 'voorzitter' AND tot IS NULL"
        ),
    )
    .await;
    let daarna = aantal(pagina(&c, &app, "/casussen").await);
    assert_eq!(daarna, na - n, "een beëindigd voorzitterschap telt nog mee");
}
