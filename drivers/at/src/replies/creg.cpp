// +CREG / +CGREG / +CEREG, query reply and URC (TS 27.007 7.2, 10.1.20, 10.1.22). Query:
// "<n>,<stat>[,<lac>,<ci>[,<AcT>...]]"; URC: "<stat>[,<lac>,<ci>[,<AcT>...]]". Modems disagree on
// quotes, spaces and leading zeros (rows in tests/drivers/at/creg_test.cpp), so each field is
// trimmed and read leniently; extra trailing fields (RAC, cause) are ignored.
#include "fields.hpp"
#include "jumbe/at/replies.hpp"

namespace jumbe::at {

Parsed<Registration> parse_registration(std::string_view line, bool solicited) {
  using namespace detail;
  Registration r;
  std::optional<std::string_view> params;
  std::string_view name;
  if ((params = after_prefix(line, "+CREG:"))) {
    r.domain = RegDomain::cs;
    name = "+CREG";
  } else if ((params = after_prefix(line, "+CGREG:"))) {
    r.domain = RegDomain::ps;
    name = "+CGREG";
  } else if ((params = after_prefix(line, "+CEREG:"))) {
    r.domain = RegDomain::eps;
    name = "+CEREG";
  } else {
    return tl::unexpected(
        ParseError{"registration: expected +CREG/+CGREG/+CEREG, got " + quote_for_error(line)});
  }
  const auto f = split_fields(*params);
  std::size_t i = 0;
  if (solicited) {
    if (f.empty() || !(r.mode = to_int(f[0].text)))
      return tl::unexpected(
          ParseError{std::string(name) + ": bad <n> in " + quote_for_error(line)});
    i = 1;
  }
  if (i >= f.size())
    return tl::unexpected(
        ParseError{std::string(name) + ": missing <stat> in " + quote_for_error(line)});
  const auto stat = to_int(f[i].text);
  if (!stat || *stat < 0 || *stat > 10)
    return tl::unexpected(
        ParseError{std::string(name) + ": bad <stat> in " + quote_for_error(line)});
  r.status = static_cast<RegStatus>(*stat);
  ++i;
  if (i + 1 < f.size()) {
    r.lac = to_hex(f[i].text);
    r.cell_id = to_hex(f[i + 1].text);
    i += 2;
    if (i < f.size()) r.act = to_int(f[i].text);
  }
  return r;
}

}  // namespace jumbe::at
