-- Two-factor sign-in (issue 7). `totp_geheim` is the base32 TOTP secret (NULL: not enrolled);
-- `totp_laatste_stap` the last accepted time step, so a code is never accepted twice.
ALTER TABLE gebruiker ADD COLUMN totp_geheim TEXT;
ALTER TABLE gebruiker ADD COLUMN totp_laatste_stap INTEGER NOT NULL DEFAULT 0;

-- Single-use recovery codes: only a SHA-256 hash is stored.
CREATE TABLE herstelcode (
    id INTEGER PRIMARY KEY,
    gebruiker_id INTEGER NOT NULL REFERENCES gebruiker(id),
    hash TEXT NOT NULL,
    gebruikt_op TEXT
);
CREATE INDEX herstelcode_gebruiker ON herstelcode(gebruiker_id);
