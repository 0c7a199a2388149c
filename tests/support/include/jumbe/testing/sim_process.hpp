// A jumbe-sim process for one test: started with N modems in a fresh temp dir, ready when every
// pty symlink and the control socket exist; requests go over one control connection. Contract:
// the constructor throws std::runtime_error with the simulator's stderr if it does not come up
// within the timeout; the destructor stops it (SIGTERM, SIGKILL after 5 s) and removes the dir.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace jumbe::testing {

struct SimOptions {
  std::string binary;  // path of jumbe-sim; empty: $JUMBE_SIM_BINARY
  int modems = 1;
  std::string profile = "generic";
  std::vector<std::string> extra_args;  // e.g. {"--send-latency-ms", "0"}
  std::chrono::milliseconds start_timeout{20000};
};

class SimProcess {
 public:
  explicit SimProcess(SimOptions options = {});
  ~SimProcess();
  SimProcess(const SimProcess&) = delete;
  SimProcess& operator=(const SimProcess&) = delete;

  const std::string& dir() const { return dir_; }
  std::string pty(int modem = 0) const;  // the symlink a client opens
  const std::string& control_path() const { return control_; }
  pid_t pid() const { return pid_; }
  bool running();

  // One request, one response (throws std::runtime_error if the socket fails or the reply does
  // not come within 10 s).
  nlohmann::json request(const nlohmann::json& req);

  // Polls pred every 20 ms until true or timeout; returns the last value.
  static bool wait_for(const std::function<bool()>& pred, std::chrono::milliseconds timeout);

  // Writes a gammurc for modem i into dir() and returns its path.
  std::string write_gammurc(int modem = 0) const;
  // What the simulator printed to stderr so far.
  std::string log() const;

  void stop();

 private:
  SimOptions opt_;
  std::string dir_;
  std::string control_;
  pid_t pid_ = -1;
  int control_fd_ = -1;
};

}  // namespace jumbe::testing
