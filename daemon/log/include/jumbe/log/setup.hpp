// Logging set-up for jumbed: one spdlog logger per component ("jumbed", "router", "modem", "at",
// "store", ...) sharing one sink: journald when the process runs under systemd (JOURNAL_STREAM is
// set, or sink: journald), stderr otherwise. Contract: init() may be called again on reload and
// changes levels in place; get() returns a logger for any component (created on first use at the
// configured level). Lines look like "jumbed[router] info: ...".
#pragma once

#include <spdlog/logger.h>

#include <memory>
#include <string>
#include <string_view>

#include "jumbe/config/config.hpp"
#include "jumbe/log/privacy.hpp"

namespace jumbe::log {

// True when stderr is connected to the journal (systemd sets JOURNAL_STREAM=dev:inode).
bool under_journald();

void init(const config::LoggingConfig& cfg);
std::shared_ptr<spdlog::logger> get(std::string_view component);
// The privacy settings of the current configuration.
const Privacy& privacy();
spdlog::level::level_enum to_spdlog(config::LogLevel level);

}  // namespace jumbe::log
