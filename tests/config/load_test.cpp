// Valid configurations: documented defaults applied, every value type read, secrets from
// files and the environment, relative paths, merge keys, warnings, and hostile YAML that must
// give a diagnostic rather than a crash.
#include "jumbe/config/load.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace jumbe::config {
namespace {

using namespace std::chrono_literals;

constexpr const char* kMinimal = "modems:\n  - name: m1\n    device: /dev/ttyUSB0\n";

Config load_ok(const std::string& yaml, LoadOptions options = {}) {
  auto r = load_string(yaml, "t.yaml", options);
  if (!r) {
    std::string all;
    for (const auto& d : r.error())
      all += d.to_string() + "\n";
    ADD_FAILURE() << all;
    return {};
  }
  return *r;
}

// A scratch directory removed at the end of the test.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "jumbe-config-XXXXXX").string();
    path = ::mkdtemp(tmpl.data());
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  void write(const std::string& name, const std::string& text) const {
    std::filesystem::create_directories((path / name).parent_path());
    std::ofstream(path / name) << text;
  }
};

TEST(ConfigLoad, MinimalFileGetsDocumentedDefaults) {
  const Config c = load_ok(kMinimal);
  EXPECT_EQ(c.gateway.name, "jumbe");
  EXPECT_EQ(c.gateway.language, Language::sw);
  EXPECT_EQ(c.store.path, "/var/lib/jumbe/jumbe.db");
  EXPECT_EQ(c.store.retention, 90 * 24h);
  EXPECT_EQ(c.store.uncertain.at(Priority::bulk), UncertainPolicy::hold);
  EXPECT_EQ(c.store.uncertain.at(Priority::high), UncertainPolicy::resend);
  ASSERT_EQ(c.modems.size(), 1u);
  const ModemConfig& m = c.modems[0];
  EXPECT_EQ(m.device, "/dev/ttyUSB0");
  EXPECT_EQ(m.match_description(), "device /dev/ttyUSB0");
  EXPECT_EQ(m.operator_name, "auto");
  EXPECT_TRUE(m.has_role(ModemRole::send) && m.has_role(ModemRole::receive) &&
              m.has_role(ModemRole::ussd));
  EXPECT_EQ(m.send_rate, (Rate{10, 60s}));
  EXPECT_EQ(m.burst, 3u);
  EXPECT_EQ(m.profile, "auto");
  EXPECT_TRUE(m.pin.empty());
  EXPECT_EQ(c.numbers.default_region, "KE");
  ASSERT_EQ(c.numbers.operators.size(), 3u);
  EXPECT_EQ(c.numbers.operators[0].name, "safaricom");
  EXPECT_EQ(c.api.socket, "/run/jumbe/jumbe.sock");
  EXPECT_EQ(c.api.socket_mode, 0660u);
  EXPECT_EQ(c.api.socket_group, "jumbe");
  EXPECT_FALSE(c.api.tcp.has_value());
  EXPECT_EQ(c.api.limits.max_body, 1024u * 1024);
  EXPECT_EQ(c.services.keywords.at(KeywordAction::join),
            (std::vector<std::string>{"JOIN", "JIUNGE"}));
  EXPECT_EQ(c.text("report_ack"), "Asante. Ripoti yako ni {ref}.");
  EXPECT_EQ(c.logging.level, LogLevel::info);
  EXPECT_FALSE(c.logging.show_numbers);
  EXPECT_FALSE(c.kannel.enabled);
  EXPECT_TRUE(c.warnings.empty());
}

