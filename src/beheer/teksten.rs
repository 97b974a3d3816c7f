//! The public texts behind the footer links that Dutch government sites carry: the
//! toegankelijkheidsverklaring, the privacyverklaring and contact. Readable without signing
//! in; a beheerder edits them (audited, without the text). Until then each has a default fit
//! for the fictional demo, which says that it is one. Stored as settings (`instelling`, key
//! `tekst.<soort>`); paragraphs are separated by a blank line and shown as plain text.

use crate::audit::{self, Actor, AuditEvent};
use crate::auth::{AppState, Ingelogd};
use crate::db::Db;
use crate::error::{AppError, AppResult, Veldfout};
use crate::web::Pagina;
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Form, Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

/// The longest text a beheerder may store.
const MAX_TEKENS: usize = 20_000;

/// One public text: its address, title and default.
pub struct Soort {
    pub code: &'static str,
    pub titel: &'static str,
    standaard: &'static str,
}

pub const SOORTEN: [Soort; 3] = [
    Soort {
        code: "toegankelijkheid",
        titel: "Toegankelijkheidsverklaring",
        standaard: "Deze demonstratie-omgeving van Voorop bevat fictieve gegevens. De toegankelijkheidsverklaring hieronder is een voorbeeld; de organisatie die Voorop in gebruik neemt, stelt haar eigen verklaring op volgens het model van digitoegankelijk.nl.\n\n\
            Voorop wil voor iedereen bruikbaar zijn en volgt daarvoor de Web Content Accessibility Guidelines (WCAG) 2.1 op niveau AA, zoals het Besluit digitale toegankelijkheid overheid vraagt. Alle pagina's zijn met het toetsenbord te bedienen, werken zonder JavaScript, hebben een zichtbare focus en worden bij elke wijziging automatisch getoetst met axe-core in een echte browser.\n\n\
            Bekende beperkingen: grafieken hebben een tabel met dezelfde cijfers ernaast; de PDF-rapporten zijn getagd maar nog niet door een externe partij beoordeeld.\n\n\
            Loopt u tegen een probleem aan? Meld het via de contactpagina. U krijgt binnen vijf werkdagen antwoord.",
    },
    Soort {
        code: "privacy",
        titel: "Privacyverklaring",
        standaard: "Deze demonstratie-omgeving van Voorop bevat alleen fictieve gegevens. De verklaring hieronder is een voorbeeld; de verwerkingsverantwoordelijke stelt de echte verklaring op met de eigen functionaris gegevensbescherming.\n\n\
            Voorop ondersteunt de regionale netwerken zorg-straf bij de afstemming over huiselijk geweld en kindermishandeling. Daarvoor verwerkt Voorop zo min mogelijk persoonsgegevens: van betrokkenen alleen wat een afstemmingsmoment nodig heeft, zichtbaar voor de organisaties die aan dat moment deelnemen. Namen en geboortedata worden voor het herkennen van herhaling alleen als pseudoniem bewaard.\n\n\
            Persoonsgegevens van een casus worden gewist zodra de bewaartermijn na het sluiten verstrijkt; de procesgegevens voor de indicatoren blijven zonder persoonsgegevens bewaard. Elke inzage en wijziging van persoonsgegevens staat in een beveiligd auditlog, dat de functionaris gegevensbescherming kan inzien.\n\n\
            Wilt u weten welke gegevens over u zijn verwerkt, of wilt u ze laten corrigeren of wissen? Neem contact op via de contactpagina; de functionaris gegevensbescherming behandelt uw verzoek.",
    },
    Soort {
        code: "contact",
        titel: "Contact",
        standaard: "Deze demonstratie-omgeving van Voorop bevat fictieve gegevens; de contactgegevens hieronder zijn een voorbeeld.\n\n\
            Vragen over het gebruik van Voorop: de functioneel beheerder van uw regionale netwerk zorg-straf, bereikbaar op werkdagen van 9.00 tot 17.00 uur via beheer@voorbeeld.invalid.\n\n\
            Vragen over privacy of een verzoek om inzage: de functionaris gegevensbescherming, via fg@voorbeeld.invalid.\n\n\
            Gaat het om een acute onveilige situatie? Bel dan 112. Voor advies of een melding over huiselijk geweld of kindermishandeling: Veilig Thuis, 0800-2000 (gratis, dag en nacht).",
    },
];

fn soort(code: &str) -> AppResult<&'static Soort> {
    SOORTEN
        .iter()
        .find(|s| s.code == code)
        .ok_or(AppError::NietGevonden("Deze pagina"))
}

