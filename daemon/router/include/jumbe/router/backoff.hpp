// Retry backoff for a message's attempts: grows with each attempt, capped at both ends (Postfix
// qmgr's minimal_backoff_time / maximal_backoff_time), so a brief network fault is retried soon
// and a long one does not hammer the modem. Contract: pure; attempt 1 -> floor.
#pragma once

#include <cstdint>

namespace jumbe::router {

struct BackoffPolicy {
  std::int64_t floor_ms = 30'000;   // first retry pause
  std::int64_t cap_ms = 3'600'000;  // never longer than an hour
  int max_attempts = 5;             // then the message fails for good
};

// floor * 2^(attempt-1), clamped to [floor, cap]; attempt < 1 counts as 1.
std::int64_t retry_delay_ms(int attempt, const BackoffPolicy& policy);

}  // namespace jumbe::router
