// USSD session bookkeeping (daemon/api/ussd_sessions.hpp): one session per modem, 409 when busy
// or when nothing is open, the owner answers its own menu, an old answer never closes a newer
// session, and the gateway's error lines map to the contract's statuses.
#include <gtest/gtest.h>

#include "jumbe/api/ussd_sessions.hpp"

namespace jumbe::api {
namespace {

TEST(ApiLiveUssd, StartContinueEnd) {
  UssdSessions s;
  auto t = s.begin_start("saf-1", "ops", 0);
  ASSERT_TRUE(t);
  EXPECT_EQ(s.phase("saf-1", 0), UssdSessions::Phase::waiting);
  s.finished("saf-1", *t, true, true, 1000);  // the network shows a menu
  EXPECT_EQ(s.phase("saf-1", 1000), UssdSessions::Phase::open);
  auto t2 = s.begin_continue("saf-1", "ops", false, 2000);
  ASSERT_TRUE(t2);
  s.finished("saf-1", *t2, true, false, 3000);  // final answer, status 0
  EXPECT_EQ(s.phase("saf-1", 3000), UssdSessions::Phase::idle);
  EXPECT_TRUE(s.begin_start("saf-1", "other", 4000));
}

TEST(ApiLiveUssd, ASecondStartOnABusyModemIsAConflict) {
  UssdSessions s;
  auto t = s.begin_start("saf-1", "ops", 0);
  auto busy = s.begin_start("saf-1", "ops", 10);
  ASSERT_FALSE(busy);
  EXPECT_EQ(busy.error().status, 409);
  EXPECT_EQ(busy.error().message, "modem saf-1 is waiting for the network's USSD reply");
  s.finished("saf-1", *t, true, true, 100);
  busy = s.begin_start("saf-1", "x", 200);
  ASSERT_FALSE(busy);
  EXPECT_EQ(busy.error().status, 409);
  EXPECT_NE(busy.error().message.find("open USSD menu (client ops)"), std::string::npos);
}

TEST(ApiLiveUssd, ContinueWithoutAnOpenMenuIsAConflict) {
  UssdSessions s;
  auto c = s.begin_continue("saf-1", "ops", false, 0);
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().status, 409);
  EXPECT_EQ(c.error().message, "no USSD session is open on modem saf-1");
}

TEST(ApiLiveUssd, AnOpenMenuExpiresLikeTheNetworksDoes) {
  UssdSessions s;
  auto t = s.begin_start("saf-1", "ops", 0);
  s.finished("saf-1", *t, true, true, 1000);
  auto c = s.begin_continue("saf-1", "ops", false, 1000 + UssdSessions::kOpenLifetimeMs);
  ASSERT_FALSE(c);
  EXPECT_NE(c.error().message.find("expired"), std::string::npos);
  EXPECT_TRUE(s.begin_start("saf-1", "ops", 1000 + UssdSessions::kOpenLifetimeMs));
}

TEST(ApiLiveUssd, AnotherClientsMenuIsForbiddenExceptToAdmins) {
  UssdSessions s;
  auto t = s.begin_start("saf-1", "ops", 0);
  s.finished("saf-1", *t, true, true, 10);
  auto c = s.begin_continue("saf-1", "crm", false, 20);
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().status, 403);
  auto d = s.cancel("saf-1", "crm", false);
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().status, 403);
  EXPECT_TRUE(s.begin_continue("saf-1", "root", true, 30));
}

TEST(ApiLiveUssd, TheAnswerToACancelledRequestDoesNotCloseTheNextSession) {
  UssdSessions s;
  auto t1 = s.begin_start("saf-1", "ops", 0);
  ASSERT_TRUE(s.cancel("saf-1", "ops", false));
  auto t2 = s.begin_start("saf-1", "ops", 10);
  ASSERT_TRUE(t2);
  s.finished("saf-1", *t1, false, false, 20);  // "USSD request cancelled" arrives late
  EXPECT_EQ(s.phase("saf-1", 20), UssdSessions::Phase::waiting);
  s.finished("saf-1", *t2, true, true, 30);
  EXPECT_EQ(s.phase("saf-1", 30), UssdSessions::Phase::open);
}

TEST(ApiLiveUssd, CancelWithNothingOpenIsAConflict) {
  UssdSessions s;
  auto d = s.cancel("saf-1", "ops", true);
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().status, 409);
}

TEST(ApiLiveUssd, AnyModemPicksTheFirstIdleReadyOne) {
  UssdSessions s;
  EXPECT_EQ(s.choose({}, 0).error().status, 503);
  EXPECT_EQ(*s.choose({"saf-1", "air-1"}, 0), "saf-1");
  ASSERT_TRUE(s.begin_start("saf-1", "ops", 0));
  EXPECT_EQ(*s.choose({"saf-1", "air-1"}, 0), "air-1");
  ASSERT_TRUE(s.begin_start("air-1", "ops", 0));
  auto all_busy = s.choose({"saf-1", "air-1"}, 0);
  ASSERT_FALSE(all_busy);
  EXPECT_EQ(all_busy.error().status, 409);
}

TEST(ApiLiveUssd, GatewayErrorsMapToTheContract) {
  // Verbatim lines from gateway::Gateway::ussd (views.cpp) and modem::UssdSession.
  const std::tuple<const char*, int, const char*> table[] = {
      {"no modem with the ussd role is ready", 503, "unavailable"},
      {"modem 'saf-1' is not ready", 503, "unavailable"},
      {"modem saf-1: modem saf-1 is not ready (RESETTING)", 503, "unavailable"},
      {"modem 'x' is not configured", 404, "not_found"},
      {"modem 'saf-1' does not have the ussd role", 422, "invalid"},
      {"modem saf-1: a USSD request is already in progress on this modem", 409, "conflict"},
      {"modem saf-1: timeout waiting for the network's +CUSD reply", 504, "gateway_timeout"},
      {"modem saf-1: network timeout (+CUSD: 5)", 504, "gateway_timeout"},
      {"modem saf-1: the network released the USSD session without a reply (+CUSD: 2)", 504,
       "gateway_timeout"},
      {"modem saf-1: USSD operation not supported by the network or modem (+CUSD: 4)", 502,
       "bad_gateway"},
      {"modem saf-1: +CME ERROR: 25", 502, "bad_gateway"},
  };
  for (const auto& [msg, status, code] : table) {
    const auto e = classify_ussd_error(msg);
    EXPECT_EQ(e.status, status) << msg;
    EXPECT_EQ(e.code, code) << msg;
    EXPECT_EQ(e.message, msg);
  }
}

TEST(ApiLiveUssd, ReplyJsonUsesTheModemAsSessionId) {
  const auto j = ussd_reply_json({"saf-1", 1, "Karibu\n1. Ripoti\n2. Hali", true});
  EXPECT_EQ(j["session"], "saf-1");
  EXPECT_EQ(j["modem"], "saf-1");
  EXPECT_EQ(j["status"], 1);
  EXPECT_EQ(j["open"], true);
  EXPECT_EQ(j["text"], "Karibu\n1. Ripoti\n2. Hali");
}

}  // namespace
}  // namespace jumbe::api
