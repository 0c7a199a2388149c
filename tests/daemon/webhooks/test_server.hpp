// A scripted HTTP/1.1 server for the dispatcher tests, on the test's own io_context: it records
// every request and answers with the status the script gives for it (or never answers, to play a
// dead endpoint). Also a temporary directory and a loop runner with a generous failure timeout.
#pragma once

// clang-format off
#include <utility>  // first: Boost 1.74's awaitable.hpp uses std::exchange without it
// clang-format on

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace jumbe::webhooks::test {

struct Recorded {
  std::string method;
  std::string target;
  std::string body;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

class TestServer {
 public:
  // `status(request, index)`: the status for the index-th request (0-based); 0 = never answer.
  // With `tls`, it speaks HTTPS with that server context (certificate and key loaded).
  TestServer(boost::asio::io_context& io,
             std::function<unsigned(const Recorded&, std::size_t)> status,
             boost::asio::ssl::context* tls = nullptr);
  ~TestServer();
  std::string url(const std::string& path_and_query) const;
  unsigned short port() const { return port_; }
  const std::vector<Recorded>& requests() const { return requests_; }

  struct State;  // public so the session coroutines in test_server.cpp can name it

 private:
  std::shared_ptr<State> state_;
  std::vector<Recorded>& requests_;
  unsigned short port_ = 0;
};

class TempDir {
 public:
  TempDir();
  ~TempDir();
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// Runs `io` until `done()` or `limit` passes (a failure timeout, never a measured duration).
bool run_until(boost::asio::io_context& io, const std::function<bool()>& done,
               std::chrono::milliseconds limit = std::chrono::seconds(20));

}  // namespace jumbe::webhooks::test
