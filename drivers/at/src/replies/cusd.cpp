// +CUSD: <m>[,<str>[,<dcs>]] (TS 27.007 7.15). The text is kept verbatim: whether it is plain
// text, hex of UCS2 or hex of packed GSM 7-bit depends on the vendor and <dcs>, and decoding it
// belongs to drivers/pdu with the vendor profile's hint.
#include "fields.hpp"
#include "jumbe/at/replies.hpp"

namespace jumbe::at {

Parsed<Ussd> parse_cusd(std::string_view line) {
  using namespace detail;
  const auto params = after_prefix(line, "+CUSD:");
  if (!params)
    return tl::unexpected(
        ParseError{"+CUSD: expected \"+CUSD: <m>[,<str>,<dcs>]\", got " + quote_for_error(line)});
  const auto f = split_fields(*params);
  Ussd u;
  const auto m = f.empty() ? std::nullopt : to_int(f[0].text);
  if (!m || *m < 0 || *m > 5)
    return tl::unexpected(ParseError{"+CUSD: bad status <m> in " + quote_for_error(line)});
  u.status = *m;
  if (f.size() >= 2 && !f[1].empty()) u.text = f[1].text;
  if (f.size() >= 3 && !f[2].empty()) {
    u.dcs = to_int(f[2].text);
    if (!u.dcs) return tl::unexpected(ParseError{"+CUSD: bad <dcs> in " + quote_for_error(line)});
  }
  return u;
}

}  // namespace jumbe::at
