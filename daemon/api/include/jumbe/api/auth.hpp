// Who is calling: a unix-socket peer's SO_PEERCRED uid/gid, or a TCP client's bearer token,
// matched against api.clients (api-contract.md "Roles"). Contract: pure over the config; uid
// first, then gid; uid 0 and the daemon's own uid are admin when no entry names them; tokens are
// compared in constant time so response timing does not reveal how much of a guess was right.
#pragma once

#include <cstdint>
#include <string_view>

#include "jumbe/api/routes.hpp"
#include "jumbe/config/config.hpp"

namespace jumbe::api {

Role role_of(config::ClientRole r) noexcept;

Caller identify_unix(const config::ApiConfig& api, std::uint32_t uid, std::uint32_t gid,
                     std::uint32_t daemon_uid);

// `authorization` is the Authorization header's value ("" when absent).
Caller identify_bearer(const config::ApiConfig& api, std::string_view authorization);

// Compares every byte of both strings whatever the first difference; the length itself is not
// secret (tokens have a documented minimum length and usually a fixed one).
bool constant_time_equal(std::string_view a, std::string_view b) noexcept;

}  // namespace jumbe::api
