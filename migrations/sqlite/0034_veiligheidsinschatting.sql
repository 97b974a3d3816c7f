-- Issue 11, "a veiligheidsinschatting per moment": who judged how safe the situation was, when.
-- Process data (one of four values, a date, an organisation): no personal data, so it stays
-- for the history of the case after the personal data are erased. Append-only: a new judgement
-- is a new row, the case page shows the latest and the history.
CREATE TABLE veiligheidsinschatting (
    id INTEGER PRIMARY KEY,
    moment_id INTEGER NOT NULL REFERENCES moment(id),
    casus_id INTEGER NOT NULL REFERENCES casus(id),
    inschatting TEXT NOT NULL CHECK (inschatting IN ('acuut_onveilig', 'structureel_onveilig', 'veilig', 'niet_ingeschat')),
    datum TEXT NOT NULL,
    organisatie_id INTEGER NOT NULL REFERENCES organisatie(id),
    aangemaakt_op TEXT NOT NULL
);
CREATE INDEX veiligheidsinschatting_casus ON veiligheidsinschatting(casus_id, datum, id);
CREATE INDEX veiligheidsinschatting_moment ON veiligheidsinschatting(moment_id);
