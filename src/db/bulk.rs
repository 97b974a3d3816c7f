//! Multi-row INSERTs for bulk writers (the national demo, the CSV import, the audit log): rows
//! are buffered and written many per statement (SQLite: a thousand parameters; PostgreSQL: one
//! array per column), with ids allocated ahead.

use super::Conn;

/// One bound value. Only types that bind the same on SQLite and PostgreSQL.
#[derive(Debug, Clone)]
pub enum Cel {
    I(i64),
    T(String),
    OI(Option<i64>),
    OT(Option<String>),
    F(Option<f64>),
}

impl From<i64> for Cel {
    fn from(v: i64) -> Self {
        Cel::I(v)
    }
}
impl From<String> for Cel {
    fn from(v: String) -> Self {
        Cel::T(v)
    }
}
impl From<&str> for Cel {
    fn from(v: &str) -> Self {
        Cel::T(v.to_string())
    }
}
impl From<Option<i64>> for Cel {
    fn from(v: Option<i64>) -> Self {
        Cel::OI(v)
    }
}
impl From<Option<String>> for Cel {
    fn from(v: Option<String>) -> Self {
        Cel::OT(v)
    }
}

/// Bind parameters per statement on SQLite (which allows 32,766). SQLite gets
/// anonymous `?` parameters: sqlx's SQLite driver asks for every parameter's name, which SQLite
/// finds by a linear search through the statement's named parameters, so with `$N` the cost of
/// a statement grows with the square of its parameters (a quarter of the CSV import's time at
/// a thousand); anonymous ones have no name to search for.
const MAX_PARAMETERS: usize = 1_000;

/// Rows per statement on PostgreSQL, where a statement binds one array per column (see
/// [`Bulk::schrijf`]): many, since every INSERT statement there also runs the statement-level
/// triggers that keep the indicator versions and the cases' first moments (migration 0024),
/// each a set-based query over the statement's rows.
const RIJEN_PG: usize = 10_000;

/// From how many rows a PostgreSQL bulk write runs with a generic plan (see
/// [`Bulk::schrijf_als_arrays`]). A smaller write, such as a request's one audit row, is not
/// worth the three extra statements: its arrays are parsed in microseconds.
pub const GENERIEK_PLAN_VANAF: usize = 1_000;

/// Whether statements on this connection number their parameters (`$N`, PostgreSQL) or leave
/// them anonymous (`?`, SQLite; see [`MAX_PARAMETERS`]).
pub fn genummerd(conn: &Conn) -> bool {
    conn.backend_name() == "PostgreSQL"
}

/// Rows for one table, written as multi-row INSERTs. `vast` is a column with the same SQL
/// literal in every row (a flag: `TRUE`, `FALSE` or `NULL`), so no boolean is ever bound.
pub struct Bulk {
    tabel: &'static str,
    kolommen: Vec<&'static str>,
    vast: Option<(&'static str, &'static str)>,
    cellen: Vec<Cel>,
    pub geschreven: u64,
}

