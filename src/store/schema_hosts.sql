-- authgate schema: an application with external routing (its router is
-- written elsewhere) declares the hosts that router serves, so that they
-- have one owner like managed domains. They are claimed in `app_domains`
-- and written nowhere.
ALTER TABLE applications ADD COLUMN hosts TEXT NOT NULL DEFAULT '[]';
