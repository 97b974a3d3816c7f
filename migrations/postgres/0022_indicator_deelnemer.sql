-- PostgreSQL twin of migrations/sqlite/0022_indicator_deelnemer.sql (issue 8); see there.
-- `voorop_indicator_afspraak` (0016) bumps the region-year of OLD/NEW.moment_id, which a
-- participation has as an afspraak does.
CREATE TRIGGER indicator_deelnemer_invoegen AFTER INSERT ON moment_deelnemer
    FOR EACH ROW EXECUTE FUNCTION voorop_indicator_afspraak();
CREATE TRIGGER indicator_deelnemer_wijzigen AFTER UPDATE ON moment_deelnemer
    FOR EACH ROW EXECUTE FUNCTION voorop_indicator_afspraak();
CREATE TRIGGER indicator_deelnemer_verwijderen AFTER DELETE ON moment_deelnemer
    FOR EACH ROW EXECUTE FUNCTION voorop_indicator_afspraak();
