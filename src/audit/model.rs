use crate::auth::model::Gebruiker;

/// Who did it: a logged-in user, or the command line (for CLI writes).
#[derive(Debug, Clone)]
pub struct Actor {
    pub gebruiker_id: Option<i64>,
    pub organisatie_id: Option<i64>,
    pub naam: String,
}

impl Actor {
    /// Scheduled jobs of the server (retention).
    pub fn systeem() -> Self {
        Self {
            gebruiker_id: None,
            organisatie_id: None,
            naam: "systeem".into(),
        }
    }
    pub fn cli() -> Self {
        Self {
            gebruiker_id: None,
            organisatie_id: None,
            naam: "cli".into(),
        }
    }
}

impl From<&Gebruiker> for Actor {
    fn from(g: &Gebruiker) -> Self {
        Self {
            gebruiker_id: Some(g.id),
            organisatie_id: Some(g.organisatie_id),
            naam: g.email.clone(),
        }
    }
}

/// Every audited event. The codes are stable: never rename one, add new ones.
/// Details never contain free text typed by users (it may hold personal data).
#[derive(Debug, Clone)]
pub enum AuditEvent {
    Ingelogd,
    InloggenMislukt,
    Uitgelogd,
    WachtwoordGewijzigd,
    GebruikerAangemaakt {
        email: String,
    },
    TokenAangemaakt {
        prefix: String,
    },
    TokenIngetrokken {
        prefix: String,
    },
    DemoGeladen,
    VragenlijstGeladen {
        versie: String,
    },
    RondeAangemaakt {
        ronde: i64,
    },
    RondeGewijzigd {
        ronde: i64,
    },
    ZichtbaarheidGewijzigd {
        ronde: i64,
        gemeente: String,
        zichtbaarheid: String,
    },
    DeelnemerToegevoegd {
        ronde: i64,
        gemeente: String,
    },
    DeelnemerVerwijderd {
        ronde: i64,
        gemeente: String,
    },
    DeelnemersGelezen {
        ronde: i64,
        gemeente: String,
    },
    AntwoordenOpgeslagen {
        ronde: i64,
        gemeente: String,
        aantal: usize,
    },
    ExcelGeimporteerd {
        ronde: i64,
        gemeenten: usize,
    },
    ExcelGeexporteerd {
        ronde: i64,
    },
    RadOpgeslagen {
        ronde: i64,
        gemeente: String,
    },
    PlanAangemaakt {
        plan: i64,
    },
    PlanGewijzigd {
        plan: i64,
    },
    PlanStatus {
        plan: i64,
        status: String,
    },
    ActieOpgeslagen {
        plan: i64,
        actie: i64,
    },
    ActieVerwijderd {
        plan: i64,
        actie: i64,
    },
    RoutekaartStap {
        regio: String,
        stap: String,
        gereed: bool,
    },
    WerksetCatalogusGeladen {
        versie: String,
    },
    WerksetGewijzigd {
        regio: String,
        periode: String,
        wat: &'static str,
        id: i64,
    },
    WerksetVerwijderd {
        regio: String,
        periode: String,
        wat: &'static str,
        id: i64,
    },
    WerksetGeexporteerd {
        periode: String,
    },
    MomentGeregistreerd {
        moment: i64,
        soort: &'static str,
    },
    MomentGewijzigd {
        moment: i64,
        wat: &'static str,
    },
    /// A read of personal data, with its purpose (the moment it serves).
    PersoonsgegevensGelezen {
        moment: i64,
        doel: &'static str,
    },
    PersoonsgegevensGewijzigd {
        moment: i64,
    },
    DeelnameGewijzigd {
        moment: i64,
        organisatie: i64,
        actief: bool,
    },
    AfspraakOpgeslagen {
        moment: i64,
        afspraak: i64,
        status: &'static str,
    },
    CasusGesloten {
        casus: i64,
        open: bool,
    },
    PersoonsgegevensGewist {
        casus: i64,
        records: u64,
    },
    RetentieUitgevoerd {
        casussen: usize,
        maanden: u32,
    },
    CasusImport {
        momenten: usize,
    },
    OverlegGewijzigd {
        overleg: i64,
        wat: &'static str,
    },
    ContactpuntGewijzigd {
        regio: String,
        id: i64,
    },
    /// A refused attempt to change a moment (end a participation, change an afspraak's status)
    /// by someone the rules do not allow; `object` is the organisation or afspraak concerned.
    CasusWijzigingGeweigerd {
        moment: i64,
        wat: &'static str,
        object: i64,
    },
}

