use super::*;

const BEGIN: &str = "<!-- velden:begin (gegenereerd door src/casus/import.rs) -->";
const EIND: &str = "<!-- velden:eind -->";

#[test]
fn portie_past_in_het_slot() {
    let slot = Duration::from_millis(500);
    // 1000 rows in 250 ms: 2000 fit, and that is also the most it may grow at once.
    assert_eq!(
        volgende_portie(1000, 1000, Duration::from_millis(250), slot, 10_000),
        2000
    );
    // Fast: grows at most four times per batch, and never past the maximum.
    assert_eq!(
        volgende_portie(1000, 1000, Duration::from_millis(10), slot, 10_000),
        4000
    );
    assert_eq!(
        volgende_portie(8000, 8000, Duration::from_millis(10), slot, 10_000),
        10_000
    );
    // Slow (a busy database): shrinks to what fits, at least one row.
    assert_eq!(
        volgende_portie(1000, 1000, Duration::from_secs(2), slot, 10_000),
        250
    );
    assert_eq!(
        volgende_portie(10, 10, Duration::from_secs(60), slot, 10_000),
        1
    );
    // An empty batch tells nothing.
    assert_eq!(
        volgende_portie(700, 0, Duration::from_secs(1), slot, 10_000),
        700
    );
}

#[test]
fn scheidingsteken_uit_kopregel() {
    assert_eq!(scheidingsteken("soort;regio;organisatie;tijdstip\n"), b';');
    assert_eq!(scheidingsteken("soort,regio,organisatie,tijdstip\n"), b',');
    // A quoted comma in a ;-separated header does not count.
    assert_eq!(scheidingsteken("\"a,b,c\";regio;x\r\n1,2,3,4,5,6"), b';');
    assert_eq!(scheidingsteken(""), b',');
    let t = lees(b"soort;regio\r\nzsm;oost-brabant\r\n").unwrap();
    assert_eq!(t.kolommen, ["soort", "regio"]);
    assert_eq!(t.rijen, [(2, vec!["zsm".into(), "oost-brabant".into()])]);
}

#[test]
fn bom_en_windows_1252() {
    let t = lees("\u{feff}Soort,Regio\nacuut,limburg\n".as_bytes()).unwrap();
    assert_eq!(
        t.kolommen,
        ["soort", "regio"],
        "BOM hoort niet in de kolomnaam"
    );
    // "Zoë" in Windows-1252 (0xEB) and a euro sign (0x80).
    let t = lees(b"persoon_naam;x\nZo\xeb \x80;1\n").unwrap();
    assert_eq!(t.rijen[0].1[0], "Zoë €");
    // Empty rows (Excel's trailing ";;;") are skipped but still count as rows.
    let t = lees(b"soort;regio\n;\nzsm;limburg\n").unwrap();
    assert_eq!(t.rijen.len(), 1);
    assert_eq!(t.rijen[0].0, 3);
    assert!(lees(b"").is_err());
}

#[test]
fn melding_met_rij_en_kolom() {
    assert_eq!(
        melding(
            7,
            Some("reactie"),
            "'Reactie van Veilig Thuis': kies een van telefonisch, teams, ter_plaatse, geen (niet 'fiets')."
        ),
        "Rij 7, kolom 'reactie': kies een van telefonisch, teams, ter_plaatse, geen (niet 'fiets')."
    );
    assert_eq!(
        melding(3, Some("ots"), "'OTS' moet ja of nee zijn, niet 'x'."),
        "Rij 3, kolom 'ots': 'OTS' moet ja of nee zijn, niet 'x'."
    );
    assert_eq!(
        melding(2, None, "Vul de naam in."),
        "Rij 2: vul de naam in."
    );
    assert_eq!(melding(2, None, "VT kwam niet."), "Rij 2: VT kwam niet.");
}

