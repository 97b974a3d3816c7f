-- Issue 11, help per role on a page's first visit: which page's help each user has put away
-- ("Begrepen"). No row: the help shows.
CREATE TABLE hulp_gezien (
    gebruiker_id INTEGER NOT NULL REFERENCES gebruiker(id),
    pagina TEXT NOT NULL,
    gezien_op TEXT NOT NULL,
    PRIMARY KEY (gebruiker_id, pagina)
);
