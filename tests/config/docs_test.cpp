// docs/config.md documents every key the loader accepts, and nothing it does not: each field is a
// table row whose first cell is the field's dotted path in backticks, e.g. `modems[].pin_file`.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "jumbe/config/schema.hpp"

namespace jumbe::config {
namespace {

std::set<std::string> documented_fields() {
  std::ifstream in(std::string(JUMBE_SOURCE_DIR) + "/docs/config.md");
  EXPECT_TRUE(in.good()) << "docs/config.md is missing";
  std::set<std::string> fields;
  // A row "| `path` | ...": the path is the first cell, alone in backticks. (No std::regex: g++ 12
  // warns inside <regex> under -O2 with sanitizers, and the format is this simple.)
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("| `", 0) != 0) continue;
    const auto end = line.find('`', 3);
    if (end == std::string::npos || line.compare(end, 3, "` |") != 0) continue;
    const std::string path = line.substr(3, end - 3);
    const bool plain =
        path.find_first_not_of("abcdefghijklmnopqrstuvwxyz_[].*") == std::string::npos;
    if (plain && !path.empty()) fields.insert(path);
  }
  return fields;
}

TEST(ConfigDocs, EveryAcceptedKeyIsDocumented) {
  const auto documented = documented_fields();
  for (const auto& f : schema_fields())
    EXPECT_TRUE(documented.count(f)) << "docs/config.md has no row for `" << f << "`";
}

TEST(ConfigDocs, EveryDocumentedKeyIsAccepted) {
  const auto fields = schema_fields();
  const std::set<std::string> accepted(fields.begin(), fields.end());
  for (const auto& f : documented_fields())
    EXPECT_TRUE(accepted.count(f))
        << "docs/config.md documents `" << f << "`, which the loader does not accept";
}

}  // namespace
}  // namespace jumbe::config
