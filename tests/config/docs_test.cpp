// docs/config.md documents every key the loader accepts, and nothing it does not: each field is a
// table row whose first cell is the field's dotted path in backticks, e.g. `modems[].pin_file`.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "jumbe/config/schema.hpp"

namespace jumbe::config {
namespace {

std::set<std::string> documented_fields() {
  std::ifstream in(std::string(JUMBE_SOURCE_DIR) + "/docs/config.md");
  EXPECT_TRUE(in.good()) << "docs/config.md is missing";
  std::set<std::string> fields;
  const std::regex row(R"(^\|\s*`([a-z_\[\]\.\*]+)`\s*\|)");
  std::string line;
  while (std::getline(in, line)) {
    std::smatch m;
    if (std::regex_search(line, m, row)) fields.insert(m[1]);
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
