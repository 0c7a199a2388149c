// Request-body parsing, typed field reads and the contract's time formats (see json_util.hpp).
// Times: RFC 3339 section 5.6 (date-time), always rendered as UTC with milliseconds.
#include "jumbe/api/json_util.hpp"

#include <charconv>
#include <cstdio>

#include "jumbe/config/units.hpp"

namespace jumbe::api {

namespace {

constexpr int kMaxDepth = 32;  // our bodies nest 2 deep; nothing legitimate needs more

// Rejects absurd nesting before the parser builds (and later destroys) a deep tree.
bool nesting_ok(std::string_view body) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (char c : body) {
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    if (c == '[' || c == '{') {
      if (++depth > kMaxDepth) return false;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

// Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

}  // namespace

tl::expected<Json, ApiError> parse_json_body(std::string_view content_type, std::string_view body) {
  const auto ct = trim(content_type.substr(0, content_type.find(';')));
  if (!ct.empty() && !iequals(ct, "application/json"))
    return tl::unexpected(
        ApiError::bad_request("Content-Type " + std::string(ct) + ": expected application/json"));
  if (trim(body).empty())
    return tl::unexpected(ApiError::bad_request("request body: expected a JSON object"));
  if (!nesting_ok(body))
    return tl::unexpected(ApiError::bad_request("request body: JSON nested more than 32 deep"));
  Json j = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded())
    return tl::unexpected(ApiError::bad_request("request body: malformed JSON"));
  if (!j.is_object())
    return tl::unexpected(ApiError::bad_request("request body: expected a JSON object"));
  return j;
}

std::string format_time(std::int64_t ms) {
  std::int64_t secs = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
  const int milli = static_cast<int>(ms - secs * 1000);
  std::int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
  const auto sod = static_cast<int>(secs - days * 86400);
  // civil_from_days (H. Hinnant).
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<long long>(y),
                m, d, sod / 3600, sod / 60 % 60, sod % 60, milli);
  return buf;
}

Json time_or_null(std::optional<std::int64_t> ms) {
  return ms ? Json(format_time(*ms)) : Json(nullptr);
}

tl::expected<std::int64_t, std::string> parse_time(std::string_view s) {
  const std::string hint = "expected an RFC 3339 time such as 2026-11-23T10:15:02Z";
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
  if (s.size() < 20 || !digits(s, 0, 4, y) || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
      !digits(s, 11, 2, h) || s[13] != ':' || !digits(s, 14, 2, mi) || s[16] != ':' ||
      !digits(s, 17, 2, se))
    return tl::unexpected(hint);
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (mo < 1 || mo > 12 || d < 1 || d > kDays[mo - 1] || h > 23 || mi > 59 || se > 60)
    return tl::unexpected(hint);
  std::size_t pos = 19;
  int milli = 0;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    int n = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (n < 3) milli = milli * 10 + (s[pos] - '0');
      ++n;
      ++pos;
    }
    if (n == 0) return tl::unexpected(hint);
    for (int i = n; i < 3; ++i)
      milli *= 10;
  }
  int offset_min = 0;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    int oh = 0, om = 0;
    if (!digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
        !digits(s, pos + 4, 2, om) || oh > 23 || om > 59)
      return tl::unexpected(hint);
    offset_min = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return tl::unexpected(hint + " (the offset, Z or +03:00, is required)");
  }
  if (pos != s.size()) return tl::unexpected(hint);
  const std::int64_t days = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  const std::int64_t secs = days * 86400 + h * 3600 + mi * 60 + (se > 59 ? 59 : se) -
                            static_cast<std::int64_t>(offset_min) * 60;
  return secs * 1000 + milli;
}

