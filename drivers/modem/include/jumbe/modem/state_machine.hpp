// One modem's life as a declarative table (house style 6): each state lists the events it
// accepts and the state each leads to. Contract: fire() on an event the current state does not
// accept is a bug and aborts with the offending line; every transition is logged as exactly one
// line "modem[saf-1]{REGISTERED}: SEND_SMS -> SENDING" so tests can compare logs.
// Sequence follows TS 27.007 / 27.005 bring-up: probe, init, SIM, storage, +CNMI, registration.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace jumbe::modem {

enum class State {
  closed,        // not started
  opening,       // opening the serial port
  probing,       // AT until OK
  initialising,  // ATE0, +CMEE=1, identity, SIM PIN
  sim_locked,    // PIN refused, PUK needed or no SIM: a human must act; never retried
  configuring,   // +CPMS, +CMGF=0, +CNMI, vendor extra_init
  registering,   // waiting for +CREG/+CGREG/+CEREG home or roaming
  registered,    // ready: idle and able to send
  sending,       // a message's segments are going out
  resetting,     // +CFUN=1,1 or closing the port
  waiting_port,  // port gone or unopenable: retrying with backoff (replug brings it back)
  stopped,       // stop() was called; terminal
};

enum class Event {
  start,
  port_opened,
  port_failed,
  probe_ok,
  probe_failed,
  init_ok,
  sim_refused,
  config_ok,
  config_failed,
  network_up,
  network_lost,
  send_sms,
  send_done,
  unresponsive,
  reset,
  reset_done,
  port_lost,
  retry,
  stop,
};

std::string_view to_string(State s);  // "REGISTERED"
std::string_view to_string(Event e);  // "SEND_SMS"

struct Transition {
  State from;
  Event event;
  State to;
};
// The whole table, for docs and tests.
std::span<const Transition> transition_table();
// The state `event` leads to from `from`, or nullopt when the table does not allow it.
std::optional<State> next_state(State from, Event event);
bool is_ready(State s);  // registered or sending: the modem can take work

class StateMachine {
 public:
  using Logger = std::function<void(std::string_view line)>;
  StateMachine(std::string name, Logger logger)
      : name_(std::move(name)), logger_(std::move(logger)) {}

  State state() const { return state_; }
  bool accepts(Event e) const { return next_state(state_, e).has_value(); }
  // Applies the event; aborts (after logging) on an illegal transition.
  State fire(Event e);
  // Applies the event when allowed and returns whether it was (for events that may race, such
  // as a network URC arriving while resetting). Logs nothing when refused.
  bool fire_if_allowed(Event e);

 private:
  std::string name_;
  Logger logger_;
  State state_ = State::closed;
};

// "modem[saf-1]{REGISTERED}: SEND_SMS -> SENDING"
std::string transition_line(std::string_view name, State from, Event e, State to);

}  // namespace jumbe::modem
