/// Who did it: a logged-in user, or the command line (for CLI writes).
#[derive(Debug, Clone)]
pub struct Actor {
    pub gebruiker_id: Option<i64>,
    pub organisatie_id: Option<i64>,
    pub naam: String,
    /// On whose behalf (NEN 7513), e.g. `voorzitter:moment=12` when the chair of a moment
    /// changes another organisation's participation or afspraak; empty otherwise.
    pub namens: String,
}

impl Actor {
    /// Scheduled jobs of the server (retention).
    pub fn systeem() -> Self {
        Self {
            gebruiker_id: None,
            organisatie_id: None,
            naam: "systeem".into(),
            namens: String::new(),
        }
    }
    pub fn cli() -> Self {
        Self {
            gebruiker_id: None,
            organisatie_id: None,
            naam: "cli".into(),
            namens: String::new(),
        }
    }
    /// The same actor acting on behalf of someone else (see [`Actor::namens`]).
    pub fn namens(mut self, namens: impl Into<String>) -> Self {
        self.namens = namens.into();
        self
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
    /// One committed batch of `voorop casus import` (rows `van_rij`..=`tot_rij` of the file).
    CasusImport {
        import: i64,
        momenten: usize,
        van_rij: usize,
        tot_rij: usize,
    },
    OverlegGewijzigd {
        overleg: i64,
        wat: &'static str,
    },
    ContactpuntGewijzigd {
        regio: String,
        id: i64,
    },
    /// A sign-in with the right or wrong password while the account is locked.
    InloggenGeblokkeerd,
    /// Too many failed sign-ins: the account is locked until `tot` (UTC).
    AccountGeblokkeerd {
        pogingen: u32,
        tot: String,
    },
    /// A lock ended: `door` is "termijn" (expired) or "beheerder".
    AccountOntgrendeld {
        door: &'static str,
    },
    /// A wrong or replayed second-factor code.
    TweestapsMislukt,
    /// The user enrolled a second factor (new secret and recovery codes).
    TweestapsIngesteld,
    /// The helpdesk removed the second factor (`voorop user 2fa-reset`).
    TweestapsGereset,
    /// Signed in with a recovery code instead of a TOTP code; `over` codes are left.
    HerstelcodeGebruikt {
        over: i64,
    },
    /// An administrator changed an account: which field, old and new value (role codes,
    /// organisation codes, active flag, the staff member's name).
    GebruikerGewijzigd {
        gebruiker: i64,
        wat: &'static str,
        oud: String,
        nieuw: String,
    },
    /// An administrator set a temporary password (to be changed at the next sign-in).
    WachtwoordGereset {
        gebruiker: i64,
    },
    /// The privacy officer looked up who accessed a data subject's data (`op`: "pseudoniem"
    /// or "casus"; never the name) and got `regels` entries.
    InzageOpgevraagd {
        op: &'static str,
        casus: Option<i64>,
        regels: usize,
        /// The pseudonym looked up (the data subject of this entry), when searched by name.
        pseudoniem: Option<String>,
    },
    /// A refused attempt to change a moment (end a participation, change an afspraak's status)
    /// by someone the rules do not allow; `object` is the organisation or afspraak concerned.
    CasusWijzigingGeweigerd {
        moment: i64,
        wat: &'static str,
        object: i64,
    },
    /// A refused attempt to read or change a moment's personal data (not a participant, out of
    /// the region, or a role without need-to-know). `wat`: `bekijken`, `wijzigen`, …
    PersoonsgegevensGeweigerd {
        moment: i64,
        wat: &'static str,
    },
    /// A refused request on another page with personal data (audit log, inzage, case pages
    /// without a moment): `pagina` names the page (`privacy.logboek`, `beheer.audit`, …).
    ToegangGeweigerd {
        pagina: &'static str,
        wat: &'static str,
    },
    /// Audit retention removed rows 1 (or the previous anchor) up to and including `tot_id`,
    /// older than `jaren` years; the anchor keeps that row's hash.
    AuditlogOpgeschoond {
        tot_id: i64,
        aantal: u64,
        jaren: u32,
    },
    /// The audit log (or the organisation's part, `bereik`) was exported as CSV.
    AuditlogGeexporteerd {
        bereik: &'static str,
        regels: usize,
    },
    // ---- Beheer › Organisaties (issue 7) ----
    /// An administrator added an organisation.
    OrganisatieAangemaakt {
        organisatie: i64,
        code: String,
        soort: &'static str,
        regio: String,
    },
    /// An administrator changed an organisation: which field (code, naam, soort, regio,
    /// actief), old and new value.
    OrganisatieGewijzigd {
        organisatie: i64,
        wat: &'static str,
        oud: String,
        nieuw: String,
    },
}

/// The processing activities (purposes, NEN 7513 "doel") every audit row is tied to: a stable
/// code and its description. Each event maps to exactly one (see [`AuditEvent::doel`]); events
/// about a moment take the purpose of that moment's kind.
pub const DOELEN: &[(&str, &str)] = &[
    (
        "acuut.samen_op",
        "Samen op in acuut: gezamenlijke veiligheidsbeoordeling",
    ),
    (
        "actieoverleg.voorbespreking",
        "Actie-overleg: aanmelding en voorbespreking",
    ),
    (
        "actieoverleg.bespreking",
        "Actie-overleg: bespreking, afspraken en terugkoppeling",
    ),
    (
        "actieoverleg.organisatie",
        "Actie-overleg: overleggen en vaste deelnemers",
    ),
    (
        "zsm.afstemming",
        "Huiselijk geweld met Veilig Thuis en ZSM: afstemming",
    ),
    (
        "ssk.melding",
        "Strafbare kindermishandeling: melding en afstemming",
    ),
    (
        "ssk.contactpunten",
        "Strafbare kindermishandeling: vaste contactpersonen",
    ),
    (
        "casus.bewaartermijn",
        "Casussen: sluiten, heropenen en wissen na de bewaartermijn",
    ),
    ("casus.import", "Casussen: import van registraties"),
    (
        "zelfscan.invullen",
        "Zelfscan: antwoorden en procesevaluatie invullen",
    ),
    (
        "zelfscan.ronde",
        "Zelfscan: scanrondes, deelnemers, zichtbaarheid en Excel",
    ),
    (
        "zelfscan.verbeterplan",
        "Zelfscan: plan van aanpak en routekaart",
    ),
    (
        "werkset.registratie",
        "Werkset Indicatoren: registratie en rapportage",
    ),
    (
        "beheer.gebruikers",
        "Beheer van gebruikers, rollen en API-tokens",
    ),
    (
        "beheer.organisaties",
        "Beheer van organisaties: aanmaken, wijzigen, deactiveren",
    ),
    (
        "beheer.referentiedata",
        "Beheer van vragenlijsten, catalogus en demogegevens",
    ),
    (
        "beveiliging.inloggen",
        "Beveiliging: inloggen, tweestapsverificatie en blokkades",
    ),
    (
        "beveiliging.account",
        "Beveiliging: wachtwoord van het eigen account",
    ),
    (
        "beveiliging.auditlog",
        "Beveiliging: auditlog bewaren, controleren en exporteren",
    ),
    (
        "privacy.toezicht",
        "Toezicht door de privacyfunctionaris, inzageverzoeken (AVG art. 15)",
    ),
];

/// The description of a purpose code (the code itself when unknown).
pub fn doel_omschrijving(code: &str) -> &str {
    DOELEN
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(code, |(_, o)| o)
}

/// A short Dutch description of an event code, for the access-request answer (the code itself
/// when there is none).
pub fn actie_omschrijving(code: &str) -> &str {
    match code {
        "casus.persoonsgegevens_gelezen" => "Persoonsgegevens ingezien",
        "casus.persoonsgegevens_gewijzigd" => "Persoonsgegevens gewijzigd",
        "casus.persoonsgegevens_geweigerd" => "Poging tot inzage of wijziging (geweigerd)",
        "casus.persoonsgegevens_gewist" => "Persoonsgegevens gewist (bewaartermijn)",
        "casus.moment_geregistreerd" => "Moment geregistreerd",
        "casus.moment_gewijzigd" => "Procesgegevens van het moment gewijzigd",
        "casus.deelname_gewijzigd" => "Deelname van een organisatie gewijzigd",
        "casus.afspraak_opgeslagen" => "Afspraak vastgelegd of bijgewerkt",
        "casus.wijziging_geweigerd" => "Wijziging geweigerd",
        "casus.gesloten" => "Casus gesloten",
        "casus.heropend" => "Casus heropend",
        "privacy.inzage_opgevraagd" => "Inzageverzoek behandeld door de privacyfunctionaris",
        other => other,
    }
}

/// The purpose of an event about a moment, from the moment's kind (and, for an Actie-overleg,
/// whether it is still in the voorbespreking).
pub fn doel_van_moment(soort: &str, status: &str) -> &'static str {
    match soort {
        "acuut" => "acuut.samen_op",
        "actieoverleg" if matches!(status, "ingediend" | "afgewezen") => {
            "actieoverleg.voorbespreking"
        }
        "actieoverleg" => "actieoverleg.bespreking",
        "zsm" => "zsm.afstemming",
        _ => "ssk.melding",
    }
}

