// Kannel DLR values for store events, and the dlr-url kept in a message's origin (dlr.hpp).
#include "jumbe/kannel/dlr.hpp"

#include <charconv>

namespace jumbe::kannel {

std::string encode_dlr_origin(int mask, std::string_view dlr_url) {
  if (mask <= 0 || dlr_url.empty()) return std::string(kOriginPrefix);
  return std::string(kOriginPrefix) + ":" + std::to_string(mask) + ":" + std::string(dlr_url);
}

bool is_kannel_origin(std::string_view origin) {
  return origin == kOriginPrefix || (origin.size() > kOriginPrefix.size() &&
                                     origin.substr(0, kOriginPrefix.size()) == kOriginPrefix &&
                                     origin[kOriginPrefix.size()] == ':');
}

std::optional<DlrRequest> decode_dlr_origin(std::string_view origin) {
  if (!is_kannel_origin(origin) || origin.size() == kOriginPrefix.size()) return std::nullopt;
  std::string_view rest = origin.substr(kOriginPrefix.size() + 1);
  const auto colon = rest.find(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  int mask = 0;
  const auto digits = rest.substr(0, colon);
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), mask);
  if (ec != std::errc{} || end != digits.data() + digits.size() || mask < 1 || mask > 63)
    return std::nullopt;
  const auto url = rest.substr(colon + 1);
  if (url.empty()) return std::nullopt;
  return DlrRequest{mask, std::string(url)};
}

std::optional<Dlr> dlr_for_event(const store::Event& event, const store::Message& m) {
  if (!event.state) return std::nullopt;
  const int st = *event.state;
  if (event.kind == store::EventKind::delivery_report) {
    // TS 23.040 9.2.3.15: 0x20-0x3F "temporary error, SC still trying to transfer SM".
    if (st >= 0x20 && st <= 0x3F) return Dlr{kDlrBuffered, "Buffered"};
    return std::nullopt;  // final per-segment reports: the state change below carries them
  }
  if (event.kind != store::EventKind::state_changed) return std::nullopt;
  const std::string why = !event.detail.empty() ? event.detail : m.last_error;
  switch (static_cast<store::State>(st)) {
    case store::State::sent:
      return Dlr{kDlrSmscSuccess, "ACK/"};
    case store::State::delivered:
      return Dlr{kDlrDelivered, "Success"};
    case store::State::failed: {
      // A failure after the SC took the message comes from a status report: "not delivered to
      // the phone". Before that, the SMSC never had it.
      for (const auto& seg : m.segment_log)
        if (seg.report_status && *seg.report_status >= 0x40) return Dlr{kDlrUndelivered, "Failed"};
      return Dlr{kDlrSmscFail, "NACK/" + why};
    }
    case store::State::expired:
      return Dlr{kDlrSmscFail, "NACK/expired" + (why.empty() ? "" : ": " + why)};
    case store::State::cancelled:
      return Dlr{kDlrSmscFail, "NACK/cancelled"};
    default:
      return std::nullopt;
  }
}

}  // namespace jumbe::kannel
