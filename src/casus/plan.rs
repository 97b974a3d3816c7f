//! The onderzoeks- en veiligheidsplan of a case (seed 000 §3.3: the Actie-overleg records its
//! activities "in het onderzoeks- en veiligheidsplan"; seed 001 §3 and §5): for direct and for
//! structural safety, per partner the onderzoekshandelingen and interventions, each with a
//! date and a status. Every save is a new version (who, when, what changed); the afspraken of
//! the case's moments appear beside it. No SQL, no HTTP: the items, their validation from a
//! form, and the difference between two versions.

use super::model::AfspraakSoort;
use crate::code_enum;
use crate::error::Veldfout;
use crate::gedeeld::{GebruikerId, OrganisatieId};

code_enum!(
    /// What an item is: finding out, or acting.
    PlanSoort {
        Onderzoek => ("onderzoek", "Onderzoekshandeling"),
        Interventie => ("interventie", "Interventie"),
    }
);

code_enum!(
    PlanStatus {
        Gepland => ("gepland", "Gepland"),
        Loopt => ("loopt", "Loopt"),
        Gereed => ("gereed", "Gereed"),
        Vervallen => ("vervallen", "Vervallen"),
    }
);

/// The longest description of an item, in characters.
pub const MAX_OMSCHRIJVING: usize = 500;
/// The longest note with a version.
pub const MAX_TOELICHTING: usize = 300;
/// Empty rows the form offers for new items.
pub const NIEUWE_REGELS: usize = 3;

/// One activity of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanItem {
    /// Direct or structural safety (the same split as the afspraken).
    pub veiligheid: AfspraakSoort,
    /// The partner that does it.
    pub partner: OrganisatieId,
    /// Optionally, who of the partner does it (a user of that organisation).
    pub eigenaar: Option<GebruikerId>,
    pub soort: PlanSoort,
    /// Free text (personal data: participants only, erased after the retention period).
    pub omschrijving: String,
    /// `YYYY-MM-DD`: when it is planned or was done.
    pub datum: String,
    pub status: PlanStatus,
}

/// One saved version of a plan.
#[derive(Debug, Clone)]
pub struct PlanVersie {
    pub versie: i64,
    pub organisatie_naam: String,
    pub gebruiker_naam: String,
    pub gemaakt_op: String,
    pub toelichting: String,
    pub items: Vec<PlanItem>,
    /// The names of the owners its items name.
    pub eigenaren: Vec<(GebruikerId, String)>,
}

impl PlanVersie {
    /// "Partner" or "Partner (name of the owner)".
    pub fn uitvoerder(&self, i: &PlanItem, partner: &str) -> String {
        match i
            .eigenaar
            .and_then(|e| self.eigenaren.iter().find(|(id, _)| *id == e))
        {
            Some((_, naam)) => format!("{partner} ({naam})"),
            None => partner.to_string(),
        }
    }
}

/// What changed from one version to the next.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Verschil {
    pub toegevoegd: usize,
    pub gewijzigd: usize,
    pub verwijderd: usize,
}

impl Verschil {
    /// "2 toegevoegd, 1 gewijzigd" (or "geen wijzigingen in de activiteiten").
    pub fn tekst(&self) -> String {
        let delen: Vec<String> = [
            (self.toegevoegd, "toegevoegd"),
            (self.gewijzigd, "gewijzigd"),
            (self.verwijderd, "verwijderd"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, w)| format!("{n} {w}"))
        .collect();
        if delen.is_empty() {
            "geen wijzigingen in de activiteiten".into()
        } else {
            delen.join(", ")
        }
    }
}

/// The difference between two versions, item by position: the form keeps each item in its row,
/// so a row is the same item in both (a removed row shifts the rest: counted as changes).
pub fn verschil(oud: &[PlanItem], nieuw: &[PlanItem]) -> Verschil {
    let gedeeld = oud.len().min(nieuw.len());
    Verschil {
        gewijzigd: (0..gedeeld).filter(|i| oud[*i] != nieuw[*i]).count(),
        toegevoegd: nieuw.len().saturating_sub(oud.len()),
        verwijderd: oud.len().saturating_sub(nieuw.len()),
    }
}

/// One row of the plan form as typed (kept when the form is refused).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanRegel {
    pub veiligheid: String,
    pub partner: String,
    pub eigenaar: String,
    pub soort: String,
    pub omschrijving: String,
    pub datum: String,
    pub status: String,
    pub verwijderen: bool,
}

impl PlanRegel {
    pub fn van(i: &PlanItem) -> Self {
        PlanRegel {
            veiligheid: i.veiligheid.code().into(),
            partner: i.partner.to_string(),
            eigenaar: i.eigenaar.map(|e| e.to_string()).unwrap_or_default(),
            soort: i.soort.code().into(),
            omschrijving: i.omschrijving.clone(),
            datum: i.datum.clone(),
            status: i.status.code().into(),
            verwijderen: false,
        }
    }
    fn is_leeg(&self) -> bool {
        self.omschrijving.trim().is_empty()
            && self.datum.trim().is_empty()
            && self.partner.trim().is_empty()
    }
}