/// Where an event's purpose comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Doel {
    Vast(&'static str),
    /// The purpose of the moment the event is about ([`doel_van_moment`]).
    VanMoment,
}

/// The outcome of the action (NEN 7513 "uitkomst").
pub const TOEGESTAAN: &str = "toegestaan";
pub const GEWEIGERD: &str = "geweigerd";

impl AuditEvent {
    /// The processing activity the event belongs to (one per event).
    pub fn doel(&self) -> Doel {
        use AuditEvent::*;
        Doel::Vast(match self {
            MomentGeregistreerd { .. }
            | MomentGewijzigd { .. }
            | PersoonsgegevensGelezen { .. }
            | PersoonsgegevensGewijzigd { .. }
            | DeelnameGewijzigd { .. }
            | AfspraakOpgeslagen { .. }
            | CasusWijzigingGeweigerd { .. }
            | PersoonsgegevensGeweigerd { .. } => return Doel::VanMoment,
            CasusGesloten { .. } | PersoonsgegevensGewist { .. } | RetentieUitgevoerd { .. } => {
                "casus.bewaartermijn"
            }
            CasusImport { .. } => "casus.import",
            OverlegGewijzigd { .. } => "actieoverleg.organisatie",
            ContactpuntGewijzigd { .. } => "ssk.contactpunten",
            Ingelogd
            | InloggenMislukt
            | Uitgelogd
            | InloggenGeblokkeerd
            | AccountGeblokkeerd { .. }
            | AccountOntgrendeld { .. }
            | TweestapsMislukt
            | TweestapsIngesteld
            | HerstelcodeGebruikt { .. } => "beveiliging.inloggen",
            WachtwoordGewijzigd => "beveiliging.account",
            GebruikerAangemaakt { .. }
            | TokenAangemaakt { .. }
            | TokenIngetrokken { .. }
            | TweestapsGereset
            | GebruikerGewijzigd { .. }
            | WachtwoordGereset { .. } => "beheer.gebruikers",
            OrganisatieAangemaakt { .. } | OrganisatieGewijzigd { .. } => "beheer.organisaties",
            DemoGeladen | VragenlijstGeladen { .. } | WerksetCatalogusGeladen { .. } => {
                "beheer.referentiedata"
            }
            AntwoordenOpgeslagen { .. } | RadOpgeslagen { .. } => "zelfscan.invullen",
            RondeAangemaakt { .. }
            | RondeGewijzigd { .. }
            | ZichtbaarheidGewijzigd { .. }
            | DeelnemerToegevoegd { .. }
            | DeelnemerVerwijderd { .. }
            | DeelnemersGelezen { .. }
            | ExcelGeimporteerd { .. }
            | ExcelGeexporteerd { .. } => "zelfscan.ronde",
            PlanAangemaakt { .. }
            | PlanGewijzigd { .. }
            | PlanStatus { .. }
            | ActieOpgeslagen { .. }
            | ActieVerwijderd { .. }
            | RoutekaartStap { .. } => "zelfscan.verbeterplan",
            WerksetGewijzigd { .. } | WerksetVerwijderd { .. } | WerksetGeexporteerd { .. } => {
                "werkset.registratie"
            }
            InzageOpgevraagd { .. } => "privacy.toezicht",
            ToegangGeweigerd { pagina, .. } if pagina.starts_with("privacy") => "privacy.toezicht",
            ToegangGeweigerd { .. } | AuditlogOpgeschoond { .. } => "beveiliging.auditlog",
            AuditlogGeexporteerd { bereik, .. } if *bereik == "organisatie" => "privacy.toezicht",
            AuditlogGeexporteerd { .. } => "beveiliging.auditlog",
        })
    }

