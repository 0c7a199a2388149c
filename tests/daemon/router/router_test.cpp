// The router's decisions, as tables of situations an operator of a county office would meet:
// a SIM out of credit, a quota used up, a busy modem, an operator's only modem unplugged.
#include "jumbe/router/router.hpp"

#include <gtest/gtest.h>

using namespace jumbe::router;

namespace {

const CalendarKeys kDay{20'000, 24'300};

std::vector<ModemPolicy> county_modems() {
  // config/jumbe.yaml's shape: 2 Safaricom, 1 Airtel, 1 Telkom, 10/min burst 3.
  return {
      {"saf-1", "safaricom", true, 10.0 / 60, 3, 500, 0},
      {"saf-2", "safaricom", true, 10.0 / 60, 3, 0, 0},
      {"airtel-1", "airtel", true, 10.0 / 60, 3, 0, 0},
      {"telkom-1", "telkom", false, 10.0 / 60, 3, 0, 0},  // receive-only
  };
}

Router ready_router() {
  Router r;
  r.configure(county_modems(), 0);
  for (const auto& n : r.modems())
    r.set_ready(n, true);
  return r;
}

TEST(RouterGrant, ReadyModemGetsAtMostDepth) {
  Router r = ready_router();
  Grant g = r.grant("saf-1", 0, 0, kDay);
  EXPECT_EQ(g.limit, 2);  // depth 2 < burst 3
  EXPECT_EQ(r.grant("saf-1", 1, 0, kDay).limit, 1);
  EXPECT_EQ(r.grant("saf-1", 2, 0, kDay).why, Blocked::pipeline_full);
}

TEST(RouterGrant, EachBlockSaysWhy) {
  Router r = ready_router();
  EXPECT_EQ(r.grant("nope", 0, 0, kDay).why, Blocked::unknown_modem);
  EXPECT_EQ(r.grant("telkom-1", 0, 0, kDay).why, Blocked::no_send_role);
  r.set_ready("saf-2", false);
  EXPECT_EQ(r.grant("saf-2", 0, 0, kDay).why, Blocked::not_ready);
  r.set_no_credit("airtel-1", true, "+CMS ERROR: 500 insufficient balance");
  EXPECT_EQ(r.grant("airtel-1", 0, 0, kDay).why, Blocked::no_credit);
  EXPECT_EQ(r.why("airtel-1", 0, kDay), "no credit: +CMS ERROR: 500 insufficient balance");
  r.set_no_credit("airtel-1", false);
  EXPECT_EQ(r.grant("airtel-1", 0, 0, kDay).limit, 2);
  r.set_stopping(true);
  EXPECT_EQ(r.grant("saf-1", 0, 0, kDay).why, Blocked::stopping);
}

TEST(RouterGrant, RateLimitSaysWhenToAskAgain) {
  Router r = ready_router();
  r.claimed("saf-1", 3, 0);  // burst spent
  Grant g = r.grant("saf-1", 0, 0, kDay);
  EXPECT_EQ(g.why, Blocked::rate_limited);
  ASSERT_TRUE(g.until);
  EXPECT_EQ(*g.until, 6000);  // 10/min: one segment every 6 s
  EXPECT_EQ(r.grant("saf-1", 0, 6000, kDay).limit, 1);
  EXPECT_EQ(r.why("saf-1", 0, kDay), "");  // rate limiting is not an alarm
}

TEST(RouterGrant, DailyQuotaStopsTheModemAndSaysWhy) {
  Router r = ready_router();
  r.counted("saf-1", 499, kDay);
  EXPECT_EQ(r.grant("saf-1", 0, 0, kDay).limit, 1);  // only one message fits
  r.counted("saf-1", 1, kDay);
  EXPECT_EQ(r.grant("saf-1", 0, 0, kDay).why, Blocked::daily_quota);
  EXPECT_EQ(r.why("saf-1", 0, kDay), "daily quota 500 used");
  EXPECT_EQ(r.grant("saf-1", 0, 0, {kDay.day + 1, kDay.month}).limit, 2);
}

TEST(RouterGrant, ReconfigureKeepsCountersOfKeptModems) {
  Router r = ready_router();
  r.counted("saf-1", 500, kDay);
  auto modems = county_modems();
  modems.erase(modems.begin() + 2);  // airtel-1 removed
  modems.push_back({"airtel-2", "airtel", true, 1, 1, 0, 0});
  r.configure(modems, 0);
  EXPECT_EQ(r.grant("saf-1", 0, 0, kDay).why, Blocked::daily_quota);
  EXPECT_FALSE(r.knows("airtel-1"));
  EXPECT_EQ(r.grant("airtel-2", 0, 0, kDay).why, Blocked::not_ready);  // new: not ready yet
}

struct FailRow {
  const char* name;
  AttemptOutcome outcome;
  const char* detail;
  int attempt;
  Retry retry;
  std::int64_t retry_after;
  bool final;
  std::optional<Blocked> modem;
};

class RouterFailure : public ::testing::TestWithParam<FailRow> {};

TEST_P(RouterFailure, Table) {
  Router r = ready_router();
  const FailRow& row = GetParam();
  FailureDecision d = r.failed("saf-1", row.outcome, row.detail, row.attempt, 1000);
  EXPECT_EQ(d.retry, row.retry);
  EXPECT_EQ(d.retry_after_ms, row.retry_after);
  EXPECT_EQ(d.final, row.final);
  EXPECT_EQ(d.modem_blocked, row.modem);
  if (row.modem == Blocked::no_credit) {
    EXPECT_EQ(r.grant("saf-1", 0, 1000, kDay).why, Blocked::no_credit);
  }
  if (row.modem == Blocked::paused) {
    Grant g = r.grant("saf-1", 0, 1000, kDay);
    EXPECT_EQ(g.why, Blocked::paused);
    EXPECT_EQ(g.until, 6000);
    EXPECT_EQ(r.grant("saf-1", 0, 6000, kDay).why, Blocked::none);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Rows, RouterFailure,
    ::testing::Values(
        // +CMS ERROR texts as drivers/at's error table renders them.
        FailRow{"busy_pauses_modem", AttemptOutcome::retry_here_later, "+CMS ERROR: 512 (SIM busy)",
                1, Retry::here, 30'000, false, Blocked::paused},
        FailRow{"busy_third_attempt_backs_off", AttemptOutcome::retry_here_later, "+CMS ERROR: 512",
                3, Retry::here, 120'000, false, Blocked::paused},
        FailRow{"network_goes_elsewhere", AttemptOutcome::retry_elsewhere,
                "+CMS ERROR: 38 (network out of order)", 1, Retry::elsewhere, 0, false,
                std::nullopt},
        FailRow{"no_credit_blocks_modem", AttemptOutcome::retry_elsewhere,
                "+CMS ERROR: 500 Insufficient balance", 1, Retry::elsewhere, 0, false,
                Blocked::no_credit},
        FailRow{"uncertain_goes_elsewhere", AttemptOutcome::uncertain, "timeout", 2,
                Retry::elsewhere, 0, false, std::nullopt},
        FailRow{"bad_number_is_final", AttemptOutcome::permanent,
                "+CMS ERROR: 1 (unassigned number)", 1, Retry::never, 0, true, std::nullopt},
        FailRow{"attempts_exhausted", AttemptOutcome::retry_elsewhere, "+CMS ERROR: 38", 5,
                Retry::elsewhere, 0, true, std::nullopt}),
    [](const auto& row) { return std::string(row.param.name); });

TEST(RouterPrefer, OwnOperatorFirstWhileOneOfItsModemsCanSend) {
  Router r = ready_router();
  Preference p = r.prefer("safaricom");
  EXPECT_EQ(p.operator_name, "safaricom");
  EXPECT_EQ(p.grace_ms, 120'000);
  r.set_ready("saf-1", false);
  EXPECT_EQ(r.prefer("safaricom").operator_name, "safaricom");  // saf-2 still there
  r.set_no_credit("saf-2", true, "insufficient");
  EXPECT_EQ(r.prefer("safaricom").operator_name, "");  // fall back to any modem at once
}

TEST(RouterPrefer, OperatorWithoutSendingModemMeansAny) {
  Router r = ready_router();
  EXPECT_EQ(r.prefer("telkom").operator_name, "");  // telkom-1 is receive-only
  EXPECT_EQ(r.prefer("").operator_name, "");
  EXPECT_EQ(r.prefer("faiba").operator_name, "");
}

TEST(RouterNoCredit, RecognisesOperatorTexts) {
  EXPECT_TRUE(looks_like_no_credit("+CMS ERROR: 500 Insufficient funds"));
  EXPECT_TRUE(looks_like_no_credit("Salio lako halitoshi"));  // Swahili: your balance is short
  EXPECT_FALSE(looks_like_no_credit("+CMS ERROR: 38 (network out of order)"));
}

}  // namespace
