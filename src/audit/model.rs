/// Who did it: a logged-in user, or the command line (for CLI writes).
#[derive(Debug, Clone)]
pub struct Actor {
    pub gebruiker_id: Option<crate::gedeeld::GebruikerId>,
    pub organisatie_id: Option<crate::gedeeld::OrganisatieId>,
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
    /// A reset link was asked for this account and sent by e-mail ("wachtwoord vergeten").
    WachtwoordHerstelAangevraagd,
    /// The password was set through a reset link (the link is used up).
    WachtwoordHersteld,
    /// A melding for a user (`kanaal`: "voorop" when made, "email" when its e-mail was sent);
    /// never its content.
    Melding {
        gebruiker: crate::gedeeld::GebruikerId,
        soort: &'static str,
        kanaal: &'static str,
    },
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
        ronde: crate::gedeeld::RondeId,
    },
    RondeGewijzigd {
        ronde: crate::gedeeld::RondeId,
    },
    ZichtbaarheidGewijzigd {
        ronde: crate::gedeeld::RondeId,
        gemeente: String,
        zichtbaarheid: String,
    },
    DeelnemerToegevoegd {
        ronde: crate::gedeeld::RondeId,
        gemeente: String,
    },
    DeelnemerVerwijderd {
        ronde: crate::gedeeld::RondeId,
        gemeente: String,
    },
    DeelnemersGelezen {
        ronde: crate::gedeeld::RondeId,
        gemeente: String,
    },
    AntwoordenOpgeslagen {
        ronde: crate::gedeeld::RondeId,
        gemeente: String,
        aantal: usize,
    },
    ExcelGeimporteerd {
        ronde: crate::gedeeld::RondeId,
        gemeenten: usize,
    },
    ExcelGeexporteerd {
        ronde: crate::gedeeld::RondeId,
    },
    RadOpgeslagen {
        ronde: crate::gedeeld::RondeId,
        gemeente: String,
    },
    PlanAangemaakt {
        plan: crate::gedeeld::PlanId,
    },
    PlanGewijzigd {
        plan: crate::gedeeld::PlanId,
    },
    PlanStatus {
        plan: crate::gedeeld::PlanId,
        status: String,
    },
    ActieOpgeslagen {
        plan: crate::gedeeld::PlanId,
        actie: i64,
    },
    ActieVerwijderd {
        plan: crate::gedeeld::PlanId,
        actie: i64,
    },
    RoutekaartStap {
        regio: crate::gedeeld::RegioCode,
        stap: String,
        gereed: bool,
    },
    WerksetCatalogusGeladen {
        versie: String,
    },
    OntwikkelagendaGeladen {
        versie: String,
    },
    /// A change of the national Uitvoeringsplan of a year (`wat`: plan, onderdeel, activiteit,
    /// kosten).
    UitvoeringsplanGewijzigd {
        jaar: i64,
        wat: &'static str,
        id: i64,
    },
    /// A change of a region's SWOT session (`wat`: sessie, bord, stap, status, reactie).
    SwotGewijzigd {
        regio: crate::gedeeld::RegioCode,
        jaar: i64,
        wat: &'static str,
        id: i64,
    },
    /// A change of a region's network year (`wat`: werkplan, werkplan_status, speerpunt,
    /// bijeenkomst, besluit, evaluatie).
    NetwerkjaarGewijzigd {
        regio: crate::gedeeld::RegioCode,
        jaar: i64,
        wat: &'static str,
        id: i64,
    },
    WerksetGewijzigd {
        regio: crate::gedeeld::RegioCode,
        periode: String,
        wat: &'static str,
        id: i64,
    },
    WerksetVerwijderd {
        regio: crate::gedeeld::RegioCode,
        periode: String,
        wat: &'static str,
        id: i64,
    },
    WerksetGeexporteerd {
        periode: String,
    },
    MomentGeregistreerd {
        moment: crate::gedeeld::MomentId,
        soort: &'static str,
    },
    MomentGewijzigd {
        moment: crate::gedeeld::MomentId,
        wat: &'static str,
    },
    /// A read of personal data, with its purpose (the moment it serves).
    PersoonsgegevensGelezen {
        moment: crate::gedeeld::MomentId,
        doel: &'static str,
    },
    PersoonsgegevensGewijzigd {
        moment: crate::gedeeld::MomentId,
    },
    DeelnameGewijzigd {
        moment: crate::gedeeld::MomentId,
        organisatie: OrganisatieId,
        actief: bool,
    },
    AfspraakOpgeslagen {
        moment: crate::gedeeld::MomentId,
        afspraak: crate::gedeeld::AfspraakId,
        status: &'static str,
    },
    /// An afspraak got a named owner, another one, or none (`gebruiker`: the user's id).
    AfspraakToegewezen {
        moment: crate::gedeeld::MomentId,
        afspraak: crate::gedeeld::AfspraakId,
        gebruiker: Option<crate::gedeeld::GebruikerId>,
    },
    CasusGesloten {
        casus: crate::gedeeld::CasusId,
        open: bool,
    },
    /// The onderzoeks- en veiligheidsplan of a case was read (its items are personal data).
    VeiligheidsplanGelezen {
        casus: crate::gedeeld::CasusId,
    },
    VeiligheidsplanGewijzigd {
        casus: crate::gedeeld::CasusId,
        versie: i64,
    },
    /// A registration matched an open case of the same person (the same pseudonymous key) in
    /// the region: shown to the registrant (`gekoppeld` false), or the moment was linked to it.
    CasusOvereenkomst {
        casus: crate::gedeeld::CasusId,
        gekoppeld: bool,
    },
    PersoonsgegevensGewist {
        casus: crate::gedeeld::CasusId,
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
        regio: crate::gedeeld::RegioCode,
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
        gebruiker: crate::gedeeld::GebruikerId,
        wat: &'static str,
        oud: String,
        nieuw: String,
    },
    /// An administrator set a temporary password (to be changed at the next sign-in).
    WachtwoordGereset {
        gebruiker: crate::gedeeld::GebruikerId,
    },
    /// The privacy officer looked up who accessed a data subject's data (`op`: "pseudoniem"
    /// or "casus"; never the name) and got `regels` entries.
    InzageOpgevraagd {
        op: &'static str,
        casus: Option<crate::gedeeld::CasusId>,
        regels: usize,
        /// The pseudonym looked up (the data subject of this entry), when searched by name.
        pseudoniem: Option<String>,
    },
    /// A refused attempt to change a moment (end a participation, change an afspraak's status)
    /// by someone the rules do not allow; `object` is the organisation or afspraak concerned.
    CasusWijzigingGeweigerd {
        moment: crate::gedeeld::MomentId,
        wat: &'static str,
        object: i64,
    },
    /// A refused attempt to read or change a moment's personal data (not a participant, out of
    /// the region, or a role without need-to-know). `wat`: `bekijken`, `wijzigen`, …
    PersoonsgegevensGeweigerd {
        moment: crate::gedeeld::MomentId,
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
        organisatie: OrganisatieId,
        code: String,
        soort: &'static str,
        regio: crate::gedeeld::RegioCode,
    },
    /// An administrator changed an organisation: which field (code, naam, soort, regio,
    /// actief), old and new value.
    OrganisatieGewijzigd {
        organisatie: OrganisatieId,
        wat: &'static str,
        oud: String,
        nieuw: String,
    },
    /// An administrator changed one of the public texts (toegankelijkheid, privacy, contact):
    /// which one and its new length, not the text.
    PubliekeTekstGewijzigd {
        soort: &'static str,
        tekens: usize,
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
        "casus.veiligheidsplan",
        "Casussen: het onderzoeks- en veiligheidsplan van de deelnemers",
    ),
    (
        "casus.koppelen",
        "Casussen: een registratie voor dezelfde persoon koppelen aan een lopende casus",
    ),
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
        "ontwikkelagenda.swot",
        "Ontwikkelagenda: SWOT-sessies en netwerkjaar van de regionale netwerken",
    ),
    (
        "ontwikkelagenda.uitvoeringsplan",
        "Ontwikkelagenda: het landelijke uitvoeringsplan",
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
        "werk.meldingen",
        "Meldingen over werk in Voorop en per e-mail (zonder inhoud)",
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
        "casus.afspraak_toegewezen" => "Afspraak toegewezen aan een medewerker",
        "melding.verstuurd" => "Melding over werk (zonder inhoud) in Voorop of per e-mail",
        "casus.wijziging_geweigerd" => "Wijziging geweigerd",
        "casus.gesloten" => "Casus gesloten",
        "casus.heropend" => "Casus heropend",
        "casus.overeenkomst_gevonden" => "Bij registratie gemeld dat er een lopende casus is",
        "casus.gekoppeld" => "Moment gekoppeld aan een lopende casus",
        "casus.veiligheidsplan_gelezen" => "Onderzoeks- en veiligheidsplan ingezien",
        "casus.veiligheidsplan_gewijzigd" => "Onderzoeks- en veiligheidsplan gewijzigd",
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
            | AfspraakToegewezen { .. }
            | CasusWijzigingGeweigerd { .. }
            | PersoonsgegevensGeweigerd { .. } => return Doel::VanMoment,
            CasusGesloten { .. } | PersoonsgegevensGewist { .. } | RetentieUitgevoerd { .. } => {
                "casus.bewaartermijn"
            }
            CasusImport { .. } => "casus.import",
            CasusOvereenkomst { .. } => "casus.koppelen",
            VeiligheidsplanGelezen { .. } | VeiligheidsplanGewijzigd { .. } => {
                "casus.veiligheidsplan"
            }
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
            WachtwoordGewijzigd | WachtwoordHerstelAangevraagd | WachtwoordHersteld => {
                "beveiliging.account"
            }
            Melding { .. } => "werk.meldingen",
            GebruikerAangemaakt { .. }
            | TokenAangemaakt { .. }
            | TokenIngetrokken { .. }
            | TweestapsGereset
            | GebruikerGewijzigd { .. }
            | WachtwoordGereset { .. } => "beheer.gebruikers",
            OrganisatieAangemaakt { .. } | OrganisatieGewijzigd { .. } => "beheer.organisaties",
            DemoGeladen
            | VragenlijstGeladen { .. }
            | WerksetCatalogusGeladen { .. }
            | OntwikkelagendaGeladen { .. }
            | PubliekeTekstGewijzigd { .. } => "beheer.referentiedata",
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
            SwotGewijzigd { .. } | NetwerkjaarGewijzigd { .. } => "ontwikkelagenda.swot",
            UitvoeringsplanGewijzigd { .. } => "ontwikkelagenda.uitvoeringsplan",
            InzageOpgevraagd { .. } => "privacy.toezicht",
            ToegangGeweigerd { pagina, .. } if pagina.starts_with("privacy") => "privacy.toezicht",
            AuditlogGeexporteerd { bereik, .. } if *bereik == "organisatie" => "privacy.toezicht",
            ToegangGeweigerd { .. } | AuditlogOpgeschoond { .. } | AuditlogGeexporteerd { .. } => {
                "beveiliging.auditlog"
            }
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
            AfspraakToegewezen {
                moment,
                afspraak,
                gebruiker,
            } => (
                "casus.afspraak_toegewezen",
                "moment",
                moment.to_string(),
                match gebruiker {
                    Some(g) => format!("afspraak={afspraak} eigenaar=gebruiker:{g}"),
                    None => format!("afspraak={afspraak} eigenaar=organisatie"),
                },
            ),
            VeiligheidsplanGelezen { casus } => (
                "casus.veiligheidsplan_gelezen",
                "casus",
                casus.to_string(),
                String::new(),
            ),
            VeiligheidsplanGewijzigd { casus, versie } => (
                "casus.veiligheidsplan_gewijzigd",
                "casus",
                casus.to_string(),
                format!("versie={versie}"),
            ),
            CasusOvereenkomst { casus, gekoppeld } => (
                if *gekoppeld {
                    "casus.gekoppeld"
                } else {
                    "casus.overeenkomst_gevonden"
                },
                "casus",
                casus.to_string(),
                String::new(),
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
            Melding {
                gebruiker,
                soort,
                kanaal,
            } => (
                "melding.verstuurd",
                "gebruiker",
                gebruiker.to_string(),
                format!("soort={soort} kanaal={kanaal}"),
            ),
            WachtwoordGewijzigd => (
                "auth.wachtwoord_gewijzigd",
                "gebruiker",
                String::new(),
                String::new(),
            ),
            WachtwoordHerstelAangevraagd => (
                "auth.wachtwoord_herstel_aangevraagd",
                "gebruiker",
                String::new(),
                String::new(),
            ),
            WachtwoordHersteld => (
                "auth.wachtwoord_hersteld",
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
            OntwikkelagendaGeladen { versie } => (
                "ontwikkelagenda.catalogus_geladen",
                "ontwikkelagenda",
                versie.clone(),
                String::new(),
            ),
            UitvoeringsplanGewijzigd { jaar, wat, id } => (
                "ontwikkelagenda.uitvoeringsplan_gewijzigd",
                "uitvoeringsplan",
                jaar.to_string(),
                format!("{wat}={id}"),
            ),
            SwotGewijzigd {
                regio,
                jaar,
                wat,
                id,
            } => (
                "ontwikkelagenda.swot_gewijzigd",
                "swot_sessie",
                format!("{regio}/{jaar}"),
                format!("{wat}={id}"),
            ),
            NetwerkjaarGewijzigd {
                regio,
                jaar,
                wat,
                id,
            } => (
                "ontwikkelagenda.netwerkjaar_gewijzigd",
                "netwerkjaar",
                format!("{regio}/{jaar}"),
                format!("{wat}={id}"),
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
                regio.to_string(),
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
            PubliekeTekstGewijzigd { soort, tekens } => (
                "beheer.tekst_gewijzigd",
                "tekst",
                (*soort).to_string(),
                format!("tekens={tekens}"),
            ),
        }
    }
}

/// One row of the audit log as the beheer pages and the CSV export show it.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct AuditRegel {
    pub id: i64,
    pub tijd: String,
    pub actor: String,
    pub organisatie: Option<String>,
    pub code: String,
    pub object_type: String,
    pub object_id: String,
    pub details: String,
    pub vorige_hash: String,
    pub hash: String,
    pub namens: String,
    pub betrokkene: String,
    pub doel: String,
    pub grondslag: String,
    pub uitkomst: String,
}

