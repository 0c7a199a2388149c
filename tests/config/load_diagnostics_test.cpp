// Broken configuration files and the exact diagnostics the loader must print for each:
// `FILE:LINE:COLUMN: message`, 1-based, all problems of a file at once, sorted by position.
// Each row is a mistake operators make (typos, wrong types, forgotten fields, tabs, duplicates).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "jumbe/config/load.hpp"

namespace jumbe::config {
namespace {

struct Row {
  const char* name;
  const char* yaml;
  std::vector<std::string> want;
};

LoadOptions fake_env() {
  LoadOptions o;
  o.getenv = [](const std::string& name) -> std::optional<std::string> {
    if (name == "JUMBE_PIN") return "1234";
    if (name == "JUMBE_EMPTY") return "";
    if (name == "JUMBE_SHORT_TOKEN") return "abc";
    return std::nullopt;
  };
  o.base_dir = "/nonexistent-jumbe-test";
  return o;
}

std::vector<std::string> diagnostics(const char* yaml) {
  auto r = load_string(yaml, "j.yaml", fake_env());
  std::vector<std::string> out;
  if (r) return out;
  for (const auto& d : r.error())
    out.push_back(d.to_string());
  return out;
}

class ConfigDiagnostics : public testing::TestWithParam<Row> {};

TEST_P(ConfigDiagnostics, ExactMessages) {
  const Row& row = GetParam();
  EXPECT_EQ(diagnostics(row.yaml), row.want) << row.yaml;
}

std::string name_of(const testing::TestParamInfo<Row>& info) {
  return info.param.name;
}

// A valid modem to put before the broken part, so only the intended problem is reported.
#define MODEM "modems:\n  - name: m1\n    device: /dev/ttyUSB0\n"

INSTANTIATE_TEST_SUITE_P(
    Table, ConfigDiagnostics,
    testing::Values(
        Row{"EmptyFile", "", {"j.yaml: the file is empty; at least a 'modems' list is needed"}},
        Row{"CommentsOnly",
            "# nothing yet\n",
            {"j.yaml: the file is empty; at least a 'modems' list is needed"}},
        Row{"NotAMapping",
            "- a\n- b\n",
            {"j.yaml:1:1: the file: expected a mapping (key: value lines), got a list"}},
        Row{"MissingModems",
            "gateway:\n  name: x\n",
            {"j.yaml:1:1: missing required field 'modems' (the list of modems to use)"}},
        Row{"EmptyModemList",
            "modems: []\n",
            {"j.yaml:1:9: modems: the list is empty; at least one modem is needed"}},
        Row{"ModemsNotAList",
            "modems:\n  name: m1\n",
            {"j.yaml:2:3: modems: expected a list (items starting with '- '), got a mapping"}},
        Row{"UnknownTopLevelKeyDidYouMean",
            MODEM "modem:\n  - x\n",
            {"j.yaml:4:1: unknown key 'modem' (did you mean 'modems'?)"}},
        Row{"UnknownKeyNoSuggestion", MODEM "colour: blue\n", {"j.yaml:4:1: unknown key 'colour'"}},
        Row{"UnknownNestedKey",
            MODEM "    pn: \"1234\"\n",
            {"j.yaml:4:5: modems[0]: unknown key 'pn' (did you mean 'pin'?)"}},
        Row{"DuplicateKey",
            "gateway:\n  name: a\n  name: b\n" MODEM,
            {"j.yaml:3:3: gateway.name: duplicate key (first at line 2)"}},
        Row{"YamlSyntaxTab",
            "modems:\n\t- name: m1\n",
            {"j.yaml:2:2: YAML syntax error: illegal block entry (a tab in the indentation? YAML "
             "indents with spaces only)"}},
        Row{"YamlSyntaxUnclosedFlow",
            MODEM "    roles: [send, receive\n",
            {"j.yaml:5:1: YAML syntax error: end of sequence flow not found"}},
        Row{"TwoDocuments",
            MODEM "---\n" MODEM,
            {"j.yaml:4:1: only one YAML document is allowed (remove the second '---')"}},
        // yaml-cpp 0.7's LoadAll loops forever on these (jbeder/yaml-cpp#1040); found by
        // fuzz_config_load. They must come back as a diagnostic, promptly.
        Row{"LoneComma", ",", {"j.yaml:1:1: YAML syntax error: unexpected ','"}},
        Row{"CommaThenKey", ",m\n:e m\n", {"j.yaml:1:1: YAML syntax error: unexpected ','"}},
        Row{"MissingName",
            "modems:\n  - device: /dev/ttyUSB0\n",
            {"j.yaml:2:5: modems[0]: missing required field 'name'"}},
        Row{"NoMatchKey",
            "modems:\n  - name: m1\n",
            {"j.yaml:2:5: modems[0]: missing how to find the modem: give one of imei, usb_path "
             "or device"}},
        Row{"TwoMatchKeys",
            "modems:\n  - name: m1\n    device: /dev/ttyUSB0\n    usb_path: 1-1\n",
            {"j.yaml:2:5: modems[0]: give only one of imei, usb_path and device (the modem is "
             "found by exactly one)"}},
        Row{"DuplicateModemName",
            MODEM "  - name: m1\n    device: /dev/ttyUSB1\n",
            {"j.yaml:4:11: modems[1].name: duplicate modem name 'm1' (first at line 2)"}},
        Row{"DuplicateDevice",
            MODEM "  - name: m2\n    device: /dev/ttyUSB0\n",
            {"j.yaml:5:13: modems[1].device: device /dev/ttyUSB0 is already used by another "
             "modem (line 3)"}},
        Row{"DuplicateImei",
            "modems:\n  - name: a\n    imei: '861062024519371'\n"
            "  - name: b\n    imei: '861062024519371'\n",
            {"j.yaml:5:11: modems[1].imei: imei 861062024519371 is already used by another "
             "modem (line 3)"}},
        Row{"ImeiCheckDigit",
            "modems:\n  - name: a\n    imei: '861062024519372'\n",
            {"j.yaml:3:11: modems[0].imei: '861062024519372' has a wrong check digit (mistyped?)"}},
        Row{"ImeiLength",
            "modems:\n  - name: a\n    imei: '86106202451937'\n",
            {"j.yaml:3:11: modems[0].imei: '86106202451937' is not an IMEI (15 digits, see "
             "AT+CGSN)"}},
        Row{"BadUsbPath",
            "modems:\n  - name: a\n    usb_path: usb1/port3\n",
            {"j.yaml:3:15: modems[0].usb_path: 'usb1/port3' is not a USB port path (like 1-1.3, "
             "see /sys/bus/usb/devices)"}},
        Row{"BadName",
            "modems:\n  - name: Saf 1\n    device: /dev/ttyUSB0\n",
            {"j.yaml:2:11: modems[0].name: 'Saf 1' is not a valid name (1-32 of a-z, 0-9, '_', "
             "'-')"}},
        // The PIN itself never appears in a message.
        Row{"PinNotDigits",
            MODEM "    pin: 12ab\n",
            {"j.yaml:4:10: modems[0]: the SIM PIN (pin) must be 4 to 8 digits"}},
        Row{"PinAsMapping",
            MODEM "    pin: {code: 1234}\n",
            {"j.yaml:4:10: modems[0].pin: expected the PIN as text, got a mapping"}},
        Row{"PinTwice",
            MODEM "    pin: \"1234\"\n    pin_env: JUMBE_PIN\n",
            {"j.yaml:5:5: modems[0]: give only one of pin, pin_file and pin_env"}},
        Row{"PinEnvUnset",
            MODEM "    pin_env: JUMBE_NOT_SET\n",
            {"j.yaml:4:14: modems[0].pin_env: environment variable JUMBE_NOT_SET is not set"}},
        Row{"PinEnvEmpty",
            MODEM "    pin_env: JUMBE_EMPTY\n",
            {"j.yaml:4:14: modems[0].pin_env: environment variable JUMBE_EMPTY is empty"}},
        Row{"PinEnvBadName",
            MODEM "    pin_env: \"$JUMBE_PIN\"\n",
            {"j.yaml:4:14: modems[0].pin_env: '$JUMBE_PIN' is not an environment variable name"}},
        Row{"PinFileMissing",
            MODEM "    pin_file: pins/m1.pin\n",
            {"j.yaml:4:15: modems[0].pin_file: cannot read "
             "/nonexistent-jumbe-test/pins/m1.pin: No such file or directory"}},
        Row{"PinFileNotRegular",
            MODEM "    pin_file: /dev/null\n",
            {"j.yaml:4:15: modems[0].pin_file: /dev/null is not a regular file"}},
        Row{"UnknownOperator",
            MODEM "    operator: safaricm\n",
            {"j.yaml:4:15: modems[0].operator: unknown operator 'safaricm' (numbers.operators "
             "has auto, safaricom, airtel, telkom); did you mean 'safaricom'?"}},
        Row{"RolesNotAList",
            MODEM "    roles: send\n",
            {"j.yaml:4:12: modems[0].roles: expected a list, got a value (write [send] for a "
             "list of one)"}},
        Row{"RoleTypo",
            MODEM "    roles: [send, recieve]\n",
            {"j.yaml:4:19: modems[0].roles: unknown value 'recieve' (expected one of send, "
             "receive, ussd); did you mean 'receive'?"}},
        Row{"RoleTwice",
            MODEM "    roles: [send, send]\n",
            {"j.yaml:4:19: modems[0].roles: 'send' is listed twice"}},
        Row{"BadRate",
            MODEM "    send_rate: 10 per minute\n",
            {"j.yaml:4:16: modems[0].send_rate: bad rate '10 per minute': expected a rate such as "
             "10/min, 2/s, 300/h or 1000/day"}},
        Row{"BadNumber",
            MODEM "    burst: many\n",
            {"j.yaml:4:12: modems[0].burst: bad number 'many': expected a whole number between 1 "
             "and 1000"}},
        Row{"NumberOutOfRange",
            MODEM "    burst: 0\n",
            {"j.yaml:4:12: modems[0].burst: bad number '0': out of range: must be between 1 and "
             "1000"}},
        Row{"NumberWrongType",
            MODEM "    daily_quota: [1, 2]\n",
            {"j.yaml:4:18: modems[0].daily_quota: expected a whole number, got a list"}},
        Row{"QuotaDailyOverMonthly",
            MODEM "    daily_quota: 500\n    monthly_quota: 100\n",
            {"j.yaml:4:18: modems[0]: daily_quota (500) is larger than monthly_quota (100)"}},
        Row{"ProfileTypo",
            MODEM "    profile: huwei\n",
            {"j.yaml:4:14: modems[0].profile: unknown value 'huwei' (expected one of auto, "
             "generic, huawei, zte, simcom, quectel); did you mean 'huawei'?"}},
        Row{"BadBoolean",
            MODEM "    enabled: maybe\n",
            {"j.yaml:4:14: modems[0].enabled: expected true or false, got 'maybe'"}},
        Row{"BalanceUssd",
            MODEM "    balance:\n      ussd: \"*144\"\n      every: 1.5h\n",
            {"j.yaml:5:13: modems[0].balance.ussd: '*144' is not a USSD code (like *144#)",
             "j.yaml:6:14: modems[0].balance.every: bad duration '1.5h': whole numbers only "
             "(write 90m rather than 1.5h)"}},
        Row{"BalanceEveryTooOften",
            MODEM "    balance:\n      ussd: \"*144#\"\n      every: 30s\n",
            {"j.yaml:6:14: modems[0].balance.every: bad duration '30s': must be at least 5m"}},
        Row{"BalanceMissingUssd",
            MODEM "    balance:\n      every: 6h\n",
            {"j.yaml:5:7: modems[0].balance: missing required field 'ussd'"}},
        Row{"BadDuration",
            MODEM "store:\n  retention: 30x\n",
            {"j.yaml:5:14: store.retention: bad duration '30x': unknown unit 'x': expected a "
             "duration such as 500ms, 30s, 5m, 2h or 1d"}},
        Row{"DurationWithoutUnit",
            MODEM "store:\n  multipart_timeout: 3600\n",
            {"j.yaml:5:22: store.multipart_timeout: bad duration '3600': missing unit: expected "
             "a duration such as 500ms, 30s, 5m, 2h or 1d"}},
        Row{"UncertainPolicy",
            MODEM "store:\n  uncertain:\n    bulk: resnd\n",
            {"j.yaml:6:11: store.uncertain.bulk: unknown value 'resnd' (expected one of resend, "
             "hold, fail); did you mean 'resend'?"}},
        Row{"SectionWrongType",
            MODEM "store: /var/lib/jumbe\n",
            {"j.yaml:4:8: store: expected a mapping (key: value lines), got a value"}},
        Row{"LanguageTypo",
            "gateway:\n  language: swahili\n" MODEM,
            {"j.yaml:2:13: gateway.language: unknown value 'swahili' (expected one of sw, en)"}},
        Row{"BadRegion",
            MODEM "numbers:\n  default_region: KEN\n",
            {"j.yaml:5:19: numbers.default_region: 'KEN' is not a region libphonenumber knows "
             "(use an ISO code such as KE)"}},
        Row{"BadPrefix",
            MODEM "numbers:\n  operators:\n    - name: saf\n      prefixes: [07x0, 0790-0780]\n",
            {"j.yaml:7:18: numbers.operators[0].prefixes: bad prefix '07x0': '07x0' is not a "
             "digit prefix",
             "j.yaml:7:24: numbers.operators[0].prefixes: bad prefix '0790-0780': range "
             "'0790-0780' runs backwards"}},
        Row{"PrefixTwoOperators",
            MODEM "numbers:\n  operators:\n    - name: a\n      prefixes: [0700-0705]\n"
                  "    - name: b\n      prefixes: [\"0705\"]\n",
            {"j.yaml:9:18: numbers.operators[1].prefixes: prefix +254705 (from '0705') is "
             "already listed for a"}},
        Row{"ChiefNumbers",
            MODEM "services:\n  groups:\n    - name: lanet\n"
                  "      chiefs: [\"0712 345\", SAFARICOM, \"0712345678\"]\n",
            {"j.yaml:7:16: services.groups[0].chiefs: '0712 345': too short for a KE mobile number",
             "j.yaml:7:28: services.groups[0].chiefs: 'SAFARICOM' is not a phone number (chiefs "
             "send alerts from their phones)"}},
        Row{"GroupTwice",
            MODEM "services:\n  groups:\n    - name: LANET\n    - name: lanet\n",
            {"j.yaml:7:13: services.groups[1].name: group 'LANET' is listed twice"}},
        Row{"KeywordUsedTwice",
            MODEM "services:\n  keywords:\n    stop: [STOP]\n    help: [stop]\n",
            {"j.yaml:7:11: services.keywords.help: keyword 'STOP' is already used for stop"}},
        Row{"TextPlaceholder",
            MODEM "services:\n  texts:\n    en:\n      report_ack: \"Thanks, ref {reference}\"\n",
            {"j.yaml:7:19: services.texts.en.report_ack: unknown placeholder {reference} (this "
             "text may use {ref})"}},
        Row{"TextUnknownId",
            MODEM "services:\n  texts:\n    en:\n      welcome: hi\n",
            {"j.yaml:7:7: services.texts.en: unknown key 'welcome'"}},
        Row{"ApiClientNoIdentity",
            MODEM "api:\n  clients:\n    - name: x\n      role: admin\n",
            {"j.yaml:6:7: api.clients[0]: give uid, gid or a token (or name it in kannel.users), "
             "or no connection can be this client"}},
        Row{"ApiClientMissingRole",
            MODEM "api:\n  clients:\n    - name: x\n      uid: 1000\n",
            {"j.yaml:6:7: api.clients[0]: missing required field 'role'"}},
        Row{"ApiTokenTooShort",
            MODEM "api:\n  clients:\n    - name: x\n      role: sender\n"
                  "      token_env: JUMBE_SHORT_TOKEN\n",
            {"j.yaml:8:18: api.clients[0]: the token (env JUMBE_SHORT_TOKEN) is too short: use "
             "at least 16 random characters (e.g. openssl rand -hex 16)"}},
        Row{"ApiDuplicateUid",
            MODEM "api:\n  clients:\n    - {name: a, role: admin, uid: 1000}\n"
                  "    - {name: b, role: reader, uid: 1000}\n",
            {"j.yaml:7:36: api.clients[1].uid: uid 1000 is already client 'a'"}},
        Row{"ApiTcpNotLoopback",
            MODEM "api:\n  tcp:\n    host: 0.0.0.0\n",
            {"j.yaml:6:11: api.tcp.host: '0.0.0.0' is not loopback; tokens would cross the "
             "network in clear text (set allow_non_loopback: true if that is meant)"}},
        Row{"ApiBadPort",
            MODEM "api:\n  tcp:\n    port: 70000\n",
            {"j.yaml:6:11: api.tcp.port: bad number '70000': out of range: must be between 1 "
             "and 65535"}},
        Row{"ApiBadSize",
            MODEM "api:\n  limits:\n    max_body: 1 megabyte\n",
            {"j.yaml:6:15: api.limits.max_body: bad size '1 megabyte': unknown unit 'megabyte': "
             "expected a size such as 4096, 64KiB or 1MiB"}},
        Row{"ApiBadMode",
            MODEM "api:\n  socket_mode: rw-rw----\n",
            {"j.yaml:5:16: api.socket_mode: bad mode 'rw-rw----': expected an octal file mode "
             "such as 0660"}},
        Row{"ApiClientUnknownGroup",
            MODEM "api:\n  clients:\n    - {name: a, role: sender, uid: 7, groups: [NAKURU]}\n",
            {"j.yaml:4:1: api: client 'a' names group 'NAKURU', which is not in services.groups"}},
        Row{"WebhookUrl",
            MODEM "webhooks:\n  - name: w\n    url: htp://x\n    events: [inbond]\n",
            {"j.yaml:6:10: webhooks[0].url: 'htp://x' is not an http:// or https:// URL",
             "j.yaml:7:14: webhooks[0].events: unknown value 'inbond' (expected one of inbound, "
             "state, delivery, modem, ussd, broadcast); did you mean 'inbound'?"}},
        Row{"KannelEscape",
            MODEM "kannel:\n  forwards:\n    - url: \"http://x/r?f=%p&t=%z\"\n",
            {"j.yaml:6:12: kannel.forwards[0].url: unknown Kannel escape code %z (known: %p "
             "sender, %P receiver, %a text, %t time, %k keyword, ...)"}},
        Row{"KannelUserClient",
            MODEM "kannel:\n  users:\n    - {username: rp, password: pw, client: nobody}\n",
            {"j.yaml:4:1: kannel: user 'rp' names api client 'nobody', which is not in "
             "api.clients"}},
        Row{"KannelUserNoPassword",
            MODEM "kannel:\n  users:\n    - {username: rp, client: x}\n",
            {"j.yaml:4:1: kannel: user 'rp' names api client 'x', which is not in api.clients",
             "j.yaml:6:7: kannel.users[0]: missing required field 'password' (or password_file, "
             "password_env)"}},
        Row{"LoggingLevel",
            MODEM "logging:\n  level: verbose\n  components:\n    routr: debug\n",
            {"j.yaml:5:10: logging.level: unknown value 'verbose' (expected one of trace, debug, "
             "info, warn, error, off)",
             "j.yaml:7:5: logging.components: unknown key 'routr' (did you mean 'router'?)"}},
        // Several mistakes in one file: all are reported, in file order.
        Row{"ManyAtOnce",
            "gateway:\n  nam: x\nmodems:\n  - name: m1\n    device: /dev/ttyUSB0\n"
            "    burst: lots\n  - name: m1\n    device: /dev/ttyUSB1\nstore:\n  retention: 1y\n",
            {"j.yaml:2:3: gateway: unknown key 'nam' (did you mean 'name'?)",
             "j.yaml:6:12: modems[0].burst: bad number 'lots': expected a whole number between 1 "
             "and 1000",
             "j.yaml:7:11: modems[1].name: duplicate modem name 'm1' (first at line 4)",
             "j.yaml:10:14: store.retention: bad duration '1y': unknown unit 'y': expected a "
             "duration such as 500ms, 30s, 5m, 2h or 1d"}}),
    name_of);

#undef MODEM

TEST(ConfigDiagnosticsSecrets, NeverPrinted) {
  // A PIN, a token and a password that are wrong in shape: none of them may appear.
  const char* yaml =
      "modems:\n  - name: m1\n    device: /dev/ttyUSB0\n    pin: \"98x7\"\n"
      "api:\n  clients:\n    - {name: a, role: admin, token: \"s3cr3tTok\"}\n";
  for (const auto& line : diagnostics(yaml)) {
    EXPECT_EQ(line.find("98x7"), std::string::npos) << line;
    EXPECT_EQ(line.find("s3cr3tTok"), std::string::npos) << line;
  }
  EXPECT_EQ(diagnostics(yaml).size(), 2u);
}

TEST(ConfigDiagnosticsSecrets, DuplicateTokensNamedNotShown) {
  const char* yaml =
      "modems:\n  - name: m1\n    device: /dev/ttyUSB0\n"
      "api:\n  clients:\n    - {name: a, role: admin, token: 0123456789abcdef0}\n"
      "    - {name: b, role: admin, token: 0123456789abcdef0}\n";
  const auto d = diagnostics(yaml);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0], "j.yaml:7:7: api.clients[1]: has the same token as client 'a'");
}

}  // namespace
}  // namespace jumbe::config
