-- Issue 7: organisations are managed in the web interface (Beheer › Organisaties). They are
-- never deleted (audit rows and case history refer to them): they are deactivated. A
-- deactivated organisation cannot be chosen for new users, participations, overleg membership
-- or Werkset entries, and its users cannot sign in.
ALTER TABLE organisatie ADD COLUMN actief INTEGER NOT NULL DEFAULT 1;

-- Beheer › Organisaties asks whether audit rows refer to an organisation (then its code and
-- kind are fixed); the privacy officer's log reads by organisation too.
CREATE INDEX audit_log_organisatie ON audit_log(organisatie_id);
