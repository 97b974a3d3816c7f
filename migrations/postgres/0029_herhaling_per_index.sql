-- PostgreSQL only (issue 8, import speed at national scale). The statement trigger of 0024 that
-- bumps the region-years of a new case's person joined the statement's new cases with `casus`
-- on the pseudonym. For a bulk statement (thousands of cases) PostgreSQL planned that as a hash
-- join over a sequential scan of the whole `casus` table: 140 ms per statement on the national
-- dataset (381,849 cases), growing with the history instead of with the statement. A lateral
-- sub-select behind `OFFSET 0` (which PostgreSQL does not flatten into a join) looks each new
-- case's person up in `casus_pseudoniem_eerste` instead: about 4 µs a case, whatever the
-- table holds. Same rows, same bumps.
CREATE OR REPLACE FUNCTION voorop_indicator_casus_nieuw() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM voorop_indicator_versie(x.regio_code, x.jaar)
    FROM (SELECT n.regio_code, substr(n.eerste_tijdstip, 1, 4) AS jaar
            FROM nieuw n WHERE n.eerste_tijdstip IS NOT NULL
          UNION
          SELECT c.regio_code, substr(c.eerste_tijdstip, 1, 4)
            FROM nieuw n
            CROSS JOIN LATERAL (
                SELECT c.regio_code, c.eerste_tijdstip FROM casus c
                 WHERE c.pseudoniem = n.pseudoniem
                   AND c.eerste_dag BETWEEN n.eerste_dag AND n.eerste_dag + 366
                OFFSET 0) c
           WHERE n.pseudoniem IS NOT NULL AND n.eerste_dag IS NOT NULL) x;
    RETURN NULL;
END $$;
