// Timeout table lookup: see timeouts.hpp.
#include "jumbe/at/timeouts.hpp"

namespace jumbe::at {

Duration TimeoutTable::for_kind(CommandKind kind) const {
  switch (kind) {
    case CommandKind::plain:
      return plain;
    case CommandKind::probe:
      return probe;
    case CommandKind::sms_send:
      return sms_send;
    case CommandKind::sms_list:
      return sms_list;
    case CommandKind::ussd:
      return ussd;
    case CommandKind::operator_scan:
      return operator_scan;
    case CommandKind::sim:
      return sim;
  }
  return plain;
}

std::string_view to_string(CommandKind kind) {
  switch (kind) {
    case CommandKind::plain:
      return "plain";
    case CommandKind::probe:
      return "probe";
    case CommandKind::sms_send:
      return "sms_send";
    case CommandKind::sms_list:
      return "sms_list";
    case CommandKind::ussd:
      return "ussd";
    case CommandKind::operator_scan:
      return "operator_scan";
    case CommandKind::sim:
      return "sim";
  }
  return "?";
}

}  // namespace jumbe::at
