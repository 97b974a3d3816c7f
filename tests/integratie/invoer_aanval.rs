//! Hostile input (issue 7): XSS and SQL-injection payloads through every form field and query
//! parameter the pages offer, found by reading the pages themselves (no hand-written field list).
//!
//! Per user, a set of start pages is fetched and their same-site links followed one level deep;
//! every `<form method="post">` on them is parsed (action, hidden fields, inputs, textareas,
//! selects) and submitted twice: once with a payload in every text-like field (hidden fields
//! too, so validation errors re-render hostile input), once "plausibly" (payloads only in free
//! text, valid dates, e-mail addresses and select values, so the payloads are stored and shown
//! on later pages). GET forms, the known query parameters, the path segments of pages and
//! form actions, and (last, for accounts that do not exist) the sign-in form get payloads too;
//! so do organisation names, which come in through the command line. Then every page,
//! the pages the submissions created, the XLSX exports, the PDF report and the JSON API are
//! fetched again. Checked throughout: no 500, no SQL error or stack trace in any answer, no
//! payload unescaped in any HTML answer (no injected `<script>`, event-handler attribute or
//! `javascript:` link), no formula in an export, and the database intact.

use crate::common;

use crate::common::*;
use reqwest::StatusCode;
use std::collections::{BTreeMap, BTreeSet};

const VT: &str = "vt@demo.voorop.nl";
const POLITIE: &str = "politie@demo.voorop.nl";
const OM: &str = "om@demo.voorop.nl";

/// The hostile inputs; fields get them in rotation.
const PAYLOADS: [&str; 10] = [
    "<script>alert(1)</script>",
    "\"><svg/onload=alert(1)>",
    "'><img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "'; DROP TABLE gebruiker; --",
    "' OR '1'='1",
    "\" onmouseover=\"alert(1)\" x=\"",
    "</textarea></title><script>alert(2)</script>",
    "1) UNION SELECT email, wachtwoord_hash FROM gebruiker --",
    "=HYPERLINK(\"http://evil.example/\",\"klik\")",
];

/// Text that can only be in an HTML answer if a payload came back unescaped.
const RUWE_MARKERS: [&str; 5] = [
    "<script>alert(",
    "<svg/onload=alert(",
    "<img src=x onerror=",
    "onmouseover=\"alert(",
    "</textarea></title><script>",
];

/// Text that must never reach a user: database errors, panics, password hashes.
const LEKKEN: [&str; 14] = [
    // axum's own (English, internal) rejection texts.
    "Failed to deserialize",
    "invalid digit",
    "SQLITE_",
    "sqlx::",
    "error returned from database",
    "syntax error",
    "no such table",
    "no such column",
    "constraint failed",
    "panicked at",
    "stack backtrace",
    "RUST_BACKTRACE",
    "$argon2",
    "interne fout",
];

/// Query parameters the page handlers read (filters, years, periods, return paths).
const QUERY_PARAMS: [&str; 15] = [
    "jaar",
    "terug",
    "periode",
    "regio",
    "soort",
    "casus",
    "gemeente",
    "a",
    "b",
    "code",
    "actor",
    "van",
    "tot",
    "pagina",
    "factsheet",
];

// ---------------------------------------------------------------------------------------------
// A tiny HTML scanner
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone)]
struct Tag {
    naam: String,
    sluit: bool,
    attrs: Vec<(String, String)>,
    /// Byte offsets of `<` and just after `>`.
    begin: usize,
    eind: usize,
}

impl Tag {
    fn attr(&self, naam: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == naam)
            .map(|(_, w)| w.as_str())
    }
}

fn decode(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&#34;", "\"")
        .replace("&amp;", "&")
}

/// All tags of a document, with attributes decoded. Raw text of `<script>` and `<style>` is
/// skipped; comments are skipped.
fn tags(html: &str) -> Vec<Tag> {
    let b = html.as_bytes();
    let mut uit = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        if html[i..].starts_with("<!--") {
            i = html[i..].find("-->").map_or(b.len(), |e| i + e + 3);
            continue;
        }
        let begin = i;
        let mut j = i + 1;
        let sluit = j < b.len() && b[j] == b'/';
        if sluit {
            j += 1;
        }
        if j >= b.len() || !b[j].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let s = j;
        while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' && b[j] != b'/' {
            j += 1;
        }
        let naam = html[s..j].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
                j += 1;
            }
            if j >= b.len() || b[j] == b'>' {
                break;
            }
            let s = j;
            while j < b.len()
                && !b[j].is_ascii_whitespace()
                && b[j] != b'='
                && b[j] != b'>'
                && b[j] != b'/'
            {
                j += 1;
            }
            let an = html[s..j].to_ascii_lowercase();
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            let mut waarde = String::new();
            if j < b.len() && b[j] == b'=' {
                j += 1;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                if j < b.len() && (b[j] == b'"' || b[j] == b'\'') {
                    let q = b[j];
                    let s = j + 1;
                    j = s;
                    while j < b.len() && b[j] != q {
                        j += 1;
                    }
                    waarde = decode(&html[s..j.min(b.len())]);
                    j += 1;
                } else {
                    let s = j;
                    while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                        j += 1;
                    }
                    waarde = decode(&html[s..j]);
                }
            }
            if !an.is_empty() {
                attrs.push((an, waarde));
            }
        }
        let eind = (j + 1).min(b.len());
        let raw = !sluit && (naam == "script" || naam == "style");
        uit.push(Tag {
            naam: naam.clone(),
            sluit,
            attrs,
            begin,
            eind,
        });
        i = eind;
        if raw {
            // Raw text: jump to the closing tag.
            let sluiter = format!("</{naam}");
            if let Some(e) = html[i..].to_ascii_lowercase().find(&sluiter) {
                i += e;
            }
        }
    }
    uit
}