/// Dutch labels of the event codes, for the audit viewers (the code itself stays available as
/// the filter and in the CSV). A code without a label here is shown by [`gebeurtenis_label`]
/// as its two parts in words.
const LABELS: &[(&str, &str)] = &[
    ("audit.geexporteerd", "Auditlog geëxporteerd"),
    ("audit.opgeschoond", "Auditlog opgeschoond (bewaartermijn)"),
    ("auth.account_geblokkeerd", "Account geblokkeerd"),
    ("auth.account_ontgrendeld", "Account ontgrendeld"),
    ("auth.herstelcode_gebruikt", "Herstelcode gebruikt"),
    ("auth.ingelogd", "Ingelogd"),
    ("auth.inloggen_geblokkeerd", "Inloggen geblokkeerd"),
    ("auth.inloggen_mislukt", "Inloggen mislukt"),
    ("auth.tweestaps_gereset", "Tweestapsverificatie teruggezet"),
    ("auth.tweestaps_ingesteld", "Tweestapsverificatie ingesteld"),
    ("auth.tweestaps_mislukt", "Tweestapscode onjuist"),
    ("auth.uitgelogd", "Uitgelogd"),
    ("auth.wachtwoord_gewijzigd", "Wachtwoord gewijzigd"),
    (
        "auth.wachtwoord_herstel_aangevraagd",
        "Herstellink voor wachtwoord verstuurd",
    ),
    ("auth.wachtwoord_hersteld", "Wachtwoord hersteld via e-mail"),
    ("beheer.gebruiker_gewijzigd", "Gebruiker gewijzigd"),
    ("beheer.organisatie_aangemaakt", "Organisatie toegevoegd"),
    ("beheer.organisatie_gewijzigd", "Organisatie gewijzigd"),
    ("beheer.tekst_gewijzigd", "Publieke tekst gewijzigd"),
    ("beheer.wachtwoord_gereset", "Tijdelijk wachtwoord gegeven"),
    ("casus.afspraak_opgeslagen", "Afspraak vastgelegd"),
    ("casus.contactpunt_gewijzigd", "Contactpunt gewijzigd"),
    ("casus.deelname_gewijzigd", "Deelname gewijzigd"),
    (
        "casus.gekoppeld",
        "Moment gekoppeld aan een lopende casus van dezelfde persoon",
    ),
    ("casus.import", "Momenten geïmporteerd"),
    ("casus.moment_geregistreerd", "Moment geregistreerd"),
    ("casus.moment_gewijzigd", "Moment gewijzigd"),
    (
        "casus.overeenkomst_gevonden",
        "Lopende casus van dezelfde persoon gemeld bij registratie",
    ),
    ("casus.overleg_gewijzigd", "Actie-overleg gewijzigd"),
    (
        "casus.persoonsgegevens_gelezen",
        "Persoonsgegevens ingezien",
    ),
    (
        "casus.persoonsgegevens_geweigerd",
        "Inzage persoonsgegevens geweigerd",
    ),
    (
        "casus.persoonsgegevens_gewijzigd",
        "Persoonsgegevens gewijzigd",
    ),
    ("casus.persoonsgegevens_gewist", "Persoonsgegevens gewist"),
    ("casus.retentie", "Bewaartermijn toegepast"),
    (
        "casus.veiligheidsplan_gelezen",
        "Onderzoeks- en veiligheidsplan ingezien",
    ),
    (
        "casus.veiligheidsplan_gewijzigd",
        "Onderzoeks- en veiligheidsplan gewijzigd",
    ),
    ("casus.wijziging_geweigerd", "Wijziging geweigerd"),
    ("demo.geladen", "Demogegevens geladen"),
    ("gebruiker.aangemaakt", "Gebruiker aangemaakt"),
    (
        "plan.actie_opgeslagen",
        "Actie in plan van aanpak vastgelegd",
    ),
    (
        "plan.actie_verwijderd",
        "Actie uit plan van aanpak verwijderd",
    ),
    ("plan.status", "Status plan van aanpak gewijzigd"),
    ("ontwikkelagenda.swot_gewijzigd", "SWOT-sessie gewijzigd"),
    (
        "ontwikkelagenda.netwerkjaar_gewijzigd",
        "Werkplan, netwerkbijeenkomst of zelfevaluatie gewijzigd",
    ),
    (
        "ontwikkelagenda.uitvoeringsplan_gewijzigd",
        "Uitvoeringsplan gewijzigd",
    ),
    ("privacy.inzage_opgevraagd", "Inzageverzoek uitgevoerd"),
    ("routekaart.stap", "Routekaartstap afgevinkt of heropend"),
    ("toegang.geweigerd", "Toegang geweigerd"),
    ("token.aangemaakt", "API-token gemaakt"),
    ("token.ingetrokken", "API-token ingetrokken"),
    ("werkset.catalogus_geladen", "Indicatorcatalogus geladen"),
    ("werkset.geexporteerd", "Werkset geëxporteerd"),
    ("werkset.gewijzigd", "Werkset-registratie gewijzigd"),
    ("werkset.verwijderd", "Werkset-registratie verwijderd"),
    (
        "zelfscan.antwoorden_opgeslagen",
        "Zelfscan-antwoorden opgeslagen",
    ),
    (
        "zelfscan.deelnemer_toegevoegd",
        "Gemeente aan scanronde toegevoegd",
    ),
    (
        "zelfscan.deelnemer_verwijderd",
        "Gemeente uit scanronde verwijderd",
    ),
    ("zelfscan.deelnemers_gelezen", "Deelnemers ingezien"),
    (
        "zelfscan.excel_geexporteerd",
        "Zelfscan naar Excel geëxporteerd",
    ),
    (
        "zelfscan.excel_geimporteerd",
        "Zelfscan uit Excel geïmporteerd",
    ),
    ("zelfscan.rad_opgeslagen", "Rad van Fortuin opgeslagen"),
    ("zelfscan.ronde_aangemaakt", "Scanronde aangemaakt"),
    ("zelfscan.ronde_gewijzigd", "Scanronde gewijzigd"),
    ("zelfscan.vragenlijst_geladen", "Vragenlijst geladen"),
    (
        "zelfscan.zichtbaarheid_gewijzigd",
        "Zichtbaarheid resultaten gewijzigd",
    ),
];

