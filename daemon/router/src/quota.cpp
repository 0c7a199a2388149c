// Quota counters (see quota.hpp): counts roll over when the local day or month key changes.
#include "jumbe/router/quota.hpp"

#include <algorithm>
#include <ctime>
#include <limits>

namespace jumbe::router {

CalendarKeys calendar_keys(std::int64_t epoch_ms) {
  std::time_t t = static_cast<std::time_t>(epoch_ms / 1000);
  std::tm tm{};
  localtime_r(&t, &tm);
  // Days since the epoch of the local calendar date: shift by the UTC offset of that instant.
  std::int64_t local_s = static_cast<std::int64_t>(t) + tm.tm_gmtoff;
  std::int64_t day = local_s >= 0 ? local_s / 86400 : (local_s - 86399) / 86400;
  return CalendarKeys{day, static_cast<std::int64_t>(tm.tm_year + 1900) * 12 + tm.tm_mon};
}

namespace {

std::int64_t local_midnight(std::int64_t epoch_ms, bool first_of_month) {
  std::time_t t = static_cast<std::time_t>(epoch_ms / 1000);
  std::tm tm{};
  localtime_r(&t, &tm);
  tm.tm_hour = 0;
  tm.tm_min = 0;
  tm.tm_sec = 0;
  if (first_of_month) tm.tm_mday = 1;
  tm.tm_isdst = -1;  // let mktime decide for that date (zones with summer time)
  return static_cast<std::int64_t>(std::mktime(&tm)) * 1000;
}

}  // namespace

std::int64_t day_start_ms(std::int64_t epoch_ms) {
  return local_midnight(epoch_ms, false);
}

std::int64_t month_start_ms(std::int64_t epoch_ms) {
  return local_midnight(epoch_ms, true);
}

void Quota::roll(CalendarKeys keys) {
  if (keys.day != keys_.day) today_ = 0;
  if (keys.month != keys_.month) month_ = 0;
  keys_ = keys;
}

void Quota::record(std::uint32_t segments, CalendarKeys keys) {
  roll(keys);
  today_ += segments;
  month_ += segments;
}

void Quota::restore(std::uint32_t today, std::uint32_t this_month, CalendarKeys keys) {
  keys_ = keys;
  today_ = today;
  month_ = std::max(this_month, today);
}

QuotaState Quota::state(CalendarKeys keys) {
  roll(keys);
  if (monthly_ != 0 && month_ >= monthly_) return QuotaState::monthly_used;
  if (daily_ != 0 && today_ >= daily_) return QuotaState::daily_used;
  return QuotaState::ok;
}

std::uint32_t Quota::remaining(CalendarKeys keys) {
  roll(keys);
  std::uint32_t r = std::numeric_limits<std::uint32_t>::max();
  if (daily_ != 0) r = std::min(r, daily_ > today_ ? daily_ - today_ : 0U);
  if (monthly_ != 0) r = std::min(r, monthly_ > month_ ? monthly_ - month_ : 0U);
  return r;
}

std::uint32_t Quota::used_today(CalendarKeys keys) {
  roll(keys);
  return today_;
}

std::uint32_t Quota::used_this_month(CalendarKeys keys) {
  roll(keys);
  return month_;
}

}  // namespace jumbe::router
