//! Many users at once: concurrent reads of personal data (each writes an audit entry) and
//! concurrent registrations must all succeed, none may get "database is locked".

use crate::common;

use voorop::auth::{Gebruiker, Rol};
use voorop::casus::{model::Soort, service};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn gelijktijdige_inzage_en_registratie_slagen_allemaal() {
    let app = common::start().await;
    let db = app.db.clone();
    let (moment, org): (voorop::gedeeld::MomentId, voorop::gedeeld::OrganisatieId) = sqlx::query_as(
        "SELECT d.moment_id, d.organisatie_id FROM moment_deelnemer d JOIN organisatie o ON o.id = d.organisatie_id
         WHERE d.tot IS NULL AND o.soort = 'politie' LIMIT 1",
    )
    .fetch_one(&db)
    .await
    .expect("demo-moment");
    let g = Gebruiker {
        rol: Rol::Medewerker,
        organisatie_id: org,
        organisatie_soort: "politie".into(),
        regio_code: voorop::gedeeld::RegioCode::OOST_BRABANT,
        ..Gebruiker::opdrachtregel()
    };
    let voor: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log")
        .fetch_one(&db)
        .await
        .unwrap();
    let mut taken = vec![];
    for n in 0..40 {
        let (db, g) = (db.clone(), g.clone());
        taken.push(tokio::spawn(async move {
            if n % 4 == 0 {
                let invoer = service::MomentInvoer {
                    tijdstip: "2025-05-05T10:00".into(),
                    velden: [
                        ("reactie".to_string(), "telefonisch".to_string()),
                        ("veiligheidsbeoordeling".to_string(), "ja".to_string()),
                    ]
                    .into_iter()
                    .collect(),
                    ..Default::default()
                };
                service::registreren(&db, None, &g, Soort::Acuut, &invoer)
                    .await
                    .map(|_| ())
            } else {
                service::bekijken(&db, &g, moment).await.map(|_| ())
            }
        }));
    }
    let mut fouten = vec![];
    for t in taken {
        if let Err(e) = t.await.expect("taak") {
            fouten.push(format!("{e:?}"));
        }
    }
    assert!(fouten.is_empty(), "{} mislukt: {fouten:?}", fouten.len());
    let na: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log")
        .fetch_one(&db)
        .await
        .unwrap();
    // 30 reads (one entry each) and 10 registrations (one entry each, no personal data).
    assert_eq!(na - voor, 40);
    assert_eq!(
        voorop::audit::repo::verifieer(&db).await.expect("keten"),
        None
    );
}
