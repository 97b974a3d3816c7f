//! Repository: indicators, computed by the database (issue 8).

use super::*;
use crate::gedeeld::RegioCode;

//
// The typed columns `moment.k_*` are generated from `gegevens` (migration 0015), stored in the
// covering index `moment_kenmerken`; `casus.eerste_tijdstip` is kept by triggers. So every
// query below reads one index range of the region-year, however long the history is.

/// The moments of a region-year (binds `$1` regio, `$2`/`$3` period, `$4` the scope's region).
const KENMERK_WAAR: &str = "WHERE m.regio_code = $1 AND ($4 IS NULL OR $4 = $1)
           AND m.tijdstip >= $2 AND m.tijdstip < $3";

/// Counts of the region's moments that started in `[van, tot)`, per kind, status, (for ZSM)
/// part of the week and (for Actie-overleg) referral criterion: one row per group, each column a count (see `indicatoren::Tellingen`).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct KenmerkTelling {
    pub soort: String,
    pub status: String,
    pub dagdeel: Option<String>,
    /// For Actie-overleg: the referral criterion the inbrenger named (`k_criterium`).
    pub criterium: Option<String>,
    pub aantal: i64,
    pub reactie_gevuld: i64,
    pub ter_plaatse: i64,
    pub beoordeeld: i64,
    pub vt_gemeld: i64,
    pub teruggekoppeld: i64,
    pub betrokken: i64,
    pub betrokken_gevuld: i64,
    pub contact: i64,
    pub contact_gevuld: i64,
    pub contact_gezocht: i64,
    pub contact_gezocht_gevuld: i64,
    pub binnen_termijn: i64,
    pub ophoud_gevuld: i64,
    pub afdoening: i64,
    pub afdoening_gevuld: i64,
    pub geinformeerd: i64,
    pub beslissing_gevuld: i64,
    pub voor_beslissing: i64,
    pub beslissing_tijdstip_gevuld: i64,
    pub heenzending_voorwaarden: i64,
    pub heenzending: i64,
    pub anoniem: i64,
    pub anoniem_gevuld: i64,
    pub onderzoeksplan: i64,
}

pub async fn kenmerk_tellingen(
    db: &Db,
    s: &CasusInzage,
    regio: &RegioCode,
    van: &str,
    tot: &str,
) -> sqlx::Result<Vec<KenmerkTelling>> {
    // (column, kind it is counted for, condition). Each kind reads only its own index range
    // (`moment_kenmerken` starts with regio, soort, tijdstip) and evaluates only its own columns.
    const MATEN: &[(&str, &str, &str)] = &[
        ("reactie_gevuld", "acuut", "m.k_reactie <> ''"),
        ("ter_plaatse", "acuut", "m.k_reactie = 'ter_plaatse'"),
        ("beoordeeld", "acuut", "m.k_veiligheidsbeoordeling = 'ja'"),
        ("vt_gemeld", "acuut", "m.k_vt_melding_datum <> ''"),
        ("teruggekoppeld", "actieoverleg", "m.k_terugkoppeling_op <> ''"),
        (
            "betrokken",
            "zsm",
            "m.k_vt_betrokkenheid IN ('aan_tafel', 'telefonisch')",
        ),
        ("betrokken_gevuld", "zsm", "m.k_vt_betrokkenheid <> ''"),
        ("contact", "zsm", "m.k_contact_verkregen = 'ja'"),
        ("contact_gevuld", "zsm", "m.k_contact_verkregen <> ''"),
        ("contact_gezocht", "zsm", "m.k_contact_gezocht = 'ja'"),
        ("contact_gezocht_gevuld", "zsm", "m.k_contact_gezocht <> ''"),
        (
            "binnen_termijn",
            "zsm",
            "m.k_ophoud_minuten BETWEEN 0 AND 540",
        ),
        ("ophoud_gevuld", "zsm", "m.k_ophoud_minuten IS NOT NULL"),
        ("afdoening", "zsm", "m.k_vt_afdoeningsoverleg = 'ja'"),
        ("afdoening_gevuld", "zsm", "m.k_vt_afdoeningsoverleg <> ''"),
        (
            "geinformeerd",
            "zsm",
            "m.k_vt_geinformeerd = 'ja' AND m.k_beslissing <> ''",
        ),
        ("beslissing_gevuld", "zsm", "m.k_beslissing <> ''"),
        (
            "voor_beslissing",
            "zsm",
            "m.k_beslissing_tijdstip <> '' AND m.k_veiligheidsbeoordeling = 'ja' AND m.k_beoordeling_voor >= 0",
        ),
        ("beslissing_tijdstip_gevuld", "zsm", "m.k_beslissing_tijdstip <> ''"),
        (
            "heenzending_voorwaarden",
            "zsm",
            "m.k_beslissing IN ('heenzenden', 'heenzenden_voorwaarden')
               AND (m.k_beslissing = 'heenzenden_voorwaarden' OR m.k_veiligheidsvoorwaarden = 'ja')",
        ),
        (
            "heenzending",
            "zsm",
            "m.k_beslissing IN ('heenzenden', 'heenzenden_voorwaarden')",
        ),
        ("anoniem", "ssk", "m.k_anoniem = 'ja'"),
        ("anoniem_gevuld", "ssk", "m.k_anoniem <> ''"),
        ("onderzoeksplan", "ssk", "m.k_onderzoeksplan = 'ja'"),
    ];
    const GEEN: &str = "CAST(NULL AS TEXT)";
    // (kind, status column, dagdeel column, criterium column, GROUP BY)
    let delen = [
        ("acuut", "''", GEEN, GEEN, ""),
        (
            "actieoverleg",
            "m.status",
            GEEN,
            "m.k_criterium",
            "GROUP BY m.status, m.k_criterium",
        ),
        ("zsm", "''", "m.k_dagdeel", GEEN, "GROUP BY m.k_dagdeel"),
        ("ssk", "''", GEEN, GEEN, ""),
    ];
    let sql: Vec<String> = delen
        .iter()
        .map(|(soort, status, dagdeel, criterium, groep)| {
            let kolommen: Vec<String> = MATEN
                .iter()
                .map(|(naam, voor, voorwaarde)| {
                    if voor == soort {
                        format!(
                            "CAST(COALESCE(SUM(CASE WHEN {voorwaarde} THEN 1 ELSE 0 END), 0) AS BIGINT) AS {naam}"
                        )
                    } else {
                        format!("CAST(0 AS BIGINT) AS {naam}")
                    }
                })
                .collect();
            format!(
                "SELECT '{soort}' AS soort, {status} AS status, {dagdeel} AS dagdeel,
                        {criterium} AS criterium, COUNT(*) AS aantal, {}
                 FROM moment m {KENMERK_WAAR} AND m.soort = '{soort}' {groep}",
                kolommen.join(", ")
            )
        })
        .collect();
    sqlx::query_as(&sql.join(" UNION ALL "))
        .bind(regio)
        .bind(van)
        .bind(tot)
        .bind(s.regio())
        .fetch_all(db)
        .await
}

