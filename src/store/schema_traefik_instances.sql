-- The Traefik instances that serve this installation (`authgate traefik
-- add`): the base URL of each one's API, which of authgate's sinks it reads
-- (`directory`, or a sink's name), the URLs of its entry points for the
-- probe, and where the API's basic-auth password is read from (a file or an
-- environment variable, never stored). `--wait`, `status` and `check` ask
-- them what Traefik really serves.
CREATE TABLE traefik_instances (
    name            TEXT PRIMARY KEY,
    api_url         TEXT NOT NULL,
    reads           TEXT NOT NULL,
    entrypoint_urls TEXT NOT NULL,
    api_user        TEXT,
    password_file   TEXT,
    password_env    TEXT,
    created_at      TEXT NOT NULL
) STRICT;
