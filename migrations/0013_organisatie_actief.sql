-- Issue 7: organisations are managed in the web interface (Beheer › Organisaties). They are
-- never deleted (audit rows and case history refer to them): they are deactivated. A
-- deactivated organisation cannot be chosen for new users, participations, overleg membership
-- or Werkset entries, and its users cannot sign in.
ALTER TABLE organisatie ADD COLUMN actief INTEGER NOT NULL DEFAULT 1;
