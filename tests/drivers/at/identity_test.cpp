// IMEI / IMSI / ICCID reply shapes: bare digits (TS 27.007 +CGSN / +CIMI), "+CGSN: ..." (the
// later 27.007 form), a labelled "IMEI: ...", and the vendor ICCID commands' prefixes (^ICCID,
// +CCID, +QCCID, F padding). Numbers are made up.
#include <gtest/gtest.h>

#include "jumbe/at/replies.hpp"

namespace jumbe::at {
namespace {

using Lines = std::vector<std::string>;

TEST(AtIdentity, Imei) {
  EXPECT_EQ(parse_imei(Lines{"867530021234567"}).value(), "867530021234567");
  EXPECT_EQ(parse_imei(Lines{"+CGSN: \"867530021234567\""}).value(), "867530021234567");
  EXPECT_EQ(parse_imei(Lines{"IMEI: 867530021234567"}).value(), "867530021234567");
  EXPECT_FALSE(parse_imei(Lines{"86753002123456"}));
  EXPECT_FALSE(parse_imei(Lines{}));
}

TEST(AtIdentity, Imsi) {
  EXPECT_EQ(parse_imsi(Lines{"639021234567890"}).value(), "639021234567890");
  EXPECT_FALSE(parse_imsi(Lines{"ERROR-ish"}));
}

TEST(AtIdentity, Iccid) {
  EXPECT_EQ(parse_iccid(Lines{"^ICCID: 89254021234567890123"}).value(), "89254021234567890123");
  EXPECT_EQ(parse_iccid(Lines{"+CCID: 8925402123456789012"}).value(), "8925402123456789012");
  EXPECT_EQ(parse_iccid(Lines{"+QCCID: 8925402123456789012F"}).value(), "8925402123456789012");
  EXPECT_FALSE(parse_iccid(Lines{"+CCID: 12"}));
}

}  // namespace
}  // namespace jumbe::at
