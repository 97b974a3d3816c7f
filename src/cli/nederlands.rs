//! The command line in Dutch. clap's own words ("Usage", "Commands", "Options", "Print help",
//! "[default: …]", "error: unexpected argument …") are English and not translatable through
//! clap, so the command tree that the derive builds is rewritten here once: a Dutch help
//! template and headings, Dutch help and version flags, defaults, environment variables and
//! choices in Dutch after each option's description, the `VOOROP_*` variables under the main
//! help, and parse errors rewritten from their kind and context.

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

/// Every environment variable Voorop reads, with what it sets; `voorop --help` lists them.
/// (A test checks that the sources read no other `VOOROP_*` variable.)
pub const OMGEVING: &[(&str, &str)] = &[
    ("VOOROP_DB", "de database (zoals --db)"),
    (
        "VOOROP_AUDIT_SLEUTEL",
        "sleutel (minstens 32 tekens) waarmee het auditlog wordt ondertekend; verplicht voor 'serve' zonder --demo",
    ),
    (
        "VOOROP_AUDIT_SLEUTEL_BESTAND",
        "bestand met de auditsleutel (in plaats van VOOROP_AUDIT_SLEUTEL)",
    ),
    (
        "VOOROP_AUDIT_KOP",
        "bestand buiten de database met de kop van de auditketen (verplicht bij PostgreSQL, één per instantie)",
    ),
    (
        "VOOROP_AUDIT_BEWAARTERMIJN_JAREN",
        "bewaartermijn van het auditlog in jaren (standaard 5)",
    ),
    (
        "VOOROP_GEHEIM_SLEUTEL",
        "sleutel voor de opgeslagen tweestapsgeheimen (standaard afgeleid van de auditsleutel)",
    ),
    (
        "VOOROP_GEHEIM_SLEUTEL_BESTAND",
        "bestand met die sleutel (in plaats van VOOROP_GEHEIM_SLEUTEL)",
    ),
    (
        "VOOROP_PSEUDONIEM_SLEUTEL",
        "sleutel voor de pseudoniemen van betrokkenen (naam en geboortedatum)",
    ),
    (
        "VOOROP_PSEUDONIEM_SLEUTEL_BESTAND",
        "bestand met die sleutel (in plaats van VOOROP_PSEUDONIEM_SLEUTEL)",
    ),
    (
        "VOOROP_BEWAARTERMIJN_MAANDEN",
        "maanden na sluiten waarna persoonsgegevens van een casus worden gewist (standaard 24)",
    ),
    (
        "VOOROP_ONDERDRUKKING",
        "aantallen onder deze drempel worden niet getoond (standaard 5)",
    ),
    (
        "VOOROP_SESSIE_INACTIEF_MINUTEN",
        "een sessie eindigt na zoveel minuten zonder activiteit",
    ),
    (
        "VOOROP_SESSIE_MAX_UREN",
        "een sessie eindigt hoe dan ook na zoveel uren",
    ),
    (
        "VOOROP_INLOG_MAX_POGINGEN",
        "mislukte inlogpogingen binnen het venster voordat een account tijdelijk wordt geblokkeerd",
    ),
    (
        "VOOROP_INLOG_VENSTER_MINUTEN",
        "het venster waarin mislukte inlogpogingen worden geteld",
    ),
    (
        "VOOROP_INLOG_BLOKKADE_MINUTEN",
        "hoe lang een account na te veel pogingen geblokkeerd blijft",
    ),
    (
        "VOOROP_INLOG_VERTRAGING_MAX_SECONDEN",
        "de langste vertraging na mislukte pogingen",
    ),
    (
        "VOOROP_SECURE_COOKIES",
        "1: cookies alleen over HTTPS (standaard aan, behalve bij een adres op deze machine)",
    ),
    (
        "VOOROP_VERTROUW_PROXY",
        "1: vertrouw X-Forwarded-For van een reverse proxy voor het IP-adres in het auditlog",
    ),
    (
        "VOOROP_BACKUP_MAP",
        "map waarin 'serve' dagelijks een back-up maakt (alleen SQLite)",
    ),
    (
        "VOOROP_BACKUP_AANTAL",
        "hoeveel dagelijkse back-ups bewaard blijven",
    ),
    (
        "VOOROP_SMTP_HOST",
        "mailserver voor meldingen per e-mail (zonder: alleen in Voorop)",
    ),
    (
        "VOOROP_SMTP_POORT",
        "poort van de mailserver (587; 465 bij tls)",
    ),
    (
        "VOOROP_SMTP_BEVEILIGING",
        "starttls (standaard), tls of geen",
    ),
    (
        "VOOROP_SMTP_GEBRUIKER",
        "gebruikersnaam bij de mailserver (met VOOROP_SMTP_WACHTWOORD)",
    ),
    ("VOOROP_SMTP_WACHTWOORD", "wachtwoord bij de mailserver"),
    ("VOOROP_SMTP_AFZENDER", "afzendadres van de meldingen"),
    (
        "VOOROP_BASIS_URL",
        "adres van Voorop voor de links in e-mails",
    ),
    (
        "VOOROP_DEMO_PEILDATUM",
        "peildatum van de kleine demo (JJJJ-MM-DD; standaard vandaag)",
    ),
    (
        "VOOROP_WACHTWOORD",
        "wachtwoord voor 'gebruiker add' (anders van standaardinvoer)",
    ),
    (
        "VOOROP_RAPPORT_PDF",
        "0: geen PDF-rapporten maken (bijvoorbeeld op een machine zonder lettertypen)",
    ),
    (
        "VOOROP_LOG",
        "welke meldingen op standaardfout komen (bijvoorbeeld info of voorop=debug)",
    ),
];

