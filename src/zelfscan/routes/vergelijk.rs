//! Comparing two rounds of a gemeente or region.

use super::*;

#[derive(Deserialize)]
pub(super) struct VergelijkQuery {
    a: RondeId,
    b: RondeId,
    #[serde(default)]
    gemeente: String,
}

pub struct VerschilRegel {
    pub standaard: String,
    pub a: String,
    pub b: String,
    pub verschil: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "zelfscan/vergelijk.html")]
pub(super) struct VergelijkPagina {
    p: Pagina,
    v: service::Vergelijking,
    grafiek: Option<Grafiek>,
    regels: Vec<VerschilRegel>,
}

pub(super) async fn vergelijk(
    State(s): State<AppState>,
    i: Ingelogd,
    Query(q): Query<VergelijkQuery>,
) -> AppResult<VergelijkPagina> {
    let gemeente = (!q.gemeente.is_empty()).then_some(q.gemeente.as_str());
    let v = service::vergelijk(&s.db, &i.gebruiker, q.a, q.b, gemeente).await?;
    let (grafiek, regels) = match (&v.scores_a, &v.scores_b) {
        (Some(a), Some(b)) => {
            let g = grafiek(
                &format!("{}: {} en {}", v.onderwerp, v.a.titel, v.b.titel),
                &v.vragenlijst,
                &[
                    (v.a.titel.clone(), a.as_slice(), ReeksStijl::Secundair),
                    (v.b.titel.clone(), b.as_slice(), ReeksStijl::Primair),
                ],
            );
            let regels = v
                .vragenlijst
                .standaarden
                .iter()
                .zip(a.iter().zip(b))
                .map(|(st, (x, y))| {
                    let d = y.percentage - x.percentage;
                    let pct = |s: &StandaardScore| {
                        if s.onbeantwoord() {
                            "nog niet beantwoord".to_string()
                        } else {
                            procent(s.percentage)
                        }
                    };
                    VerschilRegel {
                        standaard: format!("{} {}", st.nummer, st.titel),
                        a: pct(x),
                        b: pct(y),
                        verschil: if x.onbeantwoord() || y.onbeantwoord() {
                            "–".into()
                        } else if d.abs() < 0.05 {
                            "gelijk".into()
                        } else {
                            format!(
                                "{}{} procentpunt",
                                if d > 0.0 { "+" } else { "−" },
                                procent(d.abs()).trim_end_matches('%')
                            )
                        },
                    }
                })
                .collect();
            (Some(g), regels)
        }
        _ => (None, vec![]),
    };
    Ok(VergelijkPagina {
        p: i.pagina("Rondes vergelijken"),
        v,
        grafiek,
        regels,
    })
}
