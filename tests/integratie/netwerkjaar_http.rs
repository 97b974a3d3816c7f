//! Issue 12, the regional network's own year (seed 001 §1.3): the werkplan with its chapters,
//! chair and status; speerpunten with thematrekkers; network meetings with a prepared case that
//! is refused when it looks identifying; a besluitenlijst whose actions become stappen vooruit
//! of the region's SWOT session; the self-evaluation compared with last year. Through HTTP, with
//! the rows and audit events checked in the database.

use crate::common::*;
use reqwest::StatusCode;

/// A year before the demo's sessions, so the test starts from nothing.
fn jaar() -> i64 {
    i64::from(voorop::demo::PEILDATUM.year()) - 2
}

#[tokio::test]
async fn netwerkjaar_van_werkplan_tot_zelfevaluatie() {
    let app = start().await;
    let jaar = jaar();
    let pad = format!("/ontwikkelagenda/{jaar}/oost-brabant/netwerk");
    let coordinator = login(&app, COORDINATOR).await;
    let vt = org_id(&app, "vt-oost-brabant").await;
    let politie = org_id(&app, "politie-oost-brabant").await;
    let limburg = org_id(&app, "netwerk-limburg").await;
    let gewijzigd = "ontwikkelagenda.netwerkjaar_gewijzigd";
    let werkplannen = format!("SELECT COUNT(*) FROM netwerk_werkplan WHERE jaar = {jaar}");

    let leeg = pagina(&coordinator, &app, &pad).await;
    assert!(
        leeg.contains(&format!("Er is voor {jaar} nog geen werkplan")),
        "{leeg}"
    );
    let pdf_pad = format!("{pad}/werkplan.pdf");
    let (status, _, _) = get(&coordinator, &app, &pdf_pad).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "no werkplan, no PDF");

    // A chair of another region is refused; what was typed stays.
    let werkplan = |voorzitter: i64, bestuur: &str| {
        vec![
            ("voorzitter", voorzitter.to_string()),
            (
                "rol_taak",
                "Fictief: tactisch lerend netwerk van zes partners.".to_string(),
            ),
            (
                "werkwijze",
                "Fictief: casuïstiek als leermethode.".to_string(),
            ),
            ("bestuur_veld", bestuur.to_string()),
            (
                "organisatie_voortgang",
                "Fictief: zes bijeenkomsten.".to_string(),
            ),
        ]
    };
    let wp_pad = format!("{pad}/werkplan");
    let (status, body) = posten(&coordinator, &app, &pad, &wp_pad, &werkplan(limburg, "")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("Kies de organisatie van de voorzitter uit de lijst van de regio"));
    assert!(body.contains("Fictief: casuïstiek als leermethode."));
    assert_eq!(tel(&app, &werkplannen).await, 0);

    let voor = audit_aantal(&app, gewijzigd).await;
    let (status, body) = posten(&coordinator, &app, &pad, &wp_pad, &werkplan(vt, "")).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(tel(&app, &werkplannen).await, 1);
    assert_eq!(audit_aantal(&app, gewijzigd).await, voor + 1);

    // Not vastgesteld while a chapter is empty or there is no speerpunt with a trekker.
    let status_pad = format!("{pad}/werkplan/status");
    let vaststellen = [("status", "vastgesteld".to_string())];
    let (status, body) = posten(&coordinator, &app, &pad, &status_pad, &vaststellen).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body.contains("nog leeg: 3. Bestuur en lokale veld"),
        "{body}"
    );
    let bestuur = "Fictief: signalerende functie naar het bestuurlijk overleg.";
    let (status, _) = posten(&coordinator, &app, &pad, &wp_pad, &werkplan(vt, bestuur)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, body) = posten(&coordinator, &app, &pad, &status_pad, &vaststellen).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("ten minste één speerpunt"), "{body}");

    // Speerpunten: a regional theme and a verbeteractiviteit; a duplicate title is refused.
    let sp_pad = format!("{pad}/speerpunten");
    let functie_politie = format!("functie-{politie}");
    let functie_vt = format!("functie-{vt}");
    let (status, body) = posten(
        &coordinator,
        &app,
        &pad,
        &sp_pad,
        &[
            ("titel", "Ex-partnerstalking".into()),
            ("verbeteractiviteit", String::new()),
            ("trekker", politie.to_string()),
            (functie_politie.as_str(), "teamleider".into()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let (status, body) = posten(
        &coordinator,
        &app,
        &pad,
        &sp_pad,
        &[
            ("titel", "ex-partnerstalking".into()),
            ("trekker", vt.to_string()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("al een speerpunt met deze titel"));
    let codes: Vec<String> = {
        let token = api_token(&app, MEDEWERKER).await;
        let (_, _, a) = api_get(&app, &token, "/api/v1/verbeteractiviteiten").await;
        a["verbeteractiviteiten"]
            .as_array()
            .expect("lijst")
            .iter()
            .map(|v| v["code"].as_str().expect("code").to_string())
            .collect()
    };
    let (status, _) = posten(
        &coordinator,
        &app,
        &pad,
        &sp_pad,
        &[
            ("titel", "Actie-overleg".into()),
            ("verbeteractiviteit", codes[1].clone()),
            ("trekker", vt.to_string()),
            (functie_vt.as_str(), "gedragswetenschapper".into()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let speerpunt: i64 = tel(
        &app,
        &format!(
            "SELECT s.id FROM netwerk_speerpunt s JOIN netwerk_werkplan w ON w.id = s.werkplan_id
             WHERE w.jaar = {jaar} AND s.titel = 'Actie-overleg'"
        ),
    )
    .await;
    assert_eq!(
        tel(
            &app,
            &format!("SELECT COUNT(*) FROM netwerk_thematrekker WHERE speerpunt_id = {speerpunt} AND organisatie_id = {vt} AND functie = 'gedragswetenschapper'")
        )
        .await,
        1
    );
    let (status, body) = posten(&coordinator, &app, &pad, &status_pad, &vaststellen).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let s = pagina(&coordinator, &app, &pad).await;
    assert!(s.contains(&format!("Werkplan {jaar}: vastgesteld")), "{s}");
    assert!(s.contains("teamleider"));
    // The werkplan as PDF: its status, the four chapters in order, then the speerpunten with
    // their verbeteractiviteit and thematrekkers.
    assert!(s.contains(&format!("href=\"{pdf_pad}\"")), "{s}");
    let r = coordinator
        .get(app.url(&pdf_pad))
        .send()
        .await
        .expect("pdf");
    assert_eq!(r.status(), StatusCode::OK);
    let pdf = r.bytes().await.expect("bytes");
    // VOOROP_SCHERMAFDRUKKEN=MAP keeps the PDF, to look at.
    if let Some(map) = std::env::var_os("VOOROP_SCHERMAFDRUKKEN") {
        std::fs::write(std::path::Path::new(&map).join("werkplan.pdf"), &pdf).expect("pdf");
    }
    let tekst = pdf_tekst(&pdf);
    let volgorde = [
        format!("Werkplan Regionaal Netwerk Zorg en Straf Oost-Brabant {jaar}"),
        "Vastgesteld sinds".to_string(),
        "1. Rol, taak en samenstelling".to_string(),
        "Fictief: tactisch lerend netwerk".to_string(),
        "2. Werkwijze en prioriteiten".to_string(),
        "3. Bestuur en lokale veld".to_string(),
        "4. Organisatie en voortgang".to_string(),
        "Speerpunten en thematrekkers".to_string(),
        "gedragswetenschapper".to_string(),
        "Vergaderschema".to_string(),
    ];
    in_volgorde(&tekst, &volgorde);
    // Vastgesteld: no more changes to it; only a coordinator reopens.
    let (status, _, _) = post_form(
        &coordinator,
        &app,
        &wp_pad,
        &[("_csrf", csrf_van(&coordinator, &app, &pad).await)],
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);

    // Others: another region's coordinator and a reader read but do not write; the FG reads
    // nothing of the Ontwikkelagenda.
    for (wie, lezen) in [
        (COORDINATOR_LIMBURG, true),
        (LEZER, true),
        ("fg@demo.voorop.nl", false),
    ] {
        let c = login(&app, wie).await;
        let (status, _, _) = get(&c, &app, &pad).await;
        assert_eq!(status == StatusCode::OK, lezen, "{wie} leest: {status}");
        let (status, _, _) = get(&c, &app, &pdf_pad).await;
        assert_eq!(
            status == StatusCode::OK,
            lezen,
            "{wie} leest de pdf: {status}"
        );
        let (status, _, _) = post_form(
            &c,
            &app,
            &format!("{pad}/evaluatie"),
            &[("_csrf", csrf_van(&c, &app, "/account/wachtwoord").await)],
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{wie} schrijft");
    }

    // A meeting: a date outside the year is refused; a good one leads to its page.
    let bk_pad = format!("{pad}/bijeenkomsten");
    let (status, body) = posten(
        &coordinator,
        &app,
        &pad,
        &bk_pad,
        &[
            ("datum", format!("{}-03-12", jaar + 1)),
            ("speerpunt", speerpunt.to_string()),
            ("agenda", "Fictieve agenda die blijft staan".into()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains(&format!("valt in {jaar}")));
    assert!(body.contains("Fictieve agenda die blijft staan"));
    let mut form = vec![
        (
            "_csrf".to_string(),
            csrf_van(&coordinator, &app, &pad).await,
        ),
        ("datum".into(), format!("{jaar}-03-12")),
        ("speerpunt".into(), speerpunt.to_string()),
    ];
    let (status, headers, _) = post_form(&coordinator, &app, &bk_pad, &form).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let m_pad = location(&headers);
    assert!(m_pad.starts_with(&format!("{bk_pad}/")), "{m_pad}");
    let m = pagina(&coordinator, &app, &m_pad).await;
    assert!(m.contains("zonder herleidbare gegevens"), "{m}");

    // The prepared case: what looks like a birth date or a postcode is refused, the text stays
    // and nothing is stored.
    form.truncate(1);
    form[0].1 = csrf_van(&coordinator, &app, &m_pad).await;
    let casus = |t: &str| {
        let mut f = form.clone();
        f.extend([
            ("datum".to_string(), format!("{jaar}-03-12")),
            ("speerpunt".to_string(), speerpunt.to_string()),
            ("status".to_string(), "gehouden".to_string()),
            ("casus".to_string(), t.to_string()),
            (
                "leereffecten".to_string(),
                "Fictief: eerder de Raad betrekken.".to_string(),
            ),
        ]);
        f
    };
    let (status, _, body) = post_form(
        &coordinator,
        &app,
        &m_pad,
        &casus("Fictief gezin, jongste geboren 12-03-2016, woont in 5211 AB."),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("een volledige datum"), "{body}");
    assert!(body.contains("woont in 5211 AB"));
    let gehouden = format!(
        "SELECT COUNT(*) FROM netwerk_bijeenkomst WHERE jaar = {jaar} AND status = 'gehouden'"
    );
    assert_eq!(tel(&app, &gehouden).await, 0);
    let (status, _, body) = post_form(
        &coordinator,
        &app,
        &m_pad,
        &casus("Fictief gezin met drie jonge kinderen; de melding liep via ZSM."),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(tel(&app, &gehouden).await, 1);

    // The besluitenlijst: an action needs the year's SWOT session; a decision does not.
    let bs_pad = format!("{m_pad}/besluiten");
    let actie = [
        ("soort", "actie".to_string()),
        (
            "tekst",
            "Fictief: werkafspraak AO–ZSM opstellen".to_string(),
        ),
        ("eigenaar", vt.to_string()),
        ("streefdatum", format!("{jaar}-06-30")),
        ("verbeteractiviteit", codes[1].clone()),
    ];
    let (status, body) = posten(&coordinator, &app, &m_pad, &bs_pad, &actie).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body.contains(&format!("voor {jaar} nog geen SWOT-sessie")),
        "{body}"
    );
    assert!(body.contains("Fictief: werkafspraak AO–ZSM opstellen"));
    let (status, _) = posten(
        &coordinator,
        &app,
        &m_pad,
        &bs_pad,
        &[
            ("soort", "besluit".into()),
            ("tekst", "Fictief: de gemeenten uitnodigen.".into()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);

    let sessie_pad = format!("/ontwikkelagenda/{jaar}/oost-brabant");
    let (status, body) = posten(
        &coordinator,
        &app,
        &sessie_pad,
        &sessie_pad,
        &[
            ("datum", format!("{jaar}-02-01")),
            ("deelnemer", vt.to_string()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let stappen = format!(
        "SELECT COUNT(*) FROM swot_stap s JOIN swot_sessie x ON x.id = s.sessie_id
         WHERE x.jaar = {jaar} AND x.regio_code = 'oost-brabant' AND s.omschrijving = 'Fictief: werkafspraak AO–ZSM opstellen'"
    );
    assert_eq!(tel(&app, &stappen).await, 0);
    let swot_voor = audit_aantal(&app, "ontwikkelagenda.swot_gewijzigd").await;
    let (status, body) = posten(&coordinator, &app, &m_pad, &bs_pad, &actie).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(tel(&app, &stappen).await, 1);
    assert_eq!(
        audit_aantal(&app, "ontwikkelagenda.swot_gewijzigd").await,
        swot_voor + 1
    );
    let stap: i64 = tel(&app, &stappen.replace("SELECT COUNT(*)", "SELECT s.id")).await;
    assert_eq!(
        tel(
            &app,
            &format!("SELECT COUNT(*) FROM netwerk_besluit WHERE stap_id = {stap}")
        )
        .await,
        1
    );
    // The step is followed up in the session; the besluitenlijst shows where it stands.
    let (status, _) = posten(
        &coordinator,
        &app,
        &sessie_pad,
        &format!("{sessie_pad}/stappen/{stap}"),
        &[
            ("verbeteractiviteit", codes[1].clone()),
            (
                "omschrijving",
                "Fictief: werkafspraak AO–ZSM opstellen".into(),
            ),
            ("eigenaar", vt.to_string()),
            ("status", "gereed".into()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let m = pagina(&coordinator, &app, &m_pad).await;
    let rij = m
        .split("<tr>")
        .find(|r| r.contains("werkafspraak AO–ZSM"))
        .expect("actie op de besluitenlijst");
    assert!(
        rij.contains("Gereed") && rij.contains("Veilig Thuis"),
        "{rij}"
    );
    let s = pagina(&coordinator, &app, &sessie_pad).await;
    assert!(s.contains("werkafspraak AO–ZSM"), "{s}");
    // The verantwoording of the year shows the region's network year.
    let v = pagina(
        &coordinator,
        &app,
        &format!("/ontwikkelagenda/{jaar}/verantwoording"),
    )
    .await;
    assert!(
        v.contains("werkplan vastgesteld</a>, 1 bijeenkomst gehouden, 1 actie<"),
        "{v}"
    );

    // Self-evaluations of two years, compared; a missing score is refused.
    let evaluatie = |j: i64, scores: [&str; 4]| {
        let mut v = vec![("datum", format!("{j}-12-10"))];
        for (a, s) in ["werkwijze", "effectiviteit", "agenda", "verbinding"]
            .iter()
            .zip(scores)
        {
            v.push((format!("score-{a}").leak(), s.to_string()));
        }
        v.push((
            "toelichting-verbinding",
            "Fictief: gemeenten schuiven zelden aan.".into(),
        ));
        v
    };
    let vorig_pad = format!("/ontwikkelagenda/{}/oost-brabant/netwerk", jaar - 1);
    let (status, body) = posten(
        &coordinator,
        &app,
        &vorig_pad,
        &format!("{vorig_pad}/evaluatie"),
        &evaluatie(jaar - 1, ["3", "3", "4", "2"]),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let ev_pad = format!("{pad}/evaluatie");
    let (status, body) = posten(
        &coordinator,
        &app,
        &pad,
        &ev_pad,
        &evaluatie(jaar, ["4", "3", "", "2"]),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body.contains("Geef &#39;Inhoudelijke agenda&#39; een score van 1 tot en met 5"),
        "{body}"
    );
    let (status, _) = posten(
        &coordinator,
        &app,
        &pad,
        &ev_pad,
        &evaluatie(jaar, ["4", "3", "3", "2"]),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        tel(&app, &format!("SELECT COUNT(*) FROM netwerk_evaluatie_aspect a JOIN netwerk_evaluatie e ON e.id = a.evaluatie_id WHERE e.regio_code = 'oost-brabant' AND e.jaar IN ({}, {jaar})", jaar - 1)).await,
        8
    );
    let s = pagina(&coordinator, &app, &pad).await;
    let vergelijking = s
        .split("<caption>Zelfevaluatie")
        .nth(1)
        .expect("vergelijkingstabel");
    let rij = |aspect: &str| {
        vergelijking
            .split("<tr>")
            .find(|r| r.contains(aspect))
            .unwrap_or_default()
            .to_string()
    };
    assert!(
        rij("Werkwijze").contains("<td>3</td><td>4</td><td>+1</td>"),
        "{}",
        rij("Werkwijze")
    );
    assert!(rij("Inhoudelijke agenda").contains("<td>4</td><td>3</td><td>−1</td>"));
    assert!(rij("Effectiviteit").contains("gelijk"));
    // Next year has not begun: it cannot be evaluated.
    let volgend = voorop::db::vandaag()[..4].parse::<i64>().expect("jaar") + 1;
    let volgend_pad = format!("/ontwikkelagenda/{volgend}/oost-brabant/netwerk");
    let (status, body) = posten(
        &coordinator,
        &app,
        &volgend_pad,
        &format!("{volgend_pad}/evaluatie"),
        &evaluatie(volgend, ["4", "3", "3", "2"]),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("nog niet begonnen"));

    landelijk_overzicht(&app, jaar, &codes[1]).await;
}

/// The national overview of the network years after the test above: Oost-Brabant's werkplan,
/// meeting, action and evaluation beside the nine regions without a werkplan (shown as such),
/// the verbeteractiviteit's coverage, the regional theme, and the means per aspect over the
/// regions that evaluated (the demo evaluated every region in this year, none the year before).
async fn landelijk_overzicht(app: &TestApp, jaar: i64, verbeteractiviteit: &str) {
    let pad = format!("/ontwikkelagenda/{jaar}/netwerken");
    let limburg = login(app, COORDINATOR_LIMBURG).await;
    let n = pagina(&limburg, app, &pad).await;
    let geevalueerd: i64 = tel(
        app,
        &format!("SELECT COUNT(*) FROM netwerk_evaluatie WHERE jaar = {jaar}"),
    )
    .await;
    assert!(geevalueerd > 1, "the demo's evaluations of {jaar}");
    assert!(
        n.contains(&format!("1 van de 10 netwerken hebben een werkplan voor {jaar} (1 vastgesteld); samen hielden ze 1 netwerkbijeenkomsten; {geevalueerd} evalueerden zichzelf.")),
        "{n}"
    );
    let tabel = |caption: &str| -> String {
        n.split(&format!("<caption>{caption}"))
            .nth(1)
            .and_then(|t| t.split("</table>").next())
            .unwrap_or_else(|| panic!("{caption} in {n}"))
            .to_string()
    };
    let regios = tabel("Werkplan, bijeenkomsten en acties per regionaal netwerk");
    assert_eq!(regios.matches("Geen werkplan").count(), 9, "{regios}");
    let ob = regios
        .split("<tr>")
        .find(|r| r.contains("Oost-Brabant"))
        .expect("Oost-Brabant");
    for verwacht in [
        "<td>Vastgesteld</td>",
        "Veilig Thuis",
        "Ex-partnerstalking <span class=\"gedempt\">(regionaal thema)</span>",
        "1 van ~6 gehouden",
        "1 (1 gereed)",
    ] {
        assert!(ob.contains(verwacht), "{verwacht} in {ob}");
    }
    let token = api_token(app, MEDEWERKER).await;
    let (_, _, a) = api_get(app, &token, "/api/v1/verbeteractiviteiten").await;
    let naam = a["verbeteractiviteiten"]
        .as_array()
        .expect("lijst")
        .iter()
        .find(|v| v["code"] == verbeteractiviteit)
        .and_then(|v| v["naam"].as_str())
        .expect("naam")
        .to_string();
    let dekking = tabel("Gegevens bij de grafiek: regio's met de verbeteractiviteit");
    let rij = dekking
        .split("<tr>")
        .find(|r| r.contains("<td>Oost-Brabant</td>"))
        .expect("a verbeteractiviteit with Oost-Brabant");
    assert!(rij.contains("<td>1</td>") && rij.contains(&naam), "{rij}");
    assert!(n.contains("<strong>Oost-Brabant</strong>: Ex-partnerstalking"));
    assert!(n.contains("<svg"), "the chart");

    // Means per aspect: this year over the regions that scored it, last year Oost-Brabant alone.
    let scores: Vec<i64> = sqlx::query_scalar(&format!(
        "SELECT a.score FROM netwerk_evaluatie_aspect a JOIN netwerk_evaluatie e ON e.id = a.evaluatie_id
         WHERE e.jaar = {jaar} AND a.aspect = 'werkwijze'"
    ))
    .fetch_all(&app.db)
    .await
    .expect("scores");
    assert_eq!(scores.len() as i64, geevalueerd);
    let gemiddeld = scores.iter().sum::<i64>() as f64 / scores.len() as f64;
    let aspecten = tabel("Gemiddelde zelfevaluatie");
    let werkwijze = aspecten
        .split("<tr>")
        .find(|r| r.contains("Werkwijze"))
        .expect("werkwijze");
    let verwacht = format!(
        "<td>{}</td><td>{geevalueerd}</td>\n    <td>3,0</td><td>1</td>",
        format!("{gemiddeld:.1}").replace('.', ",")
    );
    assert!(werkwijze.contains(&verwacht), "{verwacht} in {werkwijze}");
    let per_regio = tabel("Zelfevaluatie per regionaal netwerk");
    let ob = per_regio
        .split("<tr>")
        .find(|r| r.contains("Oost-Brabant"))
        .expect("Oost-Brabant");
    assert!(
        ob.contains("<td>4 <span class=\"gedempt\">(+1)</span></td>"),
        "{ob}"
    );

    // Last year: no werkplan anywhere, never zero; the evaluation of the year before is absent.
    let leeg = pagina(
        &limburg,
        app,
        &format!("/ontwikkelagenda/{}/netwerken", jaar - 1),
    )
    .await;
    assert!(leeg.contains(&format!(
        "0 van de 10 netwerken hebben een werkplan voor {}",
        jaar - 1
    )));
    assert_eq!(
        leeg.matches("<td colspan=\"3\" class=\"gedempt\">Geen werkplan</td>")
            .count(),
        10
    );
    assert!(leeg.contains("nog geen regionaal netwerk een werkplan"));
    assert!(!leeg.contains("<svg"), "no chart of nothing");

    // Everyone in the network reads it; the FG does not.
    let (status, _, _) = get(&login(app, LEZER).await, app, &pad).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _, _) = get(&login(app, "fg@demo.voorop.nl").await, app, &pad).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}
