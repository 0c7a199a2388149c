// `jumbe broadcast`: one text to a group or a list of numbers (POST /v1/broadcasts), and with
// --follow a live progress line (bar, counts, rate, ETA) from GET /v1/broadcasts/{id} until the
// broadcast is done. Contract: exit 0 when queued (without --follow) or when every recipient got
// the message; 1 when some failed, expired or were cancelled (the summary says how many). Ctrl-C
// stops following, never the broadcast.
#include <iostream>
#include <memory>
#include <thread>

#include "commands.hpp"
#include "daemon.hpp"
#include "exit_codes.hpp"
#include "jumbe/cli/duration.hpp"
#include "jumbe/cli/human.hpp"

namespace jumbe::cli {
namespace {

struct BroadcastOptions {
  DaemonOptions daemon;
  std::string group;
  std::vector<std::string> to;
  std::string text;
  std::string name;
  std::string priority = "bulk";
  std::string valid_for;
  std::string idempotency_key;
  bool no_report = false;
  bool follow = false;
};

int follow(const Daemon& d, std::int64_t id, bool json) {
  const bool tty = stdout_is_tty() && !json;
  const std::string target = "/v1/broadcasts/" + std::to_string(id);
  std::string last_line;
  auto last_print = std::chrono::steady_clock::now() - std::chrono::hours(1);
  int unreachable = 0;
  while (true) {
    auto raw = d.http().request("GET", target);
    if (!raw) {
      // jumbed restarting mid-broadcast: the broadcast is durable, keep following for a while.
      if (++unreachable > 60) return d.report(raw.error());
      std::this_thread::sleep_for(std::chrono::seconds(1));
      continue;
    }
    unreachable = 0;
    if (raw->status != 200) {
      if (tty) std::cout << "\n";
      return d.report(*raw);
    }
    const auto j = nlohmann::json::parse(raw->body, nullptr, false);
    const BroadcastProgress p = broadcast_progress(j);
    const auto now = std::chrono::steady_clock::now();
    if (json) {
      // One progress document per change, as the API returned it.
      const std::string line = j.dump();
      if (line != last_line) print_json_line(j);
      last_line = line;
    } else if (tty) {
      const std::size_t width = terminal_width();
      std::cout << "\r\x1b[K" << progress_line(p, true, width == 0 ? 80 : width) << std::flush;
    } else {
      // A log file gets a line when something changed, at most every 5 s, and the last one.
      const std::string line = progress_line(p, false);
      if (line != last_line && (p.done || now - last_print >= std::chrono::seconds(5))) {
        std::cout << line << std::endl;
        last_line = line;
        last_print = now;
      }
    }
    if (p.done) {
      if (tty) std::cout << "\n";
      if (p.unsuccessful() > 0) {
        d.error(std::to_string(p.unsuccessful()) + " of " + std::to_string(p.total) +
                " recipients did not get it (" + std::to_string(p.failed) + " failed, " +
                std::to_string(p.expired) + " expired, " + std::to_string(p.cancelled) +
                " cancelled): jumbe queue list");
        return exit_failed;
      }
      return exit_ok;
    }
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
}

int run_broadcast(const BroadcastOptions& o) {
  nlohmann::json body{{"text", o.text}, {"priority", o.priority}};
  if (!o.group.empty()) body["group"] = o.group;
  if (!o.to.empty()) body["recipients"] = o.to;
  if (!o.name.empty()) body["name"] = o.name;
  if (!o.idempotency_key.empty()) body["idempotency_key"] = o.idempotency_key;
  if (o.no_report) body["status_report"] = false;
  if (!o.valid_for.empty()) {
    auto v = parse_duration(o.valid_for);
    if (!v || *v <= 0) {
      std::cerr << "jumbe broadcast: --valid-for "
                << (v ? o.valid_for + ": must be more than 0" : v.error()) << "\n";
      return exit_usage;
    }
    body["valid_for"] = *v;
  }
  auto d = Daemon::open(o.daemon, "broadcast");
  if (!d) return d.error();
  auto r = d->call("POST", "/v1/broadcasts", body);
  if (!r) return r.error();
  const std::int64_t id = num(*r, "id", -1);
  if (o.daemon.json) {
    print_json_line(*r);
  } else {
    std::cout << "broadcast #" << id << " queued for "
              << plural(num(*r, "recipients"), "recipient", "recipients");
    if (r->contains("encoding"))
      std::cout << " (" << str(*r, "encoding") << ", "
                << plural(num(*r, "segments", 1), "segment", "segments") << " each)";
    if (r->value("duplicate", false)) std::cout << " [already submitted with this key]";
    std::cout << "\n";
    if (o.follow)
      std::cerr << "following it; Ctrl-C stops following, not the broadcast" << std::endl;
  }
  if (!o.follow || id < 0) return exit_ok;
  return follow(*d, id, o.daemon.json);
}

}  // namespace

void add_broadcast_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<BroadcastOptions>();
  CLI::App* cmd = app.add_subcommand("broadcast", "One text to a group or a list of numbers");
  cmd->description(
      "One text to every member of a group (see `jumbe groups`) or to a list of numbers, at\n"
      "bulk priority unless told otherwise. --follow shows a live progress bar with counts, send\n"
      "rate and ETA until every recipient is done.\n\n"
      "Examples:\n"
      "  jumbe broadcast --group LANET --text 'Chanjo ya mifugo Jumamosi' --follow\n"
      "  jumbe broadcast --to 0712345678 --to 0733000111 --text 'Kikao saa nane' --priority high\n"
      "  jumbe broadcast --group WARD-7 --text \"$(cat notice.txt)\" --json");
  auto* group = cmd->add_option("--group", o->group, "Group name (members from the store)")
                    ->type_name("NAME");
  auto* to =
      cmd->add_option("--to", o->to, "Recipient number; repeat for several")->type_name("NUMBER");
  group->excludes(to);
  to->excludes(group);
  cmd->add_option("--text", o->text, "Message text (UTF-8)")->required()->type_name("TEXT");
  cmd->add_option("--name", o->name, "A name for the broadcast, shown in progress")
      ->type_name("NAME");
  cmd->add_option("--priority", o->priority, "emergency, high, normal or bulk (default)")
      ->check(CLI::IsMember({"emergency", "high", "normal", "bulk"}));
  cmd->add_option("--valid-for", o->valid_for, "Give up on a recipient after this long: 2h, 1d")
      ->type_name("DURATION");
  cmd->add_option("--idempotency-key", o->idempotency_key,
                  "Resubmitting with the same key never sends twice")
      ->type_name("KEY");
  cmd->add_flag("--no-report", o->no_report, "Do not ask for delivery reports");
  cmd->add_flag("--follow", o->follow, "Show live progress until the broadcast is done");
  add_daemon_options(cmd, o->daemon);
  cmd->callback([o, &exit_code] {
    if (o->group.empty() && o->to.empty()) {
      std::cerr << "jumbe broadcast: give --group NAME or at least one --to NUMBER\n"
                << "Run with --help for more information.\n";
      exit_code = exit_usage;
      return;
    }
    exit_code = run_broadcast(*o);
  });
}

}  // namespace jumbe::cli