TEST(ConfigLoad, ReadsEveryKindOfValue) {
  const Config c = load_ok(R"(
gateway: {name: Nakuru, language: EN, reference_prefix: NKU}
store: {retention: 30d, multipart_timeout: 90m, uncertain: {bulk: fail, normal: hold}}
modems:
  - name: saf-1
    imei: "861062024519371"
    operator: Safaricom
    roles: [send, ussd]
    send_rate: 5/30s
    burst: 2
    daily_quota: 100
    monthly_quota: 2500
    profile: Huawei
    quirks: {ussd_packed_gsm7: yes, needs_curc_off: false}
    baud: 9600
    balance: {ussd: "*144#", every: 2h, low: 49.5}
  - name: spare
    usb_path: "1-1.4:1.0"
    enabled: off
api:
  socket_mode: "0600"
  tcp: {port: 9000}
  clients:
    - {name: cli, role: admin, uid: self}
    - {name: cms, role: sender, token: 0123456789abcdef, keywords: [status], groups: [lanet]}
  limits: {max_body: 64KiB, requests: 5/s, idle_timeout: 30s}
services:
  groups: [{name: lanet, chiefs: ["0712 345 678", "+254733456789"], open: false}]
logging: {level: debug, components: {at: trace}, sink: journald, show_texts: true}
webhooks: [{name: w, url: "https://example.org/hook", secret: k}]
kannel:
  enabled: true
  users: [{username: rp, password: pw, client: cms}]
  forwards: [{keyword: report, url: "http://127.0.0.1/r?from=%p&text=%a%20x", post: true}]
)");
  EXPECT_EQ(c.gateway.language, Language::en);
  EXPECT_EQ(c.text("report_ack"), "Thank you. Your report is {ref}.");
  EXPECT_EQ(c.store.retention, 30 * 24h);
  EXPECT_EQ(c.store.multipart_timeout, 90min);
  EXPECT_EQ(c.store.uncertain.at(Priority::bulk), UncertainPolicy::fail);
  EXPECT_EQ(c.store.uncertain.at(Priority::normal), UncertainPolicy::hold);
  EXPECT_EQ(c.store.uncertain.at(Priority::emergency), UncertainPolicy::resend);
  const ModemConfig& m = c.modems.at(0);
  EXPECT_EQ(m.imei, "861062024519371");
  EXPECT_EQ(m.operator_name, "safaricom");
  EXPECT_EQ(m.roles, (std::vector<ModemRole>{ModemRole::send, ModemRole::ussd}));
  EXPECT_EQ(m.send_rate, (Rate{5, 30s}));
  EXPECT_EQ(m.monthly_quota, 2500u);
  EXPECT_EQ(m.profile, "huawei");
  EXPECT_EQ(m.quirks,
            (std::map<std::string, bool>{{"needs_curc_off", false}, {"ussd_packed_gsm7", true}}));
  EXPECT_EQ(m.baud, 9600u);
  EXPECT_EQ(m.balance.every, 2h);
  EXPECT_DOUBLE_EQ(m.balance.low, 49.5);
  EXPECT_EQ(c.modems.at(1).usb_path, "1-1.4:1.0");
  EXPECT_FALSE(c.modems.at(1).enabled);
  EXPECT_EQ(c.api.socket_mode, 0600u);
  ASSERT_TRUE(c.api.tcp.has_value());
  EXPECT_EQ(c.api.tcp->host, "127.0.0.1");
  EXPECT_EQ(c.api.tcp->port, 9000);
  EXPECT_EQ(c.find_client("cli")->uid, ::getuid());
  const ApiClient* cms = c.find_client("cms");
  ASSERT_NE(cms, nullptr);
  EXPECT_EQ(cms->token.reveal(), "0123456789abcdef");
  EXPECT_EQ(cms->token.source(), "inline");
  EXPECT_EQ(cms->keywords, std::vector<std::string>{"STATUS"});
  EXPECT_EQ(cms->groups, std::vector<std::string>{"LANET"});
  EXPECT_EQ(c.api.limits.max_body, 65536u);
  EXPECT_EQ(c.api.limits.requests, (Rate{5, 1s}));
  const GroupConfig* lanet = c.find_group("LANET");
  ASSERT_NE(lanet, nullptr);
  EXPECT_EQ(lanet->chiefs, (std::vector<std::string>{"+254712345678", "+254733456789"}));
  EXPECT_FALSE(lanet->open);
  EXPECT_EQ(c.logging.components.at("at"), LogLevel::trace);
  EXPECT_EQ(c.logging.sink, LogSink::journald);
  EXPECT_EQ(c.webhooks.at(0).events.size(), 6u);  // all kinds by default
  EXPECT_EQ(c.kannel.forwards.at(0).keyword, "REPORT");
  EXPECT_TRUE(c.kannel.forwards.at(0).post);
}

TEST(ConfigLoad, SecretsFromFilesAndEnvironmentWithRelativePaths) {
  TempDir dir;
  dir.write("pins/m1.pin", "4321\n");
  dir.write("tokens/cms.token", "  0123456789abcdef0123  \n");
  dir.write("jumbe.yaml", R"(
store: {path: data/jumbe.db}
modems:
  - {name: m1, device: /dev/ttyUSB0, pin_file: pins/m1.pin}
  - {name: m2, device: /dev/ttyUSB1, pin_env: M2_PIN}
api:
  clients: [{name: cms, role: sender, token_file: tokens/cms.token}]
)");
  LoadOptions o;
  o.getenv = [](const std::string& n) -> std::optional<std::string> {
    if (n == "M2_PIN") return "87654321";
    return std::nullopt;
  };
  auto r = load_file((dir.path / "jumbe.yaml").string(), o);
  ASSERT_TRUE(r.has_value()) << r.error().front().to_string();
  EXPECT_EQ(r->store.path, (dir.path / "data/jumbe.db").string());
  EXPECT_EQ(r->modems[0].pin.reveal(), "4321");
  EXPECT_EQ(r->modems[0].pin.source(), "file " + (dir.path / "pins/m1.pin").string());
  EXPECT_EQ(r->modems[1].pin.reveal(), "87654321");
  EXPECT_EQ(r->modems[1].pin.source(), "env M2_PIN");
  EXPECT_EQ(r->api.clients[0].token.reveal(), "0123456789abcdef0123");
}

