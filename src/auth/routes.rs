use super::AppState;
use super::extract::{KlantAdres, start_sessie};
use super::{Gebruiker, Ingelogd, service};
use crate::error::{AppError, AppResult, Veldfout};
use crate::gedeeld::GebruikerId;
use crate::web::Pagina;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use serde::Deserialize;
use tower_sessions::Session;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/inloggen", get(inloggen_form).post(inloggen))
        .route("/uitloggen", axum::routing::post(uitloggen))
        .route("/account/wachtwoord", get(wachtwoord_form).post(wachtwoord))
        .route("/wachtwoord-vergeten", get(vergeten_form).post(vergeten))
        .route(
            "/wachtwoord-herstellen",
            get(herstellen_form).post(herstellen),
        )
        .route("/inloggen/code", get(code_form).post(code))
        .route("/inloggen/tweestaps", get(inrichten_form).post(inrichten))
        .route(
            "/account/tweestaps",
            get(account_tweestaps_form).post(account_tweestaps),
        )
}

#[derive(Template, WebTemplate)]
#[template(path = "auth/inloggen.html")]
struct InloggenPagina {
    p: Pagina,
    fouten: Vec<Veldfout>,
    email: String,
    terug: String,
    demo_wachtwoord: &'static str,
    /// (email, name, organisation name, role label) of the demo accounts.
    demo_gebruikers: Vec<(&'static str, &'static str, String, &'static str)>,
    /// E-mail can be sent: "Wachtwoord vergeten?" links to the reset page.
    smtp: bool,
}

/// The demo accounts as the sign-in page lists them: organisation names and role labels, not
/// codes (an organisation the database does not know keeps its code).
async fn demo_gebruikers(
    state: &AppState,
) -> Vec<(&'static str, &'static str, String, &'static str)> {
    let namen = super::repo::organisatienamen(&state.db)
        .await
        .inspect_err(|e| tracing::warn!(fout = %e, "organisatienamen voor de demo-accounts"))
        .unwrap_or_default();
    super::demo::GEBRUIKERS
        .iter()
        .map(|&(email, naam, org, rol)| {
            let org_naam = namen
                .iter()
                .find(|(code, _)| code == org)
                .map_or_else(|| org.to_string(), |(_, n)| n.clone());
            let rol = super::model::Rol::parse(rol).map_or(rol, super::model::Rol::label);
            (email, naam, org_naam, rol)
        })
        .collect()
}

#[derive(Deserialize, Default)]
struct Terug {
    #[serde(default)]
    terug: String,
}

/// Only local paths are allowed as redirect targets after logging in.
pub fn veilig_terug(t: &str) -> String {
    let veilig = t.starts_with('/')
        && !t.starts_with("//")
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || "/-_.~?=&%".contains(c));
    if veilig { t.to_string() } else { "/".into() }
}

/// The sign-in page with a fresh double-submit token (no server-side session is created).
async fn inlogpagina(
    state: &AppState,
    status: StatusCode,
    fouten: Vec<Veldfout>,
    email: String,
    terug: &str,
) -> Response {
    let (token, cookie) = super::csrf::inlog_token(state.config.secure_cookies);
    let demo = state.is_demo().await;
    let pagina = InloggenPagina {
        demo_gebruikers: if demo {
            demo_gebruikers(state).await
        } else {
            vec![]
        },
        p: Pagina {
            titel: "Inloggen".into(),
            csrf: token,
            demo,
            ..Default::default()
        },
        fouten,
        email,
        terug: veilig_terug(terug),
        demo_wachtwoord: super::demo::WACHTWOORD,
        smtp: state.config.smtp.is_some(),
    };
    (status, [(header::SET_COOKIE, cookie)], pagina).into_response()
}

async fn inloggen_form(State(state): State<AppState>, Query(q): Query<Terug>) -> Response {
    inlogpagina(&state, StatusCode::OK, vec![], String::new(), &q.terug).await
}

#[derive(Deserialize)]
struct InloggenForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    wachtwoord: String,
    #[serde(default)]
    terug: String,
}

