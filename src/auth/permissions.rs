//! Access is decided here, in one place. Services ask these functions; repo queries that
//! return gemeente-level Zelfscan data take a `ZelfscanScope` so no query can forget the filter.

use super::model::{Gebruiker, Rol};
use crate::zelfscan::model::Zichtbaarheid;

/// Which individual gemeente results the user may see in one region.
#[derive(Debug, Clone)]
pub struct ZelfscanScope {
    pub organisatie_id: i64,
    /// May see results marked `regio`.
    pub ziet_regio: bool,
    /// May see results marked `gemeente` (coordinators of the region).
    pub ziet_gemeente: bool,
}

impl ZelfscanScope {
    pub fn voor(g: &Gebruiker, regio: &str) -> Self {
        let in_regio = g.rol == Rol::Beheerder || g.regio_code == regio;
        Self {
            organisatie_id: g.organisatie_id,
            ziet_regio: in_regio,
            ziet_gemeente: beheert_regio(g, regio),
        }
    }
    /// The same rule the SQL filter applies, for data already in memory.
    pub fn mag_zien(&self, gemeente_id: i64, z: Zichtbaarheid) -> bool {
        gemeente_id == self.organisatie_id
            || match z {
                Zichtbaarheid::Regio => self.ziet_regio,
                Zichtbaarheid::Gemeente => self.ziet_gemeente,
                Zichtbaarheid::Aggregaat => false,
            }
    }
}

/// May see a region's pages (rounds, aggregates, routekaart).
pub fn ziet_regio(g: &Gebruiker, regio: &str) -> bool {
    g.rol == Rol::Beheerder || (g.regio_code == regio && g.rol != Rol::Privacyfunctionaris)
}

/// May create and manage rounds, plans and the routekaart of a region.
pub fn beheert_regio(g: &Gebruiker, regio: &str) -> bool {
    g.rol == Rol::Beheerder || (g.rol == Rol::Regiocoordinator && g.regio_code == regio)
}

/// May write the answers of a gemeente in a round.
pub fn mag_antwoorden_schrijven(
    g: &Gebruiker,
    regio: &str,
    gemeente_id: i64,
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
    regio: &str,
    gemeente_id: i64,
    huidig: Zichtbaarheid,
) -> bool {
    (g.organisatie_id == gemeente_id && g.rol != Rol::Lezer)
        || (beheert_regio(g, regio) && huidig != Zichtbaarheid::Aggregaat)
}

