-- The overdue count in the navigation of every case page (`casus::repo::TE_LAAT_VAN`) probes
-- the afspraken of each moment an organisation chairs; with only `afspraak_moment` every probe
-- read the afspraak rows to test status and deadline (3.5 ms per page view for a Veilig Thuis
-- organisation chairing 1,400 moments in the national demo). Open afspraken are the few that
-- matter: this index answers the probe from the index alone.
CREATE INDEX afspraak_open ON afspraak(moment_id, deadline) WHERE status = 'open';
