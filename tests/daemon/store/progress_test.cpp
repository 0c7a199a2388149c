// Broadcast progress counters, kept by the writer per batch instead of a trigger: after every
// kind of state change (claim, sent, failure and retry, report, cancel, expiry, uncertain at
// start, hold and release), in batches large and small and with failing requests in the same
// batch, the counters equal a count of the recipients by state.
#include <sqlite3.h>

#include <atomic>
#include <thread>

#include "test_support.hpp"

namespace jumbe::store::test {
namespace {

class StoreProgress : public ::testing::Test {
 protected:
  TempDir dir;
  std::string path = dir.file("p.db");
  std::unique_ptr<Store> store = open_or_die(path);
  Sync s{*store};

  BroadcastId broadcast(int n, Priority p = Priority::bulk, std::optional<Millis> until = {}) {
    BroadcastRequest b;
    b.client = "chief";
    b.name = "LANET";
    b.text = "ALERT: maji yatakatika kesho";
    b.priority = p;
    b.valid_until = until;
    for (int i = 0; i < n; ++i)
      b.recipients.push_back("+2547" + std::to_string(30000000 + i));
    return s.broadcast(b)->id;
  }

  // The truth, counted from the rows: index = state number.
  std::vector<int> counted(BroadcastId id) {
    std::vector<int> out(8, 0);
    sqlite3* raw = nullptr;
    sqlite3_open(path.c_str(), &raw);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(raw,
                       "SELECT state, count(*) FROM outbound WHERE broadcast_id = ? GROUP BY 1", -1,
                       &st, nullptr);
    sqlite3_bind_int64(st, 1, id);
    while (sqlite3_step(st) == SQLITE_ROW)
      out[static_cast<std::size_t>(sqlite3_column_int(st, 0))] = sqlite3_column_int(st, 1);
    sqlite3_finalize(st);
    sqlite3_close(raw);
    return out;
  }
  std::vector<int> kept(BroadcastId id) {
    auto p = store->broadcast_progress(id);
    EXPECT_TRUE(p) << p.error().message;
    return {p->queued, p->sending, p->sent,      p->delivered,
            p->failed, p->expired, p->cancelled, p->held};
  }
};

TEST_F(StoreProgress, CountersMatchTheRowsAfterEveryKindOfChange) {
  const auto id = broadcast(40, Priority::bulk, kT0 + 60 * kMin);
  auto got = s.claim("m", 12, kT0);
  ASSERT_EQ(got->size(), 12u);
  EXPECT_EQ(kept(id), counted(id));
  const auto& c = *got;
  ASSERT_EQ(*s.sent(c[0].id, 1, 1, "m", 1, kT0 + 1), State::sent);
  ASSERT_EQ(*s.sent(c[1].id, 1, 1, "m", 2, kT0 + 2), State::sent);
  ASSERT_EQ(*s.sent(c[2].id, 1, 1, "m", 3, kT0 + 3), State::sent);
  StatusReport ok;
  ok.modem = "m";
  ok.tp_mr = 1;
  ok.recipient = c[0].recipient;
  ok.status = 0;
  ok.received_at = kT0 + 10;
  ASSERT_EQ(s.report(ok)->state, State::delivered);
  StatusReport bad = ok;
  bad.tp_mr = 2;
  bad.recipient = c[1].recipient;
  bad.status = 0x41;
  ASSERT_EQ(s.report(bad)->state, State::failed);
  ASSERT_EQ(*s.failed(c[3].id, "m", ErrorClass::retry_here), State::queued);
  ASSERT_EQ(*s.failed(c[4].id, "m", ErrorClass::permanent), State::failed);
  ASSERT_EQ(*s.resolve(c[5].id, "m"), State::held);  // bulk: held by default
  UncertainPolicy fail_bulk;
  fail_bulk.fail[3] = true;
  ASSERT_EQ(*s.resolve(c[6].id, "m", fail_bulk), State::failed);
  EXPECT_EQ(kept(id), counted(id));
  auto released = wait_for<State>([&](auto d) { store->release_held(c[5].id, kT0 + 20, d); });
  ASSERT_EQ(*released, State::queued);
  ASSERT_EQ(s.recover(kT0 + 30)->held, 5);  // c[7..11] were still sending
  EXPECT_EQ(kept(id), counted(id));
  auto cancelled = wait_for<int>([&](auto d) { store->cancel_broadcast(id, kT0 + 40, d); });
  EXPECT_EQ(*cancelled, 40 - 3 - 2);  // all but sent/delivered/failed(report, permanent, policy)
  EXPECT_EQ(kept(id), counted(id));
  EXPECT_EQ(kept(id)[static_cast<int>(State::cancelled)], *cancelled);
}

TEST_F(StoreProgress, ExpiryAndSingleCancelMoveTheCounters) {
  const auto id = broadcast(5, Priority::bulk, kT0 + kMin);
  auto got = s.claim("m", 1, kT0);
  ASSERT_EQ(got->size(), 1u);
  auto next = s.claim("m", 1, kT0);
  ASSERT_EQ(*s.cancel((*next)[0].id + 1), State::cancelled);
  ASSERT_EQ(*s.expire(kT0 + 2 * kMin), 2);
  EXPECT_EQ(kept(id), counted(id));
  EXPECT_EQ(kept(id)[static_cast<int>(State::expired)], 2);
}

TEST_F(StoreProgress, FailingRequestsInABatchLeaveNoCountBehind) {
  // Many requests in flight at once land in shared batches; every third is refused. The good
  // ones commit with their progress, the refused ones leave nothing (not even a count).
  const auto id = broadcast(300);
  auto got = s.claim("m", 300, kT0);
  ASSERT_EQ(got->size(), 300u);
  std::atomic<int> ok{0}, refused{0}, done{0};
  for (std::size_t i = 0; i < got->size(); ++i) {
    const auto& m = (*got)[i];
    SegmentSent x{m.id, m.attempt, i % 3 == 0 ? 9 : 1, "m", static_cast<int>(i % 256), kT0 + 5};
    store->segment_sent(x, [&](Result<State> r) {
      ++(r ? ok : refused);
      ++done;
    });
  }
  while (done < 300)
    std::this_thread::yield();
  EXPECT_EQ(refused, 100);
  EXPECT_EQ(ok, 200);
  EXPECT_EQ(kept(id), counted(id));
  EXPECT_EQ(kept(id)[static_cast<int>(State::sent)], 200);
  EXPECT_EQ(*store->broadcast_sent_since(id, kT0), 200);
}

}  // namespace
}  // namespace jumbe::store::test
