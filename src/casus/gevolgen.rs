//! What a closing or destructive action does, to whom: said before it is done. Afronden with
//! open afspraken, closing a case and ending a participation each first show a page that
//! names the organisations that lose access, the afspraken that stay open, and what can be
//! undone (GOV.UK "check before you act"); only process data, never what the case is about.

use super::model::{
    Afspraak, AfspraakStatus, Deelnemer, DeelnemerRol, Moment, Soort, mag_deelname_beeindigen,
};
use crate::gedeeld::OrganisatieId;

/// The actions that ask for a confirmation first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handeling {
    /// Afronden of a moment (asked only while afspraken are open).
    Afronden,
    /// Closing the case the moment belongs to.
    CasusSluiten,
    /// Ending one organisation's participation in the moment.
    DeelnameBeeindigen(OrganisatieId),
}

impl Handeling {
    /// From the confirmation page's query (`handeling`, `organisatie`).
    pub fn parse(handeling: &str, organisatie: Option<&str>) -> Option<Self> {
        match handeling {
            "afronden" => Some(Handeling::Afronden),
            "sluiten" => Some(Handeling::CasusSluiten),
            "beeindigen" => organisatie
                .and_then(|o| o.trim().parse().ok())
                .map(Handeling::DeelnameBeeindigen),
            _ => None,
        }
    }

    /// The query of its confirmation page.
    pub fn query(self) -> String {
        match self {
            Handeling::Afronden => "handeling=afronden".into(),
            Handeling::CasusSluiten => "handeling=sluiten".into(),
            Handeling::DeelnameBeeindigen(o) => format!("handeling=beeindigen&organisatie={o}"),
        }
    }
}

/// What the confirmation page says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gevolgen {
    /// The page's question ("Casus 12 sluiten?").
    pub titel: String,
    /// The confirming button's text.
    pub knop: String,
    /// What happens, to whom, one sentence each.
    pub regels: Vec<String>,
    /// Why it cannot be done now (then the page offers no button).
    pub bezwaar: Option<String>,
    /// Whether the action asks for a confirmation at all (afronden without open afspraken
    /// does not).
    pub nodig: bool,
}

/// What the case's open afspraken are, per owning organisation: "Politie: 2 (1 over de
/// deadline)".
fn open_afspraken(afspraken: &[&Afspraak], vandaag: &str) -> Vec<String> {
    let mut per: Vec<(String, usize, usize)> = Vec::new();
    for a in afspraken
        .iter()
        .filter(|a| a.status == AfspraakStatus::Open)
    {
        let laat = usize::from(a.deadline.as_str() < vandaag);
        match per.iter_mut().find(|(n, _, _)| *n == a.eigenaar_naam) {
            Some(p) => {
                p.1 += 1;
                p.2 += laat;
            }
            None => per.push((a.eigenaar_naam.clone(), 1, laat)),
        }
    }
    per.into_iter()
        .map(|(naam, n, laat)| match laat {
            0 => format!("{naam}: {n}"),
            l => format!("{naam}: {n} ({l} over de deadline)"),
        })
        .collect()
}

fn aantal_open(afspraken: &[&Afspraak]) -> usize {
    afspraken
        .iter()
        .filter(|a| a.status == AfspraakStatus::Open)
        .count()
}

fn afspraken_woord(n: usize) -> &'static str {
    if n == 1 { "afspraak" } else { "afspraken" }
}

/// Names in Dutch: "A", "A en B", "A, B en C".
fn opsomming(namen: &[String]) -> String {
    match namen {
        [] => String::new(),
        [een] => een.clone(),
        [rest @ .., laatste] => format!("{} en {laatste}", rest.join(", ")),
    }
}

/// What the action does. `deelnemers` are the moment's; for closing, `alle_deelnemers` are
/// those of every moment of the case and `afspraken` the case's, otherwise the moment's;
/// `lopend` the case's moments not yet finished; `eigen` the user's organisation.
pub struct Invoer<'a> {
    pub moment: &'a Moment,
    pub deelnemers: &'a [Deelnemer],
    pub alle_deelnemers: &'a [Deelnemer],
    pub afspraken: &'a [Afspraak],
    pub lopend: &'a [(i64, String)],
    pub eigen: OrganisatieId,
    pub vandaag: &'a str,
    pub bewaartermijn_maanden: u32,
}

