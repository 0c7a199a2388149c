// Pipeline depth from measured latencies (suite RouterPipeline*): a modem with a 1 s send
// latency keeps the minimum (priorities hold within a send or two), a fast one (a simulator at
// zero latency, ~1 ms per send, against ~8 ms store commits) gets enough to hide the store's
// round trips, never more than the cap; and the router clamps what it is told.
#include "jumbe/router/pipeline.hpp"

#include <gtest/gtest.h>

#include "jumbe/router/router.hpp"

using namespace jumbe::router;

namespace {

struct DepthCase {
  const char* name;
  double send_ms, store_ms;
  int expect;
};

class RouterPipeline : public ::testing::TestWithParam<DepthCase> {};

TEST_P(RouterPipeline, Depth) {
  const auto& c = GetParam();
  EXPECT_EQ(pipeline_depth(c.send_ms, c.store_ms, 2, 32), c.expect);
}

INSTANTIATE_TEST_SUITE_P(Latencies, RouterPipeline,
                         ::testing::Values(DepthCase{"unknown_yet", 0, 0, 2},
                                           DepthCase{"real_modem_3s", 3000, 8, 2},
                                           DepthCase{"sim_1s", 1000, 8, 2},
                                           DepthCase{"sim_200ms", 200, 8, 2},
                                           DepthCase{"sim_20ms_slow_disk", 20, 15, 4},
                                           DepthCase{"sim_zero_latency", 1, 8, 32},
                                           DepthCase{"sim_zero_latency_fast_disk", 1, 2, 8},
                                           DepthCase{"instant_modem_capped", 0.001, 8, 32}),
                         [](const auto& p) { return std::string(p.param.name); });

TEST(RouterPipelineDepth, GrantUsesTheModemsDepthWithinBounds) {
  Router r;
  r.configure({{"saf-1", "safaricom", true, 0, 1000, 0, 0}}, 0);
  r.set_ready("saf-1", true);
  const CalendarKeys day{20'000, 24'300};
  EXPECT_EQ(r.grant("saf-1", 0, 0, day).limit, 2);
  r.set_depth("saf-1", 12);
  EXPECT_EQ(r.grant("saf-1", 4, 0, day).limit, 8);
  r.set_depth("saf-1", 500);  // clamped to max_depth
  EXPECT_EQ(r.grant("saf-1", 0, 0, day).limit, 32);
  r.set_depth("saf-1", 0);  // never below the minimum
  EXPECT_EQ(r.grant("saf-1", 0, 0, day).limit, 2);
}

TEST(RouterPipelineDepth, QuotaLeftIsSharedWithWhatThePipelineHolds) {
  // A daily quota of 3 and a deep pipeline: messages claimed but not yet counted take their
  // share, so a claim never reaches past the bundle.
  Router r;
  r.configure({{"saf-1", "safaricom", true, 0, 1000, 3, 0}}, 0);
  r.set_ready("saf-1", true);
  r.set_depth("saf-1", 32);
  const CalendarKeys day{20'000, 24'300};
  EXPECT_EQ(r.grant("saf-1", 0, 0, day).limit, 3);
  EXPECT_EQ(r.grant("saf-1", 2, 0, day).limit, 1);
  EXPECT_EQ(r.grant("saf-1", 3, 0, day).why, Blocked::pipeline_full);
  r.counted("saf-1", 3, day);
  EXPECT_EQ(r.grant("saf-1", 0, 0, day).why, Blocked::daily_quota);
}

TEST(RouterPipelineEwma, FirstSampleSetsThenMovesAFifth) {
  Ewma e;
  e.add(10);
  EXPECT_DOUBLE_EQ(e.value, 10);
  e.add(20);
  EXPECT_DOUBLE_EQ(e.value, 12);
}

}  // namespace
