-- Schema version 2: retention support. The body purge asks, per old body, "does an unfinished
-- message or an unassembled part still use it?"; without these indexes each question is a scan
-- of the whole table. `pinned` lets an operator keep a body past retention (a case under review).
CREATE INDEX outbound_by_body ON outbound (body_id);
CREATE INDEX inbound_by_body ON inbound (body_id);
CREATE INDEX inbound_parts_by_body ON inbound_parts (body_id);
CREATE INDEX bodies_by_age ON bodies (created_at) WHERE text IS NOT NULL;
ALTER TABLE bodies ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;
