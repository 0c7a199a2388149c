// `jumbe watch`: the event stream (GET /v1/events, Server-Sent Events), one line per event until
// Ctrl-C. Contract: a stream that drops (jumbed restarting) is resumed with Last-Event-ID, so
// nothing is shown twice or lost; only a daemon unreachable at the start exits (3). --json prints
// each event's JSON as the API sent it, one per line.
#include <iostream>
#include <memory>
#include <set>
#include <thread>

#include "commands.hpp"
#include "daemon.hpp"
#include "exit_codes.hpp"
#include "jumbe/cli/api_error.hpp"
#include "jumbe/cli/human.hpp"

namespace jumbe::cli {
namespace {

const std::set<std::string> known_kinds{"inbound", "state", "delivery",
                                        "modem",   "ussd",  "broadcast"};

struct WatchOptions {
  DaemonOptions daemon;
  std::vector<std::string> kinds;
  std::int64_t since = -1;
};

int run_watch(const WatchOptions& o) {
  std::string kinds;
  for (const auto& k : o.kinds)
    kinds += (kinds.empty() ? "" : ",") + k;
  auto d = Daemon::open(o.daemon, "watch");
  if (!d) return d.error();
  std::string target = "/v1/events";
  std::string sep = "?";
  if (!kinds.empty()) {
    target += sep + "kinds=" + kinds;
    sep = "&";
  }
  SseParser parser;
  if (o.since >= 0) target += sep + "after=" + std::to_string(o.since);
  bool connected_once = false;
  int backoff_s = 1;
  while (true) {
    Headers h;
    if (!parser.last_event_id().empty()) h.emplace_back("Last-Event-ID", parser.last_event_id());
    StreamHooks hooks;
    hooks.on_open = [&] {
      if (connected_once && backoff_s > 1) std::cerr << "jumbe watch: reconnected\n";
      connected_once = true;
      backoff_s = 1;
      return true;
    };
    hooks.on_event = [&](const SseEvent& ev) {
      if (o.daemon.json) {
        std::cout << ev.data << std::endl;
        return true;
      }
      const auto j = nlohmann::json::parse(ev.data, nullptr, false);
      const std::string kind = ev.event == "message" ? str(j, "kind", ev.event) : ev.event;
      std::cout << clock_time(str(j, "at")) << "  " << event_line(kind, j) << std::endl;
      return true;
    };
    auto r = d->http().stream(target, h, hooks, parser);
    if (r && r->status != 200) return d->report(*r);
    if (!r && !connected_once) return d->report(r.error());
    // Dropped (or jumbed went quiet): resume where we were, gently.
    if (!r && backoff_s == 1)
      std::cerr << "jumbe watch: " << r.error().message << "; reconnecting\n";
    std::this_thread::sleep_for(std::chrono::seconds(backoff_s));
    backoff_s = std::min(backoff_s * 2, 16);
  }
}

}  // namespace

void add_watch_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<WatchOptions>();
  CLI::App* cmd = app.add_subcommand("watch", "Follow the gateway's events live (Ctrl-C stops)");
  cmd->description(
      "Follow the gateway's events live, one line each, until Ctrl-C: inbound messages, state\n"
      "changes, delivery reports, modem health, USSD, finished broadcasts. Survives a daemon\n"
      "restart (resumes from the last event seen).\n\n"
      "Examples:\n"
      "  jumbe watch\n"
      "  jumbe watch --kinds inbound,delivery\n"
      "  jumbe watch --since 0 --json | jq -c 'select(.kind == \"inbound\")'");
  cmd->add_option("--kinds", o->kinds,
                  "Only these kinds: inbound, state, delivery, modem, ussd, broadcast")
      ->delimiter(',')
      ->type_name("KIND,...")
      ->check(CLI::IsMember(known_kinds));
  cmd->add_option("--since", o->since, "Start after this event id (default: your cursor)")
      ->type_name("ID")
      ->check(CLI::NonNegativeNumber);
  add_daemon_options(cmd, o->daemon);
  cmd->callback([o, &exit_code] { exit_code = run_watch(*o); });
}

}  // namespace jumbe::cli
