-- A change marker for the Ontwikkelagenda (issue 8, "Fast at national scale"): its agenda
-- versions, SWOT sessions, Uitvoeringsplannen and the regional networks' years. National pages
-- that read every region's year (the overview of the network years) keep what they read per
-- instance, keyed by this version and that of the organisations (`db::geheugen`, as 0020 does
-- for the Werkset, the organisation structure and the Zelfscan). Every insert, update or delete
-- on one of these tables bumps it, whoever writes. No personal data is involved.
INSERT INTO gegevens_versie (onderwerp, versie) VALUES ('ontwikkelagenda', 1);

CREATE TRIGGER gegevens_versie_ontwikkelagenda_versie_invoegen AFTER INSERT ON ontwikkelagenda_versie BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_ontwikkelagenda_versie_wijzigen AFTER UPDATE ON ontwikkelagenda_versie BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_ontwikkelagenda_versie_verwijderen AFTER DELETE ON ontwikkelagenda_versie BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_swot_sessie_invoegen AFTER INSERT ON swot_sessie BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_swot_sessie_wijzigen AFTER UPDATE ON swot_sessie BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_swot_sessie_verwijderen AFTER DELETE ON swot_sessie BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_swot_deelnemer_invoegen AFTER INSERT ON swot_deelnemer BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_swot_deelnemer_wijzigen AFTER UPDATE ON swot_deelnemer BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_swot_deelnemer_verwijderen AFTER DELETE ON swot_deelnemer BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_swot_plaatsing_invoegen AFTER INSERT ON swot_plaatsing BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_swot_plaatsing_wijzigen AFTER UPDATE ON swot_plaatsing BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_swot_plaatsing_verwijderen AFTER DELETE ON swot_plaatsing BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_swot_stap_invoegen AFTER INSERT ON swot_stap BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_swot_stap_wijzigen AFTER UPDATE ON swot_stap BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_swot_stap_verwijderen AFTER DELETE ON swot_stap BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_swot_reactie_invoegen AFTER INSERT ON swot_reactie BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_swot_reactie_wijzigen AFTER UPDATE ON swot_reactie BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_swot_reactie_verwijderen AFTER DELETE ON swot_reactie BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_uitvoeringsplan_invoegen AFTER INSERT ON uitvoeringsplan BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_uitvoeringsplan_wijzigen AFTER UPDATE ON uitvoeringsplan BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_uitvoeringsplan_verwijderen AFTER DELETE ON uitvoeringsplan BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_uitvoeringsplan_onderdeel_invoegen AFTER INSERT ON uitvoeringsplan_onderdeel BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_uitvoeringsplan_onderdeel_wijzigen AFTER UPDATE ON uitvoeringsplan_onderdeel BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_uitvoeringsplan_onderdeel_verwijderen AFTER DELETE ON uitvoeringsplan_onderdeel BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_uitvoeringsplan_activiteit_invoegen AFTER INSERT ON uitvoeringsplan_activiteit BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_uitvoeringsplan_activiteit_wijzigen AFTER UPDATE ON uitvoeringsplan_activiteit BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_uitvoeringsplan_activiteit_verwijderen AFTER DELETE ON uitvoeringsplan_activiteit BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_uitvoeringsplan_kosten_invoegen AFTER INSERT ON uitvoeringsplan_kosten BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_uitvoeringsplan_kosten_wijzigen AFTER UPDATE ON uitvoeringsplan_kosten BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_uitvoeringsplan_kosten_verwijderen AFTER DELETE ON uitvoeringsplan_kosten BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_netwerk_werkplan_invoegen AFTER INSERT ON netwerk_werkplan BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_netwerk_werkplan_wijzigen AFTER UPDATE ON netwerk_werkplan BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_netwerk_werkplan_verwijderen AFTER DELETE ON netwerk_werkplan BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_netwerk_speerpunt_invoegen AFTER INSERT ON netwerk_speerpunt BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_netwerk_speerpunt_wijzigen AFTER UPDATE ON netwerk_speerpunt BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_netwerk_speerpunt_verwijderen AFTER DELETE ON netwerk_speerpunt BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_netwerk_thematrekker_invoegen AFTER INSERT ON netwerk_thematrekker BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_netwerk_thematrekker_wijzigen AFTER UPDATE ON netwerk_thematrekker BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_netwerk_thematrekker_verwijderen AFTER DELETE ON netwerk_thematrekker BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_netwerk_bijeenkomst_invoegen AFTER INSERT ON netwerk_bijeenkomst BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_netwerk_bijeenkomst_wijzigen AFTER UPDATE ON netwerk_bijeenkomst BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_netwerk_bijeenkomst_verwijderen AFTER DELETE ON netwerk_bijeenkomst BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_netwerk_besluit_invoegen AFTER INSERT ON netwerk_besluit BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_netwerk_besluit_wijzigen AFTER UPDATE ON netwerk_besluit BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_netwerk_besluit_verwijderen AFTER DELETE ON netwerk_besluit BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_netwerk_evaluatie_invoegen AFTER INSERT ON netwerk_evaluatie BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_netwerk_evaluatie_wijzigen AFTER UPDATE ON netwerk_evaluatie BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_netwerk_evaluatie_verwijderen AFTER DELETE ON netwerk_evaluatie BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_netwerk_evaluatie_aspect_invoegen AFTER INSERT ON netwerk_evaluatie_aspect BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_netwerk_evaluatie_aspect_wijzigen AFTER UPDATE ON netwerk_evaluatie_aspect BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;

CREATE TRIGGER gegevens_versie_netwerk_evaluatie_aspect_verwijderen AFTER DELETE ON netwerk_evaluatie_aspect BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'ontwikkelagenda';
END;
