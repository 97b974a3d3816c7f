-- Issue 7: a role for the privacy officer (functionaris gegevensbescherming, FG), who reads
-- the audit log of the own organisation's users and of the data subjects the organisation
-- processed, and nothing else.
-- PostgreSQL dialect of migrations/sqlite/0011_privacyfunctionaris.sql: SQLite rebuilds
-- `gebruiker` to change the CHECK; PostgreSQL replaces the named constraint in place (same
-- columns, same order, same ids).
ALTER TABLE gebruiker
    DROP CONSTRAINT gebruiker_rol_check,
    ADD CONSTRAINT gebruiker_rol_check
        CHECK (rol IN ('beheerder','regiocoordinator','medewerker','lezer','privacyfunctionaris'));
