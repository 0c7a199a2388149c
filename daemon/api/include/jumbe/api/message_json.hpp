// The JSON shapes of api-contract.md for stored things: a message (GET /v1/messages/{id}), a
// queue row (GET /v1/queue), broadcast progress, an inbox message; and store errors mapped to
// API errors (not_found 404, conflict 409, disk full / read-only / locked / closed 503).
// Contract: pure; times as RFC 3339 UTC with milliseconds; absent values are null.
#pragma once

#include <cstdint>
#include <optional>

#include "jumbe/api/http_error.hpp"
#include "jumbe/api/json_util.hpp"
#include "jumbe/store/error.hpp"
#include "jumbe/store/types.hpp"

namespace jumbe::api {

Json message_json(const store::Message& m);
Json queue_row_json(const store::Message& m);
Json inbox_json(const store::InboundMessage& m);
// `sent_last_minute`: recipients that became sent in the last 60 s (the rate); ETA from it.
Json broadcast_json(const store::BroadcastProgress& p, std::int64_t sent_last_minute);

ApiError api_error(const store::Error& e);

}  // namespace jumbe::api
