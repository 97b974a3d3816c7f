//! The authorisation matrix (issue 7): every route of the router, as found in the source
//! (`src/**/*.rs`), is called as every kind of caller, in and outside the region, as
//! participant and non-participant of a moment, and the outcome class is compared with the
//! expected table in `tests/autorisatiematrix.tabel`. A route that is not in the table, or a
//! row whose route no longer exists, fails the test.
//!
//! `VOOROP_MATRIX_SCHRIJF=1` writes the observed table to the file instead (keeping comments
//! and known-finding marks of rows that did not change); review every changed row against
//! README "Rollen en rechten", "Privacy" and `src/auth/permissions.rs` before committing it.
//!
//! `VOOROP_MATRIX_DEBUG=TEXT` prints every request whose route contains TEXT with its outcome.
//!
//! Table cells are outcome classes: OK (2xx, or 3xx not to the sign-in page), LOGIN (redirect
//! to /inloggen or 401), CSRF (403 of the CSRF layer: the request never reached the handler),
//! FORBIDDEN (403), NOTFOUND (404), INVALID (400/413/415/422), CONFLICT (409), METHOD (405),
//! or a bare status code; `+PG` is added when the request read personal data (it wrote an
//! audited read: `casus.persoonsgegevens_gelezen`, `zelfscan.deelnemers_gelezen`), so the
//! need-to-know rule is checked on content, not only on status. The matrix size (routes ×
//! callers × variants = requests) is printed. A cell ending in `!` is a known finding: the outcome observed today,
//! which is wrong (see the comment on its row); the test accepts it and lists it.

use crate::common;

use crate::common::{TestApp, client};
use reqwest::StatusCode;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

const TABEL: &str = "tests/autorisatiematrix.tabel";

// ---- routes from the source ----------------------------------------------------------------

const METHODEN: [&str; 5] = ["get", "post", "put", "delete", "patch"];

/// The text between the parenthesis at `open` and its match.
fn tussen_haakjes(code: &str, open: usize) -> &str {
    let mut diepte = 0;
    let mut in_tekst = false;
    let mut vorige = ' ';
    for (i, c) in code[open..].char_indices() {
        match c {
            '"' if vorige != '\\' => in_tekst = !in_tekst,
            '(' if !in_tekst => diepte += 1,
            ')' if !in_tekst => {
                diepte -= 1;
                if diepte == 0 {
                    return &code[open + 1..open + i];
                }
            }
            _ => {}
        }
        vorige = c;
    }
    panic!("geen sluitend haakje na positie {open}")
}

/// The `.route("PAD", get(…).post(…))` registrations of one file: (METHOD, path).
fn routes_in(code: &str) -> Vec<(String, String)> {
    let mut uit = vec![];
    for (pos, _) in code.match_indices(".route(") {
        let binnen = tussen_haakjes(code, pos + ".route".len());
        let tekst = binnen.trim_start();
        assert!(
            tekst.starts_with('"'),
            "route zonder letterlijk pad: .route({binnen}); breid de routescanner uit"
        );
        let eind = tekst[1..].find('"').expect("einde van het pad") + 1;
        let pad = &tekst[1..eind];
        let rest = &tekst[eind + 1..];
        let mut gevonden = false;
        for m in METHODEN {
            let naald = format!("{m}(");
            for (i, _) in rest.match_indices(&naald) {
                let ervoor = rest[..i].chars().next_back().unwrap_or(' ');
                if !(ervoor.is_alphanumeric() || ervoor == '_') {
                    uit.push((m.to_uppercase(), pad.to_string()));
                    gevonden = true;
                }
            }
        }
        assert!(
            gevonden,
            "route {pad} zonder herkende methode: {rest}; breid de routescanner uit"
        );
    }
    uit
}

fn rs_bestanden(map: &Path, uit: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(map).expect("map lezen") {
        let pad = e.expect("item").path();
        if pad.is_dir() {
            rs_bestanden(&pad, uit);
        } else if pad.extension().is_some_and(|x| x == "rs") {
            uit.push(pad);
        }
    }
}

/// Every (METHOD, path) of the built router: the pages read from the source (`.route(…)`),
/// the API from its generated OpenAPI document, nested under `/api/v1` (an API route exists
/// only together with its description: `crate::api` builds both from one `OpenApiRouter`).
fn routes_uit_bron() -> BTreeSet<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let lib_pad = src.join("lib.rs");
    let lib = std::fs::read_to_string(&lib_pad).expect("src/lib.rs");
    assert!(
        lib.contains(".nest(\"/api/v1\", api)"),
        "build_app nest de API niet meer onder /api/v1; pas de routescanner aan"
    );
    let mut bestanden = vec![];
    rs_bestanden(&src, &mut bestanden);
    let mut routes = BTreeSet::new();
    for b in bestanden {
        let code = std::fs::read_to_string(&b).expect("bron lezen");
        let nests = code.matches(".nest(").count() + code.matches(".nest_service(").count();
        let verwacht = usize::from(b == lib_pad);
        assert_eq!(
            nests,
            verwacht,
            "{}: onverwachte .nest(…); breid de routescanner uit",
            b.display()
        );
        assert!(
            !code.contains(".route_service("),
            "{}: .route_service(…) wordt niet herkend; breid de routescanner uit",
            b.display()
        );
        let api = code.contains("OpenApiRouter");
        let eigen = routes_in(&code);
        assert!(
            !api || eigen.is_empty(),
            "{}: een API-route zonder beschrijving (.route in een OpenApiRouter); gebruik .routes(routes!(…))",
            b.display()
        );
        routes.extend(eigen);
    }
    let doc: serde_json::Value = serde_json::from_str(voorop::api::document()).expect("document");
    for (pad, item) in doc["paths"].as_object().expect("paths") {
        for methode in item.as_object().expect("path item").keys() {
            routes.insert((methode.to_uppercase(), format!("/api/v1{pad}")));
        }
    }
    assert!(routes.len() > 50, "te weinig routes gevonden: {routes:?}");
    routes
}

