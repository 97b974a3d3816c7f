-- Change markers for the indicators (issue 8, "Fast at national scale"). The counted input of
-- a region-year's indicators (`indicatoren::Tellingen`) is kept in memory by each instance,
-- keyed by the version below; every write that can change what a region-year counts bumps the
-- version of that (regio, jaar), so a cached count is used only while nothing it depends on has
-- changed, also when another instance or a CLI process wrote. Reading never writes here.
--
-- What a region-year counts, and so what bumps it (jaar = the first four characters):
-- - moments of the region that started in the year (`moment.tijdstip`): any insert, update or
--   delete of a moment bumps its old and its new (regio, jaar);
-- - afspraken of those moments: bumps the (regio, jaar) of the moment;
-- - attendance at the region's meetings in the year: bumps the meeting's (regio, jaar), also
--   when a meeting moves or its overleg changes region;
-- - the repeat rate of cases that started in the year: a case's flag depends on the other cases
--   of the same pseudonym (any region), so a change of a case's pseudonym, frozen flag, start or
--   region bumps the (regio, jaar) of every case of its old and new pseudonym, and its own.
CREATE TABLE indicator_versie (
    regio_code TEXT NOT NULL,
    jaar TEXT NOT NULL,
    versie INTEGER NOT NULL,
    PRIMARY KEY (regio_code, jaar)
);

CREATE TRIGGER indicator_moment_invoegen AFTER INSERT ON moment BEGIN
    INSERT INTO indicator_versie (regio_code, jaar, versie)
    VALUES (NEW.regio_code, substr(NEW.tijdstip, 1, 4), 1)
    ON CONFLICT (regio_code, jaar) DO UPDATE SET versie = versie + 1;
END;
CREATE TRIGGER indicator_moment_wijzigen AFTER UPDATE ON moment BEGIN
    INSERT INTO indicator_versie (regio_code, jaar, versie)
    VALUES (OLD.regio_code, substr(OLD.tijdstip, 1, 4), 1), (NEW.regio_code, substr(NEW.tijdstip, 1, 4), 1)
    ON CONFLICT (regio_code, jaar) DO UPDATE SET versie = versie + 1;
END;
CREATE TRIGGER indicator_moment_verwijderen AFTER DELETE ON moment BEGIN
    INSERT INTO indicator_versie (regio_code, jaar, versie)
    VALUES (OLD.regio_code, substr(OLD.tijdstip, 1, 4), 1)
    ON CONFLICT (regio_code, jaar) DO UPDATE SET versie = versie + 1;
END;

CREATE TRIGGER indicator_afspraak_invoegen AFTER INSERT ON afspraak BEGIN
    INSERT INTO indicator_versie (regio_code, jaar, versie)
    SELECT regio_code, substr(tijdstip, 1, 4), 1 FROM moment WHERE id = NEW.moment_id
    ON CONFLICT (regio_code, jaar) DO UPDATE SET versie = versie + 1;
END;
CREATE TRIGGER indicator_afspraak_wijzigen AFTER UPDATE ON afspraak BEGIN
    INSERT INTO indicator_versie (regio_code, jaar, versie)
    SELECT regio_code, substr(tijdstip, 1, 4), 1 FROM moment WHERE id IN (OLD.moment_id, NEW.moment_id)
    ON CONFLICT (regio_code, jaar) DO UPDATE SET versie = versie + 1;
END;
CREATE TRIGGER indicator_afspraak_verwijderen AFTER DELETE ON afspraak BEGIN
    INSERT INTO indicator_versie (regio_code, jaar, versie)
    SELECT regio_code, substr(tijdstip, 1, 4), 1 FROM moment WHERE id = OLD.moment_id
    ON CONFLICT (regio_code, jaar) DO UPDATE SET versie = versie + 1;
END;

CREATE TRIGGER indicator_aanwezigheid_invoegen AFTER INSERT ON vergadering_aanwezigheid BEGIN
    INSERT INTO indicator_versie (regio_code, jaar, versie)
    SELECT g.regio_code, substr(v.datum, 1, 4), 1
    FROM vergadering v JOIN overleg g ON g.id = v.overleg_id WHERE v.id = NEW.vergadering_id
    ON CONFLICT (regio_code, jaar) DO UPDATE SET versie = versie + 1;
