// The example files shipped in config/ must load without a single diagnostic: jumbe.yaml is what
// operators copy, demo.yaml is what the README's first command runs.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "jumbe/config/load.hpp"
#include "jumbe/config/numbers.hpp"

namespace jumbe::config {
namespace {

const std::string kSource = JUMBE_SOURCE_DIR;

std::string all(const std::vector<Diagnostic>& ds) {
  std::string s;
  for (const auto& d : ds)
    s += d.to_string() + "\n";
  return s;
}

TEST(ConfigExamples, CountyOfficeLoadsCleanly) {
  // jumbe.yaml reads secrets from /etc/jumbe/pins and tokens and from the unit's environment;
  // give it a copy of its directory with those files, and the environment it expects.
  std::string tmpl = (std::filesystem::temp_directory_path() / "jumbe-example-XXXXXX").string();
  const std::filesystem::path dir = ::mkdtemp(tmpl.data());
  std::filesystem::copy_file(kSource + "/config/jumbe.yaml", dir / "jumbe.yaml");
  std::filesystem::create_directories(dir / "pins");
  std::filesystem::create_directories(dir / "tokens");
  std::ofstream(dir / "pins/telkom-1.pin") << "4096\n";
  std::ofstream(dir / "tokens/ecitizen.token") << "6f1c0d2a9b8e7f6a5b4c3d2e1f0a9b8c\n";
  LoadOptions o;
  o.getenv = [](const std::string& n) -> std::optional<std::string> {
    if (n == "JUMBE_PIN_SAF2") return "2580";
    if (n == "JUMBE_TOKEN_CASES") return "d41d8cd98f00b204e9800998ecf8427e";
    if (n == "JUMBE_WEBHOOK_CASES") return "webhook-hmac-key";
    if (n == "JUMBE_KANNEL_RAPIDPRO") return "rapidpro-password";
    return std::nullopt;
  };
  auto r = load_file((dir / "jumbe.yaml").string(), o);
  std::filesystem::remove_all(dir);
  ASSERT_TRUE(r.has_value()) << all(r.error());
  EXPECT_TRUE(r->warnings.empty()) << all(r->warnings);

  // The office the file describes: 2 Safaricom, 1 Airtel, 1 Telkom; the Lanet chief.
  ASSERT_EQ(r->modems.size(), 4u);
  std::map<std::string, int> per_operator;
  for (const auto& m : r->modems)
    ++per_operator[m.operator_name];
  EXPECT_EQ(per_operator,
            (std::map<std::string, int>{{"safaricom", 2}, {"airtel", 1}, {"telkom", 1}}));
  EXPECT_EQ(r->modems[3].pin.reveal(), "4096");
  const GroupConfig* lanet = r->find_group("LANET");
  ASSERT_NE(lanet, nullptr);
  EXPECT_EQ(lanet->chiefs, (std::vector<std::string>{"+254712345678", "+254733456789"}));
  EXPECT_EQ(r->find_client("case-management")->keywords, std::vector<std::string>{"STATUS"});
  EXPECT_TRUE(r->kannel.enabled);
  // The example repeats the built-in operator tables; they must agree.
  const auto defaults = default_operators();
  ASSERT_EQ(r->numbers.operators.size(), defaults.size());
  for (std::size_t i = 0; i < defaults.size(); ++i)
    EXPECT_EQ(r->numbers.operators[i].prefixes, defaults[i].prefixes) << defaults[i].name;
}

TEST(ConfigExamples, DemoLoadsCleanly) {
  auto r = load_file(kSource + "/config/demo.yaml");
  ASSERT_TRUE(r.has_value()) << all(r.error());
  EXPECT_TRUE(r->warnings.empty()) << all(r->warnings);
  ASSERT_EQ(r->modems.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i)
    EXPECT_EQ(r->modems[i].device, "/tmp/jumbe-demo/modem" + std::to_string(i));
  EXPECT_EQ(r->store.path, "/tmp/jumbe-demo/jumbe.db");
  EXPECT_EQ(r->api.socket, "/tmp/jumbe-demo/jumbe.sock");
  EXPECT_EQ(r->find_client("demo")->uid, ::getuid());
}

}  // namespace
}  // namespace jumbe::config