#[test]
fn basiskolommen_botsen_niet_met_veldcodes() {
    for k in BASISKOLOMMEN {
        assert!(soorten_met_veld(k).is_empty(), "{k} is ook een veldcode");
    }
}

async fn testdb() -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().unwrap();
    let db = crate::db::open(&dir.path().join("import.db"))
        .await
        .unwrap();
    crate::referentiedata_laden(&db).await.unwrap();
    for (code, soort) in [
        ("vt-oost-brabant", "veilig_thuis"),
        ("politie-oost-brabant", "politie"),
        ("om-oost-brabant", "om"),
    ] {
        crate::organisatie::service::toevoegen(
            &db,
            code,
            &format!("{code} (test)"),
            soort,
            "oost-brabant",
        )
        .await
        .unwrap();
    }
    crate::organisatie::service::toevoegen(&db, "vt-limburg", "VT L", "veilig_thuis", "limburg")
        .await
        .unwrap();
    (dir, db)
}

fn sleutel() -> Sleutel {
    Sleutel::new(crate::config::DEMO_SLEUTEL.as_bytes())
}

async fn tel(db: &Db, tabel: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {tabel}"))
        .fetch_one(db)
        .await
        .unwrap()
}

fn meldingen(e: ImportFout) -> Vec<String> {
    match e {
        ImportFout::Afgekeurd(f) => f.into_iter().map(|f| f.melding).collect(),
        e => panic!("geen validatiefout: {e}"),
    }
}

#[tokio::test]
async fn alles_of_niets() {
    let (_dir, db) = testdb().await;
    let csv = "soort;regio;organisatie;tijdstip;casus_ref;persoon_naam;persoon_geboortedatum;reactie;veiligheidsbeoordeling;maatregelen;situatie;vt_betrokkenheid;contact_verkregen;vt_afdoeningsoverleg\n\
            acuut;oost-brabant;politie-oost-brabant;2025-03-14 22:15;A1;Fictief Persoon;1990-01-01;ter_plaatse;ja;thv|hulpverlening;Geheim verhaal;;;\n\
            zsm;oost-brabant;vt-oost-brabant;2025-03-15 09:00;A1;;;;ja;;;aan_tafel;ja;ja\n\
            acuut;oost-brabant;politie-oost-brabant;2025-03-16 10:00;;;;fiets;ja;;;;;\n\
            zsm;oost-brabant;vt-limburg;2025-03-17 10:00;;;;;ja;;;;ja;nee\n\
            ssk;oost-brabant;vt-oost-brabant;2025-03-17 10:00;;;;telefonisch;;;;;;\n";
    let voor = tel(&db, "moment").await;
    let fouten = meldingen(
        importeren(&db, Some(&sleutel()), &Actor::cli(), csv.as_bytes())
            .await
            .unwrap_err(),
    );
    assert!(
        fouten.contains(
            &"Rij 4, kolom 'reactie': kies een van telefonisch, teams, ter_plaatse, geen."
                .to_string()
        ),
        "{fouten:#?}"
    );
    assert!(
        fouten.iter().any(|f| f.starts_with(
            "Rij 5, kolom 'organisatie': organisatie 'vt-limburg' hoort bij regio 'limburg'"
        )),
        "{fouten:#?}"
    );
    assert!(
        fouten
            .iter()
            .any(|f| f.starts_with("Rij 5, kolom 'vt_betrokkenheid': vul ")),
        "{fouten:#?}"
    );
    assert!(
            fouten
                .iter()
                .any(|f| f
                    .starts_with("Rij 6, kolom 'reactie': deze kolom hoort niet bij soort 'ssk'")),
            "{fouten:#?}"
        );
    assert!(
        fouten
            .iter()
            .any(|f| f.starts_with("Rij 6, kolom 'anoniem'")),
        "{fouten:#?}"
    );
    // Nothing stored, and no personal data in any message.
    assert_eq!(tel(&db, "moment").await, voor);
    assert_eq!(tel(&db, "casus").await, 0);
    assert!(
        !fouten
            .iter()
            .any(|f| f.contains("Fictief") || f.contains("Geheim") || f.contains("fiets"))
    );

    // Without the bad rows the same file goes in, in one go.
    let goed: String = csv.lines().take(3).map(|l| format!("{l}\n")).collect();
    let s = importeren(&db, Some(&sleutel()), &Actor::cli(), goed.as_bytes())
        .await
        .unwrap();
    assert_eq!(s.momenten, 2);
    assert_eq!(s.casussen, 1, "zelfde casus_ref: één casus");
    assert_eq!(s.per_soort[0], (Soort::Acuut, 1));
    assert_eq!(tel(&db, "moment_persoon").await, 1);
    let pseudoniem: Option<String> = sqlx::query_scalar("SELECT pseudoniem FROM casus")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(pseudoniem.map(|p| p.len()), Some(32));
    let import: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE code = 'casus.import'")
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(import, 1);
}

