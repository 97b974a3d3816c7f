//! Writing the workbook: an explanation sheet, one sheet per gemeente (protected except the answers), results with a radar chart, and the regional sheet.

use super::*;

/// Maakt de .xlsx-werkmap van een ronde.
pub fn export_xlsx(ronde: &ExportRonde) -> Result<Vec<u8>, ExcelFout> {
    let opmaak = Opmaak::new();
    let tabel = ScoreTabel::new(ronde);
    let mut werkmap = Workbook::new();
    werkmap.set_properties(&xlsx::eigenschappen(
        &ronde.titel,
        &ronde.vragenlijst.titel,
        &format!("Regio {}", ronde.regio_naam),
        &[
            "Zelfscan",
            &ronde.regio_naam,
            &ronde.doel,
            &ronde.datum,
            &ronde.vragenlijst.versie,
        ],
    ));

    schrijf_toelichting(werkmap.add_worksheet(), ronde, &opmaak)?;
    let namen = bladnamen(ronde.gemeenten.iter().map(|g| g.naam.as_str()));
    for (nr, (gemeente, naam)) in (1..).zip(ronde.gemeenten.iter().zip(&namen)) {
        let blad = werkmap.add_worksheet();
        blad.set_name(naam)?;
        schrijf_gemeente(blad, gemeente, ronde, &opmaak, &format!("Antwoorden_{nr}"))?;
    }
    schrijf_resultaten(werkmap.add_worksheet(), ronde, &tabel, &opmaak)?;
    schrijf_regio(werkmap.add_worksheet(), ronde, &tabel, &opmaak)?;

    Ok(werkmap.save_to_buffer()?)
}

/// De formats die de bladen delen.
pub(super) struct Opmaak {
    titel: Format,
    kop: Format,
    label: Format,
    tekst: Format,
    notitie: Format,
    getal: Format,
    procent: Format,
    datum: Format,
    /// De invulcellen (kolommen E en F): niet vergrendeld, dus bewerkbaar op het beveiligde blad.
    invoer: Format,
}

impl Opmaak {
    fn new() -> Self {
        let boven = Format::new().set_align(FormatAlign::Top);
        Self {
            titel: Format::new().set_bold().set_font_size(14),
            kop: xlsx::kopformaat(),
            label: boven.clone().set_bold(),
            tekst: boven.clone().set_text_wrap(),
            notitie: boven.clone().set_italic().set_font_color(Color::Gray),
            getal: boven.clone().set_align(FormatAlign::Center),
            procent: boven.clone().set_num_format(xlsx::EEN_DECIMAAL),
            datum: boven
                .clone()
                .set_num_format(xlsx::DATUM)
                .set_align(FormatAlign::Left),
            invoer: boven
                .set_text_wrap()
                .set_background_color(Color::RGB(0xFFF2CC))
                .set_border(FormatBorder::Thin)
                .set_unlocked(),
        }
    }
}

/// De beveiliging van een gemeenteblad: alles is vergrendeld behalve de invulcellen, zodat de
/// kolommen A tot en met D en de gegevens bovenaan (gemeentecode, vragenlijst, ronde) niet per
/// ongeluk veranderen. Filteren en kolombreedtes of rijhoogtes aanpassen mag; sorteren en rijen
/// invoegen of verwijderen niet, want de import leest de vragen op hun plaats.
///
/// Zonder wachtwoord: het is geen beveiliging tegen opzet maar tegen vergissingen, en wie het
/// blad echt wil wijzigen, heft de beveiliging op (de import controleert alles toch).
pub(super) fn bescherming() -> ProtectionOptions {
    ProtectionOptions {
        use_autofilter: true,
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    }
}

/// Percentages per standaard, zoals op "Resultaten" en "Regio".
pub(super) struct ScoreTabel {
    /// "1 Integrale visie", … in de volgorde van de vragenlijst.
    labels: Vec<String>,
    /// Per gemeente (volgorde van de export) het percentage per standaard; `None` als de
    /// gemeente nog geen vraag van de standaard beantwoordde.
    gemeenten: Vec<Vec<Option<f64>>>,
    /// Regiogemiddelde per standaard, `None` als de aanroeper het niet gaf.
    regio: Vec<Option<f64>>,
}

