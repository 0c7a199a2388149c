// The configuration model of jumbed: plain values, every field with its documented default
// (docs/config.md lists them all; tests/config/docs_test.cpp keeps the two in step).
// Contract: a Config returned by load() is complete and valid: names are unique, numbers are
// E.164, durations positive where required, secrets read. Modules take the part they need.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jumbe/config/diagnostic.hpp"
#include "jumbe/config/secret.hpp"
#include "jumbe/config/units.hpp"

namespace jumbe::config {

using namespace std::chrono_literals;

// ---- gateway ---------------------------------------------------------------------------------
enum class Language { sw, en };

struct GatewayConfig {
  std::string name = "jumbe";           // shown in replies and the API's status
  Language language = Language::sw;     // language of replies to citizens
  std::string reference_prefix = "KE";  // report references look like KE-4821
  // Where modems named by IMEI are looked for (glob patterns of serial devices). A narrower list
  // keeps jumbed from writing AT to other serial devices (a GPS on ttyACM0, a console).
  std::vector<std::string> ports = {"/dev/ttyUSB*", "/dev/ttyACM*"};
};

// ---- store -----------------------------------------------------------------------------------
enum class Priority { emergency, high, normal, bulk };
inline constexpr Priority kPriorities[] = {Priority::emergency, Priority::high, Priority::normal,
                                           Priority::bulk};
// What happens at start to a message that was being sent when the daemon stopped (it may or may
// not have reached the network): send it again, hold it for a human, or mark it failed.
enum class UncertainPolicy { resend, hold, fail };

struct StoreConfig {
  std::string path = "/var/lib/jumbe/jumbe.db";  // relative paths are relative to the config file
  Millis retention = 90 * 24h;                   // message bodies purged after this; metadata kept
  Millis event_retention = 30 * 24h;             // event log pruned after this
  Millis multipart_timeout = 24h;                // incomplete multipart released after this
  // Indexed by Priority. Verification codes must not arrive twice late, so high resends only
  // while still valid (the router checks validity); bulk is held because a duplicate alert to
  // thousands costs money and trust.
  std::map<Priority, UncertainPolicy> uncertain = {{Priority::emergency, UncertainPolicy::resend},
                                                   {Priority::high, UncertainPolicy::resend},
                                                   {Priority::normal, UncertainPolicy::resend},
                                                   {Priority::bulk, UncertainPolicy::hold}};
};

// ---- modems ----------------------------------------------------------------------------------
enum class ModemRole { send, receive, ussd };

struct BalanceCheck {
  std::string ussd;   // e.g. "*144#"; empty = no balance check
  Millis every = 6h;  // how often to ask
  double low = 0;     // raise an alert below this amount (currency of the reply)
};

struct ModemConfig {
  std::string name;  // unique, [a-z0-9_-], used in logs, API and metrics
  // Exactly one of these names the modem; IMEI survives replugging into another USB port.
  std::string imei;           // 15 digits, Luhn-checked
  std::string usb_path;       // sysfs USB path, e.g. "1-1.3" (stable per physical port)
  std::string device;         // a device path, e.g. /dev/ttyUSB2 or /dev/serial/by-id/...
  Secret pin;                 // from pin, pin_file or pin_env; empty = SIM has no PIN
  std::string operator_name;  // a numbers.operators name, or "auto" (from the SIM's IMSI)
  std::vector<ModemRole> roles = {ModemRole::send, ModemRole::receive, ModemRole::ussd};
  Rate send_rate{10, 60s};             // sustained sends (SMS segments) per time
  std::uint32_t burst = 3;             // sends allowed back to back before the rate applies
  std::uint32_t daily_quota = 0;       // segments per day (local midnight); 0 = unlimited
  std::uint32_t monthly_quota = 0;     // segments per calendar month; 0 = unlimited
  std::string profile = "auto";        // auto, generic, huawei, zte, simcom, quectel
  std::map<std::string, bool> quirks;  // vendor flag overrides, e.g. ussd_packed_gsm7: true
  std::uint32_t baud = 115200;
  BalanceCheck balance;
  bool enabled = true;

