-- Indexes for the indicators: a region's cases (repeat-incident basis) and afspraken by moment.
CREATE INDEX casus_regio ON casus(regio_code);
