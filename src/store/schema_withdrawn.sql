-- authgate schema: a credential withdrawn because it expired stays
-- withdrawn. `withdrawn_at` is set by the first publish that left it out;
-- a clock set back later does not publish it again. Changing its expiry
-- clears it.
ALTER TABLE security ADD COLUMN withdrawn_at TEXT;
