// `jumbe send`: queue a text to one or more numbers (POST /v1/messages), optionally following it
// until it is sent or delivered (--wait). Contract: argument mistakes (bad duration, bad
// priority, --wait=delivered with --no-report) are usage errors (exit 2) found before anything is
// sent; the daemon's validation errors (a bad number) come back as its one-line message, exit 1.
#include <iostream>
#include <iterator>
#include <memory>

#include "commands.hpp"
#include "daemon.hpp"
#include "exit_codes.hpp"
#include "jumbe/cli/duration.hpp"
#include "jumbe/cli/human.hpp"
#include "wait.hpp"

namespace jumbe::cli {
namespace {

struct SendOptions {
  DaemonOptions daemon;
  std::vector<std::string> to;
  std::string text;
  std::string priority = "normal";
  std::string valid_for;
  std::string not_before;
  bool no_report = false;
  std::string client_ref;
  std::string idempotency_key;
  std::string modem;
  std::string wait;  // "", "sent" or "delivered"
  std::string timeout;
};

constexpr const char* send_help =
    "Queue an SMS to one or more numbers.\n\n"
    "Examples:\n"
    "  jumbe send --to 0712345678 --text 'Baraza kesho saa nne'\n"
    "  jumbe send --to +254712345678 --to 0733000111 --text 'Mkutano umeahirishwa' \\\n"
    "      --priority high --valid-for 2h --wait\n"
    "  echo 'Habari' | jumbe send --to 0712345678 --text - --json\n\n"
    "Numbers may be local (07..., 01...) or E.164 (+254...). The answer names each message's id\n"
    "(follow it with `jumbe queue show ID`). --wait follows the messages on the event stream and\n"
    "exits 0 once every one is sent (--wait=delivered: delivered, by status report), 1 if one\n"
    "failed, expired, was cancelled or was held for an operator.";

// --not-before: an RFC 3339 time, or a duration from now ("10m").
tl::expected<std::string, std::string> not_before_value(const std::string& v) {
  if (parse_rfc3339_ms(v)) return v;
  auto d = parse_duration(v);
  if (!d)
    return tl::make_unexpected("--not-before: " + v +
                               " is neither an RFC 3339 time (2026-11-23T18:00:00Z) nor a "
                               "duration from now (10m, 2h)");
  return format_rfc3339_ms(now_epoch_ms() + *d * 1000);
}

std::string read_stdin() {
  return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
}

void print_queued(const nlohmann::json& m) {
  std::cout << str(m, "state", "queued") << " #" << num(m, "id") << " to " << str(m, "to") << " ("
            << str(m, "encoding") << ", " << plural(num(m, "segments", 1), "segment", "segments")
            << ")";
  if (flag(m, "duplicate"))
    std::cout << " [already submitted with this idempotency key: nothing new queued]";
  std::cout << "\n";
}

int run_send(const SendOptions& o) {
  nlohmann::json body;
  if (o.to.size() == 1)
    body["to"] = o.to.front();
  else
    body["to"] = o.to;
  body["text"] = o.text == "-" ? read_stdin() : o.text;
  if (o.text == "-" && !body["text"].get<std::string>().empty() &&
      body["text"].get<std::string>().back() == '\n') {
    // `echo text |` adds a newline nobody meant to send.
    auto t = body["text"].get<std::string>();
    t.pop_back();
    body["text"] = t;
  }
  body["priority"] = o.priority;
  if (!o.valid_for.empty()) {
    auto d = parse_duration(o.valid_for);
    if (!d || *d <= 0) {
      std::cerr << "jumbe send: --valid-for "
                << (d ? o.valid_for + ": must be more than 0" : d.error()) << "\n";
      return exit_usage;
    }
    body["valid_for"] = *d;
  }
  if (!o.not_before.empty()) {
    auto nb = not_before_value(o.not_before);
    if (!nb) {
      std::cerr << "jumbe send: " << nb.error() << "\n";
      return exit_usage;
    }
    body["not_before"] = *nb;
  }
  if (o.no_report) body["status_report"] = false;
  if (!o.client_ref.empty()) body["client_ref"] = o.client_ref;
  if (!o.idempotency_key.empty()) body["idempotency_key"] = o.idempotency_key;
  if (!o.modem.empty()) body["modem"] = o.modem;

  WaitOptions w;
  w.json = o.daemon.json;
  if (!o.wait.empty()) {
    w.goal = o.wait == "delivered" ? WaitGoal::delivered : WaitGoal::sent;
    if (w.goal == WaitGoal::delivered && o.no_report) {
      std::cerr << "jumbe send: --wait=delivered needs a status report; drop --no-report\n";
      return exit_usage;
    }
  }
  if (!o.timeout.empty()) {
    auto d = parse_duration(o.timeout);
    if (!d) {
      std::cerr << "jumbe send: --timeout " << d.error() << "\n";
      return exit_usage;
    }
    w.timeout = std::chrono::seconds(*d);
  }

  auto daemon = Daemon::open(o.daemon, "send");
  if (!daemon) return daemon.error();
  auto submit = [&]() -> tl::expected<std::vector<nlohmann::json>, int> {
    auto r = daemon->call("POST", "/v1/messages", body);
    if (!r) return tl::make_unexpected(r.error());
    if (r->contains("messages") && (*r)["messages"].is_array())
      return std::vector<nlohmann::json>((*r)["messages"].begin(), (*r)["messages"].end());
    return std::vector<nlohmann::json>{*r};
  };
  if (!o.wait.empty()) return submit_and_wait(*daemon, submit, w);

  auto r = daemon->call("POST", "/v1/messages", body);
  if (!r) return r.error();
  if (o.daemon.json) {
    print_json_line(*r);
    return exit_ok;
  }
  if (r->contains("messages") && (*r)["messages"].is_array())
    for (const auto& m : (*r)["messages"])
      print_queued(m);
  else
    print_queued(*r);
  return exit_ok;
}

}  // namespace

void add_send_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<SendOptions>();
  CLI::App* cmd = app.add_subcommand("send", "Queue an SMS (and optionally wait until it is sent)");
  cmd->description(send_help);
  cmd->add_option("--to", o->to, "Recipient number; repeat for several")
      ->required()
      ->type_name("NUMBER");
  cmd->add_option("--text", o->text, "Message text (UTF-8); - reads it from stdin")
      ->required()
      ->type_name("TEXT");
  cmd->add_option("--priority", o->priority, "emergency, high, normal (default) or bulk")
      ->check(CLI::IsMember({"emergency", "high", "normal", "bulk"}));
  cmd->add_option("--valid-for", o->valid_for, "Give up after this long: 90s, 5m, 2h, 1d")
      ->type_name("DURATION");
  cmd->add_option("--not-before", o->not_before,
                  "Do not send before this time (RFC 3339) or this long from now (10m)")
      ->type_name("TIME");
  cmd->add_flag("--no-report", o->no_report, "Do not ask the network for a delivery report");
  cmd->add_option("--client-ref", o->client_ref, "Your own reference, echoed in events (<= 64)")
      ->type_name("REF");
  cmd->add_option("--idempotency-key", o->idempotency_key,
                  "Resubmitting with the same key never sends twice (<= 128 chars)")
      ->type_name("KEY");
  cmd->add_option("--modem", o->modem, "Send only through this modem")->type_name("NAME");
  cmd->add_option("--wait", o->wait,
                  "Follow the messages until sent (--wait) or delivered (--wait=delivered)")
      ->expected(0, 1)
      ->default_str("sent")
      ->type_name("[sent|delivered]")
      ->check(CLI::IsMember({"sent", "delivered"}));
  cmd->add_option("--timeout", o->timeout, "With --wait: give up (exit 1) after this long")
      ->type_name("DURATION");
  add_daemon_options(cmd, o->daemon);
  cmd->callback([o, &exit_code] { exit_code = run_send(*o); });
}

}  // namespace jumbe::cli