#[tokio::test]
async fn kop_status_en_sleutel() {
    let (_dir, db) = testdb().await;
    let fouten = meldingen(
        importeren(&db, None, &Actor::cli(), b"soort,regio,tijdstip,fiets\n")
            .await
            .unwrap_err(),
    );
    assert!(
        fouten[0].starts_with("Rij 1: onbekende kolom 'fiets'"),
        "{fouten:?}"
    );
    assert!(fouten.contains(&"Rij 1: de kolom 'organisatie' ontbreekt.".to_string()));

    let csv = "soort,regio,organisatie,tijdstip,status,persoon_naam,persoon_geboortedatum,anoniem,melding_aangifte\n\
            ssk,oost-brabant,vt-oost-brabant,2025-01-02 10:00,besproken,A B,2000-01-01,nee,melding\n\
            ssk,oost-brabant,vt-oost-brabant,2025-01-02 11:00,afgerond,C D,2000-01-01,nee,melding\n";
    let fouten = meldingen(
        importeren(&db, None, &Actor::cli(), csv.as_bytes())
            .await
            .unwrap_err(),
    );
    assert_eq!(fouten.len(), 2, "{fouten:#?}");
    assert!(
        fouten[0]
            .starts_with("Rij 2, kolom 'status': kies voor soort 'ssk' een van open, afgerond")
    );
    assert!(fouten[1].contains("VOOROP_PSEUDONIEM_SLEUTEL"));

    let s = importeren(
        &db,
        Some(&sleutel()),
        &Actor::cli(),
        csv.replace("besproken", "").as_bytes(),
    )
    .await
    .unwrap();
    assert_eq!((s.momenten, s.casussen), (2, 2));
    let statussen: Vec<String> = sqlx::query_scalar("SELECT status FROM moment ORDER BY id")
        .fetch_all(&db)
        .await
        .unwrap();
    assert_eq!(statussen, ["open", "afgerond"]);
}

/// Issue 7: a deactivated organisation registers no new moments, also not by import.
#[tokio::test]
async fn inactieve_organisatie_wordt_geweigerd() {
    let (_dir, db) = testdb().await;
    sqlx::query("UPDATE organisatie SET actief = FALSE WHERE code = 'vt-oost-brabant'")
        .execute(&db)
        .await
        .unwrap();
    let csv = "soort,regio,organisatie,tijdstip,persoon_naam,persoon_geboortedatum,anoniem,melding_aangifte\n\
            ssk,oost-brabant,vt-oost-brabant,2025-01-02 10:00,A B,2000-01-01,nee,melding\n";
    let fouten = meldingen(
        importeren(&db, Some(&sleutel()), &Actor::cli(), csv.as_bytes())
            .await
            .unwrap_err(),
    );
    assert_eq!(
        fouten,
        [
            "Rij 2, kolom 'organisatie': organisatie 'vt-oost-brabant' is inactief (Beheer › Organisaties); zij kan geen nieuwe momenten registreren."
        ]
    );
    assert_eq!(tel(&db, "moment").await, 0);
}

