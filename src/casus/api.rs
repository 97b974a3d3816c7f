//! The case API for partner systems (`/api/v1/afstemmingsmomenten`, `/api/v1/afspraken`): a
//! registration sent once instead of typed twice. Every handler calls the service the pages
//! call, so fields, validation, permissions, need-to-know and audit are the pages' own:
//! personal fields only for participants (their read audited), free text hidden from everyone
//! else, a refusal audited as on the pages. A POST with an `Idempotency-Key` header runs once
//! (`crate::auth::idempotentie`). The doc comments on the `…Json` types and the `utoipa::path`
//! texts are the Dutch descriptions of the published OpenAPI document (`crate::api`).

use super::gevolgen::Handeling;
use super::model::{Afspraak, AfspraakStatus, Deelnemer, Lijstfilter, Moment, Soort, Status};
use super::service::{self, AfspraakInvoer, MomentInvoer, PersoonZicht, StapInvoer};
use crate::auth::idempotentie::{Antwoord, eenmalig};
use crate::auth::{ApiGebruiker, ApiPaginering, AppState, Gebruiker};
use crate::error::{ApiError, AppError, Veldfout};
use crate::gedeeld::{AfspraakId, MomentId, RegioCode};
use crate::web::paginering::Gepagineerd;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::BTreeMap;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(momenten, registreren))
        .routes(routes!(moment, bijwerken))
        .routes(routes!(stap))
        .routes(routes!(afspraken, afspraak_toevoegen))
        .routes(routes!(afspraak_wijzigen))
}

/// Een afstemmingsmoment: procesgegevens. Vrije tekst is alleen leesbaar voor deelnemers.
#[derive(Serialize, ToSchema)]
#[schema(as = Afstemmingsmoment)]
struct MomentJson {
    id: i64,
    casus: i64,
    regio: String,
    /// acuut, actieoverleg, zsm of ssk.
    soort: String,
    /// Begin van het moment (lokale tijd, JJJJ-MM-DD UU:MM).
    tijdstip: String,
    /// Status van het moment (open, ingediend, geaccepteerd, afgewezen, geagendeerd, besproken, afspraken_lopen, afgerond, gesloten).
    status: String,
    /// open of gesloten.
    casus_status: String,
    /// De procesvelden (code → waarde), zoals op het formulier.
    velden: BTreeMap<String, String>,
    /// Actie-overleg: het overleg van de aanmelding.
    overleg: Option<i64>,
    /// Actie-overleg: datum van de vergadering waarop het geagendeerd is.
    vergadering: Option<String>,
    /// ZSM: wanneer de eerste beslissing van de OvJ uiterlijk valt (negen uur ophouden voor onderzoek, nachtelijke uren niet meegeteld).
    zsm_deadline: Option<String>,
    /// Persoonsgegevens gewist na de bewaartermijn.
    gewist: bool,
}

impl From<Moment> for MomentJson {
    fn from(m: Moment) -> Self {
        MomentJson {
            id: m.id.0,
            casus: m.casus_id.0,
            regio: m.regio_code.to_string(),
            soort: m.soort.code().into(),
            status: m.status.code().into(),
            zsm_deadline: m.zsm_deadline(),
            tijdstip: m.tijdstip,
            casus_status: m.casus_status,
            velden: m.gegevens,
            overleg: m.overleg_id,
            vergadering: m.vergadering_datum,
            gewist: m.gewist,
        }
    }
}

/// Een deelnameperiode van een organisatie.
#[derive(Serialize, ToSchema)]
#[schema(as = Deelnemer)]
struct DeelnemerJson {
    organisatie: i64,
    naam: String,
    /// inbrenger, voorzitter, deelnemer of eigenaar_afspraak.
    rol: String,
    vanaf: String,
    /// Leeg zolang de organisatie deelneemt.
    tot: Option<String>,
}

impl From<Deelnemer> for DeelnemerJson {
    fn from(d: Deelnemer) -> Self {
        DeelnemerJson {
            organisatie: d.organisatie_id.0,
            naam: d.organisatie_naam,
            rol: d.rol.code().into(),
            vanaf: d.vanaf,
            tot: d.tot,
        }
    }
}

