// SMS-DELIVER decoding (TS 23.040 9.2.2.1) against PDUs captured from real networks and
// published with other projects' test suites: ModemManager src/tests/test-sms-part-3gpp.c
// (test_pdu1..3, dcsf1, udhi "Welcome message from KPN NL", multipart) and python-gsmmodem
// test/test_pdu.py (test_decode). Time zones east (+02:00, +04:00, +08:00) and west (-04:00,
// -05:00); numeric, national, short-code and alphanumeric senders.
#include <gtest/gtest.h>

#include "jumbe/pdu/decode.hpp"
#include "test_util.hpp"

namespace jumbe::pdu {
namespace {

using test::bytes_of;
using test::must;

struct DeliverCase {
  const char* source;
  const char* hex;
  const char* smsc;
  const char* sender;
  int sender_toa;
  const char* timestamp;
  const char* text;
  Encoding encoding;
  std::optional<Concat> concat;
};

const DeliverCase cases[] = {
    {"ModemManager test_pdu1 (extension table, -05:00)",
     "07912104442961F4040B916171957291F800001120821105050A6AC8B2BC7C9A83C220F6DB7D2ECB41EDF27C1E3E"
     "97411BDE06754FD3D1A0F9BB5D0695F1F4B29B5C2683C6E8B03C3CA697E5F34D6AE303D1D1F2F7DD0D4ABB59A079"
     "7D8C0685E7A00028EC26832A960B28EC2683BE6050780EBA97D96C17",
     "+12404492164", "+16175927198", 0x91, "2011-02-28T11:50:50-05:00",
     "Here's a longer message [{with some extended characters}] thrown in, such as \u00a3 and "
     "\u03a9\u03a0\u03a8 and \u00a7\u00bf as well.",
     Encoding::gsm7, std::nullopt},
    {"ModemManager test_pdu2 (alphanumeric sender, UCS2, +04:00)",
     "07919730071111F10414D04937BD2C7797E9D3E614000811309291024061080442043504410442",
     "+79037011111", "InternetSMS", 0xD0, "2011-03-29T19:20:04+04:00", "\u0442\u0435\u0441\u0442",
     Encoding::ucs2, std::nullopt},
    {"ModemManager test_pdu3",
     "07912143658709F1040B918100551512F20000111010214365000AE8329BFD4697D9EC37", "+12345678901",
     "+18005551212", 0x91, "2011-01-01T12:34:56+00:00", "hellohello", Encoding::gsm7, std::nullopt},
    {"ModemManager test_pdu3_natl (national number, no plus)",
     "07912143658709F1040B818100551512F20000111010214365000AE8329BFD4697D9EC37", "+12345678901",
     "18005551212", 0x81, "2011-01-01T12:34:56+00:00", "hellohello", Encoding::gsm7, std::nullopt},
    {"ModemManager test_pdu_dcsf1 (DCS group F, SFR short code 1800, +02:00)",
     "07913306091093F0040485810000F111604231805180A049B7F90D9A1AA5A01668F8769BD3E4B29B9E2EB359A03F"
     "C85D06A9C3ED707A0EA2CBC3EE79BB4CA7CBCBA05643617DA7C76990FD4D979741EE77DD5E0ED741ED371D442E83E"
     "0E1F9BC0CD281E677D9B84C06C1DF7539E85C9097E520FB9B2E2F83C6EF369C5E064D8D52D0BC2E07DDEF77D7DC2C"
     "7799E5A0771D040FCB41F402BB0047BFDD6550B80ECAD966",
     "+33609001390", "1800", 0x85, "2011-06-24T13:08:15+02:00",
     "Info SFR - Confidentiel, \u00e0 ne jamais transmettre -\r\nVoici votre nouveau mot de passe "
     ": sw2ced pour g\u00e9rer votre compte SFR sur www.sfr.fr ou par t\u00e9l\u00e9phone au 963",
     Encoding::gsm7, std::nullopt},
    {"ModemManager test_pdu_udhi (KPN NL welcome, 16-bit concat ref)",
     "07911356131313F64004850120390011609232239180A006080400100201D7327BFD6EB340E2321BF46E83EA7790"
     "F59D1E97DBE1341B442F83C465763D3DA797E56537C81D0ECB41AB59CC1693C16031D96C064241E5656838AF03A9"
     "6230982A269BCD462917C8FA4E8FCBED709A0D7ABBE9F6B0FB5C7683D27350984D4FABC9A0B33C4C4FCF5D20EBFB"
     "2D079DCB62793DBD06D9C36E50FB2D4E97D9A0B49B5E96BBCB",
     "+31653131316", "1002", 0x85, "2011-06-29T23:32:19+02:00",
     "Welkom, bel om uw Voicemail te beluisteren naar +31612001233 (PrePay: *100*1233#). "
     "Voicemail ontvangen is altijd gratis. Voor gebruik van mobiel interne",
     Encoding::gsm7, Concat{0x0010, 2, 1, 16}},
    {"ModemManager test_pdu_multipart part 1 (8-bit ref 0x4C, -04:00)",
     "07912160130320F5440B916171056429F5000021405291650569A00500034C0201A9E8F41C949E83C2207B599E07"
     "B1DFEE33885E9ED341E4F23C7D7697C920FA1B54C697E5E3F4BC0C6AD7D9F434081E96D341E3303C2C4EB3D3F4BC"
     "0B94A483E6E8779D4D06CDD1EF3BA80E0785E7A0B7BB0C6A97E7F3F0B9CC02B9DF7450780EA2DFDF2C50780EA2A3"
     "CBA0BA9B5C96B3F369F71954768FDFE4B4FB0C9297E1F2F2BCECA6CF41",
     "+12063130025", "+16175046925", 0x91, "2012-04-25T19:56:50-04:00",
     "This is a very long test designed to exercise multi part capability. It should show up as "
     "one message, not as two, as the underlying encoding represents ",
     Encoding::gsm7, Concat{0x4C, 2, 1, 8}},
    {"python-gsmmodem test_decode (Test2, +02:00, SMSC length 6)",
     "06917228195339040B917228214365F700003130805120618005D4F29C2E03", "+2782913593",
     "+27821234567", 0x91, "2013-03-08T15:02:16+02:00", "Test2", Encoding::gsm7, std::nullopt},
    {"python-gsmmodem test_decode (+08:00)",
     "07915892000000F0040B915892214365F700007040213252242331493A283D0795C3F33C88FE06C9CB6132885EC6"
     "D341EDF27C1E3E97E7207B3A0C0A5241E377BB1D7693E72E",
     "+85290000000", "+85291234567", 0x91, "2007-04-12T23:25:42+08:00",
     "It is easy to read text messages via AT commands.", Encoding::gsm7, std::nullopt},
    {"python-gsmmodem test_decode (escapes and accents)",
     "06917228195339040B917228214365F70000313062315352800A800D8A5E98D337A910", "+2782913593",
     "+27821234567", 0x91, "2013-03-26T13:35:25+02:00", "@{t\u00e9st}!", Encoding::gsm7,
     std::nullopt},
    {"python-gsmmodem test_decode (airtime notice from short code, concat ref 0xC3 1/1)",
     "0591721891F1400781721881F800003160526104848059050003C30101916536FB1DCABEEB2074D85E064941B19C"
     "AB060319A5C522289C96D3D3ED32286C0FA7D96131BBEC024941B19CAB0603DDD36C36A88C87A7E565D0DB0D82C5"
     "5EB0DB4B068BCD5C20",
     "+2781191", "2781188", 0x81, "2013-06-25T16:40:48+02:00",
     "Hello!You have R 19.50 FREE airtime available. R 19.50 will expire on 01/07/2013. ",
     Encoding::gsm7, Concat{0xC3, 1, 1, 8}},
};

TEST(PduDeliver, PublishedPdus) {
  for (const auto& c : cases) {
    const auto m = must(decode_deliver(bytes_of(c.hex)));
    ASSERT_TRUE(m.smsc.has_value()) << c.source;
    EXPECT_EQ(m.smsc->value, c.smsc) << c.source;
    EXPECT_EQ(m.sender.value, c.sender) << c.source;
    EXPECT_EQ(m.sender.toa, c.sender_toa) << c.source;
    EXPECT_EQ(m.timestamp.iso8601(), c.timestamp) << c.source;
    EXPECT_EQ(m.text, c.text) << c.source;
    EXPECT_EQ(m.dcs.encoding, c.encoding) << c.source;
    EXPECT_EQ(m.udh.concat, c.concat) << c.source;
    // The generic entry point agrees.
    const auto any = must(decode_hex(c.hex));
    ASSERT_TRUE(std::holds_alternative<Deliver>(any)) << c.source;
  }
}

TEST(PduDeliver, EightBitDataIsKeptAsBytes) {
  // ModemManager test_pdu3_8bit: DCS 0x04, 10 octets of data.
  const auto m = must(decode_deliver(
      bytes_of("07912143658709F1040B918100551512F20004111010214365000AE8329BFD4697D9EC37DE")));
  EXPECT_EQ(m.dcs.encoding, Encoding::eight_bit);
  EXPECT_EQ(to_hex(m.data), "E8329BFD4697D9EC37DE");
  EXPECT_TRUE(m.text.empty());
}

TEST(PduDeliver, FlagsPidAndClass) {
  // ModemManager test_pdu3 variants: PID 0xFF; TP-MMS cleared (04 -> 00) means more messages.
  const auto pid = must(decode_deliver(
      bytes_of("07912143658709F1040B918100551512F2FF00111010214365000AE8329BFD4697D9EC37")));
  EXPECT_EQ(pid.pid, 0xFF);
  EXPECT_FALSE(pid.more_messages);
  const auto mms = must(decode_deliver(
      bytes_of("07912143658709F1000B918100551512F20000111010214365000AE8329BFD4697D9EC37")));
  EXPECT_TRUE(mms.more_messages);
  const auto f1 = must(decode_deliver(bytes_of(cases[4].hex)));
  EXPECT_EQ(f1.dcs.message_class, 1);
}

TEST(PduDeliver, WithoutSmscField) {
  // +CMT on modems configured without the SMSC prefix: the same PDU minus its first 8 octets.
  const std::string hex = "040B918100551512F20000111010214365000AE8329BFD4697D9EC37";
  const auto m = must(decode_deliver(bytes_of(hex), false));
  EXPECT_FALSE(m.smsc.has_value());
  EXPECT_EQ(m.text, "hellohello");
}

TEST(PduDeliver, DcsCodingGroups) {
  // TS 23.038 clause 4.
  EXPECT_EQ(decode_dcs(0x00).encoding, Encoding::gsm7);
  EXPECT_EQ(decode_dcs(0x08).encoding, Encoding::ucs2);
  EXPECT_EQ(decode_dcs(0x04).encoding, Encoding::eight_bit);
  EXPECT_EQ(decode_dcs(0x10).message_class, 0);
  EXPECT_EQ(decode_dcs(0x18).encoding, Encoding::ucs2);
  EXPECT_TRUE(decode_dcs(0x20).compressed);
  EXPECT_TRUE(decode_dcs(0x40).auto_deletion);
  EXPECT_FALSE(decode_dcs(0x00).message_class.has_value());
  EXPECT_EQ(decode_dcs(0xF0).message_class, 0);
  EXPECT_EQ(decode_dcs(0xF6).encoding, Encoding::eight_bit);
  const auto mwi = decode_dcs(0xC8);  // discard, voicemail waiting active
  EXPECT_TRUE(mwi.message_waiting && mwi.message_waiting_active && mwi.message_waiting_discard);
  EXPECT_EQ(decode_dcs(0xE0).encoding, Encoding::ucs2);
  EXPECT_EQ(decode_dcs(0x80).encoding, Encoding::gsm7);  // reserved group: read as GSM 7-bit
}

TEST(PduDeliver, CompressedDataIsFlaggedNotDecoded) {
  // Same PDU as test_pdu3_8bit with DCS 0x24 (compressed, 8-bit): bytes kept, no text.
  const auto m = must(decode_deliver(
      bytes_of("07912143658709F1040B918100551512F20024111010214365000AE8329BFD4697D9EC37DE")));
  EXPECT_TRUE(m.dcs.compressed);
  EXPECT_TRUE(m.text.empty());
  EXPECT_EQ(m.data.size(), 10u);
}

TEST(PduDeliver, PortsAndUnknownElements) {
  // UDH: unknown IEI 0x70 (2 octets) skipped and kept, then 16-bit ports 0x0B84 <- 0x23F0.
  const std::string hex =
      "00"
      "44"
      "0A912143658709"
      "00"
      "04"
      "42502141000000"
      "0D"
      "0A"
      "70020102"
      "05040B8423F0"
      "CAFE";
  const auto m = must(decode_deliver(bytes_of(hex)));
  ASSERT_TRUE(m.udh.ports.has_value());
  EXPECT_EQ(m.udh.ports->destination, 0x0B84);
  EXPECT_EQ(m.udh.ports->source, 0x23F0);
  ASSERT_EQ(m.udh.other.size(), 1u);
  EXPECT_EQ(m.udh.other[0].iei, 0x70);
  EXPECT_EQ(to_hex(m.data), "CAFE");
}

TEST(PduDeliver, KenyanSendersRoundTrip) {
  // Safaricom's alphanumeric sender and East Africa Time (+03:00); encoder and decoder agree
  // with an independent packing of "SAFARICOM" (D3A031284D0E9F4D, length 16 semi-octets).
  DeliverOptions o;
  o.from = "SAFARICOM";
  o.smsc = "+254722500029";
  o.timestamp = Timestamp{2024, 3, 5, 14, 7, 9, 12};
  const auto pdus = must(encode_deliver("Umepokea Ksh500.00", o));
  ASSERT_EQ(pdus.size(), 1u);
  EXPECT_NE(pdus[0].hex.find("10D0D3A031284D0E9F4D"), std::string::npos);
  const auto m = must(decode_deliver(bytes_of(pdus[0].hex)));
  EXPECT_EQ(m.sender.value, "SAFARICOM");
  EXPECT_EQ(m.sender.type(), NumberType::alphanumeric);
  EXPECT_EQ(m.timestamp.iso8601(), "2024-03-05T14:07:09+03:00");
  EXPECT_EQ(m.smsc->value, "+254722500029");
  EXPECT_EQ(m.text, "Umepokea Ksh500.00");
}

TEST(PduTimestamp, QuarterHoursAndNegativeOffsets) {
  // Source: python-gsmmodem TestTimestamp: 7040213252242B = 2007-04-12 23:25:42 GMT-8.
  const auto m = must(decode_deliver(bytes_of("00040B915892214365F70000"
                                              "7040213252242B"
                                              "00"),
                                     true));
  EXPECT_EQ(m.timestamp.iso8601(), "2007-04-12T23:25:42-08:00");
  EXPECT_EQ((Timestamp{2024, 1, 2, 3, 4, 5, 23}).iso8601(), "2024-01-02T03:04:05+05:45");
  EXPECT_EQ((Timestamp{2024, 1, 2, 3, 4, 5, -14}).iso8601(), "2024-01-02T03:04:05-03:30");
  EXPECT_EQ((Timestamp{1999, 1, 2, 3, 4, 5, 0}).iso8601(), "1999-01-02T03:04:05+00:00");
}

}  // namespace
}  // namespace jumbe::pdu
