// Uncertain messages per policy: resolve_uncertain for one message a modem could not account
// for (requeued with the uncertain mark, held, or failed by policy, with an event), the `fail`
// policy at start and for expired leases (fail wins over resend), and its refusals.
#include "test_support.hpp"

namespace jumbe::store::test {
namespace {

class StoreUncertain : public ::testing::Test {
 protected:
  TempDir dir;
  std::unique_ptr<Store> store = open_or_die(dir.file("u.db"));
  Sync s{*store};

  MessageId claimed(Priority p, const std::string& modem = "saf-1") {
    auto id = s.enqueue(text_to("+254711000001", "Mkutano kesho", p))->id;
    auto got = s.claim(modem, 1);
    EXPECT_EQ(got->size(), 1u);
    return id;
  }
  std::vector<Event> events() { return *store->events_after(0, 100); }
};

UncertainPolicy fail_bulk_and_high() {
  UncertainPolicy p;
  p.fail[static_cast<int>(Priority::bulk)] = true;
  p.fail[static_cast<int>(Priority::high)] = true;  // resend[high] is also true: fail wins
  return p;
}

TEST_F(StoreUncertain, ResolvedNormalMessageIsRequeuedMarkedUncertain) {
  auto id = claimed(Priority::normal);
  auto st = s.resolve(id, "saf-1", {}, kT0 + 5);
  ASSERT_TRUE(st) << st.error().message;
  EXPECT_EQ(*st, State::queued);
  auto m = store->message(id);
  EXPECT_EQ(m->state, State::queued);
  EXPECT_TRUE(m->uncertain);
  EXPECT_NE(m->last_error.find("saf-1"), std::string::npos) << m->last_error;
  auto again = s.claim("saf-2", 1, kT0 + 5);
  ASSERT_EQ(again->size(), 1u);
  EXPECT_EQ((*again)[0].id, id);
  EXPECT_TRUE((*again)[0].uncertain);
  EXPECT_EQ((*again)[0].attempt, 2);
}

TEST_F(StoreUncertain, ResolvedBulkMessageIsHeldWithAnEvent) {
  auto id = claimed(Priority::bulk);
  EXPECT_EQ(*s.resolve(id, "saf-1"), State::held);
  EXPECT_EQ(store->message(id)->state, State::held);
  auto ev = events();
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].subject_id, id);
  EXPECT_EQ(ev[0].state, static_cast<int>(State::held));
  EXPECT_TRUE(s.claim("saf-1", 5)->empty()) << "a held message was handed out";
}

TEST_F(StoreUncertain, FailPolicyFailsWithItsReasonAndAnEvent) {
  auto id = claimed(Priority::high);
  EXPECT_EQ(*s.resolve(id, "saf-1", fail_bulk_and_high()), State::failed);
  auto m = store->message(id);
  EXPECT_EQ(m->state, State::failed);
  EXPECT_TRUE(m->uncertain);
  EXPECT_EQ(m->last_error, "uncertain: failed by policy");
  auto ev = events();
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].state, static_cast<int>(State::failed));
  EXPECT_EQ(ev[0].detail, "uncertain: failed by policy");
}

TEST_F(StoreUncertain, ResolveRefusesUnknownWrongStateAndAnotherModem) {
  auto unknown = s.resolve(999, "saf-1");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::not_found);
  EXPECT_NE(unknown.error().message.find("999"), std::string::npos);

  auto id = claimed(Priority::normal, "saf-1");
  auto queued = s.enqueue(text_to("+254711000002", "not claimed"))->id;
  auto q = s.resolve(queued, "saf-1");
  ASSERT_FALSE(q);
  EXPECT_EQ(q.error().code, ErrorCode::conflict);
  EXPECT_NE(q.error().message.find("queued, not sending"), std::string::npos);

  auto other = s.resolve(id, "airtel-1");
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::conflict);
  EXPECT_NE(other.error().message.find("saf-1"), std::string::npos);
  EXPECT_EQ(store->message(id)->state, State::sending) << "a refused resolve changed nothing";
  EXPECT_FALSE(store->message(id)->uncertain);

  EXPECT_EQ(s.resolve(id, "").error().code, ErrorCode::invalid_argument);
}

TEST_F(StoreUncertain, SentMessageCannotBeMadeUncertain) {
  auto id = claimed(Priority::normal);
  ASSERT_EQ(*s.sent(id, 1, 1, "saf-1", 7), State::sent);
  auto r = s.resolve(id, "saf-1");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::conflict);
  EXPECT_FALSE(store->message(id)->uncertain);
}

TEST_F(StoreUncertain, AtStartFailPolicyWinsOverResend) {
  auto high = s.enqueue(text_to("+254711000001", "code", Priority::high))->id;
  auto normal = s.enqueue(text_to("+254711000002", "ack", Priority::normal))->id;
  auto bulk = s.enqueue(text_to("+254711000003", "news", Priority::bulk))->id;
  ASSERT_EQ(s.claim("m", 3)->size(), 3u);
  auto rec = s.recover(kT0 + kMin, fail_bulk_and_high());
  ASSERT_TRUE(rec) << rec.error().message;
  EXPECT_EQ(rec->failed, 2);
  EXPECT_EQ(rec->requeued, 1);
  EXPECT_EQ(rec->held, 0);
  EXPECT_EQ(store->message(high)->state, State::failed);
  EXPECT_EQ(store->message(bulk)->state, State::failed);
  EXPECT_EQ(store->message(bulk)->last_error, "uncertain: failed by policy");
  EXPECT_EQ(store->message(normal)->state, State::queued);
  EXPECT_TRUE(store->message(normal)->uncertain);
  EXPECT_EQ(events().size(), 2u) << "one event per failed message";
}

TEST_F(StoreUncertain, ExpiredLeaseFollowsTheFailPolicy) {
  auto id = claimed(Priority::bulk);
  auto early = s.reclaim(kT0 + kMin, fail_bulk_and_high());
  EXPECT_EQ(early->failed, 0);
  auto late = s.reclaim(kT0 + 3 * kMin, fail_bulk_and_high());
  ASSERT_TRUE(late);
  EXPECT_EQ(late->failed, 1);
  auto m = store->message(id);
  EXPECT_EQ(m->state, State::failed);
  EXPECT_EQ(m->last_error, "uncertain: failed by policy");
}

TEST_F(StoreUncertain, BroadcastRecipientFailedByPolicyCountsInProgress) {
  BroadcastRequest b;
  b.client = "chief";
  b.name = "LANET";
  b.text = "Baraza";
  b.recipients = {"+254711000001", "+254711000002"};
  auto br = s.broadcast(b);
  ASSERT_TRUE(br);
  auto got = s.claim("m", 1);
  ASSERT_EQ(got->size(), 1u);
  EXPECT_EQ(*s.resolve((*got)[0].id, "m", fail_bulk_and_high()), State::failed);
  auto p = store->broadcast_progress(br->id);
  EXPECT_EQ(p->failed, 1);
  EXPECT_EQ(p->queued, 1);
  EXPECT_EQ(p->sending, 0);
}

}  // namespace
}  // namespace jumbe::store::test
