// Pure parts of the API: route matching, target decoding, caller identification, token buckets,
// time/duration formats and body parsing. Times in the table come from RFC 3339 section 5.8's
// examples; the SO_PEERCRED rules from api-contract.md "Roles".
#include <gtest/gtest.h>

#include "jumbe/api/auth.hpp"
#include "jumbe/api/json_util.hpp"
#include "jumbe/api/routes.hpp"
#include "jumbe/api/token_bucket.hpp"
#include "jumbe/api/url.hpp"
#include "jumbe/config/load.hpp"

namespace jumbe::api {
namespace {

Routes table() {
  Routes r;
  auto h = [](std::shared_ptr<Exchange>) {};
  r.add(http::verb::post, "/v1/messages", Role::sender, h);
  r.add(http::verb::post, "/v1/messages/preview", Role::sender, h);
  r.add(http::verb::get, "/v1/messages/{id}", Role::reader, h);
  r.add(http::verb::delete_, "/v1/messages/{id}", Role::sender, h);
  r.add(http::verb::delete_, "/v1/groups/{name}/members/{number}", Role::admin, h);
  return r;
}

TEST(ApiRoutes, LiteralSegmentBeatsParameter) {
  auto r = table();
  auto m = r.find(http::verb::post, "/v1/messages/preview");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->pattern, "/v1/messages/preview");
  // GET on the literal path is not the {id} route: 405 with POST allowed.
  m = r.find(http::verb::get, "/v1/messages/preview");
  EXPECT_EQ(m.route, nullptr);
  ASSERT_EQ(m.allowed.size(), 1U);
  EXPECT_EQ(m.allowed[0], http::verb::post);
}

TEST(ApiRoutes, ParametersAreDecodedAndVerbsListedFor405) {
  auto r = table();
  auto m = r.find(http::verb::get, "/v1/messages/42");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params.at("id"), "42");
  m = r.find(http::verb::put, "/v1/messages/42");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.allowed.size(), 2U);
  m = r.find(http::verb::delete_, "/v1/groups/LANET/members/%2B254712345678");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params.at("number"), "+254712345678");
  // A literal '+' in a path stays a '+'.
  m = r.find(http::verb::delete_, "/v1/groups/LANET/members/+254712345678");
  EXPECT_EQ(m.params.at("number"), "+254712345678");
}

TEST(ApiRoutes, UnknownPathsAndEmptySegmentsMatchNothing) {
  auto r = table();
  EXPECT_TRUE(r.find(http::verb::get, "/v1/nothing").allowed.empty());
  EXPECT_TRUE(r.find(http::verb::get, "/v1/messages/").allowed.empty());
  EXPECT_TRUE(r.find(http::verb::get, "").allowed.empty());
  EXPECT_TRUE(r.find(http::verb::get, "/v1/messages/%ZZ").allowed.empty());
}

TEST(ApiUrl, QueryDecoding) {
  auto q = parse_query("state=held&limit=5&x=a%20b+c&flag&=&state=queued");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->at("state"), "queued");  // last wins
  EXPECT_EQ(q->at("limit"), "5");
  EXPECT_EQ(q->at("x"), "a b c");
  EXPECT_EQ(q->at("flag"), "");
  EXPECT_FALSE(parse_query("a=%4"));
  EXPECT_FALSE(parse_query("a=%G1"));
  auto t = split_target("/v1/queue?state=held");
  EXPECT_EQ(t.path, "/v1/queue");
  EXPECT_EQ(t.query, "state=held");
}

config::Config load(const std::string& yaml) {
  auto c = config::load_string(
      "modems:\n  - {name: saf-1, device: /dev/null, operator: safaricom}\n" + yaml);
  if (!c) ADD_FAILURE() << c.error().front().to_string();
  return *c;
}

TEST(ApiAuth, PeerCredentialsMapToClients) {
  auto cfg = load(R"(
services:
  groups: [{name: LANET}, {name: KIAMUNYI}]
api:
  clients:
    - {name: ops, role: admin, uid: 1000}
    - {name: crm, role: sender, gid: 2000, groups: [LANET]}
    - {name: dash, role: reader, uid: 1002, gid: 2000}
)");
  struct Row {
    std::uint32_t uid, gid;
    std::string name;
    Role role;
  } rows[] = {
      {1000, 5, "ops", Role::admin},       // uid match
      {1002, 2000, "dash", Role::reader},  // uid wins over gid
      {1500, 2000, "crm", Role::sender},   // gid match
      {0, 0, "root", Role::admin},         // root unlisted: admin
      {4242, 4242, "self", Role::admin},   // the daemon's own uid
      {1001, 1001, "", Role::anyone},      // nobody: 403 later
  };
  for (const auto& r : rows) {
    auto c = identify_unix(cfg.api, r.uid, r.gid, 4242);
    EXPECT_EQ(c.name, r.name) << r.uid;
    EXPECT_EQ(c.role, r.role) << r.uid;
  }
  EXPECT_TRUE(identify_unix(cfg.api, 1500, 2000, 4242).may_use_group("LANET"));
  EXPECT_FALSE(identify_unix(cfg.api, 1500, 2000, 4242).may_use_group("KIAMUNYI"));
  EXPECT_TRUE(identify_unix(cfg.api, 1000, 1, 4242).may_use_group("KIAMUNYI"));
}

