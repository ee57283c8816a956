-- Names have one owner (ARCHITECTURE.md, "Shared ground").
--
-- `released_names`: an app name given up by removal or rename, with the
-- organization that gave it up and when. Only that organization may take
-- it again until the `name_reservation_days` setting has passed, so that a
-- router outside authgate that still references `<app>-auth@...` never
-- hands its users to another organization's credentials. Taking the name
-- deletes the row, and so does an installation owner's release.
--
-- `declared_routers`: routers outside authgate (`portal-router@docker`)
-- that an application declares as serving it, so that `audit failures`
-- counts their access-log lines for it and for no other. One router, one
-- application, across the installation.
CREATE TABLE released_names (
    app_name    TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES organizations(org_id) ON DELETE CASCADE,
    released_at TEXT NOT NULL
) STRICT;

CREATE TABLE declared_routers (
    router         TEXT PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES applications(application_id) ON DELETE CASCADE
) STRICT;
CREATE INDEX declared_routers_by_application ON declared_routers(application_id);
