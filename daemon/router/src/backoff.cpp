// Exponential retry delay (see backoff.hpp); shifts are bounded so no attempt count overflows.
#include "jumbe/router/backoff.hpp"

#include <algorithm>

namespace jumbe::router {

std::int64_t retry_delay_ms(int attempt, const BackoffPolicy& policy) {
  const std::int64_t floor = std::max<std::int64_t>(1, policy.floor_ms);
  const std::int64_t cap = std::max(floor, policy.cap_ms);
  const int shift = std::clamp(attempt, 1, 40) - 1;
  std::int64_t d = floor;
  for (int i = 0; i < shift && d < cap; ++i)
    d *= 2;
  return std::min(d, cap);
}

}  // namespace jumbe::router
