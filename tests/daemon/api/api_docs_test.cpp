// docs/api.yaml and the route table stay in step: every route jumbed registers is documented
// with its method, and every documented path+method is registered (routes marked
// x-jumbe-registered-when exist only with that config, e.g. kannel.enabled).
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <set>

#include "api_harness.hpp"

namespace jumbe::api::testing {
namespace {

using Key = std::pair<std::string, std::string>;  // path, lower-case method

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

TEST(ApiDocs, OpenApiFileMatchesTheRegisteredRoutes) {
  const YAML::Node doc = YAML::LoadFile(JUMBE_API_YAML);
  ASSERT_EQ(doc["openapi"].as<std::string>().substr(0, 2), "3.");
  std::set<Key> documented, conditional;
  for (const auto& p : doc["paths"]) {
    const auto path = p.first.as<std::string>();
    for (const auto& m : p.second) {
      const auto method = m.first.as<std::string>();
      if (method == "parameters" || method.rfind("x-", 0) == 0 || method == "summary") continue;
      documented.insert({path, method});
      if (p.second["x-jumbe-registered-when"]) conditional.insert({path, method});
    }
  }
  Harness h;
  std::set<Key> registered;
  for (const auto& r : h.routes().all())
    registered.insert({r.pattern, lower(std::string(to_string(r.verb)))});
  for (const auto& k : registered)
    EXPECT_TRUE(documented.count(k))
        << k.second << " " << k.first << " is registered but not in docs/api.yaml";
  for (const auto& k : documented) {
    if (conditional.count(k)) continue;
    EXPECT_TRUE(registered.count(k))
        << k.second << " " << k.first << " is in docs/api.yaml but no route serves it";
  }
}

}  // namespace
}  // namespace jumbe::api::testing
