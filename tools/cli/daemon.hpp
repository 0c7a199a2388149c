// What every daemon-facing subcommand shares: the --socket/--config/--json options, one call to
// the API with the CLI's error conventions, and output helpers (JSON lines, tables sized to the
// terminal). Contract of call(): 2xx -> the JSON body; otherwise one line on stderr
// "jumbe <command>: <why>" and the exit code scripts rely on (exit_codes.hpp): 3 when the daemon
// cannot be reached, 1 for an API error or a connection lost mid-request.
#pragma once

#include <CLI/CLI.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <tl/expected.hpp>

#include "jumbe/cli/http_client.hpp"

namespace jumbe::cli {

struct DaemonOptions {
  std::string socket;
  std::string config;
  bool json = false;
};

// --socket, --config and (unless with_json is false) --json on a subcommand.
void add_daemon_options(CLI::App* app, DaemonOptions& opts, bool with_json = true);

class Daemon {
 public:
  // Chooses the socket; a bad --config prints why and gives exit_usage.
  static tl::expected<Daemon, int> open(const DaemonOptions& opts, std::string command);

  tl::expected<nlohmann::json, int> call(
      std::string_view method, const std::string& target,
      const std::optional<nlohmann::json>& body = std::nullopt, const Headers& headers = {},
      std::optional<std::chrono::milliseconds> timeout = std::nullopt) const;

  // Prints a transport failure / API error response and returns the exit code for it.
  int report(const TransportError& e) const;
  int report(const HttpResponse& r) const;
  // "jumbe <command>: <message>" on stderr.
  void error(const std::string& message) const;

  const HttpClient& http() const { return http_; }
  const std::string& command() const { return command_; }

 private:
  Daemon(HttpClient http, std::string command)
      : http_(std::move(http)), command_(std::move(command)) {}
  HttpClient http_;
  std::string command_;
};

// One JSON document on one line of stdout (the API's JSON as-is, for scripts and jq).
void print_json_line(const nlohmann::json& j);
bool stdout_is_tty();
bool stdin_is_tty();
// Columns of the terminal on stdout; 0 when stdout is not a terminal (no truncation).
std::size_t terminal_width();

// Small accessors that tolerate missing or null fields in API JSON.
std::string str(const nlohmann::json& j, const char* key, const std::string& fallback = "");
std::int64_t num(const nlohmann::json& j, const char* key, std::int64_t fallback = 0);
// True only for a JSON true: a missing or null key (a daemon of another version) reads as false.
bool flag(const nlohmann::json& j, const char* key);
std::optional<int> opt_int(const nlohmann::json& j, const char* key);

}  // namespace jumbe::cli