/// The rows of a form: `regel-N-veld` pairs (N from 0), in order of N.
pub fn regels_uit(paren: &[(String, String)]) -> Vec<PlanRegel> {
    let mut regels: Vec<(usize, PlanRegel)> = vec![];
    for (k, v) in paren {
        let Some(rest) = k.strip_prefix("regel-") else {
            continue;
        };
        let Some((n, veld)) = rest.split_once('-') else {
            continue;
        };
        let Ok(n) = n.parse::<usize>() else {
            continue;
        };
        // At most a few hundred rows; anything beyond is not a plan.
        if n >= 500 {
            continue;
        }
        let plek = regels.iter().position(|(i, _)| *i == n).unwrap_or_else(|| {
            regels.push((n, PlanRegel::default()));
            regels.len() - 1
        });
        let r = &mut regels[plek].1;
        let v = v.clone();
        match veld {
            "veiligheid" => r.veiligheid = v,
            "partner" => r.partner = v,
            "eigenaar" => r.eigenaar = v,
            "soort" => r.soort = v,
            "omschrijving" => r.omschrijving = v,
            "datum" => r.datum = v,
            "status" => r.status = v,
            "verwijderen" => r.verwijderen = v == "ja",
            _ => {}
        }
    }
    regels.sort_by_key(|(n, _)| *n);
    regels.into_iter().map(|(_, r)| r).collect()
}

