//! The top-level modules form layers: each may use only the modules before it in [`VOLGORDE`]
//! (and its own submodules), so the dependencies point one way and no cycle can form. This test
//! reads every production source file (test modules, `tests.rs` files and this one excluded),
//! collects its `crate::…` paths, and fails on any edge that points up the order and is not in
//! [`NOG_TE_DOEN`]. It also fails when an edge in that list is gone, so the list only shrinks.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Bottom to top. `lib` is the crate root (`build_app`); `cli` runs the commands on top of it.
const VOLGORDE: &[&str] = &[
    "tekst",
    "terminal",
    "web",
    "gedeeld",
    "error",
    "rapport",
    "db",
    "config",
    "email",
    "audit",
    "referentiedata",
    "auth",
    "organisatie",
    "melding",
    "hulp",
    "zelfscan",
    "casus",
    "indicatoren",
    "werkset",
    "mijnwerk",
    "ontwikkelagenda",
    "beheer",
    "onderhoud",
    "demo",
    "api",
    "lib",
    "cli",
];

/// Edges that still point up the order (from, to), each to be removed; empty since
/// 2026-12-03. An entry here is a known debt, never a way to let a new edge in.
const NOG_TE_DOEN: &[(&str, &str)] = &[];

/// The top-level module a source file belongs to (`src/casus/repo.rs` → `casus`).
fn module_van(src: &Path, bestand: &Path) -> String {
    let rel = bestand.strip_prefix(src).unwrap_or(bestand);
    let eerste = rel
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .unwrap_or_default();
    eerste.trim_end_matches(".rs").to_string()
}

