-- Indexes for the indicators: a region's cases (repeat-incident basis) and afspraken by moment.
-- PostgreSQL dialect of migrations/sqlite/0006_casus_indexen.sql (identical).
CREATE INDEX casus_regio ON casus(regio_code);
