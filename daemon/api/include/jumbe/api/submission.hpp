// Validation of message and broadcast submissions (api-contract.md "Messages", "Broadcasts"):
// JSON body -> gateway::Submission values, every error a 422 naming the field ("to[2]", "text",
// "valid_for"). Contract: pure over the body, the config's numbers and modems, and `now`; the
// text is planned with pdu::plan_segments so the encoding and segment count are known up front.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "jumbe/api/http_error.hpp"
#include "jumbe/api/json_util.hpp"
#include "jumbe/config/config.hpp"
#include "jumbe/config/numbers.hpp"
#include "jumbe/gateway/submit.hpp"
#include "jumbe/store/types.hpp"

namespace jumbe::api {

// What a message and a broadcast have in common.
struct SendOptions {
  std::string text;
  store::Encoding encoding = store::Encoding::gsm7;
  int segments = 1;
  store::Priority priority = store::Priority::normal;
  bool want_report = true;
  std::optional<std::int64_t> valid_for_ms;
  std::int64_t not_before = 0;  // 0: now
  std::string idempotency_key;  // body field, else the Idempotency-Key header
};

tl::expected<SendOptions, ApiError> parse_send_options(const Json& body,
                                                       std::string_view idempotency_header,
                                                       store::Priority default_priority);

// A number from field `field` in E.164 (or a short code), or 422 naming the field.
tl::expected<std::string, ApiError> parse_number(const config::Numbers& numbers, const Json& value,
                                                 const std::string& field);

struct MessageSubmission {
  std::vector<gateway::Submission> items;  // one per recipient, in request order
  bool many = false;                       // "to" was a list: answer {"messages":[...]}
  std::string client_ref;
};

// POST /v1/messages. `client` is the caller's name (scopes idempotency keys).
tl::expected<MessageSubmission, ApiError> parse_message_submission(
    const Json& body, std::string_view idempotency_header, const std::string& client,
    const config::Config& cfg, const config::Numbers& numbers);

std::string_view encoding_name(store::Encoding e) noexcept;  // "gsm7", "ucs2", "8bit"

}  // namespace jumbe::api
