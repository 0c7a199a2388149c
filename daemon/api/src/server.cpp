// The server's life: binding the unix socket (a stale file replaced, a live one refused, mode
// and group set) and the optional TCP listener, accept loops with the max_connections bound,
// the per-request decision (identify, rate-limit, route, role) and stop/reload. See server.hpp.
#include <grp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <boost/asio/ip/address.hpp>
#include <boost/asio/write.hpp>
#include <cerrno>
#include <chrono>
#include <cstring>

#include "jumbe/api/auth.hpp"
#include "jumbe/api/url.hpp"
#include "jumbe/log/setup.hpp"
#include "server_impl.hpp"

namespace jumbe::api {

namespace asio = boost::asio;
using unix_proto = asio::local::stream_protocol;

Server::Impl::Impl(asio::any_io_executor ex, gateway::Gateway& gw)
    : executor(std::move(ex)),
      gateway(gw),
      context(gw),
      limiter(1, 1),
      log(log::get("api")),
      daemon_uid(static_cast<std::uint32_t>(::geteuid())) {
  const auto& l = gw.config().api.limits;
  limiter.configure(l.requests.per_second(), l.request_burst);
}

const config::ApiConfig& Server::Impl::api() const {
  return gateway.config().api;
}

std::int64_t Server::Impl::steady_ms() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

bool Server::Impl::admit() {
  if (stats.connections_open >= api().limits.max_connections) {
    ++stats.rejected_connections;
    return false;
  }
  return true;
}

std::uint64_t Server::Impl::add(std::weak_ptr<ConnectionBase> c) {
  const auto id = next_id++;
  connections.emplace(id, std::move(c));
  ++stats.connections_open;
  ++stats.connections_total;
  return id;
}

void Server::Impl::remove(std::uint64_t id) {
  if (connections.erase(id) > 0) --stats.connections_open;
}

namespace {

std::string allow_header(const std::vector<http::verb>& verbs) {
  std::string s;
  for (auto v : verbs) {
    if (!s.empty()) s += ", ";
    s += std::string(to_string(v));
  }
  return s;
}

// A 503 for a connection over max_connections, then close: the client learns why instead of
// seeing a reset.
template <class Socket>
void refuse(std::shared_ptr<Socket> s) {
  static const std::string body =
      R"({"error":{"code":"unavailable","message":"too many open connections (api.limits.max_connections); retry later"}})";
  auto msg = std::make_shared<std::string>(
      "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; "
      "charset=utf-8\r\nRetry-After: 1\r\nConnection: close\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n" + body);
  asio::async_write(*s, asio::buffer(*msg), [s, msg](boost::system::error_code, std::size_t) {
    boost::system::error_code ignored;
    s->shutdown(Socket::shutdown_both, ignored);
    s->close(ignored);
  });
}

}  // namespace

Server::Impl::Decision Server::Impl::decide(const Request& req, const Caller& transport_caller) {
  Decision d;
  const auto& cfg = api();
  if (transport_caller.transport == Transport::unix_socket) {
    d.caller = transport_caller.uid ? identify_unix(cfg, *transport_caller.uid,
                                                    transport_caller.gid.value_or(~0U), daemon_uid)
                                    : transport_caller;
  } else {
    auto it = req.find(http::field::authorization);
    d.caller =
        identify_bearer(cfg, it == req.end() ? std::string_view{} : std::string_view(it->value()));
  }

  // Known clients by name; unknown ones by uid (or all unknown TCP peers together), so a flood
  // of refused requests is throttled too.
  std::string key = d.caller.name;
  if (key.empty())
    key = d.caller.uid ? "uid:" + std::to_string(*d.caller.uid) : std::string("tcp:unknown");
  const auto now = steady_ms();
  if (stats.requests % 4096 == 0) limiter.forget_idle(now);
  if (auto wait = limiter.take(key, now); wait > 0) {
    d.error = ApiError::rate_limited(wait);
    return d;
  }

  const auto target = split_target(std::string_view(req.target()));
  auto q = parse_query(target.query);
  if (!q) {
    d.error = ApiError::bad_request(q.error());
    return d;
  }
  d.query = std::move(*q);
  auto m = routes.find(req.method(), target.path);
  if (m.allowed.empty()) {
    d.error = ApiError::not_found("no such endpoint: " + std::string(target.path));
    return d;
  }
  if (!m.route) {
    d.error = ApiError::method_not_allowed(allow_header(m.allowed));
    return d;
  }
  if (!d.caller.at_least(m.route->min_role)) {
    if (d.caller.role == Role::anyone && d.caller.transport == Transport::tcp) {
      d.error = ApiError::unauthorized(d.caller.token_presented
                                           ? "the bearer token matches no api.clients entry"
                                           : "missing Authorization: Bearer <token>");
    } else if (d.caller.role == Role::anyone) {
      d.error = ApiError::forbidden(
          "uid " + (d.caller.uid ? std::to_string(*d.caller.uid) : std::string("?")) +
          " is not an API client (add it under api.clients)");
    } else {
      d.error = ApiError::forbidden("client " + d.caller.name + " has role " +
                                    std::string(to_string(d.caller.role)) + "; this needs " +
                                    std::string(to_string(m.route->min_role)));
    }
    return d;
  }
  d.route = m.route;
  d.params = std::move(m.params);
  return d;
}

void Server::Impl::accept_unix() {
  if (!unix_acceptor || !unix_acceptor->is_open()) return;
  unix_acceptor->async_accept(
      [self = shared_from_this()](boost::system::error_code ec, unix_proto::socket s) {
        if (self->stopping || !self->unix_acceptor->is_open()) return;
        if (!ec) {
          if (self->admit())
            serve_unix(self, std::move(s));
          else
            refuse(std::make_shared<unix_proto::socket>(std::move(s)));
        } else if (ec != asio::error::operation_aborted) {
          self->log->warn("api.socket {}: accept failed: {}", self->socket_path, ec.message());
        }
        self->accept_unix();
      });
}

void Server::Impl::accept_tcp() {
  if (!tcp_acceptor || !tcp_acceptor->is_open()) return;
  tcp_acceptor->async_accept(
      [self = shared_from_this()](boost::system::error_code ec, asio::ip::tcp::socket s) {
        if (self->stopping || !self->tcp_acceptor->is_open()) return;
        if (!ec) {
          boost::system::error_code ignored;
          s.set_option(asio::ip::tcp::no_delay(true), ignored);
          if (self->admit())
            serve_tcp(self, std::move(s));
          else
            refuse(std::make_shared<asio::ip::tcp::socket>(std::move(s)));
        } else if (ec != asio::error::operation_aborted) {
          self->log->warn("api.tcp: accept failed: {}", ec.message());
        }
        self->accept_tcp();
      });
}

// ---- Server -------------------------------------------------------------------------------

Server::Server(asio::any_io_executor executor, gateway::Gateway& gw)
    : impl_(std::make_shared<Impl>(std::move(executor), gw)) {
  register_all(impl_->routes, impl_->context);
}

Server::~Server() {
  stop();
}

namespace {

// Is something listening on `path`? A connect() that succeeds says a live server owns it.
bool socket_is_live(const std::string& path) {
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strncpy(addr.sun_path, path.c_str(), sizeof(addr.sun_path) - 1);
  const bool live = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
  ::close(fd);
  return live;
}

}  // namespace

tl::expected<void, std::string> socket_available(const std::string& path) {
  if (socket_is_live(path))
    return tl::unexpected("api.socket " + path +
                          ": another process is listening there (is jumbed already running?)");
  return {};
}

namespace {

tl::expected<void, std::string> prepare_socket_path(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return {};
    return tl::unexpected("api.socket " + path + ": " + std::strerror(errno));
  }
  if (!S_ISSOCK(st.st_mode))
    return tl::unexpected("api.socket " + path +
                          ": exists and is not a socket (refusing to replace it)");
  if (socket_is_live(path))
    return tl::unexpected("api.socket " + path +
                          ": another process is listening there (is jumbed already running?)");
  // A socket file nobody listens on: left by a daemon that was killed. Replace it.
  if (::unlink(path.c_str()) != 0)
    return tl::unexpected("api.socket " + path +
                          ": cannot remove the stale socket: " + std::strerror(errno));
  return {};
}

}  // namespace

