//! Filling in the questionnaire for a gemeente, and saving the answers.

use super::*;
use crate::zelfscan::model::Ronde;

pub struct VraagRegel {
    pub nummer: u16,
    pub standaard: String,
    pub tekst: String,
    pub antwoord: String,
    pub toelichting: String,
    pub fout: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "zelfscan/invullen.html")]
pub(super) struct InvullenPagina {
    p: Pagina,
    ronde: Ronde,
    gemeente: String,
    code: String,
    blokken: Vec<(String, Vec<VraagRegel>)>,
    beantwoord: usize,
    totaal: usize,
    mag_schrijven: bool,
    fouten: Vec<Veldfout>,
    /// The questions are Voorop's own wording (see [`Vragenlijst::afgeleid`]), with the source.
    afgeleid: Option<String>,
}

pub(super) fn vraagregels(
    v: &Vragenlijst,
    waarde: impl Fn(u16) -> (String, String),
    fouten: &[Veldfout],
) -> Vec<(String, Vec<VraagRegel>)> {
    [
        (
            1u8,
            "Blok 1 – Gemeentelijke organisatie en alle professionals in lokale (wijk)teams",
        ),
        (
            2,
            "Blok 2 – Professionals aan wie Veilig Thuis casuïstiek overdraagt",
        ),
    ]
    .into_iter()
    .map(|(blok, titel)| {
        let regels = v
            .vragen
            .iter()
            .filter(|q| q.blok == blok)
            .map(|q| {
                let (antwoord, toelichting) = waarde(q.nummer);
                let st = v.standaarden.iter().find(|s| s.nummer == q.standaard);
                VraagRegel {
                    nummer: q.nummer,
                    standaard: st
                        .map(|s| format!("Standaard {} – {}", s.nummer, s.titel))
                        .unwrap_or_default(),
                    tekst: q.tekst.clone(),
                    antwoord,
                    toelichting,
                    fout: fouten
                        .iter()
                        .find(|f| {
                            f.veld == format!("antwoord_{}", q.nummer)
                                || f.veld == format!("toelichting_{}", q.nummer)
                        })
                        .map(|f| f.melding.clone()),
                }
            })
            .collect();
        (titel.to_string(), regels)
    })
    .collect()
}

/// The answer form, filled from `waarde` (stored answers, or the rejected input).
pub(super) fn invullen_pagina(
    i: &Ingelogd,
    b: service::Antwoordblad,
    code: String,
    waarde: impl Fn(u16) -> (String, String),
    fouten: Vec<Veldfout>,
) -> InvullenPagina {
    InvullenPagina {
        p: i.pagina(format!("Zelfscan invullen – {}", b.gemeente.naam)),
        blokken: vraagregels(&b.vragenlijst, waarde, &fouten),
        beantwoord: b
            .antwoorden
            .values()
            .filter(|a| a.antwoord.is_some())
            .count(),
        totaal: b.vragenlijst.vragen.len(),
        ronde: b.ronde,
        gemeente: b.gemeente.naam,
        code,
        mag_schrijven: b.mag_schrijven,
        fouten,
        afgeleid: b.vragenlijst.afgeleid.then(|| b.vragenlijst.bron.clone()),
    }
}

pub(super) async fn invullen(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((id, code)): Path<(RondeId, String)>,
) -> AppResult<InvullenPagina> {
    let b = service::antwoordblad(&s.db, &i.gebruiker, id, &code).await?;
    let opgeslagen: HashMap<u16, (String, String)> = b
        .antwoorden
        .values()
        .map(|a| {
            (
                a.vraag,
                (
                    a.antwoord.map_or("", Antwoord::code).to_string(),
                    a.toelichting.clone(),
                ),
            )
        })
        .collect();
    Ok(invullen_pagina(
        &i,
        b,
        code,
        |n| opgeslagen.get(&n).cloned().unwrap_or_default(),
        vec![],
    ))
}

pub(super) async fn opslaan(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((id, code)): Path<(RondeId, String)>,
    Form(velden): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let velden: HashMap<String, String> = velden.into_iter().collect();
    let b = service::antwoordblad(&s.db, &i.gebruiker, id, &code).await?;
    // "Dit blok opslaan" stores only that block's questions (the rest of the form is kept as
    // typed, not stored), so two people filling in different blocks do not overwrite each
    // other; the page returns to the block.
    let blok: Option<u8> = velden
        .get("blok")
        .and_then(|b| b.trim().parse().ok())
        .filter(|n| b.vragenlijst.vragen.iter().any(|q| q.blok == *n));
    let invoer: Vec<RuwAntwoord> = b
        .vragenlijst
        .vragen
        .iter()
        .filter(|q| blok.is_none_or(|n| q.blok == n))
        .filter(|q| {
            velden.contains_key(&format!("antwoord_{}", q.nummer))
                || velden.contains_key(&format!("toelichting_{}", q.nummer))
        })
        .map(|q| RuwAntwoord {
            vraag: i64::from(q.nummer),
            antwoord: velden.get(&format!("antwoord_{}", q.nummer)).cloned(),
            toelichting: velden.get(&format!("toelichting_{}", q.nummer)).cloned(),
        })
        .collect();
    let uitkomst = service::antwoorden_opslaan(&s.db, &i.gebruiker, id, &code, &invoer).await;
    let naar = format!("/zelfscan/{id}/gemeenten/{code}");
    prg(
        &i,
        uitkomst,
        |n| match blok {
            Some(k) => (
                format!("Blok {k}: {n} antwoorden opgeslagen. U kunt verder met invullen."),
                format!("{naar}#blok-{k}"),
            ),
            None => (
                format!("{n} antwoorden opgeslagen. U kunt later verder gaan met invullen."),
                naar,
            ),
        },
        async |fouten| {
            let ingevuld = |n: u16| {
                let veld = |naam: &str| {
                    velden
                        .get(&format!("{naam}_{n}"))
                        .cloned()
                        .unwrap_or_default()
                };
                (veld("antwoord"), veld("toelichting"))
            };
            Ok(invullen_pagina(&i, b, code, ingevuld, fouten))
        },
    )
    .await
}
