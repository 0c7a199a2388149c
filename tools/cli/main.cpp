// `jumbe`: the operator's and scripts' command line. Subcommands talk to jumbed over its unix
// socket, except `jumbe pdu`, which runs the SMS codec offline for triage.
#include <CLI/CLI.hpp>
#include <iostream>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "jumbe/version.hpp"

int main(int argc, char** argv) {
  CLI::App app{
      "jumbe: command line for the jumbe SMS/USSD gateway.\n\n"
      "Subcommands that need the daemon reach it on its unix socket: --socket PATH, else\n"
      "$JUMBE_SOCKET, else api.socket of --config FILE (default /etc/jumbe/jumbe.yaml), else\n"
      "/run/jumbe/jumbe.sock. Every one prints a table for people and, with --json, the API's\n"
      "JSON for scripts. `jumbe pdu` works offline: it encodes and decodes SMS PDUs exactly as\n"
      "the gateway does, to triage what a modem printed.\n\n"
      "Start with: jumbe status; jumbe modems; jumbe send --to 0712345678 --text hi --wait\n\n"
      "Exit codes: 0 success, 1 the request failed, 2 usage error, 3 daemon unreachable.",
      "jumbe"};
  app.set_version_flag("--version", std::string{"jumbe "} + std::string{jumbe::version()},
                       "Print the version (git describe of the build) and exit");
  app.require_subcommand(1);
  app.fallthrough(false);

  int exit_code = jumbe::cli::exit_ok;
  jumbe::cli::add_send_command(app, exit_code);
  jumbe::cli::add_broadcast_command(app, exit_code);
  jumbe::cli::add_status_commands(app, exit_code);
  jumbe::cli::add_inbox_command(app, exit_code);
  jumbe::cli::add_watch_command(app, exit_code);
  jumbe::cli::add_ussd_command(app, exit_code);
  jumbe::cli::add_queue_command(app, exit_code);
  jumbe::cli::add_groups_command(app, exit_code);
#ifdef JUMBE_CLI_HAS_PDU
  jumbe::cli::add_pdu_command(app, exit_code);
#endif

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return jumbe::cli::exit_usage;
  }
  return exit_code;
}