/// The durations behind the medians of a region-year as (maat, waarde, aantal): `acuut`
/// response minutes, `actieoverleg` days from aanmelding to bespreking, `ssk` minutes to the
/// first OM consultation; negative durations are left out.
pub async fn kenmerk_duren(
    db: &Db,
    s: &CasusInzage,
    regio: &RegioCode,
    van: &str,
    tot: &str,
) -> sqlx::Result<Vec<(String, i64, i64)>> {
    let deel = |soort: &str, kolom: &str| {
        format!(
            "SELECT m.soort, m.{kolom}, COUNT(*) FROM moment m {KENMERK_WAAR}
               AND m.soort = '{soort}' AND m.{kolom} >= 0 GROUP BY m.soort, m.{kolom}"
        )
    };
    sqlx::query_as(&format!(
        "{} UNION ALL {} UNION ALL {}",
        deel("acuut", "k_responstijd"),
        deel("actieoverleg", "k_doorlooptijd"),
        deel("ssk", "k_consultatie")
    ))
    .bind(regio)
    .bind(van)
    .bind(tot)
    .bind(s.regio())
    .fetch_all(db)
    .await
}

/// Afspraken of the region's Actie-overleg aanmeldingen in `[van, tot)`, not vervallen, that are
/// gereed or whose deadline is `vandaag` or earlier: (how many, how many gereed on or before the
/// deadline).
pub async fn afspraken_telling(
    db: &Db,
    s: &CasusInzage,
    regio: &RegioCode,
    (van, tot): (&str, &str),
    vandaag: &str,
) -> sqlx::Result<(i64, i64)> {
    sqlx::query_as(&format!(
        "SELECT COUNT(*), CAST(COALESCE(SUM(CASE WHEN a.status = 'gereed' AND a.gereed_op IS NOT NULL
                 AND substr(a.gereed_op, 1, 10) <= a.deadline THEN 1 ELSE 0 END), 0) AS BIGINT)
         FROM moment m JOIN afspraak a ON a.moment_id = m.id {KENMERK_WAAR}
           AND m.soort = 'actieoverleg' AND a.status <> 'vervallen'
           AND (a.status = 'gereed' OR a.deadline <= $5)"
    ))
    .bind(regio)
    .bind(van)
    .bind(tot)
    .bind(s.regio())
    .bind(vandaag)
    .fetch_one(db)
    .await
}

/// Attendance at the region's meetings in `[van, tot)` per organisation: (organisatie id,
/// meetings with her attendance recorded, meetings she attended).
pub async fn aanwezigheid_telling(
    db: &Db,
    s: &CasusInzage,
    regio: &RegioCode,
    van: &str,
    tot: &str,
) -> sqlx::Result<Vec<(OrganisatieId, i64, i64)>> {
    sqlx::query_as(
        "SELECT w.organisatie_id, COUNT(*), CAST(SUM(CASE WHEN w.aanwezig THEN 1 ELSE 0 END) AS BIGINT)
         FROM overleg g JOIN vergadering v ON v.overleg_id = g.id
         JOIN vergadering_aanwezigheid w ON w.vergadering_id = v.id
         WHERE g.regio_code = $1 AND ($4 IS NULL OR $4 = $1) AND v.datum >= $2 AND v.datum < $3
         GROUP BY w.organisatie_id",
    )
    .bind(regio)
    .bind(van)
    .bind(tot)
    .bind(s.regio())
    .fetch_all(db)
    .await
}