tl::expected<void, std::string> Server::start() {
  auto& im = *impl_;
  const auto& cfg = im.api();
  if (auto ok = prepare_socket_path(cfg.socket); !ok) return ok;
  try {
    im.unix_acceptor.emplace(im.executor);
    im.unix_acceptor->open(unix_proto());
    im.unix_acceptor->bind(unix_proto::endpoint(cfg.socket));
    im.unix_acceptor->listen(asio::socket_base::max_listen_connections);
  } catch (const boost::system::system_error& e) {
    im.unix_acceptor.reset();
    return tl::unexpected("api.socket " + cfg.socket + ": cannot listen: " + e.code().message());
  }
  im.socket_path = cfg.socket;
  if (::chmod(cfg.socket.c_str(), cfg.socket_mode) != 0)
    im.log->warn("api.socket {}: chmod {:o} failed: {}", cfg.socket, cfg.socket_mode,
                 std::strerror(errno));
  if (!cfg.socket_group.empty()) {
    if (const group* g = ::getgrnam(cfg.socket_group.c_str()); !g) {
      im.log->warn("api.socket {}: group '{}' does not exist; the socket keeps the daemon's group",
                   cfg.socket, cfg.socket_group);
    } else if (::chown(cfg.socket.c_str(), static_cast<uid_t>(-1), g->gr_gid) != 0) {
      im.log->warn("api.socket {}: cannot give it to group '{}': {}", cfg.socket, cfg.socket_group,
                   std::strerror(errno));
    }
  }

  if (cfg.tcp) {
    const std::string host = cfg.tcp->host == "localhost" ? "127.0.0.1" : cfg.tcp->host;
    boost::system::error_code ec;
    const auto addr = asio::ip::make_address(host, ec);
    const std::string where = "api.tcp " + cfg.tcp->host + ":" + std::to_string(cfg.tcp->port);
    if (ec) {
      stop();
      return tl::unexpected(where + ": not an IP address");
    }
    try {
      im.tcp_acceptor.emplace(im.executor);
      asio::ip::tcp::endpoint ep(addr, cfg.tcp->port);
      im.tcp_acceptor->open(ep.protocol());
      im.tcp_acceptor->set_option(asio::socket_base::reuse_address(true));
      im.tcp_acceptor->bind(ep);
      im.tcp_acceptor->listen(asio::socket_base::max_listen_connections);
    } catch (const boost::system::system_error& e) {
      im.tcp_acceptor.reset();
      stop();
      return tl::unexpected(where + ": cannot listen: " + e.code().message());
    }
  }
  im.stopping = false;
  im.accept_unix();
  im.accept_tcp();
  im.log->info("listening on {}{}", cfg.socket,
               cfg.tcp ? " and tcp " + cfg.tcp->host + ":" + std::to_string(tcp_port()) : "");
  return {};
}

