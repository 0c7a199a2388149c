// Reassembly of concatenated messages (TS 23.040 9.2.3.24.1): any order, duplicates, missing
// parts, interleaved messages from one sender with different references, the same reference
// from two senders, and 8- vs 16-bit references with equal values. Uses ModemManager's real
// two-part message (test_pdu_multipart) and generated parts.
#include <gtest/gtest.h>

#include "jumbe/pdu/pdu.hpp"
#include "test_util.hpp"

namespace jumbe::pdu {
namespace {

using test::bytes_of;
using test::must;
using test::repeat;

std::vector<Deliver> parts_of(const std::string& text, const std::string& from, std::uint16_t ref,
                              bool ref16 = false) {
  DeliverOptions o;
  o.from = from;
  o.ref16 = ref16;
  std::vector<Deliver> out;
  for (const auto& p : must(encode_deliver(text, o, ref))) {
    out.push_back(must(decode_deliver(bytes_of(p.hex))));
  }
  return out;
}

TEST(PduReassembly, ModemManagerTwoPartMessage) {
  const char* p1 =
      "07912160130320F5440B916171056429F5000021405291650569A00500034C0201A9E8F41C949E83C2207B599E07"
      "B1DFEE33885E9ED341E4F23C7D7697C920FA1B54C697E5E3F4BC0C6AD7D9F434081E96D341E3303C2C4EB3D3F4BC"
      "0B94A483E6E8779D4D06CDD1EF3BA80E0785E7A0B7BB0C6A97E7F3F0B9CC02B9DF7450780EA2DFDF2C50780EA2A3"
      "CBA0BA9B5C96B3F369F71954768FDFE4B4FB0C9297E1F2F2BCECA6CF41";
  const char* p2 =
      "07912160130320F6440B916171056429F5000021405291651569320500034C0202E9E8301D44479741F0B09C3E07"
      "85E56590BCCC0ED3CB6410FD0D7ABBCBA0B0FB4D4797E52E10";
  const std::vector<Deliver> parts = {must(decode_deliver(bytes_of(p2))),
                                      must(decode_deliver(bytes_of(p1)))};
  const auto msgs = reassemble(parts);
  ASSERT_EQ(msgs.size(), 1u);
  EXPECT_TRUE(msgs[0].complete);
  EXPECT_EQ(msgs[0].ref, 0x4C);
  EXPECT_EQ(msgs[0].first_index, 0u);
  EXPECT_EQ(*msgs[0].text,
            "This is a very long test designed to exercise multi part capability. It should show "
            "up as one message, not as two, as the underlying encoding represents that the parts "
            "are related to one another. ");
}

TEST(PduReassembly, DuplicatesMissingAndInterleaved) {
  const std::string long_a = repeat("Ripoti ya usalama. ", 20);  // 380 septets: 3 parts
  const std::string long_b = repeat("Baraza kesho. ", 15);       // 210 septets: 2 parts
  auto a = parts_of(long_a, "+254711000001", 5);
  auto b = parts_of(long_b, "+254711000001", 6);
  auto c = parts_of(long_b, "+254722000002", 5);  // same ref as a, another sender
  ASSERT_EQ(a.size(), 3u);
  ASSERT_EQ(b.size(), 2u);
  std::vector<Deliver> in = {a[2], b[1], c[0], a[0], a[0], b[0], c[1], a[1], a[2]};
  Deliver single = parts_of("Habari", "SAFARICOM", 0)[0];
  in.push_back(single);
  const auto msgs = reassemble(in);
  ASSERT_EQ(msgs.size(), 4u);
  EXPECT_EQ(*msgs[0].text, long_a);
  EXPECT_EQ(*msgs[1].text, long_b);
  EXPECT_EQ(msgs[2].sender.value, "+254722000002");
  EXPECT_EQ(*msgs[2].text, long_b);
  EXPECT_EQ(msgs[3].ref_bits, 0);
  EXPECT_EQ(*msgs[3].text, "Habari");

  const auto missing = reassemble(std::vector<Deliver>{a[0], a[2]});
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_FALSE(missing[0].complete);
  EXPECT_FALSE(missing[0].text.has_value());
  EXPECT_EQ(missing[0].missing, std::vector<std::uint8_t>{2});
  EXPECT_EQ(missing[0].total, 3);
}

TEST(PduReassembly, EightAndSixteenBitReferencesDoNotMix) {
  const std::string text = repeat("x", 200);
  auto r8 = parts_of(text, "+254711000001", 7, false);
  auto r16 = parts_of(text + "y", "+254711000001", 7, true);
  const auto msgs = reassemble(std::vector<Deliver>{r8[0], r16[0], r8[1], r16[1]});
  ASSERT_EQ(msgs.size(), 2u);
  EXPECT_EQ(*msgs[0].text, text);
  EXPECT_EQ(*msgs[1].text, text + "y");
  EXPECT_EQ(msgs[1].ref_bits, 16);
}

TEST(PduReassembly, SurrogatePairSplitBySenderStillJoins) {
  // Some phones split a surrogate pair across parts; joining UTF-16 before decoding repairs it.
  auto parts = parts_of(repeat("\u4f60", 100), "+254711000001", 3);
  ASSERT_EQ(parts.size(), 2u);
  // Move the last unit of part 1 into part 2 after swapping in a pair: emulate a split emoji.
  parts[0].data.erase(parts[0].data.end() - 2, parts[0].data.end());
  parts[0].data.push_back(0xD8);
  parts[0].data.push_back(0x3D);
  parts[1].data.insert(parts[1].data.begin(), {0xDE, 0x00});
  const auto msgs = reassemble(parts);
  ASSERT_TRUE(msgs[0].text.has_value());
  EXPECT_EQ(*msgs[0].text, repeat("\u4f60", 66) + "\U0001F600" + repeat("\u4f60", 33));
}

}  // namespace
}  // namespace jumbe::pdu
