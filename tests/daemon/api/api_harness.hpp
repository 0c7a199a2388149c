// An in-process harness for API route tests, fuzzers and benchmarks: a real SQLite store in a
// temp dir, a Gateway over a config without modems, every route registered, and call() that runs
// one request through the route table (routing, role check, handler) on an io_context until the
// handler answered. Contract: no sockets, no jumbed; bounded waits; the temp dir is removed.
#pragma once

#include <boost/asio/io_context.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "jumbe/api/routes.hpp"
#include "jumbe/config/config.hpp"
#include "jumbe/gateway/gateway.hpp"
#include "jumbe/store/store.hpp"

namespace jumbe::api::testing {

struct Reply {
  int status = 0;
  nlohmann::json body;  // null when the body is not JSON
  std::string raw;
  std::string header(std::string_view name) const;
  Response res;
};

class Harness {
 public:
  // `extra_yaml` is appended to a config with three groups' worth of defaults.
  explicit Harness(const std::string& extra_yaml = {});
  ~Harness();

  Caller admin() const;
  Caller sender(std::vector<std::string> groups = {}) const;
  Caller reader() const;

  Reply call(http::verb verb, const std::string& target, const std::string& body,
             const Caller& caller, const std::string& content_type = "application/json");
  Reply call(http::verb verb, const std::string& target, const nlohmann::json& body,
             const Caller& caller) {
    return call(verb, target, body.dump(), caller);
  }
  Reply get(const std::string& target, const Caller& caller) {
    return call(http::verb::get, target, std::string(), caller, "");
  }

  gateway::Gateway& gateway() { return *gw_; }
  store::Store& store() { return *store_; }
  Routes& routes() { return routes_; }

 private:
  std::string dir_;
  boost::asio::io_context io_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<gateway::Gateway> gw_;
  std::unique_ptr<ApiContext> ctx_;
  Routes routes_;
};

}  // namespace jumbe::api::testing
