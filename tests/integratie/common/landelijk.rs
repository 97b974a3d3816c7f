//! A deterministic national-scale dataset, written with plain `INSERT`s of the existing columns
//! (as any bulk writer would, not through the service). Shared by `benches/indicatoren.rs`
//! (national size) and `tests/integratie/indicatoren_gelijk.rs` (small, fixed seed).
#![allow(dead_code)]

/// Size of the generated dataset.
pub struct Omvang {
    /// Regions used (the first `regios` of the ten).
    pub regios: usize,
    /// Years ending in 2025.
    pub jaren: i32,
    pub momenten_per_regio_jaar: usize,
    /// Persons per 100 moments in the pseudonym pool (fewer: more repeats).
    pub personen_per_100: u64,
    pub seed: u64,
}

pub const REGIOS: [&str; 10] = {
    let r = voorop::organisatie::model::REGIOS;
    [
        r[0].0, r[1].0, r[2].0, r[3].0, r[4].0, r[5].0, r[6].0, r[7].0, r[8].0, r[9].0,
    ]
};

/// A small deterministic generator (SplitMix64), so the dataset is the same on every machine.
struct Toeval(u64);
impl Toeval {
    fn volgende(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn onder(&mut self, n: u64) -> u64 {
        self.volgende() % n
    }
    fn kans(&mut self, procent: u64) -> bool {
        self.onder(100) < procent
    }
    fn kies<'a>(&mut self, uit: &[&'a str]) -> &'a str {
        uit[self.onder(uit.len() as u64) as usize]
    }
}

fn tijd(t: time::PrimitiveDateTime) -> String {
    let f = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]");
    t.format(f).unwrap()
}
fn datum(t: time::PrimitiveDateTime) -> String {
    tijd(t)[..10].to_string()
}

/// The process fields of one moment of `soort` starting at `t`, with realistic gaps.
fn gegevens(
    r: &mut Toeval,
    soort: &str,
    t: time::PrimitiveDateTime,
) -> (String, serde_json::Map<String, serde_json::Value>) {
    use time::Duration as D;
    let mut g = serde_json::Map::new();
    let mut zet = |k: &str, v: String| {
        g.insert(k.into(), v.into());
    };
    let mut status = "open".to_string();
    match soort {
        "acuut" => {
            if r.kans(90) {
                zet(
                    "reactie",
                    r.kies(&["telefonisch", "teams", "ter_plaatse", "ter_plaatse", "geen"])
                        .into(),
                );
            }
            if r.kans(75) {
                let m = r.onder(130) as i64 - 5;
                zet("reactie_tijdstip", tijd(t + D::minutes(m)));
            }
            if r.kans(85) {
                zet(
                    "veiligheidsbeoordeling",
                    r.kies(&["ja", "ja", "nee", "onbekend"]).into(),
                );
            }
            if r.kans(60) {
                zet("vt_melding_datum", datum(t + D::days(r.onder(5) as i64)));
            }
        }
        "actieoverleg" => {
            status = r
                .kies(&[
                    "ingediend",
                    "geaccepteerd",
                    "afgewezen",
                    "geagendeerd",
                    "besproken",
                    "afspraken_lopen",
                    "afgerond",
                    "afgerond",
                ])
                .into();
            if matches!(
                status.as_str(),
                "besproken" | "afspraken_lopen" | "afgerond"
            ) && r.kans(95)
            {
                zet("besproken_op", datum(t + D::days(r.onder(30) as i64)));
            }
            if r.kans(60) && status != "ingediend" {
                zet("terugkoppeling_op", datum(t + D::days(r.onder(40) as i64)));
            }
            // The referral criterion without a draw, so the random sequence (and every figure
            // recorded before it existed) stays as it was: by the day, none on every 7th day
            // (aanmeldingen from before the criterion).
            let criteria = voorop::casus::velden::CRITERIA;
            if !t.day().is_multiple_of(7) {
                zet(
                    "criterium",
                    criteria[usize::from(t.day()) % criteria.len()].0.into(),
                );
            }
        }
        "zsm" => {
            if r.kans(90) {
                zet(
                    "vt_betrokkenheid",
                    r.kies(&["aan_tafel", "telefonisch", "telefonisch", "niet"])
                        .into(),
                );
            }
            for veld in [
                "contact_verkregen",
                "vt_afdoeningsoverleg",
                "vt_geinformeerd",
                "veiligheidsbeoordeling",
                "veiligheidsvoorwaarden",
            ] {
                if r.kans(80) {
                    zet(veld, r.kies(&["ja", "ja", "nee"]).into());
                }
            }
            if r.kans(85) {
                zet(
                    "beslissing",
                    r.kies(&[
                        "heenzenden",
                        "heenzenden_voorwaarden",
                        "voorgeleiden",
                        "strafbeschikking",
                        "sepot",
                        "dagvaarden",
                    ])
                    .into(),
                );
            }
            if r.kans(80) {
                zet(
                    "beslissing_tijdstip",
                    tijd(t + D::minutes(60 + r.onder(600) as i64)),
                );
            }
            if r.kans(70) {
                zet(
                    "beoordeling_tijdstip",
                    tijd(t + D::minutes(r.onder(660) as i64)),
                );
            }
        }
        _ => {
            if r.kans(70) {
                zet(
                    "om_consultatie",
                    tijd(t + D::minutes(r.onder(72 * 60) as i64 - 30)),
                );
            }
            if r.kans(80) {
                zet("anoniem", r.kies(&["ja", "nee", "nee"]).into());
            }
            if r.kans(85) {
                zet("onderzoeksplan", r.kies(&["ja", "nee"]).into());
            }
            if r.kans(50) {
                zet(
                    "melding_aangifte",
                    r.kies(&["melding", "aangifte", "beide"]).into(),
                );
            }
        }
    }
    (status, g)
}

