-- Issue 11, the indicator "aanmeldingen aanvaard per criterium": the referral criterion the
-- inbrenger named as a typed column (see migrations/sqlite/0039_criterium_kenmerk.sql). As since
-- 0026, Voorop's writers give the typed columns (`casus::model::kenmerken`); the trigger
-- computes them for any other writer, now with this one, and only Actie-overleg moments have
-- the field.
ALTER TABLE moment ADD COLUMN k_criterium TEXT;
UPDATE moment SET k_criterium = voorop_veld(gegevens, 'criterium')
WHERE soort = 'actieoverleg' AND voorop_veld(gegevens, 'criterium') IS NOT NULL;

CREATE OR REPLACE FUNCTION voorop_moment_kenmerken() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NOT (NEW.k_dagdeel IS NULL AND NEW.k_reactie IS NULL AND NEW.k_veiligheidsbeoordeling IS NULL AND NEW.k_vt_melding_datum IS NULL AND NEW.k_terugkoppeling_op IS NULL AND NEW.k_vt_betrokkenheid IS NULL AND NEW.k_contact_verkregen IS NULL AND NEW.k_vt_afdoeningsoverleg IS NULL AND NEW.k_vt_geinformeerd IS NULL AND NEW.k_beslissing IS NULL AND NEW.k_beslissing_tijdstip IS NULL AND NEW.k_veiligheidsvoorwaarden IS NULL AND NEW.k_anoniem IS NULL AND NEW.k_onderzoeksplan IS NULL AND NEW.k_responstijd IS NULL AND NEW.k_doorlooptijd IS NULL AND NEW.k_beoordeling_voor IS NULL AND NEW.k_consultatie IS NULL AND NEW.k_contact_gezocht IS NULL AND NEW.k_ophoud_minuten IS NULL AND NEW.k_criterium IS NULL) THEN
            RETURN NEW;
        END IF;
    ELSIF NOT (NEW.k_dagdeel IS NOT DISTINCT FROM OLD.k_dagdeel AND NEW.k_reactie IS NOT DISTINCT FROM OLD.k_reactie AND NEW.k_veiligheidsbeoordeling IS NOT DISTINCT FROM OLD.k_veiligheidsbeoordeling AND NEW.k_vt_melding_datum IS NOT DISTINCT FROM OLD.k_vt_melding_datum AND NEW.k_terugkoppeling_op IS NOT DISTINCT FROM OLD.k_terugkoppeling_op AND NEW.k_vt_betrokkenheid IS NOT DISTINCT FROM OLD.k_vt_betrokkenheid AND NEW.k_contact_verkregen IS NOT DISTINCT FROM OLD.k_contact_verkregen AND NEW.k_vt_afdoeningsoverleg IS NOT DISTINCT FROM OLD.k_vt_afdoeningsoverleg AND NEW.k_vt_geinformeerd IS NOT DISTINCT FROM OLD.k_vt_geinformeerd AND NEW.k_beslissing IS NOT DISTINCT FROM OLD.k_beslissing AND NEW.k_beslissing_tijdstip IS NOT DISTINCT FROM OLD.k_beslissing_tijdstip AND NEW.k_veiligheidsvoorwaarden IS NOT DISTINCT FROM OLD.k_veiligheidsvoorwaarden AND NEW.k_anoniem IS NOT DISTINCT FROM OLD.k_anoniem AND NEW.k_onderzoeksplan IS NOT DISTINCT FROM OLD.k_onderzoeksplan AND NEW.k_responstijd IS NOT DISTINCT FROM OLD.k_responstijd AND NEW.k_doorlooptijd IS NOT DISTINCT FROM OLD.k_doorlooptijd AND NEW.k_beoordeling_voor IS NOT DISTINCT FROM OLD.k_beoordeling_voor AND NEW.k_consultatie IS NOT DISTINCT FROM OLD.k_consultatie AND NEW.k_contact_gezocht IS NOT DISTINCT FROM OLD.k_contact_gezocht AND NEW.k_ophoud_minuten IS NOT DISTINCT FROM OLD.k_ophoud_minuten AND NEW.k_criterium IS NOT DISTINCT FROM OLD.k_criterium) THEN
        RETURN NEW;
    END IF;
    NEW.k_dagdeel := voorop_dagdeel(NEW.tijdstip);
    NEW.k_reactie := voorop_veld(NEW.gegevens, 'reactie');
    NEW.k_veiligheidsbeoordeling := voorop_veld(NEW.gegevens, 'veiligheidsbeoordeling');
    NEW.k_vt_melding_datum := voorop_veld(NEW.gegevens, 'vt_melding_datum');
    NEW.k_terugkoppeling_op := voorop_veld(NEW.gegevens, 'terugkoppeling_op');
    NEW.k_vt_betrokkenheid := voorop_veld(NEW.gegevens, 'vt_betrokkenheid');
    NEW.k_contact_verkregen := voorop_veld(NEW.gegevens, 'contact_verkregen');
    NEW.k_vt_afdoeningsoverleg := voorop_veld(NEW.gegevens, 'vt_afdoeningsoverleg');
    NEW.k_vt_geinformeerd := voorop_veld(NEW.gegevens, 'vt_geinformeerd');
    NEW.k_beslissing := voorop_veld(NEW.gegevens, 'beslissing');
    NEW.k_beslissing_tijdstip := voorop_veld(NEW.gegevens, 'beslissing_tijdstip');
    NEW.k_veiligheidsvoorwaarden := voorop_veld(NEW.gegevens, 'veiligheidsvoorwaarden');
    NEW.k_anoniem := voorop_veld(NEW.gegevens, 'anoniem');
    NEW.k_onderzoeksplan := voorop_veld(NEW.gegevens, 'onderzoeksplan');
    NEW.k_responstijd := voorop_minuut(voorop_veld(NEW.gegevens, 'reactie_tijdstip'))
        - voorop_minuut(NEW.tijdstip);
    NEW.k_doorlooptijd := voorop_dag(voorop_veld(NEW.gegevens, 'besproken_op'))
        - voorop_dag(NEW.tijdstip);
    NEW.k_beoordeling_voor := voorop_minuut(voorop_veld(NEW.gegevens, 'beslissing_tijdstip'))
        - voorop_minuut(voorop_veld(NEW.gegevens, 'beoordeling_tijdstip'));
    NEW.k_consultatie := voorop_minuut(voorop_veld(NEW.gegevens, 'om_consultatie'))
        - voorop_minuut(NEW.tijdstip);
    NEW.k_contact_gezocht := voorop_veld(NEW.gegevens, 'contact_gezocht');
    NEW.k_ophoud_minuten := voorop_ophoud(voorop_veld(NEW.gegevens, 'beslissing_tijdstip'))
        - voorop_ophoud(NEW.tijdstip);
    NEW.k_criterium := voorop_veld(NEW.gegevens, 'criterium');
    RETURN NEW;
