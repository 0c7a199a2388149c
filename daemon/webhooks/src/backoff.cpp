// Retry pauses for webhook deliveries (backoff.hpp).
#include "jumbe/webhooks/backoff.hpp"

#include <algorithm>

namespace jumbe::webhooks {

Millis backoff(int failures, Millis first, Millis max, std::optional<Millis> retry_after) {
  if (failures < 1) failures = 1;
  Millis delay = first;
  for (int i = 1; i < failures && delay < max; ++i)
    delay *= 2;
  delay = std::min(delay, max);
  if (retry_after) delay = std::max(delay, std::min(*retry_after, max));
  return delay;
}

}  // namespace jumbe::webhooks
