-- Issue 11, "wachtwoord vergeten" by e-mail. A reset link holds a random token; only its
-- SHA-256 hash is stored. It is valid until `verloopt_ms` (30 minutes) and once: `gebruikt_ms`
-- is set when it is used, and on every other open link of the user at the same time.
CREATE TABLE wachtwoord_herstel (
    token_hash TEXT PRIMARY KEY,
    gebruiker_id INTEGER NOT NULL REFERENCES gebruiker(id),
    aangemaakt_ms INTEGER NOT NULL,
    verloopt_ms INTEGER NOT NULL,
    gebruikt_ms INTEGER
);
CREATE INDEX wachtwoord_herstel_gebruiker ON wachtwoord_herstel(gebruiker_id, aangemaakt_ms);
