-- authgate schema: access rules of an application with managed routing
-- (ARCHITECTURE.md, "Data model"). Each is rendered as an extra router of
-- the application, beside its main router (ARCHITECTURE.md, "Traefik's
-- model"):
-- `public_paths`     JSON list of path prefixes that skip authentication;
-- `protect_paths`    JSON list of path prefixes that alone need it (the rest
--                    of the site is public); never both lists at once;
-- `trusted_networks` JSON list of CIDRs in normalized form whose clients skip
--                    authentication;
-- `allow_preflight`  whether OPTIONS requests skip authentication.
ALTER TABLE applications ADD COLUMN public_paths TEXT NOT NULL DEFAULT '[]'
    CHECK (json_valid(public_paths));
ALTER TABLE applications ADD COLUMN protect_paths TEXT NOT NULL DEFAULT '[]'
    CHECK (json_valid(protect_paths) AND (protect_paths = '[]' OR public_paths = '[]'));
ALTER TABLE applications ADD COLUMN trusted_networks TEXT NOT NULL DEFAULT '[]'
    CHECK (json_valid(trusted_networks));
ALTER TABLE applications ADD COLUMN allow_preflight INTEGER NOT NULL DEFAULT 0
    CHECK (allow_preflight IN (0, 1));
