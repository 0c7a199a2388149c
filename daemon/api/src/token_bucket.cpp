// Token buckets per client (see token_bucket.hpp).
#include "jumbe/api/token_bucket.hpp"

#include <algorithm>
#include <cmath>

namespace jumbe::api {

void RateLimiter::configure(double per_second, double burst) {
  rate_ = per_second > 0 ? per_second : 1e-9;
  burst_ = std::max(1.0, burst);
}

std::int64_t RateLimiter::take(const std::string& client, std::int64_t now_ms) {
  auto [it, fresh] = buckets_.try_emplace(client, Bucket{burst_, now_ms});
  Bucket& b = it->second;
  if (!fresh && now_ms > b.at_ms)
    b.tokens = std::min(burst_, b.tokens + rate_ * static_cast<double>(now_ms - b.at_ms) / 1000.0);
  b.at_ms = std::max(b.at_ms, now_ms);
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return 0;
  }
  const double wait_s = (1.0 - b.tokens) / rate_;
  return std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(wait_s)));
}

void RateLimiter::forget_idle(std::int64_t now_ms) {
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    const double refill = rate_ * static_cast<double>(now_ms - it->second.at_ms) / 1000.0;
    if (it->second.tokens + refill >= burst_)
      it = buckets_.erase(it);
    else
      ++it;
  }
}

}  // namespace jumbe::api