    /// The data subject the event itself names (otherwise the writer takes the pseudonym of
    /// the case of the moment or case it is about).
    pub fn betrokkene(&self) -> Option<&str> {
        match self {
            AuditEvent::InzageOpgevraagd {
                pseudoniem: Some(p),
                ..
            } => Some(p),
            _ => None,
        }
    }

    /// `geweigerd` for refused attempts (access, changes, sign-in), else `toegestaan`.
    pub fn uitkomst(&self) -> &'static str {
        use AuditEvent::*;
        match self {
            CasusWijzigingGeweigerd { .. }
            | PersoonsgegevensGeweigerd { .. }
            | ToegangGeweigerd { .. }
            | InloggenMislukt
            | InloggenGeblokkeerd
            | TweestapsMislukt => GEWEIGERD,
            _ => TOEGESTAAN,
        }
    }

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
            CasusImport {
                import,
                momenten,
                van_rij,
                tot_rij,
            } => (
                "casus.import",
                "casus_import",
                import.to_string(),
                format!("momenten={momenten} rijen={van_rij}-{tot_rij}"),
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
            InloggenGeblokkeerd => (
                "auth.inloggen_geblokkeerd",
                "sessie",
                String::new(),
                String::new(),
            ),
            AccountGeblokkeerd { pogingen, tot } => (
                "auth.account_geblokkeerd",
                "gebruiker",
                String::new(),
                format!("pogingen={pogingen} tot={tot}"),
            ),
            AccountOntgrendeld { door } => (
                "auth.account_ontgrendeld",
                "gebruiker",
                String::new(),
                format!("door={door}"),
            ),
            TweestapsMislukt => (
                "auth.tweestaps_mislukt",
                "sessie",
                String::new(),
                String::new(),
            ),
            TweestapsIngesteld => (
                "auth.tweestaps_ingesteld",
                "gebruiker",
                String::new(),
                String::new(),
            ),
            TweestapsGereset => (
                "auth.tweestaps_gereset",
                "gebruiker",
                String::new(),
                String::new(),
            ),
            GebruikerGewijzigd {
                gebruiker,
                wat,
                oud,
                nieuw,
            } => (
                "beheer.gebruiker_gewijzigd",
                "gebruiker",
                gebruiker.to_string(),
                format!("{wat}: {oud} -> {nieuw}"),
            ),
            WachtwoordGereset { gebruiker } => (
                "beheer.wachtwoord_gereset",
                "gebruiker",
                gebruiker.to_string(),
                String::new(),
            ),
            HerstelcodeGebruikt { over } => (
                "auth.herstelcode_gebruikt",
                "sessie",
                String::new(),
                format!("over={over}"),
            ),
            InzageOpgevraagd {
                op, casus, regels, ..
            } => (
                "privacy.inzage_opgevraagd",
                "casus",
                casus.map(|c| c.to_string()).unwrap_or_default(),
                format!("op={op} regels={regels}"),
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
            PersoonsgegevensGeweigerd { moment, wat } => (
                "casus.persoonsgegevens_geweigerd",
                "moment",
                moment.to_string(),
                format!("wat={wat}"),
            ),
            ToegangGeweigerd { pagina, wat } => (
                "toegang.geweigerd",
                "pagina",
                pagina.to_string(),
                format!("wat={wat}"),
            ),
            AuditlogOpgeschoond {
                tot_id,
                aantal,
                jaren,
            } => (
                "audit.opgeschoond",
                "auditlog",
                tot_id.to_string(),
                format!("regels={aantal} bewaartermijn_jaren={jaren}"),
            ),
            AuditlogGeexporteerd { bereik, regels } => (
                "audit.geexporteerd",
                "auditlog",
                String::new(),
                format!("bereik={bereik} regels={regels}"),
            ),
            OrganisatieAangemaakt {
                organisatie,
                code,
                soort,
                regio,
            } => (
                "beheer.organisatie_aangemaakt",
                "organisatie",
                organisatie.to_string(),
                format!("code={code} soort={soort} regio={regio}"),
            ),
            OrganisatieGewijzigd {
                organisatie,
                wat,
                oud,
                nieuw,
            } => (
                "beheer.organisatie_gewijzigd",
                "organisatie",
                organisatie.to_string(),
                format!("{wat}: {oud} -> {nieuw}"),
            ),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The hash chain (pure): hashing a row, and checking rows one by one in id order.
// ---------------------------------------------------------------------------------------------

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

type HmacSha256 = Hmac<Sha256>;

/// Chain version of rows written before migration 0008: plain SHA-256 over some columns.
pub const VERSIE_OUD: i64 = 1;
/// Chain version since migration 0008: HMAC-SHA256 with the audit key over every column.
pub const VERSIE_SLEUTEL: i64 = 2;
/// Chain version since migration 0012 (NEN 7513): version 2 plus `namens`, `betrokkene`,
/// `doel`, `grondslag` and `uitkomst`, all in the keyed hash.
pub const VERSIE_NEN: i64 = 3;
/// The version new rows get.
pub const VERSIE_HUIDIG: i64 = VERSIE_NEN;

/// One audit row with every column, as the chain covers it. Also read from a JSON array of
/// its columns in this order (`repo::regels_na`).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, serde::Deserialize)]
pub struct KetenRegel {
    pub id: i64,
    pub tijd: String,
    pub gebruiker_id: Option<i64>,
    pub actor: String,
    pub organisatie_id: Option<i64>,
    pub code: String,
    pub object_type: String,
    pub object_id: String,
    pub details: String,
    pub vorige_hash: String,
    pub hash: String,
    pub keten_versie: i64,
    pub namens: String,
    pub betrokkene: String,
    pub doel: String,
    pub grondslag: String,
    pub uitkomst: String,
}

impl KetenRegel {
    /// Whether the NEN 7513 columns (added by migration 0012) are all empty, as they must be
    /// in rows of chain versions 1 and 2, whose hash does not cover them.
    pub fn zonder_nen_velden(&self) -> bool {
        self.namens.is_empty()
            && self.betrokkene.is_empty()
            && self.doel.is_empty()
            && self.grondslag.is_empty()
            && self.uitkomst.is_empty()
    }
}

/// Lower-case hex (without a `format!` per byte: verification hashes millions of rows).
pub(crate) fn hex(bytes: &[u8]) -> String {
    const CIJFERS: &[u8; 16] = b"0123456789abcdef";
    let mut uit = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        uit.push(char::from(CIJFERS[usize::from(b >> 4)]));
        uit.push(char::from(CIJFERS[usize::from(b & 0x0f)]));
    }
    uit
}

fn nieuwe_mac(sleutel: &[u8]) -> HmacSha256 {
    HmacSha256::new_from_slice(sleutel).expect("HMAC accepteert elke sleutellengte")
}

/// Length-prefixed, so no two different rows encode to the same bytes.
fn veld(mac: &mut HmacSha256, bytes: &[u8]) {
    mac.update(&(bytes.len() as u64).to_be_bytes());
    mac.update(bytes);
}

fn getal(mac: &mut HmacSha256, n: Option<i64>) {
    match n {
        None => mac.update(&[0]),
        Some(n) => {
            mac.update(&[1]);
            mac.update(&n.to_be_bytes());
        }
    }
}

/// The old (version 1) row hash: plain SHA-256 over some columns. Only used to verify rows
/// written before migration 0008; anyone can recompute it, and it leaves out `id`,
/// `gebruiker_id` and `organisatie_id`.
pub fn hash_v1(r: &KetenRegel) -> String {
    let mut h = Sha256::new();
    for part in [
        &r.vorige_hash,
        &r.tijd,
        &r.actor,
        &r.code,
        &r.object_type,
        &r.object_id,
        &r.details,
    ] {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    hex(&h.finalize())
}

/// The keyed (version 2) row hash: HMAC-SHA256 with the audit key over every column except
/// `hash` itself (including `id`, `gebruiker_id`, `organisatie_id`, `keten_versie` and the
/// previous row's hash). The first keyed row after old rows also covers the digest of all old
/// rows ([`OudeRegels`]), which re-anchors them under the key.
pub fn hash_v2(sleutel: &[u8], r: &KetenRegel, oude_regels: Option<&str>) -> String {
    hash_sleutel_met(nieuwe_mac(sleutel), r, oude_regels, VERSIE_SLEUTEL)
}

/// The keyed (version 3, NEN 7513) row hash: every column of version 2 and the NEN 7513
/// columns `namens`, `betrokkene`, `doel`, `grondslag` and `uitkomst`.
pub fn hash_v3(sleutel: &[u8], r: &KetenRegel, oude_regels: Option<&str>) -> String {
    hash_sleutel_met(nieuwe_mac(sleutel), r, oude_regels, VERSIE_NEN)
}

/// The keyed hash of a row of chain version 2 or 3 (by its `keten_versie`).
pub fn hash_met_sleutel(sleutel: &[u8], r: &KetenRegel, oude_regels: Option<&str>) -> String {
    hash_sleutel_met(nieuwe_mac(sleutel), r, oude_regels, r.keten_versie)
}

/// The keyed hash from an HMAC already keyed (saves the key schedule for every row).
fn hash_sleutel_met(
    mut mac: HmacSha256,
    r: &KetenRegel,
    oude_regels: Option<&str>,
    versie: i64,
) -> String {
    veld(
        &mut mac,
        if versie == VERSIE_NEN {
            b"voorop-audit-v3"
        } else {
            b"voorop-audit-v2"
        },
    );
    getal(&mut mac, Some(r.id));
    getal(&mut mac, Some(r.keten_versie));
    veld(&mut mac, r.tijd.as_bytes());
    getal(&mut mac, r.gebruiker_id);
    veld(&mut mac, r.actor.as_bytes());
    getal(&mut mac, r.organisatie_id);
    veld(&mut mac, r.code.as_bytes());
    veld(&mut mac, r.object_type.as_bytes());
    veld(&mut mac, r.object_id.as_bytes());
    veld(&mut mac, r.details.as_bytes());
    veld(&mut mac, r.vorige_hash.as_bytes());
    if versie == VERSIE_NEN {
        veld(&mut mac, r.namens.as_bytes());
        veld(&mut mac, r.betrokkene.as_bytes());
        veld(&mut mac, r.doel.as_bytes());
        veld(&mut mac, r.grondslag.as_bytes());
        veld(&mut mac, r.uitkomst.as_bytes());
    }
    match oude_regels {
        None => mac.update(&[0]),
        Some(d) => {
            mac.update(&[1]);
            veld(&mut mac, d.as_bytes());
        }
    }
    hex(&mac.finalize().into_bytes())
}

/// Keyed digest of every column of all old (version 1) rows, in id order. The first keyed row
/// includes it in its hash, so from then on the old rows (also their `gebruiker_id` and
/// `organisatie_id`, which their own hash left out) cannot change unnoticed.
#[derive(Clone)]
pub struct OudeRegels(HmacSha256);

impl OudeRegels {
    pub fn nieuw(sleutel: &[u8]) -> Self {
        let mut mac = nieuwe_mac(sleutel);
        veld(&mut mac, b"voorop-audit-v1-regels");
        Self(mac)
    }
    pub fn voeg_toe(&mut self, r: &KetenRegel) {
        let mac = &mut self.0;
        getal(mac, Some(r.id));
        veld(mac, r.tijd.as_bytes());
        getal(mac, r.gebruiker_id);
        veld(mac, r.actor.as_bytes());
        getal(mac, r.organisatie_id);
        veld(mac, r.code.as_bytes());
        veld(mac, r.object_type.as_bytes());
        veld(mac, r.object_id.as_bytes());
        veld(mac, r.details.as_bytes());
        veld(mac, r.vorige_hash.as_bytes());
        veld(mac, r.hash.as_bytes());
    }
    pub fn digest(&self) -> String {
        hex(&self.0.clone().finalize().into_bytes())
    }
}

/// Where the chain stands after a row: enough to check the next one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schakel {
    pub id: i64,
    pub hash: String,
    pub versie: i64,
}

/// What is wrong with the chain, in the words the administrator reads (Dutch).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BreukSoort {
    /// Rows `id` up to and including `tot` are missing (deleted).
    Ontbreekt {
        tot: i64,
    },
    /// The row does not point at the hash of the row before it.
    Schakel,
    /// The row's content does not match its hash.
    Gewijzigd,
    /// The first keyed row does not match: it, or one of the old rows before it (whose digest
    /// it covers, up to and including `laatste_oude`), was changed.
    Overgang {
        laatste_oude: i64,
    },
    /// A row with the old, keyless scheme after the switch to the keyed chain.
    OudSchema,
    OnbekendeVersie(i64),
    /// A row of chain version 2 after a row of version 3 (inserted or recomputed).
    VerouderdeVersie(i64),
    /// The retention anchor (`audit_afkapping`) is not signed with the audit key.
    AnkerOngeldig {
        tot_id: i64,
    },
    /// The head file names rows after the last row of the database.
    Afgekapt {
        kop_id: i64,
        kop_aantal: u64,
    },
    /// The row the head file names has a different hash there.
    AnderDanKop,
    /// The head file is missing while the log has rows.
    KopOntbreekt(String),
    /// The head file cannot be read, or its signature is wrong.
    KopOngeldig(String),
}

