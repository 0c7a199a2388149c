// Loading the configuration: YAML text in, a complete Config or every problem found out.
// Contract: never throws; all mistakes are reported at once, each as a Diagnostic with the
// 1-based line and column of the offending key or value; secrets never appear in messages.
// PIN/token files are read and environment variables looked up through LoadOptions (tests fake
// them). Relative paths in the file resolve against the config file's directory.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "jumbe/config/config.hpp"
#include "jumbe/config/diagnostic.hpp"

namespace jumbe::config {

struct LoadOptions {
  // Environment lookup for *_env fields; default: std::getenv.
  std::function<std::optional<std::string>(const std::string&)> getenv;
  // Base directory for relative paths; default: the config file's directory (load_file) or the
  // current directory (load_string).
  std::string base_dir;
};

using LoadResult = tl::expected<Config, std::vector<Diagnostic>>;

// Reads and loads FILE. An unreadable file gives one diagnostic naming the file and errno text.
LoadResult load_file(const std::string& path, const LoadOptions& options = {});
// Loads YAML text; `file` is the name used in diagnostics.
LoadResult load_string(std::string_view yaml, const std::string& file = "<string>",
                       const LoadOptions& options = {});

}  // namespace jumbe::config
