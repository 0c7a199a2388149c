// The API's route table and what a route handler sees: the request, its path and query
// parameters, the identified Caller, and an Exchange to answer on (now or later, from the loop),
// or to take the connection over for a stream (Server-Sent Events). Contract: everything here
// runs on jumbed's one event-loop thread; the server has already authenticated the caller and
// checked the route's minimum role before a handler runs. Routes per /work/notes/api-contract.md.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/verb.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jumbe/api/http_error.hpp"

namespace jumbe::gateway {
class Gateway;
}
namespace jumbe::config {
struct Config;
}

namespace jumbe::api {

namespace http = boost::beast::http;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

// Ordered: a route asks for a minimum. `anyone` is for routes that authenticate by themselves
// (the Kannel route checks its username/password): the server lets every caller through.
enum class Role : int { anyone = 0, reader = 1, sender = 2, admin = 3 };
std::string_view to_string(Role r) noexcept;

enum class Transport { unix_socket, tcp };

// Who is asking. On the unix socket: SO_PEERCRED uid/gid matched against api.clients (uid first,
// then gid); uid 0 and the daemon's own uid are admin when no entry names them. On TCP: the
// bearer token's client. An unknown caller has role `anyone` and an empty name.
struct Caller {
  std::string name;  // api.clients[].name; scopes idempotency keys and inbox/event cursors
  Role role = Role::anyone;
  Transport transport = Transport::unix_socket;
  std::optional<std::uint32_t> uid, gid;  // unix socket peers
  bool token_presented = false;           // TCP: an Authorization header was sent
  std::vector<std::string> keywords;      // may claim; admin: all
  std::vector<std::string> groups;        // may broadcast to; admin: all
  [[nodiscard]] bool at_least(Role r) const {
    return static_cast<int>(role) >= static_cast<int>(r);
  }
  [[nodiscard]] bool may_use_group(std::string_view group) const;
  // "uid 1001", "client ops (uid 1001)", "tcp client crm": for log lines and error messages.
  [[nodiscard]] std::string describe() const;
};

using PathParams = std::map<std::string, std::string, std::less<>>;   // percent-decoded
using QueryParams = std::map<std::string, std::string, std::less<>>;  // decoded; last one wins

// A stream that owns the connection after Exchange::start_stream (SSE). write() queues bytes
// (one or more complete "id:/event:/data:" frames); the server sends them in order. When the
// queue holds more than its bound (1 MiB) the stream closes instead of growing: a subscriber that
// cannot keep up is dropped and resumes later with Last-Event-ID. on_close runs exactly once, on
// the loop, when the client went away (EOF, reset, write error), when close() was called, or when
// the server stops (SIGTERM). After that, write() returns false and does nothing.
class Stream {
 public:
  virtual ~Stream() = default;
  virtual bool write(std::string bytes) = 0;
  virtual void on_close(std::function<void()> f) = 0;
  virtual void close() = 0;
  [[nodiscard]] virtual bool is_open() const = 0;
  [[nodiscard]] virtual std::size_t queued_bytes() const = 0;
};

// One request being answered. Handlers keep the shared_ptr while they wait (store completion,
// gateway callback); answering after the client left is harmless (the response is dropped).
// Exactly one of respond()/json()/error()/start_stream() per exchange; later calls are ignored.
class Exchange : public std::enable_shared_from_this<Exchange> {
 public:
  // How the exchange reaches its connection; the server fills it, tests fake it.
  struct Sink {
    std::function<void(Response)> respond;
    // Writes the head (status + headers of `head`, body ignored; the server adds
    // "Connection: close" and no Content-Length) and hands over the connection.
    std::function<std::shared_ptr<Stream>(Response head)> stream;
  };

  Exchange(Request req, PathParams path, QueryParams query, Caller caller,
           boost::asio::any_io_executor executor, Sink sink);