END $$;

DROP TRIGGER moment_kenmerken_invoegen ON moment;
DROP TRIGGER moment_kenmerken_wijzigen ON moment;
CREATE TRIGGER moment_kenmerken_invoegen BEFORE INSERT ON moment
    FOR EACH ROW
    WHEN (NEW.k_dagdeel IS NULL
      AND NEW.k_reactie IS NULL
      AND NEW.k_veiligheidsbeoordeling IS NULL
      AND NEW.k_vt_melding_datum IS NULL
      AND NEW.k_terugkoppeling_op IS NULL
      AND NEW.k_vt_betrokkenheid IS NULL
      AND NEW.k_contact_verkregen IS NULL
      AND NEW.k_vt_afdoeningsoverleg IS NULL
      AND NEW.k_vt_geinformeerd IS NULL
      AND NEW.k_beslissing IS NULL
      AND NEW.k_beslissing_tijdstip IS NULL
      AND NEW.k_veiligheidsvoorwaarden IS NULL
      AND NEW.k_anoniem IS NULL
      AND NEW.k_onderzoeksplan IS NULL
      AND NEW.k_responstijd IS NULL
      AND NEW.k_doorlooptijd IS NULL
      AND NEW.k_beoordeling_voor IS NULL
      AND NEW.k_consultatie IS NULL
      AND NEW.k_contact_gezocht IS NULL
      AND NEW.k_ophoud_minuten IS NULL
      AND NEW.k_criterium IS NULL)
    EXECUTE FUNCTION voorop_moment_kenmerken();
