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

#include "jumbe/events/event_json.hpp"
#include "jumbe/store/types.hpp"

namespace jumbe::api {

// The event JSON and kind names are jumbe::events' (shared with webhooks).
using events::event_context;
using events::event_json;
using events::event_json_line;
using events::EventContext;
using events::kind_from_name;
using events::kind_name;
using events::rfc3339_ms;

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

// The complete frame: "id: 7\nevent: state\ndata: {...}\n\n". The JSON is one line (newlines in
// texts are escaped by JSON), so a single data: line carries it.
std::string sse_frame(const store::Event& e, const EventContext& ctx);

// A comment line the browser ignores; keeps proxies and idle timers from closing the stream.
inline constexpr std::string_view kSseKeepalive = ": keepalive\n\n";

}  // namespace jumbe::api