END;
CREATE TRIGGER indicator_aanwezigheid_wijzigen AFTER UPDATE ON vergadering_aanwezigheid BEGIN
    INSERT INTO indicator_versie (regio_code, jaar, versie)
    SELECT g.regio_code, substr(v.datum, 1, 4), 1
    FROM vergadering v JOIN overleg g ON g.id = v.overleg_id
    WHERE v.id IN (OLD.vergadering_id, NEW.vergadering_id)
    ON CONFLICT (regio_code, jaar) DO UPDATE SET versie = versie + 1;
END;
CREATE TRIGGER indicator_aanwezigheid_verwijderen AFTER DELETE ON vergadering_aanwezigheid BEGIN
    INSERT INTO indicator_versie (regio_code, jaar, versie)
    SELECT g.regio_code, substr(v.datum, 1, 4), 1
    FROM vergadering v JOIN overleg g ON g.id = v.overleg_id WHERE v.id = OLD.vergadering_id
    ON CONFLICT (regio_code, jaar) DO UPDATE SET versie = versie + 1;
END;
CREATE TRIGGER indicator_vergadering_wijzigen AFTER UPDATE OF datum, overleg_id ON vergadering BEGIN
    INSERT INTO indicator_versie (regio_code, jaar, versie)
    SELECT g.regio_code, substr(v.datum, 1, 4), 1
    FROM (SELECT OLD.overleg_id AS overleg_id, OLD.datum AS datum
          UNION ALL SELECT NEW.overleg_id, NEW.datum) v
    JOIN overleg g ON g.id = v.overleg_id WHERE true
    ON CONFLICT (regio_code, jaar) DO UPDATE SET versie = versie + 1;
END;
CREATE TRIGGER indicator_overleg_wijzigen AFTER UPDATE OF regio_code ON overleg BEGIN
    INSERT INTO indicator_versie (regio_code, jaar, versie)
    SELECT r.regio_code, substr(v.datum, 1, 4), 1
    FROM vergadering v, (SELECT OLD.regio_code AS regio_code UNION ALL SELECT NEW.regio_code) r
    WHERE v.overleg_id = NEW.id
    ON CONFLICT (regio_code, jaar) DO UPDATE SET versie = versie + 1;
END;

CREATE TRIGGER indicator_casus_invoegen AFTER INSERT ON casus BEGIN
    INSERT INTO indicator_versie (regio_code, jaar, versie)
    SELECT regio_code, substr(eerste_tijdstip, 1, 4), 1 FROM casus
    WHERE (id = NEW.id OR pseudoniem = NEW.pseudoniem) AND eerste_tijdstip IS NOT NULL
    ON CONFLICT (regio_code, jaar) DO UPDATE SET versie = versie + 1;
END;
CREATE TRIGGER indicator_casus_wijzigen
AFTER UPDATE OF pseudoniem, herhaling, eerste_tijdstip, regio_code ON casus BEGIN
    INSERT INTO indicator_versie (regio_code, jaar, versie)
    SELECT regio_code, substr(eerste_tijdstip, 1, 4), 1 FROM casus
    WHERE (id = NEW.id OR pseudoniem IN (OLD.pseudoniem, NEW.pseudoniem))
      AND eerste_tijdstip IS NOT NULL
    UNION
    SELECT OLD.regio_code, substr(OLD.eerste_tijdstip, 1, 4), 1 WHERE OLD.eerste_tijdstip IS NOT NULL
    ON CONFLICT (regio_code, jaar) DO UPDATE SET versie = versie + 1;
END;
CREATE TRIGGER indicator_casus_verwijderen AFTER DELETE ON casus BEGIN
    INSERT INTO indicator_versie (regio_code, jaar, versie)
    SELECT regio_code, substr(eerste_tijdstip, 1, 4), 1 FROM casus
    WHERE pseudoniem = OLD.pseudoniem AND eerste_tijdstip IS NOT NULL
    UNION
    SELECT OLD.regio_code, substr(OLD.eerste_tijdstip, 1, 4), 1 WHERE OLD.eerste_tijdstip IS NOT NULL
    ON CONFLICT (regio_code, jaar) DO UPDATE SET versie = versie + 1;
END;
