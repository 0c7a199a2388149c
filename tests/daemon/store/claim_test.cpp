// Claiming work: one statement with a lease, by priority, single messages before broadcast
// recipients of the same priority, not-before, hard modem and soft operator preferences, and
// a claimed message is never handed to two modems.
#include <set>
#include <thread>

#include "test_support.hpp"

namespace jumbe::store::test {
namespace {

class StoreClaim : public ::testing::Test {
 protected:
  TempDir dir;
  std::unique_ptr<Store> store = open_or_die(dir.file("q.db"));
  Sync s{*store};
};

TEST_F(StoreClaim, VerificationCodeOvertakesAHugeBroadcast) {
  BroadcastRequest b;
  b.client = "chief";
  b.name = "LANET";
  b.text = "Baraza kesho saa nne asubuhi";
  for (int i = 0; i < 5000; ++i)
    b.recipients.push_back("+2547" + std::to_string(10000000 + i));
  ASSERT_TRUE(s.broadcast(b));
  auto code = s.enqueue(text_to("+254799000001", "Code 4821", Priority::high), kT0 + 1)->id;
  auto ack = s.enqueue(text_to("+254799000002", "Asante", Priority::normal), kT0 + 2)->id;
  auto got = s.claim("saf-1", 3, kT0 + 3);
  ASSERT_TRUE(got);
  ASSERT_EQ(got->size(), 3u);
  EXPECT_EQ((*got)[0].id, code);
  EXPECT_EQ((*got)[1].id, ack);
  EXPECT_EQ((*got)[2].priority, Priority::bulk);
}

TEST_F(StoreClaim, SinglesBeforeBroadcastRecipientsOfTheSamePriority) {
  BroadcastRequest b;
  b.client = "chief";
  b.name = "LANET";
  b.text = "t";
  b.priority = Priority::normal;
  b.recipients = {"+254711000001", "+254711000002"};
  ASSERT_TRUE(s.broadcast(b));
  auto single = s.enqueue(text_to("+254722000000", "reply"), kT0 + 10)->id;
  auto got = s.claim("m", 1, kT0 + 10);
  ASSERT_EQ(got->size(), 1u);
  EXPECT_EQ((*got)[0].id, single);
}

TEST_F(StoreClaim, EmergencyFirstThenOlderFirst) {
  auto n1 = s.enqueue(text_to("+254711000001", "n1"), kT0)->id;
  auto n2 = s.enqueue(text_to("+254711000002", "n2"), kT0 + 1)->id;
  auto e = s.enqueue(text_to("+254711000003", "e", Priority::emergency), kT0 + 2)->id;
  auto got = s.claim("m", 10, kT0 + 3);
  ASSERT_EQ(got->size(), 3u);
  EXPECT_EQ((*got)[0].id, e);
  EXPECT_EQ((*got)[1].id, n1);
  EXPECT_EQ((*got)[2].id, n2);
}

TEST_F(StoreClaim, ScheduledMessageWaitsForNotBefore) {
  auto req = text_to("+254711000001", "later");
  req.not_before = kT0 + 10 * kMin;
  auto id = s.enqueue(req)->id;
  EXPECT_TRUE(s.claim("m", 1, kT0 + 9 * kMin)->empty());
  auto got = s.claim("m", 1, kT0 + 10 * kMin);
  ASSERT_EQ(got->size(), 1u);
  EXPECT_EQ((*got)[0].id, id);
}

TEST_F(StoreClaim, PreferredModemIsHardPreferredOperatorIsSoft) {
  auto req = text_to("+254711000001", "only saf-2");
  req.preferred_modem = "saf-2";
  auto pinned = s.enqueue(req)->id;
  auto req2 = text_to("+254733000001", "airtel number");
  req2.preferred_operator = "airtel";
  req2.operator_grace_ms = 2 * kMin;
  auto soft = s.enqueue(req2)->id;
  EXPECT_TRUE(s.claim("saf-1", 10, kT0, "safaricom")->empty());
  auto a = s.claim("airtel-1", 10, kT0, "airtel");
  ASSERT_EQ(a->size(), 1u);
  EXPECT_EQ((*a)[0].id, soft);
  auto b = s.claim("saf-2", 10, kT0, "safaricom");
  ASSERT_EQ(b->size(), 1u);
  EXPECT_EQ((*b)[0].id, pinned);
  // With no Airtel modem taking it, any modem may after the grace period.
  auto req3 = req2;
  req3.text = "second";
  auto late = s.enqueue(req3, kT0)->id;
  EXPECT_TRUE(s.claim("saf-1", 10, kT0 + kMin, "safaricom")->empty());
  auto c = s.claim("saf-1", 10, kT0 + 2 * kMin, "safaricom");
  ASSERT_EQ(c->size(), 1u);
  EXPECT_EQ((*c)[0].id, late);
}

TEST_F(StoreClaim, ConcurrentClaimersNeverShareAMessage) {
  for (int i = 0; i < 300; ++i)
    ASSERT_TRUE(s.enqueue(text_to("+2547110" + std::to_string(10000 + i), "m")));
  std::vector<std::vector<MessageId>> seen(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (;;) {
        auto got = s.claim("modem-" + std::to_string(t), 7);
        if (!got || got->empty()) return;
        for (auto& m : *got)
          seen[t].push_back(m.id);
      }
    });
  }
  for (auto& th : threads)
    th.join();
  std::set<MessageId> all;
  std::size_t count = 0;
  for (auto& v : seen) {
    count += v.size();
    all.insert(v.begin(), v.end());
  }
  EXPECT_EQ(count, 300u);
  EXPECT_EQ(all.size(), 300u);
}

