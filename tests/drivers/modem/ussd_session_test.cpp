// USSD sessions against the orders of events networks produce. Lines are verbatim +CUSD forms:
// Safaricom-style balance "+CUSD: 0,"Bal: 50.00 KSh ...",15", a menu "+CUSD: 1,"1. Data ...",15",
// "+CUSD: 2" release before the reply (seen on Huawei E173 with Kenyan and European networks),
// "+CUSD: 4" (code not supported), "+CUSD: 5" (network timeout).
#include "jumbe/modem/ussd_session.hpp"

#include <gtest/gtest.h>

namespace jumbe::modem {
namespace {

using namespace std::chrono_literals;
const auto t0 = UssdSession::Clock::time_point{};

pdu::Cusd cusd(int status, std::optional<std::string> text = std::nullopt) {
  pdu::Cusd c;
  c.status = status;
  c.text = std::move(text);
  if (c.text) c.dcs = 15;
  return c;
}

UssdSession::Completed only_completion(UssdSession& s) {
  auto out = s.take_outputs();
  EXPECT_EQ(out.size(), 1u);
  if (out.empty() || !std::holds_alternative<UssdSession::Completed>(out[0])) return {};
  return std::get<UssdSession::Completed>(out[0]);
}

TEST(ModemUssd, BalanceAfterOk) {
  UssdSession s;
  ASSERT_TRUE(s.begin(t0));
  s.on_command_result(true, "", t0 + 50ms);
  EXPECT_TRUE(s.take_outputs().empty());
  s.on_cusd(cusd(0, "Bal: 50.00 KSh"), t0 + 2s);
  const auto c = only_completion(s);
  EXPECT_TRUE(c.ok);
  EXPECT_EQ(c.text, "Bal: 50.00 KSh");
  EXPECT_FALSE(c.session_open);
  EXPECT_EQ(s.phase(), UssdSession::Phase::idle);
}

TEST(ModemUssd, ReplyBeforeOk) {
  UssdSession s;
  ASSERT_TRUE(s.begin(t0));
  s.on_cusd(cusd(0, "Bal: 50.00 KSh"), t0 + 10ms);
  EXPECT_TRUE(s.take_outputs().empty()) << "held until the command completes";
  s.on_command_result(true, "", t0 + 20ms);
  EXPECT_EQ(only_completion(s).text, "Bal: 50.00 KSh");
}

TEST(ModemUssd, ReleaseBeforeRealReplyWaitsForIt) {
  UssdSession s;
  ASSERT_TRUE(s.begin(t0));
  s.on_command_result(true, "", t0);
  s.on_cusd(cusd(2), t0 + 1s);
  EXPECT_TRUE(s.take_outputs().empty());
  s.on_tick(t0 + 2s);  // inside the grace period
  EXPECT_TRUE(s.take_outputs().empty());
  s.on_cusd(cusd(0, "Umebakiwa na 20 SMS"), t0 + 2500ms);
  const auto c = only_completion(s);
  EXPECT_TRUE(c.ok);
  EXPECT_EQ(c.text, "Umebakiwa na 20 SMS");
}

TEST(ModemUssd, ReleaseWithoutReplyEndsAfterGrace) {
  UssdSession s;
  ASSERT_TRUE(s.begin(t0));
  s.on_command_result(true, "", t0);
  s.on_cusd(cusd(2), t0 + 1s);
  s.on_tick(t0 + 5s);
  const auto c = only_completion(s);
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(c.status, 2);
  EXPECT_NE(c.error.find("released"), std::string::npos);
}

TEST(ModemUssd, MenuSessionTwoSteps) {
  UssdSession s;
  ASSERT_TRUE(s.begin(t0));
  s.on_command_result(true, "", t0);
  s.on_cusd(cusd(1, "1. Data\n2. SMS"), t0 + 1s);
  auto c = only_completion(s);
  EXPECT_TRUE(c.session_open);
  EXPECT_EQ(s.phase(), UssdSession::Phase::open);
  ASSERT_TRUE(s.begin(t0 + 5s));  // the answer "2"
  s.on_command_result(true, "", t0 + 5s);
  s.on_cusd(cusd(0, "SMS bundles: ..."), t0 + 6s);
  c = only_completion(s);
  EXPECT_FALSE(c.session_open);
  EXPECT_EQ(s.phase(), UssdSession::Phase::idle);
}

TEST(ModemUssd, StatusFourAndFiveWithoutText) {
  for (int status : {4, 5}) {
    UssdSession s;
    ASSERT_TRUE(s.begin(t0));
    s.on_command_result(true, "", t0);
    s.on_cusd(cusd(status), t0 + 1s);
    const auto c = only_completion(s);
    EXPECT_FALSE(c.ok);
    EXPECT_EQ(c.status, status);
    EXPECT_NE(c.error.find("+CUSD: " + std::to_string(status)), std::string::npos);
  }
}

TEST(ModemUssd, TimeoutAsksForCancel) {
  UssdSession s({10s, 3s});
  ASSERT_TRUE(s.begin(t0));
  s.on_command_result(true, "", t0);
  s.on_tick(t0 + 9s);
  EXPECT_TRUE(s.take_outputs().empty());
  s.on_tick(t0 + 10s);
  const auto c = only_completion(s);
  EXPECT_FALSE(c.ok);
  EXPECT_TRUE(c.cancel_session);
}

TEST(ModemUssd, CommandErrorCompletesOnceAndLateOkIsIgnored) {
  UssdSession s;
  ASSERT_TRUE(s.begin(t0));
  s.on_command_result(false, "+CME ERROR: 100 (unknown)", t0);
  EXPECT_EQ(only_completion(s).error, "+CME ERROR: 100 (unknown)");
  s.on_command_result(true, "", t0);
  EXPECT_TRUE(s.take_outputs().empty());
}

TEST(ModemUssd, OneRequestAtATime) {
  UssdSession s;
  ASSERT_TRUE(s.begin(t0));
  const auto second = s.begin(t0);
  ASSERT_FALSE(second);
  EXPECT_NE(second.error().find("already in progress"), std::string::npos);
}

TEST(ModemUssd, NetworkInitiated) {
  UssdSession s;
  s.on_cusd(cusd(0, "Your bundle expires today"), t0);
  auto out = s.take_outputs();
  ASSERT_EQ(out.size(), 1u);
  const auto& u = std::get<UssdSession::Unsolicited>(out[0]);
  EXPECT_EQ(u.text, "Your bundle expires today");
  EXPECT_FALSE(u.session_open);
}

TEST(ModemUssd, AbortFailsTheRequest) {
  UssdSession s;
  ASSERT_TRUE(s.begin(t0));
  s.abort("modem unplugged");
  EXPECT_EQ(only_completion(s).error, "modem unplugged");
  EXPECT_EQ(s.phase(), UssdSession::Phase::idle);
}

}  // namespace
}  // namespace jumbe::modem
