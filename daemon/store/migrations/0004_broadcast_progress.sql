-- Schema version 4: broadcast progress kept by the writer (daemon/store/src/progress.hpp) in one
-- UPDATE per request batch, instead of a trigger that ran on every recipient's state change and
-- gave each outbound UPDATE a statement journal; sends counted per broadcast and second (the API's
-- send rate) instead of an index entry per sent recipient.

DROP TRIGGER broadcast_progress;
DROP INDEX outbound_broadcast_sent;

CREATE TABLE broadcast_sends (
  broadcast_id INTEGER NOT NULL REFERENCES broadcasts(id),
  second       INTEGER NOT NULL,   -- UTC epoch second
  n            INTEGER NOT NULL,   -- recipients that became sent in that second
  PRIMARY KEY (broadcast_id, second)
) WITHOUT ROWID;

INSERT INTO broadcast_sends (broadcast_id, second, n)
  SELECT broadcast_id, sent_at / 1000, count(*) FROM outbound
  WHERE broadcast_id IS NOT NULL AND sent_at IS NOT NULL GROUP BY 1, 2;