/// Een afspraak met eigenaar en deadline. Omschrijving en resultaat zijn vrije tekst: alleen leesbaar voor deelnemers, en in lijsten nooit.
#[derive(Serialize, ToSchema)]
#[schema(as = Afspraak)]
struct AfspraakJson {
    id: i64,
    moment: i64,
    /// Soort van het moment.
    moment_soort: String,
    /// De organisatie die de afspraak uitvoert.
    eigenaar: i64,
    eigenaar_naam: String,
    /// De medewerker van die organisatie die de afspraak uitvoert, als die is aangewezen.
    medewerker: Option<i64>,
    /// direct (directe veiligheid) of structureel.
    soort: String,
    omschrijving: String,
    /// JJJJ-MM-DD.
    #[schema(format = Date)]
    deadline: String,
    /// open, gereed of vervallen.
    status: String,
    gereed_op: Option<String>,
    resultaat: Option<String>,
}

impl From<Afspraak> for AfspraakJson {
    fn from(a: Afspraak) -> Self {
        AfspraakJson {
            id: a.id.0,
            moment: a.moment_id.0,
            moment_soort: a.moment_soort.code().into(),
            eigenaar: a.eigenaar_organisatie_id.0,
            eigenaar_naam: a.eigenaar_naam,
            medewerker: a.eigenaar_gebruiker.map(|(id, _)| id.0),
            soort: a.soort.code().into(),
            omschrijving: a.omschrijving,
            deadline: a.deadline,
            status: a.status.code().into(),
            gereed_op: a.gereed_op,
            resultaat: a.resultaat,
        }
    }
}

/// Een afstemmingsmoment zoals u het mag zien: procesgegevens, deelnemers, afspraken en (alleen voor deelnemers) de persoonsgegevens.
#[derive(Serialize, ToSchema)]
#[schema(as = AfstemmingsmomentDetail)]
struct MomentDetailJson {
    #[serde(flatten)]
    moment: MomentJson,
    /// zichtbaar (u neemt deel; het lezen staat in het auditlog), gewist (na de bewaartermijn) of geen_toegang.
    persoonsgegevens: String,
    /// De persoonsvelden (code → waarde), alleen als persoonsgegevens zichtbaar is.
    persoon: Option<BTreeMap<String, String>>,
    /// Of uw organisatie nu deelneemt.
    deelnemer: bool,
    /// Of u het moment mag wijzigen.
    mag_schrijven: bool,
    deelnemers: Vec<DeelnemerJson>,
    afspraken: Vec<AfspraakJson>,
    /// Aandachtspunten (ZSM) uit de afspraken van het kwaliteitskader.
    signalen: Vec<String>,
    /// De andere momenten van dezelfde casus (nummers).
    casus_momenten: Vec<i64>,
    /// De veiligheidsinschattingen van de casus, nieuwste eerst.
    veiligheidsinschattingen: Vec<InschattingJson>,
}

