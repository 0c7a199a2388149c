// What changed between two loaded configurations, for SIGHUP (issue 7: "modems added, removed
// or changed without losing or repeating any message"). Contract: pure; modems are matched by
// name; a modem counts as changed when any of its settings differs (its PIN included, compared
// without being printed). Settings that only take effect at start are listed so the daemon can
// say "restart needed for store.path" instead of silently ignoring them.
#pragma once

#include <string>
#include <vector>

#include "jumbe/config/config.hpp"

namespace jumbe::config {

struct ReloadPlan {
  std::vector<std::string> modems_added;    // names, in the new file's order
  std::vector<std::string> modems_removed;  // names, in the old file's order
  std::vector<std::string> modems_changed;  // names whose settings differ
  // Dotted field paths that changed but need a restart to apply (e.g. "store.path").
  std::vector<std::string> restart_needed;
  [[nodiscard]] bool modems_unchanged() const {
    return modems_added.empty() && modems_removed.empty() && modems_changed.empty();
  }
};

ReloadPlan plan_reload(const Config& before, const Config& after);

}  // namespace jumbe::config
