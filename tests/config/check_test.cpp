// `jumbed --config FILE --check` through run_check(): exit code and the exact lines printed.
#include "jumbe/config/check.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace jumbe::config {
namespace {

struct File {
  std::string path;
  explicit File(const std::string& text) {
    std::string tmpl = (std::filesystem::temp_directory_path() / "jumbe-check-XXXXXX").string();
    const int fd = ::mkstemp(tmpl.data());
    ::close(fd);
    path = tmpl;
    std::ofstream(path) << text;
  }
  ~File() { std::filesystem::remove(path); }
};

TEST(ConfigCheck, ValidFileExitsZeroWithSummary) {
  File f(
      "modems:\n  - {name: a, device: /dev/ttyUSB0}\n  - {name: b, device: /dev/ttyUSB1}\n"
      "services: {groups: [{name: LANET}]}\n");
  std::ostringstream out, err;
  EXPECT_EQ(run_check(f.path, out, err), kCheckOk);
  EXPECT_EQ(out.str(), f.path + ": ok: 2 modems, 0 api clients, 1 group, 0 webhooks\n");
  EXPECT_EQ(err.str(), "");
}

TEST(ConfigCheck, WarningsPrintedButStillValid) {
  File f("modems:\n  - {name: a, device: /dev/ttyUSB0, roles: [receive]}\n");
  std::ostringstream out, err;
  EXPECT_EQ(run_check(f.path, out, err), kCheckOk);
  EXPECT_EQ(err.str(), f.path +
                           ":1:1: warning: modems: no enabled modem has the send role; nothing "
                           "will be sent\n");
  EXPECT_EQ(out.str(), f.path + ": ok: 1 modem, 0 api clients, 0 groups, 0 webhooks, 1 warning\n");
}

TEST(ConfigCheck, EveryProblemOnItsOwnLineThenACount) {
  File f("modems:\n  - name: a\n    device: /dev/ttyUSB0\n    burst: x\n    pin: \"12\"\n");
  std::ostringstream out, err;
  EXPECT_EQ(run_check(f.path, out, err), kCheckInvalid);
  EXPECT_EQ(out.str(), "");
  EXPECT_EQ(err.str(),
            f.path +
                ":4:12: modems[0].burst: bad number 'x': expected a whole number between 1 "
                "and 1000\n" +
                f.path + ":5:10: modems[0]: the SIM PIN (pin) must be 4 to 8 digits\n" + f.path +
                ": 2 problems found\n");
}

TEST(ConfigCheck, MissingFile) {
  std::ostringstream out, err;
  EXPECT_EQ(run_check("/nonexistent-jumbe/j.yaml", out, err), kCheckInvalid);
  EXPECT_EQ(err.str(),
            "/nonexistent-jumbe/j.yaml: cannot read the configuration: No such file or "
            "directory\n/nonexistent-jumbe/j.yaml: 1 problem found\n");
}

}  // namespace
}  // namespace jumbe::config