pub fn gevolgen(h: Handeling, i: &Invoer) -> Gevolgen {
    match h {
        Handeling::Afronden => afronden(i),
        Handeling::CasusSluiten => sluiten(i),
        Handeling::DeelnameBeeindigen(org) => beeindigen(i, org),
    }
}

fn afronden(i: &Invoer) -> Gevolgen {
    let m = i.moment;
    let eigen: Vec<&Afspraak> = i.afspraken.iter().filter(|a| a.moment_id == m.id).collect();
    let open = aantal_open(&eigen);
    let mut regels = vec![format!(
        "{} #{} krijgt de status Afgerond: er worden geen stappen meer gezet. Een deelnemer kan het moment heropenen.",
        m.soort.label(),
        m.id
    )];
    if open > 0 {
        regels.push(format!(
            "Er {} nog {open} open {} van dit moment: {}.",
            if open == 1 { "staat" } else { "staan" },
            afspraken_woord(open),
            open_afspraken(&eigen, i.vandaag).join("; ")
        ));
        regels.push(
            "Open afspraken blijven open bij hun eigenaar en staan op hun Mijn werk tot ze gereed of vervallen zijn. Zet afspraken die niet meer nodig zijn eerst op vervallen."
                .into(),
        );
    }
    if m.soort == Soort::Actieoverleg && !m.gegevens.contains_key("terugkoppeling_op") {
        regels.push("Er is nog geen terugkoppeling aan de aanmelder vastgelegd.".into());
    }
    Gevolgen {
        titel: format!("{} #{} afronden?", m.soort.label(), m.id),
        knop: "Ja, moment afronden".into(),
        regels,
        bezwaar: None,
        nodig: open > 0,
    }
}

fn sluiten(i: &Invoer) -> Gevolgen {
    let m = i.moment;
    let mut namen: Vec<String> = Vec::new();
    for d in i.alle_deelnemers.iter().filter(|d| d.is_actief()) {
        if !namen.contains(&d.organisatie_naam) {
            namen.push(d.organisatie_naam.clone());
        }
    }
    let alle: Vec<&Afspraak> = i.afspraken.iter().collect();
    let open = aantal_open(&alle);
    let mut regels = vec![
        format!(
            "De deelname van {} aan alle momenten van casus {} eindigt, met als reden: casus gesloten.",
            if namen.is_empty() { "alle organisaties".into() } else { opsomming(&namen) },
            m.casus_id
        ),
        "Vanaf dat moment ziet niemand de persoonsgegevens van deze casus nog, ook uw eigen organisatie niet. De procesgegevens blijven voor de indicatoren.".into(),
        format!(
            "Na de bewaartermijn van {} maanden worden de persoonsgegevens gewist. Tot dan kan de inbrenger{} de casus heropenen; de andere organisaties moeten daarna opnieuw worden toegevoegd.",
            i.bewaartermijn_maanden,
            i.deelnemers
                .iter()
                .find(|d| d.rol == DeelnemerRol::Inbrenger)
                .map(|d| format!(" ({})", d.organisatie_naam))
                .unwrap_or_default()
        ),
    ];
    if open > 0 {
        regels.push(format!(
            "Er {} nog {open} open {} in de casus ({}); niemand ziet die daarna nog bij de casus.",
            if open == 1 { "staat" } else { "staan" },
            afspraken_woord(open),
            open_afspraken(&alle, i.vandaag).join("; ")
        ));
    }
    let bezwaar = if m.casus_status != "open" {
        Some(format!("Casus {} is al gesloten.", m.casus_id))
    } else if !i.lopend.is_empty() {
        let lopend: Vec<String> = i
            .lopend
            .iter()
            .map(|(id, soort)| format!("{} #{id}", Soort::parse(soort).map_or("", Soort::label)))
            .collect();
        Some(format!(
            "De casus kan pas worden gesloten als alle momenten zijn afgerond. Nog lopend: {}.",
            lopend.join(", ")
        ))
    } else {
        None
    };
    Gevolgen {
        titel: format!("Casus {} sluiten?", m.casus_id),
        knop: format!("Ja, casus {} sluiten", m.casus_id),
        regels,
        bezwaar,
        nodig: true,
    }
}

