-- Behaviours get their own code, by which plan items link to them ("T1S1-EXEC-1"), and the period
-- of the agencies whose people they are expected of (the driver's stage). PutBehaviours replaces
-- the whole set, so uniqueness is checked on each request; rows kept before have neither.
ALTER TABLE behaviour
  ADD COLUMN IF NOT EXISTS code VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT '',
  ADD COLUMN IF NOT EXISTS period TINYINT NOT NULL DEFAULT 0;
