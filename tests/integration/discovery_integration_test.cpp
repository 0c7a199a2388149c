// Modems named by IMEI with real jumbed and jumbe-sim: jumbed asks each port matching
// gateway.ports for its IMEI (AT+CGSN), sends through the one that matches, and after the modem
// is unplugged and plugged back finds it again.
#include <gtest/gtest.h>

#include "jumbed_fixture.hpp"

using namespace jumbe::testing;
using namespace std::chrono_literals;

namespace {

std::string imei_of(SimProcess& sim, int index) {
  auto r = sim.request({{"cmd", "modems"}});
  return r["modems"][index]["imei"].get<std::string>();
}

int count(const std::string& haystack, const std::string& needle) {
  int n = 0;
  for (auto p = haystack.find(needle); p != std::string::npos; p = haystack.find(needle, p + 1))
    ++n;
  return n;
}

TEST(JumbedDiscovery, ModemNamedByImeiFoundAmongPortsAndAgainAfterReplug) {
  SimOptions o;
  o.binary = JUMBE_SIM;
  o.modems = 3;  // Safaricom, Airtel, Telkom: the Airtel one (index 1) is ours
  SimProcess sim(o);
  const std::string imei = imei_of(sim, 1);
  ASSERT_EQ(imei.size(), 15U);
  ModemSpec air{"air-1", 1, "airtel"};
  air.imei = imei;
  // modem0 is probed first and answers another IMEI; modem2 is another modem's own port and
  // must not be probed at all.
  Jumbed d(sim, {air, {"tel-1", 2, "telkom"}},
           "gateway:\n  ports: [\"" + sim.dir() + "/modem*\"]\n");
  d.start();
  ASSERT_TRUE(d.wait_ready()) << d.log();
  ASSERT_TRUE(Jumbed::wait(
      [&] { return d.log_contains("IMEI " + imei + " answered on " + sim.pty(1)); }, 30s))
      << d.log();
  ASSERT_EQ(d.enqueue("0733000002", "kwa airtel"), 0);
  ASSERT_TRUE(Jumbed::wait([&] { return d.sent(1).size() >= 1; }, 30s)) << d.log();
  EXPECT_EQ(d.sent(1)[0]["to"], "+254733000002");
  EXPECT_TRUE(d.sent(0).empty());

  // Unplugged: jumbed lets the old port go and keeps looking; back after 3 s, found again.
  sim.request({{"cmd", "fault"}, {"modem", 1}, {"kind", "unplug"}, {"replug_after_ms", 3000}});
  ASSERT_TRUE(Jumbed::wait([&] { return d.log_contains("looking for it again"); }, 30s)) << d.log();
  ASSERT_TRUE(Jumbed::wait([&] { return count(d.log(), "answered on " + sim.pty(1)) >= 2; }, 60s))
      << d.log();
  ASSERT_TRUE(Jumbed::wait([&] { return d.log_contains("air-1: takes work"); }, 30s)) << d.log();
  ASSERT_EQ(d.enqueue("0733000003", "tena kwa airtel"), 0);
  ASSERT_TRUE(Jumbed::wait([&] { return d.sent(1).size() >= 2; }, 60s)) << d.log();
  EXPECT_EQ(d.sent(1).back()["to"], "+254733000003");
  d.stop();
}

TEST(JumbedDiscovery, UnknownImeiIsReportedAndTheOthersWork) {
  SimOptions o;
  o.binary = JUMBE_SIM;
  o.modems = 2;
  SimProcess sim(o);
  ModemSpec ghost{"saf-9", 0, "safaricom"};
  ghost.imei = "490154203237518";  // valid check digit, no such modem here
  Jumbed d(sim, {ghost, {"air-1", 1, "airtel"}},
           "gateway:\n  ports: [\"" + sim.dir() + "/modem*\"]\n");
  d.start();
  // READY=1 does not wait for a modem that is not there.
  ASSERT_TRUE(d.wait_ready()) << d.log();
  ASSERT_TRUE(Jumbed::wait(
      [&] { return d.log_contains("modem saf-9 (imei 490154203237518): not found on"); }, 30s))
      << d.log();
  ASSERT_EQ(d.enqueue("0733000002", "kwa airtel"), 0);
  ASSERT_TRUE(Jumbed::wait([&] { return d.sent(1).size() >= 1; }, 30s)) << d.log();
  d.stop();
}

}  // namespace