  [[nodiscard]] bool has_role(ModemRole r) const;
  // "imei 356938035643809", "usb 1-1.3" or "device /dev/ttyUSB2": how the modem is matched.
  [[nodiscard]] std::string match_description() const;
};

// ---- numbers ---------------------------------------------------------------------------------
struct OperatorConfig {
  std::string name;                   // lower-case id used by modems[].operator, e.g. safaricom
  std::string display;                // for people, e.g. "Safaricom"
  std::vector<std::string> prefixes;  // E.164 digit prefixes without '+', e.g. "254712"
};

struct NumbersConfig {
  std::string default_region = "KE";  // ISO 3166 region for numbers written without +CC
  // International dialling prefixes people type instead of '+', longest first. Kenya's is 000,
  // but "00254..." is common from phones set up abroad.
  std::vector<std::string> international_prefixes = {"000", "00"};
  bool allow_international = false;       // may messages go to numbers outside default_region?
  std::vector<OperatorConfig> operators;  // defaults: Safaricom, Airtel, Telkom (mission.md)
};

// ---- api -------------------------------------------------------------------------------------
enum class ClientRole { admin, sender, reader };

struct ApiClient {
  std::string name;
  ClientRole role = ClientRole::reader;
  std::optional<std::uint32_t> uid;  // unix socket peers (SO_PEERCRED)
  std::optional<std::uint32_t> gid;
  Secret token;                       // TCP bearer token (token, token_file or token_env)
  std::vector<std::string> keywords;  // keywords it may claim; empty = none (admin: all)
  std::vector<std::string> groups;    // groups it may broadcast to; empty = none (admin: all)
};

struct TcpListener {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8725;
  bool allow_non_loopback = false;  // binding beyond loopback must be asked for explicitly
};

struct ApiLimits {
  std::uint64_t max_body = 1024 * 1024;
  std::uint64_t max_header = 16 * 1024;
  Rate requests{20, 1s};  // per client
  std::uint32_t request_burst = 100;
  Millis idle_timeout = 120s;        // keep-alive connection with no request
  Millis slow_client_timeout = 15s;  // a request must arrive completely within this
  std::uint32_t max_connections = 256;
  std::uint32_t max_recipients = 10000;  // recipients in one submission
};

struct ApiConfig {
  std::string socket = "/run/jumbe/jumbe.sock";
  std::uint32_t socket_mode = 0660;
  std::string socket_group = "jumbe";  // empty = leave the daemon's group
  std::optional<TcpListener> tcp;      // absent = no TCP listener
  std::vector<ApiClient> clients;
  ApiLimits limits;
};

// ---- services --------------------------------------------------------------------------------
enum class KeywordAction { report, join, stop, help, status, alert };

struct GroupConfig {
  std::string name;  // upper-case, e.g. LANET; what residents text after JOIN
  std::string description;
  std::vector<std::string> chiefs;  // E.164 numbers allowed to ALERT this group by SMS
  bool open = true;                 // anyone may JOIN; false = only added through the API
};

struct ServicesConfig {
  // Words citizens text for each built-in action (matched case-insensitively, first word).
  std::map<KeywordAction, std::vector<std::string>> keywords;
  std::vector<GroupConfig> groups;
  // Reply texts by language and id (report_ack, help, ...); defaults in defaults.cpp.
  std::map<Language, std::map<std::string, std::string>> texts;
  bool reply_unknown = true;               // unknown keyword gets the help text
  std::uint32_t max_alert_recipients = 0;  // 0 = unlimited
};

// ---- logging ---------------------------------------------------------------------------------
enum class LogLevel { trace, debug, info, warn, error, off };
enum class LogSink { auto_, stderr_, journald };

struct LoggingConfig {
  LogLevel level = LogLevel::info;
  std::map<std::string, LogLevel> components;  // per component override: at, modem, router, ...
  LogSink sink = LogSink::auto_;               // auto = journald under systemd, stderr otherwise
  bool show_numbers = false;  // false: phone numbers logged with their last 3 digits only
  bool show_texts = false;    // true: message texts logged at debug (never above)
  bool at_trace = false;      // raw AT traffic at trace level (redacted unless show_*)
};

// ---- webhooks --------------------------------------------------------------------------------
enum class EventKind { inbound, state, delivery, modem, ussd, broadcast };

struct WebhookConfig {
  std::string name;
  std::string url;                // http://... or https://...
  std::vector<EventKind> events;  // default: all
  Secret secret;                  // HMAC-SHA256 key for the signature header; may be empty
  Millis timeout = 10s;
  std::uint32_t max_attempts = 12;
  Millis max_backoff = 10min;
};

// ---- kannel ----------------------------------------------------------------------------------
struct KannelUser {
  std::string username;
  Secret password;
  std::string client;  // the api.clients entry whose role and limits apply
  std::string default_sender;
};

struct KannelForward {
  std::string keyword = "default";  // first word that selects this forward; default = all
  std::string url;                  // with Kannel escape codes (%p, %a, ...)
  bool post = false;                // POST the text as body (Kannel post-url) instead of GET
};

struct KannelConfig {
  bool enabled = false;
  std::vector<KannelUser> users;
  std::vector<KannelForward> forwards;
};

// ---- the whole -------------------------------------------------------------------------------
struct Config {
  std::string file;  // the path it was loaded from ("<string>" for text)
  GatewayConfig gateway;
  StoreConfig store;
  std::vector<ModemConfig> modems;
  NumbersConfig numbers;
  ApiConfig api;
  ServicesConfig services;
  LoggingConfig logging;
  std::vector<WebhookConfig> webhooks;
  KannelConfig kannel;
  std::vector<Diagnostic> warnings;  // things that work but are probably not meant

  [[nodiscard]] const ModemConfig* find_modem(std::string_view name) const;
  [[nodiscard]] const ApiClient* find_client(std::string_view name) const;
  [[nodiscard]] const GroupConfig* find_group(std::string_view name) const;
  // The reply text `id` in the gateway's language (falls back to English, then to the id).
  [[nodiscard]] std::string text(std::string_view id) const;
};

// Names as written in the YAML file, for messages and docs.
std::string_view to_string(Language);
std::string_view to_string(Priority);
std::string_view to_string(UncertainPolicy);
std::string_view to_string(ModemRole);
std::string_view to_string(ClientRole);
std::string_view to_string(KeywordAction);
std::string_view to_string(LogLevel);
std::string_view to_string(EventKind);

// Built-in defaults that are tables rather than single values (defined in defaults.cpp).
std::vector<OperatorConfig> default_operators();  // Safaricom, Airtel, Telkom
std::map<KeywordAction, std::vector<std::string>> default_keywords();
std::map<Language, std::map<std::string, std::string>> default_texts();

}  // namespace jumbe::config
