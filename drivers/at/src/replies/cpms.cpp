// +CPMS (TS 27.005 3.2.2): the query reply names each storage ("SM",used,total x3); the set
// reply gives only used,total pairs. Both map to StorageUse rows, names empty for the latter.
#include "fields.hpp"
#include "jumbe/at/replies.hpp"

namespace jumbe::at {

Parsed<std::vector<StorageUse>> parse_cpms(std::string_view line) {
  using namespace detail;
  const auto params = after_prefix(line, "+CPMS:");
  if (!params)
    return tl::unexpected(
        ParseError{"+CPMS: expected \"+CPMS: ...\", got " + quote_for_error(line)});
  const auto f = split_fields(*params);
  std::vector<StorageUse> out;
  const bool named = !f.empty() && f[0].quoted;
  const std::size_t stride = named ? 3 : 2;
  if (f.empty() || f.size() % stride != 0)
    return tl::unexpected(ParseError{"+CPMS: field count " + std::to_string(f.size()) + " in " +
                                     quote_for_error(line)});
  for (std::size_t i = 0; i < f.size(); i += stride) {
    StorageUse s;
    if (named) s.name = f[i].text;
    const auto used = to_int(f[i + stride - 2].text);
    const auto total = to_int(f[i + stride - 1].text);
    if (!used || !total || *used < 0 || *total < 0)
      return tl::unexpected(ParseError{"+CPMS: bad used/total in " + quote_for_error(line)});
    s.used = *used;
    s.total = *total;
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace jumbe::at