/// May edit a plan van aanpak (regional: coordinators; local: also the gemeente's own staff).
pub fn mag_plan_schrijven(g: &Gebruiker, regio: &str, gemeente_id: Option<i64>) -> bool {
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
pub fn ziet_plan(g: &Gebruiker, regio: &str, gemeente_id: Option<i64>) -> bool {
    match gemeente_id {
        None => ziet_regio(g, regio),
        Some(id) => beheert_regio(g, regio) || g.organisatie_id == id,
    }
}

/// May write a region's Werkset registration: its coordinators and contributors of its
/// partner organisations (not readers, not other regions).
pub fn mag_werkset_schrijven(g: &Gebruiker, regio: &str) -> bool {
    g.rol == Rol::Beheerder
        || (g.regio_code == regio && matches!(g.rol, Rol::Regiocoordinator | Rol::Medewerker))
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
pub fn ziet_casusproces(g: &Gebruiker, regio: &str) -> bool {
    g.rol == Rol::Beheerder
        || (g.regio_code == regio
            && matches!(g.rol, Rol::Regiocoordinator | Rol::Medewerker)
            && (is_ketenpartner(g) || g.organisatie_soort == "netwerk"))
}

/// May register a new moment in a region: coordinators and medewerkers of the region's
/// partner organisations (not the beheerder: registering makes the organisation a
/// participant).
pub fn mag_casus_registreren(g: &Gebruiker, regio: &str) -> bool {
    g.regio_code == regio
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
pub fn is_voorzitter(g: &Gebruiker, voorzitter_organisatie_id: i64) -> bool {
    g.organisatie_id == voorzitter_organisatie_id
        && matches!(g.rol, Rol::Regiocoordinator | Rol::Medewerker)
}

/// May set up a new Actie-overleg in a region: only a medewerker or coordinator of one of the
/// region's partner organisations, whose organisation becomes its chair. The overleg decides
/// who sees client data (its fixed members join every accepted aanmelding), so nobody who
/// cannot see case process data, and no organisation other than the chair's, may set one up:
/// not a gemeente or the network, and not the beheerder (who belongs to no partner
/// organisation and so cannot chair).
pub fn mag_overleg_instellen(g: &Gebruiker, regio: &str) -> bool {
    mag_casus_registreren(g, regio)
}

/// May manage an existing Actie-overleg (attendance, its members): the medewerkers and
/// coordinators of its chair's organisation who see the region's case process data.
pub fn beheert_overleg(g: &Gebruiker, regio: &str, voorzitter_organisatie_id: i64) -> bool {
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
}

/// May manage the accounts of an organisation in `regio`: the beheerder everywhere, a
/// regiocoördinator in their own region.
pub fn beheert_gebruikers(g: &Gebruiker, regio: &str) -> bool {
    g.rol == Rol::Beheerder || (g.rol == Rol::Regiocoordinator && g.regio_code == regio)
}

/// May manage the organisations of `regio` (Beheer › Organisaties): the beheerder for every
/// region, a regiocoördinator for his own.
pub fn beheert_organisaties(g: &Gebruiker, regio: &str) -> bool {
    g.rol == Rol::Beheerder || (g.rol == Rol::Regiocoordinator && g.regio_code == regio)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn gebruiker(rol: Rol, org: i64, regio: &str) -> Gebruiker {
        Gebruiker {
            id: 1,
            email: "x@y.nl".into(),
            naam: "X".into(),
            rol,
            organisatie_id: org,
            organisatie_code: "o".into(),
            organisatie_naam: "O".into(),
            organisatie_soort: "gemeente".into(),
            regio_code: regio.into(),
        }
    }

    #[test]
    fn need_to_know() {
        let mut vt = gebruiker(Rol::Medewerker, 1, "oost-brabant");
        vt.organisatie_soort = "veilig_thuis".into();
        let gemeente = gebruiker(Rol::Medewerker, 3, "oost-brabant");
        assert!(!ziet_casusproces(&gemeente, "oost-brabant"));
        assert!(!mag_casus_registreren(&gemeente, "oost-brabant"));
        let lezer = gebruiker(Rol::Lezer, 1, "oost-brabant");
        let beheerder = gebruiker(Rol::Beheerder, 2, "oost-brabant");
        assert!(ziet_persoonsgegevens(&vt, true));
        assert!(!ziet_persoonsgegevens(&vt, false));
        assert!(!ziet_persoonsgegevens(&lezer, true));
        assert!(!ziet_persoonsgegevens(&beheerder, false));
        assert!(ziet_casusproces(&beheerder, "limburg"));
        assert!(!ziet_casusproces(&lezer, "oost-brabant"));
        assert!(!ziet_casusproces(&vt, "limburg"));
        assert!(!mag_casus_registreren(&beheerder, "oost-brabant"));
        assert!(mag_casus_registreren(&vt, "oost-brabant"));
    }

    #[test]
    fn actieoverleg_instellen_alleen_door_ketenpartner() {
        let ob = "oost-brabant";
        let mut vt = gebruiker(Rol::Medewerker, 1, ob);
        vt.organisatie_soort = "veilig_thuis".into();
        assert!(mag_overleg_instellen(&vt, ob));
        assert!(!mag_overleg_instellen(&vt, "limburg"));
        assert!(beheert_overleg(&vt, ob, 1));
        assert!(!beheert_overleg(&vt, ob, 2), "not the chair's organisation");
        // A gemeente's coordinator cannot see cases, so it cannot decide who sees client data.
        let gemeente = gebruiker(Rol::Regiocoordinator, 3, ob);
        assert!(!mag_overleg_instellen(&gemeente, ob));
        assert!(!beheert_overleg(&gemeente, ob, 3));
        let mut netwerk = gebruiker(Rol::Regiocoordinator, 4, ob);
        netwerk.organisatie_soort = "netwerk".into();
        assert!(!mag_overleg_instellen(&netwerk, ob));
        let mut beheerder = gebruiker(Rol::Beheerder, 1, ob);
        beheerder.organisatie_soort = "veilig_thuis".into();
        assert!(!mag_overleg_instellen(&beheerder, ob));
        let mut lezer = gebruiker(Rol::Lezer, 1, ob);
        lezer.organisatie_soort = "veilig_thuis".into();
        assert!(!mag_overleg_instellen(&lezer, ob));
        assert!(!beheert_overleg(&lezer, ob, 1));
    }

    #[test]
    fn zichtbaarheid_per_instelling() {
        let eigen = ZelfscanScope::voor(&gebruiker(Rol::Lezer, 7, "oost-brabant"), "oost-brabant");
        let ander = ZelfscanScope::voor(
            &gebruiker(Rol::Medewerker, 8, "oost-brabant"),
            "oost-brabant",
        );
        let coord = ZelfscanScope::voor(
            &gebruiker(Rol::Regiocoordinator, 9, "oost-brabant"),
            "oost-brabant",
        );
        let buiten = ZelfscanScope::voor(
            &gebruiker(Rol::Regiocoordinator, 10, "limburg"),
            "oost-brabant",
        );
        for z in Zichtbaarheid::ALLE {
            assert!(eigen.mag_zien(7, z), "own gemeente always sees itself");
            assert!(
                !buiten.mag_zien(7, z),
                "other region never sees individual results"
            );
        }
        assert!(ander.mag_zien(7, Zichtbaarheid::Regio));
        assert!(!ander.mag_zien(7, Zichtbaarheid::Gemeente));
        assert!(!ander.mag_zien(7, Zichtbaarheid::Aggregaat));
        assert!(coord.mag_zien(7, Zichtbaarheid::Gemeente));
        assert!(!coord.mag_zien(7, Zichtbaarheid::Aggregaat));
    }

    #[test]
    fn zichtbaarheid_wijzigen() {
        let coord = gebruiker(Rol::Regiocoordinator, 9, "oost-brabant");
        assert!(mag_zichtbaarheid_zetten(
            &coord,
            "oost-brabant",
            7,
            Zichtbaarheid::Regio
        ));
        assert!(!mag_zichtbaarheid_zetten(
            &coord,
            "oost-brabant",
            7,
            Zichtbaarheid::Aggregaat
        ));
        let eigen = gebruiker(Rol::Medewerker, 7, "oost-brabant");
        assert!(mag_zichtbaarheid_zetten(
            &eigen,
            "oost-brabant",
            7,
            Zichtbaarheid::Aggregaat
        ));
        let lezer = gebruiker(Rol::Lezer, 7, "oost-brabant");
        assert!(!mag_zichtbaarheid_zetten(
            &lezer,
            "oost-brabant",
            7,
            Zichtbaarheid::Regio
        ));
        let ander = gebruiker(Rol::Medewerker, 8, "oost-brabant");
        assert!(!mag_zichtbaarheid_zetten(
            &ander,
            "oost-brabant",
            7,
            Zichtbaarheid::Regio
        ));
    }

    #[test]
    fn plan_aanmaken() {
        let ob = "oost-brabant";
        assert!(mag_plan_aanmaken(&gebruiker(Rol::Medewerker, 3, ob)));
        assert!(mag_plan_aanmaken(&gebruiker(Rol::Regiocoordinator, 3, ob)));
        assert!(!mag_plan_aanmaken(&gebruiker(Rol::Lezer, 3, ob)));
        let mut vt = gebruiker(Rol::Medewerker, 1, ob);
        vt.organisatie_soort = "veilig_thuis".into();
        assert!(
            !mag_plan_aanmaken(&vt),
            "no gemeente: no local plan of its own"
        );
    }

    #[test]
    fn werkset_schrijfrechten() {
        assert!(mag_werkset_schrijven(
            &gebruiker(Rol::Medewerker, 3, "oost-brabant"),
            "oost-brabant"
        ));
        assert!(mag_werkset_schrijven(
            &gebruiker(Rol::Regiocoordinator, 3, "oost-brabant"),
            "oost-brabant"
        ));
        assert!(!mag_werkset_schrijven(
            &gebruiker(Rol::Lezer, 3, "oost-brabant"),
            "oost-brabant"
        ));
        assert!(!mag_werkset_schrijven(
            &gebruiker(Rol::Medewerker, 3, "limburg"),
            "oost-brabant"
        ));
    }

    #[test]
    fn schrijfrechten() {
        let lezer = gebruiker(Rol::Lezer, 7, "oost-brabant");
        assert!(!mag_antwoorden_schrijven(
            &lezer,
            "oost-brabant",
            7,
            Zichtbaarheid::Regio
        ));
        let mw = gebruiker(Rol::Medewerker, 7, "oost-brabant");
        assert!(mag_antwoorden_schrijven(
            &mw,
            "oost-brabant",
            7,
            Zichtbaarheid::Aggregaat
        ));
        assert!(!mag_antwoorden_schrijven(
            &mw,
            "oost-brabant",
            8,
            Zichtbaarheid::Regio
        ));
        let coord = gebruiker(Rol::Regiocoordinator, 9, "oost-brabant");
        assert!(mag_antwoorden_schrijven(
            &coord,
            "oost-brabant",
            8,
            Zichtbaarheid::Gemeente
        ));
        assert!(!mag_antwoorden_schrijven(
            &coord,
            "oost-brabant",
            8,
            Zichtbaarheid::Aggregaat
        ));
    }
}
