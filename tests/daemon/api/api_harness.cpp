// The in-process API harness (see api_harness.hpp).
#include "api_harness.hpp"

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <stdexcept>

#include "jumbe/api/server.hpp"
#include "jumbe/api/url.hpp"
#include "jumbe/config/load.hpp"
#include "jumbe/store/sqlite_store.hpp"

namespace jumbe::api::testing {

std::string Reply::header(std::string_view name) const {
  auto it = res.find(name);
  return it == res.end() ? std::string() : std::string(it->value());
}

Harness::Harness(const std::string& extra_yaml) {
  char tmpl[] = "/tmp/jumbe-api-test-XXXXXX";
  if (!::mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
  dir_ = tmpl;
  const std::string yaml = "store:\n  path: " + dir_ +
                           "/jumbe.db\n"
                           "modems:\n  - name: saf-1\n    device: " +
                           dir_ +
                           "/nodev\n    operator: safaricom\n"
                           "api:\n  socket: " +
                           dir_ +
                           "/jumbe.sock\n  socket_group: \"\"\n"
                           "  limits:\n    max_recipients: 50\n"
                           "services:\n  groups:\n"
                           "    - name: LANET\n      description: Lanet location\n"
                           "    - name: KIAMUNYI\n      open: false\n"
                           "logging:\n  level: warn\n  sink: stderr\n" +
                           extra_yaml;
  auto cfg = config::load_string(yaml);
  if (!cfg) throw std::runtime_error("harness config: " + cfg.error().front().to_string());
  auto st = store::open_sqlite_store({dir_ + "/jumbe.db"});
  if (!st) throw std::runtime_error("harness store: " + st.error().message);
  store_ = std::move(*st);
  gw_ = std::make_unique<gateway::Gateway>(io_.get_executor(), *store_, *cfg);
  ctx_ = std::make_unique<ApiContext>(*gw_);
  register_all(routes_, *ctx_);
}

Harness::~Harness() {
  gw_.reset();
  store_.reset();  // joins the writer before the io_context goes
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

Caller Harness::admin() const {
  Caller c;
  c.name = "ops";
  c.role = Role::admin;
  return c;
}
Caller Harness::sender(std::vector<std::string> groups) const {
  Caller c;
  c.name = "crm";
  c.role = Role::sender;
  c.groups = std::move(groups);
  return c;
}
Caller Harness::reader() const {
  Caller c;
  c.name = "dash";
  c.role = Role::reader;
  return c;
}

Reply Harness::call(http::verb verb, const std::string& target, const std::string& body,
                    const Caller& caller, const std::string& content_type) {
  Request req{verb, target, 11};
  if (!content_type.empty()) req.set(http::field::content_type, content_type);
  req.body() = body;
  req.prepare_payload();
  Reply out;
  bool done = false;
  const auto t = split_target(target);
  auto q = parse_query(t.query);
  auto m = routes_.find(verb, t.path);
  if (!q || !m.route || !caller.at_least(m.route->min_role)) {
    out.status = !q ? 400 : m.allowed.empty() ? 404 : !m.route ? 405 : 403;
    return out;
  }
  Exchange::Sink sink;
  sink.respond = [&](Response r) {
    out.status = r.result_int();
    out.raw = r.body();
    out.body = nlohmann::json::parse(out.raw, nullptr, false);
    if (out.body.is_discarded()) out.body = nullptr;
    out.res = std::move(r);
    done = true;
  };
  auto ex = std::make_shared<Exchange>(std::move(req), std::move(m.params), std::move(*q), caller,
                                       io_.get_executor(), std::move(sink));
  m.route->handler(ex);
  ex.reset();
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!done && std::chrono::steady_clock::now() < until) {
    io_.restart();
    io_.run_for(std::chrono::milliseconds(5));
  }
  if (!done) throw std::runtime_error("handler did not answer within 30 s: " + target);
  return out;
}

}  // namespace jumbe::api::testing
