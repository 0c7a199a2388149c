// GET /v1/modems and /v1/modems/{name}: a gateway::ModemView as the contract's JSON object
// (api-contract.md "Modems and status"). Unknown values (no signal yet, SIM not read) are null,
// never 0 or "", so a script can tell "not known" from "zero". Registration and SIM state are
// snake_case tokens named after TS 27.007 7.2 <stat> and 8.3 +CPIN codes. Contract: pure.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "jumbe/gateway/views.hpp"

namespace jumbe::api {

std::string_view registration_token(at::RegStatus s) noexcept;  // "home", "roaming", ...
std::string_view sim_token(at::SimState s) noexcept;            // "ready", "sim_pin", ...

nlohmann::json modem_json(const gateway::ModemView& m);
// {"modems":[...]} in configuration order.
nlohmann::json modems_json(const std::vector<gateway::ModemView>& ms);

}  // namespace jumbe::api
