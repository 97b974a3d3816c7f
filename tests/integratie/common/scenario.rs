//! A scenario in-process, below HTTP: Oost-Brabant with its partner organisations and an
//! Actie-overleg, and Limburg with its own Veilig Thuis, on a database with the reference data;
//! users of any organisation and role, and helpers to register, view and count. For tests of
//! the services' rules (need-to-know, retention), which need organisations the demo lacks.

use super::{Vulling, testdatabase};
use std::collections::BTreeMap;
use std::path::PathBuf;
use voorop::auth::{Gebruiker, Rol};
use voorop::casus::model::Soort;
use voorop::casus::service::{self, MomentBeeld, MomentInvoer, OverlegInvoer, PersoonZicht};
use voorop::config::{Config, Sleutel};
use voorop::db::Db;
use voorop::error::AppError;
use voorop::gedeeld::MomentId;

#[derive(Debug, Clone)]
pub struct Org {
    pub id: voorop::gedeeld::OrganisatieId,
    pub code: String,
    pub naam: String,
    pub soort: String,
    pub regio: String,
}

pub struct Omgeving {
    pub db: Db,
    pub pad: PathBuf,
    pub sleutel: Sleutel,
    pub vt: Org,
    pub politie: Org,
    pub om: Org,
    pub rvdk: Org,
    pub reclassering: Org,
    pub gemeente: Org,
    pub netwerk: Org,
    pub vt_limburg: Org,
    pub _dir: tempfile::TempDir,
}

pub async fn org(db: &Db, code: &str, naam: &str, soort: &str, regio: &str) -> Org {
    let id = voorop::organisatie::service::toevoegen(db, code, naam, soort, regio)
        .await
        .unwrap_or_else(|e| panic!("organisatie {code}: {e:?}"));
    Org {
        id,
        code: code.into(),
        naam: naam.into(),
        soort: soort.into(),
        regio: regio.into(),
    }
}

/// Oost-Brabant with its partners and an Actie-overleg (chair VT; vast VT/Politie/OM; op afroep
/// RvdK/3RO), and Limburg with its own Veilig Thuis.
pub async fn opzet() -> Omgeving {
    let dir = tempfile::tempdir().expect("tijdelijke map");
    let pad = dir.path().join("privacy.db");
    let (db, _) = testdatabase(&pad, Vulling::Referentie).await;
    let ob = "oost-brabant";
    let vt = org(
        &db,
        "vt-oost-brabant",
        "Veilig Thuis Oost",
        "veilig_thuis",
        ob,
    )
    .await;
    let politie = org(&db, "politie-oost-brabant", "Politie Oost", "politie", ob).await;
    let om = org(&db, "om-oost-brabant", "OM Oost", "om", ob).await;
    let rvdk = org(&db, "rvdk-oost-brabant", "Raad Oost", "rvdk", ob).await;
    let reclassering = org(&db, "3ro-oost-brabant", "3RO Oost", "3ro", ob).await;
    let gemeente = org(&db, "gemeente-dommelstad", "Dommelstad", "gemeente", ob).await;
    let netwerk = org(&db, "rnzs-oost-brabant", "RNZS Oost", "netwerk", ob).await;
    let vt_limburg = org(
        &db,
        "vt-limburg",
        "Veilig Thuis Limburg",
        "veilig_thuis",
        "limburg",
    )
    .await;
    let config = Config::new(pad.clone());
    let sleutel = config.pseudoniem_sleutel.clone().expect("demosleutel");
    let o = Omgeving {
        db,
        pad,
        sleutel,
        vt,
        politie,
        om,
        rvdk,
        reclassering,
        gemeente,
        netwerk,
        vt_limburg,
        _dir: dir,
    };
    // Set up by VT's coordinator: VT chairs it.
    let coordinator = o.gebruiker(&o.vt, Rol::Regiocoordinator);
    let ids = |orgs: &[&Org]| orgs.iter().map(|x| x.id.to_string()).collect::<Vec<_>>();
    service::overleg_aanmaken(
        &o.db,
        &coordinator,
        &OverlegInvoer {
            naam: "Actie-overleg Oost-Brabant".into(),
            weekdag: "4".into(),
            tijd: "14:00".into(),
            frequentie: "wekelijks".into(),
            vast: ids(&[&o.vt, &o.politie, &o.om]),
            op_afroep: ids(&[&o.rvdk, &o.reclassering]),
        },
    )
    .await
    .expect("overleg aanmaken");
    o
}

impl Omgeving {
    /// A user of an organisation in a role; the id is unique per (organisation, role).
    pub fn gebruiker(&self, org: &Org, rol: Rol) -> Gebruiker {
        let nr = Rol::ALLE.iter().position(|r| *r == rol).unwrap_or(0) as i64;
        Gebruiker {
            id: voorop::gedeeld::GebruikerId(org.id.0 * 10 + nr),
            email: format!("{}.{}@test.voorop.nl", rol.code(), org.code),
            naam: format!("{} {}", rol.label(), org.naam),
            rol,
            organisatie_id: org.id,
            organisatie_code: org.code.clone(),
            organisatie_naam: org.naam.clone(),
            organisatie_soort: org.soort.clone(),
            regio_code: voorop::gedeeld::RegioCode::parse(&org.regio).unwrap(),
        }
    }
    pub fn mw(&self, org: &Org) -> Gebruiker {
        self.gebruiker(org, Rol::Medewerker)
    }