// ---- callers ---------------------------------------------------------------------------------

/// Accounts the demo lacks, made by the test as copies of a demo account with another role or
/// organisation: (e-mail, copied from, role, organisation code).
const EXTRA_ACCOUNTS: [(&str, &str, &str, &str); 2] = [
    // A reader at a partner organisation: never personal data, even where VT takes part.
    (
        "vt.lezer@matrix.voorop.nl",
        "vt@demo.voorop.nl",
        "lezer",
        "vt-oost-brabant",
    ),
    // A gemeente's regiocoördinator: administers the region, sees no cases (issue 7, defect 4).
    (
        "coordinator.dommelstad@matrix.voorop.nl",
        "coordinator@demo.voorop.nl",
        "regiocoordinator",
        "dommelstad",
    ),
];

/// (column name, e-mail; None = anonymous)
const BELLERS: [(&str, Option<&str>); 12] = [
    ("anoniem", None),
    ("beheerder", Some("beheerder@demo.voorop.nl")),
    ("coordinator", Some("coordinator@demo.voorop.nl")),
    ("limburg", Some("coordinator.limburg@demo.voorop.nl")),
    ("gemeente", Some("medewerker@demo.voorop.nl")),
    ("lezer", Some("lezer@demo.voorop.nl")),
    ("vt", Some("vt@demo.voorop.nl")),
    ("politie", Some("politie@demo.voorop.nl")),
    ("om", Some("om@demo.voorop.nl")),
    ("vt-lezer", Some("vt.lezer@matrix.voorop.nl")),
    ("gem-coord", Some("coordinator.dommelstad@matrix.voorop.nl")),
    ("fg", Some("fg@demo.voorop.nl")),
];

async fn extra_accounts(app: &TestApp) {
    for (email, van, rol, org) in EXTRA_ACCOUNTS {
        let id = getal(
            app,
            &format!("SELECT id FROM gebruiker WHERE email = '{van}'"),
            &[],
        )
        .await
        .expect("demo-account");
        let org = common::org_id(app, org).await.to_string();
        kopie(
            app,
            "gebruiker",
            id,
            &[
                ("email", &format!("'{email}'")),
                ("rol", &format!("'{rol}'")),
                ("organisatie_id", &org),
            ],
        )
        .await;
        // A TOTP secret is encrypted for its own account: the copy gets the demo secret anew.
        let kopie_id = getal(
            app,
            &format!(
                "SELECT id FROM gebruiker WHERE email = '{email}' AND totp_geheim IS NOT NULL"
            ),
            &[],
        )
        .await;
        if let Some(kopie_id) = kopie_id {
            voorop::auth::service::demo_tweestaps(&app.db, voorop::gedeeld::GebruikerId(kopie_id))
                .await
                .expect("tweede factor van de kopie");
        }
    }
}

struct Beller {
    naam: &'static str,
    client: reqwest::Client,
    csrf: String,
    token: Option<String>,
    organisatie: i64,
    /// A moment (oost-brabant, open case with a running moment) the organisation takes part in
    /// now; for organisations that never take part: a moment VT takes part in.
    moment_deelnemer: i64,
    /// A moment of oost-brabant the organisation does not take part in now.
    moment_anders: i64,
    /// An afspraak the organisation owns on a moment it takes part in (open case).
    afspraak_eigen: Option<i64>,
    /// An afspraak of someone else on a moment the organisation takes part in.
    afspraak_deelnemer: i64,
    /// An afspraak on a moment the organisation does not take part in (now).
    afspraak_anders: i64,
}

async fn getal(app: &TestApp, sql: &str, binds: &[i64]) -> Option<i64> {
    let mut q = sqlx::query_scalar::<_, i64>(sql);
    for b in binds {
        q = q.bind(*b);
    }
    q.fetch_optional(&app.db).await.expect(sql)
}

