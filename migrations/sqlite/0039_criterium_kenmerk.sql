-- Issue 11, the indicator "aanmeldingen aanvaard per criterium": the referral criterion the
-- inbrenger named at aanmelding (process field `criterium`, one of `casus::velden::CRITERIA`)
-- as a typed column like those of 0015 and 0038, so that the indicator query counts the
-- Actie-overleg moments per status and criterion from the covering index, which is made again
-- with it. The PostgreSQL twin is migrations/postgres/0039_criterium_kenmerk.sql.
ALTER TABLE moment ADD COLUMN k_criterium TEXT GENERATED ALWAYS AS (CASE WHEN json_valid(gegevens) THEN json_extract(gegevens, '$.criterium') END) VIRTUAL;
DROP INDEX moment_kenmerken;
CREATE INDEX moment_kenmerken ON moment(regio_code, soort, tijdstip, status,
    k_dagdeel,
    k_reactie,
    k_veiligheidsbeoordeling,
    k_vt_melding_datum,
    k_terugkoppeling_op,
    k_vt_betrokkenheid,
    k_contact_verkregen,
    k_vt_afdoeningsoverleg,
    k_vt_geinformeerd,
    k_beslissing,
    k_beslissing_tijdstip,
    k_veiligheidsvoorwaarden,
    k_anoniem,
    k_onderzoeksplan,
    k_responstijd,
    k_doorlooptijd,
    k_beoordeling_voor,
    k_consultatie,
    k_contact_gezocht,
    k_ophoud_minuten,
    k_criterium);
