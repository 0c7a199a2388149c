// Routing with real jumbed and jumbe-sim: by operator across 3 modems, a high-priority message
// overtaking bulk, rate limits seen in the simulator's own timestamps.
#include <gtest/gtest.h>

#include <set>

#include "jumbed_fixture.hpp"

using namespace jumbe::testing;
using namespace std::chrono_literals;

namespace {

SimOptions sim_options(int modems, std::vector<std::string> extra = {}) {
  SimOptions o;
  o.binary = JUMBE_SIM;
  o.modems = modems;  // operators rotate safaricom, airtel, telkom (jumbe-sim --operator)
  o.extra_args = std::move(extra);
  return o;
}

int total_sent(Jumbed& d, int modems) {
  int n = 0;
  for (int i = 0; i < modems; ++i)
    n += static_cast<int>(d.sent(i).size());
  return n;
}

TEST(JumbedRouting, ByOperatorAcrossThreeModems) {
  SimProcess sim(sim_options(3));
  Jumbed d(sim, {{"saf-1", 0, "safaricom"}, {"airtel-1", 1, "airtel"}, {"telkom-1", 2, "telkom"}});
  d.start();
  ASSERT_TRUE(d.wait_ready()) << d.log();
  // Kenyan ranges (mission.md): 0712 Safaricom, 0733 Airtel, 0771 Telkom.
  ASSERT_EQ(d.enqueue("0712000001", "kwa safaricom", "normal", 3), 0);
  ASSERT_EQ(d.enqueue("0733000002", "kwa airtel", "normal", 3), 0);
  ASSERT_EQ(d.enqueue("0771000003", "kwa telkom", "normal", 3), 0);
  ASSERT_TRUE(Jumbed::wait([&] { return total_sent(d, 3) >= 9; }, 30s)) << d.log();
  const char* expect[] = {"+254712000001", "+254733000002", "+254771000003"};
  for (int i = 0; i < 3; ++i) {
    auto s = d.sent(i);
    EXPECT_EQ(s.size(), 3U) << "modem " << i << "\n" << d.log();
    for (const auto& rec : s)
      EXPECT_EQ(rec["to"], expect[i]);
  }
  d.stop();
}

TEST(JumbedRouting, HighPriorityOvertakesTwoThousandBulk) {
  SimProcess sim(sim_options(1, {"--send-latency-ms", "20"}));
  Jumbed d(sim, {{"saf-1", 0, "safaricom"}});
  ASSERT_EQ(d.enqueue("0712000001", "bulk", "bulk", 2000), 0);
  d.start();
  ASSERT_TRUE(d.wait_ready()) << d.log();
  ASSERT_TRUE(Jumbed::wait([&] { return d.sent(0).size() >= 5; }, 60s)) << d.log();
  const std::size_t before = d.sent(0).size();
  ASSERT_EQ(d.enqueue("0712000009", "haraka", "high"), 0);
  std::size_t at = 0;
  ASSERT_TRUE(Jumbed::wait(
      [&] {
        auto s = d.sent(0);
        for (std::size_t i = 0; i < s.size(); ++i)
          if (s[i]["to"] == "+254712000009") return (at = i), true;
        return false;
      },
      60s))
      << d.log();
  // Within a few sends of being queued (pipeline depth 2, a claim on its way, and the sends
  // that happened while `jumbed --enqueue` ran), not behind the ~1,990 remaining bulk.
  EXPECT_LT(at, before + 40) << "sent as number " << at << "; " << before << " sent before";
  EXPECT_LT(d.sent(0).size(), 1500U);
  d.stop();
}

TEST(JumbedRouting, RateLimitRespectedInSimulatorTimestamps) {
  SimProcess sim(sim_options(1));
  // 60/min with burst 2: after the first two, one send per second at most.
  Jumbed d(sim, {{"saf-1", 0, "safaricom", "60/min", 2}});
  d.start();
  ASSERT_TRUE(d.wait_ready()) << d.log();
  ASSERT_EQ(d.enqueue("0712000001", "rate", "normal", 5), 0);
  ASSERT_TRUE(Jumbed::wait([&] { return d.sent(0).size() >= 5; }, 30s)) << d.log();
  auto s = d.sent(0);
  const auto t0 = s[0]["time_ms"].get<std::int64_t>();
  const auto t4 = s[4]["time_ms"].get<std::int64_t>();
  // Tokens: 2 at start, then 1/s: the 5th send cannot come before 3 s after the first.
  EXPECT_GE(t4 - t0, 2900) << "5 sends within " << (t4 - t0) << " ms at 60/min burst 2";
  d.stop();
}

}  // namespace