async fn inloggen(
    State(state): State<AppState>,
    KlantAdres(adres): KlantAdres,
    session: Session,
    Form(f): Form<InloggenForm>,
) -> AppResult<Response> {
    // The rising delay per client address comes before the password is even looked at.
    if let Some(adres) = adres {
        let wacht = state.inlogremming.vertraging(&state.db, adres).await;
        if !wacht.is_zero() {
            tokio::time::sleep(wacht).await;
        }
    }
    match service::inloggen(&state.db, &state.config.inlog, &f.email, &f.wachtwoord).await {
        Ok(stap) => {
            let terug = veilig_terug(&f.terug);
            let weg = super::csrf::inlog_cookie_weg(state.config.secure_cookies);
            let naar = match stap {
                service::NaWachtwoord::Binnen(g) => {
                    if let Some(adres) = adres {
                        state.inlogremming.gelukt(&state.db, adres).await;
                    }
                    aanmelden(&session, g.id).await?;
                    terug
                }
                service::NaWachtwoord::Code(g) => {
                    wachtend::begin(&session, g.id, &terug).await?;
                    "/inloggen/code".to_string()
                }
                service::NaWachtwoord::Inrichten(g) => {
                    wachtend::begin(&session, g.id, &terug).await?;
                    "/inloggen/tweestaps".to_string()
                }
            };
            Ok(([(header::SET_COOKIE, weg)], Redirect::to(&naar)).into_response())
        }
        Err(AppError::Validatie(fouten)) => {
            if let Some(adres) = adres {
                state.inlogremming.mislukt(&state.db, adres).await;
            }
            Ok(inlogpagina(
                &state,
                StatusCode::UNPROCESSABLE_ENTITY,
                fouten,
                f.email,
                &f.terug,
            )
            .await)
        }
        Err(e) => Err(e),
    }
}

/// A new session id and no CSRF token from before: nothing of the anonymous (or half
/// signed-in) session carries over into the next step.
async fn nieuwe_sessie(session: &Session) -> AppResult<()> {
    session
        .cycle_id()
        .await
        .map_err(|e| anyhow::anyhow!("sessie: {e}"))?;
    let _ = session.remove::<String>(super::csrf::SESSIE_SLEUTEL).await;
    Ok(())
}

/// Binds a new session to the user: the end of every successful sign-in.
async fn aanmelden(session: &Session, gebruiker_id: GebruikerId) -> AppResult<()> {
    nieuwe_sessie(session).await?;
    wachtend::wissen(session).await;
    start_sessie(session, gebruiker_id, crate::db::nu_ms())
        .await
        .map_err(|e| anyhow::anyhow!("sessie: {e}").into())
}

/// The state between the password and the second factor, kept in the (new) session. It never
/// counts as signed in: `Ingelogd` looks only at the key that `start_sessie` sets.
mod wachtend {
    use crate::error::AppResult;
    use crate::gedeeld::GebruikerId;
    use tower_sessions::Session;

    const GEBRUIKER: &str = "wachtend_gebruiker";
    const SINDS: &str = "wachtend_sinds_ms";
    const TERUG: &str = "wachtend_terug";
    pub const GEHEIM: &str = "wachtend_geheim";
    /// The second step must follow within five minutes.
    const MAX_MS: i64 = 5 * 60 * 1000;

    pub async fn begin(session: &Session, id: GebruikerId, terug: &str) -> AppResult<()> {
        super::nieuwe_sessie(session).await?;
        let fout = |e: tower_sessions::session::Error| anyhow::anyhow!("sessie: {e}");
        session.insert(GEBRUIKER, id).await.map_err(fout)?;
        session
            .insert(SINDS, crate::db::nu_ms())
            .await
            .map_err(fout)?;
        session.insert(TERUG, terug).await.map_err(fout)?;
        Ok(())
    }

    /// The waiting user and where to go afterwards, if the first step was recent.
    pub async fn wie(session: &Session) -> Option<(GebruikerId, String)> {
        let id = session.get::<GebruikerId>(GEBRUIKER).await.ok().flatten()?;
        let sinds = session.get::<i64>(SINDS).await.ok().flatten()?;
        if crate::db::nu_ms() - sinds > MAX_MS {
            wissen(session).await;
            return None;
        }
        let terug = session
            .get::<String>(TERUG)
            .await
            .ok()
            .flatten()
            .unwrap_or_default();
        Some((id, terug))
    }

