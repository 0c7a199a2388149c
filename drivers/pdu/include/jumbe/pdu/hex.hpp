// Hex text <-> bytes, as modems print PDUs (+CMGR, +CMGL, +CMT, +CDS) and as AT+CMGS expects them.
// Contract: from_hex accepts upper or lower case and surrounding ASCII whitespace; anything else
// (odd length, a non-hex character) is ErrorCode::bad_hex naming the character offset.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "jumbe/pdu/result.hpp"

namespace jumbe::pdu {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

// Upper-case hex, two characters per byte, no separators.
std::string to_hex(ByteView bytes);

// Strict parse of hex text (surrounding whitespace is trimmed).
Result<Bytes> from_hex(std::string_view hex);

}  // namespace jumbe::pdu
