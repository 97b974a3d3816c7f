-- The four afstemmingsmomenten: process registration, afspraken, Actie-overleg meetings.
-- Process data (moment, afspraak, deelnemer, vergadering) stays for the indicators.
-- Personal data lives only in moment_persoon and is erased by retention.

-- A case: one situation (household/person) in a region, across moments.
CREATE TABLE casus (
    id INTEGER PRIMARY KEY,
    regio_code TEXT NOT NULL REFERENCES regio(code),
    -- Keyed hash of normalised identifying data (key from configuration, never in the database).
    -- Personal data: erased by retention.
    pseudoniem TEXT,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','gesloten')),
    gesloten_op TEXT,
    gewist_op TEXT,
    -- Frozen repeat-incident flag, set when retention erases the pseudonym.
    herhaling INTEGER,
    aangemaakt_op TEXT NOT NULL
);
CREATE INDEX casus_pseudoniem ON casus(pseudoniem) WHERE pseudoniem IS NOT NULL;
CREATE INDEX casus_retentie ON casus(status, gesloten_op) WHERE gewist_op IS NULL;

-- One afstemmingsmoment of a case. `gegevens` holds the process fields of its kind (JSON object
-- of field code -> normalised value, see src/casus/velden.rs); never personal data.
CREATE TABLE moment (
    id INTEGER PRIMARY KEY,
    casus_id INTEGER NOT NULL REFERENCES casus(id),
    regio_code TEXT NOT NULL REFERENCES regio(code),
    soort TEXT NOT NULL CHECK (soort IN ('acuut','actieoverleg','zsm','ssk')),
    -- Local (Dutch) time the moment started: contact, aanmelding, aanhouding, melding.
    tijdstip TEXT NOT NULL,
    status TEXT NOT NULL,
    gegevens TEXT NOT NULL DEFAULT '{}',
    vergadering_id INTEGER REFERENCES vergadering(id),
    aangemaakt_door_organisatie INTEGER NOT NULL REFERENCES organisatie(id),
    aangemaakt_op TEXT NOT NULL,
    gewijzigd_op TEXT NOT NULL
);
CREATE INDEX moment_regio ON moment(regio_code, soort, tijdstip);
CREATE INDEX moment_casus ON moment(casus_id);

-- Personal data of a moment (JSON object of field code -> value). Read only through the
-- need-to-know check, every read audited; deleted by retention.
CREATE TABLE moment_persoon (
    moment_id INTEGER PRIMARY KEY REFERENCES moment(id),
    gegevens TEXT NOT NULL
);

-- Organisations taking part in a moment. Only while `tot` is empty do their users see the
-- moment's personal data.
CREATE TABLE moment_deelnemer (
    moment_id INTEGER NOT NULL REFERENCES moment(id),
    organisatie_id INTEGER NOT NULL REFERENCES organisatie(id),
    rol TEXT NOT NULL CHECK (rol IN ('inbrenger','voorzitter','vast','op_afroep','betrokken')),
    vanaf TEXT NOT NULL,
    tot TEXT,
    PRIMARY KEY (moment_id, organisatie_id)
);
CREATE INDEX moment_deelnemer_org ON moment_deelnemer(organisatie_id) WHERE tot IS NULL;

CREATE TABLE afspraak (
    id INTEGER PRIMARY KEY,
    moment_id INTEGER NOT NULL REFERENCES moment(id),
    eigenaar_organisatie_id INTEGER NOT NULL REFERENCES organisatie(id),
    soort TEXT NOT NULL CHECK (soort IN ('direct','structureel','overdracht','onderzoeksplan')),
    omschrijving TEXT NOT NULL,
    deadline TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','gereed','vervallen')),
    gereed_op TEXT,
    aangemaakt_op TEXT NOT NULL
);
CREATE INDEX afspraak_moment ON afspraak(moment_id);
CREATE INDEX afspraak_eigenaar ON afspraak(eigenaar_organisatie_id, status, deadline);

-- Recurring Actie-overleg of a region (e.g. weekly, Thursday afternoon).
CREATE TABLE overleg (
    id INTEGER PRIMARY KEY,
    regio_code TEXT NOT NULL REFERENCES regio(code),
    naam TEXT NOT NULL,
    weekdag INTEGER NOT NULL CHECK (weekdag BETWEEN 1 AND 7),
    tijd TEXT NOT NULL,
    frequentie TEXT NOT NULL CHECK (frequentie IN ('wekelijks','tweewekelijks','maandelijks')),
    voorzitter_organisatie_id INTEGER NOT NULL REFERENCES organisatie(id)
);

-- Organisations of an overleg: vaste gezichten or op afroep.
CREATE TABLE overleg_organisatie (
    overleg_id INTEGER NOT NULL REFERENCES overleg(id),
    organisatie_id INTEGER NOT NULL REFERENCES organisatie(id),
    wijze TEXT NOT NULL CHECK (wijze IN ('vast','op_afroep')),
    PRIMARY KEY (overleg_id, organisatie_id)
);

CREATE TABLE vergadering (
    id INTEGER PRIMARY KEY,
    overleg_id INTEGER NOT NULL REFERENCES overleg(id),
    datum TEXT NOT NULL,
    UNIQUE (overleg_id, datum)
);

CREATE TABLE vergadering_aanwezigheid (
    vergadering_id INTEGER NOT NULL REFERENCES vergadering(id),
    organisatie_id INTEGER NOT NULL REFERENCES organisatie(id),
    aanwezig INTEGER NOT NULL CHECK (aanwezig IN (0,1)),
    PRIMARY KEY (vergadering_id, organisatie_id)
);

-- Directory of fixed contact persons and bureaudiensten per organisation (strafbare
-- kindermishandeling). Professional contact data only, no client data.
CREATE TABLE contactpunt (
    id INTEGER PRIMARY KEY,
    regio_code TEXT NOT NULL REFERENCES regio(code),
    organisatie_id INTEGER NOT NULL REFERENCES organisatie(id),
    soort TEXT NOT NULL CHECK (soort IN ('contactpersoon','bureaudienst')),
    functie TEXT NOT NULL,
    naam TEXT NOT NULL DEFAULT '',
    telefoon TEXT NOT NULL,
    email TEXT NOT NULL DEFAULT '',
    bereikbaarheid TEXT NOT NULL DEFAULT ''
);
CREATE INDEX contactpunt_regio ON contactpunt(regio_code);
