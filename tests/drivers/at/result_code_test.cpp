// Final result codes as modems print them. Rows quote the device where the line came from.
#include "jumbe/at/result_code.hpp"

#include <gtest/gtest.h>

namespace jumbe::at {
namespace {

using K = FinalResult::Kind;

TEST(AtResultCode, BasicCodes) {
  EXPECT_EQ(parse_final_result("OK")->kind, K::ok);
  EXPECT_EQ(parse_final_result("ERROR")->kind, K::error);
  EXPECT_EQ(parse_final_result("NO CARRIER")->kind, K::no_carrier);
  EXPECT_EQ(parse_final_result("BUSY")->kind, K::busy);
  EXPECT_EQ(parse_final_result("NO ANSWER")->kind, K::no_answer);
  EXPECT_EQ(parse_final_result("NO DIALTONE")->kind, K::no_dialtone);
  EXPECT_EQ(parse_final_result("ABORTED")->kind, K::aborted);
  EXPECT_EQ(parse_final_result("CONNECT 115200")->kind, K::connect);
  // ZTE MF190 / Huawei E173 answering an unknown command.
  EXPECT_EQ(parse_final_result("COMMAND NOT SUPPORT")->kind, K::not_supported);
}

TEST(AtResultCode, OrdinaryLinesAreNotFinal) {
  for (std::string_view line : {"+CSQ: 17,99", "OKAY", "ERRORS", "+CMGS: 12", "", "RING", "> "})
    EXPECT_FALSE(parse_final_result(line)) << line;
}

TEST(AtResultCode, NumericCmsError) {
  // SIMCom SIM800 sending with no network: "+CMS ERROR: 331".
  const auto r = parse_final_result("+CMS ERROR: 331");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, K::cms_error);
  EXPECT_EQ(r->error->code, 331);
  EXPECT_EQ(r->error->text, "no network service");
}

TEST(AtResultCode, TextCmeErrorWithCmee2) {
  // AT+CMEE=2 on Huawei E173: "+CME ERROR: SIM busy".
  const auto r = parse_final_result("+CME ERROR: SIM busy");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, K::cme_error);
  EXPECT_EQ(r->error->code, 14);
}

TEST(AtResultCode, UnknownTextErrorKeepsTheText) {
  const auto r = parse_final_result("+CMS ERROR: Unknown Foo");
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->error->code);
  EXPECT_EQ(r->error->text, "Unknown Foo");
}

}  // namespace
}  // namespace jumbe::at
