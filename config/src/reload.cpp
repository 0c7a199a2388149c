// Differences between two configurations for a SIGHUP reload (see reload.hpp).
#include "jumbe/config/reload.hpp"

#include <tuple>

namespace jumbe::config {
namespace {

// Every setting of a modem, as a tuple, so two modems compare field by field. Keep in step with
// ModemConfig: a field missing here would make a change to it go unnoticed on reload.
auto settings(const ModemConfig& m) {
  return std::tie(m.name, m.imei, m.usb_path, m.device, m.pin.reveal(), m.operator_name, m.roles,
                  m.send_rate, m.burst, m.daily_quota, m.monthly_quota, m.profile, m.quirks, m.baud,
                  m.balance.ussd, m.balance.every, m.balance.low, m.enabled);
}

}  // namespace

ReloadPlan plan_reload(const Config& before, const Config& after) {
  ReloadPlan plan;
  for (const auto& m : after.modems) {
    const ModemConfig* old = before.find_modem(m.name);
    if (old == nullptr) {
      plan.modems_added.push_back(m.name);
    } else if (settings(*old) != settings(m)) {
      plan.modems_changed.push_back(m.name);
    }
  }
  for (const auto& m : before.modems)
    if (after.find_modem(m.name) == nullptr) plan.modems_removed.push_back(m.name);

  // The database and the listening sockets are opened once, at start.
  auto note = [&](bool differs, const char* field) {
    if (differs) plan.restart_needed.emplace_back(field);
  };
  note(before.store.path != after.store.path, "store.path");
  note(before.api.socket != after.api.socket, "api.socket");
  note(before.api.socket_mode != after.api.socket_mode, "api.socket_mode");
  note(before.api.socket_group != after.api.socket_group, "api.socket_group");
  const bool tcp_differs = before.api.tcp.has_value() != after.api.tcp.has_value() ||
                           (before.api.tcp && after.api.tcp &&
                            (before.api.tcp->host != after.api.tcp->host ||
                             before.api.tcp->port != after.api.tcp->port));
  note(tcp_differs, "api.tcp");
  note(before.logging.sink != after.logging.sink, "logging.sink");
  return plan;
}

}  // namespace jumbe::config
