-- Who an assessment queued in the outbox is attributed to. The token that recorded a completion
-- (an institute's) is kept with the completion, so that a reviewer's later release queues its
-- levels under that token too, and with each outbox row it queues; the relay sends it with the
-- delivery (metadata x-thaksa-on-behalf-of-token) and the assessment service records the levels
-- as the institute's, by that token. NULL: not known (rows written before this migration), and
-- such rows are delivered all the same, attributed to the institute without a token.
ALTER TABLE completion ADD COLUMN IF NOT EXISTS recorded_by_token_id BIGINT NULL;
ALTER TABLE learning_outbox ADD COLUMN IF NOT EXISTS on_behalf_of_token_id BIGINT NULL;