async fn beller(app: &TestApp, naam: &'static str, email: Option<&str>) -> Beller {
    let Some(email) = email else {
        return Beller {
            naam,
            client: client(),
            csrf: String::new(),
            token: None,
            organisatie: 0,
            moment_deelnemer: 0,
            moment_anders: 0,
            afspraak_eigen: None,
            afspraak_deelnemer: 0,
            afspraak_anders: 0,
        };
    };
    let c = common::login(app, email).await;
    let csrf = common::csrf_van(&c, app, "/account/wachtwoord").await;
    let token = common::api_token(app, email).await;
    let organisatie: i64 =
        sqlx::query_scalar("SELECT organisatie_id FROM gebruiker WHERE email = $1")
            .bind(email)
            .fetch_one(&app.db)
            .await
            .expect("organisatie");
    let vt = common::org_id(app, "vt-oost-brabant").await;
    // Prefer a moment whose case is open and still has a running moment, so "sluiten" is
    // refused on the state (409) and no case is closed by the matrix.
    let deelnemend = "SELECT m.id FROM moment m
         JOIN moment_deelnemer d ON d.moment_id = m.id AND d.tot IS NULL
         JOIN casus c ON c.id = m.casus_id
         WHERE d.organisatie_id = $1 AND m.regio_code = 'oost-brabant' AND c.status = 'open'
           AND EXISTS (SELECT 1 FROM moment l WHERE l.casus_id = c.id
                       AND l.status NOT IN ('afgerond', 'afgewezen'))
         ORDER BY m.id LIMIT 1";
    let moment_deelnemer = match getal(app, deelnemend, &[organisatie]).await {
        Some(m) => m,
        None => getal(app, deelnemend, &[vt])
            .await
            .expect("een moment waar VT aan deelneemt"),
    };
    let moment_anders = getal(
        app,
        "SELECT m.id FROM moment m JOIN casus c ON c.id = m.casus_id
         WHERE m.regio_code = 'oost-brabant'
           AND NOT EXISTS (SELECT 1 FROM moment_deelnemer d WHERE d.moment_id = m.id
                           AND d.organisatie_id = $1 AND d.tot IS NULL)
         ORDER BY c.status = 'open' DESC, m.id LIMIT 1",
        &[organisatie],
    )
    .await
    .expect("een moment zonder deze organisatie");
    let met_afspraak = |deelnemer: bool| {
        format!(
            "SELECT a.id FROM afspraak a JOIN moment m ON m.id = a.moment_id
             JOIN casus c ON c.id = m.casus_id
             WHERE m.regio_code = 'oost-brabant' AND {} EXISTS (SELECT 1 FROM moment_deelnemer d
                 WHERE d.moment_id = m.id AND d.organisatie_id = $1 AND d.tot IS NULL)
               AND ($2 = 0 OR a.eigenaar_organisatie_id {} $1)
             ORDER BY c.status = 'open' DESC, a.id LIMIT 1",
            if deelnemer { "" } else { "NOT" },
            if deelnemer { "<>" } else { "=" }
        )
    };
    let afspraak_eigen = getal(
        app,
        "SELECT a.id FROM afspraak a JOIN moment m ON m.id = a.moment_id
         JOIN casus c ON c.id = m.casus_id
         WHERE m.regio_code = 'oost-brabant' AND c.status = 'open' AND a.eigenaar_organisatie_id = $1
           AND EXISTS (SELECT 1 FROM moment_deelnemer d
                 WHERE d.moment_id = m.id AND d.organisatie_id = $1 AND d.tot IS NULL)
         ORDER BY a.status = 'open' DESC, a.id LIMIT 1",
        &[organisatie],
    )
    .await;
    // Not one's own afspraak where one takes part; where one does not, preferably one's own
    // (an owner whose participation has ended), else any.
    let afspraak_deelnemer = match getal(app, &met_afspraak(true), &[organisatie, 1]).await {
        Some(a) => a,
        None => getal(app, &met_afspraak(true), &[vt, 0])
            .await
            .expect("een afspraak waar VT aan deelneemt"),
    };
    let afspraak_anders = match getal(app, &met_afspraak(false), &[organisatie, 1]).await {
        Some(a) => a,
        None => getal(app, &met_afspraak(false), &[organisatie, 0])
            .await
            .expect("een afspraak van een moment zonder deze organisatie"),
    };
    Beller {
        naam,
        client: c,
        csrf,
        token: Some(token),
        organisatie,
        afspraak_eigen,
        afspraak_deelnemer,
        afspraak_anders,
        moment_deelnemer,
        moment_anders,
    }
}

// ---- demo ids ---------------------------------------------------------------------------------

struct Ids {
    ronde: i64,
    ronde_limburg: Option<i64>,
    plan_regio: i64,
    plan_lokaal: i64,
    plan_actie: i64,
    vergadering: i64,
    gebruiker_regio: i64,
    gebruiker_limburg: i64,
    organisatie_regio: i64,
    organisatie_limburg: i64,
}

