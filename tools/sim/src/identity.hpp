// Default identities of simulated SIMs and modems on Kenyan networks: operator names, MCC/MNC
// (Safaricom 639-02, Airtel 639-03, Telkom 639-07), SMSC, MSISDN, and IMEI/ICCID with valid
// Luhn check digits (3GPP TS 23.003 6.2.1; ITU-T E.118 for ICCID).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "jumbe/sim/modem_state.hpp"

namespace jumbe::sim {

// "safaricom", "airtel", "telkom" (case-insensitive) or the MCC+MNC; nullopt otherwise.
std::optional<Identity> operator_identity(std::string_view name);
// A complete identity for modem `index` on that operator: unique IMEI/IMSI/ICCID/MSISDN.
Identity make_identity(const Identity& op, int index);
char luhn_digit(std::string_view digits);

}  // namespace jumbe::sim
