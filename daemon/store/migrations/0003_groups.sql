-- Schema version 3: group membership (the alert lists residents join; a broadcast to a group
-- reads its members) and what the HTTP API's reads need without scanning the whole queue: held
-- messages, scheduled messages, a broadcast's send times, and parts by their message.

CREATE TABLE group_members (
  id        INTEGER PRIMARY KEY,       -- join order
  grp       TEXT NOT NULL,             -- upper-case, e.g. LANET
  number    TEXT NOT NULL,             -- E.164
  joined_at INTEGER NOT NULL,
  UNIQUE (grp, number)
);
-- (grp, rowid): one group's members in join order without a sort.
CREATE INDEX group_members_by_group ON group_members (grp);

-- When the message became sent (kept when it is then delivered): a broadcast's send rate.
ALTER TABLE outbound ADD COLUMN sent_at INTEGER;
UPDATE outbound SET sent_at = (SELECT max(s.sent_at) FROM segments s
                               WHERE s.message_id = outbound.id AND s.attempt = outbound.attempts)
WHERE state IN (2, 3);
CREATE INDEX outbound_broadcast_sent ON outbound (broadcast_id, sent_at)
  WHERE broadcast_id IS NOT NULL AND sent_at IS NOT NULL;

-- Held messages are few and wait for a human; queue depth and the held listing read them here.
CREATE INDEX outbound_held ON outbound (priority) WHERE state = 7;
-- Queued messages that wait for a time (not_before or a retry pause): the router's next wake-up.
CREATE INDEX outbound_scheduled ON outbound (not_before) WHERE state = 0 AND not_before > 0;

-- Assembly and the duplicate-sequence check look parts up by their message.
CREATE INDEX inbound_parts_by_message ON inbound_parts (inbound_id, seq);
