// One HTTP/1.1 request on the daemon's event loop (Boost.Beast): resolve, connect, TLS for
// https:// (system CA store, SNI and host-name verification), write, read the status, close.
// Contract: never throws; the whole attempt, DNS included, ends within `timeout`; a redirect is a
// failure (a webhook URL must be the final one); the response body is read up to 64 KiB and only
// a short excerpt is kept for the log. Abort::abort() ends an attempt in flight at once
// (Dispatcher::stop).
#pragma once

// clang-format off
#include <utility>  // first: Boost 1.74's awaitable.hpp uses std::exchange without it
// clang-format on

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ssl/context.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "jumbe/webhooks/deliveries.hpp"

namespace jumbe::webhooks {

struct HttpOutcome {
  unsigned status = 0;                                   // 0: no HTTP answer (see error)
  std::string error;                                     // why there was no answer
  std::optional<std::chrono::milliseconds> retry_after;  // Retry-After (seconds form)
  std::string excerpt;                                   // start of the body, for the log
  bool ok() const { return status >= 200 && status < 300; }
  // "HTTP 503 (Service Unavailable: try later)" or "connect: Connection refused".
  std::string describe() const;
};

class Abort {
 public:
  void abort() {
    aborted_ = true;
    if (on_abort_) on_abort_();
  }
  bool aborted() const { return aborted_; }
  void set(std::function<void()> f) { on_abort_ = std::move(f); }

 private:
  bool aborted_ = false;
  std::function<void()> on_abort_;
};

// A TLS client context: verify_peer with the system's CAs, plus `extra_ca_file` when not empty
// (tests, private CAs).
std::unique_ptr<boost::asio::ssl::context> make_tls_context(const std::string& extra_ca_file = "");

boost::asio::awaitable<HttpOutcome> send_http(Delivery d, std::chrono::milliseconds timeout,
                                              boost::asio::ssl::context& tls,
                                              std::shared_ptr<Abort> abort);

}  // namespace jumbe::webhooks
