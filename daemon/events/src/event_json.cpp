// The event JSON (see event_json.hpp). Delivery-report classes follow 3GPP TS 23.040 9.2.3.15
// (TP-Status): 0x00-0x1F transaction completed, 0x20-0x3F temporary error with the SC still
// trying, 0x40-0x7F permanent error or the SC gave up; 0x80-0xFF are reserved.
#include "jumbe/events/event_json.hpp"

#include <array>
#include <chrono>
#include <cstdio>

#include "jumbe/store/store.hpp"

namespace jumbe::events {

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

std::string_view kind_name(store::EventKind k) noexcept {
  const auto i = static_cast<std::size_t>(k);
  return i < kKindNames.size() ? kKindNames[i] : std::string_view("unknown");
}

std::optional<store::EventKind> kind_from_name(std::string_view name) noexcept {
  for (std::size_t i = 0; i < kKindNames.size(); ++i)
    if (kKindNames[i] == name) return static_cast<store::EventKind>(i);
  return std::nullopt;
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
  j["kind"] = kind_name(e.kind);
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

EventContext event_context(const store::Event& e, store::Store& st) {
  EventContext ctx;
  if (e.subject_id == 0) return ctx;
  if (e.kind == store::EventKind::inbound) {
    if (auto in = st.inbound_message(e.subject_id)) ctx.inbound = std::move(*in);
  } else if (e.kind == store::EventKind::state_changed ||
             e.kind == store::EventKind::delivery_report) {
    if (auto m = st.message(e.subject_id)) ctx.message = std::move(*m);
  }
  return ctx;
}

std::string event_json_line(const store::Event& e, const EventContext& ctx) {
  return event_json(e, ctx).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace jumbe::events
