//! The flow of a moment: the Actie-overleg's steps (voorbespreking, agenderen, bespreking,
//! terugkoppeling) and closing or reopening a moment of any kind. The chair decides the
//! voorbespreking and the agenda; participants record the rest. Each step checks the status it
//! may follow, changes the process data, and is audited with the new status.

use super::*;

/// Input of a flow step of the Actie-overleg (voorbespreking, agenda, bespreking,
/// terugkoppeling, afronden) or closing a moment of another kind.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct StapInvoer {
    #[serde(default)]
    pub stap: String,
    #[serde(default)]
    pub besluit: String,
    #[serde(default)]
    pub reden: String,
    #[serde(default)]
    pub toelichting: String,
    #[serde(default)]
    pub datum: String,
    #[serde(default)]
    pub overdracht: String,
    /// "ja" once the user confirmed on the confirmation page (afronden with open afspraken).
    #[serde(default)]
    pub bevestigd: String,
    /// Voorbespreking, when accepting: the referral criterion that applied (`velden::CRITERIA`).
    #[serde(default)]
    pub criterium: String,
}

impl StapInvoer {
    pub fn bevestigd(&self) -> bool {
        self.bevestigd == "ja"
    }
}

/// The longest free text of a step (toelichting, overdracht), in characters.
const MAX_TEKST: usize = 1000;

/// What a step works on: the moment as read, and its process data and meeting as they will be
/// written.
struct Stap<'a> {
    g: &'a Gebruiker,
    m: &'a Moment,
    t: &'a Schrijftoegang,
    invoer: &'a StapInvoer,
    /// The user's organisation chairs this moment.
    voorzitter: bool,
    proces: BTreeMap<String, String>,
    vergadering: Option<i64>,
}

/// Applies one flow step; the moment's new status.
pub async fn stap(db: &Db, g: &Gebruiker, id: MomentId, s: &StapInvoer) -> AppResult<Status> {
    let (mut tx, m, t) = schrijftoegang(db, g, id).await?;
    let deelnemers = repo::deelnemers(&mut tx, &t.inzage, id).await?;
    let voorzitter = deelnemers.iter().any(|d| {
        d.rol == DeelnemerRol::Voorzitter
            && d.tot.is_none()
            && permissions::is_voorzitter(g, d.organisatie_id)
    });
    let mut st = Stap {
        g,
        m: &m,
        t: &t,
        invoer: s,
        voorzitter,
        proces: m.gegevens.clone(),
        vergadering: m.vergadering_id,
    };
    let nieuw = match (m.soort, s.stap.as_str()) {
        (Soort::Actieoverleg, "voorbespreking") => st.voorbespreking(&mut tx).await?,
        (Soort::Actieoverleg, "agenderen") => st.agenderen(&mut tx).await?,
        (Soort::Actieoverleg, "bespreking") => st.bespreking()?,
        (Soort::Actieoverleg, "terugkoppeling") => st.terugkoppeling()?,
        (_, "afronden") => st.afronden()?,
        (_, "heropenen") => st.heropenen()?,
        _ => return Err(fout("stap", "Onbekende stap.")),
    };
    let (proces, vergadering) = (st.proces, st.vergadering);
    repo::moment_bijwerken(
        &mut tx,
        &t.deelname,
        id,
        &m.tijdstip,
        nieuw,
        &proces,
        vergadering,
    )
    .await?;
    vastleggen(
        tx,
        g,
        AuditEvent::MomentGewijzigd {
            moment: id,
            wat: nieuw.code(),
        },
    )
    .await?;
    Ok(nieuw)
}

fn fout(veld: &str, melding: &str) -> AppError {
    AppError::Validatie(vec![Veldfout::new(veld, melding)])
}

/// The date of something that happened: the given date (today when empty), never in the
/// future.
pub(super) fn datum_of_vandaag(s: &str, veld: &str) -> AppResult<String> {
    let vandaag = crate::db::vandaag();
    if s.trim().is_empty() {
        return Ok(vandaag);
    }
    let d = velden::datum(s)
        .ok_or_else(|| fout(veld, "Vul een geldige datum in (JJJJ-MM-DD of DD-MM-JJJJ)."))?;
    if d > vandaag {
        return Err(fout(
            veld,
            &format!(
                "De datum ({}) ligt in de toekomst; vul de datum in waarop het gebeurde.",
                crate::web::datum_nl(&d)
            ),
        ));
    }
    Ok(d)
}

