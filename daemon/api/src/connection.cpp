// One HTTP/1.1 connection (unix or TCP): a coroutine that reads one request at a time (so
// pipelined requests are answered in order), with an idle deadline while waiting for the first
// byte and a slow-client deadline for the rest of the request and for writing the response;
// limits turn into 413/431 and a closed connection. A handler may take the connection over for
// a stream (SSE): the coroutine then only watches for the client leaving.
// clang-format off
#include <utility>  // first: Boost 1.74's awaitable.hpp uses std::exchange without it
// clang-format on
#include <sys/socket.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <deque>

#include "server_impl.hpp"

namespace jumbe::api {

namespace asio = boost::asio;
namespace beast = boost::beast;
using asio::awaitable;
using asio::use_awaitable;

namespace {

constexpr std::size_t kStreamQueueBound = 1 << 20;  // routes.hpp: Stream's bound

Response error_response(const ApiError& e, unsigned version) {
  Response res{e.status, version};
  res.set(http::field::content_type, "application/json; charset=utf-8");
  if (!e.allow.empty()) res.set(http::field::allow, e.allow);
  if (e.retry_after_s > 0) res.set(http::field::retry_after, std::to_string(e.retry_after_s));
  if (e.www_authenticate) res.set(http::field::www_authenticate, "Bearer");
  res.body() = error_body(e);
  return res;
}

std::string head_bytes(const Response& head) {
  std::string s = "HTTP/1.1 " + std::to_string(head.result_int()) + " ";
  s.append(head.reason().data(), head.reason().size());
  s += "\r\n";
  for (const auto& f : head) {
    if (f.name() == http::field::connection || f.name() == http::field::content_length ||
        f.name() == http::field::transfer_encoding)
      continue;
    s.append(f.name_string().data(), f.name_string().size());
    s += ": ";
    s.append(f.value().data(), f.value().size());
    s += "\r\n";
  }
  s += "Connection: close\r\n\r\n";
  return s;
}

template <class Socket>
class Connection;

// The stream a handler gets after start_stream(): a write queue drained by one async_write at a
// time on the connection's socket, closed once (client gone, close(), server stop).
template <class Socket>
class StreamImpl : public Stream, public std::enable_shared_from_this<StreamImpl<Socket>> {
 public:
  explicit StreamImpl(std::shared_ptr<Connection<Socket>> c) : conn_(std::move(c)) {}

  bool write(std::string bytes) override {
    if (!open_) return false;
    queued_ += bytes.size();
    queue_.push_back(std::move(bytes));
    if (queued_ > kStreamQueueBound) {
      conn_->core()->log->warn("{}: event stream dropped: {} bytes not yet read by the client",
                               conn_->who(), queued_);
      close();
      return false;
    }
    if (!writing_) pump();
    return true;
  }
  void on_close(std::function<void()> f) override {
    if (!open_) {
      if (f) asio::post(conn_->executor(), std::move(f));
      return;
    }
    on_close_ = std::move(f);
  }
  void close() override {
    if (!open_) return;
    open_ = false;
    queue_.clear();
    queued_ = 0;
    conn_->close_socket();
    // Posted, never called from inside write() or close(): a route may be iterating its
    // subscribers when one of them overflows.
    if (auto f = std::move(on_close_)) {
      on_close_ = nullptr;
      asio::post(conn_->executor(), std::move(f));
    }
  }
  [[nodiscard]] bool is_open() const override { return open_; }
  [[nodiscard]] std::size_t queued_bytes() const override { return queued_; }

 private:
  void pump() {
    if (queue_.empty() || !open_) {
      writing_ = false;
      return;
    }
    writing_ = true;
    auto self = this->shared_from_this();
    asio::async_write(conn_->socket(), asio::buffer(queue_.front()),
                      [self](boost::system::error_code ec, std::size_t) {
                        if (!self->open_) return;
                        if (ec) return self->close();
                        self->queued_ -= self->queue_.front().size();
                        self->queue_.pop_front();
                        self->pump();
                      });
  }

  std::shared_ptr<Connection<Socket>> conn_;
  std::deque<std::string> queue_;
  std::size_t queued_ = 0;
  bool open_ = true;
  bool writing_ = false;
  std::function<void()> on_close_;
};

template <class Socket>
class Connection : public ConnectionBase, public std::enable_shared_from_this<Connection<Socket>> {
 public:
  Connection(std::shared_ptr<Server::Impl> core, Socket s, Caller transport_caller)
      : core_(std::move(core)),
        sock_(std::move(s)),
        deadline_(sock_.get_executor()),
        signal_(sock_.get_executor()),
        transport_caller_(std::move(transport_caller)) {}

