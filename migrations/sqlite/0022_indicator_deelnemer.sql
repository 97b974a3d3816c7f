-- Participations bump the change marker of their moment's region-year too (issue 8). The
-- indicators do not count them, but the overdue count on every case page does (an afspraak is
-- overdue for the organisation that chairs its moment now): with this, `indicator_versie`
-- changes on every write that can change that count (afspraken: 0016; chairs: here), so the
-- count can be kept in memory (`casus::service::aantal_te_laat`). moment_deelnemer is
-- append-only (a participation ends by an update of `tot`).
CREATE TRIGGER indicator_deelnemer_invoegen AFTER INSERT ON moment_deelnemer BEGIN
    INSERT INTO indicator_versie (regio_code, jaar, versie)
    SELECT regio_code, substr(tijdstip, 1, 4), 1 FROM moment WHERE id = NEW.moment_id
    ON CONFLICT (regio_code, jaar) DO UPDATE SET versie = versie + 1;
END;
CREATE TRIGGER indicator_deelnemer_wijzigen AFTER UPDATE ON moment_deelnemer BEGIN
    INSERT INTO indicator_versie (regio_code, jaar, versie)
    SELECT regio_code, substr(tijdstip, 1, 4), 1 FROM moment WHERE id IN (OLD.moment_id, NEW.moment_id)
    ON CONFLICT (regio_code, jaar) DO UPDATE SET versie = versie + 1;
END;
CREATE TRIGGER indicator_deelnemer_verwijderen AFTER DELETE ON moment_deelnemer BEGIN
    INSERT INTO indicator_versie (regio_code, jaar, versie)
    SELECT regio_code, substr(tijdstip, 1, 4), 1 FROM moment WHERE id = OLD.moment_id
    ON CONFLICT (regio_code, jaar) DO UPDATE SET versie = versie + 1;
END;
