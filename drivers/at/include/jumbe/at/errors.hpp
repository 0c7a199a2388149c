// Modem error codes: +CMS ERROR (TS 27.005 3.2.5) and +CME ERROR (TS 27.007 9.2) as values, with
// their standard names and the send-outcome class the router acts on. Contract: pure lookups,
// every int maps to something (unknown codes keep their number and a "manufacturer specific" or
// "unknown" name). Text forms (+CMEE=2) map back to codes where the text is standard.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jumbe::at {

enum class ErrorFamily { cms, cme };

// What a failed send means for the message (issue 5, "send"):
enum class SendOutcome {
  retry_here_later,  // this modem is busy or briefly confused: same modem, after a pause
  retry_elsewhere,   // network, SIM or credit trouble on this modem: try another modem
  permanent,         // the recipient or the message is bad: retrying anywhere will not help
};

struct ModemError {
  ErrorFamily family = ErrorFamily::cms;
  std::optional<int> code;  // absent when the modem gave text we could not map
  std::string text;         // the modem's own text (+CMEE=2) or our standard name
  friend bool operator==(const ModemError&, const ModemError&) = default;
};

// Standard name of a code ("network out of order"), or "" when the code is not standardised.
std::string_view cms_error_name(int code);
std::string_view cme_error_name(int code);

// Reverse lookup of +CMEE=2 texts, case-insensitive ("SIM busy" -> 14 for CME, 314 for CMS).
std::optional<int> cms_error_from_text(std::string_view text);
std::optional<int> cme_error_from_text(std::string_view text);

// Codes 512+ mean different things per manufacturer (see errors.cpp), so a vendor profile may
// reclassify them (or any other code) without a rebuild.
struct SendErrorOverrides {
  std::vector<std::pair<int, SendOutcome>> cms;
  std::vector<std::pair<int, SendOutcome>> cme;
};

// Classification for a +CMGS failure. A +CME during a send happens too (SIM busy, no network).
SendOutcome classify_send_error(const ModemError& error, const SendErrorOverrides& overrides = {});

std::string_view to_string(SendOutcome outcome);

// "+CMS ERROR: 38 (network out of order)" style one-line description.
std::string describe(const ModemError& error);

}  // namespace jumbe::at
