-- Keeps the numbering in step with PostgreSQL's 0026 (typed moment columns computed by Voorop
-- there); SQLite keeps its generated columns.
SELECT 1;
