// Reads the HTTP API and the router need: the inbox after a cursor, queue depth by state and
// priority, one state's messages page by page, a broadcast's send rate, a modem's segments since
// a time (daily quota at start) and the next time a waiting message becomes ready. Each walks a
// partial index (INDEXED BY: a statement that cannot use it fails to prepare, and the tests
// notice) so its cost follows the live queue, never the whole history.
#include <algorithm>
#include <string>

#include "ops.hpp"

namespace jumbe::store::detail {

namespace {

Result<void> check_limit(int limit) {
  if (limit < 1 || limit > kMaxReadLimit)
    return fail(ErrorCode::invalid_argument,
                "limit " + std::to_string(limit) + " is not 1.." + std::to_string(kMaxReadLimit));
  return {};
}

template <class T, class Row>
Result<std::vector<T>> collect(Query& q, Row row) {
  std::vector<T> out;
  for (;;) {
    auto r = q.step();
    if (!r) return tl::unexpected(r.error());
    if (!*r) break;
    out.push_back(row(q));
  }
  return out;
}

// The statement for one state. Queued, sending and held are few among the history and each has
// a partial index; the final states are most rows, so the rowid order itself is the cheap walk.
// The state is a literal where a partial index serves it: SQLite uses a partial index only when
// the query's WHERE implies the index's, which a bound parameter never does.
const std::string& in_state_sql(State s) {
  static const std::string from = std::string(kMessageSelect) + "FROM outbound o ";
  static const std::string join = "LEFT JOIN bodies b ON b.id = o.body_id ";
  static const std::string page = " AND o.id > ?1 ORDER BY o.id LIMIT ?2";
  static const std::string queued =
      from + "INDEXED BY outbound_ready " + join + "WHERE o.state = 0" + page;
  static const std::string sending =
      from + "INDEXED BY outbound_sending " + join + "WHERE o.state = 1" + page;
  static const std::string held =
      from + "INDEXED BY outbound_held " + join + "WHERE o.state = 7" + page;
  static const std::string other = from + join + "WHERE o.state = ?3" + page;
  switch (s) {
    case State::queued:
      return queued;
    case State::sending:
      return sending;
    case State::held:
      return held;
    default:
      return other;
  }
}

}  // namespace

Result<std::vector<InboundMessage>> read_inbox(Db& db, InboundId after, int limit) {
  if (auto ok = check_limit(limit); !ok) return tl::unexpected(ok.error());
  static const std::string sql =
      std::string(kInboundSelect) + "WHERE i.id > ?1 AND i.state IN (1, 2) ORDER BY i.id LIMIT ?2";
  auto q = db.query(sql);
  q.bind(1, after).bind(2, limit);
  return collect<InboundMessage>(q, inbound_row);
}

Result<std::vector<QueueDepth>> read_queue_depths(Db& db) {
  auto q = db.query(
      "SELECT 0, priority, count(*) FROM outbound INDEXED BY outbound_ready WHERE state = 0 "
      "GROUP BY priority "
      "UNION ALL SELECT 1, priority, count(*) FROM outbound INDEXED BY outbound_sending "
      "WHERE state = 1 GROUP BY priority "
      "UNION ALL SELECT 7, priority, count(*) FROM outbound INDEXED BY outbound_held "
      "WHERE state = 7 GROUP BY priority");
  auto rows = collect<QueueDepth>(q, [](const Query& r) {
    return QueueDepth{static_cast<State>(r.i32(0)), static_cast<Priority>(r.i32(1)), r.i64(2)};
  });
  if (!rows) return rows;
  std::sort(rows->begin(), rows->end(), [](const QueueDepth& a, const QueueDepth& b) {
    return std::pair(a.state, a.priority) < std::pair(b.state, b.priority);
  });
  return rows;
}

Result<std::vector<Message>> read_in_state(Db& db, State s, MessageId after, int limit) {
  if (auto ok = check_limit(limit); !ok) return tl::unexpected(ok.error());
  if (static_cast<int>(s) < 0 || static_cast<int>(s) > static_cast<int>(State::held))
    return fail(ErrorCode::invalid_argument,
                "state " + std::to_string(static_cast<int>(s)) + " does not exist");
  auto q = db.query(in_state_sql(s));
  q.bind(1, after).bind(2, limit);
  if (s != State::queued && s != State::sending && s != State::held) q.bind(3, static_cast<int>(s));
  return collect<Message>(q, message_row);
}

Result<std::int64_t> read_broadcast_sent_since(Db& db, BroadcastId id, Millis since) {
  {
    auto q = db.query("SELECT 1 FROM broadcasts WHERE id = ?");
    q.bind(1, id);
    auto r = q.step();
    if (!r) return tl::unexpected(r.error());
    if (!*r) return fail(ErrorCode::not_found, "broadcast " + std::to_string(id) + " not found");
  }
  // Counted per second by the writer (progress.hpp): a send in the second `since` falls in
  // counts, so the window is exact to the second.
  auto q = db.query(
      "SELECT coalesce(sum(n), 0) FROM broadcast_sends WHERE broadcast_id = ?1 AND second >= ?2");
  const std::int64_t second = since >= 0 ? since / 1000 : (since - 999) / 1000;
  q.bind(1, id).bind(2, second);
  auto r = q.step();
  if (!r) return tl::unexpected(r.error());
  return q.i64(0);
}

Result<std::uint32_t> read_segments_sent_since(Db& db, const std::string& modem, Millis since) {
  if (modem.empty()) return fail(ErrorCode::invalid_argument, "segments sent: modem is empty");
  // segments_by_mr is (modem, tp_mr, sent_at): one range seek per TP-MR value (0..255, TS
  // 23.040 9.2.3.6) reads only the window, instead of every segment the modem ever sent.
  auto q = db.query(
      "WITH RECURSIVE mr(v) AS (SELECT 0 UNION ALL SELECT v + 1 FROM mr WHERE v < 255) "
      "SELECT count(*) FROM segments INDEXED BY segments_by_mr "
      "WHERE modem = ?1 AND tp_mr IN (SELECT v FROM mr) AND sent_at >= ?2");
  q.bind_text(1, modem).bind(2, since);
  auto r = q.step();
  if (!r) return tl::unexpected(r.error());
  return static_cast<std::uint32_t>(std::clamp<std::int64_t>(q.i64(0), 0, UINT32_MAX));
}

Result<std::optional<Millis>> read_next_ready_at(Db& db, Millis now) {
  // A message that expires before its time comes will never be claimed: not a reason to wake.
  auto q = db.query(
      "SELECT not_before FROM outbound INDEXED BY outbound_scheduled "
      "WHERE state = 0 AND not_before > 0 AND not_before > ?1 "
      "AND (valid_until IS NULL OR valid_until > not_before) ORDER BY not_before LIMIT 1");
  q.bind(1, now);
  auto r = q.step();
  if (!r) return tl::unexpected(r.error());
  if (!*r) return std::optional<Millis>{};
  return std::optional<Millis>{q.i64(0)};
}

}  // namespace jumbe::store::detail
