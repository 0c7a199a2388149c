// An http:// or https:// URL split for a client request: scheme, host, port, target. Contract:
// pure; userinfo ("user:pass@") and fragments are refused or dropped rather than sent; an IPv6
// literal is written in brackets ("http://[::1]:8080/x"). RFC 3986 section 3.
#pragma once

#include <string>
#include <string_view>
#include <tl/expected.hpp>

namespace jumbe::webhooks {

struct Url {
  bool tls = false;    // https
  std::string host;    // without brackets
  std::string port;    // "80" / "443" when absent
  std::string target;  // path and query, at least "/"
  friend bool operator==(const Url&, const Url&) = default;
};

tl::expected<Url, std::string> parse_url(std::string_view text);

}  // namespace jumbe::webhooks
