// Durations and RFC 3339 timestamps (see duration.hpp). Civil-date arithmetic follows Howard
// Hinnant's days_from_civil / civil_from_days ("chrono-Compatible Low-Level Date Algorithms"), so
// no timegm/TZ environment is involved and results never depend on the local time zone.
#include "jumbe/cli/duration.hpp"

#include <array>
#include <chrono>
#include <cstdio>
#include <limits>

namespace jumbe::cli {
namespace {

constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
  std::int64_t y;
  unsigned m, d;
};

constexpr Civil civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2 ? 1 : 0), m, d};
}

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

std::int64_t unit_seconds(char c) {
  switch (c) {
    case 's':
      return 1;
    case 'm':
      return 60;
    case 'h':
      return 3600;
    case 'd':
      return 86400;
    case 'w':
      return 7 * 86400;
    default:
      return 0;
  }
}

}  // namespace

tl::expected<std::int64_t, std::string> parse_duration(std::string_view text) {
  const std::string quoted = "'" + std::string(text) + "'";
  if (text.empty()) return tl::make_unexpected("empty duration (use e.g. 90s, 5m, 2h, 1d)");
  std::int64_t total = 0;
  std::size_t i = 0;
  bool bare_number = true;
  while (i < text.size()) {
    if (text[i] < '0' || text[i] > '9')
      return tl::make_unexpected(quoted + ": expected a number before the unit (e.g. 5m)");
    std::int64_t n = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      if (n > (std::numeric_limits<std::int64_t>::max() - 9) / 10)
        return tl::make_unexpected(quoted + ": too large");
      n = n * 10 + (text[i] - '0');
      ++i;
    }
    std::int64_t unit = 1;
    if (i < text.size()) {
      unit = unit_seconds(text[i]);
      if (unit == 0)
        return tl::make_unexpected(quoted + ": unknown unit '" + std::string(1, text[i]) +
                                   "' (use s, m, h, d or w, e.g. 90s, 5m, 2h, 1d)");
      ++i;
      bare_number = false;
    } else if (!bare_number) {
      return tl::make_unexpected(quoted + ": the last number has no unit (write e.g. 1h30m)");
    }
    // 100 years is more than any validity an SMS can carry; it also keeps the sum far from
    // overflow.
    constexpr std::int64_t limit = 100LL * 366 * 86400;
    if (n > limit / unit || total + n * unit > limit)
      return tl::make_unexpected(quoted + ": too large");
    total += n * unit;
  }
  return total;
}

std::string format_duration(std::int64_t seconds) {
  if (seconds < 0) return "-" + format_duration(-seconds);
  struct Unit {
    std::int64_t size;
    const char* name;
  };
  static constexpr std::array<Unit, 4> units{{{86400, "d"}, {3600, "h"}, {60, "m"}, {1, "s"}}};
  for (std::size_t i = 0; i < units.size(); ++i) {
    if (seconds >= units[i].size || i + 1 == units.size()) {
      std::string out = std::to_string(seconds / units[i].size) + units[i].name;
      if (i + 1 < units.size()) {
        const std::int64_t rest = (seconds % units[i].size) / units[i + 1].size;
        if (rest > 0) out += " " + std::to_string(rest) + units[i + 1].name;
      }
      return out;
    }
  }
  return "0s";
}

std::string format_age(std::int64_t ms_ago) {
  if (ms_ago < -1000) {
    const std::int64_t s = (-ms_ago + 999) / 1000;
    return "in " + format_duration(s < 60 ? s : s / 60 * 60);
  }
  const std::int64_t s = ms_ago / 1000;
  if (s < 5) return "just now";
  if (s < 60) return std::to_string(s) + "s ago";
  if (s < 3600) return std::to_string(s / 60) + "m ago";
  if (s < 86400) return std::to_string(s / 3600) + "h ago";
  return std::to_string(s / 86400) + "d ago";
}

std::optional<std::int64_t> parse_rfc3339_ms(std::string_view s) {
  // YYYY-MM-DDTHH:MM:SS[.f+](Z|+hh:mm|-hh:mm); RFC 3339 section 5.6 allows 't'/'z' and ' '.
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
  if (!digits(s, 0, 4, y) || s.size() < 20 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
      !digits(s, 11, 2, h) || s[13] != ':' || !digits(s, 14, 2, mi) || s[16] != ':' ||
      !digits(s, 17, 2, se))
    return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return std::nullopt;
  std::size_t i = 19;
  std::int64_t ms = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    int scale = 100;
    const std::size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      ms += (s[i] - '0') * scale;
      scale /= 10;
      ++i;
    }
    if (i == start) return std::nullopt;
  }
  std::int64_t offset_min = 0;
  if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) {
    ++i;
  } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    int oh = 0, om = 0;
    if (!digits(s, i + 1, 2, oh) || i + 3 >= s.size() || s[i + 3] != ':' ||
        !digits(s, i + 4, 2, om) || oh > 23 || om > 59)
      return std::nullopt;
    offset_min = (s[i] == '+' ? 1 : -1) * (oh * 60 + om);
    i += 6;
  } else {
    return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;
  const std::int64_t days = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  const std::int64_t secs = days * 86400 + h * 3600 + mi * 60 + se - offset_min * 60;
  return secs * 1000 + ms;
}

std::string format_rfc3339_ms(std::int64_t epoch_ms) {
  std::int64_t days = epoch_ms / 86400000;
  std::int64_t rem = epoch_ms % 86400000;
  if (rem < 0) {
    rem += 86400000;
    --days;
  }
  const Civil c = civil_from_days(days);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%03lldZ",
                static_cast<long long>(c.y), c.m, c.d, static_cast<long long>(rem / 3600000),
                static_cast<long long>(rem / 60000 % 60), static_cast<long long>(rem / 1000 % 60),
                static_cast<long long>(rem % 1000));
  return buf;
}

std::string format_when(std::string_view rfc3339, std::int64_t now_ms) {
  if (rfc3339.empty()) return "-";
  const auto t = parse_rfc3339_ms(rfc3339);
  if (!t) return std::string(rfc3339);
  return format_age(now_ms - *t);
}

std::int64_t now_epoch_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace jumbe::cli