/// The first place where the chain is broken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breuk {
    /// The first broken (or first missing) row, when there is one to name.
    pub id: Option<i64>,
    pub soort: BreukSoort,
}

impl std::fmt::Display for Breuk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let id = self.id.unwrap_or_default();
        match &self.soort {
            BreukSoort::Ontbreekt { tot } if *tot == id => {
                write!(f, "regel {id} ontbreekt (verwijderd).")
            }
            BreukSoort::Ontbreekt { tot } => {
                write!(f, "regels {id} tot en met {tot} ontbreken (verwijderd).")
            }
            BreukSoort::Schakel => write!(
                f,
                "regel {id} verwijst niet naar de regel ervoor: er zijn regels verwijderd, \
                 ingevoegd of van volgorde veranderd."
            ),
            BreukSoort::Gewijzigd => write!(
                f,
                "de inhoud van regel {id} past niet bij de hash: de regel is gewijzigd, of \
                 zonder de juiste auditsleutel ingevoegd of herberekend."
            ),
            BreukSoort::Overgang { laatste_oude } => write!(
                f,
                "regel {id}, de eerste met de auditsleutel, past niet bij de hash: die regel of \
                 een van de oude regels 1 tot en met {laatste_oude} (ook gebruiker of \
                 organisatie) is gewijzigd, of de auditsleutel is onjuist."
            ),
            BreukSoort::OudSchema => write!(
                f,
                "regel {id} gebruikt het oude schema zonder sleutel, maar staat na de overgang \
                 naar de sleutel: ingevoegd of herberekend zonder de auditsleutel."
            ),
            BreukSoort::VerouderdeVersie(v) => write!(
                f,
                "regel {id} gebruikt ketenversie {v}, maar staat na een regel met de NEN \
                 7513-velden (versie 3): ingevoegd of herberekend."
            ),
            BreukSoort::AnkerOngeldig { tot_id } => write!(
                f,
                "het anker van de bewaartermijn (regels tot en met {tot_id} verwijderd) is niet \
                 met de auditsleutel ondertekend: de tabel audit_afkapping is gewijzigd, of er \
                 zijn regels zonder de auditsleutel verwijderd."
            ),
            BreukSoort::OnbekendeVersie(v) => {
                write!(f, "regel {id} heeft een onbekende ketenversie ({v}).")
            }
            BreukSoort::Afgekapt { kop_id, kop_aantal } => write!(
                f,
                "het auditlog is afgekapt: het kopbestand noemt {kop_aantal} regels tot en met \
                 regel {kop_id}, maar regel {id} en verder ontbreken in de database."
            ),
            BreukSoort::AnderDanKop => write!(
                f,
                "regel {id} heeft een andere hash dan het kopbestand vastlegt: regels aan het \
                 eind zijn vervangen."
            ),
            BreukSoort::KopOntbreekt(pad) => write!(
                f,
                "het kopbestand {pad} ontbreekt, dus afkappen (verwijderen van de laatste \
                 regels) of herschrijven van het hele log is niet uit te sluiten. Direct na de \
                 overgang naar de auditsleutel of bij een nieuwe database is dat normaal: voorop \
                 serve en elk ander commando maken het kopbestand aan."
            ),
            BreukSoort::KopOngeldig(reden) => write!(f, "het kopbestand is ongeldig: {reden}"),
        }
    }
}

