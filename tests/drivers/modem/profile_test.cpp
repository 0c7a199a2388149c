// Vendor profile matching, flag overrides and the typed settings. Identity strings are the
// verbatim +CGMI / +CGMM replies of the devices named in each row (sources: the vendors' AT
// manuals' examples and ModemManager's test-modem-helpers tables).
#include "jumbe/modem/profile.hpp"

#include <gtest/gtest.h>

namespace jumbe::modem {
namespace {

struct MatchRow {
  const char* device;
  std::optional<UsbId> usb;
  const char* cgmi;
  const char* cgmm;
  const char* expected;
};

void PrintTo(const MatchRow& r, std::ostream* os) {
  *os << r.device;
}

class ModemProfileMatch : public ::testing::TestWithParam<MatchRow> {};

TEST_P(ModemProfileMatch, PicksTheVendorProfile) {
  const auto& r = GetParam();
  EXPECT_EQ(match_profile({r.usb, r.cgmi, r.cgmm}).name, r.expected) << r.device;
}

INSTANTIATE_TEST_SUITE_P(
    Devices, ModemProfileMatch,
    ::testing::Values(
        MatchRow{"huawei_e173_usb", UsbId{0x12d1, 0x1436}, "", "", "huawei"},
        MatchRow{"huawei_e3131_cgmi", std::nullopt, "huawei", "E3131", "huawei"},
        MatchRow{"zte_mf190_usb", UsbId{0x19d2, 0x0117}, "", "", "zte"},
        MatchRow{"zte_mf667_cgmi", std::nullopt, "ZTE CORPORATION", "MF667", "zte"},
        MatchRow{"simcom_sim800_uart", std::nullopt, "SIMCOM_Ltd", "SIMCOM_SIM800", "simcom"},
        MatchRow{"simcom_sim7600_usb", UsbId{0x1e0e, 0x9001}, "SIMCOM INCORPORATED",
                 "SIMCOM_SIM7600E-H", "simcom"},
        MatchRow{"quectel_ec25_usb", UsbId{0x2c7c, 0x0125}, "Quectel", "EC25", "quectel"},
        MatchRow{"quectel_ec25_cgmi", std::nullopt, "Quectel", "EC25", "quectel"},
        MatchRow{"sierra_mc7710_unknown", UsbId{0x1199, 0x68a2}, "Sierra Wireless, Incorporated",
                 "MC7710", "generic"},
        MatchRow{"nothing_known", std::nullopt, "", "", "generic"}),
    [](const auto& row) { return std::string(row.param.device); });

TEST(ModemProfile, UsbIdParsing) {
  EXPECT_EQ(parse_usb_id("12d1:1506"), (UsbId{0x12d1, 0x1506}));
  EXPECT_EQ(parse_usb_id("2C7C:0125"), (UsbId{0x2c7c, 0x0125}));
  EXPECT_EQ(parse_usb_id("19d2:*"), (UsbId{0x19d2, 0}));
  EXPECT_FALSE(parse_usb_id("12d1"));
  EXPECT_FALSE(parse_usb_id("12d1:15066"));
  EXPECT_FALSE(parse_usb_id("xyz:1506"));
}

TEST(ModemProfile, GlobIsCaseInsensitive) {
  EXPECT_TRUE(glob_match("huawei*", "HUAWEI"));
  EXPECT_TRUE(glob_match("E31?1", "e3131"));
  EXPECT_TRUE(glob_match("*SIM800*", "SIMCOM_SIM800L"));
  EXPECT_FALSE(glob_match("zte*", "Quectel"));
  EXPECT_TRUE(glob_match("*", ""));
}

TEST(ModemProfile, EveryBuiltinResolves) {
  ASSERT_EQ(builtin_profiles().size(), 5u);
  for (const auto& p : builtin_profiles()) {
    const auto s = resolve_settings(p);
    ASSERT_TRUE(s) << p.name << ": " << s.error();
    EXPECT_FALSE(s->registration.empty()) << p.name;
  }
}

TEST(ModemProfile, HuaweiQuirks) {
  const auto s = resolve_settings(*find_profile("huawei"));
  ASSERT_TRUE(s);
  EXPECT_EQ(s->ussd_mode, pdu::UssdMode::packed_hex);
  EXPECT_EQ(s->extra_init, std::vector<std::string>{"AT^CURC=0"});
  EXPECT_NE(std::find(s->ignore_urcs.begin(), s->ignore_urcs.end(), "^RSSI:"),
            s->ignore_urcs.end());
}

TEST(ModemProfile, OverridesFromConfig) {
  auto p = *find_profile("generic");
  ASSERT_TRUE(apply_overrides(p, {{"ussd_encoding", {"ucs2-hex"}},
                                  {"cnmi", {"2,2,0,1,0"}},
                                  {"extra_init", {"AT+CSCS=\"GSM\"", "AT+CMMS=2"}},
                                  {"reset_method", {"reopen"}}}));
  const auto s = resolve_settings(p);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->ussd_mode, pdu::UssdMode::ucs2_hex);
  EXPECT_TRUE(s->direct_delivery);  // <mt>=2: +CMT with +CNMA
  EXPECT_EQ(s->extra_init.size(), 2u);
  EXPECT_EQ(s->reset_method, ResetMethod::reopen);
}

struct BadOverride {
  const char* name;
  Flags flags;
  const char* message_part;
};

TEST(ModemProfile, BadOverridesSayWhatIsWrongAndChangeNothing) {
  const std::vector<BadOverride> rows = {
      {"unknown", {{"ussd_mode", {"text"}}}, "unknown profile flag 'ussd_mode'"},
      {"bad_choice", {{"ussd_encoding", {"hex"}}}, "'hex' is not one of text, packed-hex"},
      {"bad_bool", {{"supports_cmms", {"true"}}}, "'true' is not one of yes, no"},
      {"bad_int", {{"sweep_interval_s", {"5m"}}}, "not a non-negative integer"},
      {"two_values", {{"cnmi", {"2,1", "2,2"}}}, "expects one value"},
  };
  for (const auto& r : rows) {
    auto p = *find_profile("generic");
    const auto before = p.flags;
    const auto res = apply_overrides(p, r.flags);
    ASSERT_FALSE(res) << r.name;
    EXPECT_NE(res.error().find(r.message_part), std::string::npos) << r.name << ": " << res.error();
    EXPECT_EQ(res.error().find('\n'), std::string::npos) << "one line";
    EXPECT_EQ(p.flags, before) << r.name;
  }
}

TEST(ModemProfile, MalformedCnmiIsRefusedAtResolve) {
  auto p = *find_profile("generic");
  ASSERT_TRUE(apply_overrides(p, {{"cnmi", {"two"}}}));
  const auto s = resolve_settings(p);
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().find("cnmi"), std::string::npos);
}

}  // namespace
}  // namespace jumbe::modem
