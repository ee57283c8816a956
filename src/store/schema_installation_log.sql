-- The installation's own log: a denial aimed at another organization's
-- object (an application or credential of another organization, a host
-- another owner routes) is recorded here as well as in the prober's
-- organization, so that the prober's `audit prune` cannot erase it. Only
-- installation owners read or prune it. `org_id` is the prober's
-- organization, `aimed_org_id` the organization the object belongs to
-- (NULL when the holder is not an application: a router authgate did not
-- write).
CREATE TABLE installation_log (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    at             TEXT NOT NULL,
    actor_user_id  TEXT,
    actor_name     TEXT,
    org_id         TEXT,
    aimed_org_id   TEXT,
    action         TEXT NOT NULL,
    target_type    TEXT,
    target         TEXT,
    outcome        TEXT NOT NULL CHECK (outcome IN ('ok', 'denied', 'error')),
    detail         TEXT
) STRICT;
CREATE INDEX installation_log_by_time ON installation_log(at);
