-- Change markers for reference data kept in memory (issue 8, "Fast at national scale"): the
-- Werkset (catalogue, registrations and their entries), the organisation structure (regions,
-- organisations, overleggen and their members) and the Zelfscan (questionnaires, rounds and
-- answers of gemeenten; no personal data). Pages read at national scale (the national
-- comparison, the Werkset region page, the indicators' overleggen, Zelfscan results) keep what
-- they read per instance, keyed by the version of its subject (`db::geheugen`). Every insert, update or
-- delete on a table of a subject bumps that subject's version, whoever writes (this server,
-- another instance, a CLI process), so a kept value is used only while nothing it was read from
-- has changed. These tables change by hand, far less often than they are read; one version per
-- subject is enough.
-- No personal data is involved: case data has its own markers (0016, 0019).
CREATE TABLE gegevens_versie (
    onderwerp TEXT PRIMARY KEY,
    versie INTEGER NOT NULL
);
INSERT INTO gegevens_versie (onderwerp, versie) VALUES ('werkset', 1), ('organisaties', 1), ('zelfscan', 1);


CREATE TRIGGER gegevens_versie_werkset_bron_invoegen AFTER INSERT ON werkset_bron BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'werkset';
END;

CREATE TRIGGER gegevens_versie_werkset_bron_wijzigen AFTER UPDATE ON werkset_bron BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'werkset';
END;

CREATE TRIGGER gegevens_versie_werkset_bron_verwijderen AFTER DELETE ON werkset_bron BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'werkset';
END;

CREATE TRIGGER gegevens_versie_werkset_catalogus_invoegen AFTER INSERT ON werkset_catalogus BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'werkset';
END;

CREATE TRIGGER gegevens_versie_werkset_catalogus_wijzigen AFTER UPDATE ON werkset_catalogus BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'werkset';
END;

CREATE TRIGGER gegevens_versie_werkset_catalogus_verwijderen AFTER DELETE ON werkset_catalogus BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'werkset';
END;

CREATE TRIGGER gegevens_versie_werkset_citaat_invoegen AFTER INSERT ON werkset_citaat BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'werkset';
END;

CREATE TRIGGER gegevens_versie_werkset_citaat_wijzigen AFTER UPDATE ON werkset_citaat BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'werkset';
END;

CREATE TRIGGER gegevens_versie_werkset_citaat_verwijderen AFTER DELETE ON werkset_citaat BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'werkset';
END;

CREATE TRIGGER gegevens_versie_werkset_inspanning_invoegen AFTER INSERT ON werkset_inspanning BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'werkset';
END;

CREATE TRIGGER gegevens_versie_werkset_inspanning_wijzigen AFTER UPDATE ON werkset_inspanning BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'werkset';
END;

CREATE TRIGGER gegevens_versie_werkset_inspanning_verwijderen AFTER DELETE ON werkset_inspanning BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'werkset';
END;

CREATE TRIGGER gegevens_versie_werkset_praktijk_invoegen AFTER INSERT ON werkset_praktijk BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'werkset';
END;

CREATE TRIGGER gegevens_versie_werkset_praktijk_wijzigen AFTER UPDATE ON werkset_praktijk BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'werkset';
END;

CREATE TRIGGER gegevens_versie_werkset_praktijk_verwijderen AFTER DELETE ON werkset_praktijk BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'werkset';
END;

CREATE TRIGGER gegevens_versie_werkset_registratie_invoegen AFTER INSERT ON werkset_registratie BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'werkset';
END;

CREATE TRIGGER gegevens_versie_werkset_registratie_wijzigen AFTER UPDATE ON werkset_registratie BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'werkset';
END;

CREATE TRIGGER gegevens_versie_werkset_registratie_verwijderen AFTER DELETE ON werkset_registratie BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'werkset';
END;

CREATE TRIGGER gegevens_versie_werkset_thema_invoegen AFTER INSERT ON werkset_thema BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'werkset';
END;

CREATE TRIGGER gegevens_versie_werkset_thema_wijzigen AFTER UPDATE ON werkset_thema BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'werkset';
END;

CREATE TRIGGER gegevens_versie_werkset_thema_verwijderen AFTER DELETE ON werkset_thema BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'werkset';
END;

CREATE TRIGGER gegevens_versie_werkset_verhaal_invoegen AFTER INSERT ON werkset_verhaal BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'werkset';
END;

CREATE TRIGGER gegevens_versie_werkset_verhaal_wijzigen AFTER UPDATE ON werkset_verhaal BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'werkset';
END;

CREATE TRIGGER gegevens_versie_werkset_verhaal_verwijderen AFTER DELETE ON werkset_verhaal BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'werkset';
END;

CREATE TRIGGER gegevens_versie_werkset_waarde_invoegen AFTER INSERT ON werkset_waarde BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'werkset';
END;

