// A modem's health as the daemon and operators see it: signal (dBm, TS 27.007 8.5), bit error
// rate class (BER > 0 is known to precede +CMGS hangs on some modems), registration (7.2 / 10.1),
// operator, SIM state, SIM storage use (TS 27.005 3.2.2), counters and the last error; plus the
// reset backoff. Contract: pure values; significant() says when a change is worth an event, so
// a flapping RSSI does not flood the daemon.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "jumbe/at/replies.hpp"

namespace jumbe::modem {

struct Counters {
  std::uint64_t segments_sent = 0;
  std::uint64_t segments_failed = 0;
  std::uint64_t segments_uncertain = 0;
  std::uint64_t messages_received = 0;
  std::uint64_t status_reports = 0;
  std::uint64_t ussd_requests = 0;
  std::uint64_t timeouts = 0;
  std::uint64_t resets = 0;
  friend bool operator==(const Counters&, const Counters&) = default;
};

struct Health {
  std::string state;  // the state machine's state name ("REGISTERED")
  std::optional<int> signal_dbm;
  std::optional<int> ber_class;
  std::optional<at::RegStatus> registration;
  std::string operator_name;
  std::optional<at::SimState> sim;
  std::optional<int> storage_used;
  std::optional<int> storage_total;
  std::string manufacturer, model, revision, imei, imsi, iccid;
  std::string profile;
  Counters counters;
  std::string last_error;

  bool storage_full() const {
    return storage_used && storage_total && *storage_total > 0 && *storage_used >= *storage_total;
  }
  friend bool operator==(const Health&, const Health&) = default;
};

// True when `now` differs from `before` in a way worth telling the daemon: state, registration,
// SIM, operator, storage full or not, last error, identity, or signal by >= 6 dB or crossing
// the "no signal" line. Counters alone never are (they are read on demand).
bool significant(const Health& before, const Health& now);

// "registered home", "roaming", "searching", ...
std::string_view describe(at::RegStatus s);
std::string_view describe(at::SimState s);

// Reset and reopen backoff: base * 2^attempt, capped; attempt 0 -> base. A modem that was
// healthy for `stable_after` starts again from attempt 0 (see Backoff).
std::chrono::milliseconds backoff_delay(int attempt, std::chrono::milliseconds base,
                                        std::chrono::milliseconds cap);

class Backoff {
 public:
  Backoff(std::chrono::milliseconds base = std::chrono::seconds(2),
          std::chrono::milliseconds cap = std::chrono::minutes(5))
      : base_(base), cap_(cap) {}
  std::chrono::milliseconds next() { return backoff_delay(attempt_++, base_, cap_); }
  void succeeded() { attempt_ = 0; }
  int attempts() const { return attempt_; }

 private:
  std::chrono::milliseconds base_, cap_;
  int attempt_ = 0;
};

}  // namespace jumbe::modem
