// Modem views and status as JSON (daemon/api/modems_json.hpp, status_json.hpp): every contract
// field present, unknowns null rather than invented zeros, tokens for TS 27.007 7.2 <stat>.
#include <gtest/gtest.h>

#include "jumbe/api/modems_json.hpp"
#include "jumbe/api/status_json.hpp"

namespace jumbe::api {
namespace {

gateway::ModemView saf() {
  gateway::ModemView m;
  m.name = "saf-1";
  m.match = "device /dev/ttyUSB2";
  m.operator_name = "safaricom";
  m.ready = true;
  m.in_flight = 2;
  auto& h = m.health;
  h.state = "REGISTERED";
  h.signal_dbm = -73;
  h.registration = at::RegStatus::home;
  h.operator_name = "Safaricom";
  h.sim = at::SimState::ready;
  h.storage_used = 3;
  h.storage_total = 30;
  h.manufacturer = "huawei";
  h.model = "E173";
  h.revision = "11.126.85.00.209";
  h.imei = "356789012345678";
  h.imsi = "639021234567890";
  h.iccid = "8925402101234567890";
  h.profile = "huawei";
  h.counters.segments_sent = 41;
  h.counters.resets = 1;
  m.balance = "Bal: Ksh 120.50";
  return m;
}

TEST(ApiLiveModemJson, AReadyModemShowsItsIdentitySignalAndCounters) {
  const auto j = modem_json(saf());
  for (const char* k : {"name",
                        "match",
                        "operator",
                        "enabled",
                        "ready",
                        "blocked",
                        "in_flight",
                        "state",
                        "signal_dbm",
                        "registration",
                        "network_operator",
                        "sim",
                        "storage_used",
                        "storage_total",
                        "manufacturer",
                        "model",
                        "revision",
                        "imei",
                        "imsi",
                        "iccid",
                        "profile",
                        "balance",
                        "counters",
                        "last_error"})
    EXPECT_TRUE(j.contains(k)) << k;
  EXPECT_EQ(j["name"], "saf-1");
  EXPECT_EQ(j["operator"], "safaricom");
  EXPECT_EQ(j["ready"], true);
  EXPECT_TRUE(j["blocked"].is_null());
  EXPECT_EQ(j["in_flight"], 2);
  EXPECT_EQ(j["signal_dbm"], -73);
  EXPECT_EQ(j["registration"], "home");
  EXPECT_EQ(j["network_operator"], "Safaricom");
  EXPECT_EQ(j["sim"], "ready");
  EXPECT_EQ(j["imei"], "356789012345678");
  EXPECT_EQ(j["balance"], "Bal: Ksh 120.50");
  EXPECT_EQ(j["counters"]["segments_sent"], 41);
  EXPECT_EQ(j["counters"]["resets"], 1);
  EXPECT_EQ(j["counters"].size(), 8u);
}

TEST(ApiLiveModemJson, AModemNotYetOpenHasNullsNotZeros) {
  gateway::ModemView m;
  m.name = "air-2";
  m.enabled = true;
  m.blocked = "not started";
  const auto j = modem_json(m);
  EXPECT_EQ(j["blocked"], "not started");
  for (const char* k : {"signal_dbm", "registration", "sim", "storage_used", "imei", "balance",
                        "last_error", "state"})
    EXPECT_TRUE(j[k].is_null()) << k;
}

TEST(ApiLiveModemJson, RegistrationAndSimTokens) {
  EXPECT_EQ(registration_token(at::RegStatus::roaming), "roaming");
  EXPECT_EQ(registration_token(at::RegStatus::denied), "denied");
  EXPECT_EQ(registration_token(at::RegStatus::home_sms_only), "home_sms_only");
  EXPECT_EQ(sim_token(at::SimState::sim_pin), "sim_pin");
  EXPECT_EQ(sim_token(at::SimState::sim_puk), "sim_puk");
}

TEST(ApiLiveModemJson, ListKeepsConfigOrder) {
  auto b = saf();
  b.name = "air-1";
  const auto j = modems_json({saf(), b});
  ASSERT_EQ(j["modems"].size(), 2u);
  EXPECT_EQ(j["modems"][0]["name"], "saf-1");
  EXPECT_EQ(j["modems"][1]["name"], "air-1");
  EXPECT_EQ(modems_json({})["modems"], nlohmann::json::array());
}

TEST(ApiLiveStatusJson, UptimeQueueAndStore) {
  StatusSnapshot s;
  s.name = "kaunti-kiambu";
  s.version = "0.1.0";
  s.started_at = 1795428902123;
  s.now = s.started_at + 90'500;
  s.modems_configured = 4;
  s.modems_ready = 3;
  s.queued = 120;
  s.sending = 2;
  s.held = 1;
  const auto j = status_json(s);
  EXPECT_EQ(j["name"], "kaunti-kiambu");
  EXPECT_EQ(j["started_at"], "2026-11-23T10:15:02.123Z");
  EXPECT_EQ(j["uptime_seconds"], 90);
  EXPECT_EQ(j["modems"]["configured"], 4);
  EXPECT_EQ(j["modems"]["ready"], 3);
  EXPECT_EQ(j["queue"]["queued"], 120);
  EXPECT_EQ(j["queue"]["sending"], 2);
  EXPECT_EQ(j["queue"]["held"], 1);
  EXPECT_EQ(j["store"], "ok");
  s.store = "store /var/lib/jumbe/jumbe.db: disk full";
  EXPECT_EQ(status_json(s)["store"], "store /var/lib/jumbe/jumbe.db: disk full");
}

}  // namespace
}  // namespace jumbe::api
