// Malformed input: every decode returns a message or an Error with a reason and the octet where
// it went wrong, never reads out of bounds (the ASan build runs these), never throws. Includes
// ModemManager test_pdu_insufficient_data and python-gsmmodem's over-long UCS2 UDL PDU.
#include <gtest/gtest.h>

#include "jumbe/pdu/pdu.hpp"
#include "test_util.hpp"

namespace jumbe::pdu {
namespace {

using test::bytes_of;

struct BadCase {
  const char* what;
  const char* hex;
  bool has_smsc;
  ErrorCode code;
  std::size_t position;
};

const BadCase bad_cases[] = {
    {"empty input", "", true, ErrorCode::truncated, 0},
    {"only the SMSC field", "07912143658709F1", true, ErrorCode::truncated, 8},
    {"SMSC length past the data", "0791214365", true, ErrorCode::length_exceeds_data, 1},
    {"SMSC length 0x40 (PDU without SMSC field)", "40912143", true, ErrorCode::bad_address, 0},
    {"ModemManager test_pdu_insufficient_data (UDL 11, 10 chars)",
     "07912143658709F1040B918100551512F20000111010214365000BE8329BFD4697D9EC37", true,
     ErrorCode::length_exceeds_data, 26},
    {"python-gsmmodem UCS2 SUBMIT whose UDL is too long",
     "0041010C910661345542F60008A0050003000301306F3044", true, ErrorCode::length_exceeds_data, 13},
    {"TP-MTI 3 is reserved", "0003", true, ErrorCode::bad_message_type, 1},
    {"address of 30 digits", "00041E91", true, ErrorCode::bad_address, 2},
    {"address body past the data", "00040B9121", true, ErrorCode::length_exceeds_data, 4},
    {"timestamp with a non-BCD digit",
     "0004038121430000"
     "11101A21436500"
     "00",
     true, ErrorCode::bad_timestamp, 10},
    {"UDH length past the user data",
     "00440381214300001110102143650003"
     "0A0003",
     true, ErrorCode::bad_udh, 16},
    {"UDH element runs past the header",
     "00440381214300041110102143650005"
     "0400050102",
     true, ErrorCode::bad_udh, 17},
    {"UDHI set, user data empty", "00440381214300041110102143650000", true, ErrorCode::bad_udh, 16},
    {"status report cut inside TP-DT", "0006D60B911326880736F41110117195514011101171", true,
     ErrorCode::truncated, 18},
};

TEST(PduErrors, NamedReasonAndPosition) {
  for (const auto& c : bad_cases) {
    auto r = decode_hex(c.hex, c.has_smsc);
    ASSERT_FALSE(r.ok()) << c.what;
    EXPECT_EQ(r.error().code, c.code) << c.what << ": " << r.error().describe();
    EXPECT_EQ(r.error().position, c.position) << c.what << ": " << r.error().describe();
    EXPECT_FALSE(r.error().message.empty()) << c.what;
  }
}

TEST(PduErrors, BadHexNamesTheCharacter) {
  auto r = decode_hex("0791ZZ");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::bad_hex);
  EXPECT_EQ(r.error().position, 4u);
}

TEST(PduErrors, EveryPrefixOfRealPdusIsHandled) {
  const char* pdus[] = {
      "07912104442961F4040B916171957291F800001120821105050A6AC8B2BC7C9A83C220F6DB7D2ECB41EDF27C1E"
      "3E97411BDE06754FD3D1A0F9BB5D0695F1F4B29B5C2683C6E8B03C3CA697E5F34D6AE303D1D1F2F7DD0D4ABB59"
      "A0797D8C0685E7A00028EC26832A960B28EC2683BE6050780EBA97D96C17",
      "07911356131313F64004850120390011609232239180A006080400100201D7327BFD6EB340E2321BF46E83EA77"
      "90F59D1E97DBE1341B442F83C465763D3DA797E56537C81D0ECB41AB59CC1693C16031D96C064241E5656838AF"
      "03A96230982A269BCD462917C8FA4E8FCBED709A0D7ABBE9F6B0FB5C7683D27350984D4FABC9A0B33C4C4FCF5D"
      "20EBFB2D079DCB62793DBD06D9C36E50FB2D4E97D9A0B49B5E96BBCB",
      "07914356060013F1065A098136397339F7219011700463802190117004638030",
      "07911326040000F0310D0B911326880736F40000A90FF7FBDD454E87CDE1B0DB357EB701",
  };
  for (const char* hex : pdus) {
    const Bytes full = bytes_of(hex);
    for (std::size_t n = 0; n < full.size(); ++n) {
      const Bytes prefix(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(n));
      auto r = decode(prefix);
      if (!r.ok()) {
        EXPECT_LE(r.error().position, n);
        EXPECT_NE(r.error().code, ErrorCode::not_implemented);
      }
    }
    EXPECT_TRUE(decode(full).ok());
  }
}

TEST(PduErrors, RandomMutationsNeverCrash) {
  // A deterministic mutation loop (the libFuzzer target explores further in CI).
  Bytes seed = bytes_of(
      "07912160130320F5440B916171056429F5000021405291650569A00500034C0201A9E8F41C949E83C2207B599E"
      "07B1DFEE33885E9ED341E4F23C7D7697C920FA1B54C697E5E3F4BC0C6AD7D9F434081E96D341E3303C2C4EB3D3");
  std::uint32_t x = 12345;
  auto rnd = [&x] {
    x = x * 1664525u + 1013904223u;
    return x >> 8;
  };
  for (int i = 0; i < 20000; ++i) {
    Bytes m = seed;
    const int edits = 1 + static_cast<int>(rnd() % 4);
    for (int e = 0; e < edits; ++e) {
      m[rnd() % m.size()] = static_cast<std::uint8_t>(rnd());
    }
    m.resize(rnd() % (m.size() + 1));
    for (bool smsc : {true, false}) {
      auto r = decode(m, smsc);
      if (r.ok()) {
        if (auto* d = std::get_if<Deliver>(&*r)) {
          EXPECT_LE(d->text.size(), 4 * 160u);
        }
      } else {
        EXPECT_LE(r.error().position, m.size());
      }
    }
  }
}

}  // namespace
}  // namespace jumbe::pdu
