-- PostgreSQL twin of migrations/sqlite/0046_audit_inzage_fg.sql (issue 8); see there.
DROP INDEX audit_log_organisatie;
CREATE INDEX audit_log_organisatie ON audit_log(organisatie_id, id);
DROP INDEX audit_log_object;
CREATE INDEX audit_log_object ON audit_log(object_type, object_id, id);
CREATE INDEX moment_deelnemer_organisatie ON moment_deelnemer(organisatie_id, moment_id);
DROP INDEX audit_log_code;