impl ScoreTabel {
    fn new(ronde: &ExportRonde) -> Self {
        let standaarden = &ronde.vragenlijst.standaarden;
        let gemeenten = ronde
            .gemeenten
            .iter()
            .map(|g| {
                let per_standaard: HashMap<u8, Option<f64>> =
                    scores(&ronde.vragenlijst, &g.antwoorden)
                        .into_iter()
                        .map(|s| (s.standaard, (!s.onbeantwoord()).then_some(s.percentage)))
                        .collect();
                standaarden
                    .iter()
                    .map(|s| per_standaard.get(&s.nummer).copied().flatten())
                    .collect()
            })
            .collect();
        Self {
            labels: standaarden
                .iter()
                .map(|s| format!("{} {}", s.nummer, s.titel))
                .collect(),
            gemeenten,
            regio: standaarden
                .iter()
                .map(|s| {
                    ronde
                        .regio
                        .iter()
                        .find(|r| r.standaard == s.nummer)
                        .map(|r| r.percentage)
                })
                .collect(),
        }
    }

    /// Aantal rijen (standaarden) van de tabel.
    fn rijen(&self) -> u32 {
        u32::try_from(self.labels.len()).unwrap_or(0)
    }

    fn heeft_regio(&self) -> bool {
        self.regio.iter().any(Option::is_some)
    }

    /// Aantal gegeven gemeenten waarvoor `voorwaarde` geldt bij standaard `index`.
    fn aantal(&self, index: usize, voorwaarde: impl Fn(f64) -> bool) -> usize {
        self.gemeenten
            .iter()
            .filter(|g| g[index].is_some_and(&voorwaarde))
            .count()
    }
}

pub(super) fn schrijf_toelichting(
    blad: &mut Worksheet,
    ronde: &ExportRonde,
    opmaak: &Opmaak,
) -> Result<(), XlsxError> {
    blad.set_name(BLAD_TOELICHTING)?;
    for (kol, &breedte) in (0..).zip(&BREEDTES_TOELICHTING) {
        blad.set_column_width(kol, breedte)?;
    }
    xlsx::afdrukken(blad);
    blad.write_string_with_format(0, 0, &ronde.titel, &opmaak.titel)?;

    let vl = &ronde.vragenlijst;
    let mut gegevens = vec![
        ("Regio", ronde.regio_naam.clone()),
        ("Doel", ronde.doel.clone()),
        ("Datum", ronde.datum.clone()),
        (
            "Vragenlijst",
            format!("{} (versie {})", vl.titel, vl.versie),
        ),
    ];
    if vl.afgeleid {
        gegevens.push((
            "Herkomst",
            format!("Afgeleid, geen officiële tekst. {}", vl.bron),
        ));
    }
    for (rij, (label, waarde)) in (2..).zip(gegevens) {
        blad.write_string_with_format(rij, 0, label, &opmaak.label)?;
        // The date as a real date (shown dd-mm-jjjj), the rest as text.
        if label == "Datum"
            && let Some(datum) = crate::tekst::parse_datum(&waarde)
                .as_deref()
                .and_then(xlsx::excel_datum)
        {
            blad.write_datetime_with_format(rij, 1, &datum, &opmaak.datum)?;
            continue;
        }
        regelhoogte(blad, rij, &[(&waarde, BREEDTES_TOELICHTING[1])])?;
        blad.write_string_with_format(rij, 1, waarde, &opmaak.tekst)?;
    }

    blad.write_string_with_format(7, 0, "Zo vult u dit bestand in", &opmaak.titel)?;
    let instructies = [
        "Elke gemeente heeft een eigen tabblad met alle vragen van de zelfscan, één vraag per rij."
            .to_string(),
        "Kies per vraag in kolom E (Antwoord) 'Op orde' of 'Niet op orde' uit de keuzelijst. \
         Laat de cel leeg als de vraag nog niet beantwoord is."
            .to_string(),
        "Is het antwoord niet zonder meer 'Op orde' of 'Niet op orde'? Kies dan het best passende \
         antwoord en noteer afzonderlijk dit soort nuanceringen in kolom F (Toelichting)."
            .to_string(),
        format!(
            "Een toelichting is maximaal {} tekens lang.",
            crate::web::getal_nl(MAX_TOELICHTING as f64, 0)
        ),
        "Wijzig de kolommen A tot en met D en cel B3 (de gemeentecode) niet, en voeg geen rijen in \
         of toe: daarmee worden de antwoorden bij het inlezen aan de juiste gemeente en vraag \
         gekoppeld. Daarom zijn de tabbladen van de gemeenten beveiligd (zonder wachtwoord): \
         alleen de gele cellen in de kolommen E en F zijn te bewerken. Filteren mag, sorteren \
         niet. Een tabblad van een gemeente die u niet invult, mag u verwijderen."
            .to_string(),
        format!(
            "De tabbladen '{BLAD_RESULTATEN}' en '{BLAD_REGIO}' tonen de scores op het moment van \
             exporteren. Ze worden bij het inlezen genegeerd, net als dit tabblad."
        ),
        "Sla het bestand op als Excel-werkmap (.xlsx) en lees het in via Voorop. Bevat het bestand \
         een fout, dan wordt niets ingelezen en krijgt u een overzicht van alle fouten."
            .to_string(),
    ];
    for (rij, (nr, tekst)) in (8..).zip((1..).zip(instructies)) {
        blad.write_string_with_format(rij, 0, format!("{nr}."), &opmaak.label)?;
        regelhoogte(blad, rij, &[(&tekst, BREEDTES_TOELICHTING[1])])?;
        blad.write_string_with_format(rij, 1, tekst, &opmaak.tekst)?;
    }
    Ok(())
}

