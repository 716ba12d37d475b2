-- The external key is the recorder ("institute:" and a code of up to 32 characters) and the
-- caller's external id of up to 128 characters: 200 characters hold the longest.
ALTER TABLE assessment MODIFY external_key VARCHAR(200) NULL;
