// What to send for one event of the log, as plain values: a configured webhook's signed JSON
// POST, a Kannel dlr-url callback (GET, escape codes expanded) for a message submitted through
// /cgi-bin/sendsms, or a Kannel sms-service forward of an inbound message (GET or POST). Contract:
// pure over the event and what the caller read from the store; nullopt means "nothing for this
// target", and the target's cursor simply moves past the event.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "jumbe/config/config.hpp"
#include "jumbe/store/types.hpp"

namespace jumbe::webhooks {

struct Delivery {
  std::string method = "POST";  // "GET" or "POST"
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

// ---- configured webhooks ----------------------------------------------------------------
bool webhook_wants(const config::WebhookConfig& hook, store::EventKind kind);
// POST `body` (the event's JSON) to hook.url with Content-Type application/json,
// X-Jumbe-Event-Id, X-Jumbe-Event (kind), X-Jumbe-Webhook (name) and, with a secret,
// X-Jumbe-Signature: sha256=<hex HMAC-SHA256 of body>.
Delivery webhook_delivery(const config::WebhookConfig& hook, const store::Event& e,
                          std::string body);

// ---- Kannel dlr-url callbacks -----------------------------------------------------------
// nullopt unless `m` came through /cgi-bin/sendsms with a dlr-url whose dlr-mask includes the
// DLR value this event means (kannel::dlr_for_event). Escape codes: %d value, %A reply text,
// %p the phone number, %P the submission's receiver side (empty: a SIM's own number is not
// known), %i modem, %I jumbe's message id, %F TP-MR of the last segment, %t/%T event time.
std::optional<Delivery> dlr_delivery(const store::Event& e, const store::Message& m);

// ---- Kannel sms-service forwards --------------------------------------------------------
// Words that other handlers own, upper-case: the services' keywords and every other forward's.
std::vector<std::string> claimed_keywords(const config::Config& cfg,
                                          const config::KannelForward& self);
// A keyword forward takes messages whose first word is its keyword (any case); the "default"
// forward takes those whose first word nobody in `claimed` owns.
bool forward_matches(const config::KannelForward& fw, std::string_view text,
                     const std::vector<std::string>& claimed);
// GET the URL with escape codes expanded; with post: true, POST the text as text/plain with
// Kannel's X-Kannel-From / -To / -Time / -SMSC / -Coding headers (Kannel post-url).
Delivery forward_delivery(const config::KannelForward& fw, const store::InboundMessage& m,
                          std::int64_t at_ms);

}  // namespace jumbe::webhooks
