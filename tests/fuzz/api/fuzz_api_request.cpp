// Fuzzes what the API does with a client's bytes before any store call: Beast's HTTP/1.1 request
// parser with jumbed's limits, target splitting and query decoding, the route table, the JSON
// body parser, and submission validation (numbers, text plan, durations, times) for both
// messages and broadcasts' shared options. Contract checked: never crashes, hangs or throws.
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "jumbe/api/json_util.hpp"
#include "jumbe/api/routes.hpp"
#include "jumbe/api/submission.hpp"
#include "jumbe/api/url.hpp"
#include "jumbe/config/load.hpp"

namespace {

using namespace jumbe;
namespace http = boost::beast::http;

struct Fixture {
  config::Config cfg;
  std::unique_ptr<config::Numbers> numbers;
  api::Routes routes;
  Fixture() {
    auto c = config::load_string(
        "modems:\n  - {name: saf-1, device: /dev/null, operator: safaricom}\n"
        "api:\n  limits: {max_recipients: 100}\n");
    if (!c) std::abort();
    cfg = *c;
    numbers = std::make_unique<config::Numbers>(cfg.numbers);
    auto h = [](std::shared_ptr<api::Exchange>) {};
    for (const char* p : {"/v1/messages", "/v1/messages/preview", "/v1/messages/{id}",
                          "/v1/messages/{id}/release", "/v1/groups/{name}/members/{number}"})
      routes.add(http::verb::post, p, api::Role::sender, h);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Fixture f;
  const std::string_view in(reinterpret_cast<const char*>(data), size);

  http::request_parser<http::string_body> parser;
  parser.header_limit(16 * 1024);
  parser.body_limit(64 * 1024);
  parser.eager(true);
  boost::beast::error_code ec;
  std::size_t used = 0;
  while (used < in.size() && !parser.is_done()) {
    const auto n = parser.put(boost::asio::buffer(in.data() + used, in.size() - used), ec);
    if (ec || n == 0) break;
    used += n;
  }
  if (!ec && parser.is_header_done()) {
    const auto& req = parser.get();
    const auto t = api::split_target(std::string_view(req.target()));
    (void)api::parse_query(t.query);
    (void)f.routes.find(req.method(), t.path);
  }

  // The same bytes as a JSON body, whatever the parser thought of them.
  auto body = api::parse_json_body("application/json", in);
  if (body) {
    (void)api::parse_message_submission(*body, "", "fuzz", f.cfg, *f.numbers);
    (void)api::parse_send_options(*body, "k", store::Priority::bulk);
    (void)api::opt_time(*body, "not_before");
  }
  (void)api::parse_time(in);
  return 0;
}