/// Een veiligheidsinschatting van de casus.
#[derive(Serialize, ToSchema)]
#[schema(as = Veiligheidsinschatting)]
struct InschattingJson {
    /// acuut_onveilig, structureel_onveilig, veilig of niet_ingeschat.
    inschatting: String,
    #[schema(format = Date)]
    datum: String,
    organisatie: String,
    /// Het moment waarbij ze werd vastgelegd.
    moment: i64,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct LijstQuery {
    /// Code van de regio; standaard uw eigen regio.
    #[serde(default)]
    regio: Option<String>,
    /// Jaartal van het begin van de momenten; standaard dit jaar.
    #[serde(default)]
    #[param(pattern = "^(20[0-9]{2}|2100)$", example = "2025")]
    jaar: Option<String>,
    /// acuut, actieoverleg, zsm of ssk.
    #[serde(default)]
    soort: Option<String>,
    /// Status van het moment.
    #[serde(default)]
    status: Option<String>,
    /// Alleen momenten waaraan deze organisatie (nummer) nu deelneemt.
    #[serde(default)]
    organisatie: Option<i64>,
    /// eigen: alleen momenten waaraan uw organisatie nu deelneemt.
    #[serde(default)]
    deelname: Option<String>,
    /// Paginanummer, vanaf 1.
    #[serde(default)]
    #[allow(dead_code)]
    pagina: Option<String>,
    /// Aantal per pagina, 1 tot en met 100.
    #[serde(default, rename = "perPagina")]
    #[allow(dead_code)]
    per_pagina: Option<String>,
}

/// A code parameter: empty is none, an unknown value a 400 naming the parameter.
fn keuze<T>(
    fouten: &mut Vec<Veldfout>,
    veld: &str,
    waarde: Option<&str>,
    parse: fn(&str) -> Option<T>,
    uitleg: &str,
) -> Option<T> {
    let w = waarde.map(str::trim).filter(|w| !w.is_empty())?;
    let t = parse(w);
    if t.is_none() {
        fouten.push(Veldfout::new(
            veld,
            format!("'{w}' is onbekend; kies {uitleg}."),
        ));
    }
    t
}

#[utoipa::path(
    get,
    path = "/afstemmingsmomenten",
    tag = "Afstemming",
    operation_id = "getAfstemmingsmomenten",
    summary = "De afstemmingsmomenten van een regio in een jaar",
    description = "De momenten van een regio in een jaar, nieuwste eerst, met filters op soort, status en deelnemende organisatie: procesgegevens, zonder vrije tekst en zonder persoonsgegevens (die staan bij het moment zelf, alleen voor deelnemers). Voor wie de casusprocessen van de regio mag zien.",
    params(LijstQuery),
    responses((status = 200, description = "Momenten", body = Vec<MomentJson>,
        headers(("Link" = String, description = "Pagina's"), ("X-Total-Count" = i64, description = "Totaal"))),
        (status = 403, description = "Geen toegang"))
)]
async fn momenten(
    State(s): State<AppState>,
    ApiGebruiker(g): ApiGebruiker,
    ApiPaginering(p): ApiPaginering,
    Query(q): Query<LijstQuery>,
) -> Result<Gepagineerd<MomentJson>, ApiError> {
    let mut fouten = vec![];
    let regio = match q.regio.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
        None => g.regio_code,
        Some(r) => RegioCode::parse(r).map_err(|_| AppError::NietGevonden("De regio"))?,
    };
    let jaar = q
        .jaar
        .clone()
        .filter(|j| !j.trim().is_empty())
        .unwrap_or_else(|| crate::db::dit_jaar().to_string());
    let filter = Lijstfilter {
        soort: keuze(
            &mut fouten,
            "soort",
            q.soort.as_deref(),
            Soort::parse,
            "acuut, actieoverleg, zsm of ssk",
        ),
        status: keuze(
            &mut fouten,
            "status",
            q.status.as_deref(),
            Status::parse,
            "een status van een moment",
        ),
        organisatie: match q.deelname.as_deref().map(str::trim) {
            Some("eigen") => Some(g.organisatie_id),
            Some("") | None => q.organisatie.map(crate::gedeeld::OrganisatieId),
            Some(_) => {
                fouten.push(Veldfout::new(
                    "deelname",
                    "Laat deelname leeg of geef 'eigen'.",
                ));
                None
            }
        },
    };
    if !fouten.is_empty() {
        return Err(AppError::Validatie(fouten).into());
    }
    let (lijst, totaal) = service::momenten_deel(
        &s.db,
        &g,
        (&regio, &filter, &jaar),
        (p.per_pagina as i64, p.offset() as i64),
    )
    .await?;
    let mut overige = vec![("regio", regio.to_string()), ("jaar", jaar)];
    for (k, v) in [
        ("soort", filter.soort.map(Soort::code)),
        ("status", filter.status.map(Status::code)),
    ] {
        if let Some(v) = v {
            overige.push((k, v.to_string()));
        }
    }
    if let Some(o) = filter.organisatie {
        overige.push(("organisatie", o.to_string()));
    }
    Ok(p.gelezen(
        lijst.into_iter().map(MomentJson::from).collect(),
        usize::try_from(totaal).unwrap_or(0),
        "/api/v1/afstemmingsmomenten",
        &overige,
    ))
}