    pub async fn wissen(session: &Session) {
        for k in [GEBRUIKER, SINDS, TERUG, GEHEIM] {
            let _ = session.remove_value(k).await;
        }
    }

    /// The secret being enrolled, made once per session so a scanned QR code stays valid
    /// when the form is shown again.
    /// The session store is the database too, so the waiting secret is kept encrypted there.
    pub async fn geheim(session: &Session, sleutel: &str) -> AppResult<String> {
        use crate::auth::tweestaps;
        let doel = format!("sessie:{sleutel}");
        if let Ok(Some(v)) = session.get::<String>(sleutel).await
            && let Ok(g) = tweestaps::ontsleutel(&doel, &v)
        {
            return Ok(g);
        }
        let g = tweestaps::nieuw_geheim();
        session
            .insert(sleutel, tweestaps::versleutel(&doel, &g))
            .await
            .map_err(|e| anyhow::anyhow!("sessie: {e}"))?;
        Ok(g)
    }
}

/// A page for someone between the two steps (no user in the layout yet).
async fn tussenpagina(state: &AppState, session: &Session, titel: &str) -> Pagina {
    Pagina {
        titel: titel.into(),
        csrf: super::csrf::token(session).await,
        demo: state.is_demo().await,
        ..Default::default()
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "auth/code.html")]
struct CodePagina {
    p: Pagina,
    fouten: Vec<Veldfout>,
    demo_code: Option<String>,
}

async fn code_pagina(state: &AppState, session: &Session, fouten: Vec<Veldfout>) -> CodePagina {
    let p = tussenpagina(state, session, "Tweestapsverificatie").await;
    let demo_code = p
        .demo
        .then(|| {
            let nu = u64::try_from(crate::db::nu_ms() / 1000).unwrap_or(0);
            super::tweestaps::code_op(super::tweestaps::DEMO_GEHEIM, nu)
        })
        .flatten();
    CodePagina {
        p,
        fouten,
        demo_code,
    }
}

async fn code_form(State(state): State<AppState>, session: Session) -> Response {
    if wachtend::wie(&session).await.is_none() {
        return Redirect::to("/inloggen").into_response();
    }
    code_pagina(&state, &session, vec![]).await.into_response()
}

#[derive(Deserialize)]
struct CodeForm {
    #[serde(default)]
    code: String,
}

async fn code(
    State(state): State<AppState>,
    KlantAdres(adres): KlantAdres,
    session: Session,
    Form(f): Form<CodeForm>,
) -> AppResult<Response> {
    let Some((id, terug)) = wachtend::wie(&session).await else {
        return Ok(Redirect::to("/inloggen").into_response());
    };
    if let Some(adres) = adres {
        let wacht = state.inlogremming.vertraging(&state.db, adres).await;
        if !wacht.is_zero() {
            tokio::time::sleep(wacht).await;
        }
    }
    match service::tweede_stap(&state.db, &state.config.inlog, id, &f.code).await {
        Ok(g) => {
            if let Some(adres) = adres {
                state.inlogremming.gelukt(&state.db, adres).await;
            }
            aanmelden(&session, g.id).await?;
            Ok(Redirect::to(&veilig_terug(&terug)).into_response())
        }
        Err(AppError::Validatie(fouten)) => {
            if let Some(adres) = adres {
                state.inlogremming.mislukt(&state.db, adres).await;
            }
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                code_pagina(&state, &session, fouten).await,
            )
                .into_response())
        }
        Err(e) => Err(e),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "auth/tweestaps.html")]
struct TweestapsPagina {
    p: Pagina,
    fouten: Vec<Veldfout>,
    qr: String,
    geheim_leesbaar: String,
    actie: &'static str,
    verplicht: bool,
    /// Unused recovery codes when already enrolled, else -1.
    over: i64,
}

