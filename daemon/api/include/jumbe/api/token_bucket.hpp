// Per-client request rate limit: a token bucket (rate per second, burst) keyed by the caller.
// Contract: pure over the times passed in (steady milliseconds), so tests drive a fake clock;
// take() either spends one token or says after how many whole seconds one will be there
// (the Retry-After header of a 429, RFC 6585 section 4).
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace jumbe::api {

class RateLimiter {
 public:
  RateLimiter(double per_second, double burst) { configure(per_second, burst); }
  void configure(double per_second, double burst);
  // 0: allowed; otherwise the seconds to wait (at least 1).
  std::int64_t take(const std::string& client, std::int64_t now_ms);
  // Drops buckets that have been full for a while, so a stream of distinct uids cannot grow it.
  void forget_idle(std::int64_t now_ms);
  [[nodiscard]] std::size_t size() const { return buckets_.size(); }

 private:
  struct Bucket {
    double tokens = 0;
    std::int64_t at_ms = 0;
  };
  double rate_ = 1;
  double burst_ = 1;
  std::map<std::string, Bucket> buckets_;
};

}  // namespace jumbe::api
