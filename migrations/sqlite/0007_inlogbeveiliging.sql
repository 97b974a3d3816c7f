-- Lockout after repeated failed sign-ins (issue 7). The counter counts failures since
-- `eerste_mislukt_ms` (a window of VOOROP_INLOG_VENSTER_MINUTEN); reaching
-- VOOROP_INLOG_MAX_POGINGEN locks the account until `geblokkeerd_tot_ms` (epoch ms).
ALTER TABLE gebruiker ADD COLUMN mislukte_pogingen INTEGER NOT NULL DEFAULT 0;
ALTER TABLE gebruiker ADD COLUMN eerste_mislukt_ms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE gebruiker ADD COLUMN geblokkeerd_tot_ms INTEGER NOT NULL DEFAULT 0;

-- API tokens expire and carry a scope (issue 7): 'lezen' allows GET only, 'schrijven' also
-- PUT/POST/DELETE. Tokens made before this migration keep the power they had (schrijven) and
-- expire 90 days after they were made.
ALTER TABLE api_token ADD COLUMN bereik TEXT NOT NULL DEFAULT 'schrijven'
    CHECK (bereik IN ('lezen', 'schrijven'));
ALTER TABLE api_token ADD COLUMN verloopt_op TEXT;
UPDATE api_token SET verloopt_op = strftime('%Y-%m-%dT%H:%M:%SZ', aangemaakt_op, '+90 days');

-- A password set by an administrator (new account, reset) must be changed at the next
-- sign-in before anything else can be done.
ALTER TABLE gebruiker ADD COLUMN wachtwoord_wijzigen INTEGER NOT NULL DEFAULT 0;
