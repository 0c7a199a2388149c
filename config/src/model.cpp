// Small methods of the configuration model: lookups, names of enum values as written in YAML.
#include <algorithm>

#include "jumbe/config/config.hpp"

namespace jumbe::config {

bool ModemConfig::has_role(ModemRole r) const {
  return std::find(roles.begin(), roles.end(), r) != roles.end();
}

std::string ModemConfig::match_description() const {
  if (!imei.empty()) return "imei " + imei;
  if (!usb_path.empty()) return "usb " + usb_path;
  return "device " + device;
}

namespace {
template <class T>
const T* find_named(const std::vector<T>& items, std::string_view name) {
  for (const auto& item : items)
    if (item.name == name) return &item;
  return nullptr;
}
}  // namespace

const ModemConfig* Config::find_modem(std::string_view name) const {
  return find_named(modems, name);
}
const ApiClient* Config::find_client(std::string_view name) const {
  return find_named(api.clients, name);
}
const GroupConfig* Config::find_group(std::string_view name) const {
  return find_named(services.groups, name);
}

std::string Config::text(std::string_view id) const {
  for (Language lang : {gateway.language, Language::en}) {
    auto l = services.texts.find(lang);
    if (l == services.texts.end()) continue;
    auto t = l->second.find(std::string(id));
    if (t != l->second.end()) return t->second;
  }
  return std::string(id);
}

std::string_view to_string(Language v) {
  return v == Language::sw ? "sw" : "en";
}

std::string_view to_string(Priority v) {
  switch (v) {
    case Priority::emergency:
      return "emergency";
    case Priority::high:
      return "high";
    case Priority::normal:
      return "normal";
    case Priority::bulk:
      return "bulk";
  }
  return "?";
}

std::string_view to_string(UncertainPolicy v) {
  switch (v) {
    case UncertainPolicy::resend:
      return "resend";
    case UncertainPolicy::hold:
      return "hold";
    case UncertainPolicy::fail:
      return "fail";
  }
  return "?";
}

std::string_view to_string(ModemRole v) {
  switch (v) {
    case ModemRole::send:
      return "send";
    case ModemRole::receive:
      return "receive";
    case ModemRole::ussd:
      return "ussd";
  }
  return "?";
}

std::string_view to_string(ClientRole v) {
  switch (v) {
    case ClientRole::admin:
      return "admin";
    case ClientRole::sender:
      return "sender";
    case ClientRole::reader:
      return "reader";
  }
  return "?";
}

std::string_view to_string(KeywordAction v) {
  switch (v) {
    case KeywordAction::report:
      return "report";
    case KeywordAction::join:
      return "join";
    case KeywordAction::stop:
      return "stop";
    case KeywordAction::help:
      return "help";
    case KeywordAction::status:
      return "status";
    case KeywordAction::alert:
      return "alert";
  }
  return "?";
}

std::string_view to_string(LogLevel v) {
  switch (v) {
    case LogLevel::trace:
      return "trace";
    case LogLevel::debug:
      return "debug";
    case LogLevel::info:
      return "info";
    case LogLevel::warn:
      return "warn";
    case LogLevel::error:
      return "error";
    case LogLevel::off:
      return "off";
  }
  return "?";
}

std::string_view to_string(EventKind v) {
  switch (v) {
    case EventKind::inbound:
      return "inbound";
    case EventKind::state:
      return "state";
    case EventKind::delivery:
      return "delivery";
    case EventKind::modem:
      return "modem";
    case EventKind::ussd:
      return "ussd";
    case EventKind::broadcast:
      return "broadcast";
  }
  return "?";
}

}  // namespace jumbe::config
