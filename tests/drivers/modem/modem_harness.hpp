// Test harness for the modem driver against a real jumbe-sim over a pty: one io_context run on
// the test thread, a Modem with recording handlers, and run_until() with a generous failure
// timeout (never a wall-clock assertion).
#pragma once

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "jumbe/modem/modem.hpp"
#include "jumbe/testing/sim_process.hpp"

namespace jumbe::modem::testing {

struct Recorder {
  std::vector<InboundMessage> inbound;
  std::vector<StatusReportEvent> reports;
  std::vector<UssdEvent> ussd;
  std::vector<Health> health;
  std::vector<std::string> log;
  bool auto_commit = false;
  bool print_log = false;

  ModemEvents events() {
    ModemEvents e;
    e.on_inbound = [this](InboundMessage m) {
      if (auto_commit) m.commit();
      inbound.push_back(std::move(m));
    };
    e.on_status_report = [this](StatusReportEvent r) {
      r.commit();
      reports.push_back(std::move(r));
    };
    e.on_ussd = [this](UssdEvent u) { ussd.push_back(std::move(u)); };
    e.on_health = [this](const Health& h) { health.push_back(h); };
    e.on_log = [this](LogLevel, const std::string& l) {
      if (print_log) fprintf(stderr, "%s\n", l.c_str());
      log.push_back(l);
    };
    return e;
  }
  bool logged(const std::string& part) const {
    for (const auto& l : log)
      if (l.find(part) != std::string::npos) return true;
    return false;
  }
  std::size_t count_logged(const std::string& part) const {
    std::size_t n = 0;
    for (const auto& l : log)
      n += l.find(part) != std::string::npos;
    return n;
  }
};

class ModemSimFixture {
 public:
  explicit ModemSimFixture(const std::string& profile = "generic",
                           std::vector<std::string> sim_args = {}) {
    jumbe::testing::SimOptions o;
    o.binary = JUMBE_SIM_BINARY;
    o.profile = profile;
    o.extra_args = {"--boot-ms", "200", "--send-latency-ms", "0"};
    for (auto& a : sim_args)
      o.extra_args.push_back(std::move(a));
    sim = std::make_unique<jumbe::testing::SimProcess>(o);
  }
  ~ModemSimFixture() {
    if (modem) {
      bool stopped = false;
      modem->stop([&] { stopped = true; });
      run_until([&] { return stopped; }, std::chrono::seconds(10));
      modem.reset();
    }
    io.run_for(std::chrono::milliseconds(50));
  }

  ModemConfig config(const std::string& name = "saf-1") {
    ModemConfig c;
    c.name = name;
    c.device = sim->pty(0);
    c.reopen_base = std::chrono::milliseconds(200);
    c.reopen_cap = std::chrono::milliseconds(1000);
    c.reset_settle = std::chrono::milliseconds(300);
    c.registration_poll = std::chrono::milliseconds(200);
    return c;
  }

  void start(ModemConfig c) {
    modem = Modem::create(io.get_executor(), std::move(c), rec.events());
    modem->start();
  }

  // Runs the loop until pred() or the timeout (a failure bound, not a measurement).
  bool run_until(const std::function<bool()>& pred,
                 std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (!pred()) {
      if (std::chrono::steady_clock::now() > end) return false;
      io.restart();
      io.run_for(std::chrono::milliseconds(5));
    }
    return true;
  }
  bool until_ready() {
    return run_until([&] { return modem->state() == State::registered; });
  }

  SendResult send_and_wait(SendRequest req) {
    std::optional<SendResult> out;
    modem->send(std::move(req), [&](SendResult r) { out = std::move(r); });
    EXPECT_TRUE(run_until([&] { return out.has_value(); }, std::chrono::seconds(90)));
    return out.value_or(SendResult{});
  }
  UssdSession::Completed ussd_and_wait(const std::string& text) {
    std::optional<UssdSession::Completed> out;
    modem->ussd(text, [&](UssdSession::Completed c) { out = std::move(c); });
    EXPECT_TRUE(run_until([&] { return out.has_value(); }, std::chrono::seconds(60)));
    return out.value_or(UssdSession::Completed{});
  }
  nlohmann::json fault(nlohmann::json req) {
    req["cmd"] = "fault";
    return sim->request(req);
  }

  boost::asio::io_context io;
  std::unique_ptr<jumbe::testing::SimProcess> sim;
  Recorder rec;
  std::shared_ptr<Modem> modem;
};

inline SendRequest message(std::string text, std::string to = "+254712345678") {
  SendRequest r;
  r.to = std::move(to);
  r.text = std::move(text);
  return r;
}

}  // namespace jumbe::modem::testing
