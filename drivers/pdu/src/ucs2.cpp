// UCS2 / UTF-16BE as carried in SMS user data (3GPP TS 23.038 clause 6.2.3; phones send UTF-16
// with surrogate pairs for emoji) and ISO 8859-1 for 8-bit USSD text. Decoding never refuses
// received data: a lone surrogate or an odd trailing byte becomes U+FFFD.
#include "jumbe/pdu/alphabet.hpp"

namespace jumbe::pdu {

std::u16string to_utf16(std::u32string_view text) {
  std::u16string out;
  out.reserve(text.size());
  for (char32_t cp : text) {
    if (cp >= 0x10000) {
      const char32_t v = cp - 0x10000;
      out.push_back(static_cast<char16_t>(0xD800 + (v >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + (v & 0x3FF)));
    } else {
      out.push_back(static_cast<char16_t>(cp));
    }
  }
  return out;
}

Bytes utf16_to_bytes(std::u16string_view units) {
  Bytes out;
  out.reserve(units.size() * 2);
  for (char16_t u : units) {
    out.push_back(static_cast<std::uint8_t>(u >> 8));
    out.push_back(static_cast<std::uint8_t>(u & 0xFF));
  }
  return out;
}

std::string utf16be_to_utf8(ByteView bytes) {
  std::string out;
  out.reserve(bytes.size() * 3 / 2);
  const std::size_t n = bytes.size() / 2;
  for (std::size_t i = 0; i < n; ++i) {
    const char32_t u = static_cast<char32_t>(bytes[2 * i] << 8 | bytes[2 * i + 1]);
    if (u >= 0xD800 && u <= 0xDBFF && i + 1 < n) {
      const char32_t low = static_cast<char32_t>(bytes[2 * i + 2] << 8 | bytes[2 * i + 3]);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        append_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00));
        ++i;
        continue;
      }
    }
    append_utf8(out, (u >= 0xD800 && u <= 0xDFFF) ? 0xFFFD : u);
  }
  if (bytes.size() % 2 != 0) append_utf8(out, 0xFFFD);
  return out;
}

std::string latin1_to_utf8(ByteView bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (std::uint8_t b : bytes)
    append_utf8(out, b);
  return out;
}

}  // namespace jumbe::pdu
