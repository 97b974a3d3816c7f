-- PostgreSQL only (issue 8, import speed): the helper functions of the typed moment columns no
-- longer start a subtransaction per call (see migrations/postgres/0024). SQLite computes these
-- columns with built-in functions and has nothing to change; this file keeps the two sets of
-- migrations numbered alike.
SELECT 1;
