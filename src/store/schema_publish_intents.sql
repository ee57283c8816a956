-- authgate schema: publish intents. A mutation commits a row naming each
-- application it will publish (or '*' for every one) before it touches any
-- sink, and removes them in the transaction that commits its change. A row
-- that outlives its mutation means a process died between the two: the
-- sinks may hold what the database does not, and the next command publishes
-- those applications again from the database (ARCHITECTURE.md, "The unit of
-- work").
CREATE TABLE publish_intents (
    token      TEXT NOT NULL,
    app_name   TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (token, app_name)
);
