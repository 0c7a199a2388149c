-- Schema version 1 of the jumbe store. Times are UTC epoch milliseconds. Every message text and
-- raw PDU lives in `bodies` and nowhere else, so retention purges one table and at-rest encryption
-- can later wrap one column pair. Enum columns hold the numbers of jumbe/store/types.hpp.

CREATE TABLE bodies (
  id         INTEGER PRIMARY KEY,
  created_at INTEGER NOT NULL,
  text       TEXT,            -- NULL once purged by retention
  raw_pdu    BLOB,            -- inbound parts only
  purged_at  INTEGER
);

CREATE TABLE broadcasts (
  id          INTEGER PRIMARY KEY,
  client      TEXT NOT NULL,
  idem_key    TEXT,
  name        TEXT NOT NULL,
  body_id     INTEGER NOT NULL REFERENCES bodies(id),
  priority    INTEGER NOT NULL CHECK (priority BETWEEN 0 AND 3),
  created_at  INTEGER NOT NULL,
  total       INTEGER NOT NULL,
  -- Counters by recipient state, maintained by the trigger below so progress is O(1).
  n_queued    INTEGER NOT NULL DEFAULT 0,
  n_sending   INTEGER NOT NULL DEFAULT 0,
  n_sent      INTEGER NOT NULL DEFAULT 0,
  n_delivered INTEGER NOT NULL DEFAULT 0,
  n_failed    INTEGER NOT NULL DEFAULT 0,
  n_expired   INTEGER NOT NULL DEFAULT 0,
  n_cancelled INTEGER NOT NULL DEFAULT 0,
  n_held      INTEGER NOT NULL DEFAULT 0,
  UNIQUE (client, idem_key)
);

CREATE TABLE outbound (
  id                 INTEGER PRIMARY KEY,
  client             TEXT NOT NULL,
  idem_key           TEXT,
  recipient          TEXT NOT NULL,          -- E.164, e.g. +254712345678
  body_id            INTEGER NOT NULL REFERENCES bodies(id),
  encoding           INTEGER NOT NULL CHECK (encoding BETWEEN 0 AND 2),
  segments           INTEGER NOT NULL CHECK (segments BETWEEN 1 AND 255),
  priority           INTEGER NOT NULL CHECK (priority BETWEEN 0 AND 3),
  lane               INTEGER NOT NULL DEFAULT 0, -- 0 single message, 1 broadcast recipient
  want_report        INTEGER NOT NULL DEFAULT 1,
  created_at         INTEGER NOT NULL,
  not_before         INTEGER NOT NULL DEFAULT 0,
  valid_until        INTEGER,                -- NULL: no expiry
  preferred_modem    TEXT,                   -- hard: only this modem may send it
  preferred_operator TEXT,                   -- soft: until prefer_until
  prefer_until       INTEGER NOT NULL DEFAULT 0,
  origin_kind        INTEGER NOT NULL DEFAULT 0,
  origin             TEXT,
  broadcast_id       INTEGER REFERENCES broadcasts(id),
  state              INTEGER NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 7),
  uncertain          INTEGER NOT NULL DEFAULT 0,
  attempts           INTEGER NOT NULL DEFAULT 0,
  modem              TEXT,                   -- modem of the current or last attempt
  lease_until        INTEGER,
  avoid_modem        TEXT,                   -- set by a retry-elsewhere failure ...
  avoid_until        INTEGER,                -- ... and honoured until then (one-modem boxes)
  last_error         TEXT,
  updated_at         INTEGER NOT NULL
);

-- Idempotency: one message per (client, key). Partial, so keyless messages and broadcast
-- recipients (the bulk of the rows) cost no entry here.
CREATE UNIQUE INDEX outbound_idem ON outbound (client, idem_key) WHERE idem_key IS NOT NULL;