/// Fills an empty database with `o.jaren` years (ending in 2025) of data for `o.regios` regions.
/// Some cases of before 2024 are closed (`gesloten_op` in that year), so retention has work.
pub async fn vullen(db: &voorop::db::Db, o: &Omvang) {
    let jaren = o.jaren;
    voorop::demo::laad(db, voorop::demo::PEILDATUM)
        .await
        .expect("demo (organisaties)");
    let orgs: Vec<(i64, String)> = sqlx::query_as("SELECT id, soort FROM organisatie ORDER BY id")
        .fetch_all(db)
        .await
        .expect("organisaties");
    let org = orgs[0].0;
    let aanwezig_orgs: Vec<i64> = orgs.iter().take(4).map(|o| o.0).collect();
    let mut r = Toeval(o.seed);
    let eerste = 2026 - jaren;
    let personen =
        (o.momenten_per_regio_jaar as u64 * o.regios as u64 * jaren as u64 * o.personen_per_100
            / 100)
            .max(1);
    let nu = "2026-01-15T10:00:00Z";
    let mut tx = db.begin().await.expect("tx");
    let mut in_tx = 0;
    for regio in REGIOS.iter().take(o.regios) {
        // One weekly Actie-overleg per region, with attendance of four organisations.
        let overleg: i64 = sqlx::query_scalar(
            "INSERT INTO overleg (regio_code, naam, weekdag, tijd, frequentie, voorzitter_organisatie_id)
             VALUES ($1, 'Actie-overleg', 4, '13:00', 'wekelijks', $2) RETURNING id",
        )
        .bind(regio)
        .bind(org)
        .fetch_one(&mut *tx)
        .await
        .expect("overleg");
        for (k, o) in aanwezig_orgs.iter().enumerate() {
            sqlx::query("INSERT INTO overleg_organisatie (overleg_id, organisatie_id, wijze) VALUES ($1, $2, $3)")
                .bind(overleg)
                .bind(o)
                .bind(if k < 3 { "vast" } else { "op_afroep" })
                .execute(&mut *tx)
                .await
                .expect("overleg_organisatie");
        }
        let mut d = time::Date::from_calendar_date(eerste, time::Month::January, 1).unwrap();
        while d.year() < 2026 {
            let v: i64 = sqlx::query_scalar(
                "INSERT INTO vergadering (overleg_id, datum) VALUES ($1, $2) RETURNING id",
            )
            .bind(overleg)
            .bind(d.to_string())
            .fetch_one(&mut *tx)
            .await
            .expect("vergadering");
            for o in &aanwezig_orgs {
                if r.kans(92) {
                    sqlx::query(
                        "INSERT INTO vergadering_aanwezigheid (vergadering_id, organisatie_id, aanwezig) VALUES ($1, $2, $3)",
                    )
                    .bind(v)
                    .bind(o)
                    .bind(r.kans(85))
                    .execute(&mut *tx)
                    .await
                    .expect("aanwezigheid");
                }
            }
            d += time::Duration::days(7);
        }
        for jaar in eerste..2026 {
            let begin = time::Date::from_calendar_date(jaar, time::Month::January, 1)
                .unwrap()
                .midnight();
            let mut n = 0;
            while n < o.momenten_per_regio_jaar {
                let t = begin + time::Duration::minutes(r.onder(365 * 24 * 60) as i64);
                let persoon = r.kans(40).then(|| format!("p{:016x}", r.onder(personen)));
                // Retention erased some old cases: no pseudonym, a frozen flag.
                let gewist = jaar < 2024 && r.kans(10);
                let (pseudoniem, herhaling, gewist_op) = if gewist {
                    (None, Some(r.kans(20)), Some(nu))
                } else {
                    (persoon, None, None)
                };
                // Closed cases of before 2024 (retention's candidates), closed in their year.
                let gesloten = gewist || (jaar < 2024 && r.kans(30));
                let gesloten_op = gesloten.then(|| format!("{jaar}-12-31T12:00:00Z"));
                let casus: i64 = sqlx::query_scalar(
                    "INSERT INTO casus (regio_code, pseudoniem, status, gesloten_op, herhaling, gewist_op, aangemaakt_op)
                     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                )
                .bind(regio)
                .bind(pseudoniem)
                .bind(if gesloten { "gesloten" } else { "open" })
                .bind(gesloten_op)
                .bind(herhaling)
                .bind(gewist_op)
                .bind(nu)
                .fetch_one(&mut *tx)
                .await
                .expect("casus");
                let aantal = if r.kans(8) { 2 } else { 1 };
                let mut tm = t;
                for _ in 0..aantal {
                    let soort = r.kies(&["acuut", "acuut", "zsm", "zsm", "actieoverleg", "ssk"]);
                    let (status, g) = gegevens(&mut r, soort, tm);
                    let moment: i64 = sqlx::query_scalar(
                        "INSERT INTO moment (casus_id, regio_code, soort, tijdstip, status, gegevens,
                           aangemaakt_door_organisatie, aangemaakt_op, gewijzigd_op)
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
                    )
                    .bind(casus)
                    .bind(regio)
                    .bind(soort)
                    .bind(tijd(tm))
                    .bind(status)
                    .bind(serde_json::Value::Object(g).to_string())
                    .bind(org)
                    .bind(nu)
                    .fetch_one(&mut *tx)
                    .await
                    .expect("moment");
                    if soort == "actieoverleg" {
                        for _ in 0..r.onder(4) {
                            let deadline = datum(tm + time::Duration::days(r.onder(60) as i64));
                            let status = r.kies(&["open", "gereed", "gereed", "vervallen"]);
                            let gereed = (status == "gereed").then(|| {
                                datum(tm + time::Duration::days(r.onder(70) as i64)) + "T12:00:00Z"
                            });
                            sqlx::query(
                                "INSERT INTO afspraak (moment_id, eigenaar_organisatie_id, soort, omschrijving, deadline, status, gereed_op, aangemaakt_op)
                                 VALUES ($1, $2, 'direct', 'Afspraak', $3, $4, $5, $6)",
                            )
                            .bind(moment)
                            .bind(org)
                            .bind(deadline)
                            .bind(status)
                            .bind(gereed)
                            .bind(nu)
                            .execute(&mut *tx)
                            .await
                            .expect("afspraak");
                        }
                    }
                    n += 1;
                    in_tx += 1;
                    // The second moment of a case: days to months later (may cross a year).
                    tm += time::Duration::minutes(60 + r.onder(120 * 24 * 60) as i64);
                }
                if in_tx >= 50_000 {
                    tx.commit().await.expect("commit");
                    tx = db.begin().await.expect("tx");
                    in_tx = 0;
                }
            }
        }
    }
    tx.commit().await.expect("commit");
    sqlx::query("ANALYZE").execute(db).await.expect("analyze");
}
