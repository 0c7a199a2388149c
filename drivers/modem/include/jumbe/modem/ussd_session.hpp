// USSD session state (TS 27.007 7.15, +CUSD): one request at a time, each completed exactly once.
// Handles what networks and modems really do: the +CUSD reply arriving before the command's OK,
// a "+CUSD: 2" release that arrives just before the real reply (a short grace period waits for
// it), status 4/5 without text, network-initiated messages, and a timeout per step (networks drop
// a session after about 30-60 s). Pure: time comes in as arguments, outputs are taken.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <tl/expected.hpp>
#include <variant>
#include <vector>

#include "jumbe/pdu/ussd.hpp"

namespace jumbe::modem {

class UssdSession {
 public:
  using Clock = std::chrono::steady_clock;
  using Duration = Clock::duration;

  struct Config {
    Duration step_timeout = std::chrono::seconds(40);
    Duration release_grace = std::chrono::seconds(3);
  };

  enum class Phase { idle, awaiting_ok, awaiting_reply, open };

  struct Completed {
    bool ok = false;
    int status = 0;               // +CUSD <m> of the reply
    std::string text;             // decoded reply text
    bool session_open = false;    // <m>=1: the network waits for our next input
    std::string error;            // for !ok: one line ("network timeout (+CUSD: 5)")
    bool cancel_session = false;  // the driver should send AT+CUSD=2 to free the radio side
  };
  struct Unsolicited {  // network-initiated, or a late line outside any request
    int status = 0;
    std::string text;
    bool session_open = false;
  };
  using Output = std::variant<Completed, Unsolicited>;

  UssdSession() = default;
  explicit UssdSession(Config config) : config_(config) {}

  // A request (first or a menu answer) is about to be written. Error when one is in progress.
  tl::expected<void, std::string> begin(Clock::time_point now);
  // The AT+CUSD=1,... command finished: ok, or failed with an error line.
  void on_command_result(bool ok, const std::string& error, Clock::time_point now);
  void on_cusd(const pdu::Cusd& cusd, Clock::time_point now);
  void on_tick(Clock::time_point now);
  // The user abandons the session (the driver sends AT+CUSD=2).
  void cancel(Clock::time_point now);
  // The port was lost or the modem reset: any request fails, any session is gone.
  void abort(const std::string& reason);

  Phase phase() const { return phase_; }
  std::optional<Clock::time_point> deadline() const { return deadline_; }
  std::vector<Output> take_outputs();

 private:
  void complete(Completed c);
  void accept_reply(const pdu::Cusd& cusd, Clock::time_point now);

  Config config_;
  Phase phase_ = Phase::idle;
  std::optional<Clock::time_point> deadline_;
  std::optional<pdu::Cusd> early_;  // a reply that came before the OK
  bool release_seen_ = false;
  std::vector<Output> outputs_;
};

std::string_view to_string(UssdSession::Phase p);

}  // namespace jumbe::modem
