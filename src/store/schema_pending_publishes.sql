-- authgate schema: publishes a sink missed. A change is published to every
-- sink that answers and committed; a key-value sink that was down gets a
-- row per application it missed, naming the sink as `sink add` did, and
-- still holds an older configuration of it. The next publishing command,
-- or `sync`, publishes the application there from the database and removes
-- the row in its transaction (ARCHITECTURE.md, "The unit of work").
CREATE TABLE pending_publishes (
    sink     TEXT NOT NULL,
    app_name TEXT NOT NULL,
    since    TEXT NOT NULL,
    reason   TEXT NOT NULL,
    PRIMARY KEY (sink, app_name)
);
