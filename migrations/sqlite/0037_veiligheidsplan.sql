-- Issue 11, the onderzoeks- en veiligheidsplan per case: every save is a new version (who,
-- when, a note), holding the plan's items in full. Items are free text about a person:
-- participants only, and their descriptions are erased with the case's personal data after the
-- retention period (`casus::repo::wissen`).
CREATE TABLE veiligheidsplan_versie (
    id INTEGER PRIMARY KEY,
    casus_id INTEGER NOT NULL REFERENCES casus(id),
    versie INTEGER NOT NULL,
    organisatie_id INTEGER NOT NULL REFERENCES organisatie(id),
    gebruiker_id INTEGER NOT NULL REFERENCES gebruiker(id),
    gemaakt_op TEXT NOT NULL,
    toelichting TEXT NOT NULL DEFAULT '',
    UNIQUE (casus_id, versie)
);
CREATE TABLE veiligheidsplan_item (
    versie_id INTEGER NOT NULL REFERENCES veiligheidsplan_versie(id),
    volgorde INTEGER NOT NULL,
    veiligheid TEXT NOT NULL CHECK (veiligheid IN ('direct', 'structureel')),
    partner_id INTEGER NOT NULL REFERENCES organisatie(id),
    soort TEXT NOT NULL CHECK (soort IN ('onderzoek', 'interventie')),
    omschrijving TEXT NOT NULL,
    datum TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('gepland', 'loopt', 'gereed', 'vervallen')),
    PRIMARY KEY (versie_id, volgorde)
);
