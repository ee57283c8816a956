-- authgate schema, version 2: key-value sinks beside the watched directory.
-- A sink's password is never stored, only where to read it from.
CREATE TABLE sinks (
    name          TEXT PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('redis')),
    url           TEXT NOT NULL,
    root_key      TEXT NOT NULL,
    password_file TEXT,
    password_env  TEXT,
    created_at    TEXT NOT NULL,
    UNIQUE (url, root_key)
) STRICT;
