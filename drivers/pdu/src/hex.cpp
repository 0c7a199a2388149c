// Hex text <-> bytes for PDUs as modems print them (TS 27.005 3.1: PDU mode carries the TPDU as
// two IRA hex characters per octet). Strict: a stray character is an error, not skipped.
#include "jumbe/pdu/hex.hpp"

namespace jumbe::pdu {
namespace {

int nibble(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

bool is_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

}  // namespace

std::string to_hex(ByteView bytes) {
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out;
  out.resize(bytes.size() * 2);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    out[2 * i] = digits[bytes[i] >> 4];
    out[2 * i + 1] = digits[bytes[i] & 0x0F];
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
  Bytes out;
  out.reserve((end - begin) / 2);
  for (std::size_t i = begin; i < end; i += 2) {
    const int hi = nibble(hex[i]);
    if (hi < 0) {
      return make_error(ErrorCode::bad_hex, i,
                        "hex: character '" + std::string(1, hex[i]) + "' is not a hex digit");
    }
    if (i + 1 >= end) {
      return make_error(ErrorCode::bad_hex, i, "hex: odd number of hex digits");
    }
    const int lo = nibble(hex[i + 1]);
    if (lo < 0) {
      return make_error(ErrorCode::bad_hex, i + 1,
                        "hex: character '" + std::string(1, hex[i + 1]) + "' is not a hex digit");
    }
    out.push_back(static_cast<std::uint8_t>(hi << 4 | lo));
  }
  return out;
}

}  // namespace jumbe::pdu
