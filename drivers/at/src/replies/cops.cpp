// +COPS (TS 27.007 7.3): query "<mode>[,<format>,<oper>[,<AcT>]]" and test
// "(stat,long,short,numeric[,AcT]),...,,(modes),(formats)". Real lists end in every possible way
// (",,(0,1,2,3,4),(0,1,2)", ",,)", a trailing ",", nothing), so parsing stops at the first group
// that is not an operator entry.
#include "fields.hpp"
#include "jumbe/at/replies.hpp"

namespace jumbe::at {

Parsed<OperatorSelection> parse_cops_query(std::string_view line) {
  using namespace detail;
  const auto params = after_prefix(line, "+COPS:");
  if (!params || params->starts_with("("))
    return tl::unexpected(ParseError{"+COPS: expected \"+COPS: <mode>[,<format>,<oper>]\", got " +
                                     quote_for_error(line)});
  const auto f = split_fields(*params);
  OperatorSelection s;
  const auto mode = f.empty() ? std::nullopt : to_int(f[0].text);
  if (!mode) return tl::unexpected(ParseError{"+COPS: bad <mode> in " + quote_for_error(line)});
  s.mode = *mode;
  if (f.size() >= 3) {
    s.format = to_int(f[1].text);
    s.oper = f[2].text;
  }
  if (f.size() >= 4) s.act = to_int(f[3].text);
  return s;
}

Parsed<std::vector<OperatorEntry>> parse_cops_test(std::string_view line) {
  using namespace detail;
  const auto params = after_prefix(line, "+COPS:");
  if (!params)
    return tl::unexpected(
        ParseError{"+COPS=?: expected \"+COPS: (...)\", got " + quote_for_error(line)});
  std::vector<OperatorEntry> out;
  for (const auto& group : split_fields(*params)) {
    if (group.empty()) break;  // ",," separates the operators from the supported ranges
    std::string_view g = group.text;
    // Quirk: Sony Ericsson TM-506 and Ericsson F3607gw close the entry before its AcT:
    // (1,"AT&T","AT&T","310410"),2)  -- the "2)" is the AcT of the entry before it.
    if (g.size() >= 2 && g.front() != '(' && g.back() == ')' && !out.empty() && !out.back().act) {
      if (const auto act = to_int(g.substr(0, g.size() - 1))) {
        out.back().act = act;
        continue;
      }
    }
    if (g.size() < 2 || g.front() != '(' || g.back() != ')')
      return tl::unexpected(ParseError{"+COPS=?: bad entry " + quote_for_error(g)});
    g = g.substr(1, g.size() - 2);
    const auto f = split_fields(g);
    if (f.size() < 4 || !f[1].quoted) break;  // the "(0,1,2,3,4)" mode list: operators done
    OperatorEntry e;
    const auto stat = to_int(f[0].text);
    if (!stat) return tl::unexpected(ParseError{"+COPS=?: bad <stat> in " + quote_for_error(g)});
    e.status = *stat;
    e.long_name = f[1].text;
    e.short_name = f[2].text;
    e.numeric = f[3].text;
    if (f.size() >= 5) e.act = to_int(f[4].text);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace jumbe::at
