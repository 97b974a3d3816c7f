//! Access is decided here, in one place. Services ask these functions and turn a `Gebruiker`
//! into scope values (see "access as a type" below); repo functions that read or write region,
//! case or personal data take the scope they need, so no query can forget the filter.

use super::model::{Gebruiker, Rol};
use crate::gedeeld::{OrganisatieId, PlanId, RegioCode, Zichtbaarheid};

/// Which individual gemeente results the user may see in one region. Its fields are private:
/// only `voor` makes one, from the user.
#[derive(Debug, Clone)]
pub struct ZelfscanScope {
    regio: RegioCode,
    organisatie_id: OrganisatieId,
    /// May see results marked `regio`.
    ziet_regio: bool,
    /// May see results marked `gemeente` (coordinators of the region).
    ziet_gemeente: bool,
}

impl ZelfscanScope {
    pub fn voor(g: &Gebruiker, regio: &RegioCode) -> Self {
        let in_regio = g.rol == Rol::Beheerder || g.regio_code == *regio;
        Self {
            regio: *regio,
            organisatie_id: g.organisatie_id,
            ziet_regio: in_regio,
            ziet_gemeente: beheert_regio(g, regio),
        }
    }
    /// The region whose rounds this scope applies to (the repo filters on it).
    pub fn regio(&self) -> &RegioCode {
        &self.regio
    }
    pub fn organisatie(&self) -> OrganisatieId {
        self.organisatie_id
    }
    pub fn ziet_regio(&self) -> bool {
        self.ziet_regio
    }
    pub fn ziet_gemeente(&self) -> bool {
        self.ziet_gemeente
    }
    /// The same rule the SQL filter applies, for data already in memory.
    pub fn mag_zien(&self, gemeente_id: OrganisatieId, z: Zichtbaarheid) -> bool {
        gemeente_id == self.organisatie_id
            || match z {
                Zichtbaarheid::Regio => self.ziet_regio,
                Zichtbaarheid::Gemeente => self.ziet_gemeente,
                Zichtbaarheid::Aggregaat => false,
            }
    }
}

/// May see a region's pages (rounds, aggregates, routekaart).
pub fn ziet_regio(g: &Gebruiker, regio: &RegioCode) -> bool {
    g.rol == Rol::Beheerder || (g.regio_code == *regio && g.rol != Rol::Privacyfunctionaris)
}

/// May create and manage rounds, plans and the routekaart of a region.
pub fn beheert_regio(g: &Gebruiker, regio: &RegioCode) -> bool {
    g.rol == Rol::Beheerder || (g.rol == Rol::Regiocoordinator && g.regio_code == *regio)
}

/// May write the answers of a gemeente in a round.
pub fn mag_antwoorden_schrijven(
    g: &Gebruiker,
    regio: &RegioCode,
    gemeente_id: OrganisatieId,
    z: Zichtbaarheid,
) -> bool {
    if g.rol == Rol::Lezer {
        return false;
    }
    let eigen = g.organisatie_id == gemeente_id;
    eigen || (beheert_regio(g, regio) && z != Zichtbaarheid::Aggregaat)
}

/// May change who sees a gemeente's results. The gemeente itself (not a lezer) always may;
/// the region's coordinators may too, except lift "aggregaat": only the gemeente can undo
/// its own choice to appear only in the regional total.
pub fn mag_zichtbaarheid_zetten(
    g: &Gebruiker,
    regio: &RegioCode,
    gemeente_id: OrganisatieId,
    huidig: Zichtbaarheid,
) -> bool {
    (g.organisatie_id == gemeente_id && g.rol != Rol::Lezer)
        || (beheert_regio(g, regio) && huidig != Zichtbaarheid::Aggregaat)
}

/// May edit a plan van aanpak (regional: coordinators; local: also the gemeente's own staff).
pub fn mag_plan_schrijven(
    g: &Gebruiker,
    regio: &RegioCode,
    gemeente_id: Option<OrganisatieId>,
) -> bool {
    beheert_regio(g, regio) || (g.rol == Rol::Medewerker && gemeente_id == Some(g.organisatie_id))
}

/// May start a new plan van aanpak in the own region: who may write a regional plan, or a
/// medewerker of a gemeente (its local plan). Others get no (empty) form.
pub fn mag_plan_aanmaken(g: &Gebruiker) -> bool {
    beheert_regio(g, &g.regio_code)
        || (g.rol == Rol::Medewerker && g.organisatie_soort == "gemeente")
}

/// May see a plan van aanpak: regional plans everyone in the region; local plans the gemeente
/// itself and the coordinators (plans are built from possibly non-public results).
pub fn ziet_plan(g: &Gebruiker, regio: &RegioCode, gemeente_id: Option<OrganisatieId>) -> bool {
    match gemeente_id {
        None => ziet_regio(g, regio),
        Some(id) => beheert_regio(g, regio) || g.organisatie_id == id,
    }
}

/// May write a region's Werkset registration: its coordinators and contributors of its
/// partner organisations (not readers, not other regions).
pub fn mag_werkset_schrijven(g: &Gebruiker, regio: &RegioCode) -> bool {
    g.rol == Rol::Beheerder
        || (g.regio_code == *regio && matches!(g.rol, Rol::Regiocoordinator | Rol::Medewerker))
}

