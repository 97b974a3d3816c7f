use super::model::{OrganisatieSoort, RegioCode};
use super::repo;
use crate::db::Db;
use crate::error::{AppError, AppResult, Veldfout};

/// Adds an organisation (CLI). Codes are lower-case letters, digits and hyphens.
pub async fn toevoegen(
    db: &Db,
    code: &str,
    naam: &str,
    soort: &str,
    regio: &str,
) -> AppResult<i64> {
    let mut f = Vec::new();
    let code = code.trim();
    if code.is_empty()
        || !code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        f.push(Veldfout::new("code", "De code mag alleen kleine letters, cijfers en '-' bevatten, bijvoorbeeld gemeente-eindhoven."));
    }
    if naam.trim().is_empty() {
        f.push(Veldfout::new("naam", "Vul de naam van de organisatie in."));
    }
    let soort = OrganisatieSoort::parse(soort);
    if soort.is_none() {
        f.push(Veldfout::new(
            "soort",
            "Onbekende soort. Kies uit: veilig_thuis, politie, om, rvdk, 3ro, gemeente, netwerk.",
        ));
    }
    let regio = RegioCode::parse(regio)
        .map_err(|m| f.push(Veldfout::new("regio", m)))
        .ok();
    let (Some(soort), Some(regio), true) = (soort, regio, f.is_empty()) else {
        return Err(AppError::Validatie(f));
    };
    Ok(repo::bewaar(db, code, naam.trim(), soort.code(), regio.as_str()).await?)
}
