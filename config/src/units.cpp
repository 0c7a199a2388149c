// Pure parsers for durations, rates, sizes, modes and integers used by the config loader.
// Contract: see units.hpp. Whole numbers only, ASCII only; every refusal says what was expected.
#include "jumbe/config/units.hpp"

#include <array>
#include <charconv>
#include <limits>

namespace jumbe::config {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

// Splits "30s" into 30 and "s". Fails when there is no leading number or it overflows.
bool split_number(std::string_view s, std::uint64_t& number, std::string_view& unit) {
  std::size_t i = 0;
  while (i < s.size() && is_digit(s[i]))
    ++i;
  if (i == 0) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + i, number);
  if (ec != std::errc{} || p != s.data() + i) return false;
  unit = trim(s.substr(i));
  return true;
}

struct Unit {
  std::string_view name;
  std::int64_t ms;
};

constexpr std::int64_t kSecond = 1000;
constexpr std::int64_t kMinute = 60 * kSecond;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kDay = 24 * kHour;

constexpr std::array<Unit, 17> kDurationUnits{{{"ms", 1},
                                               {"s", kSecond},
                                               {"sec", kSecond},
                                               {"second", kSecond},
                                               {"seconds", kSecond},
                                               {"m", kMinute},
                                               {"min", kMinute},
                                               {"minute", kMinute},
                                               {"minutes", kMinute},
                                               {"h", kHour},
                                               {"hour", kHour},
                                               {"hours", kHour},
                                               {"d", kDay},
                                               {"day", kDay},
                                               {"days", kDay},
                                               {"w", 7 * kDay},
                                               {"week", 7 * kDay}}};

const Unit* find_unit(std::string_view name) {
  for (const auto& u : kDurationUnits)
    if (u.name == name) return &u;
  return nullptr;
}

// The longest duration we accept: about 100 years, far beyond any sensible setting and far
// below the int64 millisecond range, so products never overflow.
constexpr std::int64_t kMaxMs = 36500 * kDay;

}  // namespace

double Rate::per_second() const {
  if (per.count() <= 0) return 0;
  return static_cast<double>(count) * 1000.0 / static_cast<double>(per.count());
}

tl::expected<Millis, std::string> parse_duration(std::string_view text) {
  const std::string_view s = trim(text);
  const std::string hint = "expected a duration such as 500ms, 30s, 5m, 2h or 1d";
  if (s.empty()) return tl::unexpected(hint);
  if (s == "0") return Millis{0};
  std::uint64_t n = 0;
  std::string_view unit;
  if (!split_number(s, n, unit)) {
    if (s.front() == '-') return tl::unexpected(std::string("a duration cannot be negative"));
    return tl::unexpected(hint);
  }
  if (!unit.empty() && unit.front() == '.')
    return tl::unexpected(std::string("whole numbers only (write 90m rather than 1.5h)"));
  if (unit.empty()) return tl::unexpected("missing unit: " + hint);
  const Unit* u = find_unit(unit);
  if (u == nullptr) return tl::unexpected("unknown unit '" + std::string(unit) + "': " + hint);
  if (n > static_cast<std::uint64_t>(kMaxMs / u->ms))
    return tl::unexpected(std::string("too long (at most 36500d)"));
  return Millis{static_cast<std::int64_t>(n) * u->ms};
}

tl::expected<Rate, std::string> parse_rate(std::string_view text) {
  const std::string_view s = trim(text);
  const std::string hint = "expected a rate such as 10/min, 2/s, 300/h or 1000/day";
  const auto slash = s.find('/');
  if (slash == std::string_view::npos) return tl::unexpected(hint);
  std::uint64_t n = 0;
  std::string_view rest;
  const std::string_view count_text = trim(s.substr(0, slash));
  if (!split_number(count_text, n, rest) || !rest.empty()) return tl::unexpected(hint);
  if (n == 0)
    return tl::unexpected(std::string("the count must be at least 1 (remove the role to stop)"));
  if (n > 1'000'000) return tl::unexpected(std::string("the count is too large (at most 1000000)"));
  std::string_view per = trim(s.substr(slash + 1));
  // "10/min" means per one minute; "10/30s" per thirty seconds.
  std::uint64_t per_n = 1;
  std::string_view per_unit = per;
  if (!per.empty() && is_digit(per.front())) {
    if (!split_number(per, per_n, per_unit) || per_n == 0) return tl::unexpected(hint);
  }
  if (per_unit == "hr") per_unit = "h";
  const Unit* u = find_unit(per_unit);
  if (u == nullptr || u->ms < kSecond) return tl::unexpected(hint);
  if (per_n > static_cast<std::uint64_t>(kMaxMs / u->ms)) return tl::unexpected(hint);
  return Rate{static_cast<std::uint32_t>(n), Millis{static_cast<std::int64_t>(per_n) * u->ms}};
}

tl::expected<std::uint64_t, std::string> parse_size(std::string_view text) {
  const std::string_view s = trim(text);
  const std::string hint = "expected a size such as 4096, 64KiB or 1MiB";
  std::uint64_t n = 0;
  std::string_view unit;
  if (!split_number(s, n, unit)) return tl::unexpected(hint);
  std::uint64_t mult = 1;
  if (unit.empty() || unit == "B" || unit == "b") {
    mult = 1;
  } else if (unit == "KiB" || unit == "KB" || unit == "kB" || unit == "K" || unit == "k") {
    mult = 1024;
  } else if (unit == "MiB" || unit == "MB" || unit == "M") {
    mult = 1024 * 1024;
  } else if (unit == "GiB" || unit == "GB" || unit == "G") {
    mult = 1024ULL * 1024 * 1024;
  } else {
    return tl::unexpected("unknown unit '" + std::string(unit) + "': " + hint);
  }
  if (n > std::numeric_limits<std::uint64_t>::max() / mult)
    return tl::unexpected(std::string("too large"));
  return n * mult;
}

tl::expected<std::uint32_t, std::string> parse_mode(std::string_view text) {
  std::string_view s = trim(text);
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'O')) s.remove_prefix(2);
  const std::string hint = "expected an octal file mode such as 0660";
  if (s.empty() || s.size() > 5) return tl::unexpected(hint);
  std::uint32_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '7') return tl::unexpected(hint);
    v = v * 8 + static_cast<std::uint32_t>(c - '0');
  }
  if (v > 07777) return tl::unexpected(hint);
  return v;
}

tl::expected<std::int64_t, std::string> parse_integer(std::string_view text, std::int64_t min,
                                                      std::int64_t max) {
  std::string_view s = trim(text);
  const std::string range = "between " + std::to_string(min) + " and " + std::to_string(max);
  bool negative = false;
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  std::uint64_t n = 0;
  std::string_view rest;
  if (!split_number(s, n, rest) || !rest.empty()) {
    return tl::unexpected("expected a whole number " + range);
  }
  if (n > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
    return tl::unexpected("out of range: must be " + range);
  const auto v = negative ? -static_cast<std::int64_t>(n) : static_cast<std::int64_t>(n);
  if (v < min || v > max) return tl::unexpected("out of range: must be " + range);
  return v;
}

std::string format_duration(Millis value) {
  const std::int64_t ms = value.count();
  if (ms == 0) return "0";
  constexpr std::array<Unit, 5> kUnits{
      {{"w", 7 * kDay}, {"d", kDay}, {"h", kHour}, {"m", kMinute}, {"s", kSecond}}};
  for (const auto& u : kUnits)
    if (ms % u.ms == 0) return std::to_string(ms / u.ms) + std::string(u.name);
  return std::to_string(ms) + "ms";
}

}  // namespace jumbe::config
