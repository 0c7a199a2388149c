// The scripted HTTP server of the dispatcher tests (test_server.hpp).
#include "test_server.hpp"

#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <random>

namespace jumbe::webhooks::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct TestServer::State {
  explicit State(asio::io_context& io)
      : acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {}
  tcp::acceptor acceptor;
  std::function<unsigned(const Recorded&, std::size_t)> status;
  std::vector<Recorded> requests;
  std::vector<std::shared_ptr<tcp::socket>> held;  // connections we never answer
  asio::ssl::context* tls = nullptr;
  bool closed = false;
};

namespace {

template <class Stream>
asio::awaitable<void> serve(std::shared_ptr<TestServer::State> st,
                            std::shared_ptr<tcp::socket> socket, Stream& stream) {
  beast::error_code ec;
  beast::flat_buffer buffer;
  http::request<http::string_body> req;
  co_await http::async_read(stream, buffer, req, asio::redirect_error(asio::use_awaitable, ec));
  if (ec || st->closed) co_return;
  Recorded r;
  r.method = std::string(req.method_string());
  r.target = std::string(req.target());
  r.body = req.body();
  for (const auto& f : req) {
    std::string name(f.name_string());
    for (auto& c : name)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers[name] = std::string(f.value());
  }
  const std::size_t index = st->requests.size();
  st->requests.push_back(r);
  const unsigned status = st->status(r, index);
  if (status == 0) {
    st->held.push_back(socket);  // a dead endpoint: connected, never answers
    co_return;
  }
  http::response<http::string_body> res{static_cast<http::status>(status), 11};
  res.set(http::field::content_type, "text/plain");
  res.body() = status < 300 ? "ok" : "try later";
  res.keep_alive(false);
  res.prepare_payload();
  co_await http::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
  socket->shutdown(tcp::socket::shutdown_both, ec);
}

asio::awaitable<void> session(std::shared_ptr<TestServer::State> st,
                              std::shared_ptr<tcp::socket> socket) {
  if (st->tls == nullptr) {
    co_await serve(st, socket, *socket);
    co_return;
  }
  beast::ssl_stream<tcp::socket&> tls(*socket, *st->tls);
  beast::error_code ec;
  co_await tls.async_handshake(asio::ssl::stream_base::server,
                               asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return;  // the client refused our certificate
  co_await serve(st, socket, tls);
}

asio::awaitable<void> accept_loop(std::shared_ptr<TestServer::State> st) {
  for (;;) {
    beast::error_code ec;
    auto socket = std::make_shared<tcp::socket>(st->acceptor.get_executor());
    co_await st->acceptor.async_accept(*socket, asio::redirect_error(asio::use_awaitable, ec));
    if (ec || st->closed) co_return;
    asio::co_spawn(st->acceptor.get_executor(), session(st, socket), asio::detached);
  }
}

}  // namespace

TestServer::TestServer(asio::io_context& io,
                       std::function<unsigned(const Recorded&, std::size_t)> status,
                       asio::ssl::context* tls)
    : state_(std::make_shared<State>(io)), requests_(state_->requests) {
  state_->status = std::move(status);
  state_->tls = tls;
  port_ = state_->acceptor.local_endpoint().port();
  asio::co_spawn(io, accept_loop(state_), asio::detached);
}

TestServer::~TestServer() {
  state_->closed = true;
  beast::error_code ec;
  state_->acceptor.close(ec);
  for (auto& s : state_->held)
    s->close(ec);
}

std::string TestServer::url(const std::string& path_and_query) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path_and_query;
}

TempDir::TempDir() {
  std::random_device rd;
  path_ = std::filesystem::temp_directory_path() /
          ("jumbe-webhooks-" + std::to_string(getpid()) + "-" + std::to_string(rd()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

bool run_until(asio::io_context& io, const std::function<bool()>& done,
               std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    io.restart();
    io.run_for(std::chrono::milliseconds(5));
  }
  return true;
}

}  // namespace jumbe::webhooks::test