  ~Connection() override {
    if (id_) core_->remove(id_);
  }

  void start() {
    id_ = core_->add(this->weak_from_this());
    asio::co_spawn(sock_.get_executor(), run(this->shared_from_this()), asio::detached);
  }

  void shutdown() override {
    closing_ = true;
    if (stream_) return stream_->close();
    if (idle_) close_socket();
  }

  Socket& socket() { return sock_; }
  asio::any_io_executor executor() { return sock_.get_executor(); }
  const std::shared_ptr<Server::Impl>& core() const { return core_; }
  std::string who() const {
    return caller_desc_.empty() ? transport_caller_.describe() : caller_desc_;
  }

  void close_socket() {
    boost::system::error_code ignored;
    sock_.shutdown(Socket::shutdown_both, ignored);
    sock_.close(ignored);
    deadline_.cancel();
    signal_.cancel();
  }

 private:
  // Cuts the connection when `d` passes; re-arming cancels the previous deadline.
  void arm(config::Millis d, const char* what) {
    deadline_.expires_after(d);
    deadline_.async_wait([w = this->weak_from_this(), what](boost::system::error_code ec) {
      auto self = w.lock();
      if (ec || !self) return;
      self->timed_out_ = what;
      ++self->core_->stats.timed_out;
      self->core_->log->info("{}: connection closed: {}", self->who(), what);
      self->close_socket();
    });
  }
  void disarm() { deadline_.cancel(); }

  static awaitable<void> run(std::shared_ptr<Connection> self) { co_await self->serve(); }

  awaitable<void> serve() {
    boost::system::error_code ec;
    for (;;) {
      if (closing_ || core_->stopping) break;
      const auto& limits = core_->api().limits;
      if (buf_.size() == 0) {
        idle_ = true;
        arm(limits.idle_timeout, "idle (api.limits.idle_timeout)");
        auto n = co_await sock_.async_read_some(buf_.prepare(8192),
                                                asio::redirect_error(use_awaitable, ec));
        idle_ = false;
        if (ec) break;
        buf_.commit(n);
      }
      arm(limits.slow_client_timeout, "request not complete within api.limits.slow_client_timeout");
      http::request_parser<http::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(
          std::min<std::uint64_t>(limits.max_header, std::numeric_limits<std::uint32_t>::max())));
      parser.body_limit(limits.max_body);
      co_await http::async_read(sock_, buf_, parser, asio::redirect_error(use_awaitable, ec));
      if (ec) {
        if (timed_out_ || !sock_.is_open()) break;
        if (ec == http::error::end_of_stream || ec == asio::error::eof ||
            ec == asio::error::connection_reset || ec == http::error::partial_message)
          break;
        ApiError e;
        if (ec == http::error::header_limit)
          e = ApiError::header_too_large("request header over " +
                                         std::to_string(limits.max_header) +
                                         " bytes (api.limits.max_header)");
        else if (ec == http::error::body_limit)
          e = ApiError::payload_too_large("request body over " + std::to_string(limits.max_body) +
                                          " bytes (api.limits.max_body)");
        else
          e = ApiError::bad_request("malformed HTTP request: " + ec.message());
        co_await send_and_close(error_response(e, 11));
        break;
      }
      disarm();
      ++core_->stats.requests;
      Request req = parser.release();
      const bool keep = req.keep_alive();
      const unsigned version = req.version();
      auto res = co_await dispatch(std::move(req));
      if (stream_) {
        co_await watch_stream();
        co_return;  // the stream closed the socket
      }
      if (!res) break;  // the connection went away while the handler worked
      res->version(version);
      res->keep_alive(keep && !closing_ && !core_->stopping);
      res->prepare_payload();
      arm(limits.slow_client_timeout, "response not read within api.limits.slow_client_timeout");
      co_await http::async_write(sock_, *res, asio::redirect_error(use_awaitable, ec));
      disarm();
      if (ec || !res->keep_alive()) break;
    }
    close_socket();
  }

