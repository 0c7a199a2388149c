// Pure mappings from the configuration to what the driver and the router take: one
// modem::ModemConfig and one router::ModemPolicy per configured modem, and whether a reload
// changed a modem enough to restart its driver. Contract: no I/O, no logging.
#pragma once

#include <string>
#include <tl/expected.hpp>

#include "jumbe/config/config.hpp"
#include "jumbe/modem/modem.hpp"
#include "jumbe/router/router.hpp"
#include "jumbe/store/types.hpp"

namespace jumbe::gateway {

// The driver's settings for a configured modem. A modem named by IMEI or USB path opens
// `located` (found by discovery.hpp's locate()); without it, an error naming the modem.
tl::expected<modem::ModemConfig, std::string> driver_config(const config::ModemConfig& m,
                                                            const config::LoggingConfig& log,
                                                            const std::string& located = {});
router::ModemPolicy router_policy(const config::ModemConfig& m);
// True when the driver must be restarted for the change (device, PIN, profile, quirks, baud,
// enabled); rate, quota and operator changes apply in place.
bool needs_restart(const config::ModemConfig& before, const config::ModemConfig& after);
store::UncertainPolicy uncertain_policy(const config::StoreConfig& s);

}  // namespace jumbe::gateway
