-- Issue 7: a role for the privacy officer (functionaris gegevensbescherming, FG), who reads
-- the audit log of the own organisation's users and of the data subjects the organisation
-- processed, and nothing else. SQLite cannot change a CHECK constraint, so `gebruiker` is
-- rebuilt with the same columns and ids. Foreign keys that point to it are deferred until the
-- end of this migration's transaction, when every id exists again.
PRAGMA defer_foreign_keys = ON;

CREATE TABLE gebruiker_nieuw (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    naam TEXT NOT NULL,
    organisatie_id INTEGER NOT NULL REFERENCES organisatie(id),
    rol TEXT NOT NULL
        CHECK (rol IN ('beheerder','regiocoordinator','medewerker','lezer','privacyfunctionaris')),
    wachtwoord_hash TEXT NOT NULL,
    actief INTEGER NOT NULL DEFAULT 1,
    aangemaakt_op TEXT NOT NULL,
    sessies_geldig_vanaf INTEGER NOT NULL DEFAULT 0,
    mislukte_pogingen INTEGER NOT NULL DEFAULT 0,
    eerste_mislukt_ms INTEGER NOT NULL DEFAULT 0,
    geblokkeerd_tot_ms INTEGER NOT NULL DEFAULT 0,
    wachtwoord_wijzigen INTEGER NOT NULL DEFAULT 0,
    totp_geheim TEXT,
    totp_laatste_stap INTEGER NOT NULL DEFAULT 0
);

INSERT INTO gebruiker_nieuw (id, email, naam, organisatie_id, rol, wachtwoord_hash, actief,
    aangemaakt_op, sessies_geldig_vanaf, mislukte_pogingen, eerste_mislukt_ms,
    geblokkeerd_tot_ms, wachtwoord_wijzigen, totp_geheim, totp_laatste_stap)
SELECT id, email, naam, organisatie_id, rol, wachtwoord_hash, actief, aangemaakt_op,
    sessies_geldig_vanaf, mislukte_pogingen, eerste_mislukt_ms, geblokkeerd_tot_ms,
    wachtwoord_wijzigen, totp_geheim, totp_laatste_stap
FROM gebruiker;

DROP TABLE gebruiker;
ALTER TABLE gebruiker_nieuw RENAME TO gebruiker;
