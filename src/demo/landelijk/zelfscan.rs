//! Zelfscan rounds of the national demo: every region scans its gemeenten every two years
//! (a nulmeting, then evaluaties), each gemeente with a maturity of its own that grows.

use super::organisaties::Netwerk;
use super::{Opties, PEILDATUM, Rng, Samenvatting};
use crate::db::Conn;
use crate::db::bulk::{Bulk, Cel, volgende_id};
use crate::error::AppResult;

const ROLLEN: [&str; 5] = [
    "Beleidsadviseur jeugd",
    "Wmo-consulent",
    "Teamleider wijkteam",
    "Aandachtsfunctionaris huiselijk geweld",
    "Medewerker Veilig Thuis",
];

const TOELICHTINGEN: [&str; 4] = [
    "Voor jeugdprofessionals op orde, bij Wmo-consulenten nog niet overal (fictieve toelichting).",
    "Afspraak staat op papier, in de praktijk wisselend toegepast (fictief).",
    "Besproken met Veilig Thuis; verbeterpunt voor het komende jaar (fictief).",
    "Nog geen structurele borging, wel goede ervaringen in één wijkteam (fictief).",
];

pub async fn aanmaken(
    conn: &mut Conn,
    net: &Netwerk,
    o: &Opties,
    eerste_jaar: i32,
    s: &mut Samenvatting,
) -> AppResult<()> {
    let v = crate::zelfscan::service::standaard_vragenlijst();
    let mut rng = Rng::new(o.seed, 0x2e1f);
    let mut ronde_id = volgende_id(conn, "zelfscan_ronde").await?;
    let mut deelnemer_id = volgende_id(conn, "ronde_deelnemer").await?;
    let mut rondes = Bulk::new(
        "zelfscan_ronde",
        &[
            "id",
            "regio_code",
            "titel",
            "doel",
            "datum",
            "vragenlijst_versie",
            "aangemaakt_op",
        ],
    );
    let mut gemeenten = Bulk::new(
        "ronde_gemeente",
        &["ronde_id", "gemeente_id", "zichtbaarheid"],
    );
    let mut deelnemers = Bulk::new("ronde_deelnemer", &["id", "ronde_id", "gemeente_id", "rol"]);
    let mut antwoorden = Bulk::new(
        "zelfscan_antwoord",
        &[
            "ronde_id",
            "gemeente_id",
            "vraag",
            "antwoord",
            "toelichting",
            "gewijzigd_op",
        ],
    );
    let mut rad = Bulk::new(
        "rad_antwoord",
        &["ronde_id", "gemeente_id", "vraag", "tekst"],
    );
    let jaren: Vec<i32> = (eerste_jaar..=PEILDATUM.year())
        .filter(|j| (PEILDATUM.year() - j) % 2 == 0)
        .collect();
    for (ri, r) in net.regios.iter().enumerate() {
        // Per gemeente a starting maturity (share "op orde", %) and a pace of growth.
        let basis: Vec<(f64, f64)> = r
            .gemeenten
            .iter()
            .map(|_| (rng.tussen(20, 70) as f64, rng.tussen(2, 14) as f64))
            .collect();
        for (k, jaar) in jaren.iter().enumerate() {
            let doel = if k == 0 { "nulmeting" } else { "evaluatie" };
            let datum = format!("{jaar}-03-{:02}", 9 + ri);
            rondes.rij(vec![
                Cel::I(ronde_id),
                r.code.into(),
                format!("Zelfscan {} – {doel} {jaar} (fictief)", r.naam).into(),
                doel.into(),
                datum.clone().into(),
                v.versie.as_str().into(),
                format!("{jaar}-02-{:02}T09:00:00Z", 10 + ri).into(),
            ]);
            for (gi, (gid, _)) in r.gemeenten.iter().enumerate() {
                if rng.kans(8.0) {
                    continue;
                }
                let zichtbaarheid =
                    rng.gewogen(&[("regio", 60.0), ("gemeente", 22.0), ("aggregaat", 18.0)]);
                gemeenten.rij(vec![Cel::I(ronde_id), Cel::I(*gid), zichtbaarheid.into()]);
                for rol in ROLLEN {
                    if rng.kans(80.0) {
                        deelnemers.rij(vec![
                            Cel::I(deelnemer_id),
                            Cel::I(ronde_id),
                            Cel::I(*gid),
                            rol.into(),
                        ]);
                        deelnemer_id += 1;
                    }
                }
                let (start, groei) = basis[gi];
                let niveau = (start + groei * 2.0 * k as f64).min(95.0);
                // A few gemeenten have only filled in block 1 of the latest round so far.
                let laatste = if k + 1 == jaren.len() && rng.kans(5.0) {
                    14
                } else {
                    v.vragen.len() as u16
                };
                let gewijzigd = format!("{jaar}-04-{:02}T10:00:00Z", 1 + gi % 28);
                for q in v.vragen.iter().filter(|q| q.nummer <= laatste) {
                    // Standards differ: the specialised help (9) lags, regie (1-2) leads.
                    let correctie = match q.standaard {
                        1 | 2 => 8.0,
                        9 => -15.0,
                        4 | 5 => -5.0,
                        _ => 0.0,
                    };
                    let op_orde = rng.kans(niveau + correctie);
                    let toelichting = if rng.kans(12.0) {
                        TOELICHTINGEN[rng.onder(4) as usize]
                    } else {
                        ""
                    };
                    antwoorden.rij(vec![
                        Cel::I(ronde_id),
                        Cel::I(*gid),
                        Cel::I(i64::from(q.nummer)),
                        if op_orde { "op_orde" } else { "niet_op_orde" }.into(),
                        toelichting.into(),
                        gewijzigd.as_str().into(),
                    ]);
                }
                if rng.kans(30.0) {
                    for q in v.rad_van_fortuin.iter().take(5) {
                        rad.rij(vec![
                            Cel::I(ronde_id),
                            Cel::I(*gid),
                            Cel::I(i64::from(q.nummer)),
                            format!("Fictief antwoord op procesvraag {}.", q.nummer).into(),
                        ]);
                    }
                }
            }
            ronde_id += 1;
        }
    }
    rondes.schrijf(conn).await?;
    gemeenten.schrijf(conn).await?;
    deelnemers.schrijf(conn).await?;
    antwoorden.schrijf(conn).await?;
    rad.schrijf(conn).await?;
    s.zelfscan_antwoorden = antwoorden.geschreven;
    Ok(())
}
