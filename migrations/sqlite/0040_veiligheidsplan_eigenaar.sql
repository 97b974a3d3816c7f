-- Issue 11, the onderzoeks- en veiligheidsplan: an activity may name its owner, a user of the
-- partner organisation that does it (as afspraken may since 0030), besides that organisation.
-- Process data about a professional, not about the case's persons: kept after retention.
ALTER TABLE veiligheidsplan_item ADD COLUMN eigenaar_id INTEGER REFERENCES gebruiker(id);
