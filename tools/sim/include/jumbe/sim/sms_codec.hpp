// What the simulator needs from the SMS codec (jumbe::pdu), as a few calls in the simulator's
// own terms: decode a client's SMS-SUBMIT into a SentRecord, encode inbound SMS-DELIVER parts
// (segmenting long text with a concatenation UDH) and SMS-STATUS-REPORTs, and USSD strings
// (TS 23.038 packed 7-bit as hex, UCS2 hex). Errors are one line naming the field.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "jumbe/sim/modem_state.hpp"

namespace jumbe::sim {

struct SimTime {  // local time of the simulated network (EAT: +12 quarter hours)
  int year = 2026, month = 1, day = 1, hour = 0, minute = 0, second = 0, tz_quarters = 12;
  std::string text_mode() const;  // "26/11/23,09:15:02+12" (TS 27.005 <scts>)
};
SimTime sim_time_from_epoch_ms(std::int64_t ms, int tz_quarters = 12);

// Decodes "<SMSC><TPDU>" hex as written after AT+CMGS=<length>. `declared_length` is the
// <length> argument: the TPDU octet count, which must match (TS 27.005 3.5.1).
tl::expected<SentRecord, std::string> decode_submit(std::string_view hex, int declared_length);

struct DeliverRequest {
  std::string from;                  // "+254712345678", "22555" or "SAFARICOM"
  std::string text;                  // UTF-8
  std::string encoding = "auto";     // auto | gsm7 | ucs2
  std::optional<int> message_class;  // 0 = flash
  std::string smsc;
  SimTime time;
  int concat_ref = 0;  // used when the text needs several parts
};
struct EncodedPart {
  std::string pdu_hex;  // with the SMSC field
  int tpdu_length = 0;
  std::string text;  // this part's text
};
tl::expected<std::vector<EncodedPart>, std::string> encode_deliver(const DeliverRequest& req);

tl::expected<EncodedPart, std::string> encode_status_report(std::string_view smsc, int mr,
                                                            std::string_view recipient,
                                                            const SimTime& scts,
                                                            const SimTime& discharge, int status);

// USSD strings (TS 23.038 clause 5 / 6.1.2.3): GSM 7-bit packed, as hex (Huawei style).
tl::expected<std::string, std::string> ussd_pack_hex(std::string_view utf8);
tl::expected<std::string, std::string> ussd_unpack_hex(std::string_view hex);
// UCS2 as hex (+CSCS="UCS2"), both ways.
std::string utf8_to_ucs2_hex(std::string_view utf8);
tl::expected<std::string, std::string> ucs2_hex_to_utf8(std::string_view hex);
// Whether the whole text fits the GSM 7-bit default alphabet (+ extension table).
bool fits_gsm7(std::string_view utf8);

}  // namespace jumbe::sim
