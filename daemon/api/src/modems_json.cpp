// Modem views as JSON (see modems_json.hpp). Tokens for +CREG <stat> values 0-10 follow TS 27.007
// 7.2 (6-10 are the E-UTRAN "SMS only" / "CSFB not preferred" additions).
#include "jumbe/api/modems_json.hpp"

namespace jumbe::api {

namespace {
template <class T>
nlohmann::json opt(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json();
}
nlohmann::json opt(const std::string& v) {
  return v.empty() ? nlohmann::json() : nlohmann::json(v);
}
}  // namespace

std::string_view registration_token(at::RegStatus s) noexcept {
  switch (s) {
    case at::RegStatus::not_registered:
      return "not_registered";
    case at::RegStatus::home:
      return "home";
    case at::RegStatus::searching:
      return "searching";
    case at::RegStatus::denied:
      return "denied";
    case at::RegStatus::unknown:
      return "unknown";
    case at::RegStatus::roaming:
      return "roaming";
    case at::RegStatus::home_sms_only:
      return "home_sms_only";
    case at::RegStatus::roaming_sms_only:
      return "roaming_sms_only";
    case at::RegStatus::emergency_only:
      return "emergency_only";
    case at::RegStatus::home_csfb_not_preferred:
      return "home_csfb_not_preferred";
    case at::RegStatus::roaming_csfb_not_preferred:
      return "roaming_csfb_not_preferred";
  }
  return "unknown";
}

std::string_view sim_token(at::SimState s) noexcept {
  switch (s) {
    case at::SimState::ready:
      return "ready";
    case at::SimState::sim_pin:
      return "sim_pin";
    case at::SimState::sim_puk:
      return "sim_puk";
    case at::SimState::ph_sim_pin:
      return "ph_sim_pin";
    case at::SimState::sim_pin2:
      return "sim_pin2";
    case at::SimState::sim_puk2:
      return "sim_puk2";
    case at::SimState::ph_net_pin:
      return "ph_net_pin";
    case at::SimState::other_lock:
      return "other_lock";
  }
  return "other_lock";
}

nlohmann::json modem_json(const gateway::ModemView& m) {
  const auto& h = m.health;
  nlohmann::json j;
  j["name"] = m.name;
  j["match"] = m.match;
  j["operator"] = m.operator_name;
  j["enabled"] = m.enabled;
  j["ready"] = m.ready;
  j["blocked"] = opt(m.blocked);
  j["in_flight"] = m.in_flight;
  j["state"] = opt(h.state);
  j["signal_dbm"] = opt(h.signal_dbm);
  j["registration"] =
      h.registration ? nlohmann::json(registration_token(*h.registration)) : nlohmann::json();
  j["network_operator"] = opt(h.operator_name);
  j["sim"] = h.sim ? nlohmann::json(sim_token(*h.sim)) : nlohmann::json();
  j["storage_used"] = opt(h.storage_used);
  j["storage_total"] = opt(h.storage_total);
  j["manufacturer"] = opt(h.manufacturer);
  j["model"] = opt(h.model);
  j["revision"] = opt(h.revision);
  j["imei"] = opt(h.imei);
  j["imsi"] = opt(h.imsi);
  j["iccid"] = opt(h.iccid);
  j["profile"] = opt(h.profile);
  j["balance"] = opt(m.balance);
  const auto& c = h.counters;
  j["counters"] = {{"segments_sent", c.segments_sent},
                   {"segments_failed", c.segments_failed},
                   {"segments_uncertain", c.segments_uncertain},
                   {"messages_received", c.messages_received},
                   {"status_reports", c.status_reports},
                   {"ussd_requests", c.ussd_requests},
                   {"timeouts", c.timeouts},
                   {"resets", c.resets}};
  j["last_error"] = opt(h.last_error);
  return j;
}

nlohmann::json modems_json(const std::vector<gateway::ModemView>& ms) {
  auto arr = nlohmann::json::array();
  for (const auto& m : ms)
    arr.push_back(modem_json(m));
  return {{"modems", std::move(arr)}};
}

}  // namespace jumbe::api
