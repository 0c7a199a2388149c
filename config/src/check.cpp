// `jumbed --config FILE --check` (architecture.md, jumbed contract): load, print, exit code.
// Contract: see check.hpp. Errors and warnings go to `err` one per line in file order; the
// summary line on success lets an operator see at a glance that the file they meant was read.
#include "jumbe/config/check.hpp"

#include <ostream>

namespace jumbe::config {

int run_check(const std::string& path, std::ostream& out, std::ostream& err,
              const LoadOptions& options) {
  auto result = load_file(path, options);
  if (!result) {
    for (const auto& d : result.error())
      err << d.to_string() << '\n';
    err << path << ": " << result.error().size()
        << (result.error().size() == 1 ? " problem" : " problems") << " found\n";
    return kCheckInvalid;
  }
  for (const auto& w : result->warnings)
    err << w.to_string() << '\n';
  const auto& c = *result;
  auto plural = [](std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
  };
  out << path << ": ok: " << plural(c.modems.size(), "modem", "modems") << ", "
      << plural(c.api.clients.size(), "api client", "api clients") << ", "
      << plural(c.services.groups.size(), "group", "groups") << ", "
      << plural(c.webhooks.size(), "webhook", "webhooks");
  if (!c.warnings.empty()) out << ", " << plural(c.warnings.size(), "warning", "warnings");
  out << '\n';
  return kCheckOk;
}

}  // namespace jumbe::config
