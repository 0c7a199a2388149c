// SimProcess (see sim_process.hpp): temp dir, fork/exec jumbe-sim with stderr to a log file,
// wait for the ptys and the control socket, newline-delimited JSON over a unix socket.
#include "jumbe/testing/sim_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace jumbe::testing {

namespace fs = std::filesystem;

namespace {
bool exists(const std::string& p) {
  struct stat st;
  return ::stat(p.c_str(), &st) == 0;
}
}  // namespace

SimProcess::SimProcess(SimOptions options) : opt_(std::move(options)) {
  if (opt_.binary.empty()) {
    const char* env = std::getenv("JUMBE_SIM_BINARY");
    if (env) opt_.binary = env;
  }
  if (opt_.binary.empty()) throw std::runtime_error("SimProcess: no jumbe-sim binary given");
  char tmpl[] = "/tmp/jumbe-sim-test.XXXXXX";
  if (!mkdtemp(tmpl)) throw std::runtime_error("SimProcess: mkdtemp failed");
  dir_ = tmpl;
  control_ = dir_ + "/control.sock";
  std::vector<std::string> args = {
      opt_.binary, "--pty",      dir_ + "/modem", "--modems", std::to_string(opt_.modems),
      "--profile", opt_.profile, "--control",     control_};
  args.insert(args.end(), opt_.extra_args.begin(), opt_.extra_args.end());
  const std::string log_path = dir_ + "/sim.log";
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("SimProcess: fork failed");
  if (pid_ == 0) {
    const int fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      dup2(fd, STDERR_FILENO);
      dup2(fd, STDOUT_FILENO);
    }
    std::vector<char*> argv;
    for (auto& a : args)
      argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  const bool up = wait_for(
      [&] {
        if (!running()) return false;
        for (int i = 0; i < opt_.modems; ++i) {
          if (!exists(pty(i))) return false;
        }
        return exists(control_);
      },
      opt_.start_timeout);
  if (!up) {
    const auto text = log();
    stop();
    throw std::runtime_error("jumbe-sim did not come up: " + text);
  }
}

SimProcess::~SimProcess() {
  stop();
}

void SimProcess::stop() {
  if (control_fd_ >= 0) {
    close(control_fd_);
    control_fd_ = -1;
  }
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    int status = 0;
    bool gone = false;
    for (int i = 0; i < 250; ++i) {
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        gone = true;
        break;
      }
      usleep(20000);
    }
    if (!gone) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
    }
    pid_ = -1;
  }
  if (!dir_.empty()) {
    std::error_code ec;
    fs::remove_all(dir_, ec);
    dir_.clear();
  }
}

bool SimProcess::running() {
  if (pid_ <= 0) return false;
  int status = 0;
  return waitpid(pid_, &status, WNOHANG) == 0;
}

std::string SimProcess::pty(int modem) const {
  return opt_.modems == 1 ? dir_ + "/modem" : dir_ + "/modem" + std::to_string(modem);
}

std::string SimProcess::log() const {
  std::ifstream in(dir_ + "/sim.log");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string SimProcess::write_gammurc(int modem) const {
  const std::string path = dir_ + "/gammurc" + std::to_string(modem);
  std::ofstream out(path);
  out << "[gammu]\ndevice = " << pty(modem) << "\nconnection = at\n";
  return path;
}

bool SimProcess::wait_for(const std::function<bool()>& pred, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (pred()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return pred();
    std::this_thread::sleep_for(std::chrono::milliseconds{20});
  }
}

nlohmann::json SimProcess::request(const nlohmann::json& req) {
  if (control_fd_ < 0) {
    control_fd_ = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, control_.c_str(), sizeof addr.sun_path - 1);
    if (connect(control_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      close(control_fd_);
      control_fd_ = -1;
      throw std::runtime_error("cannot connect to " + control_);
    }
  }
  const std::string line = req.dump() + "\n";
  std::size_t off = 0;
  while (off < line.size()) {
    const ssize_t n = write(control_fd_, line.data() + off, line.size() - off);
    if (n <= 0) throw std::runtime_error("control socket write failed");
    off += static_cast<std::size_t>(n);
  }
  std::string reply;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{10};
  char buf[8192];
  while (reply.empty() || reply.back() != '\n') {
    if (std::chrono::steady_clock::now() > deadline) {
      throw std::runtime_error("no control reply to " + req.dump());
    }
    pollfd p{control_fd_, POLLIN, 0};
    if (poll(&p, 1, 200) <= 0) continue;
    const ssize_t n = read(control_fd_, buf, sizeof buf);
    if (n <= 0) throw std::runtime_error("control socket closed");
    reply.append(buf, static_cast<std::size_t>(n));
  }
  return nlohmann::json::parse(reply);
}

}  // namespace jumbe::testing
