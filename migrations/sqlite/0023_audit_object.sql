-- The privacy officer's answer to an access request (`audit::repo::inzage_betrokkene`) finds a
-- person's audit rows by the moments and cases they are about: an index on what a row is about,
-- so that answer reads those rows, not the whole log (millions of rows nationally).
CREATE INDEX audit_log_object ON audit_log(object_type, object_id);
