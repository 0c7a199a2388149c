// https:// webhooks: the server's certificate is verified (CA and host name). A throw-away CA
// certificate for "localhost" is made with the openssl command line in a temporary directory.
#include <gtest/gtest.h>

#include <boost/asio/ssl/context.hpp>
#include <cstdlib>

#include "jumbe/store/sqlite_store.hpp"
#include "jumbe/webhooks/dispatcher.hpp"
#include "test_server.hpp"

namespace jumbe::webhooks::test {
namespace {

using namespace std::chrono_literals;

class WebhooksHttps : public ::testing::Test {
 protected:
  void SetUp() override {
    cert_ = dir_.file("cert.pem");
    key_ = dir_.file("key.pem");
    const std::string cmd =
        "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost "
        "-addext subjectAltName=DNS:localhost -keyout " +
        key_ + " -out " + cert_ + " >/dev/null 2>&1";
    if (std::system(cmd.c_str()) != 0) GTEST_SKIP() << "openssl command not available";
    server_tls_.use_certificate_chain_file(cert_);
    server_tls_.use_private_key_file(key_, boost::asio::ssl::context::pem);
    auto s = store::open_sqlite_store({dir_.file("jumbe.db")});
    ASSERT_TRUE(s) << s.error().message;
    store_ = std::move(*s);
    auto e = store::wait_for<store::EventId>([&](auto done) {
      store_->append_event(store::EventKind::modem_health, 0, "saf-1 ready", 1, std::move(done));
    });
    ASSERT_TRUE(e);
    event_ = *e;
  }
  config::Config config_for(const std::string& url) {
    config::WebhookConfig h;
    h.name = "tls";
    h.url = url;
    h.events = {config::EventKind::modem};
    h.timeout = 10s;
    h.max_attempts = 1;
    h.max_backoff = 10ms;
    config::Config cfg;
    cfg.webhooks.push_back(h);
    return cfg;
  }
  void stop(Dispatcher& d) {
    bool stopped = false;
    d.stop([&] { stopped = true; });
    ASSERT_TRUE(run_until(io_, [&] { return stopped; }));
  }

  TempDir dir_;
  std::string cert_, key_;
  boost::asio::ssl::context server_tls_{boost::asio::ssl::context::tls_server};
  // The loop outlives the store: the store's writer thread posts cursor completions to it.
  boost::asio::io_context io_;
  std::unique_ptr<store::Store> store_;
  store::EventId event_ = 0;
};

TEST_F(WebhooksHttps, TrustedCertificateDelivers) {
  TestServer server(
      io_, [](const Recorded&, std::size_t) { return 200u; }, &server_tls_);
  DispatcherOptions opts;
  opts.extra_ca_file = cert_;
  Dispatcher d(io_.get_executor(), *store_,
               config_for("https://localhost:" + std::to_string(server.port()) + "/hook"), opts);
  d.start();
  ASSERT_TRUE(run_until(io_, [&] { return store_->cursor("webhook:tls").value_or(0) == event_; }));
  ASSERT_EQ(server.requests().size(), 1u);
  EXPECT_EQ(server.requests()[0].target, "/hook");
  EXPECT_EQ(d.stats("webhook:tls").delivered, 1u);
  stop(d);
}

TEST_F(WebhooksHttps, UntrustedCertificateIsRefused) {
  TestServer server(
      io_, [](const Recorded&, std::size_t) { return 200u; }, &server_tls_);
  Dispatcher d(io_.get_executor(), *store_,
               config_for("https://localhost:" + std::to_string(server.port()) + "/hook"), {});
  d.start();
  ASSERT_TRUE(run_until(io_, [&] { return d.stats("webhook:tls").given_up == 1; }));
  EXPECT_TRUE(server.requests().empty());  // nothing was sent to an unverified server
  stop(d);
}

TEST_F(WebhooksHttps, WrongHostNameIsRefused) {
  TestServer server(
      io_, [](const Recorded&, std::size_t) { return 200u; }, &server_tls_);
  DispatcherOptions opts;
  opts.extra_ca_file = cert_;
  // The certificate names localhost only; the same server reached as 127.0.0.1 must not pass.
  Dispatcher d(io_.get_executor(), *store_,
               config_for("https://127.0.0.1:" + std::to_string(server.port()) + "/hook"), opts);
  d.start();
  ASSERT_TRUE(run_until(io_, [&] { return d.stats("webhook:tls").given_up == 1; }));
  EXPECT_TRUE(server.requests().empty());
  stop(d);
}

}  // namespace
}  // namespace jumbe::webhooks::test
