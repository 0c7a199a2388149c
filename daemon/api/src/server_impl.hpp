// Server internals shared by the listener and the connection code: what a connection needs from
// the server (limits, routes, caller identification, rate limits, the registry used to close
// connections at stop). Private to daemon/api/src. Connections hold a shared_ptr to it, so a
// coroutine finishing after the Server object went away never touches freed memory.
#pragma once

#include <spdlog/logger.h>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "jumbe/api/routes.hpp"
#include "jumbe/api/server.hpp"
#include "jumbe/api/token_bucket.hpp"
#include "jumbe/gateway/gateway.hpp"

namespace jumbe::api {

// A connection as the server's registry sees it.
class ConnectionBase {
 public:
  virtual ~ConnectionBase() = default;
  // The server stops: close now when idle or streaming, after the current response otherwise.
  virtual void shutdown() = 0;
};

struct Server::Impl : std::enable_shared_from_this<Server::Impl> {
  Impl(boost::asio::any_io_executor ex, gateway::Gateway& gw);

  boost::asio::any_io_executor executor;
  gateway::Gateway& gateway;
  ApiContext context;
  Routes routes;
  RateLimiter limiter;
  std::shared_ptr<spdlog::logger> log;
  std::uint32_t daemon_uid = 0;
  std::optional<boost::asio::local::stream_protocol::acceptor> unix_acceptor;
  std::optional<boost::asio::ip::tcp::acceptor> tcp_acceptor;
  std::string socket_path;  // unlinked at stop
  bool stopping = false;
  std::uint64_t next_id = 1;
  std::map<std::uint64_t, std::weak_ptr<ConnectionBase>> connections;
  ServerStats stats;

  [[nodiscard]] const config::ApiConfig& api() const;
  std::int64_t steady_ms() const;
  // Registers a new connection; false when over max_connections (the caller refuses it).
  bool admit();
  std::uint64_t add(std::weak_ptr<ConnectionBase> c);
  void remove(std::uint64_t id);

  // Identification + rate limit + routing + role check; either an error to send, or the
  // route and its params.
  struct Decision {
    std::optional<ApiError> error;
    const Route* route = nullptr;
    PathParams params;
    QueryParams query;
    Caller caller;
  };
  Decision decide(const Request& req, const Caller& transport_caller);

  void accept_unix();
  void accept_tcp();
};

// Starts serving one accepted socket (connection.cpp).
void serve_unix(const std::shared_ptr<Server::Impl>& core,
                boost::asio::local::stream_protocol::socket s);
void serve_tcp(const std::shared_ptr<Server::Impl>& core, boost::asio::ip::tcp::socket s);

}  // namespace jumbe::api
