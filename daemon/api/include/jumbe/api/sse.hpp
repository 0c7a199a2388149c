// Server-Sent Events framing of the durable event log (api-contract.md "Events"; WHATWG HTML
// "Server-sent events" 9.2.6 for the wire format): store::Event -> one "id:/event:/data:" frame,
// the kind names clients filter on, and the resume cursor parsing. Contract: pure functions over
// values; enrichment (who sent an inbound message, which message a state belongs to) is looked up
// by the caller and passed in, so these link into unit tests and fuzzers alone.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

#include "jumbe/store/types.hpp"

namespace jumbe::store {
class Store;
}

namespace jumbe::api {

// The contract's kind names: inbound, state, delivery, modem, ussd, broadcast.
std::string_view sse_kind_name(store::EventKind k) noexcept;
std::optional<store::EventKind> sse_kind_from_name(std::string_view name) noexcept;

// A set of event kinds (bit i = EventKind i). all() when the client gave no ?kinds.
class KindSet {
 public:
  static KindSet all() { return KindSet(0x3f); }
  static KindSet none() { return KindSet(0); }
  bool has(store::EventKind k) const { return (bits_ >> static_cast<unsigned>(k) & 1U) != 0; }
  void add(store::EventKind k) { bits_ |= 1U << static_cast<unsigned>(k); }
  bool operator==(const KindSet&) const = default;

 private:
  explicit KindSet(unsigned bits) : bits_(bits) {}
  unsigned bits_;
};

// "inbound,state" -> {inbound, state_changed}. Empty or absent -> all. An unknown name is an
// error naming it: "kinds: 'sms' is not one of inbound, state, delivery, modem, ussd, broadcast".
tl::expected<KindSet, std::string> parse_kinds(std::string_view csv);

// Last-Event-ID header or ?after=: a non-negative decimal event id; anything else is nullopt.
std::optional<store::EventId> parse_event_id(std::string_view text) noexcept;

// UTC epoch ms -> "2026-11-23T10:15:02.123Z" (RFC 3339, always milliseconds).
std::string rfc3339_ms(store::Millis ms);

// What the caller looked up in the store for one event (both absent when the subject is gone or
// the kind has none).
struct EventContext {
  std::optional<store::InboundMessage> inbound;  // for inbound events
  std::optional<store::Message> message;         // for state / delivery events
};

// Looks the event's subject up in the store (inbound message or outbound message); a missing or
// unreadable subject leaves the fields empty and the event still goes out. Not pure: it reads the
// store; defined in event_context.cpp so the pure functions above link alone.
EventContext event_context(const store::Event& e, store::Store& st);

// The event's JSON object: {"id","at","kind","subject","state","detail"} plus "from","text",
// "modem" for inbound and "to","client_ref" for state/delivery; delivery adds "status" (TP-ST).
nlohmann::json event_json(const store::Event& e, const EventContext& ctx);

// The complete frame: "id: 7\nevent: state\ndata: {...}\n\n". The JSON is one line (newlines in
// texts are escaped by JSON), so a single data: line carries it.
std::string sse_frame(const store::Event& e, const EventContext& ctx);

// A comment line the browser ignores; keeps proxies and idle timers from closing the stream.
inline constexpr std::string_view kSseKeepalive = ": keepalive\n\n";

}  // namespace jumbe::api
