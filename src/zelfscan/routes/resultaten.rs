//! Results of a round per region and per gemeente, and the Excel export.

use super::*;
use crate::zelfscan::model::Ronde;

#[derive(Template, WebTemplate)]
#[template(path = "zelfscan/resultaten.html")]
pub(super) struct ResultatenPagina {
    p: Pagina,
    ronde: Ronde,
    onderwerp: String,
    grafiek: Option<Grafiek>,
    uitspraken: Vec<(u8, String)>,
    gemeenten: Vec<(String, String)>,
    aantal_in_regio: usize,
    aantal_deelnemers: usize,
    toelichtingen: Vec<(String, String)>,
    gemeente_code: String,
    factsheet: bool,
}

#[derive(Deserialize, Default)]
pub(super) struct Weergave {
    #[serde(default)]
    factsheet: bool,
}

pub(super) async fn resultaten_regio(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<RondeId>,
    Query(w): Query<Weergave>,
) -> AppResult<ResultatenPagina> {
    let r = service::resultaten(&s.db, &i.gebruiker, id).await?;
    let regio = crate::organisatie::model::regio_naam(r.ronde.regio_code);
    let grafiek = r.regio.as_ref().map(|sc| {
        grafiek(
            &format!("Regio {regio} – gemiddelde"),
            &r.vragenlijst,
            &[(
                "Regio gemiddelde".into(),
                sc.as_slice(),
                ReeksStijl::Primair,
            )],
        )
    });
    Ok(ResultatenPagina {
        p: i.pagina(format!("Resultaten regio – {}", r.ronde.titel)),
        onderwerp: format!("Regio {regio}"),
        grafiek,
        uitspraken: r.uitspraken,
        gemeenten: r
            .gemeenten
            .iter()
            .map(|g| (g.code.clone(), g.naam.clone()))
            .collect(),
        aantal_in_regio: r.aantal_in_regio,
        aantal_deelnemers: r.aantal_deelnemers,
        toelichtingen: vec![],
        gemeente_code: String::new(),
        factsheet: w.factsheet,
        ronde: r.ronde,
    })
}

pub(super) async fn resultaten_gemeente(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((id, code)): Path<(RondeId, String)>,
    Query(w): Query<Weergave>,
) -> AppResult<ResultatenPagina> {
    let r = service::resultaten(&s.db, &i.gebruiker, id).await?;
    let Some(gr) = r.gemeenten.iter().find(|g| g.code == code) else {
        // Either not taking part or hidden from this user.
        let deelnemers = service::ronde_gemeenten(&s.db, &i.gebruiker, &r.ronde).await?;
        if !deelnemers.iter().any(|rg| rg.code == code) {
            return Err(AppError::NietGevonden("Deze gemeente in de scanronde"));
        }
        return Err(AppError::GeenToegang);
    };
    let mut reeksen = vec![(gr.naam.clone(), gr.scores.as_slice(), ReeksStijl::Primair)];
    if let Some(regio) = &r.regio {
        reeksen.push((
            "Regio gemiddelde".into(),
            regio.as_slice(),
            ReeksStijl::Secundair,
        ));
    }
    let toelichtingen = gr
        .antwoorden
        .iter()
        .filter(|a| !a.toelichting.is_empty())
        .map(|a| (format!("Vraag {}", a.vraag), a.toelichting.clone()))
        .collect();
    Ok(ResultatenPagina {
        p: i.pagina(format!("Resultaten {} – {}", gr.naam, r.ronde.titel)),
        onderwerp: gr.naam.clone(),
        grafiek: Some(grafiek(
            &format!("{} en regio gemiddelde", gr.naam),
            &r.vragenlijst,
            &reeksen,
        )),
        uitspraken: vec![],
        gemeenten: vec![],
        aantal_in_regio: r.aantal_in_regio,
        aantal_deelnemers: r.aantal_deelnemers,
        toelichtingen,
        gemeente_code: gr.code.clone(),
        factsheet: w.factsheet,
        ronde: r.ronde,
    })
}

pub(super) async fn export(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<RondeId>,
) -> AppResult<Response> {
    let (naam, bytes) = service::excel_export(&s.db, &i.gebruiker, id).await?;
    Ok(crate::web::download(crate::web::XLSX, &naam, bytes))
}
