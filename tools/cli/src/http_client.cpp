// HTTP over the unix socket (see http_client.hpp). Beast's synchronous calls cannot time out, so
// each step is an async operation run on a private io_context for at most its deadline; when the
// deadline passes the socket is closed, which completes the operation with an error.
#include "jumbe/cli/http_client.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <cstring>
#include <limits>

namespace jumbe::cli {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using boost::system::error_code;
using local = asio::local::stream_protocol;
using Ms = std::chrono::milliseconds;

constexpr std::uint64_t body_limit = 64ULL << 20;  // a queue listing of 100 rows is ~20 kB
constexpr std::uint32_t header_limit = 64U << 10;

std::string connect_reason(const error_code& ec) {
  namespace errc = boost::system::errc;
  if (ec == errc::no_such_file_or_directory) return "no such socket (is jumbed running?)";
  if (ec == errc::connection_refused)
    return "connection refused (nothing listens there: jumbed stopped or is restarting)";
  if (ec == errc::permission_denied || ec == errc::operation_not_permitted)
    return "permission denied (your user needs to be in the socket's group, api.socket_group "
           "in the daemon's config; or use sudo)";
  if (ec == errc::not_a_directory) return "a part of the path is not a directory";
  return ec.message();
}

// One connection with deadlines.
class Connection {
 public:
  explicit Connection(const SocketChoice& s) : socket_(s) {}

  std::optional<TransportError> connect(Ms timeout) {
    local::endpoint ep;
    try {
      ep = local::endpoint(socket_.path);
    } catch (const std::exception&) {
      return TransportError{TransportFailure::unreachable,
                            where() + ": the path is too long for a unix socket (max 107 bytes)"};
    }
    const error_code ec = run([&](auto h) { sock_.async_connect(ep, h); }, timeout);
    if (ec == asio::error::timed_out)
      return TransportError{TransportFailure::timeout,
                            where() + ": no answer to connect (jumbed is overloaded or stuck)"};
    if (ec)
      return TransportError{TransportFailure::unreachable, where() + ": " + connect_reason(ec)};
    return std::nullopt;
  }

  std::optional<TransportError> write(http::request<http::string_body>& req, Ms timeout) {
    const error_code ec = run([&](auto h) { http::async_write(sock_, req, h); }, timeout);
    if (ec) return lost(ec, "sending the request");
    return std::nullopt;
  }

  template <class Parser>
  std::optional<TransportError> read_header(Parser& p, Ms timeout) {
    const error_code ec = run([&](auto h) { http::async_read_header(sock_, buf_, p, h); }, timeout);
    if (ec) return lost(ec, "waiting for the answer");
    return std::nullopt;
  }

  std::optional<TransportError> read(http::response_parser<http::string_body>& p, Ms timeout) {
    const error_code ec = run([&](auto h) { http::async_read(sock_, buf_, p, h); }, timeout);
    if (ec) return lost(ec, "waiting for the answer");
    return std::nullopt;
  }

  // Reads the next piece of a buffer_body; `n` gets the bytes written into `chunk`. Returns
  // true at the end of the body.
  tl::expected<bool, TransportError> read_some(http::response_parser<http::buffer_body>& p,
                                               char* chunk, std::size_t size, std::size_t& n,
                                               Ms timeout) {
    p.get().body().data = chunk;
    p.get().body().size = size;
    error_code ec = run([&](auto h) { http::async_read_some(sock_, buf_, p, h); }, timeout);
    n = size - p.get().body().size;
    if (ec == http::error::need_buffer) ec = {};
    if (ec == http::error::end_of_stream || ec == asio::error::eof) return true;
    if (ec) return tl::make_unexpected(lost(ec, "reading the event stream"));
    return p.is_done();
  }

  std::string where() const {
    return "cannot reach jumbed at " + socket_.path + " (" + socket_.source + ")";
  }

 private:
  TransportError lost(const error_code& ec, const char* doing) const {
    if (ec == asio::error::timed_out)
      return {TransportFailure::timeout,
              "jumbed at " + socket_.path + " did not answer in time (" + doing + ")"};
    return {TransportFailure::broken, "jumbed at " + socket_.path +
                                          " closed the connection while " + doing + " (" +
                                          ec.message() + "; it may have stopped or restarted)"};
  }

