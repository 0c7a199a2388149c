// GSM 7-bit default alphabet, extension table, septet packing, UCS2 and UTF-8 validation
// (TS 23.038 6.1.2.1.1, 6.2.1, 6.2.1.1, 6.2.3). Packed vectors from python-gsmmodem's
// test/test_pdu.py (TestGsm7) and the well-known "hellohello" example (E8329BFD4697D9EC37).
#include "jumbe/pdu/alphabet.hpp"

#include <gtest/gtest.h>

#include "test_util.hpp"

namespace jumbe::pdu {
namespace {

using test::bytes_of;

std::vector<std::uint8_t> septets_of(std::string_view utf8) {
  auto cps = utf8_to_code_points(utf8);
  EXPECT_TRUE(cps.ok());
  auto s = to_gsm7(*cps);
  EXPECT_TRUE(s.has_value()) << utf8;
  return s.value_or(std::vector<std::uint8_t>{});
}

struct PackCase {
  const char* text;
  const char* packed_hex;
};

// Source: python-gsmmodem test/test_pdu.py, TestGsm7 (packed septets), and the SMS PDU format
// tutorial's "hellohello".
const PackCase pack_cases[] = {
    {"123", "31D90C"},
    {"12345678", "31D98C56B3DD70"},
    {"123456789", "31D98C56B3DD7039"},
    {"Hello World!", "C8329BFD065DDF72363904"},
    {"[{abc}]~", "1BDE0615168F37A98D6FD303"},
    {"{\u00e5\u03a6\u0393\u039b\u03a9\u03a0\u03a8\u03a3\u0398\u20ac}",
     "1BD44332A1542C174C6653DEA400"},
    {"a[]{}\u20ac", "E10D6FE3DBA036A94D19"},
    {"hellohello", "E8329BFD4697D9EC37"},
};

TEST(PduGsm7, PacksAndUnpacksPublishedVectors) {
  for (const auto& c : pack_cases) {
    std::string hex = c.packed_hex;
    std::erase(hex, ' ');
    const auto septets = septets_of(c.text);
    EXPECT_EQ(to_hex(pack_septets(septets)), hex) << c.text;
    const auto unpacked = unpack_septets(bytes_of(hex), septets.size());
    EXPECT_EQ(gsm7_to_utf8(unpacked), c.text) << c.text;
  }
}

TEST(PduGsm7, ExtensionTableCostsTwoSeptetsEach) {
  // TS 23.038 6.2.1.1: form feed, ^ { } \ [ ~ ] | and the euro sign.
  for (char32_t cp : std::u32string(U"\f^{}\\[~]|\u20ac")) {
    EXPECT_EQ(gsm7_septets_for(cp), 2u) << static_cast<unsigned>(cp);
  }
  EXPECT_EQ(septets_of("\u20ac"), (std::vector<std::uint8_t>{0x1B, 0x65}));
  EXPECT_EQ(septets_of("\f"), (std::vector<std::uint8_t>{0x1B, 0x0A}));
}

TEST(PduGsm7, EveryBasicCharacterRoundTrips) {
  for (std::uint8_t s = 0; s < 128; ++s) {
    if (s == gsm7_escape) continue;
    const std::string utf8 = gsm7_to_utf8(std::vector<std::uint8_t>{s});
    EXPECT_EQ(septets_of(utf8), std::vector<std::uint8_t>{s}) << int(s);
  }
}

TEST(PduGsm7, SwahiliAndAccentsFitButOthersDoNot) {
  EXPECT_TRUE(to_gsm7(*utf8_to_code_points("Habari, karibu! Asante sana. \u00e9\u00e8\u00c4")));
  // No silent substitution: these need UCS2.
  for (const char* s : {"\u00e7", "\u00e1", "\U0001F600", "\u0161", "\u00ea", "`"}) {
    EXPECT_FALSE(to_gsm7(*utf8_to_code_points(s)).has_value()) << s;
  }
}

TEST(PduGsm7, UnknownEscapeShowsBaseCharacter) {
  // TS 23.038 6.2.1.1: an escape to an undefined code shows the default table's character.
  EXPECT_EQ(gsm7_to_utf8(std::vector<std::uint8_t>{0x1B, 0x41}), "A");
  // 0x1B 0x1B is reserved: shown as a space. A lone trailing escape is dropped.
  EXPECT_EQ(gsm7_to_utf8(std::vector<std::uint8_t>{0x1B, 0x1B}), " ");
  EXPECT_EQ(gsm7_to_utf8(std::vector<std::uint8_t>{0x41, 0x1B}), "A");
}

TEST(PduGsm7, FillBitsAfterHeaderAlignToSeptet) {
  // With a 6-octet UDH, 1 fill bit precedes the text (TS 23.040 9.2.3.24).
  const auto septets = septets_of("Hi");
  const Bytes packed = pack_septets(septets, 1);
  EXPECT_EQ(unpack_septets(packed, 2, 1), septets);
  EXPECT_EQ(packed[0] & 0x01, 0);
}

TEST(PduGsm7, UnpackNeverReadsPastInput) {
  const Bytes one{0xFF};
  EXPECT_EQ(unpack_septets(one, 100, 0).size(), 1u);
  EXPECT_EQ(unpack_septets(one, 100, 6).size(), 0u);
  EXPECT_TRUE(unpack_septets(Bytes{}, 5, 0).empty());
}

TEST(PduUcs2, SurrogatePairsBothWays) {
  // Source: python-gsmmodem TestUcs2 ("あ叶葉" = 3042 53F6 8449), plus U+1F600 = D83D DE00.
  const auto cps = *utf8_to_code_points("\u3042\u53f6\u8449\U0001F600");
  EXPECT_EQ(to_hex(utf16_to_bytes(to_utf16(cps))), "304253F68449D83DDE00");
  EXPECT_EQ(utf16be_to_utf8(bytes_of("304253F68449D83DDE00")), "\u3042\u53f6\u8449\U0001F600");
}

TEST(PduUcs2, LoneSurrogatesAndOddBytesBecomeReplacementCharacter) {
  EXPECT_EQ(utf16be_to_utf8(bytes_of("D83D0041")), "\uFFFDA");
  EXPECT_EQ(utf16be_to_utf8(bytes_of("DE00")), "\uFFFD");
  EXPECT_EQ(utf16be_to_utf8(bytes_of("004100")), "A\uFFFD");
}

struct BadUtf8 {
  std::string text;
  std::size_t offset;
};

TEST(PduUtf8, InvalidInputNamesTheByteOffset) {
  const BadUtf8 cases[] = {
      {"ab\xFF", 2},            // never valid
      {"abc\xC3", 3},           // truncated 2-byte sequence
      {"a\xC3(", 2},            // bad continuation
      {"\xC0\xAF", 0},          // overlong '/'
      {"x\xED\xA0\x80", 1},     // UTF-16 surrogate encoded in UTF-8
      {"\xF4\x90\x80\x80", 0},  // past U+10FFFF
      {"ok \xE2\x82", 3},       // truncated euro sign
  };
  for (const auto& c : cases) {
    auto r = utf8_to_code_points(c.text);
    ASSERT_FALSE(r.ok()) << c.offset;
    EXPECT_EQ(r.error().code, ErrorCode::bad_utf8);
    EXPECT_EQ(r.error().position, c.offset);
    EXPECT_NE(r.error().describe().find("at byte " + std::to_string(c.offset)), std::string::npos);
  }
}

TEST(PduHex, AcceptsEitherCaseAndRejectsJunk) {
  EXPECT_EQ(to_hex(*from_hex(" 0a0B\r\n")), "0A0B");
  auto odd = from_hex("ABC");
  ASSERT_FALSE(odd.ok());
  EXPECT_EQ(odd.error().code, ErrorCode::bad_hex);
  auto junk = from_hex("00G1");
  ASSERT_FALSE(junk.ok());
  EXPECT_EQ(junk.error().position, 2u);
}

}  // namespace
}  // namespace jumbe::pdu