#[tokio::test]
async fn stopt_na_vijftig_fouten() {
    let (_dir, db) = testdb().await;
    let mut csv = String::from("soort;regio;organisatie;tijdstip;reactie;veiligheidsbeoordeling\n");
    for _ in 0..40 {
        // Two errors a row: tijdstip and reactie.
        csv.push_str("acuut;oost-brabant;vt-oost-brabant;morgen;fiets;ja\n");
    }
    let fouten = meldingen(
        importeren(&db, None, &Actor::cli(), csv.as_bytes())
            .await
            .unwrap_err(),
    );
    assert_eq!(fouten.len(), MAX_FOUTEN + 1);
    assert!(fouten[MAX_FOUTEN].starts_with("Na 50 fouten is de controle gestopt"));
    assert!(
        fouten[MAX_FOUTEN - 1].starts_with("Rij 26, "),
        "{fouten:#?}"
    );
}

#[tokio::test]
async fn voorbeeldbestand_is_geldig() {
    let (_dir, db) = testdb().await;
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/voorbeeld-casus-import.csv"
    ))
    .unwrap();
    let s = importeren(&db, Some(&sleutel()), &Actor::cli(), &bytes)
        .await
        .unwrap();
    assert!(s.per_soort.iter().all(|(_, n)| *n > 0), "{s:?}");
    assert!(s.casussen < s.momenten, "het voorbeeld toont casus_ref");
}

/// An aanmelding belongs to one Actie-overleg: the region's only one; with two the import
/// cannot choose and refuses the row (naming it).
#[tokio::test]
async fn aanmelding_hoort_bij_het_actieoverleg_van_de_regio() {
    let (_dir, db) = testdb().await;
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/voorbeeld-casus-import.csv"
    ))
    .unwrap();
    let vt: crate::gedeeld::OrganisatieId =
        sqlx::query_scalar("SELECT id FROM organisatie WHERE code = 'vt-oost-brabant'")
            .fetch_one(&db)
            .await
            .unwrap();
    let mut tx = crate::db::begin(&db).await.unwrap();
    let eerste = repo::overleg_opslaan(
        &mut tx,
        &permissions::systeem().registratie(&crate::gedeeld::RegioCode::OOST_BRABANT),
        "AO",
        4,
        "14:00",
        crate::casus::model::Frequentie::Wekelijks,
        vt,
        &[(vt, true)],
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    importeren(&db, Some(&sleutel()), &Actor::cli(), &bytes)
        .await
        .unwrap();
    let zonder: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM moment WHERE soort = 'actieoverleg' AND overleg_id IS NOT $1",
    )
    .bind(eerste)
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(
        zonder, 0,
        "every aanmelding belongs to the region's overleg"
    );
    // Field 3 ("Regio") names a Veilig Thuis organisation by code and is stored by its name.
    let gegevens: Vec<String> =
        sqlx::query_scalar("SELECT gegevens FROM moment WHERE soort = 'actieoverleg'")
            .fetch_all(&db)
            .await
            .unwrap();
    assert!(!gegevens.is_empty());
    for g in &gegevens {
        let g: BTreeMap<String, String> = serde_json::from_str(g).unwrap();
        assert_eq!(g["werkgebied"], "vt-oost-brabant (test)");
    }

    let mut tx = crate::db::begin(&db).await.unwrap();
    repo::overleg_opslaan(
        &mut tx,
        &permissions::systeem().registratie(&crate::gedeeld::RegioCode::OOST_BRABANT),
        "AO 2",
        2,
        "10:00",
        crate::casus::model::Frequentie::Wekelijks,
        vt,
        &[(vt, true)],
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let fouten = meldingen(
        importeren(&db, Some(&sleutel()), &Actor::cli(), &bytes)
            .await
            .unwrap_err(),
    );
    assert!(
        fouten
            .iter()
            .any(|f| f.starts_with("Rij ") && f.contains("Actie-overleg")),
        "{fouten:?}"
    );
}

