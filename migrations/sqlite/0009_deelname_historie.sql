-- Issue 7: participation history and Actie-overleg aanmeldingen tied to one overleg.
--
-- 1. `moment_deelnemer` held one row per (moment, organisation): ending a participation set
--    `tot`, and adding the organisation again (or reopening) cleared it, so the gap vanished
--    from the history. It becomes append-only: one row per period (organisation, role, from,
--    until, who started and who ended it, and why it ended). At most one open period per
--    organisation and moment. Triggers forbid deleting a period, changing its identity, and
--    changing a period once it has ended; the only change allowed is ending an open period.
-- 2. An aanmelding for the Actie-overleg belongs to one overleg (`moment.overleg_id`): its
--    chair takes part from the start and only its fixed members join when it is accepted.

CREATE TABLE moment_deelname (
    id INTEGER PRIMARY KEY,
    moment_id INTEGER NOT NULL REFERENCES moment(id),
    organisatie_id INTEGER NOT NULL REFERENCES organisatie(id),
    rol TEXT NOT NULL CHECK (rol IN ('inbrenger','voorzitter','vast','op_afroep','betrokken')),
    vanaf TEXT NOT NULL,
    tot TEXT,
    -- Who started the period: user and organisation (NULL: command line, demo, or before 0009).
    gestart_door_gebruiker INTEGER,
    gestart_door_organisatie INTEGER REFERENCES organisatie(id),
    -- Who ended it, and why: ended by an organisation ('beeindigd') or by closing the case.
    beeindigd_door_gebruiker INTEGER,
    beeindigd_door_organisatie INTEGER REFERENCES organisatie(id),
    einde TEXT CHECK (einde IN ('beeindigd','casus_gesloten')),
    CHECK ((tot IS NULL) = (einde IS NULL))
);

-- Existing rows: one period each (the gaps they lost cannot be recovered). A period that ended
-- when (or after) its case was closed ended by the closing; any other ended period was ended
-- by an organisation.
INSERT INTO moment_deelname (moment_id, organisatie_id, rol, vanaf, tot, einde)
SELECT d.moment_id, d.organisatie_id, d.rol, d.vanaf, d.tot,
       CASE
           WHEN d.tot IS NULL THEN NULL
           WHEN c.status = 'gesloten' AND c.gesloten_op IS NOT NULL AND d.tot >= c.gesloten_op
               THEN 'casus_gesloten'
           ELSE 'beeindigd'
       END
FROM moment_deelnemer d
JOIN moment m ON m.id = d.moment_id
JOIN casus c ON c.id = m.casus_id
ORDER BY d.moment_id, d.vanaf, d.organisatie_id;

DROP TABLE moment_deelnemer;
ALTER TABLE moment_deelname RENAME TO moment_deelnemer;

CREATE UNIQUE INDEX moment_deelnemer_open ON moment_deelnemer(moment_id, organisatie_id)
    WHERE tot IS NULL;
CREATE INDEX moment_deelnemer_moment ON moment_deelnemer(moment_id, organisatie_id);
CREATE INDEX moment_deelnemer_org ON moment_deelnemer(organisatie_id) WHERE tot IS NULL;

CREATE TRIGGER moment_deelnemer_geen_delete BEFORE DELETE ON moment_deelnemer
BEGIN SELECT RAISE(ABORT, 'moment_deelnemer is append-only: beëindig een deelname, verwijder haar niet'); END;

CREATE TRIGGER moment_deelnemer_alleen_beeindigen BEFORE UPDATE ON moment_deelnemer
WHEN NEW.id IS NOT OLD.id
  OR NEW.moment_id IS NOT OLD.moment_id
  OR NEW.organisatie_id IS NOT OLD.organisatie_id
  OR NEW.rol IS NOT OLD.rol
  OR NEW.vanaf IS NOT OLD.vanaf
  OR NEW.gestart_door_gebruiker IS NOT OLD.gestart_door_gebruiker
  OR NEW.gestart_door_organisatie IS NOT OLD.gestart_door_organisatie
  OR OLD.tot IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'moment_deelnemer is append-only: alleen een lopende deelname kan worden beëindigd'); END;

-- Aanmeldingen for the Actie-overleg belong to one overleg. Existing ones: the overleg of the
-- meeting they were put on; else the region's overleg chaired by their chair; else the region's
-- first overleg (the one the application used until now).
ALTER TABLE moment ADD COLUMN overleg_id INTEGER REFERENCES overleg(id);

UPDATE moment SET overleg_id = COALESCE(
    (SELECT v.overleg_id FROM vergadering v WHERE v.id = moment.vergadering_id),
    (SELECT g.id FROM overleg g
       JOIN moment_deelnemer d ON d.moment_id = moment.id AND d.rol = 'voorzitter'
            AND d.organisatie_id = g.voorzitter_organisatie_id
      WHERE g.regio_code = moment.regio_code ORDER BY g.id LIMIT 1),
    (SELECT g.id FROM overleg g WHERE g.regio_code = moment.regio_code ORDER BY g.id LIMIT 1))
WHERE soort = 'actieoverleg';

CREATE INDEX moment_overleg ON moment(overleg_id) WHERE overleg_id IS NOT NULL;