/// Een nieuw afstemmingsmoment. De velden zijn die van het registratieformulier van de soort (code → waarde; meerkeuze met komma's gescheiden).
#[derive(Deserialize, ToSchema)]
#[schema(as = AfstemmingsmomentInvoer)]
struct MomentInvoerJson {
    /// acuut, actieoverleg, zsm of ssk.
    soort: String,
    /// Bestaande casus waaraan dit moment wordt toegevoegd (uw organisatie moet eraan deelnemen); leeg voor een nieuwe casus.
    #[serde(default)]
    casus: Option<i64>,
    /// JJJJ-MM-DD UU:MM (lokale tijd), niet in de toekomst.
    tijdstip: String,
    /// Naam van de betrokkene, alleen om de pseudonieme sleutel te vormen; wordt niet bewaard.
    #[serde(default)]
    persoon_naam: String,
    /// Geboortedatum (JJJJ-MM-DD), idem.
    #[serde(default)]
    persoon_geboortedatum: String,
    #[serde(default)]
    velden: BTreeMap<String, String>,
    /// Andere deelnemende organisaties (nummers) naast de uwe.
    #[serde(default)]
    deelnemers: Vec<i64>,
    /// Actie-overleg: het overleg (nummer); leeg als de regio er één heeft.
    #[serde(default)]
    overleg: Option<i64>,
    /// Loopt er in uw regio al een casus van dezelfde persoon, dan antwoordt de API 409 met haar nummer: stuur dan ja (koppelen aan die casus, met gevonden) of nee (een nieuwe casus).
    #[serde(default)]
    koppelen: Option<String>,
    /// Het casusnummer uit dat antwoord (bij koppelen ja).
    #[serde(default)]
    gevonden: Option<i64>,
}

/// The JSON body as `T`, or a 400 naming what was expected.
fn lezen<T: serde::de::DeserializeOwned>(body: &Bytes, verwacht: &str) -> Result<T, ApiError> {
    serde_json::from_slice(body).map_err(|e| {
        ApiError(AppError::validatie(
            "body",
            &format!("Verwacht {verwacht}: {e}"),
        ))
    })
}

/// The answer to a new item: 201 with its number and address.
fn nieuw(id: i64, pad: String) -> Antwoord {
    Antwoord {
        status: StatusCode::CREATED,
        body: json!({ "id": id }),
        locatie: Some(pad),
    }
}

/// Nummer van het nieuwe item; de Location-header geeft het adres.
#[derive(Serialize, ToSchema)]
#[schema(as = NieuwItem)]
#[allow(dead_code)]
struct NieuwJson {
    id: i64,
}

/// Check before parsing: a caller who may not register moments hears so before its body is read.
fn mag_registreren(g: &Gebruiker) -> Result<(), ApiError> {
    if crate::auth::permissions::casus_registratie(g).is_none() {
        return Err(ApiError(AppError::GeenToegang));
    }
    Ok(())
}

#[utoipa::path(
    post,
    path = "/afstemmingsmomenten",
    tag = "Afstemming",
    operation_id = "postAfstemmingsmoment",
    summary = "Een afstemmingsmoment registreren",
    description = "Registreert een moment met dezelfde velden, controles en rechten als het formulier; uw organisatie wordt deelnemer. Vastgelegd in het auditlog. Met een Idempotency-Key-header geeft een herhaald verzoek het eerste antwoord terug in plaats van een tweede registratie.",
    params(("Idempotency-Key" = Option<String>, Header, description = "Unieke sleutel per registratie (bijvoorbeeld een UUID); een dag bewaard")),
    request_body(content = MomentInvoerJson),
    responses((status = 201, description = "Geregistreerd", body = NieuwJson,
        headers(("Location" = String, description = "Adres van het nieuwe moment"))),
        (status = 403, description = "Geen toegang"), (status = 409, description = "Sleutel nog in gebruik"))
)]
async fn registreren(
    State(s): State<AppState>,
    ApiGebruiker(g): ApiGebruiker,
    koppen: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    mag_registreren(&g)?;
    eenmalig(&s.db, &g, (&koppen, "/afstemmingsmomenten", &body), async {
        let i: MomentInvoerJson = lezen(&body, "een JSON-object met soort, tijdstip en velden")?;
        let soort = Soort::parse(i.soort.trim())
            .ok_or_else(|| AppError::validatie("soort", "Kies acuut, actieoverleg, zsm of ssk."))?;
        let invoer = MomentInvoer {
            casus: i.casus.map(|c| c.to_string()).unwrap_or_default(),
            tijdstip: i.tijdstip,
            persoon_naam: i.persoon_naam,
            persoon_geboortedatum: i.persoon_geboortedatum,
            velden: i.velden,
            deelnemers: i.deelnemers.iter().map(i64::to_string).collect(),
            overleg: i.overleg.map(|o| o.to_string()).unwrap_or_default(),
            koppelen: i.koppelen.unwrap_or_default().trim().to_string(),
            gevonden: i.gevonden.map(|c| c.to_string()).unwrap_or_default(),
        };
        let sleutel = s.config.pseudoniem_sleutel.as_ref();
        if let Some(c) = service::bestaande_casus(&s.db, sleutel, &g, soort, &invoer).await? {
            return Err(AppError::Conflict(format!(
                "Er loopt in uw regio al een casus van dezelfde persoon: casus {c}. Stuur \
                 koppelen \"ja\" met gevonden {c} om dit moment eraan te koppelen (u ziet die \
                 casus pas als uw organisatie eraan deelneemt), of koppelen \"nee\" voor een \
                 nieuwe casus."
            ))
            .into());
        }
        let id = service::registreren(&s.db, sleutel, &g, soort, &invoer).await?;
        Ok(nieuw(id.0, format!("/api/v1/afstemmingsmomenten/{id}")))
    })
    .await
}

