// The GSM 7-bit default alphabet and its extension table (3GPP TS 23.038 clause 6.2.1 and
// 6.2.1.1), and septet packing (clause 6.1.2.1.1). Tables transcribed from TS 23.038 V17.0.0.
// Encoding refuses characters outside the tables (the caller switches to UCS2); decoding never
// fails: an undefined escape shows the base character, as 6.2.1.1 tells receivers to.
#include <array>

#include "jumbe/pdu/alphabet.hpp"

namespace jumbe::pdu {
namespace {

// TS 23.038 6.2.1, default alphabet, indexed by septet value.
constexpr std::array<char16_t, 128> basic = {
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
// (see encode_basic) and decoding treats 0x1B separately.

struct Ext {
  std::uint8_t code;
  char16_t ch;
};
// TS 23.038 6.2.1.1, default alphabet extension table (the characters reachable with 0x1B).
constexpr std::array<Ext, 10> extension = {{
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

// Reverse lookup for the basic table: -1 when absent. A linear scan over 128 entries is cheap,
// but ASCII letters and digits (most text) are answered without it.
int encode_basic(char32_t cp) noexcept {
  if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
    return static_cast<int>(cp);
  }
  if (cp == ' ') return 0x20;
  if (cp > 0xFFFF) return -1;
  for (int i = 0; i < 128; ++i) {
    if (i != gsm7_escape && basic[static_cast<std::size_t>(i)] == cp) return i;
  }
  return -1;
}

int encode_extension(char32_t cp) noexcept {
  for (const auto& e : extension) {
    if (e.ch == cp) return e.code;
  }
  return -1;
}

}  // namespace

std::size_t gsm7_septets_for(char32_t cp) noexcept {
  if (encode_basic(cp) >= 0) return 1;
  if (encode_extension(cp) >= 0) return 2;
  return 0;
}

bool append_gsm7(std::vector<std::uint8_t>& septets, char32_t cp) {
  if (const int b = encode_basic(cp); b >= 0) {
    septets.push_back(static_cast<std::uint8_t>(b));
    return true;
  }
  if (const int e = encode_extension(cp); e >= 0) {
    septets.push_back(gsm7_escape);
    septets.push_back(static_cast<std::uint8_t>(e));
    return true;
  }
  return false;
}

std::optional<std::vector<std::uint8_t>> to_gsm7(std::u32string_view text) {
  std::vector<std::uint8_t> out;
  out.reserve(text.size());
  for (char32_t cp : text) {
    if (!append_gsm7(out, cp)) return std::nullopt;
  }
  return out;
}

std::string gsm7_to_utf8(std::span<const std::uint8_t> septets) {
  std::string out;
  out.reserve(septets.size());
  for (std::size_t i = 0; i < septets.size(); ++i) {
    const std::uint8_t s = septets[i] & 0x7F;
    if (s != gsm7_escape) {
      append_utf8(out, basic[s]);
      continue;
    }
    if (i + 1 >= septets.size()) break;  // a lone escape at the end carries nothing
    const std::uint8_t x = septets[++i] & 0x7F;
    if (x == gsm7_escape) {
      // 6.2.1.1: 0x1B 0x1B is reserved for a further extension table; show a space.
      out.push_back(' ');
      continue;
    }
    bool found = false;
    for (const auto& e : extension) {
      if (e.code == x) {
        append_utf8(out, e.ch);
        found = true;
        break;
      }
    }
    // 6.2.1.1: an escape to an undefined extension code shows the default table's character.
    if (!found) append_utf8(out, basic[x]);
  }
  return out;
}

Bytes pack_septets(std::span<const std::uint8_t> septets, unsigned fill_bits) {
  fill_bits %= 7;
  const std::size_t bits = fill_bits + 7 * septets.size();
  Bytes out((bits + 7) / 8, 0);
  std::size_t pos = fill_bits;
  for (std::uint8_t s : septets) {
    const unsigned v = s & 0x7Fu;
    const std::size_t byte = pos / 8;
    const unsigned shift = pos % 8;
    out[byte] = static_cast<std::uint8_t>(out[byte] | (v << shift));
    if (shift > 1) out[byte + 1] = static_cast<std::uint8_t>(out[byte + 1] | (v >> (8 - shift)));
    pos += 7;
  }
  return out;
}

std::vector<std::uint8_t> unpack_septets(ByteView octets, std::size_t count, unsigned fill_bits) {
  fill_bits %= 7;
  const std::size_t available_bits = octets.size() * 8;
  std::vector<std::uint8_t> out;
  if (available_bits < fill_bits) return out;
  const std::size_t fit = (available_bits - fill_bits) / 7;
  if (count > fit) count = fit;
  out.resize(count);
  std::size_t pos = fill_bits;
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t byte = pos / 8;
    const unsigned shift = pos % 8;
    unsigned v = static_cast<unsigned>(octets[byte]) >> shift;
    if (shift > 1 && byte + 1 < octets.size())
      v |= static_cast<unsigned>(octets[byte + 1]) << (8 - shift);
    out[i] = static_cast<std::uint8_t>(v & 0x7F);
    pos += 7;
  }
  return out;
}

}  // namespace jumbe::pdu
