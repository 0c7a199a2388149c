// +CPIN: <code> (TS 27.007 8.3). Only READY lets the modem send; the PIN codes decide whether
// the configured PIN may be tried (never after a refusal: three wrong tries lock the SIM).
#include <array>
#include <utility>

#include "fields.hpp"
#include "jumbe/at/replies.hpp"

namespace jumbe::at {

Parsed<SimState> parse_cpin(std::string_view line) {
  using namespace detail;
  const auto params = after_prefix(line, "+CPIN:");
  if (!params)
    return tl::unexpected(
        ParseError{"+CPIN: expected \"+CPIN: <code>\", got " + quote_for_error(line)});
  std::string_view code = *params;
  if (code.size() >= 2 && code.front() == '"' && code.back() == '"')
    code = code.substr(1, code.size() - 2);  // Quirk: some firmware quotes it: +CPIN: "READY"
  constexpr std::array<std::pair<std::string_view, SimState>, 7> kCodes{{
      {"READY", SimState::ready},
      {"SIM PIN", SimState::sim_pin},
      {"SIM PUK", SimState::sim_puk},
      {"PH-SIM PIN", SimState::ph_sim_pin},
      {"SIM PIN2", SimState::sim_pin2},
      {"SIM PUK2", SimState::sim_puk2},
      {"PH-NET PIN", SimState::ph_net_pin},
  }};
  for (const auto& [text, state] : kCodes)
    if (code == text) return state;
  if (code.starts_with("PH-")) return SimState::other_lock;
  return tl::unexpected(ParseError{"+CPIN: unknown code " + quote_for_error(code)});
}

}  // namespace jumbe::at
