-- authgate schema: credentials shared by every application of a project,
-- or of one environment of it (`environment_id`). Each application's
-- middleware lists its own users and those it inherits; a username is
-- never twice in what one application accepts, which the code checks
-- across both tables (the index only catches two in one scope).
CREATE TABLE shared_credentials (
    security_id    TEXT PRIMARY KEY,
    project_id     TEXT NOT NULL REFERENCES projects(project_id) ON DELETE CASCADE,
    environment_id TEXT REFERENCES environments(environment_id) ON DELETE CASCADE,
    username       TEXT NOT NULL,
    password_hash  TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    expires_at     TEXT,
    weak           INTEGER NOT NULL DEFAULT 0,
    withdrawn_at   TEXT
) STRICT;
CREATE UNIQUE INDEX shared_credentials_by_scope
    ON shared_credentials(project_id, ifnull(environment_id, ''), username);
