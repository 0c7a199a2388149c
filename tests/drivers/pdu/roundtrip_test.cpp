// Round trips of generated messages across every segment boundary the issue lists: 160/161,
// 153*k and 153*k+1 septets, escape characters at segment edges, 70/71 and 67*k UCS2 units,
// emoji at edges, empty text, 8-bit data. SUBMIT: encode -> decode each part -> join; DELIVER:
// encode -> decode -> reassemble. Both must give back the exact text and the planned count.
#include <gtest/gtest.h>

#include "jumbe/pdu/pdu.hpp"
#include "test_util.hpp"

namespace jumbe::pdu {
namespace {

using test::bytes_of;
using test::must;
using test::repeat;

struct Case {
  std::string name;
  std::string text;
  std::size_t segments;
  Encoding encoding;
};

std::vector<Case> cases() {
  std::vector<Case> v;
  v.push_back({"empty", "", 1, Encoding::gsm7});
  v.push_back({"160", repeat("a", 160), 1, Encoding::gsm7});
  v.push_back({"161", repeat("a", 161), 2, Encoding::gsm7});
  for (std::size_t k = 2; k <= 4; ++k) {
    v.push_back({"153*" + std::to_string(k), repeat("b", 153 * k), k, Encoding::gsm7});
    v.push_back(
        {"153*" + std::to_string(k) + "+1", repeat("c", 153 * k + 1), k + 1, Encoding::gsm7});
  }
  v.push_back({"euro at 153", repeat("a", 152) + "\u20ac" + repeat("z", 20), 2, Encoding::gsm7});
  v.push_back({"euro at 152", repeat("a", 151) + "\u20ac" + repeat("z", 20), 2, Encoding::gsm7});
  v.push_back({"escapes everywhere", repeat("{[~]}|^\\\f\u20ac", 40), 6, Encoding::gsm7});
  v.push_back({"80 euros", repeat("\u20ac", 80), 1, Encoding::gsm7});
  v.push_back({"81 euros", repeat("\u20ac", 81), 2, Encoding::gsm7});
  v.push_back({"70 ucs2", repeat("\u0416", 70), 1, Encoding::ucs2});
  v.push_back({"71 ucs2", repeat("\u0416", 71), 2, Encoding::ucs2});
  for (std::size_t k = 2; k <= 3; ++k) {
    v.push_back({"67*" + std::to_string(k), repeat("\u4f60", 67 * k), k, Encoding::ucs2});
    v.push_back(
        {"67*" + std::to_string(k) + "+1", repeat("\u4f60", 67 * k + 1), k + 1, Encoding::ucs2});
  }
  v.push_back({"emoji at 67", repeat("x\u00e7", 33) + "\U0001F600" + "end", 2, Encoding::ucs2});
  v.push_back({"35 emoji", repeat("\U0001F600", 35), 1, Encoding::ucs2});
  v.push_back({"36 emoji", repeat("\U0001F44D\U0001F3FD", 18), 2, Encoding::ucs2});
  v.push_back({"swahili + emoji", "Asante sana! \U0001F64F Karibu tena.", 1, Encoding::ucs2});
  v.push_back({"newlines", "Line one\nLine two\r\nTab?", 1, Encoding::gsm7});
  return v;
}

TEST(PduRoundTrip, SubmitEveryBoundary) {
  for (const auto& c : cases()) {
    SubmitOptions o;
    o.to = "+254712345678";
    const auto pdus = must(encode_submit(c.text, o, 77));
    ASSERT_EQ(pdus.size(), c.segments) << c.name;
    std::string joined;
    for (std::size_t i = 0; i < pdus.size(); ++i) {
      const auto m = must(decode_submit(bytes_of(pdus[i].hex)));
      EXPECT_EQ(m.dcs.encoding, c.encoding) << c.name;
      EXPECT_EQ(m.destination.value, "+254712345678");
      if (pdus.size() > 1) {
        ASSERT_TRUE(m.udh.concat) << c.name;
        EXPECT_EQ(*m.udh.concat, (Concat{77, static_cast<std::uint8_t>(pdus.size()),
                                         static_cast<std::uint8_t>(i + 1), 8}));
      }
      // First octet, MR, 2+7 address octets, PID, DCS, UDL and at most 140 octets of data.
      EXPECT_LE(pdus[i].tpdu_length, 154u) << c.name;
      joined += m.text;
    }
    EXPECT_EQ(joined, c.text) << c.name;
    EXPECT_EQ(must(plan_segments(c.text)).segments, c.segments) << c.name;
  }
}

TEST(PduRoundTrip, DeliverThroughReassembly) {
  for (bool ref16 : {false, true}) {
    for (const auto& c : cases()) {
      DeliverOptions o;
      o.from = "+254722000000";
      o.ref16 = ref16;
      o.timestamp = Timestamp{2024, 3, 5, 14, 7, 9, 12};
      const auto pdus = must(encode_deliver(c.text, o, 0x1234));
      std::vector<Deliver> parts;
      // Reverse order: reassembly must not depend on arrival order.
      for (auto it = pdus.rbegin(); it != pdus.rend(); ++it) {
        parts.push_back(must(decode_deliver(bytes_of(it->hex))));
      }
      const auto msgs = reassemble(parts);
      ASSERT_EQ(msgs.size(), 1u) << c.name;
      EXPECT_TRUE(msgs[0].complete) << c.name;
      ASSERT_TRUE(msgs[0].text.has_value()) << c.name;
      EXPECT_EQ(*msgs[0].text, c.text) << c.name << (ref16 ? " ref16" : " ref8");
      EXPECT_EQ(msgs[0].total, pdus.size()) << c.name;
    }
  }
}

TEST(PduRoundTrip, EightBitData) {
  std::string data;
  for (int i = 0; i < 300; ++i)
    data.push_back(static_cast<char>(i & 0xFF));
  DeliverOptions o;
  o.from = "22555";
  o.encoding = Encoding::eight_bit;
  const auto pdus = must(encode_deliver(data, o, 9));
  ASSERT_EQ(pdus.size(), 3u);
  std::vector<Deliver> parts;
  for (const auto& p : pdus)
    parts.push_back(must(decode_deliver(bytes_of(p.hex))));
  const auto msgs = reassemble(parts);
  ASSERT_EQ(msgs.size(), 1u);
  EXPECT_FALSE(msgs[0].text.has_value());
  EXPECT_EQ(std::string(msgs[0].data.begin(), msgs[0].data.end()), data);
}

TEST(PduRoundTrip, FlashClassZeroAndShortCodeSender) {
  DeliverOptions o;
  o.from = "22555";
  o.message_class = 0;
  const auto pdus = must(encode_deliver("Flash!", o));
  const auto m = must(decode_deliver(bytes_of(pdus[0].hex)));
  EXPECT_EQ(m.dcs.message_class, 0);
  EXPECT_EQ(m.sender.value, "22555");
  EXPECT_EQ(m.sender.toa, toa_unknown);
}

TEST(PduConcatRefs, RollPerDestination) {
  ConcatReferences refs(250);
  const auto a1 = refs.next("+254711000001");
  const auto a2 = refs.next("+254711000001");
  const auto b1 = refs.next("+254711000002");
  EXPECT_NE(a1, a2);
  EXPECT_NE(b1, a2);
  std::uint16_t prev = refs.next("+254711000003");
  for (int i = 0; i < 600; ++i) {
    const auto next = refs.next("+254711000003");
    EXPECT_NE(next, prev);
    EXPECT_LE(next, 255);
    prev = next;
  }
  EXPECT_GT(refs.next("+254711000004", true), 255);  // 16-bit refs use the full range
}

}  // namespace
}  // namespace jumbe::pdu
