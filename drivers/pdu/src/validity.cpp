// Relative validity period (3GPP TS 23.040 9.2.3.12.1): 0..143 are 5 minute steps up to 12 h,
// 144..167 half hours up to 24 h, 168..196 days up to 30 d, 197..255 weeks up to 63 w. A request
// rounds up, so a message is never dropped by the SMSC earlier than the sender asked.
#include "jumbe/pdu/types.hpp"

namespace jumbe::pdu {
namespace {
constexpr std::uint32_t ceil_div(std::uint32_t a, std::uint32_t b) {
  return (a + b - 1) / b;
}
}  // namespace

Result<std::uint8_t> relative_validity_octet(std::uint32_t minutes) {
  if (minutes == 0) return make_error(ErrorCode::bad_option, 0, "validity: must be positive");
  if (minutes <= 12 * 60) return static_cast<std::uint8_t>(ceil_div(minutes, 5) - 1);
  if (minutes <= 24 * 60) return static_cast<std::uint8_t>(143 + ceil_div(minutes - 720, 30));
  if (minutes <= 30 * 1440) return static_cast<std::uint8_t>(166 + ceil_div(minutes, 1440));
  if (minutes <= 63 * 10080) return static_cast<std::uint8_t>(192 + ceil_div(minutes, 10080));
  return make_error(
      ErrorCode::bad_option, 0,
      "validity: " + std::to_string(minutes) + " minutes exceeds the maximum of 63 weeks");
}

std::uint32_t relative_validity_minutes(std::uint8_t vp) noexcept {
  if (vp <= 143) return (vp + 1u) * 5u;
  if (vp <= 167) return 720u + (vp - 143u) * 30u;
  if (vp <= 196) return (vp - 166u) * 1440u;
  return (vp - 192u) * 10080u;
}

}  // namespace jumbe::pdu
