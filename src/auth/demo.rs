//! The fictional demo accounts (`voorop demo` creates them; the sign-in page lists them when
//! the database holds the demo). Every name here is invented.

/// The two Veilig Thuis organisations of Oost-Brabant. The first keeps the code the demo has
/// always used for "the" VT of the region.
pub const VT_NOORDOOST: &str = "vt-oost-brabant";
pub const VT_ZUIDOOST: &str = "vt-zuidoost-brabant";

/// The password of every demo account.
pub const WACHTWOORD: &str = "Voorop-demo-2026";
/// (email, name, organisation code, role)
pub const GEBRUIKERS: [(&str, &str, &str, &str); 12] = [
    (
        "beheerder@demo.voorop.nl",
        "Bea Beheer (fictief)",
        "netwerk-oost-brabant",
        "beheerder",
    ),
    (
        "coordinator@demo.voorop.nl",
        "Cor Coördinator (fictief)",
        "netwerk-oost-brabant",
        "regiocoordinator",
    ),
    (
        "medewerker@demo.voorop.nl",
        "Mila Medewerker (fictief)",
        "dommelstad",
        "medewerker",
    ),
    (
        "lezer@demo.voorop.nl",
        "Lex Lezer (fictief)",
        "peelrand",
        "lezer",
    ),
    (
        "medewerker.beekdal@demo.voorop.nl",
        "Bram Beekdal (fictief)",
        "beekdal",
        "medewerker",
    ),
    (
        "politie@demo.voorop.nl",
        "Pim Politie (fictief)",
        "politie-oost-brabant",
        "medewerker",
    ),
    (
        "vt@demo.voorop.nl",
        "Vera Veilig (fictief)",
        "vt-oost-brabant",
        "medewerker",
    ),
    (
        "om@demo.voorop.nl",
        "Otto Officier (fictief)",
        "om-oost-brabant",
        "medewerker",
    ),
    (
        "coordinator.limburg@demo.voorop.nl",
        "Lies Limburg (fictief)",
        "netwerk-limburg",
        "regiocoordinator",
    ),
    (
        "fg@demo.voorop.nl",
        "Femke Gegevensbescherming (fictief)",
        "vt-oost-brabant",
        "privacyfunctionaris",
    ),
    // The region's second Veilig Thuis (seed 001: VT Brabant-Noordoost and VT Zuidoost-Brabant).
    (
        "vt.zob@demo.voorop.nl",
        "Zeger Zuidoost (fictief)",
        VT_ZUIDOOST,
        "medewerker",
    ),
    (
        "coordinator.zob@demo.voorop.nl",
        "Carla Kempen (fictief)",
        VT_ZUIDOOST,
        "regiocoordinator",
    ),
];
