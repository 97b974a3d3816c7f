-- Issue 11, notifications. A melding tells one user that work waits: its kind and a link into
-- Voorop, never what the case is about (no names, no free text, no case content), in Voorop
-- (the bell on Mijn werk) and, when SMTP is configured and the user wants it, by e-mail.
-- `sleutel` makes each melding once: per afspraak, moment or day, so a retried request or a
-- second instance running the same job adds nothing (UNIQUE with ON CONFLICT DO NOTHING).
-- E-mail is an outbox: `email` is 'geen' (not to be sent), 'wacht' (to be sent), 'bezig' (taken
-- by an instance at `email_op`; taken again when that instance died), 'verstuurd' or 'mislukt'.
CREATE TABLE melding (
    id INTEGER PRIMARY KEY,
    gebruiker_id INTEGER NOT NULL REFERENCES gebruiker(id),
    soort TEXT NOT NULL CHECK (soort IN ('aanmelding','zsm_zonder_vt','afspraak_toegewezen','termijn_zsm','afspraken_dag')),
    sleutel TEXT NOT NULL,
    link TEXT NOT NULL,
    aangemaakt_op TEXT NOT NULL,
    gelezen_op TEXT,
    email TEXT NOT NULL CHECK (email IN ('geen','wacht','bezig','verstuurd','mislukt')),
    email_op TEXT,
    email_pogingen INTEGER NOT NULL DEFAULT 0,
    UNIQUE (gebruiker_id, soort, sleutel)
);
CREATE INDEX melding_ongelezen ON melding(gebruiker_id, id) WHERE gelezen_op IS NULL;
CREATE INDEX melding_uitgaand ON melding(email, id) WHERE email IN ('wacht','bezig');

-- What each user wants, per kind: in Voorop and/or by e-mail (no row: both).
CREATE TABLE melding_voorkeur (
    gebruiker_id INTEGER NOT NULL REFERENCES gebruiker(id),
    soort TEXT NOT NULL,
    in_voorop INTEGER NOT NULL CHECK (in_voorop IN (0,1)),
    per_email INTEGER NOT NULL CHECK (per_email IN (0,1)),
    PRIMARY KEY (gebruiker_id, soort)
);
