-- Issue 11, the ZSM review measures of seed 001 §4.2 as indicators: "contact gezocht" beside
-- "contact verkregen", and "beslissing binnen de termijn". Two typed columns like those of 0015:
-- - `k_contact_gezocht`: the process field `contact_gezocht`;
-- - `k_ophoud_minuten`: the minutes of ophouden voor onderzoek that count between the arrest
--   (`tijdstip`) and the first decision (`beslissing_tijdstip`), the hours between midnight and
--   nine in the morning not counted (art. 56a lid 1 Sv; `casus::model::ophoud_minuten`): with
--   f(t) = day number × 900 + max(0, minute of the day − 540), it is f(decision) − f(arrest).
--   The decision fell within the term when it is 0 to 540 (nine hours).
-- Both are in the covering index of the indicator queries, which is made again with them.
-- The PostgreSQL twin is migrations/postgres/0038_zsm_termijn_kenmerken.sql.
ALTER TABLE moment ADD COLUMN k_contact_gezocht TEXT GENERATED ALWAYS AS (CASE WHEN json_valid(gegevens) THEN json_extract(gegevens, '$.contact_gezocht') END) VIRTUAL;
ALTER TABLE moment ADD COLUMN k_ophoud_minuten INTEGER GENERATED ALWAYS AS ((CASE WHEN substr((CASE WHEN json_valid(gegevens) THEN json_extract(gegevens, '$.beslissing_tijdstip') END), 1, 16) GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]' AND julianday(substr((CASE WHEN json_valid(gegevens) THEN json_extract(gegevens, '$.beslissing_tijdstip') END), 1, 16)) IS NOT NULL THEN CAST(julianday(substr((CASE WHEN json_valid(gegevens) THEN json_extract(gegevens, '$.beslissing_tijdstip') END), 1, 10)) AS INTEGER) * 900 + max(0, CAST(substr((CASE WHEN json_valid(gegevens) THEN json_extract(gegevens, '$.beslissing_tijdstip') END), 12, 2) AS INTEGER) * 60 + CAST(substr((CASE WHEN json_valid(gegevens) THEN json_extract(gegevens, '$.beslissing_tijdstip') END), 15, 2) AS INTEGER) - 540) END) - (CASE WHEN substr(tijdstip, 1, 16) GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]' AND julianday(substr(tijdstip, 1, 16)) IS NOT NULL THEN CAST(julianday(substr(tijdstip, 1, 10)) AS INTEGER) * 900 + max(0, CAST(substr(tijdstip, 12, 2) AS INTEGER) * 60 + CAST(substr(tijdstip, 15, 2) AS INTEGER) - 540) END)) VIRTUAL;
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
    k_ophoud_minuten);