/// The help page: Dutch headings around clap's argument lists.
const SJABLOON: &str = "{about-with-newline}\nGebruik: {usage}\n\n{all-args}{after-help}";

/// The command tree of `Cli` in Dutch (see the module documentation).
pub fn commando(cmd: Command) -> Command {
    let omgeving: String = OMGEVING
        .iter()
        .map(|(naam, wat)| format!("  {naam}\n          {wat}\n"))
        .collect();
    vertaal(cmd, "voorop")
        .disable_version_flag(true)
        .arg(
            Arg::new("versie")
                .short('V')
                .long("version")
                .visible_alias("versie")
                .action(ArgAction::Version)
                .help("Toon het versienummer")
                .help_heading("Opties"),
        )
        .after_long_help(format!("Omgevingsvariabelen:\n{omgeving}"))
        .after_help("Met --help ook de omgevingsvariabelen (VOOROP_*).")
}

/// One command and its subcommands: template, headings, help flag, usage, and per option
/// the Dutch notes that clap would print in English.
fn vertaal(cmd: Command, pad: &str) -> Command {
    let heeft_opdrachten = cmd.has_subcommands();
    let mut gebruik = format!("{pad} [OPTIES]");
    for a in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
        let naam = a.get_value_names().and_then(|n| n.first()).map_or_else(
            || a.get_id().to_string().to_uppercase(),
            ToString::to_string,
        );
        if a.is_positional() {
            if a.is_required_set() {
                gebruik.push_str(&format!(" <{naam}>"));
            } else {
                gebruik.push_str(&format!(" [{naam}]"));
            }
        } else if a.is_required_set()
            && let Some(l) = a.get_long()
        {
            gebruik.push_str(&format!(" --{l} <{naam}>"));
        }
    }
    if heeft_opdrachten {
        gebruik.push_str(" <OPDRACHT>");
    }
    let mut cmd = cmd
        .help_template(SJABLOON)
        .override_usage(gebruik)
        .subcommand_help_heading("Opdrachten")
        .subcommand_value_name("OPDRACHT")
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .mut_args(toelichting)
        .arg(
            Arg::new("hulp")
                .short('h')
                .long("help")
                .visible_alias("hulp")
                .action(ArgAction::Help)
                .help("Toon deze hulp")
                .help_heading("Opties"),
        );
    let namen: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for naam in namen {
        let sub_pad = format!("{pad} {naam}");
        cmd = cmd.mut_subcommand(naam, |s| vertaal(s, &sub_pad));
    }
    cmd
}