async fn ids(app: &TestApp) -> Ids {
    let ronde = getal(
        app,
        "SELECT id FROM zelfscan_ronde WHERE regio_code = 'oost-brabant' ORDER BY datum, id LIMIT 1 OFFSET 1",
        &[],
    )
    .await
    .expect("ronde 2 van Oost-Brabant");
    // The demo has no round outside Oost-Brabant: a copy of round 2 in Limburg, with one
    // (invented) Limburg gemeente taking part.
    let ronde_limburg = kopie(app, "zelfscan_ronde", ronde, &[("regio_code", "'limburg'")]).await;
    let dommelstad = common::org_id(app, "dommelstad").await;
    let gemeente_limburg = kopie(
        app,
        "organisatie",
        dommelstad,
        &[
            ("code", "'matrixdorp'"),
            ("naam", "'Matrixdorp (fictief)'"),
            ("regio_code", "'limburg'"),
        ],
    )
    .await;
    sqlx::query("INSERT INTO ronde_gemeente (ronde_id, gemeente_id, zichtbaarheid) VALUES ($1, $2, 'regio')")
        .bind(ronde_limburg)
        .bind(gemeente_limburg)
        .execute(&app.db)
        .await
        .expect("gemeente in de Limburgse ronde");
    let ronde_limburg = Some(ronde_limburg);
    let plan_regio = getal(
        app,
        "SELECT id FROM plan_van_aanpak WHERE regio_code = 'oost-brabant' AND gemeente_id IS NULL ORDER BY id LIMIT 1",
        &[],
    )
    .await
    .expect("regionaal plan");
    let dommelstad = common::org_id(app, "dommelstad").await;
    let plan_lokaal = getal(
        app,
        "SELECT id FROM plan_van_aanpak WHERE gemeente_id = $1 ORDER BY id LIMIT 1",
        &[dommelstad],
    )
    .await
    .expect("lokaal plan van Dommelstad");
    let plan_actie = getal(
        app,
        "SELECT id FROM plan_actie WHERE plan_id = $1 ORDER BY id LIMIT 1",
        &[plan_regio],
    )
    .await
    .expect("actie van het regionale plan");
    let vergadering = getal(
        app,
        "SELECT v.id FROM vergadering v JOIN overleg o ON o.id = v.overleg_id
         WHERE o.regio_code = 'oost-brabant' ORDER BY v.datum DESC LIMIT 1",
        &[],
    )
    .await
    .expect("vergadering");
    // Accounts to reset (password, second factor): not one of the callers.
    let gebruiker_regio = getal(
        app,
        "SELECT id FROM gebruiker WHERE email = 'medewerker.beekdal@demo.voorop.nl'",
        &[],
    )
    .await
    .expect("beekdal");
    let limburg = getal(
        app,
        "SELECT id FROM gebruiker WHERE email = 'coordinator.limburg@demo.voorop.nl'",
        &[],
    )
    .await
    .expect("limburg");
    let gebruiker_limburg = kopie(
        app,
        "gebruiker",
        limburg,
        &[
            ("email", "'matrix.limburg@demo.voorop.nl'"),
            ("rol", "'medewerker'"),
        ],
    )
    .await;
    Ids {
        ronde,
        ronde_limburg,
        plan_regio,
        plan_lokaal,
        plan_actie,
        vergadering,
        gebruiker_regio,
        gebruiker_limburg,
        // Organisations to edit (Beheer › Organisaties): a gemeente of the region, and
        // Limburg's network.
        organisatie_regio: common::org_id(app, "peelrand").await,
        organisatie_limburg: common::org_id(app, "netwerk-limburg").await,
    }
}

/// A copy of a row (new id), with some columns set to SQL expressions: a fresh target for a
/// request that deletes or resets it.
async fn kopie(app: &TestApp, tabel: &str, id: i64, anders: &[(&str, &str)]) -> i64 {
    let kolommen = common::kolommen(&app.db, tabel).await;
    let kolommen: Vec<&String> = kolommen.iter().filter(|k| *k != "id").collect();
    let lijst = kolommen
        .iter()
        .map(|k| k.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let waarden = kolommen
        .iter()
        .map(|k| {
            anders
                .iter()
                .find(|(a, _)| a == k)
                .map_or((*k).clone(), |(_, v)| v.to_string())
        })
        .collect::<Vec<_>>()
        .join(", ");
    sqlx::query_scalar(&format!(
        "INSERT INTO {tabel} ({lijst}) SELECT {waarden} FROM {tabel} WHERE id = $1 RETURNING id"
    ))
    .bind(id)
    .fetch_one(&app.db)
    .await
    .unwrap_or_else(|e| panic!("kopie van {tabel} {id}: {e}"))
}

// ---- variants and requests ---------------------------------------------------------------------

/// The variants of a route: which demo object fills its path parameters.
fn varianten(m: &str, pad: &str) -> Vec<&'static str> {
    if pad.starts_with("/casussen/moment/{id}")
        || pad.starts_with("/api/v1/afstemmingsmomenten/{id}")
        || pad.starts_with("/casussen/casus/{id}")
    {
        vec!["deelnemer", "geen-deelnemer"]
    } else if pad.starts_with("/casussen/afspraak/{id}")
        || pad.starts_with("/api/v1/afspraken/{id}")
    {
        vec!["eigenaar", "deelnemer", "geen-deelnemer"]
    } else if (m == "POST" && pad == "/beheer/gebruikers")
        || pad == "/api/v1/indicatoren"
        || pad.starts_with("/werkset/{regio}/{periode}")
        || pad.starts_with("/beheer/gebruikers/{id}")
        || (m == "POST" && pad == "/beheer/organisaties")
        || pad.starts_with("/beheer/organisaties/{id}")
    {
        vec!["oost-brabant", "limburg"]
    } else if pad.starts_with("/plannen/{id}") || pad.starts_with("/api/v1/zelfscan-plannen/{id}") {
        vec!["regionaal", "dommelstad"]
    } else if pad.contains("{regio}") {
        vec!["oost-brabant", "limburg"]
    } else if pad.starts_with("/uitvoeringsplan/") {
        vec!["-"]
    } else if pad.contains("{code}") {
        // In round 2 Dommelstad shows its results to the region, Peelrand to the coordinators
        // and Beekdal only in the regional total ("aggregaat").
        vec!["dommelstad", "peelrand", "beekdal"]
    } else if pad.starts_with("/zelfscan/{id}") || pad.starts_with("/api/v1/zelfscan-rondes/{id}") {
        vec!["ronde2", "limburg"]
    } else {
        vec!["-"]
    }
}

