// Quota counters: daily and monthly bundles roll over with the local calendar.
#include "jumbe/router/quota.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

using jumbe::router::CalendarKeys;
using jumbe::router::Quota;
using jumbe::router::QuotaState;

namespace {

TEST(RouterQuota, DailyLimitStopsThenRollsOverAtMidnight) {
  Quota q(500, 0);
  CalendarKeys d1{100, 10}, d2{101, 10};
  q.record(499, d1);
  EXPECT_EQ(q.state(d1), QuotaState::ok);
  EXPECT_EQ(q.remaining(d1), 1U);
  q.record(1, d1);
  EXPECT_EQ(q.state(d1), QuotaState::daily_used);
  EXPECT_EQ(q.remaining(d1), 0U);
  EXPECT_EQ(q.state(d2), QuotaState::ok);
  EXPECT_EQ(q.used_today(d2), 0U);
  EXPECT_EQ(q.used_this_month(d2), 500U);
}

TEST(RouterQuota, MonthlyWinsOverDailyAndRollsWithTheMonth) {
  Quota q(100, 150);
  q.record(90, {1, 5});
  q.record(60, {2, 5});
  EXPECT_EQ(q.state({2, 5}), QuotaState::monthly_used);
  EXPECT_EQ(q.state({3, 6}), QuotaState::ok);
}

TEST(RouterQuota, ZeroMeansUnlimited) {
  Quota q(0, 0);
  q.record(1'000'000, {1, 1});
  EXPECT_EQ(q.state({1, 1}), QuotaState::ok);
  EXPECT_GT(q.remaining({1, 1}), 1'000'000U);
}

TEST(RouterQuota, RestoreFromStore) {
  Quota q(10, 0);
  q.restore(10, 40, {7, 2});
  EXPECT_EQ(q.state({7, 2}), QuotaState::daily_used);
}

TEST(RouterQuota, CalendarKeysFollowLocalTime) {
  // 2026-01-31T21:30:00Z is 2026-02-01 00:30 in Nairobi (UTC+3, no DST).
  setenv("TZ", "Africa/Nairobi", 1);
  tzset();
  const std::int64_t t = 1'769'895'000'000;
  auto k = jumbe::router::calendar_keys(t);
  EXPECT_EQ(k.month, 2026 * 12 + 1);  // February
  EXPECT_EQ(k.day, (t / 1000 + 3 * 3600) / 86400);
  setenv("TZ", "UTC", 1);
  tzset();
  EXPECT_EQ(jumbe::router::calendar_keys(t).month, 2026 * 12 + 0);  // still January in UTC
  unsetenv("TZ");
  tzset();
}

TEST(RouterQuota, DayAndMonthStartInLocalTimeForRestoreAtStart) {
  // 2026-02-01 00:30 in Nairobi (2026-01-31T21:30:00Z): the day and the month both began at
  // 2026-02-01 00:00 EAT = 2026-01-31T21:00:00Z; at 2026-02-14 12:00 EAT the day began
  // 2026-02-14T00:00 EAT = 2026-02-13T21:00:00Z.
  setenv("TZ", "Africa/Nairobi", 1);
  tzset();
  const std::int64_t t = 1'769'895'000'000;
  EXPECT_EQ(jumbe::router::day_start_ms(t), 1'769'893'200'000);
  EXPECT_EQ(jumbe::router::month_start_ms(t), 1'769'893'200'000);
  const std::int64_t mid_feb = 1'771'059'600'000;  // 2026-02-14T09:00:00Z
  EXPECT_EQ(jumbe::router::day_start_ms(mid_feb), 1'771'016'400'000);
  EXPECT_EQ(jumbe::router::month_start_ms(mid_feb), 1'769'893'200'000);
  unsetenv("TZ");
  tzset();
}

}  // namespace
