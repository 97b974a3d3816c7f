-- Issue 11, the case API: an `Idempotency-Key` header makes a retried POST safe. A key is
-- claimed (status 0) before the write and holds the answer after it: the status, the JSON body
-- (only the new item's number, never personal data) and its Location. Kept for a day.
-- PostgreSQL dialect of migrations/sqlite/0033_api_idempotentie.sql.
CREATE TABLE api_idempotentie (
    gebruiker_id BIGINT NOT NULL REFERENCES gebruiker(id),
    sleutel TEXT NOT NULL,
    vingerafdruk TEXT NOT NULL,
    status BIGINT NOT NULL,
    antwoord TEXT NOT NULL,
    locatie TEXT,
    aangemaakt_ms BIGINT NOT NULL,
    PRIMARY KEY (gebruiker_id, sleutel)
);
CREATE INDEX api_idempotentie_aangemaakt ON api_idempotentie(aangemaakt_ms);