// ---- afstemmingsmomenten (need-to-know) ----------------------------------------------------

/// The kinds of organisation that take part in the afstemmingsmomenten (zorg and straf).
/// Only they can be participants of a moment, and so only they can see personal data.
pub const KETENPARTNERS: [&str; 5] = ["veilig_thuis", "politie", "om", "rvdk", "3ro"];

fn is_ketenpartner(g: &Gebruiker) -> bool {
    KETENPARTNERS.contains(&g.organisatie_soort.as_str())
}

/// May see the process data (moments, statuses, afspraken) of a region's cases: coordinators
/// and medewerkers of the region's partner organisations and of its network, and the
/// beheerder. Gemeenten and readers see the indicators only.
pub fn ziet_casusproces(g: &Gebruiker, regio: &RegioCode) -> bool {
    g.rol == Rol::Beheerder
        || (g.regio_code == *regio
            && matches!(g.rol, Rol::Regiocoordinator | Rol::Medewerker)
            && (is_ketenpartner(g) || g.organisatie_soort == "netwerk"))
}

/// May register a new moment in a region: coordinators and medewerkers of the region's
/// partner organisations (not the beheerder: registering makes the organisation a
/// participant).
pub fn mag_casus_registreren(g: &Gebruiker, regio: &RegioCode) -> bool {
    g.regio_code == *regio
        && matches!(g.rol, Rol::Regiocoordinator | Rol::Medewerker)
        && is_ketenpartner(g)
}

/// Need-to-know: personal data of a moment is shown only to coordinators and medewerkers of an
/// organisation that takes part in that moment right now. Everyone else, the beheerder
/// included, sees process data only.
pub fn ziet_persoonsgegevens(g: &Gebruiker, actieve_deelnemer: bool) -> bool {
    actieve_deelnemer
        && matches!(g.rol, Rol::Regiocoordinator | Rol::Medewerker)
        && is_ketenpartner(g)
}

/// May change a moment (process fields, afspraken, participants): the same people who may
/// see its personal data.
pub fn mag_moment_schrijven(g: &Gebruiker, actieve_deelnemer: bool) -> bool {
    ziet_persoonsgegevens(g, actieve_deelnemer)
}

/// May take the chair's decisions (voorbespreking, agenda, attendance) of an Actie-overleg.
pub fn is_voorzitter(g: &Gebruiker, voorzitter_organisatie_id: OrganisatieId) -> bool {
    g.organisatie_id == voorzitter_organisatie_id
        && matches!(g.rol, Rol::Regiocoordinator | Rol::Medewerker)
}

/// May set up a new Actie-overleg in a region: only a medewerker or coordinator of one of the
/// region's partner organisations, whose organisation becomes its chair. The overleg decides
/// who sees client data (its fixed members join every accepted aanmelding), so nobody who
/// cannot see case process data, and no organisation other than the chair's, may set one up:
/// not a gemeente or the network, and not the beheerder (who belongs to no partner
/// organisation and so cannot chair).
pub fn mag_overleg_instellen(g: &Gebruiker, regio: &RegioCode) -> bool {
    mag_casus_registreren(g, regio)
}

/// May manage an existing Actie-overleg (attendance, its members): the medewerkers and
/// coordinators of its chair's organisation who see the region's case process data.
pub fn beheert_overleg(
    g: &Gebruiker,
    regio: &RegioCode,
    voorzitter_organisatie_id: OrganisatieId,
) -> bool {
    ziet_casusproces(g, regio) && is_voorzitter(g, voorzitter_organisatie_id)
}

pub fn is_beheerder(g: &Gebruiker) -> bool {
    g.rol == Rol::Beheerder
}

/// The privacy officer's pages: the audit pages, the own account, the start page and signing
/// out. Everyone else passes.
pub fn fg_mag_pad(g: &Gebruiker, pad: &str) -> bool {
    g.rol != Rol::Privacyfunctionaris
        || pad == "/"
        || pad == "/uitloggen"
        || pad.starts_with("/privacy")
        || pad.starts_with("/account/")
        || pad.starts_with("/over/")
}

/// May manage the accounts of an organisation in `regio`: the beheerder everywhere, a
/// regiocoördinator in their own region.
pub fn beheert_gebruikers(g: &Gebruiker, regio: &RegioCode) -> bool {
    g.rol == Rol::Beheerder || (g.rol == Rol::Regiocoordinator && g.regio_code == *regio)
}

/// May manage the organisations of `regio` (Beheer › Organisaties): the beheerder for every
/// region, a regiocoördinator for his own.
pub fn beheert_organisaties(g: &Gebruiker, regio: &RegioCode) -> bool {
    g.rol == Rol::Beheerder || (g.rol == Rol::Regiocoordinator && g.regio_code == *regio)
}

/// May give `rol` to an account: only the beheerder makes beheerders.
pub fn mag_rol_toekennen(g: &Gebruiker, rol: Rol) -> bool {
    g.rol == Rol::Beheerder || rol != Rol::Beheerder
}

