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

// One header's numbers, read as plain ints: (index,) stat, length. Returns false on any bad field.
// (Plain ints rather than optionals: g++ 12 -O2 warns "maybe uninitialized" on the latter here.)
struct Header {
  int index = -1;
  int stat = 0;
  int length = 0;
  std::optional<std::string> alpha;
};

bool read_header(std::string_view params, bool with_index, Header& h) {
  using namespace detail;
  const auto f = split_fields(params);
  const std::size_t base = with_index ? 1 : 0;
  if (f.size() < base + 3) return false;
  if (with_index) {
    const auto index = to_int(f[0].text);
    if (!index || *index < 0) return false;
    h.index = *index;
  }
  const auto stat = to_int(f[base].text);
  const auto len = to_int(f[base + 2].text);
  if (!stat || !len) return false;
  h.stat = *stat;
  h.length = *len;
  if (h.stat < 0 || h.stat > 3 || h.length < 0) return false;
  if (!f[base + 1].empty()) h.alpha = f[base + 1].text;
  return true;
}

}  // namespace

Parsed<std::vector<StoredPdu>> parse_cmgl(std::span<const std::string> lines) {
  using namespace detail;
  std::vector<StoredPdu> out;
  // Entries come in pairs: header line, PDU line. A line that is neither where a header is due
  // is a vendor report the URC table does not know yet (it reached the reply because the command
  // was in flight); skipping it keeps one unknown line from hiding every stored message.
  std::size_t i = 0;
  while (i < lines.size()) {
    const auto params = after_prefix(lines[i], "+CMGL:");
    if (!params) {
      ++i;
      continue;
    }
    Header h;
    if (!read_header(*params, true, h))
      return tl::unexpected(
          ParseError{"+CMGL: bad header (text mode?) " + quote_for_error(lines[i])});
    if (i + 1 >= lines.size())
      return tl::unexpected(
          ParseError{"+CMGL: index " + std::to_string(h.index) + " has no PDU line"});
    auto pdu = check_pdu("+CMGL", lines[i + 1], h.length);
    if (!pdu) return tl::unexpected(pdu.error());
    out.push_back(StoredPdu{h.index, h.stat, std::move(h.alpha), h.length, std::move(*pdu)});
    i += 2;
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
  Header h;
  if (!read_header(*params, false, h))
    return tl::unexpected(
        ParseError{"+CMGR: bad header (text mode?) " + quote_for_error(lines[0])});
  // Quirk: some SIMCom firmware answers an empty slot with "+CMGR: 0,,0" and no PDU line.
  if (h.length == 0) return tl::unexpected(ParseError{"+CMGR: empty storage slot"});
  if (lines.size() < 2) return tl::unexpected(ParseError{"+CMGR: header without a PDU line"});
  auto pdu = check_pdu("+CMGR", lines[1], h.length);
  if (!pdu) return tl::unexpected(pdu.error());
  return StoredPdu{-1, h.stat, std::move(h.alpha), h.length, std::move(*pdu)};
}

}  // namespace jumbe::at
