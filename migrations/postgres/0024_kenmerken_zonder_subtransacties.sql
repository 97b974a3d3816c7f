-- PostgreSQL only (issue 8, import speed). The helper functions of the typed moment columns
-- (0015) caught errors with an EXCEPTION block, and every call of a PL/pgSQL block with an
-- EXCEPTION clause starts a subtransaction: about 30 per stored moment, most of the time a
-- moment insert took (a bulk import wrote 2,000 moments a second). They now check what could
-- fail before doing it, and give the same result for every input as before:
-- - `voorop_dag`: NULL unless the text starts with a real calendar date (year 1 or later);
-- - `voorop_minuut`: NULL unless it also has a time of day 00:00–23:59 after the 'T';
-- - `voorop_veld`: the field of the JSON object, NULL when absent. `gegevens` is only ever
--   written by Voorop as a serialised map, so the catch for text that is no JSON (which made
--   every call a subtransaction) is gone: such a write now fails instead of storing NULLs. It
--   reads the text as `json` rather than `jsonb` (a quarter faster for one field: nothing is
--   built); both take the last of duplicate keys, which a serialised map never has.
-- The stored columns keep their values: the functions return what they returned.

CREATE OR REPLACE FUNCTION voorop_veld(gegevens text, code text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT gegevens::json ->> code;
$$;

CREATE OR REPLACE FUNCTION voorop_dag(t text) RETURNS bigint
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    j int;
    m int;
    d int;
BEGIN
    IF t IS NULL OR substr(t, 1, 10) !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN
        RETURN NULL;
    END IF;
    j := substr(t, 1, 4)::int;
    m := substr(t, 6, 2)::int;
    d := substr(t, 9, 2)::int;
    -- Separate tests: SQL does not promise to evaluate OR from left to right.
    IF j < 1 THEN
        RETURN NULL;
    END IF;
    IF m < 1 OR m > 12 THEN
        RETURN NULL;
    END IF;
    IF d < 1 OR d > extract(day FROM make_date(j, m, 1) + interval '1 month' - interval '1 day') THEN
        RETURN NULL;
    END IF;
    -- The same day number as SQLite's CAST(julianday(…) AS INTEGER): 2000-01-01 is 2451544.
    RETURN make_date(j, m, d) - DATE '2000-01-01' + 2451544;
END $$;

CREATE OR REPLACE FUNCTION voorop_minuut(t text) RETURNS bigint
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
    IF t IS NULL OR substr(t, 1, 16) !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}$' THEN
        RETURN NULL;
    END IF;
    IF substr(t, 12, 2)::int > 23 OR substr(t, 15, 2)::int > 59 THEN
        RETURN NULL;
    END IF;
    RETURN voorop_dag(t) * 1440 + substr(t, 12, 2)::int * 60 + substr(t, 15, 2)::int;
END $$;

-- The INSERT triggers of the indicator versions (0016, 0019, 0022) and of a case's first
-- moment (0015) run once per statement over its new rows (a transition table) instead of once
-- per row: a multi-row insert of thousands of moments (the CSV import) did the same work per
-- row in PL/pgSQL. They change what they changed before: SQLite, which has no statement
-- triggers, keeps the row triggers of the same names. UPDATE and DELETE stay per row.

CREATE FUNCTION voorop_indicator_moment_nieuw() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM voorop_indicator_versie(x.regio_code, x.jaar)
    FROM (SELECT DISTINCT regio_code, substr(tijdstip, 1, 4) AS jaar FROM nieuw) x;
    RETURN NULL;
END $$;
DROP TRIGGER indicator_moment_invoegen ON moment;
CREATE TRIGGER indicator_moment_invoegen AFTER INSERT ON moment
    REFERENCING NEW TABLE AS nieuw
    FOR EACH STATEMENT EXECUTE FUNCTION voorop_indicator_moment_nieuw();

CREATE FUNCTION voorop_moment_eerste_nieuw() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE casus c SET eerste_tijdstip = n.eerste
    FROM (SELECT casus_id, MIN(tijdstip) AS eerste FROM nieuw GROUP BY casus_id) n
    WHERE c.id = n.casus_id AND (c.eerste_tijdstip IS NULL OR c.eerste_tijdstip > n.eerste);
    RETURN NULL;
END $$;
DROP TRIGGER moment_eerste_invoegen ON moment;
CREATE TRIGGER moment_eerste_invoegen AFTER INSERT ON moment
    REFERENCING NEW TABLE AS nieuw
    FOR EACH STATEMENT EXECUTE FUNCTION voorop_moment_eerste_nieuw();

-- As `voorop_indicator_casus` for INSERT: the new case's region-year, and the region-years of
-- the person's cases that started within 366 days from it.
CREATE FUNCTION voorop_indicator_casus_nieuw() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM voorop_indicator_versie(x.regio_code, x.jaar)
    FROM (SELECT n.regio_code, substr(n.eerste_tijdstip, 1, 4) AS jaar
            FROM nieuw n WHERE n.eerste_tijdstip IS NOT NULL
          UNION
          SELECT c.regio_code, substr(c.eerste_tijdstip, 1, 4)
            FROM nieuw n JOIN casus c ON c.pseudoniem = n.pseudoniem
             AND c.eerste_dag BETWEEN n.eerste_dag AND n.eerste_dag + 366
           WHERE n.pseudoniem IS NOT NULL AND n.eerste_dag IS NOT NULL) x;
    RETURN NULL;
END $$;
DROP TRIGGER indicator_casus_invoegen ON casus;
CREATE TRIGGER indicator_casus_invoegen AFTER INSERT ON casus
    REFERENCING NEW TABLE AS nieuw
    FOR EACH STATEMENT EXECUTE FUNCTION voorop_indicator_casus_nieuw();

CREATE FUNCTION voorop_indicator_deelnemer_nieuw() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM voorop_indicator_versie(x.regio_code, x.jaar)
    FROM (SELECT DISTINCT m.regio_code, substr(m.tijdstip, 1, 4) AS jaar
            FROM nieuw n JOIN moment m ON m.id = n.moment_id) x;
    RETURN NULL;
END $$;
DROP TRIGGER indicator_deelnemer_invoegen ON moment_deelnemer;
CREATE TRIGGER indicator_deelnemer_invoegen AFTER INSERT ON moment_deelnemer
    REFERENCING NEW TABLE AS nieuw
    FOR EACH STATEMENT EXECUTE FUNCTION voorop_indicator_deelnemer_nieuw();
