//! Gathers the work of a user from the instruments' services.

use crate::auth::Gebruiker;
use crate::casus::service::{Werkvoorraad, werkvoorraad};
use crate::db::Db;
use crate::db::geheugen::Geheugen;
use crate::error::AppResult;
use crate::werkset::service::{OpenRegistratie, open_registraties};
use crate::zelfscan::plan::model::{Actie, Plan};

/// Plan actions due within this many days are shown (overdue ones always).
pub const ACTIE_DAGEN: i64 = 30;

/// Everything that waits for one user.
#[derive(Debug, Clone, Default)]
pub struct MijnWerk {
    pub casus: Werkvoorraad,
    /// Plan van aanpak actions due (gemeenten: their own plans; coordinators: the regional
    /// plans).
    pub acties: Vec<(Plan, Actie)>,
    /// Werkset registrations with themes still without a phase (coordinators).
    pub werkset: Vec<OpenRegistratie>,
    /// The bell: the newest unread meldingen, and how many are unread.
    pub meldingen: Vec<crate::melding::model::Melding>,
    pub ongelezen: i64,
}

impl MijnWerk {
    /// How many items need action (the count in the menu).
    pub fn aantal(&self) -> i64 {
        self.casus.aantal() + self.acties.len() as i64 + self.werkset.len() as i64 + self.ongelezen
    }
    /// The newest melding shown (marking read stops there).
    pub fn laatste_melding(&self) -> i64 {
        self.meldingen.iter().map(|m| m.id).max().unwrap_or(0)
    }
    pub fn is_leeg(&self) -> bool {
        self.aantal() == 0 && self.casus.overleggen.is_empty()
    }
}

pub async fn mijn_werk(db: &Db, g: &Gebruiker) -> AppResult<MijnWerk> {
    let vandaag = crate::db::vandaag();
    let grens = crate::casus::model::plus_dagen(&vandaag, ACTIE_DAGEN + 1).unwrap_or(vandaag);
    let (meldingen, ongelezen) = crate::melding::service::ongelezen(db, g).await?;
    Ok(MijnWerk {
        meldingen,
        ongelezen,
        casus: werkvoorraad(db, g).await?,
        acties: crate::zelfscan::plan::acties_te_doen(db, g, &grens).await?,
        werkset: open_registraties(db, g).await?,
    })
}

/// The count in the menu of every page, kept per user for five minutes while nothing in the
/// case data changed (every write of a moment, afspraak or participation bumps the markers);
/// a change to a plan action or Werkset registration, or a melding, shows within those five
/// minutes (the melding at once on Mijn werk itself).
/// `None` when it cannot be counted now (the page shows without a count).
pub async fn aantal(db: &Db, g: &Gebruiker) -> Option<i64> {
    static AANTALLEN: Geheugen<(crate::gedeeld::GebruikerId, i64), i64> =
        Geheugen::nieuw(&[]).hoogstens(10_000);
    let markers = crate::casus::service::versie_alles(db).await.ok()?;
    let vijf_minuten = crate::db::nu_ms() / (5 * 60 * 1000);
    AANTALLEN
        .bij_versies(db, [markers, 0, 0], &(g.id, vijf_minuten), async {
            mijn_werk(db, g).await.map(|w| w.aantal())
        })
        .await
        .ok()
        .map(|n| *n)
}

/// [`aantal`] as the application's counter for the menu.
pub fn teller(
    db: Db,
    g: Gebruiker,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Option<i64>> + Send>> {
    Box::pin(async move { aantal(&db, &g).await })
}
