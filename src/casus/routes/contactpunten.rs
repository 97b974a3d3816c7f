//! The contact directory of the region's organisations.

use super::*;
use crate::gedeeld::OrganisatieId;

#[derive(Template, WebTemplate)]
#[template(path = "casus/contactpunten.html")]
pub(super) struct ContactPagina {
    p: Pagina,
    regio_naam: &'static str,
    punten: Vec<crate::casus::model::Contactpunt>,
    mag_schrijven: bool,
    /// The user's organisation, and whether they coordinate the region: who may remove which
    /// contact point.
    eigen_organisatie: OrganisatieId,
    coordinator: bool,
    invoer: ContactInvoer,
    fouten: Vec<Veldfout>,
}

impl ContactPagina {
    fn soorten(&self) -> &'static [ContactSoort] {
        ContactSoort::ALLE
    }
    fn mag_verwijderen(&self, org: &OrganisatieId) -> bool {
        self.mag_schrijven && (self.eigen_organisatie == *org || self.coordinator)
    }
}

pub(super) async fn contact_pagina(
    s: &AppState,
    i: &Ingelogd,
    invoer: ContactInvoer,
    fouten: Vec<Veldfout>,
) -> AppResult<ContactPagina> {
    let regio = regio_van(i, "");
    Ok(ContactPagina {
        p: i.pagina("Contactpersonen en bureaudiensten"),
        regio_naam: regio_naam(regio),
        punten: service::contactpunten(&s.db, &i.gebruiker, &regio).await?,
        mag_schrijven: permissions::mag_casus_registreren(&i.gebruiker, &regio),
        eigen_organisatie: i.gebruiker.organisatie_id,
        coordinator: i.gebruiker.rol == crate::auth::Rol::Regiocoordinator,
        invoer,
        fouten,
    })
}

pub(super) async fn contactpunten(
    State(s): State<AppState>,
    i: Ingelogd,
) -> AppResult<ContactPagina> {
    contact_pagina(&s, &i, ContactInvoer::default(), vec![]).await
}

pub(super) async fn contactpunt_toevoegen(
    State(s): State<AppState>,
    i: Ingelogd,
    Form(f): Form<ContactInvoer>,
) -> AppResult<Response> {
    let uitkomst = service::contactpunt_toevoegen(&s.db, &i.gebruiker, &f).await;
    prg(
        &i,
        uitkomst,
        |_| {
            (
                "Het contactpunt is toegevoegd.".into(),
                "/casussen/contactpunten".into(),
            )
        },
        async |fouten| contact_pagina(&s, &i, f, fouten).await,
    )
    .await
}

pub(super) async fn contactpunt_verwijderen(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<i64>,
) -> AppResult<Redirect> {
    service::contactpunt_verwijderen(&s.db, &i.gebruiker, id).await?;
    i.flash("Het contactpunt is verwijderd.").await;
    Ok(Redirect::to("/casussen/contactpunten"))
}