#[test]
fn documentatie_is_bij() {
    let pad = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/casus-import.md");
    let doc = std::fs::read_to_string(pad).unwrap();
    let (voor, rest) = doc
        .split_once(BEGIN)
        .expect("begin-markering in de documentatie");
    let (_, na) = rest
        .split_once(EIND)
        .expect("eind-markering in de documentatie");
    let nieuw = format!("{voor}{BEGIN}\n{}{EIND}{na}", veldentabel());
    if nieuw != doc {
        if std::env::var_os("VOOROP_DOCS_BIJWERKEN").is_some() {
            std::fs::write(pad, &nieuw).unwrap();
        } else {
            panic!(
                "docs/casus-import.md loopt achter op src/casus/velden.rs; draai de test met VOOROP_DOCS_BIJWERKEN=1"
            );
        }
    }
    for soort in Soort::ALLE {
        for v in velden::velden(*soort) {
            assert!(nieuw.contains(&format!("`{}`", v.code)), "{}", v.code);
        }
    }
}

// ---- streaming, batches, hostile input ----

const KOP: &str = "soort;regio;organisatie;tijdstip;casus_ref;persoon_naam;persoon_geboortedatum;reactie;veiligheidsbeoordeling\n";

/// One valid acuut row; `n` makes the time unique (day `1 + n % 28`).
fn acuut(n: usize, cref: &str, naam: &str) -> String {
    format!(
        "acuut;oost-brabant;politie-oost-brabant;2025-03-{:02} {:02}:{:02};{cref};{naam};{};telefonisch;ja\n",
        1 + n % 28,
        n % 24,
        n % 60,
        if naam.is_empty() { "" } else { "1990-01-01" }
    )
}

fn stil(batch: usize, hervatten: bool) -> Instellingen {
    Instellingen {
        batch,
        pauze: Duration::ZERO,
        hervatten,
        ..Default::default()
    }
}

async fn uit(
    db: &Db,
    bytes: &[u8],
    inst: &Instellingen,
    voortgang: &mut (dyn FnMut(&Voortgang) + Send),
) -> Result<Samenvatting, ImportFout> {
    importeren_uit(
        db,
        Some(&sleutel()),
        &Actor::cli(),
        std::io::Cursor::new(bytes),
        inst,
        voortgang,
    )
    .await
}

#[tokio::test]
async fn stuurtekens_in_elke_kolom_geweigerd_zonder_waarde() {
    let (_dir, db) = testdb().await;
    for (teken, kolom, nummer) in [
        ('\0', "persoon_naam", 5),
        ('\u{1b}', "reactie", 7),
        ('\u{85}', "casus_ref", 4),
        ('\u{85}', "veiligheidsbeoordeling", 8),
        ('\u{9b}', "regio", 1),
        ('\u{202E}', "persoon_naam", 5),
        ('\u{2066}', "soort", 0),
        ('\u{7f}', "tijdstip", 3),
    ] {
        let mut csv = String::from(KOP);
        csv.push_str(&acuut(1, "", "Geheimnaam Eerst"));
        let mut cellen: Vec<String> = acuut(2, "R", "Geheimnaam Tweede")
            .trim_end()
            .split(';')
            .map(String::from)
            .collect();
        cellen[nummer] = format!("Geheim{teken}waarde{}", cellen[nummer]);
        csv.push_str(&cellen.join(";"));
        csv.push('\n');
        let fouten = meldingen(
            uit(&db, csv.as_bytes(), &stil(10, false), &mut |_| {})
                .await
                .unwrap_err(),
        );
        let verwacht = format!(
            "Rij 3, kolom '{kolom}': de waarde bevat een onzichtbaar stuurteken (U+{:04X})",
            u32::from(teken)
        );
        assert!(
            fouten.iter().any(|f| f.starts_with(&verwacht)),
            "{verwacht}: {fouten:#?}"
        );
        for f in &fouten {
            assert!(!f.contains("Geheim") && !f.contains(teken), "{f:?}");
        }
        assert_eq!(tel(&db, "moment").await, 0);
    }
}