/// An option's heading and the Dutch notes after its description: default, environment
/// variable, choices.
fn toelichting(a: Arg) -> Arg {
    let mut notities = vec![];
    let standaard: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !standaard.is_empty() && a.get_action().takes_values() {
        notities.push(format!("standaard: {}", standaard.join(", ")));
    }
    if let Some(env) = a.get_env() {
        notities.push(format!("omgevingsvariabele: {}", env.to_string_lossy()));
    }
    let keuzes: Vec<String> = a
        .get_possible_values()
        .iter()
        .filter(|p| !p.is_hide_set())
        .map(|p| match p.get_help() {
            Some(h) => format!("{} ({h})", p.get_name()),
            None => p.get_name().to_string(),
        })
        .collect();
    if !keuzes.is_empty() && a.get_action().takes_values() {
        notities.push(format!("keuze uit: {}", keuzes.join("; ")));
    }
    let kop = if a.is_positional() {
        "Argumenten"
    } else {
        "Opties"
    };
    let a = if a.get_action().takes_values() {
        a.hide_default_value(true)
            .hide_env(true)
            .hide_possible_values(true)
    } else {
        a
    }
    .help_heading(kop);
    if notities.is_empty() {
        return a;
    }
    let help = a.get_help().map(ToString::to_string).unwrap_or_default();
    let notitie = format!("[{}]", notities.join("; "));
    let nieuw = if help.is_empty() {
        notitie
    } else {
        format!("{help} {notitie}")
    };
    a.help(nieuw)
}

/// A parse error as Dutch text (without "Fout: "), from its kind and context; never the English
/// rendering. Help and version requests are not errors and are printed by clap itself.
pub fn foutmelding(e: &clap::Error) -> String {
    let tekst = |k: ContextKind| -> Option<String> {
        match e.get(k)? {
            ContextValue::String(s) => Some(s.clone()),
            ContextValue::Strings(v) => Some(v.join(if k == ContextKind::ValidValue {
                ", "
            } else {
                "' of '"
            })),
            ContextValue::StyledStr(s) => Some(s.to_string()),
            ContextValue::StyledStrs(v) => Some(
                v.iter()
                    .map(StyledStr::to_string)
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            ContextValue::Number(n) => Some(n.to_string()),
            _ => None,
        }
    };
    let optie = tekst(ContextKind::InvalidArg).unwrap_or_else(|| "een optie".into());
    let waarde = tekst(ContextKind::InvalidValue).unwrap_or_default();
    let mut m = match e.kind() {
        ErrorKind::InvalidValue => {
            let mut m = if waarde.is_empty() {
                format!("{optie} heeft een waarde nodig.")
            } else {
                format!("'{waarde}' is geen geldige waarde voor {optie}.")
            };
            if let Some(k) = tekst(ContextKind::ValidValue) {
                m.push_str(&format!(" Kies uit: {k}."));
            }
            m
        }
        ErrorKind::ValueValidation => {
            let reden = std::error::Error::source(e)
                .map(|b| reden_nl(&b.to_string()))
                .unwrap_or_default();
            format!("'{waarde}' is geen geldige waarde voor {optie}: {reden}")
        }
        ErrorKind::UnknownArgument => format!("onbekende optie of argument '{optie}'."),
        ErrorKind::InvalidSubcommand => {
            let naam = tekst(ContextKind::InvalidSubcommand).unwrap_or_default();
            format!("onbekende opdracht '{naam}'.")
        }
        ErrorKind::MissingRequiredArgument => format!("dit ontbreekt nog: {optie}."),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "kies een opdracht.".into()
        }
        ErrorKind::ArgumentConflict => {
            let ander = tekst(ContextKind::PriorArg).unwrap_or_else(|| "een andere optie".into());
            format!("{optie} kan niet samen met {ander}.")
        }
        ErrorKind::NoEquals => format!("{optie} heeft een waarde nodig: {optie}=WAARDE."),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("onjuist aantal waarden bij {optie}.")
        }
        ErrorKind::InvalidUtf8 => "de opdrachtregel bevat tekens die geen UTF-8 zijn.".into(),
        _ => "de opdrachtregel is niet geldig.".into(),
    };
    for k in [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand] {
        if let Some(s) = tekst(k) {
            m.push_str(&format!(" Bedoelt u '{s}'?"));
        }
    }
    m.push_str(" Zie --help voor de mogelijkheden.");
    m
}

