// Outbound message operations: enqueue with idempotency, the claim (an ordered SELECT, then a
// lease per row, in the writer's transaction), per-segment results, failures with retry classes
// and backoff, cancel and expiry (uncertain messages: uncertain_ops.cpp). Every state change
// goes through set_state(), which also appends the event and moves broadcast progress.
#include <algorithm>
#include <string>

#include "ops.hpp"

namespace jumbe::store::detail {

bool is_e164(std::string_view s) noexcept {
  // ITU-T E.164: '+', a non-zero country code digit, at most 15 digits in all.
  if (s.size() < 8 || s.size() > 16 || s[0] != '+' || s[1] == '0') return false;
  return std::all_of(s.begin() + 1, s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

namespace {

bool wants_event(State s) {
  return s != State::queued && s != State::sending;
}

constexpr Millis kMaxBackoffMs = 3'600'000;

}  // namespace

Result<EventId> add_event(Db& db, EventKind kind, std::int64_t subject, std::optional<int> state,
                          std::string_view detail, Millis now) {
  auto q = db.query("INSERT INTO events (at, kind, subject_id, state, detail) VALUES (?,?,?,?,?)");
  q.bind(1, now).bind(2, static_cast<int>(kind)).bind(3, subject);
  q.bind(4, state ? std::optional<std::int64_t>(*state) : std::nullopt).bind(5, detail);
  if (auto r = q.exec(); !r) return tl::unexpected(r.error());
  return db.last_insert_id();
}

Result<std::int64_t> add_body(Db& db, std::string_view text, std::string_view raw_pdu, Millis now) {
  auto q = db.query("INSERT INTO bodies (created_at, text, raw_pdu) VALUES (?,?,?)");
  q.bind(1, now).bind_text(2, text);
  if (!raw_pdu.empty()) q.bind_blob(3, raw_pdu);
  if (auto r = q.exec(); !r) return tl::unexpected(r.error());
  return db.last_insert_id();
}

Result<void> set_state(Db& db, MessageId id, State from, State to, Millis now,
                       std::string_view detail, std::optional<BroadcastId> broadcast) {
  // No RETURNING here: SQLite collects RETURNING rows in an ephemeral table, whose pager
  // allocates and zeroes pages on every call; this statement runs once per message sent.
  auto q = db.query(
      "UPDATE outbound SET state = ?1, updated_at = ?2, lease_until = NULL, "
      "sent_at = CASE WHEN ?1 = 2 THEN ?2 ELSE sent_at END "
      "WHERE id = ?3 AND state = ?4");
  q.bind(1, static_cast<int>(to)).bind(2, now).bind(3, id).bind(4, static_cast<int>(from));
  if (auto r = q.exec(); !r) return tl::unexpected(r.error());
  if (db.changes() != 1) {
    return fail(ErrorCode::conflict, "message " + std::to_string(id) + " is not " +
                                         std::string(to_string(from)) + "; cannot make it " +
                                         std::string(to_string(to)));
  }
  // A broadcast recipient's `sent` is counted in the broadcast's progress instead of logged: a
  // 100,000-recipient alert would otherwise add 100,000 events nobody reads one by one.
  if (broadcast) {
    db.progress.moved(*broadcast, from, to);
    if (to == State::sent) db.progress.sent(*broadcast, now);
  }
  const bool broadcast_sent = to == State::sent && broadcast;
  if (wants_event(to) && !broadcast_sent) {
    if (auto e = add_event(db, EventKind::state_changed, id, static_cast<int>(to), detail, now); !e)
      return tl::unexpected(e.error());
  }
  return {};
}

Result<EnqueueResult> enqueue(Db& db, const OutboundRequest& req, Millis now) {
  if (req.client.empty()) return fail(ErrorCode::invalid_argument, "message: client is empty");
  if (!is_e164(req.recipient))
    return fail(ErrorCode::invalid_argument,
                "message: recipient '" + req.recipient + "' is not E.164 (+254712345678)");
  if (req.text.empty()) return fail(ErrorCode::invalid_argument, "message: text is empty");
  if (req.segments < 1 || req.segments > 255)
    return fail(ErrorCode::invalid_argument,
                "message: segment count " + std::to_string(req.segments) + " is not 1..255");
  if (req.valid_until && *req.valid_until <= now)
    return fail(ErrorCode::invalid_argument, "message: valid_until is already past");
  if (!req.idempotency_key.empty()) {
    auto q = db.query("SELECT id FROM outbound WHERE client = ? AND idem_key = ?");
    q.bind(1, req.client).bind(2, req.idempotency_key);
    auto row = q.step();
    if (!row) return tl::unexpected(row.error());
    if (*row) return EnqueueResult{q.i64(0), true};
  }
  auto body = add_body(db, req.text, {}, now);
  if (!body) return tl::unexpected(body.error());
  auto q = db.query(
      "INSERT INTO outbound (client, idem_key, recipient, body_id, encoding, segments, priority, "
      "want_report, created_at, not_before, valid_until, preferred_modem, preferred_operator, "
      "prefer_until, origin_kind, origin, updated_at) "
      "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?9)");
  q.bind(1, req.client).bind(2, req.idempotency_key).bind(3, req.recipient).bind(4, *body);
  q.bind(5, static_cast<int>(req.encoding)).bind(6, req.segments);
  q.bind(7, static_cast<int>(req.priority)).bind(8, req.want_report ? 1 : 0).bind(9, now);
  q.bind(10, req.not_before).bind(11, req.valid_until).bind(12, req.preferred_modem);
  q.bind(13, req.preferred_operator).bind(14, now + req.operator_grace_ms);
  q.bind(15, static_cast<int>(req.origin_kind)).bind(16, req.origin);
  if (auto r = q.exec(); !r) return tl::unexpected(r.error());
  return EnqueueResult{db.last_insert_id(), false};
}

Result<std::vector<ClaimedMessage>> claim(Db& db, const ClaimRequest& req) {
  if (req.modem.empty()) return fail(ErrorCode::invalid_argument, "claim: modem is empty");
  if (req.limit < 1) return std::vector<ClaimedMessage>{};
  // The SELECT walks outbound_ready in (priority, lane, created_at, id) order and stops at LIMIT;
  // each row is then leased by its id. Both run in the writer's one transaction, so nothing can
  // take a message between choosing and leasing it (the single statement UPDATE ... WHERE id IN
  // (...) RETURNING did the same with two ephemeral tables per claim, twice the CPU).
  std::vector<ClaimedMessage> out;
  std::vector<std::optional<BroadcastId>> broadcasts;
  {
    auto q = db.query(
        "SELECT o.id, o.recipient, b.text, o.encoding, o.segments, o.priority, o.want_report, "
        "o.attempts, o.valid_until, o.uncertain, o.broadcast_id "
        "FROM outbound o JOIN bodies b ON b.id = o.body_id "
        "WHERE o.state = 0 AND o.not_before <= ?3 "
        "  AND (o.valid_until IS NULL OR o.valid_until > ?3) "
        "  AND (o.preferred_modem IS NULL OR o.preferred_modem = ?1) "
        "  AND (o.avoid_modem IS NULL OR o.avoid_modem <> ?1 OR o.avoid_until <= ?3) "
        "  AND (o.preferred_operator IS NULL OR o.preferred_operator = ?2 OR "
        "       o.prefer_until <= ?3) "
        "ORDER BY o.priority, o.lane, o.created_at, o.id LIMIT ?4");
    q.bind(1, req.modem).bind(2, req.modem_operator).bind(3, req.now).bind(4, req.limit);
    out.reserve(static_cast<std::size_t>(std::min(req.limit, 1024)));
    for (;;) {
      auto r = q.step();
      if (!r) return tl::unexpected(r.error());
      if (!*r) break;
      ClaimedMessage m;
      m.id = q.i64(0);
      m.recipient = q.text(1);
      m.text = q.text(2);
      m.encoding = static_cast<Encoding>(q.i32(3));
      m.segments = q.i32(4);
      m.priority = static_cast<Priority>(q.i32(5));
      m.want_report = q.i32(6) != 0;
      m.attempt = q.i32(7) + 1;
      m.valid_until = q.opt_i64(8);
      m.uncertain = q.i32(9) != 0;
      out.push_back(std::move(m));
      broadcasts.push_back(q.opt_i64(10));
    }
  }
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto& m = out[i];
    if (broadcasts[i]) db.progress.moved(*broadcasts[i], State::queued, State::sending);
    auto u = db.query(
        "UPDATE outbound SET state = 1, modem = ?2, lease_until = ?3, attempts = ?4, "
        "updated_at = ?5 WHERE id = ?1");
    u.bind(1, m.id).bind_text(2, req.modem).bind(3, req.now + req.lease_ms).bind(4, m.attempt);
    u.bind(5, req.now);
    if (auto r = u.exec(); !r) return tl::unexpected(r.error());
  }
  return out;
}

Result<State> segment_sent(Db& db, const SegmentSent& s) {
  if (s.tp_mr < 0 || s.tp_mr > 255)
    return fail(ErrorCode::invalid_argument,
                "segment: TP-MR " + std::to_string(s.tp_mr) + " is not 0..255 (TS 23.040 9.2.3.6)");
  State state{};
  int attempts = 0;
  int segments = 0;
  std::optional<BroadcastId> broadcast;
  std::string recipient;
  {
    auto m = db.query(
        "SELECT state, attempts, segments, recipient, broadcast_id FROM outbound WHERE id = ?");
    m.bind(1, s.message_id);
    auto row = m.step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) return fail(ErrorCode::not_found, "message " + std::to_string(s.message_id));
    state = static_cast<State>(m.i32(0));
    attempts = m.i32(1);
    segments = m.i32(2);
    recipient = m.text(3);
    broadcast = m.opt_i64(4);
  }
  if (s.seq < 1 || s.seq > segments || s.attempt < 1 || s.attempt > attempts)
    return fail(ErrorCode::invalid_argument, "message " + std::to_string(s.message_id) +
                                                 ": no segment " + std::to_string(s.seq) +
                                                 " in attempt " + std::to_string(s.attempt));
  // The segment went out whatever the message's state now: record it so its status report
  // can still be matched (e.g. a lease ran out while the modem was slow to answer).
  // An upsert rather than INSERT OR REPLACE: REPLACE deletes and reinserts, with a statement
  // journal for it, on every call, although a segment is reported twice only after a retry.
  auto ins = db.query(
      "INSERT INTO segments (message_id, attempt, seq, modem, recipient, tp_mr, sent_at) "
      "VALUES (?1,?2,?3,?4,?5,?6,?7) ON CONFLICT (message_id, attempt, seq) DO UPDATE SET "
      "modem = excluded.modem, tp_mr = excluded.tp_mr, sent_at = excluded.sent_at, "
      "report_status = NULL, reported_at = NULL");
  ins.bind(1, s.message_id).bind(2, s.attempt).bind(3, s.seq).bind_text(4, s.modem);
  ins.bind_text(5, recipient).bind(6, s.tp_mr).bind(7, s.sent_at);
  if (auto r = ins.exec(); !r) return tl::unexpected(r.error());
  if (state != State::sending || s.attempt != attempts) return state;
  if (segments > 1) {
    auto c = db.query("SELECT count(*) FROM segments WHERE message_id = ? AND attempt = ?");
    c.bind(1, s.message_id).bind(2, s.attempt);
    auto crow = c.step();
    if (!crow) return tl::unexpected(crow.error());
    if (c.i32(0) < segments) return state;
  }
  if (auto r =
          set_state(db, s.message_id, State::sending, State::sent, s.sent_at, s.modem, broadcast);
      !r)
    return tl::unexpected(r.error());
  return State::sent;
}

Result<State> send_failed(Db& db, const SendFailure& f) {
  auto m = db.query("SELECT state, attempts, valid_until, broadcast_id FROM outbound WHERE id = ?");
  m.bind(1, f.message_id);
  auto row = m.step();
  if (!row) return tl::unexpected(row.error());
  if (!*row) return fail(ErrorCode::not_found, "message " + std::to_string(f.message_id));
  const auto state = static_cast<State>(m.i32(0));
  const int attempts = m.i32(1);
  const auto valid_until = m.opt_i64(2);
  const auto broadcast = m.opt_i64(3);
  if (state != State::sending)
    return fail(ErrorCode::conflict, "message " + std::to_string(f.message_id) + " is " +
                                         std::string(to_string(state)) + ", not sending");
  auto err = db.query("UPDATE outbound SET last_error = ? WHERE id = ?");
  err.bind_text(1, f.error).bind(2, f.message_id);
  if (auto r = err.exec(); !r) return tl::unexpected(r.error());

  State to = State::queued;
  if (f.error_class == ErrorClass::permanent || attempts >= f.max_attempts) {
    to = State::failed;
  } else if (valid_until && *valid_until <= f.now) {
    to = State::expired;
  }
  if (to != State::queued) {
    if (auto r = set_state(db, f.message_id, State::sending, to, f.now, f.error, broadcast); !r)
      return tl::unexpected(r.error());
    return to;
  }
  // Backoff grows with the attempt number, capped (Postfix qmgr style).
  Millis pause = 0;
  if (f.error_class == ErrorClass::retry_here) {
    pause = f.retry_after_ms;
    for (int i = 1; i < attempts && pause < kMaxBackoffMs; ++i)
      pause *= 2;
    pause = std::min(pause, kMaxBackoffMs);
  }
  auto q = db.query(
      "UPDATE outbound SET state = 0, lease_until = NULL, updated_at = ?2, not_before = ?2 + ?3, "
      "avoid_modem = CASE WHEN ?4 THEN ?5 ELSE avoid_modem END, "
      "avoid_until = CASE WHEN ?4 THEN ?2 + ?6 ELSE avoid_until END "
      "WHERE id = ?1 AND state = 1");
  q.bind(1, f.message_id).bind(2, f.now).bind(3, pause);
  q.bind(4, f.error_class == ErrorClass::retry_elsewhere ? 1 : 0).bind_text(5, f.modem);
  q.bind(6, f.avoid_ms);
  if (auto r = q.exec(); !r) return tl::unexpected(r.error());
  if (broadcast) db.progress.moved(*broadcast, State::sending, State::queued);
  return State::queued;
}

Result<State> cancel(Db& db, MessageId id, Millis now) {
  auto m = db.query("SELECT state, broadcast_id FROM outbound WHERE id = ?");
  m.bind(1, id);
  auto row = m.step();
  if (!row) return tl::unexpected(row.error());
  if (!*row) return fail(ErrorCode::not_found, "message " + std::to_string(id));
  const auto state = static_cast<State>(m.i32(0));
  const auto broadcast = m.opt_i64(1);
  if (state != State::queued && state != State::held)
    return fail(ErrorCode::conflict, "message " + std::to_string(id) + " is " +
                                         std::string(to_string(state)) + "; too late to cancel");
  if (auto r = set_state(db, id, state, State::cancelled, now, "cancelled", broadcast); !r)
    return tl::unexpected(r.error());
  return State::cancelled;
}

Result<State> release_held(Db& db, MessageId id, Millis now) {
  std::optional<BroadcastId> broadcast;
  {
    auto m = db.query("SELECT state, broadcast_id FROM outbound WHERE id = ?");
    m.bind(1, id);
    auto row = m.step();
    if (!row) return tl::unexpected(row.error());
    if (!*row || static_cast<State>(m.i32(0)) != State::held)
      return fail(ErrorCode::conflict, "message " + std::to_string(id) + " is not held");
    broadcast = m.opt_i64(1);
  }
  auto q = db.query(
      "UPDATE outbound SET state = 0, not_before = ?2, updated_at = ?2 WHERE id = ?1 AND "
      "state = 7");
  q.bind(1, id).bind(2, now);
  if (auto r = q.exec(); !r) return tl::unexpected(r.error());
  if (broadcast) db.progress.moved(*broadcast, State::held, State::queued);
  return State::queued;
}

Result<int> expire_due(Db& db, Millis now) {
  struct Due {
    MessageId id;
    State state;
    std::optional<BroadcastId> broadcast;
  };
  std::vector<Due> due;
  {
    auto q = db.query(
        "SELECT id, state, broadcast_id FROM outbound WHERE state IN (0, 7) AND valid_until <= ? "
        "LIMIT 10000");
    q.bind(1, now);
    for (;;) {
      auto r = q.step();
      if (!r) return tl::unexpected(r.error());
      if (!*r) break;
      due.push_back(Due{q.i64(0), static_cast<State>(q.i32(1)), q.opt_i64(2)});
    }
  }
  for (const auto& d : due) {
    if (auto r = set_state(db, d.id, d.state, State::expired, now, "valid_until", d.broadcast); !r)
      return tl::unexpected(r.error());
  }
  return static_cast<int>(due.size());
}

}  // namespace jumbe::store::detail
