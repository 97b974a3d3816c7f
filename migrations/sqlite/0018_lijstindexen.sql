-- Indexes for the lists at national scale (issue 8).
--
-- The moments an organisation chairs now: the overdue afspraken it may change are found from
-- here (`casus::repo::afspraken_te_laat`) instead of by reading every afspraak of the country.
CREATE INDEX moment_deelnemer_voorzitter ON moment_deelnemer(organisatie_id, moment_id)
    WHERE tot IS NULL AND rol = 'voorzitter';
-- The moment list (`/casussen`): a region's moments of a year, newest first, read in index
-- order and stopped after the page (of any kind; the indicators, which name the kind, keep
-- using `moment_kenmerken`).
CREATE INDEX moment_regio_tijdstip ON moment(regio_code, tijdstip, id);
