-- Issue 12, the Ontwikkelagenda: the versions of its catalogue (verbeteractiviteiten with their
-- activities, planning and supervisor; the SWOT werkvorm), loaded like the questionnaire and
-- the Werkset catalogue (`crate::referentiedata`). No personal data.
CREATE TABLE ontwikkelagenda_versie (
    versie TEXT PRIMARY KEY,
    titel TEXT NOT NULL,
    inhoud TEXT NOT NULL,          -- the JSON document, as loaded
    geladen_op TEXT NOT NULL
);
