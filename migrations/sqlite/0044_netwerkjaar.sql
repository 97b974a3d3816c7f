-- Issue 12, the regional network's own year (seed 001 §1.3 and "Uit de praktijk 1.1"): a yearly
-- werkplan with its four chapters and status, the chair (an organisation), the speerpunten with
-- their thematrekkers (organisations and functions), about six network meetings a year with one
-- speerpunt each, a prepared closed case described without identifying details and a
-- besluitenlijst whose actions become stappen vooruit of the region's SWOT session, and the
-- yearly self-evaluation (four aspects scored 1-5 with an explanation). No personal data.
CREATE TABLE netwerk_werkplan (
    id INTEGER PRIMARY KEY,
    regio_code TEXT NOT NULL REFERENCES regio(code),
    jaar INTEGER NOT NULL,
    rol_taak TEXT NOT NULL DEFAULT '',
    werkwijze TEXT NOT NULL DEFAULT '',
    bestuur_veld TEXT NOT NULL DEFAULT '',
    organisatie_voortgang TEXT NOT NULL DEFAULT '',
    voorzitter_organisatie_id INTEGER REFERENCES organisatie(id),
    status TEXT NOT NULL DEFAULT 'concept' CHECK (status IN ('concept', 'vastgesteld')),
    status_op TEXT NOT NULL,
    gewijzigd_op TEXT NOT NULL,
    UNIQUE (regio_code, jaar)
);

CREATE TABLE netwerk_speerpunt (
    id INTEGER PRIMARY KEY,
    werkplan_id INTEGER NOT NULL REFERENCES netwerk_werkplan(id) ON DELETE CASCADE,
    titel TEXT NOT NULL,
    -- The verbeteractiviteit it is about, or '' for a regional theme (e.g. ex-partner stalking).
    verbeteractiviteit TEXT NOT NULL DEFAULT '',
    UNIQUE (werkplan_id, titel)
);

CREATE TABLE netwerk_thematrekker (
    speerpunt_id INTEGER NOT NULL REFERENCES netwerk_speerpunt(id) ON DELETE CASCADE,
    organisatie_id INTEGER NOT NULL REFERENCES organisatie(id),
    functie TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (speerpunt_id, organisatie_id)
);

CREATE TABLE netwerk_bijeenkomst (
    id INTEGER PRIMARY KEY,
    regio_code TEXT NOT NULL REFERENCES regio(code),
    jaar INTEGER NOT NULL,
    datum TEXT NOT NULL,                 -- YYYY-MM-DD
    speerpunt_id INTEGER NOT NULL REFERENCES netwerk_speerpunt(id),
    status TEXT NOT NULL DEFAULT 'gepland' CHECK (status IN ('gepland', 'gehouden')),
    agenda TEXT NOT NULL DEFAULT '',
    -- The prepared closed case, without identifying details.
    casus TEXT NOT NULL DEFAULT '',
    leereffecten TEXT NOT NULL DEFAULT '',
    ontwikkelingen TEXT NOT NULL DEFAULT '',
    gewijzigd_op TEXT NOT NULL
);
CREATE INDEX netwerk_bijeenkomst_regio ON netwerk_bijeenkomst (regio_code, jaar, datum);

CREATE TABLE netwerk_besluit (
    id INTEGER PRIMARY KEY,
    bijeenkomst_id INTEGER NOT NULL REFERENCES netwerk_bijeenkomst(id) ON DELETE CASCADE,
    tekst TEXT NOT NULL,
    -- An action: the stap vooruit it became in the region's SWOT session; NULL for a decision.
    stap_id INTEGER REFERENCES swot_stap(id),
    vastgelegd_op TEXT NOT NULL
);
CREATE INDEX netwerk_besluit_bijeenkomst ON netwerk_besluit (bijeenkomst_id);
CREATE INDEX netwerk_besluit_stap ON netwerk_besluit (stap_id);

CREATE TABLE netwerk_evaluatie (
    id INTEGER PRIMARY KEY,
    regio_code TEXT NOT NULL REFERENCES regio(code),
    jaar INTEGER NOT NULL,
    datum TEXT NOT NULL,                 -- YYYY-MM-DD
    conclusies TEXT NOT NULL DEFAULT '',
    gewijzigd_op TEXT NOT NULL,
    UNIQUE (regio_code, jaar)
);

CREATE TABLE netwerk_evaluatie_aspect (
    evaluatie_id INTEGER NOT NULL REFERENCES netwerk_evaluatie(id) ON DELETE CASCADE,
    aspect TEXT NOT NULL CHECK (aspect IN ('werkwijze', 'effectiviteit', 'agenda', 'verbinding')),
    score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    toelichting TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (evaluatie_id, aspect)
);