/// The text as stored, or the default.
pub async fn tekst(db: &Db, s: &Soort) -> AppResult<String> {
    Ok(crate::db::instelling(db, &format!("tekst.{}", s.code))
        .await?
        .unwrap_or_else(|| s.standaard.to_string()))
}

/// Checks a submitted text: not empty, not too long, no control characters.
fn controleren(tekst: &str) -> Result<String, Veldfout> {
    let tekst = tekst.trim().replace("\r\n", "\n");
    let fout = |m: &str| Veldfout::new("tekst", m);
    if tekst.is_empty() {
        return Err(fout("Vul de tekst in; een lege pagina helpt niemand."));
    }
    if tekst.chars().count() > MAX_TEKENS {
        return Err(fout(&format!(
            "De tekst is te lang (maximaal {MAX_TEKENS} tekens)."
        )));
    }
    crate::tekst::geen_stuurtekens(&tekst).map_err(|m| fout(&format!("De tekst {m}")))?;
    Ok(tekst)
}

/// Stores a text and audits that it changed (which one and its length, not the text).
async fn opslaan(db: &Db, i: &Ingelogd, s: &Soort, invoer: &str) -> AppResult<()> {
    super::routes::alleen_beheerder(i)?;
    let tekst = controleren(invoer).map_err(|f| AppError::Validatie(vec![f]))?;
    let mut tx = crate::db::begin(db).await?;
    crate::db::instelling_zetten(&mut tx, &format!("tekst.{}", s.code), &tekst).await?;
    audit::schrijf(
        &mut tx,
        &Actor::from(&i.gebruiker),
        AuditEvent::PubliekeTekstGewijzigd {
            soort: s.code,
            tekens: tekst.chars().count(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/over/{soort}", get(lezen))
        .route("/beheer/teksten/{soort}", get(bewerken).post(bewaren))
}

#[derive(Template, WebTemplate)]
#[template(path = "tekst.html")]
struct TekstPagina {
    p: Pagina,
    alineas: Vec<String>,
    soort: &'static str,
    mag_bewerken: bool,
}

/// A public text; with the user's layout when signed in.
async fn lezen(
    State(s): State<AppState>,
    i: Result<Ingelogd, Response>,
    Path(code): Path<String>,
) -> AppResult<TekstPagina> {
    let soort = soort(&code)?;
    let tekst = tekst(&s.db, soort).await?;
    let (p, mag_bewerken) = match &i {
        Ok(i) => (
            i.pagina(soort.titel),
            crate::auth::permissions::is_beheerder(&i.gebruiker),
        ),
        Err(_) => (
            Pagina {
                titel: soort.titel.into(),
                demo: crate::db::is_demo(&s.db).await,
                ..Default::default()
            },
            false,
        ),
    };
    Ok(TekstPagina {
        p,
        alineas: tekst
            .split("\n\n")
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
            .collect(),
        soort: soort.code,
        mag_bewerken,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "beheer/tekst.html")]
struct BewerkPagina {
    p: Pagina,
    soort: &'static str,
    tekst: String,
    fouten: Vec<Veldfout>,
}

fn bewerkpagina(
    i: &Ingelogd,
    soort: &'static Soort,
    tekst: String,
    fouten: Vec<Veldfout>,
) -> BewerkPagina {
    BewerkPagina {
        p: i.pagina(format!("{} bewerken", soort.titel)),
        soort: soort.code,
        tekst,
        fouten,
    }
}

async fn bewerken(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(code): Path<String>,
) -> AppResult<BewerkPagina> {
    super::routes::alleen_beheerder(&i)?;
    let soort = soort(&code)?;
    let tekst = tekst(&s.db, soort).await?;
    Ok(bewerkpagina(&i, soort, tekst, vec![]))
}

#[derive(serde::Deserialize)]
struct Invoer {
    #[serde(default)]
    tekst: String,
}

async fn bewaren(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(code): Path<String>,
    Form(invoer): Form<Invoer>,
) -> AppResult<Response> {
    // `opslaan` checks that this is the beheerder.
    let soort = soort(&code)?;
    let uitkomst = opslaan(&s.db, &i, soort, &invoer.tekst).await;
    crate::auth::prg(
        &i,
        uitkomst,
        |()| {
            (
                format!("De {} is opgeslagen.", soort.titel.to_lowercase()),
                format!("/over/{}", soort.code),
            )
        },
        async |fouten| Ok(bewerkpagina(&i, soort, invoer.tekst.clone(), fouten).into_response()),
    )
    .await
}
