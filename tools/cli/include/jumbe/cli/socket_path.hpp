// Which socket the CLI talks to: --socket, else $JUMBE_SOCKET, else api.socket of the config
// (--config FILE, or /etc/jumbe/jumbe.yaml when it is readable), else /run/jumbe/jumbe.sock, the
// daemon's default (docs/architecture.md, "jumbe (CLI)"). Contract: the choice remembers where
// it came from so "cannot reach" messages can say why that path was tried; an explicit --config
// that cannot be read or parsed is an error value (a usage error), the default one is optional.
#pragma once

#include <string>
#include <tl/expected.hpp>

namespace jumbe::cli {

inline constexpr const char* default_config_path = "/etc/jumbe/jumbe.yaml";
inline constexpr const char* default_socket_path = "/run/jumbe/jumbe.sock";

struct SocketChoice {
  std::string path;
  std::string source;  // "--socket", "$JUMBE_SOCKET", "api.socket in FILE", "the default"
};

// flag_socket / flag_config: "" when not given. env_socket: getenv("JUMBE_SOCKET") or nullptr.
tl::expected<SocketChoice, std::string> choose_socket(
    const std::string& flag_socket, const char* env_socket, const std::string& flag_config,
    const std::string& fallback_config = default_config_path);

}  // namespace jumbe::cli
