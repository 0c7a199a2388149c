// plan_reload(): what a SIGHUP changes, judged from two loaded configurations.
#include "jumbe/config/reload.hpp"

#include <gtest/gtest.h>

#include "jumbe/config/load.hpp"

namespace jumbe::config {
namespace {

Config load_ok(const char* yaml) {
  auto r = load_string(yaml, "t.yaml");
  EXPECT_TRUE(r.has_value());
  return r ? *r : Config{};
}

TEST(ConfigReload, ModemsAddedRemovedChanged) {
  const Config before = load_ok(R"(
modems:
  - {name: saf-1, device: /dev/ttyUSB0, send_rate: 10/min}
  - {name: saf-2, device: /dev/ttyUSB1, pin: "1234"}
  - {name: old, device: /dev/ttyUSB2}
  - {name: same, device: /dev/ttyUSB3}
)");
  const Config after = load_ok(R"(
modems:
  - {name: new, device: /dev/ttyUSB4}
  - {name: saf-1, device: /dev/ttyUSB0, send_rate: 20/min}
  - {name: saf-2, device: /dev/ttyUSB1, pin: "4321"}
  - {name: same, device: /dev/ttyUSB3}
)");
  const ReloadPlan plan = plan_reload(before, after);
  EXPECT_EQ(plan.modems_added, std::vector<std::string>{"new"});
  EXPECT_EQ(plan.modems_removed, std::vector<std::string>{"old"});
  EXPECT_EQ(plan.modems_changed, (std::vector<std::string>{"saf-1", "saf-2"}));
  EXPECT_TRUE(plan.restart_needed.empty());
  EXPECT_TRUE(plan_reload(after, after).modems_unchanged());
}

TEST(ConfigReload, StartOnlySettingsNamed) {
  const Config before = load_ok("modems: [{name: a, device: /dev/x}]\n");
  const Config after = load_ok(
      "modems: [{name: a, device: /dev/x}]\nstore: {path: /srv/j.db}\n"
      "api: {socket: /run/j.sock, tcp: {port: 9000}}\n");
  EXPECT_EQ(plan_reload(before, after).restart_needed,
            (std::vector<std::string>{"store.path", "api.socket", "api.tcp"}));
}

}  // namespace
}  // namespace jumbe::config