/// The repeat rate's (noemer, teller) for the region's cases that started in `[van, tot)`:
/// cases with a pseudonym or a frozen flag; repeated when the frozen flag says so or, without
/// one, when another case of the same pseudonym (any region) started before it (by start, then
/// id) at most 365 days earlier, as `model::herhalingen` decides. One index probe per case.
pub async fn herhaling_telling(
    db: &Db,
    s: &CasusInzage,
    regio: &RegioCode,
    van: &str,
    tot: &str,
) -> sqlx::Result<(i64, i64)> {
    sqlx::query_as(
        "SELECT COUNT(*), CAST(COALESCE(SUM(CASE
             WHEN c.herhaling IS NOT NULL THEN (CASE WHEN c.herhaling THEN 1 ELSE 0 END)
             WHEN EXISTS (SELECT 1 FROM casus p WHERE p.pseudoniem = c.pseudoniem
                   AND p.eerste_dag >= c.eerste_dag - 365
                   AND (p.eerste_tijdstip < c.eerste_tijdstip
                        OR (p.eerste_tijdstip = c.eerste_tijdstip AND p.id < c.id))) THEN 1
             ELSE 0 END), 0) AS BIGINT)
         FROM casus c
         WHERE c.regio_code = $1 AND ($4 IS NULL OR $4 = $1)
           AND c.eerste_tijdstip >= $2 AND c.eerste_tijdstip < $3
           AND (c.pseudoniem IS NOT NULL OR c.herhaling IS NOT NULL)",
    )
    .bind(regio)
    .bind(van)
    .bind(tot)
    .bind(s.regio())
    .fetch_one(db)
    .await
}

/// A region-year's stored counts (`indicator_telling`, JSON) if they were counted at this
/// (marker, day, shape).
pub async fn opgeslagen_telling(
    db: &Db,
    regio: &RegioCode,
    jaar: &str,
    (versie, dag, formaat): (i64, i64, i64),
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar(
        "SELECT tellingen FROM indicator_telling
         WHERE regio_code = $1 AND jaar = $2 AND versie = $3 AND dag = $4 AND formaat = $5",
    )
    .bind(regio)
    .bind(jaar)
    .bind(versie)
    .bind(dag)
    .bind(formaat)
    .fetch_optional(db)
    .await
}

/// The region-years (regio, jaar, current marker) whose stored counts are missing or were
/// counted at another marker, day or shape.
pub async fn verouderde_tellingen(
    db: &Db,
    dag: i64,
    formaat: i64,
) -> sqlx::Result<Vec<(RegioCode, String, i64)>> {
    sqlx::query_as(
        "SELECT v.regio_code, v.jaar, v.versie FROM indicator_versie v
         LEFT JOIN indicator_telling t ON t.regio_code = v.regio_code AND t.jaar = v.jaar
         WHERE t.versie IS NULL OR t.versie <> v.versie OR t.dag <> $1 OR t.formaat <> $2
         ORDER BY v.jaar DESC, v.regio_code",
    )
    .bind(dag)
    .bind(formaat)
    .fetch_all(db)
    .await
}

/// Stores a region-year's counts, unless a count at a newer marker or day is stored already
/// (another instance that counted later).
pub async fn telling_opslaan(
    db: &Db,
    regio: &RegioCode,
    jaar: &str,
    (versie, dag, formaat): (i64, i64, i64),
    tellingen: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO indicator_telling (regio_code, jaar, versie, dag, formaat, tellingen)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (regio_code, jaar) DO UPDATE
            SET versie = excluded.versie, dag = excluded.dag, formaat = excluded.formaat,
                tellingen = excluded.tellingen
          WHERE excluded.versie > indicator_telling.versie
             OR (excluded.versie = indicator_telling.versie AND excluded.dag >= indicator_telling.dag)",
    )
    .bind(regio)
    .bind(jaar)
    .bind(versie)
    .bind(dag)
    .bind(formaat)
    .bind(tellingen)
    .execute(db)
    .await?;
    Ok(())
}

/// Deletes every stored count.
pub async fn tellingen_vergeten(db: &Db) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM indicator_telling")
        .execute(db)
        .await?;
    Ok(())
}

/// The version of each region's indicator input in the year `jaar` (`JJJJ`), bumped by the
/// triggers of migration 0016 on every write that can change what the region-year counts; a
/// region without a row has never been written to in that year (version 0).
pub async fn indicator_versies(
    db: &Db,
    jaar: &str,
) -> sqlx::Result<std::collections::HashMap<String, i64>> {
    Ok(crate::db::geheugen::regiojaren(db)
        .await?
        .iter()
        .filter(|(_, j, _)| j == jaar)
        .map(|(regio, _, versie)| (regio.as_str().to_string(), *versie))
        .collect())
}