/// A second factor is required of everyone who can see personal data or administer: the
/// beheerder, the privacy officer, and coordinators and medewerkers of partner organisations. Others (gemeenten,
/// the network, readers) may enrol but need not.
pub fn tweestaps_verplicht(g: &Gebruiker) -> bool {
    matches!(g.rol, Rol::Beheerder | Rol::Privacyfunctionaris)
        || (matches!(g.rol, Rol::Regiocoordinator | Rol::Medewerker) && is_ketenpartner(g))
}

// ---- access as a type ----------------------------------------------------------------------
//
// Every repo function that reads or writes a region's case data or personal data takes one of
// the scope values below. Their fields are private and only this module makes them, so a query
// cannot be reached without the check that grants its scope: forgetting the check does not
// compile. The repo filters with the scope in SQL (a moment outside it gives no row), so a
// service that loads the wrong id gets "not found", never another region's or organisation's
// data. The one way around a check, `systeem`, is named so that it stands out in review.

/// May read the process data (moments, statuses, participation, afspraken, meetings, the
/// directory) of one region's cases, or of every region (`None`: the beheerder, system jobs).
#[derive(Debug, Clone)]
pub struct CasusInzage {
    regio: Option<RegioCode>,
}

impl CasusInzage {
    /// The region this scope is limited to (`None`: every region). Repo filters bind it as
    /// `($n IS NULL OR regio_code = $n)`.
    pub fn regio(&self) -> Option<&RegioCode> {
        self.regio.as_ref()
    }
    /// Whether a region lies in this scope.
    pub fn omvat(&self, regio: &RegioCode) -> bool {
        self.regio.as_ref().is_none_or(|r| r == regio)
    }
}

/// Need-to-know: the personal data, and the changes, of the moments one organisation takes
/// part in right now. Repo filters require an open `moment_deelnemer` period of that
/// organisation (`None`: system jobs such as the import and retention).
#[derive(Debug, Clone)]
pub struct Deelname {
    organisatie_id: Option<OrganisatieId>,
}

impl Deelname {
    pub fn organisatie(&self) -> Option<OrganisatieId> {
        self.organisatie_id
    }
}

/// May register cases in one region and manage its Actie-overleggen, meetings and contact
/// directory as a partner organisation. Repo writes are limited to that region.
#[derive(Debug, Clone)]
pub struct CasusRegistratie {
    regio: RegioCode,
}

impl CasusRegistratie {
    pub fn regio(&self) -> &RegioCode {
        &self.regio
    }
    /// Who may register in a region may read its process data.
    pub fn inzage(&self) -> CasusInzage {
        CasusInzage {
            regio: Some(self.regio),
        }
    }
}

/// The case-process scope of a user: coordinators and medewerkers of partner organisations and
/// of the network see their own region, the beheerder every region (`ziet_casusproces`).
pub fn casus_inzage(g: &Gebruiker) -> Option<CasusInzage> {
    if g.rol == Rol::Beheerder {
        return Some(CasusInzage { regio: None });
    }
    ziet_casusproces(g, &g.regio_code).then_some(CasusInzage {
        regio: Some(g.regio_code),
    })
}

/// The need-to-know scope of a user: coordinators and medewerkers of a partner organisation,
/// limited to the moments their organisation takes part in (`ziet_persoonsgegevens`). Nobody
/// else, the beheerder included, gets one.
pub fn deelname(g: &Gebruiker) -> Option<Deelname> {
    ziet_persoonsgegevens(g, true).then_some(Deelname {
        organisatie_id: Some(g.organisatie_id),
    })
}

/// The registration scope of a user in their own region (`mag_casus_registreren`).
pub fn casus_registratie(g: &Gebruiker) -> Option<CasusRegistratie> {
    mag_casus_registreren(g, &g.regio_code).then_some(CasusRegistratie {
        regio: g.regio_code,
    })
}

/// Indicators are computed from every moment of a region, also for readers and gemeenten who
/// may not see those moments: only counts leave the computation. This scope is for that
/// computation only (`indicatoren`); its rows must never reach a page.
pub fn voor_aggregaten() -> CasusInzage {
    CasusInzage { regio: None }
}

/// May read the Zelfscan rounds of one region (with their regional aggregates), its plans and
/// its routekaart, or of every region (`None`: the beheerder, the command line).
#[derive(Debug, Clone)]
pub struct RegioInzage {
    regio: Option<RegioCode>,
}

/// May manage the rounds, regional plans and routekaart of one region, or of every region
/// (`None`: the beheerder).
#[derive(Debug, Clone)]
pub struct RegioBeheer {
    regio: Option<RegioCode>,
}

macro_rules! regio_bereik {
    ($t:ty) => {
        impl $t {
            /// The region this scope is limited to (`None`: every region). Repo filters bind
            /// it as `($n IS NULL OR regio_code = $n)`.
            pub fn regio(&self) -> Option<&RegioCode> {
                self.regio.as_ref()
            }
            pub fn omvat(&self, regio: &RegioCode) -> bool {
                self.regio.as_ref().is_none_or(|r| r == regio)
            }
        }
    };
}
regio_bereik!(RegioInzage);
regio_bereik!(RegioBeheer);

/// The region scope of a user (`ziet_regio`): the beheerder every region, the others (not the
/// privacy officer) their own.
pub fn regio_inzage(g: &Gebruiker) -> Option<RegioInzage> {
    match g.rol {
        Rol::Beheerder => Some(RegioInzage { regio: None }),
        Rol::Privacyfunctionaris => None,
        _ => Some(RegioInzage {
            regio: Some(g.regio_code),
        }),
    }
}

