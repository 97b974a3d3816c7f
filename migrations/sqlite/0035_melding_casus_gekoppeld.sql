-- Issue 11, case matching: a new kind of melding, "casus_gekoppeld" (a moment of another
-- organisation was linked to a case the recipient's organisation takes part in). SQLite cannot
-- change a CHECK constraint, so the table is rebuilt with the same columns and indexes.
CREATE TABLE melding_nieuw (
    id INTEGER PRIMARY KEY,
    gebruiker_id INTEGER NOT NULL REFERENCES gebruiker(id),
    soort TEXT NOT NULL CHECK (soort IN ('aanmelding','zsm_zonder_vt','afspraak_toegewezen','termijn_zsm','afspraken_dag','casus_gekoppeld')),
    sleutel TEXT NOT NULL,
    link TEXT NOT NULL,
    aangemaakt_op TEXT NOT NULL,
    gelezen_op TEXT,
    email TEXT NOT NULL CHECK (email IN ('geen','wacht','bezig','verstuurd','mislukt')),
    email_op TEXT,
    email_pogingen INTEGER NOT NULL DEFAULT 0,
    UNIQUE (gebruiker_id, soort, sleutel)
);
INSERT INTO melding_nieuw (id, gebruiker_id, soort, sleutel, link, aangemaakt_op, gelezen_op, email, email_op, email_pogingen)
    SELECT id, gebruiker_id, soort, sleutel, link, aangemaakt_op, gelezen_op, email, email_op, email_pogingen FROM melding;
DROP TABLE melding;
ALTER TABLE melding_nieuw RENAME TO melding;
CREATE INDEX melding_ongelezen ON melding(gebruiker_id, id) WHERE gelezen_op IS NULL;
CREATE INDEX melding_uitgaand ON melding(email, id) WHERE email IN ('wacht','bezig');
