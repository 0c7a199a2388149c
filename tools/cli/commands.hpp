// Subcommands of the `jumbe` CLI. Each add_* function registers its subcommand on the app and
// stores the exit code of the run in `exit_code` when the subcommand is chosen.
#pragma once

#include <CLI/CLI.hpp>

namespace jumbe::cli {
void add_pdu_command(CLI::App& app, int& exit_code);
void add_send_command(CLI::App& app, int& exit_code);
void add_broadcast_command(CLI::App& app, int& exit_code);
void add_status_commands(CLI::App& app, int& exit_code);  // `status` and `modems`
void add_inbox_command(CLI::App& app, int& exit_code);
void add_watch_command(CLI::App& app, int& exit_code);
void add_ussd_command(CLI::App& app, int& exit_code);
void add_queue_command(CLI::App& app, int& exit_code);
void add_groups_command(CLI::App& app, int& exit_code);
}  // namespace jumbe::cli