    pub async fn registreer(&self, g: &Gebruiker, soort: Soort, invoer: &MomentInvoer) -> MomentId {
        service::registreren(&self.db, Some(&self.sleutel), g, soort, invoer)
            .await
            .unwrap_or_else(|e| panic!("registreren {soort:?}: {e:?}"))
    }

    pub async fn bekijk(&self, g: &Gebruiker, id: MomentId) -> MomentBeeld {
        service::bekijken(&self.db, g, id)
            .await
            .unwrap_or_else(|e| panic!("bekijken door {}: {e:?}", g.email))
    }

    pub async fn tel(&self, sql: &str) -> i64 {
        sqlx::query_scalar(sql)
            .fetch_one(&self.db)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    pub async fn tel_id(&self, sql: &str, id: i64) -> i64 {
        sqlx::query_scalar(sql)
            .bind(id)
            .fetch_one(&self.db)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    /// All audited reads of personal data.
    pub async fn gelezen_totaal(&self) -> i64 {
        self.tel("SELECT COUNT(*) FROM audit_log WHERE code = 'casus.persoonsgegevens_gelezen'")
            .await
    }

    /// Audited reads of one moment's personal data by one user with the kind as purpose.
    pub async fn gelezen_door(&self, g: &Gebruiker, moment: MomentId, soort: Soort) -> i64 {
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE code = 'casus.persoonsgegevens_gelezen'
             AND gebruiker_id = $1 AND organisatie_id = $2 AND object_type = 'moment'
             AND object_id = $3 AND details = $4",
        )
        .bind(g.id)
        .bind(g.organisatie_id)
        .bind(moment.to_string())
        .bind(format!("doel={}", soort.label()))
        .fetch_one(&self.db)
        .await
        .expect("audit tellen")
    }

    /// Views a moment expecting its personal data, and checks the single audit entry.
    pub async fn ziet(&self, g: &Gebruiker, id: MomentId) -> BTreeMap<String, String> {
        let voor = self.gelezen_totaal().await;
        let beeld = self.bekijk(g, id).await;
        let soort = beeld.moment.soort;
        let p = match beeld.persoon {
            PersoonZicht::Zichtbaar(p) => p,
            anders => panic!(
                "{} ({}) zou de persoonsgegevens van moment {id} moeten zien, kreeg {anders:?}",
                g.email,
                g.rol.code()
            ),
        };
        assert!(beeld.actieve_deelnemer, "{} is deelnemer", g.email);
        assert_eq!(
            self.gelezen_totaal().await,
            voor + 1,
            "precies één leesregel in de audit voor {}",
            g.email
        );
        assert!(
            self.gelezen_door(g, id, soort).await >= 1,
            "de leesregel noemt gebruiker, organisatie, moment en doel"
        );
        p
    }

    /// Views a moment expecting process data only: no personal value anywhere in the result
    /// and no read in the audit log.
    pub async fn ziet_niet(&self, g: &Gebruiker, id: MomentId, geheim: &str) -> MomentBeeld {
        let voor = self.gelezen_totaal().await;
        let beeld = self.bekijk(g, id).await;
        assert!(
            matches!(beeld.persoon, PersoonZicht::GeenToegang),
            "{} ({}) mag de persoonsgegevens van moment {id} niet zien, kreeg {:?}",
            g.email,
            g.rol.code(),
            beeld.persoon
        );
        assert!(!beeld.mag_schrijven, "{} mag niet schrijven", g.email);
        let alles = format!("{beeld:?}");
        assert!(
            !alles.contains(geheim),
            "persoonsgegevens lekken naar {}: {alles}",
            g.email
        );
        assert_eq!(
            self.gelezen_totaal().await,
            voor,
            "geen leesregel zonder inzage"
        );
        beeld
    }

    /// Expects `bekijken` to refuse even the process data: no case scope at all (403), or a
    /// scope of another region, which does not find the moment (404).
    pub async fn geweigerd(&self, g: &Gebruiker, id: MomentId) {
        let voor = self.gelezen_totaal().await;
        match service::bekijken(&self.db, g, id).await {
            Err(AppError::GeenToegang) => {}
            Err(AppError::NietGevonden(_)) if g.regio_code != "oost-brabant" => {}
            Ok(b) => panic!(
                "{} ({}) mag moment {id} niet zien, kreeg {b:?}",
                g.email,
                g.rol.code()
            ),
            Err(e) => panic!("verwacht GeenToegang voor {}, kreeg {e:?}", g.email),
        }
        assert_eq!(self.gelezen_totaal().await, voor);
    }
}