TEST(ApiAuth, BearerTokens) {
  auto cfg = load(R"(
api:
  clients:
    - {name: crm, role: sender, token: 0123456789abcdef0123}
    - {name: dash, role: reader, token: fedcba9876543210fedc}
)");
  EXPECT_EQ(identify_bearer(cfg.api, "Bearer 0123456789abcdef0123").name, "crm");
  EXPECT_EQ(identify_bearer(cfg.api, "bearer fedcba9876543210fedc ").name, "dash");
  auto none = identify_bearer(cfg.api, "");
  EXPECT_EQ(none.role, Role::anyone);
  EXPECT_FALSE(none.token_presented);
  auto wrong = identify_bearer(cfg.api, "Bearer 0123456789abcdef0124");
  EXPECT_EQ(wrong.role, Role::anyone);
  EXPECT_TRUE(wrong.token_presented);
  EXPECT_EQ(identify_bearer(cfg.api, "Basic 0123456789abcdef0123").role, Role::anyone);
  EXPECT_EQ(identify_bearer(cfg.api, "Bearer 0123456789abcdef012").role, Role::anyone);
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", "abcd"));
  EXPECT_FALSE(constant_time_equal("", "a"));
}

TEST(ApiRateLimit, BurstThenRateWithRetryAfter) {
  RateLimiter l(2, 3);  // 2/s, burst 3
  EXPECT_EQ(l.take("a", 0), 0);
  EXPECT_EQ(l.take("a", 0), 0);
  EXPECT_EQ(l.take("a", 0), 0);
  EXPECT_EQ(l.take("a", 0), 1);    // empty: a token in 0.5 s, rounded up to 1 s
  EXPECT_EQ(l.take("b", 0), 0);    // other clients unaffected
  EXPECT_EQ(l.take("a", 500), 0);  // refilled one
  EXPECT_EQ(l.take("a", 500), 1);
  RateLimiter slow(0.1, 1);  // one per 10 s
  EXPECT_EQ(slow.take("a", 0), 0);
  EXPECT_EQ(slow.take("a", 0), 10);
  l.forget_idle(1'000'000);
  EXPECT_EQ(l.size(), 0U);
}

TEST(ApiTime, Rfc3339RoundTripsAndOffsets) {
  EXPECT_EQ(format_time(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(format_time(1795428902123), "2026-11-23T10:15:02.123Z");
  EXPECT_EQ(*parse_time("2026-11-23T10:15:02.123Z"), 1795428902123);
  EXPECT_EQ(*parse_time("2026-11-23T13:15:02.123+03:00"), 1795428902123);  // EAT
  // RFC 3339 5.8 examples.
  EXPECT_EQ(*parse_time("1985-04-12T23:20:50.52Z"), 482196050520);
  EXPECT_EQ(*parse_time("1996-12-19T16:39:57-08:00"), 851042397000);
  EXPECT_EQ(format_time(*parse_time("2024-02-29T23:59:59Z")), "2024-02-29T23:59:59.000Z");
  for (const char* bad :
       {"", "2026-11-23", "2026-11-23T10:15:02", "2026-13-01T00:00:00Z", "2026-11-23T25:00:00Z",
        "2026-11-23T10:15:02.Z", "2026-11-23T10:15:02Zx", "2026-11-23T10:15:02+3:00"})
    EXPECT_FALSE(parse_time(bad)) << bad;
}

TEST(ApiJson, BodiesAndTypedFields) {
  EXPECT_TRUE(parse_json_body("application/json; charset=utf-8", R"({"a":1})"));
  EXPECT_TRUE(parse_json_body("", R"({"a":1})"));
  EXPECT_EQ(parse_json_body("text/plain", "{}").error().code, "bad_request");
  EXPECT_EQ(parse_json_body("application/json", "{\"a\":").error().code, "bad_request");
  EXPECT_EQ(parse_json_body("application/json", "[1]").error().code, "bad_request");
  EXPECT_EQ(parse_json_body("application/json", "").error().code, "bad_request");
  EXPECT_EQ(parse_json_body("application/json", std::string(100000, '[')).error().code,
            "bad_request");
  auto j = nlohmann::json::parse(
      R"({"a":300,"b":"5m","c":"1.5h","d":-1,"e":"x","f":true,"g":"2026-11-23T10:15:02Z"})");
  EXPECT_EQ(**opt_duration(j, "a"), 300000);
  EXPECT_EQ(**opt_duration(j, "b"), 300000);
  EXPECT_EQ(opt_duration(j, "c").error().field, "c");
  EXPECT_EQ(opt_duration(j, "d").error().field, "d");
  EXPECT_EQ(opt_duration(j, "f").error().field, "f");
  EXPECT_FALSE(*opt_duration(j, "zz"));
  EXPECT_EQ(opt_bool(j, "e").error().code, "invalid");
  EXPECT_EQ(**opt_time(j, "g"), 1795428902000);
  EXPECT_EQ(opt_string(j, "a").error().field, "a");
  EXPECT_EQ(opt_string(j, "e", 0).error().field, "e");
  EXPECT_EQ(*query_int(std::nullopt, "limit", 100, 1, 10), 100);
  EXPECT_EQ(*query_int(std::string("7"), "limit", 100, 1, 10), 7);
  EXPECT_EQ(query_int(std::string("70"), "limit", 100, 1, 10).error().field, "limit");
  EXPECT_EQ(query_int(std::string("7x"), "limit", 100, 1, 10).error().field, "limit");
}

TEST(ApiError, BodyShape) {
  auto e = ApiError::invalid("to[2]", "to[2]: too short");
  EXPECT_EQ(error_body(e),
            R"({"error":{"code":"invalid","field":"to[2]","message":"to[2]: too short"}})");
  EXPECT_EQ(ApiError::rate_limited(3).retry_after_s, 3);
  EXPECT_EQ(static_cast<int>(ApiError::header_too_large("x").status), 431);
  auto bad_utf8 = ApiError::bad_request("bad \xff byte");
  EXPECT_NE(error_body(bad_utf8).find("bad"), std::string::npos);  // replaced, no throw
}

}  // namespace
}  // namespace jumbe::api
