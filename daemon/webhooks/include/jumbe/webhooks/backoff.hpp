// The pause before a delivery's next attempt: doubling from `first` after each failure, capped
// at `max`, and never shorter than what the server asked for with Retry-After (RFC 9110 10.2.3),
// which is itself capped at `max` so a hostile header cannot park a lane for a day. Pure.
#pragma once

#include <chrono>
#include <optional>

namespace jumbe::webhooks {

using Millis = std::chrono::milliseconds;

// failures: how many attempts failed so far (1 after the first failure).
Millis backoff(int failures, Millis first, Millis max, std::optional<Millis> retry_after = {});

}  // namespace jumbe::webhooks