/// The Dutch label of an event code: from [`LABELS`], else the code in words
/// ("zelfscan.ronde_gesloten" → "Zelfscan: ronde gesloten").
pub fn gebeurtenis_label(code: &str) -> String {
    if let Some((_, l)) = LABELS.iter().find(|(c, _)| *c == code) {
        return (*l).to_string();
    }
    let (domein, wat) = code.split_once('.').unwrap_or(("", code));
    let mut domein = domein.replace('_', " ");
    if let Some(eerste) = domein.get(..1) {
        domein = eerste.to_uppercase() + &domein[1..];
    }
    let wat = wat.replace(['_', '.'], " ");
    if domein.is_empty() {
        wat
    } else {
        format!("{domein}: {wat}")
    }
}

impl AuditRegel {
    /// The event's Dutch label.
    pub fn label(&self) -> String {
        gebeurtenis_label(&self.code)
    }

    /// The time in Dutch local time, `DD-MM-JJJJ UU:MM:SS` (stored in UTC).
    pub fn tijd_lokaal(&self) -> String {
        crate::gedeeld::lokale_tijd(&self.tijd).unwrap_or_else(|| self.tijd.clone())
    }

    /// The start of the pseudonym, enough to tell data subjects apart on a page.
    pub fn betrokkene_kort(&self) -> &str {
        self.betrokkene.get(..12).unwrap_or(&self.betrokkene)
    }
    pub fn doel_omschrijving(&self) -> &str {
        doel_omschrijving(&self.doel)
    }
}