#[tokio::test]
async fn kapotte_aanhalingstekens_noemen_rij_en_regel_niet_de_inhoud() {
    let (_dir, db) = testdb().await;
    let regel = |naam: &str| acuut(4, "", naam);
    for (slecht, verwacht) in [
        // Never closed: the rest of the file would become one cell.
        (
            regel("\"Geheimnaam Persoon"),
            "een aanhalingsteken wordt niet gesloten",
        ),
        (
            regel("\"Geheimnaam\" Persoon"),
            "na een sluitend aanhalingsteken",
        ),
        (regel("Geheimnaam \"P\" Persoon"), "midden in een waarde"),
    ] {
        // A quoted multi-line cell before it shifts lines against rows.
        let csv = format!(
            "{KOP}{}acuut;oost-brabant;politie-oost-brabant;2025-03-02 10:00;;;;\"tele\nfonisch\";ja\n{slecht}{}",
            acuut(1, "", ""),
            acuut(5, "", "Geheimnaam Laatst")
        );
        let fouten = meldingen(
            uit(&db, csv.as_bytes(), &stil(10, false), &mut |_| {})
                .await
                .unwrap_err(),
        );
        let kop = "Rij 4 (regel 5 van het bestand): ongeldige aanhalingstekens: ";
        assert!(
            fouten
                .iter()
                .any(|f| f.starts_with(kop) && f.contains(verwacht)),
            "{verwacht}: {fouten:#?}"
        );
        for f in &fouten {
            assert!(!f.contains("Geheim") && !f.contains("1990"), "{f:?}");
        }
        assert_eq!(tel(&db, "moment").await, 0);
    }
    // Lines counted right with CR LF line ends too.
    let fouten = lees(b"a;b\r\n1;2\r\n3;4\r\n\"x;5\r\n6;7\r\n").unwrap_err();
    assert!(
        fouten[0]
            .melding
            .starts_with("Rij 4 (regel 4 van het bestand)"),
        "{fouten:?}"
    );
    let fouten = lees(b"a;b\r\n\"1\r\n2\";2\r\n3;4\r\nx\"x;5\r\n").unwrap_err();
    assert!(
        fouten[0]
            .melding
            .starts_with("Rij 4 (regel 5 van het bestand)"),
        "{fouten:?}"
    );
    // Correct quoting (a doubled quote, the delimiter and a line break inside) is fine.
    let t = lees("a;b\n\"x \"\"y\"\"; z\nw\";2\n".as_bytes()).unwrap();
    assert_eq!(
        t.rijen,
        [(2, vec!["x \"y\"; z\nw".to_string(), "2".to_string()])]
    );
}

#[test]
fn te_lange_rij_stopt_het_lezen() {
    // An unclosed quote before 3 MB of rows: refused without reading it all into a cell.
    let mut csv = String::from(KOP);
    csv.push_str("acuut;\"oost-brabant;");
    while csv.len() < 3 * 1024 * 1024 {
        csv.push_str(&acuut(1, "", "Geheimnaam"));
    }
    let fouten = lees(csv.as_bytes()).unwrap_err();
    assert_eq!(fouten.len(), 1, "{fouten:?}");
    assert!(
        fouten[0]
            .melding
            .starts_with("Rij 2 (regel 2 van het bestand): de rij is langer dan 2 MB"),
        "{fouten:?}"
    );
}

