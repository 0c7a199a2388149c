// Durations and times as people type them and read them back: "90s", "5m", "1h30m" in, "2m ago",
// "3h 12m" out, and the API's RFC 3339 UTC timestamps ("2026-11-23T10:15:02.123Z") both ways.
// Contract: pure functions; bad input is an error value naming what was wrong, never a throw.
// The API accepts durations as integer seconds (/work/notes/api-contract.md, "Durations"), so
// the CLI converts what the user typed to seconds before sending.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

namespace jumbe::cli {

// "300", "90s", "5m", "2h", "1d", "1w", and sums like "1h30m". Returns seconds (>= 0).
tl::expected<std::int64_t, std::string> parse_duration(std::string_view text);

// 45 -> "45s", 192 -> "3m 12s", 11520 -> "3h 12m", 183600 -> "2d 3h". Two units at most.
std::string format_duration(std::int64_t seconds);

// How long ago, for tables: "just now", "45s ago", "2m ago", "3h ago", "2d ago"; a time in the
// future (clock skew, not_before) reads "in 5m".
std::string format_age(std::int64_t ms_ago);

// RFC 3339 with any fraction and a Z or +hh:mm offset -> Unix epoch milliseconds.
std::optional<std::int64_t> parse_rfc3339_ms(std::string_view text);
// Unix epoch milliseconds -> "2026-11-23T10:15:02.123Z".
std::string format_rfc3339_ms(std::int64_t epoch_ms);

// An API timestamp as "2m ago" relative to now_ms; text that is not a timestamp comes back as is,
// and an absent one as "-".
std::string format_when(std::string_view rfc3339, std::int64_t now_ms);

// Wall clock in Unix epoch milliseconds.
std::int64_t now_epoch_ms();

}  // namespace jumbe::cli
