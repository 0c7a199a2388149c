// Shared daemon plumbing of the CLI (see daemon.hpp).
#include "daemon.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "exit_codes.hpp"
#include "jumbe/cli/api_error.hpp"
#include "jumbe/cli/socket_path.hpp"

namespace jumbe::cli {

void add_daemon_options(CLI::App* app, DaemonOptions& opts, bool with_json) {
  app->add_option("--socket", opts.socket,
                  "jumbed's API socket (default: $JUMBE_SOCKET, else api.socket of the config, "
                  "else /run/jumbe/jumbe.sock)")
      ->type_name("PATH");
  app->add_option("--config", opts.config,
                  "Read api.socket from this jumbed config (default /etc/jumbe/jumbe.yaml when "
                  "readable)")
      ->type_name("FILE");
  if (with_json)
    app->add_flag("--json", opts.json, "Print the API's JSON (one document per line) for scripts");
}

tl::expected<Daemon, int> Daemon::open(const DaemonOptions& opts, std::string command) {
  auto choice = choose_socket(opts.socket, std::getenv("JUMBE_SOCKET"), opts.config);
  if (!choice) {
    std::cerr << "jumbe " << command << ": " << choice.error() << "\n";
    return tl::make_unexpected(exit_usage);
  }
  return Daemon(HttpClient(std::move(*choice)), std::move(command));
}

void Daemon::error(const std::string& message) const {
  std::cerr << "jumbe " << command_ << ": " << message << "\n";
}

int Daemon::report(const TransportError& e) const {
  error(e.message);
  return e.kind == TransportFailure::unreachable ? exit_unreachable : exit_failed;
}

int Daemon::report(const HttpResponse& r) const {
  error(describe_api_error(r.status, r.body));
  return exit_failed;
}

tl::expected<nlohmann::json, int> Daemon::call(
    std::string_view method, const std::string& target, const std::optional<nlohmann::json>& body,
    const Headers& headers, std::optional<std::chrono::milliseconds> timeout) const {
  std::optional<std::string> text;
  if (body) text = body->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  auto r = http_.request(method, target, text, headers, timeout);
  if (!r) return tl::make_unexpected(report(r.error()));
  if (r->status < 200 || r->status > 299) return tl::make_unexpected(report(*r));
  if (r->body.empty()) return nlohmann::json::object();
  auto j = nlohmann::json::parse(r->body, nullptr, false);
  if (j.is_discarded()) {
    error("jumbed answered HTTP " + std::to_string(r->status) + " with a body that is not JSON");
    return tl::make_unexpected(exit_failed);
  }
  return j;
}

void print_json_line(const nlohmann::json& j) {
  std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n'
            << std::flush;
}

bool stdout_is_tty() {
  return ::isatty(STDOUT_FILENO) == 1;
}
bool stdin_is_tty() {
  return ::isatty(STDIN_FILENO) == 1;
}

std::size_t terminal_width() {
  if (!stdout_is_tty()) return 0;
  winsize ws{};
  if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  if (const char* c = std::getenv("COLUMNS")) {
    const long v = std::strtol(c, nullptr, 10);
    if (v > 0) return static_cast<std::size_t>(v);
  }
  return 80;
}

std::string str(const nlohmann::json& j, const char* key, const std::string& fallback) {
  if (!j.is_object()) return fallback;
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) return fallback;
  if (it->is_string()) return it->get<std::string>();
  if (it->is_boolean()) return it->get<bool>() ? "yes" : "no";
  return it->dump();
}

bool flag(const nlohmann::json& j, const char* key) {
  if (!j.is_object()) return false;
  const auto it = j.find(key);
  return it != j.end() && it->is_boolean() && it->get<bool>();
}

std::int64_t num(const nlohmann::json& j, const char* key, std::int64_t fallback) {
  if (!j.is_object()) return fallback;
  const auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<std::int64_t>() : fallback;
}

std::optional<int> opt_int(const nlohmann::json& j, const char* key) {
  if (!j.is_object()) return std::nullopt;
  const auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return std::nullopt;
  return it->get<int>();
}

}  // namespace jumbe::cli
