// +CMGS: <mr>[,<scts>|<ackpdu>] (TS 27.005 3.5.1): the TP-Message-Reference the status report
// will carry (TS 23.040 9.2.3.6, 0..255).
#include "fields.hpp"
#include "jumbe/at/replies.hpp"

namespace jumbe::at {

Parsed<int> parse_cmgs(std::string_view line) {
  using namespace detail;
  const auto params = after_prefix(line, "+CMGS:");
  if (!params)
    return tl::unexpected(
        ParseError{"+CMGS: expected \"+CMGS: <mr>\", got " + quote_for_error(line)});
  const auto f = split_fields(*params);
  const auto mr = f.empty() ? std::nullopt : to_int(f[0].text);
  if (!mr || *mr < 0 || *mr > 255)
    return tl::unexpected(ParseError{"+CMGS: bad message reference in " + quote_for_error(line)});
  return *mr;
}

}  // namespace jumbe::at
