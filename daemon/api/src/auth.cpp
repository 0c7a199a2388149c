// Caller identification (see auth.hpp): SO_PEERCRED uid/gid or a bearer token to an api.clients
// entry and its role, keywords and groups.
#include "jumbe/api/auth.hpp"

namespace jumbe::api {

Role role_of(config::ClientRole r) noexcept {
  switch (r) {
    case config::ClientRole::admin:
      return Role::admin;
    case config::ClientRole::sender:
      return Role::sender;
    case config::ClientRole::reader:
      return Role::reader;
  }
  return Role::anyone;
}

namespace {
Caller from_client(const config::ApiClient& c, Caller base) {
  base.name = c.name;
  base.role = role_of(c.role);
  base.keywords = c.keywords;
  base.groups = c.groups;
  return base;
}
}  // namespace

Caller identify_unix(const config::ApiConfig& api, std::uint32_t uid, std::uint32_t gid,
                     std::uint32_t daemon_uid) {
  Caller base;
  base.transport = Transport::unix_socket;
  base.uid = uid;
  base.gid = gid;
  for (const auto& c : api.clients)
    if (c.uid && *c.uid == uid) return from_client(c, base);
  for (const auto& c : api.clients)
    if (!c.uid && c.gid && *c.gid == gid) return from_client(c, base);
  if (uid == 0 || uid == daemon_uid) {
    base.name = uid == 0 ? "root" : "self";
    base.role = Role::admin;
  }
  return base;
}

Caller identify_bearer(const config::ApiConfig& api, std::string_view authorization) {
  Caller base;
  base.transport = Transport::tcp;
  base.token_presented = !authorization.empty();
  // RFC 6750 2.1: "Bearer" b64token; the scheme name is case-insensitive (RFC 7235 2.1).
  constexpr std::string_view scheme = "bearer ";
  if (authorization.size() <= scheme.size()) return base;
  for (std::size_t i = 0; i < scheme.size(); ++i) {
    const char c = authorization[i];
    const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if (lower != scheme[i]) return base;
  }
  std::string_view token = authorization.substr(scheme.size());
  while (!token.empty() && token.front() == ' ')
    token.remove_prefix(1);
  while (!token.empty() && (token.back() == ' ' || token.back() == '\t'))
    token.remove_suffix(1);
  if (token.empty()) return base;
  const config::ApiClient* found = nullptr;
  // No early exit: every client's token is compared, so timing does not say which one matched.
  for (const auto& c : api.clients)
    if (!c.token.empty() && constant_time_equal(c.token.reveal(), token) && !found) found = &c;
  return found ? from_client(*found, base) : base;
}

bool constant_time_equal(std::string_view a, std::string_view b) noexcept {
  const std::size_t n = a.size() > b.size() ? a.size() : b.size();
  unsigned diff = a.size() == b.size() ? 0U : 1U;
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    diff |= static_cast<unsigned>(x ^ y);
  }
  return diff == 0;
}

}  // namespace jumbe::api
