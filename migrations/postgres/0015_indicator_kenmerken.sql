-- PostgreSQL twin of migrations/0015_indicator_kenmerken.sql (issue 8, "Fast at national
-- scale"); see there for the why. The same columns, indexes and triggers, so the portable SQL of
-- `casus::repo` (kenmerk_tellingen, kenmerk_duren, afspraken_telling, aanwezigheid_telling,
-- herhaling_telling) runs unchanged. Differences: the typed columns are STORED (PostgreSQL
-- has no virtual generated columns before 18) and computed by IMMUTABLE helper functions that
-- give NULL for what the Rust rules in `casus::model` would not parse, instead of failing the
-- write; the triggers call one PL/pgSQL function. All columns are added in one ALTER TABLE, so
-- the table is rewritten once.

-- A process field of `gegevens` (JSON text), NULL when absent or when `gegevens` is no JSON.
CREATE FUNCTION voorop_veld(gegevens text, code text) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
    RETURN gegevens::jsonb ->> code;
EXCEPTION WHEN others THEN
    RETURN NULL;
END $$;

-- Day number of a date `YYYY-MM-DD…` (days since 2000-01-01), NULL when it does not parse.
CREATE FUNCTION voorop_dag(t text) RETURNS bigint
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
    IF t IS NULL OR substr(t, 1, 10) !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN
        RETURN NULL;
    END IF;
    -- The same day number as SQLite's CAST(julianday(…) AS INTEGER): 2000-01-01 is 2451544.
    RETURN make_date(substr(t, 1, 4)::int, substr(t, 6, 2)::int, substr(t, 9, 2)::int)
        - DATE '2000-01-01' + 2451544;
EXCEPTION WHEN others THEN
    RETURN NULL;
END $$;

-- Minute number of a local time `YYYY-MM-DDTHH:MM…`, NULL when it does not parse
-- (`model::minuten_tussen` is the difference of two of these).
CREATE FUNCTION voorop_minuut(t text) RETURNS bigint
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
    IF t IS NULL OR substr(t, 1, 16) !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}$'
        OR substr(t, 12, 2)::int > 23 OR substr(t, 15, 2)::int > 59 THEN
        RETURN NULL;
    END IF;
    RETURN voorop_dag(t) * 1440 + substr(t, 12, 2)::int * 60 + substr(t, 15, 2)::int;
EXCEPTION WHEN others THEN
    RETURN NULL;
END $$;

-- `model::dagdeel`: weekend; Monday-Friday 08:00-16:59 werkdag; otherwise avond.
CREATE FUNCTION voorop_dagdeel(t text) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
    IF voorop_minuut(t) IS NULL THEN
        RETURN NULL;
    END IF;
    IF EXTRACT(ISODOW FROM make_date(substr(t, 1, 4)::int, substr(t, 6, 2)::int,
                                     substr(t, 9, 2)::int)) IN (6, 7) THEN
        RETURN 'weekend';
    END IF;
    IF substr(t, 12, 2)::int BETWEEN 8 AND 16 THEN
        RETURN 'werkdag';
    END IF;
    RETURN 'avond';
END $$;