#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct AuditFilter {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub actor: String,
    #[serde(default)]
    pub van: String,
    #[serde(default)]
    pub tot: String,
    #[serde(default)]
    pub pagina: Option<u32>,
}

pub const PER_PAGINA: u32 = 100;

pub use super::keten::*;
use crate::gedeeld::OrganisatieId;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gebeurtenissen_en_tijden_in_het_nederlands() {
        let regel = |code: &str, tijd: &str| AuditRegel {
            id: 1,
            tijd: tijd.into(),
            actor: String::new(),
            organisatie: None,
            code: code.into(),
            object_type: String::new(),
            object_id: String::new(),
            details: String::new(),
            vorige_hash: String::new(),
            hash: String::new(),
            namens: String::new(),
            betrokkene: String::new(),
            doel: String::new(),
            grondslag: String::new(),
            uitkomst: String::new(),
        };
        let r = regel("casus.persoonsgegevens_gelezen", "2026-07-01T10:15:00");
        assert_eq!(r.label(), "Persoonsgegevens ingezien");
        // Summer: UTC+2; winter: UTC+1; the change on the last Sunday of October at 01:00 UTC.
        assert_eq!(r.tijd_lokaal(), "01-07-2026 12:15:00");
        let r = regel("zelfscan.ronde_gesloten", "2026-12-31T23:30:00");
        assert_eq!(r.tijd_lokaal(), "01-01-2027 00:30:00");
        assert_eq!(
            r.label(),
            "Zelfscan: ronde gesloten",
            "a code without a label, in words"
        );
        assert_eq!(
            regel("x", "2026-10-25T00:59:00").tijd_lokaal(),
            "25-10-2026 02:59:00"
        );
        assert_eq!(
            regel("x", "2026-10-25T01:00:00").tijd_lokaal(),
            "25-10-2026 02:00:00"
        );
        assert_eq!(regel("x", "geen tijd").tijd_lokaal(), "geen tijd");
        // Every label is unique and none is a code.
        let mut gezien = std::collections::BTreeSet::new();
        for (c, l) in LABELS {
            assert!(gezien.insert(*l), "{l} twice");
            assert!(!l.contains('_') && !l.contains(c), "{c}: {l}");
        }
    }

    const SLEUTEL: &[u8] = b"een-testsleutel-van-minstens-32-tekens-lang";

    fn regel(id: i64, vorige: &str) -> KetenRegel {
        KetenRegel {
            id,
            tijd: "2026-01-01T00:00:00Z".into(),
            gebruiker_id: Some(crate::gedeeld::GebruikerId(3)),
            actor: "a@b.nl".into(),
            organisatie_id: Some(crate::gedeeld::OrganisatieId(4)),
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
            |r| r.gebruiker_id = Some(crate::gedeeld::GebruikerId(99)),
            |r| r.gebruiker_id = None,
            |r| r.organisatie_id = Some(crate::gedeeld::OrganisatieId(99)),
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
