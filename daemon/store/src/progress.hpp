// Broadcast progress kept by the writer instead of an SQL trigger: each state change of a
// broadcast recipient adds to an in-memory delta, and the writer writes the sum once per
// request batch (one UPDATE per broadcast, one upsert per broadcast and second of sends), inside
// the same transaction, so the counters are exactly as durable as the changes they count. A
// trigger made every outbound UPDATE a two-table statement with its own statement journal.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <utility>

#include "jumbe/store/error.hpp"
#include "jumbe/store/types.hpp"

namespace jumbe::store::detail {

class Db;

struct ProgressLog {
  // Per broadcast, the change of each state's counter (indexed by State's number).
  std::map<BroadcastId, std::array<std::int64_t, 8>> counts;
  // (broadcast, UTC second) -> recipients that became sent then: the send rate.
  std::map<std::pair<BroadcastId, std::int64_t>, std::int64_t> sends;

  void moved(BroadcastId id, State from, State to, std::int64_t n = 1);
  void sent(BroadcastId id, Millis at, std::int64_t n = 1);
  bool empty() const { return counts.empty() && sends.empty(); }
  void clear() {
    counts.clear();
    sends.clear();
  }
};

// Writes db's pending progress and clears it; call inside the transaction, before COMMIT.
Result<void> flush_progress(Db& db);

}  // namespace jumbe::store::detail
