// USSD text as modems carry it in +CUSD (TS 27.007 7.15) with a CBS data coding scheme
// (TS 23.038 clause 5): plain text, hex of packed GSM 7-bit (Huawei and others), or hex of UCS2.
// Contract: decoding turns the payload into UTF-8 or returns an Error naming what is wrong;
// encoding produces what to put in AT+CUSD=1,"<payload>",15 for modems that want packed hex.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "jumbe/pdu/result.hpp"

namespace jumbe::pdu {

// How the modem prints the USSD string (a vendor profile flag, e.g. ussd_packed_gsm7).
enum class UssdMode : std::uint8_t {
  text,        // the text itself, in the modem's character set (we use UTF-8 / IRA)
  packed_hex,  // hex of the bytes on the air: packed GSM 7-bit for DCS 0x0F, UCS2 for 0x48
  ucs2_hex,    // hex of UTF-16BE, whatever the DCS (AT+CSCS="UCS2")
};

// Parses "text", "packed-hex", "ucs2-hex".
std::optional<UssdMode> parse_ussd_mode(std::string_view name) noexcept;

// Decodes a +CUSD payload. `dcs` is the CBS data coding scheme (15 = 0x0F GSM 7-bit, 72 = 0x48
// UCS2, 68 = 0x44 8-bit, and the other values of their families); trailing CR padding of packed
// 7-bit (TS 23.038 6.1.2.3.1) is removed. Errors: bad_hex, bad_utf8, bad_dcs.
Result<std::string> ussd_decode(int dcs, UssdMode mode, std::string_view payload);

// Encodes a USSD request (e.g. "*144#") for AT+CUSD=1,"<hex>",15 in packed_hex or ucs2_hex
// mode; text mode returns the text. Errors: bad_utf8, not_encodable (packed GSM 7-bit only).
Result<std::string> ussd_encode(std::string_view utf8_text, UssdMode mode);

// One +CUSD line (TS 27.007 7.15): `+CUSD: <m>[,<str>[,<dcs>]]`.
struct Cusd {
  int status = 0;  // <m>: 0 no further action, 1 further action required, 2 terminated, ...
  std::optional<int> dcs;
  std::optional<std::string> text;  // decoded with the mode given
  std::optional<std::string> raw;   // the quoted string as printed
};

Result<Cusd> parse_cusd(std::string_view line, UssdMode mode);

}  // namespace jumbe::pdu
