// Retry backoff: grows per attempt, capped both ends (Postfix qmgr's minimal/maximal backoff).
#include "jumbe/router/backoff.hpp"

#include <gtest/gtest.h>

using jumbe::router::BackoffPolicy;
using jumbe::router::retry_delay_ms;

namespace {

struct Row {
  int attempt;
  std::int64_t expect;
};

class RouterBackoff : public ::testing::TestWithParam<Row> {};

TEST_P(RouterBackoff, DefaultPolicy) {
  EXPECT_EQ(retry_delay_ms(GetParam().attempt, BackoffPolicy{}), GetParam().expect);
}

INSTANTIATE_TEST_SUITE_P(Rows, RouterBackoff,
                         ::testing::Values(Row{-3, 30'000}, Row{0, 30'000}, Row{1, 30'000},
                                           Row{2, 60'000}, Row{3, 120'000}, Row{7, 1'920'000},
                                           Row{8, 3'600'000}, Row{1000, 3'600'000}));

TEST(RouterBackoffPolicy, CapBelowFloorUsesFloor) {
  EXPECT_EQ(retry_delay_ms(5, BackoffPolicy{1000, 10, 5}), 1000);
}

}  // namespace