/// Kolombreedtes van een gemeenteblad uit de inhoud: de kopjes, de vragen, de antwoorden en
/// toelichtingen, en de gegevens bovenaan die niet over een lege buurcel mogen doorlopen (de
/// labels in kolom A, de gemeentecode en het rondenummer in kolom B, met een notitie ernaast).
/// De invulkolommen zijn breed genoeg voor het langste antwoord uit de keuzelijst en een
/// toelichting van enige lengte.
pub(super) fn gemeente_breedtes(gemeente: &ExportGemeente, ronde: &ExportRonde) -> [f64; 6] {
    let vragen = &ronde.vragenlijst.vragen;
    let langste = |teksten: &mut dyn Iterator<Item = usize>| teksten.max().unwrap_or(0);
    let labels = ["Gemeentecode", "Vragenlijst", "Scanronde"]
        .iter()
        .map(|l| (l.chars().count() as f64 * 1.1).ceil() as usize)
        .max()
        .unwrap_or(0);
    let nummers = langste(&mut vragen.iter().map(|v| v.nummer.to_string().len()));
    let antwoorden = [Antwoord::OpOrde, Antwoord::NietOpOrde]
        .iter()
        .map(|a| a.label().chars().count())
        .max()
        .unwrap_or(0);
    let toelichtingen = langste(
        &mut gemeente
            .antwoorden
            .iter()
            .flat_map(|a| a.toelichting.lines().map(|r| r.chars().count())),
    );
    let inhoud = [
        nummers.max(labels),
        langste(&mut vragen.iter().map(|v| v.blok.to_string().len()))
            .max(gemeente.code.chars().count())
            .max(ronde.ronde_id.to_string().len()),
        langste(&mut vragen.iter().map(|v| v.standaard.to_string().len())),
        langste(&mut vragen.iter().map(|v| v.tekst.chars().count())),
        antwoorden,
        toelichtingen.max(MIN_TOELICHTING_BREEDTE),
    ];
    let mut breedtes = [0.0; 6];
    for ((b, kop), n) in breedtes.iter_mut().zip(KOPPEN_GEMEENTE).zip(inhoud) {
        *b = xlsx::kolombreedte(kop, n).0;
    }
    breedtes
}

