// Broadcasts (one transaction, maintained progress counters), the event log with per-integrator
// cursors (at-least-once: an integrator re-reads from its cursor after a reconnect), retention.
#include "test_support.hpp"

namespace jumbe::store::test {
namespace {

class StoreBroadcast : public ::testing::Test {
 protected:
  TempDir dir;
  std::unique_ptr<Store> store = open_or_die(dir.file("q.db"));
  Sync s{*store};

  BroadcastRequest lanet(int n) {
    BroadcastRequest b;
    b.client = "chief";
    b.name = "LANET";
    b.text = "ALERT: Baraza kesho saa nne asubuhi";
    for (int i = 0; i < n; ++i)
      b.recipients.push_back("+2547" + std::to_string(20000000 + i));
    return b;
  }
};

TEST_F(StoreBroadcast, DuplicateRecipientsAreSentOnceAndBadOnesRefuseAll) {
  auto b = lanet(3);
  b.recipients.push_back(b.recipients[0]);
  auto r = s.broadcast(b);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->recipients, 3);
  b.recipients.push_back("0712345678");
  auto bad = s.broadcast(b);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("recipient 5 '0712345678'"), std::string::npos);
  EXPECT_EQ(*store->count_in_state(State::queued), 3) << "a refused broadcast left rows";
}

TEST_F(StoreBroadcast, ProgressFollowsEveryStateChange) {
  auto b = lanet(10);
  b.idempotency_key = "alert-1";
  auto r = s.broadcast(b);
  ASSERT_TRUE(r);
  EXPECT_TRUE(s.broadcast(b)->duplicate);
  auto got = s.claim("saf-1", 4);
  ASSERT_EQ(got->size(), 4u);
  s.sent((*got)[0].id, 1, 1, "saf-1", 1);
  s.sent((*got)[1].id, 1, 1, "saf-1", 2);
  StatusReport rep{"saf-1", 1, (*got)[0].recipient, 0, kT0, kT0 + kMin};
  s.report(rep);
  s.failed((*got)[2].id, "saf-1", ErrorClass::permanent);
  auto p = store->broadcast_progress(r->id);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->total, 10);
  EXPECT_EQ(p->queued, 6);
  EXPECT_EQ(p->sending, 1);
  EXPECT_EQ(p->sent, 1);
  EXPECT_EQ(p->delivered, 1);
  EXPECT_EQ(p->failed, 1);
  auto n = wait_for<int>([&](auto done) { store->cancel_broadcast(r->id, kT0, done); });
  EXPECT_EQ(*n, 6);
  p = store->broadcast_progress(r->id);
  EXPECT_EQ(p->queued, 0);
  EXPECT_EQ(p->cancelled, 6);
  EXPECT_EQ(p->sending + p->sent + p->delivered + p->failed + p->cancelled, 10);
}

TEST_F(StoreBroadcast, EventsResumeFromTheIntegratorsCursor) {
  for (int i = 0; i < 5; ++i) {
    auto id = wait_for<EventId>([&](auto done) {
      store->append_event(EventKind::modem_health, i, "saf-1 signal 17", kT0, done);
    });
    ASSERT_TRUE(id);
  }
  auto first = store->events_after(*store->cursor("case-mgmt"), 2);
  ASSERT_EQ(first->size(), 2u);
  EXPECT_EQ(*s.ack("case-mgmt", (*first)[1].id), (*first)[1].id);
  // Reconnect: continue after the acknowledged event, nothing skipped or repeated.
  auto rest = store->events_after(*store->cursor("case-mgmt"), 100);
  ASSERT_EQ(rest->size(), 3u);
  EXPECT_EQ((*rest)[0].id, (*first)[1].id + 1);
  // Cursors never move back; each integrator has its own.
  EXPECT_EQ(*s.ack("case-mgmt", 1), (*first)[1].id);
  EXPECT_EQ(*store->cursor("otp-sender"), 0);
  EXPECT_EQ(s.ack("case-mgmt", 99).error().code, ErrorCode::invalid_argument);
}

TEST_F(StoreBroadcast, RetentionPurgesFinishedBodiesKeepsMetadataAndQueued) {
  const Millis day = 24 * 60 * kMin;
  auto done_id = s.enqueue(text_to("+254711000001", "ID 12345678 verified"))->id;
  auto queued_id = s.enqueue(text_to("+254711000002", "still waiting"))->id;
  s.claim("m", 1);
  s.sent(done_id, 1, 1, "m", 1);
  RetentionRequest r;
  r.now = kT0 + 31 * day;
  r.body_max_age_ms = 30 * day;
  r.event_max_age_ms = 7 * day;
  auto res = s.purge(r);
  ASSERT_TRUE(res) << res.error().message;
  EXPECT_EQ(res->bodies_purged, 1);
  EXPECT_EQ(res->events_pruned, 1);  // the "sent" event
  auto m = store->message(done_id);
  EXPECT_FALSE(m->text.has_value());
  EXPECT_EQ(m->recipient, "+254711000001");
  EXPECT_EQ(m->state, State::sent);
  EXPECT_EQ(store->message(queued_id)->text, "still waiting");
}

TEST_F(StoreBroadcast, BroadcastBodyIsKeptUntilNoRecipientStillNeedsIt) {
  const Millis day = 24 * 60 * kMin;
  auto b = lanet(3);
  auto id = s.broadcast(b)->id;
  auto got = s.claim("m", 2);
  ASSERT_EQ(got->size(), 2u);
  ASSERT_EQ(*s.sent((*got)[0].id, 1, 1, "m", 1), State::sent);
  RetentionRequest r;
  r.now = kT0 + 31 * day;
  r.body_max_age_ms = 30 * day;
  // One recipient sending, one queued: the shared body must stay.
  EXPECT_EQ(s.purge(r)->bodies_purged, 0);
  EXPECT_EQ(store->message((*got)[0].id)->text, b.text);
  ASSERT_EQ(*s.sent((*got)[1].id, 1, 1, "m", 2), State::sent);
  EXPECT_EQ(s.purge(r)->bodies_purged, 0) << "one recipient is still queued";
  ASSERT_TRUE(wait_for<int>([&](auto d) { store->cancel_broadcast(id, kT0 + 31 * day, d); }));
  EXPECT_EQ(s.purge(r)->bodies_purged, 1);
  auto m = store->message((*got)[0].id);
  EXPECT_FALSE(m->text.has_value());
  EXPECT_EQ(m->origin, "broadcast " + std::to_string(id));
  EXPECT_EQ(m->origin_kind, OriginKind::broadcast);
}

}  // namespace
}  // namespace jumbe::store::test
