-- PostgreSQL twin of migrations/sqlite/0045_ontwikkelagenda_versie.sql (issue 8); see there. The
-- same triggers by name, with the function of 0020 (a subject bumped once per transaction).
INSERT INTO gegevens_versie (onderwerp, versie) VALUES ('ontwikkelagenda', 1);

CREATE TRIGGER gegevens_versie_ontwikkelagenda_versie_invoegen AFTER INSERT ON ontwikkelagenda_versie
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_ontwikkelagenda_versie_wijzigen AFTER UPDATE ON ontwikkelagenda_versie
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_ontwikkelagenda_versie_verwijderen AFTER DELETE ON ontwikkelagenda_versie
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_swot_sessie_invoegen AFTER INSERT ON swot_sessie
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_swot_sessie_wijzigen AFTER UPDATE ON swot_sessie
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_swot_sessie_verwijderen AFTER DELETE ON swot_sessie
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_swot_deelnemer_invoegen AFTER INSERT ON swot_deelnemer
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_swot_deelnemer_wijzigen AFTER UPDATE ON swot_deelnemer
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_swot_deelnemer_verwijderen AFTER DELETE ON swot_deelnemer
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_swot_plaatsing_invoegen AFTER INSERT ON swot_plaatsing
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_swot_plaatsing_wijzigen AFTER UPDATE ON swot_plaatsing
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_swot_plaatsing_verwijderen AFTER DELETE ON swot_plaatsing
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_swot_stap_invoegen AFTER INSERT ON swot_stap
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_swot_stap_wijzigen AFTER UPDATE ON swot_stap
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_swot_stap_verwijderen AFTER DELETE ON swot_stap
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_swot_reactie_invoegen AFTER INSERT ON swot_reactie
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_swot_reactie_wijzigen AFTER UPDATE ON swot_reactie
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_swot_reactie_verwijderen AFTER DELETE ON swot_reactie
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_uitvoeringsplan_invoegen AFTER INSERT ON uitvoeringsplan
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_uitvoeringsplan_wijzigen AFTER UPDATE ON uitvoeringsplan
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_uitvoeringsplan_verwijderen AFTER DELETE ON uitvoeringsplan
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_uitvoeringsplan_onderdeel_invoegen AFTER INSERT ON uitvoeringsplan_onderdeel
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_uitvoeringsplan_onderdeel_wijzigen AFTER UPDATE ON uitvoeringsplan_onderdeel
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_uitvoeringsplan_onderdeel_verwijderen AFTER DELETE ON uitvoeringsplan_onderdeel
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_uitvoeringsplan_activiteit_invoegen AFTER INSERT ON uitvoeringsplan_activiteit
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_uitvoeringsplan_activiteit_wijzigen AFTER UPDATE ON uitvoeringsplan_activiteit
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_uitvoeringsplan_activiteit_verwijderen AFTER DELETE ON uitvoeringsplan_activiteit
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_uitvoeringsplan_kosten_invoegen AFTER INSERT ON uitvoeringsplan_kosten
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_uitvoeringsplan_kosten_wijzigen AFTER UPDATE ON uitvoeringsplan_kosten
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_uitvoeringsplan_kosten_verwijderen AFTER DELETE ON uitvoeringsplan_kosten
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_netwerk_werkplan_invoegen AFTER INSERT ON netwerk_werkplan
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_netwerk_werkplan_wijzigen AFTER UPDATE ON netwerk_werkplan
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_netwerk_werkplan_verwijderen AFTER DELETE ON netwerk_werkplan
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_netwerk_speerpunt_invoegen AFTER INSERT ON netwerk_speerpunt
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_netwerk_speerpunt_wijzigen AFTER UPDATE ON netwerk_speerpunt
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_netwerk_speerpunt_verwijderen AFTER DELETE ON netwerk_speerpunt
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_netwerk_thematrekker_invoegen AFTER INSERT ON netwerk_thematrekker
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_netwerk_thematrekker_wijzigen AFTER UPDATE ON netwerk_thematrekker
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_netwerk_thematrekker_verwijderen AFTER DELETE ON netwerk_thematrekker
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_netwerk_bijeenkomst_invoegen AFTER INSERT ON netwerk_bijeenkomst
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_netwerk_bijeenkomst_wijzigen AFTER UPDATE ON netwerk_bijeenkomst
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_netwerk_bijeenkomst_verwijderen AFTER DELETE ON netwerk_bijeenkomst
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_netwerk_besluit_invoegen AFTER INSERT ON netwerk_besluit
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_netwerk_besluit_wijzigen AFTER UPDATE ON netwerk_besluit
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_netwerk_besluit_verwijderen AFTER DELETE ON netwerk_besluit
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_netwerk_evaluatie_invoegen AFTER INSERT ON netwerk_evaluatie
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_netwerk_evaluatie_wijzigen AFTER UPDATE ON netwerk_evaluatie
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_netwerk_evaluatie_verwijderen AFTER DELETE ON netwerk_evaluatie
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_netwerk_evaluatie_aspect_invoegen AFTER INSERT ON netwerk_evaluatie_aspect
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_netwerk_evaluatie_aspect_wijzigen AFTER UPDATE ON netwerk_evaluatie_aspect
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
CREATE TRIGGER gegevens_versie_netwerk_evaluatie_aspect_verwijderen AFTER DELETE ON netwerk_evaluatie_aspect
    FOR EACH ROW EXECUTE FUNCTION voorop_gegevens_versie('ontwikkelagenda');