-- The claim walks this index in order and stops at LIMIT: no sort, no scan of the whole queue.
CREATE INDEX outbound_ready ON outbound (priority, lane, created_at, id) WHERE state = 0;
CREATE INDEX outbound_sending ON outbound (lease_until) WHERE state = 1;
CREATE INDEX outbound_expiry ON outbound (valid_until)
  WHERE state IN (0, 7) AND valid_until IS NOT NULL;
CREATE INDEX outbound_broadcast ON outbound (broadcast_id) WHERE broadcast_id IS NOT NULL;

CREATE TABLE segments (
  message_id    INTEGER NOT NULL REFERENCES outbound(id),
  attempt       INTEGER NOT NULL,
  seq           INTEGER NOT NULL,            -- 1-based, as in the concatenation UDH
  modem         TEXT NOT NULL,
  recipient     TEXT NOT NULL,               -- copied so report matching needs no join
  tp_mr         INTEGER NOT NULL CHECK (tp_mr BETWEEN 0 AND 255),
  sent_at       INTEGER NOT NULL,
  report_status INTEGER,                     -- TP-ST of the last status report
  reported_at   INTEGER,
  PRIMARY KEY (message_id, attempt, seq)
) WITHOUT ROWID;
CREATE INDEX segments_by_mr ON segments (modem, tp_mr, sent_at);

CREATE TABLE inbound (
  id            INTEGER PRIMARY KEY,
  modem         TEXT NOT NULL,
  sender        TEXT NOT NULL,
  concat_ref    INTEGER,                     -- NULL for a single-part message
  total         INTEGER NOT NULL,
  parts_present INTEGER NOT NULL DEFAULT 0,
  first_at      INTEGER NOT NULL,
  completed_at  INTEGER,
  state         INTEGER NOT NULL DEFAULT 0,  -- 0 assembling, 1 complete, 2 incomplete
  body_id       INTEGER REFERENCES bodies(id)
);
CREATE INDEX inbound_assembling ON inbound (sender, concat_ref, total) WHERE state = 0;

CREATE TABLE inbound_parts (
  id           INTEGER PRIMARY KEY,
  inbound_id   INTEGER NOT NULL REFERENCES inbound(id),
  modem        TEXT NOT NULL,
  seq          INTEGER NOT NULL,
  received_at  INTEGER NOT NULL,
  sc_timestamp INTEGER,
  pdu_key      BLOB NOT NULL,                -- the raw PDU bytes: identical on a second read
  duplicate    INTEGER NOT NULL DEFAULT 0,   -- same (sender, ref, seq) again with other bytes
  body_id      INTEGER NOT NULL REFERENCES bodies(id),
  UNIQUE (modem, pdu_key)
);

CREATE TABLE events (
  id         INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused, so cursors stay valid after pruning
  at         INTEGER NOT NULL,
  kind       INTEGER NOT NULL,
  subject_id INTEGER,
  state      INTEGER,
  detail     TEXT
);
CREATE INDEX events_by_time ON events (at);

CREATE TABLE cursors (
  integrator TEXT PRIMARY KEY,
  acked_id   INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TRIGGER broadcast_progress AFTER UPDATE OF state ON outbound
WHEN NEW.broadcast_id IS NOT NULL AND OLD.state <> NEW.state
BEGIN
  UPDATE broadcasts SET
    n_queued    = n_queued    - (OLD.state = 0) + (NEW.state = 0),
    n_sending   = n_sending   - (OLD.state = 1) + (NEW.state = 1),
    n_sent      = n_sent      - (OLD.state = 2) + (NEW.state = 2),
    n_delivered = n_delivered - (OLD.state = 3) + (NEW.state = 3),
    n_failed    = n_failed    - (OLD.state = 4) + (NEW.state = 4),
    n_expired   = n_expired   - (OLD.state = 5) + (NEW.state = 5),
    n_cancelled = n_cancelled - (OLD.state = 6) + (NEW.state = 6),
    n_held      = n_held      - (OLD.state = 7) + (NEW.state = 7)
  WHERE id = NEW.broadcast_id;
END;
