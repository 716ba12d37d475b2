-- The day a secondary group was approved by the next-level supervisor (§4.6.3); approvals kept
-- before it have none.
ALTER TABLE person_secondary_group ADD COLUMN IF NOT EXISTS approved_on DATE NULL;
