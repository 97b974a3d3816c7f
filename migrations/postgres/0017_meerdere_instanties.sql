-- PostgreSQL twin of migrations/sqlite/0017_meerdere_instanties.sql (issue 8); see there.

-- Failed sign-ins per client address (the rising delay of `auth::inlogbeveiliging`). The
-- address itself is not stored: `sleutel` is a keyed hash of it (HMAC with a subkey of the
-- audit key), enough to count but not to tell whose address it was. Rows older than the window
-- are removed on the next failure from any address.
CREATE TABLE inlog_adres (
    sleutel TEXT PRIMARY KEY,
    mislukt BIGINT NOT NULL,
    sinds_ms BIGINT NOT NULL
);
CREATE INDEX inlog_adres_sinds ON inlog_adres(sinds_ms);

-- Daily background jobs (retention, audit retention): the first instance that claims a job for
-- a day runs it; the others skip it. A failed run gives its claim back, so it is tried again.
CREATE TABLE taak_uitvoering (
    taak TEXT NOT NULL,
    dag TEXT NOT NULL,
    instantie TEXT NOT NULL,
    gestart_op TEXT NOT NULL,
    klaar_op TEXT,
    PRIMARY KEY (taak, dag)
);
