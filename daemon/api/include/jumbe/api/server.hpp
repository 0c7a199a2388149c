// The API server: Beast HTTP/1.1 on the unix socket (api.socket, mode, group) and optionally TCP
// (api.tcp; loopback unless allow_non_loopback), on jumbed's event loop. Contract: start() binds
// or returns one line naming the path/address and why; a stale socket file is replaced, a live
// one refused. Requests are served in order per connection (keep-alive, pipelining-safe), each
// caller identified, rate-limited and checked against the route's role; stop() stops accepting
// and closes streams and idle connections; reload() applies new clients and limits (SIGHUP).
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <tl/expected.hpp>

#include "jumbe/api/routes.hpp"

namespace jumbe::gateway {
class Gateway;
}

namespace jumbe::api {

struct ServerStats {
  std::uint64_t connections_open = 0;
  std::uint64_t connections_total = 0;
  std::uint64_t requests = 0;
  std::uint64_t rejected_connections = 0;  // over max_connections
  std::uint64_t timed_out = 0;             // idle or slow clients cut off
};

// Before the store is opened: is another process already serving `path`? jumbed refuses to start
// then (a second daemon must not run start-up recovery on a live queue). Does not touch the file.
tl::expected<void, std::string> socket_available(const std::string& path);

class Server {
 public:
  // Registers every route (register_all) at construction; nothing is bound yet.
  Server(boost::asio::any_io_executor executor, gateway::Gateway& gw);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  tl::expected<void, std::string> start();
  void stop();
  void reload();

  [[nodiscard]] Routes& routes();
  [[nodiscard]] ApiContext& context();
  [[nodiscard]] ServerStats stats() const;
  // The TCP port actually bound (useful with port 0 in tests); 0 without TCP.
  [[nodiscard]] std::uint16_t tcp_port() const;

  struct Impl;

 private:
  std::shared_ptr<Impl> impl_;
};

}  // namespace jumbe::api
