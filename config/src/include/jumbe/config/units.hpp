// Pure parsers for the value syntaxes the configuration uses: durations ("30s", "5m", "2h",
// "1d", "500ms"), rates ("10/min", "2/s", "100/h", "1000/day"), byte sizes ("64KiB", "1MiB",
// "4096") and octal file modes ("0660"). Each returns the value or a short reason that the loader
// puts after the field's path. No YAML, no I/O: tested alone (tests/config/units_test.cpp).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

namespace jumbe::config {

using Millis = std::chrono::milliseconds;

// A sustained rate: `count` events per `per`. 10/min is {10, 60s}.
struct Rate {
  std::uint32_t count = 0;
  Millis per{0};
  // Events per second, for token buckets.
  [[nodiscard]] double per_second() const;
  friend bool operator==(const Rate&, const Rate&) = default;
};

// "500ms", "30s", "5m", "2h", "1d", "1w"; a bare 0 is allowed (means "off" where documented).
// Whole numbers only: "1.5h" is refused with the hint to write "90m".
tl::expected<Millis, std::string> parse_duration(std::string_view text);
// "N/s", "N/sec", "N/min", "N/h", "N/hour", "N/day", also "N/30s" (N per 30 seconds).
tl::expected<Rate, std::string> parse_rate(std::string_view text);
// "4096", "64KiB", "64KB" (also 1024-based, as everyone means it here), "1MiB", "2GiB".
tl::expected<std::uint64_t, std::string> parse_size(std::string_view text);
// "0660", "660", "0o660": an octal mode up to 07777.
tl::expected<std::uint32_t, std::string> parse_mode(std::string_view text);
// A whole decimal number in [min, max]; leading '+' or '-' allowed, nothing else.
tl::expected<std::int64_t, std::string> parse_integer(std::string_view text, std::int64_t min,
                                                      std::int64_t max);

// Canonical text for a duration ("90m" stays "90m", 86400000 ms becomes "1d"), for docs and logs.
std::string format_duration(Millis value);

}  // namespace jumbe::config