/// The items of the submitted rows: empty rows and rows marked for removal are left out; every
/// other row needs all its fields, a partner among `partners` and a valid date, and may name an
/// owner among `eigenaren` (user, organisation) of that partner. Errors name the row's field
/// (`regel-N-veld`), all at once.
pub fn items_uit(
    regels: &[PlanRegel],
    partners: &[OrganisatieId],
    eigenaren: &[(GebruikerId, OrganisatieId)],
) -> Result<Vec<PlanItem>, Vec<Veldfout>> {
    let mut items = vec![];
    let mut fouten = vec![];
    for (n, r) in regels.iter().enumerate() {
        if r.verwijderen || r.is_leeg() {
            continue;
        }
        let nr = n + 1;
        let mut fout = |veld: &str, melding: String| {
            fouten.push(Veldfout::new(format!("regel-{n}-{veld}"), melding));
        };
        let veiligheid = AfspraakSoort::parse(r.veiligheid.trim());
        if veiligheid.is_none() {
            fout(
                "veiligheid",
                format!("Regel {nr}: kies directe of structurele veiligheid."),
            );
        }
        let partner = r
            .partner
            .trim()
            .parse::<OrganisatieId>()
            .ok()
            .filter(|p| partners.contains(p));
        if partner.is_none() {
            fout(
                "partner",
                format!("Regel {nr}: kies een ketenpartner uit de regio."),
            );
        }
        let eigenaar = match r.eigenaar.trim() {
            "" => Ok(None),
            e => e
                .parse::<GebruikerId>()
                .ok()
                .filter(|e| eigenaren.iter().any(|(x, o)| x == e && Some(*o) == partner))
                .map(Some)
                .ok_or(()),
        };
        if eigenaar.is_err() && partner.is_some() {
            fout(
                "eigenaar",
                format!(
                    "Regel {nr}: kies een medewerker van de gekozen partner, of laat het veld \
                     leeg voor de hele organisatie."
                ),
            );
        }
        let soort = PlanSoort::parse(r.soort.trim());
        if soort.is_none() {
            fout(
                "soort",
                format!("Regel {nr}: kies onderzoekshandeling of interventie."),
            );
        }
        let omschrijving = r.omschrijving.trim();
        if omschrijving.is_empty() {
            fout(
                "omschrijving",
                format!("Regel {nr}: beschrijf de activiteit."),
            );
        } else if omschrijving.chars().count() > MAX_OMSCHRIJVING {
            fout(
                "omschrijving",
                format!(
                    "Regel {nr}: de omschrijving is te lang (maximaal {MAX_OMSCHRIJVING} tekens)."
                ),
            );
        }
        let datum = super::velden::datum(&r.datum);
        if datum.is_none() {
            fout(
                "datum",
                format!("Regel {nr}: vul een datum in (JJJJ-MM-DD)."),
            );
        }
        let status = PlanStatus::parse(r.status.trim());
        if status.is_none() {
            fout(
                "status",
                format!("Regel {nr}: kies gepland, loopt, gereed of vervallen."),
            );
        }
        if let (
            Some(veiligheid),
            Some(partner),
            Ok(eigenaar),
            Some(soort),
            Some(datum),
            Some(status),
        ) = (veiligheid, partner, eigenaar, soort, datum, status)
        {
            items.push(PlanItem {
                veiligheid,
                partner,
                eigenaar,
                soort,
                omschrijving: omschrijving.to_string(),
                datum,
                status,
            });
        }
    }
    if fouten.is_empty() {
        Ok(items)
    } else {
        Err(fouten)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paar(k: &str, v: &str) -> (String, String) {
        (k.to_string(), v.to_string())
    }

    #[test]
    fn regels_worden_items_met_alle_fouten_tegelijk() {
        let paren = vec![
            paar("_csrf", "x"),
            paar("regel-1-veiligheid", "structureel"),
            paar("regel-1-partner", "7"),
            paar("regel-1-soort", "interventie"),
            paar("regel-1-omschrijving", "Traject bij de reclassering"),
            paar("regel-1-datum", "2026-02-01"),
            paar("regel-1-status", "gepland"),
            paar("regel-0-veiligheid", "direct"),
            paar("regel-0-partner", "3"),
            paar("regel-0-soort", "onderzoek"),
            paar("regel-0-omschrijving", "Verhoor aangever"),
            paar("regel-0-datum", "2026-01-10"),
            paar("regel-0-status", "gereed"),
            // An empty row and a removed one count for nothing.
            paar("regel-2-omschrijving", ""),
            paar("regel-3-omschrijving", "weg"),
            paar("regel-3-verwijderen", "ja"),
        ];
        let regels = regels_uit(&paren);
        assert_eq!(regels.len(), 4);
        let items = items_uit(&regels, &[OrganisatieId(3), OrganisatieId(7)], &[]).unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].omschrijving, "Verhoor aangever");
        assert_eq!(items[1].soort, PlanSoort::Interventie);
        // Another region's organisation, no date, an unknown status: three errors.
        let fouten = items_uit(&regels, &[OrganisatieId(3)], &[]).unwrap_err();
        assert_eq!(fouten.len(), 1);
        assert_eq!(fouten[0].veld, "regel-1-partner");
        let mut kapot = regels.clone();
        kapot[0].datum = "morgen".into();
        kapot[0].status = "bezig".into();
        let fouten = items_uit(&kapot, &[OrganisatieId(3), OrganisatieId(7)], &[]).unwrap_err();
        let velden: Vec<&str> = fouten.iter().map(|f| f.veld.as_str()).collect();
        assert_eq!(velden, ["regel-0-datum", "regel-0-status"]);
    }

    #[test]
    fn eigenaar_hoort_bij_de_partner() {
        let regel = |partner: &str, eigenaar: &str| PlanRegel {
            veiligheid: "direct".into(),
            partner: partner.into(),
            eigenaar: eigenaar.into(),
            soort: "onderzoek".into(),
            omschrijving: "Verhoor".into(),
            datum: "2026-01-10".into(),
            status: "gepland".into(),
            verwijderen: false,
        };
        let partners = [OrganisatieId(3), OrganisatieId(7)];
        let mag = [(GebruikerId(11), OrganisatieId(3))];
        let items = items_uit(&[regel("3", "11"), regel("7", "")], &partners, &mag).unwrap();
        assert_eq!(items[0].eigenaar, Some(GebruikerId(11)));
        assert_eq!(items[1].eigenaar, None);
        // A user of another partner, one not offered, or no number: refused on that row.
        for (partner, eigenaar) in [("7", "11"), ("3", "12"), ("3", "iemand")] {
            let fouten = items_uit(&[regel(partner, eigenaar)], &partners, &mag).unwrap_err();
            assert_eq!(fouten.len(), 1);
            assert_eq!(fouten[0].veld, "regel-0-eigenaar");
        }
        // Another owner is a change of the item.
        let mut ander = items.clone();
        ander[0].eigenaar = None;
        assert_eq!(verschil(&items, &ander).gewijzigd, 1);
    }

    #[test]
    fn verschil_tussen_versies() {
        let item = |o: &str| PlanItem {
            veiligheid: AfspraakSoort::Direct,
            partner: OrganisatieId(1),
            eigenaar: None,
            soort: PlanSoort::Onderzoek,
            omschrijving: o.into(),
            datum: "2026-01-01".into(),
            status: PlanStatus::Gepland,
        };
        let v1 = vec![item("a"), item("b")];
        let v2 = vec![item("a"), item("b2"), item("c")];
        let d = verschil(&v1, &v2);
        assert_eq!((d.toegevoegd, d.gewijzigd, d.verwijderd), (1, 1, 0));
        assert_eq!(d.tekst(), "1 toegevoegd, 1 gewijzigd");
        assert_eq!(verschil(&v2, &v2[..1]).tekst(), "2 verwijderd");
        assert_eq!(
            verschil(&v1, &v1).tekst(),
            "geen wijzigingen in de activiteiten"
        );
    }
}
