-- PostgreSQL twin of migrations/sqlite/0048_audit_betrokkene_vakken.sql (issue 8); see there.
DROP INDEX audit_log_betrokkene;
CREATE INDEX audit_log_betrokkene ON audit_log((id / 16384), betrokkene) WHERE betrokkene <> '';
