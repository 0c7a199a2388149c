// The `jumbe` CLI against a real jumbed on jumbe-sim (suites JumbedCliApi*): send --wait follows a
// message until the simulated modem sent it, inbox shows what the simulator delivered, groups and
// broadcast --follow, status/modems show the simulator's modem, and every --json output parses.
// Routes a daemon build does not serve yet (404) skip their test with a note instead of failing.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "jumbed_fixture.hpp"

using namespace jumbe::testing;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

SimOptions sim_options() {
  SimOptions o;
  o.binary = JUMBE_SIM;
  o.modems = 1;
  return o;
}

struct Gateway {
  explicit Gateway(const std::string& extra_yaml = {})
      : sim(sim_options()), d(sim, {{"saf-1", 0, "safaricom"}}, extra_yaml) {
    socket = sim.dir() + "/jumbe.sock";
  }
  void start() {
    d.start();
    ASSERT_TRUE(d.wait_ready()) << d.log();
  }
  // The CLI with --socket; stdout only when `stdout_only` (for --json), else both streams.
  CommandResult cli(std::vector<std::string> args, bool stdout_only = false) {
    args.insert(args.begin(), JUMBE_CLI);
    args.push_back("--socket");
    args.push_back(socket);
    if (!stdout_only) return run_command(args, 90s);
    std::string cmd;
    for (const auto& a : args) {
      std::string q = "'";
      for (char c : a)
        q += c == '\'' ? std::string("'\\''") : std::string(1, c);
      cmd += q + "' ";
    }
    return run_command({"/bin/sh", "-c", cmd + "2>/dev/null"}, 90s);
  }
  SimProcess sim;
  Jumbed d;
  std::string socket;
};

bool has(const std::string& s, const std::string& needle) {
  return s.find(needle) != std::string::npos;
}

TEST(JumbedCliApi, SendWaitReachesSentAndTheModemSentIt) {
  Gateway g;
  g.start();
  const auto r = g.cli({"send", "--to", "0712000111", "--text", "Kikao cha baraza kesho saa nne",
                        "--wait", "--timeout", "60s"});
  EXPECT_EQ(r.exit_code, 0) << r.output << g.d.log();
  EXPECT_TRUE(has(r.output, "+254712000111: sent")) << r.output;
  const auto sent = g.d.sent(0);
  ASSERT_EQ(sent.size(), 1U) << g.d.log();
  EXPECT_TRUE(has(sent[0].dump(), "Kikao cha baraza kesho saa nne")) << sent[0].dump();
}

TEST(JumbedCliApi, SendJsonAndQueueShowParse) {
  Gateway g;
  g.start();
  const auto r = g.cli({"send", "--to", "0712000111", "--text", "Habari", "--json"}, true);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto j = json::parse(r.output, nullptr, false);
  ASSERT_TRUE(j.is_object()) << r.output;
  EXPECT_EQ(j["to"], "+254712000111");
  const auto id = j["id"].get<long>();
  const auto show = g.cli({"queue", "show", std::to_string(id), "--json"}, true);
  ASSERT_EQ(show.exit_code, 0) << show.output;
  EXPECT_EQ(json::parse(show.output, nullptr, false)["id"], id) << show.output;
  // A bad number is the daemon's one-line validation error, exit 1.
  const auto bad = g.cli({"send", "--to", "12", "--text", "x"});
  EXPECT_EQ(bad.exit_code, 1) << bad.output;
  EXPECT_TRUE(has(bad.output, "jumbe send: ")) << bad.output;
}

TEST(JumbedCliApi, InboxShowsWhatTheSimulatorDeliveredAndAckEmptiesIt) {
  Gateway g;
  g.start();
  auto d = g.sim.request({{"cmd", "deliver"}, {"from", "+254722000111"}, {"text", "RIPOTI maji"}});
  ASSERT_TRUE(d.value("ok", false)) << d.dump();
  CommandResult r;
  ASSERT_TRUE(Jumbed::wait(
      [&] {
        r = g.cli({"inbox"});
        return has(r.output, "RIPOTI maji");
      },
      30s))
      << r.output << g.d.log();
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(has(r.output, "+254722000111")) << r.output;
  EXPECT_TRUE(has(r.output, "saf-1")) << r.output;
  const auto js = g.cli({"inbox", "--json", "--ack"}, true);
  ASSERT_EQ(js.exit_code, 0) << js.output;
  // Two documents: the listing, then the acknowledgement.
  std::istringstream lines(js.output);
  std::string first, second;
  std::getline(lines, first);
  std::getline(lines, second);
  EXPECT_EQ(json::parse(first, nullptr, false)["messages"][0]["text"], "RIPOTI maji") << first;
  EXPECT_TRUE(json::parse(second, nullptr, false).contains("acknowledged")) << second;
  const auto after = g.cli({"inbox"});
  EXPECT_TRUE(has(after.output, "no new messages")) << after.output;
}

TEST(JumbedCliApi, GroupBroadcastFollowedToTheEnd) {
  Gateway g("services:\n  groups:\n    - name: LANET\n");
  g.start();
  const auto add = g.cli({"groups", "add", "LANET", "0712000111", "0733000222"});
  ASSERT_EQ(add.exit_code, 0) << add.output;
  const auto list = g.cli({"groups"});
  EXPECT_TRUE(has(list.output, "LANET")) << list.output;
  const auto b = g.cli({"broadcast", "--group", "LANET", "--text", "Chanjo Jumamosi", "--follow"});
  EXPECT_EQ(b.exit_code, 0) << b.output << g.d.log();
  EXPECT_TRUE(has(b.output, "queued for 2 recipients")) << b.output;
  EXPECT_TRUE(has(b.output, "2/2")) << b.output;
  EXPECT_EQ(g.d.sent(0).size(), 2U);
}

TEST(JumbedCliApi, StatusAndModemsShowTheSimulatorsModem) {
  Gateway g;
  g.start();
  const auto probe = g.cli({"status", "--json"}, true);
  if (probe.exit_code == 1 && g.cli({"status"}).output.find("no route") != std::string::npos)
    GTEST_SKIP() << "this jumbed does not serve GET /v1/status yet";
  ASSERT_EQ(probe.exit_code, 0) << probe.output;
  EXPECT_TRUE(json::parse(probe.output, nullptr, false).contains("version")) << probe.output;
  const auto status = g.cli({"status"});
  EXPECT_TRUE(has(status.output, "1 of 1 ready")) << status.output;
  CommandResult modems;
  ASSERT_TRUE(Jumbed::wait(
      [&] {
        // Paced so the polling itself stays under the daemon's per-client request limit.
        std::this_thread::sleep_for(300ms);
        modems = g.cli({"modems"});
        return has(modems.output, "saf-1") && has(modems.output, "dBm");
      },
      30s))
      << modems.output;
  const auto mj = g.cli({"modems", "--json"}, true);
  EXPECT_EQ(json::parse(mj.output, nullptr, false)["modems"][0]["name"], "saf-1") << mj.output;
}

}  // namespace
