// Finding the AT port among a modem's interfaces: open each, send "AT", wait a short time for OK.
// Contract: blocking (poll(2) with a timeout), meant for start-up and hotplug discovery before a
// port is handed to an AtChannel; a port that is busy, silent or answers garbage is reported with
// the reason, never thrown. A modem that has just booted may swallow the first AT, so two are sent.
#pragma once

#include <chrono>
#include <string>
#include <tl/expected.hpp>
#include <vector>

#include "jumbe/serial/error.hpp"
#include "jumbe/serial/port.hpp"

namespace jumbe::serial {

struct ProbeResult {
  std::string device;
  bool answers_at = false;
  std::string detail;  // "OK", "no answer within 1000 ms", "busy: ...", ...
};

ProbeResult probe_at(const std::string& path, const LineSettings& settings = {},
                     std::chrono::milliseconds timeout = std::chrono::milliseconds{1000});

// Probes each candidate in order; the first that answers, or the reasons none did.
tl::expected<std::string, SerialError> find_at_port(
    const std::vector<std::string>& candidates, const LineSettings& settings = {},
    std::chrono::milliseconds timeout = std::chrono::milliseconds{1000});

}  // namespace jumbe::serial