/// Checks rows one by one in id order (streaming: it keeps only the previous row's link).
///
/// Rules: ids run 1, 2, 3, … without gaps (the log is append-only and each keyed row gets
/// the next id); every row names the previous row's hash; a row's hash matches its content
/// (version 1: plain SHA-256; version 2: keyed HMAC); once a keyed row appears, no old-scheme
/// row may follow, and no old-scheme row may have an id above `laatste_oude_id` (recorded by
/// migration 0008).
#[derive(Clone)]
pub struct Controle {
    /// The HMAC keyed with the audit key, cloned for each row.
    sleutel: HmacSha256,
    vorige: Option<Schakel>,
    oude: OudeRegels,
    laatste_oude_id: i64,
    aantal: u64,
}

impl std::fmt::Debug for Controle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Controle")
            .field("vorige", &self.vorige)
            .field("aantal", &self.aantal)
            .finish_non_exhaustive()
    }
}

impl Controle {
    /// From the start of the log.
    pub fn nieuw(sleutel: &[u8], laatste_oude_id: i64) -> Self {
        Self {
            sleutel: nieuwe_mac(sleutel),
            vorige: None,
            oude: OudeRegels::nieuw(sleutel),
            laatste_oude_id,
            aantal: 0,
        }
    }

    /// Continues after a known keyed row (`aantal` rows up to and including it), e.g. the
    /// head file's. Only for a keyed row: a first keyed row after it cannot follow.
    pub fn vanaf(sleutel: &[u8], laatste_oude_id: i64, na: Schakel, aantal: u64) -> Self {
        Self {
            vorige: Some(na),
            aantal,
            ..Self::nieuw(sleutel, laatste_oude_id)
        }
    }

