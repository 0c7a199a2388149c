// Identity replies: IMEI (+CGSN, TS 27.007 5.4; 15 digits, TS 23.003 6.2.1), IMSI (+CIMI, 5.6;
// up to 15 digits) and ICCID (no 27.007 command: +CCID / ^ICCID / +ICCID / +QCCID by vendor;
// 18-20 digits, ITU-T E.118, sometimes padded with F).
#include <algorithm>
#include <array>
#include <cctype>

#include "fields.hpp"
#include "jumbe/at/replies.hpp"

namespace jumbe::at {
namespace {

bool digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
  });
}

// The value from lines like "867530021234567", "+CGSN: 867530021234567",
// "+CGSN: \"867530021234567\"", "IMEI: 867530021234567" (labelled by some firmware).
std::string_view strip_label(std::string_view line) {
  line = detail::trim(line);
  if (const auto colon = line.find(':'); colon != std::string_view::npos && colon < 10)
    line = detail::trim(line.substr(colon + 1));
  if (line.size() >= 2 && line.front() == '"' && line.back() == '"')
    line = line.substr(1, line.size() - 2);
  return line;
}

// "<what>" plus the first reply line, quoted, for the error message.
ParseError not_found(std::string what, std::span<const std::string> lines) {
  if (!lines.empty()) {
    what.append(" in ");
    what.append(detail::quote_for_error(lines.front()));
  }
  return ParseError{std::move(what)};
}

}  // namespace

Parsed<std::string> parse_imei(std::span<const std::string> lines) {
  for (const auto& l : lines) {
    const auto v = strip_label(l);
    if (v.size() == 15 && digits(v)) return std::string(v);
  }
  return tl::unexpected(not_found("+CGSN: no 15-digit IMEI in reply", lines));
}

Parsed<std::string> parse_imsi(std::span<const std::string> lines) {
  for (const auto& l : lines) {
    const auto v = strip_label(l);
    if (v.size() >= 6 && v.size() <= 15 && digits(v)) return std::string(v);
  }
  return tl::unexpected(not_found("+CIMI: no IMSI in reply", lines));
}

Parsed<std::string> parse_iccid(std::span<const std::string> lines) {
  for (const auto& l : lines) {
    auto v = std::string(strip_label(l));
    while (!v.empty() && (v.back() == 'F' || v.back() == 'f'))
      v.pop_back();
    if (v.size() >= 18 && v.size() <= 20 && digits(v)) return v;
  }
  return tl::unexpected(not_found("ICCID: no 18-20 digit ICCID in reply", lines));
}

}  // namespace jumbe::at
