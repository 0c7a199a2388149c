// Control socket server (see control_server.hpp): Asio C++20 coroutines, one per client.
#include "control_server.hpp"

#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <istream>

namespace jumbe::sim {

namespace asio = boost::asio;
using local = asio::local::stream_protocol;

namespace {

asio::awaitable<void> serve(local::socket socket, Control& control) {
  asio::streambuf buf(1 << 20);
  for (;;) {
    boost::system::error_code ec;
    const std::size_t n = co_await asio::async_read_until(
        socket, buf, '\n', asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;
    std::string line(asio::buffers_begin(buf.data()), asio::buffers_begin(buf.data()) + n);
    buf.consume(n);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
      line.pop_back();
    if (line.empty()) continue;
    std::string reply = control.handle_line(line) + "\n";
    co_await asio::async_write(socket, asio::buffer(reply),
                               asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;
  }
}

}  // namespace

ControlServer::ControlServer(asio::io_context& io, Control& control, std::string path)
    : io_(io), control_(control), path_(std::move(path)), acceptor_(io) {}

ControlServer::~ControlServer() {
  if (acceptor_.is_open()) ::unlink(path_.c_str());
}

tl::expected<void, std::string> ControlServer::start() {
  ::unlink(path_.c_str());
  boost::system::error_code ec;
  acceptor_.open(local{}, ec);
  if (!ec) acceptor_.bind(local::endpoint{path_}, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return tl::make_unexpected("control socket " + path_ + ": " + ec.message());
  asio::co_spawn(
      io_,
      [this]() -> asio::awaitable<void> {
        for (;;) {
          boost::system::error_code aec;
          auto s = co_await acceptor_.async_accept(asio::redirect_error(asio::use_awaitable, aec));
          if (aec) co_return;
          asio::co_spawn(io_, serve(std::move(s), control_), asio::detached);
        }
      },
      asio::detached);
  return {};
}

}  // namespace jumbe::sim
