-- Issue 7, defect 8: `voorop casus import` stores a large file in short batches instead of one
-- transaction that holds the write lock for minutes. One row per import of a file: how far it
-- got, so an interrupted import is reported with its last committed row and can be resumed
-- (`--hervatten`) from exactly there, and a completed file is not imported twice.
CREATE TABLE casus_import (
    id INTEGER PRIMARY KEY,
    -- SHA-256 of the file's bytes: the same file, byte for byte, is the same import.
    bestand_sha256 TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('bezig', 'voltooid')),
    gestart_op TEXT NOT NULL,
    bijgewerkt_op TEXT NOT NULL,
    -- Data rows in the file (validated before the first batch).
    rijen INTEGER NOT NULL,
    -- Moments and new cases stored so far.
    momenten INTEGER NOT NULL DEFAULT 0,
    casussen INTEGER NOT NULL DEFAULT 0,
    -- The last committed row (spreadsheet numbering, header = 1; 1 = nothing stored yet) and
    -- where the reader continues after it (byte offset, line and record of the CSV reader).
    laatste_rij INTEGER NOT NULL DEFAULT 1,
    verder_byte INTEGER NOT NULL DEFAULT 0,
    verder_regel INTEGER NOT NULL DEFAULT 0,
    verder_record INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX casus_import_bestand ON casus_import(bestand_sha256);

-- While an import is unfinished: which new case a `casus_ref` of the file became, so later
-- batches (and a resumed run) add their moments to it. The reference itself is not stored,
-- only a salted SHA-256; the rows are deleted when the import completes.
CREATE TABLE casus_import_ref (
    import_id INTEGER NOT NULL REFERENCES casus_import(id),
    ref_hash TEXT NOT NULL,
    casus_id INTEGER NOT NULL REFERENCES casus(id),
    PRIMARY KEY (import_id, ref_hash)
);