pub(super) fn schrijf_gemeente(
    blad: &mut Worksheet,
    gemeente: &ExportGemeente,
    ronde: &ExportRonde,
    opmaak: &Opmaak,
    tabelnaam: &str,
) -> Result<(), XlsxError> {
    let vragenlijst = &ronde.vragenlijst;
    let breedtes = gemeente_breedtes(gemeente, ronde);
    for (kol, &breedte) in (0..).zip(&breedtes) {
        blad.set_column_width(kol, breedte)?;
    }
    blad.write_string_with_format(0, 0, format!("Zelfscan – {}", gemeente.naam), &opmaak.titel)?;
    blad.write_string_with_format(RIJ_CODE, 0, "Gemeentecode", &opmaak.label)?;
    blad.write_string(RIJ_CODE, KOL_WAARDE, &gemeente.code)?;
    blad.write_string_with_format(
        RIJ_CODE,
        2,
        "Niet wijzigen: hiermee wordt dit tabblad aan de gemeente gekoppeld.",
        &opmaak.notitie,
    )?;
    blad.write_string_with_format(RIJ_VERSIE, 0, "Vragenlijst", &opmaak.label)?;
    blad.write_string(RIJ_VERSIE, KOL_WAARDE, &vragenlijst.versie)?;
    blad.write_string_with_format(RIJ_RONDE, 0, "Scanronde", &opmaak.label)?;
    // Excel stores numbers as f64; round ids stay far below 2^53.
    blad.write_number_with_format(RIJ_RONDE, KOL_WAARDE, ronde.ronde_id as f64, &opmaak.getal)?;
    blad.write_string_with_format(
        RIJ_RONDE,
        2,
        "Niet wijzigen: dit bestand kan alleen in deze scanronde worden geïmporteerd.",
        &opmaak.notitie,
    )?;

    let antwoorden: HashMap<u16, &VraagAntwoord> =
        gemeente.antwoorden.iter().map(|a| (a.vraag, a)).collect();
    for (rij, vraag) in (RIJ_EERSTE_VRAAG..).zip(&vragenlijst.vragen) {
        let antwoord = antwoorden.get(&vraag.nummer);
        blad.write_number_with_format(rij, KOL_NR, vraag.nummer, &opmaak.getal)?;
        blad.write_number_with_format(rij, 1, vraag.blok, &opmaak.getal)?;
        blad.write_number_with_format(rij, 2, vraag.standaard, &opmaak.getal)?;
        blad.write_string_with_format(rij, 3, &vraag.tekst, &opmaak.tekst)?;
        let label = antwoord
            .and_then(|a| a.antwoord)
            .map_or("", Antwoord::label);
        let toelichting = antwoord.map_or("", |a| a.toelichting.as_str());
        regelhoogte(
            blad,
            rij,
            &[(&vraag.tekst, breedtes[3]), (toelichting, breedtes[5])],
        )?;
        schrijf_invoer(blad, rij, KOL_ANTWOORD, label, &opmaak.invoer)?;
        schrijf_invoer(blad, rij, KOL_TOELICHTING, toelichting, &opmaak.invoer)?;
    }

    // The header row is the table's; an Excel table (with autofilter) over the questions does
    // not move a cell, so the import still finds everything in its place.
    let koppen = xlsx::unieke_koppen(&KOPPEN_GEMEENTE);
    let aantal = u32::try_from(vragenlijst.vragen.len()).unwrap_or(0);
    xlsx::tabel(blad, tabelnaam, RIJ_KOP, &koppen, aantal, &opmaak.kop)?;
    koprijhoogte(blad, RIJ_KOP, &koppen, &breedtes)?;
    xlsx::kop_en_afdrukken(blad, RIJ_KOP, 0)?;
    blad.protect_with_options(&bescherming());

    if let Some(laatste) = laatste_vraag_rij(vragenlijst) {
        let keuzelijst = DataValidation::new()
            .allow_list_strings(&[Antwoord::OpOrde.label(), Antwoord::NietOpOrde.label()])?
            .set_error_title("Ongeldig antwoord")?
            .set_error_message(
                "Kies 'Op orde' of 'Niet op orde' uit de keuzelijst, of laat de cel leeg. \
                 Een nuancering noteert u in kolom F (Toelichting).",
            )?;
        blad.add_data_validation(
            RIJ_EERSTE_VRAAG,
            KOL_ANTWOORD,
            laatste,
            KOL_ANTWOORD,
            &keuzelijst,
        )?;
    }
    Ok(())
}

