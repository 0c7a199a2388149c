// Parameter list splitting for the reply parsers: see fields.hpp.
#include "fields.hpp"

#include <charconv>
#include <cstdint>

namespace jumbe::at::detail {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

std::optional<std::string_view> after_prefix(std::string_view line, std::string_view prefix) {
  line = trim(line);
  if (!line.starts_with(prefix)) return std::nullopt;
  return trim(line.substr(prefix.size()));
}

std::vector<Field> split_fields(std::string_view params) {
  std::vector<Field> fields;
  Field cur;
  bool in_quotes = false;
  int depth = 0;
  std::string raw;
  const auto finish = [&] {
    if (!cur.quoted) cur.text = std::string(trim(raw));
    fields.push_back(std::move(cur));
    cur = Field{};
    raw.clear();
  };
  for (char c : params) {
    if (in_quotes) {
      if (c == '"') {
        in_quotes = false;
      } else {
        cur.text.push_back(c);
      }
      continue;
    }
    if (c == '"' && depth == 0) {
      in_quotes = true;
      cur.quoted = true;
      cur.text.clear();
      continue;
    }
    if (c == '(') ++depth;
    if (c == ')' && depth > 0) --depth;
    if (c == ',' && depth == 0) {
      finish();
      continue;
    }
    if (cur.quoted && depth == 0) continue;  // junk after a closing quote
    raw.push_back(c);
  }
  if (!params.empty()) finish();
  return fields;
}

std::optional<int> to_int(std::string_view s) {
  s = trim(s);
  if (s.empty()) return std::nullopt;
  int v = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<std::uint32_t> to_hex(std::string_view s) {
  s = trim(s);
  if (s.empty() || s.size() > 8) return std::nullopt;
  std::uint32_t v = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v, 16);
  if (ec != std::errc{} || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

std::string quote_for_error(std::string_view s) {
  constexpr std::size_t kMax = 80;
  std::string out = "\"";
  for (char c : s.substr(0, kMax)) {
    const auto u = static_cast<unsigned char>(c);
    out += (u < 0x20 || u >= 0x7f) ? '?' : c;
  }
  if (s.size() > kMax) out += "...";
  out += '"';
  return out;
}

}  // namespace jumbe::at::detail