#[utoipa::path(
    get,
    path = "/afstemmingsmomenten/{id}",
    tag = "Afstemming",
    operation_id = "getAfstemmingsmoment",
    summary = "Eén afstemmingsmoment",
    description = "Het moment zoals u het op de pagina ziet: procesgegevens, deelnemers en afspraken; persoonsgegevens en vrije tekst alleen als uw organisatie deelneemt (het lezen staat dan in het auditlog, een geweigerde poging ook).",
    params(("id" = i64, Path, description = "Nummer van het moment")),
    responses((status = 200, description = "Moment", body = MomentDetailJson), (status = 403, description = "Geen toegang"))
)]
async fn moment(
    State(s): State<AppState>,
    ApiGebruiker(g): ApiGebruiker,
    Path(id): Path<MomentId>,
) -> Result<Json<MomentDetailJson>, ApiError> {
    let b = service::bekijken(&s.db, &g, id).await?;
    let inschattingen = service::inschattingen(&s.db, &g, &b.moment).await?;
    let (persoonsgegevens, persoon) = match b.persoon {
        PersoonZicht::Zichtbaar(p) => ("zichtbaar", Some(p)),
        PersoonZicht::Gewist => ("gewist", None),
        PersoonZicht::GeenToegang => ("geen_toegang", None),
    };
    Ok(Json(MomentDetailJson {
        signalen: b.moment.signalen().into_iter().map(String::from).collect(),
        moment: b.moment.into(),
        persoonsgegevens: persoonsgegevens.into(),
        persoon,
        deelnemer: b.actieve_deelnemer,
        mag_schrijven: b.mag_schrijven,
        deelnemers: b.deelnemers.into_iter().map(Into::into).collect(),
        afspraken: b.afspraken.into_iter().map(Into::into).collect(),
        casus_momenten: b.casus_momenten.iter().map(|m| m.id.0).collect(),
        veiligheidsinschattingen: inschattingen
            .into_iter()
            .map(|x| InschattingJson {
                inschatting: x.inschatting.code().into(),
                datum: x.datum,
                organisatie: x.organisatie_naam,
                moment: x.moment_id.0,
            })
            .collect(),
    }))
}

/// Wijzigingen van een moment: alleen wat u meestuurt verandert.
#[derive(Deserialize, ToSchema)]
#[schema(as = AfstemmingsmomentWijziging)]
struct MomentWijzigingJson {
    /// JJJJ-MM-DD UU:MM.
    #[serde(default)]
    tijdstip: Option<String>,
    /// Velden (proces- en persoonsvelden, code → waarde); een lege waarde maakt een veld leeg.
    #[serde(default)]
    velden: BTreeMap<String, String>,
}

