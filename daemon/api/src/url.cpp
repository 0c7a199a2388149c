// Percent-decoding and query parsing for request targets (RFC 3986 2.1; application/x-www-form-
// urlencoded for '+' in queries). Pure functions; see url.hpp.
#include "jumbe/api/url.hpp"

namespace jumbe::api {

namespace {
int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

tl::expected<std::string, std::string> percent_decode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '%') {
      const int hi = i + 1 < s.size() ? hex(s[i + 1]) : -1;
      const int lo = i + 2 < s.size() ? hex(s[i + 2]) : -1;
      if (hi < 0 || lo < 0)
        return tl::unexpected("malformed percent-escape \"" +
                              std::string(s.substr(i, std::min<std::size_t>(3, s.size() - i))) +
                              "\"");
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

Target split_target(std::string_view target) {
  const auto q = target.find('?');
  if (q == std::string_view::npos) return {target, {}};
  return {target.substr(0, q), target.substr(q + 1)};
}

tl::expected<QueryParams, std::string> parse_query(std::string_view query) {
  QueryParams out;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    auto name = percent_decode(pair.substr(0, eq), true);
    if (!name) return tl::unexpected("query: " + name.error());
    std::string value;
    if (eq != std::string_view::npos) {
      auto v = percent_decode(pair.substr(eq + 1), true);
      if (!v) return tl::unexpected("query parameter " + *name + ": " + v.error());
      value = std::move(*v);
    }
    out[std::move(*name)] = std::move(value);
  }
  return out;
}

}  // namespace jumbe::api