#[tokio::test]
async fn in_porties_met_casus_ref_over_porties_heen() {
    let (_dir, db) = testdb().await;
    let mut csv = String::from(KOP);
    for n in 0..10 {
        let (cref, naam) = match n {
            0 | 8 => ("R1", "Fictief Persoon"),
            2 | 3 => ("R2", ""),
            _ => ("", ""),
        };
        csv.push_str(&acuut(n, cref, naam));
    }
    let mut meldingen_ = vec![];
    let s = uit(&db, csv.as_bytes(), &stil(3, false), &mut |v| {
        meldingen_.push(v.clone());
    })
    .await
    .unwrap();
    assert_eq!((s.momenten, s.casussen, s.batches), (10, 8, 4));
    assert_eq!(tel(&db, "moment").await, 10);
    let casussen: i64 = sqlx::query_scalar("SELECT COUNT(DISTINCT casus_id) FROM moment")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(casussen, 8, "R1 (rows 2 and 10) and R2 are one case each");
    let details: Vec<String> =
        sqlx::query_scalar("SELECT details FROM audit_log WHERE code = 'casus.import' ORDER BY id")
            .fetch_all(&db)
            .await
            .unwrap();
    assert_eq!(
        details,
        [
            "momenten=3 rijen=2-4",
            "momenten=3 rijen=5-7",
            "momenten=3 rijen=8-10",
            "momenten=1 rijen=11-11"
        ]
    );
    let (status, laatste): (String, i64) =
        sqlx::query_as("SELECT status, laatste_rij FROM casus_import")
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!((status.as_str(), laatste), ("voltooid", 11));
    assert_eq!(
        tel(&db, "casus_import_ref").await,
        0,
        "references go when done"
    );
    let laatste = meldingen_.last().unwrap();
    assert!(laatste.klaar && laatste.fase == Fase::Opslaan && laatste.opgeslagen == 10);
    assert!(
        meldingen_
            .iter()
            .any(|v| v.fase == Fase::Controle && v.klaar && v.gelezen == 10)
    );

    // The same file again: refused, nothing doubled.
    let fouten = meldingen(
        uit(&db, csv.as_bytes(), &stil(3, false), &mut |_| {})
            .await
            .unwrap_err(),
    );
    assert!(
        fouten[0].starts_with("Dit bestand is al geïmporteerd"),
        "{fouten:?}"
    );
    assert_eq!(tel(&db, "moment").await, 10);
}

#[tokio::test]
async fn onderbroken_import_hervat_na_laatste_opgeslagen_rij() {
    let (_dir, db) = testdb().await;
    let mut csv = String::from(KOP);
    for n in 0..10 {
        let (cref, naam) = if n == 0 || n == 9 {
            ("R1", "Fictief Persoon")
        } else {
            ("", "")
        };
        csv.push_str(&acuut(n, cref, naam));
    }
    // The database refuses the moment of file row 8 (n = 6, 7 March): a full disk, say.
    sqlx::query(
        "CREATE TRIGGER stoor BEFORE INSERT ON moment WHEN NEW.tijdstip LIKE '2025-03-07%' \
             BEGIN SELECT RAISE(ABORT, 'schijf vol'); END",
    )
    .execute(&db)
    .await
    .unwrap();
    match uit(&db, csv.as_bytes(), &stil(3, false), &mut |_| {})
        .await
        .unwrap_err()
    {
        ImportFout::Onderbroken {
            laatste_rij,
            momenten,
            oorzaak,
            ..
        } => {
            assert_eq!((laatste_rij, momenten), (7, 6));
            assert!(oorzaak.contains("schijf vol"), "{oorzaak}");
        }
        e => panic!("{e:?}"),
    }
    assert_eq!(tel(&db, "moment").await, 6, "two batches committed");
    sqlx::query("DROP TRIGGER stoor")
        .execute(&db)
        .await
        .unwrap();

    // Without --hervatten: refused, naming the last committed row.
    let fouten = meldingen(
        uit(&db, csv.as_bytes(), &stil(3, false), &mut |_| {})
            .await
            .unwrap_err(),
    );
    assert!(
        fouten[0].contains("tot en met rij 7") && fouten[0].contains("--hervatten"),
        "{fouten:?}"
    );
    assert_eq!(tel(&db, "moment").await, 6);

    let s = uit(&db, csv.as_bytes(), &stil(3, true), &mut |_| {})
        .await
        .unwrap();
    assert!(s.hervat);
    assert_eq!((s.momenten, s.casussen, s.batches), (10, 9, 2));
    assert_eq!(tel(&db, "moment").await, 10, "every row once");
    let r1: i64 = sqlx::query_scalar(
            "SELECT COUNT(DISTINCT casus_id) FROM moment WHERE tijdstip LIKE '2025-03-01%' OR tijdstip LIKE '2025-03-10%'",
        )
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(r1, 1, "R1 before and after the interruption is one case");
    // Resuming a complete import: nothing to resume.
    let fouten = meldingen(
        uit(&db, csv.as_bytes(), &stil(3, true), &mut |_| {})
            .await
            .unwrap_err(),
    );
    assert!(
        fouten[0].starts_with("Dit bestand is al geïmporteerd"),
        "{fouten:?}"
    );
}

