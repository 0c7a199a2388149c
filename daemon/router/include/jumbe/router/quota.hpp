// Daily and monthly segment quotas of one SIM (bundles are sold per day and per month in Kenya).
// Contract: pure; the caller passes calendar keys computed in local time (day and month
// numbers), so the counter resets when the key changes; 0 as a limit means unlimited.
#pragma once

#include <cstdint>
#include <string>

namespace jumbe::router {

struct CalendarKeys {
  std::int64_t day = 0;    // days since the epoch in local time
  std::int64_t month = 0;  // year * 12 + month - 1, local time
  friend bool operator==(const CalendarKeys&, const CalendarKeys&) = default;
};

// Local-time keys for a UTC epoch-ms instant (uses localtime_r, so TZ applies).
CalendarKeys calendar_keys(std::int64_t epoch_ms);

// UTC epoch ms of the local midnight that began the day, and of the local midnight that began
// the month, of `epoch_ms` (TZ applies): where a quota restored from the store starts counting.
std::int64_t day_start_ms(std::int64_t epoch_ms);
std::int64_t month_start_ms(std::int64_t epoch_ms);

enum class QuotaState { ok, daily_used, monthly_used };

class Quota {
 public:
  Quota(std::uint32_t daily, std::uint32_t monthly) : daily_(daily), monthly_(monthly) {}

  void set_limits(std::uint32_t daily, std::uint32_t monthly) {
    daily_ = daily;
    monthly_ = monthly;
  }
  // Counts segments that went out (or may have: uncertain ones cost money too).
  void record(std::uint32_t segments, CalendarKeys keys);
  // Starts from counts known elsewhere (the store's segment log at start).
  void restore(std::uint32_t today, std::uint32_t this_month, CalendarKeys keys);
  [[nodiscard]] QuotaState state(CalendarKeys keys);
  // Segments still allowed before a limit is reached (UINT32_MAX when unlimited).
  [[nodiscard]] std::uint32_t remaining(CalendarKeys keys);
  [[nodiscard]] std::uint32_t used_today(CalendarKeys keys);
  [[nodiscard]] std::uint32_t used_this_month(CalendarKeys keys);

 private:
  void roll(CalendarKeys keys);
  std::uint32_t daily_, monthly_;
  std::uint32_t today_ = 0, month_ = 0;
  CalendarKeys keys_{};
};

}  // namespace jumbe::router
