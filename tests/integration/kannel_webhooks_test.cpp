// Kannel compatibility and webhooks on a real jumbed + jumbe-sim (suites JumbedKannel*,
// JumbedWebhooks*): the exact requests RapidPro's Kannel channel sends (nyaruka/courier
// handlers/kannel) reach the simulated modem and get Kannel's replies; delivery reports come back
// on the dlr-url with Kannel's %d values; inbound messages are forwarded with Kannel's escapes; a
// signed webhook reaches a receiver that fails at first. The receiver is a local HTTP server run
// on this thread's io_context while the test waits (tests/daemon/webhooks/test_server.hpp).
#include <gtest/gtest.h>

#include "jumbe/webhooks/signature.hpp"
#include "raw_http.hpp"
#include "test_server.hpp"

using namespace jumbe::testing;
using namespace std::chrono_literals;
using jumbe::webhooks::test::Recorded;
using jumbe::webhooks::test::run_until;
using jumbe::webhooks::test::TestServer;
using nlohmann::json;

namespace {

constexpr const char* kSecret = "kaunti-ya-nakuru-webhook-key";

// jumbed with a TCP listener, a Kannel user for RapidPro, a default forward and a webhook, the
// URLs pointing at `receiver`.
struct KannelGateway {
  KannelGateway(const TestServer& receiver, int port)
      : t("  tcp:\n    host: 127.0.0.1\n    port: " + std::to_string(port) +
              "\n  clients:\n    - {name: rapidpro, role: sender}\n"
              "    - {name: reports, role: reader}\n",
          "kannel:\n  enabled: true\n  users:\n"
          "    - {username: Username, password: Password, client: rapidpro}\n"
          "    - {username: readonly, password: Password, client: reports}\n"
          "  forwards:\n    - keyword: default\n      url: \"" +
              receiver.url("/kannel/receive?sender=%p&text=%a") +
              "\"\n"
              "webhooks:\n  - name: cases\n    url: \"" +
              receiver.url("/hooks/cases") + "\"\n    events: [inbound]\n    secret: \"" + kSecret +
              "\"\n    max_backoff: 2s\n"),
        port_(port) {}
  Resp get(const std::string& target) {
    return Conn::tcp(port_).request("GET", target, {}, "Connection: close\r\n");
  }
  ApiDaemon t;
  int port_;
};

std::size_t count_prefix(const std::vector<Recorded>& rs, const std::string& prefix) {
  std::size_t n = 0;
  for (const auto& r : rs)
    n += r.target.rfind(prefix, 0) == 0 ? 1 : 0;
  return n;
}

const Recorded* last_with(const std::vector<Recorded>& rs, const std::string& needle) {
  for (auto it = rs.rbegin(); it != rs.rend(); ++it)
    if (it->target.find(needle) != std::string::npos) return &*it;
  return nullptr;
}

// courier's "Plain Send": GET with the dlr-url RapidPro builds (only %d is expanded).
std::string rapidpro_plain_send(const TestServer& rx, const std::string& to,
                                const std::string& text_form_encoded) {
  std::string dlr = rx.url("/c/kn/8eb23e93/status?uuid=0191e180&status=%d");
  std::string enc;
  for (unsigned char c : dlr) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_') {
      enc += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      enc += buf;
    }
  }
  return "/cgi-bin/sendsms?dlr-mask=27&dlr-url=" + enc +
         "&from=2020&password=Password&text=" + text_form_encoded + "&to=" + to +
         "&username=Username";
}

TEST(JumbedKannel, RapidProSendIsAcceptedSentAndReportedOnItsDlrUrl) {
  boost::asio::io_context io;
  // The DLR receiver refuses the first callback (a RapidPro restart): it must come again.
  TestServer rx(io, [](const Recorded&, std::size_t i) { return i == 0 ? 503U : 200U; });
  KannelGateway g(rx, free_tcp_port());
  g.t.start();

  auto r = g.get(rapidpro_plain_send(rx, "%2B254712000111", "Simple+Message"));
  ASSERT_EQ(r.status, 202) << r.body << g.t.d.log();
  EXPECT_EQ(r.body, "0: Accepted for delivery");
  EXPECT_EQ(r.headers["content-type"], "text/html");

  ASSERT_TRUE(Jumbed::wait([&] { return !g.t.d.sent(0).empty(); }, 30s)) << g.t.d.log();
  const auto sent = g.t.d.sent(0);
  ASSERT_EQ(sent.size(), 1U);
  EXPECT_EQ(sent[0]["text"], "Simple Message");
  EXPECT_EQ(sent[0]["to"], "+254712000111");
  EXPECT_EQ(sent[0]["srr"], true) << "dlr-mask asks for delivery reports";

  // Sent to the SMSC: Kannel's %d = 8, after one refused attempt.
  ASSERT_TRUE(run_until(
      io, [&] { return last_with(rx.requests(), "status=8") && rx.requests().size() >= 2; }, 30s))
      << g.t.d.log();
  EXPECT_EQ(rx.requests().front().target, rx.requests()[1].target) << "the refused one again";
  EXPECT_EQ(rx.requests().front().target, "/c/kn/8eb23e93/status?uuid=0191e180&status=8");

  // The handset got it: the network's status report becomes %d = 1.
  g.t.sim.request({{"cmd", "status_report"}, {"mr", sent[0]["mr"]}, {"status", 0}});
  ASSERT_TRUE(run_until(
      io, [&] { return last_with(rx.requests(), "status=1") != nullptr; }, 30s))
      << g.t.d.log();
}

