// Runs an external program (gammu, smsd, jumbed, ...) for a test with a hard deadline.
// Contract: returns its exit code and combined stdout+stderr; on timeout the whole process group
// is killed (SIGTERM, then SIGKILL) and timed_out is set, so a hung client never hangs the test.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace jumbe::testing {

struct CommandResult {
  int exit_code = -1;  // -1 when killed by a signal or timed out
  std::string output;  // stdout and stderr interleaved
  bool timed_out = false;
};

CommandResult run_command(const std::vector<std::string>& argv, std::chrono::milliseconds timeout,
                          const std::string& cwd = {});

// A long-running program (smsd, jumbed) started for a test and stopped by it: SIGTERM to its
// process group, SIGKILL after 5 s. Output goes to `log_path` (or /dev/null when empty).
class Spawned {
 public:
  Spawned(const std::vector<std::string>& argv, const std::string& log_path = {});
  ~Spawned();
  Spawned(const Spawned&) = delete;
  Spawned& operator=(const Spawned&) = delete;
  bool running();
  void stop();

 private:
  int pid_ = -1;
};

}  // namespace jumbe::testing
