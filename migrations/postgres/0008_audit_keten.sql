-- Keyed audit chain (issue 7). Rows written from now on carry chain version 2: an
-- HMAC-SHA256 with a key kept outside the database, over every column (see src/audit/model.rs).
-- Existing rows keep version 1 (plain SHA-256 over some columns) and are verified with that
-- scheme; the first version-2 row links to the last of them and also covers a keyed digest
-- of all their columns, so from then on they are anchored under the key as well.
-- PostgreSQL dialect of migrations/sqlite/0008_audit_keten.sql.
ALTER TABLE audit_log ADD COLUMN keten_versie BIGINT NOT NULL DEFAULT 1;

-- The last id written with the old scheme: any version-1 row with a higher id was inserted
-- later without the key. One row, fixed (the triggers below, like audit_log's).
CREATE TABLE audit_overgang (
    laatste_v1_id BIGINT NOT NULL
);
INSERT INTO audit_overgang (laatste_v1_id) SELECT COALESCE(MAX(id), 0) FROM audit_log;
CREATE TRIGGER audit_overgang_een_regel BEFORE INSERT ON audit_overgang
FOR EACH ROW EXECUTE FUNCTION voorop_weiger('audit_overgang heeft precies een regel');
CREATE TRIGGER audit_overgang_geen_update BEFORE UPDATE ON audit_overgang
FOR EACH ROW EXECUTE FUNCTION voorop_weiger('audit_overgang is vast');
CREATE TRIGGER audit_overgang_geen_delete BEFORE DELETE ON audit_overgang
FOR EACH ROW EXECUTE FUNCTION voorop_weiger('audit_overgang is vast');
CREATE TRIGGER audit_overgang_geen_truncate BEFORE TRUNCATE ON audit_overgang
FOR EACH STATEMENT EXECUTE FUNCTION voorop_weiger('audit_overgang is vast');