    /// Continues after a retention anchor: the rows up to and including `anker.tot_id` were
    /// removed; the next row must link to the anchor's hash. `aantal` counts the removed rows
    /// too (ids run without gaps), so it matches the head file.
    pub fn na_anker(sleutel: &[u8], laatste_oude_id: i64, anker: &Anker) -> Self {
        Self::vanaf(
            sleutel,
            laatste_oude_id,
            Schakel {
                id: anker.tot_id,
                hash: anker.tot_hash.clone(),
                versie: anker.tot_versie.max(VERSIE_SLEUTEL),
            },
            u64::try_from(anker.tot_id).unwrap_or_default(),
        )
    }

    pub fn aantal(&self) -> u64 {
        self.aantal
    }

    pub fn laatste(&self) -> Option<&Schakel> {
        self.vorige.as_ref()
    }

    /// Checks the next row (rows must come in ascending id order).
    pub fn volgende(&mut self, r: &KetenRegel) -> Result<(), Breuk> {
        let breuk = |id: i64, soort| {
            Err(Breuk {
                id: Some(id),
                soort,
            })
        };
        let verwacht = self.vorige.as_ref().map_or(1, |v| v.id + 1);
        if r.id != verwacht {
            return breuk(verwacht, BreukSoort::Ontbreekt { tot: r.id - 1 });
        }
        let vorige_hash = self.vorige.as_ref().map_or("", |v| v.hash.as_str());
        let vorige_versie = self.vorige.as_ref().map(|v| v.versie);
        match r.keten_versie {
            VERSIE_OUD => {
                if vorige_versie.is_some_and(|v| v >= VERSIE_SLEUTEL) || r.id > self.laatste_oude_id
                {
                    return breuk(r.id, BreukSoort::OudSchema);
                }
                if r.vorige_hash != vorige_hash {
                    return breuk(r.id, BreukSoort::Schakel);
                }
                if hash_v1(r) != r.hash || !r.zonder_nen_velden() {
                    return breuk(r.id, BreukSoort::Gewijzigd);
                }
                self.oude.voeg_toe(r);
            }
            VERSIE_SLEUTEL | VERSIE_NEN => {
                if r.keten_versie == VERSIE_SLEUTEL && vorige_versie == Some(VERSIE_NEN) {
                    return breuk(r.id, BreukSoort::VerouderdeVersie(r.keten_versie));
                }
                if r.vorige_hash != vorige_hash {
                    return breuk(r.id, BreukSoort::Schakel);
                }
                let oude = (vorige_versie == Some(VERSIE_OUD)).then(|| self.oude.digest());
                // Version 2 does not hash the NEN 7513 columns: they must be empty there.
                if (r.keten_versie == VERSIE_SLEUTEL && !r.zonder_nen_velden())
                    || !gelijk(
                        &hash_sleutel_met(self.sleutel.clone(), r, oude.as_deref(), r.keten_versie),
                        &r.hash,
                    )
                {
                    return breuk(
                        r.id,
                        match oude {
                            Some(_) => BreukSoort::Overgang {
                                laatste_oude: r.id - 1,
                            },
                            None => BreukSoort::Gewijzigd,
                        },
                    );
                }
            }
            v => return breuk(r.id, BreukSoort::OnbekendeVersie(v)),
        }
        self.vorige = Some(Schakel {
            id: r.id,
            hash: r.hash.clone(),
            versie: r.keten_versie,
        });
        self.aantal += 1;
        Ok(())
    }
}

