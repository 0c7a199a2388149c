-- Schema version 5: smaller broadcast recipient rows. Retention asks "does anything unfinished
-- still use this body?"; a broadcast's recipients all share the broadcast's body, so the
-- broadcast's own counters answer for them, and outbound_by_body needs no entry per recipient.
-- (Recipient rows also stop repeating their origin "broadcast N"; reads derive it.)

DROP INDEX outbound_by_body;
CREATE INDEX outbound_by_body ON outbound (body_id) WHERE broadcast_id IS NULL;
CREATE INDEX broadcasts_by_body ON broadcasts (body_id);
