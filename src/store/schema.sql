-- authgate schema, version 1. Timestamps are RFC 3339 UTC strings with
-- milliseconds, so they sort and compare as text.

CREATE TABLE organizations (
    org_id      TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE users (
    user_id       TEXT PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    active_org_id TEXT REFERENCES organizations(org_id) ON DELETE SET NULL,
    created_at    TEXT NOT NULL
) STRICT;

CREATE TABLE members (
    user_id    TEXT NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
    org_id     TEXT NOT NULL REFERENCES organizations(org_id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'viewer')),
    created_at TEXT NOT NULL,
    PRIMARY KEY (user_id, org_id)
) STRICT;
CREATE INDEX members_by_org ON members(org_id);

CREATE TABLE projects (
    project_id TEXT PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES organizations(org_id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (org_id, name)
) STRICT;

CREATE TABLE environments (
    environment_id TEXT PRIMARY KEY,
    project_id     TEXT NOT NULL REFERENCES projects(project_id) ON DELETE CASCADE,
    name           TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    UNIQUE (project_id, name)
) STRICT;

-- domains, upstreams and entrypoints are JSON arrays of strings.
CREATE TABLE applications (
    application_id TEXT PRIMARY KEY,
    environment_id TEXT NOT NULL REFERENCES environments(environment_id) ON DELETE CASCADE,
    app_name       TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    domains        TEXT NOT NULL DEFAULT '[]',
    upstreams      TEXT NOT NULL DEFAULT '[]',
    entrypoints    TEXT NOT NULL DEFAULT '[]',
    tls            INTEGER NOT NULL DEFAULT 0,
    cert_resolver  TEXT,
    realm          TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;
CREATE INDEX applications_by_environment ON applications(environment_id);

CREATE TABLE app_grants (
    user_id        TEXT NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
    application_id TEXT NOT NULL REFERENCES applications(application_id) ON DELETE CASCADE,
    created_at     TEXT NOT NULL,
    PRIMARY KEY (user_id, application_id)
) STRICT;
CREATE INDEX app_grants_by_application ON app_grants(application_id);

CREATE TABLE security (
    security_id    TEXT PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES applications(application_id) ON DELETE CASCADE,
    username       TEXT NOT NULL,
    password_hash  TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    UNIQUE (application_id, username)
) STRICT;

CREATE TABLE api_keys (
    key_id        TEXT PRIMARY KEY,
    user_id       TEXT NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    secret_sha256 BLOB NOT NULL,
    created_at    TEXT NOT NULL,
    last_used_at  TEXT,
    revoked_at    TEXT
) STRICT;
CREATE INDEX api_keys_by_user ON api_keys(user_id);

-- Never holds a password, hash or API key secret.
CREATE TABLE audit_log (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    at             TEXT NOT NULL,
    actor_user_id  TEXT,
    actor_name     TEXT,
    org_id         TEXT,
    action         TEXT NOT NULL,
    target_type    TEXT,
    target         TEXT,
    application_id TEXT,
    security_id    TEXT,
    username       TEXT,
    outcome        TEXT NOT NULL CHECK (outcome IN ('ok', 'denied', 'error')),
    detail         TEXT
) STRICT;
CREATE INDEX audit_log_by_org_time ON audit_log(org_id, at);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
