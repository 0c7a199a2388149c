// The HTTP(S) client of the dispatcher (http_client.hpp), as one coroutine per attempt. A
// watchdog timer enforces the attempt's deadline by closing the socket, which also covers DNS
// (Beast's tcp_stream timeouts do not) and TLS handshakes that stall.
#include "jumbe/webhooks/http_client.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include "jumbe/version.hpp"
#include "jumbe/webhooks/url.hpp"

namespace jumbe::webhooks {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr std::size_t kMaxBody = 64 * 1024;
constexpr std::size_t kExcerpt = 200;

struct Conn {
  explicit Conn(const asio::any_io_executor& ex) : resolver(ex), socket(ex) {}
  tcp::resolver resolver;
  tcp::socket socket;  // plain, or the lowest layer under TLS (moved into the ssl stream)
  std::unique_ptr<beast::ssl_stream<tcp::socket>> tls;
  bool timed_out = false;
  void close() {
    resolver.cancel();
    beast::error_code ec;
    if (tls) {
      beast::get_lowest_layer(*tls).close(ec);
    } else {
      socket.close(ec);
    }
  }
};

template <class Stream>
asio::awaitable<HttpOutcome> round_trip(Stream& stream, const Url& url, const Delivery& d) {
  HttpOutcome out;
  beast::error_code ec;
  http::request<http::string_body> req{d.method == "GET" ? http::verb::get : http::verb::post,
                                       url.target, 11};
  const bool default_port = url.port == (url.tls ? "443" : "80");
  const bool v6 = url.host.find(':') != std::string::npos;
  std::string host = v6 ? "[" + url.host + "]" : url.host;
  req.set(http::field::host, default_port ? host : host + ":" + url.port);
  req.set(http::field::user_agent, "jumbe/" + std::string(jumbe::version()));
  req.set(http::field::connection, "close");
  for (const auto& [name, value] : d.headers)
    req.set(name, value);
  req.body() = d.body;
  if (d.method != "GET" || !d.body.empty()) req.prepare_payload();
  co_await http::async_write(stream, req, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) {
    out.error = "write: " + ec.message();
    co_return out;
  }
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(kMaxBody);
  co_await http::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
  // A body over the limit still told us the status; anything else without a header is a failure.
  if (ec && !parser.is_header_done()) {
    out.error = "read: " + ec.message();
    co_return out;
  }
  const auto& res = parser.get();
  out.status = res.result_int();
  out.excerpt = res.body().substr(0, kExcerpt);
  if (auto ra = res.find(http::field::retry_after); ra != res.end()) {
    const std::string v(ra->value());
    if (!v.empty() && v.size() < 9 && v.find_first_not_of("0123456789") == std::string::npos)
      out.retry_after = std::chrono::seconds(std::stol(v));
  }
  co_return out;
}

}  // namespace

std::string HttpOutcome::describe() const {
  if (status == 0) return error;
  std::string s = "HTTP " + std::to_string(status);
  if (!excerpt.empty()) {
    std::string e = excerpt;
    for (auto& c : e)
      if (c == '\n' || c == '\r') c = ' ';
    s += " (" + e + ")";
  }
  return s;
}

std::unique_ptr<asio::ssl::context> make_tls_context(const std::string& extra_ca_file) {
  auto ctx = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_client);
  ctx->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                   asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                   asio::ssl::context::no_tlsv1_1);
  beast::error_code ec;
  ctx->set_default_verify_paths(ec);
  if (!extra_ca_file.empty()) ctx->load_verify_file(extra_ca_file, ec);
  ctx->set_verify_mode(asio::ssl::verify_peer);
  return ctx;
}

asio::awaitable<HttpOutcome> send_http(Delivery d, std::chrono::milliseconds timeout,
                                       asio::ssl::context& tls, std::shared_ptr<Abort> abort) {
  HttpOutcome out;
  auto url = parse_url(d.url);
  if (!url) {
    out.error = url.error();
    co_return out;
  }
  auto ex = co_await asio::this_coro::executor;
  auto conn = std::make_shared<Conn>(ex);
  // The watchdog and the abort hook hold the connection by shared_ptr: they may run after this
  // coroutine has finished.
  auto watchdog = std::make_shared<asio::steady_timer>(ex, timeout);
  watchdog->async_wait([conn](beast::error_code ec) {
    if (ec) return;
    conn->timed_out = true;
    conn->close();
  });
  if (abort) abort->set([conn] { conn->close(); });
  struct Finally {
    std::shared_ptr<asio::steady_timer> w;
    std::shared_ptr<Abort> a;
    ~Finally() {
      w->cancel();
      if (a) a->set(nullptr);
    }
  } finally{watchdog, abort};
  auto failed = [&](std::string_view what, const beast::error_code& ec) {
    HttpOutcome o;
    if (abort && abort->aborted())
      o.error = "stopped";
    else if (conn->timed_out)
      o.error = std::string(what) + ": timed out after " + std::to_string(timeout.count()) + " ms";
    else
      o.error = std::string(what) + ": " + ec.message();
    return o;
  };

  beast::error_code ec;
  auto endpoints = co_await conn->resolver.async_resolve(
      url->host, url->port, asio::redirect_error(asio::use_awaitable, ec));
  if (ec || (abort && abort->aborted())) co_return failed("resolve " + url->host, ec);
  co_await asio::async_connect(conn->socket, endpoints,
                               asio::redirect_error(asio::use_awaitable, ec));
  if (ec || conn->timed_out) co_return failed("connect " + url->host + ":" + url->port, ec);

  if (!url->tls) {
    out = co_await round_trip(conn->socket, *url, d);
  } else {
    conn->tls = std::make_unique<beast::ssl_stream<tcp::socket>>(std::move(conn->socket), tls);
    // SNI, so virtual hosts answer with the right certificate; then check the name on it.
    // SSL_set_tlsext_host_name() is a macro with a C cast; this is what it expands to.
    if (SSL_ctrl(conn->tls->native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME,
                 TLSEXT_NAMETYPE_host_name, const_cast<char*>(url->host.c_str())) != 1)
      co_return failed("tls", beast::error_code(static_cast<int>(::ERR_get_error()),
                                                asio::error::get_ssl_category()));
    conn->tls->set_verify_callback(asio::ssl::host_name_verification(url->host));
    co_await conn->tls->async_handshake(asio::ssl::stream_base::client,
                                        asio::redirect_error(asio::use_awaitable, ec));
    if (ec || conn->timed_out) co_return failed("tls handshake with " + url->host, ec);
    out = co_await round_trip(*conn->tls, *url, d);
  }
  if (out.status == 0 && (conn->timed_out || (abort && abort->aborted())))
    co_return failed(out.error.substr(0, out.error.find(':')), {});
  conn->close();  // Connection: close; a TLS close_notify is not worth waiting for
  co_return out;
}

}  // namespace jumbe::webhooks
