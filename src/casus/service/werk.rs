//! What waits for a user of a partner organisation in the afstemmingsmomenten (their part of
//! Mijn werk): running 9-hour clocks, aanmeldingen for the chair, afspraken due, terugkoppeling
//! owed and the next Actie-overleg. Only moments the organisation takes part in now, and only
//! process data: free text stays on the moment itself, where its reading is audited.

use super::*;
use repo::{Voorwaarde, Werkvraag};

/// Moments shown per kind of work (the rest is counted and reachable through the list).
pub const WERK_LIMIET: i64 = 25;

/// Afspraken due within this many days are shown (overdue ones always).
pub const AFSPRAKEN_DAGEN: i64 = 7;

/// A ZSM case whose clock runs (or ran out less than a day ago) without a recorded decision.
#[derive(Debug, Clone)]
pub struct LopendeKlok {
    pub moment: Moment,
    /// When the OvJ's first decision is due (local time).
    pub deadline: String,
    /// Minutes left (negative: past).
    pub minuten: i64,
    /// "nog 3 u 20 min" or "20 min verstreken".
    pub tekst: String,
}

/// Moments of one kind of work: the first [`WERK_LIMIET`], oldest first, and how many in all.
#[derive(Debug, Clone, Default)]
pub struct Werklijst {
    pub momenten: Vec<Moment>,
    pub aantal: i64,
}

/// An open afspraak due soon or overdue that the organisation owns or, as chair, watches.
#[derive(Debug, Clone)]
pub struct TeDoenAfspraak {
    pub afspraak: Afspraak,
    /// Named to this user.
    pub eigen: bool,
    /// Owned by another organisation; the user's organisation chairs the moment.
    pub als_voorzitter: bool,
    pub te_laat: bool,
    /// Days until the deadline (negative: past).
    pub dagen: i64,
}

/// The next meeting of an Actie-overleg the organisation chairs or belongs to.
#[derive(Debug, Clone)]
pub struct VolgendOverleg {
    pub overleg: Overleg,
    /// The date: of the next planned meeting, or else the next by the overleg's recurrence.
    pub datum: Option<String>,
    /// The aanmeldingen on its agenda (process data).
    pub agenda: Vec<Moment>,
    pub voorzitter: bool,
    /// The planned meeting (its page), if one is planned.
    pub vergadering: Option<i64>,
}

#[derive(Debug, Clone, Default)]
pub struct Werkvoorraad {
    pub klokken: Vec<LopendeKlok>,
    pub voorbespreking: Werklijst,
    pub agenderen: Werklijst,
    pub terugkoppeling: Werklijst,
    pub afspraken: Vec<TeDoenAfspraak>,
    pub overleggen: Vec<VolgendOverleg>,
}

impl Werkvoorraad {
    /// How many items need action (the count in the navigation): clocks, aanmeldingen, afspraken
    /// and terugkoppeling; meetings are information.
    pub fn aantal(&self) -> i64 {
        self.klokken.len() as i64
            + self.voorbespreking.aantal
            + self.agenderen.aantal
            + self.terugkoppeling.aantal
            + self.afspraken.len() as i64
    }
}

