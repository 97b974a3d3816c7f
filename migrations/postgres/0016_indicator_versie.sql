-- PostgreSQL twin of migrations/sqlite/0016_indicator_versie.sql (issue 8); see there for what
-- bumps a region-year's version and why. The triggers call PL/pgSQL functions that bump one
-- (regio, jaar) per call, so no statement updates the same version row twice.
CREATE TABLE indicator_versie (
    regio_code TEXT NOT NULL,
    jaar TEXT NOT NULL,
    versie BIGINT NOT NULL,
    PRIMARY KEY (regio_code, jaar)
);

-- Bumps the version of the region-year in which `tijdstip` (a date or time text) falls.
CREATE FUNCTION voorop_indicator_versie(regio text, tijdstip text) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO indicator_versie (regio_code, jaar, versie)
    SELECT regio, substr(tijdstip, 1, 4), 1 WHERE regio IS NOT NULL AND tijdstip IS NOT NULL
    ON CONFLICT (regio_code, jaar) DO UPDATE SET versie = indicator_versie.versie + 1;
$$;

CREATE FUNCTION voorop_indicator_moment() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM voorop_indicator_versie(OLD.regio_code, OLD.tijdstip);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM voorop_indicator_versie(NEW.regio_code, NEW.tijdstip);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER indicator_moment_invoegen AFTER INSERT ON moment
    FOR EACH ROW EXECUTE FUNCTION voorop_indicator_moment();
CREATE TRIGGER indicator_moment_wijzigen AFTER UPDATE ON moment
    FOR EACH ROW EXECUTE FUNCTION voorop_indicator_moment();
CREATE TRIGGER indicator_moment_verwijderen AFTER DELETE ON moment
    FOR EACH ROW EXECUTE FUNCTION voorop_indicator_moment();

CREATE FUNCTION voorop_indicator_afspraak() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM voorop_indicator_versie(m.regio_code, m.tijdstip) FROM moment m WHERE m.id = OLD.moment_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM voorop_indicator_versie(m.regio_code, m.tijdstip) FROM moment m WHERE m.id = NEW.moment_id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER indicator_afspraak_invoegen AFTER INSERT ON afspraak
    FOR EACH ROW EXECUTE FUNCTION voorop_indicator_afspraak();
CREATE TRIGGER indicator_afspraak_wijzigen AFTER UPDATE ON afspraak
    FOR EACH ROW EXECUTE FUNCTION voorop_indicator_afspraak();
CREATE TRIGGER indicator_afspraak_verwijderen AFTER DELETE ON afspraak
    FOR EACH ROW EXECUTE FUNCTION voorop_indicator_afspraak();

CREATE FUNCTION voorop_indicator_aanwezigheid() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM voorop_indicator_versie(g.regio_code, v.datum)
        FROM vergadering v JOIN overleg g ON g.id = v.overleg_id WHERE v.id = OLD.vergadering_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM voorop_indicator_versie(g.regio_code, v.datum)
        FROM vergadering v JOIN overleg g ON g.id = v.overleg_id WHERE v.id = NEW.vergadering_id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER indicator_aanwezigheid_invoegen AFTER INSERT ON vergadering_aanwezigheid
    FOR EACH ROW EXECUTE FUNCTION voorop_indicator_aanwezigheid();
CREATE TRIGGER indicator_aanwezigheid_wijzigen AFTER UPDATE ON vergadering_aanwezigheid
    FOR EACH ROW EXECUTE FUNCTION voorop_indicator_aanwezigheid();
CREATE TRIGGER indicator_aanwezigheid_verwijderen AFTER DELETE ON vergadering_aanwezigheid
    FOR EACH ROW EXECUTE FUNCTION voorop_indicator_aanwezigheid();

CREATE FUNCTION voorop_indicator_vergadering() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM voorop_indicator_versie(g.regio_code, OLD.datum) FROM overleg g WHERE g.id = OLD.overleg_id;
    PERFORM voorop_indicator_versie(g.regio_code, NEW.datum) FROM overleg g WHERE g.id = NEW.overleg_id;
    RETURN NULL;
END $$;
CREATE TRIGGER indicator_vergadering_wijzigen AFTER UPDATE OF datum, overleg_id ON vergadering
    FOR EACH ROW EXECUTE FUNCTION voorop_indicator_vergadering();

CREATE FUNCTION voorop_indicator_overleg() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM voorop_indicator_versie(OLD.regio_code, v.datum) FROM vergadering v WHERE v.overleg_id = NEW.id;
    PERFORM voorop_indicator_versie(NEW.regio_code, v.datum) FROM vergadering v WHERE v.overleg_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER indicator_overleg_wijzigen AFTER UPDATE OF regio_code ON overleg
    FOR EACH ROW EXECUTE FUNCTION voorop_indicator_overleg();

CREATE FUNCTION voorop_indicator_casus() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM voorop_indicator_versie(OLD.regio_code, OLD.eerste_tijdstip);
        PERFORM voorop_indicator_versie(c.regio_code, c.eerste_tijdstip)
        FROM casus c WHERE c.pseudoniem = OLD.pseudoniem;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM voorop_indicator_versie(NEW.regio_code, NEW.eerste_tijdstip);
        PERFORM voorop_indicator_versie(c.regio_code, c.eerste_tijdstip)
        FROM casus c WHERE c.pseudoniem = NEW.pseudoniem;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER indicator_casus_invoegen AFTER INSERT ON casus
    FOR EACH ROW EXECUTE FUNCTION voorop_indicator_casus();
CREATE TRIGGER indicator_casus_wijzigen
    AFTER UPDATE OF pseudoniem, herhaling, eerste_tijdstip, regio_code ON casus
    FOR EACH ROW EXECUTE FUNCTION voorop_indicator_casus();
CREATE TRIGGER indicator_casus_verwijderen AFTER DELETE ON casus
    FOR EACH ROW EXECUTE FUNCTION voorop_indicator_casus();
