// What the API benchmarks share: jumbed's pieces in the benchmark process (the real SQLite store,
// gateway and API server on one event-loop thread, one modem with no device so nothing is sent)
// and a minimal HTTP/1.1 client over the unix socket (one request, one response at a time).
#pragma once

#include <boost/asio/io_context.hpp>
#include <memory>
#include <string>
#include <thread>

#include "jumbe/api/server.hpp"
#include "jumbe/gateway/gateway.hpp"
#include "jumbe/store/store.hpp"

namespace jumbe::bench {

struct BenchDaemon {
  // `api_limits` is the YAML flow map under api.limits.
  explicit BenchDaemon(
      const std::string& api_limits = "{requests: 1000000/s, request_burst: 1000000}");
  ~BenchDaemon();
  BenchDaemon(const BenchDaemon&) = delete;
  BenchDaemon& operator=(const BenchDaemon&) = delete;

  std::string socket() const { return dir + "/jumbe.sock"; }
  // CPU seconds the event-loop thread has used (HTTP, routes, the hub, socket writes).
  double loop_cpu();
  // Gateway::work_added() on the loop: what the gateway does after its own store writes.
  void notify();

  std::string dir;
  boost::asio::io_context io{1};
  std::unique_ptr<store::Store> st;
  std::unique_ptr<gateway::Gateway> gw;
  std::unique_ptr<api::Server> server;
  std::thread loop;
};

// A new empty directory under /tmp (the caller removes it).
std::string temp_dir();

// A connected unix-socket fd, or -1.
int connect_unix(const std::string& path);

// Sends `req` and reads one response on a keep-alive connection (`buf` keeps what was read past
// it); returns the status (0 on a broken connection) and the body in `body`.
int round_trip(int fd, const std::string& req, std::string& buf, std::string* body = nullptr);

// POST /v1/messages with a Kenyan mobile number chosen by `client` and a text numbered `i`.
std::string post_message(int client, int i);

}  // namespace jumbe::bench
