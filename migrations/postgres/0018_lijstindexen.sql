-- PostgreSQL twin of migrations/sqlite/0018_lijstindexen.sql (issue 8); see there.
CREATE INDEX moment_deelnemer_voorzitter ON moment_deelnemer(organisatie_id, moment_id)
    WHERE tot IS NULL AND rol = 'voorzitter';
CREATE INDEX moment_regio_tijdstip ON moment(regio_code, tijdstip, id);
