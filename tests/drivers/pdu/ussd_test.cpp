// USSD text (TS 27.007 7.15 +CUSD, TS 23.038 clause 5 CBS DCS, 6.1.2.3.1 USSD packing). The
// packed "*100#" = AA180C3602 is the Huawei E3131 answer quoted in the house style; the UCS2
// replies follow the shape Huawei modems print for DCS 72.
#include "jumbe/pdu/ussd.hpp"

#include <gtest/gtest.h>

#include "test_util.hpp"

namespace jumbe::pdu {
namespace {

using test::must;

TEST(PduUssd, DecodePackedGsm7) {
  EXPECT_EQ(must(ussd_decode(15, UssdMode::packed_hex, "AA180C3602")), "*100#");
  EXPECT_EQ(must(ussd_decode(0x0F, UssdMode::packed_hex, "aa188d3602")), "*144#");
  // Other languages of group 0000 and group 1111 GSM 7-bit decode the same way.
  EXPECT_EQ(must(ussd_decode(0x00, UssdMode::packed_hex, "AA180C3602")), "*100#");
  EXPECT_EQ(must(ussd_decode(0xF0, UssdMode::packed_hex, "AA180C3602")), "*100#");
}

TEST(PduUssd, CrPaddingIsRemoved) {
  // 7 characters leave 7 spare bits: the sender pads with CR (TS 23.038 6.1.2.3.1).
  const std::string hex = must(ussd_encode("1234567", UssdMode::packed_hex));
  EXPECT_EQ(hex.size(), 14u);
  EXPECT_EQ(must(ussd_decode(15, UssdMode::packed_hex, hex)), "1234567");
  // Exactly 8 characters: no padding, nothing removed.
  EXPECT_EQ(
      must(ussd_decode(15, UssdMode::packed_hex, *ussd_encode("12345678", UssdMode::packed_hex))),
      "12345678");
}

TEST(PduUssd, DecodeUcs2) {
  // DCS 72 (0x48): UCS2, as Huawei prints it in packed mode, and ucs2-hex whatever the DCS.
  const char* hex = "00420061006C0061006E00630065003A0020004B005300480020003100300030";
  EXPECT_EQ(must(ussd_decode(72, UssdMode::packed_hex, hex)), "Balance: KSH 100");
  EXPECT_EQ(must(ussd_decode(15, UssdMode::ucs2_hex, hex)), "Balance: KSH 100");
  EXPECT_EQ(must(ussd_decode(72, UssdMode::packed_hex, "D83DDE00")), "\U0001F600");
  // 0x11: UCS2 preceded by a two-character language code in 2 octets.
  EXPECT_EQ(must(ussd_decode(0x11, UssdMode::packed_hex, "E5B30041")), "A");
}

TEST(PduUssd, DecodeEightBitAndText) {
  EXPECT_EQ(must(ussd_decode(68, UssdMode::packed_hex, "4F4B20E9")), "OK \u00e9");
  EXPECT_EQ(must(ussd_decode(15, UssdMode::text, "Salio lako ni KSH 50")), "Salio lako ni KSH 50");
}

TEST(PduUssd, Encode) {
  EXPECT_EQ(must(ussd_encode("*100#", UssdMode::packed_hex)), "AA180C3602");
  EXPECT_EQ(must(ussd_encode("*144#", UssdMode::ucs2_hex)), "002A0031003400340023");
  EXPECT_EQ(must(ussd_encode("*144#", UssdMode::text)), "*144#");
  auto bad = ussd_encode("\U0001F600", UssdMode::packed_hex);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::not_encodable);
}

TEST(PduUssd, Errors) {
  EXPECT_EQ(ussd_decode(15, UssdMode::packed_hex, "AA1").error().code, ErrorCode::bad_hex);
  EXPECT_EQ(ussd_decode(15, UssdMode::packed_hex, "Salio").error().code, ErrorCode::bad_hex);
  EXPECT_EQ(ussd_decode(72, UssdMode::ucs2_hex, "004").error().code, ErrorCode::bad_hex);
  EXPECT_EQ(ussd_decode(72, UssdMode::ucs2_hex, "004100").error().code, ErrorCode::bad_hex);
  EXPECT_EQ(ussd_decode(300, UssdMode::packed_hex, "00").error().code, ErrorCode::bad_dcs);
  EXPECT_EQ(ussd_decode(15, UssdMode::text, "\xFF").error().code, ErrorCode::bad_utf8);
}

TEST(PduCusd, ParsesModemLines) {
  // Quirk: Huawei E3131 answers USSD as hex of packed GSM 7-bit: +CUSD: 0,"AA180C3602",15
  const auto huawei = must(parse_cusd("+CUSD: 0,\"AA180C3602\",15", UssdMode::packed_hex));
  EXPECT_EQ(huawei.status, 0);
  EXPECT_EQ(huawei.dcs, 15);
  EXPECT_EQ(huawei.text, "*100#");
  const auto text =
      must(parse_cusd("\r\n+CUSD: 1,\"1. Balance, 2. Bundles\",15\r\n", UssdMode::text));
  EXPECT_EQ(text.status, 1);
  EXPECT_EQ(text.text, "1. Balance, 2. Bundles");
  const auto bare = must(parse_cusd("+CUSD: 2", UssdMode::text));
  EXPECT_EQ(bare.status, 2);
  EXPECT_FALSE(bare.text.has_value());
  const auto nodcs = must(parse_cusd("+CUSD: 0,\"AA180C3602\"", UssdMode::packed_hex));
  EXPECT_EQ(nodcs.text, "*100#");
  EXPECT_EQ(parse_cusd("+CMGS: 12", UssdMode::text).error().code, ErrorCode::bad_cusd);
  EXPECT_EQ(parse_cusd("+CUSD: x", UssdMode::text).error().code, ErrorCode::bad_cusd);
  EXPECT_EQ(parse_cusd("+CUSD: 0,\"abc", UssdMode::text).error().code, ErrorCode::bad_cusd);
  EXPECT_EQ(parse_cusd("+CUSD: 0,\"abc\",1x", UssdMode::text).error().code, ErrorCode::bad_cusd);
  const auto badhex = parse_cusd("+CUSD: 0,\"AAZ0\",15", UssdMode::packed_hex);
  ASSERT_FALSE(badhex.ok());
  EXPECT_EQ(badhex.error().position, 12u);  // the Z, counted in the whole line
}

}  // namespace
}  // namespace jumbe::pdu
