// Privacy tables: what an operator reading the journal may and may not see (mission.md).
#include "jumbe/log/privacy.hpp"

#include <gtest/gtest.h>

using namespace jumbe::log;

namespace {

struct NumRow {
  const char* in;
  const char* out;
};
class LogNumber : public ::testing::TestWithParam<NumRow> {};
TEST_P(LogNumber, LastThreeDigitsOnly) {
  EXPECT_EQ(number(GetParam().in, Privacy{}), GetParam().out);
}
INSTANTIATE_TEST_SUITE_P(Rows, LogNumber,
                         ::testing::Values(NumRow{"+254712345678", "\u2026678"},
                                           NumRow{"0712 345 678", "\u2026678"},
                                           NumRow{"+255754000111", "\u2026111"},
                                           NumRow{"22555", "22555"},  // a short code is public
                                           NumRow{"", ""}));

TEST(LogNumberShown, ShowNumbersKeepsAll) {
  EXPECT_EQ(number("+254712345678", Privacy{true, false}), "+254712345678");
}

TEST(LogText, HiddenByDefaultCountsCodePoints) {
  EXPECT_EQ(text("REPORT maji imekatika", Privacy{}), "<text 21 chars>");
  EXPECT_EQ(text("Habari \xF0\x9F\x98\x80", Privacy{}), "<text 8 chars>");  // emoji is one
}

TEST(LogText, ShownTextsStillMaskNationalIds) {
  Privacy p{false, true};
  EXPECT_EQ(text("REPORT ID 12345678 maji", p), "REPORT ID ******** maji");
  // 7 or 9 digits are not national IDs (amounts, phone numbers are handled by number()).
  EXPECT_EQ(text("pay 1234567 or 123456789", p), "pay 1234567 or 123456789");
  EXPECT_EQ(mask_national_ids("12345678"), "********");
  EXPECT_EQ(mask_national_ids("a12345678b87654321"), "a********b********");
}

TEST(LogAtLine, ReusesAtRedaction) {
  const std::string l = at_line("AT+CMGS=\"+254712345678\"", Privacy{});
  EXPECT_EQ(l.find("254712345678"), std::string::npos) << l;
}

}  // namespace
