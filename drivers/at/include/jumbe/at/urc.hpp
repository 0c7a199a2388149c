// Unsolicited result codes: which lines a modem may send on its own, and how many lines each
// takes (+CMT and PDU-mode +CDS carry the PDU on a second line, TS 27.005 3.4.1 / 3.4.1 +CNMI).
// Contract: UrcTable is data; vendor profiles extend it with add(); match() is pure. A line that
// no entry matches is still reported (kind "unknown"), never dropped.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jumbe::at {

struct UrcRule {
  std::string prefix;  // the line starts with this ("+CMTI:", "RING", "^RSSI:")
  std::string name;    // short name handed to consumers ("cmti", "ring", "rssi")
  // until_quote_closes: a line whose quoted string is still open continues on the next lines
  // (a text-mode USSD menu keeps its line breaks inside the quotes: +CUSD: 1,"Menu<LF>1. A",15).
  enum class Lines { one, two, two_if_pdu_mode_cds, until_quote_closes } lines = Lines::one;
  // When the command in flight has the same verb (AT+CREG? -> "+CREG:") the line is the reply,
  // not a URC. For +CUSD only the query (AT+CUSD?) gets that treatment: the network's answer to
  // AT+CUSD=1,"*144#" is unsolicited even when it arrives before OK (TS 27.007 7.15).
  bool solicited_by_query_only = false;
  bool ignore = false;  // known noise for this vendor (e.g. ^BOOT): matched, not reported
};

struct Urc {
  std::string name;  // UrcRule::name, or "unknown"
  std::string line;  // the first line, verbatim (continued lines joined with '\n')
  std::string body;  // the second line for two-line URCs (PDU or text), else empty
  friend bool operator==(const Urc&, const Urc&) = default;
};

class UrcTable {
 public:
  // The generic 3GPP set plus the vendor lines every stick in the mission list sends at boot.
  static UrcTable standard();

  // Later rules win over earlier ones with the same prefix (a profile can mark a line ignored).
  void add(UrcRule rule);

  const UrcRule* match(std::string_view line) const;

 private:
  std::vector<UrcRule> rules_;
};

// The verb of a command ("AT+CREG?" -> "+CREG", "AT^SYSINFO" -> "^SYSINFO", "ATE0" -> "").
std::string_view command_verb(std::string_view command);

}  // namespace jumbe::at
