//! Server-side SVG charts: radar ("spinnenweb") and grouped horizontal bars.
//!
//! Output is standalone SVG 1.1 without any `style` attribute or `<style>` element
//! (strict CSP); colours and line styles are presentation attributes. Series are
//! distinguishable without colour (WCAG 1.4.1): line style, marker shape, bar fill.

use std::f64::consts::{FRAC_PI_2, TAU};

/// One data series on a radar chart.
pub struct RadarReeks<'a> {
    /// Legend label, e.g. "Gemeente Eindhoven" or "Regio gemiddelde".
    pub naam: &'a str,
    /// One value per axis, 0.0..=100.0 (percent); out-of-range is clamped, NaN counts as 0.
    pub waarden: &'a [f64],
    pub stijl: ReeksStijl,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReeksStijl {
    Primair,
    Secundair,
    Tertiair,
}

impl ReeksStijl {
    /// (colour, extra stroke attributes, class suffix)
    fn opmaak(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Self::Primair => ("#01689b", "", "primair"),
            Self::Secundair => ("#ca005d", r#" stroke-dasharray="8 4""#, "secundair"),
            Self::Tertiair => ("#275937", r#" stroke-dasharray="2 3""#, "tertiair"),
        }
    }
}

const W: f64 = 640.0;
const CX: f64 = 320.0;
const CY: f64 = 250.0;
const R: f64 = 170.0;
const TEKST: &str = "#1f1f1f";
const RASTER: &str = r##" fill="none" stroke="#b4b4b4""##;
const SPAAK: &str = r##" class="spaak" stroke="#b4b4b4""##;
const STIPPEL: &str = r#" stroke-width="2" stroke-dasharray="3 2""#;

/// An SVG coordinate: at most one decimal (a decimal point), never "-0" or "NaN". Numbers
/// that readers see go through [`super::getal`] (decimal comma).
fn getal(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0 + 0.0; // `+ 0.0` turns -0.0 into 0.0
    let s = if r.is_finite() {
        format!("{r:.1}")
    } else {
        "0".into()
    };
    s.trim_end_matches(".0").to_string()
}

fn waarde(r: &RadarReeks<'_>, i: usize) -> f64 {
    waarde_tot(r, i, 100.0)
}

fn waarde_tot(r: &RadarReeks<'_>, i: usize, max: f64) -> f64 {
    let v = r.waarden.get(i).copied().unwrap_or(0.0);
    if v.is_nan() { 0.0 } else { v.clamp(0.0, max) }
}

/// Scale of a bar chart: values 0..=`max`, labelled with `eenheid` ("%" or " uur").
#[derive(Clone, Copy, Debug)]
pub struct Schaal<'a> {
    pub max: f64,
    pub eenheid: &'a str,
    /// For the description, e.g. "0 tot 100 procent op orde".
    pub bereik: &'a str,
}

pub const PROCENT: Schaal<'static> = Schaal {
    max: 100.0,
    eenheid: "%",
    bereik: "0 tot 100 procent op orde",
};

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// Greedy word wrap (also after hyphens) at `max` chars, at most `max_regels` lines;
/// overflow ends in "…".
fn ombreken(tekst: &str, max: usize, max_regels: usize) -> Vec<String> {
    let mut regels: Vec<String> = Vec::new();
    let delen = tekst
        .split_whitespace()
        .flat_map(|w| w.split_inclusive('-').enumerate());
    for (j, deel) in delen {
        let spatie = if j == 0 { " " } else { "" }; // continue after a hyphen without space
        match regels.last_mut() {
            Some(r) if r.chars().count() + spatie.len() + deel.chars().count() <= max => {
                *r += spatie;
                *r += deel;
            }
            _ => regels.push(deel.to_string()),
        }
    }
    if regels.len() > max_regels {
        let rest = regels.split_off(max_regels.max(1) - 1).join(" ");
        regels.push(rest);
    }
    for r in regels.iter_mut().filter(|r| r.chars().count() > max) {
        *r = r.chars().take(max.saturating_sub(1)).chain(['…']).collect();
    }
    regels
}

/// Deterministic id (FNV-1a over all content) so different charts on one page don't clash.
fn grafiek_id(soort: &str, titel: &str, labels: &[String], reeksen: &[RadarReeks<'_>]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut voeg = |b: &[u8]| {
        for &x in b.iter().chain(&[0xff]) {
            h = (h ^ u64::from(x)).wrapping_mul(0x0100_0000_01b3);
        }
    };
    voeg(titel.as_bytes());
    labels.iter().for_each(|l| voeg(l.as_bytes()));
    for r in reeksen {
        voeg(r.naam.as_bytes());
        (r.waarden.iter()).for_each(|v| voeg(&v.to_bits().to_le_bytes()));
    }
    format!("{soort}-{:012x}", h & 0xffff_ffff_ffff)
}

