-- Session tokens (AccessService.StartSession): short-lived tokens a browser keeps instead of the
-- long-lived token it signed in with (created_by_token_id). Only a session may end itself.
ALTER TABLE access_token ADD COLUMN IF NOT EXISTS session BOOLEAN NOT NULL DEFAULT FALSE;