/// Schrijft een invoercel; ook leeg, zodat de invulkleur zichtbaar is.
pub(super) fn schrijf_invoer(
    blad: &mut Worksheet,
    rij: u32,
    kol: u16,
    tekst: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    if tekst.is_empty() {
        blad.write_blank(rij, kol, format)?;
    } else {
        blad.write_string_with_format(rij, kol, tekst, format)?;
    }
    Ok(())
}

pub(super) fn laatste_vraag_rij(vragenlijst: &Vragenlijst) -> Option<u32> {
    let aantal = u32::try_from(vragenlijst.vragen.len()).ok()?;
    aantal.checked_sub(1).map(|n| RIJ_EERSTE_VRAAG + n)
}

/// De status van een rij op "Resultaten": welke gemeenten nog geen vraag van de standaard
/// beantwoordden (hun cel is leeg) en of het regiogemiddelde ontbreekt; anders "berekend".
pub(super) fn resultaatstatus(ronde: &ExportRonde, tabel: &ScoreTabel, index: usize) -> String {
    let open: Vec<&str> = ronde
        .gemeenten
        .iter()
        .zip(&tabel.gemeenten)
        .filter(|(_, p)| p[index].is_none())
        .map(|(g, _)| g.naam.as_str())
        .collect();
    let mut delen = Vec::new();
    if !open.is_empty() {
        delen.push(format!("{STATUS_NIET_BEANTWOORD}: {}", open.join(", ")));
    }
    if tabel.regio[index].is_none() {
        delen.push(format!("regiogemiddelde: {STATUS_GEEN_GEGEVENS}"));
    }
    if delen.is_empty() {
        STATUS_BEREKEND.to_string()
    } else {
        delen.join("; ")
    }
}

pub(super) fn schrijf_resultaten(
    blad: &mut Worksheet,
    ronde: &ExportRonde,
    tabel: &ScoreTabel,
    opmaak: &Opmaak,
) -> Result<(), XlsxError> {
    blad.set_name(BLAD_RESULTATEN)?;
    blad.write_string_with_format(0, 0, format!("Resultaten – {}", ronde.titel), &opmaak.titel)?;
    blad.write_string(
        1,
        0,
        format!(
            "Percentage van de beantwoorde vragen dat 'Op orde' is, per standaard; een lege cel: nog geen vraag van die standaard beantwoord (zie de kolom Status). Het regiogemiddelde gaat over {}.",
            aantal_gemeenten(ronde.regio_aantal_gemeenten as usize)
        ),
    )?;

    let mut koppen = vec!["Standaard".to_string()];
    koppen.extend(ronde.gemeenten.iter().map(|g| g.naam.clone()));
    koppen.push("Regio gemiddelde".to_string());
    koppen.push("Status".to_string());
    let koppen = xlsx::unieke_koppen(&koppen);
    let regio_kol = kolom(koppen.len() - 2);
    let status_kol = kolom(koppen.len() - 1);

    let mut statussen = Vec::new();
    for (i, (rij, label)) in (RIJ_TABEL_DATA..).zip(&tabel.labels).enumerate() {
        blad.write_string_with_format(rij, 0, label, &opmaak.tekst)?;
        for (kol, percentages) in (1..).zip(&tabel.gemeenten) {
            if let Some(p) = percentages[i] {
                blad.write_number_with_format(rij, kol, p, &opmaak.procent)?;
            }
        }
        if let Some(p) = tabel.regio[i] {
            blad.write_number_with_format(rij, regio_kol, p, &opmaak.procent)?;
        }
        let status = resultaatstatus(ronde, tabel, i);
        blad.write_string_with_format(rij, status_kol, &status, &opmaak.tekst)?;
        statussen.push(status);
    }

    // Widths from the content: the standards' labels, the percentages ("100,0") under the
    // gemeente names (which wrap), and the statuses.
    let langste = |teksten: &[String]| teksten.iter().map(|t| t.chars().count()).max().unwrap_or(0);
    let procent = "100,0".len();
    let breedtes: Vec<f64> = koppen
        .iter()
        .enumerate()
        .map(|(k, kop)| {
            let inhoud = if k == 0 {
                langste(&tabel.labels)
            } else if k == usize::from(status_kol) {
                langste(&statussen)
            } else {
                procent
            };
            xlsx::kolombreedte(kop, inhoud).0
        })
        .collect();
    for (kol, &breedte) in (0..).zip(&breedtes) {
        blad.set_column_width(kol, breedte)?;
    }
    for (rij, status) in (RIJ_TABEL_DATA..).zip(&statussen) {
        regelhoogte(blad, rij, &[(status, breedtes[usize::from(status_kol)])])?;
    }
    xlsx::tabel(
        blad,
        BLAD_RESULTATEN,
        RIJ_TABEL_KOP,
        &koppen,
        tabel.rijen(),
        &opmaak.kop,
    )?;
    koprijhoogte(blad, RIJ_TABEL_KOP, &koppen, &breedtes)?;
    xlsx::kop_en_afdrukken(blad, RIJ_TABEL_KOP, 1)?;

    let gemeenten: Vec<u16> = (1..=ronde.gemeenten.len().min(MAX_GEMEENTEN_IN_GRAFIEK))
        .map(kolom)
        .collect();
    let mut grafiek = radar_grafiek(
        BLAD_RESULTATEN,
        "Percentage 'Op orde' per standaard",
        tabel,
        &gemeenten,
        tabel.heeft_regio().then_some(regio_kol),
    );
    if ronde.gemeenten.len() > MAX_GEMEENTEN_IN_GRAFIEK {
        blad.write_string_with_format(
            2,
            0,
            format!(
                "Het diagram toont de eerste {MAX_GEMEENTEN_IN_GRAFIEK} gemeenten en het regiogemiddelde."
            ),
            &opmaak.notitie,
        )?;
    }
    blad.insert_chart(
        grafiek_rij(tabel),
        0,
        grafiek.set_width(760).set_height(520),
    )?;
    Ok(())
}

