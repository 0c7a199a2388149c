// The Dispatcher against scripted local HTTP servers and a real SqliteStore: retries with
// backoff, order kept, cursor moved only after a 2xx, verifiable signatures, giving up after
// max_attempts, resuming after a restart, and a dead endpoint that does not hold up another.
#include "jumbe/webhooks/dispatcher.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "jumbe/store/sqlite_store.hpp"
#include "jumbe/webhooks/signature.hpp"
#include "test_server.hpp"

namespace jumbe::webhooks::test {
namespace {

using namespace std::chrono_literals;
constexpr store::Millis kNow = 1'795'429'502'000;

class WebhooksDispatcher : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::open_sqlite_store({dir_.file("jumbe.db")});
    ASSERT_TRUE(s) << s.error().message;
    store_ = std::move(*s);
    options_.poll = 50ms;
    options_.first_backoff = 10ms;
  }
  store::EventId append(store::EventKind kind, std::int64_t subject, std::string detail) {
    auto r = store::wait_for<store::EventId>([&](auto done) {
      store_->append_event(kind, subject, std::move(detail), kNow, std::move(done));
    });
    EXPECT_TRUE(r);
    return r.value_or(0);
  }
  store::EventId cursor(const std::string& name) { return store_->cursor(name).value_or(-1); }
  config::WebhookConfig hook(std::string name, std::string url) {
    config::WebhookConfig h;
    h.name = std::move(name);
    h.url = std::move(url);
    h.events = {config::EventKind::inbound, config::EventKind::state, config::EventKind::delivery,
                config::EventKind::modem,   config::EventKind::ussd,  config::EventKind::broadcast};
    h.timeout = 5s;
    h.max_attempts = 20;
    h.max_backoff = 40ms;
    return h;
  }
  void stop(Dispatcher& d) {
    bool stopped = false;
    d.stop([&] { stopped = true; });
    ASSERT_TRUE(run_until(io_, [&] { return stopped; }));
  }

  TempDir dir_;
  // The loop outlives the store: the store's writer thread posts cursor completions to it.
  boost::asio::io_context io_;
  std::unique_ptr<store::Store> store_;
  DispatcherOptions options_;
};

TEST_F(WebhooksDispatcher, RetriesInOrderAndMovesTheCursorOnlyAfterSuccess) {
  const auto e1 = append(store::EventKind::modem_health, 0, "saf-1 ready");
  const auto e2 = append(store::EventKind::modem_health, 0, "air-1 ready");
  const auto e3 = append(store::EventKind::modem_health, 0, "saf-1 lost network");
  std::vector<store::EventId> cursor_at_failure;
  TestServer server(io_, [&](const Recorded&, std::size_t i) -> unsigned {
    if (i < 3) {  // the first three attempts fail: all of them for event 1
      cursor_at_failure.push_back(cursor("webhook:cases"));
      return 500;
    }
    return 200;
  });
  config::Config cfg;
  cfg.webhooks.push_back(hook("cases", server.url("/hook")));
  Dispatcher d(io_.get_executor(), *store_, cfg, options_);
  d.start();
  ASSERT_TRUE(run_until(io_, [&] { return cursor("webhook:cases") == e3; }));

  const auto& reqs = server.requests();
  ASSERT_EQ(reqs.size(), 6u);  // 3 failures + 3 successes: nothing sent twice after a 2xx
  std::vector<std::string> ids;
  for (const auto& r : reqs)
    ids.push_back(r.header("x-jumbe-event-id"));
  const auto s1 = std::to_string(e1), s2 = std::to_string(e2), s3 = std::to_string(e3);
  EXPECT_EQ(ids, (std::vector<std::string>{s1, s1, s1, s1, s2, s3}));
  for (auto c : cursor_at_failure)
    EXPECT_LT(c, e1);  // never past a failing event
  EXPECT_EQ(d.stats("webhook:cases").delivered, 3u);
  EXPECT_EQ(d.stats("webhook:cases").failures, 3u);
  stop(d);
}

TEST_F(WebhooksDispatcher, SignatureVerifiesAndBodyIsTheEventJson) {
  const auto e = append(store::EventKind::ussd, 0, "saf-1: Salio lako ni KSh 52.00");
  TestServer server(io_, [](const Recorded&, std::size_t) { return 204u; });
  config::Config cfg;
  auto h = hook("cases", server.url("/in?src=jumbe"));
  h.secret = config::Secret("a-long-shared-secret", "inline");
  cfg.webhooks.push_back(h);
  Dispatcher d(io_.get_executor(), *store_, cfg, options_);
  d.start();
  ASSERT_TRUE(run_until(io_, [&] { return !server.requests().empty(); }));
  const auto& r = server.requests().front();
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.target, "/in?src=jumbe");
  // What a receiver does: recompute the HMAC of the raw body with the shared secret.
  EXPECT_EQ(r.header("x-jumbe-signature"),
            "sha256=" + hmac_sha256_hex("a-long-shared-secret", r.body));
  EXPECT_EQ(r.header("x-jumbe-event"), "ussd");
  EXPECT_EQ(r.header("content-type"), "application/json; charset=utf-8");
  const auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["id"], e);
  EXPECT_EQ(j["kind"], "ussd");
  EXPECT_EQ(j["detail"], "saf-1: Salio lako ni KSh 52.00");
  stop(d);
}