TEST(ConfigLoad, UnreadableFilesNamedWithTheirReason) {
  auto missing = load_file("/nonexistent-jumbe/jumbe.yaml");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().at(0).to_string(),
            "/nonexistent-jumbe/jumbe.yaml: cannot read the configuration: No such file or "
            "directory");
  TempDir dir;
  auto directory = load_file(dir.path.string());
  ASSERT_FALSE(directory.has_value());
  EXPECT_EQ(directory.error().at(0).to_string(),
            dir.path.string() + ": cannot read the configuration: Is a directory");
  if (::geteuid() != 0) {  // root reads anything
    dir.write("pins/locked.pin", "1234");
    std::filesystem::permissions(dir.path / "pins/locked.pin", std::filesystem::perms::none);
    LoadOptions o;
    o.base_dir = dir.path.string();
    auto r = load_string(std::string(kMinimal) + "    pin_file: pins/locked.pin\n", "t.yaml", o);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().at(0).to_string(), "t.yaml:4:15: modems[0].pin_file: cannot read " +
                                               (dir.path / "pins/locked.pin").string() +
                                               ": Permission denied");
  }
}

TEST(ConfigLoad, MergeKeysShareModemSettings) {
  const Config c = load_ok(R"(
x-modem: &modem
  operator: safaricom
  send_rate: 30/min
  burst: 6
modems:
  - {<<: *modem, name: a, device: /dev/ttyUSB0}
  - {<<: *modem, name: b, device: /dev/ttyUSB1, burst: 2}
)");
  ASSERT_EQ(c.modems.size(), 2u);
  EXPECT_EQ(c.modems[0].send_rate, (Rate{30, 60s}));
  EXPECT_EQ(c.modems[0].burst, 6u);
  EXPECT_EQ(c.modems[1].burst, 2u);  // explicit keys win
  EXPECT_EQ(c.modems[1].operator_name, "safaricom");
}

TEST(ConfigLoad, WarningsDoNotFailTheLoad) {
  const Config c = load_ok(R"(
modems:
  - {name: m1, device: /dev/ttyUSB0, roles: [receive]}
api:
  tcp: {}
kannel: {enabled: true}
)");
  std::vector<std::string> got;
  for (const auto& w : c.warnings)
    got.push_back(w.to_string());
  EXPECT_EQ(got, (std::vector<std::string>{
                     "t.yaml:2:1: warning: modems: no enabled modem has the send role; nothing "
                     "will be sent",
                     "t.yaml:4:1: warning: api.tcp is on but no client has a token: every TCP "
                     "request will be refused with 401",
                     "t.yaml:6:1: warning: kannel is enabled with no users: every "
                     "/cgi-bin/sendsms request will be refused"}));
}

// RapidPro reaches jumbe only through a Kannel user: its API client needs no uid or token.
TEST(ConfigLoad, ClientUsedOnlyByAKannelUserNeedsNoIdentity) {
  const Config c = load_ok(R"(
modems:
  - {name: m1, device: /dev/ttyUSB0}
api:
  clients:
    - {name: rapidpro, role: sender}
kannel:
  enabled: true
  users:
    - {username: rp, password: a-long-kannel-password, client: rapidpro}
)");
  ASSERT_NE(c.find_client("rapidpro"), nullptr);
  EXPECT_FALSE(c.find_client("rapidpro")->uid.has_value());
  EXPECT_EQ(c.kannel.users.at(0).client, "rapidpro");
}

TEST(ConfigLoad, OperatorTablesReplaceDefaultsAndFeedModemChecks) {
  const Config c = load_ok(R"(
numbers:
  operators:
    - {name: safaricom, prefixes: [0700-0729, 0110-0119]}
    - {name: faiba, display: Faiba, prefixes: ["0747"]}
modems:
  - {name: f1, device: /dev/ttyUSB0, operator: faiba}
services:
  groups: [{name: LANET, chiefs: ["0116 123 456"]}]
)");
  ASSERT_EQ(c.numbers.operators.size(), 2u);
  EXPECT_EQ(c.numbers.operators[1].display, "Faiba");
  EXPECT_EQ(c.numbers.operators[0].prefixes.size(), 40u);
  // A chief on a range libphonenumber 8.12 does not know, accepted through the table.
  EXPECT_EQ(c.services.groups[0].chiefs, std::vector<std::string>{"+254116123456"});
}

TEST(ConfigLoad, HostileYamlGivesOneDiagnostic) {
  const std::string deep = "modems: " + std::string(5000, '[') + std::string(5000, ']') + "\n";
  auto r = load_string(deep, "t.yaml");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().size(), 1u);
  EXPECT_NE(r.error()[0].message.find("nesting deeper than"), std::string::npos);
  // An alias used many times is walked once per use, never expanded without bound.
  std::string bomb = "x-a: &a [send, receive]\nmodems:\n";
  for (int i = 0; i < 200; ++i)
    bomb += "  - {name: m" + std::to_string(i) + ", device: /dev/m" + std::to_string(i) +
            ", roles: *a}\n";
  EXPECT_TRUE(load_string(bomb, "t.yaml").has_value());
  // Bytes that are not UTF-8 text, with a NUL inside.
  const char garbage[] = "modems: \xff\xfe\x01\x00[";
  EXPECT_FALSE(load_string(std::string(garbage, sizeof garbage), "t.yaml").has_value());
}

}  // namespace
}  // namespace jumbe::config
