// Final result codes: the line that ends a command (V.250 5.7.1 basic codes, TS 27.007 9.2
// +CME ERROR, TS 27.005 3.2.5 +CMS ERROR) and vendor variants such as ZTE/Huawei
// "COMMAND NOT SUPPORT". Contract: parse_final_result(line) is pure; it returns nullopt for any
// line that is not a final result, and never fails on odd input (a code it cannot read is kept
// as text).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "jumbe/at/errors.hpp"

namespace jumbe::at {

struct FinalResult {
  enum class Kind {
    ok,
    error,      // plain ERROR (or +CMEE=0)
    cme_error,  // +CME ERROR: n | text
    cms_error,  // +CMS ERROR: n | text
    no_carrier,
    busy,
    no_answer,
    no_dialtone,
    not_supported,  // "COMMAND NOT SUPPORT" (ZTE, Huawei) and "NOT SUPPORT"
    aborted,        // "ABORTED" (V.250 5.6.1: a command aborted by a character)
    connect,        // CONNECT [text]: ends the command phase (data mode, never asked for here)
  };
  Kind kind = Kind::ok;
  std::optional<ModemError> error;  // set for cme_error / cms_error
  std::string text;                 // the verbatim line

  bool is_ok() const { return kind == Kind::ok; }
  friend bool operator==(const FinalResult&, const FinalResult&) = default;
};

std::optional<FinalResult> parse_final_result(std::string_view line);

std::string_view to_string(FinalResult::Kind kind);

}  // namespace jumbe::at
