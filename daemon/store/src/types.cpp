// Names of the store's enums as they appear in events, logs and the API.
#include "jumbe/store/types.hpp"

namespace jumbe::store {

std::string_view to_string(Priority p) noexcept {
  switch (p) {
    case Priority::emergency:
      return "emergency";
    case Priority::high:
      return "high";
    case Priority::normal:
      return "normal";
    case Priority::bulk:
      return "bulk";
  }
  return "unknown";
}

std::string_view to_string(State s) noexcept {
  switch (s) {
    case State::queued:
      return "queued";
    case State::sending:
      return "sending";
    case State::sent:
      return "sent";
    case State::delivered:
      return "delivered";
    case State::failed:
      return "failed";
    case State::expired:
      return "expired";
    case State::cancelled:
      return "cancelled";
    case State::held:
      return "held";
  }
  return "unknown";
}

std::string_view to_string(EventKind k) noexcept {
  switch (k) {
    case EventKind::inbound:
      return "inbound";
    case EventKind::state_changed:
      return "state_changed";
    case EventKind::delivery_report:
      return "delivery_report";
    case EventKind::modem_health:
      return "modem_health";
    case EventKind::ussd:
      return "ussd";
    case EventKind::broadcast:
      return "broadcast";
  }
  return "unknown";
}

bool is_final(State s) noexcept {
  return s == State::delivered || s == State::failed || s == State::expired ||
         s == State::cancelled;
}

}  // namespace jumbe::store
