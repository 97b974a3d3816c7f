//! Vocabulary that several domains and the permission checks share, so none of them has to
//! reach into another's model for it.

use serde::{Deserialize, Serialize};

/// The 10 regional networks zorg-straf, with their fixed codes (the `regio` table is filled
/// from this list at start-up) and their names as the seeds write them (seed 000 §2: the
/// networks "Rotterdam/Zuid-Holland-zuid" and "Den Haag/Hollands midden" cover two police
/// units each; the codes stay short).
pub const REGIOS: [(&str, &str); 10] = [
    ("noord-nederland", "Noord-Nederland"),
    ("oost-nederland", "Oost-Nederland"),
    ("midden-nederland", "Midden-Nederland"),
    ("noord-holland", "Noord-Holland"),
    ("amsterdam", "Amsterdam-Amstelland"),
    ("den-haag", "Den Haag/Hollands Midden"),
    ("rotterdam", "Rotterdam/Zuid-Holland-Zuid"),
    ("zeeland-west-brabant", "Zeeland-West-Brabant"),
    ("oost-brabant", "Oost-Brabant"),
    ("limburg", "Limburg"),
];

/// The code of one of the [`REGIOS`]. Made from input only by [`RegioCode::parse`] (also when
/// it comes from an address, a form or JSON: deserialising checks it too), and from the
/// database the same way (the foreign key to `regio` already holds it to the list). It holds
/// the list's own `&'static str`, so it is `Copy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct RegioCode(&'static str);

impl RegioCode {
    /// The region of the fictional demo (and of most tests).
    pub const OOST_BRABANT: RegioCode = RegioCode("oost-brabant");
    /// A second region, for what must stay out of the first.
    pub const LIMBURG: RegioCode = RegioCode("limburg");

    pub fn parse(s: &str) -> Result<Self, String> {
        let s = s.trim();
        REGIOS
            .iter()
            .find(|(c, _)| *c == s)
            .map(|(c, _)| Self(c))
            .ok_or_else(|| {
                format!(
                    "Onbekende regio '{s}'. Kies uit: {}.",
                    REGIOS.map(|r| r.0).join(", ")
                )
            })
    }
    /// Every region, in the order of [`REGIOS`].
    pub fn alle() -> impl Iterator<Item = RegioCode> {
        REGIOS.iter().map(|(c, _)| Self(c))
    }
    pub fn as_str(self) -> &'static str {
        self.0
    }
    /// The region's name ("Oost-Brabant").
    pub fn naam(self) -> &'static str {
        regio_naam(self.0)
    }
}

impl<'de> Deserialize<'de> for RegioCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::parse(&s).map_err(serde::de::Error::custom)
    }
}

impl sqlx::Type<sqlx::Any> for RegioCode {
    fn type_info() -> sqlx::any::AnyTypeInfo {
        <String as sqlx::Type<sqlx::Any>>::type_info()
    }
    fn compatible(ty: &sqlx::any::AnyTypeInfo) -> bool {
        <String as sqlx::Type<sqlx::Any>>::compatible(ty)
    }
}

impl<'q> sqlx::Encode<'q, sqlx::Any> for RegioCode {
    fn encode_by_ref(
        &self,
        buf: &mut <sqlx::Any as sqlx::Database>::ArgumentBuffer<'q>,
    ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
        <&str as sqlx::Encode<'q, sqlx::Any>>::encode_by_ref(&self.0, buf)
    }
}

impl<'r> sqlx::Decode<'r, sqlx::Any> for RegioCode {
    fn decode(value: sqlx::any::AnyValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
        let s = <&str as sqlx::Decode<'r, sqlx::Any>>::decode(value)?;
        Ok(Self::parse(s)?)
    }
}

impl std::str::FromStr for RegioCode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl std::fmt::Display for RegioCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl AsRef<str> for RegioCode {
    fn as_ref(&self) -> &str {
        self.0
    }
}

impl std::borrow::Borrow<str> for RegioCode {
    fn borrow(&self) -> &str {
        self.0
    }
}