fn beeindigen(i: &Invoer, org: OrganisatieId) -> Gevolgen {
    let m = i.moment;
    let deelnemer = i
        .deelnemers
        .iter()
        .find(|d| d.organisatie_id == org && d.is_actief());
    let naam = deelnemer.map_or_else(
        || "Deze organisatie".to_string(),
        |d| d.organisatie_naam.clone(),
    );
    let zelf = org == i.eigen;
    let mut regels = vec![if zelf {
        format!(
            "Uw organisatie ({naam}) ziet vanaf nu de persoonsgegevens en de vrije tekst van {} #{} niet meer; deze pagina toont u daarna alleen procesgegevens.",
            m.soort.label(),
            m.id
        )
    } else {
        format!(
            "{naam} ziet vanaf nu de persoonsgegevens en de vrije tekst van {} #{} niet meer. U beëindigt deze deelname als voorzitter; het logboek legt dat vast.",
            m.soort.label(),
            m.id
        )
    }];
    let van_org: Vec<&Afspraak> = i
        .afspraken
        .iter()
        .filter(|a| a.moment_id == m.id && a.eigenaar_organisatie_id == org)
        .collect();
    let open = aantal_open(&van_org);
    if open > 0 {
        regels.push(format!(
            "{naam} heeft nog {open} open {} bij dit moment. Die blijven open; spreek af wie ze overneemt, of zet ze eerst op gereed of vervallen.",
            afspraken_woord(open)
        ));
    }
    regels.push(format!(
        "Een andere deelnemer kan {naam} later opnieuw toevoegen; de geschiedenis bewaart de onderbreking."
    ));
    let actief = i.deelnemers.iter().filter(|d| d.is_actief()).count();
    let bezwaar = if deelnemer.is_none() {
        Some("Deze organisatie neemt niet (meer) deel.".into())
    } else if !mag_deelname_beeindigen(i.deelnemers, i.eigen, org) {
        Some("Alleen de organisatie zelf of de voorzitter van het Actie-overleg kan deze deelname beëindigen.".into())
    } else if actief <= 1 {
        Some("Dit is de laatste deelnemer van dit moment. Voeg eerst een andere organisatie toe of sluit de casus.".into())
    } else {
        None
    };
    Gevolgen {
        titel: format!("Deelname van {naam} beëindigen?"),
        knop: "Ja, deelname beëindigen".into(),
        regels,
        bezwaar,
        nodig: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::casus::model::Status;

    fn deelnemer(id: i64, naam: &str, rol: DeelnemerRol, actief: bool) -> Deelnemer {
        Deelnemer {
            organisatie_id: OrganisatieId(id),
            organisatie_naam: naam.into(),
            organisatie_soort: String::new(),
            rol,
            vanaf: "2025-01-01".into(),
            tot: (!actief).then(|| "2025-02-01".into()),
            einde: None,
            beeindigd_door: None,
        }
    }

    fn afspraak(org: i64, naam: &str, deadline: &str, status: AfspraakStatus) -> Afspraak {
        let mut a = Afspraak::voorbeeld(1, Soort::Actieoverleg, deadline);
        a.eigenaar_organisatie_id = OrganisatieId(org);
        a.eigenaar_naam = naam.into();
        a.status = status;
        a
    }

    fn moment(soort: Soort) -> Moment {
        Moment::voorbeeld(1, soort, "2025-03-15T12:00", Status::Besproken, &[])
    }

    fn invoer<'a>(
        m: &'a Moment,
        d: &'a [Deelnemer],
        a: &'a [Afspraak],
        lopend: &'a [(i64, String)],
        eigen: i64,
    ) -> Invoer<'a> {
        Invoer {
            moment: m,
            deelnemers: d,
            alle_deelnemers: d,
            afspraken: a,
            lopend,
            eigen: OrganisatieId(eigen),
            vandaag: "2025-04-01",
            bewaartermijn_maanden: 24,
        }
    }

    #[test]
    fn afronden_vraagt_alleen_bevestiging_bij_open_afspraken() {
        let m = moment(Soort::Actieoverleg);
        let d = [deelnemer(1, "Politie", DeelnemerRol::Inbrenger, true)];
        let geen = gevolgen(Handeling::Afronden, &invoer(&m, &d, &[], &[], 1));
        assert!(!geen.nodig);
        let a = [
            afspraak(1, "Politie", "2025-03-20", AfspraakStatus::Open),
            afspraak(1, "Politie", "2025-05-01", AfspraakStatus::Open),
            afspraak(2, "Veilig Thuis", "2025-05-01", AfspraakStatus::Open),
            afspraak(2, "Veilig Thuis", "2025-03-01", AfspraakStatus::Gereed),
        ];
        let g = gevolgen(Handeling::Afronden, &invoer(&m, &d, &a, &[], 1));
        assert!(g.nodig);
        assert!(g.bezwaar.is_none());
        let tekst = g.regels.join(" ");
        assert!(
            tekst.contains("nog 3 open afspraken van dit moment: Politie: 2 (1 over de deadline); Veilig Thuis: 1."),
            "{tekst}"
        );
        assert!(tekst.contains("nog geen terugkoppeling"), "{tekst}");
    }

    #[test]
    fn sluiten_noemt_wie_de_toegang_verliest_en_weigert_bij_lopende_momenten() {
        let m = moment(Soort::Zsm);
        let d = [
            deelnemer(1, "Politie", DeelnemerRol::Inbrenger, true),
            deelnemer(2, "Veilig Thuis", DeelnemerRol::Betrokken, true),
            deelnemer(3, "Reclassering", DeelnemerRol::Betrokken, false),
        ];
        let g = gevolgen(Handeling::CasusSluiten, &invoer(&m, &d, &[], &[], 2));
        let tekst = g.regels.join(" ");
        assert!(
            tekst.contains("De deelname van Politie en Veilig Thuis aan alle momenten"),
            "{tekst}"
        );
        assert!(!tekst.contains("Reclassering"), "{tekst}");
        assert!(tekst.contains("24 maanden"), "{tekst}");
        assert!(tekst.contains("inbrenger (Politie)"), "{tekst}");
        assert!(g.bezwaar.is_none());
        let lopend = [(7, "actieoverleg".to_string())];
        let g = gevolgen(Handeling::CasusSluiten, &invoer(&m, &d, &[], &lopend, 2));
        assert_eq!(
            g.bezwaar.as_deref(),
            Some(
                "De casus kan pas worden gesloten als alle momenten zijn afgerond. Nog lopend: Actie-overleg #7."
            )
        );
    }

    #[test]
    fn beeindigen_zegt_wat_de_organisatie_verliest_en_wie_het_mag() {
        let m = moment(Soort::Zsm);
        let d = [
            deelnemer(1, "Politie", DeelnemerRol::Inbrenger, true),
            deelnemer(2, "Veilig Thuis", DeelnemerRol::Betrokken, true),
        ];
        let a = [afspraak(
            2,
            "Veilig Thuis",
            "2025-05-01",
            AfspraakStatus::Open,
        )];
        let zelf = gevolgen(
            Handeling::DeelnameBeeindigen(OrganisatieId(2)),
            &invoer(&m, &d, &a, &[], 2),
        );
        assert!(zelf.bezwaar.is_none());
        assert!(zelf.regels[0].starts_with("Uw organisatie (Veilig Thuis)"));
        assert!(zelf.regels[1].contains("nog 1 open afspraak bij dit moment"));
        // Someone else's participation, without being the chair: refused on the page already.
        let ander = gevolgen(
            Handeling::DeelnameBeeindigen(OrganisatieId(1)),
            &invoer(&m, &d, &a, &[], 2),
        );
        assert!(
            ander
                .bezwaar
                .unwrap()
                .starts_with("Alleen de organisatie zelf")
        );
        // The last participant cannot leave.
        let alleen = [deelnemer(2, "Veilig Thuis", DeelnemerRol::Betrokken, true)];
        let laatste = gevolgen(
            Handeling::DeelnameBeeindigen(OrganisatieId(2)),
            &invoer(&m, &alleen, &[], &[], 2),
        );
        assert!(laatste.bezwaar.unwrap().contains("laatste deelnemer"));
    }

    #[test]
    fn handeling_heen_en_terug() {
        for h in [
            Handeling::Afronden,
            Handeling::CasusSluiten,
            Handeling::DeelnameBeeindigen(OrganisatieId(4)),
        ] {
            let q = h.query();
            let mut delen = q.split('&').map(|d| d.split_once('=').unwrap().1);
            let soort = delen.next().unwrap();
            assert_eq!(Handeling::parse(soort, delen.next()), Some(h));
        }
        assert_eq!(Handeling::parse("beeindigen", Some("x")), None);
        assert_eq!(Handeling::parse("wissen", None), None);
    }
}