CREATE TRIGGER moment_kenmerken_wijzigen BEFORE UPDATE OF tijdstip, gegevens ON moment
    FOR EACH ROW
    WHEN (NEW.k_dagdeel IS NOT DISTINCT FROM OLD.k_dagdeel
      AND NEW.k_reactie IS NOT DISTINCT FROM OLD.k_reactie
      AND NEW.k_veiligheidsbeoordeling IS NOT DISTINCT FROM OLD.k_veiligheidsbeoordeling
      AND NEW.k_vt_melding_datum IS NOT DISTINCT FROM OLD.k_vt_melding_datum
      AND NEW.k_terugkoppeling_op IS NOT DISTINCT FROM OLD.k_terugkoppeling_op
      AND NEW.k_vt_betrokkenheid IS NOT DISTINCT FROM OLD.k_vt_betrokkenheid
      AND NEW.k_contact_verkregen IS NOT DISTINCT FROM OLD.k_contact_verkregen
      AND NEW.k_vt_afdoeningsoverleg IS NOT DISTINCT FROM OLD.k_vt_afdoeningsoverleg
      AND NEW.k_vt_geinformeerd IS NOT DISTINCT FROM OLD.k_vt_geinformeerd
      AND NEW.k_beslissing IS NOT DISTINCT FROM OLD.k_beslissing
      AND NEW.k_beslissing_tijdstip IS NOT DISTINCT FROM OLD.k_beslissing_tijdstip
      AND NEW.k_veiligheidsvoorwaarden IS NOT DISTINCT FROM OLD.k_veiligheidsvoorwaarden
      AND NEW.k_anoniem IS NOT DISTINCT FROM OLD.k_anoniem
      AND NEW.k_onderzoeksplan IS NOT DISTINCT FROM OLD.k_onderzoeksplan
      AND NEW.k_responstijd IS NOT DISTINCT FROM OLD.k_responstijd
      AND NEW.k_doorlooptijd IS NOT DISTINCT FROM OLD.k_doorlooptijd
      AND NEW.k_beoordeling_voor IS NOT DISTINCT FROM OLD.k_beoordeling_voor
      AND NEW.k_consultatie IS NOT DISTINCT FROM OLD.k_consultatie
      AND NEW.k_contact_gezocht IS NOT DISTINCT FROM OLD.k_contact_gezocht
      AND NEW.k_ophoud_minuten IS NOT DISTINCT FROM OLD.k_ophoud_minuten
      AND NEW.k_criterium IS NOT DISTINCT FROM OLD.k_criterium)
    EXECUTE FUNCTION voorop_moment_kenmerken();

DROP INDEX moment_kenmerken;
CREATE INDEX moment_kenmerken ON moment(regio_code, soort, tijdstip, status,
    k_dagdeel,
    k_reactie,
    k_veiligheidsbeoordeling,
    k_vt_melding_datum,
    k_terugkoppeling_op,
    k_vt_betrokkenheid,
    k_contact_verkregen,
    k_vt_afdoeningsoverleg,
    k_vt_geinformeerd,
    k_beslissing,
    k_beslissing_tijdstip,
    k_veiligheidsvoorwaarden,
    k_anoniem,
    k_onderzoeksplan,
    k_responstijd,
    k_doorlooptijd,
    k_beoordeling_voor,
    k_consultatie,
    k_contact_gezocht,
    k_ophoud_minuten,
    k_criterium);
