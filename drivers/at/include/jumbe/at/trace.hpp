// Redacting trace formatter for raw AT traffic. Contract: pure; by default phone numbers and any
// run of 7+ digits (IMSI, ICCID, IMEI) keep only their last 2 digits, hex PDUs become
// "<pdu N octets>", and quoted texts of message/USSD lines become "<text N chars>"; control bytes
// are shown as <CR>, <LF>, <ESC>, <SUB>, <0xNN>. The mission forbids leaking citizens' numbers and
// ID numbers through logs, so redaction is the default and showing needs an explicit option.
#pragma once

#include <string>
#include <string_view>

namespace jumbe::at {

struct TraceOptions {
  bool show_numbers = false;
  bool show_payloads = false;
};

enum class TraceDirection { to_modem, from_modem };

// "> AT+CMGS=23<CR>" / "< +CMTI: \"SM\",3<CR><LF>"
std::string format_trace(TraceDirection direction, std::string_view bytes,
                         const TraceOptions& options = {});

// Redacts one line (no line end) as format_trace would.
std::string redact_line(std::string_view line, const TraceOptions& options = {});

}  // namespace jumbe::at
