//! Importing a filled-in Excel file: upload, proposal, confirmation.

use super::*;
use crate::zelfscan::model::Ronde;

#[derive(Template, WebTemplate)]
#[template(path = "zelfscan/import.html")]
pub(super) struct ImportPagina {
    p: Pagina,
    ronde: Ronde,
    fouten: Vec<Veldfout>,
    bestandsnaam: String,
}

pub(super) async fn import_form(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<RondeId>,
) -> AppResult<ImportPagina> {
    let ronde = service::mag_importeren(&s.db, &i.gebruiker, id).await?;
    Ok(ImportPagina {
        p: i.pagina("Antwoorden importeren uit Excel"),
        ronde,
        fouten: vec![],
        bestandsnaam: String::new(),
    })
}

pub(super) async fn import(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<RondeId>,
    mut mp: Multipart,
) -> AppResult<Response> {
    // The permission check comes before the upload is read or parsed.
    let ronde = service::mag_importeren(&s.db, &i.gebruiker, id).await?;
    let mut bestand = None;
    while let Ok(Some(veld)) = mp.next_field().await {
        if veld.name() == Some("bestand") {
            let naam = veld.file_name().unwrap_or("").to_string();
            let bytes = veld.bytes().await.map_err(|_| {
                AppError::validatie(
                    "bestand",
                    "Het bestand kon niet worden ontvangen (te groot?).",
                )
            })?;
            bestand = Some((naam, bytes));
        }
    }
    let fout = |fouten, bestandsnaam| ImportPagina {
        p: i.pagina("Antwoorden importeren uit Excel"),
        ronde: ronde.clone(),
        fouten,
        bestandsnaam,
    };
    let Some((naam, bytes)) = bestand.filter(|(_, b)| !b.is_empty()) else {
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            fout(
                vec![Veldfout::new("bestand", "Kies een Excel-bestand (.xlsx).")],
                String::new(),
            ),
        )
            .into_response());
    };
    match service::excel_voorstel(&s.db, Some(&i.gebruiker), id, bytes.to_vec()).await {
        // Checked; shown for confirmation, kept in the session until then.
        Ok(voorstel) => {
            i.session
                .insert(IMPORT_VOORSTEL, &voorstel)
                .await
                .map_err(|e| anyhow::anyhow!("sessie: {e}"))?;
            Ok(ImportVoorstelPagina {
                p: i.pagina("Import controleren"),
                ronde,
                bestandsnaam: naam,
                voorstel,
            }
            .into_response())
        }
        Err(AppError::Validatie(fouten)) => {
            Ok((StatusCode::UNPROCESSABLE_ENTITY, fout(fouten, naam)).into_response())
        }
        Err(e) => Err(e),
    }
}

/// The session key of the import waiting for confirmation.
pub(super) const IMPORT_VOORSTEL: &str = "zelfscan_import_voorstel";

#[derive(Template, WebTemplate)]
#[template(path = "zelfscan/import_voorstel.html")]
pub(super) struct ImportVoorstelPagina {
    p: Pagina,
    ronde: Ronde,
    bestandsnaam: String,
    voorstel: service::ImportVoorstel,
}

pub(super) async fn import_bevestigen(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<RondeId>,
) -> AppResult<Response> {
    // The permission check comes first, as on the upload: without it everyone got the same
    // redirect, whether they may import into this round or not.
    service::mag_importeren(&s.db, &i.gebruiker, id).await?;
    let voorstel = i
        .session
        .remove::<service::ImportVoorstel>(IMPORT_VOORSTEL)
        .await
        .ok()
        .flatten()
        .filter(|v| v.ronde_id == id);
    let Some(voorstel) = voorstel else {
        i.flash("Er stond geen import klaar om te bevestigen (of de sessie is verlopen). Upload het bestand opnieuw.")
            .await;
        return Ok(Redirect::to(&format!("/zelfscan/{id}/import")).into_response());
    };
    let n = service::excel_toepassen(&s.db, Some(&i.gebruiker), &voorstel).await?;
    i.flash(format!(
        "Import geslaagd: antwoorden van {n} gemeente(n) opgeslagen."
    ))
    .await;
    Ok(Redirect::to(&format!("/zelfscan/{id}")).into_response())
}
