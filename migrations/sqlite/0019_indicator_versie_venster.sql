-- The case triggers of 0016, bounded (issue 8). A change to a case can change the repeat flag
-- of the case itself and of the later cases of the same person that started within 365 days of
-- it (a flag looks back 365 days); no other. 0016 bumped the region-year of every case of the
-- person, one upsert per case, so a person with many cases (a bulk import of one fictional
-- person: 500 cases) cost quadratic work and held the write lock for seconds. Now: the distinct
-- region-years of the cases in that window only, read from `casus_pseudoniem_eerste`, and
-- only when a column that counts really changed (an UPDATE that sets a column to its own value,
-- as `COALESCE(pseudoniem, …)` does, changes nothing).
DROP TRIGGER indicator_casus_invoegen;
DROP TRIGGER indicator_casus_wijzigen;
DROP TRIGGER indicator_casus_verwijderen;

CREATE TRIGGER indicator_casus_invoegen AFTER INSERT ON casus BEGIN
    INSERT INTO indicator_versie (regio_code, jaar, versie)
    SELECT DISTINCT regio_code, substr(eerste_tijdstip, 1, 4), 1 FROM casus
    WHERE NEW.eerste_dag IS NOT NULL AND pseudoniem = NEW.pseudoniem
      AND eerste_dag BETWEEN NEW.eerste_dag AND NEW.eerste_dag + 366
    UNION
    SELECT NEW.regio_code, substr(NEW.eerste_tijdstip, 1, 4), 1 WHERE NEW.eerste_tijdstip IS NOT NULL
    ON CONFLICT (regio_code, jaar) DO UPDATE SET versie = versie + 1;
END;
CREATE TRIGGER indicator_casus_wijzigen
AFTER UPDATE OF pseudoniem, herhaling, eerste_tijdstip, regio_code ON casus
WHEN OLD.pseudoniem IS NOT NEW.pseudoniem OR OLD.herhaling IS NOT NEW.herhaling
  OR OLD.eerste_tijdstip IS NOT NEW.eerste_tijdstip OR OLD.regio_code IS NOT NEW.regio_code
BEGIN
    INSERT INTO indicator_versie (regio_code, jaar, versie)
    SELECT DISTINCT regio_code, substr(eerste_tijdstip, 1, 4), 1 FROM casus
    WHERE NEW.eerste_dag IS NOT NULL AND pseudoniem = NEW.pseudoniem
      AND eerste_dag BETWEEN NEW.eerste_dag AND NEW.eerste_dag + 366
    UNION
    SELECT DISTINCT regio_code, substr(eerste_tijdstip, 1, 4), 1 FROM casus
    WHERE OLD.eerste_dag IS NOT NULL AND pseudoniem = OLD.pseudoniem
      AND eerste_dag BETWEEN OLD.eerste_dag AND OLD.eerste_dag + 366
    UNION
    SELECT NEW.regio_code, substr(NEW.eerste_tijdstip, 1, 4), 1 WHERE NEW.eerste_tijdstip IS NOT NULL
    UNION
    SELECT OLD.regio_code, substr(OLD.eerste_tijdstip, 1, 4), 1 WHERE OLD.eerste_tijdstip IS NOT NULL
    ON CONFLICT (regio_code, jaar) DO UPDATE SET versie = versie + 1;
END;
CREATE TRIGGER indicator_casus_verwijderen AFTER DELETE ON casus BEGIN
    INSERT INTO indicator_versie (regio_code, jaar, versie)
    SELECT DISTINCT regio_code, substr(eerste_tijdstip, 1, 4), 1 FROM casus
    WHERE OLD.eerste_dag IS NOT NULL AND pseudoniem = OLD.pseudoniem
      AND eerste_dag BETWEEN OLD.eerste_dag AND OLD.eerste_dag + 366
    UNION
    SELECT OLD.regio_code, substr(OLD.eerste_tijdstip, 1, 4), 1 WHERE OLD.eerste_tijdstip IS NOT NULL
    ON CONFLICT (regio_code, jaar) DO UPDATE SET versie = versie + 1;
END;
