// Health change detection and backoff (see health.hpp).
#include "jumbe/modem/health.hpp"

#include <cstdlib>

namespace jumbe::modem {

namespace {
// SENDING is REGISTERED with a message in flight: flipping between them per message is not news.
std::string_view ready_class(const std::string& s) {
  return s == "SENDING" ? "REGISTERED" : s;
}
}  // namespace

bool significant(const Health& a, const Health& b) {
  if (ready_class(a.state) != ready_class(b.state) || a.registration != b.registration ||
      a.sim != b.sim || a.operator_name != b.operator_name ||
      a.storage_full() != b.storage_full() || a.last_error != b.last_error || a.imei != b.imei ||
      a.imsi != b.imsi || a.profile != b.profile ||
      (a.ber_class.value_or(0) > 0) != (b.ber_class.value_or(0) > 0))
    return true;
  if (a.signal_dbm.has_value() != b.signal_dbm.has_value()) return true;
  if (a.signal_dbm && b.signal_dbm && std::abs(*a.signal_dbm - *b.signal_dbm) >= 6) return true;
  return false;
}

std::string_view describe(at::RegStatus s) {
  using R = at::RegStatus;
  switch (s) {
    case R::not_registered:
      return "not registered";
    case R::home:
      return "registered home";
    case R::searching:
      return "searching";
    case R::denied:
      return "registration denied";
    case R::unknown:
      return "unknown";
    case R::roaming:
      return "roaming";
    case R::home_sms_only:
      return "registered home (SMS only)";
    case R::roaming_sms_only:
      return "roaming (SMS only)";
    case R::emergency_only:
      return "emergency calls only";
    case R::home_csfb_not_preferred:
      return "registered home (CSFB not preferred)";
    case R::roaming_csfb_not_preferred:
      return "roaming (CSFB not preferred)";
  }
  return "?";
}

std::string_view describe(at::SimState s) {
  using S = at::SimState;
  switch (s) {
    case S::ready:
      return "ready";
    case S::sim_pin:
      return "SIM PIN required";
    case S::sim_puk:
      return "SIM PUK required (SIM blocked)";
    case S::ph_sim_pin:
      return "phone-to-SIM PIN required";
    case S::sim_pin2:
      return "SIM PIN2 required";
    case S::sim_puk2:
      return "SIM PUK2 required";
    case S::ph_net_pin:
      return "network personalisation PIN required";
    case S::other_lock:
      return "locked";
  }
  return "?";
}

std::chrono::milliseconds backoff_delay(int attempt, std::chrono::milliseconds base,
                                        std::chrono::milliseconds cap) {
  if (attempt < 0) attempt = 0;
  auto d = base;
  for (int i = 0; i < attempt && d < cap; ++i)
    d *= 2;
  return d < cap ? d : cap;
}

}  // namespace jumbe::modem
