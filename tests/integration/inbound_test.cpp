// Inbound with real jumbed and jumbe-sim: a multipart SMS from a resident is committed, deleted
// from the SIM only afterwards, and assembled into one message.
#include <gtest/gtest.h>

#include "jumbed_fixture.hpp"

using namespace jumbe::testing;
using namespace std::chrono_literals;

namespace {

TEST(JumbedInbound, MultipartAssembledAndDeletedFromSim) {
  SimOptions o;
  o.binary = JUMBE_SIM;
  SimProcess sim(o);
  Jumbed d(sim, {{"saf-1", 0, "safaricom"}});
  d.start();
  ASSERT_TRUE(d.wait_ready()) << d.log();
  std::string text = "REPORT ";
  for (int i = 0; i < 30; ++i)
    text += "maji imekatika Lanet ";  // > 160 chars: 4 parts
  auto r =
      sim.request({{"cmd", "deliver"}, {"modem", 0}, {"from", "+254712000777"}, {"text", text}});
  ASSERT_TRUE(r.value("ok", false)) << r.dump();
  const int parts = r["parts"].get<int>();
  ASSERT_GT(parts, 1);
  const std::string expect = "on modem saf-1: " + std::to_string(parts) + " parts";
  ASSERT_TRUE(Jumbed::wait([&] { return d.log_contains(expect); }, 30s)) << d.log();
  // Privacy: the sender's number and the text stay out of the log at info level.
  EXPECT_FALSE(d.log_contains("254712000777")) << d.log();
  EXPECT_FALSE(d.log_contains("maji imekatika")) << d.log();
  // Deleted from the SIM once committed.
  ASSERT_TRUE(Jumbed::wait(
      [&] {
        auto in = sim.request({{"cmd", "inbox"}, {"modem", 0}});
        return in.value("ok", false) && in["messages"].empty();
      },
      30s))
      << sim.request({{"cmd", "inbox"}, {"modem", 0}}).dump();
  d.stop();
}

}  // namespace
