// The transition table of one modem (see state_machine.hpp). Every state can be stopped and every
// state past the port opening can lose its port (unplug); the rest is the bring-up sequence.
#include "jumbe/modem/state_machine.hpp"

#include <array>
#include <cstdio>
#include <cstdlib>

namespace jumbe::modem {

namespace {
using S = State;
using E = Event;
constexpr std::array kTable{
    Transition{S::closed, E::start, S::opening},
    Transition{S::closed, E::stop, S::stopped},

    Transition{S::opening, E::port_opened, S::probing},
    Transition{S::opening, E::port_failed, S::waiting_port},
    Transition{S::opening, E::stop, S::stopped},

    Transition{S::probing, E::probe_ok, S::initialising},
    Transition{S::probing, E::probe_failed, S::waiting_port},
    Transition{S::probing, E::port_lost, S::waiting_port},
    Transition{S::probing, E::stop, S::stopped},

    Transition{S::initialising, E::init_ok, S::configuring},
    Transition{S::initialising, E::sim_refused, S::sim_locked},
    Transition{S::initialising, E::unresponsive, S::resetting},
    Transition{S::initialising, E::port_lost, S::waiting_port},
    Transition{S::initialising, E::stop, S::stopped},

    Transition{S::sim_locked, E::port_lost, S::sim_locked},
    Transition{S::sim_locked, E::stop, S::stopped},

    Transition{S::configuring, E::config_ok, S::registering},
    Transition{S::configuring, E::config_failed, S::resetting},
    Transition{S::configuring, E::unresponsive, S::resetting},
    Transition{S::configuring, E::port_lost, S::waiting_port},
    Transition{S::configuring, E::stop, S::stopped},

    Transition{S::registering, E::network_up, S::registered},
    Transition{S::registering, E::unresponsive, S::resetting},
    Transition{S::registering, E::reset, S::resetting},
    Transition{S::registering, E::port_lost, S::waiting_port},
    Transition{S::registering, E::stop, S::stopped},

    Transition{S::registered, E::send_sms, S::sending},
    Transition{S::registered, E::network_lost, S::registering},
    Transition{S::registered, E::unresponsive, S::resetting},
    Transition{S::registered, E::reset, S::resetting},
    Transition{S::registered, E::port_lost, S::waiting_port},
    Transition{S::registered, E::stop, S::stopped},

    Transition{S::sending, E::send_done, S::registered},
    Transition{S::sending, E::network_lost, S::registering},
    Transition{S::sending, E::unresponsive, S::resetting},
    Transition{S::sending, E::reset, S::resetting},
    Transition{S::sending, E::port_lost, S::waiting_port},
    Transition{S::sending, E::stop, S::stopped},

    Transition{S::resetting, E::reset_done, S::opening},
    Transition{S::resetting, E::port_lost, S::waiting_port},
    Transition{S::resetting, E::stop, S::stopped},

    Transition{S::waiting_port, E::retry, S::opening},
    Transition{S::waiting_port, E::stop, S::stopped},
};
}  // namespace

std::string_view to_string(State s) {
  switch (s) {
    case S::closed:
      return "CLOSED";
    case S::opening:
      return "OPENING";
    case S::probing:
      return "PROBING";
    case S::initialising:
      return "INITIALISING";
    case S::sim_locked:
      return "SIM_LOCKED";
    case S::configuring:
      return "CONFIGURING";
    case S::registering:
      return "REGISTERING";
    case S::registered:
      return "REGISTERED";
    case S::sending:
      return "SENDING";
    case S::resetting:
      return "RESETTING";
    case S::waiting_port:
      return "WAITING_PORT";
    case S::stopped:
      return "STOPPED";
  }
  return "?";
}

std::string_view to_string(Event e) {
  switch (e) {
    case E::start:
      return "START";
    case E::port_opened:
      return "PORT_OPENED";
    case E::port_failed:
      return "PORT_FAILED";
    case E::probe_ok:
      return "PROBE_OK";
    case E::probe_failed:
      return "PROBE_FAILED";
    case E::init_ok:
      return "INIT_OK";
    case E::sim_refused:
      return "SIM_REFUSED";
    case E::config_ok:
      return "CONFIG_OK";
    case E::config_failed:
      return "CONFIG_FAILED";
    case E::network_up:
      return "NETWORK_UP";
    case E::network_lost:
      return "NETWORK_LOST";
    case E::send_sms:
      return "SEND_SMS";
    case E::send_done:
      return "SEND_DONE";
    case E::unresponsive:
      return "UNRESPONSIVE";
    case E::reset:
      return "RESET";
    case E::reset_done:
      return "RESET_DONE";
    case E::port_lost:
      return "PORT_LOST";
    case E::retry:
      return "RETRY";
    case E::stop:
      return "STOP";
  }
  return "?";
}

std::span<const Transition> transition_table() {
  return kTable;
}

std::optional<State> next_state(State from, Event event) {
  for (const auto& t : kTable)
    if (t.from == from && t.event == event) return t.to;
  return std::nullopt;
}

bool is_ready(State s) {
  return s == S::registered || s == S::sending;
}

std::string transition_line(std::string_view name, State from, Event e, State to) {
  std::string line = "modem[";
  line += name;
  line += "]{";
  line += to_string(from);
  line += "}: ";
  line += to_string(e);
  line += " -> ";
  line += to_string(to);
  return line;
}

State StateMachine::fire(Event e) {
  const auto to = next_state(state_, e);
  if (!to) {
    // An event the table does not allow is a bug in the driver, not bad modem input.
    std::string line = "modem[" + name_ + "]{" + std::string(to_string(state_)) +
                       "}: illegal event " + std::string(to_string(e));
    if (logger_) logger_(line);
    std::fprintf(stderr, "%s\n", line.c_str());
    std::abort();
  }
  const auto from = state_;
  state_ = *to;
  if (logger_) logger_(transition_line(name_, from, e, *to));
  return state_;
}

bool StateMachine::fire_if_allowed(Event e) {
  if (!accepts(e)) return false;
  fire(e);
  return true;
}

}  // namespace jumbe::modem
