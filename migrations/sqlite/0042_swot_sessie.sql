-- Issue 12, the Ontwikkelagenda: a region's SWOT session of a year (seed 000, Bijlage). The
-- participants are organisations with their functions, never names; the placements put every
-- verbeteractiviteit of the session's agenda version in one quadrant with an explanation; the
-- stappen vooruit have an owner organisation, a target date and a status; the reacties are the
-- feedback round on the opbrengstverslag, signed by organisation. No personal data.
CREATE TABLE swot_sessie (
    id INTEGER PRIMARY KEY,
    regio_code TEXT NOT NULL REFERENCES regio(code),
    jaar INTEGER NOT NULL,
    agenda_versie TEXT NOT NULL REFERENCES ontwikkelagenda_versie(versie),
    datum TEXT NOT NULL,                 -- YYYY-MM-DD
    samenvatting TEXT NOT NULL DEFAULT '',
    verslag_status TEXT NOT NULL DEFAULT 'concept'
        CHECK (verslag_status IN ('concept', 'ter_reactie', 'vastgesteld')),
    status_op TEXT NOT NULL,
    -- Raised by every change of the board, so a save over someone else's is refused.
    bordversie INTEGER NOT NULL DEFAULT 0,
    aangemaakt_op TEXT NOT NULL,
    gewijzigd_op TEXT NOT NULL,
    UNIQUE (regio_code, jaar)
);
CREATE INDEX swot_sessie_jaar ON swot_sessie (jaar, regio_code);

CREATE TABLE swot_deelnemer (
    sessie_id INTEGER NOT NULL REFERENCES swot_sessie(id) ON DELETE CASCADE,
    organisatie_id INTEGER NOT NULL REFERENCES organisatie(id),
    functies TEXT NOT NULL DEFAULT '',   -- e.g. "teamleider, beleidsadviseur"
    PRIMARY KEY (sessie_id, organisatie_id)
);

CREATE TABLE swot_plaatsing (
    sessie_id INTEGER NOT NULL REFERENCES swot_sessie(id) ON DELETE CASCADE,
    verbeteractiviteit TEXT NOT NULL,
    kwadrant TEXT NOT NULL CHECK (kwadrant IN ('sterkte', 'zwakte', 'kans', 'bedreiging')),
    toelichting TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (sessie_id, verbeteractiviteit)
);

CREATE TABLE swot_stap (
    id INTEGER PRIMARY KEY,
    sessie_id INTEGER NOT NULL REFERENCES swot_sessie(id) ON DELETE CASCADE,
    verbeteractiviteit TEXT NOT NULL,
    omschrijving TEXT NOT NULL,
    eigenaar_organisatie_id INTEGER NOT NULL REFERENCES organisatie(id),
    streefdatum TEXT,                    -- YYYY-MM-DD
    status TEXT NOT NULL DEFAULT 'gepland'
        CHECK (status IN ('gepland', 'loopt', 'gereed', 'vervallen')),
    -- The national activity (code within the verbeteractiviteit) it contributes to, or ''.
    landelijke_activiteit TEXT NOT NULL DEFAULT '',
    gewijzigd_op TEXT NOT NULL
);
CREATE INDEX swot_stap_sessie ON swot_stap (sessie_id, verbeteractiviteit);

CREATE TABLE swot_reactie (
    id INTEGER PRIMARY KEY,
    sessie_id INTEGER NOT NULL REFERENCES swot_sessie(id) ON DELETE CASCADE,
    organisatie_id INTEGER NOT NULL REFERENCES organisatie(id),
    tekst TEXT NOT NULL,
    geplaatst_op TEXT NOT NULL
);
CREATE INDEX swot_reactie_sessie ON swot_reactie (sessie_id);
