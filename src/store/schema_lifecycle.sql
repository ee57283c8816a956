-- Credential lifecycle: expiry, and passwords let through under --allow-weak.
--
-- `security.expires_at`: RFC 3339 UTC with milliseconds, or NULL for never.
-- An expired credential is never published.
--
-- `applications.next_expiry`: the earliest expiry among the credentials the
-- application's configuration held when it was last published, or NULL.
-- `authgate expire` re-publishes exactly the applications whose next_expiry
-- has passed: one indexed range query when nothing is due.
ALTER TABLE security ADD COLUMN expires_at TEXT;
ALTER TABLE security ADD COLUMN weak INTEGER NOT NULL DEFAULT 0;
ALTER TABLE applications ADD COLUMN next_expiry TEXT;
CREATE INDEX applications_by_next_expiry ON applications(next_expiry)
    WHERE next_expiry IS NOT NULL;
