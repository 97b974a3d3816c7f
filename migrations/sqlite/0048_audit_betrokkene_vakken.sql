-- The data subject's index of the audit log, ordered by age first (issue 8). Keyed on the
-- pseudonym alone, every new audit row about a case went to a random place in an index of
-- two million rows: the CSV import dirtied one page of it per case (3,207 of the 8,526 pages
-- that 5,000 imported rows wrote, more than the log itself) and ran 20-30 % slower than
-- without the index. Keyed on (id / 16384, pseudonym), new rows go to the newest part of the
-- index, which only holds the last 16,384 rows. An access request (`inzage_betrokkene`) looks
-- the pseudonym up once per part: 123 lookups at two million rows, 2-3 ms.
-- The part size 16384 is `audit::repo::BETROKKENE_VAK`.
DROP INDEX audit_log_betrokkene;
CREATE INDEX audit_log_betrokkene ON audit_log(id / 16384, betrokkene) WHERE betrokkene <> '';
