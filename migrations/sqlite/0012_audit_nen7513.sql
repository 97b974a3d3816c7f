-- Audit log after NEN 7513 (issue 7). Every row now also records on whose behalf the user
-- acted (`namens`), the data subject as pseudonym (`betrokkene`, never a name), the purpose
-- (`doel`, a processing-activity code from src/audit/model.rs), the legal basis
-- (`grondslag`, where the field declarations give one) and the outcome (`uitkomst`:
-- `toegestaan` or `geweigerd`). Rows written from now on carry chain version 3, whose keyed
-- hash covers these columns too; older rows keep their version and must leave them empty.
ALTER TABLE audit_log ADD COLUMN namens TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN betrokkene TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN doel TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN grondslag TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN uitkomst TEXT NOT NULL DEFAULT '';

-- "Wie heeft deze gegevens ingezien": every entry about one data subject.
CREATE INDEX audit_log_betrokkene ON audit_log(betrokkene) WHERE betrokkene <> '';
-- The flood guard: has this user been refused on this object in the last minute?
CREATE INDEX audit_log_geweigerd ON audit_log(gebruiker_id, object_type, object_id, tijd)
    WHERE uitkomst = 'geweigerd';

-- Audit retention (VOOROP_AUDIT_BEWAARTERMIJN_JAREN, default 5): removing the oldest rows
-- leaves an anchor here, in the same transaction: the id, hash and chain version of the last
-- removed row, signed with the audit key. `voorop audit verify` starts the chain from the
-- latest anchor. Append-only; every anchor lies beyond the previous one.
CREATE TABLE audit_afkapping (
    id INTEGER PRIMARY KEY,
    tijd TEXT NOT NULL,
    grens TEXT NOT NULL,
    tot_id INTEGER NOT NULL,
    tot_hash TEXT NOT NULL,
    tot_versie INTEGER NOT NULL,
    aantal INTEGER NOT NULL,
    handtekening TEXT NOT NULL
);
CREATE TRIGGER audit_afkapping_vooruit BEFORE INSERT ON audit_afkapping
WHEN NEW.tot_id <= COALESCE((SELECT MAX(tot_id) FROM audit_afkapping), 0)
BEGIN SELECT RAISE(ABORT, 'audit_afkapping gaat alleen vooruit'); END;
CREATE TRIGGER audit_afkapping_geen_update BEFORE UPDATE ON audit_afkapping
BEGIN SELECT RAISE(ABORT, 'audit_afkapping is append-only'); END;
CREATE TRIGGER audit_afkapping_geen_delete BEFORE DELETE ON audit_afkapping
BEGIN SELECT RAISE(ABORT, 'audit_afkapping is append-only'); END;

-- The only rows that may ever be deleted from audit_log are those an anchor covers (written
-- first, in the retention's own transaction). Every other delete is still refused.
DROP TRIGGER audit_log_geen_delete;
CREATE TRIGGER audit_log_geen_delete BEFORE DELETE ON audit_log
WHEN OLD.id > COALESCE((SELECT MAX(tot_id) FROM audit_afkapping), 0)
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