#[derive(Debug, Clone)]
struct Veld {
    naam: String,
    /// Input type, or "textarea" / "select" / "button".
    soort: String,
    waarde: String,
    numeriek: bool,
    aangevinkt: bool,
    opties: Vec<(String, bool)>,
}

#[derive(Debug, Clone)]
struct Formulier {
    methode: String,
    actie: String,
    multipart: bool,
    velden: Vec<Veld>,
}

/// The forms of a page.
fn formulieren(html: &str, pad: &str) -> Vec<Formulier> {
    let mut uit = Vec::new();
    let mut huidig: Option<Formulier> = None;
    let mut select: Option<Veld> = None;
    let t = tags(html);
    for (k, tag) in t.iter().enumerate() {
        match (tag.naam.as_str(), tag.sluit) {
            ("form", false) => {
                let actie = tag.attr("action").unwrap_or(pad).to_string();
                huidig = Some(Formulier {
                    methode: tag.attr("method").unwrap_or("get").to_ascii_lowercase(),
                    actie: if actie.is_empty() { pad.into() } else { actie },
                    multipart: tag.attr("enctype").is_some_and(|e| e.contains("multipart")),
                    velden: Vec::new(),
                });
            }
            ("form", true) => uit.extend(huidig.take()),
            ("input" | "button" | "textarea", false) => {
                let Some(f) = huidig.as_mut() else { continue };
                let Some(naam) = tag.attr("name") else {
                    continue;
                };
                let soort = match tag.naam.as_str() {
                    "input" => tag.attr("type").unwrap_or("text").to_ascii_lowercase(),
                    n => n.to_string(),
                };
                let waarde = if tag.naam == "textarea" {
                    let rest = &html[tag.eind..];
                    decode(&rest[..rest.find("</textarea").unwrap_or(0)])
                } else {
                    tag.attr("value").unwrap_or_default().to_string()
                };
                f.velden.push(Veld {
                    naam: naam.to_string(),
                    soort,
                    waarde,
                    numeriek: tag
                        .attr("inputmode")
                        .is_some_and(|m| m == "numeric" || m == "decimal")
                        || tag.attr("pattern").is_some(),
                    aangevinkt: tag.attr("checked").is_some(),
                    opties: Vec::new(),
                });
            }
            ("select", false) => {
                select = tag.attr("name").map(|n| Veld {
                    naam: n.to_string(),
                    soort: "select".into(),
                    waarde: String::new(),
                    numeriek: false,
                    aangevinkt: false,
                    opties: Vec::new(),
                });
            }
            ("option", false) => {
                if let Some(s) = select.as_mut() {
                    let waarde = if let Some(w) = tag.attr("value") {
                        w.to_string()
                    } else {
                        let rest = &html[tag.eind..];
                        let e = t.get(k + 1).map_or(rest.len(), |n| n.begin - tag.eind);
                        decode(rest[..e].trim())
                    };
                    s.opties.push((waarde, tag.attr("selected").is_some()));
                }
            }
            ("select", true) => {
                if let (Some(s), Some(f)) = (select.take(), huidig.as_mut()) {
                    f.velden.push(s);
                }
            }
            _ => {}
        }
    }
    uit
}

