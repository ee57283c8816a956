-- authgate schema, version 3: every host has one owner across the
-- installation, since one Traefik routes every organization's files.
-- `domain` is the canonical form (lowercase ASCII, IDN as punycode); the
-- application's `domains` column keeps the list as it is rendered.
--
-- `shared` marks a duplicate that a registry already held before this
-- version: the oldest holder keeps the unique claim (shared = 0), later
-- holders are kept (shared = 1) so that the migration never fails, `check`
-- reports them, and any change to one of those applications must give the
-- shared host up.
CREATE TABLE app_domains (
    domain         TEXT NOT NULL,
    application_id TEXT NOT NULL REFERENCES applications(application_id) ON DELETE CASCADE,
    shared         INTEGER NOT NULL DEFAULT 0 CHECK (shared IN (0, 1)),
    PRIMARY KEY (application_id, domain)
) STRICT;
CREATE UNIQUE INDEX app_domains_one_owner ON app_domains(domain) WHERE shared = 0;
CREATE INDEX app_domains_by_domain ON app_domains(domain);

INSERT INTO app_domains (domain, application_id, shared)
WITH held AS (
    SELECT DISTINCT lower(j.value) AS domain, a.application_id, a.created_at, a.rowid AS r
    FROM applications a, json_each(a.domains) j
),
ranked AS (
    SELECT domain, application_id,
           row_number() OVER (PARTITION BY domain ORDER BY created_at, r) AS n
    FROM held
)
SELECT domain, application_id, CASE WHEN n = 1 THEN 0 ELSE 1 END FROM ranked;
