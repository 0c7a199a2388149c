// Request-target helpers (RFC 3986 section 2.1 percent-encoding, and the HTML form encoding of
// query strings where '+' is a space). Contract: pure; a malformed escape ("%G1", "%4") is an
// error value naming it, never a crash; decoded bytes are returned as they are (no UTF-8 check).
#pragma once

#include <string>
#include <string_view>
#include <tl/expected.hpp>

#include "jumbe/api/routes.hpp"

namespace jumbe::api {

// `plus_is_space`: true in query strings, false in path segments ("+254..." stays "+254...").
tl::expected<std::string, std::string> percent_decode(std::string_view s, bool plus_is_space);

// "/v1/queue?state=held&limit=5" -> path "/v1/queue", query "state=held&limit=5".
struct Target {
  std::string_view path;
  std::string_view query;
};
Target split_target(std::string_view target);

// "a=1&b=x%20y&flag" -> {a:1, b:"x y", flag:""}; the last of repeated names wins.
tl::expected<QueryParams, std::string> parse_query(std::string_view query);

}  // namespace jumbe::api
