// Kannel's side of the Dispatcher with a real store: a message submitted through /cgi-bin/sendsms
// with dlr-mask and dlr-url gets its DLRs called back (the RapidPro status URL shape), and
// inbound messages are forwarded to kannel.forwards with Kannel's escape codes.
#include <gtest/gtest.h>

#include "jumbe/kannel/dlr.hpp"
#include "jumbe/store/sqlite_store.hpp"
#include "jumbe/webhooks/dispatcher.hpp"
#include "test_server.hpp"

namespace jumbe::webhooks::test {
namespace {

using namespace std::chrono_literals;
constexpr store::Millis kNow = 1'795'429'502'000;

template <class T, class F>
T must(F&& start) {
  auto r = store::wait_for<T>(std::forward<F>(start));
  EXPECT_TRUE(r) << (r ? "" : r.error().message);
  return r ? *r : T{};
}

class WebhooksKannel : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::open_sqlite_store({dir_.file("jumbe.db")});
    ASSERT_TRUE(s) << s.error().message;
    store_ = std::move(*s);
    options_.poll = 50ms;
    options_.first_backoff = 10ms;
    options_.kannel_max_backoff = 40ms;
  }
  store::MessageId submit(std::string origin) {
    store::OutboundRequest req;
    req.client = "rapidpro";
    req.recipient = "+254712345678";
    req.text = "Simple Message";
    req.origin = std::move(origin);
    return must<store::EnqueueResult>(
               [&](auto done) { store_->enqueue(req, kNow, std::move(done)); })
        .id;
  }
  void send_and_report(store::MessageId id, int tp_st) {
    store::ClaimRequest c;
    c.modem = "saf-1";
    c.now = kNow;
    auto claimed = must<std::vector<store::ClaimedMessage>>(
        [&](auto done) { store_->claim(c, std::move(done)); });
    ASSERT_EQ(claimed.size(), 1u);
    store::SegmentSent s{id, claimed[0].attempt, 1, "saf-1", 77, kNow + 1000};
    must<store::State>([&](auto done) { store_->segment_sent(s, std::move(done)); });
    store::StatusReport r{"saf-1", 77, "+254712345678", tp_st, std::nullopt, kNow + 5000};
    must<store::ReportMatch>([&](auto done) { store_->apply_status_report(r, std::move(done)); });
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

TEST_F(WebhooksKannel, DlrUrlCalledBackPerMask) {
  TestServer rapidpro(io_, [](const Recorded& r, std::size_t i) -> unsigned {
    return r.target.find("status=8") != std::string::npos && i == 0 ? 500 : 200;  // one retry
  });
  // RapidPro's dlr-url (courier handlers/kannel): ...status?uuid=<msg uuid>&status=%d, mask 27.
  const auto with_dlr =
      submit(kannel::encode_dlr_origin(27, rapidpro.url("/c/kn/ch/status?uuid=m-1&status=%d")));
  const auto ucs_only_success = submit(
      kannel::encode_dlr_origin(1, rapidpro.url("/dlr?id=%I&to=%p&s=%d&a=%A&smsc=%i&mr=%F")));
  const auto plain = submit("kannel");  // no dlr-url: nothing to call
  send_and_report(with_dlr, 0x00);      // sent (8) then delivered (1)
  send_and_report(ucs_only_success, 0x00);
  send_and_report(plain, 0x00);

  config::Config cfg;
  cfg.kannel.enabled = true;
  Dispatcher d(io_.get_executor(), *store_, cfg, options_);
  d.start();
  const auto last = store_->events_after(0, 1000).value().back().id;
  ASSERT_TRUE(run_until(io_, [&] { return store_->cursor("kannel:dlr").value_or(0) == last; }));
  std::vector<std::string> targets;
  for (const auto& r : rapidpro.requests()) {
    EXPECT_EQ(r.method, "GET");
    targets.push_back(r.target);
  }
  EXPECT_EQ(targets, (std::vector<std::string>{
                         "/c/kn/ch/status?uuid=m-1&status=8", "/c/kn/ch/status?uuid=m-1&status=8",
                         "/c/kn/ch/status?uuid=m-1&status=1",
                         "/dlr?id=" + std::to_string(ucs_only_success) +
                             "&to=%2B254712345678&s=1&a=Success&smsc=saf-1&mr=77"}));
  stop(d);
}

TEST_F(WebhooksKannel, InboundForwardedByKeywordWithEscapes) {
  TestServer app(io_, [](const Recorded&, std::size_t) { return 200u; });
  config::Config cfg;
  cfg.services.keywords = config::default_keywords();
  cfg.kannel.forwards = {
      // %r is the words after those %s took (urltrans.c: nextarg).
      {"CASE", app.url("/case?from=%p&id=%s&rest=%r&ts=%T&smsc=%i"), false},
      // RapidPro's receive handler wants POST with id, ts, sender (and message) parameters.
      {"default", app.url("/c/kn/ch/receive?id=%I&ts=%T&sender=%p&message=%b"), true}};
  auto part = [&](std::string text) {
    store::InboundPart p;
    p.modem = "saf-1";
    p.sender = "+254722000111";
    p.text = text;
    p.raw_pdu = p.text;  // distinct PDUs: identical ones are one part read twice
    p.received_at = kNow;
    return must<store::InboundPartResult>(
               [&](auto done) { store_->add_inbound_part(p, std::move(done)); })
        .inbound_id;
  };
  part("case 4821 ni lini?");
  const auto hello = part("Habari, nataka msaada");
  part("REPORT moto sokoni");  // a service keyword: no forward takes it
  Dispatcher d(io_.get_executor(), *store_, cfg, options_);
  d.start();
  ASSERT_TRUE(run_until(io_, [&] { return app.requests().size() >= 2; }));
  run_until(
      io_, [] { return false; }, 200ms);  // nothing more should come
  ASSERT_EQ(app.requests().size(), 2u);
  std::map<std::string, Recorded> by_path;
  for (const auto& r : app.requests())
    by_path[r.target.substr(0, r.target.find('?'))] = r;
  const auto& c = by_path["/case"];
  EXPECT_EQ(c.method, "GET");
  EXPECT_EQ(c.target, "/case?from=%2B254722000111&id=4821&rest=ni+lini%3F&ts=" +
                          std::to_string(kNow / 1000) + "&smsc=saf-1");
  const auto& rp = by_path["/c/kn/ch/receive"];
  EXPECT_EQ(rp.method, "POST");
  EXPECT_EQ(rp.target, "/c/kn/ch/receive?id=" + std::to_string(hello) +
                           "&ts=" + std::to_string(kNow / 1000) +
                           "&sender=%2B254722000111&message=Habari%2C+nataka+msaada");
  EXPECT_EQ(rp.body, "Habari, nataka msaada");
  EXPECT_EQ(rp.header("x-kannel-from"), "+254722000111");
  stop(d);
}

}  // namespace
}  // namespace jumbe::webhooks::test
