// Token bucket tables: rates as operators' fair-use rules and our config express them
// (10/min with burst 3 is config/jumbe.yaml's default; 60/min burst 10 is config/demo.yaml).
#include "jumbe/router/token_bucket.hpp"

#include <gtest/gtest.h>

using jumbe::router::TokenBucket;

namespace {

struct Row {
  const char* name;
  double rate_per_s;
  unsigned burst;
  long take_at_0;  // tokens taken at t=0
  long at_ms;
  long expect_available;
  long expect_next_at;
};

class RouterTokenBucket : public ::testing::TestWithParam<Row> {};

TEST_P(RouterTokenBucket, Table) {
  const Row& r = GetParam();
  TokenBucket b(r.rate_per_s, r.burst, 0);
  b.take(r.take_at_0, 0);
  EXPECT_EQ(b.available(r.at_ms), r.expect_available);
  EXPECT_EQ(b.next_token_at(r.at_ms), r.expect_next_at);
}

INSTANTIATE_TEST_SUITE_P(
    Rows, RouterTokenBucket,
    ::testing::Values(Row{"full_burst_at_start", 10.0 / 60, 3, 0, 0, 3, 0},
                      Row{"burst_spent_waits_6s", 10.0 / 60, 3, 3, 0, 0, 6000},
                      Row{"one_token_after_6s", 10.0 / 60, 3, 3, 6000, 1, 6000},
                      Row{"capped_at_burst", 10.0 / 60, 3, 3, 3'600'000, 3, 3'600'000},
                      Row{"multipart_debt_delays", 1.0, 10, 13, 0, 0, 4000},
                      Row{"multipart_debt_repaid", 1.0, 10, 13, 4000, 1, 4000},
                      Row{"unlimited_rate", 0, 5, 100, 0, 5, 0},
                      Row{"burst_zero_means_one", 1.0, 0, 0, 0, 1, 0}),
    [](const auto& row) { return std::string(row.param.name); });

TEST(RouterTokenBucketClock, ClockGoingBackMintsNothing) {
  TokenBucket b(1.0, 2, 10'000);
  b.take(2, 10'000);
  EXPECT_EQ(b.available(5'000), 0);
  EXPECT_EQ(b.available(11'000), 1);
}

TEST(RouterTokenBucketClock, ReconfigureKeepsLevelCappedToNewBurst) {
  TokenBucket b(1.0, 10, 0);
  b.reconfigure(1.0, 4, 0);
  EXPECT_EQ(b.available(0), 4);
  b.take(4, 0);
  b.reconfigure(2.0, 4, 0);
  EXPECT_EQ(b.available(500), 1);
}

}  // namespace
