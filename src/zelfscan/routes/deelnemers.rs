//! The participants of a gemeente in a round.

use super::*;

#[derive(Template, WebTemplate)]
#[template(path = "zelfscan/deelnemers.html")]
pub(super) struct DeelnemersPagina {
    p: Pagina,
    lijst: service::Deelnemerslijst,
    fouten: Vec<Veldfout>,
    rol: String,
    naam: String,
}

pub(super) async fn deelnemers(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((id, code)): Path<(RondeId, String)>,
) -> AppResult<DeelnemersPagina> {
    let lijst = service::deelnemers(&s.db, &i.gebruiker, id, &code).await?;
    Ok(DeelnemersPagina {
        p: i.pagina(format!("Deelnemers – {}", lijst.gemeente.naam)),
        lijst,
        fouten: vec![],
        rol: String::new(),
        naam: String::new(),
    })
}

#[derive(Deserialize)]
pub(super) struct DeelnemerForm {
    #[serde(default)]
    rol: String,
    #[serde(default)]
    naam: String,
}

pub(super) async fn deelnemer_toevoegen(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((id, code)): Path<(RondeId, String)>,
    Form(f): Form<DeelnemerForm>,
) -> AppResult<Response> {
    let uitkomst =
        service::deelnemer_toevoegen(&s.db, &i.gebruiker, id, &code, &f.rol, &f.naam).await;
    let naar = format!("/zelfscan/{id}/gemeenten/{code}/deelnemers");
    prg(
        &i,
        uitkomst,
        |()| ("De deelnemer is toegevoegd.".into(), naar),
        async |fouten| {
            let lijst = service::deelnemers(&s.db, &i.gebruiker, id, &code).await?;
            Ok(DeelnemersPagina {
                p: i.pagina(format!("Deelnemers – {}", lijst.gemeente.naam)),
                lijst,
                fouten,
                rol: f.rol,
                naam: f.naam,
            })
        },
    )
    .await
}

pub(super) async fn deelnemer_verwijderen(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((id, code, did)): Path<(RondeId, String, i64)>,
) -> AppResult<Redirect> {
    service::deelnemer_verwijderen(&s.db, &i.gebruiker, id, &code, did).await?;
    i.flash("De deelnemer is verwijderd.").await;
    Ok(Redirect::to(&format!(
        "/zelfscan/{id}/gemeenten/{code}/deelnemers"
    )))
}
