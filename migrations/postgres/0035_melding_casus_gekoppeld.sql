-- Issue 11, case matching: a new kind of melding, "casus_gekoppeld" (a moment of another
-- organisation was linked to a case the recipient's organisation takes part in).
-- PostgreSQL dialect of migrations/sqlite/0035_melding_casus_gekoppeld.sql (which rebuilds the
-- table; here the CHECK constraint is replaced).
ALTER TABLE melding DROP CONSTRAINT melding_soort_check;
ALTER TABLE melding ADD CONSTRAINT melding_soort_check
    CHECK (soort IN ('aanmelding','zsm_zonder_vt','afspraak_toegewezen','termijn_zsm','afspraken_dag','casus_gekoppeld'));