/// The production part of a file: without comments and without its inline `#[cfg(test)]`
/// modules (each ends at the first line that is only `}`, where rustfmt puts it).
fn productiecode(tekst: &str) -> String {
    let mut code = String::new();
    let mut rest = tekst;
    while let Some(i) = rest.find("#[cfg(test)]\nmod ") {
        code.push_str(&rest[..i]);
        let na = &rest[i..];
        let eind = match na.find('\n').map(|r| &na[r + 1..]) {
            // `mod tests;`: the module is a file of its own (`tests.rs`, skipped).
            Some(regel) if regel.split('\n').next().is_some_and(|r| r.ends_with(';')) => {
                na.find(';').map_or(na.len(), |j| j + 1)
            }
            _ => na.find("\n}\n").map_or(na.len(), |j| j + 3),
        };
        rest = &na[eind..];
    }
    code.push_str(rest);
    code.lines()
        .map(|r| match r.find("//") {
            Some(i) => &r[..i],
            None => r,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level names a file uses through `crate::`: `crate::db::Conn` gives `db`, and
/// `use crate::{audit, db::Conn}` gives both.
fn gebruikte_namen(code: &str) -> BTreeSet<String> {
    let mut namen = BTreeSet::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(groep) = rest.strip_prefix('{') {
            // Names at depth 0 of the group.
            let mut diepte = 0usize;
            let mut begin_naam = true;
            for (j, c) in groep.char_indices() {
                match c {
                    '{' => diepte += 1,
                    '}' if diepte == 0 => {
                        rest = &groep[j..];
                        break;
                    }
                    '}' => diepte -= 1,
                    ',' if diepte == 0 => begin_naam = true,
                    c if begin_naam && (c.is_ascii_alphabetic() || c == '_') => {
                        let naam: String = groep[j..]
                            .chars()
                            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                            .collect();
                        namen.insert(naam);
                        begin_naam = false;
                    }
                    _ => {}
                }
            }
        } else {
            let naam: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !naam.is_empty() {
                namen.insert(naam);
            }
        }
    }
    namen
}

fn bestanden(map: &Path, uit: &mut Vec<std::path::PathBuf>) {
    let mut items: Vec<_> = std::fs::read_dir(map)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    items.sort();
    for p in items {
        if p.is_dir() {
            bestanden(&p, uit);
        } else if p.extension().is_some_and(|e| e == "rs")
            && p.file_name()
                .is_some_and(|n| n != "tests.rs" && n != "lagen.rs")
        {
            uit.push(p);
        }
    }
}

/// Every edge between top-level modules: (from, to) → the files that make it.
fn randen() -> BTreeMap<(String, String), BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paden = vec![];
    bestanden(&src, &mut paden);
    let modules: BTreeSet<String> = paden
        .iter()
        .map(|p| module_van(&src, p))
        .filter(|m| m != "main")
        .collect();
    // `#[macro_export]` macros live at the crate root but belong to the module defining them.
    let mut macros: BTreeMap<String, String> = BTreeMap::new();
    for p in &paden {
        let tekst = std::fs::read_to_string(p).unwrap();
        for deel in tekst.split("macro_rules! ").skip(1) {
            let naam: String = deel
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            macros.insert(naam, module_van(&src, p));
        }
    }
    let mut randen: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for p in &paden {
        let van = module_van(&src, p);
        if van == "main" {
            continue;
        }
        let code = productiecode(&std::fs::read_to_string(p).unwrap());
        // A `super::` path that climbs out of the top-level module reaches the crate root
        // unseen by `crate::`: counted as an edge to `lib`.
        if langste_super_keten(&code) >= diepte(&src, p) {
            let rel = p.strip_prefix(&src).unwrap_or(p).display().to_string();
            randen
                .entry((van.clone(), "lib".into()))
                .or_default()
                .insert(rel);
        }
        for naam in gebruikte_namen(&code) {
            let naar = if modules.contains(&naam) && naam != "lib" {
                naam
            } else {
                macros.get(&naam).cloned().unwrap_or_else(|| "lib".into())
            };
            if naar != van {
                let rel = p.strip_prefix(&src).unwrap_or(p).display().to_string();
                randen.entry((van.clone(), naar)).or_default().insert(rel);
            }
        }
    }
    randen
}

/// How many `super::` a path in this file needs to reach the crate root: the depth of its
/// module (`src/casus/repo.rs` and `src/casus/repo/mod.rs` are `casus::repo`, depth 2).
fn diepte(src: &Path, bestand: &Path) -> usize {
    let rel = bestand.strip_prefix(src).unwrap_or(bestand);
    let delen = rel.components().count();
    if rel.file_name().is_some_and(|n| n == "mod.rs") {
        delen - 1
    } else {
        delen
    }
}

/// The most `super::` in a row anywhere in `code`.
fn langste_super_keten(code: &str) -> usize {
    let mut langste = 0;
    for (i, _) in code.match_indices("super::") {
        // Only where a chain starts, not inside one.
        if code[..i].ends_with("super::") {
            continue;
        }
        let n = code.as_bytes()[i..]
            .chunks(7)
            .take_while(|c| *c == b"super::")
            .count();
        langste = langste.max(n);
    }
    langste
}

fn plek(module: &str) -> usize {
    VOLGORDE
        .iter()
        .position(|m| *m == module)
        .unwrap_or_else(|| panic!("module {module} is not in VOLGORDE (src/lagen.rs)"))
}

#[test]
fn afhankelijkheden_wijzen_een_kant_op() {
    let randen = randen();
    let omhoog: BTreeMap<(String, String), BTreeSet<String>> = randen
        .into_iter()
        .filter(|((van, naar), _)| plek(naar) > plek(van))
        .collect();
    let bekend: BTreeSet<(String, String)> = NOG_TE_DOEN
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    let nieuw: Vec<String> = omhoog
        .iter()
        .filter(|(rand, _)| !bekend.contains(*rand))
        .map(|((van, naar), bestanden)| format!("{van} → {naar} ({bestanden:?})"))
        .collect();
    assert!(
        nieuw.is_empty(),
        "edges up the layer order (src/lagen.rs); move the code down or the type to a lower \
         module (→ lib: an item of the crate root, or a `super::` path out of the module):\n{}",
        nieuw.join("\n")
    );
    let weg: Vec<&(String, String)> = bekend.iter().filter(|r| !omhoog.contains_key(*r)).collect();
    assert!(
        weg.is_empty(),
        "these edges are gone: remove them from NOG_TE_DOEN in src/lagen.rs: {weg:?}"
    );
}

#[test]
fn namen_lezen() {
    let code = "use crate::{audit::{self, Actor}, db::Conn};\nlet x = crate::web::escape(y);\n\
                crate::code_enum! {}";
    let namen: Vec<String> = gebruikte_namen(code).into_iter().collect();
    assert_eq!(namen, ["audit", "code_enum", "db", "web"]);
    assert_eq!(
        langste_super_keten("use super::*; super::super::x::y(); super::a"),
        2
    );
    let src = Path::new("/r/src");
    assert_eq!(diepte(src, Path::new("/r/src/casus/repo.rs")), 2);
    assert_eq!(diepte(src, Path::new("/r/src/casus/repo/mod.rs")), 2);
    assert_eq!(diepte(src, Path::new("/r/src/demo.rs")), 1);
    assert_eq!(
        productiecode(
            "use crate::a; // crate::b\n#[cfg(test)]\nmod tests {\n    use crate::c;\n}\n\
             use crate::d;\n#[cfg(test)]\nmod tests;\nuse crate::e;"
        ),
        "use crate::a; \nuse crate::d;\n\nuse crate::e;"
    );
}
