-- Foundation: regions, organisations, users, tokens, audit log, settings.
CREATE TABLE regio (
    code TEXT PRIMARY KEY,
    naam TEXT NOT NULL
);

CREATE TABLE organisatie (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    naam TEXT NOT NULL,
    soort TEXT NOT NULL CHECK (soort IN ('veilig_thuis','politie','om','rvdk','3ro','gemeente','netwerk')),
    regio_code TEXT NOT NULL REFERENCES regio(code)
);
CREATE INDEX organisatie_regio ON organisatie(regio_code, soort);

CREATE TABLE gebruiker (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    naam TEXT NOT NULL,
    organisatie_id INTEGER NOT NULL REFERENCES organisatie(id),
    rol TEXT NOT NULL CHECK (rol IN ('beheerder','regiocoordinator','medewerker','lezer')),
    wachtwoord_hash TEXT NOT NULL,
    actief INTEGER NOT NULL DEFAULT 1,
    aangemaakt_op TEXT NOT NULL
);

CREATE TABLE api_token (
    id INTEGER PRIMARY KEY,
    gebruiker_id INTEGER NOT NULL REFERENCES gebruiker(id),
    token_hash TEXT NOT NULL UNIQUE,
    prefix TEXT NOT NULL,
    aangemaakt_op TEXT NOT NULL,
    ingetrokken_op TEXT
);

-- Append-only, hash-chained audit log. Never updated or deleted by the application.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    tijd TEXT NOT NULL,
    gebruiker_id INTEGER,
    actor TEXT NOT NULL,
    organisatie_id INTEGER,
    code TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id TEXT NOT NULL,
    details TEXT NOT NULL DEFAULT '',
    vorige_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_log_code ON audit_log(code);
CREATE INDEX audit_log_gebruiker ON audit_log(gebruiker_id);
CREATE TRIGGER audit_log_geen_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_geen_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TABLE instelling (
    sleutel TEXT PRIMARY KEY,
    waarde TEXT NOT NULL
);
