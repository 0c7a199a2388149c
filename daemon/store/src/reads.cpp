// Reads on the read connection: a message with its segment log, an inbound message, broadcast
// progress (one row of maintained counters: no scan of the recipients), events after a cursor,
// cursors, counts and PRAGMA integrity_check for the operator.
#include <string>

#include "ops.hpp"

namespace jumbe::store::detail {

const char* const kMessageSelect =
    "SELECT o.id, o.client, o.idem_key, o.recipient, b.text, o.encoding, o.segments, "
    "o.priority, o.state, o.uncertain, o.attempts, o.modem, o.last_error, o.valid_until, "
    "o.not_before, o.created_at, o.updated_at, o.broadcast_id, "
    "coalesce(o.origin, CASE WHEN o.broadcast_id IS NOT NULL "
    "                        THEN 'broadcast ' || o.broadcast_id END), o.origin_kind ";

Message message_row(const Query& q) {
  Message m;
  m.id = q.i64(0);
  m.client = q.text(1);
  m.idempotency_key = q.text(2);
  m.recipient = q.text(3);
  m.text = q.opt_text(4);
  m.encoding = static_cast<Encoding>(q.i32(5));
  m.segments = q.i32(6);
  m.priority = static_cast<Priority>(q.i32(7));
  m.state = static_cast<State>(q.i32(8));
  m.uncertain = q.i32(9) != 0;
  m.attempts = q.i32(10);
  m.modem = q.text(11);
  m.last_error = q.text(12);
  m.valid_until = q.opt_i64(13);
  m.not_before = q.i64(14);
  m.created_at = q.i64(15);
  m.updated_at = q.i64(16);
  m.broadcast_id = q.opt_i64(17);
  m.origin = q.text(18);
  m.origin_kind = static_cast<OriginKind>(q.i32(19));
  return m;
}

const char* const kInboundSelect =
    "SELECT i.id, i.modem, i.sender, b.text, i.total, i.parts_present, i.state, i.first_at, "
    "i.completed_at FROM inbound i LEFT JOIN bodies b ON b.id = i.body_id ";

InboundMessage inbound_row(const Query& q) {
  InboundMessage m;
  m.id = q.i64(0);
  m.modem = q.text(1);
  m.sender = q.text(2);
  m.text = q.opt_text(3);
  m.total = q.i32(4);
  m.parts_present = q.i32(5);
  m.state = static_cast<InboundState>(q.i32(6));
  m.first_at = q.i64(7);
  m.completed_at = q.opt_i64(8);
  return m;
}

Result<Message> read_message(Db& db, MessageId id) {
  Message m;
  {
    // Static: the statement cache is keyed by the SQL text's address and length.
    static const std::string sql = std::string(kMessageSelect) +
                                   "FROM outbound o LEFT JOIN bodies b ON b.id = o.body_id "
                                   "WHERE o.id = ?";
    auto q = db.query(sql);
    q.bind(1, id);
    auto r = q.step();
    if (!r) return tl::unexpected(r.error());
    if (!*r) return fail(ErrorCode::not_found, "message " + std::to_string(id) + " not found");
    m = message_row(q);
  }
  auto s = db.query(
      "SELECT attempt, seq, modem, tp_mr, sent_at, report_status, reported_at FROM segments "
      "WHERE message_id = ? ORDER BY attempt, seq");
  s.bind(1, id);
  for (;;) {
    auto r = s.step();
    if (!r) return tl::unexpected(r.error());
    if (!*r) break;
    Segment seg;
    seg.attempt = s.i32(0);
    seg.seq = s.i32(1);
    seg.modem = s.text(2);
    seg.tp_mr = s.i32(3);
    seg.sent_at = s.i64(4);
    if (!s.null(5)) seg.report_status = s.i32(5);
    seg.reported_at = s.opt_i64(6);
    m.segment_log.push_back(std::move(seg));
  }
  return m;
}

Result<InboundMessage> read_inbound(Db& db, InboundId id) {
  static const std::string sql = std::string(kInboundSelect) + "WHERE i.id = ?";
  auto q = db.query(sql);
  q.bind(1, id);
  auto r = q.step();
  if (!r) return tl::unexpected(r.error());
  if (!*r) return fail(ErrorCode::not_found, "inbound message " + std::to_string(id));
  return inbound_row(q);
}

Result<BroadcastProgress> read_broadcast(Db& db, BroadcastId id) {
  auto q = db.query(
      "SELECT id, name, total, n_queued, n_sending, n_sent, n_delivered, n_failed, n_expired, "
      "n_cancelled, n_held FROM broadcasts WHERE id = ?");
  q.bind(1, id);
  auto r = q.step();
  if (!r) return tl::unexpected(r.error());
  if (!*r) return fail(ErrorCode::not_found, "broadcast " + std::to_string(id));
  BroadcastProgress p;
  p.id = q.i64(0);
  p.name = q.text(1);
  p.total = q.i32(2);
  p.queued = q.i32(3);
  p.sending = q.i32(4);
  p.sent = q.i32(5);
  p.delivered = q.i32(6);
  p.failed = q.i32(7);
  p.expired = q.i32(8);
  p.cancelled = q.i32(9);
  p.held = q.i32(10);
  return p;
}

Result<std::vector<Event>> read_events(Db& db, EventId after, int limit) {
  auto q = db.query(
      "SELECT id, at, kind, subject_id, state, detail FROM events WHERE id > ? ORDER BY id "
      "LIMIT ?");
  q.bind(1, after).bind(2, limit);
  std::vector<Event> out;
  for (;;) {
    auto r = q.step();
    if (!r) return tl::unexpected(r.error());
    if (!*r) break;
    Event e;
    e.id = q.i64(0);
    e.at = q.i64(1);
    e.kind = static_cast<EventKind>(q.i32(2));
    e.subject_id = q.i64(3);
    if (!q.null(4)) e.state = q.i32(4);
    e.detail = q.text(5);
    out.push_back(std::move(e));
  }
  return out;
}

Result<EventId> read_cursor(Db& db, const std::string& integrator) {
  auto q = db.query("SELECT acked_id FROM cursors WHERE integrator = ?");
  q.bind_text(1, integrator);
  auto r = q.step();
  if (!r) return tl::unexpected(r.error());
  return *r ? q.i64(0) : EventId{0};
}

Result<std::int64_t> read_count(Db& db, State s) {
  auto q = db.query("SELECT count(*) FROM outbound WHERE state = ?");
  q.bind(1, static_cast<int>(s));
  auto r = q.step();
  if (!r) return tl::unexpected(r.error());
  return q.i64(0);
}

Result<std::vector<std::string>> read_integrity(Db& db) {
  auto q = db.query("PRAGMA integrity_check");
  std::vector<std::string> problems;
  for (;;) {
    auto r = q.step();
    if (!r && r.error().code == ErrorCode::corrupt) {
      // The check itself tripped over the damage: that is its finding, not a failure to check.
      problems.push_back(r.error().message);
      break;
    }
    if (!r) return tl::unexpected(r.error());
    if (!*r) break;
    std::string line = q.text(0);
    if (line != "ok") problems.push_back(std::move(line));
  }
  return problems;
}

}  // namespace jumbe::store::detail
