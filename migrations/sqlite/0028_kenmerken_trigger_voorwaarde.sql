-- Keeps the numbering in step with PostgreSQL's 0028 (the conditions of its typed-column
-- triggers); SQLite keeps its generated columns.
SELECT 1;
