// Broadcasts (one transaction: the broadcast, one shared body, one outbound row per distinct
// recipient; progress counters kept by the broadcast_progress trigger), integrator cursors over
// the event log, and retention (bodies purged after N days, metadata kept; events pruned by age).
#include <string>
#include <unordered_set>

#include "ops.hpp"

namespace jumbe::store::detail {

Result<BroadcastResult> create_broadcast(Db& db, const BroadcastRequest& req, Millis now) {
  if (req.client.empty()) return fail(ErrorCode::invalid_argument, "broadcast: client is empty");
  if (req.text.empty()) return fail(ErrorCode::invalid_argument, "broadcast: text is empty");
  if (req.segments < 1 || req.segments > 255)
    return fail(ErrorCode::invalid_argument, "broadcast: segment count is not 1..255");
  if (req.valid_until && *req.valid_until <= now)
    return fail(ErrorCode::invalid_argument, "broadcast: valid_until is already past");
  if (!req.idempotency_key.empty()) {
    auto q = db.query("SELECT id, total FROM broadcasts WHERE client = ? AND idem_key = ?");
    q.bind(1, req.client).bind(2, req.idempotency_key);
    auto row = q.step();
    if (!row) return tl::unexpected(row.error());
    if (*row) return BroadcastResult{q.i64(0), q.i32(1), true};
  }
  std::vector<std::string_view> recipients;
  recipients.reserve(req.recipients.size());
  std::unordered_set<std::string_view> seen;
  seen.reserve(req.recipients.size());
  for (std::size_t i = 0; i < req.recipients.size(); ++i) {
    const std::string& r = req.recipients[i];
    if (!is_e164(r))
      return fail(ErrorCode::invalid_argument, "broadcast: recipient " + std::to_string(i + 1) +
                                                   " '" + r + "' is not E.164 (+254712345678)");
    if (seen.insert(r).second) recipients.push_back(r);
  }
  if (recipients.empty()) return fail(ErrorCode::invalid_argument, "broadcast: no recipients");

  auto body = add_body(db, req.text, {}, now);
  if (!body) return tl::unexpected(body.error());
  const int total = static_cast<int>(recipients.size());
  auto b = db.query(
      "INSERT INTO broadcasts (client, idem_key, name, body_id, priority, created_at, total, "
      "n_queued) VALUES (?1,?2,?3,?4,?5,?6,?7,?7)");
  b.bind(1, req.client).bind(2, req.idempotency_key).bind_text(3, req.name).bind(4, *body);
  b.bind(5, static_cast<int>(req.priority)).bind(6, now).bind(7, total);
  if (auto r = b.exec(); !r) return tl::unexpected(r.error());
  const BroadcastId id = db.last_insert_id();
  // A recipient row holds only what differs per recipient: its origin ("broadcast N") is
  // derived from broadcast_id when read, and retention finds its body through the broadcast
  // (0005), so 100,000 rows carry no copy of either. Every value but the number is bound once.
  auto q = db.query(
      "INSERT INTO outbound (client, recipient, body_id, encoding, segments, priority, lane, "
      "want_report, created_at, not_before, valid_until, origin_kind, broadcast_id, "
      "updated_at) VALUES (?1,?2,?3,?4,?5,?6,1,?7,?8,?9,?10,2,?11,?8)");
  q.bind(1, req.client).bind(3, *body).bind(4, static_cast<int>(req.encoding));
  q.bind(5, req.segments).bind(6, static_cast<int>(req.priority));
  q.bind(7, req.want_report ? 1 : 0).bind(8, now).bind(9, req.not_before);
  q.bind(10, req.valid_until).bind(11, id);
  for (const auto& r : recipients) {
    q.bind_text(2, r);
    if (auto e = q.exec(); !e) return tl::unexpected(e.error());
    q.reset();
  }
  return BroadcastResult{id, total, false};
}

Result<int> cancel_broadcast(Db& db, BroadcastId id, Millis now) {
  {
    auto q = db.query("SELECT 1 FROM broadcasts WHERE id = ?");
    q.bind(1, id);
    auto r = q.step();
    if (!r) return tl::unexpected(r.error());
    if (!*r) return fail(ErrorCode::not_found, "broadcast " + std::to_string(id));
  }
  // Queued and held separately: each count moves its own progress counter.
  int n = 0;
  for (const State from : {State::queued, State::held}) {
    auto u = db.query(
        "UPDATE outbound SET state = 6, updated_at = ?2 WHERE broadcast_id = ?1 AND state = ?3");
    u.bind(1, id).bind(2, now).bind(3, static_cast<int>(from));
    if (auto r = u.exec(); !r) return tl::unexpected(r.error());
    db.progress.moved(id, from, State::cancelled, db.changes());
    n += db.changes();
  }
  // One event for the whole broadcast rather than one per recipient.
  if (auto e = add_event(
          db, EventKind::state_changed, 0, static_cast<int>(State::cancelled),
          "broadcast " + std::to_string(id) + " cancelled: " + std::to_string(n) + " messages",
          now);
      !e)
    return tl::unexpected(e.error());
  return n;
}

Result<EventId> ack_events(Db& db, const std::string& integrator, EventId upto, Millis now) {
  if (integrator.empty()) return fail(ErrorCode::invalid_argument, "ack: integrator is empty");
  {
    auto q =
        db.query("SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'events'), 0)");
    auto r = q.step();
    if (!r) return tl::unexpected(r.error());
    if (upto < 0 || upto > q.i64(0))
      return fail(ErrorCode::invalid_argument, "ack: event " + std::to_string(upto) +
                                                   " does not exist yet (newest is " +
                                                   std::to_string(q.i64(0)) + ")");
  }
  auto q = db.query(
      "INSERT INTO cursors (integrator, acked_id, updated_at) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (integrator) DO UPDATE SET acked_id = max(acked_id, excluded.acked_id), "
      "updated_at = excluded.updated_at RETURNING acked_id");
  q.bind_text(1, integrator).bind(2, upto).bind(3, now);
  auto r = q.step();
  if (!r) return tl::unexpected(r.error());
  const EventId cursor = q.i64(0);
  if (auto done = q.exec(); !done) return tl::unexpected(done.error());
  return cursor;
}

Result<RetentionResult> purge(Db& db, const RetentionRequest& req) {
  RetentionResult out;
  // A body is purged once it is old and nothing unfinished needs it: no message still queued,
  // sending or held, and no part of a message still being assembled. Metadata stays.
  auto b = db.query(
      "UPDATE bodies SET text = NULL, raw_pdu = NULL, purged_at = ?1 "
      "WHERE text IS NOT NULL AND created_at < ?2 AND pinned = 0 "
      "AND NOT EXISTS (SELECT 1 FROM outbound o WHERE o.body_id = bodies.id "
      "                AND o.broadcast_id IS NULL AND o.state IN (0, 1, 7)) "
      "AND NOT EXISTS (SELECT 1 FROM broadcasts bc WHERE bc.body_id = bodies.id "
      "                AND bc.n_queued + bc.n_sending + bc.n_held > 0) "
      "AND NOT EXISTS (SELECT 1 FROM inbound_parts p JOIN inbound i ON i.id = p.inbound_id "
      "                WHERE p.body_id = bodies.id AND i.state = 0)");
  b.bind(1, req.now).bind(2, req.now - req.body_max_age_ms);
  if (auto r = b.exec(); !r) return tl::unexpected(r.error());
  out.bodies_purged = db.changes();
  auto e = db.query("DELETE FROM events WHERE at < ?");
  e.bind(1, req.now - req.event_max_age_ms);
  if (auto r = e.exec(); !r) return tl::unexpected(r.error());
  out.events_pruned = db.changes();
  return out;
}

}  // namespace jumbe::store::detail