ALTER TABLE moment
    ADD COLUMN k_dagdeel TEXT GENERATED ALWAYS AS (voorop_dagdeel(tijdstip)) STORED,
    ADD COLUMN k_reactie TEXT GENERATED ALWAYS AS (voorop_veld(gegevens, 'reactie')) STORED,
    ADD COLUMN k_veiligheidsbeoordeling TEXT
        GENERATED ALWAYS AS (voorop_veld(gegevens, 'veiligheidsbeoordeling')) STORED,
    ADD COLUMN k_vt_melding_datum TEXT
        GENERATED ALWAYS AS (voorop_veld(gegevens, 'vt_melding_datum')) STORED,
    ADD COLUMN k_terugkoppeling_op TEXT
        GENERATED ALWAYS AS (voorop_veld(gegevens, 'terugkoppeling_op')) STORED,
    ADD COLUMN k_vt_betrokkenheid TEXT
        GENERATED ALWAYS AS (voorop_veld(gegevens, 'vt_betrokkenheid')) STORED,
    ADD COLUMN k_contact_verkregen TEXT
        GENERATED ALWAYS AS (voorop_veld(gegevens, 'contact_verkregen')) STORED,
    ADD COLUMN k_vt_afdoeningsoverleg TEXT
        GENERATED ALWAYS AS (voorop_veld(gegevens, 'vt_afdoeningsoverleg')) STORED,
    ADD COLUMN k_vt_geinformeerd TEXT
        GENERATED ALWAYS AS (voorop_veld(gegevens, 'vt_geinformeerd')) STORED,
    ADD COLUMN k_beslissing TEXT GENERATED ALWAYS AS (voorop_veld(gegevens, 'beslissing')) STORED,
    ADD COLUMN k_beslissing_tijdstip TEXT
        GENERATED ALWAYS AS (voorop_veld(gegevens, 'beslissing_tijdstip')) STORED,
    ADD COLUMN k_veiligheidsvoorwaarden TEXT
        GENERATED ALWAYS AS (voorop_veld(gegevens, 'veiligheidsvoorwaarden')) STORED,
    ADD COLUMN k_anoniem TEXT GENERATED ALWAYS AS (voorop_veld(gegevens, 'anoniem')) STORED,
    ADD COLUMN k_onderzoeksplan TEXT
        GENERATED ALWAYS AS (voorop_veld(gegevens, 'onderzoeksplan')) STORED,
    ADD COLUMN k_responstijd BIGINT GENERATED ALWAYS AS (
        voorop_minuut(voorop_veld(gegevens, 'reactie_tijdstip')) - voorop_minuut(tijdstip)) STORED,
    ADD COLUMN k_doorlooptijd BIGINT GENERATED ALWAYS AS (
        voorop_dag(voorop_veld(gegevens, 'besproken_op')) - voorop_dag(tijdstip)) STORED,
    ADD COLUMN k_beoordeling_voor BIGINT GENERATED ALWAYS AS (
        voorop_minuut(voorop_veld(gegevens, 'beslissing_tijdstip'))
        - voorop_minuut(voorop_veld(gegevens, 'beoordeling_tijdstip'))) STORED,
    ADD COLUMN k_consultatie BIGINT GENERATED ALWAYS AS (
        voorop_minuut(voorop_veld(gegevens, 'om_consultatie')) - voorop_minuut(tijdstip)) STORED;

-- It starts with the columns of `moment_regio` (0005), which it replaces: with both, SQLite's
-- planner takes the narrower one and then computes the typed columns from every row's JSON.
DROP INDEX moment_regio;
CREATE INDEX moment_kenmerken ON moment(regio_code, soort, tijdstip, status,
    k_dagdeel,
    k_reactie,
    k_veiligheidsbeoordeling,
    k_vt_melding_datum,
    k_terugkoppeling_op,
    k_vt_betrokkenheid,
    k_contact_verkregen,
    k_vt_afdoeningsoverleg,
    k_vt_geinformeerd,
    k_beslissing,
    k_beslissing_tijdstip,
    k_veiligheidsvoorwaarden,
    k_anoniem,
    k_onderzoeksplan,
    k_responstijd,
    k_doorlooptijd,
    k_beoordeling_voor,
    k_consultatie);

-- The first moment of a case (what `model::herhalingen` calls the start).
ALTER TABLE casus
    ADD COLUMN eerste_tijdstip TEXT,
    ADD COLUMN eerste_dag BIGINT GENERATED ALWAYS AS (voorop_dag(eerste_tijdstip)) STORED;
UPDATE casus SET eerste_tijdstip = (SELECT MIN(m.tijdstip) FROM moment m WHERE m.casus_id = casus.id);
CREATE INDEX casus_eerste ON casus(regio_code, eerste_tijdstip, pseudoniem, herhaling, eerste_dag);
CREATE INDEX casus_pseudoniem_eerste ON casus(pseudoniem, eerste_dag, eerste_tijdstip);
CREATE INDEX moment_casus_tijdstip ON moment(casus_id, tijdstip);

CREATE FUNCTION voorop_moment_eerste() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE casus SET eerste_tijdstip = NEW.tijdstip
        WHERE id = NEW.casus_id AND (eerste_tijdstip IS NULL OR eerste_tijdstip > NEW.tijdstip);
    ELSIF TG_OP = 'UPDATE' THEN
        UPDATE casus SET eerste_tijdstip =
            (SELECT MIN(m.tijdstip) FROM moment m WHERE m.casus_id = casus.id)
        WHERE id IN (OLD.casus_id, NEW.casus_id);
    ELSE
        UPDATE casus SET eerste_tijdstip =
            (SELECT MIN(m.tijdstip) FROM moment m WHERE m.casus_id = casus.id)
        WHERE id = OLD.casus_id;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER moment_eerste_invoegen AFTER INSERT ON moment
    FOR EACH ROW EXECUTE FUNCTION voorop_moment_eerste();
CREATE TRIGGER moment_eerste_wijzigen AFTER UPDATE OF tijdstip, casus_id ON moment
    FOR EACH ROW EXECUTE FUNCTION voorop_moment_eerste();
CREATE TRIGGER moment_eerste_verwijderen AFTER DELETE ON moment
    FOR EACH ROW EXECUTE FUNCTION voorop_moment_eerste();

ANALYZE moment;
ANALYZE casus;
