// The event log as integrators see it: the JSON object of one store::Event (api-contract.md
// "Events"), the kind names clients filter on, and RFC 3339 times. One definition shared by the
// SSE stream (daemon/api) and webhooks (daemon/webhooks) so both carry the same object for an
// event. Contract: everything is pure except event_context(), which reads the event's subject
// from the store (a missing or unreadable subject leaves the fields null; the event still goes).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "jumbe/store/types.hpp"

namespace jumbe::store {
class Store;
}

namespace jumbe::events {

// The contract's kind names: inbound, state, delivery, modem, ussd, broadcast.
std::string_view kind_name(store::EventKind k) noexcept;
std::optional<store::EventKind> kind_from_name(std::string_view name) noexcept;

// UTC epoch ms -> "2026-11-23T10:15:02.123Z" (RFC 3339, always milliseconds).
std::string rfc3339_ms(store::Millis ms);

// What was looked up in the store for one event (both absent when the subject is gone or the
// kind has none).
struct EventContext {
  std::optional<store::InboundMessage> inbound;  // for inbound events
  std::optional<store::Message> message;         // for state / delivery events
};

EventContext event_context(const store::Event& e, store::Store& st);

// The event's JSON object: {"id","at","kind","subject","state","detail"} plus "from","text",
// "modem" for inbound and "to","client_ref" for state/delivery; delivery adds "status" (TP-ST).
nlohmann::json event_json(const store::Event& e, const EventContext& ctx);

// event_json as one line; a modem's text that is not valid UTF-8 becomes U+FFFD instead of an
// exception.
std::string event_json_line(const store::Event& e, const EventContext& ctx);

}  // namespace jumbe::events