TEST_F(WebhooksDispatcher, OnlyWantedKindsAreSentButTheCursorPassesTheRest) {
  append(store::EventKind::modem_health, 0, "a");
  const auto u = append(store::EventKind::ussd, 0, "b");
  const auto last = append(store::EventKind::modem_health, 0, "c");
  TestServer server(io_, [](const Recorded&, std::size_t) { return 200u; });
  config::Config cfg;
  auto h = hook("ussd-only", server.url("/u"));
  h.events = {config::EventKind::ussd};
  cfg.webhooks.push_back(h);
  Dispatcher d(io_.get_executor(), *store_, cfg, options_);
  d.start();
  ASSERT_TRUE(run_until(io_, [&] { return cursor("webhook:ussd-only") == last; }));
  ASSERT_EQ(server.requests().size(), 1u);
  EXPECT_EQ(server.requests()[0].header("x-jumbe-event-id"), std::to_string(u));
  stop(d);
}

TEST_F(WebhooksDispatcher, GivesUpAfterMaxAttemptsAndGoesOn) {
  append(store::EventKind::modem_health, 0, "a");
  const auto last = append(store::EventKind::modem_health, 0, "b");
  TestServer server(io_, [](const Recorded&, std::size_t) { return 503u; });
  config::Config cfg;
  auto h = hook("down", server.url("/x"));
  h.max_attempts = 2;
  cfg.webhooks.push_back(h);
  Dispatcher d(io_.get_executor(), *store_, cfg, options_);
  d.start();
  ASSERT_TRUE(run_until(io_, [&] { return cursor("webhook:down") == last; }));
  EXPECT_EQ(server.requests().size(), 4u);  // 2 attempts for each of 2 events
  EXPECT_EQ(d.stats("webhook:down").given_up, 2u);
  stop(d);
}

TEST_F(WebhooksDispatcher, NotifyWakesAndARestartResumesFromTheCursor) {
  const auto e1 = append(store::EventKind::modem_health, 0, "a");
  TestServer server(io_, [](const Recorded&, std::size_t) { return 200u; });
  config::Config cfg;
  cfg.webhooks.push_back(hook("cases", server.url("/h")));
  options_.poll = 1h;  // only notify() can wake it now
  {
    Dispatcher d(io_.get_executor(), *store_, cfg, options_);
    d.start();
    ASSERT_TRUE(run_until(io_, [&] { return cursor("webhook:cases") == e1; }));
    const auto e2 = append(store::EventKind::modem_health, 0, "b");
    d.notify();
    ASSERT_TRUE(run_until(io_, [&] { return cursor("webhook:cases") == e2; }));
    stop(d);
  }
  ASSERT_EQ(server.requests().size(), 2u);
  const auto e3 = append(store::EventKind::modem_health, 0, "c");  // while jumbed is down
  Dispatcher again(io_.get_executor(), *store_, cfg, options_);
  again.start();
  ASSERT_TRUE(run_until(io_, [&] { return cursor("webhook:cases") == e3; }));
  ASSERT_EQ(server.requests().size(), 3u);  // only the new one: nothing resent
  EXPECT_EQ(server.requests()[2].header("x-jumbe-event-id"), std::to_string(e3));
  stop(again);
}

TEST_F(WebhooksDispatcher, ADeadEndpointDoesNotDelayAnotherWebhook) {
  std::vector<store::EventId> ids;
  for (int i = 0; i < 5; ++i)
    ids.push_back(append(store::EventKind::modem_health, 0, "x"));
  TestServer dead(io_, [](const Recorded&, std::size_t) { return 0u; });  // connects, never answers
  TestServer alive(io_, [](const Recorded&, std::size_t) { return 200u; });
  config::Config cfg;
  auto slow = hook("dead", dead.url("/never"));
  slow.timeout = 30s;
  cfg.webhooks.push_back(slow);
  cfg.webhooks.push_back(hook("alive", alive.url("/ok")));
  Dispatcher d(io_.get_executor(), *store_, cfg, options_);
  d.start();
  ASSERT_TRUE(run_until(io_, [&] { return cursor("webhook:alive") == ids.back(); }));
  EXPECT_EQ(alive.requests().size(), 5u);
  EXPECT_LE(dead.requests().size(), 1u);  // still waiting on its first event
  EXPECT_EQ(cursor("webhook:dead"), 0);
  stop(d);  // aborts the hanging request at once; the event is resent at the next start
  EXPECT_EQ(cursor("webhook:dead"), 0);
}

TEST_F(WebhooksDispatcher, ReloadAddsAndRemovesLanes) {
  TestServer server(io_, [](const Recorded&, std::size_t) { return 200u; });
  config::Config cfg;
  cfg.webhooks.push_back(hook("a", server.url("/a")));
  Dispatcher d(io_.get_executor(), *store_, cfg, options_);
  d.start();
  EXPECT_EQ(d.lanes(), std::vector<std::string>{"webhook:a"});
  cfg.webhooks = {hook("b", server.url("/b"))};
  d.reload(cfg);
  EXPECT_EQ(d.lanes(), std::vector<std::string>{"webhook:b"});
  const auto e = append(store::EventKind::modem_health, 0, "x");
  d.notify();
  ASSERT_TRUE(run_until(io_, [&] { return cursor("webhook:b") == e; }));
  for (const auto& r : server.requests())
    EXPECT_EQ(r.target, "/b");
  stop(d);
}

}  // namespace
}  // namespace jumbe::webhooks::test