/// The concrete path of a route for a caller and variant; None when the variant has no demo
/// object (the row then shows `-`).
async fn invullen(
    app: &TestApp,
    pad: &str,
    variant: &str,
    b: &Beller,
    ids: &Ids,
) -> Option<String> {
    let mut uit = pad.to_string();
    let mut zet = |naam: &str, waarde: String| {
        uit = uit.replace(&format!("{{{naam}}}"), &waarde);
    };
    if pad.starts_with("/casussen/moment/{id}")
        || pad.starts_with("/api/v1/afstemmingsmomenten/{id}")
    {
        zet(
            "id",
            match variant {
                "deelnemer" => b.moment_deelnemer,
                _ => b.moment_anders,
            }
            .to_string(),
        );
    } else if pad.starts_with("/casussen/casus/{id}") {
        // The case of the caller's moment (deelnemer) or of one it does not take part in.
        let moment = match variant {
            "deelnemer" => b.moment_deelnemer,
            _ => b.moment_anders,
        };
        // (The anonymous caller has no moment: any number will do.)
        let casus = getal(app, "SELECT casus_id FROM moment WHERE id = $1", &[moment])
            .await
            .unwrap_or(999_999);
        zet("id", casus.to_string());
    } else if pad.starts_with("/casussen/afspraak/{id}")
        || pad.starts_with("/api/v1/afspraken/{id}")
    {
        zet(
            "id",
            match variant {
                "eigenaar" => b.afspraak_eigen?,
                "deelnemer" => b.afspraak_deelnemer,
                _ => b.afspraak_anders,
            }
            .to_string(),
        );
    } else if pad.starts_with("/casussen/contactpunten/{id}") {
        // A fresh copy of one of OM's entries for every request: deleting it is allowed to
        // OM only (its own) and to a partner organisation's coordinator.
        let om = common::org_id(app, "om-oost-brabant").await;
        let bron = getal(
            app,
            "SELECT id FROM contactpunt WHERE organisatie_id = $1 ORDER BY id LIMIT 1",
            &[om],
        )
        .await
        .expect("contactpunt van OM");
        zet("id", kopie(app, "contactpunt", bron, &[]).await.to_string());
    } else if pad.starts_with("/actieoverleg/vergadering/{id}") {
        zet("id", ids.vergadering.to_string());
    } else if pad.starts_with("/plannen/{id}") || pad.starts_with("/api/v1/zelfscan-plannen/{id}") {
        zet(
            "id",
            if variant == "regionaal" {
                ids.plan_regio
            } else {
                ids.plan_lokaal
            }
            .to_string(),
        );
        if pad.ends_with("/verwijderen") {
            // A fresh action of this plan for every request (the route deletes it).
            let plan = if variant == "regionaal" {
                ids.plan_regio
            } else {
                ids.plan_lokaal
            };
            let plan = plan.to_string();
            let aid = kopie(
                app,
                "plan_actie",
                ids.plan_actie,
                &[("plan_id", plan.as_str())],
            )
            .await;
            zet("aid", aid.to_string());
        } else {
            zet("aid", ids.plan_actie.to_string());
        }
    } else if pad.starts_with("/beheer/gebruikers/{id}") {
        zet(
            "id",
            if variant == "limburg" {
                ids.gebruiker_limburg
            } else {
                ids.gebruiker_regio
            }
            .to_string(),
        );
    } else if pad.starts_with("/beheer/organisaties/{id}") {
        zet(
            "id",
            if variant == "limburg" {
                ids.organisatie_limburg
            } else {
                ids.organisatie_regio
            }
            .to_string(),
        );
    } else if pad.contains("{id}") && (pad.contains("zelfscan")) {
        let ronde = if variant == "limburg" {
            ids.ronde_limburg?
        } else {
            ids.ronde
        };
        zet("id", ronde.to_string());
    }
    if pad.contains("{code}") && !pad.starts_with("/uitvoeringsplan/") {
        zet("code", variant.to_string());
    }
    if pad.contains("{did}") {
        // A fresh participant of the gemeente for every request (the route deletes it).
        let ronde = if variant == "limburg" {
            ids.ronde_limburg?
        } else {
            ids.ronde
        };
        let gemeente = common::org_id(app, variant).await;
        let did: i64 = sqlx::query_scalar(
            "INSERT INTO ronde_deelnemer (ronde_id, gemeente_id, rol, naam)
             VALUES ($1, $2, 'beleidsadviseur', NULL) RETURNING id",
        )
        .bind(ronde)
        .bind(gemeente)
        .fetch_one(&app.db)
        .await
        .ok()?;
        zet("did", did.to_string());
    }
    if pad.starts_with("/api/v1/") && pad.contains("{regio}") {
        zet("regio", variant.to_string());
        zet("periode", "2025".into());
        zet("thema", "1".into());
    }
    if pad.starts_with("/werkset/{regio}/{periode}") {
        zet("regio", variant.to_string());
        zet("periode", "2025".into());
        zet("nummer", "1".into());
        // Deleting a registration item that does not exist: 404 for who may write, 403 for
        // the others; nothing is deleted.
        zet("soort", "citaat".into());
        zet("id", "999999".into());
    }
    if pad.starts_with("/uitvoeringsplan/{jaar}") || pad.starts_with("/api/v1/uitvoeringsplannen/")
    {
        // The demo's national plan: a part of it, an activity that does not exist (404 for
        // the beheerder, 403 for the others).
        zet("jaar", voorop::demo::PEILDATUM.year().to_string());
        zet("code", "duurzame_bestendiging".into());
        zet("id", "999999".into());
    }
    if pad.starts_with("/ontwikkelagenda/{jaar}") {
        // The demo's sessions of this year; a step that does not exist (404 for who may write,
        // 403 for the others).
        zet("jaar", voorop::demo::PEILDATUM.year().to_string());
        zet("regio", variant.to_string());
        zet("id", "999999".into());
        zet("nummer", "3".into());
    }
    if pad.starts_with("/over/") || pad.starts_with("/beheer/teksten/") {
        // The public texts; a POST with an empty text is refused (nothing changes).
        zet("soort", "contact".into());
    }
    zet("soort", "acuut".into());
    zet("bestand", "voorop.css".into());
    assert!(!uit.contains('{'), "parameter niet ingevuld: {uit}");
    Some(uit)
}

