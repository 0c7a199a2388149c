// Jumbed test fixture (see jumbed_fixture.hpp).
#include "jumbed_fixture.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace jumbe::testing {

Jumbed::Jumbed(SimProcess& sim, std::vector<ModemSpec> modems, std::string extra_yaml)
    : sim_(sim), extra_(std::move(extra_yaml)) {
  config_ = sim_.dir() + "/jumbed.yaml";
  db_ = sim_.dir() + "/jumbe.db";
  log_ = sim_.dir() + "/jumbed.log";
  write_config(modems);
}

Jumbed::~Jumbed() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
}

void Jumbed::write_config(const std::vector<ModemSpec>& modems) {
  std::ofstream f(config_ + ".tmp");
  f << "store:\n  path: " << db_ << "\n";
  f << store_yaml;
  f << "modems:\n";
  for (const auto& m : modems) {
    f << "  - name: " << m.name << "\n";
    if (m.imei.empty())
      f << "    device: " << sim_.pty(m.sim_index) << "\n";
    else
      f << "    imei: \"" << m.imei << "\"\n";
    f << "    operator: " << m.op << "\n    profile: generic\n    send_rate: " << m.rate
      << "\n    burst: " << m.burst << "\n";
    if (m.daily_quota > 0) f << "    daily_quota: " << m.daily_quota << "\n";
  }
  f << "api:\n  socket: " << sim_.dir() << "/jumbe.sock\n  socket_group: \"\"\n";
  f << "logging:\n  level: info\n  sink: stderr\n";
  f << extra_;
  f.close();
  std::rename((config_ + ".tmp").c_str(), config_.c_str());
}

void Jumbed::start() {
  ++runs_;
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    int fd = ::open(log_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    ::dup2(fd, 2);
    ::dup2(fd, 1);
    ::execl(JUMBED_BINARY, "jumbed", "--config", config_.c_str(), "--init-timeout", "20",
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
}

bool Jumbed::wait(const std::function<bool()>& pred, std::chrono::milliseconds timeout) {
  return SimProcess::wait_for(pred, timeout);
}

bool Jumbed::wait_ready(std::chrono::milliseconds timeout) {
  // The n-th "ready in" line belongs to the n-th start (the log is appended).
  return wait(
      [&] {
        const std::string l = log();
        int n = 0;
        for (auto p = l.find("ready in"); p != std::string::npos; p = l.find("ready in", p + 1))
          ++n;
        return n >= runs_;
      },
      timeout);
}

int Jumbed::wait_exit(std::chrono::milliseconds timeout) {
  if (pid_ <= 0) return -1;
  int status = 0;
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < until) {
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return -1;
}

void Jumbed::stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  if (wait_exit(std::chrono::seconds(20)) == -1 && pid_ > 0) kill9();
}

void Jumbed::kill9() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

void Jumbed::hup() {
  if (pid_ > 0) ::kill(pid_, SIGHUP);
}

int Jumbed::enqueue(const std::string& to, const std::string& text, const std::string& priority,
                    int count) {
  auto r = run_command({JUMBED_BINARY, "--config", config_, "--enqueue", to, "--text", text,
                        "--priority", priority, "--count", std::to_string(count)},
                       std::chrono::seconds(60));
  if (r.exit_code != 0) std::fprintf(stderr, "enqueue failed: %s\n", r.output.c_str());
  return r.exit_code;
}

std::string Jumbed::log() const {
  std::ifstream f(log_);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

bool Jumbed::log_contains(const std::string& needle) const {
  return log().find(needle) != std::string::npos;
}

std::vector<nlohmann::json> Jumbed::sent(int index) {
  auto r = sim_.request({{"cmd", "sent"}, {"modem", index}});
  std::vector<nlohmann::json> out;
  if (r.value("ok", false))
    for (const auto& s : r["sent"])
      out.push_back(s);
  return out;
}

}  // namespace jumbe::testing