fn tweestaps_pagina(
    p: Pagina,
    email: &str,
    geheim: &str,
    actie: &'static str,
    verplicht: bool,
    over: i64,
    fouten: Vec<Veldfout>,
) -> TweestapsPagina {
    let qr = super::tweestaps::qr_svg(
        &super::tweestaps::otpauth(email, geheim),
        "QR-code om Voorop aan uw authenticator-app toe te voegen",
    )
    .unwrap_or_default();
    let geheim_leesbaar = geheim
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ");
    TweestapsPagina {
        p,
        fouten,
        qr,
        geheim_leesbaar,
        actie,
        verplicht,
        over,
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "auth/herstelcodes.html")]
struct HerstelcodesPagina {
    p: Pagina,
    codes: Vec<String>,
    verder: String,
}

/// The user waiting to enrol (signed in with the password, second factor required).
async fn wachtend_inrichter(state: &AppState, session: &Session) -> Option<(Gebruiker, String)> {
    let (id, terug) = wachtend::wie(session).await?;
    let g = super::service::gebruiker(&state.db, id)
        .await
        .ok()
        .flatten()?;
    Some((g, terug))
}

async fn inrichten_form(State(state): State<AppState>, session: Session) -> AppResult<Response> {
    let Some((g, _)) = wachtend_inrichter(&state, &session).await else {
        return Ok(Redirect::to("/inloggen").into_response());
    };
    let geheim = wachtend::geheim(&session, wachtend::GEHEIM).await?;
    let p = tussenpagina(&state, &session, "Tweestapsverificatie instellen").await;
    Ok(tweestaps_pagina(
        p,
        &g.email,
        &geheim,
        "/inloggen/tweestaps",
        true,
        -1,
        vec![],
    )
    .into_response())
}

async fn inrichten(
    State(state): State<AppState>,
    session: Session,
    Form(f): Form<CodeForm>,
) -> AppResult<Response> {
    let Some((g, terug)) = wachtend_inrichter(&state, &session).await else {
        return Ok(Redirect::to("/inloggen").into_response());
    };
    let geheim = wachtend::geheim(&session, wachtend::GEHEIM).await?;
    match service::tweestaps_inrichten(&state.db, &g, &geheim, &f.code).await {
        Ok(codes) => {
            service::ingelogd_na_inrichten(&state.db, &g).await?;
            aanmelden(&session, g.id).await?;
            let p = Pagina {
                titel: "Herstelcodes".into(),
                gebruiker: Some(super::kop(&g)),
                csrf: super::csrf::token(&session).await,
                demo: state.is_demo().await,
                flash: None,
                sessie_minuten: state.config.sessie_inactief.as_secs() / 60,
                hulp: None,
            };
            Ok(HerstelcodesPagina {
                p,
                codes,
                verder: veilig_terug(&terug),
            }
            .into_response())
        }
        Err(AppError::Validatie(fouten)) => {
            let p = tussenpagina(&state, &session, "Tweestapsverificatie instellen").await;
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                tweestaps_pagina(
                    p,
                    &g.email,
                    &geheim,
                    "/inloggen/tweestaps",
                    true,
                    -1,
                    fouten,
                ),
            )
                .into_response())
        }
        Err(e) => Err(e),
    }
}

/// The session key of the secret a signed-in user is enrolling.
const ACCOUNT_GEHEIM: &str = "account_tweestaps_geheim";

async fn account_tweestaps_form(
    State(state): State<AppState>,
    ingelogd: Ingelogd,
) -> AppResult<Response> {
    let g = &ingelogd.gebruiker;
    let over = service::herstelcodes_over(&state.db, g).await?;
    let geheim = wachtend::geheim(&ingelogd.session, ACCOUNT_GEHEIM).await?;
    let verplicht = super::permissions::tweestaps_verplicht(g);
    let p = ingelogd.pagina("Tweestapsverificatie");
    Ok(tweestaps_pagina(
        p,
        &g.email,
        &geheim,
        "/account/tweestaps",
        verplicht,
        over,
        vec![],
    )
    .into_response())
}

