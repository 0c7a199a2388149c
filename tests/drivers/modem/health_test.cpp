// Health change detection and reset backoff.
#include "jumbe/modem/health.hpp"

#include <gtest/gtest.h>

namespace jumbe::modem {
namespace {

using namespace std::chrono_literals;

TEST(ModemHealth, SmallSignalWobbleIsNotAnEvent) {
  Health a;
  a.signal_dbm = -71;
  Health b = a;
  b.signal_dbm = -75;
  EXPECT_FALSE(significant(a, b));
  b.signal_dbm = -79;
  EXPECT_TRUE(significant(a, b));
  b = a;
  b.counters.segments_sent = 1000;
  EXPECT_FALSE(significant(a, b)) << "counters alone are read on demand";
}

TEST(ModemHealth, StateRegistrationStorageAndBerAreEvents) {
  Health a;
  Health b = a;
  b.registration = at::RegStatus::home;
  EXPECT_TRUE(significant(a, b));
  b = a;
  b.storage_used = 30;
  b.storage_total = 30;
  EXPECT_TRUE(b.storage_full());
  EXPECT_TRUE(significant(a, b));
  b = a;
  b.ber_class = 3;
  EXPECT_TRUE(significant(a, b));
}

TEST(ModemHealth, BackoffDoublesAndCaps) {
  EXPECT_EQ(backoff_delay(0, 2s, 300s), 2s);
  EXPECT_EQ(backoff_delay(1, 2s, 300s), 4s);
  EXPECT_EQ(backoff_delay(7, 2s, 300s), 256s);
  EXPECT_EQ(backoff_delay(8, 2s, 300s), 300s);
  EXPECT_EQ(backoff_delay(1000, 2s, 300s), 300s);
  Backoff b(1s, 10s);
  EXPECT_EQ(b.next(), 1s);
  EXPECT_EQ(b.next(), 2s);
  b.succeeded();
  EXPECT_EQ(b.next(), 1s);
}

TEST(ModemHealth, Descriptions) {
  EXPECT_EQ(describe(at::RegStatus::roaming), "roaming");
  EXPECT_EQ(describe(at::SimState::sim_puk), "SIM PUK required (SIM blocked)");
}

}  // namespace
}  // namespace jumbe::modem