tl::expected<std::optional<std::string>, ApiError> opt_string(const Json& obj,
                                                              std::string_view field,
                                                              std::size_t max_len) {
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) return std::nullopt;
  if (!it->is_string())
    return tl::unexpected(
        ApiError::invalid(std::string(field), std::string(field) + ": expected a string"));
  const auto& s = it->get_ref<const std::string&>();
  if (s.size() > max_len)
    return tl::unexpected(ApiError::invalid(
        std::string(field),
        std::string(field) + ": at most " + std::to_string(max_len) + " characters"));
  return std::optional<std::string>(s);
}

tl::expected<std::optional<bool>, ApiError> opt_bool(const Json& obj, std::string_view field) {
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) return std::nullopt;
  if (!it->is_boolean())
    return tl::unexpected(
        ApiError::invalid(std::string(field), std::string(field) + ": expected true or false"));
  return std::optional<bool>(it->get<bool>());
}

tl::expected<std::optional<std::int64_t>, ApiError> opt_int(const Json& obj,
                                                            std::string_view field) {
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) return std::nullopt;
  if (it->is_number_unsigned() && it->get<std::uint64_t>() > INT64_MAX)
    return tl::unexpected(
        ApiError::invalid(std::string(field), std::string(field) + ": too large"));
  if (!it->is_number_integer())
    return tl::unexpected(
        ApiError::invalid(std::string(field), std::string(field) + ": expected an integer"));
  return std::optional<std::int64_t>(it->get<std::int64_t>());
}

tl::expected<std::optional<std::int64_t>, ApiError> opt_duration(const Json& obj,
                                                                 std::string_view field) {
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) return std::nullopt;
  const std::string f(field);
  constexpr std::int64_t kMaxSeconds = 36500LL * 86400;
  if (it->is_number_integer()) {
    if (!it->is_number_unsigned() && it->get<std::int64_t>() <= 0)
      return tl::unexpected(ApiError::invalid(f, f + ": must be positive"));
    const auto v = it->get<std::uint64_t>();
    if (v == 0) return tl::unexpected(ApiError::invalid(f, f + ": must be positive"));
    if (v > static_cast<std::uint64_t>(kMaxSeconds))
      return tl::unexpected(ApiError::invalid(f, f + ": too long (at most 36500d)"));
    return std::optional<std::int64_t>(static_cast<std::int64_t>(v) * 1000);
  }
  if (it->is_string()) {
    auto d = config::parse_duration(it->get_ref<const std::string&>());
    if (!d) return tl::unexpected(ApiError::invalid(f, f + ": " + d.error()));
    if (d->count() <= 0) return tl::unexpected(ApiError::invalid(f, f + ": must be positive"));
    return std::optional<std::int64_t>(d->count());
  }
  return tl::unexpected(
      ApiError::invalid(f, f + ": expected seconds (300) or a duration (\"5m\")"));
}

tl::expected<std::optional<std::int64_t>, ApiError> opt_time(const Json& obj,
                                                             std::string_view field) {
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) return std::nullopt;
  const std::string f(field);
  if (!it->is_string())
    return tl::unexpected(ApiError::invalid(f, f + ": expected an RFC 3339 time"));
  auto t = parse_time(it->get_ref<const std::string&>());
  if (!t) return tl::unexpected(ApiError::invalid(f, f + ": " + t.error()));
  return std::optional<std::int64_t>(*t);
}

tl::expected<std::int64_t, ApiError> query_int(const std::optional<std::string>& value,
                                               std::string_view name, std::int64_t fallback,
                                               std::int64_t min, std::int64_t max) {
  if (!value || value->empty()) return fallback;
  std::int64_t v = 0;
  const char* b = value->data();
  const char* e = b + value->size();
  auto [p, ec] = std::from_chars(b, e, v);
  const std::string n(name);
  if (ec != std::errc() || p != e)
    return tl::unexpected(ApiError::invalid(n, n + ": expected an integer"));
  if (v < min || v > max)
    return tl::unexpected(ApiError::invalid(
        n, n + ": must be between " + std::to_string(min) + " and " + std::to_string(max)));
  return v;
}

}  // namespace jumbe::api
