-- PostgreSQL only (issue 8, import speed). The typed moment columns of 0015 were generated
-- columns, each parsing the moment's JSON again: 18 parses and some 16 PL/pgSQL date calls per
-- stored moment, most of what storing one cost (a 20,000-row import: 8.6 s; 5.5 s with nothing
-- computed at all). They become plain columns (DROP EXPRESSION keeps the stored values and
-- rewrites nothing) that Voorop's own writers fill with what `casus::model::kenmerken` computes
-- from the same rules (`casus::repo`, the CSV import, the national demo; `voorop migreer`
-- copies SQLite's values).
--
-- Any other writer still gets them right without knowing they exist, as 0015 promised: the
-- trigger below computes them as the generated columns did
--   - on INSERT when none is given (all NULL; Voorop gives at least `k_dagdeel` for every
--     valid time);
--   - on UPDATE of `tijdstip` or `gegevens` that leaves all of them as they were.
-- Voorop's values are used as given otherwise; `indicatoren_gelijk::kenmerken_kloppen` holds
-- every stored value equal to what the rules give, on both databases.
-- SQLite keeps its generated columns (VIRTUAL: computed only for the index).
ALTER TABLE moment
    ALTER COLUMN k_dagdeel DROP EXPRESSION,
    ALTER COLUMN k_reactie DROP EXPRESSION,
    ALTER COLUMN k_veiligheidsbeoordeling DROP EXPRESSION,
    ALTER COLUMN k_vt_melding_datum DROP EXPRESSION,
    ALTER COLUMN k_terugkoppeling_op DROP EXPRESSION,
    ALTER COLUMN k_vt_betrokkenheid DROP EXPRESSION,
    ALTER COLUMN k_contact_verkregen DROP EXPRESSION,
    ALTER COLUMN k_vt_afdoeningsoverleg DROP EXPRESSION,
    ALTER COLUMN k_vt_geinformeerd DROP EXPRESSION,
    ALTER COLUMN k_beslissing DROP EXPRESSION,
    ALTER COLUMN k_beslissing_tijdstip DROP EXPRESSION,
    ALTER COLUMN k_veiligheidsvoorwaarden DROP EXPRESSION,
    ALTER COLUMN k_anoniem DROP EXPRESSION,
    ALTER COLUMN k_onderzoeksplan DROP EXPRESSION,
    ALTER COLUMN k_responstijd DROP EXPRESSION,
    ALTER COLUMN k_doorlooptijd DROP EXPRESSION,
    ALTER COLUMN k_beoordeling_voor DROP EXPRESSION,
    ALTER COLUMN k_consultatie DROP EXPRESSION;

CREATE FUNCTION voorop_moment_kenmerken() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NOT (NEW.k_dagdeel IS NULL AND NEW.k_reactie IS NULL AND NEW.k_veiligheidsbeoordeling IS NULL AND NEW.k_vt_melding_datum IS NULL AND NEW.k_terugkoppeling_op IS NULL AND NEW.k_vt_betrokkenheid IS NULL AND NEW.k_contact_verkregen IS NULL AND NEW.k_vt_afdoeningsoverleg IS NULL AND NEW.k_vt_geinformeerd IS NULL AND NEW.k_beslissing IS NULL AND NEW.k_beslissing_tijdstip IS NULL AND NEW.k_veiligheidsvoorwaarden IS NULL AND NEW.k_anoniem IS NULL AND NEW.k_onderzoeksplan IS NULL AND NEW.k_responstijd IS NULL AND NEW.k_doorlooptijd IS NULL AND NEW.k_beoordeling_voor IS NULL AND NEW.k_consultatie IS NULL) THEN
            RETURN NEW;
        END IF;
    ELSIF NOT (NEW.k_dagdeel IS NOT DISTINCT FROM OLD.k_dagdeel AND NEW.k_reactie IS NOT DISTINCT FROM OLD.k_reactie AND NEW.k_veiligheidsbeoordeling IS NOT DISTINCT FROM OLD.k_veiligheidsbeoordeling AND NEW.k_vt_melding_datum IS NOT DISTINCT FROM OLD.k_vt_melding_datum AND NEW.k_terugkoppeling_op IS NOT DISTINCT FROM OLD.k_terugkoppeling_op AND NEW.k_vt_betrokkenheid IS NOT DISTINCT FROM OLD.k_vt_betrokkenheid AND NEW.k_contact_verkregen IS NOT DISTINCT FROM OLD.k_contact_verkregen AND NEW.k_vt_afdoeningsoverleg IS NOT DISTINCT FROM OLD.k_vt_afdoeningsoverleg AND NEW.k_vt_geinformeerd IS NOT DISTINCT FROM OLD.k_vt_geinformeerd AND NEW.k_beslissing IS NOT DISTINCT FROM OLD.k_beslissing AND NEW.k_beslissing_tijdstip IS NOT DISTINCT FROM OLD.k_beslissing_tijdstip AND NEW.k_veiligheidsvoorwaarden IS NOT DISTINCT FROM OLD.k_veiligheidsvoorwaarden AND NEW.k_anoniem IS NOT DISTINCT FROM OLD.k_anoniem AND NEW.k_onderzoeksplan IS NOT DISTINCT FROM OLD.k_onderzoeksplan AND NEW.k_responstijd IS NOT DISTINCT FROM OLD.k_responstijd AND NEW.k_doorlooptijd IS NOT DISTINCT FROM OLD.k_doorlooptijd AND NEW.k_beoordeling_voor IS NOT DISTINCT FROM OLD.k_beoordeling_voor AND NEW.k_consultatie IS NOT DISTINCT FROM OLD.k_consultatie) THEN
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
    RETURN NEW;
END $$;

CREATE TRIGGER moment_kenmerken_invoegen BEFORE INSERT ON moment
    FOR EACH ROW EXECUTE FUNCTION voorop_moment_kenmerken();
CREATE TRIGGER moment_kenmerken_wijzigen BEFORE UPDATE OF tijdstip, gegevens ON moment
    FOR EACH ROW EXECUTE FUNCTION voorop_moment_kenmerken();
