// A tiny HTTP/1.1 client over raw sockets for the integration tests (malformed requests can be
// sent byte for byte, responses read with their headers) and ApiDaemon: jumbed on one simulated
// Safaricom modem with extra lines under the fixture's `api:` block. Header-only, test code.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "jumbed_fixture.hpp"

namespace jumbe::testing {

using namespace std::chrono_literals;

struct Resp {
  int status = 0;  // 0: connection closed or timed out before a response
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  nlohmann::json j() const { return nlohmann::json::parse(body, nullptr, false); }
};

// One SSE event as a client sees it (WHATWG "Server-sent events" 9.2.6: blank-line separated
// blocks of "field: value" lines; ':' starts a comment).
struct Frame {
  long id = -1;
  std::string event;
  nlohmann::json data;
};

class Conn {
 public:
  static Conn unix_socket(const std::string& path) {
    Conn c;
    c.fd_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un a{};
    a.sun_family = AF_UNIX;
    std::strncpy(a.sun_path, path.c_str(), sizeof(a.sun_path) - 1);
    if (::connect(c.fd_, reinterpret_cast<sockaddr*>(&a), sizeof(a)) != 0) c.close();
    return c;
  }
  static Conn tcp(int port) {
    Conn c;
    c.fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(c.fd_, reinterpret_cast<sockaddr*>(&a), sizeof(a)) != 0) c.close();
    return c;
  }
  Conn() = default;
  Conn(Conn&& o) noexcept : fd_(o.fd_), buf_(std::move(o.buf_)) { o.fd_ = -1; }
  Conn& operator=(Conn&& o) noexcept {
    close();
    fd_ = o.fd_;
    buf_ = std::move(o.buf_);
    o.fd_ = -1;
    return *this;
  }
  ~Conn() { close(); }
  bool ok() const { return fd_ >= 0; }
  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  bool send_raw(const std::string& s) {
    return ok() && ::send(fd_, s.data(), s.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(s.size());
  }
  // Reads until the peer closes or `timeout`; true when it closed.
  bool wait_closed(std::chrono::milliseconds timeout) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < until) {
      if (!fill(100ms)) return true;
    }
    return false;
  }
  Resp read_response(std::chrono::milliseconds timeout = 30s) {
    Resp r;
    const auto until = std::chrono::steady_clock::now() + timeout;
    std::size_t end;
    while ((end = buf_.find("\r\n\r\n")) == std::string::npos) {
      if (std::chrono::steady_clock::now() > until || !fill(100ms)) return r;
    }
    std::istringstream head(buf_.substr(0, end));
    std::string line;
    std::getline(head, line);
    if (line.size() < 12) return r;
    r.status = std::stoi(line.substr(9, 3));
    while (std::getline(head, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      auto colon = line.find(':');
      if (colon == std::string::npos) continue;
      std::string name = line.substr(0, colon);
      for (auto& ch : name)
        ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      r.headers[name] = line.substr(line.find_first_not_of(' ', colon + 1));
    }
    const std::size_t len =
        r.headers.count("content-length") ? std::stoul(r.headers["content-length"]) : 0;
    buf_.erase(0, end + 4);
    while (buf_.size() < len) {
      if (std::chrono::steady_clock::now() > until || !fill(100ms)) break;
    }
    r.body = buf_.substr(0, len);
    buf_.erase(0, std::min(len, buf_.size()));
    return r;
  }
  Resp request(const std::string& method, const std::string& target, const std::string& body = {},
               const std::string& extra_headers = {}) {
    std::string req = method + " " + target + " HTTP/1.1\r\nHost: jumbe\r\n" + extra_headers;
    if (!body.empty())
      req += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
             "\r\n";
    req += "\r\n" + body;
    if (!send_raw(req)) return {};
    return read_response();
  }

  // GET an event stream; the frames are then read with read_frame().
  Resp open_events(const std::string& target, const std::string& extra_headers = {}) {
    if (!send_raw("GET " + target + " HTTP/1.1\r\nHost: jumbe\r\nAccept: text/event-stream\r\n" +
                  extra_headers + "\r\n"))
      return {};
    return read_response();
  }
  // The next event with an id (retry: lines and keepalive comments skipped); false when the
  // stream closed or nothing came before `timeout`.
  bool read_frame(Frame& f, std::chrono::milliseconds timeout = 30s) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      std::size_t end;
      while ((end = buf_.find("\n\n")) == std::string::npos) {
        if (std::chrono::steady_clock::now() > until || !fill(100ms)) return false;
      }
      const std::string block = buf_.substr(0, end);
      buf_.erase(0, end + 2);
      Frame out;
      std::istringstream lines(block);
      std::string line;
      while (std::getline(lines, line)) {
        if (line.rfind("id: ", 0) == 0) out.id = std::stol(line.substr(4));
        if (line.rfind("event: ", 0) == 0) out.event = line.substr(7);
        if (line.rfind("data: ", 0) == 0)
          out.data = nlohmann::json::parse(line.substr(6), nullptr, false);
      }
      if (out.id < 0) continue;
      f = std::move(out);
      return true;
    }
  }

 private:
  // false when the peer closed; true when bytes came or nothing came within `wait` (the caller's
  // own deadline decides).
  bool fill(std::chrono::milliseconds wait) {
    if (!ok()) return false;
    pollfd p{fd_, POLLIN, 0};
    const int n = ::poll(&p, 1, static_cast<int>(wait.count()));
    if (n == 0) return true;
    char tmp[8192];
    const ssize_t got = ::recv(fd_, tmp, sizeof tmp, 0);
    if (got <= 0) {
      close();
      return false;
    }
    buf_.append(tmp, static_cast<std::size_t>(got));
    return true;
  }
  int fd_ = -1;
  std::string buf_;
};

inline int free_tcp_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a));
  socklen_t len = sizeof(a);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(fd);
  return ntohs(a.sin_port);
}

inline SimOptions one_modem_sim() {
  SimOptions o;
  o.binary = JUMBE_SIM;
  o.modems = 1;
  return o;
}

// jumbed on one simulated Safaricom modem, with API clients and limits inserted under the
// fixture's `api:` block.
struct ApiDaemon {
  explicit ApiDaemon(const std::string& api_extra, const std::string& extra_yaml = {})
      : sim(one_modem_sim()), d(sim, {{"saf-1", 0, "safaricom"}}, extra_yaml) {
    std::ifstream in(d.config_path());
    std::stringstream ss;
    ss << in.rdbuf();
    std::string cfg = ss.str();
    const std::string anchor = "  socket_group: \"\"\n";
    cfg.replace(cfg.find(anchor), anchor.size(), anchor + api_extra);
    std::ofstream(d.config_path()) << cfg;
    socket = sim.dir() + "/jumbe.sock";
  }
  void start() {
    d.start();
    ASSERT_TRUE(d.wait_ready()) << d.log();
  }
  Conn conn() { return Conn::unix_socket(socket); }
  SimProcess sim;
  Jumbed d;
  std::string socket;
};

}  // namespace jumbe::testing
