-- PostgreSQL twin of migrations/sqlite/0020_gegevens_versie.sql (issue 8); see there. The same
-- triggers (per row, by name); a subject is bumped once per transaction, as in 0019: readers see
-- only committed versions, and a bulk load (the demo, `voorop migreer`) would otherwise add a
-- row version of the same row per written row.
CREATE TABLE gegevens_versie (
    onderwerp TEXT PRIMARY KEY,
    versie BIGINT NOT NULL
);
INSERT INTO gegevens_versie (onderwerp, versie) VALUES ('werkset', 1), ('organisaties', 1), ('zelfscan', 1);

CREATE FUNCTION voorop_gegevens_versie() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE gegevens_versie SET versie = versie + 1
     WHERE onderwerp = TG_ARGV[0] AND xmin <> pg_current_xact_id()::xid;
    RETURN NULL;
END $$;


CREATE TRIGGER gegevens_versie_werkset_bron_invoegen AFTER INSERT ON werkset_bron
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('werkset');
CREATE TRIGGER gegevens_versie_werkset_bron_wijzigen AFTER UPDATE ON werkset_bron
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('werkset');
CREATE TRIGGER gegevens_versie_werkset_bron_verwijderen AFTER DELETE ON werkset_bron
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('werkset');
CREATE TRIGGER gegevens_versie_werkset_catalogus_invoegen AFTER INSERT ON werkset_catalogus
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('werkset');
CREATE TRIGGER gegevens_versie_werkset_catalogus_wijzigen AFTER UPDATE ON werkset_catalogus
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('werkset');
CREATE TRIGGER gegevens_versie_werkset_catalogus_verwijderen AFTER DELETE ON werkset_catalogus
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('werkset');
CREATE TRIGGER gegevens_versie_werkset_citaat_invoegen AFTER INSERT ON werkset_citaat
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('werkset');
CREATE TRIGGER gegevens_versie_werkset_citaat_wijzigen AFTER UPDATE ON werkset_citaat
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('werkset');
CREATE TRIGGER gegevens_versie_werkset_citaat_verwijderen AFTER DELETE ON werkset_citaat
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('werkset');
CREATE TRIGGER gegevens_versie_werkset_inspanning_invoegen AFTER INSERT ON werkset_inspanning
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('werkset');
CREATE TRIGGER gegevens_versie_werkset_inspanning_wijzigen AFTER UPDATE ON werkset_inspanning
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('werkset');
CREATE TRIGGER gegevens_versie_werkset_inspanning_verwijderen AFTER DELETE ON werkset_inspanning
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('werkset');
CREATE TRIGGER gegevens_versie_werkset_praktijk_invoegen AFTER INSERT ON werkset_praktijk
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('werkset');
CREATE TRIGGER gegevens_versie_werkset_praktijk_wijzigen AFTER UPDATE ON werkset_praktijk
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('werkset');
CREATE TRIGGER gegevens_versie_werkset_praktijk_verwijderen AFTER DELETE ON werkset_praktijk
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('werkset');
CREATE TRIGGER gegevens_versie_werkset_registratie_invoegen AFTER INSERT ON werkset_registratie
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('werkset');
CREATE TRIGGER gegevens_versie_werkset_registratie_wijzigen AFTER UPDATE ON werkset_registratie
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('werkset');
CREATE TRIGGER gegevens_versie_werkset_registratie_verwijderen AFTER DELETE ON werkset_registratie
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('werkset');
CREATE TRIGGER gegevens_versie_werkset_thema_invoegen AFTER INSERT ON werkset_thema
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('werkset');
CREATE TRIGGER gegevens_versie_werkset_thema_wijzigen AFTER UPDATE ON werkset_thema
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('werkset');
CREATE TRIGGER gegevens_versie_werkset_thema_verwijderen AFTER DELETE ON werkset_thema
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('werkset');
CREATE TRIGGER gegevens_versie_werkset_verhaal_invoegen AFTER INSERT ON werkset_verhaal
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('werkset');
CREATE TRIGGER gegevens_versie_werkset_verhaal_wijzigen AFTER UPDATE ON werkset_verhaal
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('werkset');
CREATE TRIGGER gegevens_versie_werkset_verhaal_verwijderen AFTER DELETE ON werkset_verhaal
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('werkset');
CREATE TRIGGER gegevens_versie_werkset_waarde_invoegen AFTER INSERT ON werkset_waarde
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('werkset');
CREATE TRIGGER gegevens_versie_werkset_waarde_wijzigen AFTER UPDATE ON werkset_waarde
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('werkset');
CREATE TRIGGER gegevens_versie_werkset_waarde_verwijderen AFTER DELETE ON werkset_waarde
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('werkset');
CREATE TRIGGER gegevens_versie_regio_invoegen AFTER INSERT ON regio
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('organisaties');
CREATE TRIGGER gegevens_versie_regio_wijzigen AFTER UPDATE ON regio
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('organisaties');
CREATE TRIGGER gegevens_versie_regio_verwijderen AFTER DELETE ON regio
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('organisaties');
CREATE TRIGGER gegevens_versie_organisatie_invoegen AFTER INSERT ON organisatie
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('organisaties');
CREATE TRIGGER gegevens_versie_organisatie_wijzigen AFTER UPDATE ON organisatie
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('organisaties');
CREATE TRIGGER gegevens_versie_organisatie_verwijderen AFTER DELETE ON organisatie
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('organisaties');
CREATE TRIGGER gegevens_versie_overleg_invoegen AFTER INSERT ON overleg
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('organisaties');
CREATE TRIGGER gegevens_versie_overleg_wijzigen AFTER UPDATE ON overleg
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('organisaties');
CREATE TRIGGER gegevens_versie_overleg_verwijderen AFTER DELETE ON overleg
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('organisaties');
CREATE TRIGGER gegevens_versie_overleg_organisatie_invoegen AFTER INSERT ON overleg_organisatie
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('organisaties');
CREATE TRIGGER gegevens_versie_overleg_organisatie_wijzigen AFTER UPDATE ON overleg_organisatie
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('organisaties');
CREATE TRIGGER gegevens_versie_overleg_organisatie_verwijderen AFTER DELETE ON overleg_organisatie
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('organisaties');
CREATE TRIGGER gegevens_versie_vragenlijst_invoegen AFTER INSERT ON vragenlijst
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('zelfscan');
CREATE TRIGGER gegevens_versie_vragenlijst_wijzigen AFTER UPDATE ON vragenlijst
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('zelfscan');
CREATE TRIGGER gegevens_versie_vragenlijst_verwijderen AFTER DELETE ON vragenlijst
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('zelfscan');
CREATE TRIGGER gegevens_versie_zelfscan_ronde_invoegen AFTER INSERT ON zelfscan_ronde
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('zelfscan');
CREATE TRIGGER gegevens_versie_zelfscan_ronde_wijzigen AFTER UPDATE ON zelfscan_ronde
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('zelfscan');
CREATE TRIGGER gegevens_versie_zelfscan_ronde_verwijderen AFTER DELETE ON zelfscan_ronde
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('zelfscan');
CREATE TRIGGER gegevens_versie_ronde_gemeente_invoegen AFTER INSERT ON ronde_gemeente
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('zelfscan');
CREATE TRIGGER gegevens_versie_ronde_gemeente_wijzigen AFTER UPDATE ON ronde_gemeente
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('zelfscan');
CREATE TRIGGER gegevens_versie_ronde_gemeente_verwijderen AFTER DELETE ON ronde_gemeente
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('zelfscan');
CREATE TRIGGER gegevens_versie_ronde_deelnemer_invoegen AFTER INSERT ON ronde_deelnemer
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('zelfscan');
CREATE TRIGGER gegevens_versie_ronde_deelnemer_wijzigen AFTER UPDATE ON ronde_deelnemer
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('zelfscan');
CREATE TRIGGER gegevens_versie_ronde_deelnemer_verwijderen AFTER DELETE ON ronde_deelnemer
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('zelfscan');
CREATE TRIGGER gegevens_versie_zelfscan_antwoord_invoegen AFTER INSERT ON zelfscan_antwoord
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('zelfscan');
CREATE TRIGGER gegevens_versie_zelfscan_antwoord_wijzigen AFTER UPDATE ON zelfscan_antwoord
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('zelfscan');
CREATE TRIGGER gegevens_versie_zelfscan_antwoord_verwijderen AFTER DELETE ON zelfscan_antwoord
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('zelfscan');
CREATE TRIGGER gegevens_versie_rad_antwoord_invoegen AFTER INSERT ON rad_antwoord
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('zelfscan');
CREATE TRIGGER gegevens_versie_rad_antwoord_wijzigen AFTER UPDATE ON rad_antwoord
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('zelfscan');
CREATE TRIGGER gegevens_versie_rad_antwoord_verwijderen AFTER DELETE ON rad_antwoord
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('zelfscan');
