// +CSQ rows (TS 27.007 8.5): the shapes modems print and the boundary values of the spec table.
// FIXME: no captured device session for +CSQ yet; replace these rows with verbatim replies named
// after the device once the Huawei E173 / SIM800 captures exist.
#include <gtest/gtest.h>

#include "jumbe/at/replies.hpp"

namespace jumbe::at {
namespace {

struct CsqRow {
  const char* device;
  const char* reply;
  std::optional<int> dbm;
  std::optional<int> ber;
};

// Test names and failure messages show the device, not the bytes of the row.
void PrintTo(const CsqRow& row, std::ostream* os) {
  *os << row.device;
}

class AtCsq : public testing::TestWithParam<CsqRow> {};

TEST_P(AtCsq, Parses) {
  const auto r = parse_csq(GetParam().reply);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->rssi_dbm, GetParam().dbm);
  EXPECT_EQ(r->ber_class, GetParam().ber);
}

INSTANTIATE_TEST_SUITE_P(
    Rows, AtCsq,
    testing::Values(CsqRow{"strong_signal", "+CSQ: 28,0", -57, 0},
                    CsqRow{"medium_signal_ber_unknown", "+CSQ: 17,99", -79, std::nullopt},
                    CsqRow{"no_signal", "+CSQ: 99,99", std::nullopt, std::nullopt},
                    CsqRow{"floor", "+CSQ: 0,7", -113, 7},
                    CsqRow{"ceiling_no_space", "+CSQ:31,99", -51, std::nullopt}),
    [](const auto& p) { return std::string(p.param.device); });

TEST(AtCsqErrors, Rejected) {
  for (const char* bad : {"+CSQ: 32,0", "+CSQ: 17", "+CSQ: a,b", "+CSQ: 17,8", "CSQ: 1,1", ""})
    EXPECT_FALSE(parse_csq(bad)) << bad;
}

}  // namespace
}  // namespace jumbe::at