/// The reason a value parser gave, in Dutch: Voorop's own parsers speak Dutch already; clap's
/// number parsers do not.
fn reden_nl(reden: &str) -> String {
    if let Some((_, bereik)) = reden.split_once(" is not in ") {
        let bereik = bereik.trim();
        return match bereik.split_once("..=") {
            Some((van, tot)) => format!("kies een getal van {van} tot en met {tot}."),
            None => format!("kies een getal in {bereik}."),
        };
    }
    if reden.contains("invalid digit") || reden.contains("cannot parse integer") {
        return "dat is geen geheel getal.".into();
    }
    if reden.contains("too large") || reden.contains("too small") {
        return "dat getal is te groot of te klein.".into();
    }
    reden.to_string()
}

#[cfg(test)]
mod tests {
    use super::super::{Cli, Opdracht, UserOpdracht};

    /// Every command's long help, with its path.
    fn alle_hulp() -> Vec<(String, String)> {
        fn verzamel(cmd: &mut clap::Command, pad: &str, uit: &mut Vec<(String, String)>) {
            uit.push((pad.to_string(), cmd.render_long_help().to_string()));
            let namen: Vec<String> = cmd
                .get_subcommands()
                .map(|s| s.get_name().to_string())
                .collect();
            for n in namen {
                let sub = cmd.find_subcommand_mut(&n).expect("subcommand");
                verzamel(sub, &format!("{pad} {n}"), uit);
            }
        }
        let mut cmd = Cli::commando();
        cmd.build();
        let mut uit = vec![];
        verzamel(&mut cmd, "voorop", &mut uit);
        uit
    }

