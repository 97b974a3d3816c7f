-- Issue 11, "Mijn werk": an afspraak may name its owner, a user of the owning organisation,
-- besides the organisation; that owner (or anyone of the organisation, or the chair) marks it
-- done with a short result. Both are optional: an afspraak without a named owner belongs to the
-- whole organisation, as before. The result is free text and so treated as personal data:
-- shown only to participants and erased by retention like the description.
ALTER TABLE afspraak ADD COLUMN eigenaar_gebruiker_id BIGINT REFERENCES gebruiker(id);
ALTER TABLE afspraak ADD COLUMN resultaat TEXT;
-- A user's open afspraken by deadline (Mijn werk): one index range per user.
CREATE INDEX afspraak_eigenaar_gebruiker ON afspraak(eigenaar_gebruiker_id, deadline)
    WHERE status = 'open' AND eigenaar_gebruiker_id IS NOT NULL;
-- The agenda of a meeting (Mijn werk, the meeting pages): its moments by meeting.
CREATE INDEX moment_vergadering ON moment(vergadering_id) WHERE vergadering_id IS NOT NULL;
