-- Sessions started before this moment (milliseconds since epoch) are no longer valid,
-- e.g. after a password change.
-- PostgreSQL dialect of migrations/sqlite/0003_sessies_geldig_vanaf.sql.
ALTER TABLE gebruiker ADD COLUMN sessies_geldig_vanaf BIGINT NOT NULL DEFAULT 0;
