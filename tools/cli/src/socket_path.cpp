// Socket choice (see socket_path.hpp). Only api.socket is read from the config, with yaml-cpp
// directly: the CLI must find the socket even when another part of the file is one that this
// build's validator would reject (a newer daemon's config), and it never needs the rest.
#include "jumbe/cli/socket_path.hpp"

#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace jumbe::cli {
namespace {

// The api.socket of one file: a value, "" when the file does not set it, or an error.
tl::expected<std::string, std::string> socket_from_config(const std::string& path) {
  std::ifstream f(path);
  if (!f) return tl::make_unexpected(path + ": cannot read: " + std::strerror(errno));
  try {
    const YAML::Node root = YAML::Load(f);
    if (!root.IsMap() || !root["api"] || !root["api"].IsMap() || !root["api"]["socket"])
      return std::string{};
    const YAML::Node s = root["api"]["socket"];
    if (!s.IsScalar() || s.Scalar().empty())
      return tl::make_unexpected(path + ": api.socket must be a path");
    return s.Scalar();
  } catch (const YAML::Exception& e) {
    return tl::make_unexpected(path + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
}

}  // namespace

tl::expected<SocketChoice, std::string> choose_socket(const std::string& flag_socket,
                                                      const char* env_socket,
                                                      const std::string& flag_config,
                                                      const std::string& fallback_config) {
  if (!flag_socket.empty()) return SocketChoice{flag_socket, "--socket"};
  if (env_socket != nullptr && *env_socket != '\0')
    return SocketChoice{env_socket, "$JUMBE_SOCKET"};
  if (!flag_config.empty()) {
    auto s = socket_from_config(flag_config);
    if (!s) return tl::make_unexpected("--config " + s.error());
    if (!s->empty()) return SocketChoice{*s, "api.socket in " + flag_config};
    return SocketChoice{default_socket_path, "the default; " + flag_config + " sets no api.socket"};
  }
  // The default config is often root-only (it may hold API tokens): unreadable is not an error.
  if (!fallback_config.empty()) {
    auto s = socket_from_config(fallback_config);
    if (s && !s->empty()) return SocketChoice{*s, "api.socket in " + fallback_config};
  }
  return SocketChoice{default_socket_path, "the default"};
}

}  // namespace jumbe::cli
