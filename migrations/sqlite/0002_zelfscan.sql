-- Zelfscan Kwaliteitskader: questionnaires, rounds, answers, plan van aanpak, routekaart.
CREATE TABLE vragenlijst (
    versie TEXT PRIMARY KEY,
    titel TEXT NOT NULL,
    inhoud TEXT NOT NULL,          -- the JSON document, as loaded
    geladen_op TEXT NOT NULL
);

CREATE TABLE zelfscan_ronde (
    id INTEGER PRIMARY KEY,
    regio_code TEXT NOT NULL REFERENCES regio(code),
    titel TEXT NOT NULL,
    doel TEXT NOT NULL CHECK (doel IN ('nulmeting','evaluatie','toetsingsmoment')),
    datum TEXT NOT NULL,
    vragenlijst_versie TEXT NOT NULL REFERENCES vragenlijst(versie),
    aangemaakt_op TEXT NOT NULL
);
CREATE INDEX zelfscan_ronde_regio ON zelfscan_ronde(regio_code, datum);

CREATE TABLE ronde_gemeente (
    ronde_id INTEGER NOT NULL REFERENCES zelfscan_ronde(id) ON DELETE CASCADE,
    gemeente_id INTEGER NOT NULL REFERENCES organisatie(id),
    zichtbaarheid TEXT NOT NULL DEFAULT 'gemeente' CHECK (zichtbaarheid IN ('regio','gemeente','aggregaat')),
    PRIMARY KEY (ronde_id, gemeente_id)
);

-- Participants: role ("bloedgroep") required; the name is optional personal data.
CREATE TABLE ronde_deelnemer (
    id INTEGER PRIMARY KEY,
    ronde_id INTEGER NOT NULL,
    gemeente_id INTEGER NOT NULL,
    rol TEXT NOT NULL,
    naam TEXT,
    FOREIGN KEY (ronde_id, gemeente_id) REFERENCES ronde_gemeente(ronde_id, gemeente_id) ON DELETE CASCADE
);

CREATE TABLE zelfscan_antwoord (
    ronde_id INTEGER NOT NULL,
    gemeente_id INTEGER NOT NULL,
    vraag INTEGER NOT NULL,
    antwoord TEXT CHECK (antwoord IN ('op_orde','niet_op_orde')),
    toelichting TEXT NOT NULL DEFAULT '',
    gewijzigd_op TEXT NOT NULL,
    gewijzigd_door INTEGER REFERENCES gebruiker(id),
    PRIMARY KEY (ronde_id, gemeente_id, vraag),
    FOREIGN KEY (ronde_id, gemeente_id) REFERENCES ronde_gemeente(ronde_id, gemeente_id) ON DELETE CASCADE
);

CREATE TABLE rad_antwoord (
    ronde_id INTEGER NOT NULL,
    gemeente_id INTEGER NOT NULL,
    vraag INTEGER NOT NULL,
    tekst TEXT NOT NULL,
    PRIMARY KEY (ronde_id, gemeente_id, vraag),
    FOREIGN KEY (ronde_id, gemeente_id) REFERENCES ronde_gemeente(ronde_id, gemeente_id) ON DELETE CASCADE
);

CREATE TABLE plan_van_aanpak (
    id INTEGER PRIMARY KEY,
    regio_code TEXT NOT NULL REFERENCES regio(code),
    gemeente_id INTEGER REFERENCES organisatie(id),   -- NULL: regional plan
    ronde_id INTEGER REFERENCES zelfscan_ronde(id),
    titel TEXT NOT NULL,
    periode TEXT NOT NULL,
    inleiding TEXT NOT NULL DEFAULT '',
    context TEXT NOT NULL DEFAULT '',
    samenvatting TEXT NOT NULL DEFAULT '',
    monitoring TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'concept' CHECK (status IN ('concept','besproken','vastgesteld')),
    vastgesteld_door TEXT,
    vastgesteld_op TEXT,
    aangemaakt_op TEXT NOT NULL
);

CREATE TABLE plan_actie (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plan_van_aanpak(id) ON DELETE CASCADE,
    groep TEXT NOT NULL,
    maatregel TEXT NOT NULL,
    huidige_stand TEXT NOT NULL DEFAULT '',
    verbeteractie TEXT NOT NULL DEFAULT '',
    beoogd_resultaat TEXT NOT NULL DEFAULT '',
    wie TEXT NOT NULL DEFAULT '',
    planning TEXT,
    kosten TEXT NOT NULL DEFAULT '',
    pdca_status TEXT NOT NULL DEFAULT 'niet_gestart' CHECK (pdca_status IN ('niet_gestart','loopt','gereed','bijgesteld')),
    volgende_check TEXT
);
CREATE INDEX plan_actie_plan ON plan_actie(plan_id);

CREATE TABLE routekaart_stap (
    regio_code TEXT NOT NULL REFERENCES regio(code),
    stap_id TEXT NOT NULL,
    gereed_op TEXT NOT NULL,
    gereed_door INTEGER REFERENCES gebruiker(id),
    PRIMARY KEY (regio_code, stap_id)
);