  [[nodiscard]] const Request& request() const { return req_; }
  [[nodiscard]] std::string_view header(http::field f) const;
  [[nodiscard]] std::string_view header(std::string_view name) const;
  [[nodiscard]] const PathParams& path() const { return path_; }
  [[nodiscard]] std::string path_param(std::string_view name) const;  // "" when absent
  [[nodiscard]] const QueryParams& query() const { return query_; }
  [[nodiscard]] std::optional<std::string> query_param(std::string_view name) const;
  [[nodiscard]] const Caller& caller() const { return caller_; }
  [[nodiscard]] boost::asio::any_io_executor executor() const { return executor_; }
  [[nodiscard]] bool answered() const { return answered_; }

  void respond(Response res);
  // 200/202/... with a JSON body (Content-Type: application/json; charset=utf-8).
  void json(http::status status, const nlohmann::json& body);
  // {"error":{"code","message","field"?}} with the error's status and headers (Allow,
  // Retry-After, WWW-Authenticate).
  void error(const ApiError& e);
  // Status 200 and e.g. {Content-Type: text/event-stream, Cache-Control: no-cache}; returns the
  // Stream (nullptr when the client already left or the exchange was answered).
  std::shared_ptr<Stream> start_stream(Response head);

 private:
  Request req_;
  PathParams path_;
  QueryParams query_;
  Caller caller_;
  boost::asio::any_io_executor executor_;
  Sink sink_;
  bool answered_ = false;
};

using Handler = std::function<void(std::shared_ptr<Exchange>)>;

struct Route {
  http::verb verb;
  std::string pattern;  // "/v1/messages/{id}": literal segments and {name} segments
  Role min_role;
  Handler handler;
};

// The table. Literal segments win over {param} segments ("/v1/messages/preview" before
// "/v1/messages/{id}"). A path that matches with another verb gives 405 + Allow.
class Routes {
 public:
  void add(http::verb verb, std::string pattern, Role min_role, Handler handler);

  struct Match {
    const Route* route = nullptr;     // nullptr: no route for this verb
    PathParams params;                // when route is set
    std::vector<http::verb> allowed;  // verbs that would match the path (for 405)
  };
  // `path` is the target without the query string, still percent-encoded.
  [[nodiscard]] Match find(http::verb verb, std::string_view path) const;
  [[nodiscard]] const std::vector<Route>& all() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

// What route modules get when they register: the gateway (store(), numbers(), config(),
// now_ms(), submit, modems, metrics, ussd, change listeners) and hooks into the server's life.
class ApiContext {
 public:
  explicit ApiContext(gateway::Gateway& gw) : gateway_(gw) {}
  [[nodiscard]] gateway::Gateway& gateway() const { return gateway_; }
  [[nodiscard]] const config::Config& config() const;  // the current one (after reloads)

  // Runs when the server stops accepting (SIGTERM), before open streams are closed.
  void on_stop(std::function<void()> f) { stop_hooks_.push_back(std::move(f)); }
  // Runs after a SIGHUP reload was applied (client list, limits and groups already new).
  void on_reload(std::function<void()> f) { reload_hooks_.push_back(std::move(f)); }
  // Keeps an object (an event hub, a session table) alive as long as the server.
  void keep(std::shared_ptr<void> p) { kept_.push_back(std::move(p)); }

  void run_stop_hooks();
  void run_reload_hooks();

 private:
  gateway::Gateway& gateway_;
  std::vector<std::function<void()>> stop_hooks_;
  std::vector<std::function<void()>> reload_hooks_;
  std::vector<std::shared_ptr<void>> kept_;
};

// Every route module has one registration function; register_all() (src/register.cpp) calls
// them in order. api-live adds one line there per module, e.g. add_live_routes(r, ctx).
void add_message_routes(Routes& r, ApiContext& ctx);    // messages, preview, queue, release
void add_broadcast_routes(Routes& r, ApiContext& ctx);  // broadcasts, groups
void add_inbox_routes(Routes& r, ApiContext& ctx);      // inbox, inbox/ack
void add_kannel_routes(Routes& r, ApiContext& ctx);     // /cgi-bin/sendsms (docs/kannel.md)
void register_all(Routes& r, ApiContext& ctx);

}  // namespace jumbe::api
