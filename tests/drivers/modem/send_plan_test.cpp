// Send plans (segments -> AT+CMGS steps) and the classification of each +CMGS result. Error
// lines are verbatim modem output: "+CMS ERROR: 38" (network out of order, seen on SIM800 when
// the cell drops), "+CMS ERROR: 512" (Huawei E173 during a receive), "+CME ERROR: 14" (SIM busy,
// Quectel EC25 right after boot), "+CMS ERROR: 1" (unassigned number, TS 24.011 E.2).
#include "jumbe/modem/send_plan.hpp"

#include <gtest/gtest.h>

#include "jumbe/at/result_code.hpp"

namespace jumbe::modem {
namespace {

at::CommandResult reply(std::vector<std::string> lines, const std::string& final_line) {
  at::Reply r;
  r.final = *at::parse_final_result(final_line);
  r.lines = std::move(lines);
  return r;
}

TEST(ModemSendPlan, SingleSegment) {
  SendRequest req;
  req.to = "+254712345678";
  req.text = "Baraza kesho saa nne asubuhi";
  const auto plan = build_send_plan(req);
  ASSERT_TRUE(plan) << plan.error().message;
  ASSERT_EQ(plan->steps.size(), 1u);
  EXPECT_EQ(plan->steps[0].seq, 1);
  EXPECT_TRUE(plan->steps[0].command.line.starts_with("AT+CMGS="));
  EXPECT_EQ(plan->steps[0].command.kind, at::CommandKind::sms_send);
  EXPECT_TRUE(plan->steps[0].command.payload.starts_with("00"));  // default SMSC
}

TEST(ModemSendPlan, MultipartGetsOneStepPerSegment) {
  SendRequest req;
  req.to = "+254712345678";
  req.text = std::string(400, 'a');  // 153 + 153 + 94 septets
  req.concat_ref = 7;
  req.priority = at::Priority::bulk;
  const auto plan = build_send_plan(req);
  ASSERT_TRUE(plan);
  ASSERT_EQ(plan->steps.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(plan->steps[static_cast<std::size_t>(i)].seq, i + 1);
    EXPECT_EQ(plan->steps[static_cast<std::size_t>(i)].command.priority, at::Priority::bulk);
  }
}

TEST(ModemSendPlan, BadInputIsAOneLineErrorNamingTheField) {
  SendRequest req;
  req.to = "07x";
  req.text = "hi";
  auto plan = build_send_plan(req);
  ASSERT_FALSE(plan);
  EXPECT_TRUE(plan.error().message.starts_with("recipient")) << plan.error().message;

  req.to = "+254712345678";
  req.text = "\xff";
  plan = build_send_plan(req);
  ASSERT_FALSE(plan);
  EXPECT_TRUE(plan.error().message.starts_with("message text")) << plan.error().message;
}

struct ClassifyRow {
  const char* name;
  at::CommandResult result;
  SegmentStatus status;
  std::optional<Outcome> outcome;
  std::optional<int> mr;
};

void PrintTo(const ClassifyRow& r, std::ostream* os) {
  *os << r.name;
}

class ModemSendClassify : public ::testing::TestWithParam<ClassifyRow> {};

TEST_P(ModemSendClassify, Row) {
  const auto& r = GetParam();
  const auto s = classify_segment(1, r.result);
  EXPECT_EQ(s.status, r.status) << to_string(s.status);
  EXPECT_EQ(s.outcome, r.outcome);
  EXPECT_EQ(s.mr, r.mr);
}

at::CommandResult timeout() {
  return tl::unexpected(
      at::CommandError{at::CommandError::Kind::timeout, "AT+CMGS after 60 s", true});
}
at::CommandResult cancelled(bool payload_written) {
  return tl::unexpected(
      at::CommandError{at::CommandError::Kind::cancelled, "port closed", payload_written});
}

INSTANTIATE_TEST_SUITE_P(
    Replies, ModemSendClassify,
    ::testing::Values(
        ClassifyRow{"sent", reply({"+CMGS: 12"}, "OK"), SegmentStatus::sent, std::nullopt, 12},
        ClassifyRow{"sent_no_mr", reply({}, "OK"), SegmentStatus::sent, std::nullopt, std::nullopt},
        ClassifyRow{"cms38_network", reply({}, "+CMS ERROR: 38"), SegmentStatus::failed,
                    Outcome::retry_elsewhere, std::nullopt},
        ClassifyRow{"cms331_no_service", reply({}, "+CMS ERROR: 331"), SegmentStatus::failed,
                    Outcome::retry_elsewhere, std::nullopt},
        ClassifyRow{"cms512_collision", reply({}, "+CMS ERROR: 512"), SegmentStatus::failed,
                    Outcome::retry_here_later, std::nullopt},
        ClassifyRow{"cme14_sim_busy", reply({}, "+CME ERROR: 14"), SegmentStatus::failed,
                    Outcome::retry_here_later, std::nullopt},
        ClassifyRow{"cms1_unassigned", reply({}, "+CMS ERROR: 1"), SegmentStatus::failed,
                    Outcome::permanent, std::nullopt},
        ClassifyRow{"plain_error", reply({}, "ERROR"), SegmentStatus::failed,
                    Outcome::retry_elsewhere, std::nullopt},
        ClassifyRow{"timeout", timeout(), SegmentStatus::uncertain, Outcome::uncertain,
                    std::nullopt},
        ClassifyRow{"no_prompt",
                    tl::unexpected(at::CommandError{at::CommandError::Kind::timeout,
                                                    "no \"> \" prompt for AT+CMGS=23"}),
                    SegmentStatus::failed, Outcome::retry_elsewhere, std::nullopt},
        ClassifyRow{"unplugged", cancelled(true), SegmentStatus::uncertain, Outcome::uncertain,
                    std::nullopt},
        ClassifyRow{"unplugged_before_prompt", cancelled(false), SegmentStatus::failed,
                    Outcome::retry_elsewhere, std::nullopt}),
    [](const auto& row) { return std::string(row.param.name); });

TEST(ModemSendPlan, SummaryOfAMessage) {
  std::vector<SegmentResult> ok = {classify_segment(1, reply({"+CMGS: 1"}, "OK")),
                                   classify_segment(2, reply({"+CMGS: 2"}, "OK"))};
  EXPECT_EQ(summarise(ok, 2).outcome, Outcome::sent);

  // Second segment refused: the third is never tried, the message takes the failure's class.
  std::vector<SegmentResult> failed = {classify_segment(1, reply({"+CMGS: 1"}, "OK")),
                                       classify_segment(2, reply({}, "+CMS ERROR: 38"))};
  const auto s = summarise(failed, 3);
  EXPECT_EQ(s.outcome, Outcome::retry_elsewhere);
  ASSERT_EQ(s.segments.size(), 3u);
  EXPECT_EQ(s.segments[2].status, SegmentStatus::not_attempted);
  EXPECT_NE(s.detail.find("38"), std::string::npos);

  // A segment whose fate is unknown makes the whole message uncertain.
  std::vector<SegmentResult> unsure = {classify_segment(1, reply({"+CMGS: 1"}, "OK")),
                                       classify_segment(2, cancelled(true))};
  EXPECT_EQ(summarise(unsure, 2).outcome, Outcome::uncertain);
}

}  // namespace
}  // namespace jumbe::modem
