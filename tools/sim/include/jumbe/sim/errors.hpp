// +CME ERROR (3GPP TS 27.007 9.2) and +CMS ERROR (TS 27.005 3.2.5) codes and their texts, and
// how a final error line looks under +CMEE=0/1/2 (TS 27.007 9.1).
#pragma once

#include <string>
#include <string_view>

namespace jumbe::sim {

namespace cme {
inline constexpr int phone_failure = 0;
inline constexpr int not_allowed = 3;
inline constexpr int not_supported = 4;
inline constexpr int sim_not_inserted = 10;
inline constexpr int sim_pin_required = 11;
inline constexpr int sim_puk_required = 12;
inline constexpr int incorrect_password = 16;
inline constexpr int memory_full = 20;
inline constexpr int invalid_index = 21;
inline constexpr int not_found = 22;
inline constexpr int invalid_chars = 25;
inline constexpr int no_network = 30;
inline constexpr int unknown = 100;
}  // namespace cme

namespace cms {
inline constexpr int network_out_of_order = 38;
inline constexpr int congestion = 42;
inline constexpr int me_failure = 300;
inline constexpr int not_allowed = 302;
inline constexpr int not_supported = 303;
inline constexpr int invalid_pdu_param = 304;
inline constexpr int invalid_text_param = 305;
inline constexpr int sim_not_inserted = 310;
inline constexpr int sim_pin_required = 311;
inline constexpr int memory_failure = 320;
inline constexpr int invalid_index = 321;
inline constexpr int memory_full = 322;
inline constexpr int no_network = 331;
inline constexpr int network_timeout = 332;
inline constexpr int no_cnma_expected = 340;
inline constexpr int unknown = 500;
}  // namespace cms

std::string_view cme_text(int code);  // "" when the code has no standard text
std::string_view cms_text(int code);

// The final line (without \r\n) for an error under the given +CMEE mode: "ERROR",
// "+CME ERROR: 10" or "+CME ERROR: SIM not inserted". `cms` selects the +CMS family.
std::string error_line(bool cms, int code, int cmee);

}  // namespace jumbe::sim
