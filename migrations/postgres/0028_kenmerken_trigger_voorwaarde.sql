-- PostgreSQL only (issue 8, import speed). The BEFORE triggers of 0026 entered PL/pgSQL for
-- every inserted or updated moment, only to find (nearly always) that Voorop had given the
-- typed columns itself and return the row unchanged: a function call and an 18-term condition
-- per row, a visible share of a bulk import's server time. The same conditions now sit in the
-- triggers' WHEN clauses, which PostgreSQL evaluates without calling the function; the function
-- runs only when it has work, and then does what it did (its own checks stay, and agree).
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
      AND NEW.k_consultatie IS NULL)
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
      AND NEW.k_consultatie IS NOT DISTINCT FROM OLD.k_consultatie)
    EXECUTE FUNCTION voorop_moment_kenmerken();
