// Unit tests of the gateway's modem discovery (suites GatewayDiscovery*): IMEI replies as modems
// print them, the sysfs walk from a USB port path to its ttys on a fake /sys/bus/usb/devices
// tree in a temp dir, and glob expansion. No modem needed.
#include "jumbe/gateway/discovery.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using jumbe::gateway::expand_patterns;
using jumbe::gateway::parse_imei;
using jumbe::gateway::usb_path_ttys;

namespace {

struct ImeiCase {
  const char* device;
  std::vector<std::string> lines;  // what came back before the final OK
  std::optional<std::string> imei;
};

// Replies as TS 27.007 5.4 allows them and as vendor AT manuals print them: Huawei E173/E3131
// (bare digits), Quectel EC25 manual 3.2.13 with AT+CGSN=1 ("+CGSN: \"...\""), SIMCom SIM800
// manual AT+GSN (bare digits), Telit's "IMEI: ..." style; an echo line first when ATE1.
class GatewayDiscoveryImei : public ::testing::TestWithParam<ImeiCase> {};

TEST_P(GatewayDiscoveryImei, Parses) {
  EXPECT_EQ(parse_imei(GetParam().lines), GetParam().imei);
}

INSTANTIATE_TEST_SUITE_P(
    Replies, GatewayDiscoveryImei,
    ::testing::Values(ImeiCase{"huawei_e173", {"867530021234567"}, "867530021234567"},
                      ImeiCase{
                          "quectel_ec25_cgsn1", {"+CGSN: \"867530021234567\""}, "867530021234567"},
                      ImeiCase{"unquoted_prefix", {"+CGSN: 867530021234567"}, "867530021234567"},
                      ImeiCase{"simcom_echo_on", {"AT+GSN", "869170031234561"}, "869170031234561"},
                      ImeiCase{"telit_imei_prefix", {"IMEI: 356938035643809"}, "356938035643809"},
                      ImeiCase{"imeisv_16_digits", {"3569380356438091"}, std::nullopt},
                      ImeiCase{"error_text", {"+CME ERROR: 10"}, std::nullopt},
                      ImeiCase{"letters", {"86753002123456A"}, std::nullopt},
                      ImeiCase{"nothing", {}, std::nullopt}),
    [](const auto& p) { return std::string(p.param.device); });

class GatewayDiscoverySysfs : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/jumbe-sysfs-XXXXXX";
    root_ = mkdtemp(tmpl);
  }
  void TearDown() override { fs::remove_all(root_); }
  // One interface directory with the given children (paths relative to it).
  void iface(const std::string& name, std::vector<std::string> children) {
    fs::create_directories(root_ / name);
    for (const auto& c : children)
      fs::create_directories(root_ / name / c);
  }
  fs::path root_;
};

// A Huawei E3131 in port 1-1.3 (usb-serial "option": ttyUSB directly under each interface), a
// ZTE MF190 in 1-1.4, and a cdc-acm modem (tty/ttyACM0) in 2-1: the layout of
// /sys/bus/usb/devices on a Raspberry Pi with three sticks.
TEST_F(GatewayDiscoverySysfs, FindsTheTtysOfOneUsbPortInInterfaceOrder) {
  fs::create_directories(root_ / "1-1.3");
  iface("1-1.3:1.0", {"ttyUSB0"});
  iface("1-1.3:1.1", {});  // a network interface: no tty
  iface("1-1.3:1.2", {"ttyUSB1"});
  iface("1-1.3:1.10", {"ttyUSB2"});
  iface("1-1.4:1.0", {"ttyUSB3"});
  iface("1-1.30:1.0", {"ttyUSB9"});  // another port whose name starts the same
  iface("2-1:1.0", {"tty/ttyACM0"});
  EXPECT_EQ(usb_path_ttys(root_, "1-1.3", "/dev"),
            (std::vector<std::string>{"/dev/ttyUSB0", "/dev/ttyUSB1", "/dev/ttyUSB2"}));
  EXPECT_EQ(usb_path_ttys(root_, "1-1.3:1.2", "/dev"), (std::vector<std::string>{"/dev/ttyUSB1"}));
  EXPECT_EQ(usb_path_ttys(root_, "1-1.4", "/dev"), (std::vector<std::string>{"/dev/ttyUSB3"}));
  EXPECT_EQ(usb_path_ttys(root_, "2-1", "/dev"), (std::vector<std::string>{"/dev/ttyACM0"}));
}

TEST_F(GatewayDiscoverySysfs, NothingPluggedInIsEmptyNotAnError) {
  iface("1-1.4:1.0", {"ttyUSB3"});
  EXPECT_TRUE(usb_path_ttys(root_, "1-1.3", "/dev").empty());
  EXPECT_TRUE(usb_path_ttys((root_ / "missing").string(), "1-1.3", "/dev").empty());
}

TEST_F(GatewayDiscoverySysfs, UnpluggedUsbPathSaysWhereItLooked) {
  jumbe::config::ModemConfig m;
  m.name = "saf-2";
  m.usb_path = "1-1.3";
  jumbe::gateway::PortSearch s;
  s.sysfs_usb = root_.string();
  auto r = jumbe::gateway::locate(m, s, {});
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().find("modem saf-2 (usb 1-1.3)"), std::string::npos) << r.error();
  EXPECT_NE(r.error().find(root_.string() + "/1-1.3"), std::string::npos) << r.error();
}

TEST_F(GatewayDiscoverySysfs, ImeiNotFoundNamesThePatterns) {
  jumbe::config::ModemConfig m;
  m.name = "air-1";
  m.imei = "867530021234567";
  jumbe::gateway::PortSearch s;
  s.patterns = {(root_ / "ttyNONE*").string()};
  auto r = jumbe::gateway::locate(m, s, {});
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().find("no free serial port matches " + (root_ / "ttyNONE*").string()),
            std::string::npos)
      << r.error();
}

TEST_F(GatewayDiscoverySysfs, PatternsExpandSortedWithoutDuplicates) {
  for (const char* f : {"ttyUSB1", "ttyUSB0", "ttyACM0", "other"})
    std::ofstream(root_ / f) << "";
  const std::string d = root_.string();
  EXPECT_EQ(expand_patterns({d + "/ttyUSB*", d + "/ttyACM*", d + "/ttyUSB0"}),
            (std::vector<std::string>{d + "/ttyACM0", d + "/ttyUSB0", d + "/ttyUSB1"}));
  EXPECT_TRUE(expand_patterns({d + "/nothing*"}).empty());
}

}  // namespace
