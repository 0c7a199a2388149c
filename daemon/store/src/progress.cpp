// ProgressLog and its flush (progress.hpp): the writer's per-batch sums of broadcast state
// changes, written as one UPDATE per broadcast and one upsert per (broadcast, second) of sends.
#include "progress.hpp"

#include "sqlite_db.hpp"

namespace jumbe::store::detail {

void ProgressLog::moved(BroadcastId id, State from, State to, std::int64_t n) {
  if (from == to || n == 0) return;
  auto& c = counts[id];  // value-initialised to zeros on first use
  c[static_cast<std::size_t>(from)] -= n;
  c[static_cast<std::size_t>(to)] += n;
}

void ProgressLog::sent(BroadcastId id, Millis at, std::int64_t n) {
  // Floor division, so a time before 1970 (a test clock) still lands in its own second.
  const std::int64_t second = at >= 0 ? at / 1000 : (at - 999) / 1000;
  sends[{id, second}] += n;
}

Result<void> flush_progress(Db& db) {
  for (const auto& [id, c] : db.progress.counts) {
    auto q = db.query(
        "UPDATE broadcasts SET n_queued = n_queued + ?2, n_sending = n_sending + ?3, "
        "n_sent = n_sent + ?4, n_delivered = n_delivered + ?5, n_failed = n_failed + ?6, "
        "n_expired = n_expired + ?7, n_cancelled = n_cancelled + ?8, n_held = n_held + ?9 "
        "WHERE id = ?1");
    q.bind(1, id);
    for (int s = 0; s < 8; ++s)
      q.bind(s + 2, c[static_cast<std::size_t>(s)]);
    if (auto r = q.exec(); !r) return r;
  }
  for (const auto& [key, n] : db.progress.sends) {
    auto q = db.query(
        "INSERT INTO broadcast_sends (broadcast_id, second, n) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (broadcast_id, second) DO UPDATE SET n = n + excluded.n");
    q.bind(1, key.first).bind(2, key.second).bind(3, n);
    if (auto r = q.exec(); !r) return r;
  }
  db.progress.clear();
  return {};
}

}  // namespace jumbe::store::detail