/// Dates follow each other: `datum` (of `wat`) may not lie before `grens` (of `eerder`), if
/// that is known.
fn niet_voor(
    datum: &str,
    grens: Option<&str>,
    veld: &str,
    wat: &str,
    eerder: &str,
) -> AppResult<()> {
    match grens.map(|g| g.get(..10).unwrap_or(g)) {
        Some(g) if !g.is_empty() && datum < g => Err(fout(
            veld,
            &format!(
                "De datum van {wat} ({}) ligt vóór {eerder} ({}).",
                crate::web::datum_nl(datum),
                crate::web::datum_nl(g)
            ),
        )),
        _ => Ok(()),
    }
}

impl Stap<'_> {
    /// The step does not follow from the moment's status.
    fn ongeldig(&self) -> AppError {
        AppError::Conflict(format!(
            "Deze stap kan niet bij de status '{}'.",
            self.m.status.label()
        ))
    }

    fn alleen_voorzitter(&self) -> AppResult<()> {
        if self.voorzitter {
            Ok(())
        } else {
            Err(AppError::GeenToegang)
        }
    }

    /// The chair accepts the aanmelding (the overleg's fixed members join) or rejects it with
    /// a reason.
    async fn voorbespreking(&mut self, tx: &mut crate::db::Conn) -> AppResult<Status> {
        self.alleen_voorzitter()?;
        if self.m.status != Status::Ingediend {
            return Err(self.ongeldig());
        }
        let s = self.invoer;
        let datum = datum_of_vandaag(&s.datum, "datum")?;
        niet_voor(
            &datum,
            Some(&self.m.tijdstip),
            "datum",
            "de voorbespreking",
            "de aanmelding",
        )?;
        self.proces.insert("voorbespreking_op".into(), datum);
        match s.besluit.as_str() {
            "geaccepteerd" => {
                if !velden::CRITERIA.iter().any(|(c, _)| *c == s.criterium) {
                    return Err(fout(
                        "criterium",
                        "Kies het criterium dat van toepassing is: waarom deze casus Politie, OM \
                         en VT samen nodig heeft.",
                    ));
                }
                self.proces
                    .insert("criterium_vastgesteld".into(), s.criterium.clone());
                // The question matters to Politie, OM and VT: the fixed members of the overleg
                // this aanmelding is for join (no other overleg's). Organisations already
                // taking part keep their role.
                if let Some(overleg) = self.m.overleg_id {
                    let actor = Actor::from(self.g);
                    let nu = crate::db::nu();
                    for org in repo::vaste_organisaties(tx, &self.t.inzage, overleg).await? {
                        repo::deelname_starten(
                            tx,
                            &self.t.registratie,
                            self.m.id,
                            org,
                            DeelnemerRol::Vast,
                            &nu,
                            &actor,
                        )
                        .await?;
                    }
                }
                Ok(Status::Geaccepteerd)
            }
            "afgewezen" => {
                if !velden::AFWIJZINGSREDENEN.iter().any(|(c, _)| *c == s.reden) {
                    return Err(fout("reden", "Kies de reden van afwijzing."));
                }
                if s.toelichting.chars().count() > MAX_TEKST {
                    return Err(fout(
                        "toelichting",
                        "De toelichting is te lang (maximaal 1000 tekens).",
                    ));
                }
                self.proces
                    .insert("afwijzingsreden".into(), s.reden.clone());
                self.proces
                    .insert("afwijzing_toelichting".into(), s.toelichting.trim().into());
                Ok(Status::Afgewezen)
            }
            _ => Err(fout("besluit", "Kies geaccepteerd of afgewezen.")),
        }
    }

    /// The chair puts the aanmelding on a meeting of its overleg (made when there is none on
    /// that date yet); only the organisation chairing that overleg may.
    async fn agenderen(&mut self, tx: &mut crate::db::Conn) -> AppResult<Status> {
        self.alleen_voorzitter()?;
        if !matches!(self.m.status, Status::Geaccepteerd | Status::Geagendeerd) {
            return Err(self.ongeldig());
        }
        let datum = velden::datum(&self.invoer.datum)
            .ok_or_else(|| fout("datum", "Kies de datum van het Actie-overleg."))?;
        niet_voor(
            &datum,
            self.proces.get("voorbespreking_op").map(String::as_str),
            "datum",
            "het Actie-overleg",
            "de voorbespreking",
        )?;
        let overleg = self.m.overleg_id.ok_or_else(|| {
            fout(
                "datum",
                "Deze aanmelding hoort bij geen Actie-overleg; agenderen kan niet.",
            )
        })?;
        let (regio, vz) = repo::overleg_kop(tx, &self.t.inzage, overleg)
            .await?
            .ok_or(AppError::NietGevonden("Dit overleg"))?;
        if !permissions::beheert_overleg(self.g, &regio, vz) {
            return Err(AppError::GeenToegang);
        }
        self.vergadering =
            Some(repo::vergadering_zorg(tx, &self.t.registratie, overleg, &datum).await?);
        Ok(Status::Geagendeerd)
    }

    /// The aanmelding was discussed (on the meeting's date unless another is given), with an
    /// optional handover.
    fn bespreking(&mut self) -> AppResult<Status> {
        if self.m.status != Status::Geagendeerd {
            return Err(self.ongeldig());
        }
        let s = self.invoer;
        let datum = match &self.m.vergadering_datum {
            Some(d) if s.datum.trim().is_empty() => {
                if *d > crate::db::vandaag() {
                    return Err(fout(
                        "datum",
                        &format!(
                            "Het Actie-overleg van {} moet nog plaatsvinden; leg de bespreking daarna vast.",
                            crate::web::datum_nl(d)
                        ),
                    ));
                }
                d.clone()
            }
            _ => datum_of_vandaag(&s.datum, "datum")?,
        };
        niet_voor(
            &datum,
            self.m.vergadering_datum.as_deref(),
            "datum",
            "de bespreking",
            "het Actie-overleg waarop zij geagendeerd staat",
        )?;
        self.proces.insert("besproken_op".into(), datum);
        self.proces.insert("stap1_gedeeld".into(), "ja".into());
        if !s.overdracht.trim().is_empty() {
            if s.overdracht.chars().count() > MAX_TEKST {
                return Err(fout(
                    "overdracht",
                    "De overdracht is te lang (maximaal 1000 tekens).",
                ));
            }
            self.proces
                .insert("overdracht".into(), s.overdracht.trim().into());
        }
        Ok(Status::Besproken)
    }

    /// The referrer heard the outcome; the status stays.
    fn terugkoppeling(&mut self) -> AppResult<Status> {
        if !matches!(
            self.m.status,
            Status::Afgewezen | Status::Besproken | Status::AfsprakenLopen | Status::Afgerond
        ) {
            return Err(self.ongeldig());
        }
        let datum = datum_of_vandaag(&self.invoer.datum, "datum")?;
        let (grens, eerder) = match self.proces.get("besproken_op") {
            Some(b) => (Some(b.as_str()), "de bespreking"),
            None => (
                self.proces.get("voorbespreking_op").map(String::as_str),
                "de voorbespreking",
            ),
        };
        niet_voor(&datum, grens, "datum", "de terugkoppeling", eerder)?;
        self.proces.insert("terugkoppeling_op".into(), datum);
        Ok(self.m.status)
    }

    /// Closes the moment (an Actie-overleg aanmelding only once it was discussed).
    fn afronden(&mut self) -> AppResult<Status> {
        let m = self.m;
        if m.soort == Soort::Actieoverleg
            && !matches!(m.status, Status::Besproken | Status::AfsprakenLopen)
        {
            return Err(self.ongeldig());
        }
        if m.status.is_eind() {
            return Err(self.ongeldig());
        }
        self.proces
            .insert("afgerond_op".into(), crate::db::vandaag());
        Ok(Status::Afgerond)
    }

    /// Reopens a closed moment (an aanmelding goes back to its running afspraken).
    fn heropenen(&mut self) -> AppResult<Status> {
        if self.m.status != Status::Afgerond {
            return Err(self.ongeldig());
        }
        self.proces.remove("afgerond_op");
        Ok(if self.m.soort == Soort::Actieoverleg {
            Status::AfsprakenLopen
        } else {
            Status::Open
        })
    }
}