/// The region an administrator manages: every region (`Some(None)`) for the beheerder, the own
/// for a regiocoördinator, none for anyone else. The rule behind the three management scopes
/// (regions, accounts, organisations).
fn beheerde_regio(g: &Gebruiker) -> Option<Option<RegioCode>> {
    match g.rol {
        Rol::Beheerder => Some(None),
        Rol::Regiocoordinator => Some(Some(g.regio_code)),
        _ => None,
    }
}

/// The management scope of a user (`beheert_regio`).
pub fn regio_beheer(g: &Gebruiker) -> Option<RegioBeheer> {
    beheerde_regio(g).map(|regio| RegioBeheer { regio })
}

/// One gemeente's sheet in one round. The repo takes the round and gemeente from the scope,
/// not from the caller, so a scope for one gemeente cannot write another's answers.
#[derive(Debug, Clone)]
pub struct Gemeenteblad {
    regio: Option<RegioCode>,
    ronde: crate::gedeeld::RondeId,
    gemeente: OrganisatieId,
}

impl Gemeenteblad {
    /// The round's region as the permission check saw it (`None`: the command line); the repo
    /// checks that the round still lies in it.
    pub fn regio(&self) -> Option<&RegioCode> {
        self.regio.as_ref()
    }
    pub fn ronde(&self) -> crate::gedeeld::RondeId {
        self.ronde
    }
    pub fn gemeente(&self) -> OrganisatieId {
        self.gemeente
    }
}

/// May read one gemeente's answers and procesvragen in one round (`ZelfscanScope::mag_zien`).
#[derive(Debug, Clone)]
pub struct GemeenteLezen(Gemeenteblad);

/// May read the participants (names are personal data) of one gemeente in one round: who may
/// write its answers, and the gemeente's own staff.
#[derive(Debug, Clone)]
pub struct DeelnemersLezen(Gemeenteblad);

/// May write one gemeente's answers, procesvragen and participants in one round
/// (`mag_antwoorden_schrijven`).
#[derive(Debug, Clone)]
pub struct GemeenteSchrijven(Gemeenteblad);

/// May change who sees one gemeente's results in one round (`mag_zichtbaarheid_zetten`).
#[derive(Debug, Clone)]
pub struct ZichtbaarheidZetten(Gemeenteblad);

impl std::ops::Deref for GemeenteLezen {
    type Target = Gemeenteblad;
    fn deref(&self) -> &Gemeenteblad {
        &self.0
    }
}
impl std::ops::Deref for DeelnemersLezen {
    type Target = Gemeenteblad;
    fn deref(&self) -> &Gemeenteblad {
        &self.0
    }
}
impl std::ops::Deref for GemeenteSchrijven {
    type Target = Gemeenteblad;
    fn deref(&self) -> &Gemeenteblad {
        &self.0
    }
}
impl std::ops::Deref for ZichtbaarheidZetten {
    type Target = Gemeenteblad;
    fn deref(&self) -> &Gemeenteblad {
        &self.0
    }
}

/// One gemeente of a round as the permission rules need it.
#[derive(Debug, Clone, Copy)]
pub struct BladIn<'a> {
    pub regio: &'a RegioCode,
    pub ronde: crate::gedeeld::RondeId,
    pub gemeente: OrganisatieId,
    pub zichtbaarheid: Zichtbaarheid,
}

impl BladIn<'_> {
    fn blad(&self) -> Gemeenteblad {
        Gemeenteblad {
            regio: Some(*self.regio),
            ronde: self.ronde,
            gemeente: self.gemeente,
        }
    }
}

pub fn gemeente_lezen(g: &Gebruiker, b: BladIn) -> Option<GemeenteLezen> {
    ZelfscanScope::voor(g, b.regio)
        .mag_zien(b.gemeente, b.zichtbaarheid)
        .then(|| GemeenteLezen(b.blad()))
}

pub fn deelnemers_lezen(g: &Gebruiker, b: BladIn) -> Option<DeelnemersLezen> {
    (gemeente_schrijven(g, b).is_some() || g.organisatie_id == b.gemeente)
        .then(|| DeelnemersLezen(b.blad()))
}

pub fn gemeente_schrijven(g: &Gebruiker, b: BladIn) -> Option<GemeenteSchrijven> {
    mag_antwoorden_schrijven(g, b.regio, b.gemeente, b.zichtbaarheid)
        .then(|| GemeenteSchrijven(b.blad()))
}

pub fn zichtbaarheid_zetten(g: &Gebruiker, b: BladIn) -> Option<ZichtbaarheidZetten> {
    mag_zichtbaarheid_zetten(g, b.regio, b.gemeente, b.zichtbaarheid)
        .then(|| ZichtbaarheidZetten(b.blad()))
}

/// May see plannen van aanpak: of one region or every region (`regio` None), local plans only of
/// the own gemeente unless `beheert` (the region's coordinators, the beheerder): `ziet_plan`.
#[derive(Debug, Clone)]
pub struct PlanInzage {
    regio: Option<RegioCode>,
    organisatie_id: OrganisatieId,
    beheert: bool,
}

