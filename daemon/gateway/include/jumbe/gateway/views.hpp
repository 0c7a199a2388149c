// What the gateway shows the API, the CLI and /metrics: one view per configured modem, counters
// since start, and USSD replies. Plain values copied out on the event loop, so a caller may keep
// them after the call returns.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "jumbe/modem/health.hpp"

namespace jumbe::gateway {

struct ModemView {
  std::string name;
  std::string match;          // how the config names it ("device /dev/ttyUSB2", "IMEI ...")
  std::string operator_name;  // configured operator ("auto" until the SIM says)
  bool enabled = true;
  bool ready = false;    // registered and the driver takes sends
  std::string blocked;   // why it takes no work now ("no credit: ...", "daily quota 500
                         // used"); empty when it does
  int in_flight = 0;     // messages handed to the driver, result not yet back
  modem::Health health;  // identity, operator, signal, registration, SIM, counters, error
  std::optional<std::string> balance;  // the last balance-check reply (nullopt: never checked)
};

// Counters since the daemon started (Prometheus counters may restart from zero).
struct ModemCounters {
  std::string modem;
  std::string operator_name;
  std::uint64_t sent = 0;       // messages whose every segment went out
  std::uint64_t failed = 0;     // attempts that failed (any class)
  std::uint64_t delivered = 0;  // status reports saying delivered
  std::uint64_t received = 0;   // inbound parts stored
};

// Send latency: from handing a message to the driver until its result (seconds).
struct LatencyHistogram {
  static constexpr std::array<double, 10> bounds{0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120};
  std::array<std::uint64_t, bounds.size()> buckets{};  // per bound, NOT cumulative
  std::uint64_t count = 0;
  double sum = 0;
  void observe(double seconds);
};

struct GatewayMetrics {
  std::vector<ModemCounters> modems;
  LatencyHistogram send_latency;
  std::uint64_t inbound_messages = 0;  // complete (or released incomplete) inbound messages
};

struct UssdReply {
  std::string modem;
  int status = 0;             // +CUSD <m>: 0 done, 1 the network waits for input, 2 ended
  std::string text;           // decoded reply
  bool session_open = false;  // continue with Gateway::ussd(modem, input)
};

}  // namespace jumbe::gateway
