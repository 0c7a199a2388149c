// Turning "send TEXT to NUMBER" into a store::OutboundRequest: the number normalised to E.164
// (an invalid one is refused with config::Numbers' one-line message), segments counted by the
// PDU codec, the recipient's operator preferred while a modem of that operator can send.
// Contract: pure over its inputs; used by Gateway::submit, the Kannel route and jumbed's admin
// path.
#pragma once

#include <optional>
#include <string>
#include <tl/expected.hpp>

#include "jumbe/config/numbers.hpp"
#include "jumbe/router/router.hpp"
#include "jumbe/store/types.hpp"

namespace jumbe::gateway {

struct Submission {
  std::string client = "admin";
  std::string idempotency_key;
  std::string to;
  // `to` already parsed with the gateway's Numbers (the API does so to name a bad field before
  // anything is stored): then it is not parsed again, which is most of a submission's CPU.
  std::optional<config::Address> recipient;
  std::string text;
  store::Priority priority = store::Priority::normal;
  bool want_report = true;
  std::optional<std::int64_t> valid_for_ms;  // nullopt: no expiry
  std::int64_t not_before = 0;               // UTC epoch ms; 0: now
  std::string preferred_modem;               // empty: any
  std::string origin;                        // e.g. the client's own reference (client_ref)
  store::OriginKind origin_kind = store::OriginKind::api;
};

struct SubmitResult {
  store::MessageId id = 0;
  bool duplicate = false;  // the idempotency key was used before: id is the first message's
  store::Encoding encoding = store::Encoding::gsm7;
  int segments = 1;
};

// `preference` comes from Router::prefer() in the daemon; tools without a router pass the
// recipient's operator with the configured grace.
// `now` turns valid_for into valid_until.
tl::expected<store::OutboundRequest, std::string> make_request(const Submission& s,
                                                               const config::Numbers& numbers,
                                                               const router::Preference& pref,
                                                               std::int64_t now = 0);

tl::expected<store::Priority, std::string> parse_priority(std::string_view text);

}  // namespace jumbe::gateway