/// Same-site links (href) of a page, decoded.
fn links(html: &str) -> Vec<String> {
    tags(html)
        .into_iter()
        .filter(|t| t.naam == "a" && !t.sluit)
        .filter_map(|t| t.attr("href").map(str::to_string))
        .filter(|h| h.starts_with('/') && !h.starts_with("//"))
        .map(|h| h.split('#').next().unwrap_or_default().to_string())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The rules
// ---------------------------------------------------------------------------------------------

/// Problems with one answer: leaks always; for HTML, unescaped payloads.
fn problemen(html: &str, is_html: bool) -> Vec<String> {
    let mut p = Vec::new();
    for l in LEKKEN {
        if html.contains(l) {
            p.push(format!("lekt {l:?}"));
        }
    }
    if !is_html {
        return p;
    }
    for m in RUWE_MARKERS {
        if html.contains(m) {
            p.push(format!("onge-escapete invoer {m:?}"));
        }
    }
    for t in tags(html) {
        if t.sluit {
            continue;
        }
        if t.naam == "script" && !t.attr("src").is_some_and(|s| s.starts_with("/static/")) {
            p.push(format!("onverwachte <script> op {}", t.begin));
        }
        for (n, w) in &t.attrs {
            if n.starts_with("on") {
                p.push(format!("event-handler {n}={w:?} in <{}>", t.naam));
            }
            if ["href", "src", "action", "formaction", "xlink:href", "data"].contains(&n.as_str()) {
                let schoon: String = w
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_ascii_lowercase();
                if schoon.starts_with("javascript:")
                    || schoon.starts_with("data:")
                    || schoon.starts_with("vbscript:")
                {
                    p.push(format!("gevaarlijke {n}={w:?} in <{}>", t.naam));
                }
            }
        }
    }
    p
}

#[derive(Default)]
struct Telling {
    formulieren: usize,
    /// Distinct fields (form shape + name) that got a payload, and payloads sent in all.
    velden: BTreeSet<String>,
    ingevuld: usize,
    get_formulieren: usize,
    overgeslagen: usize,
    verzoeken: usize,
    /// Status of each POST: how many were accepted (303), rejected (422), refused (403) ...
    statussen: BTreeMap<u16, usize>,
    /// HTML answers in which a payload came back (escaped).
    teruggezien: usize,
    bevindingen: Vec<String>,
}

struct Antwoord {
    status: StatusCode,
    /// The Content-Security-Policy header: the second line of defence against injected script.
    csp: String,
    locatie: String,
    soort: String,
    tekst: String,
}

impl Telling {
    fn beoordeel(&mut self, wat: &str, a: &Antwoord) {
        self.verzoeken += 1;
        if a.status.is_server_error() {
            self.bevindingen
                .push(format!("{wat}: status {} ({})", a.status, kort(&a.tekst)));
        }
        let is_html = a.soort.starts_with("text/html");
        for p in problemen(&a.tekst, is_html) {
            self.bevindingen.push(format!("{wat}: {p}"));
        }
        if is_html && !a.csp.contains("script-src 'self'") {
            self.bevindingen.push(format!(
                "{wat}: HTML zonder CSP met script-src 'self' ({:?})",
                a.csp
            ));
        }
        if is_html
            && (a.tekst.contains("&lt;script&gt;alert(") || a.tekst.contains("&lt;svg/onload"))
        {
            self.teruggezien += 1;
        }
    }
}

fn kop(h: &reqwest::header::HeaderMap, naam: &str) -> String {
    h.get(naam)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

fn kort(s: &str) -> String {
    s.chars().take(300).collect()
}

async fn haal(c: &reqwest::Client, app: &TestApp, pad: &str) -> Antwoord {
    let (status, h, tekst) = get(c, app, pad).await;
    Antwoord {
        status,
        csp: kop(&h, "content-security-policy"),
        locatie: location(&h),
        soort: content_type(&h),
        tekst,
    }
}

async fn stuur(
    c: &reqwest::Client,
    app: &TestApp,
    pad: &str,
    velden: &[(String, String)],
) -> Antwoord {
    let (status, h, tekst) = post_form(c, app, pad, velden).await;
    Antwoord {
        status,
        csp: kop(&h, "content-security-policy"),
        locatie: location(&h),
        soort: content_type(&h),
        tekst,
    }
}

/// Paths that are not pages to crawl (downloads, sign-in and -out).
fn niet_volgen(pad: &str) -> bool {
    let p = pad.split('?').next().unwrap_or_default();
    p.ends_with(".xlsx")
        || p.ends_with(".pdf")
        || p.starts_with("/static/")
        || p.starts_with("/inloggen")
        || p.starts_with("/uitloggen")
        || p.starts_with("/account/tweestaps")
        || p.starts_with("/api/")
        // Editing existing accounts could lock a test user out; the test edits its own user.
        || (p.starts_with("/beheer/gebruikers/") && p != "/beheer/gebruikers/nieuw")
}

/// Forms never submitted: sign-in, sign-out, two-factor and password resets.
fn niet_insturen(actie: &str) -> bool {
    actie.starts_with("/inloggen")
        || actie.starts_with("/uitloggen")
        || actie.starts_with("/account/tweestaps")
        || actie.ends_with("/tweestaps")
        || (actie.starts_with("/beheer/gebruikers/") && actie.ends_with("/wachtwoord"))
}

/// The form's key for deduplication: the action with numbers replaced, so one of many
/// identical per-row forms is submitted.
fn sleutel(actie: &str) -> String {
    let mut s = String::new();
    let mut vorig_cijfer = false;
    for c in actie.chars() {
        if c.is_ascii_digit() {
            if !vorig_cijfer {
                s.push('#');
            }
            vorig_cijfer = true;
        } else {
            s.push(c);
            vorig_cijfer = false;
        }
    }
    s
}

/// The form's fields filled in. `vijandig`: a payload in every text-like field, hidden ones
/// included; otherwise payloads only in free text and plausible values elsewhere.
fn invullen(f: &Formulier, vijandig: bool, start: usize, t: &mut Telling) -> Vec<(String, String)> {
    let mut uit: Vec<(String, String)> = Vec::new();
    let mut radio = BTreeSet::new();
    let mut knop = false;
    let mut n = start;
    let vorm = sleutel(&f.actie);
    let mut payload = |t: &mut Telling, naam: &str| {
        t.velden.insert(format!("{vorm} {naam}"));
        t.ingevuld += 1;
        n += 1;
        PAYLOADS[n % PAYLOADS.len()].to_string()
    };
    for v in &f.velden {
        let w = match v.soort.as_str() {
            _ if v.naam == "_csrf" => v.waarde.clone(),
            "submit" | "button" | "image" | "reset" => {
                if knop || v.naam.is_empty() {
                    continue;
                }
                knop = true;
                v.waarde.clone()
            }
            "file" => continue,
            "checkbox" => {
                if v.waarde.is_empty() {
                    "on".into()
                } else {
                    v.waarde.clone()
                }
            }
            "radio" => {
                let gekozen = f
                    .velden
                    .iter()
                    .find(|x| x.naam == v.naam && x.aangevinkt)
                    .map(|x| x.waarde.clone());
                if !radio.insert(v.naam.clone()) {
                    continue;
                }
                gekozen.unwrap_or_else(|| v.waarde.clone())
            }
            "select" => v
                .opties
                .iter()
                .find(|(_, s)| *s)
                .or_else(|| v.opties.iter().find(|(w, _)| !w.is_empty()))
                .map(|(w, _)| w.clone())
                .unwrap_or_default(),
            "date" if !vijandig || !v.waarde.is_empty() => or(&v.waarde, "2025-06-02"),
            "datetime-local" if !vijandig || !v.waarde.is_empty() => {
                or(&v.waarde, "2025-06-02T10:30")
            }
            "time" => or(&v.waarde, "10:30"),
            "month" => or(&v.waarde, "2025-06"),
            "number" | "range" if !vijandig => or(&v.waarde, "1"),
            "hidden" if !vijandig => v.waarde.clone(),
            "email" if !vijandig => format!("xss{}@voorbeeld.nl", t.verzoeken),
            "password" if !vijandig => "Lang-genoeg-wachtwoord-2026!".into(),
            "tel" if !vijandig => or(&v.waarde, "040-1234567"),
            _ if !vijandig && ["hoeveelheid", "aantal"].contains(&v.naam.as_str()) => {
                or(&v.waarde, "4")
            }
            // Optional numbers (a case number) stay empty; a year gets one.
            _ if !vijandig && v.numeriek && v.naam.contains("jaar") => or(&v.waarde, "2025"),
            _ if !vijandig && v.numeriek => v.waarde.clone(),
            _ if !vijandig && v.naam.contains("tijd") => or(&v.waarde, "10:30"),

            _ => payload(t, &v.naam),
        };
        uit.push((v.naam.clone(), w));
    }
    uit
}

fn or(w: &str, anders: &str) -> String {
    if w.is_empty() {
        anders.into()
    } else {
        w.into()
    }
}

/// Fetches a page, checks it, and returns its body when it is an HTML page (200).
async fn bezoek(c: &reqwest::Client, app: &TestApp, pad: &str, t: &mut Telling) -> Option<String> {
    let a = haal(c, app, pad).await;
    t.beoordeel(&format!("GET {pad}"), &a);
    (a.status == StatusCode::OK && a.soort.starts_with("text/html")).then_some(a.tekst)
}

/// Fetches the start pages and the same-site pages they link to (one level, bounded).
async fn verken(
    c: &reqwest::Client,
    app: &TestApp,
    start: &[String],
    t: &mut Telling,
) -> Vec<(String, String)> {
    // In visiting order, so the start pages' forms are the ones submitted.
    let mut paginas: Vec<(String, String)> = Vec::new();
    let mut volgende = Vec::new();
    for pad in start {
        // A start page may redirect (/ and /werkset do): follow up to three redirects.
        let mut pad = pad.clone();
        let mut a = haal(c, app, &pad).await;
        for _ in 0..3 {
            t.beoordeel(&format!("GET {pad}"), &a);
            if a.status != StatusCode::SEE_OTHER || !a.locatie.starts_with('/') {
                break;
            }
            pad = a.locatie.clone();
            a = haal(c, app, &pad).await;
        }
        if a.status != StatusCode::OK || !a.soort.starts_with("text/html") {
            t.bevindingen
                .push(format!("startpagina {pad} niet bereikbaar ({})", a.status));
            continue;
        }
        volgende.extend(links(&a.tekst));
        paginas.push((pad, a.tekst));
    }
    let mut per_soort: BTreeMap<String, usize> = BTreeMap::new();
    for pad in volgende {
        if paginas.iter().any(|(p, _)| *p == pad) || niet_volgen(&pad) {
            continue;
        }
        // At most three pages of one shape (e.g. /casussen/moment/#), to bound the run time.
        let n = per_soort.entry(sleutel(&pad)).or_default();
        if *n >= 3 || paginas.len() >= 60 {
            continue;
        }
        *n += 1;
        if let Some(html) = bezoek(c, app, &pad, t).await {
            paginas.push((pad, html));
        }
    }
    paginas
}

/// Submits the POST forms of `paginas` not submitted yet (by key); returns the pages the
/// submissions led to.
async fn aanvallen(
    c: &reqwest::Client,
    app: &TestApp,
    paginas: &[(String, String)],
    gedaan: &mut BTreeSet<String>,
    t: &mut Telling,
) -> BTreeSet<String> {
    let mut nieuw = BTreeSet::new();
    // Forms that take something away (delete a row, end the user's own participation) go
    // last, so they do not take the other forms' targets away first.
    let mut alle: Vec<(&String, Formulier)> = paginas
        .iter()
        .flat_map(|(pad, html)| formulieren(html, pad).into_iter().map(move |f| (pad, f)))
        .collect();
    alle.sort_by_key(|(_, f)| {
        f.actie.ends_with("/verwijderen")
            || f.velden
                .iter()
                .any(|v| v.naam == "actie" && v.waarde == "beeindigen")
    });
    for (pad, f) in alle {
        if f.methode == "get" {
            // Filters: every named field gets each payload in turn.
            if !gedaan.insert(format!("GET {}", sleutel(&f.actie))) {
                continue;
            }
            t.get_formulieren += 1;
            let namen: Vec<&str> = f
                .velden
                .iter()
                .filter(|v| !v.naam.is_empty())
                .map(|v| v.naam.as_str())
                .collect();
            for p in PAYLOADS {
                let q =
                    serde_urlencoded::to_string(namen.iter().map(|n| (*n, p)).collect::<Vec<_>>())
                        .expect("query");
                let doel = format!("{}?{q}", f.actie.split('?').next().unwrap_or_default());
                let a = haal(c, app, &doel).await;
                t.beoordeel(&format!("GET-formulier {doel}"), &a);
            }
            let vorm = format!("GET {}", sleutel(&f.actie));
            t.velden.extend(namen.iter().map(|n| format!("{vorm} {n}")));
            t.ingevuld += namen.len() * PAYLOADS.len();
            continue;
        }
        if niet_insturen(&f.actie) {
            continue;
        }
        if f.multipart {
            t.overgeslagen += 1;
            continue;
        }
        if !gedaan.insert(sleutel(&f.actie)) {
            continue;
        }
        t.formulieren += 1;
        let rondes: &[bool] = if f.actie == "/account/wachtwoord" {
            &[true]
        } else {
            &[true, false]
        };
        for (k, vijandig) in rondes.iter().enumerate() {
            let velden = invullen(&f, *vijandig, t.formulieren + k * 5, t);
            let a = stuur(c, app, &f.actie, &velden).await;
            t.beoordeel(&format!("POST {} (vanaf {pad})", f.actie), &a);
            *t.statussen.entry(a.status.as_u16()).or_default() += 1;
            if std::env::var_os("VOOROP_XSS_DETAIL").is_some() {
                toon_uitkomst(&f.actie, *vijandig, &a);
            }
            if a.status == StatusCode::SEE_OTHER
                && a.locatie.starts_with('/')
                && !niet_volgen(&a.locatie)
            {
                // The page the submission led to, with its flash message.
                if let Some(_html) = bezoek(c, app, &a.locatie, t).await {
                    nieuw.insert(a.locatie.clone());
                }
            }
        }
        // The action's path segments (ids, region and gemeente codes, periods) as input.
        let velden = invullen(&f, false, t.formulieren, t);
        for doel in paden_met_payload(&f.actie, &[PAYLOADS[1]]) {
            let a = stuur(c, app, &doel, &velden).await;
            t.beoordeel(&format!("POST {doel}"), &a);
            if a.locatie.contains(['<', '"', '\r', '\n', ' ']) {
                t.bevindingen
                    .push(format!("POST {doel}: onveilige Location {:?}", a.locatie));
            }
        }
    }
    nieuw
}

/// With `VOOROP_XSS_DETAIL` set: one line per submission (status, round, action and the
/// form errors), to see which forms the plausible round gets accepted.
fn toon_uitkomst(actie: &str, vijandig: bool, a: &Antwoord) {
    let fouten: Vec<&str> = (a.tekst.split("<li><a href=\"#").skip(1))
        .map(|x| x.split('<').next().unwrap_or_default())
        .collect();
    let ronde = if vijandig { "vijandig" } else { "plausibel" };
    println!("{} {ronde} {actie} {fouten:?}", a.status.as_u16());
}

/// `pad` with each segment after the first replaced by each payload (percent-encoded).
fn paden_met_payload(pad: &str, payloads: &[&str]) -> Vec<String> {
    let pad = pad.split('?').next().unwrap_or_default();
    let delen: Vec<&str> = pad.split('/').collect();
    let mut uit = Vec::new();
    // delen[0] is empty (the leading slash), delen[1] the section (/zelfscan, /casussen ...).
    for i in 2..delen.len() {
        for p in payloads {
            let enc =
                serde_urlencoded::to_string([("x", *p)]).expect("pad")[2..].replace('+', "%20");
            let mut d: Vec<String> = delen.iter().map(std::string::ToString::to_string).collect();
            d[i] = enc;
            uit.push(d.join("/"));
        }
    }
    uit
}

/// Every page shape once more with payloads in its path segments.
async fn pad_aanval(c: &reqwest::Client, app: &TestApp, paden: &BTreeSet<String>, t: &mut Telling) {
    let mut vormen = BTreeSet::new();
    for pad in paden {
        let kaal = pad.split('?').next().unwrap_or_default();
        if !vormen.insert(sleutel(kaal)) {
            continue;
        }
        for doel in paden_met_payload(kaal, &[PAYLOADS[0], PAYLOADS[5]]) {
            let a = haal(c, app, &doel).await;
            t.beoordeel(&format!("GET {doel}"), &a);
        }
    }
}

/// Every visited page again with payloads in the known query parameters.
async fn query_aanval(
    c: &reqwest::Client,
    app: &TestApp,
    paden: &BTreeSet<String>,
    t: &mut Telling,
) {
    let kale: BTreeSet<String> = paden
        .iter()
        .map(|p| p.split('?').next().unwrap_or_default().to_string())
        .collect();
    for pad in kale {
        for p in [PAYLOADS[0], PAYLOADS[1], PAYLOADS[3], PAYLOADS[5]] {
            let q = serde_urlencoded::to_string(
                QUERY_PARAMS.iter().map(|n| (*n, p)).collect::<Vec<_>>(),
            )
            .expect("query");
            let doel = format!("{pad}?{q}");
            let a = haal(c, app, &doel).await;
            t.beoordeel(&format!("GET {pad} met payload {p:?} in de query"), &a);
        }
    }
}

async fn tabellen(app: &TestApp) -> Vec<String> {
    common::tabellen(&app.db).await
}

async fn aantal(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.db).await.expect(sql)
}

/// The number of table body rows in a page.
fn rijen(html: &str) -> usize {
    tags(html)
        .iter()
        .filter(|t| t.naam == "tr" && !t.sluit)
        .count()
}

/// Checks an XLSX answer: no formula anywhere, so no payload became one.
fn xlsx_zonder_formules(naam: &str, bytes: Vec<u8>, t: &mut Telling) {
    use calamine::{Reader, Xlsx};
    let mut boek: Xlsx<_> = match calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)) {
        Ok(b) => b,
        Err(e) => {
            t.bevindingen.push(format!("{naam}: geen xlsx ({e})"));
            return;
        }
    };
    let mut payload_gezien = false;
    for blad in boek.sheet_names() {
        if let Ok(f) = boek.worksheet_formula(&blad) {
            for (r, k, formule) in f.used_cells() {
                if formule.contains("evil.example") || formule.contains("alert(") {
                    t.bevindingen.push(format!(
                        "{naam}, blad {blad} ({r},{k}): formule {formule:?}"
                    ));
                }
            }
        }
        if let Ok(w) = boek.worksheet_range(&blad) {
            payload_gezien |= w.used_cells().any(|(_, _, c)| {
                let s = c.to_string();
                PAYLOADS.iter().any(|p| s.contains(p))
            });
        }
    }
    println!("{naam}: payload als tekst in het bestand: {payload_gezien}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn vijandige_invoer_voert_niets_uit_en_lekt_niets() {
    let begin = std::time::Instant::now();
    let app = start().await;
    let tabellen_voor = tabellen(&app).await;
    let gebruikers_voor = aantal(&app, "SELECT COUNT(*) FROM gebruiker").await;
    let organisaties_voor = aantal(&app, "SELECT COUNT(*) FROM organisatie").await;
    let mut t = Telling::default();
    // Names that come in through the command line (`voorop organisatie add`) and the demo data
    // rather than a form: a gemeente and a partner organisation with a payload in their name, so
    // charts (SVG legends, axis labels), tables and exports show them too.
    sqlx::query(
        "UPDATE organisatie SET naam = naam || $1 WHERE code IN ('dommelstad', 'politie-oost-brabant')",
    )
    .bind(" \"><svg/onload=alert(1)> <script>alert(1)</script>")
    .execute(&app.db)
    .await
    .expect("organisatienaam");

    let s = |v: &[&str]| {
        v.iter()
            .map(std::string::ToString::to_string)
            .collect::<Vec<_>>()
    };
    // Who visits what: each user the pages their role may use. The beheerder goes last: it
    // edits the account the test creates.
    let rollen: Vec<(&str, Vec<String>)> = vec![
        (
            COORDINATOR,
            s(&[
                "/",
                "/zelfscan",
                "/zelfscan/nieuw",
                "/zelfscan/2",
                "/zelfscan/2/gemeenten/dommelstad",
                "/zelfscan/2/gemeenten/dommelstad/rad",
                "/zelfscan/2/gemeenten/dommelstad/deelnemers",
                "/zelfscan/2/resultaten",
                "/zelfscan/vergelijk?a=1&b=2",
                "/plannen",
                "/plannen/nieuw",
                "/werkset",
                "/werkset/vergelijking",
                "/werkset/oost-brabant/2025",
                "/routekaart",
                "/begrippenkader",
                "/beheer/gebruikers",
                "/beheer/gebruikers/nieuw",
                "/account/wachtwoord",
            ]),
        ),
        (
            MEDEWERKER,
            s(&["/zelfscan", "/zelfscan/2/gemeenten/dommelstad", "/plannen"]),
        ),
        (
            VT,
            s(&[
                "/casussen?jaar=2025",
                "/casussen/nieuw/acuut",
                "/casussen/nieuw/actieoverleg",
                "/casussen/nieuw/zsm",
                "/casussen/nieuw/ssk",
                "/casussen/afspraken",
                "/actieoverleg",
                "/casussen/contactpunten",
            ]),
        ),
        (
            POLITIE,
            s(&[
                "/casussen?jaar=2025",
                "/casussen/nieuw/zsm",
                "/casussen/nieuw/acuut",
            ]),
        ),
        (OM, s(&["/casussen?jaar=2025", "/casussen/nieuw/ssk"])),
        (
            BEHEERDER,
            s(&[
                "/zelfscan",
                "/beheer/gebruikers",
                "/beheer/gebruikers/nieuw",
                "/beheer/audit",
                "/beheer/vragenlijsten",
                "/beheer/werkset-catalogus",
                "/beheer/ontwikkelagenda",
            ]),
        ),
    ];

    let mut clients = Vec::new();
    let mut gedaan = BTreeSet::new();
    for (email, start_paden) in &rollen {
        let c = login(&app, email).await;
        let mut start_paden = start_paden.clone();
        if *email == BEHEERDER {
            // The account the plausible round of /beheer/gebruikers/nieuw created.
            let ids: Vec<i64> =
                sqlx::query_scalar("SELECT id FROM gebruiker WHERE email LIKE 'xss%@voorbeeld.nl'")
                    .fetch_all(&app.db)
                    .await
                    .expect("aangemaakte gebruikers");
            start_paden.extend(ids.iter().map(|id| format!("/beheer/gebruikers/{id}")));
        }
        let paginas = verken(&c, &app, &start_paden, &mut t).await;
        let mut bezocht: BTreeSet<String> = paginas.iter().map(|(p, _)| p.clone()).collect();
        let nieuw = aanvallen(&c, &app, &paginas, &mut gedaan, &mut t).await;
        // Second wave: the pages the submissions created (a new moment, plan, round) and
        // their own forms.
        let mut tweede = Vec::new();
        for pad in nieuw.iter().filter(|p| !bezocht.contains(*p)).take(15) {
            if let Some(html) = bezoek(&c, &app, pad, &mut t).await {
                tweede.push((pad.clone(), html));
            }
        }
        aanvallen(&c, &app, &tweede, &mut gedaan, &mut t).await;
        bezocht.extend(tweede.into_iter().map(|(p, _)| p));
        bezocht.extend(nieuw);
        query_aanval(&c, &app, &bezocht, &mut t).await;
        pad_aanval(&c, &app, &bezocht, &mut t).await;
        clients.push((*email, c, bezocht));
    }

    // The sign-in form, last (failed attempts slow down further sign-ins from this address):
    // payloads as e-mail address, password and return path, for accounts that do not exist, so
    // no account is locked. The address comes back in the form and in the audit log viewer.
    let anoniem = client();
    for p in [PAYLOADS[0], PAYLOADS[1], PAYLOADS[4]] {
        let q = serde_urlencoded::to_string([("terug", p)]).expect("q");
        let a = haal(&anoniem, &app, &format!("/inloggen?{q}")).await;
        t.beoordeel(&format!("GET /inloggen?{q}"), &a);
        let token = csrf(&a.tekst);
        let velden: Vec<(String, String)> = [
            ("_csrf", token.as_str()),
            ("email", p),
            ("wachtwoord", p),
            ("terug", p),
        ]
        .iter()
        .map(|(n, w)| (n.to_string(), w.to_string()))
        .collect();
        let a = stuur(&anoniem, &app, "/inloggen", &velden).await;
        t.beoordeel("POST /inloggen", &a);
        t.velden
            .extend(["inloggen email", "inloggen wachtwoord", "inloggen terug"].map(String::from));
        t.ingevuld += 3;
        t.formulieren += usize::from(p == PAYLOADS[0]);
    }

    // Everything again, now that the payloads are stored: pages, exports, report, API.
    for (_, c, bezocht) in &clients {
        for pad in bezocht {
            bezoek(c, &app, pad, &mut t).await;
        }
    }
    let coordinator = &clients[0].1;
    for pad in [
        "/zelfscan/2/export.xlsx",
        "/werkset/export.xlsx",
        "/werkset/export.xlsx?periode=2025",
    ] {
        let r = coordinator.get(app.url(pad)).send().await.expect("export");
        let status = r.status();
        let bytes = r.bytes().await.expect("export-bytes").to_vec();
        t.verzoeken += 1;
        if status.is_server_error() {
            t.bevindingen.push(format!("GET {pad}: status {status}"));
        } else if status == StatusCode::OK {
            xlsx_zonder_formules(pad, bytes, &mut t);
        }
    }
    for pad in [
        "/werkset/oost-brabant/2025/rapport.html",
        "/werkset/oost-brabant/2025/rapport.pdf",
    ] {
        let a = haal(coordinator, &app, pad).await;
        t.beoordeel(&format!("GET {pad}"), &a);
    }
    let token = api_token(&app, COORDINATOR).await;
    let api = client();
    let mut api_paden = vec![
        "/api/v1/zelfscan-rondes".to_string(),
        "/api/v1/zelfscan-rondes/2/resultaten".to_string(),
        "/api/v1/werkset/catalogus".to_string(),
        "/api/v1/werkset/vergelijking".to_string(),
        "/api/v1/indicatoren".to_string(),
        "/api/v1/openapi.json".to_string(),
    ];
    for p in PAYLOADS {
        let e = |s: &str| serde_urlencoded::to_string([("x", s)]).expect("q")[2..].to_string();
        api_paden.push(format!("/api/v1/werkset/vergelijking?periode={}", e(p)));
        api_paden.push(format!(
            "/api/v1/indicatoren?regio={}&periode={}",
            e(p),
            e(p)
        ));
        api_paden.push(format!("/api/v1/zelfscan-rondes/{}/resultaten", e(p)));
    }
    for pad in &api_paden {
        let r = api
            .get(app.url(pad))
            .bearer_auth(&token)
            .send()
            .await
            .expect("API");
        let a = Antwoord {
            status: r.status(),
            csp: kop(r.headers(), "content-security-policy"),
            locatie: String::new(),
            soort: content_type(r.headers()),
            tekst: r.text().await.expect("API-body"),
        };
        t.beoordeel(&format!("API {pad}"), &a);
        if !a.soort.contains("json") {
            t.bevindingen
                .push(format!("API {pad}: geen JSON maar {:?}", a.soort));
        }
    }
    // Hostile answers through the API, then the pages that show them.
    let velden: Vec<serde_json::Value> = (1..=AANTAL_VRAGEN)
        .map(|n| {
            serde_json::json!({
                "vraag": n,
                "antwoord": "op_orde",
                "toelichting": PAYLOADS[usize::from(n) % PAYLOADS.len()],
            })
        })
        .collect();
    let schrijver = api_token(&app, MEDEWERKER).await;
    let (status, _, json) = api_put(
        &app,
        &schrijver,
        "/api/v1/zelfscan-rondes/2/gemeenten/dommelstad/antwoorden",
        &serde_json::Value::Array(velden),
    )
    .await;
    t.verzoeken += 1;
    assert_eq!(
        status,
        StatusCode::OK,
        "API PUT antwoorden met payloads: {json}"
    );
    for pad in [
        "/zelfscan/2/gemeenten/dommelstad",
        "/zelfscan/2/resultaten",
        "/zelfscan/2/resultaten/dommelstad",
    ] {
        bezoek(coordinator, &app, pad, &mut t).await;
    }

    // A filter with ' OR '1'='1 finds no more than a value that matches nothing.
    let beheerder = &clients.last().expect("beheerder").1;
    let q = |w: &str| serde_urlencoded::to_string([("actor", w)]).expect("q");
    let niets = pagina(
        beheerder,
        &app,
        &format!("/beheer/audit?{}", q("niemand-xyz")),
    )
    .await;
    let of = pagina(
        beheerder,
        &app,
        &format!("/beheer/audit?{}", q("' OR '1'='1")),
    )
    .await;
    let alles = pagina(beheerder, &app, "/beheer/audit").await;
    assert_eq!(
        rijen(&of),
        rijen(&niets),
        "' OR '1'='1 in het actorfilter vindt meer dan een onbekende actor (alles: {})",
        rijen(&alles)
    );
    let vt = &clients[2].1;
    let jaar = |w: &str| serde_urlencoded::to_string([("jaar", w)]).expect("q");
    let a_of = haal(vt, &app, &format!("/casussen?{}", jaar("2025' OR '1'='1"))).await;
    let a_alles = pagina(vt, &app, "/casussen").await;
    let momenten = |h: &str| {
        links(h)
            .iter()
            .filter(|l| l.starts_with("/casussen/moment/"))
            .count()
    };
    assert!(
        momenten(&a_of.tekst) <= momenten(&a_alles),
        "' OR '1'='1 in ?jaar= toont meer momenten dan zonder filter"
    );
    t.verzoeken += 5;

    // The database is intact.
    assert_eq!(tabellen(&app).await, tabellen_voor, "tabellen veranderd");
    let nieuwe_gebruikers = aantal(
        &app,
        "SELECT COUNT(*) FROM gebruiker WHERE email LIKE 'xss%@voorbeeld.nl'",
    )
    .await;
    assert_eq!(
        aantal(&app, "SELECT COUNT(*) FROM gebruiker").await - nieuwe_gebruikers,
        gebruikers_voor,
        "gebruikers verdwenen"
    );
    assert_eq!(
        aantal(&app, "SELECT COUNT(*) FROM organisatie").await,
        organisaties_voor
    );
    // SQLite's own check of the file; PostgreSQL checks its pages and constraints itself.
    if !op_postgres() {
        let integriteit: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&app.db)
            .await
            .expect("integrity_check");
        assert_eq!(integriteit, "ok");
    }

    let paginas: usize = clients.iter().map(|(_, _, b)| b.len()).sum();
    println!(
        "Vijandige invoer: {} POST-formulieren, {} GET-formulieren, {} verschillende velden ({} keer een payload), \
         {} pagina's, {} verzoeken, {} multipart-formulieren overgeslagen, {} nieuwe gebruikers, \
         POST-statussen {:?}, {} HTML-antwoorden met een (ge-escapete) payload, {:.1} s",
        t.formulieren,
        t.get_formulieren,
        t.velden.len(),
        t.ingevuld,
        paginas,
        t.verzoeken,
        t.overgeslagen,
        nieuwe_gebruikers,
        t.statussen,
        t.teruggezien,
        begin.elapsed().as_secs_f64()
    );
    assert!(
        t.bevindingen.is_empty(),
        "{} bevinding(en):\n{}",
        t.bevindingen.len(),
        t.bevindingen.join("\n")
    );
    assert!(t.formulieren >= 20, "te weinig formulieren gevonden");
    // The payloads were stored and shown (escaped), so the checks above saw them.
    assert!(t.teruggezien >= 20, "te weinig payloads teruggezien");
}

