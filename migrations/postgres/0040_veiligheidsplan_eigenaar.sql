-- Issue 11: an activity of the plan may name its owner (see
-- migrations/sqlite/0040_veiligheidsplan_eigenaar.sql).
ALTER TABLE veiligheidsplan_item ADD COLUMN eigenaar_id BIGINT REFERENCES gebruiker(id);