impl PlanInzage {
    pub fn regio(&self) -> Option<&RegioCode> {
        self.regio.as_ref()
    }
    pub fn organisatie(&self) -> OrganisatieId {
        self.organisatie_id
    }
    /// Sees every local plan in the scope's region(s).
    pub fn beheert(&self) -> bool {
        self.beheert
    }
}

/// The plan scope of a user.
pub fn plan_inzage(g: &Gebruiker) -> Option<PlanInzage> {
    let regio = regio_inzage(g)?.regio;
    Some(PlanInzage {
        beheert: beheert_regio(g, &g.regio_code),
        regio,
        organisatie_id: g.organisatie_id,
    })
}

/// May create a plan van aanpak for a region (regional) or one of its gemeenten (local).
#[derive(Debug, Clone)]
pub struct NieuwPlan {
    regio: RegioCode,
    gemeente: Option<OrganisatieId>,
}

impl NieuwPlan {
    pub fn regio(&self) -> &RegioCode {
        &self.regio
    }
    pub fn gemeente(&self) -> Option<OrganisatieId> {
        self.gemeente
    }
}

pub fn nieuw_plan(
    g: &Gebruiker,
    regio: &RegioCode,
    gemeente: Option<OrganisatieId>,
) -> Option<NieuwPlan> {
    mag_plan_schrijven(g, regio, gemeente).then_some(NieuwPlan {
        regio: *regio,
        gemeente,
    })
}

/// May change one plan van aanpak (its texts, status and actions): `mag_plan_schrijven`.
#[derive(Debug, Clone, Copy)]
pub struct PlanSchrijven {
    plan: PlanId,
}

impl PlanSchrijven {
    pub fn plan(&self) -> PlanId {
        self.plan
    }
}

pub fn plan_schrijven(
    g: &Gebruiker,
    plan: PlanId,
    regio: &RegioCode,
    gemeente: Option<OrganisatieId>,
) -> Option<PlanSchrijven> {
    mag_plan_schrijven(g, regio, gemeente).then_some(PlanSchrijven { plan })
}

/// May read Werkset registrations of every region. They hold no personal data (quotes carry a
/// role, never a name) and are meant to be shared between networks: every signed-in user but
/// the privacy officer gets this scope. A proof that the check was made; it filters nothing.
#[derive(Debug, Clone, Copy)]
pub struct WerksetLezen(());

pub fn werkset_lezen(g: &Gebruiker) -> Option<WerksetLezen> {
    (g.rol != Rol::Privacyfunctionaris).then_some(WerksetLezen(()))
}

/// May write the Werkset registrations of one region (`mag_werkset_schrijven`). The repo
/// refuses a registration of another region.
#[derive(Debug, Clone)]
pub struct WerksetSchrijven {
    regio: RegioCode,
}

impl WerksetSchrijven {
    pub fn regio(&self) -> &RegioCode {
        &self.regio
    }
}

pub fn werkset_schrijven(g: &Gebruiker, regio: &RegioCode) -> Option<WerksetSchrijven> {
    mag_werkset_schrijven(g, regio).then_some(WerksetSchrijven { regio: *regio })
}

/// May read the audit log: all of it (the beheerder, `organisatie` None) or the privacy
/// officer's part: the rows of the own organisation's users and of the moments it takes or
/// took part in.
#[derive(Debug, Clone, Copy)]
pub struct AuditInzage {
    organisatie: Option<OrganisatieId>,
}

impl AuditInzage {
    pub fn organisatie(&self) -> Option<OrganisatieId> {
        self.organisatie
    }
}

/// The whole audit log: the beheerder only.
pub fn audit_alles(g: &Gebruiker) -> Option<AuditInzage> {
    (g.rol == Rol::Beheerder).then_some(AuditInzage { organisatie: None })
}

/// The organisation's part of the audit log: the privacy officer only.
pub fn audit_organisatie(g: &Gebruiker) -> Option<AuditInzage> {
    (g.rol == Rol::Privacyfunctionaris).then_some(AuditInzage {
        organisatie: Some(g.organisatie_id),
    })
}

/// May manage the accounts of one region's organisations, or of every region (`None`: the
/// beheerder): `beheert_gebruikers`. The repo reads and changes only accounts in the scope.
#[derive(Debug, Clone)]
pub struct GebruikersBeheer {
    regio: Option<RegioCode>,
}

regio_bereik!(GebruikersBeheer);

pub fn gebruikers_beheer(g: &Gebruiker) -> Option<GebruikersBeheer> {
    beheerde_regio(g).map(|regio| GebruikersBeheer { regio })
}

/// May manage the organisations of one region, or of every region (`None`: the beheerder):
/// `beheert_organisaties`. The repo creates, reads for administration and changes only
/// organisations in the scope, and moves none out of it.
#[derive(Debug, Clone)]
pub struct OrganisatieBeheer {
    regio: Option<RegioCode>,
}

regio_bereik!(OrganisatieBeheer);

pub fn organisatie_beheer(g: &Gebruiker) -> Option<OrganisatieBeheer> {
    beheerde_regio(g).map(|regio| OrganisatieBeheer { regio })
}