/// Requests that end the session or change demo state for the callers after them run last.
fn laat(m: &str, pad: &str) -> bool {
    m == "POST" && pad == "/uitloggen"
}

/// A form body that passes CSRF and whose outcome is decided by authorisation: for an
/// allowed caller it is refused on validation or state (INVALID/CONFLICT/NOTFOUND) or changes
/// nothing that matters.
fn formulier(pad: &str, variant: &str, b: &Beller) -> Vec<(String, String)> {
    let mut velden = vec![("_csrf".to_string(), b.csrf.clone())];
    let mut zet = |k: &str, v: String| velden.push((k.into(), v));
    match pad {
        "/inloggen" => {
            zet("email", "niemand@matrix.invalid".into());
            zet("wachtwoord", "geen-goed-wachtwoord".into());
        }
        "/inloggen/code" | "/inloggen/tweestaps" | "/account/tweestaps" => {
            zet("code", "000000".into());
        }
        "/casussen/moment/{id}/casus" => {
            // Confirmed: the action itself, not the page asking for the confirmation.
            zet("actie", "sluiten".into());
            zet("bevestigd", "ja".into());
        }
        // Fields that decide whose scope the request is in; the rest stays empty or invalid.
        "/plannen" => {
            zet("regio", "oost-brabant".into());
            zet("gemeente", "dommelstad".into());
        }
        "/routekaart" => {
            zet("regio", "oost-brabant".into());
            zet("stap", "bestaat-niet".into());
        }
        "/zelfscan/{id}/zichtbaarheid" => {
            zet("gemeente", "dommelstad".into());
            zet("zichtbaarheid", "ongeldig".into());
        }
        "/beheer/gebruikers" => {
            zet("email", "geen-e-mailadres".into());
            zet("naam", "Matrix".into());
            zet(
                "organisatie",
                if variant == "limburg" {
                    "netwerk-limburg"
                } else {
                    "dommelstad"
                }
                .into(),
            );
            zet("rol", "medewerker".into());
        }
        // An invalid code (new) or an empty name (edit): refused on validation for who may
        // manage the region's organisations, so nothing changes.
        "/beheer/organisaties" | "/beheer/organisaties/{id}" => {
            zet("code", "Geen Geldige Code!".into());
            zet("naam", String::new());
            zet("soort", "gemeente".into());
            zet("regio", variant.into());
            zet("actief", "1".into());
        }
        "/casussen/moment/{id}/deelnemers" => {
            zet("organisatie", b.organisatie.to_string());
            zet("actie", "toevoegen".into());
        }
        _ => {}
    }
    velden
}

fn is_upload(pad: &str) -> bool {
    pad.ends_with("/import")
        || pad == "/beheer/vragenlijsten"
        || pad == "/beheer/werkset-catalogus"
        || pad == "/beheer/ontwikkelagenda"
}

/// Query strings that routes need to get past parsing.
fn query(pad: &str, variant: &str, ids: &Ids) -> String {
    match pad {
        "/api/v1/indicatoren" => format!("?regio={variant}&periode=2025"),
        "/api/v1/werkset/vergelijking" => "?periode=2025".into(),
        "/casussen/moment/{id}/bevestigen" => "?handeling=sluiten".into(),
        "/zelfscan/vergelijk" => format!("?a={}&b={}", ids.ronde - 1, ids.ronde),
        _ => String::new(),
    }
}

/// Audit codes of reads of personal data: a request that writes one shows `+PG` in its class.
const PERSOONSGEGEVENS_GELEZEN: &str = "('casus.persoonsgegevens_gelezen', 'zelfscan.deelnemers_gelezen', 'casus.veiligheidsplan_gelezen')";

async fn gelezen(app: &TestApp) -> i64 {
    sqlx::query_scalar(&format!(
        "SELECT count(*) FROM audit_log WHERE code IN {PERSOONSGEGEVENS_GELEZEN}"
    ))
    .fetch_one(&app.db)
    .await
    .expect("audit tellen")
}

async fn verzoek(
    app: &TestApp,
    m: &str,
    pad: &str,
    variant: &str,
    concreet: &str,
    b: &Beller,
) -> String {
    let url = app.url(concreet);
    let api = concreet.starts_with("/api/");
    let c = if api { client() } else { b.client.clone() };
    // Upload forms carry the CSRF token in the action URL.
    let url = if is_upload(pad) && !api {
        format!("{url}?_csrf={}", b.csrf)
    } else {
        url
    };
    let mut rb = match m {
        "GET" => c.get(&url),
        "POST" => c.post(&url),
        "PUT" => c.put(&url),
        "DELETE" => c.delete(&url),
        "PATCH" => c.patch(&url),
        _ => panic!("methode {m}"),
    };
    if api {
        if let Some(t) = &b.token {
            rb = rb.bearer_auth(t);
        }
        if m != "GET" {
            // Well-formed JSON that no allowed caller can store: question 999 does not exist.
            rb = rb.json(
                &serde_json::json!([{"vraag": 999, "antwoord": "op_orde", "toelichting": ""}]),
            );
        }
    } else if m != "GET" {
        if is_upload(pad) {
            let deel = reqwest::multipart::Part::bytes(b"geen spreadsheet".to_vec())
                .file_name("matrix.xlsx");
            rb = rb.multipart(reqwest::multipart::Form::new().part("bestand", deel));
        } else if pad == "/inloggen" {
            // The sign-in form carries its own double-submit token.
            let token = match common::get(&b.client, app, "/inloggen").await {
                (StatusCode::OK, _, html) => common::csrf(&html),
                _ => b.csrf.clone(),
            };
            let mut f = formulier(pad, variant, b);
            f[0].1 = token;
            rb = rb.form(&f);
        } else {
            rb = rb.form(&formulier(pad, variant, b));
        }
    }
    let voor = gelezen(app).await;
    let r = rb.send().await.expect("verzoek");
    let status = r.status();
    let locatie = common::location(r.headers());
    let tekst = r.text().await.unwrap_or_default();
    let k = klasse(status, &locatie, &tekst);
    if gelezen(app).await > voor {
        format!("{k}+PG")
    } else {
        k
    }
}

