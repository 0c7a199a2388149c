// Names of error codes and the one-line description of an Error (jumbe/pdu/result.hpp).
#include "jumbe/pdu/result.hpp"

namespace jumbe::pdu {

std::string_view to_string(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::not_implemented:
      return "not_implemented";
    case ErrorCode::bad_hex:
      return "bad_hex";
    case ErrorCode::truncated:
      return "truncated";
    case ErrorCode::length_exceeds_data:
      return "length_exceeds_data";
    case ErrorCode::bad_message_type:
      return "bad_message_type";
    case ErrorCode::bad_address:
      return "bad_address";
    case ErrorCode::bad_timestamp:
      return "bad_timestamp";
    case ErrorCode::bad_dcs:
      return "bad_dcs";
    case ErrorCode::bad_udh:
      return "bad_udh";
    case ErrorCode::bad_utf8:
      return "bad_utf8";
    case ErrorCode::bad_number:
      return "bad_number";
    case ErrorCode::bad_option:
      return "bad_option";
    case ErrorCode::too_long:
      return "too_long";
    case ErrorCode::not_encodable:
      return "not_encodable";
    case ErrorCode::unsupported:
      return "unsupported";
    case ErrorCode::bad_cusd:
      return "bad_cusd";
  }
  return "unknown";
}

std::string Error::describe() const {
  return message + " at byte " + std::to_string(position);
}

}  // namespace jumbe::pdu
