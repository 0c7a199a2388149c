// A jumbed process for one integration test: writes a configuration for the modems of a running
// jumbe-sim into the simulator's temp dir, starts the real daemon, waits for "ready", queues
// messages through its admin path, and reads what the simulated modems sent. Contract: every
// wait is bounded (failure timeouts only, never timing assertions); the destructor stops jumbed.
#pragma once

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "jumbe/testing/run_command.hpp"
#include "jumbe/testing/sim_process.hpp"

namespace jumbe::testing {

struct ModemSpec {
  std::string name;
  int sim_index = 0;
  std::string op;  // safaricom | airtel | telkom
  std::string rate = "6000/min";
  int burst = 50;
  int daily_quota = 0;    // 0: none
  std::string imei = {};  // set: the modem is named by IMEI (found among gateway.ports), not device
};

class Jumbed {
 public:
  Jumbed(SimProcess& sim, std::vector<ModemSpec> modems, std::string extra_yaml = {});
  ~Jumbed();

  void write_config(const std::vector<ModemSpec>& modems);
  // Lines added under `store:` by the next write_config() (e.g. "  uncertain:\n    normal:
  // fail\n").
  std::string store_yaml;
  void start();
  bool wait_ready(std::chrono::milliseconds timeout = std::chrono::seconds(30));
  void stop();   // SIGTERM, wait
  void kill9();  // SIGKILL (crash)
  int pid() const { return pid_; }
  int wait_exit(std::chrono::milliseconds timeout);  // exit code, -1 if signalled or timeout
  void hup();

  // jumbed --enqueue; returns the exit code.
  int enqueue(const std::string& to, const std::string& text,
              const std::string& priority = "normal", int count = 1);
  std::string log() const;
  bool log_contains(const std::string& needle) const;
  const std::string& config_path() const { return config_; }
  const std::string& db_path() const { return db_; }

  // Everything the simulated modem `index` sent (the simulator's "sent" records).
  std::vector<nlohmann::json> sent(int index);
  // Waits until pred() or timeout.
  static bool wait(const std::function<bool()>& pred, std::chrono::milliseconds timeout);

 private:
  SimProcess& sim_;
  std::string extra_;
  std::string config_, db_, log_;
  int pid_ = -1;
  int runs_ = 0;
};

}  // namespace jumbe::testing
