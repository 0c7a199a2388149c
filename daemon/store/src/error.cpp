// Names of store error codes, for logs and API error bodies ("disk_full", ...).
#include "jumbe/store/error.hpp"

namespace jumbe::store {

std::string_view to_string(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::invalid_argument:
      return "invalid_argument";
    case ErrorCode::not_found:
      return "not_found";
    case ErrorCode::conflict:
      return "conflict";
    case ErrorCode::disk_full:
      return "disk_full";
    case ErrorCode::read_only:
      return "read_only";
    case ErrorCode::locked:
      return "locked";
    case ErrorCode::corrupt:
      return "corrupt";
    case ErrorCode::io:
      return "io";
    case ErrorCode::too_new:
      return "too_new";
    case ErrorCode::closed:
      return "closed";
    case ErrorCode::internal:
      return "internal";
  }
  return "unknown";
}

}  // namespace jumbe::store
