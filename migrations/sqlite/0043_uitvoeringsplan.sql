-- Issue 12, the Ontwikkelagenda: the national Uitvoeringsplan of a year (seed 000 §3.1–3.10),
-- written by the national network. Per verbeteractiviteit its goal, what is going on and its
-- supervisor; activities with the months they are planned in, a status and the last update;
-- cost items with an optional amount and the funder. A plan starts from the catalogue or from
-- last year's plan (open activities carried over). No personal data.
CREATE TABLE uitvoeringsplan (
    jaar INTEGER PRIMARY KEY,
    agenda_versie TEXT NOT NULL REFERENCES ontwikkelagenda_versie(versie),
    -- The plan it was started from (NULL: from the catalogue).
    vorig_jaar INTEGER,
    aangemaakt_op TEXT NOT NULL,
    gewijzigd_op TEXT NOT NULL
);

CREATE TABLE uitvoeringsplan_onderdeel (
    jaar INTEGER NOT NULL REFERENCES uitvoeringsplan(jaar) ON DELETE CASCADE,
    verbeteractiviteit TEXT NOT NULL,
    volgorde INTEGER NOT NULL,
    nummer TEXT NOT NULL DEFAULT '',
    naam TEXT NOT NULL,
    doel TEXT NOT NULL DEFAULT '',
    gaande TEXT NOT NULL DEFAULT '',
    supervisor TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (jaar, verbeteractiviteit)
);

CREATE TABLE uitvoeringsplan_activiteit (
    id INTEGER PRIMARY KEY,
    jaar INTEGER NOT NULL,
    verbeteractiviteit TEXT NOT NULL,
    code TEXT NOT NULL,
    naam TEXT NOT NULL,
    maanden TEXT NOT NULL DEFAULT '',    -- months of the plan's year, 'MM' comma separated
    status TEXT NOT NULL DEFAULT 'gepland'
        CHECK (status IN ('gepland', 'loopt', 'gereed', 'vervallen')),
    stand TEXT NOT NULL DEFAULT '',      -- the last update, in words
    gewijzigd_op TEXT NOT NULL,
    FOREIGN KEY (jaar, verbeteractiviteit)
        REFERENCES uitvoeringsplan_onderdeel(jaar, verbeteractiviteit) ON DELETE CASCADE,
    UNIQUE (jaar, verbeteractiviteit, code)
);

CREATE TABLE uitvoeringsplan_kosten (
    id INTEGER PRIMARY KEY,
    jaar INTEGER NOT NULL,
    verbeteractiviteit TEXT NOT NULL,
    omschrijving TEXT NOT NULL,
    bedrag_euro INTEGER,                 -- whole euros; NULL: not (yet) budgeted
    financier TEXT NOT NULL DEFAULT '',
    FOREIGN KEY (jaar, verbeteractiviteit)
        REFERENCES uitvoeringsplan_onderdeel(jaar, verbeteractiviteit) ON DELETE CASCADE
);
CREATE INDEX uitvoeringsplan_kosten_jaar ON uitvoeringsplan_kosten (jaar, verbeteractiviteit);