TEST(JumbedKannel, UnicodeAndRefusalsGetKannelsReplies) {
  boost::asio::io_context io;
  TestServer rx(io, [](const Recorded&, std::size_t) { return 200U; });
  KannelGateway g(rx, free_tcp_port());
  g.t.start();

  // courier today: coding=2&charset=utf8 with UTF-8 text.
  auto u = g.get(
      "/cgi-bin/sendsms?charset=utf8&coding=2&from=2020&password=Password&"
      "text=Habari+%F0%9F%98%80&to=%2B254712000222&username=Username");
  ASSERT_EQ(u.status, 202) << u.body;
  ASSERT_TRUE(Jumbed::wait([&] { return !g.t.d.sent(0).empty(); }, 30s)) << g.t.d.log();
  EXPECT_EQ(g.t.d.sent(0)[0]["text"], "Habari \xF0\x9F\x98\x80");
  EXPECT_EQ(g.t.d.sent(0)[0]["encoding"], "ucs2");

  auto wrong = g.get("/cgi-bin/sendsms?username=Username&password=nope&to=0712000111&text=x");
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(wrong.body, "Authorization failed for sendsms");
  // A Kannel user whose API client may only read is refused the same way.
  auto reader = g.get("/cgi-bin/sendsms?username=readonly&password=Password&to=0712000111&text=x");
  EXPECT_EQ(reader.status, 403);
  EXPECT_EQ(reader.body, "Authorization failed for sendsms");
  auto no_to = g.get("/cgi-bin/sendsms?username=Username&password=Password&text=x");
  EXPECT_EQ(no_to.status, 400) << no_to.body;
  // A number no modem can reach is Kannel's "Not routable", and nothing is queued for it.
  auto bad = g.get("/cgi-bin/sendsms?username=Username&password=Password&to=12&text=x");
  EXPECT_EQ(bad.status, 403) << bad.body;
  EXPECT_EQ(bad.body, "Not routable. Do not try again.");
  // A form POST (Kannel accepts the same parameters in the body).
  const std::string form = "username=Username&password=Password&to=0712000333&text=kwa+POST";
  auto post = Conn::tcp(g.port_).request(
      "POST", "/cgi-bin/sendsms", {},
      "Connection: close\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
          std::to_string(form.size()) + "\r\n\r\n" + form);
  EXPECT_EQ(post.status, 202) << post.body;
  ASSERT_TRUE(Jumbed::wait([&] { return g.t.d.sent(0).size() >= 2; }, 30s)) << g.t.d.log();
  EXPECT_EQ(g.t.d.sent(0)[1]["text"], "kwa POST");
  EXPECT_EQ(g.t.d.sent(0).size(), 2U);
}

TEST(JumbedWebhooks, InboundForwardedKannelStyleAndSignedWebhookRetried) {
  boost::asio::io_context io;
  // Both receivers fail at first (500 for the webhook, a refused forward too) and then accept.
  std::size_t hooks_seen = 0, forwards_seen = 0;
  TestServer rx(io, [&](const Recorded& r, std::size_t) {
    if (r.target.rfind("/hooks/", 0) == 0) return hooks_seen++ == 0 ? 500U : 200U;
    return forwards_seen++ == 0 ? 502U : 200U;
  });
  KannelGateway g(rx, free_tcp_port());
  g.t.start();

  g.t.sim.request(
      {{"cmd", "deliver"}, {"from", "+254722000111"}, {"text", "MAJI imekatika Lanet"}});
  ASSERT_TRUE(run_until(
      io,
      [&] {
        return count_prefix(rx.requests(), "/hooks/cases") >= 2 &&
               count_prefix(rx.requests(), "/kannel/receive") >= 2;
      },
      40s))
      << g.t.d.log();

  const auto* fwd = last_with(rx.requests(), "/kannel/receive");
  ASSERT_NE(fwd, nullptr);
  EXPECT_EQ(fwd->method, "GET");
  EXPECT_EQ(fwd->target, "/kannel/receive?sender=%2B254722000111&text=MAJI+imekatika+Lanet")
      << fwd->target;

  const auto* hook = last_with(rx.requests(), "/hooks/cases");
  ASSERT_NE(hook, nullptr);
  EXPECT_EQ(hook->method, "POST");
  const auto body = json::parse(hook->body, nullptr, false);
  EXPECT_EQ(body["kind"], "inbound") << hook->body;
  EXPECT_EQ(body["from"], "+254722000111") << hook->body;
  EXPECT_EQ(body["text"], "MAJI imekatika Lanet") << hook->body;
  EXPECT_EQ(hook->header("x-jumbe-event"), "inbound");
  EXPECT_EQ(hook->header("x-jumbe-signature"),
            jumbe::webhooks::signature_value(kSecret, hook->body))
      << "the receiver can verify the sender";
  // Both attempts carried the same event id, so the receiver can drop a duplicate.
  EXPECT_EQ(rx.requests().size(), 4U);
  EXPECT_EQ(hook->header("x-jumbe-event-id"), std::to_string(body["id"].get<long>()));
}

}  // namespace
