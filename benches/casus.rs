//! `cargo bench --bench casus`: timings of the afstemmingsmomenten at regional scale, printed
//! (never asserted). A fresh database with the demo data, then a generated CSV of `AANTAL`
//! fictional moments for Oost-Brabant in 2025 (ZSM, acuut and SSK; a quarter with a
//! pseudonym) imported in one go; then the indicators of the region (database reads plus
//! computation), opening a moment page's read model with its audit entry, the moment list
//! (`/casussen`: one page, with and without filters) and Mijn werk of a Veilig Thuis and a police
//! medewerker; the Actie-overleg page's reads, a meeting's page (agenda with the audited reads
//! of the participant) and a case's onderzoeks- en veiligheidsplan.

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Instant;
use voorop::audit::Actor;
use voorop::casus::{import, repo, service};
use voorop::config::{DEMO_SLEUTEL, Sleutel};
use voorop::indicatoren;

const AANTAL: usize = 20_000;
const KEER: u32 = 10;

fn csv(n: usize) -> String {
    let mut s = String::from(
        "soort;regio;organisatie;tijdstip;persoon_naam;persoon_geboortedatum;reactie;reactie_tijdstip;veiligheidsbeoordeling;vt_betrokkenheid;contact_verkregen;vt_afdoeningsoverleg;beslissing;beslissing_tijdstip;melding_aangifte;anoniem;om_consultatie\n",
    );
    for i in 0..n {
        let dag = 1 + (i % 365) as u32;
        let (maand, d) = ((dag - 1) / 31 + 1, (dag - 1) % 28 + 1);
        let uur = i % 24;
        let t = format!(
            "2025-{:02}-{:02} {:02}:{:02}",
            maand.min(12),
            d,
            uur,
            i % 60
        );
        let later = format!("2025-{:02}-{:02} {:02}:59", maand.min(12), d, uur);
        let (naam, geboren) = if i % 4 == 0 {
            (
                format!("Bench Persoon {}", i % 997),
                "1985-01-01".to_string(),
            )
        } else {
            (String::new(), String::new())
        };
        let _ = match i % 3 {
            0 => writeln!(
                s,
                "zsm;oost-brabant;om-oost-brabant;{t};{naam};{geboren};;;{};{};{};nee;heenzenden;{later};;;",
                if i % 5 == 0 { "nee" } else { "ja" },
                if i % 7 == 0 { "niet" } else { "telefonisch" },
                if i % 6 == 0 { "nee" } else { "ja" },
            ),
            1 => writeln!(
                s,
                "acuut;oost-brabant;politie-oost-brabant;{t};{naam};{geboren};{};{later};ja;;;;;;;;",
                if i % 4 == 1 {
                    "ter_plaatse"
                } else {
                    "telefonisch"
                },
            ),
            _ => writeln!(
                s,
                "ssk;oost-brabant;vt-oost-brabant;{t};{naam};{geboren};;;;;;;;;melding;nee;{later}"
            ),
        };
    }
    s
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio-runtime");
    let dir = tempfile::tempdir().expect("tijdelijke map");
    let sleutel = Sleutel::new(DEMO_SLEUTEL.as_bytes());
    rt.block_on(async {
        let db = voorop::db::open(&dir.path().join("bench.db"))
            .await
            .expect("database");
        voorop::referentiedata_laden(&db)
            .await
            .expect("referentiedata");
        voorop::demo::laad(&db, voorop::demo::PEILDATUM).await.expect("demo");

        let bestand = csv(AANTAL);
        let start = Instant::now();
        let s = import::importeren(&db, Some(&sleutel), &Actor::cli(), bestand.as_bytes())
            .await
            .expect("import");
        let duur = start.elapsed();
        println!(
            "{:<55} {:>12.2?} ({} momenten, {} kB, {:.0} rijen/s)",
            "CSV-import (controle, dan porties van 1000)",
            duur,
            s.momenten,
            bestand.len() / 1024,
            s.momenten as f64 / duur.as_secs_f64()
        );

        black_box(
            indicatoren::voor_regio(&db, &voorop::gedeeld::RegioCode::OOST_BRABANT, "2025", 5, &voorop::werkset::service::themas(&db).await.unwrap())
                .await
                .expect("indicatoren"),
        );
        let start = Instant::now();
        for _ in 0..KEER {
            black_box(
                indicatoren::voor_regio(&db, &voorop::gedeeld::RegioCode::OOST_BRABANT, "2025", 5, &voorop::werkset::service::themas(&db).await.unwrap())
                    .await
                    .expect("indicatoren"),
            );
        }
        println!(
            "{:<55} {:>12.2?} per keer ({KEER}×)",
            format!("Indicatoren Oost-Brabant 2025 (~{} momenten)", AANTAL + 165),
            start.elapsed() / KEER
        );

        // Where the time goes: the reads, then the pure computation.
        let (van, tot) = service::periode_grenzen("2025").expect("periode");
        let start = Instant::now();
        let momenten = repo::momenten(&db, &voorop::auth::permissions::systeem().inzage(), &voorop::gedeeld::RegioCode::OOST_BRABANT, None, &van, &tot)
            .await
            .expect("momenten");
        println!("{:<55} {:>12.2?}", "  waarvan momenten lezen", start.elapsed());
        let start = Instant::now();
        black_box(
            repo::afspraken_van_regio(&db, &voorop::auth::permissions::systeem().inzage(), &voorop::gedeeld::RegioCode::OOST_BRABANT, &van, &tot)
                .await
                .expect("afspraken"),
        );
        println!("{:<55} {:>12.2?}", "  waarvan afspraken lezen", start.elapsed());
        let start = Instant::now();
        black_box(
            repo::vergaderingen(&db, &voorop::auth::permissions::systeem().inzage(), &voorop::gedeeld::RegioCode::OOST_BRABANT, &van, &tot)
                .await
                .expect("vergaderingen"),
        );
        println!("{:<55} {:>12.2?}", "  waarvan vergaderingen lezen", start.elapsed());
        let start = Instant::now();
        let (_, herhaald) = repo::herhaling_telling(&db, &voorop::auth::permissions::systeem().inzage(), &voorop::gedeeld::RegioCode::OOST_BRABANT, &van, &tot)
            .await
            .expect("herhaling");
        println!("{:<55} {:>12.2?}", "  waarvan herhaling tellen (database)", start.elapsed());
        let start = Instant::now();
        black_box(
            repo::kenmerk_tellingen(&db, &voorop::auth::permissions::systeem().inzage(), &voorop::gedeeld::RegioCode::OOST_BRABANT, &van, &tot)
                .await
                .expect("tellingen"),
        );
        println!("{:<55} {:>12.2?}", "  waarvan momenten tellen (database)", start.elapsed());
        let herhalingen: Vec<bool> = (0..herhaald).map(|_| true).collect();
        let afspraken = repo::afspraken_van_regio(&db, &voorop::auth::permissions::systeem().inzage(), &voorop::gedeeld::RegioCode::OOST_BRABANT, &van, &tot)
            .await
            .expect("afspraken");
        let vergaderingen = repo::vergaderingen(&db, &voorop::auth::permissions::systeem().inzage(), &voorop::gedeeld::RegioCode::OOST_BRABANT, &van, &tot)
            .await
            .expect("vergaderingen");
        let overleggen = repo::overleggen(&db, &voorop::auth::permissions::systeem().inzage(), &voorop::gedeeld::RegioCode::OOST_BRABANT).await.expect("overleg");
        let themas = (1..=5).map(|n| (n, format!("Thema {n}"))).collect();
        let start = Instant::now();
        black_box(indicatoren::bereken(&indicatoren::Invoer {
            momenten: &momenten,
            afspraken: &afspraken,
            vergaderingen: &vergaderingen,
            overleggen: &overleggen,
            herhalingen: &herhalingen,
            themas: &themas,
            vandaag: "2026-11-22",
            drempel: 5,
        }));
        println!("{:<55} {:>12.2?}", "  waarvan berekenen (zuiver)", start.elapsed());

        let (moment, org, soort): (voorop::gedeeld::MomentId, voorop::gedeeld::OrganisatieId, String) = sqlx::query_as(
            "SELECT d.moment_id, d.organisatie_id, o.soort FROM moment_deelnemer d JOIN moment m ON m.id = d.moment_id
             JOIN organisatie o ON o.id = d.organisatie_id
             WHERE m.soort = 'actieoverleg' AND d.tot IS NULL LIMIT 1",
        )
        .fetch_one(&db)
        .await
        .expect("een moment");
        // A medewerker of a participating organisation (sees the personal data, audited).
        let g = voorop::auth::Gebruiker {
            rol: voorop::auth::Rol::Medewerker,
            organisatie_id: org,
            organisatie_soort: soort,
            regio_code: voorop::gedeeld::RegioCode::OOST_BRABANT,
            ..voorop::auth::Gebruiker::opdrachtregel()
        };
        let start = Instant::now();
        for _ in 0..KEER * 10 {
            black_box(service::bekijken(&db, &g, moment).await.expect("bekijken"));
        }
        println!(
            "{:<55} {:>12.2?} per keer ({}×)",
            "Momentpagina: read model + audit van de inzage",
            start.elapsed() / (KEER * 10),
            KEER * 10
        );

        // The moment list and Mijn werk, as a medewerker of Veilig Thuis and of the police.
        let medewerker = async |code: &str| {
            let (org, soort): (voorop::gedeeld::OrganisatieId, String) =
                sqlx::query_as("SELECT id, soort FROM organisatie WHERE code = $1")
                    .bind(code)
                    .fetch_one(&db)
                    .await
                    .expect("organisatie");
            voorop::auth::Gebruiker {
                rol: voorop::auth::Rol::Medewerker,
                organisatie_id: org,
                organisatie_soort: soort,
                regio_code: voorop::gedeeld::RegioCode::OOST_BRABANT,
                ..voorop::auth::Gebruiker::opdrachtregel()
            }
        };
        let vt = medewerker("vt-oost-brabant").await;
        let politie = medewerker("politie-oost-brabant").await;
        let regio = voorop::gedeeld::RegioCode::OOST_BRABANT;
        let aantal: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM moment WHERE regio_code = 'oost-brabant' AND tijdstip >= '2025' AND tijdstip < '2026'",
        )
        .fetch_one(&db)
        .await
        .expect("aantal");
        let filters = [
            ("zonder filter", voorop::casus::model::Lijstfilter::default()),
            (
                "status afgerond",
                voorop::casus::model::Lijstfilter {
                    status: Some(voorop::casus::model::Status::Afgerond),
                    ..Default::default()
                },
            ),
            (
                "alleen waar VT deelneemt",
                voorop::casus::model::Lijstfilter {
                    organisatie: Some(vt.organisatie_id),
                    ..Default::default()
                },
            ),
        ];
        for (naam, filter) in filters {
            for (wanneer, keer) in [("eerste keer", 1u32), ("daarna", KEER * 10)] {
                let start = Instant::now();
                for i in 0..keer {
                    black_box(
                        service::momentenlijst(&db, &vt, (&regio, &filter, "2025"), 1 + i % 3)
                            .await
                            .expect("lijst"),
                    );
                }
                println!(
                    "{:<55} {:>12.2?} per keer ({keer}×)",
                    format!("Momentenlijst {aantal} momenten, {naam}, {wanneer}"),
                    start.elapsed() / keer
                );
            }
        }
        let start = Instant::now();
        let csv = service::momenten_export(&db, &vt, (&regio, &Default::default(), "2025"))
            .await
            .expect("export");
        println!(
            "{:<55} {:>12.2?} ({} momenten)",
            "Momentenlijst als export (alle pagina's, lezen)",
            start.elapsed(),
            csv.len()
        );
        // The Actie-overleg page: the year's aanmeldingen (agendas, waiting list, criteria) and
        // meetings; then the busiest meeting's page and a case's plan, as a VT medewerker.
        let (van, tot) = service::periode_grenzen("2025").expect("periode");
        let start = Instant::now();
        let mut n_ao = 0;
        for _ in 0..KEER * 10 {
            let ao = service::overzicht(&db, &vt, &regio, Some(voorop::casus::model::Soort::Actieoverleg), "2025")
                .await
                .expect("aanmeldingen");
            black_box(voorop::casus::model::criteria_telling(&ao));
            n_ao = ao.len();
            black_box(service::vergaderingen(&db, &vt, &regio, &van, &tot).await.expect("vergaderingen"));
        }
        println!(
            "{:<55} {:>12.2?} per keer ({}×, {n_ao} aanmeldingen)",
            "Actie-overleg-pagina: aanmeldingen en vergaderingen",
            start.elapsed() / (KEER * 10),
            KEER * 10
        );
        let (vergadering, agenda): (i64, i64) = sqlx::query_as(
            "SELECT vergadering_id, COUNT(*) FROM moment WHERE vergadering_id IS NOT NULL
             GROUP BY vergadering_id ORDER BY COUNT(*) DESC, vergadering_id LIMIT 1",
        )
        .fetch_one(&db)
        .await
        .expect("een vergadering");
        let casus: voorop::gedeeld::CasusId = sqlx::query_scalar(
            "SELECT m.casus_id FROM moment m JOIN afspraak a ON a.moment_id = m.id
             JOIN moment_deelnemer d ON d.moment_id = m.id AND d.tot IS NULL AND d.organisatie_id = $1
             GROUP BY m.casus_id ORDER BY COUNT(*) DESC, m.casus_id LIMIT 1",
        )
        .bind(vt.organisatie_id)
        .fetch_one(&db)
        .await
        .expect("een casus");
        for (naam, keer) in [
            (format!("Vergaderpagina ({agenda} agendapunten, inzage geaudit)"), KEER * 10),
            ("Onderzoeks- en veiligheidsplan van een casus".to_string(), KEER * 10),
        ] {
            let start = Instant::now();
            for _ in 0..keer {
                if naam.starts_with("Vergader") {
                    black_box(service::vergadering(&db, &vt, vergadering).await.expect("vergadering"));
                } else {
                    black_box(service::plan(&db, &vt, casus).await.expect("plan"));
                }
            }
            println!("{naam:<55} {:>12.2?} per keer ({keer}×)", start.elapsed() / keer);
        }

        for (naam, g) in [("Veilig Thuis", &vt), ("Politie", &politie)] {
            let start = Instant::now();
            let mut items = 0;
            for _ in 0..KEER * 10 {
                items = black_box(
                    voorop::mijnwerk::service::mijn_werk(&db, g)
                        .await
                        .expect("mijn werk"),
                )
                .aantal();
            }
            println!(
                "{:<55} {:>12.2?} per keer ({}×, {items} items)",
                format!("Mijn werk {naam} (zonder geheugen)"),
                start.elapsed() / (KEER * 10),
                KEER * 10
            );
            let start = Instant::now();
            for _ in 0..KEER * 10 {
                black_box(voorop::mijnwerk::service::aantal(&db, g).await);
            }
            println!(
                "{:<55} {:>12.2?} per keer ({}×)",
                format!("Teller in het menu {naam} (per pagina)"),
                start.elapsed() / (KEER * 10),
                KEER * 10
            );
        }
    });
}