/// A retention anchor (`audit_afkapping`): the rows up to and including `tot_id` were removed
/// after the retention term; `tot_hash` and `tot_versie` are that row's, so the chain goes on
/// from here. Signed with the audit key, so nobody without it can fake a removal.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Anker {
    pub tijd: String,
    pub grens: String,
    pub tot_id: i64,
    pub tot_hash: String,
    pub tot_versie: i64,
    pub aantal: i64,
    pub handtekening: String,
}

impl Anker {
    /// The HMAC over every field but the signature itself.
    pub fn bereken_handtekening(&self, sleutel: &[u8]) -> String {
        let mut mac = nieuwe_mac(sleutel);
        veld(&mut mac, b"voorop-audit-afkapping");
        veld(&mut mac, self.tijd.as_bytes());
        veld(&mut mac, self.grens.as_bytes());
        getal(&mut mac, Some(self.tot_id));
        veld(&mut mac, self.tot_hash.as_bytes());
        getal(&mut mac, Some(self.tot_versie));
        getal(&mut mac, Some(self.aantal));
        hex(&mac.finalize().into_bytes())
    }
    pub fn is_geldig(&self, sleutel: &[u8]) -> bool {
        gelijk(&self.bereken_handtekening(sleutel), &self.handtekening)
    }
}

