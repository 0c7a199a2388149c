// Headers of the two-line PDU-mode URCs (TS 27.005 3.4.1): "+CDS: <length>" and
// "+CMT: [<alpha>],<length>"; the PDU itself is the next line (Urc::body).
#include "fields.hpp"
#include "jumbe/at/replies.hpp"

namespace jumbe::at {

Parsed<int> parse_cds_header(std::string_view line) {
  using namespace detail;
  const auto params = after_prefix(line, "+CDS:");
  const auto len = params ? to_int(*params) : std::nullopt;
  if (!len || *len <= 0 || *len > 255)
    return tl::unexpected(
        ParseError{"+CDS: expected \"+CDS: <length>\" (PDU mode), got " + quote_for_error(line)});
  return *len;
}

Parsed<CmtHeader> parse_cmt_header(std::string_view line) {
  using namespace detail;
  const auto params = after_prefix(line, "+CMT:");
  if (!params)
    return tl::unexpected(
        ParseError{"+CMT: expected \"+CMT: [<alpha>],<length>\", got " + quote_for_error(line)});
  const auto f = split_fields(*params);
  const auto len = f.size() == 2 ? to_int(f[1].text) : std::nullopt;
  if (!len || *len <= 0 || *len > 255)
    return tl::unexpected(
        ParseError{"+CMT: bad <length> (text mode?) in " + quote_for_error(line)});
  // Built in place: moving a local CmtHeader into the result trips g++ 12's -Wmaybe-uninitialized
  // on the std::optional<std::string> under -O2 with sanitizers (a false positive).
  Parsed<CmtHeader> header(tl::in_place);
  header->length = *len;
  if (!f[0].empty()) header->alpha.emplace(f[0].text);
  return header;
}

}  // namespace jumbe::at