#[utoipa::path(
    patch,
    path = "/afstemmingsmomenten/{id}",
    tag = "Afstemming",
    operation_id = "patchAfstemmingsmoment",
    summary = "Velden van een moment wijzigen",
    description = "Wijzigt de meegestuurde velden van een moment; de andere blijven zoals ze waren. Alleen voor deelnemers, met de controles van het formulier. Vastgelegd in het auditlog.",
    params(("id" = i64, Path, description = "Nummer van het moment")),
    request_body(content = MomentWijzigingJson),
    responses((status = 204, description = "Gewijzigd"), (status = 403, description = "Geen toegang"), (status = 409, description = "Casus gesloten"))
)]
async fn bijwerken(
    State(s): State<AppState>,
    ApiGebruiker(g): ApiGebruiker,
    Path(id): Path<MomentId>,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    mag_registreren(&g)?;
    let w: MomentWijzigingJson = lezen(&body, "een JSON-object met tijdstip en/of velden")?;
    let huidig = service::bekijken(&s.db, &g, id).await?;
    if !huidig.mag_schrijven {
        return Err(AppError::GeenToegang.into());
    }
    let codes = super::velden::velden(huidig.moment.soort);
    let mut velden: BTreeMap<String, String> = huidig
        .moment
        .gegevens
        .iter()
        .chain(
            match &huidig.persoon {
                PersoonZicht::Zichtbaar(p) => Some(p.iter()),
                _ => None,
            }
            .into_iter()
            .flatten(),
        )
        .filter(|(k, _)| codes.iter().any(|v| v.code == k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    velden.extend(w.velden);
    let invoer = MomentInvoer {
        tijdstip: w.tijdstip.unwrap_or(huidig.moment.tijdstip),
        velden,
        ..MomentInvoer::default()
    };
    service::bijwerken(&s.db, &g, id, &invoer).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Een stap in het verloop (Actie-overleg: voorbespreking, agenderen, bespreking, terugkoppeling, afronden; andere soorten: sluiten).
#[derive(Deserialize, ToSchema)]
#[schema(as = Stap)]
#[allow(dead_code)]
struct StapSchema {
    /// voorbespreking, agenderen, bespreking, terugkoppeling, afronden of sluiten.
    stap: String,
    /// Voorbespreking: accepteren of afwijzen.
    besluit: Option<String>,
    /// Reden bij afwijzen.
    reden: Option<String>,
    #[schema(max_length = 1000)]
    toelichting: Option<String>,
    /// JJJJ-MM-DD: van de vergadering (agenderen), de bespreking of de terugkoppeling.
    #[schema(format = Date)]
    datum: Option<String>,
    #[schema(max_length = 1000)]
    overdracht: Option<String>,
    /// ja: afronden terwijl er nog open afspraken zijn.
    bevestigd: Option<String>,
}

/// De nieuwe status van het moment.
#[derive(Serialize, ToSchema)]
#[schema(as = StapResultaat)]
struct StapJson {
    status: String,
}

#[utoipa::path(
    post,
    path = "/afstemmingsmomenten/{id}/stappen",
    tag = "Afstemming",
    operation_id = "postAfstemmingsmomentStap",
    summary = "Een stap in het verloop van een moment zetten",
    description = "Zet een stap met dezelfde regels als op de pagina (de voorzitter beslist over voorbespreking en agenda; deelnemers leggen de rest vast). Afronden met open afspraken vraagt bevestigd=ja. Vastgelegd in het auditlog.",
    params(("id" = i64, Path, description = "Nummer van het moment"),
        ("Idempotency-Key" = Option<String>, Header, description = "Unieke sleutel per stap; een dag bewaard")),
    request_body(content = StapSchema),
    responses((status = 200, description = "Gezet", body = StapJson), (status = 403, description = "Geen toegang"), (status = 409, description = "Niet in deze status"))
)]
async fn stap(
    State(s): State<AppState>,
    ApiGebruiker(g): ApiGebruiker,
    Path(id): Path<MomentId>,
    koppen: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    mag_registreren(&g)?;
    let pad = format!("/afstemmingsmomenten/{id}/stappen");
    eenmalig(&s.db, &g, (&koppen, &pad, &body), async {
        let i: StapInvoer = lezen(&body, "een JSON-object met stap en de velden van die stap")?;
        if i.stap == "afronden" && !i.bevestigd() {
            let gevolgen = service::gevolgen(
                &s.db,
                &g,
                id,
                Handeling::Afronden,
                s.config.bewaartermijn_maanden,
            )
            .await?;
            if gevolgen.nodig {
                return Err(AppError::Conflict(format!(
                    "{} Stuur bevestigd=ja om toch af te ronden.",
                    gevolgen.regels.join(" ")
                ))
                .into());
            }
        }
        let status = service::stap(&s.db, &g, id, &i).await?;
        Ok(Antwoord {
            status: StatusCode::OK,
            body: json!({ "status": status.code() }),
            locatie: None,
        })
    })
    .await
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct AfsprakenQuery {
    /// open, gereed of vervallen; standaard alle.
    #[serde(default)]
    status: Option<String>,
    /// ja: alleen de afspraken die aan u zijn toegewezen.
    #[serde(default, rename = "alleenEigen")]
    alleen_eigen: Option<String>,
    /// Paginanummer, vanaf 1.
    #[serde(default)]
    #[allow(dead_code)]
    pagina: Option<String>,
    /// Aantal per pagina, 1 tot en met 100.
    #[serde(default, rename = "perPagina")]
    #[allow(dead_code)]
    per_pagina: Option<String>,
}

#[utoipa::path(
    get,
    path = "/afspraken",
    tag = "Afstemming",
    operation_id = "getAfspraken",
    summary = "De afspraken van uw organisatie",
    description = "De afspraken waarvan uw organisatie eigenaar is, op deadline, zonder vrije tekst (die staat bij het moment). Een organisatie zonder casusrol heeft er geen.",
    params(AfsprakenQuery),
    responses((status = 200, description = "Afspraken", body = Vec<AfspraakJson>,
        headers(("Link" = String, description = "Pagina's"), ("X-Total-Count" = i64, description = "Totaal"))),
        (status = 403, description = "Geen toegang"))
)]
async fn afspraken(
    State(s): State<AppState>,
    ApiGebruiker(g): ApiGebruiker,
    ApiPaginering(p): ApiPaginering,
    Query(q): Query<AfsprakenQuery>,
) -> Result<Gepagineerd<AfspraakJson>, ApiError> {
    let mut fouten = vec![];
    let status = keuze(
        &mut fouten,
        "status",
        q.status.as_deref(),
        AfspraakStatus::parse,
        "open, gereed of vervallen",
    );
    let alleen_eigen = match q.alleen_eigen.as_deref().map(str::trim) {
        Some("ja") => true,
        Some("nee" | "") | None => false,
        Some(_) => {
            fouten.push(Veldfout::new("alleenEigen", "Geef ja of nee."));
            false
        }
    };
    if !fouten.is_empty() {
        return Err(AppError::Validatie(fouten).into());
    }
    let (lijst, totaal) = service::afspraken_van_organisatie(
        &s.db,
        &g,
        (status, alleen_eigen),
        (p.per_pagina as i64, p.offset() as i64),
    )
    .await?;
    let mut overige = vec![];
    if let Some(st) = status {
        overige.push(("status", st.code().to_string()));
    }
    if alleen_eigen {
        overige.push(("alleenEigen", "ja".to_string()));
    }
    Ok(p.gelezen(
        lijst.into_iter().map(AfspraakJson::from).collect(),
        usize::try_from(totaal).unwrap_or(0),
        "/api/v1/afspraken",
        &overige,
    ))
}

