// The control socket: a unix stream socket, one JSON request per line in, one response per line
// out, any number of clients. Contract: a client that sends a line of more than 1 MiB or closes
// mid-line is dropped without affecting the others.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <string>

#include "control.hpp"

namespace jumbe::sim {

class ControlServer {
 public:
  ControlServer(boost::asio::io_context& io, Control& control, std::string path);
  ~ControlServer();
  tl::expected<void, std::string> start();

 private:
  boost::asio::io_context& io_;
  Control& control_;
  std::string path_;
  boost::asio::local::stream_protocol::acceptor acceptor_;
};

}  // namespace jumbe::sim