TEST_F(StoreClaim, ExpiredLeaseMakesTheMessageUncertainAndResent) {
  auto id = s.enqueue(text_to("+254711000001", "m"))->id;
  ASSERT_EQ(s.claim("m", 1, kT0)->size(), 1u);  // lease 120 s
  auto early = wait_for<RecoveryResult>(
      [&](auto done) { store->reclaim_expired_leases(kT0 + kMin, {}, done); });
  EXPECT_EQ(early->requeued, 0);
  auto late = wait_for<RecoveryResult>(
      [&](auto done) { store->reclaim_expired_leases(kT0 + 3 * kMin, {}, done); });
  EXPECT_EQ(late->requeued, 1);
  auto again = s.claim("m2", 1, kT0 + 3 * kMin);
  ASSERT_EQ(again->size(), 1u);
  EXPECT_EQ((*again)[0].id, id);
  EXPECT_TRUE((*again)[0].uncertain);
  EXPECT_EQ((*again)[0].attempt, 2);
}

TEST_F(StoreClaim, AtStartInFlightMessagesAreResentOrHeldPerPriority) {
  auto code = s.enqueue(text_to("+254711000001", "Code 4821", Priority::high))->id;
  auto bulk = s.enqueue(text_to("+254711000002", "newsletter", Priority::bulk))->id;
  ASSERT_EQ(s.claim("m", 2)->size(), 2u);
  auto rec = s.recover(kT0 + kMin);  // default policy: resend all but bulk
  ASSERT_TRUE(rec);
  EXPECT_EQ(rec->requeued, 1);
  EXPECT_EQ(rec->held, 1);
  auto c = store->message(code);
  EXPECT_EQ(c->state, State::queued);
  EXPECT_TRUE(c->uncertain);
  auto b = store->message(bulk);
  EXPECT_EQ(b->state, State::held);
  EXPECT_TRUE(b->uncertain);
  auto got = s.claim("m", 10, kT0 + kMin);
  ASSERT_EQ(got->size(), 1u) << "a held message was handed out";
  EXPECT_EQ((*got)[0].id, code);
  // A human decides: send the held one again.
  auto released =
      wait_for<State>([&](auto done) { store->release_held(bulk, kT0 + 2 * kMin, done); });
  EXPECT_EQ(*released, State::queued);
  auto again = s.claim("m", 10, kT0 + 2 * kMin);
  ASSERT_EQ(again->size(), 1u);
  EXPECT_EQ((*again)[0].id, bulk);
  EXPECT_TRUE((*again)[0].uncertain);
}

}  // namespace
}  // namespace jumbe::store::test
