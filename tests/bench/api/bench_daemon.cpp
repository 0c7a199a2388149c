// See bench_daemon.hpp.
#include "bench_daemon.hpp"

#include <pthread.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <stdexcept>

#include "jumbe/config/load.hpp"
#include "jumbe/store/sqlite_store.hpp"

namespace jumbe::bench {

std::string temp_dir() {
  char tmpl[] = "/tmp/jumbe-bench-api-XXXXXX";
  const char* d = ::mkdtemp(tmpl);
  if (d == nullptr) throw std::runtime_error("mkdtemp failed");
  return d;
}

BenchDaemon::BenchDaemon(const std::string& api_limits) : dir(temp_dir()) {
  auto cfg = config::load_string("store:\n  path: " + dir +
                                 "/jumbe.db\n"
                                 "modems:\n  - {name: saf-1, device: " +
                                 dir +
                                 "/nodev, operator: safaricom}\n"
                                 "api:\n  socket: " +
                                 socket() + "\n  socket_group: \"\"\n  limits: " + api_limits +
                                 "\nlogging: {level: warn, sink: stderr}\n");
  if (!cfg) throw std::runtime_error(cfg.error().front().to_string());
  auto s = store::open_sqlite_store({dir + "/jumbe.db"});
  if (!s) throw std::runtime_error(s.error().message);
  st = std::move(*s);
  gw = std::make_unique<gateway::Gateway>(io.get_executor(), *st, *cfg);
  server = std::make_unique<api::Server>(io.get_executor(), *gw);
  if (auto ok = server->start(); !ok) throw std::runtime_error(ok.error());
  loop = std::thread([this] {
    auto guard = boost::asio::make_work_guard(io);
    io.run();
  });
}

BenchDaemon::~BenchDaemon() {
  boost::asio::post(io, [this] { server->stop(); });
  io.stop();
  loop.join();
  server.reset();
  gw.reset();
  st.reset();
  std::filesystem::remove_all(dir);
}

double BenchDaemon::loop_cpu() {
  clockid_t id;
  timespec ts{};
  if (pthread_getcpuclockid(loop.native_handle(), &id) != 0 || clock_gettime(id, &ts) != 0)
    return 0;
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

void BenchDaemon::notify() {
  boost::asio::post(io, [this] { gw->work_added(); });
}

int connect_unix(const std::string& path) {
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un a{};
  a.sun_family = AF_UNIX;
  std::strncpy(a.sun_path, path.c_str(), sizeof(a.sun_path) - 1);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a)) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

int round_trip(int fd, const std::string& req, std::string& buf, std::string* body) {
  if (::send(fd, req.data(), req.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(req.size()))
    return 0;
  char tmp[4096];
  for (;;) {
    const auto end = buf.find("\r\n\r\n");
    if (end != std::string::npos) {
      const auto cl = buf.find("Content-Length: ");
      const std::size_t len = cl < end ? std::stoul(buf.substr(cl + 16)) : 0;
      if (buf.size() >= end + 4 + len) {
        const int status = std::stoi(buf.substr(9, 3));
        if (body) *body = buf.substr(end + 4, len);
        buf.erase(0, end + 4 + len);
        return status;
      }
    }
    const ssize_t n = ::recv(fd, tmp, sizeof tmp, 0);
    if (n <= 0) return 0;
    buf.append(tmp, static_cast<std::size_t>(n));
  }
}

std::string post_message(int client, int i) {
  const std::string body = R"({"to":"+2547120)" + std::to_string(10000 + client % 80000) +
                           R"(","text":"Mkutano wa baraza kesho saa nne asubuhi #)" +
                           std::to_string(i) + R"("})";
  return "POST /v1/messages HTTP/1.1\r\nHost: jumbe\r\nContent-Type: application/json\r\n"
         "Content-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + body;
}

}  // namespace jumbe::bench
