// `jumbe queue`: the outbound queue for operators. `list` (GET /v1/queue), `show ID` (GET
// /v1/messages/{id} with its segment log), `cancel ID` (DELETE /v1/messages/{id}, refused with
// 409 once a modem has it) and `release ID` (POST /v1/messages/{id}/release: a held message goes
// back to the queue; admin). Contract: `jumbe queue` alone lists; ids are checked before any
// request (a non-number is a usage error, exit 2).
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "daemon.hpp"
#include "exit_codes.hpp"
#include "jumbe/cli/duration.hpp"
#include "jumbe/cli/table.hpp"

namespace jumbe::cli {
namespace {

struct QueueOptions {
  DaemonOptions daemon;
  std::string state;
  int limit = 100;
  std::int64_t after = -1;
  std::int64_t id = 0;
};

int run_list(const QueueOptions& o) {
  auto d = Daemon::open(o.daemon, "queue list");
  if (!d) return d.error();
  std::string target = "/v1/queue?limit=" + std::to_string(o.limit);
  if (!o.state.empty()) target += "&state=" + o.state;
  if (o.after >= 0) target += "&after=" + std::to_string(o.after);
  auto r = d->call("GET", target);
  if (!r) return r.error();
  if (o.daemon.json) {
    print_json_line(*r);
    return exit_ok;
  }
  Table t;
  t.headers = {"ID", "STATE", "PRIORITY", "TO", "ATTEMPTS", "MODEM", "QUEUED", "LAST ERROR"};
  t.right_aligned = {0, 4};
  t.flex = 7;
  const auto now = now_epoch_ms();
  if (r->contains("messages") && (*r)["messages"].is_array())
    for (const auto& m : (*r)["messages"])
      t.rows.push_back({std::to_string(num(m, "id")), str(m, "state"), str(m, "priority"),
                        str(m, "to"), std::to_string(num(m, "attempts")), str(m, "modem"),
                        format_when(str(m, "created_at"), now), str(m, "last_error")});
  if (t.rows.empty()) {
    std::cout << "the queue is empty" << (o.state.empty() ? "" : " (state " + o.state + ")")
              << "\n";
    return exit_ok;
  }
  std::cout << render_table(t, terminal_width());
  if (r->contains("next") && (*r)["next"].is_number())
    std::cout << "more: jumbe queue list --after " << (*r)["next"].get<std::int64_t>()
              << (o.state.empty() ? "" : " --state " + o.state) << "\n";
  return exit_ok;
}

int run_show(const QueueOptions& o) {
  auto d = Daemon::open(o.daemon, "queue show");
  if (!d) return d.error();
  auto r = d->call("GET", "/v1/messages/" + std::to_string(o.id));
  if (!r) return r.error();
  if (o.daemon.json) {
    print_json_line(*r);
    return exit_ok;
  }
  const auto& m = *r;
  const auto now = now_epoch_ms();
  std::string state = str(m, "state");
  if (flag(m, "uncertain")) state += " (uncertain: it may or may not have gone out)";
  std::string text =
      m.contains("text") && m["text"].is_string() ? m["text"].get<std::string>() : "(purged)";
  std::cout << render_fields({
      {"Message", "#" + std::to_string(num(m, "id"))},
      {"To", str(m, "to")},
      {"State", state},
      {"Priority", str(m, "priority")},
      {"Text", text},
      {"Encoding",
       str(m, "encoding") + ", " + std::to_string(num(m, "segments", 1)) + " segment(s)"},
      {"Attempts", std::to_string(num(m, "attempts"))},
      {"Modem", str(m, "modem")},
      {"Last error", str(m, "last_error")},
      {"Client ref", str(m, "client_ref")},
      {"Broadcast", str(m, "broadcast_id")},
      {"Created", str(m, "created_at") + " (" + format_when(str(m, "created_at"), now) + ")"},
      {"Updated", str(m, "updated_at") + " (" + format_when(str(m, "updated_at"), now) + ")"},
      {"Valid until", str(m, "valid_until")},
  });
  if (m.contains("segment_log") && m["segment_log"].is_array() && !m["segment_log"].empty()) {
    Table t;
    t.headers = {"ATTEMPT", "SEGMENT", "MODEM", "TP-MR", "SENT", "REPORT", "REPORTED"};
    t.right_aligned = {0, 1, 3};
    for (const auto& s : m["segment_log"])
      t.rows.push_back({str(s, "attempt"), str(s, "seq"), str(s, "modem"), str(s, "tp_mr"),
                        str(s, "sent_at"), str(s, "report_status"), str(s, "reported_at")});
    std::cout << "\n" << render_table(t, terminal_width());
  }
  return exit_ok;
}

int run_cancel(const QueueOptions& o) {
  auto d = Daemon::open(o.daemon, "queue cancel");
  if (!d) return d.error();
  auto r = d->call("DELETE", "/v1/messages/" + std::to_string(o.id));
  if (!r) return r.error();
  if (o.daemon.json)
    print_json_line(*r);
  else
    std::cout << "#" << num(*r, "id", o.id) << " " << str(*r, "state", "cancelled") << "\n";
  return exit_ok;
}

int run_release(const QueueOptions& o) {
  auto d = Daemon::open(o.daemon, "queue release");
  if (!d) return d.error();
  auto r = d->call("POST", "/v1/messages/" + std::to_string(o.id) + "/release",
                   nlohmann::json::object());
  if (!r) return r.error();
  if (o.daemon.json)
    print_json_line(*r);
  else
    std::cout << "#" << num(*r, "id", o.id) << " released: " << str(*r, "state", "queued") << "\n";
  return exit_ok;
}

void add_list_options(CLI::App* cmd, QueueOptions& o) {
  cmd->add_option("--state", o.state, "Only queued, held or sending")
      ->check(CLI::IsMember({"queued", "held", "sending"}));
  cmd->add_option("--limit", o.limit, "At most this many (default 100)")
      ->check(CLI::Range(1, 1000));
  cmd->add_option("--after", o.after, "Start after this id (paging)")
      ->type_name("ID")
      ->check(CLI::NonNegativeNumber);
}

}  // namespace

void add_queue_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<QueueOptions>();
  CLI::App* queue = app.add_subcommand("queue", "Outbound queue: list, show, cancel, release");
  queue->description(
      "The outbound queue. Without a subcommand: list it.\n\n"
      "Examples:\n"
      "  jumbe queue\n"
      "  jumbe queue list --state held\n"
      "  jumbe queue show 1234\n"
      "  jumbe queue cancel 1234      # only while no modem has it yet\n"
      "  jumbe queue release 1234     # a held message back to the queue (admin)");
  queue->require_subcommand(0, 1);
  add_list_options(queue, *o);
  add_daemon_options(queue, o->daemon);

  CLI::App* list = queue->add_subcommand("list", "Queued, sending and held messages");
  add_list_options(list, *o);
  add_daemon_options(list, o->daemon);
  list->callback([o, &exit_code] { exit_code = run_list(*o); });

  auto with_id = [&](const char* name, const char* help, int (*fn)(const QueueOptions&)) {
    CLI::App* sub = queue->add_subcommand(name, help);
    sub->add_option("id", o->id, "Message id (from `jumbe send` or `jumbe queue`)")
        ->required()
        ->check(CLI::PositiveNumber);
    add_daemon_options(sub, o->daemon);
    sub->callback([o, &exit_code, fn] { exit_code = fn(*o); });
  };
  with_id("show", "Everything about one message, with its segment log", run_show);
  with_id("cancel", "Cancel a message no modem has taken yet", run_cancel);
  with_id("release", "Put a held message back in the queue (admin)", run_release);

  queue->callback([o, queue, &exit_code] {
    if (queue->get_subcommands().empty()) exit_code = run_list(*o);
  });
}

}  // namespace jumbe::cli
