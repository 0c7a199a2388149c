// Internal to drivers/pdu: the GSM 7-bit default alphabet and extension table (3GPP TS 23.038
// 6.2.1 and 6.2.1.1, transcribed from V17.0.0) and the reverse lookup used by the encoder. In a
// header so that the hot loops of segmenting inline the lookup (see tests/bench/pdu).
#pragma once

#include <array>
#include <cstdint>

#include "jumbe/pdu/alphabet.hpp"

namespace jumbe::pdu::gsm7_detail {

// TS 23.038 6.2.1, default alphabet, indexed by septet value.
inline constexpr std::array<char16_t, 128> basic = {
    u'@',      u'\u00A3', u'$',      u'\u00A5', u'\u00E8', u'\u00E9', u'\u00F9', u'\u00EC',
    u'\u00F2', u'\u00C7', u'\n',     u'\u00D8', u'\u00F8', u'\r',     u'\u00C5', u'\u00E5',
    u'\u0394', u'_',      u'\u03A6', u'\u0393', u'\u039B', u'\u03A9', u'\u03A0', u'\u03A8',
    u'\u03A3', u'\u0398', u'\u039E', u'\u00A0', u'\u00C6', u'\u00E6', u'\u00DF', u'\u00C9',
    u' ',      u'!',      u'"',      u'#',      u'\u00A4', u'%',      u'&',      u'\'',
    u'(',      u')',      u'*',      u'+',      u',',      u'-',      u'.',      u'/',
    u'0',      u'1',      u'2',      u'3',      u'4',      u'5',      u'6',      u'7',
    u'8',      u'9',      u':',      u';',      u'<',      u'=',      u'>',      u'?',
    u'\u00A1', u'A',      u'B',      u'C',      u'D',      u'E',      u'F',      u'G',
    u'H',      u'I',      u'J',      u'K',      u'L',      u'M',      u'N',      u'O',
    u'P',      u'Q',      u'R',      u'S',      u'T',      u'U',      u'V',      u'W',
    u'X',      u'Y',      u'Z',      u'\u00C4', u'\u00D6', u'\u00D1', u'\u00DC', u'\u00A7',
    u'\u00BF', u'a',      u'b',      u'c',      u'd',      u'e',      u'f',      u'g',
    u'h',      u'i',      u'j',      u'k',      u'l',      u'm',      u'n',      u'o',
    u'p',      u'q',      u'r',      u's',      u't',      u'u',      u'v',      u'w',
    u'x',      u'y',      u'z',      u'\u00E4', u'\u00F6', u'\u00F1', u'\u00FC', u'\u00E0',
};
// Index 0x1B is the escape, not a character: the table's 0xA0 there is never used for encoding
// (see build_latin1_table) and decoding treats 0x1B separately.

struct Ext {
  std::uint8_t code;
  char16_t ch;
};
// TS 23.038 6.2.1.1, default alphabet extension table (the characters reachable with 0x1B).
inline constexpr std::array<Ext, 10> extension = {{
    {0x0A, u'\f'},
    {0x14, u'^'},
    {0x28, u'{'},
    {0x29, u'}'},
    {0x2F, u'\\'},
    {0x3C, u'['},
    {0x3D, u'~'},
    {0x3E, u']'},
    {0x40, u'|'},
    {0x65, u'\u20AC'},
}};

// Reverse lookup: code points below U+0100 come from a table built once from the two tables
// above; the few others (Greek capitals, the euro sign) from a scan. Entry: 0 = not in GSM 7,
// 0x100 | septet = basic table, 0x200 | code = extension table.
constexpr std::array<std::uint16_t, 256> build_latin1_table() {
  std::array<std::uint16_t, 256> t{};
  for (std::size_t i = 0; i < basic.size(); ++i) {
    if (i != gsm7_escape && basic[i] < 0x100) t[basic[i]] = static_cast<std::uint16_t>(0x100 | i);
  }
  for (const auto& e : extension) {
    if (e.ch < 0x100) t[e.ch] = static_cast<std::uint16_t>(0x200 | e.code);
  }
  return t;
}

inline constexpr std::array<std::uint16_t, 256> latin1 = build_latin1_table();
static_assert(latin1['@'] == 0x100 && latin1['A'] == 0x141 && latin1['{'] == 0x228);

inline std::uint16_t lookup(char32_t cp) noexcept {
  if (cp < 0x100) return latin1[cp];
  if (cp > 0xFFFF) return 0;
  for (std::size_t i = 0; i < basic.size(); ++i) {
    if (i != gsm7_escape && basic[i] == cp) return static_cast<std::uint16_t>(0x100 | i);
  }
  for (const auto& e : extension) {
    if (e.ch == cp) return static_cast<std::uint16_t>(0x200 | e.code);
  }
  return 0;
}

}  // namespace jumbe::pdu::gsm7_detail
