// jumbed's command line: config errors reported with line and column, --version, a store that
// cannot be opened named with its cause.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "jumbe/testing/run_command.hpp"

using namespace jumbe::testing;
using namespace std::chrono_literals;

namespace {

std::string temp_dir() {
  char tmpl[] = "/tmp/jumbed-test-XXXXXX";
  return mkdtemp(tmpl);
}

TEST(JumbedCli, ConfigErrorsWithLineAndColumnAndNotStarted) {
  const std::string dir = temp_dir();
  const std::string cfg = dir + "/bad.yaml";
  std::ofstream(cfg) << "store:\n  path: " << dir << "/x.db\nmodems:\n  - name: saf-1\n"
                     << "    device: /dev/null\n    send_rate: fast\n    burts: 3\n";
  auto check = run_command({JUMBED_BINARY, "--config", cfg, "--check"}, 30s);
  EXPECT_EQ(check.exit_code, 1) << check.output;
  EXPECT_NE(check.output.find(cfg + ":6:"), std::string::npos) << check.output;   // send_rate
  EXPECT_NE(check.output.find(cfg + ":7:5"), std::string::npos) << check.output;  // burts
  auto start = run_command({JUMBED_BINARY, "--config", cfg}, 30s);
  EXPECT_EQ(start.exit_code, 1) << start.output;
  EXPECT_NE(start.output.find("not started"), std::string::npos) << start.output;
  std::system(("rm -rf " + dir).c_str());
}

TEST(JumbedCli, UnopenableStoreNamesTheFile) {
  const std::string dir = temp_dir();
  const std::string cfg = dir + "/ok.yaml";
  std::ofstream(cfg) << "store:\n  path: " << dir << "/missing/dir/jumbe.db\nmodems:\n"
                     << "  - name: saf-1\n    device: " << dir << "/nope\n"
                     << "api:\n  socket: " << dir << "/s.sock\n  socket_group: \"\"\n";
  auto r = run_command({JUMBED_BINARY, "--config", cfg}, 30s);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find(dir + "/missing/dir/jumbe.db"), std::string::npos) << r.output;
  std::system(("rm -rf " + dir).c_str());
}

TEST(JumbedCli, VersionAndHelp) {
  auto v = run_command({JUMBED_BINARY, "--version"}, 10s);
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_EQ(v.output.rfind("jumbed ", 0), 0U) << v.output;
  auto h = run_command({JUMBED_BINARY, "--help"}, 10s);
  EXPECT_EQ(h.exit_code, 0);
  EXPECT_NE(h.output.find("SIGHUP"), std::string::npos);
  EXPECT_NE(h.output.find("--check"), std::string::npos);
}

}  // namespace
