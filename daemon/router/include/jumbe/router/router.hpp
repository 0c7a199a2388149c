// The router's rules over every configured modem: how many messages each modem may claim from the
// store right now and, if none, why and until when; which operator a new message should prefer;
// what a failed attempt means for the message and for the modem. Contract: pure (times passed
// in, no I/O); names are modem names from the config. The store orders work by priority and
// broadcast lane; the router keeps each modem's pipeline short (`depth`) so an emergency message
// claimed next overtakes bulk within a send or two, and spreads work over every eligible modem.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jumbe/router/backoff.hpp"
#include "jumbe/router/quota.hpp"
#include "jumbe/router/token_bucket.hpp"

namespace jumbe::router {

struct ModemPolicy {
  std::string name;
  std::string operator_name;   // "safaricom"; empty or "auto" = unknown
  bool can_send = true;        // has the send role and is enabled
  double rate_per_second = 0;  // <= 0: unlimited
  std::uint32_t burst = 1;
  std::uint32_t daily_quota = 0;  // 0: unlimited
  std::uint32_t monthly_quota = 0;
};

// Why a modem takes no work now. Values appear in logs, STATUS= and the API.
enum class Blocked {
  none,
  unknown_modem,
  no_send_role,
  not_ready,  // the driver is not registered (opening, resetting, unplugged)
  paused,     // the modem said "busy, retry here later"; resumes at `until`
  no_credit,  // the SIM has no airtime or bundle; a human must top it up
  daily_quota,
  monthly_quota,
  rate_limited,   // resumes at `until`
  pipeline_full,  // enough messages already handed to the driver
  stopping,       // the daemon is shutting down
};
std::string_view to_string(Blocked b);

struct Grant {
  int limit = 0;                // messages to claim now (0: none)
  Blocked why = Blocked::none;  // set when limit == 0
  std::optional<Millis> until;  // when asking again may give work (rate or pause)
};

// What the driver said about one attempt (mirrors jumbe::modem::Outcome, kept here so the
// router does not depend on the driver).
enum class AttemptOutcome { sent, retry_here_later, retry_elsewhere, permanent, uncertain };

enum class Retry { here, elsewhere, never };

struct FailureDecision {
  Retry retry = Retry::here;
  std::int64_t retry_after_ms = 0;       // pause before the message may be claimed again
  std::int64_t avoid_ms = 0;             // Retry::elsewhere: keep it off this modem this long
  bool final = false;                    // attempts exhausted or permanent: the message fails
  std::optional<Blocked> modem_blocked;  // what happens to the modem (pause or no credit)
  std::optional<Millis> modem_until;
};

struct Preference {
  std::string operator_name;  // empty: any modem
  std::int64_t grace_ms = 0;  // after this the message may go through any operator
};

struct RouterSettings {
  int depth = 2;       // messages per modem between claim and recorded result, at least
  int max_depth = 32;  // and at most (set_depth() moves between them, pipeline.hpp)
  BackoffPolicy backoff;
  std::int64_t avoid_ms = 600'000;     // retry_elsewhere keeps a message off a modem this long
  std::int64_t busy_pause_ms = 5'000;  // retry_here_later pauses the modem at least this long
  std::int64_t operator_grace_ms = 120'000;  // wait for an own-operator modem this long
};

class Router {
 public:
  explicit Router(RouterSettings settings = {}) : settings_(settings) {}

  // Sets the modem list (start and reload). Modems kept by name keep their bucket level, quota
  // counts and flags; new ones start with a full bucket; missing ones are forgotten.
  void configure(const std::vector<ModemPolicy>& modems, Millis now);
  [[nodiscard]] bool knows(std::string_view modem) const;
  [[nodiscard]] std::vector<std::string> modems() const;

  void set_ready(std::string_view modem, bool ready);
  // No credit is set by a failure classified so, or by a balance check; a human (or a balance
  // above the threshold) clears it.
  void set_no_credit(std::string_view modem, bool no_credit, std::string reason = {});
  void set_stopping(bool stopping) { stopping_ = stopping; }
  // The modem's pipeline depth (pipeline_depth() from its measured latencies), clamped to
  // [settings.depth, settings.max_depth].
  void set_depth(std::string_view modem, int depth);

  // How many messages `modem` should claim now; `in_flight` is what it holds already.
  [[nodiscard]] Grant grant(std::string_view modem, int in_flight, Millis now, CalendarKeys keys);
  // Messages were handed to the modem: their segments take tokens now.
  void claimed(std::string_view modem, int segments, Millis now);
  // Segments that went out (or may have) count against the quota.
  void counted(std::string_view modem, int segments, CalendarKeys keys);
  // Restores quota counts known from the store at start.
  void restore_quota(std::string_view modem, std::uint32_t today, std::uint32_t month,
                     CalendarKeys keys);

  // What a failed attempt means. `attempt` is the message's attempt number (1 = first).
  FailureDecision failed(std::string_view modem, AttemptOutcome outcome, std::string_view detail,
                         int attempt, Millis now);

  // Which operator a new message to `recipient_operator` should prefer, and for how long: its own
  // operator when some modem of it can send (or is only briefly paused), else any modem at once.
  [[nodiscard]] Preference prefer(std::string_view recipient_operator) const;

  // A one-line reason for the modem's state ("no credit: +CMS ERROR: 38", "daily quota 500
  // used"), empty when it takes work.
  [[nodiscard]] std::string why(std::string_view modem, Millis now, CalendarKeys keys);

  [[nodiscard]] const RouterSettings& settings() const { return settings_; }

 private:
  struct Slot {
    ModemPolicy policy;
    TokenBucket bucket;
    Quota quota;
    bool ready = false;
    bool no_credit = false;
    std::string credit_reason;
    Millis paused_until = 0;
    int depth = 0;  // 0: settings_.depth
  };
  Slot* find(std::string_view modem);
  const Slot* find(std::string_view modem) const;

  RouterSettings settings_;
  std::map<std::string, Slot, std::less<>> slots_;
  bool stopping_ = false;
};

// True for a failure text that says the SIM cannot pay: TS 27.005 3.2.5 has no credit code, so
// operators answer +CMS ERROR 38/42/500 with an explanatory text, or USSD balance checks say so.
bool looks_like_no_credit(std::string_view detail);

}  // namespace jumbe::router
