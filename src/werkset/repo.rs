//! All SQL of the Werkset.

use super::model::{Inspanning, Waarde};
use crate::auth::permissions::{WerksetLezen, WerksetSchrijven};
use crate::db::Db;
use crate::db::{Conn, Vlag};
use crate::gedeeld::GebruikerId;
use crate::gedeeld::RegioCode;

/// Fails with `RowNotFound` unless registration `reg` belongs to the scope's region.
async fn in_regio(conn: &mut Conn, s: &WerksetSchrijven, reg: i64) -> sqlx::Result<()> {
    let Vlag(ja) = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM werkset_registratie WHERE id = $1 AND regio_code = $2)",
    )
    .bind(reg)
    .bind(s.regio())
    .fetch_one(conn)
    .await?;
    if ja {
        Ok(())
    } else {
        Err(sqlx::Error::RowNotFound)
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Registratie {
    pub id: i64,
    pub regio_code: crate::gedeeld::RegioCode,
    pub periode: String,
    pub catalogus_versie: String,
}

pub async fn registratie(
    db: &Db,
    _: &WerksetLezen,
    regio: &RegioCode,
    periode: &str,
) -> sqlx::Result<Option<Registratie>> {
    sqlx::query_as("SELECT id, regio_code, periode, catalogus_versie FROM werkset_registratie WHERE regio_code = $1 AND periode = $2")
        .bind(regio)
        .bind(periode)
        .fetch_optional(db)
        .await
}

pub async fn registraties_van_regio(
    db: &Db,
    _: &WerksetLezen,
    regio: &RegioCode,
) -> sqlx::Result<Vec<Registratie>> {
    sqlx::query_as("SELECT id, regio_code, periode, catalogus_versie FROM werkset_registratie WHERE regio_code = $1 ORDER BY periode DESC")
        .bind(regio)
        .fetch_all(db)
        .await
}

pub async fn alle_registraties(db: &Db, _: &WerksetLezen) -> sqlx::Result<Vec<Registratie>> {
    sqlx::query_as("SELECT id, regio_code, periode, catalogus_versie FROM werkset_registratie ORDER BY periode, regio_code")
        .fetch_all(db)
        .await
}

pub async fn registratie_maken(
    conn: &mut Conn,
    s: &WerksetSchrijven,
    periode: &str,
    versie: &str,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO werkset_registratie (regio_code, periode, catalogus_versie, aangemaakt_op) VALUES ($1, $2, $3, $4)
         ON CONFLICT(regio_code, periode) DO UPDATE SET regio_code = excluded.regio_code RETURNING id",
    )
    .bind(s.regio())
    .bind(periode)
    .bind(versie)
    .bind(crate::db::nu())
    .fetch_one(conn)
    .await
}

/// (thema, fase, kartrekkers)
pub async fn themas(
    db: &Db,
    _: &WerksetLezen,
    reg: i64,
) -> sqlx::Result<Vec<(i64, String, String)>> {
    sqlx::query_as("SELECT thema, fase, kartrekkers FROM werkset_thema WHERE registratie_id = $1 ORDER BY thema").bind(reg).fetch_all(db).await
}

pub async fn thema_zetten(
    conn: &mut Conn,
    s: &WerksetSchrijven,
    reg: i64,
    thema: u8,
    fase: &str,
    kartrekkers: &str,
) -> sqlx::Result<()> {
    in_regio(conn, s, reg).await?;
    sqlx::query(
        "INSERT INTO werkset_thema (registratie_id, thema, fase, kartrekkers) VALUES ($1, $2, $3, $4)
         ON CONFLICT(registratie_id, thema) DO UPDATE SET fase = excluded.fase, kartrekkers = excluded.kartrekkers",
    )
    .bind(reg)
    .bind(i64::from(thema))
    .bind(fase)
    .bind(kartrekkers)
    .execute(conn)
    .await?;
    Ok(())
}

/// (thema, element, tekst)
pub async fn verhalen(
    db: &Db,
    _: &WerksetLezen,
    reg: i64,
) -> sqlx::Result<Vec<(i64, String, String)>> {
    sqlx::query_as("SELECT thema, element, tekst FROM werkset_verhaal WHERE registratie_id = $1")
        .bind(reg)
        .fetch_all(db)
        .await
}

