// Strict UTF-8 decoding and encoding (RFC 3629 / Unicode 3.9 table 3-7). Text handed to the codec
// comes from citizens, integrators and the CLI; invalid input is refused with its byte offset so
// the sender can fix it, never sent as mojibake.
#include <string>

#include "jumbe/pdu/alphabet.hpp"

namespace jumbe::pdu {

Result<std::u32string> utf8_to_code_points(std::string_view utf8) {
  // Sized once and written by index (at most one code point per byte), trimmed at the end.
  std::u32string out(utf8.size(), U'\0');
  std::size_t k = 0;
  std::size_t i = 0;
  const std::size_t n = utf8.size();
  while (i < n) {
    const auto b0 = static_cast<unsigned char>(utf8[i]);
    if (b0 < 0x80) {
      out[k++] = b0;
      ++i;
      continue;
    }
    std::size_t len = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      len = 2, cp = b0 & 0x1F, min = 0x80;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      len = 3, cp = b0 & 0x0F, min = 0x800;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      len = 4, cp = b0 & 0x07, min = 0x10000;
    } else {
      const std::uint8_t byte = b0;
      return make_error(ErrorCode::bad_utf8, i,
                        "text: invalid UTF-8 byte 0x" + to_hex(ByteView(&byte, 1)));
    }
    for (std::size_t c = 1; c < len; ++c) {
      if (i + c >= n) {
        return make_error(ErrorCode::bad_utf8, i, "text: truncated UTF-8 sequence");
      }
      const auto b = static_cast<unsigned char>(utf8[i + c]);
      if ((b & 0xC0) != 0x80) {
        return make_error(ErrorCode::bad_utf8, i + c, "text: invalid UTF-8 continuation byte");
      }
      cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return make_error(ErrorCode::bad_utf8, i,
                        "text: invalid UTF-8 (overlong, surrogate or past U+10FFFF)");
    }
    out[k++] = cp;
    i += len;
  }
  out.resize(k);
  return out;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string code_points_to_utf8(std::u32string_view cps) {
  std::string out;
  out.reserve(cps.size());
  for (char32_t cp : cps)
    append_utf8(out, cp);
  return out;
}

}  // namespace jumbe::pdu
