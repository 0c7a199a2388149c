// +CREG / +CGREG / +CEREG rows: verbatim replies from ModemManager's
// src/tests/test-modem-helpers.c (freedesktop/ModemManager), named after the device there.
#include <gtest/gtest.h>

#include "jumbe/at/replies.hpp"

namespace jumbe::at {
namespace {

struct CregRow {
  const char* device;
  const char* reply;
  bool solicited;
  RegDomain domain;
  RegStatus status;
  std::optional<std::uint32_t> lac, ci;
  std::optional<int> act;
};

// Test names and failure messages show the device, not the bytes of the row.
void PrintTo(const CregRow& row, std::ostream* os) {
  *os << row.device;
}

class AtCreg : public testing::TestWithParam<CregRow> {};

TEST_P(AtCreg, Parses) {
  const auto& row = GetParam();
  const auto r = parse_registration(row.reply, row.solicited);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->domain, row.domain);
  EXPECT_EQ(r->status, row.status);
  EXPECT_EQ(r->lac, row.lac);
  EXPECT_EQ(r->cell_id, row.ci);
  EXPECT_EQ(r->act, row.act);
  EXPECT_EQ(r->mode.has_value(), row.solicited);
}

using S = RegStatus;
constexpr auto cs = RegDomain::cs;
constexpr auto ps = RegDomain::ps;
constexpr auto eps = RegDomain::eps;
constexpr std::nullopt_t none = std::nullopt;

INSTANTIATE_TEST_SUITE_P(
    ModemManagerRows, AtCreg,
    testing::Values(
        CregRow{"creg1_solicited", "+CREG: 1,3", true, cs, S::denied, none, none, none},
        CregRow{"creg1_unsolicited", "+CREG: 3", false, cs, S::denied, none, none, none},
        CregRow{"sierra_mercury_solicited", "+CREG: 1,1,84CD,00D30173", true, cs, S::home, 0x84cd,
                0xd30173, none},
        CregRow{"sierra_mercury_unsolicited", "+CREG: 1,84CD,00D30156", false, cs, S::home, 0x84cd,
                0xd30156, none},
        CregRow{"sony_ericsson_k850i_solicited", "+CREG: 2,1,\"CE00\",\"01CEAD8F\"", true, cs,
                S::home, 0xce00, 0x01cead8f, none},
        CregRow{"huawei_e160g_solicited_unregistered", "+CREG: 2,0,00,0", true, cs,
                S::not_registered, 0, 0, none},
        CregRow{"huawei_e160g_solicited", "+CREG: 2,1,8BE3,2BAF", true, cs, S::home, 0x8be3, 0x2baf,
                none},
        CregRow{"huawei_e160g_unsolicited", "+CREG: 1,8BE3,2BAF", false, cs, S::home, 0x8be3,
                0x2baf, none},
        CregRow{"sony_ericsson_tm506_solicited", "+CREG: 2,1,\"8BE3\",\"00002BAF\"", true, cs,
                S::home, 0x8be3, 0x2baf, none},
        CregRow{"novatel_xu870_unsolicited_unregistered", "+CREG: 2,,", false, cs, S::searching,
                none, none, none},
        CregRow{"iridium_solicited", "+CREG:002,001,\"18d8\",\"ffff\"", true, cs, S::home, 0x18d8,
                0xffff, none},
        CregRow{"leading_zeros_unsolicited", "+CREG: 001,\"0001\",\"0010\",000", false, cs, S::home,
                1, 0x10, 0},
        CregRow{"ublox_toby_l2_solicited", "+CREG: 2,6,\"8B37\",\"0A265185\",7", true, cs,
                S::home_sms_only, 0x8b37, 0x0a265185, 7},
        CregRow{"ublox_toby_l2_unsolicited", "+CREG: 6,\"8B37\",\"0A265185\",7", false, cs,
                S::home_sms_only, 0x8b37, 0x0a265185, 7},
        CregRow{"ericsson_f3607gw_cgreg_solicited", "+CGREG: 2,1,\"8BE3\",\"00002B5D\",3", true, ps,
                S::home, 0x8be3, 0x2b5d, 3},
        CregRow{"sony_ericsson_md400_cgreg_unsolicited", "+CGREG: 5,\"0502\",\"0404736D\",2", false,
                ps, S::roaming, 0x0502, 0x0404736d, 2},
        CregRow{"alcatel_x220d_cgreg_spaces", "+CGREG: 2,1, 81ED, 1A9CEB", true, ps, S::home,
                0x81ed, 0x1a9ceb, none},
        CregRow{"cgreg2_unsolicited_with_rac", "+CGREG: 1,\"1422\",\"00000142\",3,\"00\"", false,
                ps, S::home, 0x1422, 0x0142, 3},
        CregRow{"cereg1_unsolicited", "+CEREG: 3", false, eps, S::denied, none, none, none},
        CregRow{"cereg2_solicited", "+CEREG: 2,1, 1F00, 79D903 ,7", true, eps, S::home, 0x1f00,
                0x79d903, 7},
        CregRow{"altair_lte_cereg_unsolicited", "+CEREG: 2, 0001, 00000100, 7", false, eps,
                S::searching, 1, 0x100, 7}),
    [](const auto& p) { return std::string(p.param.device); });

TEST(AtCregErrors, BadLinesAreErrorsNamingTheCommand) {
  for (const char* bad : {"+CREG:", "+CREG: x", "+CREG: 1,12", "+CSQ: 1,2", ""}) {
    const auto r = parse_registration(bad, true);
    ASSERT_FALSE(r) << bad;
    EXPECT_FALSE(r.error().message.empty());
  }
}

TEST(AtCregErrors, RegisteredHelper) {
  EXPECT_TRUE(parse_registration("+CREG: 0,5", true)->registered());
  EXPECT_FALSE(parse_registration("+CREG: 0,2", true)->registered());
}

}  // namespace
}  // namespace jumbe::at
