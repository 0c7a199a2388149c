// A small synchronous HTTP/1.1 client over jumbed's unix socket (Boost.Beast), one connection per
// request, plus a Server-Sent Events reader for `watch`, `send --wait` and `broadcast --follow`.
// Contract: every operation has a deadline (a daemon that accepts and then says nothing cannot
// hang the CLI); failures to connect are `unreachable` and say which path, why (ENOENT,
// ECONNREFUSED, EACCES) and where the path came from; a connection lost mid-request is `broken`.
// Any HTTP status is a response, not an error: the caller decides what 4xx/5xx mean.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <utility>
#include <vector>

#include "jumbe/cli/socket_path.hpp"
#include "jumbe/cli/sse.hpp"

namespace jumbe::cli {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpResponse {
  int status = 0;
  std::string body;
  std::string content_type;
};

enum class TransportFailure { unreachable, broken, timeout };

struct TransportError {
  TransportFailure kind;
  std::string message;  // one line, names the socket path
};

struct StreamHooks {
  std::function<bool()> on_open;                  // after a 200 header; false: stop now
  std::function<bool(const SseEvent&)> on_event;  // false: stop reading, return normally
};

class HttpClient {
 public:
  explicit HttpClient(SocketChoice socket,
                      std::chrono::milliseconds timeout = std::chrono::seconds(30));

  // method: "GET", "POST", "DELETE"...; target: "/v1/status?x=y". A body is sent as JSON.
  tl::expected<HttpResponse, TransportError> request(
      std::string_view method, std::string_view target,
      const std::optional<std::string>& json_body = std::nullopt, const Headers& headers = {},
      std::optional<std::chrono::milliseconds> timeout = std::nullopt) const;

  // GET target as text/event-stream; events go through `parser` (so its last_event_id() survives
  // for a reconnect) to hooks.on_event. Returns a 200 response with an empty body when the server
  // ended the stream or on_event returned false, and the error response for any other status.
  // A stream silent for longer than idle_timeout (jumbed sends a keepalive every 15 s) is a
  // `timeout` error.
  tl::expected<HttpResponse, TransportError> stream(
      std::string_view target, const Headers& headers, const StreamHooks& hooks, SseParser& parser,
      std::chrono::milliseconds idle_timeout = std::chrono::seconds(45)) const;

  const SocketChoice& socket() const { return socket_; }

 private:
  SocketChoice socket_;
  std::chrono::milliseconds timeout_;
};

// RFC 3986 percent-encoding of everything but unreserved characters, for path segments and query
// values ("+254712345678" -> "%2B254712345678").
std::string percent_encode(std::string_view s);

}  // namespace jumbe::cli
