-- Lockout after repeated failed sign-ins (issue 7). The counter counts failures since
-- `eerste_mislukt_ms` (a window of VOOROP_INLOG_VENSTER_MINUTEN); reaching
-- VOOROP_INLOG_MAX_POGINGEN locks the account until `geblokkeerd_tot_ms` (epoch ms).
-- PostgreSQL dialect of migrations/sqlite/0007_inlogbeveiliging.sql.
ALTER TABLE gebruiker ADD COLUMN mislukte_pogingen BIGINT NOT NULL DEFAULT 0;
ALTER TABLE gebruiker ADD COLUMN eerste_mislukt_ms BIGINT NOT NULL DEFAULT 0;
ALTER TABLE gebruiker ADD COLUMN geblokkeerd_tot_ms BIGINT NOT NULL DEFAULT 0;

-- API tokens expire and carry a scope (issue 7): 'lezen' allows GET only, 'schrijven' also
-- PUT/POST/DELETE. Tokens made before this migration keep the power they had (schrijven) and
-- expire 90 days after they were made.
ALTER TABLE api_token ADD COLUMN bereik TEXT NOT NULL DEFAULT 'schrijven'
    CONSTRAINT api_token_bereik_check CHECK (bereik IN ('lezen', 'schrijven'));
ALTER TABLE api_token ADD COLUMN verloopt_op TEXT;
-- SQLite: strftime('%Y-%m-%dT%H:%M:%SZ', aangemaakt_op, '+90 days'). `aangemaakt_op` is UTC
-- text ending in Z (db::nu); a cast to timestamp without time zone ignores the Z.
UPDATE api_token SET verloopt_op =
    to_char(aangemaakt_op::timestamp + interval '90 days', 'YYYY-MM-DD"T"HH24:MI:SS"Z"');

-- A password set by an administrator (new account, reset) must be changed at the next
-- sign-in before anything else can be done.
ALTER TABLE gebruiker ADD COLUMN wachtwoord_wijzigen BOOLEAN NOT NULL DEFAULT FALSE;