void Server::stop() {
  auto& im = *impl_;
  if (im.stopping) return;
  const bool was_listening = im.unix_acceptor.has_value();
  im.stopping = true;
  boost::system::error_code ignored;
  if (im.unix_acceptor) im.unix_acceptor->close(ignored);
  if (im.tcp_acceptor) im.tcp_acceptor->close(ignored);
  if (!im.socket_path.empty()) {
    ::unlink(im.socket_path.c_str());
    im.socket_path.clear();
  }
  im.context.run_stop_hooks();
  auto conns = im.connections;
  for (auto& [id, w] : conns)
    if (auto c = w.lock()) c->shutdown();
  if (was_listening) im.log->info("stopped accepting API requests");
}

void Server::reload() {
  const auto& l = impl_->api().limits;
  impl_->limiter.configure(l.requests.per_second(), l.request_burst);
  impl_->context.run_reload_hooks();
}

Routes& Server::routes() {
  return impl_->routes;
}
ApiContext& Server::context() {
  return impl_->context;
}
ServerStats Server::stats() const {
  return impl_->stats;
}
std::uint16_t Server::tcp_port() const {
  if (!impl_->tcp_acceptor || !impl_->tcp_acceptor->is_open()) return 0;
  boost::system::error_code ec;
  auto ep = impl_->tcp_acceptor->local_endpoint(ec);
  return ec ? 0 : ep.port();
}

}  // namespace jumbe::api
