// Configuration -> driver and router settings (see settings.hpp).
#include "jumbe/gateway/settings.hpp"

namespace jumbe::gateway {

tl::expected<modem::ModemConfig, std::string> driver_config(const config::ModemConfig& m,
                                                            const config::LoggingConfig& log,
                                                            const std::string& located) {
  const std::string& device = m.device.empty() ? located : m.device;
  if (device.empty())
    return tl::unexpected("modem " + m.name + " (" + m.match_description() +
                          "): no device found for it yet");
  modem::ModemConfig c;
  c.name = m.name;
  c.device = device;
  c.profile = m.profile;
  for (const auto& [flag, on] : m.quirks)
    c.overrides[flag] = {on ? "true" : "false"};
  if (!m.pin.empty()) c.pin = m.pin.reveal();
  c.line.baud = static_cast<int>(m.baud);
  c.trace = log.at_trace;
  c.trace_options.show_numbers = log.show_numbers;
  c.trace_options.show_payloads = log.show_texts;
  return c;
}

router::ModemPolicy router_policy(const config::ModemConfig& m) {
  router::ModemPolicy p;
  p.name = m.name;
  p.operator_name = m.operator_name == "auto" ? "" : m.operator_name;
  p.can_send = m.enabled && m.has_role(config::ModemRole::send);
  p.rate_per_second = m.send_rate.per_second();
  p.burst = m.burst;
  p.daily_quota = m.daily_quota;
  p.monthly_quota = m.monthly_quota;
  return p;
}

bool needs_restart(const config::ModemConfig& a, const config::ModemConfig& b) {
  return a.device != b.device || a.imei != b.imei || a.usb_path != b.usb_path ||
         a.pin.reveal() != b.pin.reveal() || a.profile != b.profile || a.quirks != b.quirks ||
         a.baud != b.baud || a.enabled != b.enabled;
}

store::UncertainPolicy uncertain_policy(const config::StoreConfig& s) {
  store::UncertainPolicy p;
  for (const auto& [prio, policy] : s.uncertain) {
    p.resend[static_cast<int>(prio)] = policy == config::UncertainPolicy::resend;
    p.fail[static_cast<int>(prio)] = policy == config::UncertainPolicy::fail;
  }
  return p;
}

}  // namespace jumbe::gateway