#[test]
fn scanner_leest_formulieren_en_vindt_onveilige_uitvoer() {
    let html = r#"<form method="post" action="/x/1"><input type="hidden" name="_csrf" value="t&amp;k">
        <input name="naam" value="a"><textarea name="t">b &lt;c&gt;</textarea>
        <select name="s"><option value="">Kies</option><option value="2">Twee</option></select>
        <input type="date" name="d"><button type="submit">Ok</button></form>"#;
    let f = formulieren(html, "/x");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].actie, "/x/1");
    let namen: Vec<&str> = f[0].velden.iter().map(|v| v.naam.as_str()).collect();
    assert_eq!(namen, ["_csrf", "naam", "t", "s", "d"]);
    assert_eq!(f[0].velden[0].waarde, "t&k");
    assert_eq!(f[0].velden[2].waarde, "b <c>");
    let mut t = Telling::default();
    let v = invullen(&f[0], false, 0, &mut t);
    assert_eq!(v[3].1, "2");
    assert_eq!(v[4].1, "2025-06-02");
    assert_eq!(sleutel("/plannen/12/acties/3"), "/plannen/#/acties/#");

    assert!(problemen("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", true).is_empty());
    assert!(!problemen("<p><script>alert(1)</script></p>", true).is_empty());
    assert!(!problemen(r#"<input value=""><svg/onload=alert(1)>">"#, true).is_empty());
    assert!(!problemen(r#"<a href=" javascript:alert(1)">x</a>"#, true).is_empty());
    assert!(!problemen(r#"<input value="" onmouseover="alert(1)" x="">"#, true).is_empty());
    assert!(problemen(r#"<a href="/zoek?q=javascript:alert(1)">x</a>"#, true).is_empty());
    assert!(!problemen("error returned from database: near", false).is_empty());
}
