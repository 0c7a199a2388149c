// URC table matching and command verbs.
#include "jumbe/at/urc.hpp"

#include <gtest/gtest.h>

namespace jumbe::at {
namespace {

TEST(AtUrc, StandardTableMatchesModemBootAndSmsLines) {
  const auto t = UrcTable::standard();
  EXPECT_EQ(t.match("+CMTI: \"SM\",3")->name, "cmti");
  EXPECT_EQ(t.match("+CMT: ,23")->name, "cmt");
  EXPECT_EQ(t.match("RING")->name, "ring");
  EXPECT_EQ(t.match("^RSSI: 17")->name, "rssi");                // Huawei E173
  EXPECT_EQ(t.match("^BOOT:20952084,0,0,0,75")->name, "boot");  // Huawei E173
  EXPECT_EQ(t.match("SMS Ready")->name, "sms_ready");           // SIMCom SIM800
  EXPECT_EQ(t.match("+QIND: SMS DONE")->name, "qind");          // Quectel EC25
  EXPECT_EQ(t.match("RINGBACK"), nullptr);
  EXPECT_EQ(t.match("+CSQX: 1"), nullptr);
}

TEST(AtUrc, ProfilesCanMarkLinesIgnored) {
  auto t = UrcTable::standard();
  t.add({"^BOOT:", "boot", UrcRule::Lines::one, false, true});
  ASSERT_NE(t.match("^BOOT:1,2"), nullptr);
  EXPECT_TRUE(t.match("^BOOT:1,2")->ignore);
}

TEST(AtUrc, CommandVerb) {
  EXPECT_EQ(command_verb("AT+CREG?"), "+CREG");
  EXPECT_EQ(command_verb("AT+CMGS=23"), "+CMGS");
  EXPECT_EQ(command_verb("AT^SYSINFO"), "^SYSINFO");
  EXPECT_EQ(command_verb("ATE0"), "");
  EXPECT_EQ(command_verb("AT"), "");
}

}  // namespace
}  // namespace jumbe::at
