// SMS-SUBMIT encode and decode (TS 23.040 9.2.2.2) against PDUs published by other projects:
// ModemManager src/tests/test-sms-part-3gpp.c (PDU-Creator cases, "stored by us") and
// python-gsmmodem test/test_pdu.py (test_encodeSmsSubmit, test_encodeSmsSubmit_concatenated,
// test_decode). Each row names its source.
#include <gtest/gtest.h>

#include "jumbe/pdu/sms_submit.hpp"
#include "test_util.hpp"

namespace jumbe::pdu {
namespace {

using test::bytes_of;
using test::must;

struct EncodeCase {
  const char* source;
  std::string text;
  SubmitOptions options;
  std::vector<std::string> expected_hex;
};

SubmitOptions opts(std::string to, std::optional<std::string> smsc = std::nullopt) {
  SubmitOptions o;
  o.to = std::move(to);
  o.smsc = std::move(smsc);
  return o;
}

SubmitOptions with_relative(SubmitOptions o, std::uint32_t minutes) {
  o.validity.format = Validity::Format::relative;
  o.validity.relative_minutes = minutes;
  return o;
}

std::vector<EncodeCase> encode_cases() {
  std::vector<EncodeCase> v;
  v.push_back({"ModemManager test_create_pdu_ucs2_with_smsc",
               "\u0414\u0430 \u0437\u0434\u0440\u0430\u0432\u0441\u0442\u0432\u0443\u0435\u0442 "
               "\u043a\u043e\u0440\u043e\u043b\u044c, \u0434\u0435\u0442\u043a\u0430!",
               with_relative(opts("+15555551234", "+19037029920"), 5),
               {"07919130079229F011000B915155551532F40008003A04140430002004370434044004300432"
                "0441044204320443043504420020043A043E0440043E043B044C002C0020043404350442043A0430"
                "0021"}});
  v.push_back({"ModemManager test_create_pdu_gsm_no_smsc",
               "Hi there...Tue 17th Jan 2012 05:30.18 pm (GMT+1) \u0394\u0394\u0394\u0394\u0394",
               with_relative(opts("+15555551234"), 5),
               {"0011000B915155551532F400000036C834888E2ECBCB2E978B5A2F8362373A1AA40CBB413258"
                "4C0682D57433982B8603C1DB20D4B1495DC552200804028100"}});
  v.push_back({"ModemManager test_create_pdu_gsm_3 (25 septets, last octet alone)",
               "This is really cool \u0394\u0394\u0394\u0394\u0394",
               with_relative(opts("+15556661234"), 5),
               {"0011000B915155661632F40000001954747A0E4ACF41F27298CDCE83C6EF371B0481402010"}});
  v.push_back({"ModemManager test_create_pdu_gsm_no_validity",
               "This is really cool \u0394\u0394\u0394\u0394\u0394",
               opts("+15556661234"),
               {"0001000B915155661632F400001954747A0E4ACF41F27298CDCE83C6EF371B0481402010"}});
  v.push_back({"python-gsmmodem test_encodeSmsSubmit #1",
               "Hello World!",
               opts("+27820001111"),
               {"0001000B917228001011F100000CC8329BFD065DDF72363904"}});
  v.push_back({"python-gsmmodem test_encodeSmsSubmit #2 (52 weeks, SMSC)",
               "\u4e16\u754c\u60a8\u597d\uff01",
               with_relative(opts("+123456789", "+44000000000"), 52 * 7 * 1440),
               {"07914400000000F01100099121436587F90008F40A4E16754C60A8597DFF01"}});
  {
    SubmitOptions o = opts("+27820001111");
    o.validity.format = Validity::Format::absolute;
    o.validity.absolute = Timestamp{2013, 7, 10, 13, 39, 0, 8};
    v.push_back({"python-gsmmodem test_encodeSmsSubmit #4 (absolute validity, +02:00)",
                 "Timestamp validity test",
                 o,
                 {"0019000B917228001011F100003170013193008017D474BB3CA787DB70903DCC4E93D3F43C885E"
                  "9ED301"}});
  }
  {
    SubmitOptions o = opts("+15125551234");
    o.reject_duplicates = true;
    v.push_back(
        {"python-gsmmodem test_encodeSmsSubmit_concatenated (3 parts, ref 0, TP-RD)",
         "Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor "
         "incididunt ut labore et dolore magna aliqua.Ut enim ad minim veniam, quinostrud "
         "exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.Duis aute irure "
         "dolor in reprehenderit in voluptate velit esse cillum doloe eu fugiat nulla "
         "pariatur.Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia "
         "deserunt mollit anim id est laborum",
         o,
         {"0045000B915121551532F40000A0050003000301986F79B90D4AC3E7F53688FC66BFE5A0799A0E0AB7CB7"
          "41668FC76CFCB637A995E9783C2E4343C3D4F8FD3EE33A8CC4ED359A079990C22BF41E5747DDE7E9341F4"
          "721BFE9683D2EE719A9C26D7DD74509D0E6287C56F791954A683C86FF65B5E06B5C36777181466A7E3F5"
          "B0AB4A0795DDE936284C06B5D3EE741B642FBBD3E1360B14AFA7DD",
          "0045000B915121551532F40000A0050003000302DE73BABC4E0695F165F9384D0FD3D36F37A8CE6687DBE"
          "337881D16BFE5E939C89D9EA741753A28CC4EC7EB6938A88C0795C3A0F1BBDD7E93DFA0F1DB3D2FC7EB61"
          "BA8B584FCF41E13ABD0C4ACBEBF23288FC66BFE5A0B41B242FC3E56574D94D2ECBD37450DA0DB2BFD975"
          "383D4C2F83EC65769A0E2ACFE765D038CD66D7DB20F29BFD2E83CA",
          "0045000B915121551532F400008C050003000303EA2073FD9C0ED341EE3A9B1D06C1C3F274985E97BB8AF"
          "871194E2FD7E5A079DA4D07BDC7E370791CA683C675789A1CA687E920F7DB0D82CBDF6972D94D6781E67"
          "5371D947683C675363C0C8AD7D3A0B7D99C1EA7C32072795E96D7DD7450FBCD66A7E9A0B03BDD06A5C9A"
          "0F29C0E6287C56F79BD0D"}});
  }
  return v;
}

TEST(PduSubmitEncode, MatchesPublishedPdus) {
  for (const auto& c : encode_cases()) {
    const auto pdus = must(encode_submit(c.text, c.options, 0));
    ASSERT_EQ(pdus.size(), c.expected_hex.size()) << c.source;
    for (std::size_t i = 0; i < pdus.size(); ++i) {
      EXPECT_EQ(pdus[i].hex, c.expected_hex[i]) << c.source << " part " << i + 1;
      // <length> of AT+CMGS counts the TPDU only: everything after the SMSC field.
      const Bytes b = bytes_of(pdus[i].hex);
      EXPECT_EQ(pdus[i].tpdu_length, b.size() - 1 - b[0]) << c.source;
    }
  }
}

TEST(PduSubmitEncode, FlagsClassAndNationalNumbers) {
  SubmitOptions o = opts("0712345678");
  o.status_report = true;
  o.message_class = 0;
  const auto p = must(encode_submit("Tahadhari", o));
  ASSERT_EQ(p.size(), 1u);
  // 00 SMSC; 21 SUBMIT+SRR; MR 00; 0A 81 (10 digits, unknown/ISDN); PID 00; DCS 10 (class 0).
  EXPECT_EQ(p[0].hex.substr(0, 24), "0021000A8170214365870010");
  const auto back = must(decode_submit(bytes_of(p[0].hex)));
  EXPECT_TRUE(back.status_report);
  EXPECT_EQ(back.destination.value, "0712345678");
  EXPECT_EQ(back.dcs.message_class, 0);
  EXPECT_EQ(back.text, "Tahadhari");
}

TEST(PduSubmitEncode, SixteenBitReferenceHeader) {
  SubmitOptions o = opts("+254712345678");
  o.ref16 = true;
  const auto p = must(encode_submit(test::repeat("a", 200), o, 0x1234));
  ASSERT_EQ(p.size(), 2u);
  const auto m = must(decode_submit(bytes_of(p[1].hex)));
  ASSERT_TRUE(m.udh.concat.has_value());
  EXPECT_EQ(*m.udh.concat, (Concat{0x1234, 2, 2, 16}));
  EXPECT_EQ(m.text, test::repeat("a", 200 - 152));
}

TEST(PduSubmitEncode, RejectsBadOptions) {
  auto bad_to = encode_submit("x", opts("+2547-12"));
  ASSERT_FALSE(bad_to.ok());
  EXPECT_EQ(bad_to.error().code, ErrorCode::bad_number);
  EXPECT_EQ(bad_to.error().message.rfind("to: ", 0), 0u);
  SubmitOptions o = opts("+254712345678");
  o.message_class = 4;
  EXPECT_EQ(encode_submit("x", o).error().code, ErrorCode::bad_option);
  auto empty = encode_submit("x", opts(""));
  EXPECT_EQ(empty.error().code, ErrorCode::bad_number);
}

TEST(PduValidity, RelativePeriodsRoundUp) {
  // Source: python-gsmmodem TestRelativeValidityPeriod (30 min = 5, 16 h = 151, 3 d = 169,
  // 5 w = 197) and TS 23.040 9.2.3.12.1's ranges.
  EXPECT_EQ(*relative_validity_octet(30), 5);
  EXPECT_EQ(*relative_validity_octet(16 * 60), 151);
  EXPECT_EQ(*relative_validity_octet(3 * 1440), 169);
  EXPECT_EQ(*relative_validity_octet(5 * 10080), 197);
  EXPECT_EQ(*relative_validity_octet(1), 0);
  EXPECT_EQ(*relative_validity_octet(12 * 60), 143);
  EXPECT_EQ(*relative_validity_octet(24 * 60), 167);
  EXPECT_EQ(*relative_validity_octet(63 * 10080), 255);
  EXPECT_FALSE(relative_validity_octet(0).ok());
  EXPECT_FALSE(relative_validity_octet(63 * 10080 + 1).ok());
  for (int vp = 0; vp < 256; ++vp) {
    const auto minutes = relative_validity_minutes(static_cast<std::uint8_t>(vp));
    EXPECT_EQ(*relative_validity_octet(minutes), vp);
  }
}

struct DecodeCase {
  const char* source;
  const char* hex;
  bool has_smsc;
  const char* smsc;
  const char* to;
  const char* text;
};

TEST(PduSubmitDecode, PublishedPdus) {
  const DecodeCase cases[] = {
      {"python-gsmmodem test_decode (SUBMIT, 3 days, SRR)",
       "07911326040000F0310D0B911326880736F40000A90FF7FBDD454E87CDE1B0DB357EB701", true,
       "+31624000000", "+31628870634", "www.diafaan.com"},
      {"python-gsmmodem test_decode (SUBMIT UCS2)",
       "07914346466554F601000B914316565811F9000806304253F68449", true, "+34646456456",
       "+34616585119", "\u3042\u53f6\u8449"},
      {"ModemManager test_pdu_stored_by_us (SUBMIT stored on SIM)",
       "002100098136397339F70008224F60597D4F60597D4F60597D4F60597D4F60597D4F60597D4F60597D4F60597D4"
       "F60",
       true, nullptr, "639337937",
       "\u4f60\u597d\u4f60\u597d\u4f60\u597d\u4f60\u597d\u4f60\u597d\u4f60\u597d\u4f60\u597d\u4f60"
       "\u597d\u4f60"},
  };
  for (const auto& c : cases) {
    const auto m = must(decode_submit(bytes_of(c.hex), c.has_smsc));
    if (c.smsc) {
      ASSERT_TRUE(m.smsc.has_value()) << c.source;
      EXPECT_EQ(m.smsc->value, c.smsc) << c.source;
    } else {
      EXPECT_FALSE(m.smsc.has_value()) << c.source;
    }
    EXPECT_EQ(m.destination.value, c.to) << c.source;
    EXPECT_EQ(m.text, c.text) << c.source;
  }
  const auto first = must(decode_submit(bytes_of(cases[0].hex)));
  EXPECT_TRUE(first.status_report);
  EXPECT_EQ(first.mr, 0x0D);
  EXPECT_EQ(first.validity.format, Validity::Format::relative);
  EXPECT_EQ(first.validity.relative_minutes, 3u * 1440u);
}

TEST(PduSubmitDecode, EightBitData) {
  // python-gsmmodem test_decode: 8-bit data coding, "Hello world!".
  const auto m = must(
      decode_submit(bytes_of("0591721891F101000B917228214365F700040C48656C6C6F20776F726C6421")));
  EXPECT_EQ(m.dcs.encoding, Encoding::eight_bit);
  EXPECT_EQ(std::string(m.data.begin(), m.data.end()), "Hello world!");
  EXPECT_TRUE(m.text.empty());
}

TEST(PduSubmitDecode, AbsoluteValidity) {
  const auto m = must(decode_submit(bytes_of(
      "0019000B917228001011F100003170013193008017D474BB3CA787DB70903DCC4E93D3F43C885E9ED301")));
  EXPECT_EQ(m.validity.format, Validity::Format::absolute);
  EXPECT_EQ(m.validity.absolute.iso8601(), "2013-07-10T13:39:00+02:00");
  EXPECT_EQ(m.text, "Timestamp validity test");
}

}  // namespace
}  // namespace jumbe::pdu
