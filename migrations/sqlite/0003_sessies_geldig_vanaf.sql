-- Sessions started before this moment (milliseconds since epoch) are no longer valid,
-- e.g. after a password change.
ALTER TABLE gebruiker ADD COLUMN sessies_geldig_vanaf INTEGER NOT NULL DEFAULT 0;
