-- PostgreSQL twin of migrations/sqlite/0019_indicator_versie_venster.sql (issue 8); see there:
-- the case trigger bumps the distinct region-years of the person's cases that started within
-- 366 days from the changed case's start, instead of one upsert per case of the person.
CREATE OR REPLACE FUNCTION voorop_indicator_casus() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM voorop_indicator_versie(OLD.regio_code, OLD.eerste_tijdstip);
        IF OLD.pseudoniem IS NOT NULL AND OLD.eerste_dag IS NOT NULL THEN
            PERFORM voorop_indicator_versie(x.regio_code, x.jaar)
            FROM (SELECT DISTINCT c.regio_code, substr(c.eerste_tijdstip, 1, 4) AS jaar
                  FROM casus c WHERE c.pseudoniem = OLD.pseudoniem
                    AND c.eerste_dag BETWEEN OLD.eerste_dag AND OLD.eerste_dag + 366) x;
        END IF;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM voorop_indicator_versie(NEW.regio_code, NEW.eerste_tijdstip);
        IF NEW.pseudoniem IS NOT NULL AND NEW.eerste_dag IS NOT NULL THEN
            PERFORM voorop_indicator_versie(x.regio_code, x.jaar)
            FROM (SELECT DISTINCT c.regio_code, substr(c.eerste_tijdstip, 1, 4) AS jaar
                  FROM casus c WHERE c.pseudoniem = NEW.pseudoniem
                    AND c.eerste_dag BETWEEN NEW.eerste_dag AND NEW.eerste_dag + 366) x;
        END IF;
    END IF;
    RETURN NULL;
END $$;

-- Only when a column that counts really changed (see the SQLite twin).
DROP TRIGGER indicator_casus_wijzigen ON casus;
CREATE TRIGGER indicator_casus_wijzigen
    AFTER UPDATE OF pseudoniem, herhaling, eerste_tijdstip, regio_code ON casus
    FOR EACH ROW
    WHEN (OLD.pseudoniem IS DISTINCT FROM NEW.pseudoniem OR OLD.herhaling IS DISTINCT FROM NEW.herhaling
          OR OLD.eerste_tijdstip IS DISTINCT FROM NEW.eerste_tijdstip
          OR OLD.regio_code IS DISTINCT FROM NEW.regio_code)
    EXECUTE FUNCTION voorop_indicator_casus();

-- One bump per transaction and region-year. Readers only ever see committed versions, so a
-- second bump in the same transaction tells them nothing new; and in PostgreSQL every update of
-- a row adds a row version that the next update in that transaction walks past, so a bulk
-- import of N moments into one region-year paid N² (batches of 100 held the write lock for
-- seconds). `xmin` is the transaction that wrote the current version.
CREATE OR REPLACE FUNCTION voorop_indicator_versie(regio text, tijdstip text) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO indicator_versie (regio_code, jaar, versie)
    SELECT regio, substr(tijdstip, 1, 4), 1 WHERE regio IS NOT NULL AND tijdstip IS NOT NULL
    ON CONFLICT (regio_code, jaar) DO UPDATE SET versie = indicator_versie.versie + 1
    WHERE indicator_versie.xmin <> pg_current_xact_id()::xid;
$$;
