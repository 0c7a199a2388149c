// +CMTI: <mem>,<index> and +CDSI: <mem>,<index> (TS 27.005 3.4.1): a message or status report
// was stored; read it with +CMGR=<index> from that storage.
#include "fields.hpp"
#include "jumbe/at/replies.hpp"

namespace jumbe::at {

Parsed<StoredIndication> parse_cmti(std::string_view line) {
  using namespace detail;
  auto params = after_prefix(line, "+CMTI:");
  if (!params) params = after_prefix(line, "+CDSI:");
  if (!params)
    return tl::unexpected(
        ParseError{"+CMTI: expected \"+CMTI: <mem>,<index>\", got " + quote_for_error(line)});
  const auto f = split_fields(*params);
  const auto index = f.size() == 2 ? to_int(f[1].text) : std::nullopt;
  if (!index || *index < 0 || f[0].text.empty())
    return tl::unexpected(ParseError{"+CMTI: bad <mem>,<index> in " + quote_for_error(line)});
  return StoredIndication{f[0].text, *index};
}

}  // namespace jumbe::at
