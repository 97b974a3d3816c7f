//! The wheel (rad) of a gemeente: its own scores per standard.

use super::*;
use crate::zelfscan::model::Ronde;

#[derive(Template, WebTemplate)]
#[template(path = "zelfscan/rad.html")]
pub(super) struct RadPagina {
    p: Pagina,
    ronde: Ronde,
    gemeente: String,
    code: String,
    vragen: Vec<(u8, String, String)>,
    mag_schrijven: bool,
    fouten: Vec<Veldfout>,
}

pub(super) fn rad_pagina(
    i: &Ingelogd,
    b: service::RadBlad,
    code: String,
    waarde: impl Fn(u8) -> String,
    fouten: Vec<Veldfout>,
) -> RadPagina {
    RadPagina {
        p: i.pagina(format!("Rad van Fortuin – {}", b.gemeente.naam)),
        vragen: b
            .vragenlijst
            .rad_van_fortuin
            .iter()
            .map(|q| (q.nummer, q.tekst.clone(), waarde(q.nummer)))
            .collect(),
        ronde: b.ronde,
        gemeente: b.gemeente.naam,
        code,
        mag_schrijven: b.mag_schrijven,
        fouten,
    }
}

pub(super) async fn rad(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((id, code)): Path<(RondeId, String)>,
) -> AppResult<RadPagina> {
    let b = service::rad(&s.db, &i.gebruiker, id, &code).await?;
    let opgeslagen = b.antwoorden.clone();
    Ok(rad_pagina(
        &i,
        b,
        code,
        |n| opgeslagen.get(&n).cloned().unwrap_or_default(),
        vec![],
    ))
}

pub(super) async fn rad_opslaan(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((id, code)): Path<(RondeId, String)>,
    Form(velden): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let invoer: Vec<(u8, String)> = velden
        .iter()
        .filter_map(|(k, v)| {
            k.strip_prefix("rad_")
                .and_then(|n| n.parse().ok())
                .map(|n| (n, v.clone()))
        })
        .collect();
    let uitkomst = service::rad_opslaan(&s.db, &i.gebruiker, id, &code, invoer.clone()).await;
    let naar = format!("/zelfscan/{id}/gemeenten/{code}/rad");
    prg(
        &i,
        uitkomst,
        |()| {
            (
                "De antwoorden op de procesvragen zijn opgeslagen.".into(),
                naar,
            )
        },
        async |fouten| {
            let b = service::rad(&s.db, &i.gebruiker, id, &code).await?;
            let ingevuld = |n: u8| {
                invoer
                    .iter()
                    .find(|(x, _)| *x == n)
                    .map(|x| x.1.clone())
                    .unwrap_or_default()
            };
            Ok(rad_pagina(&i, b, code, ingevuld, fouten))
        },
    )
    .await
}
