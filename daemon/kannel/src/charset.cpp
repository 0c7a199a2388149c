// Charset handling of Kannel requests (charset.hpp). UTF-8 and UTF-16BE, the two Kannel defaults
// and what RapidPro sends, are decoded here; any other charset name goes through glibc's iconv.
#include "jumbe/kannel/charset.hpp"

#include <iconv.h>

#include <cerrno>
#include <cstdint>
#include <string>

namespace jumbe::kannel {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Any other charset: glibc's iconv, which knows ISO-8859-*, Windows-125x, KOI8, ...
tl::expected<std::string, std::string> iconv_to_utf8(std::string_view bytes,
                                                     const std::string& charset) {
  iconv_t cd = iconv_open("UTF-8", charset.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1))
    return tl::unexpected("unknown charset '" + charset + "'");
  std::string out(bytes.size() * 4 + 16, '\0');
  std::string in(bytes);
  char* inp = in.data();
  std::size_t inleft = in.size();
  char* outp = out.data();
  std::size_t outleft = out.size();
  const std::size_t rc = iconv(cd, &inp, &inleft, &outp, &outleft);
  iconv_close(cd);
  if (rc == static_cast<std::size_t>(-1)) return tl::unexpected("text is not valid " + charset);
  out.resize(out.size() - outleft);
  return out;
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    int extra = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      extra = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (text.size() - i <= static_cast<std::size_t>(extra)) return false;
    for (int k = 1; k <= extra; ++k) {
      const auto cc = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    static constexpr std::uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += static_cast<std::size_t>(extra) + 1;
  }
  return true;
}

tl::expected<std::string, std::string> utf16be_to_utf8(std::string_view bytes) {
  if (bytes.size() % 2 != 0)
    return tl::unexpected("UTF-16BE text has an odd number of bytes (" +
                          std::to_string(bytes.size()) + ")");
  std::string out;
  out.reserve(bytes.size() * 3 / 2);
  for (std::size_t i = 0; i < bytes.size(); i += 2) {
    std::uint32_t u =
        (static_cast<unsigned char>(bytes[i]) << 8) | static_cast<unsigned char>(bytes[i + 1]);
    if (u >= 0xD800 && u <= 0xDBFF) {
      if (i + 3 >= bytes.size())
        return tl::unexpected(std::string("UTF-16BE text ends inside a surrogate pair"));
      const std::uint32_t lo = (static_cast<unsigned char>(bytes[i + 2]) << 8) |
                               static_cast<unsigned char>(bytes[i + 3]);
      if (lo < 0xDC00 || lo > 0xDFFF)
        return tl::unexpected(std::string("UTF-16BE text has a lone high surrogate"));
      u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
      i += 2;
    } else if (u >= 0xDC00 && u <= 0xDFFF) {
      return tl::unexpected(std::string("UTF-16BE text has a lone low surrogate"));
    }
    append_utf8(out, u);
  }
  return out;
}

tl::expected<std::string, std::string> text_to_utf8(std::string_view bytes,
                                                    std::string_view charset, int coding) {
  std::string cs = lower(charset);
  if (cs.empty()) cs = coding == 2 ? "utf-16be" : "utf-8";
  if (cs == "utf-8" || cs == "utf8") {
    if (!is_valid_utf8(bytes)) return tl::unexpected(std::string("text is not valid UTF-8"));
    return std::string(bytes);
  }
  // UCS-2 is UTF-16 without surrogates; decoding it as UTF-16 accepts a superset, as Kannel does.
  if (cs == "utf-16be" || cs == "utf16be" || cs == "ucs-2" || cs == "ucs2" || cs == "ucs-2be" ||
      cs == "utf-16" || cs == "utf16")
    return utf16be_to_utf8(bytes);
  auto converted = iconv_to_utf8(bytes, std::string(charset));
  if (!converted) return converted;
  if (!is_valid_utf8(*converted))
    return tl::unexpected("text is not valid " + std::string(charset));
  return converted;
}

}  // namespace jumbe::kannel
