-- Werkset Indicatoren Kwaliteit & Impact: catalogue versions and registrations per region and period.
CREATE TABLE werkset_catalogus (
    versie TEXT PRIMARY KEY,
    titel TEXT NOT NULL,
    inhoud TEXT NOT NULL,
    geladen_op TEXT NOT NULL
);

-- One registration per region and period; entries and reports stay tied to its catalogue version.
CREATE TABLE werkset_registratie (
    id INTEGER PRIMARY KEY,
    regio_code TEXT NOT NULL REFERENCES regio(code),
    periode TEXT NOT NULL,
    catalogus_versie TEXT NOT NULL REFERENCES werkset_catalogus(versie),
    aangemaakt_op TEXT NOT NULL,
    UNIQUE (regio_code, periode)
);

CREATE TABLE werkset_thema (
    registratie_id INTEGER NOT NULL REFERENCES werkset_registratie(id) ON DELETE CASCADE,
    thema INTEGER NOT NULL,
    fase TEXT NOT NULL CHECK (fase IN ('niet_gestart','ontwikkeling','implementatie','monitoring','geborgd')),
    kartrekkers TEXT NOT NULL DEFAULT '',          -- comma-separated organisation types
    PRIMARY KEY (registratie_id, thema)
);

CREATE TABLE werkset_verhaal (
    registratie_id INTEGER NOT NULL REFERENCES werkset_registratie(id) ON DELETE CASCADE,
    thema INTEGER NOT NULL,
    element TEXT NOT NULL CHECK (element IN ('ontwikkel','uitvoering','waarde')),
    tekst TEXT NOT NULL,
    PRIMARY KEY (registratie_id, thema, element)
);

CREATE TABLE werkset_inspanning (
    id INTEGER PRIMARY KEY,
    registratie_id INTEGER NOT NULL REFERENCES werkset_registratie(id) ON DELETE CASCADE,
    thema INTEGER NOT NULL,
    element TEXT NOT NULL CHECK (element IN ('ontwikkel','uitvoering')),
    indicator TEXT NOT NULL,
    partners TEXT NOT NULL,                          -- comma-separated organisation types
    classificatie TEXT NOT NULL CHECK (classificatie IN ('regulier','verschuiving','meerwerk','minderwerk')),
    hoeveelheid REAL,
    eenheid TEXT,
    omschrijving TEXT NOT NULL,
    bewijs TEXT NOT NULL CHECK (bewijs IN ('interview','evaluatie','werkplan','registratie','casusonderzoek')),
    bewijs_datum TEXT NOT NULL,
    aangemaakt_door INTEGER REFERENCES gebruiker(id),
    aangemaakt_op TEXT NOT NULL
);
CREATE INDEX werkset_inspanning_reg ON werkset_inspanning(registratie_id, thema);

CREATE TABLE werkset_waarde (
    id INTEGER PRIMARY KEY,
    registratie_id INTEGER NOT NULL REFERENCES werkset_registratie(id) ON DELETE CASCADE,
    thema INTEGER NOT NULL,
    indicator TEXT NOT NULL,
    omschrijving TEXT NOT NULL,
    bewijs TEXT NOT NULL CHECK (bewijs IN ('interview','evaluatie','werkplan','registratie','casusonderzoek')),
    bewijs_datum TEXT NOT NULL,
    sterkte TEXT NOT NULL CHECK (sterkte IN ('aangetoond','plausibel','verwacht')),
    aangemaakt_door INTEGER REFERENCES gebruiker(id),
    aangemaakt_op TEXT NOT NULL
);

-- Quotes are attributed to a role or organisation type, never to a person.
CREATE TABLE werkset_citaat (
    id INTEGER PRIMARY KEY,
    registratie_id INTEGER NOT NULL REFERENCES werkset_registratie(id) ON DELETE CASCADE,
    thema INTEGER NOT NULL,
    tekst TEXT NOT NULL,
    bron TEXT NOT NULL
);

CREATE TABLE werkset_praktijk (
    id INTEGER PRIMARY KEY,
    registratie_id INTEGER NOT NULL REFERENCES werkset_registratie(id) ON DELETE CASCADE,
    thema INTEGER NOT NULL,
    titel TEXT NOT NULL,
    tekst TEXT NOT NULL,
    bron TEXT NOT NULL
);

CREATE TABLE werkset_bron (
    id INTEGER PRIMARY KEY,
    registratie_id INTEGER NOT NULL REFERENCES werkset_registratie(id) ON DELETE CASCADE,
    soort TEXT NOT NULL CHECK (soort IN ('werkplan','evaluatie','procesdocument','overig')),
    titel TEXT NOT NULL,
    jaar TEXT NOT NULL
);
