// A token bucket for one SIM's send rate: `rate` tokens per second refill up to `burst`; one
// token is one SMS segment. Contract: pure, time passed in (steady ms); take() may go into debt
// (a claimed multipart message is sent whole), and the debt delays the next grant.
// Operators throttle or bar SIMs that send faster than a phone would (mission.md), hence this.
#pragma once

#include <cstdint>

namespace jumbe::router {

using Millis = std::int64_t;

class TokenBucket {
 public:
  // rate_per_second <= 0 means unlimited (every call to available() returns burst).
  TokenBucket(double rate_per_second, std::uint32_t burst, Millis now);

  // Whole tokens available now (never negative).
  [[nodiscard]] std::int64_t available(Millis now);
  // Takes n tokens; the level may go below zero.
  void take(std::int64_t n, Millis now);
  // When at least one whole token will be available (now if already).
  [[nodiscard]] Millis next_token_at(Millis now);
  // Changes rate and burst (config reload) keeping the current level, capped to the new burst.
  void reconfigure(double rate_per_second, std::uint32_t burst, Millis now);

 private:
  void refill(Millis now);
  double rate_per_ms_;
  double burst_;
  double level_;
  Millis last_;
};

}  // namespace jumbe::router