  // Runs one async operation for at most `timeout`.
  template <class Start>
  error_code run(Start start, Ms timeout) {
    error_code result;
    bool done = false;
    start([&](error_code ec, auto&&...) {
      result = ec;
      done = true;
    });
    ioc_.restart();
    ioc_.run_for(timeout);
    if (!done) {
      error_code ignored;
      sock_.close(ignored);
      ioc_.restart();
      ioc_.run();
      return asio::error::timed_out;
    }
    return result;
  }

  const SocketChoice& socket_;
  asio::io_context ioc_;
  local::socket sock_{ioc_};
  beast::flat_buffer buf_;
};

http::request<http::string_body> make_request(std::string_view method, std::string_view target,
                                              const std::optional<std::string>& body,
                                              const Headers& headers) {
  http::verb verb = http::string_to_verb(method);
  http::request<http::string_body> req;
  if (verb == http::verb::unknown)
    req.method_string(method);
  else
    req.method(verb);
  req.target(target);
  req.version(11);
  req.set(http::field::host, "localhost");
  req.set(http::field::user_agent, "jumbe-cli");
  for (const auto& [k, v] : headers)
    req.set(k, v);
  if (body) {
    req.set(http::field::content_type, "application/json; charset=utf-8");
    req.body() = *body;
  }
  req.prepare_payload();
  return req;
}

}  // namespace

HttpClient::HttpClient(SocketChoice socket, std::chrono::milliseconds timeout)
    : socket_(std::move(socket)), timeout_(timeout) {}

tl::expected<HttpResponse, TransportError> HttpClient::request(
    std::string_view method, std::string_view target, const std::optional<std::string>& json_body,
    const Headers& headers, std::optional<std::chrono::milliseconds> timeout) const {
  const Ms t = timeout.value_or(timeout_);
  Connection c(socket_);
  if (auto e = c.connect(t)) return tl::make_unexpected(*e);
  auto req = make_request(method, target, json_body, headers);
  req.set(http::field::accept, "application/json");
  if (auto e = c.write(req, t)) return tl::make_unexpected(*e);
  http::response_parser<http::string_body> p;
  p.body_limit(body_limit);
  p.header_limit(header_limit);
  if (auto e = c.read(p, t)) return tl::make_unexpected(*e);
  auto& res = p.get();
  return HttpResponse{static_cast<int>(res.result_int()), std::move(res.body()),
                      std::string(res[http::field::content_type])};
}

tl::expected<HttpResponse, TransportError> HttpClient::stream(
    std::string_view target, const Headers& headers, const StreamHooks& hooks, SseParser& parser,
    std::chrono::milliseconds idle) const {
  Connection c(socket_);
  if (auto e = c.connect(timeout_)) return tl::make_unexpected(*e);
  auto req = make_request("GET", target, std::nullopt, headers);
  req.set(http::field::accept, "text/event-stream");
  req.set(http::field::cache_control, "no-cache");
  if (auto e = c.write(req, timeout_)) return tl::make_unexpected(*e);
  http::response_parser<http::buffer_body> p;
  p.body_limit(std::numeric_limits<std::uint64_t>::max());  // a stream has no end
  p.header_limit(header_limit);
  if (auto e = c.read_header(p, timeout_)) return tl::make_unexpected(*e);
  HttpResponse res;
  res.status = static_cast<int>(p.get().result_int());
  res.content_type = std::string(p.get()[http::field::content_type]);
  const bool ok = res.status == 200;
  if (ok && hooks.on_open && !hooks.on_open()) return res;
  char chunk[8192];
  bool end = p.is_done();
  while (!end) {
    std::size_t n = 0;
    auto r = c.read_some(p, chunk, sizeof chunk, n, ok ? idle : timeout_);
    if (!r) {
      if (ok && r.error().kind == TransportFailure::timeout)
        return tl::make_unexpected(TransportError{
            TransportFailure::timeout,
            "the event stream from jumbed at " + socket_.path + " went silent (no keepalive)"});
      return tl::make_unexpected(r.error());
    }
    end = *r;
    if (!ok) {
      if (res.body.size() < body_limit) res.body.append(chunk, n);
      continue;
    }
    for (const auto& ev : parser.feed(std::string_view(chunk, n)))
      if (hooks.on_event && !hooks.on_event(ev)) return res;
  }
  return res;
}

std::string percent_encode(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out += ch;
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace jumbe::cli