async fn account_tweestaps(
    State(state): State<AppState>,
    ingelogd: Ingelogd,
    Form(f): Form<CodeForm>,
) -> AppResult<Response> {
    let g = &ingelogd.gebruiker;
    let geheim = wachtend::geheim(&ingelogd.session, ACCOUNT_GEHEIM).await?;
    match service::tweestaps_inrichten(&state.db, g, &geheim, &f.code).await {
        Ok(codes) => {
            let _ = ingelogd.session.remove_value(ACCOUNT_GEHEIM).await;
            Ok(HerstelcodesPagina {
                p: ingelogd.pagina("Herstelcodes"),
                codes,
                verder: "/".into(),
            }
            .into_response())
        }
        Err(AppError::Validatie(fouten)) => {
            let over = service::herstelcodes_over(&state.db, g).await?;
            let verplicht = super::permissions::tweestaps_verplicht(g);
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                tweestaps_pagina(
                    ingelogd.pagina("Tweestapsverificatie"),
                    &g.email,
                    &geheim,
                    "/account/tweestaps",
                    verplicht,
                    over,
                    fouten,
                ),
            )
                .into_response())
        }
        Err(e) => Err(e),
    }
}

async fn uitloggen(State(state): State<AppState>, ingelogd: Ingelogd) -> AppResult<Redirect> {
    service::uitloggen(&state.db, &ingelogd.gebruiker).await?;
    ingelogd
        .session
        .flush()
        .await
        .map_err(|e| anyhow::anyhow!("sessie: {e}"))?;
    Ok(Redirect::to("/inloggen"))
}

#[derive(Template, WebTemplate)]
#[template(path = "auth/wachtwoord.html")]
struct WachtwoordPagina {
    p: Pagina,
    fouten: Vec<Veldfout>,
}

async fn wachtwoord_form(ingelogd: Ingelogd) -> WachtwoordPagina {
    WachtwoordPagina {
        p: ingelogd.pagina("Wachtwoord wijzigen"),
        fouten: vec![],
    }
}

#[derive(Deserialize)]
struct WachtwoordForm {
    #[serde(default)]
    huidig: String,
    #[serde(default)]
    nieuw: String,
    #[serde(default)]
    herhaling: String,
}

async fn wachtwoord(
    State(state): State<AppState>,
    ingelogd: Ingelogd,
    Form(f): Form<WachtwoordForm>,
) -> AppResult<Response> {
    match service::wijzig_wachtwoord(
        &state.db,
        &ingelogd.gebruiker,
        &f.huidig,
        &f.nieuw,
        &f.herhaling,
    )
    .await
    {
        Ok(vanaf) => {
            // This session stays valid; all other sessions of the user end.
            start_sessie(&ingelogd.session, ingelogd.gebruiker.id, vanaf)
                .await
                .map_err(|e| anyhow::anyhow!("sessie: {e}"))?;
            ingelogd
                .session
                .cycle_id()
                .await
                .map_err(|e| anyhow::anyhow!("sessie: {e}"))?;
            ingelogd
                .flash("Uw wachtwoord is gewijzigd. Andere sessies van uw account zijn beëindigd.")
                .await;
            Ok(Redirect::to("/").into_response())
        }
        Err(AppError::Validatie(fouten)) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            WachtwoordPagina {
                p: ingelogd.pagina("Wachtwoord wijzigen"),
                fouten,
            },
        )
            .into_response()),
        Err(e) => Err(e),
    }
}

/// A page before signing in, with a form token in the sign-in cookie.
fn open_pagina(state: &AppState, titel: &str) -> (Pagina, String) {
    let (token, cookie) = super::csrf::inlog_token(state.config.secure_cookies);
    let p = Pagina {
        titel: titel.into(),
        csrf: token,
        ..Default::default()
    };
    (p, cookie)
}

#[derive(Template, WebTemplate)]
#[template(path = "auth/wachtwoord_vergeten.html")]
struct VergetenPagina {
    p: Pagina,
    /// E-mail can be sent (otherwise the page says whom to ask).
    smtp: bool,
    /// The address a link was asked for.
    verstuurd: Option<String>,
    email: String,
    fouten: Vec<Veldfout>,
    minuten: i64,
}

