// Hex text <-> bytes for PDUs as modems print them (TS 27.005 3.1: PDU mode carries the TPDU as
// two IRA hex characters per octet). Strict: a stray character is an error, not skipped.
#include "jumbe/pdu/hex.hpp"

#include <array>

namespace jumbe::pdu {
namespace {

// Hex digit values by character, -1 elsewhere: one load per character in from_hex.
constexpr std::array<std::int8_t, 256> build_nibbles() {
  std::array<std::int8_t, 256> t{};
  for (auto& v : t)
    v = -1;
  for (int c = '0'; c <= '9'; ++c)
    t[static_cast<std::size_t>(c)] = static_cast<std::int8_t>(c - '0');
  for (int c = 'A'; c <= 'F'; ++c)
    t[static_cast<std::size_t>(c)] = static_cast<std::int8_t>(c - 'A' + 10);
  for (int c = 'a'; c <= 'f'; ++c)
    t[static_cast<std::size_t>(c)] = static_cast<std::int8_t>(c - 'a' + 10);
  return t;
}
constexpr std::array<std::int8_t, 256> nibbles = build_nibbles();

int nibble(char c) noexcept {
  return nibbles[static_cast<unsigned char>(c)];
}

bool is_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

}  // namespace

std::string to_hex(ByteView bytes) {
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out(bytes.size() * 2, '\0');
  char* dst = out.data();
  for (std::uint8_t b : bytes) {
    *dst++ = digits[b >> 4];
    *dst++ = digits[b & 0x0F];
  }
  return out;
}

Result<Bytes> from_hex(std::string_view hex) {
  std::size_t begin = 0;
  std::size_t end = hex.size();
  while (begin < end && is_space(hex[begin]))
    ++begin;
  while (end > begin && is_space(hex[end - 1]))
    --end;
  if ((end - begin) % 2 != 0) {
    // Name the first bad character if there is one, else the odd length.
    for (std::size_t i = begin; i < end; ++i) {
      if (nibble(hex[i]) < 0) {
        return make_error(ErrorCode::bad_hex, i,
                          "hex: character '" + std::string(1, hex[i]) + "' is not a hex digit");
      }
    }
    return make_error(ErrorCode::bad_hex, end - 1, "hex: odd number of hex digits");
  }
  Bytes out((end - begin) / 2);
  const char* src = hex.data() + begin;
  for (std::size_t k = 0; k < out.size(); ++k, src += 2) {
    const int hi = nibble(src[0]);
    const int lo = nibble(src[1]);
    if ((hi | lo) < 0) {
      const std::size_t at = begin + 2 * k + (hi < 0 ? 0 : 1);
      return make_error(ErrorCode::bad_hex, at,
                        "hex: character '" + std::string(1, hex[at]) + "' is not a hex digit");
    }
    out[k] = static_cast<std::uint8_t>(hi << 4 | lo);
  }
  return out;
}

}  // namespace jumbe::pdu