  // After an error the request's rest may still be arriving: stop sending, read and drop what
  // comes (bounded in time and bytes) so the client sees our response, not a reset.
  awaitable<void> send_and_close(Response res) {
    boost::system::error_code ec;
    res.keep_alive(false);
    res.prepare_payload();
    arm(std::chrono::seconds(2), "error response not read in time");
    co_await http::async_write(sock_, res, asio::redirect_error(use_awaitable, ec));
    if (ec) co_return;
    sock_.shutdown(Socket::shutdown_send, ec);
    std::array<char, 4096> sink{};
    std::size_t drained = 0;
    while (drained < (1U << 20)) {
      auto n = co_await sock_.async_read_some(asio::buffer(sink),
                                              asio::redirect_error(use_awaitable, ec));
      if (ec) break;
      drained += n;
    }
    disarm();
  }

  awaitable<std::optional<Response>> dispatch(Request req) {
    auto d = core_->decide(req, transport_caller_);
    caller_desc_ = d.caller.describe();
    if (d.error) co_return error_response(*d.error, req.version());
    pending_.reset();
    auto w = this->weak_from_this();
    Exchange::Sink sink;
    sink.respond = [w](Response r) {
      if (auto self = w.lock()) {
        self->pending_ = std::move(r);
        self->signal_.cancel();
      }
    };
    sink.stream = [w](Response head) -> std::shared_ptr<Stream> {
      auto self = w.lock();
      if (!self || !self->sock_.is_open()) return nullptr;
      auto s = std::make_shared<StreamImpl<Socket>>(self);
      self->stream_ = s;
      s->write(head_bytes(head));
      self->signal_.cancel();
      return s;
    };
    auto ex =
        std::make_shared<Exchange>(std::move(req), std::move(d.params), std::move(d.query),
                                   std::move(d.caller), sock_.get_executor(), std::move(sink));
    try {
      d.route->handler(ex);
    } catch (const std::exception& e) {
      core_->log->error("{} {}: handler failed: {}", std::string(to_string(ex->request().method())),
                        std::string(ex->request().target()), e.what());
      ex->error(ApiError::internal(std::string("internal error: ") + e.what()));
    }
    boost::system::error_code ec;
    while (!pending_ && !stream_ && sock_.is_open()) {
      signal_.expires_at(asio::steady_timer::time_point::max());
      co_await signal_.async_wait(asio::redirect_error(use_awaitable, ec));
    }
    co_return std::move(pending_);
  }

  // The stream owns the connection now: read (and drop) until the client leaves, then close it
  // so the route learns through on_close.
  awaitable<void> watch_stream() {
    boost::system::error_code ec;
    disarm();
    std::array<char, 1024> sink{};
    while (stream_->is_open()) {
      co_await sock_.async_read_some(asio::buffer(sink), asio::redirect_error(use_awaitable, ec));
      if (ec) break;
    }
    stream_->close();
    stream_.reset();  // the Stream keeps the connection alive for as long as the route holds it
  }

  std::shared_ptr<Server::Impl> core_;
  Socket sock_;
  beast::flat_buffer buf_;
  asio::steady_timer deadline_;
  asio::steady_timer signal_;  // cancelled when a handler answered
  Caller transport_caller_;
  std::string caller_desc_;
  std::uint64_t id_ = 0;
  std::optional<Response> pending_;
  std::shared_ptr<StreamImpl<Socket>> stream_;
  const char* timed_out_ = nullptr;
  bool idle_ = false;
  bool closing_ = false;
};

}  // namespace

void serve_unix(const std::shared_ptr<Server::Impl>& core, asio::local::stream_protocol::socket s) {
  Caller c;
  c.transport = Transport::unix_socket;
  struct ucred cred {};
  socklen_t len = sizeof(cred);
  if (::getsockopt(s.native_handle(), SOL_SOCKET, SO_PEERCRED, &cred, &len) == 0) {
    c.uid = cred.uid;
    c.gid = cred.gid;
  }
  std::make_shared<Connection<asio::local::stream_protocol::socket>>(core, std::move(s), c)
      ->start();
}

void serve_tcp(const std::shared_ptr<Server::Impl>& core, asio::ip::tcp::socket s) {
  Caller c;
  c.transport = Transport::tcp;
  std::make_shared<Connection<asio::ip::tcp::socket>>(core, std::move(s), c)->start();
}

}  // namespace jumbe::api
