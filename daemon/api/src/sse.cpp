// SSE frames of the event log (see sse.hpp). Delivery-report classes follow 3GPP TS 23.040
// 9.2.3.15 (TP-Status): 0x00-0x1F transaction completed, 0x20-0x3F temporary error with the SC
// still trying, 0x40-0x7F permanent error or the SC gave up; 0x80-0xFF are reserved.
#include "jumbe/api/sse.hpp"

#include <array>
#include <charconv>
#include <chrono>
#include <cstdio>

namespace jumbe::api {

namespace {

constexpr std::array<std::string_view, 6> kKindNames{"inbound", "state", "delivery",
                                                     "modem",   "ussd",  "broadcast"};

std::string_view inbound_state_name(int s) {
  switch (static_cast<store::InboundState>(s)) {
    case store::InboundState::assembling:
      return "assembling";
    case store::InboundState::complete:
      return "complete";
    case store::InboundState::incomplete:
      return "incomplete";
  }
  return "unknown";
}

std::string_view tp_status_class(int st) {
  if (st >= 0x00 && st <= 0x1f) return "delivered";
  if (st >= 0x20 && st <= 0x3f) return "pending";
  if (st >= 0x40 && st <= 0x7f) return "failed";
  return "unknown";
}

std::string_view message_state_name(int s) {
  if (s < 0 || s > static_cast<int>(store::State::held)) return "unknown";
  return store::to_string(static_cast<store::State>(s));
}

// The submitter's reference (store::Message::origin), null when it gave none.
nlohmann::json client_ref_of(const store::Message& m) {
  if (!m.origin.empty()) return m.origin;
  return nullptr;
}

}  // namespace

std::string_view sse_kind_name(store::EventKind k) noexcept {
  const auto i = static_cast<std::size_t>(k);
  return i < kKindNames.size() ? kKindNames[i] : std::string_view("unknown");
}

std::optional<store::EventKind> sse_kind_from_name(std::string_view name) noexcept {
  for (std::size_t i = 0; i < kKindNames.size(); ++i)
    if (kKindNames[i] == name) return static_cast<store::EventKind>(i);
  return std::nullopt;
}

tl::expected<KindSet, std::string> parse_kinds(std::string_view csv) {
  // Tolerate spaces after commas ("inbound, state"): people type them in shell scripts.
  auto trim = [](std::string_view s) {
    while (!s.empty() && s.front() == ' ')
      s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ')
      s.remove_suffix(1);
    return s;
  };
  if (trim(csv).empty()) return KindSet::all();
  KindSet set = KindSet::none();
  while (true) {
    const auto comma = csv.find(',');
    const auto item = trim(csv.substr(0, comma));
    if (!item.empty()) {
      auto k = sse_kind_from_name(item);
      if (!k) {
        std::string names;
        for (auto n : kKindNames)
          names += (names.empty() ? "" : ", ") + std::string(n);
        return tl::unexpected("kinds: '" + std::string(item).substr(0, 40) + "' is not one of " +
                              names);
      }
      set.add(*k);
    }
    if (comma == std::string_view::npos) break;
    csv.remove_prefix(comma + 1);
  }
  return set;
}

std::optional<store::EventId> parse_event_id(std::string_view text) noexcept {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
    text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  store::EventId v = 0;
  const auto* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || p != end || v < 0) return std::nullopt;
  return v;
}

std::string rfc3339_ms(store::Millis ms) {
  using namespace std::chrono;
  const sys_time<milliseconds> t{milliseconds(ms)};
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss<milliseconds> tod{t - day};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<int>(tod.hours().count()),
                static_cast<int>(tod.minutes().count()), static_cast<int>(tod.seconds().count()),
                static_cast<int>(tod.subseconds().count()));
  return buf;
}

nlohmann::json event_json(const store::Event& e, const EventContext& ctx) {
  nlohmann::json j;
  j["id"] = e.id;
  j["at"] = rfc3339_ms(e.at);
  j["kind"] = sse_kind_name(e.kind);
  j["subject"] = e.subject_id;
  j["state"] = nullptr;
  j["detail"] = e.detail;
  switch (e.kind) {
    case store::EventKind::inbound:
      if (e.state) j["state"] = inbound_state_name(*e.state);
      j["from"] = ctx.inbound ? nlohmann::json(ctx.inbound->sender) : nlohmann::json();
      j["text"] =
          ctx.inbound && ctx.inbound->text ? nlohmann::json(*ctx.inbound->text) : nlohmann::json();
      j["modem"] = ctx.inbound ? nlohmann::json(ctx.inbound->modem) : nlohmann::json();
      break;
    case store::EventKind::delivery_report:
      // The event's state is the report's TP-ST, not the message state: name its class and keep
      // the number for integrators that map TP-ST codes themselves.
      if (e.state) {
        j["state"] = tp_status_class(*e.state);
        j["status"] = *e.state;
      }
      [[fallthrough]];
    case store::EventKind::state_changed:
      if (e.kind == store::EventKind::state_changed && e.state)
        j["state"] = message_state_name(*e.state);
      // Subject 0 is a whole-broadcast event (cancel): no single recipient.
      j["to"] = ctx.message ? nlohmann::json(ctx.message->recipient) : nlohmann::json();
      j["client_ref"] = ctx.message ? client_ref_of(*ctx.message) : nlohmann::json();
      break;
    case store::EventKind::modem_health:
    case store::EventKind::ussd:
    case store::EventKind::broadcast:
      if (e.state) j["state"] = *e.state;
      break;
  }
  return j;
}

std::string sse_frame(const store::Event& e, const EventContext& ctx) {
  // replace: a modem's text that is not valid UTF-8 becomes U+FFFD instead of an exception.
  const auto data =
      event_json(e, ctx).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out;
  out.reserve(data.size() + 48);
  out += "id: ";
  out += std::to_string(e.id);
  out += "\nevent: ";
  out += sse_kind_name(e.kind);
  out += "\ndata: ";
  out += data;
  out += "\n\n";
  return out;
}

}  // namespace jumbe::api