pub(super) fn schrijf_regio(
    blad: &mut Worksheet,
    ronde: &ExportRonde,
    tabel: &ScoreTabel,
    opmaak: &Opmaak,
) -> Result<(), XlsxError> {
    blad.set_name(BLAD_REGIO)?;
    let y = ronde.gemeenten.len();
    blad.write_string_with_format(0, 0, format!("Regio {}", ronde.regio_naam), &opmaak.titel)?;
    let toelichting = if y == 0 {
        "dit bestand bevat geen gegevens per gemeente.".to_string()
    } else {
        format!(
            "de aantallen gaan over de {} in dit bestand.",
            aantal_gemeenten(y)
        )
    };
    blad.write_string(
        1,
        0,
        format!(
            "Regiogemiddelde van het percentage 'Op orde' over {}; {toelichting}",
            aantal_gemeenten(ronde.regio_aantal_gemeenten as usize)
        ),
    )?;
    let koppen = xlsx::unieke_koppen(&[
        "Standaard",
        "Regio gemiddelde",
        "Volledig op orde",
        "Minder dan 50% op orde",
        "Status",
    ]);

    let mut teksten: Vec<[String; 4]> = Vec::new();
    for (i, (rij, label)) in (RIJ_TABEL_DATA..).zip(&tabel.labels).enumerate() {
        blad.write_string_with_format(rij, 0, label, &opmaak.tekst)?;
        if let Some(p) = tabel.regio[i] {
            blad.write_number_with_format(rij, 1, p, &opmaak.procent)?;
        }
        let (volledig, onder_50) = if y > 0 {
            (
                uitspraak(
                    tabel.aantal(i, |p| p >= 100.0),
                    y,
                    "deze standaard volledig",
                ),
                uitspraak(
                    tabel.aantal(i, |p| p < 50.0),
                    y,
                    "minder dan 50% van deze standaard",
                ),
            )
        } else {
            (String::new(), String::new())
        };
        let status = if tabel.regio[i].is_some() {
            STATUS_BEREKEND
        } else {
            STATUS_GEEN_GEGEVENS
        };
        for (kol, tekst) in [(2, &volledig), (3, &onder_50)] {
            if !tekst.is_empty() {
                blad.write_string_with_format(rij, kol, tekst, &opmaak.tekst)?;
            }
        }
        blad.write_string_with_format(rij, 4, status, &opmaak.tekst)?;
        teksten.push([label.clone(), volledig, onder_50, status.to_string()]);
    }

    let langste = |k: usize| {
        teksten
            .iter()
            .map(|t| t[k].chars().count())
            .max()
            .unwrap_or(0)
    };
    let inhoud = [
        langste(0),
        "100,0".len(),
        langste(1),
        langste(2),
        langste(3),
    ];
    let breedtes: Vec<f64> = koppen
        .iter()
        .zip(inhoud)
        .map(|(kop, n)| xlsx::kolombreedte(kop, n).0)
        .collect();
    for (kol, &breedte) in (0..).zip(&breedtes) {
        blad.set_column_width(kol, breedte)?;
    }
    for (rij, t) in (RIJ_TABEL_DATA..).zip(&teksten) {
        regelhoogte(
            blad,
            rij,
            &[
                (&t[0], breedtes[0]),
                (&t[1], breedtes[2]),
                (&t[2], breedtes[3]),
            ],
        )?;
    }
    xlsx::tabel(
        blad,
        BLAD_REGIO,
        RIJ_TABEL_KOP,
        &koppen,
        tabel.rijen(),
        &opmaak.kop,
    )?;
    koprijhoogte(blad, RIJ_TABEL_KOP, &koppen, &breedtes)?;
    xlsx::kop_en_afdrukken(blad, RIJ_TABEL_KOP, 1)?;

    if tabel.heeft_regio() {
        let mut grafiek = radar_grafiek(BLAD_REGIO, "Regio gemiddelde", tabel, &[], Some(1));
        blad.insert_chart(
            grafiek_rij(tabel),
            0,
            grafiek.set_width(640).set_height(480),
        )?;
    }
    Ok(())
}

