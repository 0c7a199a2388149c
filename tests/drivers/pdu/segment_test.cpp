// Encoding choice and segment counting, exactly as phones count (TS 23.040 9.2.3.24.1,
// TS 23.038 6.2.1.1): 160/153 septets, 70/67 UCS2 units, 140/134 octets; escape pairs and
// surrogate pairs never straddle segments. The expected splits of "0123..." and of Chinese text
// follow ModemManager's src/tests/test-sms-part-3gpp.c (Text-Split cases).
#include "jumbe/pdu/segment.hpp"

#include <gtest/gtest.h>

#include "test_util.hpp"

namespace jumbe::pdu {
namespace {

using test::must;
using test::repeat;

struct CountCase {
  const char* name;
  std::string text;
  Encoding encoding;
  std::size_t segments;
  std::size_t units;
  std::size_t units_left;
};

TEST(PduSegment, CountsLikePhones) {
  const CountCase cases[] = {
      {"empty", "", Encoding::gsm7, 1, 0, 160},
      {"160 septets", repeat("a", 160), Encoding::gsm7, 1, 160, 0},
      {"161 septets", repeat("a", 161), Encoding::gsm7, 2, 161, 153 - 8},
      {"306 septets", repeat("a", 306), Encoding::gsm7, 2, 306, 0},
      {"307 septets", repeat("a", 307), Encoding::gsm7, 3, 307, 152},
      {"459 septets", repeat("a", 459), Encoding::gsm7, 3, 459, 0},
      {"80 euros", repeat("\u20ac", 80), Encoding::gsm7, 1, 160, 0},
      {"81 euros", repeat("\u20ac", 81), Encoding::gsm7, 2, 162, 153 - 10},
      {"70 UCS2", repeat("\u4f60", 70), Encoding::ucs2, 1, 70, 0},
      {"71 UCS2", repeat("\u4f60", 71), Encoding::ucs2, 2, 71, 63},
      {"134 UCS2", repeat("\u4f60", 134), Encoding::ucs2, 2, 134, 0},
      {"35 emoji", repeat("\U0001F600", 35), Encoding::ucs2, 1, 70, 0},
      {"36 emoji", repeat("\U0001F600", 36), Encoding::ucs2, 2, 72, 67 - 6},
      {"swahili", "Habari yako? Karibu baraza kesho saa nne asubuhi.", Encoding::gsm7, 1, 49, 111},
  };
  for (const auto& c : cases) {
    const auto plan = must(plan_segments(c.text));
    EXPECT_EQ(plan.encoding, c.encoding) << c.name;
    EXPECT_EQ(plan.segments, c.segments) << c.name;
    EXPECT_EQ(plan.units, c.units) << c.name;
    EXPECT_EQ(plan.units_left, c.units_left) << c.name;
  }
}

TEST(PduSegment, EscapePairNeverSplit) {
  // 152 'a' then a euro sign: the escape pair does not fit in 153 - 152 = 1 septet.
  const std::string text = repeat("a", 152) + "\u20ac" + repeat("b", 10);
  const auto s = must(segment(text));
  ASSERT_EQ(s.segments.size(), 2u);
  EXPECT_EQ(s.segments[0].septets.size(), 152u);
  EXPECT_EQ(s.segments[1].septets[0], gsm7_escape);
  EXPECT_EQ(s.segments[1].septets[1], 0x65);
}

TEST(PduSegment, SurrogatePairNeverSplit) {
  const std::string text = repeat("\u4f60", 66) + "\U0001F600" + "xyz";  // 71 units
  const auto s = must(segment(text));
  ASSERT_EQ(s.segments.size(), 2u);
  EXPECT_EQ(s.segments[0].units.size(), 66u);
  EXPECT_EQ(s.segments[1].units.size(), 5u);
  EXPECT_EQ(s.segments[1].units[0], 0xD83D);
}

TEST(PduSegment, ModemManagerTextSplitCases) {
  const std::string d40 = "0123456789012345678901234567890123456789";
  const auto two = must(segment(d40 + d40 + d40 + d40 + "0"));
  ASSERT_EQ(two.segments.size(), 2u);
  EXPECT_EQ(gsm7_to_utf8(two.segments[1].septets), "34567890");
  const auto ucs2 = must(segment(repeat("\u4f60\u597d", 35) + "\u597d"));
  ASSERT_EQ(ucs2.segments.size(), 2u);
  EXPECT_EQ(ucs2.plan.encoding, Encoding::ucs2);
  EXPECT_EQ(ucs2.segments[0].units.size(), 67u);
  EXPECT_EQ(ucs2.segments[1].units.size(), 4u);
}

TEST(PduSegment, SixteenBitReferencesLeaveOneUnitLess) {
  EXPECT_EQ(must(plan_segments(repeat("a", 304), std::nullopt, true)).segments, 2u);
  EXPECT_EQ(must(plan_segments(repeat("a", 305), std::nullopt, true)).segments, 3u);
  EXPECT_EQ(must(plan_segments(repeat("a", 161), std::nullopt, true)).units_per_segment, 152u);
}

TEST(PduSegment, EightBitCountsOctets) {
  const auto p = must(plan_segments(repeat("x", 141), Encoding::eight_bit));
  EXPECT_EQ(p.segments, 2u);
  EXPECT_EQ(p.units_per_segment, 134u);
  EXPECT_EQ(must(plan_segments(repeat("x", 140), Encoding::eight_bit)).segments, 1u);
}

TEST(PduSegment, ForcedGsm7RefusesWhatDoesNotFit) {
  auto r = plan_segments("ok \U0001F600", Encoding::gsm7);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::not_encodable);
  EXPECT_EQ(r.error().position, 3u);
  EXPECT_NE(r.error().message.find("U+1F600"), std::string::npos);
}

TEST(PduSegment, MoreThan255SegmentsIsAnError) {
  const std::string text = repeat("a", 153 * 255 + 1);
  EXPECT_EQ(must(plan_segments(text)).segments, 256u);
  auto r = segment(text);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::too_long);
}

TEST(PduSegment, InvalidUtf8IsAnError) {
  auto r = plan_segments("abc\xC3");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::bad_utf8);
  EXPECT_EQ(r.error().position, 3u);
}

}  // namespace
}  // namespace jumbe::pdu
