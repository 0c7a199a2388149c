// URL splitting for the webhook client (url.hpp).
#include "jumbe/webhooks/url.hpp"

#include <algorithm>

namespace jumbe::webhooks {

tl::expected<Url, std::string> parse_url(std::string_view text) {
  Url url;
  auto starts = [&](std::string_view p) {
    if (text.size() < p.size()) return false;
    return std::equal(p.begin(), p.end(), text.begin(), [](char a, char b) {
      return a == (b >= 'A' && b <= 'Z' ? static_cast<char>(b - 'A' + 'a') : b);
    });
  };
  std::string_view rest;
  if (starts("http://")) {
    rest = text.substr(7);
  } else if (starts("https://")) {
    url.tls = true;
    rest = text.substr(8);
  } else {
    return tl::unexpected("'" + std::string(text) + "' is not an http:// or https:// URL");
  }
  if (std::any_of(text.begin(), text.end(),
                  [](char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f; }))
    return tl::unexpected("URL '" + std::string(text) + "' contains spaces or control characters");
  const auto end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end);
  std::string_view tail = end == std::string_view::npos ? std::string_view{} : rest.substr(end);
  if (authority.find('@') != std::string_view::npos)
    return tl::unexpected(
        std::string("URL with user:password@ is not supported (put a token in "
                    "the path or use the signature header)"));
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return tl::unexpected(std::string("URL: unclosed '['"));
    url.host = std::string(authority.substr(1, close - 1));
    authority.remove_prefix(close + 1);
    if (!authority.empty() && authority.front() != ':')
      return tl::unexpected(std::string("URL: junk after ']'"));
    if (!authority.empty()) url.port = std::string(authority.substr(1));
  } else {
    const auto colon = authority.rfind(':');
    url.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) url.port = std::string(authority.substr(colon + 1));
  }
  if (url.host.empty()) return tl::unexpected("URL '" + std::string(text) + "' has no host");
  if (url.port.empty()) url.port = url.tls ? "443" : "80";
  if (!std::all_of(url.port.begin(), url.port.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
      url.port.size() > 5 || std::stoi(url.port) == 0 || std::stoi(url.port) > 65535)
    return tl::unexpected("URL '" + std::string(text) + "' has a bad port '" + url.port + "'");
  // The fragment is the client's business; never send it.
  if (const auto hash = tail.find('#'); hash != std::string_view::npos) tail = tail.substr(0, hash);
  url.target = tail.empty() || tail.front() != '/' ? "/" + std::string(tail) : std::string(tail);
  return url;
}

}  // namespace jumbe::webhooks
