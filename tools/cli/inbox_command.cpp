// `jumbe inbox`: messages people sent to the gateway's numbers (GET /v1/inbox), optionally
// acknowledged (POST /v1/inbox/ack) so the next `jumbe inbox` starts after them. Contract: the
// listing never moves the cursor unless --ack is given; --since shows from any id, read-only.
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "daemon.hpp"
#include "exit_codes.hpp"
#include "jumbe/cli/duration.hpp"
#include "jumbe/cli/table.hpp"

namespace jumbe::cli {
namespace {

struct InboxOptions {
  DaemonOptions daemon;
  std::int64_t since = -1;
  int limit = 100;
  bool ack = false;
};

int run_inbox(const InboxOptions& o) {
  auto d = Daemon::open(o.daemon, "inbox");
  if (!d) return d.error();
  std::string target = "/v1/inbox?limit=" + std::to_string(o.limit);
  if (o.since >= 0) target += "&after=" + std::to_string(o.since);
  auto r = d->call("GET", target);
  if (!r) return r.error();
  const nlohmann::json empty = nlohmann::json::array();
  const auto& msgs =
      r->contains("messages") && (*r)["messages"].is_array() ? (*r)["messages"] : empty;
  std::int64_t last = -1;
  for (const auto& m : msgs)
    last = std::max(last, num(m, "id", -1));

  if (o.daemon.json) {
    print_json_line(*r);
  } else if (msgs.empty()) {
    std::cout << "no new messages\n";
  } else {
    Table t;
    t.headers = {"ID", "RECEIVED", "FROM", "MODEM", "TEXT"};
    t.right_aligned = {0};
    t.flex = 4;
    const auto now = now_epoch_ms();
    for (const auto& m : msgs) {
      std::string text = str(m, "text");
      if (m.contains("complete") && m["complete"].is_boolean() && !m["complete"].get<bool>())
        text = "[incomplete, " + std::to_string(num(m, "parts")) + " part(s) arrived] " + text;
      t.rows.push_back({std::to_string(num(m, "id")), format_when(str(m, "received_at"), now),
                        str(m, "from"), str(m, "modem"), text});
    }
    std::cout << render_table(t, terminal_width());
    if (r->contains("next") && (*r)["next"].is_number())
      std::cout << "more: jumbe inbox --since " << last << "\n";
  }
  if (o.ack && last >= 0) {
    auto a = d->call("POST", "/v1/inbox/ack", nlohmann::json{{"upto", last}});
    if (!a) return a.error();
    if (o.daemon.json)
      print_json_line(*a);
    else
      std::cout << "acknowledged up to #" << num(*a, "acknowledged", last) << "\n";
  }
  return exit_ok;
}

}  // namespace

void add_inbox_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<InboxOptions>();
  CLI::App* cmd = app.add_subcommand("inbox", "Messages received by the gateway's modems");
  cmd->description(
      "Messages received by the gateway's modems, after your acknowledged cursor (or --since).\n"
      "--ack moves the cursor past what was shown, so the next `jumbe inbox` shows only new "
      "ones.\n\n"
      "Examples:\n"
      "  jumbe inbox\n"
      "  jumbe inbox --since 0 --limit 20\n"
      "  jumbe inbox --json --ack | jq -r '.messages[] | .from + \": \" + .text'");
  cmd->add_option("--since", o->since, "Show messages after this id (default: your cursor)")
      ->type_name("ID")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--limit", o->limit, "At most this many (default 100)")
      ->check(CLI::Range(1, 1000));
  cmd->add_flag("--ack", o->ack, "Acknowledge what was shown (moves your cursor)");
  add_daemon_options(cmd, o->daemon);
  cmd->callback([o, &exit_code] { exit_code = run_inbox(*o); });
}

}  // namespace jumbe::cli