/// Radardiagram (as 0–100) over de tabel van `blad`: categorieën in kolom A vanaf
/// [`RIJ_TABEL_DATA`], één reeks per kolom in `gemeenten` en eventueel de kolom met het
/// regiogemiddelde; de reeksnamen komen uit de kopregel. Het regiogemiddelde krijgt een dikke
/// lijn, gestippeld als er ook gemeenten in het diagram staan.
pub(super) fn radar_grafiek(
    blad: &str,
    titel: &str,
    tabel: &ScoreTabel,
    gemeenten: &[u16],
    regio: Option<u16>,
) -> Chart {
    let laatste_rij = RIJ_TABEL_DATA + tabel.rijen().max(1) - 1;
    let mut grafiek = Chart::new(ChartType::Radar);
    grafiek.title().set_name(titel);
    grafiek.legend().set_position(ChartLegendPosition::Bottom);
    grafiek.y_axis().set_min(0).set_max(100).set_major_unit(20);
    for &kol in gemeenten.iter().chain(&regio) {
        let reeks = grafiek
            .add_series()
            .set_name((blad, RIJ_TABEL_KOP, kol))
            .set_categories((blad, RIJ_TABEL_DATA, 0, laatste_rij, 0))
            .set_values((blad, RIJ_TABEL_DATA, kol, laatste_rij, kol));
        if Some(kol) == regio {
            let mut lijn = ChartLine::new();
            lijn.set_width(3);
            if !gemeenten.is_empty() {
                lijn.set_color(Color::Black)
                    .set_dash_type(ChartLineDashType::Dash);
            }
            reeks.set_format(ChartFormat::new().set_line(&lijn));
        }
    }
    grafiek
}

/// Eerste rij onder de tabel met een lege rij ertussen: daar komt het diagram.
pub(super) fn grafiek_rij(tabel: &ScoreTabel) -> u32 {
    RIJ_TABEL_DATA + tabel.rijen() + 1
}

/// Maakt de kopregel `rij` hoog genoeg voor de teruglopende kopjes (naast de filterknop).
pub(super) fn koprijhoogte(
    blad: &mut Worksheet,
    rij: u32,
    koppen: &[String],
    breedtes: &[f64],
) -> Result<(), XlsxError> {
    let regels = koppen
        .iter()
        .zip(breedtes)
        .map(|(kop, &breedte)| xlsx::kopregels(kop, breedte))
        .max()
        .unwrap_or(1);
    if regels > 1 {
        blad.set_row_height(rij, xlsx::rijhoogte(regels))?;
    }
    Ok(())
}