/// Constant-time comparison of two hex hashes.
fn gelijk(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    const SLEUTEL: &[u8] = b"een-testsleutel-van-minstens-32-tekens-lang";

    fn regel(id: i64, vorige: &str) -> KetenRegel {
        KetenRegel {
            id,
            tijd: "2026-01-01T00:00:00Z".into(),
            gebruiker_id: Some(3),
            actor: "a@b.nl".into(),
            organisatie_id: Some(4),
            code: "auth.ingelogd".into(),
            object_type: "sessie".into(),
            object_id: String::new(),
            details: String::new(),
            vorige_hash: vorige.into(),
            hash: String::new(),
            keten_versie: VERSIE_NEN,
            namens: String::new(),
            betrokkene: "p-0123".into(),
            doel: "acuut.samen_op".into(),
            grondslag: String::new(),
            uitkomst: TOEGESTAAN.into(),
        }
    }

    fn keten(n: i64) -> Vec<KetenRegel> {
        let mut uit: Vec<KetenRegel> = vec![];
        for id in 1..=n {
            let mut r = regel(id, uit.last().map_or("", |v| v.hash.as_str()));
            r.hash = hash_v3(SLEUTEL, &r, None);
            uit.push(r);
        }
        uit
    }

    fn controleer(rs: &[KetenRegel]) -> Result<(), Breuk> {
        let mut c = Controle::nieuw(SLEUTEL, 0);
        rs.iter().try_for_each(|r| c.volgende(r))
    }

    #[test]
    fn hex_zoals_format() {
        let bytes = [0x00, 0x0f, 0xa0, 0xff, 0x5c];
        let verwacht: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex(&bytes), verwacht);
    }

    #[test]
    fn een_intacte_keten_klopt() {
        assert_eq!(controleer(&keten(5)), Ok(()));
    }

    #[test]
    fn elke_kolom_telt_mee() {
        let wijzigingen: [fn(&mut KetenRegel); 14] = [
            |r| r.namens.push('x'),
            |r| r.betrokkene.push('x'),
            |r| r.doel.push('x'),
            |r| r.grondslag.push('x'),
            |r| r.uitkomst = GEWEIGERD.into(),
            |r| r.gebruiker_id = Some(99),
            |r| r.gebruiker_id = None,
            |r| r.organisatie_id = Some(99),
            |r| r.organisatie_id = None,
            |r| r.tijd.push('1'),
            |r| r.actor.push('x'),
            |r| r.code.push('x'),
            |r| r.object_id.push('1'),
            |r| r.details.push('x'),
        ];
        for wijzig in wijzigingen {
            let mut rs = keten(4);
            wijzig(&mut rs[2]);
            let b = controleer(&rs).unwrap_err();
            assert_eq!((b.id, b.soort), (Some(3), BreukSoort::Gewijzigd));
        }
    }

    /// Version 2 rows may stay before version 3 rows, but must leave the NEN 7513 columns
    /// empty (their hash does not cover them), and may not follow a version 3 row.
    #[test]
    fn versie_2_voor_versie_3() {
        let mut rs: Vec<KetenRegel> = vec![];
        for (id, versie) in [(1, VERSIE_SLEUTEL), (2, VERSIE_SLEUTEL), (3, VERSIE_NEN)] {
            let mut r = regel(id, rs.last().map_or("", |v| v.hash.as_str()));
            r.keten_versie = versie;
            if versie == VERSIE_SLEUTEL {
                r.betrokkene.clear();
                r.doel.clear();
                r.uitkomst.clear();
            }
            r.hash = hash_met_sleutel(SLEUTEL, &r, None);
            rs.push(r);
        }
        assert_eq!(controleer(&rs), Ok(()));
        let mut gewijzigd = rs.clone();
        gewijzigd[1].doel = "privacy.toezicht".into();
        let b = controleer(&gewijzigd).unwrap_err();
        assert_eq!((b.id, b.soort), (Some(2), BreukSoort::Gewijzigd));
        // A version 2 row appended after version 3, with a correct version 2 hash.
        let mut na = regel(4, &rs[2].hash);
        na.keten_versie = VERSIE_SLEUTEL;
        na.betrokkene.clear();
        na.doel.clear();
        na.uitkomst.clear();
        na.hash = hash_v2(SLEUTEL, &na, None);
        rs.push(na);
        let b = controleer(&rs).unwrap_err();
        assert_eq!(
            (b.id, b.soort),
            (Some(4), BreukSoort::VerouderdeVersie(VERSIE_SLEUTEL))
        );
    }

    #[test]
    fn anker_handtekening() {
        let rs = keten(5);
        let mut a = Anker {
            tijd: "2031-01-01T00:00:00Z".into(),
            grens: "2026-01-01T00:00:00Z".into(),
            tot_id: 3,
            tot_hash: rs[2].hash.clone(),
            tot_versie: VERSIE_NEN,
            aantal: 3,
            handtekening: String::new(),
        };
        a.handtekening = a.bereken_handtekening(SLEUTEL);
        assert!(a.is_geldig(SLEUTEL));
        let mut c = Controle::na_anker(SLEUTEL, 0, &a);
        assert_eq!(rs[3..].iter().try_for_each(|r| c.volgende(r)), Ok(()));
        assert_eq!(c.aantal(), 5);
        // Starting after a later row than the anchor names: row 4 is missing.
        let mut c = Controle::na_anker(SLEUTEL, 0, &a);
        assert_eq!(c.volgende(&rs[4]).unwrap_err().id, Some(4));
        a.tot_id = 4;
        assert!(!a.is_geldig(SLEUTEL));
    }

    #[test]
    fn een_andere_sleutel_faalt() {
        let rs = keten(2);
        let mut c = Controle::nieuw(b"een-andere-sleutel-van-minstens-32-tekens", 0);
        assert_eq!(c.volgende(&rs[0]).unwrap_err().soort, BreukSoort::Gewijzigd);
    }
}