fn klasse(status: StatusCode, locatie: &str, tekst: &str) -> String {
    match status.as_u16() {
        300..=399 if locatie.starts_with("/inloggen") => "LOGIN".into(),
        200..=399 => "OK".into(),
        401 => "LOGIN".into(),
        403 if tekst.contains("Dit formulier is verlopen") => "CSRF".into(),
        403 => "FORBIDDEN".into(),
        404 => "NOTFOUND".into(),
        405 => "METHOD".into(),
        409 => "CONFLICT".into(),
        400 | 413 | 415 | 422 => "INVALID".into(),
        s => s.to_string(),
    }
}

// ---- the table -------------------------------------------------------------------------------

/// One row of the table: cells per caller (with `!` for a known finding) and its comment.
#[derive(Clone, Default)]
struct Rij {
    cellen: Vec<String>,
    opmerking: String,
}

type Sleutel = (String, String, String);

fn lees_tabel(tekst: &str) -> BTreeMap<Sleutel, Rij> {
    let mut uit = BTreeMap::new();
    for (n, regel) in tekst.lines().enumerate() {
        let (data, opmerking) = match regel.split_once('#') {
            Some((d, o)) => (d, o.trim().to_string()),
            None => (regel, String::new()),
        };
        let delen: Vec<&str> = data.split_whitespace().collect();
        if delen.is_empty() {
            continue;
        }
        assert_eq!(
            delen.len(),
            3 + BELLERS.len(),
            "{TABEL}:{}: verwacht methode, pad, variant en {} cellen",
            n + 1,
            BELLERS.len()
        );
        let sleutel = (
            delen[0].to_string(),
            delen[1].to_string(),
            delen[2].to_string(),
        );
        let rij = Rij {
            cellen: delen[3..]
                .iter()
                .map(std::string::ToString::to_string)
                .collect(),
            opmerking,
        };
        assert!(
            uit.insert(sleutel.clone(), rij).is_none(),
            "{TABEL}:{}: dubbele regel {sleutel:?}",
            n + 1
        );
    }
    uit
}