/// Maakt een rij hoog genoeg voor de teruglopende tekst in `cellen` (tekst, kolombreedte).
///
/// Excel past de hoogte van zo'n rij zelf aan, LibreOffice niet; daarom een schatting. Een rij
/// van één regel blijft ongemoeid, zodat Excel die bij het invullen nog kan laten meegroeien.
pub(super) fn regelhoogte(
    blad: &mut Worksheet,
    rij: u32,
    cellen: &[(&str, f64)],
) -> Result<(), XlsxError> {
    let regels = cellen
        .iter()
        .map(|&(tekst, breedte)| xlsx::aantal_regels(tekst, breedte))
        .max()
        .unwrap_or(1);
    if regels > 1 {
        blad.set_row_height(rij, xlsx::rijhoogte(regels))?;
    }
    Ok(())
}

pub(super) fn kolom(index: usize) -> u16 {
    u16::try_from(index).unwrap_or(u16::MAX)
}

/// "x van y gemeenten heeft/hebben {wat} op orde", zonder gemeenten te noemen.
pub(super) fn uitspraak(x: usize, y: usize, wat: &str) -> String {
    let hebben = if x == 1 { "heeft" } else { "hebben" };
    format!("{x} van {y} gemeenten {hebben} {wat} op orde")
}

pub(super) fn aantal_gemeenten(n: usize) -> String {
    if n == 1 {
        "1 gemeente".to_string()
    } else {
        format!("{n} gemeenten")
    }
}

/// Geldige, unieke bladnamen voor de gemeenten (in dezelfde volgorde): hoogstens 31 tekens,
/// zonder `[]:*?/\`, niet beginnend of eindigend met een apostrof, en (hoofdletterongevoelig)
/// verschillend van elkaar en van de vaste bladen.
pub(super) fn bladnamen<'a>(namen: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut bezet: HashSet<String> = VASTE_BLADEN
        .iter()
        .chain(&["History"])
        .map(|n| n.to_lowercase())
        .collect();
    namen
        .into_iter()
        .map(|naam| {
            let basis = schone_bladnaam(naam);
            let naam = (1..)
                .map(|n| {
                    if n == 1 {
                        basis.clone()
                    } else {
                        let achtervoegsel = format!(" ({n})");
                        let ruimte = MAX_BLADNAAM - achtervoegsel.len();
                        format!("{}{achtervoegsel}", afkappen(&basis, ruimte).trim_end())
                    }
                })
                .find(|kandidaat| !bezet.contains(&kandidaat.to_lowercase()))
                .unwrap_or_default();
            bezet.insert(naam.to_lowercase());
            naam
        })
        .collect()
}

pub(super) fn schone_bladnaam(naam: &str) -> String {
    let schoon: String = naam
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| {
            if VERBODEN_IN_BLADNAAM.contains(&c) {
                '-'
            } else {
                c
            }
        })
        .collect();
    // Een apostrof aan het begin of eind mag niet ('s-Hertogenbosch): gebruik ’.
    let schoon = schoon.trim();
    let schoon = match schoon.strip_prefix('\'') {
        Some(rest) => format!("’{rest}"),
        None => schoon.to_string(),
    };
    let schoon = match schoon.strip_suffix('\'') {
        Some(rest) => format!("{rest}’"),
        None => schoon,
    };
    let schoon = afkappen(&schoon, MAX_BLADNAAM).trim_end().to_string();
    if schoon.is_empty() {
        "Gemeente".to_string()
    } else {
        schoon
    }
}

/// Kapt af op `max` UTF-16-eenheden (zo telt Excel).
pub(super) fn afkappen(tekst: &str, max: usize) -> &str {
    let mut lengte = 0;
    for (i, c) in tekst.char_indices() {
        lengte += c.len_utf16();
        if lengte > max {
            return &tekst[..i];
        }
    }
    tekst
}