/// The user's work in the afstemmingsmomenten; empty for anyone who cannot take part in a
/// moment (gemeenten, the network, readers, the beheerder).
pub async fn werkvoorraad(db: &Db, g: &Gebruiker) -> AppResult<Werkvoorraad> {
    let (Some(d), Some(inzage)) = (permissions::deelname(g), permissions::casus_inzage(g)) else {
        return Ok(Werkvoorraad::default());
    };
    let regio = &g.regio_code;
    if !inzage.omvat(regio) {
        return Ok(Werkvoorraad::default());
    }
    let nu = regels::nu_lokaal();
    let vandaag = crate::db::vandaag();
    let lijst = async |v: Werkvraag<'_>| -> AppResult<Werklijst> {
        let (momenten, aantal) = repo::werk_momenten(db, &d, regio, &v, WERK_LIMIET).await?;
        Ok(Werklijst { momenten, aantal })
    };
    // A clock runs at most 9 hours plus one night of 9 hours: a case arrested more than two
    // days ago has no running clock, and one past for more than a day is no longer news.
    let sinds_klok = regels::plus_minuten(&nu, -48 * 60).unwrap_or_default();
    let zsm = lijst(Werkvraag {
        soort: Soort::Zsm,
        statussen: &[Status::Open],
        sinds: &sinds_klok,
        rol: None,
        voorwaarde: Voorwaarde::GeenBeslissing,
    })
    .await?;
    let mut klokken: Vec<LopendeKlok> = zsm
        .momenten
        .into_iter()
        .filter_map(|m| {
            let deadline = m.zsm_deadline()?;
            let (minuten, tekst) = regels::aftellen(&nu, &deadline)?;
            (minuten > -24 * 60).then_some(LopendeKlok {
                moment: m,
                deadline,
                minuten,
                tekst,
            })
        })
        .collect();
    klokken.sort_by_key(|k| k.minuten);
    let chair = |statussen, sinds, voorwaarde| Werkvraag {
        soort: Soort::Actieoverleg,
        statussen,
        sinds,
        rol: Some(DeelnemerRol::Voorzitter),
        voorwaarde,
    };
    let voorbespreking = lijst(chair(&[Status::Ingediend], "2000", Voorwaarde::Geen)).await?;
    let agenderen = lijst(chair(&[Status::Geaccepteerd], "2000", Voorwaarde::Geen)).await?;
    // Terugkoppeling owed for aanmeldingen of the last year; older ones are history.
    let jaar_terug = regels::plus_dagen(&vandaag, -365).unwrap_or_default();
    let terugkoppeling = lijst(chair(
        &[
            Status::Afgewezen,
            Status::Besproken,
            Status::AfsprakenLopen,
            Status::Afgerond,
        ],
        &jaar_terug,
        Voorwaarde::GeenTerugkoppeling,
    ))
    .await?;
    let grens = regels::plus_dagen(&vandaag, AFSPRAKEN_DAGEN + 1).unwrap_or_default();
    let mut afspraken: Vec<TeDoenAfspraak> = repo::afspraken_te_laat(db, &d, &grens)
        .await?
        .into_iter()
        .map(|mut a| {
            a.verberg_vrije_tekst();
            TeDoenAfspraak {
                eigen: a.is_van(g.id),
                als_voorzitter: a.eigenaar_organisatie_id != g.organisatie_id,
                te_laat: a.is_te_laat(&vandaag),
                dagen: regels::dagen_tussen(&vandaag, &a.deadline).unwrap_or(0),
                afspraak: a,
            }
        })
        .collect();
    // The user's own first, then the organisation's, then those watched as chair; each by
    // deadline.
    afspraken.sort_by(|a, b| {
        (
            !a.eigen,
            a.als_voorzitter,
            &a.afspraak.deadline,
            a.afspraak.id.0,
        )
            .cmp(&(
                !b.eigen,
                b.als_voorzitter,
                &b.afspraak.deadline,
                b.afspraak.id.0,
            ))
    });
    let mut overleggen = vec![];
    let alle = overleggen_van(db, &inzage, regio).await?;
    for (id, volgende) in
        repo::volgende_vergaderingen(db, &inzage, regio, g.organisatie_id, &vandaag).await?
    {
        let Some(o) = alle.iter().find(|o| o.id == id) else {
            continue;
        };
        let (datum, agenda, vergadering) = match volgende {
            Some((v, datum)) => (Some(datum), repo::agenda(db, &inzage, v).await?, Some(v)),
            None => (
                o.volgende_data(&vandaag, 1).into_iter().next(),
                vec![],
                None,
            ),
        };
        overleggen.push(VolgendOverleg {
            voorzitter: permissions::is_voorzitter(g, o.voorzitter_organisatie_id),
            overleg: o.clone(),
            datum,
            agenda,
            vergadering,
        });
    }
    overleggen.sort_by(|a, b| a.datum.cmp(&b.datum));
    Ok(Werkvoorraad {
        klokken,
        voorbespreking,
        agenderen,
        terugkoppeling,
        afspraken,
        overleggen,
    })
}