/// Een nieuwe afspraak bij een moment.
#[derive(Deserialize, ToSchema)]
#[schema(as = AfspraakInvoer)]
struct AfspraakInvoerJson {
    /// Het moment (nummer).
    moment: i64,
    /// De organisatie die de afspraak uitvoert (nummer).
    eigenaar: i64,
    /// direct of structureel.
    soort: String,
    #[schema(max_length = 1000)]
    omschrijving: String,
    /// JJJJ-MM-DD.
    #[schema(format = Date)]
    deadline: String,
    /// Optioneel: een medewerker (nummer) van uw organisatie, als die eigenaar is.
    #[serde(default)]
    medewerker: Option<i64>,
}

#[utoipa::path(
    post,
    path = "/afspraken",
    tag = "Afstemming",
    operation_id = "postAfspraak",
    summary = "Een afspraak vastleggen",
    description = "Legt een afspraak met eigenaar en deadline vast bij een moment waaraan uw organisatie deelneemt, met de controles van het formulier. Vastgelegd in het auditlog; een aangewezen medewerker krijgt een melding.",
    params(("Idempotency-Key" = Option<String>, Header, description = "Unieke sleutel per afspraak; een dag bewaard")),
    request_body(content = AfspraakInvoerJson),
    responses((status = 201, description = "Vastgelegd", body = NieuwJson,
        headers(("Location" = String, description = "Adres van het moment van de afspraak"))),
        (status = 403, description = "Geen toegang"), (status = 409, description = "Casus gesloten of sleutel in gebruik"))
)]
async fn afspraak_toevoegen(
    State(s): State<AppState>,
    ApiGebruiker(g): ApiGebruiker,
    koppen: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    mag_registreren(&g)?;
    eenmalig(&s.db, &g, (&koppen, "/afspraken", &body), async {
        let i: AfspraakInvoerJson = lezen(
            &body,
            "een JSON-object met moment, eigenaar, soort, omschrijving en deadline",
        )?;
        let invoer = AfspraakInvoer {
            eigenaar: i.eigenaar.to_string(),
            soort: i.soort,
            omschrijving: i.omschrijving,
            deadline: i.deadline,
            medewerker: i.medewerker.map(|m| m.to_string()).unwrap_or_default(),
        };
        let id = service::afspraak_toevoegen(&s.db, &g, MomentId(i.moment), &invoer).await?;
        Ok(nieuw(
            id.0,
            format!("/api/v1/afstemmingsmomenten/{}", i.moment),
        ))
    })
    .await
}

