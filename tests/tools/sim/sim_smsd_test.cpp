// Proof of realism: smstools3's smsd (Debian 3.1.21), unchanged, sends a message from its
// outgoing spool through jumbe-sim and receives an injected one into its incoming spool.
#include <grp.h>
#include <gtest/gtest.h>
#include <pwd.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "jumbe/testing/run_command.hpp"
#include "jumbe/testing/sim_process.hpp"

namespace {

namespace fs = std::filesystem;
using jumbe::testing::SimOptions;
using jumbe::testing::SimProcess;
using jumbe::testing::Spawned;

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class SimSmsd : public ::testing::TestWithParam<std::string> {};

TEST_P(SimSmsd, SendsFromOutgoingAndReceivesIntoIncoming) {
  if (std::string{JUMBE_SMSD}.empty()) GTEST_SKIP() << "smsd is not installed";
  SimOptions o;
  o.binary = JUMBE_SIM_BINARY;
  o.profile = GetParam();
  o.extra_args = {"--noise-interval-ms", "0"};
  SimProcess sim(o);
  const fs::path dir = fs::path{sim.dir()} / "smsd";
  for (const char* d : {"outgoing", "checked", "incoming", "failed", "sent"}) {
    fs::create_directories(dir / d);
  }
  {
    std::ofstream conf(dir / "smsd.conf");
    conf << "devices = GSM1\n"
         << "outgoing = " << (dir / "outgoing").string() << "\n"
         << "checked = " << (dir / "checked").string() << "\n"
         << "incoming = " << (dir / "incoming").string() << "\n"
         << "failed = " << (dir / "failed").string() << "\n"
         << "sent = " << (dir / "sent").string() << "\n"
         << "logfile = " << (dir / "smsd.log").string() << "\n"
         << "infofile = " << (dir / "smsd.working").string() << "\n"
         << "pidfile = " << (dir / "smsd.pid").string() << "\n"
         << "loglevel = 7\ndelaytime = 1\ndelaytime_mainprocess = 1\nblocktime = 5\n\n"
         << "[GSM1]\ndevice = " << sim.pty() << "\nincoming = yes\nbaudrate = 115200\n";
    std::ofstream msg(dir / "outgoing" / "alert1");
    msg << "To: 254712345678\n\nBaraza kesho saa nne asubuhi\n";
  }
  ASSERT_TRUE(
      sim.request({{"cmd", "deliver"}, {"from", "+254722000111"}, {"text", "JOIN LANET"}})["ok"]);
  // smsd switches to the user and group given (default "smsd"): keep ours.
  const passwd* pw = getpwuid(getuid());
  const group* gr = getgrgid(getgid());
  ASSERT_TRUE(pw && gr);
  Spawned smsd({JUMBE_SMSD, "-t", "-c" + (dir / "smsd.conf").string(),
                std::string{"-u"} + pw->pw_name, std::string{"-g"} + gr->gr_name},
               (dir / "smsd.out").string());
  const bool done = SimProcess::wait_for(
      [&] {
        return !fs::is_empty(dir / "sent") && !fs::is_empty(dir / "incoming") &&
               !sim.request({{"cmd", "sent"}})["sent"].empty();
      },
      std::chrono::seconds{45});
  smsd.stop();
  ASSERT_TRUE(done) << slurp(dir / "smsd.log");
  const auto sent = sim.request({{"cmd", "sent"}})["sent"];
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0]["to"], "+254712345678");
  EXPECT_EQ(sent[0]["text"], "Baraza kesho saa nne asubuhi");
  std::string incoming;
  for (const auto& f : fs::directory_iterator(dir / "incoming"))
    incoming += slurp(f.path());
  EXPECT_NE(incoming.find("From: 254722000111"), std::string::npos) << incoming;
  EXPECT_NE(incoming.find("JOIN LANET"), std::string::npos) << incoming;
}

INSTANTIATE_TEST_SUITE_P(Profiles, SimSmsd,
                         ::testing::Values("generic", "huawei", "simcom", "quectel"),
                         [](const auto& row) { return row.param; });

}  // namespace
