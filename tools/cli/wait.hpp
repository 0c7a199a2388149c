// `jumbe send --wait`: submit while subscribed to the event stream, then follow the messages
// until each reaches the goal (sent, or delivered) or an end it cannot come back from (failed,
// expired, cancelled) or is held for an operator. Contract: subscribing before submitting means
// no state change can slip between the two; a stream that drops is resumed with Last-Event-ID
// after re-reading each message's state; a daemon without the event stream (404) is polled.
// Exit code: 0 when every message reached the goal, 1 otherwise (and on --timeout), 3 when the
// daemon cannot be reached at all.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "daemon.hpp"
#include "jumbe/cli/states.hpp"

namespace jumbe::cli {

struct WaitOptions {
  WaitGoal goal = WaitGoal::sent;
  bool json = false;
  std::optional<std::chrono::milliseconds> timeout;
};

// submit() performs the submission and returns the message objects of its 202 answer (each with
// "id", "to", "state"), or the exit code it already reported.
using Submit = std::function<tl::expected<std::vector<nlohmann::json>, int>()>;

int submit_and_wait(const Daemon& daemon, const Submit& submit, const WaitOptions& opts);

}  // namespace jumbe::cli
