-- authgate schema: publish intents. A mutation commits a row naming each
-- application it will publish (or '*' for every one) before it touches any
-- sink, and removes them in the transaction that commits its change. A row
-- that outlives its mutation means a process died between the two: the
-- sinks may hold what the database does not, and the next command publishes
-- those applications again from the database (ARCHITECTURE.md, "The unit of
-- work"). `owner` names the process (`<pid>:<start time>`), so that a reader
-- can tell an intent of a live writer, which it need not wait for, from one
-- left by a process that died.
CREATE TABLE publish_intents (
    token      TEXT NOT NULL,
    app_name   TEXT NOT NULL,
    owner      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (token, app_name)
);
