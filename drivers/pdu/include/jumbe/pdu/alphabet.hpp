// Character sets of SMS: UTF-8 input validation, the GSM 7-bit default alphabet with its
// extension table (3GPP TS 23.038 clause 6.2.1 and 6.2.1.1), septet packing (clause 6.1.2.1.1,
// with the fill bits that follow a user data header, TS 23.040 9.2.3.24) and UCS2 / UTF-16BE with
// surrogate pairs (TS 23.038 clause 6.2.3). Contract: encoders never substitute '?'; a character
// that does not fit is reported, never guessed. Decoders never fail on received data: an
// unassigned code becomes U+FFFD (or, for an unknown escape, the base character per 6.2.1.1).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jumbe/pdu/hex.hpp"
#include "jumbe/pdu/result.hpp"

namespace jumbe::pdu {

// How user data is coded (TS 23.038 clause 4, "alphabet" bits of the DCS).
enum class Encoding : std::uint8_t { gsm7, eight_bit, ucs2 };

// "gsm7", "8bit", "ucs2".
std::string_view to_string(Encoding e) noexcept;

// --- UTF-8 -------------------------------------------------------------------------------------
// Decodes UTF-8 into code points. Rejects overlong forms, surrogates (U+D800..U+DFFF), values past
// U+10FFFF and truncated sequences with ErrorCode::bad_utf8 at the offending byte's offset.
Result<std::u32string> utf8_to_code_points(std::string_view utf8);
void append_utf8(std::string& out, char32_t cp);
std::string code_points_to_utf8(std::u32string_view cps);

// --- GSM 7-bit default alphabet ------------------------------------------------------------------
inline constexpr std::uint8_t gsm7_escape = 0x1B;

// Septets for one code point: 1 (basic table), 2 (escape + extension table) or 0 (not in GSM 7).
std::size_t gsm7_septets_for(char32_t cp) noexcept;

// Appends the septet(s) for cp; returns false (and appends nothing) when cp is not in GSM 7.
bool append_gsm7(std::vector<std::uint8_t>& septets, char32_t cp);

// The whole text as septets, or nullopt when any character is not in GSM 7-bit.
std::optional<std::vector<std::uint8_t>> to_gsm7(std::u32string_view text);

// Septet values (0..127) to UTF-8. A trailing lone escape is dropped; an escape followed by a
// code with no extension meaning shows the second code's basic character (TS 23.038 6.2.1.1).
std::string gsm7_to_utf8(std::span<const std::uint8_t> septets);

// Packs septets LSB-first into octets after `fill_bits` (0..6) zero bits (TS 23.038 6.1.2.1.1).
Bytes pack_septets(std::span<const std::uint8_t> septets, unsigned fill_bits = 0);

// Unpacks `count` septets starting after `fill_bits` zero bits. Precondition checked: if the
// octets hold fewer than fill_bits + 7*count bits, returns only the septets that fit.
std::vector<std::uint8_t> unpack_septets(ByteView octets, std::size_t count,
                                         unsigned fill_bits = 0);

// --- UCS2 / UTF-16BE ---------------------------------------------------------------------------
// Code points to UTF-16 code units (a code point past U+FFFF becomes a surrogate pair).
std::u16string to_utf16(std::u32string_view text);
// UTF-16 code units to big-endian bytes, as carried in SMS user data.
Bytes utf16_to_bytes(std::u16string_view units);
// UTF-16BE bytes to UTF-8. A lone surrogate or a trailing odd byte becomes U+FFFD: received
// text is never refused.
std::string utf16be_to_utf8(ByteView bytes);

// ISO 8859-1 bytes to UTF-8 (how 8-bit USSD text is shown).
std::string latin1_to_utf8(ByteView bytes);

}  // namespace jumbe::pdu