CREATE TRIGGER gegevens_versie_werkset_waarde_wijzigen AFTER UPDATE ON werkset_waarde BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'werkset';
END;

CREATE TRIGGER gegevens_versie_werkset_waarde_verwijderen AFTER DELETE ON werkset_waarde BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'werkset';
END;

CREATE TRIGGER gegevens_versie_regio_invoegen AFTER INSERT ON regio BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'organisaties';
END;

CREATE TRIGGER gegevens_versie_regio_wijzigen AFTER UPDATE ON regio BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'organisaties';
END;

CREATE TRIGGER gegevens_versie_regio_verwijderen AFTER DELETE ON regio BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'organisaties';
END;

CREATE TRIGGER gegevens_versie_organisatie_invoegen AFTER INSERT ON organisatie BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'organisaties';
END;

CREATE TRIGGER gegevens_versie_organisatie_wijzigen AFTER UPDATE ON organisatie BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'organisaties';
END;

CREATE TRIGGER gegevens_versie_organisatie_verwijderen AFTER DELETE ON organisatie BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'organisaties';
END;

CREATE TRIGGER gegevens_versie_overleg_invoegen AFTER INSERT ON overleg BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'organisaties';
END;

CREATE TRIGGER gegevens_versie_overleg_wijzigen AFTER UPDATE ON overleg BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'organisaties';
END;

CREATE TRIGGER gegevens_versie_overleg_verwijderen AFTER DELETE ON overleg BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'organisaties';
END;

CREATE TRIGGER gegevens_versie_overleg_organisatie_invoegen AFTER INSERT ON overleg_organisatie BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'organisaties';
END;

CREATE TRIGGER gegevens_versie_overleg_organisatie_wijzigen AFTER UPDATE ON overleg_organisatie BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'organisaties';
END;

CREATE TRIGGER gegevens_versie_overleg_organisatie_verwijderen AFTER DELETE ON overleg_organisatie BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'organisaties';
END;

CREATE TRIGGER gegevens_versie_vragenlijst_invoegen AFTER INSERT ON vragenlijst BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'zelfscan';
END;

CREATE TRIGGER gegevens_versie_vragenlijst_wijzigen AFTER UPDATE ON vragenlijst BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'zelfscan';
END;

CREATE TRIGGER gegevens_versie_vragenlijst_verwijderen AFTER DELETE ON vragenlijst BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'zelfscan';
END;

CREATE TRIGGER gegevens_versie_zelfscan_ronde_invoegen AFTER INSERT ON zelfscan_ronde BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'zelfscan';
END;

CREATE TRIGGER gegevens_versie_zelfscan_ronde_wijzigen AFTER UPDATE ON zelfscan_ronde BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'zelfscan';
END;

CREATE TRIGGER gegevens_versie_zelfscan_ronde_verwijderen AFTER DELETE ON zelfscan_ronde BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'zelfscan';
END;

CREATE TRIGGER gegevens_versie_ronde_gemeente_invoegen AFTER INSERT ON ronde_gemeente BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'zelfscan';
END;

CREATE TRIGGER gegevens_versie_ronde_gemeente_wijzigen AFTER UPDATE ON ronde_gemeente BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'zelfscan';
END;

CREATE TRIGGER gegevens_versie_ronde_gemeente_verwijderen AFTER DELETE ON ronde_gemeente BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'zelfscan';
END;

CREATE TRIGGER gegevens_versie_ronde_deelnemer_invoegen AFTER INSERT ON ronde_deelnemer BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'zelfscan';
END;

CREATE TRIGGER gegevens_versie_ronde_deelnemer_wijzigen AFTER UPDATE ON ronde_deelnemer BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'zelfscan';
END;

CREATE TRIGGER gegevens_versie_ronde_deelnemer_verwijderen AFTER DELETE ON ronde_deelnemer BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'zelfscan';
END;

CREATE TRIGGER gegevens_versie_zelfscan_antwoord_invoegen AFTER INSERT ON zelfscan_antwoord BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'zelfscan';
END;

CREATE TRIGGER gegevens_versie_zelfscan_antwoord_wijzigen AFTER UPDATE ON zelfscan_antwoord BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'zelfscan';
END;

CREATE TRIGGER gegevens_versie_zelfscan_antwoord_verwijderen AFTER DELETE ON zelfscan_antwoord BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'zelfscan';
END;

CREATE TRIGGER gegevens_versie_rad_antwoord_invoegen AFTER INSERT ON rad_antwoord BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'zelfscan';
END;

CREATE TRIGGER gegevens_versie_rad_antwoord_wijzigen AFTER UPDATE ON rad_antwoord BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'zelfscan';
END;

CREATE TRIGGER gegevens_versie_rad_antwoord_verwijderen AFTER DELETE ON rad_antwoord BEGIN
    UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'zelfscan';
END;
