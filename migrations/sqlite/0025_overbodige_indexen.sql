-- Issue 8 (import speed): three indexes that later, wider indexes begin with. Every insert
-- kept them up to date (a case's pseudonym lands on a random page of its index) while the
-- planner can answer the same lookups from the wider index:
-- - `casus_regio (regio_code)`: `casus_eerste (regio_code, eerste_tijdstip, …)`, 0015;
-- - `casus_pseudoniem (pseudoniem)`: `casus_pseudoniem_eerste (pseudoniem, eerste_dag, …)`, 0015;
-- - `moment_casus (casus_id)`: `moment_casus_tijdstip (casus_id, tijdstip)`, 0015, which also
--   serves the foreign key from moment to casus.
DROP INDEX casus_regio;
DROP INDEX casus_pseudoniem;
DROP INDEX moment_casus;
