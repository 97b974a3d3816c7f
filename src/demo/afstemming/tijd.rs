//! The small demo's cases: time helpers.

use super::*;

pub(super) type Tijd = PrimitiveDateTime;

pub(super) fn dag_tekst(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

pub(super) fn tijd_tekst(t: Tijd) -> String {
    format!("{}T{:02}:{:02}", dag_tekst(t.date()), t.hour(), t.minute())
}

/// A local Dutch time as the UTC text the database uses for `aangemaakt_op` and the like.
pub(super) fn utc(t: Tijd) -> String {
    for uren in [1, 2] {
        let u = t - Duration::hours(uren);
        if model::lokaal(u.assume_utc()) == tijd_tekst(t) {
            return format!("{}:00Z", tijd_tekst(u));
        }
    }
    format!("{}:00Z", tijd_tekst(t - Duration::hours(1)))
}

pub(super) fn om(d: Date, uur: u8) -> Tijd {
    PrimitiveDateTime::new(d, Time::from_hms(uur, 0, 0).expect("valid hour"))
}

pub(super) fn plus_dagen(d: Date, n: i64) -> Date {
    d + Duration::days(n)
}

pub(super) fn plus_min(t: Tijd, n: i64) -> Tijd {
    t + Duration::minutes(n)
}

pub(super) fn is_weekend(d: Date) -> bool {
    matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday)
}

/// The day itself or, in a weekend, the Monday after.
pub(super) fn werkdag_vanaf(mut d: Date) -> Date {
    while is_weekend(d) {
        d = d.next_day().expect("not the last date");
    }
    d
}

pub(super) fn dagdeel_van(t: Tijd) -> Dagdeel {
    model::dagdeel(&tijd_tekst(t)).unwrap_or(Dagdeel::Werkdag)
}

/// A random moment in `[van, tot]` in the given part of the week.
pub(super) fn tijdstip_in(rng: &mut Rng, dagdeel: Dagdeel, van: Date, tot: Date) -> Tijd {
    let span = (tot - van).whole_days();
    let d = loop {
        let d = plus_dagen(van, rng.tussen(0, span));
        if is_weekend(d) == (dagdeel == Dagdeel::Weekend) {
            break d;
        }
    };
    let uur: u8 = match dagdeel {
        Dagdeel::Werkdag => rng.kies(&[8, 9, 9, 10, 10, 11, 11, 12, 13, 13, 14, 14, 15, 15, 16]),
        Dagdeel::Avond => rng.kies(&[
            17, 17, 18, 18, 19, 19, 20, 20, 21, 21, 22, 22, 23, 23, 0, 1, 2, 3, 5, 6, 7,
        ]),
        Dagdeel::Weekend => rng.kies(&[
            0, 1, 2, 3, 4, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 20, 21, 21, 22, 22, 23, 23,
        ]),
    };
    let minuut = rng.tussen(0, 59) as u8;
    PrimitiveDateTime::new(d, Time::from_hms(uur, minuut, 0).expect("valid time"))
}

/// Every Thursday from 2024 to the reference date except public holidays.
pub(super) fn vergaderdata() -> Vec<Date> {
    let mut d = date!(2024 - 01 - 04);
    let mut uit = vec![];
    while d <= PEILDATUM {
        if !FEESTDAGEN.contains(&d) {
            uit.push(d);
        }
        d = plus_dagen(d, 7);
    }
    uit
}