pub async fn verhaal_zetten(
    conn: &mut Conn,
    s: &WerksetSchrijven,
    reg: i64,
    thema: u8,
    element: &str,
    tekst: &str,
) -> sqlx::Result<()> {
    in_regio(conn, s, reg).await?;
    sqlx::query(
        "INSERT INTO werkset_verhaal (registratie_id, thema, element, tekst) VALUES ($1, $2, $3, $4)
         ON CONFLICT(registratie_id, thema, element) DO UPDATE SET tekst = excluded.tekst",
    )
    .bind(reg)
    .bind(i64::from(thema))
    .bind(element)
    .bind(tekst)
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct InspanningRij {
    pub id: i64,
    pub thema: i64,
    pub element: String,
    pub indicator: String,
    pub partners: String,
    pub classificatie: String,
    pub hoeveelheid: Option<f64>,
    pub eenheid: Option<String>,
    pub omschrijving: String,
    pub bewijs: String,
    pub bewijs_datum: String,
}

const INSPANNING: &str = "SELECT id, thema, element, indicator, partners, classificatie, hoeveelheid, eenheid, omschrijving, bewijs, bewijs_datum FROM werkset_inspanning";

pub async fn inspanningen(db: &Db, _: &WerksetLezen, reg: i64) -> sqlx::Result<Vec<InspanningRij>> {
    sqlx::query_as(&format!(
        "{INSPANNING} WHERE registratie_id = $1 ORDER BY thema, element, id"
    ))
    .bind(reg)
    .fetch_all(db)
    .await
}

pub async fn inspanning_toevoegen(
    conn: &mut Conn,
    s: &WerksetSchrijven,
    reg: i64,
    i: &Inspanning,
    door: Option<GebruikerId>,
) -> sqlx::Result<i64> {
    in_regio(conn, s, reg).await?;
    sqlx::query_scalar(
        "INSERT INTO werkset_inspanning (registratie_id, thema, element, indicator, partners, classificatie, hoeveelheid, eenheid,
            omschrijving, bewijs, bewijs_datum, aangemaakt_door, aangemaakt_op)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
    )
    .bind(reg)
    .bind(i64::from(i.thema))
    .bind(&i.element)
    .bind(&i.indicator)
    .bind(i.partners.join(","))
    .bind(i.classificatie.code())
    .bind(crate::db::Kommagetal(i.hoeveelheid.map(|h| h.0)))
    .bind(i.hoeveelheid.map(|h| h.1.code()))
    .bind(&i.omschrijving)
    .bind(i.bewijs.code())
    .bind(&i.bewijs_datum)
    .bind(door)
    .bind(crate::db::nu())
    .fetch_one(conn)
    .await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct WaardeRij {
    pub id: i64,
    pub thema: i64,
    pub indicator: String,
    pub omschrijving: String,
    pub bewijs: String,
    pub bewijs_datum: String,
    pub sterkte: String,
}

pub async fn waarden(db: &Db, _: &WerksetLezen, reg: i64) -> sqlx::Result<Vec<WaardeRij>> {
    sqlx::query_as("SELECT id, thema, indicator, omschrijving, bewijs, bewijs_datum, sterkte FROM werkset_waarde WHERE registratie_id = $1 ORDER BY thema, id")
        .bind(reg)
        .fetch_all(db)
        .await
}

pub async fn waarde_toevoegen(
    conn: &mut Conn,
    s: &WerksetSchrijven,
    reg: i64,
    w: &Waarde,
    door: Option<GebruikerId>,
) -> sqlx::Result<i64> {
    in_regio(conn, s, reg).await?;
    sqlx::query_scalar(
        "INSERT INTO werkset_waarde (registratie_id, thema, indicator, omschrijving, bewijs, bewijs_datum, sterkte, aangemaakt_door, aangemaakt_op)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(reg)
    .bind(i64::from(w.thema))
    .bind(&w.indicator)
    .bind(&w.omschrijving)
    .bind(w.bewijs.code())
    .bind(&w.bewijs_datum)
    .bind(w.sterkte.code())
    .bind(door)
    .bind(crate::db::nu())
    .fetch_one(conn)
    .await
}

/// (id, thema, tekst, bron)
pub async fn citaten(
    db: &Db,
    _: &WerksetLezen,
    reg: i64,
) -> sqlx::Result<Vec<(i64, i64, String, String)>> {
    sqlx::query_as("SELECT id, thema, tekst, bron FROM werkset_citaat WHERE registratie_id = $1 ORDER BY thema, id").bind(reg).fetch_all(db).await
}

pub async fn citaat_toevoegen(
    conn: &mut Conn,
    s: &WerksetSchrijven,
    reg: i64,
    thema: u8,
    tekst: &str,
    bron: &str,
) -> sqlx::Result<i64> {
    in_regio(conn, s, reg).await?;
    sqlx::query_scalar("INSERT INTO werkset_citaat (registratie_id, thema, tekst, bron) VALUES ($1, $2, $3, $4) RETURNING id")
        .bind(reg)
        .bind(i64::from(thema))
        .bind(tekst)
        .bind(bron)
        .fetch_one(conn)
        .await
}

/// (id, thema, titel, tekst, bron)
pub async fn praktijk(
    db: &Db,
    _: &WerksetLezen,
    reg: i64,
) -> sqlx::Result<Vec<(i64, i64, String, String, String)>> {
    sqlx::query_as("SELECT id, thema, titel, tekst, bron FROM werkset_praktijk WHERE registratie_id = $1 ORDER BY thema, id")
        .bind(reg)
        .fetch_all(db)
        .await
}

pub async fn praktijk_toevoegen(
    conn: &mut Conn,
    s: &WerksetSchrijven,
    reg: i64,
    thema: u8,
    titel: &str,
    tekst: &str,
    bron: &str,
) -> sqlx::Result<i64> {
    in_regio(conn, s, reg).await?;
    sqlx::query_scalar("INSERT INTO werkset_praktijk (registratie_id, thema, titel, tekst, bron) VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .bind(reg)
        .bind(i64::from(thema))
        .bind(titel)
        .bind(tekst)
        .bind(bron)
        .fetch_one(conn)
        .await
}

/// (id, soort, titel, jaar)
pub async fn bronnen(
    db: &Db,
    _: &WerksetLezen,
    reg: i64,
) -> sqlx::Result<Vec<(i64, String, String, String)>> {
    sqlx::query_as("SELECT id, soort, titel, jaar FROM werkset_bron WHERE registratie_id = $1 ORDER BY soort, titel").bind(reg).fetch_all(db).await
}

pub async fn bron_toevoegen(
    conn: &mut Conn,
    s: &WerksetSchrijven,
    reg: i64,
    soort: &str,
    titel: &str,
    jaar: &str,
) -> sqlx::Result<i64> {
    in_regio(conn, s, reg).await?;
    sqlx::query_scalar("INSERT INTO werkset_bron (registratie_id, soort, titel, jaar) VALUES ($1, $2, $3, $4) RETURNING id")
        .bind(reg)
        .bind(soort)
        .bind(titel)
        .bind(jaar)
        .fetch_one(conn)
        .await
}

/// The entry tables whose rows can be deleted from a registration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Soort {
    Inspanning,
    Waarde,
    Citaat,
    Praktijk,
    Bron,
}

impl Soort {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "inspanning" => Self::Inspanning,
            "waarde" => Self::Waarde,
            "citaat" => Self::Citaat,
            "praktijk" => Self::Praktijk,
            "bron" => Self::Bron,
            _ => return None,
        })
    }
    pub fn code(self) -> &'static str {
        match self {
            Self::Inspanning => "inspanning",
            Self::Waarde => "waarde",
            Self::Citaat => "citaat",
            Self::Praktijk => "praktijk",
            Self::Bron => "bron",
        }
    }
    fn tabel(self) -> &'static str {
        match self {
            Self::Inspanning => "werkset_inspanning",
            Self::Waarde => "werkset_waarde",
            Self::Citaat => "werkset_citaat",
            Self::Praktijk => "werkset_praktijk",
            Self::Bron => "werkset_bron",
        }
    }
}

