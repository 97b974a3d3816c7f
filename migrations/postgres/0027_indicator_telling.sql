-- PostgreSQL twin of migrations/sqlite/0027_indicator_telling.sql (issue 8); see there for what
-- the table keeps and who writes it.
CREATE TABLE indicator_telling (
    regio_code TEXT NOT NULL,
    jaar TEXT NOT NULL,
    versie BIGINT NOT NULL,
    dag BIGINT NOT NULL,
    formaat BIGINT NOT NULL,
    tellingen TEXT NOT NULL,
    PRIMARY KEY (regio_code, jaar)
);
