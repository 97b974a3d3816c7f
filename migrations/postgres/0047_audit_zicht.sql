-- PostgreSQL twin of migrations/sqlite/0047_audit_zicht.sql (issue 8); see there. Statement
-- triggers with transition tables, so a bulk write (the CSV import, the national demo) adds
-- its rows in one statement; each new row is looked up by index (`LATERAL … OFFSET 0`, which
-- PostgreSQL does not flatten into a join over the whole table, as in migration 0029).
CREATE TABLE audit_zicht (
    organisatie_id BIGINT NOT NULL,
    audit_id BIGINT NOT NULL,
    PRIMARY KEY (organisatie_id, audit_id)
);
CREATE INDEX audit_zicht_audit ON audit_zicht(audit_id);

CREATE FUNCTION audit_zicht_regels() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit_zicht (organisatie_id, audit_id)
    SELECT n.organisatie_id, n.id FROM nieuw n WHERE n.organisatie_id IS NOT NULL
    UNION ALL
    SELECT d.organisatie_id, n.id FROM nieuw n CROSS JOIN LATERAL (
        SELECT DISTINCT x.organisatie_id FROM moment_deelnemer x
        WHERE x.moment_id = CASE WHEN n.object_id ~ '^[1-9][0-9]{0,17}$'
                                 THEN CAST(n.object_id AS BIGINT) END
        OFFSET 0) d
    WHERE n.object_type = 'moment'
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
CREATE TRIGGER audit_zicht_regels AFTER INSERT ON audit_log
REFERENCING NEW TABLE AS nieuw FOR EACH STATEMENT EXECUTE FUNCTION audit_zicht_regels();

CREATE FUNCTION audit_zicht_deelnemers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit_zicht (organisatie_id, audit_id)
    SELECT n.organisatie_id, a.id FROM nieuw n CROSS JOIN LATERAL (
        SELECT x.id FROM audit_log x
        WHERE x.object_type = 'moment' AND x.object_id = CAST(n.moment_id AS TEXT) OFFSET 0) a
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
CREATE TRIGGER audit_zicht_deelnemers AFTER INSERT ON moment_deelnemer
REFERENCING NEW TABLE AS nieuw FOR EACH STATEMENT EXECUTE FUNCTION audit_zicht_deelnemers();

INSERT INTO audit_zicht (organisatie_id, audit_id)
SELECT organisatie_id, id FROM audit_log WHERE organisatie_id IS NOT NULL
ON CONFLICT DO NOTHING;
INSERT INTO audit_zicht (organisatie_id, audit_id)
SELECT DISTINCT d.organisatie_id, a.id FROM audit_log a JOIN moment_deelnemer d
    ON CAST(d.moment_id AS TEXT) = a.object_id
WHERE a.object_type = 'moment'
ON CONFLICT DO NOTHING;

DROP INDEX audit_log_organisatie;
