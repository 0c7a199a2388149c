// The accepted keys of every configuration section (see schema.hpp). Adding a field means adding
// it here, reading it in the section's loader and documenting it in docs/config.md; the docs
// test fails until all three agree.
#include "jumbe/config/schema.hpp"

#include <string>

namespace jumbe::config {

const std::vector<SchemaSection>& schema() {
  static const std::vector<SchemaSection> sections = {
      {"",
       {"gateway", "store", "modems", "numbers", "api", "services", "logging", "webhooks",
        "kannel"}},
      {"gateway", {"name", "language", "reference_prefix", "ports"}},
      {"store", {"path", "retention", "event_retention", "multipart_timeout", "uncertain"}},
      {"store.uncertain", {"emergency", "high", "normal", "bulk"}},
      {"modems[]",
       {"name", "imei", "usb_path", "device", "pin", "pin_file", "pin_env", "operator", "roles",
        "send_rate", "burst", "daily_quota", "monthly_quota", "profile", "quirks", "baud",
        "balance", "enabled"}},
      {"modems[].balance", {"ussd", "every", "low"}},
      {"numbers", {"default_region", "international_prefixes", "allow_international", "operators"}},
      {"numbers.operators[]", {"name", "display", "prefixes"}},
      {"api", {"socket", "socket_mode", "socket_group", "tcp", "clients", "limits"}},
      {"api.tcp", {"host", "port", "allow_non_loopback"}},
      {"api.clients[]",
       {"name", "role", "uid", "gid", "token", "token_file", "token_env", "keywords", "groups"}},
      {"api.limits",
       {"max_body", "max_header", "requests", "request_burst", "idle_timeout",
        "slow_client_timeout", "max_connections", "max_recipients"}},
      {"services", {"keywords", "groups", "texts", "reply_unknown", "max_alert_recipients"}},
      {"services.keywords", {"report", "join", "stop", "help", "status", "alert"}},
      {"services.groups[]", {"name", "description", "chiefs", "open"}},
      {"services.texts", {"sw", "en"}},
      {"services.texts.*",
       {"report_ack", "join_ok", "join_unknown", "stop_ok", "help", "alert_confirm",
        "alert_summary", "alert_denied", "status_unavailable"}},
      {"logging", {"level", "components", "sink", "show_numbers", "show_texts", "at_trace"}},
      {"logging.components",
       {"daemon", "config", "store", "router", "services", "api", "modem", "at", "serial", "pdu",
        "webhooks", "kannel"}},
      {"webhooks[]",
       {"name", "url", "events", "secret", "secret_file", "secret_env", "timeout", "max_attempts",
        "max_backoff"}},
      {"kannel", {"enabled", "users", "forwards"}},
      {"kannel.users[]",
       {"username", "password", "password_file", "password_env", "client", "default_sender"}},
      {"kannel.forwards[]", {"keyword", "url", "post"}},
  };
  return sections;
}

std::span<const std::string_view> schema_keys(std::string_view section) {
  for (const auto& s : schema())
    if (s.path == section) return s.keys;
  return {};
}

std::vector<std::string> schema_fields() {
  std::vector<std::string> out;
  for (const auto& s : schema()) {
    for (auto key : s.keys) {
      out.push_back(s.path.empty() ? std::string(key)
                                   : std::string(s.path) + "." + std::string(key));
    }
  }
  // Free-form maps documented as a whole: modems[].quirks.<flag> is any driver flag name.
  return out;
}

}  // namespace jumbe::config