fn vergeten_pagina(
    state: &AppState,
    status: StatusCode,
    verstuurd: Option<String>,
    email: String,
    fouten: Vec<Veldfout>,
) -> Response {
    let (p, cookie) = open_pagina(state, "Wachtwoord vergeten");
    let pagina = VergetenPagina {
        p,
        smtp: state.config.smtp.is_some(),
        verstuurd,
        email,
        fouten,
        minuten: super::herstel::GELDIG_MINUTEN,
    };
    (status, [(header::SET_COOKIE, cookie)], pagina).into_response()
}

async fn vergeten_form(State(state): State<AppState>) -> Response {
    vergeten_pagina(&state, StatusCode::OK, None, String::new(), vec![])
}

#[derive(Deserialize)]
struct VergetenForm {
    #[serde(default)]
    email: String,
}

async fn vergeten(
    State(state): State<AppState>,
    Form(f): Form<VergetenForm>,
) -> AppResult<Response> {
    let Some(smtp) = &state.config.smtp else {
        return Ok(vergeten_form(State(state.clone())).await);
    };
    match super::herstel::aanvragen(&state.db, smtp, &state.config.basis_url, &f.email).await {
        Ok(()) => Ok(vergeten_pagina(
            &state,
            StatusCode::OK,
            Some(f.email.trim().to_string()),
            String::new(),
            vec![],
        )),
        Err(AppError::Validatie(fouten)) => Ok(vergeten_pagina(
            &state,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            f.email,
            fouten,
        )),
        Err(e) => Err(e),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "auth/wachtwoord_herstellen.html")]
struct HerstellenPagina {
    p: Pagina,
    token: String,
    geldig: bool,
    klaar: bool,
    fouten: Vec<Veldfout>,
    minuten: i64,
}

fn herstellen_pagina(
    state: &AppState,
    status: StatusCode,
    token: String,
    (geldig, klaar): (bool, bool),
    fouten: Vec<Veldfout>,
) -> Response {
    let (p, cookie) = open_pagina(state, "Nieuw wachtwoord kiezen");
    let pagina = HerstellenPagina {
        p,
        token,
        geldig,
        klaar,
        fouten,
        minuten: super::herstel::GELDIG_MINUTEN,
    };
    (status, [(header::SET_COOKIE, cookie)], pagina).into_response()
}

#[derive(Deserialize)]
struct HerstellenForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    nieuw: String,
    #[serde(default)]
    herhaling: String,
}

async fn herstellen_form(
    State(state): State<AppState>,
    Query(f): Query<HerstellenForm>,
) -> AppResult<Response> {
    let geldig = super::herstel::geldig(&state.db, &f.token).await?.is_some();
    let status = if geldig {
        StatusCode::OK
    } else {
        StatusCode::GONE
    };
    Ok(herstellen_pagina(
        &state,
        status,
        f.token,
        (geldig, false),
        vec![],
    ))
}

async fn herstellen(
    State(state): State<AppState>,
    Form(f): Form<HerstellenForm>,
) -> AppResult<Response> {
    Ok(
        match super::herstel::herstellen(&state.db, &f.token, &f.nieuw, &f.herhaling).await {
            Ok(()) => {
                herstellen_pagina(&state, StatusCode::OK, String::new(), (true, true), vec![])
            }
            Err(AppError::Validatie(fouten)) => herstellen_pagina(
                &state,
                StatusCode::UNPROCESSABLE_ENTITY,
                f.token,
                (true, false),
                fouten,
            ),
            Err(AppError::Conflict(_)) => herstellen_pagina(
                &state,
                StatusCode::GONE,
                String::new(),
                (false, false),
                vec![],
            ),
            Err(e) => return Err(e),
        },
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn terug_alleen_lokaal() {
        assert_eq!(super::veilig_terug("/zelfscan/1"), "/zelfscan/1");
        assert_eq!(super::veilig_terug("//evil.example"), "/");
        assert_eq!(super::veilig_terug("https://evil.example"), "/");
        assert_eq!(super::veilig_terug("/a\r\nSet-Cookie: x"), "/");
        assert_eq!(
            super::veilig_terug("/zelfscan?x=1&y=2"),
            "/zelfscan?x=1&y=2"
        );
    }
}
