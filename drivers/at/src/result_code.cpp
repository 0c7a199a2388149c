// Final result code recognition: see result_code.hpp. Numeric or text error forms are both
// accepted because +CMEE may be 1 or 2, and some firmware answers text even with +CMEE=1.
#include "jumbe/at/result_code.hpp"

#include <array>
#include <charconv>
#include <utility>

namespace jumbe::at {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

ModemError parse_error_detail(ErrorFamily family, std::string_view detail) {
  ModemError e;
  e.family = family;
  detail = trim(detail);
  int value = 0;
  const auto* end = detail.data() + detail.size();
  const auto [ptr, ec] = std::from_chars(detail.data(), end, value);
  if (!detail.empty() && ec == std::errc{} && ptr == end && value >= 0) {
    e.code = value;
    const auto name = family == ErrorFamily::cms ? cms_error_name(value) : cme_error_name(value);
    e.text = std::string(name);
    return e;
  }
  e.text = std::string(detail);
  e.code = family == ErrorFamily::cms ? cms_error_from_text(detail) : cme_error_from_text(detail);
  return e;
}

constexpr std::array<std::pair<std::string_view, FinalResult::Kind>, 9> kPlain{{
    {"OK", FinalResult::Kind::ok},
    {"ERROR", FinalResult::Kind::error},
    {"NO CARRIER", FinalResult::Kind::no_carrier},
    {"BUSY", FinalResult::Kind::busy},
    {"NO ANSWER", FinalResult::Kind::no_answer},
    {"NO DIALTONE", FinalResult::Kind::no_dialtone},
    {"NO DIAL TONE", FinalResult::Kind::no_dialtone},
    // Quirk: ZTE MF190 and Huawei E173 answer unknown commands with "COMMAND NOT SUPPORT".
    {"COMMAND NOT SUPPORT", FinalResult::Kind::not_supported},
    {"ABORTED", FinalResult::Kind::aborted},
}};

}  // namespace

std::optional<FinalResult> parse_final_result(std::string_view raw) {
  const auto line = trim(raw);
  FinalResult r;
  r.text = std::string(line);
  for (const auto& [word, kind] : kPlain) {
    if (line == word) {
      r.kind = kind;
      return r;
    }
  }
  if (line == "NOT SUPPORT") {
    r.kind = FinalResult::Kind::not_supported;
    return r;
  }
  if (line == "CONNECT" || line.starts_with("CONNECT ")) {
    r.kind = FinalResult::Kind::connect;
    return r;
  }
  constexpr std::string_view cme = "+CME ERROR:";
  constexpr std::string_view cms = "+CMS ERROR:";
  if (line.starts_with(cme)) {
    r.kind = FinalResult::Kind::cme_error;
    r.error = parse_error_detail(ErrorFamily::cme, line.substr(cme.size()));
    return r;
  }
  if (line.starts_with(cms)) {
    r.kind = FinalResult::Kind::cms_error;
    r.error = parse_error_detail(ErrorFamily::cms, line.substr(cms.size()));
    return r;
  }
  return std::nullopt;
}

std::string_view to_string(FinalResult::Kind kind) {
  switch (kind) {
    case FinalResult::Kind::ok:
      return "OK";
    case FinalResult::Kind::error:
      return "ERROR";
    case FinalResult::Kind::cme_error:
      return "+CME ERROR";
    case FinalResult::Kind::cms_error:
      return "+CMS ERROR";
    case FinalResult::Kind::no_carrier:
      return "NO CARRIER";
    case FinalResult::Kind::busy:
      return "BUSY";
    case FinalResult::Kind::no_answer:
      return "NO ANSWER";
    case FinalResult::Kind::no_dialtone:
      return "NO DIALTONE";
    case FinalResult::Kind::not_supported:
      return "COMMAND NOT SUPPORT";
    case FinalResult::Kind::aborted:
      return "ABORTED";
    case FinalResult::Kind::connect:
      return "CONNECT";
  }
  return "?";
}

}  // namespace jumbe::at