fn schrijf_tabel(rijen: &BTreeMap<Sleutel, Rij>) -> String {
    let mut uit = String::from(
        "# Authorisation matrix (issue 7), checked by tests/integratie/autorisatiematrix.rs.\n\
         # Classes: OK LOGIN CSRF FORBIDDEN NOTFOUND INVALID CONFLICT METHOD or a status code;\n\
         # `+PG`: the request read personal data (an audited read was written);\n\
         # `-`: no demo object for this variant. A cell ending in `!` is a KNOWN FINDING: the\n\
         # outcome observed today, which is wrong (see the row's comment).\n\
         # Generated with VOOROP_MATRIX_SCHRIJF=1, then reviewed row by row.\n#\n",
    );
    let breedte_pad = rijen.keys().map(|k| k.1.len()).max().unwrap_or(10);
    let _ = write!(
        uit,
        "# {:<6} {:<breedte_pad$} {:<14}",
        "method", "path", "variant"
    );
    for (naam, _) in BELLERS {
        let _ = write!(uit, " {naam:<11}");
    }
    uit.push('\n');
    for ((m, p, v), rij) in rijen {
        let mut regel = format!("{m:<8} {p:<breedte_pad$} {v:<14}");
        for c in &rij.cellen {
            let _ = write!(regel, " {c:<11}");
        }
        let mut regel = regel.trim_end().to_string();
        if !rij.opmerking.is_empty() {
            let _ = write!(regel, "  # {}", rij.opmerking);
        }
        uit.push_str(&regel);
        uit.push('\n');
    }
    uit
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn autorisatiematrix() {
    let begin = Instant::now();
    let routes = routes_uit_bron();
    let pad_tabel = Path::new(env!("CARGO_MANIFEST_DIR")).join(TABEL);
    let tekst = std::fs::read_to_string(&pad_tabel).unwrap_or_default();
    let verwacht = lees_tabel(&tekst);
    let schrijven = std::env::var("VOOROP_MATRIX_SCHRIJF").is_ok_and(|v| v == "1");

    // Routes in the source without a row, and rows without a route, fail before any request.
    let in_tabel: BTreeSet<(String, String)> = verwacht
        .keys()
        .map(|(m, p, _)| (m.clone(), p.clone()))
        .collect();
    let ontbreekt: Vec<_> = routes.difference(&in_tabel).collect();
    let verouderd: Vec<_> = in_tabel.difference(&routes).collect();
    if !schrijven {
        assert!(
            ontbreekt.is_empty(),
            "routes zonder regel in {TABEL} (voeg ze toe, of draai met VOOROP_MATRIX_SCHRIJF=1 en beoordeel elke regel): {ontbreekt:?}"
        );
        assert!(
            verouderd.is_empty(),
            "regels in {TABEL} voor routes die niet meer bestaan: {verouderd:?}"
        );
    }

    let app = common::start_met(|c| {
        // All callers come from 127.0.0.1: no rising delay after the refused sign-ins.
        c.inlog.max_vertraging = std::time::Duration::ZERO;
    })
    .await;
    if let Ok(pad) = std::env::var("VOOROP_MATRIX_DUMP") {
        sqlx::query(&format!("VACUUM INTO '{pad}'"))
            .execute(&app.db)
            .await
            .expect("dump");
    }
    let ids = ids(&app).await;
    extra_accounts(&app).await;
    let mut bellers = vec![];
    for (naam, email) in BELLERS {
        bellers.push(beller(&app, naam, email).await);
    }
    let opgestart = begin.elapsed();

    // Every (route, variant), the session-ending ones last.
    let mut werk: Vec<(String, String, &'static str)> = routes
        .iter()
        .flat_map(|(m, p)| {
            varianten(m, p)
                .into_iter()
                .map(move |v| (m.clone(), p.clone(), v))
        })
        .collect();
    werk.sort_by_key(|(m, p, _)| laat(m, p));

    let mut waargenomen: BTreeMap<Sleutel, Rij> = BTreeMap::new();
    let mut verzoeken = 0usize;
    for (m, p, v) in &werk {
        let mut cellen = vec![];
        for b in &bellers {
            match invullen(&app, p, v, b, &ids).await {
                Some(concreet) => {
                    let concreet = format!("{concreet}{}", query(p, v, &ids));
                    let k = verzoek(&app, m, p, v, &concreet, b).await;
                    if std::env::var("VOOROP_MATRIX_DEBUG").is_ok_and(|d| p.contains(&d)) {
                        println!("{m} {concreet} als {}: {k}", b.naam);
                    }
                    cellen.push(k);
                    verzoeken += 1;
                }
                None => cellen.push("-".into()),
            }
        }
        waargenomen.insert(
            (m.clone(), p.clone(), v.to_string()),
            Rij {
                cellen,
                opmerking: String::new(),
            },
        );
    }

    let mut verschillen = vec![];
    let mut bevindingen = vec![];
    let mut nieuw = BTreeMap::new();
    for (sleutel, rij) in &waargenomen {
        let oud = verwacht.get(sleutel).cloned().unwrap_or_default();
        let mut cellen = vec![];
        for (i, gezien) in rij.cellen.iter().enumerate() {
            let cel = oud.cellen.get(i).cloned().unwrap_or_default();
            let bekend = cel.ends_with('!');
            let kaal = cel.trim_end_matches('!');
            if kaal == gezien {
                if bekend {
                    bevindingen.push(format!(
                        "{} {} [{}] als {}: {gezien}  ({})",
                        sleutel.0, sleutel.1, sleutel.2, BELLERS[i].0, oud.opmerking
                    ));
                }
                cellen.push(cel.clone());
            } else {
                verschillen.push(format!(
                    "{} {} [{}] als {}: verwacht {}, gekregen {gezien}",
                    sleutel.0,
                    sleutel.1,
                    sleutel.2,
                    BELLERS[i].0,
                    if cel.is_empty() { "(geen regel)" } else { &cel }
                ));
                cellen.push(gezien.clone());
            }
        }
        nieuw.insert(
            sleutel.clone(),
            Rij {
                cellen,
                opmerking: oud.opmerking,
            },
        );
    }
    let routes_n = routes.len();
    let rijen_n = waargenomen.len();
    println!(
        "autorisatiematrix: {routes_n} routes (methode × pad) × {} bellers, {rijen_n} regels met varianten = {verzoeken} verzoeken; opstarten {:.1} s, totaal {:.1} s",
        BELLERS.len(),
        opgestart.as_secs_f64(),
        begin.elapsed().as_secs_f64()
    );
    if !bevindingen.is_empty() {
        println!(
            "bekende bevindingen ({}), zie {TABEL}:\n  {}",
            bevindingen.len(),
            bevindingen.join("\n  ")
        );
    }
    if schrijven {
        std::fs::write(&pad_tabel, schrijf_tabel(&nieuw)).expect("tabel schrijven");
        println!(
            "{TABEL} geschreven ({} verschillen met de vorige versie): beoordeel elke regel",
            verschillen.len()
        );
        return;
    }
    assert!(
        verschillen.is_empty(),
        "{} uitkomsten wijken af van {TABEL}:\n  {}",
        verschillen.len(),
        verschillen.join("\n  ")
    );
}

#[test]
fn routescanner_herkent_registraties() {
    let code = r#"
        Router::new()
            .route("/a", get(x).post(y))
            .route(
                "/b/{id}",
                axum::routing::post(z),
            )
            .route("/c", get(|| async { Redirect::to("/d") }))
            .route("/e", get(budget_put).post(y))
    "#;
    assert_eq!(
        routes_in(code),
        vec![
            ("GET".to_string(), "/a".to_string()),
            ("POST".to_string(), "/a".to_string()),
            ("POST".to_string(), "/b/{id}".to_string()),
            ("GET".to_string(), "/c".to_string()),
            ("GET".to_string(), "/e".to_string()),
            ("POST".to_string(), "/e".to_string()),
        ]
    );
}
