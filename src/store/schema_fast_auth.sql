-- authgate schema: fast authentication. Traefik verifies the password on
-- every request and caches nothing, so the hash scheme sets the CPU cost of
-- every request. A fast-auth application takes only secrets authgate
-- generated (at least 128 bits), stored and published as {SHA}; any other
-- application hashes with bcrypt.
ALTER TABLE applications ADD COLUMN fast_auth INTEGER NOT NULL DEFAULT 0 CHECK (fast_auth IN (0, 1));
