-- The privacy officer's part of the audit log, written down (issue 8): one row per organisation
-- that may read an audit row on its audit page (`audit::repo::zoek_partij`), the organisation
-- of the user who acted and every organisation that ever took part in the moment the row is
-- about. The page then reads its organisation's rows newest first along this key. Worked out
-- at read time instead (a window of the newest rows, tested against the organisation's
-- moments), one page cost 15-25 ms for a Veilig Thuis with 16,000 moments once the log held
-- two million rows about the moments (the national demo): 135 pages/s on two cores, p99 1.5 s
-- at 200 connections.
--
-- Kept by triggers, whatever writes: a new audit row gets the rows of its actor's organisation
-- and of the moment's participants; a new participation gets the rows of the moment's earlier
-- audit rows (a participation is never deleted, so "ever took part" only grows). Derived data,
-- outside the hash chain: it can be rebuilt from audit_log and moment_deelnemer at any time.
CREATE TABLE audit_zicht (
    organisatie_id INTEGER NOT NULL,
    audit_id INTEGER NOT NULL,
    PRIMARY KEY (organisatie_id, audit_id)
);
-- Audit retention removes the rows of the audit rows it removes.
CREATE INDEX audit_zicht_audit ON audit_zicht(audit_id);

-- The same names as PostgreSQL's statement triggers, which do the same per statement.
CREATE TRIGGER audit_zicht_regels AFTER INSERT ON audit_log
BEGIN
    INSERT OR IGNORE INTO audit_zicht (organisatie_id, audit_id)
    SELECT NEW.organisatie_id, NEW.id WHERE NEW.organisatie_id IS NOT NULL;
    INSERT OR IGNORE INTO audit_zicht (organisatie_id, audit_id)
    SELECT DISTINCT d.organisatie_id, NEW.id FROM moment_deelnemer d
    WHERE NEW.object_type = 'moment' AND d.moment_id = CAST(NEW.object_id AS INTEGER)
      AND CAST(d.moment_id AS TEXT) = NEW.object_id;
END;

CREATE TRIGGER audit_zicht_deelnemers AFTER INSERT ON moment_deelnemer
BEGIN
    INSERT OR IGNORE INTO audit_zicht (organisatie_id, audit_id)
    SELECT NEW.organisatie_id, a.id FROM audit_log a
    WHERE a.object_type = 'moment' AND a.object_id = CAST(NEW.moment_id AS TEXT);
END;

INSERT OR IGNORE INTO audit_zicht (organisatie_id, audit_id)
SELECT organisatie_id, id FROM audit_log WHERE organisatie_id IS NOT NULL;
INSERT OR IGNORE INTO audit_zicht (organisatie_id, audit_id)
SELECT d.organisatie_id, a.id FROM audit_log a JOIN moment_deelnemer d
    ON d.moment_id = CAST(a.object_id AS INTEGER) AND CAST(d.moment_id AS TEXT) = a.object_id
WHERE a.object_type = 'moment';

-- The organisation's own rows are in audit_zicht now; nothing reads this index any more, and
-- every audit write paid for it (`organisatie::repo::in_gebruik` asks audit_zicht).
DROP INDEX audit_log_organisatie;