impl AuditEvent {
    /// Stable code, object type and object id.
    pub fn parts(&self) -> (&'static str, &'static str, String, String) {
        use AuditEvent::*;
        match self {
            MomentGeregistreerd { moment, soort } => (
                "casus.moment_geregistreerd",
                "moment",
                moment.to_string(),
                format!("soort={soort}"),
            ),
            MomentGewijzigd { moment, wat } => (
                "casus.moment_gewijzigd",
                "moment",
                moment.to_string(),
                format!("wat={wat}"),
            ),
            PersoonsgegevensGelezen { moment, doel } => (
                "casus.persoonsgegevens_gelezen",
                "moment",
                moment.to_string(),
                format!("doel={doel}"),
            ),
            PersoonsgegevensGewijzigd { moment } => (
                "casus.persoonsgegevens_gewijzigd",
                "moment",
                moment.to_string(),
                String::new(),
            ),
            DeelnameGewijzigd {
                moment,
                organisatie,
                actief,
            } => (
                "casus.deelname_gewijzigd",
                "moment",
                moment.to_string(),
                format!("organisatie={organisatie} actief={actief}"),
            ),
            AfspraakOpgeslagen {
                moment,
                afspraak,
                status,
            } => (
                "casus.afspraak_opgeslagen",
                "moment",
                moment.to_string(),
                format!("afspraak={afspraak} status={status}"),
            ),
            CasusGesloten { casus, open } => (
                if *open {
                    "casus.heropend"
                } else {
                    "casus.gesloten"
                },
                "casus",
                casus.to_string(),
                String::new(),
            ),
            PersoonsgegevensGewist { casus, records } => (
                "casus.persoonsgegevens_gewist",
                "casus",
                casus.to_string(),
                format!("records={records}"),
            ),
            RetentieUitgevoerd { casussen, maanden } => (
                "casus.retentie",
                "database",
                String::new(),
                format!("casussen={casussen} bewaartermijn_maanden={maanden}"),
            ),
            CasusImport { momenten } => (
                "casus.import",
                "database",
                String::new(),
                format!("momenten={momenten}"),
            ),
            OverlegGewijzigd { overleg, wat } => (
                "casus.overleg_gewijzigd",
                "overleg",
                overleg.to_string(),
                format!("wat={wat}"),
            ),
            ContactpuntGewijzigd { regio, id } => (
                "casus.contactpunt_gewijzigd",
                "contactpunt",
                id.to_string(),
                format!("regio={regio}"),
            ),
            Ingelogd => ("auth.ingelogd", "sessie", String::new(), String::new()),
            InloggenMislukt => (
                "auth.inloggen_mislukt",
                "sessie",
                String::new(),
                String::new(),
            ),
            Uitgelogd => ("auth.uitgelogd", "sessie", String::new(), String::new()),
            WachtwoordGewijzigd => (
                "auth.wachtwoord_gewijzigd",
                "gebruiker",
                String::new(),
                String::new(),
            ),
            GebruikerAangemaakt { email } => (
                "gebruiker.aangemaakt",
                "gebruiker",
                email.clone(),
                String::new(),
            ),
            TokenAangemaakt { prefix } => {
                ("token.aangemaakt", "token", prefix.clone(), String::new())
            }
            TokenIngetrokken { prefix } => {
                ("token.ingetrokken", "token", prefix.clone(), String::new())
            }
            DemoGeladen => ("demo.geladen", "database", String::new(), String::new()),
            VragenlijstGeladen { versie } => (
                "zelfscan.vragenlijst_geladen",
                "vragenlijst",
                versie.clone(),
                String::new(),
            ),
            RondeAangemaakt { ronde } => (
                "zelfscan.ronde_aangemaakt",
                "ronde",
                ronde.to_string(),
                String::new(),
            ),
            RondeGewijzigd { ronde } => (
                "zelfscan.ronde_gewijzigd",
                "ronde",
                ronde.to_string(),
                String::new(),
            ),
            ZichtbaarheidGewijzigd {
                ronde,
                gemeente,
                zichtbaarheid,
            } => (
                "zelfscan.zichtbaarheid_gewijzigd",
                "ronde",
                ronde.to_string(),
                format!("gemeente={gemeente} zichtbaarheid={zichtbaarheid}"),
            ),
            DeelnemerToegevoegd { ronde, gemeente } => (
                "zelfscan.deelnemer_toegevoegd",
                "ronde",
                ronde.to_string(),
                format!("gemeente={gemeente}"),
            ),
            DeelnemerVerwijderd { ronde, gemeente } => (
                "zelfscan.deelnemer_verwijderd",
                "ronde",
                ronde.to_string(),
                format!("gemeente={gemeente}"),
            ),
            DeelnemersGelezen { ronde, gemeente } => (
                "zelfscan.deelnemers_gelezen",
                "ronde",
                ronde.to_string(),
                format!("gemeente={gemeente}"),
            ),
            AntwoordenOpgeslagen {
                ronde,
                gemeente,
                aantal,
            } => (
                "zelfscan.antwoorden_opgeslagen",
                "ronde",
                ronde.to_string(),
                format!("gemeente={gemeente} aantal={aantal}"),
            ),
            ExcelGeimporteerd { ronde, gemeenten } => (
                "zelfscan.excel_geimporteerd",
                "ronde",
                ronde.to_string(),
                format!("gemeenten={gemeenten}"),
            ),
            ExcelGeexporteerd { ronde } => (
                "zelfscan.excel_geexporteerd",
                "ronde",
                ronde.to_string(),
                String::new(),
            ),
            RadOpgeslagen { ronde, gemeente } => (
                "zelfscan.rad_opgeslagen",
                "ronde",
                ronde.to_string(),
                format!("gemeente={gemeente}"),
            ),
            PlanAangemaakt { plan } => ("plan.aangemaakt", "plan", plan.to_string(), String::new()),
            PlanGewijzigd { plan } => ("plan.gewijzigd", "plan", plan.to_string(), String::new()),
            PlanStatus { plan, status } => (
                "plan.status",
                "plan",
                plan.to_string(),
                format!("status={status}"),
            ),
            ActieOpgeslagen { plan, actie } => (
                "plan.actie_opgeslagen",
                "plan",
                plan.to_string(),
                format!("actie={actie}"),
            ),
            ActieVerwijderd { plan, actie } => (
                "plan.actie_verwijderd",
                "plan",
                plan.to_string(),
                format!("actie={actie}"),
            ),
            WerksetCatalogusGeladen { versie } => (
                "werkset.catalogus_geladen",
                "catalogus",
                versie.clone(),
                String::new(),
            ),
            WerksetGewijzigd {
                regio,
                periode,
                wat,
                id,
            } => (
                "werkset.gewijzigd",
                "registratie",
                format!("{regio}/{periode}"),
                format!("{wat}={id}"),
            ),
            WerksetVerwijderd {
                regio,
                periode,
                wat,
                id,
            } => (
                "werkset.verwijderd",
                "registratie",
                format!("{regio}/{periode}"),
                format!("{wat}={id}"),
            ),
            WerksetGeexporteerd { periode } => (
                "werkset.geexporteerd",
                "periode",
                periode.clone(),
                String::new(),
            ),
            RoutekaartStap {
                regio,
                stap,
                gereed,
            } => (
                "routekaart.stap",
                "regio",
                regio.clone(),
                format!("stap={stap} gereed={gereed}"),
            ),
            CasusWijzigingGeweigerd {
                moment,
                wat,
                object,
            } => (
                "casus.wijziging_geweigerd",
                "moment",
                moment.to_string(),
                format!("wat={wat} object={object}"),
            ),
        }
    }
}
