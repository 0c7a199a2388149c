// +CUSD rows (TS 27.007 7.15), every status 0-5. The Huawei row is the packed-GSM7 hex quirk the
// house style quotes (E3131); the status-2 and 4 rows are the bare forms the issue lists.
#include <gtest/gtest.h>

#include "jumbe/at/replies.hpp"

namespace jumbe::at {
namespace {

struct CusdRow {
  const char* device;
  const char* reply;
  int status;
  std::optional<std::string> text;
  std::optional<int> dcs;
};

// Test names and failure messages show the device, not the bytes of the row.
void PrintTo(const CusdRow& row, std::ostream* os) {
  *os << row.device;
}

class AtCusd : public testing::TestWithParam<CusdRow> {};

TEST_P(AtCusd, Parses) {
  const auto r = parse_cusd(GetParam().reply);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->status, GetParam().status);
  EXPECT_EQ(r->text, GetParam().text);
  EXPECT_EQ(r->dcs, GetParam().dcs);
}

INSTANTIATE_TEST_SUITE_P(
    Rows, AtCusd,
    testing::Values(CusdRow{"huawei_e3131_packed_gsm7", "+CUSD: 0,\"AA180C3602\",15", 0,
                            "AA180C3602", 15},
                    CusdRow{"plain_text_with_commas", "+CUSD: 1,\"1. Balance, 2. Bundles\",15", 1,
                            "1. Balance, 2. Bundles", 15},
                    CusdRow{"network_release", "+CUSD: 2", 2, std::nullopt, std::nullopt},
                    CusdRow{"other_client", "+CUSD: 3", 3, std::nullopt, std::nullopt},
                    CusdRow{"not_supported", "+CUSD: 4", 4, std::nullopt, std::nullopt},
                    CusdRow{"network_timeout_no_space", "+CUSD:5", 5, std::nullopt, std::nullopt},
                    CusdRow{"ucs2_hex_dcs72", "+CUSD: 0,\"004F004B\",72", 0, "004F004B", 72}),
    [](const auto& p) { return std::string(p.param.device); });

TEST(AtCusdErrors, Rejected) {
  for (const char* bad : {"+CUSD: 6", "+CUSD: ", "+CUSD: 0,\"x\",abc", "CUSD: 0"})
    EXPECT_FALSE(parse_cusd(bad)) << bad;
}

}  // namespace
}  // namespace jumbe::at