/// Escape hatch for work without a signed-in user: the CLI import, retention, the demo and
/// tests. Every use is a place where nobody's permission is checked; keep them few and
/// obvious (`grep -rn 'permissions::systeem()'`).
#[derive(Debug, Clone, Copy)]
pub struct Systeem(());

pub fn systeem() -> Systeem {
    Systeem(())
}

impl Systeem {
    pub fn inzage(self) -> CasusInzage {
        CasusInzage { regio: None }
    }
    pub fn deelname(self) -> Deelname {
        Deelname {
            organisatie_id: None,
        }
    }
    pub fn registratie(self, regio: &RegioCode) -> CasusRegistratie {
        CasusRegistratie { regio: *regio }
    }
    pub fn regio_inzage(self) -> RegioInzage {
        RegioInzage { regio: None }
    }
    pub fn regio_beheer(self) -> RegioBeheer {
        RegioBeheer { regio: None }
    }
    pub fn gebruikers_beheer(self) -> GebruikersBeheer {
        GebruikersBeheer { regio: None }
    }
    pub fn werkset_lezen(self) -> WerksetLezen {
        WerksetLezen(())
    }
    pub fn werkset_schrijven(self, regio: &RegioCode) -> WerksetSchrijven {
        WerksetSchrijven { regio: *regio }
    }
    /// The demo writes the national Uitvoeringsplan.
    pub fn uitvoeringsplan_schrijven(self) -> UitvoeringsplanSchrijven {
        UitvoeringsplanSchrijven(())
    }
    /// The demo writes a region's SWOT sessions, signing reacties with `organisatie`.
    pub fn swot_schrijven(self, regio: &RegioCode, organisatie: OrganisatieId) -> SwotSchrijven {
        SwotSchrijven {
            regio: *regio,
            organisatie,
            coordinator: true,
        }
    }
    pub fn nieuw_plan(self, regio: &RegioCode, gemeente: Option<OrganisatieId>) -> NieuwPlan {
        NieuwPlan {
            regio: *regio,
            gemeente,
        }
    }
    pub fn plan_schrijven(self, plan: PlanId) -> PlanSchrijven {
        PlanSchrijven { plan }
    }
    /// The command line writes any gemeente's answers (the Excel import).
    pub fn gemeente_schrijven(
        self,
        ronde: crate::gedeeld::RondeId,
        gemeente: OrganisatieId,
    ) -> GemeenteSchrijven {
        GemeenteSchrijven(Gemeenteblad {
            regio: None,
            ronde,
            gemeente,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(n: i64) -> crate::gedeeld::OrganisatieId {
        crate::gedeeld::OrganisatieId(n)
    }

    fn gebruiker(rol: Rol, org: OrganisatieId, regio: &RegioCode) -> Gebruiker {
        Gebruiker {
            id: crate::gedeeld::GebruikerId(1),
            email: "x@y.nl".into(),
            naam: "X".into(),
            rol,
            organisatie_id: org,
            organisatie_code: "o".into(),
            organisatie_naam: "O".into(),
            organisatie_soort: "gemeente".into(),
            regio_code: *regio,
        }
    }

    #[test]
    fn need_to_know() {
        let mut vt = gebruiker(
            Rol::Medewerker,
            org(1),
            &crate::gedeeld::RegioCode::OOST_BRABANT,
        );
        vt.organisatie_soort = "veilig_thuis".into();
        let gemeente = gebruiker(
            Rol::Medewerker,
            org(3),
            &crate::gedeeld::RegioCode::OOST_BRABANT,
        );
        assert!(!ziet_casusproces(
            &gemeente,
            &crate::gedeeld::RegioCode::OOST_BRABANT
        ));
        assert!(!mag_casus_registreren(
            &gemeente,
            &crate::gedeeld::RegioCode::OOST_BRABANT
        ));
        let lezer = gebruiker(Rol::Lezer, org(1), &crate::gedeeld::RegioCode::OOST_BRABANT);
        let beheerder = gebruiker(
            Rol::Beheerder,
            org(2),
            &crate::gedeeld::RegioCode::OOST_BRABANT,
        );
        assert!(ziet_persoonsgegevens(&vt, true));
        assert!(!ziet_persoonsgegevens(&vt, false));
        assert!(!ziet_persoonsgegevens(&lezer, true));
        assert!(!ziet_persoonsgegevens(&beheerder, false));
        assert!(ziet_casusproces(
            &beheerder,
            &crate::gedeeld::RegioCode::LIMBURG
        ));
        assert!(!ziet_casusproces(
            &lezer,
            &crate::gedeeld::RegioCode::OOST_BRABANT
        ));
        assert!(!ziet_casusproces(&vt, &crate::gedeeld::RegioCode::LIMBURG));
        assert!(!mag_casus_registreren(
            &beheerder,
            &crate::gedeeld::RegioCode::OOST_BRABANT
        ));
        assert!(mag_casus_registreren(
            &vt,
            &crate::gedeeld::RegioCode::OOST_BRABANT
        ));
    }

    #[test]
    fn actieoverleg_instellen_alleen_door_ketenpartner() {
        let ob = &RegioCode::OOST_BRABANT;
        let mut vt = gebruiker(Rol::Medewerker, org(1), ob);
        vt.organisatie_soort = "veilig_thuis".into();
        assert!(mag_overleg_instellen(&vt, ob));
        assert!(!mag_overleg_instellen(
            &vt,
            &crate::gedeeld::RegioCode::LIMBURG
        ));
        assert!(beheert_overleg(&vt, ob, org(1)));
        assert!(
            !beheert_overleg(&vt, ob, org(2)),
            "not the chair's organisation"
        );
        // A gemeente's coordinator cannot see cases, so it cannot decide who sees client data.
        let gemeente = gebruiker(Rol::Regiocoordinator, org(3), ob);
        assert!(!mag_overleg_instellen(&gemeente, ob));
        assert!(!beheert_overleg(&gemeente, ob, org(3)));
        let mut netwerk = gebruiker(Rol::Regiocoordinator, org(4), ob);
        netwerk.organisatie_soort = "netwerk".into();
        assert!(!mag_overleg_instellen(&netwerk, ob));
        let mut beheerder = gebruiker(Rol::Beheerder, org(1), ob);
        beheerder.organisatie_soort = "veilig_thuis".into();
        assert!(!mag_overleg_instellen(&beheerder, ob));
        let mut lezer = gebruiker(Rol::Lezer, org(1), ob);
        lezer.organisatie_soort = "veilig_thuis".into();
        assert!(!mag_overleg_instellen(&lezer, ob));
        assert!(!beheert_overleg(&lezer, ob, org(1)));
    }

    #[test]
    fn zichtbaarheid_per_instelling() {
        let eigen = ZelfscanScope::voor(
            &gebruiker(Rol::Lezer, org(7), &crate::gedeeld::RegioCode::OOST_BRABANT),
            &crate::gedeeld::RegioCode::OOST_BRABANT,
        );
        let ander = ZelfscanScope::voor(
            &gebruiker(
                Rol::Medewerker,
                org(8),
                &crate::gedeeld::RegioCode::OOST_BRABANT,
            ),
            &crate::gedeeld::RegioCode::OOST_BRABANT,
        );
        let coord = ZelfscanScope::voor(
            &gebruiker(
                Rol::Regiocoordinator,
                org(9),
                &crate::gedeeld::RegioCode::OOST_BRABANT,
            ),
            &crate::gedeeld::RegioCode::OOST_BRABANT,
        );
        let buiten = ZelfscanScope::voor(
            &gebruiker(
                Rol::Regiocoordinator,
                org(10),
                &crate::gedeeld::RegioCode::LIMBURG,
            ),
            &crate::gedeeld::RegioCode::OOST_BRABANT,
        );
        for z in Zichtbaarheid::ALLE {
            assert!(eigen.mag_zien(org(7), z), "own gemeente always sees itself");
            assert!(
                !buiten.mag_zien(org(7), z),
                "other region never sees individual results"
            );
        }
        assert!(ander.mag_zien(org(7), Zichtbaarheid::Regio));
        assert!(!ander.mag_zien(org(7), Zichtbaarheid::Gemeente));
        assert!(!ander.mag_zien(org(7), Zichtbaarheid::Aggregaat));
        assert!(coord.mag_zien(org(7), Zichtbaarheid::Gemeente));
        assert!(!coord.mag_zien(org(7), Zichtbaarheid::Aggregaat));
    }

    #[test]
    fn zichtbaarheid_wijzigen() {
        let coord = gebruiker(
            Rol::Regiocoordinator,
            org(9),
            &crate::gedeeld::RegioCode::OOST_BRABANT,
        );
        assert!(mag_zichtbaarheid_zetten(
            &coord,
            &crate::gedeeld::RegioCode::OOST_BRABANT,
            org(7),
            Zichtbaarheid::Regio
        ));
        assert!(!mag_zichtbaarheid_zetten(
            &coord,
            &crate::gedeeld::RegioCode::OOST_BRABANT,
            org(7),
            Zichtbaarheid::Aggregaat
        ));
        let eigen = gebruiker(
            Rol::Medewerker,
            org(7),
            &crate::gedeeld::RegioCode::OOST_BRABANT,
        );
        assert!(mag_zichtbaarheid_zetten(
            &eigen,
            &crate::gedeeld::RegioCode::OOST_BRABANT,
            org(7),
            Zichtbaarheid::Aggregaat
        ));
        let lezer = gebruiker(Rol::Lezer, org(7), &crate::gedeeld::RegioCode::OOST_BRABANT);
        assert!(!mag_zichtbaarheid_zetten(
            &lezer,
            &crate::gedeeld::RegioCode::OOST_BRABANT,
            org(7),
            Zichtbaarheid::Regio
        ));
        let ander = gebruiker(
            Rol::Medewerker,
            org(8),
            &crate::gedeeld::RegioCode::OOST_BRABANT,
        );
        assert!(!mag_zichtbaarheid_zetten(
            &ander,
            &crate::gedeeld::RegioCode::OOST_BRABANT,
            org(7),
            Zichtbaarheid::Regio
        ));
    }

    #[test]
    fn plan_aanmaken() {
        let ob = &RegioCode::OOST_BRABANT;
        assert!(mag_plan_aanmaken(&gebruiker(Rol::Medewerker, org(3), ob)));
        assert!(mag_plan_aanmaken(&gebruiker(
            Rol::Regiocoordinator,
            org(3),
            ob
        )));
        assert!(!mag_plan_aanmaken(&gebruiker(Rol::Lezer, org(3), ob)));
        let mut vt = gebruiker(Rol::Medewerker, org(1), ob);
        vt.organisatie_soort = "veilig_thuis".into();
        assert!(
            !mag_plan_aanmaken(&vt),
            "no gemeente: no local plan of its own"
        );
    }

    #[test]
    fn werkset_schrijfrechten() {
        assert!(mag_werkset_schrijven(
            &gebruiker(
                Rol::Medewerker,
                org(3),
                &crate::gedeeld::RegioCode::OOST_BRABANT
            ),
            &crate::gedeeld::RegioCode::OOST_BRABANT
        ));
        assert!(mag_werkset_schrijven(
            &gebruiker(
                Rol::Regiocoordinator,
                org(3),
                &crate::gedeeld::RegioCode::OOST_BRABANT
            ),
            &crate::gedeeld::RegioCode::OOST_BRABANT
        ));
        assert!(!mag_werkset_schrijven(
            &gebruiker(Rol::Lezer, org(3), &crate::gedeeld::RegioCode::OOST_BRABANT),
            &crate::gedeeld::RegioCode::OOST_BRABANT
        ));
        assert!(!mag_werkset_schrijven(
            &gebruiker(Rol::Medewerker, org(3), &crate::gedeeld::RegioCode::LIMBURG),
            &crate::gedeeld::RegioCode::OOST_BRABANT
        ));
    }

    #[test]
    fn schrijfrechten() {
        let lezer = gebruiker(Rol::Lezer, org(7), &crate::gedeeld::RegioCode::OOST_BRABANT);
        assert!(!mag_antwoorden_schrijven(
            &lezer,
            &crate::gedeeld::RegioCode::OOST_BRABANT,
            org(7),
            Zichtbaarheid::Regio
        ));
        let mw = gebruiker(
            Rol::Medewerker,
            org(7),
            &crate::gedeeld::RegioCode::OOST_BRABANT,
        );
        assert!(mag_antwoorden_schrijven(
            &mw,
            &crate::gedeeld::RegioCode::OOST_BRABANT,
            org(7),
            Zichtbaarheid::Aggregaat
        ));
        assert!(!mag_antwoorden_schrijven(
            &mw,
            &crate::gedeeld::RegioCode::OOST_BRABANT,
            org(8),
            Zichtbaarheid::Regio
        ));
        let coord = gebruiker(
            Rol::Regiocoordinator,
            org(9),
            &crate::gedeeld::RegioCode::OOST_BRABANT,
        );
        assert!(mag_antwoorden_schrijven(
            &coord,
            &crate::gedeeld::RegioCode::OOST_BRABANT,
            org(8),
            Zichtbaarheid::Gemeente
        ));
        assert!(!mag_antwoorden_schrijven(
            &coord,
            &crate::gedeeld::RegioCode::OOST_BRABANT,
            org(8),
            Zichtbaarheid::Aggregaat
        ));
    }
}

// ---- Ontwikkelagenda -------------------------------------------------------------------------

/// May read the Ontwikkelagenda: the SWOT sessions of every region, the national synthesis and
/// the Uitvoeringsplan. They hold no personal data and are there to be compared between
/// networks: every signed-in user but the privacy officer. A proof that the check was made.
#[derive(Debug, Clone, Copy)]
pub struct OntwikkelagendaLezen(());

pub fn ontwikkelagenda_lezen(g: &Gebruiker) -> Option<OntwikkelagendaLezen> {
    (g.rol != Rol::Privacyfunctionaris).then_some(OntwikkelagendaLezen(()))
}

/// May write one region's SWOT sessions (date, participants, board, stappen vooruit, status,
/// reacties): the region's coordinators and medewerkers, the members of its network. Not the
/// beheerder of the national network, not readers, not another region. The repo refuses a
/// session of another region.
#[derive(Debug, Clone)]
pub struct SwotSchrijven {
    regio: RegioCode,
    organisatie: OrganisatieId,
    coordinator: bool,
}

impl SwotSchrijven {
    pub fn regio(&self) -> &RegioCode {
        &self.regio
    }
    /// The writer's organisation (a reactie is signed with it).
    pub fn organisatie(&self) -> OrganisatieId {
        self.organisatie
    }
    /// A regiocoördinator may reopen a verslag that was vastgesteld.
    pub fn coordinator(&self) -> bool {
        self.coordinator
    }
}

pub fn swot_schrijven(g: &Gebruiker, regio: &RegioCode) -> Option<SwotSchrijven> {
    (g.regio_code == *regio && matches!(g.rol, Rol::Regiocoordinator | Rol::Medewerker)).then(
        || SwotSchrijven {
            regio: *regio,
            organisatie: g.organisatie_id,
            coordinator: g.rol == Rol::Regiocoordinator,
        },
    )
}

/// May write the national Uitvoeringsplan: the beheerder, who acts for the national network.
#[derive(Debug, Clone, Copy)]
pub struct UitvoeringsplanSchrijven(());

pub fn uitvoeringsplan_schrijven(g: &Gebruiker) -> Option<UitvoeringsplanSchrijven> {
    is_beheerder(g).then_some(UitvoeringsplanSchrijven(()))
}
