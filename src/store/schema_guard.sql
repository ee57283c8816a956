-- authgate schema: the guard (`authgate guard`), which bans clients that
-- fail to log in too often, as Traefik routers.
-- Where each access log was read to, by the file's identity, so that a
-- renamed log is finished from where it stopped and a new one read from
-- its start.
CREATE TABLE guard_offsets (
    device  INTEGER NOT NULL,
    inode   INTEGER NOT NULL,
    offset  INTEGER NOT NULL,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (device, inode)
) STRICT;
-- The latest failed logins of a client on an application, within the
-- window (a JSON list of at most the limit plus one times).
CREATE TABLE guard_failures (
    application_id TEXT NOT NULL REFERENCES applications(application_id) ON DELETE CASCADE,
    address        TEXT NOT NULL,
    times          TEXT NOT NULL,
    last_at        TEXT NOT NULL,
    PRIMARY KEY (application_id, address)
) STRICT;
-- Bans: published while `lifted_at` is NULL; kept a day after they are
-- lifted, so that a client banned again within a day is banned twice as
-- long.
CREATE TABLE guard_bans (
    application_id TEXT NOT NULL REFERENCES applications(application_id) ON DELETE CASCADE,
    address        TEXT NOT NULL,
    banned_at      TEXT NOT NULL,
    banned_until   TEXT NOT NULL,
    times          INTEGER NOT NULL,
    failures       INTEGER NOT NULL,
    lifted_at      TEXT,
    PRIMARY KEY (application_id, address)
) STRICT;
CREATE INDEX guard_bans_in_force ON guard_bans(banned_until) WHERE lifted_at IS NULL;
-- Networks never banned (monitoring, offices).
CREATE TABLE guard_allowed (
    network    TEXT PRIMARY KEY,
    created_at TEXT NOT NULL
) STRICT;
-- Per-application overrides: NULL takes the installation's setting.
ALTER TABLE applications ADD COLUMN guard_max_failures INTEGER;
ALTER TABLE applications ADD COLUMN guard INTEGER NOT NULL DEFAULT 1;
