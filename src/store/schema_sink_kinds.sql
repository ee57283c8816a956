-- authgate schema: a sink's kind is checked by authgate (sinks::configured,
-- which lists the key-value providers), not by a CHECK naming them, so that a
-- new provider needs no migration. The table is rebuilt as it was otherwise,
-- its rows kept; no other table references it.
CREATE TABLE sinks_rebuilt (
    name          TEXT PRIMARY KEY,
    kind          TEXT NOT NULL,
    url           TEXT NOT NULL,
    root_key      TEXT NOT NULL,
    password_file TEXT,
    password_env  TEXT,
    created_at    TEXT NOT NULL,
    UNIQUE (url, root_key)
) STRICT;
INSERT INTO sinks_rebuilt (name, kind, url, root_key, password_file, password_env, created_at)
    SELECT name, kind, url, root_key, password_file, password_env, created_at FROM sinks;
DROP TABLE sinks;
ALTER TABLE sinks_rebuilt RENAME TO sinks;