async fn overleggen_van(
    db: &Db,
    inzage: &CasusInzage,
    regio: &RegioCode,
) -> AppResult<Vec<Overleg>> {
    let mut o = repo::overleggen(db, inzage, regio).await?;
    zonder_inactieve_leden(db, regio, &mut o).await?;
    Ok(o)
}

/// The watch on the 9-hour clock: the participants of every ZSM case with two hours or less
/// left (and not yet run out), and no decision, hear of it once. Safe to run at several
/// instances at once (each melding exists once per user and case). How many cases.
pub async fn termijnen_melden(db: &Db, nu: &str) -> AppResult<usize> {
    use crate::melding::{model::MeldingSoort, service as melding};
    let systeem = permissions::systeem();
    let sinds = regels::plus_minuten(nu, -48 * 60).unwrap_or_default();
    let mut aantal = 0;
    for (code, _) in crate::organisatie::model::REGIOS {
        let Ok(regio) = RegioCode::parse(code) else {
            continue;
        };
        for m in repo::zsm_zonder_beslissing(db, systeem, &regio, &sinds).await? {
            let Some((minuten, _)) = m.zsm_deadline().and_then(|d| regels::aftellen(nu, &d)) else {
                continue;
            };
            if !(0..=120).contains(&minuten) {
                continue;
            }
            let mut tx = crate::db::begin(db).await?;
            let (sleutel, link) = (
                format!("moment:{}", m.id),
                format!("/casussen/moment/{}", m.id),
            );
            for org in repo::actieve_organisaties(&mut tx, systeem, m.id).await? {
                melding::melden(
                    &mut tx,
                    &Actor::systeem(),
                    melding::Ontvangers::Organisatie(org),
                    (MeldingSoort::TermijnZsm, &sleutel, &link),
                )
                .await?;
            }
            tx.commit().await?;
            aantal += 1;
        }
    }
    Ok(aantal)
}

/// The daily overview: whoever owns open afspraken that are overdue or due within
/// [`AFSPRAKEN_DAGEN`] days (a named medewerker, or else everyone of the owner organisation)
/// hears of it once on `vandaag`; the link is Mijn werk, which lists them.
pub async fn afspraken_dagoverzicht(db: &Db, vandaag: &str) -> AppResult<()> {
    use crate::melding::{model::MeldingSoort, service as melding};
    let grens = regels::plus_dagen(vandaag, AFSPRAKEN_DAGEN + 1).unwrap_or_default();
    let (gebruikers, organisaties) =
        repo::eigenaren_van_open_afspraken(db, permissions::systeem(), &grens).await?;
    let mut tx = crate::db::begin(db).await?;
    let soort = (MeldingSoort::AfsprakenDag, vandaag, "/mijn-werk#afspraken");
    melding::melden(
        &mut tx,
        &Actor::systeem(),
        melding::Ontvangers::Gebruikers(gebruikers),
        soort,
    )
    .await?;
    for org in organisaties {
        melding::melden(
            &mut tx,
            &Actor::systeem(),
            melding::Ontvangers::Organisatie(org),
            soort,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Starts the watch on the clock (every minute) and the daily overview of afspraken (once a
/// day over all instances, see `db::taak`); started by `serve`.
pub fn meldingen_starten(db: Db) {
    let klok = db.clone();
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(std::time::Duration::from_secs(60));
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        loop {
            interval.tick().await;
            if let Err(e) = termijnen_melden(&klok, &regels::nu_lokaal()).await {
                tracing::warn!("9-uurstermijn bewaken: {e}");
            }
        }
    });
    crate::db::taak::dagelijks(db, "afspraken_dagoverzicht", |db| async move {
        afspraken_dagoverzicht(&db, &crate::db::vandaag())
            .await
            .map_err(|e| e.to_string())
    });
}