impl PartialEq<str> for RegioCode {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for RegioCode {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for RegioCode {
    fn eq(&self, other: &String) -> bool {
        self.0 == other
    }
}

impl PartialEq<RegioCode> for str {
    fn eq(&self, other: &RegioCode) -> bool {
        self == other.0
    }
}

impl PartialEq<RegioCode> for &str {
    fn eq(&self, other: &RegioCode) -> bool {
        *self == other.0
    }
}

impl PartialEq<RegioCode> for String {
    fn eq(&self, other: &RegioCode) -> bool {
        self == other.0
    }
}

/// Dutch local time (CET/CEST by the EU summer-time rule) of a moment in UTC.
pub fn nederlandse_tijd(utc: time::OffsetDateTime) -> time::PrimitiveDateTime {
    // Summer time runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
    // Sunday of October.
    let laatste_zondag = |maand: time::Month| {
        let mut d = time::Date::from_calendar_date(utc.year(), maand, 31)
            .expect("March and October have 31 days");
        while d.weekday() != time::Weekday::Sunday {
            d = d.previous_day().expect("not the first day");
        }
        d.with_hms(1, 0, 0).expect("valid time").assume_utc()
    };
    let zomer =
        utc >= laatste_zondag(time::Month::March) && utc < laatste_zondag(time::Month::October);
    let lokaal = utc + time::Duration::hours(if zomer { 2 } else { 1 });
    time::PrimitiveDateTime::new(lokaal.date(), lokaal.time())
}

/// A stored UTC time (`JJJJ-MM-DDTUU:MM:SS`, as `db::nu` writes it) as Dutch local time
/// `DD-MM-JJJJ UU:MM:SS`; `None` if it is not such a time.
pub fn lokale_tijd(utc: &str) -> Option<String> {
    let t = time::PrimitiveDateTime::parse(
        utc.get(..19)?,
        time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]"),
    )
    .ok()?;
    nederlandse_tijd(t.assume_utc())
        .format(time::macros::format_description!(
            "[day]-[month]-[year] [hour]:[minute]:[second]"
        ))
        .ok()
}

/// The name of a region code ("Onbekende regio" for anything else).
pub fn regio_naam(code: impl AsRef<str>) -> &'static str {
    let code = code.as_ref();
    REGIOS
        .iter()
        .find(|(c, _)| *c == code)
        .map_or("Onbekende regio", |(_, n)| *n)
}

/// Who may see one gemeente's individual results in a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Zichtbaarheid {
    /// Everyone in the region.
    Regio,
    /// The gemeente itself and the region's coordinators.
    Gemeente,
    /// Only the gemeente itself; everyone else sees it only inside the regional aggregate.
    Aggregaat,
}

impl Zichtbaarheid {
    pub const ALLE: [Zichtbaarheid; 3] = [Self::Regio, Self::Gemeente, Self::Aggregaat];
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALLE.into_iter().find(|z| z.code() == s.trim())
    }
    pub fn code(self) -> &'static str {
        match self {
            Self::Regio => "regio",
            Self::Gemeente => "gemeente",
            Self::Aggregaat => "aggregaat",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::Regio => "Zichtbaar voor de hele regio",
            Self::Gemeente => "Alleen voor de gemeente zelf (en de regiocoördinator)",
            Self::Aggregaat => "Alleen in het regionale totaal",
        }
    }
}

/// Defines a typed id: an `i64` in the database (`sqlx(transparent)`), a number in JSON, an
/// address and a form (`serde(transparent)`), and in messages. The type says which table's id
/// it is, so a moment's id cannot be passed where a case's or an organisation's is meant.
macro_rules! id_type {
    ($(#[$m:meta])* $naam:ident) => {
        $(#[$m])*
        #[derive(
            Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, sqlx::Type,
        )]
        #[serde(transparent)]
        #[sqlx(transparent)]
        pub struct $naam(pub i64);

        /// From an address or a form: a whole number, nothing else.
        impl std::str::FromStr for $naam {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map(Self)
            }
        }

        impl From<$naam> for i64 {
            fn from(id: $naam) -> i64 {
                id.0
            }
        }

        impl std::fmt::Display for $naam {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// An afstemmingsmoment (`moment.id`).
    MomentId
);

id_type!(
    /// A Zelfscan round (`zelfscan_ronde.id`).
    RondeId
);

id_type!(
    /// A case (`casus.id`): the moments about one situation.
    CasusId
);

id_type!(
    /// An afspraak made in a moment (`afspraak.id`).
    AfspraakId
);

id_type!(
    /// An organisation (`organisatie.id`): a Veilig Thuis, a gemeente, a police unit, the
    /// network itself.
    OrganisatieId
);

id_type!(
    /// A user account (`gebruiker.id`).
    GebruikerId
);

id_type!(
    /// A Zelfscan plan van aanpak (`plan_van_aanpak.id`).
    PlanId
);

/// A reference-data version key as users read it: "werkset-2022-v1" → "2022, versie 1",
/// "kwaliteitskader-2019-v2" → "2019, versie 2", "werkset-test-v3" → "versie 3". Keys without
/// a year or version number stay as they are (they are a beheerder's own choice).
pub fn versie_label(versie: &str) -> String {
    let delen: Vec<&str> = versie.split('-').collect();
    let jaar = delen
        .iter()
        .find(|d| d.len() == 4 && d.parse::<u16>().is_ok_and(|j| (2000..=2100).contains(&j)));
    let nummer = delen.last().and_then(|d| {
        d.strip_prefix('v')
            .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    });
    match (jaar, nummer) {
        (Some(j), Some(n)) => format!("{j}, versie {n}"),
        (Some(j), None) => (*j).to_string(),
        (None, Some(n)) => format!("versie {n}"),
        (None, None) => versie.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn versies_zoals_gebruikers_ze_lezen() {
        use super::versie_label;
        assert_eq!(versie_label("werkset-2022-v1"), "2022, versie 1");
        assert_eq!(versie_label("kwaliteitskader-2019-v12"), "2019, versie 12");
        assert_eq!(versie_label("werkset-test-v2"), "versie 2");
        assert_eq!(versie_label("regio-2024"), "2024");
        assert_eq!(versie_label("eigen"), "eigen");
        assert_eq!(versie_label("werkset-1999-vx"), "werkset-1999-vx");
    }
}