/// Dutch text alternative for `<desc>`, including every value.
fn samenvatting(
    kop: &str,
    labels: &[String],
    reeksen: &[RadarReeks<'_>],
    schaal: Schaal<'_>,
) -> String {
    let mut d = format!("{kop} ({}). ", schaal.bereik);
    if reeksen.is_empty() {
        return d + "Geen reeksen.";
    }
    d += "Reeksen: ";
    for (k, r) in reeksen.iter().enumerate() {
        let delen: Vec<String> = (labels.iter().enumerate())
            .map(|(i, l)| {
                format!(
                    "{l} {}{}",
                    super::getal(waarde_tot(r, i, schaal.max)),
                    schaal.eenheid
                )
            })
            .collect();
        let (sep, naam, delen) = (if k > 0 { "; " } else { "" }, r.naam, delen.join(", "));
        d += &format!("{sep}{naam}: {delen}");
    }
    d + "."
}

/// `<text>` with escaped content.
fn tekst(o: &mut String, (x, y): (f64, f64), maat: u8, anker: &str, inhoud: &str) {
    let (x, y, t) = (getal(x), getal(y), esc(inhoud));
    *o += &format!(r#"<text x="{x}" y="{y}" font-size="{maat}" text-anchor="{anker}" "#);
    *o += &format!(r#"fill="{TEKST}">{t}</text>"#);
}

/// Multi-line label: one `<tspan>` per line, 13 px apart.
fn tekstblok(o: &mut String, (x, y): (f64, f64), anker: &str, regels: &[String], klasse: &str) {
    let [x, y] = [x, y].map(getal);
    *o += &format!(r#"<text class="{klasse}" x="{x}" y="{y}" text-anchor="{anker}" "#);
    *o += &format!(r#"font-size="11" fill="{TEKST}">"#);
    for (i, r) in regels.iter().enumerate() {
        let (dy, r) = (if i == 0 { 0 } else { 13 }, esc(r));
        *o += &format!(r#"<tspan x="{x}" dy="{dy}">{r}</tspan>"#);
    }
    *o += "</text>";
}

fn lijn(o: &mut String, (x1, y1): (f64, f64), (x2, y2): (f64, f64), extra: &str) {
    let [a, b, c, d] = [x1, y1, x2, y2].map(getal);
    *o += &format!(r#"<line x1="{a}" y1="{b}" x2="{c}" y2="{d}"{extra}/>"#);
}

fn kop(o: &mut String, id: &str, klasse: &str, h: f64, titel: &str, desc: &str) {
    let (h, t, d) = (getal(h), esc(titel), esc(desc));
    *o += r#"<svg xmlns="http://www.w3.org/2000/svg" version="1.1" role="img" "#;
    *o += &format!(r#"viewBox="0 0 {W} {h}" width="{W}" height="{h}" class="{klasse}" "#);
    *o += &format!(r#"aria-labelledby="{id}-titel {id}-desc" font-family="sans-serif">"#);
    *o += &format!(r#"<title id="{id}-titel">{t}</title><desc id="{id}-desc">{d}</desc>"#);
    *o += &format!(r#"<text x="20" y="28" font-size="16" font-weight="bold" fill="{TEKST}">"#);
    *o += &format!("{t}</text>");
}

/// Marker shape per style: circle, square, diamond (white outline for overlaps).
fn marker(o: &mut String, stijl: ReeksStijl, x: f64, y: f64) {
    let [xs, ys, a, b] = [x, y, x - 3.5, y - 3.5].map(getal);
    let [l, r, t, d] = [x - 5.0, x + 5.0, y - 5.0, y + 5.0].map(getal);
    let k = format!(r##"fill="{}" stroke="#ffffff""##, stijl.opmaak().0);
    *o += &match stijl {
        ReeksStijl::Primair => format!(r#"<circle cx="{xs}" cy="{ys}" r="4" {k}/>"#),
        ReeksStijl::Secundair => format!(r#"<rect x="{a}" y="{b}" width="7" height="7" {k}/>"#),
        ReeksStijl::Tertiair => format!(r#"<path d="M{xs} {t}L{r} {ys}L{xs} {d}L{l} {ys}Z" {k}/>"#),
    };
}

/// Bar fill per style: solid, hatched (pattern `{id}-arcering`), dashed outline.
fn staaf_vulling(stijl: ReeksStijl, id: &str) -> String {
    let k = stijl.opmaak().0;
    match stijl {
        ReeksStijl::Primair => format!(r#"fill="{k}""#),
        ReeksStijl::Secundair => format!(r#"fill="url(#{id}-arcering)" stroke="{k}""#),
        ReeksStijl::Tertiair => format!(r##"fill="#fff" stroke="{k}"{STIPPEL}"##),
    }
}

fn legenda(o: &mut String, reeksen: &[RadarReeks<'_>], y0: f64, staaf: Option<&str>) {
    for (i, r) in reeksen.iter().enumerate() {
        let y = y0 + 20.0 * i as f64;
        let (k, s, _) = r.stijl.opmaak();
        if let Some(id) = staaf {
            let (v, ys) = (staaf_vulling(r.stijl, id), getal(y - 6.0));
            *o += &format!(r#"<rect x="40" y="{ys}" width="28" height="12" {v}/>"#);
        } else {
            let attr = format!(r#" stroke="{k}" stroke-width="2"{s}"#);
            lijn(o, (36.0, y), (72.0, y), &attr);
            marker(o, r.stijl, 54.0, y);
        }
        tekst(o, (82.0, y + 4.0), 12, "start", r.naam);
    }
}

/// Axis `i` of `n` at radius `r`: axis 0 at the top, clockwise.
fn punt(i: usize, n: usize, r: f64) -> (f64, f64) {
    let a = -FRAC_PI_2 + TAU * i as f64 / n as f64;
    (CX + r * a.cos(), CY + r * a.sin())
}

fn punten(n: usize, straal: impl Fn(usize) -> f64) -> String {
    let p: Vec<String> = (0..n)
        .map(|i| punt(i, n, straal(i)))
        .map(|(x, y)| format!("{},{}", getal(x), getal(y)))
        .collect();
    p.join(" ")
}

/// Renders the chart. `assen` are the axis labels (10 for the Zelfscan, but work for 3..=16).
pub fn radar_svg(titel: &str, assen: &[String], reeksen: &[RadarReeks<'_>]) -> String {
    let n = assen.len();
    let labels: Vec<String> = (assen.iter().enumerate())
        .map(|(i, a)| format!("{} {}", i + 1, a.trim()))
        .collect();
    let id = grafiek_id("radar", titel, &labels, reeksen);
    let desc = samenvatting(
        &format!("Radardiagram met {n} assen"),
        &labels,
        reeksen,
        PROCENT,
    );
    let (legenda_y, mut o) = (CY + R + 70.0, String::with_capacity(8192));
    let h = legenda_y + 20.0 * reeksen.len() as f64;
    kop(&mut o, &id, "radar", h, titel, &desc);
    if n < 3 {
        let t = "Te weinig assen voor een radardiagram";
        tekst(&mut o, (CX, CY), 14, "middle", t);
        return o + "</svg>";
    }
    for k in 1..=4 {
        let p = punten(n, |_| R * f64::from(k) / 4.0);
        o += &format!(r#"<polygon class="raster" points="{p}"{RASTER}/>"#);
        let (y, t) = (CY - R * f64::from(k) / 4.0 + 11.0, format!("{}%", k * 25));
        tekst(&mut o, (CX + 4.0, y), 9, "start", &t);
    }
    for (i, label) in labels.iter().enumerate() {
        lijn(&mut o, (CX, CY), punt(i, n, R), SPAAK);
        let (lx, ly) = punt(i, n, R + 12.0);
        let (cos, sin) = ((lx - CX) / (R + 12.0), (ly - CY) / (R + 12.0));
        let regels = ombreken(label, 20, 3);
        let extra = (regels.len().max(1) - 1) as f64 * 13.0;
        let y = match sin {
            s if s < -0.3 => ly - extra,
            s if s > 0.3 => ly + 9.0,
            _ => ly - extra / 2.0 + 4.0,
        };
        let anker = match cos {
            c if c.abs() < 0.3 => "middle",
            c if c > 0.0 => "start",
            _ => "end",
        };
        tekstblok(&mut o, (lx, y), anker, &regels, "as");
    }
    for r in reeksen {
        let (k, s, c) = r.stijl.opmaak();
        let p = punten(n, |i| R * waarde(r, i) / 100.0);
        o += &format!(r#"<polygon class="reeks reeks-{c}" points="{p}" fill="{k}" "#);
        o += &format!(r#"fill-opacity="0.15" stroke="{k}" stroke-width="2"{s}/>"#);
        for i in 0..n {
            let (x, y) = punt(i, n, R * waarde(r, i) / 100.0);
            marker(&mut o, r.stijl, x, y);
        }
    }
    legenda(&mut o, reeksen, legenda_y, None);
    o + "</svg>"
}

/// Horizontal grouped bar chart: per category (e.g. a standard) one bar per series, 0..=100 percent.
pub fn staaf_svg(titel: &str, categorieen: &[String], reeksen: &[RadarReeks<'_>]) -> String {
    staaf_svg_schaal(titel, categorieen, reeksen, PROCENT)
}

/// Horizontal grouped bar chart on any scale (e.g. hours per week).
pub fn staaf_svg_schaal(
    titel: &str,
    categorieen: &[String],
    reeksen: &[RadarReeks<'_>],
    schaal: Schaal<'_>,
) -> String {
    let max = if schaal.max.is_finite() && schaal.max > 0.0 {
        schaal.max
    } else {
        1.0
    };
    let (nc, ns) = (categorieen.len(), reeksen.len());
    let id = grafiek_id("staaf", titel, categorieen, reeksen);
    let kop_tekst = format!("Staafdiagram met {nc} categorieën");
    let desc = samenvatting(&kop_tekst, categorieen, reeksen, schaal);
    let (top, x0, bw, sh) = (50.0, 220.0, 340.0, 14.0);
    let groep_h = ns.max(1) as f64 * (sh + 3.0) + 14.0;
    let onder = top + groep_h * nc.max(1) as f64;
    let mut o = String::with_capacity(8192);
    let h = onder + 50.0 + 20.0 * ns as f64;
    kop(&mut o, &id, "staaf", h, titel, &desc);
    if reeksen.iter().any(|r| r.stijl == ReeksStijl::Secundair) {
        let k = ReeksStijl::Secundair.opmaak().0;
        o += &format!(r#"<defs><pattern id="{id}-arcering" width="6" height="6" "#);
        o += r#"patternUnits="userSpaceOnUse" patternTransform="rotate(45)">"#;
        o += r##"<rect width="6" height="6" fill="#fff"/>"##;
        o += &format!(r#"<line y2="6" stroke="{k}" stroke-width="3"/></pattern></defs>"#);
    }
    for p in [0, 25, 50, 75, 100] {
        let x = x0 + bw * f64::from(p) / 100.0;
        lijn(&mut o, (x, top - 6.0), (x, onder), RASTER);
        let label = format!(
            "{}{}",
            super::getal(max * f64::from(p) / 100.0),
            schaal.eenheid
        );
        tekst(&mut o, (x, onder + 14.0), 10, "middle", &label);
    }
    if nc == 0 {
        tekst(&mut o, (x0, top + 20.0), 12, "start", "Geen categorieën");
    }
    for (c, cat) in categorieen.iter().enumerate() {
        let gy = top + groep_h * c as f64;
        let regels = ombreken(cat, 30, 2);
        let y = gy + groep_h / 2.0 - (regels.len().max(1) - 1) as f64 * 6.5 - 3.0;
        tekstblok(&mut o, (x0 - 8.0, y), "end", &regels, "categorie");
        for (s, r) in reeksen.iter().enumerate() {
            let (v, y) = (waarde_tot(r, c, max), gy + 7.0 + s as f64 * (sh + 3.0));
            let (vul, b) = (staaf_vulling(r.stijl, &id), bw * v / max);
            let [ys, bs] = [y, b].map(getal);
            // A zero value draws no bar (a zero-width rect is invalid SVG); its label stays.
            if b > 0.0 {
                o += &format!(
                    r#"<rect class="staaf" x="{x0}" y="{ys}" width="{bs}" height="{sh}" "#
                );
                o += &format!("{vul}/>");
            }
            let t = format!("{}{}", super::getal(v), schaal.eenheid);
            tekst(&mut o, (x0 + b + 4.0, y + 11.0), 10, "start", &t);
        }
    }
    legenda(&mut o, reeksen, onder + 36.0, Some(&id));
    o + "</svg>"
}

/// One part of a stacked bar: its legend label, the letter written in each segment (so the
/// parts differ without colour), and its fill.
pub struct Deel<'a> {
    pub naam: &'a str,
    pub letter: &'a str,
    pub kleur: &'a str,
}

/// Horizontal stacked bars: per category one bar of `totaal` units, split into `delen` by the
/// counts in `aantallen` (one row per category, one count per part). Each segment shows its
/// letter and count; the rest of a bar up to `totaal` stays empty with its count at the end
/// (`rest`: what that rest means, e.g. "geen sessie").
pub fn gestapeld_svg(
    titel: &str,
    categorieen: &[String],
    delen: &[Deel<'_>],
    aantallen: &[Vec<usize>],
    (totaal, rest): (usize, &str),
) -> String {
    let totaal = totaal.max(1);
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in titel
        .bytes()
        .chain(categorieen.iter().flat_map(|c| c.bytes()))
    {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    let id = format!("gestapeld-{:08x}", h as u32);
    let desc = format!(
        "Gestapeld staafdiagram met {} categorieën, elk verdeeld over {} en {rest}, van {totaal}. De tabel bij de grafiek geeft dezelfde aantallen.",
        categorieen.len(),
        delen.iter().map(|d| d.naam).collect::<Vec<_>>().join(", ")
    );
    let (top, x0, bw, bh, rij) = (50.0, 220.0, 360.0, 22.0, 40.0);
    let onder = top + rij * categorieen.len().max(1) as f64;
    let mut o = String::with_capacity(8192);
    kop(&mut o, &id, "gestapeld", onder + 60.0, titel, &desc);
    let eenheid = bw / totaal as f64;
    for (c, cat) in categorieen.iter().enumerate() {
        let y = top + rij * c as f64;
        let regels = ombreken(cat, 30, 2);
        let ty = y + bh / 2.0 - (regels.len().max(1) - 1) as f64 * 6.5 + 4.0;
        tekstblok(&mut o, (x0 - 8.0, ty), "end", &regels, "categorie");
        let mut x = x0;
        let rij_aantallen = aantallen.get(c).map_or(&[][..], Vec::as_slice);
        for (d, deel) in delen.iter().enumerate() {
            let n = rij_aantallen.get(d).copied().unwrap_or(0);
            if n == 0 {
                continue;
            }
            let b = eenheid * n as f64;
            let [xs, ys, bs] = [x, y, b].map(getal);
            o += &format!(
                r##"<rect class="segment" x="{xs}" y="{ys}" width="{bs}" height="{bh}" fill="{}" stroke="#ffffff"/>"##,
                deel.kleur
            );
            let [tx, tyy] = [x + b / 2.0, y + 15.0].map(getal);
            o += &format!(
                r##"<text x="{tx}" y="{tyy}" font-size="11" text-anchor="middle" fill="#ffffff" font-weight="bold">{}{n}</text>"##,
                esc(deel.letter)
            );
            x += b;
        }
        let over = totaal.saturating_sub(rij_aantallen.iter().sum());
        let eind = x0 + bw;
        if over > 0 {
            let [xs, ys, bs] = [x, y, eind - x].map(getal);
            o += &format!(
                r##"<rect class="rest" x="{xs}" y="{ys}" width="{bs}" height="{bh}" fill="#ffffff" stroke="#8a8a8a" stroke-dasharray="3 2"/>"##
            );
        }
        if over > 0 {
            tekst(
                &mut o,
                (eind + 6.0, y + 15.0),
                11,
                "start",
                &over.to_string(),
            );
        }
    }
    let mut lx = 20.0;
    for deel in delen {
        let ys = getal(onder + 16.0);
        o += &format!(
            r#"<rect x="{}" y="{ys}" width="16" height="12" fill="{}"/>"#,
            getal(lx),
            deel.kleur
        );
        tekst(
            &mut o,
            (lx + 20.0, onder + 26.0),
            11,
            "start",
            &format!("{} = {}", deel.letter, deel.naam),
        );
        lx += 24.0 + 7.0 * (deel.naam.chars().count() + 4) as f64;
    }
    let ys = getal(onder + 34.0);
    o += &format!(
        r##"<rect x="20" y="{ys}" width="16" height="12" fill="#ffffff" stroke="#8a8a8a" stroke-dasharray="3 2"/>"##
    );
    tekst(
        &mut o,
        (40.0, onder + 44.0),
        11,
        "start",
        &format!("getal achter de balk = {rest}"),
    );
    o + "</svg>"
}

/// One row of a Gantt chart: a heading (`maanden` `None`: a group, e.g. a verbeteractiviteit)
/// or an activity with its months (1–12) and its status in words, written at the row's end so
/// the status does not rest on colour alone.
pub struct GanttRij<'a> {
    pub label: &'a str,
    pub maanden: Option<&'a [u8]>,
    pub status: &'a str,
    /// Fill of the planned months.
    pub kleur: &'a str,
}

const MAANDEN_KORT: [&str; 12] = [
    "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
];

/// A year planning like the table of seed 000 §3.1: one row per activity, twelve month
/// columns, the planned months filled.
pub fn gantt_svg(titel: &str, rijen: &[GanttRij<'_>]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in titel
        .bytes()
        .chain(rijen.iter().flat_map(|r| r.label.bytes()))
    {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    let id = format!("gantt-{:08x}", h as u32);
    let activiteiten = rijen.iter().filter(|r| r.maanden.is_some()).count();
    let desc = format!(
        "Jaarplanning met {activiteiten} activiteiten in twaalf maanden; de geplande maanden zijn gevuld en achter elke activiteit staat haar status. De tabel bij de grafiek geeft dezelfde planning."
    );
    let (top, x0, mw, rh) = (62.0, 250.0, 26.0, 24.0);
    let onder = top + rh * rijen.len().max(1) as f64;
    let mut o = String::with_capacity(16384);
    kop(&mut o, &id, "gantt", onder + 16.0, titel, &desc);
    for (m, naam) in MAANDEN_KORT.iter().enumerate() {
        let x = x0 + mw * m as f64;
        tekst(&mut o, (x + mw / 2.0, top - 8.0), 10, "middle", naam);
        lijn(&mut o, (x, top - 4.0), (x, onder), RASTER);
    }
    lijn(
        &mut o,
        (x0 + mw * 12.0, top - 4.0),
        (x0 + mw * 12.0, onder),
        RASTER,
    );
    for (r, rij) in rijen.iter().enumerate() {
        let y = top + rh * r as f64;
        lijn(&mut o, (20.0, y), (x0 + mw * 12.0, y), RASTER);
        match rij.maanden {
            None => {
                let t = ombreken(rij.label, 60, 1).join(" ");
                let (xs, ys, te) = (getal(20.0), getal(y + 16.0), esc(&t));
                o += &format!(
                    r#"<text x="{xs}" y="{ys}" font-size="11" font-weight="bold" fill="{TEKST}">{te}</text>"#
                );
            }
            Some(maanden) => {
                let t = ombreken(rij.label, 40, 1).join(" ");
                tekst(&mut o, (x0 - 8.0, y + 16.0), 10, "end", &t);
                for m in maanden.iter().filter(|m| (1..=12).contains(*m)) {
                    let x = x0 + mw * f64::from(m - 1);
                    let [xs, ys] = [x + 2.0, y + 5.0].map(getal);
                    let (b, hh) = (getal(mw - 4.0), getal(rh - 10.0));
                    o += &format!(
                        r#"<rect class="maand" x="{xs}" y="{ys}" width="{b}" height="{hh}" fill="{}"/>"#,
                        rij.kleur
                    );
                }
                tekst(
                    &mut o,
                    (x0 + mw * 12.0 + 6.0, y + 16.0),
                    10,
                    "start",
                    rij.status,
                );
            }
        }
    }
    o + "</svg>"
}

#[cfg(test)]
mod tests {
    use super::ReeksStijl::*;
    use super::*;

    #[test]
    fn gantt_vult_de_geplande_maanden_en_noemt_de_status() {
        let svg = gantt_svg(
            "Planning 2026",
            &[
                GanttRij {
                    label: "Actie-overleg",
                    maanden: None,
                    status: "",
                    kleur: "",
                },
                GanttRij {
                    label: "Werkbezoek <regio>",
                    maanden: Some(&[3, 4, 13]),
                    status: "Loopt",
                    kleur: "#01689b",
                },
                GanttRij {
                    label: "Evaluatie",
                    maanden: Some(&[]),
                    status: "Gepland",
                    kleur: "#01689b",
                },
            ],
        );
        assert!(svg.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg""#));
        assert_eq!(
            svg.matches(r#"class="maand""#).count(),
            2,
            "month 13 is ignored"
        );
        assert!(
            svg.contains("&lt;regio&gt;") && svg.contains(">Loopt<") && svg.contains(">Gepland<")
        );
        assert!(svg.contains(">mrt<") && svg.contains(">dec<"));
        assert!(svg.contains("2 activiteiten"));
    }

    #[test]
    fn gestapeld_toont_elk_deel_met_letter_en_de_rest() {
        let delen = [
            Deel {
                naam: "Sterkte",
                letter: "S",
                kleur: "#275937",
            },
            Deel {
                naam: "Zwakte",
                letter: "Z",
                kleur: "#ca005d",
            },
        ];
        let svg = gestapeld_svg(
            "Verdeling <test>",
            &["Actie-overleg".to_string(), "Placemat".to_string()],
            &delen,
            &[vec![3, 1], vec![0, 0]],
            (10, "geen sessie"),
        );
        assert!(svg.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg""#));
        assert!(svg.contains("&lt;test&gt;"));
        assert_eq!(
            svg.matches(r#"class="segment""#).count(),
            2,
            "no segment for a zero"
        );
        assert!(svg.contains(">S3<") && svg.contains(">Z1<"));
        assert!(
            svg.contains(">6<") && svg.contains(">10<"),
            "the rest of each bar"
        );
        assert!(svg.contains("getal achter de balk = geen sessie"));
        assert!(!svg.contains("style="));
    }

    fn assen(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("As nummer {i}")).collect()
    }
    fn rk<'a>(naam: &'a str, waarden: &'a [f64], stijl: ReeksStijl) -> RadarReeks<'a> {
        RadarReeks {
            naam,
            waarden,
            stijl,
        }
    }
    /// Value of attribute `a` in the first element that starts with `begin`.
    fn attr(svg: &str, begin: &str, a: &str) -> Option<String> {
        let el = &svg[svg.find(begin).expect(begin)..];
        let el = &el[..el.find('>').unwrap()];
        let p = el.split_once(&format!(" {a}=\""))?.1;
        Some(p[..p.find('"')?].to_string())
    }
    fn punten_van(n: usize, w: &[f64]) -> String {
        let svg = radar_svg("T", &assen(n), &[rk("x", w, Primair)]);
        attr(&svg, "<polygon class=\"reeks", "points").unwrap()
    }

    #[test]
    fn structuur_en_toegankelijkheid() {
        let r = [rk("A", &[50.0; 10], Primair), rk("B", &[], Secundair)];
        let svg = radar_svg("Zelfscan", &assen(10), &r);
        assert!(svg.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg""#));
        assert!(svg.ends_with("</svg>") && svg.matches("<svg").count() == 1);
        assert_eq!(svg.matches("<polygon").count(), 4 + 2);
        assert_eq!(svg.matches("<text").count(), svg.matches("</text>").count());
        assert_eq!(attr(&svg, "<svg", "viewBox").unwrap(), "0 0 640 530");
        assert_eq!(attr(&svg, "<svg", "role").unwrap(), "img");
        let ids = attr(&svg, "<svg", "aria-labelledby").unwrap();
        let (t, d) = ids.split_once(' ').unwrap();
        assert!(svg.contains(&format!(r#"<title id="{t}">Zelfscan</title>"#)));
        assert!(svg.contains(&format!(r#"<desc id="{d}">Radardiagram met 10 assen"#)));
        assert!(svg.contains("Reeksen: A: 1 As nummer 0 50%") && svg.contains("; B: 1 As"));
        for p in ["25%", "50%", "75%", "100%"] {
            assert!(svg.contains(&format!(">{p}</text>")));
        }
    }

    #[test]
    fn tien_assen_geven_tien_spaken_en_labels() {
        let mut a = assen(10);
        a[0] = "Integrale visie".into();
        let svg = radar_svg("T", &a, &[]);
        assert_eq!(svg.matches(r#"class="spaak""#).count(), 10);
        assert_eq!(svg.matches(r#"class="as""#).count(), 10);
        assert!(svg.contains(">1 Integrale visie</tspan>"));
        assert!(svg.contains(">10 As nummer 9</tspan>"));
        assert_eq!(svg.matches("<polygon").count(), 4);
        assert!(svg.contains("Geen reeksen."));
    }

    #[test]
    fn punten_op_de_juiste_plek() {
        // 100 on axis 1: exactly at the top at radius R (CY - R = 80); 50 at half radius.
        assert_eq!(punten_van(4, &[100.0]), "320,80 320,250 320,250 320,250");
        assert_eq!(punten_van(4, &[50.0]), "320,165 320,250 320,250 320,250");
        // Clockwise: axis 2 of 4 lies to the right of the centre.
        let p = "320,250 405,250 320,250 320,250";
        assert_eq!(punten_van(4, &[0.0, 50.0]), p);
        let p = "320,250 481.7,197.5 320,250 320,250 320,250";
        // NaN and negatives count as 0, > 100 is clamped, missing values are 0.
        assert_eq!(punten_van(5, &[f64::NAN, 150.0, -5.0]), p);
        assert_eq!(punten_van(3, &[]), "320,250 320,250 320,250");
    }

    #[test]
    fn tekst_wordt_geescaped() {
        let r = [rk("<script>alert('x')</script>", &[], Primair)];
        let (t, labels) = ("A & \"B\"", vec!["<b>".to_string(); 3]);
        for svg in [radar_svg(t, &labels, &r), staaf_svg(t, &labels, &r)] {
            assert!(!svg.contains("<script") && !svg.contains("<b>"));
            assert!(svg.contains("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;"));
            assert!(svg.contains(">A &amp; &quot;B&quot;</title>") && svg.contains("&lt;b&gt;"));
        }
    }

    #[test]
    fn geen_style_en_zonder_kleur_onderscheidbaar() {
        let w = [10.0; 10];
        let r = [Primair, Secundair, Tertiair].map(|s| rk("R", &w, s));
        let radar = radar_svg("T", &assen(10), &r);
        let staaf = staaf_svg("T", &assen(10), &r);
        for svg in [&radar, &staaf] {
            assert!(!svg.contains("style=") && !svg.contains("<style"));
        }
        let dash = |c| attr(&radar, c, "stroke-dasharray");
        assert_eq!(dash("reeks-primair"), None);
        assert!(dash("reeks-secundair").is_some());
        assert_ne!(dash("reeks-secundair"), dash("reeks-tertiair"));
        for vorm in ["<circle", "<rect", "<path"] {
            assert_eq!(radar.matches(vorm).count(), 10 + 1, "{vorm}"); // markers + legend
        }
        let arcering = format!("url(#{})", attr(&staaf, "<pattern", "id").unwrap());
        assert_eq!(staaf.matches(&arcering).count(), 10 + 1);
        assert_eq!(staaf.matches(STIPPEL).count(), 10 + 1);
    }

    #[test]
    fn ids_uniek_per_grafiek() {
        let id = |t: &str| attr(&radar_svg(t, &assen(5), &[]), "<svg", "aria-labelledby");
        assert_ne!(id("Eindhoven"), id("Helmond"));
        assert_eq!(id("Eindhoven"), id("Eindhoven"));
        let staaf = staaf_svg("Eindhoven", &assen(5), &[]);
        assert_ne!(attr(&staaf, "<svg", "aria-labelledby"), id("Eindhoven"));
    }

    #[test]
    fn te_weinig_assen() {
        for n in 0..3 {
            let svg = radar_svg("T", &assen(n), &[rk("x", &[100.0], Primair)]);
            assert!(svg.contains(">Te weinig assen voor een radardiagram</text>"));
            assert!(svg.ends_with("</svg>") && !svg.contains("<polygon"));
        }
    }

    #[test]
    fn getallen_en_ombreken() {
        let g = [12.345, 3.0, -0.01, f64::NAN].map(getal);
        assert_eq!(g, ["12.3", "3", "0", "0"]);
        let lang = "1 Een heel erg lange aslabel die echt niet op één regel past";
        let r = ombreken(lang, 18, 3);
        assert_eq!(r.len(), 3);
        assert!(r.iter().all(|l| l.chars().count() <= 18) && r[2].ends_with('…'));
        assert_eq!(
            ombreken("3 Informatie-uitwisseling", 18, 3),
            ["3 Informatie-", "uitwisseling"]
        );
        let lang = vec!["Een heel erg lange aslabel die niet past".to_string(); 3];
        assert_eq!(radar_svg("T", &lang, &[]).matches("<tspan").count(), 3 * 3);
    }

    #[test]
    fn staafdiagram() {
        let r = [rk("P", &[75.0, 0.0], Primair), rk("S", &[33.33], Secundair)];
        let svg = staaf_svg("Normen", &["Norm 1".into(), "Norm 2".into()], &r);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        // 2 × 2 bars, of which the 0 and the missing value draw no rect (zero width is invalid SVG).
        assert_eq!(svg.matches(r#"<rect class="staaf""#).count(), 2);
        assert_eq!(attr(&svg, "<rect class=\"staaf\"", "width").unwrap(), "255");
        // Labels the Dutch way (decimal comma), like the tables beside them.
        assert!(svg.contains(">75%</text>") && svg.contains(">33,3%</text>"));
        assert_eq!(svg.matches(">0%</text>").count(), 1 + 2); // axis tick, 0, missing value
        assert!(svg.contains("Staafdiagram met 2 categorieën"));
        assert!(staaf_svg("T", &[], &[]).contains("Geen categorieën"));
        let uren = staaf_svg_schaal(
            "U",
            &["VT".into()],
            &[rk("M", &[5.0], Primair)],
            Schaal {
                max: 10.0,
                eenheid: " u",
                bereik: "uren",
            },
        );
        assert_eq!(
            attr(&uren, "<rect class=\"staaf\"", "width").unwrap(),
            "170"
        );
        assert!(uren.contains(">5 u</text>") && uren.contains(">10 u</text>"));
    }
}
