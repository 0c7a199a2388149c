// Token bucket arithmetic (see token_bucket.hpp). Levels are doubles so a rate such as 10/min
// (one token per 6 s) accrues smoothly; availability is whole tokens.
#include "jumbe/router/token_bucket.hpp"

#include <algorithm>
#include <cmath>

namespace jumbe::router {

TokenBucket::TokenBucket(double rate_per_second, std::uint32_t burst, Millis now)
    : rate_per_ms_(rate_per_second / 1000.0),
      burst_(std::max<double>(1.0, burst)),
      level_(burst_),
      last_(now) {}

void TokenBucket::refill(Millis now) {
  if (now <= last_) return;  // a clock that goes back never mints tokens
  if (rate_per_ms_ <= 0) {
    level_ = burst_;
  } else {
    level_ = std::min(burst_, level_ + static_cast<double>(now - last_) * rate_per_ms_);
  }
  last_ = now;
}

std::int64_t TokenBucket::available(Millis now) {
  refill(now);
  // The epsilon absorbs rounding of rate * elapsed (6 s at 10/min must give exactly 1 token).
  return level_ <= 0 ? 0 : static_cast<std::int64_t>(std::floor(level_ + 1e-9));
}

void TokenBucket::take(std::int64_t n, Millis now) {
  refill(now);
  if (rate_per_ms_ <= 0) return;
  level_ -= static_cast<double>(n);
}

Millis TokenBucket::next_token_at(Millis now) {
  refill(now);
  if (level_ + 1e-9 >= 1.0 || rate_per_ms_ <= 0) return now;
  return now + static_cast<Millis>(std::ceil((1.0 - level_) / rate_per_ms_ - 1e-9));
}

void TokenBucket::reconfigure(double rate_per_second, std::uint32_t burst, Millis now) {
  refill(now);
  rate_per_ms_ = rate_per_second / 1000.0;
  burst_ = std::max<double>(1.0, burst);
  level_ = std::min(level_, burst_);
}

}  // namespace jumbe::router
