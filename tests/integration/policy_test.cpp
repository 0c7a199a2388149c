// Policies that outlive one send, with real jumbed and jumbe-sim: a daily quota still counts
// what went out before a restart (restored from the store's segment log), and a send whose
// outcome is unknown gets store.uncertain at once (here `fail`), not after its 2-minute lease.
#include <gtest/gtest.h>

#include "jumbed_fixture.hpp"

using namespace jumbe::testing;
using namespace std::chrono_literals;

namespace {

int count(const std::string& haystack, const std::string& needle) {
  int n = 0;
  for (auto p = haystack.find(needle); p != std::string::npos; p = haystack.find(needle, p + 1))
    ++n;
  return n;
}

TEST(JumbedPolicy, DailyQuotaSurvivesARestart) {
  SimOptions o;
  o.binary = JUMBE_SIM;
  SimProcess sim(o);
  ModemSpec saf{"saf-1", 0, "safaricom"};
  saf.daily_quota = 3;
  Jumbed d(sim, {saf});
  ASSERT_EQ(d.enqueue("0712000001", "quota", "normal", 5), 0);
  d.start();
  ASSERT_TRUE(d.wait_ready()) << d.log();
  const std::string used = "stops taking work: daily quota 3 used";
  ASSERT_TRUE(Jumbed::wait([&] { return d.log_contains(used); }, 30s)) << d.log();
  EXPECT_EQ(d.sent(0).size(), 3U);
  d.stop();
  // Restarted the same day: the 3 segments sent count, so the 2 left wait for tomorrow.
  d.start();
  ASSERT_TRUE(d.wait_ready()) << d.log();
  ASSERT_TRUE(Jumbed::wait([&] { return count(d.log(), used) >= 2; }, 30s)) << d.log();
  EXPECT_TRUE(d.log_contains("modem saf-1: 3 segments sent today")) << d.log();
  EXPECT_EQ(d.sent(0).size(), 3U) << d.log();
  d.stop();
}

TEST(JumbedPolicy, UncertainSendFailedAtOnceWhenPolicySaysFail) {
  SimOptions o;
  o.binary = JUMBE_SIM;
  o.extra_args = {"--send-latency-ms", "3000"};  // a window to unplug the modem mid-send
  SimProcess sim(o);
  Jumbed d(sim, {{"saf-1", 0, "safaricom"}});
  d.store_yaml = "  uncertain:\n    normal: fail\n";
  d.write_config({{"saf-1", 0, "safaricom"}});
  d.start();
  ASSERT_TRUE(d.wait_ready()) << d.log();
  ASSERT_EQ(d.enqueue("0712000001", "labda"), 0);
  ASSERT_TRUE(Jumbed::wait([&] { return d.log_contains("-> modem saf-1"); }, 30s)) << d.log();
  sim.request({{"cmd", "fault"}, {"modem", 0}, {"kind", "unplug"}});
  // Well before the 2-minute lease would have ended.
  ASSERT_TRUE(Jumbed::wait([&] { return d.log_contains("uncertain, now failed"); }, 30s))
      << d.log();
  d.stop();
}

}  // namespace
