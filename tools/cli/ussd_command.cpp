// `jumbe ussd [--modem NAME] CODE`: run a USSD session (POST /v1/ussd, then POST
// /v1/ussd/{session} with each answer, DELETE to end). Contract: while the network keeps the
// session open, answers come from --input (in order, for scripts), else from a prompt when stdin
// is a terminal; with neither left the session is cancelled so the modem is free again. Exit 0
// when the network ended the session normally, 1 on an API error (busy modem 409, no USSD modem
// 503, network silent 504) or when the network reports an error status.
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "daemon.hpp"
#include "exit_codes.hpp"
#include "jumbe/cli/http_client.hpp"
#include "jumbe/cli/table.hpp"

namespace jumbe::cli {
namespace {

struct UssdOptions {
  DaemonOptions daemon;
  std::string modem;
  std::string code;
  std::vector<std::string> inputs;
};

// The network may take most of a minute to answer a USSD request (3GPP TS 24.090 leaves the
// timer to the operator; Safaricom menus answer in seconds, but a slow one should not be cut).
constexpr std::chrono::seconds ussd_timeout{90};

int run_ussd(const UssdOptions& o) {
  auto d = Daemon::open(o.daemon, "ussd");
  if (!d) return d.error();
  nlohmann::json body{{"code", o.code}};
  if (!o.modem.empty()) body["modem"] = o.modem;
  auto r = d->call("POST", "/v1/ussd", body, {}, ussd_timeout);
  if (!r) return r.error();
  std::size_t next_input = 0;
  while (true) {
    const auto& j = *r;
    if (o.daemon.json) {
      print_json_line(j);
    } else {
      // Menus arrive with "\n" between lines; print them as the phone would.
      std::string text = str(j, "text");
      std::string safe;
      std::size_t start = 0;
      while (start <= text.size()) {
        const auto nl = text.find('\n', start);
        safe += terminal_safe(text.substr(start, nl == std::string::npos ? nl : nl - start));
        if (nl == std::string::npos) break;
        safe += '\n';
        start = nl + 1;
      }
      std::cout << safe << std::endl;
    }
    const int status = static_cast<int>(num(j, "status", 0));
    const bool open = flag(j, "open");
    if (!open) {
      // +CUSD status 2 = terminated by the network; 0 = no further action; 3..5 are errors
      // (3GPP TS 27.007 7.15).
      if (status >= 3) {
        d->error("the network ended the session with USSD status " + std::to_string(status));
        return exit_failed;
      }
      return exit_ok;
    }
    const std::string session = str(j, "session", str(j, "modem"));
    std::string answer;
    if (next_input < o.inputs.size()) {
      answer = o.inputs[next_input++];
      if (!o.daemon.json) std::cout << "> " << answer << std::endl;
    } else if (stdin_is_tty() && !o.daemon.json) {
      std::cout << "> " << std::flush;
      if (!std::getline(std::cin, answer)) answer.clear();
    }
    if (answer.empty()) {
      auto c = d->call("DELETE", "/v1/ussd/" + percent_encode(session));
      if (!c) return c.error();
      if (!o.daemon.json) std::cout << "(session cancelled)\n";
      return exit_ok;
    }
    r = d->call("POST", "/v1/ussd/" + percent_encode(session), nlohmann::json{{"input", answer}},
                {}, ussd_timeout);
    if (!r) return r.error();
  }
}

}  // namespace

void add_ussd_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<UssdOptions>();
  CLI::App* cmd = app.add_subcommand("ussd", "Run a USSD code, e.g. *144# (balance), menus too");
  cmd->description(
      "Run a USSD code on a modem and show the network's answer. When the network opens a menu\n"
      "you are prompted for each answer (an empty answer ends the session); scripts pass the\n"
      "answers with --input, in order.\n\n"
      "Examples:\n"
      "  jumbe ussd '*144#'\n"
      "  jumbe ussd --modem saf-1 '*544#' --input 1 --input 2\n"
      "  jumbe ussd --json '*100#' | jq -r .text");
  cmd->add_option("code", o->code, "The USSD string, e.g. *144# (quote it: # starts a comment)")
      ->required()
      ->type_name("CODE");
  cmd->add_option("--modem", o->modem, "Use this modem (default: any ready one)")
      ->type_name("NAME");
  cmd->add_option("--input", o->inputs, "An answer to the menu; repeat for each step")
      ->type_name("TEXT");
  add_daemon_options(cmd, o->daemon);
  cmd->callback([o, &exit_code] { exit_code = run_ussd(*o); });
}

}  // namespace jumbe::cli
