// Fuzzer: parse_sendsms() on arbitrary requests. Input layout: byte 0 picks the method and
// content type, then "target\0body\0header-name\0header-value\0..." (missing parts are empty).
// Invariants checked: a refusal carries a 4xx/5xx status and a non-empty Kannel text; an accepted
// request has at least one receiver, valid UTF-8 text, a mask 0..63 and an origin that decodes
// back to that mask and URL.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "jumbe/kannel/charset.hpp"
#include "jumbe/kannel/dlr.hpp"
#include "jumbe/kannel/sendsms.hpp"

using namespace jumbe;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const config::KannelConfig cfg = [] {
    config::KannelConfig k;
    k.enabled = true;
    k.users.push_back({"u", config::Secret("p", "inline"), "c", ""});
    return k;
  }();
  static constexpr std::string_view kMethods[] = {"GET", "POST"};
  static constexpr std::string_view kTypes[] = {"", "application/x-www-form-urlencoded",
                                                "text/plain; charset=ISO-8859-1",
                                                "application/octet-stream", "text/plain"};
  const std::string_view in(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= in.size(); ++i)
    if (i == in.size() || in[i] == '\0') {
      parts.push_back(in.substr(start, i - start));
      start = i + 1;
    }
  kannel::HttpRequest r;
  r.method = kMethods[data[0] & 1];
  r.content_type = kTypes[(data[0] >> 1) % 5];
  r.target = parts.size() > 0 ? parts[0] : std::string_view{};
  r.body = parts.size() > 1 ? parts[1] : std::string_view{};
  for (std::size_t i = 2; i + 1 < parts.size(); i += 2)
    r.headers.emplace_back(parts[i], parts[i + 1]);

  auto parsed = kannel::parse_sendsms(r, cfg);
  if (!parsed) {
    if (parsed.error().status < 400 || parsed.error().body.empty()) std::abort();
    return 0;
  }
  if (parsed->recipients.empty() || !kannel::is_valid_utf8(parsed->text)) std::abort();
  if (parsed->dlr_mask < 0 || parsed->dlr_mask > 63) std::abort();
  if (parsed->dlr_mask > 0 && !parsed->dlr_url.empty()) {
    auto back = kannel::decode_dlr_origin(parsed->origin);
    if (!back || back->mask != parsed->dlr_mask || back->url != parsed->dlr_url) std::abort();
  }
  return 0;
}
