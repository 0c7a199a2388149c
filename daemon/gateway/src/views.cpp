// What the API reads and drives through the gateway: modem views, counters, USSD on a chosen or
// any modem, and change listeners that wake the event stream (see views.hpp, gateway.hpp).
#include "jumbe/gateway/views.hpp"

#include "jumbe/gateway/gateway.hpp"
#include "jumbe/log/setup.hpp"
#include "runner.hpp"

namespace jumbe::gateway {

void LatencyHistogram::observe(double seconds) {
  ++count;
  sum += seconds;
  for (std::size_t i = 0; i < bounds.size(); ++i) {
    if (seconds <= bounds[i]) {
      ++buckets[i];
      return;
    }
  }
}

std::vector<ModemView> Gateway::modems() {
  std::vector<ModemView> out;
  const auto t = now();
  const auto keys = router::calendar_keys(t);
  for (const auto& m : cfg_.modems) {
    ModemView v;
    v.name = m.name;
    v.match = m.match_description();
    v.operator_name = m.operator_name;
    v.enabled = m.enabled;
    if (auto it = runners_.find(m.name); it != runners_.end()) {
      const auto& r = it->second;
      v.in_flight = r->in_flight;
      if (m.device.empty() && !r->device.empty()) v.match += " on " + r->device;
      if (r->modem) {
        v.ready = r->modem->ready();
        v.health = r->modem->health();
      }
      v.blocked = router_.why(m.name, t, keys);
    } else {
      v.blocked = m.enabled ? "not started" : "disabled in the configuration";
    }
    if (auto b = balances_.find(m.name); b != balances_.end()) v.balance = b->second;
    out.push_back(std::move(v));
  }
  return out;
}

bool Gateway::any_modem_ready() const {
  for (const auto& [_, r] : runners_)
    if (r->modem && r->modem->ready()) return true;
  return false;
}

GatewayMetrics Gateway::metrics() const {
  return metrics_;
}

void Gateway::ussd(const std::string& modem, std::string text,
                   std::function<void(tl::expected<UssdReply, std::string>)> done) {
  std::shared_ptr<Runner> chosen;
  if (!modem.empty()) {
    auto it = runners_.find(modem);
    if (it == runners_.end())
      return done(tl::unexpected("modem '" + modem + "' is not configured"));
    chosen = it->second;
    if (!chosen->cfg.has_role(config::ModemRole::ussd))
      return done(tl::unexpected("modem '" + modem + "' does not have the ussd role"));
    if (!chosen->modem || !chosen->modem->ready())
      return done(tl::unexpected("modem '" + modem + "' is not ready"));
  } else {
    for (const auto& [name, r] : runners_) {
      if (r->modem && r->modem->ready() && r->cfg.has_role(config::ModemRole::ussd)) {
        chosen = r;
        break;
      }
    }
    if (!chosen) return done(tl::unexpected(std::string("no modem with the ussd role is ready")));
  }
  std::weak_ptr<bool> alive = alive_;
  const std::string name = chosen->cfg.name;
  chosen->modem->ussd(std::move(text),
                      [this, alive, name, done = std::move(done)](modem::UssdSession::Completed c) {
                        if (alive.expired()) return;
                        if (!c.ok) return done(tl::unexpected("modem " + name + ": " + c.error));
                        done(UssdReply{name, c.status, c.text, c.session_open});
                      });
}

tl::expected<void, std::string> Gateway::ussd_cancel(const std::string& modem) {
  auto it = runners_.find(modem);
  if (it == runners_.end() || !it->second->modem)
    return tl::unexpected("modem '" + modem + "' is not configured");
  it->second->modem->cancel_ussd();
  return {};
}

void Gateway::on_network_ussd(const std::string& modem, modem::UssdEvent e) {
  log::get("modem")->info("modem {}: network USSD (status {}): {}", modem, e.status,
                          log::text(e.text, log::privacy()));
  // The event log carries it to integrators; the text is what the network sent the SIM, not a
  // citizen's message, so it is kept whole.
  std::string detail = modem + " " + std::to_string(e.status) + " " + e.text;
  store_.append_event(store::EventKind::ussd, 0, std::move(detail), now(),
                      on_loop<store::EventId>([](auto) {}));
}

void Gateway::add_change_listener(std::function<void()> listener) {
  change_listeners_.push_back(std::move(listener));
}

void Gateway::changed() {
  for (const auto& l : change_listeners_)
    l();
}

}  // namespace jumbe::gateway