pub async fn verwijder(
    conn: &mut Conn,
    s: &WerksetSchrijven,
    soort: Soort,
    reg: i64,
    id: i64,
) -> sqlx::Result<u64> {
    in_regio(conn, s, reg).await?;
    // The table name comes from the closed enum above, never from input.
    let sql = format!(
        "DELETE FROM {} WHERE id = $1 AND registratie_id = $2",
        soort.tabel()
    );
    Ok(sqlx::query(&sql)
        .bind(id)
        .bind(reg)
        .execute(conn)
        .await?
        .rows_affected())
}

/// All phases of a period over all regions: (regio, thema, fase).
pub async fn fasen_in_periode(
    db: &Db,
    _: &WerksetLezen,
    periode: &str,
) -> sqlx::Result<Vec<(String, i64, String)>> {
    sqlx::query_as(
        "SELECT r.regio_code, t.thema, t.fase FROM werkset_thema t JOIN werkset_registratie r ON r.id = t.registratie_id WHERE r.periode = $1",
    )
    .bind(periode)
    .fetch_all(db)
    .await
}

/// Indicators with evidence (an effort or a value entry) in a period: (regio, indicator code).
pub async fn indicatoren_met_bewijs(
    db: &Db,
    _: &WerksetLezen,
    periode: &str,
) -> sqlx::Result<Vec<(String, String)>> {
    sqlx::query_as(
        // Each side reads only the period's registrations (not every entry of every year).
        "SELECT r.regio_code, i.indicator FROM werkset_registratie r
           JOIN werkset_inspanning i ON i.registratie_id = r.id WHERE r.periode = $1
         UNION
         SELECT r.regio_code, w.indicator FROM werkset_registratie r
           JOIN werkset_waarde w ON w.registratie_id = r.id WHERE r.periode = $1",
    )
    .bind(periode)
    .fetch_all(db)
    .await
}

/// All effort entries of a period over all regions: (regio, entry).
pub async fn inspanningen_in_periode(
    db: &Db,
    _: &WerksetLezen,
    periode: &str,
) -> sqlx::Result<Vec<(RegioCode, InspanningRij)>> {
    #[derive(sqlx::FromRow)]
    struct Rij {
        regio_code: crate::gedeeld::RegioCode,
        #[sqlx(flatten)]
        rij: InspanningRij,
    }
    let rijen: Vec<Rij> = sqlx::query_as(
        "SELECT r.regio_code, i.id, i.thema, i.element, i.indicator, i.partners, i.classificatie, i.hoeveelheid, i.eenheid,
                i.omschrijving, i.bewijs, i.bewijs_datum
         FROM werkset_inspanning i JOIN werkset_registratie r ON r.id = i.registratie_id WHERE r.periode = $1 ORDER BY r.regio_code, i.id",
    )
    .bind(periode)
    .fetch_all(db)
    .await?;
    Ok(rijen.into_iter().map(|r| (r.regio_code, r.rij)).collect())
}