impl Bulk {
    pub fn new(tabel: &'static str, kolommen: &'static [&'static str]) -> Self {
        Self {
            tabel,
            kolommen: kolommen.to_vec(),
            vast: None,
            cellen: vec![],
            geschreven: 0,
        }
    }
    /// More columns after those given to `new` (every row then has cells for them too).
    pub fn met_kolommen(mut self, kolommen: &[&'static str]) -> Self {
        self.kolommen.extend_from_slice(kolommen);
        self
    }
    pub fn met_vast(mut self, kolom: &'static str, literal: &'static str) -> Self {
        self.vast = Some((kolom, literal));
        self
    }
    pub fn rij(&mut self, rij: Vec<Cel>) {
        debug_assert_eq!(rij.len(), self.kolommen.len(), "{}", self.tabel);
        self.cellen.extend(rij);
    }
    pub fn rijen(&self) -> usize {
        self.cellen.len() / self.kolommen.len()
    }

    fn sql(&self, rijen: usize) -> String {
        let n = self.kolommen.len();
        let mut kolommen = self.kolommen.join(", ");
        if let Some((k, _)) = self.vast {
            kolommen.push_str(", ");
            kolommen.push_str(k);
        }
        let mut sql = format!("INSERT INTO {} ({kolommen}) VALUES ", self.tabel);
        for r in 0..rijen {
            if r > 0 {
                sql.push_str(", ");
            }
            sql.push('(');
            for c in 0..n {
                if c > 0 {
                    sql.push_str(", ");
                }
                sql.push('?');
            }
            if let Some((_, literal)) = self.vast {
                sql.push_str(", ");
                sql.push_str(literal);
            }
            sql.push(')');
        }
        sql
    }

    /// Writes every buffered row.
    pub async fn schrijf(&mut self, conn: &mut Conn) -> sqlx::Result<()> {
        if self.cellen.is_empty() {
            return Ok(());
        }
        if genummerd(conn) {
            return self.schrijf_als_arrays(conn).await;
        }
        let n = self.kolommen.len();
        let per_statement = (MAX_PARAMETERS / n).max(1);
        let cellen = std::mem::take(&mut self.cellen);
        let mut vol: Option<String> = None;
        for blok in cellen.chunks(per_statement * n) {
            let rijen = blok.len() / n;
            let sql = if rijen == per_statement {
                vol.get_or_insert_with(|| self.sql(rijen)).clone()
            } else {
                self.sql(rijen)
            };
            let mut q = sqlx::query(&sql);
            for c in blok {
                q = match c {
                    Cel::I(v) => q.bind(*v),
                    Cel::T(v) => q.bind(v.as_str()),
                    Cel::OI(v) => q.bind(*v),
                    Cel::OT(v) => q.bind(v.as_deref()),
                    Cel::F(v) => q.bind(crate::db::Kommagetal(*v)),
                };
            }
            q.execute(&mut *conn).await?;
            self.geschreven += rijen as u64;
        }
        Ok(())
    }

    /// PostgreSQL: one statement per [`RIJEN_PG`] rows that binds each column as one array
    /// literal (`INSERT … SELECT * FROM unnest(CAST($1 AS BIGINT[]), …)`). The statement's text
    /// is the same for any number of rows, so it is parsed once per connection, and binding a
    /// handful of parameters costs the server a fraction of binding one per value: on 20,000
    /// rows of twelve columns, 170 ms against 310 ms for multi-row VALUES (`bench/`).
    ///
    /// From [`GENERIEK_PLAN_VANAF`] rows the statements run with a generic plan. For its first
    /// five runs PostgreSQL would plan a prepared statement for the values at hand, and to
    /// estimate `unnest` it parses every array literal once more. That is every run of a short
    /// import: 20,000 rows stored 9 % faster with the generic plan
    /// (docs/indicatoren-snelheid.md). The caller's setting is restored afterwards, in the same
    /// transaction.
    async fn schrijf_als_arrays(&mut self, conn: &mut Conn) -> sqlx::Result<()> {
        let n = self.kolommen.len();
        let cellen = std::mem::take(&mut self.cellen);
        // A column's type is that of its first row's cell (every row of a writer is built
        // alike).
        let soorten: Vec<&str> = cellen[..n].iter().map(Cel::array_type).collect();
        let lijsten: Vec<String> = soorten
            .iter()
            .enumerate()
            .map(|(i, soort)| format!("CAST(${} AS {soort}[])", i + 1))
            .collect();
        let (extra_kolom, extra_waarde) = match self.vast {
            Some((k, literal)) => (format!(", {k}"), format!(", {literal}")),
            None => (String::new(), String::new()),
        };
        let sql = format!(
            "INSERT INTO {} ({}{extra_kolom}) SELECT *{extra_waarde} FROM unnest({})",
            self.tabel,
            self.kolommen.join(", "),
            lijsten.join(", ")
        );
        let plan: Option<String> = if cellen.len() / n >= GENERIEK_PLAN_VANAF {
            let plan = sqlx::query_scalar("SELECT current_setting('plan_cache_mode')")
                .fetch_one(&mut *conn)
                .await?;
            plan_zetten(conn, "force_generic_plan").await?;
            Some(plan)
        } else {
            None
        };
        for blok in cellen.chunks(RIJEN_PG * n) {
            let rijen = blok.len() / n;
            let mut q = sqlx::query(&sql);
            for kolom in 0..n {
                let mut lijst = String::with_capacity(rijen * 8);
                lijst.push('{');
                for (r, rij) in blok.chunks(n).enumerate() {
                    if r > 0 {
                        lijst.push(',');
                    }
                    debug_assert_eq!(rij[kolom].array_type(), soorten[kolom], "{}", self.tabel);
                    rij[kolom].array_element(&mut lijst);
                }
                lijst.push('}');
                q = q.bind(lijst);
            }
            q.execute(&mut *conn).await?;
            self.geschreven += rijen as u64;
        }
        match plan {
            Some(plan) => plan_zetten(conn, &plan).await,
            None => Ok(()),
        }
    }
}

/// Sets `plan_cache_mode` until the end of the transaction (PostgreSQL).
async fn plan_zetten(conn: &mut Conn, modus: &str) -> sqlx::Result<()> {
    sqlx::query("SELECT set_config('plan_cache_mode', $1, true)")
        .bind(modus)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

impl Cel {
    /// The PostgreSQL element type of this cell's column in [`Bulk::schrijf_als_arrays`].
    fn array_type(&self) -> &'static str {
        match self {
            Cel::I(_) | Cel::OI(_) => "BIGINT",
            Cel::T(_) | Cel::OT(_) => "TEXT",
            Cel::F(_) => "DOUBLE PRECISION",
        }
    }

    /// Appends this cell as an element of a PostgreSQL array literal: NULL bare, numbers as
    /// digits, text between double quotes with `"` and `\` escaped (so no text, whatever it
    /// holds, can end its element or the array).
    fn array_element(&self, uit: &mut String) {
        use std::fmt::Write;
        match self {
            Cel::OI(None) | Cel::OT(None) | Cel::F(None) => uit.push_str("NULL"),
            Cel::I(v) | Cel::OI(Some(v)) => {
                let _ = write!(uit, "{v}");
            }
            Cel::F(Some(v)) => {
                let _ = write!(uit, "{v:?}");
            }
            Cel::T(v) | Cel::OT(Some(v)) => tekst_element(v, uit),
        }
    }
}

/// Text as an element of a PostgreSQL array literal: between double quotes with `"` and `\`
/// escaped.
fn tekst_element(v: &str, uit: &mut String) {
    uit.push('"');
    for c in v.chars() {
        if c == '"' || c == '\\' {
            uit.push('\\');
        }
        uit.push(c);
    }
    uit.push('"');
}

/// A PostgreSQL `TEXT[]` literal of `waarden`, for one parameter that a query compares with
/// `= ANY(CAST($n AS TEXT[]))` instead of one parameter per value.
pub fn tekst_array(waarden: &[&str]) -> String {
    let mut uit = String::with_capacity(waarden.iter().map(|w| w.len() + 3).sum::<usize>() + 2);
    uit.push('{');
    for (i, w) in waarden.iter().enumerate() {
        if i > 0 {
            uit.push(',');
        }
        tekst_element(w, &mut uit);
    }
    uit.push('}');
    uit
}

/// The next free id of a table (`max(id) + 1`), for a writer that owns the database (the demo
/// generator, which sets PostgreSQL's identity sequences afterwards).
pub async fn volgende_id(conn: &mut Conn, tabel: &str) -> sqlx::Result<i64> {
    let max: Option<i64> = sqlx::query_scalar(&format!("SELECT MAX(id) FROM {tabel}"))
        .fetch_one(conn)
        .await?;
    Ok(max.unwrap_or(0) + 1)
}

/// `n` new ids of a table, for rows written with explicit ids while other writers may run. Call
/// inside a write transaction (`db::begin`). SQLite: the next `n` after the highest, safe since
/// the transaction holds the write lock. PostgreSQL: `n` values of the identity sequence, which
/// every other insert draws from too (not necessarily consecutive).
pub async fn nieuwe_ids(conn: &mut Conn, tabel: &str, n: usize) -> sqlx::Result<Vec<i64>> {
    if n == 0 {
        return Ok(vec![]);
    }
    let n = i64::try_from(n).unwrap_or(i64::MAX);
    if conn.backend_name() == "PostgreSQL" {
        // The sequence is looked up once (a sub-select), not per value: that lookup was most
        // of the cost (2 µs a value).
        sqlx::query_scalar(&format!(
            "SELECT CAST(nextval((SELECT CAST(pg_get_serial_sequence('{tabel}', 'id') AS regclass))) AS BIGINT) FROM generate_series(1, $1)"
        ))
        .bind(n)
        .fetch_all(conn)
        .await
    } else {
        let eerste = volgende_id(conn, tabel).await?;
        Ok((eerste..eerste + n).collect())
    }
}
