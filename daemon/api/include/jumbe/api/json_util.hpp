// JSON at the API's edge: request bodies parsed with a clear 400 (wrong content type, malformed,
// nested absurdly deep), typed field reads whose errors name the JSON path (422 "invalid"), and
// the contract's time and duration formats (RFC 3339 UTC with milliseconds; durations as integer
// seconds or "90s"/"5m"/"2h"/"1d"). Contract: pure, never throws, never crashes on any input.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

#include "jumbe/api/http_error.hpp"

namespace jumbe::api {

using Json = nlohmann::json;

// `content_type` "" is accepted (many scripts omit it); anything but application/json is 400.
// An empty body is 400 "request body: expected a JSON object". Objects only.
tl::expected<Json, ApiError> parse_json_body(std::string_view content_type, std::string_view body);

// "2026-11-23T10:15:02.123Z" (always UTC, always milliseconds).
std::string format_time(std::int64_t epoch_ms);
Json time_or_null(std::optional<std::int64_t> epoch_ms);
// RFC 3339 date-time: "2026-11-23T10:15:02Z", fractions of any length, "+03:00" offsets.
tl::expected<std::int64_t, std::string> parse_time(std::string_view text);

// Typed reads of optional fields: nullopt when absent or null, 422 naming `field` when present
// with the wrong type or value.
tl::expected<std::optional<std::string>, ApiError> opt_string(const Json& obj,
                                                              std::string_view field,
                                                              std::size_t max_len = 1 << 20);
tl::expected<std::optional<bool>, ApiError> opt_bool(const Json& obj, std::string_view field);
tl::expected<std::optional<std::int64_t>, ApiError> opt_int(const Json& obj,
                                                            std::string_view field);
// Integer seconds or a duration string; result in milliseconds, > 0.
tl::expected<std::optional<std::int64_t>, ApiError> opt_duration(const Json& obj,
                                                                 std::string_view field);
tl::expected<std::optional<std::int64_t>, ApiError> opt_time(const Json& obj,
                                                             std::string_view field);

// Integer query parameter ("limit", "after") with bounds; `fallback` when absent.
tl::expected<std::int64_t, ApiError> query_int(const std::optional<std::string>& value,
                                               std::string_view name, std::int64_t fallback,
                                               std::int64_t min, std::int64_t max);

}  // namespace jumbe::api
