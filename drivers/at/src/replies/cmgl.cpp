// +CMGL / +CMGR listings in PDU mode (TS 27.005 3.4.2, 3.4.3): a header line
// "+CMGL: <index>,<stat>,[<alpha>],<length>" or "+CMGR: <stat>,[<alpha>],<length>" followed by
// the hex PDU line. The PDU is checked to be hex and at least <length> octets, so a truncated
// listing is an error here instead of a bad decode later.
#include <algorithm>
#include <cctype>

#include "fields.hpp"
#include "jumbe/at/replies.hpp"

namespace jumbe::at {
namespace {

Parsed<std::string> check_pdu(std::string_view cmd, std::string_view pdu, int length) {
  using namespace detail;
  pdu = trim(pdu);
  const bool hex = std::all_of(pdu.begin(), pdu.end(), [](char c) {
    return std::isxdigit(static_cast<unsigned char>(c)) != 0;
  });
  if (!hex || pdu.size() % 2 != 0 || pdu.size() / 2 < static_cast<std::size_t>(length))
    return tl::unexpected(ParseError{std::string(cmd) + ": PDU line is not " +
                                     std::to_string(length) +
                                     "+ octets of hex: " + quote_for_error(pdu)});
  return std::string(pdu);
}

}  // namespace

Parsed<std::vector<StoredPdu>> parse_cmgl(std::span<const std::string> lines) {
  using namespace detail;
  std::vector<StoredPdu> out;
  // Entries come in pairs: header line, PDU line.
  for (std::size_t i = 0; i < lines.size(); i += 2) {
    const auto params = after_prefix(lines[i], "+CMGL:");
    if (!params)
      return tl::unexpected(
          ParseError{"+CMGL: expected a header line, got " + quote_for_error(lines[i])});
    const auto f = split_fields(*params);
    const auto index = f.size() >= 4 ? to_int(f[0].text) : std::nullopt;
    const auto stat = f.size() >= 4 ? to_int(f[1].text) : std::nullopt;
    const auto len = f.size() >= 4 ? to_int(f[3].text) : std::nullopt;
    if (!index || !stat || !len || *index < 0 || *stat < 0 || *stat > 3 || *len < 0)
      return tl::unexpected(
          ParseError{"+CMGL: bad header (text mode?) " + quote_for_error(lines[i])});
    if (i + 1 >= lines.size())
      return tl::unexpected(
          ParseError{"+CMGL: index " + std::to_string(*index) + " has no PDU line"});
    auto pdu = check_pdu("+CMGL", lines[i + 1], *len);
    if (!pdu) return tl::unexpected(pdu.error());
    StoredPdu s;
    s.index = *index;
    s.status = *stat;
    if (!f[2].empty()) s.alpha = f[2].text;
    s.length = *len;
    s.pdu = std::move(*pdu);
    out.push_back(std::move(s));
  }
  return out;
}

Parsed<StoredPdu> parse_cmgr(std::span<const std::string> lines) {
  using namespace detail;
  if (lines.empty())
    return tl::unexpected(ParseError{"+CMGR: no reply lines (empty storage slot?)"});
  const auto params = after_prefix(lines[0], "+CMGR:");
  if (!params)
    return tl::unexpected(
        ParseError{"+CMGR: expected a header line, got " + quote_for_error(lines[0])});
  const auto f = split_fields(*params);
  const auto stat = f.size() >= 3 ? to_int(f[0].text) : std::nullopt;
  const auto len = f.size() >= 3 ? to_int(f[2].text) : std::nullopt;
  if (!stat || !len || *stat < 0 || *stat > 3 || *len < 0)
    return tl::unexpected(
        ParseError{"+CMGR: bad header (text mode?) " + quote_for_error(lines[0])});
  // Quirk: some SIMCom firmware answers an empty slot with "+CMGR: 0,,0" and no PDU line.
  if (*len == 0) return tl::unexpected(ParseError{"+CMGR: empty storage slot"});
  if (lines.size() < 2) return tl::unexpected(ParseError{"+CMGR: header without a PDU line"});
  auto pdu = check_pdu("+CMGR", lines[1], *len);
  if (!pdu) return tl::unexpected(pdu.error());
  StoredPdu s;
  s.status = *stat;
  if (!f[1].empty()) s.alpha = f[1].text;
  s.length = *len;
  s.pdu = std::move(*pdu);
  return s;
}

}  // namespace jumbe::at
