// The modem state table: the bring-up path logs one line per transition in the agreed format,
// illegal events abort, and every state can be stopped.
#include "jumbe/modem/state_machine.hpp"

#include <gtest/gtest.h>

#include <set>

namespace jumbe::modem {
namespace {

TEST(ModemStateMachine, BringUpAndSendLogOneLineEach) {
  std::vector<std::string> log;
  StateMachine sm("saf-1", [&](std::string_view l) { log.emplace_back(l); });
  for (auto e : {Event::start, Event::port_opened, Event::probe_ok, Event::init_ok,
                 Event::config_ok, Event::network_up, Event::send_sms, Event::send_done})
    sm.fire(e);
  EXPECT_EQ(sm.state(), State::registered);
  ASSERT_EQ(log.size(), 8u);
  EXPECT_EQ(log[0], "modem[saf-1]{CLOSED}: START -> OPENING");
  EXPECT_EQ(log[6], "modem[saf-1]{REGISTERED}: SEND_SMS -> SENDING");
  EXPECT_EQ(log[7], "modem[saf-1]{SENDING}: SEND_DONE -> REGISTERED");
}

TEST(ModemStateMachine, UnplugMidSendWaitsForThePortAndComesBack) {
  StateMachine sm("air-1", nullptr);
  for (auto e : {Event::start, Event::port_opened, Event::probe_ok, Event::init_ok,
                 Event::config_ok, Event::network_up, Event::send_sms, Event::port_lost})
    sm.fire(e);
  EXPECT_EQ(sm.state(), State::waiting_port);
  sm.fire(Event::retry);
  EXPECT_EQ(sm.state(), State::opening);
}

TEST(ModemStateMachine, RefusedPinIsTerminalUntilStopped) {
  StateMachine sm("tel-1", nullptr);
  for (auto e : {Event::start, Event::port_opened, Event::probe_ok, Event::sim_refused})
    sm.fire(e);
  EXPECT_EQ(sm.state(), State::sim_locked);
  // A replug must not lead to a second try with the refused PIN.
  EXPECT_FALSE(sm.accepts(Event::retry));
  EXPECT_FALSE(next_state(State::sim_locked, Event::reset_done));
}

TEST(ModemStateMachine, IllegalEventAborts) {
  EXPECT_DEATH(
      {
        StateMachine sm("saf-2", nullptr);
        sm.fire(Event::send_sms);
      },
      "modem\\[saf-2\\]\\{CLOSED\\}: illegal event SEND_SMS");
}

TEST(ModemStateMachine, FireIfAllowedRefusesQuietly) {
  std::vector<std::string> log;
  StateMachine sm("x", [&](std::string_view l) { log.emplace_back(l); });
  EXPECT_FALSE(sm.fire_if_allowed(Event::network_up));
  EXPECT_TRUE(log.empty());
}

TEST(ModemStateMachine, EveryLiveStateCanStopAndEveryStateIsReachable) {
  std::set<State> reached{State::closed};
  for (const auto& t : transition_table())
    reached.insert(t.to);
  for (int s = 0; s <= static_cast<int>(State::stopped); ++s) {
    const auto st = static_cast<State>(s);
    EXPECT_TRUE(reached.count(st)) << to_string(st);
    if (st != State::stopped) {
      EXPECT_TRUE(next_state(st, Event::stop)) << to_string(st);
    }
  }
}

TEST(ModemStateMachine, TableHasNoDuplicates) {
  std::set<std::pair<State, Event>> seen;
  for (const auto& t : transition_table())
    EXPECT_TRUE(seen.insert({t.from, t.event}).second)
        << to_string(t.from) << " " << to_string(t.event);
}

}  // namespace
}  // namespace jumbe::modem
