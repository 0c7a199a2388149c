// The API's and router's reads of the outbound queue: depth by state and priority, one state's
// messages page by page with their origin, a broadcast's send rate, a modem's segments since a
// time, the next time a waiting message becomes ready; and their query plans (each seeks an
// index instead of reading the whole history).
#include <sqlite3.h>

#include "test_support.hpp"

namespace jumbe::store::test {
namespace {

class StoreQueueReads : public ::testing::Test {
 protected:
  TempDir dir;
  std::unique_ptr<Store> store = open_or_die(dir.file("r.db"));
  Sync s{*store};

  MessageId add(const std::string& to, Priority p = Priority::normal, Millis at = kT0) {
    return s.enqueue(text_to(to, "Habari", p), at)->id;
  }
  std::vector<MessageId> ids(State st, MessageId after, int limit = 100) {
    auto r = store->messages_in_state(st, after, limit);
    EXPECT_TRUE(r) << r.error().message;
    std::vector<MessageId> out;
    for (const auto& m : *r)
      out.push_back(m.id);
    return out;
  }
};

TEST_F(StoreQueueReads, QueueDepthByStateAndPriorityOmitsZeros) {
  EXPECT_TRUE(store->queue_depths()->empty());
  auto high = add("+254711000001", Priority::high);
  add("+254711000002");
  add("+254711000003");
  add("+254711000004", Priority::bulk);
  add("+254711000005", Priority::bulk);
  ASSERT_EQ(s.claim("m", 2)->size(), 2u);  // the high one and the first normal one
  UncertainPolicy hold_high;
  hold_high.resend[static_cast<int>(Priority::high)] = false;
  ASSERT_EQ(*s.resolve(high, "m", hold_high), State::held);
  auto sent = add("+254711000006", Priority::emergency);
  ASSERT_EQ(s.claim("m", 1)->size(), 1u);
  ASSERT_EQ(*s.sent(sent, 1, 1, "m", 1), State::sent);

  auto d = store->queue_depths();
  ASSERT_TRUE(d) << d.error().message;
  std::vector<std::tuple<State, Priority, std::int64_t>> got;
  for (const auto& q : *d)
    got.emplace_back(q.state, q.priority, q.count);
  const std::vector<std::tuple<State, Priority, std::int64_t>> want{
      {State::queued, Priority::normal, 1},
      {State::queued, Priority::bulk, 2},
      {State::sending, Priority::normal, 1},
      {State::held, Priority::high, 1},
  };
  EXPECT_EQ(got, want);
}

TEST_F(StoreQueueReads, MessagesInStatePageInIdOrderWithoutSegmentLog) {
  std::vector<MessageId> queued;
  // Priorities out of id order: the listing is by id, not by claim order.
  for (int i = 0; i < 5; ++i)
    queued.push_back(add("+25471100000" + std::to_string(i),
                         i % 2 == 0 ? Priority::bulk : Priority::emergency, kT0 + i));
  EXPECT_EQ(ids(State::queued, 0, 2), (std::vector<MessageId>{queued[0], queued[1]}));
  EXPECT_EQ(ids(State::queued, queued[1], 2), (std::vector<MessageId>{queued[2], queued[3]}));
  EXPECT_EQ(ids(State::queued, queued[3], 2), std::vector<MessageId>{queued[4]});
  EXPECT_TRUE(ids(State::queued, queued[4], 2).empty());

  auto got = s.claim("m", 1);  // an emergency one
  ASSERT_EQ(got->size(), 1u);
  ASSERT_EQ(*s.sent((*got)[0].id, 1, 1, "m", 9), State::sent);
  EXPECT_EQ(ids(State::sent, 0), std::vector<MessageId>{(*got)[0].id});
  auto sent = store->messages_in_state(State::sent, 0, 10);
  EXPECT_TRUE((*sent)[0].segment_log.empty());
  EXPECT_EQ((*sent)[0].modem, "m");
  EXPECT_EQ((*sent)[0].text, "Habari");
  EXPECT_EQ(ids(State::queued, 0).size(), 4u);
  EXPECT_TRUE(ids(State::held, 0).empty());
  EXPECT_TRUE(ids(State::sending, 0).empty());
  EXPECT_TRUE(ids(State::cancelled, 0).empty());
}

TEST_F(StoreQueueReads, HeldAndSendingAreListed) {
  auto a = add("+254711000001", Priority::bulk);
  auto b = add("+254711000002", Priority::bulk);
  ASSERT_EQ(s.claim("m", 2)->size(), 2u);
  EXPECT_EQ(ids(State::sending, 0), (std::vector<MessageId>{a, b}));
  ASSERT_EQ(*s.resolve(b, "m"), State::held);  // bulk: held by the default policy
  EXPECT_EQ(ids(State::held, 0), std::vector<MessageId>{b});
  auto held = store->messages_in_state(State::held, 0, 10);
  EXPECT_TRUE((*held)[0].uncertain);
  EXPECT_EQ(ids(State::sending, 0), std::vector<MessageId>{a});
}

TEST_F(StoreQueueReads, MessagesInStateRefusesBadLimitAndState) {
  for (int bad : {0, -5, 10'001})
    EXPECT_EQ(store->messages_in_state(State::queued, 0, bad).error().code,
              ErrorCode::invalid_argument);
  EXPECT_EQ(store->messages_in_state(static_cast<State>(42), 0, 10).error().code,
            ErrorCode::invalid_argument);
}

TEST_F(StoreQueueReads, OriginIsReadBack) {
  auto req = text_to("+254711000001", "Asante, ripoti KE-4821 imepokelewa");
  req.origin_kind = OriginKind::service;
  req.origin = "report:KE-4821";
  auto id = s.enqueue(req)->id;
  auto m = store->message(id);
  EXPECT_EQ(m->origin, "report:KE-4821");
  EXPECT_EQ(m->origin_kind, OriginKind::service);
  EXPECT_EQ(store->messages_in_state(State::queued, 0, 10)->at(0).origin, "report:KE-4821");

  BroadcastRequest b;
  b.client = "chief";
  b.name = "LANET";
  b.text = "Baraza";
  b.recipients = {"+254711000002"};
  auto br = s.broadcast(b);
  auto rows = store->messages_in_state(State::queued, id, 10);
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->at(0).origin_kind, OriginKind::broadcast);
  EXPECT_EQ(rows->at(0).broadcast_id, br->id);
  EXPECT_EQ(store->message(id)->origin.empty(), false);
  auto plain = s.enqueue(text_to("+254711000003", "x"))->id;
  EXPECT_EQ(store->message(plain)->origin, "");
  EXPECT_EQ(store->message(plain)->origin_kind, OriginKind::api);
}

TEST_F(StoreQueueReads, BroadcastSentSinceCountsSendTimesNotDeliveries) {
  BroadcastRequest b;
  b.client = "chief";
  b.name = "LANET";
  b.text = "Baraza";
  for (int i = 0; i < 5; ++i)
    b.recipients.push_back("+25471100000" + std::to_string(i));
  auto br = s.broadcast(b);
  ASSERT_TRUE(br);
  auto got = s.claim("m", 3);
  ASSERT_EQ(got->size(), 3u);
  for (int i = 0; i < 3; ++i)
    ASSERT_EQ(*s.sent((*got)[i].id, 1, 1, "m", 10 + i, kT0 + (i + 1) * 1000), State::sent);
  EXPECT_EQ(*store->broadcast_sent_since(br->id, kT0), 3);
  EXPECT_EQ(*store->broadcast_sent_since(br->id, kT0 + 2000), 2);
  EXPECT_EQ(*store->broadcast_sent_since(br->id, kT0 + 3999), 1) << "counted to the second";
  EXPECT_EQ(*store->broadcast_sent_since(br->id, kT0 + 4000), 0);
  // A delivery report long after does not make the message "sent in the last minute".
  StatusReport r;
  r.modem = "m";
  r.tp_mr = 10;
  r.recipient = (*got)[0].recipient;
  r.status = 0;
  r.received_at = kT0 + 10 * kMin;
  ASSERT_TRUE(s.report(r)->matched);
  EXPECT_EQ(*store->broadcast_sent_since(br->id, kT0 + 9 * kMin), 0);
  EXPECT_EQ(*store->broadcast_sent_since(br->id, kT0), 3) << "delivered still counts as sent then";
  auto unknown = store->broadcast_sent_since(br->id + 1, kT0);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::not_found);
}

TEST_F(StoreQueueReads, SegmentsSentSinceCountsOneModemsWindow) {
  auto two = s.enqueue([] {
                auto r = text_to("+254711000001", std::string(300, 'a'));
                r.segments = 2;
                return r;
              }())
                 ->id;
  auto old = add("+254711000002");
  auto other = add("+254711000003");
  ASSERT_EQ(s.claim("saf-1", 2)->size(), 2u);
  ASSERT_EQ(s.claim("air-1", 1)->size(), 1u);
  ASSERT_TRUE(s.sent(old, 1, 1, "saf-1", 255, kT0 - 2 * 3'600'000));  // yesterday's quota
  ASSERT_TRUE(s.sent(two, 1, 1, "saf-1", 0, kT0 + 10));
  ASSERT_TRUE(s.sent(two, 1, 2, "saf-1", 1, kT0 + 20));
  ASSERT_TRUE(s.sent(other, 1, 1, "air-1", 0, kT0 + 30));
  EXPECT_EQ(*store->segments_sent_since("saf-1", kT0), 2u);
  EXPECT_EQ(*store->segments_sent_since("saf-1", kT0 - 3 * 3'600'000), 3u);
  EXPECT_EQ(*store->segments_sent_since("air-1", kT0), 1u);
  EXPECT_EQ(*store->segments_sent_since("nosuch", kT0), 0u);
  EXPECT_EQ(store->segments_sent_since("", kT0).error().code, ErrorCode::invalid_argument);
}

TEST_F(StoreQueueReads, NextReadyAtIsTheEarliestWaitingMessage) {
  EXPECT_EQ(*store->next_ready_at(kT0), std::nullopt);
  add("+254711000001");  // ready now: not a reason to wake later
  EXPECT_EQ(*store->next_ready_at(kT0), std::nullopt);
  auto later = text_to("+254711000002", "scheduled");
  later.not_before = kT0 + 10 * kMin;
  s.enqueue(later);
  auto never = text_to("+254711000003", "expires before its time");
  never.not_before = kT0 + 2 * kMin;
  never.valid_until = kT0 + kMin;
  s.enqueue(never);
  EXPECT_EQ(*store->next_ready_at(kT0), kT0 + 10 * kMin);
  // A retry pause after a failure (30 s for the first retry) comes sooner.
  auto got = s.claim("m", 1);
  ASSERT_EQ(got->size(), 1u);
  ASSERT_EQ(*s.failed((*got)[0].id, "m", ErrorClass::retry_here, kT0), State::queued);
  EXPECT_EQ(*store->next_ready_at(kT0), kT0 + 30'000);
  EXPECT_EQ(*store->next_ready_at(kT0 + 30'000), kT0 + 10 * kMin);
  EXPECT_EQ(*store->next_ready_at(kT0 + 10 * kMin), std::nullopt);
}

std::string plan_of(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* st = nullptr;
  std::string out;
  if (sqlite3_prepare_v2(db, ("EXPLAIN QUERY PLAN " + sql).c_str(), -1, &st, nullptr) != SQLITE_OK)
    out = std::string("prepare failed: ") + sqlite3_errmsg(db);
  while (st != nullptr && sqlite3_step(st) == SQLITE_ROW) {
    out += reinterpret_cast<const char*>(sqlite3_column_text(st, 3));
    out += "\n";
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

TEST_F(StoreQueueReads, QuotaCountSeeksTheWindowPerTpMr) {
  const std::string plan =
      plan_of(dir.file("r.db"),
              "WITH RECURSIVE mr(v) AS (SELECT 0 UNION ALL SELECT v + 1 FROM mr WHERE v < 255) "
              "SELECT count(*) FROM segments INDEXED BY segments_by_mr "
              "WHERE modem = 'm' AND tp_mr IN (SELECT v FROM mr) AND sent_at >= 5");
  EXPECT_NE(plan.find("modem=? AND tp_mr=? AND sent_at>?"), std::string::npos) << plan;
}

}  // namespace
}  // namespace jumbe::store::test
