// `jumbe status` (GET /v1/status) and `jumbe modems [NAME]` (GET /v1/modems[/{name}]): what an
// operator checks first. Contract: a table or "key: value" block for people, the API's JSON with
// --json; signal shown with a verdict ("-71 dBm (excellent)"), times as ages ("2m ago").
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "daemon.hpp"
#include "exit_codes.hpp"
#include "jumbe/cli/duration.hpp"
#include "jumbe/cli/http_client.hpp"
#include "jumbe/cli/human.hpp"
#include "jumbe/cli/table.hpp"

namespace jumbe::cli {
namespace {

struct StatusOptions {
  DaemonOptions daemon;
  std::string modem;
};

int run_status(const StatusOptions& o) {
  auto d = Daemon::open(o.daemon, "status");
  if (!d) return d.error();
  auto r = d->call("GET", "/v1/status");
  if (!r) return r.error();
  if (o.daemon.json) {
    print_json_line(*r);
    return exit_ok;
  }
  const auto& j = *r;
  const nlohmann::json none = nlohmann::json::object();
  const auto& modems = j.contains("modems") ? j["modems"] : none;
  const auto& queue = j.contains("queue") ? j["queue"] : none;
  std::string up = format_duration(num(j, "uptime_seconds"));
  if (const auto since = str(j, "started_at"); !since.empty()) up += " (since " + since + ")";
  std::cout << render_fields({
      {"Gateway", str(j, "name")},
      {"Version", str(j, "version")},
      {"Socket", d->http().socket().path},
      {"Up", up},
      {"Modems", std::to_string(num(modems, "ready")) + " of " +
                     std::to_string(num(modems, "configured")) + " ready"},
      {"Queue", std::to_string(num(queue, "queued")) + " queued, " +
                    std::to_string(num(queue, "sending")) + " sending, " +
                    std::to_string(num(queue, "held")) + " held"},
      {"Store", str(j, "store")},
  });
  return exit_ok;
}

std::string network(const nlohmann::json& m) {
  std::string n = str(m, "network_operator");
  const std::string reg = str(m, "registration");
  if (!reg.empty()) n += n.empty() ? reg : " (" + reg + ")";
  return n;
}

std::string counter(const nlohmann::json& m, const char* key) {
  const nlohmann::json none = nlohmann::json::object();
  return std::to_string(num(m.contains("counters") ? m["counters"] : none, key));
}

std::string storage(const nlohmann::json& m) {
  if (!m.contains("storage_total") || !m["storage_total"].is_number()) return "";
  return std::to_string(num(m, "storage_used")) + "/" + std::to_string(num(m, "storage_total"));
}

// `blocked` is null or the reason the modem takes no work ("daily quota 500 reached"); the table
// says only "blocked" to stay narrow, `jumbe modems NAME` gives the reason.
std::string state_of(const nlohmann::json& m, bool with_reason) {
  std::string s = str(m, "state");
  if (const std::string why = str(m, "blocked"); !why.empty())
    s += (s.empty() ? "blocked" : ", blocked") + (with_reason ? ": " + why : std::string());
  if (m.contains("enabled") && m["enabled"].is_boolean() && !m["enabled"].get<bool>())
    s += s.empty() ? "disabled" : ", disabled";
  return s;
}

void print_modem(const nlohmann::json& m) {
  std::cout << render_fields({
      {"Modem", str(m, "name")},
      {"State", state_of(m, true)},
      {"Ready", str(m, "ready")},
      {"Signal", signal_text(opt_int(m, "signal_dbm"))},
      {"Network", network(m)},
      {"Operator", str(m, "operator")},
      {"SIM", str(m, "sim")},
      {"SIM storage", storage(m)},
      {"Balance", str(m, "balance")},
      {"In flight", str(m, "in_flight")},
      {"Device", str(m, "match")},
      {"Hardware", str(m, "manufacturer") + " " + str(m, "model") + " " + str(m, "revision")},
      {"Profile", str(m, "profile")},
      {"IMEI", str(m, "imei")},
      {"IMSI", str(m, "imsi")},
      {"ICCID", str(m, "iccid")},
      {"Sent", counter(m, "segments_sent") + " segments (" + counter(m, "segments_failed") +
                   " failed, " + counter(m, "segments_uncertain") + " uncertain)"},
      {"Received", counter(m, "messages_received") + " messages, " + counter(m, "status_reports") +
                       " status reports"},
      {"USSD", counter(m, "ussd_requests") + " requests"},
      {"Trouble", counter(m, "timeouts") + " timeouts, " + counter(m, "resets") + " resets"},
      {"Last error", str(m, "last_error")},
  });
}

int run_modems(const StatusOptions& o) {
  auto d = Daemon::open(o.daemon, "modems");
  if (!d) return d.error();
  if (!o.modem.empty()) {
    auto r = d->call("GET", "/v1/modems/" + percent_encode(o.modem));
    if (!r) return r.error();
    if (o.daemon.json)
      print_json_line(*r);
    else
      print_modem(*r);
    return exit_ok;
  }
  auto r = d->call("GET", "/v1/modems");
  if (!r) return r.error();
  if (o.daemon.json) {
    print_json_line(*r);
    return exit_ok;
  }
  Table t;
  t.headers = {"NAME", "STATE", "READY",  "SIGNAL",   "NETWORK",
               "SIM",  "SENT",  "FAILED", "RECEIVED", "LAST ERROR"};
  t.right_aligned = {6, 7, 8};
  t.flex = 9;
  if (r->contains("modems") && (*r)["modems"].is_array())
    for (const auto& m : (*r)["modems"])
      t.rows.push_back({str(m, "name"), state_of(m, false), str(m, "ready"),
                        signal_text(opt_int(m, "signal_dbm")), network(m), str(m, "sim"),
                        counter(m, "segments_sent"), counter(m, "segments_failed"),
                        counter(m, "messages_received"), str(m, "last_error")});
  if (t.rows.empty()) {
    std::cout << "no modems configured (add them under modems: in the daemon's config)\n";
    return exit_ok;
  }
  std::cout << render_table(t, terminal_width());
  return exit_ok;
}

}  // namespace

void add_status_commands(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<StatusOptions>();
  CLI::App* status = app.add_subcommand("status", "The gateway at a glance: modems, queue, uptime");
  status->description(
      "The gateway at a glance: version, uptime, modems ready, queue depths, store health.\n\n"
      "Examples:\n"
      "  jumbe status\n"
      "  jumbe status --json | jq .queue.queued");
  add_daemon_options(status, o->daemon);
  status->callback([o, &exit_code] { exit_code = run_status(*o); });

  auto m = std::make_shared<StatusOptions>();
  CLI::App* modems = app.add_subcommand("modems", "Each modem's state, signal, SIM and counters");
  modems->description(
      "Each modem's state, signal, network, SIM and counters; with NAME, everything about one\n"
      "modem (identity, IMEI/IMSI/ICCID, SIM storage, balance, last error).\n\n"
      "Examples:\n"
      "  jumbe modems\n"
      "  jumbe modems saf-1\n"
      "  jumbe modems --json | jq -r '.modems[] | select(.ready | not) | .name'");
  modems->add_option("name", m->modem, "One modem's name")->type_name("NAME");
  add_daemon_options(modems, m->daemon);
  modems->callback([m, &exit_code] { exit_code = run_modems(*m); });
}

}  // namespace jumbe::cli