/// Wijziging van een afspraak: status (met resultaat) en/of de aangewezen medewerker.
#[derive(Deserialize, ToSchema)]
#[schema(as = AfspraakWijziging)]
struct AfspraakWijzigingJson {
    /// open, gereed of vervallen (eigenaar of voorzitter).
    #[serde(default)]
    status: Option<String>,
    /// Wat eruit kwam (bij gereed), ten hoogste 500 tekens.
    #[serde(default)]
    #[schema(max_length = 500)]
    resultaat: Option<String>,
    /// De medewerker (nummer) van de eigenaar-organisatie die het doet; 0 voor de hele organisatie. Alleen de eigenaar-organisatie wijst aan.
    #[serde(default)]
    medewerker: Option<i64>,
}

#[utoipa::path(
    patch,
    path = "/afspraken/{id}",
    tag = "Afstemming",
    operation_id = "patchAfspraak",
    summary = "Een afspraak gereed melden of toewijzen",
    description = "Zet de status van een afspraak (eigenaar of voorzitter) met een kort resultaat, en/of wijst een medewerker van de eigenaar-organisatie aan. Vastgelegd in het auditlog.",
    params(("id" = i64, Path, description = "Nummer van de afspraak")),
    request_body(content = AfspraakWijzigingJson),
    responses((status = 204, description = "Gewijzigd"), (status = 403, description = "Geen toegang"), (status = 409, description = "Casus gesloten"))
)]
async fn afspraak_wijzigen(
    State(s): State<AppState>,
    ApiGebruiker(g): ApiGebruiker,
    Path(id): Path<AfspraakId>,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    mag_registreren(&g)?;
    let w: AfspraakWijzigingJson = lezen(
        &body,
        "een JSON-object met status, resultaat en/of medewerker",
    )?;
    if w.status.is_none() && w.medewerker.is_none() {
        return Err(AppError::validatie("status", "Geef een status of een medewerker.").into());
    }
    if let Some(m) = w.medewerker {
        let m = if m == 0 { String::new() } else { m.to_string() };
        service::afspraak_toewijzen(&s.db, &g, id, &m).await?;
    }
    if let Some(st) = &w.status {
        service::afspraak_status(&s.db, &g, id, st, w.resultaat.as_deref().unwrap_or("")).await?;
    }
    Ok(StatusCode::NO_CONTENT)
}
