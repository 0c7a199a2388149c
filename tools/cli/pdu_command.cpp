// `jumbe pdu`: the SMS codec offline (placeholder while the subcommands are written).
#include "commands.hpp"

namespace jumbe::cli {
void add_pdu_command(CLI::App& app, int& exit_code) {
  (void)exit_code;
  app.add_subcommand("pdu", "SMS PDU codec, offline (being written)");
}
}  // namespace jumbe::cli