/// A case of the file closed between an interruption and the resume: the batch that would
/// add to it is refused whole, naming the row (and never the name in it), and stays unstored.
#[tokio::test]
async fn hervatten_in_een_gesloten_casus_noemt_de_rij() {
    let (_dir, db) = testdb().await;
    let mut csv = String::from(KOP);
    for n in 0..6 {
        let (cref, naam) = if n == 0 || n == 5 {
            ("R1", "Fictief Persoon")
        } else {
            ("", "")
        };
        csv.push_str(&acuut(n, cref, naam));
    }
    sqlx::query(
        "CREATE TRIGGER stoor BEFORE INSERT ON moment WHEN NEW.tijdstip LIKE '2025-03-04%' \
             BEGIN SELECT RAISE(ABORT, 'schijf vol'); END",
    )
    .execute(&db)
    .await
    .unwrap();
    assert!(matches!(
        uit(&db, csv.as_bytes(), &stil(3, false), &mut |_| {}).await,
        Err(ImportFout::Onderbroken { momenten: 3, .. })
    ));
    sqlx::query("DROP TRIGGER stoor")
        .execute(&db)
        .await
        .unwrap();
    sqlx::query("UPDATE casus SET status = 'gesloten', gesloten_op = '2025-03-05T10:00:00Z'")
        .execute(&db)
        .await
        .unwrap();

    match uit(&db, csv.as_bytes(), &stil(3, true), &mut |_| {})
        .await
        .unwrap_err()
    {
        ImportFout::Onderbroken {
            laatste_rij,
            momenten,
            oorzaak,
            ..
        } => {
            assert_eq!((laatste_rij, momenten), (4, 3));
            assert!(
                oorzaak.contains("Rij 7") && oorzaak.contains("is gesloten"),
                "{oorzaak}"
            );
            assert!(!oorzaak.contains("Fictief"), "{oorzaak}");
        }
        e => panic!("{e:?}"),
    }
    assert_eq!(
        tel(&db, "moment").await,
        3,
        "the refused batch is not stored"
    );
}

#[test]
fn waarden_uit_meldingen() {
    let cellen = vec!["Fiets".to_string(), "1990-01-01".to_string()];
    assert_eq!(
        zonder_waarden("'Reactie': kies een van a, b (niet 'fiets').", &cellen),
        "'Reactie': kies een van a, b."
    );
    assert_eq!(
        zonder_waarden(
            "'Tijdstip' moet tussen 2000 en nu liggen, niet 1 januari 1990 00:00.",
            &cellen
        ),
        "'Tijdstip' moet tussen 2000 en nu liggen."
    );
    assert_eq!(
        zonder_waarden("'X': onbekende keuze 'fiets' (kies uit a).", &cellen),
        "'X': onbekende keuze '…' (kies uit a)."
    );
}
