// Outbound lifecycle: enqueue and read back, idempotency per client, input errors, the state
// machine queued -> sending -> sent -> delivered | failed | expired | cancelled, retry classes,
// and completions delivered on an Asio executor.
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <thread>

#include "jumbe/store/asio_completion.hpp"
#include "test_support.hpp"

namespace jumbe::store::test {
namespace {

class StoreOutbound : public ::testing::Test {
 protected:
  TempDir dir;
  std::unique_ptr<Store> store = open_or_die(dir.file("q.db"));
  Sync s{*store};
};

TEST_F(StoreOutbound, EnqueuedMessageReadsBackQueued) {
  auto r = s.enqueue(text_to("+254712345678", "Asante. Ripoti yako ni KE-4821."));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_FALSE(r->duplicate);
  auto m = store->message(r->id);
  ASSERT_TRUE(m) << m.error().message;
  EXPECT_EQ(m->state, State::queued);
  EXPECT_EQ(m->recipient, "+254712345678");
  EXPECT_EQ(m->text, "Asante. Ripoti yako ni KE-4821.");
  EXPECT_EQ(m->created_at, kT0);
  EXPECT_FALSE(m->uncertain);
}

TEST_F(StoreOutbound, RetriedRequestWithSameKeyReturnsFirstMessage) {
  auto req = text_to("+254712345678", "Code 123456", Priority::high);
  req.idempotency_key = "ecitizen-otp-1";
  auto a = s.enqueue(req);
  auto b = s.enqueue(req);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->id, b->id);
  EXPECT_TRUE(b->duplicate);
  EXPECT_EQ(*store->count_in_state(State::queued), 1);
  // The same key from another client is another message.
  req.client = "other";
  auto c = s.enqueue(req);
  ASSERT_TRUE(c);
  EXPECT_NE(c->id, a->id);
}

TEST_F(StoreOutbound, BadRequestsAreRefusedWithTheReason) {
  auto r = s.enqueue(text_to("0712345678", "hi"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::invalid_argument);
  EXPECT_NE(r.error().message.find("0712345678"), std::string::npos);
  auto req = text_to("+254712345678", "hi");
  req.segments = 0;
  EXPECT_EQ(s.enqueue(req).error().code, ErrorCode::invalid_argument);
  req.segments = 1;
  req.valid_until = kT0 - 1;
  EXPECT_EQ(s.enqueue(req).error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(s.enqueue(text_to("+254712345678", "")).error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(*store->count_in_state(State::queued), 0);
}

TEST_F(StoreOutbound, TwoSegmentMessageBecomesSentThenDelivered) {
  auto req = text_to("+254712345678", std::string(200, 'a'));
  req.segments = 2;
  auto id = s.enqueue(req)->id;
  auto claimed = s.claim("saf-1", 10);
  ASSERT_TRUE(claimed);
  ASSERT_EQ(claimed->size(), 1u);
  EXPECT_EQ((*claimed)[0].attempt, 1);
  EXPECT_EQ(store->message(id)->state, State::sending);
  EXPECT_EQ(*s.sent(id, 1, 1, "saf-1", 17), State::sending);  // one segment of two
  EXPECT_EQ(*s.sent(id, 1, 2, "saf-1", 18), State::sent);
  StatusReport rep{"saf-1", 17, "+254712345678", 0x00, kT0, kT0 + kMin};
  EXPECT_EQ(s.report(rep)->state, State::sent);  // segment 2 not reported yet
  rep.tp_mr = 18;
  auto last = s.report(rep);
  ASSERT_TRUE(last);
  EXPECT_TRUE(last->matched);
  EXPECT_EQ(last->state, State::delivered);
  auto m = store->message(id);
  ASSERT_EQ(m->segment_log.size(), 2u);
  EXPECT_EQ(m->segment_log[1].tp_mr, 18);
  EXPECT_EQ(m->segment_log[1].report_status, 0);
}

TEST_F(StoreOutbound, RetryHereWaitsAndRetryElsewhereAvoidsTheModem) {
  auto id = s.enqueue(text_to("+254712345678", "hello"))->id;
  ASSERT_EQ(s.claim("saf-1", 1)->size(), 1u);
  EXPECT_EQ(*s.failed(id, "saf-1", ErrorClass::retry_here), State::queued);
  EXPECT_TRUE(s.claim("saf-1", 1, kT0 + 1000)->empty()) << "backoff not honoured";
  ASSERT_EQ(s.claim("saf-1", 1, kT0 + kMin)->size(), 1u);
  EXPECT_EQ(*s.failed(id, "saf-1", ErrorClass::retry_elsewhere, kT0 + kMin), State::queued);
  EXPECT_TRUE(s.claim("saf-1", 1, kT0 + kMin)->empty()) << "same modem got it again";
  auto other = s.claim("airtel-1", 1, kT0 + kMin);
  ASSERT_EQ(other->size(), 1u);
  EXPECT_EQ((*other)[0].attempt, 3);
  EXPECT_EQ(*s.failed(id, "airtel-1", ErrorClass::permanent, kT0 + kMin), State::failed);
  auto m = store->message(id);
  EXPECT_EQ(m->state, State::failed);
  EXPECT_EQ(m->last_error, "+CMS ERROR: 38");
}

TEST_F(StoreOutbound, TooManyAttemptsFailForGood) {
  auto id = s.enqueue(text_to("+254712345678", "hello"))->id;
  Millis t = kT0;
  State last = State::queued;
  for (int i = 0; i < 5; ++i) {
    t += 10 * 3600 * 1000LL;  // past any backoff
    ASSERT_EQ(s.claim("m", 1, t)->size(), 1u) << "attempt " << i + 1;
    last = *s.failed(id, "m", ErrorClass::retry_here, t);
  }
  EXPECT_EQ(last, State::failed);
}

TEST_F(StoreOutbound, CancelOnlyBeforeAModemHasIt) {
  auto a = s.enqueue(text_to("+254712345678", "a"))->id;
  EXPECT_EQ(*s.cancel(a), State::cancelled);
  EXPECT_EQ(s.cancel(a).error().code, ErrorCode::conflict);
  auto b = s.enqueue(text_to("+254712345678", "b"))->id;
  ASSERT_EQ(s.claim("m", 1)->size(), 1u);
  auto r = s.cancel(b);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::conflict);
  EXPECT_EQ(s.cancel(999).error().code, ErrorCode::not_found);
}

TEST_F(StoreOutbound, ExpiredMessagesAreNeverHandedOutAndBecomeExpired) {
  auto req = text_to("+254712345678", "Code 123456", Priority::high);
  req.valid_until = kT0 + 5 * kMin;
  auto id = s.enqueue(req)->id;
  EXPECT_TRUE(s.claim("m", 10, kT0 + 5 * kMin)->empty());
  EXPECT_EQ(*s.expire(kT0 + 5 * kMin), 1);
  EXPECT_EQ(store->message(id)->state, State::expired);
  auto events = store->events_after(0, 10);
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].subject_id, id);
  EXPECT_EQ((*events)[0].state, static_cast<int>(State::expired));
}

TEST_F(StoreOutbound, FailureAfterValidityExpiresInsteadOfRetrying) {
  auto req = text_to("+254712345678", "Code 123456", Priority::high);
  req.valid_until = kT0 + 5 * kMin;
  auto id = s.enqueue(req)->id;
  ASSERT_EQ(s.claim("m", 1, kT0 + 4 * kMin)->size(), 1u);
  EXPECT_EQ(*s.failed(id, "m", ErrorClass::retry_elsewhere, kT0 + 6 * kMin), State::expired);
}

TEST_F(StoreOutbound, CompletionRunsOnTheGivenExecutor) {
  boost::asio::io_context loop;
  std::thread::id ran_on;
  std::optional<Result<EnqueueResult>> got;
  store->enqueue(text_to("+254712345678", "x"), kT0,
                 post_to<EnqueueResult>(loop.get_executor(), [&](Result<EnqueueResult> r) {
                   ran_on = std::this_thread::get_id();
                   got = std::move(r);
                 }));
  // The completion is posted to `loop`, so it runs inside run_one_for() on this thread. The work
  // guard keeps run_one_for() waiting for the post instead of returning at once.
  auto guard = boost::asio::make_work_guard(loop);
  for (int i = 0; i < 30 && !got; ++i)
    loop.run_one_for(std::chrono::seconds(1));
  ASSERT_TRUE(got.has_value()) << "completion never arrived";
  EXPECT_EQ(ran_on, std::this_thread::get_id());
  ASSERT_TRUE(*got);
}

}  // namespace
}  // namespace jumbe::store::test
