// One simulated modem wired to the world: an Engine, its PtyPort, the output queue that applies
// command and send latency in order, timers, and the I/O faults (garbage bytes, unplug/replug,
// the +CFUN=1,1 reset). Contract: output order is exactly the engine's; while output is pending
// the modem reads no new command (a real modem handles one command line at a time).
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <deque>
#include <memory>
#include <random>
#include <string>

#include "jumbe/sim/engine.hpp"
#include "pty_port.hpp"

namespace jumbe::sim {

struct RunnerOptions {
  std::string pty_path;
  int command_latency_ms = 0;
  int send_latency_ms = 0;
  int boot_ms = 300;          // +CFUN=1,1 and replug: time until the new port appears
  int noise_interval_ms = 0;  // Huawei ^RSSI period; 0 = off
  unsigned seed = 1;
};

class ModemRunner : public Host {
 public:
  ModemRunner(boost::asio::io_context& io, int index, EngineOptions engine_options,
              RunnerOptions options);
  ~ModemRunner() override;

  tl::expected<void, std::string> start();
  void unplug(int replug_after_ms);
  tl::expected<void, std::string> replug();

  Engine& engine() { return engine_; }
  RunnerOptions& options() { return opt_; }
  int index() const { return index_; }
  bool plugged() const { return port_.is_open(); }
  const std::string& pty_path() const { return opt_.pty_path; }
  const std::string& slave_path() const { return port_.slave_path(); }

  // Host
  void emit(std::string bytes, Delay delay) override;
  void after(std::chrono::milliseconds ms, std::function<void()> fn) override;
  void restart() override;
  std::int64_t now_ms() override;

 private:
  void pump();
  void on_data(std::string_view bytes);
  void feed_engine();
  void noise_tick();
  std::string garbage();

  boost::asio::io_context& io_;
  int index_;
  RunnerOptions opt_;
  PtyPort port_;
  Engine engine_;
  struct Chunk {
    std::string bytes;
    int delay_ms = 0;
    bool response = false;
  };
  std::deque<Chunk> queue_;
  bool busy_ = false;
  std::string pending_input_;
  boost::asio::steady_timer delay_timer_;
  boost::asio::steady_timer noise_timer_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
  std::mt19937 rng_;
};

}  // namespace jumbe::sim
