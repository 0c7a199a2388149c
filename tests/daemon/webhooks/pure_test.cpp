// The pure parts of jumbe::webhooks: URL splitting, backoff, the HMAC signature (RFC 4231 test
// vectors), and which deliveries events turn into.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "jumbe/events/event_json.hpp"
#include "jumbe/webhooks/backoff.hpp"
#include "jumbe/webhooks/deliveries.hpp"
#include "jumbe/webhooks/signature.hpp"
#include "jumbe/webhooks/url.hpp"

namespace jumbe::webhooks {
namespace {

using namespace std::chrono_literals;

TEST(WebhooksUrl, SplitsAndRefuses) {
  EXPECT_EQ(parse_url("http://127.0.0.1:8000/receive?x=1"),
            (Url{false, "127.0.0.1", "8000", "/receive?x=1"}));
  EXPECT_EQ(parse_url("HTTPS://cases.county.go.ke"), (Url{true, "cases.county.go.ke", "443", "/"}));
  EXPECT_EQ(parse_url("http://[::1]:9/h#frag"), (Url{false, "::1", "9", "/h"}));
  EXPECT_EQ(parse_url("http://host?q=1"), (Url{false, "host", "80", "/?q=1"}));
  for (const char* bad : {"ftp://x/", "http://", "http://:80/", "http://a:0/", "http://a:99999/",
                          "http://u:p@host/", "http://a b/", "http://[::1/"})
    EXPECT_FALSE(parse_url(bad)) << bad;
}

TEST(WebhooksBackoff, DoublesCapsAndHonoursRetryAfter) {
  EXPECT_EQ(backoff(1, 1s, 10min), 1s);
  EXPECT_EQ(backoff(2, 1s, 10min), 2s);
  EXPECT_EQ(backoff(5, 1s, 10min), 16s);
  EXPECT_EQ(backoff(40, 1s, 10min), 10min);  // no overflow after many failures
  EXPECT_EQ(backoff(1, 1s, 10min, 30s), 30s);
  EXPECT_EQ(backoff(1, 1s, 10min, 24h), 10min);  // a server cannot park us for a day
  EXPECT_EQ(backoff(0, 1s, 10min), 1s);
}

TEST(WebhooksSignature, Rfc4231Vectors) {
  // RFC 4231 4.3 (test case 2) and 4.2 (test case 1: key 20 x 0x0b, "Hi There").
  EXPECT_EQ(hmac_sha256_hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(hmac_sha256_hex(std::string(20, '\x0b'), "Hi There"),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  EXPECT_EQ(signature_value("Jefe", "what do ya want for nothing?").substr(0, 11), "sha256=5bdc");
}

TEST(WebhooksDeliveries, WebhookHeadersAndFilter) {
  config::WebhookConfig hook;
  hook.name = "cases";
  hook.url = "https://cases.example/hook";
  hook.events = {config::EventKind::inbound, config::EventKind::delivery};
  hook.secret = config::Secret("k3y", "inline");
  EXPECT_TRUE(webhook_wants(hook, store::EventKind::inbound));
  EXPECT_TRUE(webhook_wants(hook, store::EventKind::delivery_report));
  EXPECT_FALSE(webhook_wants(hook, store::EventKind::state_changed));
  store::Event e;
  e.id = 42;
  e.kind = store::EventKind::inbound;
  const auto d = webhook_delivery(hook, e, R"({"id":42})");
  EXPECT_EQ(d.method, "POST");
  EXPECT_EQ(d.url, hook.url);
  auto header = [&](std::string_view n) {
    for (const auto& [k, v] : d.headers)
      if (k == n) return v;
    return std::string("<none>");
  };
  EXPECT_EQ(header("X-Jumbe-Event-Id"), "42");
  EXPECT_EQ(header("X-Jumbe-Event"), "inbound");
  EXPECT_EQ(header("X-Jumbe-Signature"), "sha256=" + hmac_sha256_hex("k3y", R"({"id":42})"));
  hook.secret = {};
  EXPECT_EQ(webhook_delivery(hook, e, "{}").headers.size(), 4u);  // no signature without secret
}

TEST(WebhooksDeliveries, DefaultEventBody) {
  store::Event e;
  e.id = 7;
  e.at = 1'795'429'502'123;
  e.kind = store::EventKind::inbound;
  e.subject_id = 3;
  e.state = 1;
  e.detail = "complete";
  store::InboundMessage in;
  in.sender = "+254712345678";
  in.text = "REPORT moto";
  in.modem = "saf-1";
  auto j = nlohmann::json::parse(events::event_json_line(e, {in, std::nullopt}));
  EXPECT_EQ(j["id"], 7);
  EXPECT_EQ(j["at"], "2026-11-23T10:25:02.123Z");
  EXPECT_EQ(j["kind"], "inbound");
  EXPECT_EQ(j["subject"], 3);
  EXPECT_EQ(j["state"], "complete");
  EXPECT_EQ(j["from"], "+254712345678");
  EXPECT_EQ(j["text"], "REPORT moto");
  EXPECT_EQ(j["modem"], "saf-1");
  in.text = std::string("bad \xFF utf8");  // never throws on a modem's broken text
  const auto broken = nlohmann::json::parse(events::event_json_line(e, {in, std::nullopt}));
  EXPECT_EQ(broken["text"], "bad \xEF\xBF\xBD utf8");
}

TEST(WebhooksDeliveries, ForwardKeywordsAndDefault) {
  config::Config cfg;
  cfg.services.keywords = config::default_keywords();
  cfg.kannel.forwards = {{"STATUS", "http://a/s?n=%s", false},
                         {"default", "http://a/d?m=%a", true}};
  const auto& status = cfg.kannel.forwards[0];
  const auto& dflt = cfg.kannel.forwards[1];
  const auto claimed_s = claimed_keywords(cfg, status);
  const auto claimed_d = claimed_keywords(cfg, dflt);
  EXPECT_TRUE(forward_matches(status, "status 4821", claimed_s));
  EXPECT_FALSE(forward_matches(status, "REPORT x", claimed_s));
  EXPECT_TRUE(forward_matches(dflt, "Habari yako", claimed_d));
  EXPECT_FALSE(forward_matches(dflt, "STATUS 4821", claimed_d));  // another forward's
  EXPECT_FALSE(forward_matches(dflt, "join lanet", claimed_d));   // a service keyword
  store::InboundMessage m;
  m.id = 9;
  m.sender = "+254712345678";
  m.modem = "saf-1";
  m.text = "Habari yako";
  const auto get = forward_delivery(status, m, 1'795'429'502'000);
  EXPECT_EQ(get.method, "GET");
  EXPECT_EQ(get.url, "http://a/s?n=yako");
  const auto post = forward_delivery(dflt, m, 1'795'429'502'000);
  EXPECT_EQ(post.method, "POST");
  EXPECT_EQ(post.url, "http://a/d?m=Habari+yako");
  EXPECT_EQ(post.body, "Habari yako");
  bool from = false;
  for (const auto& [k, v] : post.headers)
    from |= k == "X-Kannel-From" && v == "+254712345678";
  EXPECT_TRUE(from);
}

}  // namespace
}  // namespace jumbe::webhooks