    #[test]
    fn hulp_is_nederlands_en_beschrijft_elke_optie() {
        let hulp = alle_hulp();
        assert!(hulp.len() > 25, "{}", hulp.len());
        for (pad, tekst) in &hulp {
            assert!(
                tekst.contains(&format!("Gebruik: {pad}")),
                "{pad}:\n{tekst}"
            );
            for engels in [
                "Usage:",
                "Commands:",
                "Options:",
                "Arguments:",
                "Print help",
                "Print version",
                "[default:",
                "[env:",
                "possible values",
                "Possible values",
            ] {
                assert!(!tekst.contains(engels), "{pad} zegt {engels:?}:\n{tekst}");
            }
        }
        // Every visible option and argument has a description.
        fn beschreven(cmd: &clap::Command, pad: &str) {
            for a in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
                assert!(
                    a.get_help()
                        .is_some_and(|h| !h.to_string().trim().is_empty()),
                    "{pad}: {} zonder beschrijving",
                    a.get_id()
                );
            }
            for s in cmd.get_subcommands() {
                beschreven(s, &format!("{pad} {}", s.get_name()));
            }
        }
        let mut cmd = Cli::commando();
        cmd.build();
        beschreven(&cmd, "voorop");
        // Defaults, environment variables and choices are said in Dutch.
        let casus_import = &hulp
            .iter()
            .find(|(p, _)| p == "voorop casus import")
            .unwrap()
            .1;
        assert!(
            casus_import.contains("[standaard: 10000]"),
            "{casus_import}"
        );
        assert!(casus_import.contains("omgevingsvariabele: VOOROP_DB"));
        let demo = &hulp.iter().find(|(p, _)| p == "voorop demo").unwrap().1;
        assert!(demo.contains("keuze uit: regio (De kleine demo"), "{demo}");
    }

    #[test]
    fn elke_omgevingsvariabele_staat_in_de_hulp() {
        let hoofd = &alle_hulp()[0].1;
        for (naam, _) in super::OMGEVING {
            assert!(hoofd.contains(naam), "{naam} ontbreekt in voorop --help");
        }
        // Every VOOROP_* variable the sources read (test-only ones aside) is listed.
        fn bestanden(map: &std::path::Path, uit: &mut Vec<std::path::PathBuf>) {
            for e in std::fs::read_dir(map).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    bestanden(&p, uit);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    uit.push(p);
                }
            }
        }
        let mut rs = vec![];
        bestanden(
            std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")),
            &mut rs,
        );
        let mut gelezen = std::collections::BTreeSet::new();
        for p in rs {
            let tekst = std::fs::read_to_string(&p).unwrap();
            for (i, _) in tekst.match_indices("\"VOOROP_") {
                let naam: String = tekst[i + 1..]
                    .chars()
                    .take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '_')
                    .collect();
                if naam.len() > "VOOROP_".len() && naam != "VOOROP_DOCS_BIJWERKEN" {
                    gelezen.insert(naam);
                }
            }
        }
        assert!(gelezen.len() > 20, "{gelezen:?}");
        for naam in gelezen {
            assert!(
                super::OMGEVING.iter().any(|(n, _)| *n == naam),
                "{naam} staat niet in cli::OMGEVING"
            );
        }
    }

    #[test]
    fn fouten_zijn_nederlands() {
        let fout = |args: &[&str]| -> String {
            let e = Cli::lees_uit(args.iter().copied()).expect_err("ongeldig");
            Cli::foutmelding(&e)
        };
        let m = fout(&["voorop", "serv"]);
        assert!(m.starts_with("onbekende opdracht 'serv'."), "{m}");
        assert!(m.contains("'serve'"), "{m}");
        let m = fout(&["voorop", "casus", "import", "--batch", "0", "x.csv"]);
        assert!(m.contains("kies een getal van 1 tot en met 100000"), "{m}");
        let m = fout(&["voorop", "casus", "import", "--batch", "veel", "x.csv"]);
        assert!(m.contains("dat is geen geheel getal"), "{m}");
        let m = fout(&["voorop", "demo", "--schaal", "groot"]);
        assert!(m.contains("Kies uit: regio, landelijk"), "{m}");
        let m = fout(&["voorop", "demo", "--peildatum", "morgen"]);
        assert!(m.contains("geen geldige datum; gebruik JJJJ-MM-DD"), "{m}");
        let m = fout(&["voorop", "token", "create"]);
        assert!(m.starts_with("dit ontbreekt nog: --email"), "{m}");
        let m = fout(&["voorop", "audit", "verify", "--snel"]);
        assert!(m.starts_with("onbekende optie of argument '--snel'"), "{m}");
        assert!(!m.contains("error:") && !m.contains("Usage"), "{m}");
    }

    #[test]
    fn nederlandse_namen_naast_de_vaste() {
        let cli = Cli::lees_uit([
            "voorop",
            "gebruiker",
            "toevoegen",
            "--email",
            "a@example.org",
            "--naam",
            "A",
            "--organisatie",
            "o",
            "--rol",
            "lezer",
        ])
        .unwrap();
        assert!(matches!(
            cli.opdracht,
            Opdracht::User {
                opdracht: UserOpdracht::Add { .. }
            }
        ));
        let cli = Cli::lees_uit(["voorop", "user", "add", "--email", "a", "--naam", "A"]);
        assert!(cli.is_err(), "the fixed names keep their required options");
        for (nl, en) in [("start", "serve"), ("reservekopie", "backup")] {
            let a = Cli::lees_uit(["voorop", nl, "--help"])
                .unwrap_err()
                .to_string();
            let b = Cli::lees_uit(["voorop", en, "--help"])
                .unwrap_err()
                .to_string();
            assert_eq!(a, b, "{nl} = {en}");
        }
    }
}
