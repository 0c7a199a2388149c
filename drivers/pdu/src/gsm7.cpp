// The GSM 7-bit default alphabet and its extension table (3GPP TS 23.038 clause 6.2.1 and
// 6.2.1.1), and septet packing (clause 6.1.2.1.1). Tables transcribed from TS 23.038 V17.0.0.
// Encoding refuses characters outside the tables (the caller switches to UCS2); decoding never
// fails: an undefined escape shows the base character, as 6.2.1.1 tells receivers to.
#include "gsm7_tables.hpp"
#include "jumbe/pdu/alphabet.hpp"

namespace jumbe::pdu {
namespace {

using gsm7_detail::basic;
using gsm7_detail::extension;
using gsm7_detail::lookup;

}  // namespace

std::size_t gsm7_septets_for(char32_t cp) noexcept {
  const std::uint16_t v = lookup(cp);
  return v == 0 ? 0 : (v >> 8);
}

bool append_gsm7(std::vector<std::uint8_t>& septets, char32_t cp) {
  const std::uint16_t v = lookup(cp);
  if (v == 0) return false;
  if (v & 0x200) septets.push_back(gsm7_escape);
  septets.push_back(static_cast<std::uint8_t>(v & 0x7F));
  return true;
}

std::optional<std::vector<std::uint8_t>> to_gsm7(std::u32string_view text) {
  std::vector<std::uint8_t> out;
  out.reserve(text.size());
  for (char32_t cp : text) {
    if (!append_gsm7(out, cp)) return std::nullopt;
  }
  return out;
}

namespace {

// UTF-8 of each basic-table character (at most 3 bytes; 0x1B shows as a space), built once.
struct Utf8Char {
  char bytes[3];
  std::uint8_t size;
};

constexpr Utf8Char utf8_of(char32_t cp) {
  Utf8Char u{};
  if (cp < 0x80) {
    u.bytes[0] = static_cast<char>(cp);
    u.size = 1;
  } else if (cp < 0x800) {
    u.bytes[0] = static_cast<char>(0xC0 | (cp >> 6));
    u.bytes[1] = static_cast<char>(0x80 | (cp & 0x3F));
    u.size = 2;
  } else {
    u.bytes[0] = static_cast<char>(0xE0 | (cp >> 12));
    u.bytes[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    u.bytes[2] = static_cast<char>(0x80 | (cp & 0x3F));
    u.size = 3;
  }
  return u;
}

constexpr std::array<Utf8Char, 128> build_basic_utf8() {
  std::array<Utf8Char, 128> t{};
  for (std::size_t i = 0; i < 128; ++i)
    t[i] = utf8_of(i == gsm7_escape ? U' ' : basic[i]);
  return t;
}
constexpr std::array<Utf8Char, 128> basic_utf8 = build_basic_utf8();

}  // namespace

std::string gsm7_to_utf8(std::span<const std::uint8_t> septets) {
  // Sized for the worst case (3 bytes per septet) and trimmed: no reallocation in the loop.
  std::string out(septets.size() * 3, '\0');
  std::size_t k = 0;
  auto put = [&out, &k](const Utf8Char& u) {
    for (std::uint8_t b = 0; b < u.size; ++b)
      out[k++] = u.bytes[b];
  };
  for (std::size_t i = 0; i < septets.size(); ++i) {
    const std::uint8_t s = septets[i] & 0x7F;
    if (s != gsm7_escape) {
      const Utf8Char& u = basic_utf8[s];
      if (u.size == 1) {
        out[k++] = u.bytes[0];  // ASCII: most of every text
      } else {
        put(u);
      }
      continue;
    }
    if (i + 1 >= septets.size()) break;  // a lone escape at the end carries nothing
    const std::uint8_t x = septets[++i] & 0x7F;
    // 6.2.1.1: 0x1B 0x1B is reserved for a further extension table; show a space. An escape to
    // an undefined extension code shows the default table's character.
    Utf8Char u = basic_utf8[x];
    for (const auto& e : extension) {
      if (e.code == x) {
        u = utf8_of(e.ch);
        break;
      }
    }
    put(u);
  }
  out.resize(k);
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
  if (available_bits < fill_bits) return {};
  const std::size_t fit = (available_bits - fill_bits) / 7;
  if (count > fit) count = fit;
  std::vector<std::uint8_t> out(count);
  // Bit accumulator: octets in, septets out; never touches an octet past the last septet.
  std::uint32_t acc = 0;
  unsigned bits = 0;
  std::size_t next = 0;
  if (fill_bits > 0 && count > 0) {
    acc = static_cast<std::uint32_t>(octets[next++]) >> fill_bits;
    bits = 8 - fill_bits;
  }
  std::size_t i = 0;
  if (fill_bits == 0) {
    // Seven octets hold eight septets: the common case (no header) in blocks.
    for (; i + 8 <= count; i += 8) {
      std::uint64_t g = 0;
      for (unsigned j = 0; j < 7; ++j)
        g |= static_cast<std::uint64_t>(octets[next + j]) << (8 * j);
      next += 7;
      for (unsigned j = 0; j < 8; ++j)
        out[i + j] = static_cast<std::uint8_t>((g >> (7 * j)) & 0x7F);
    }
  }
  for (; i < count; ++i) {
    if (bits < 7) {
      acc |= static_cast<std::uint32_t>(octets[next++]) << bits;
      bits += 8;
    }
    out[i] = static_cast<std::uint8_t>(acc & 0x7F);
    acc >>= 7;
    bits -= 7;
  }
  return out;
}

}  // namespace jumbe::pdu
