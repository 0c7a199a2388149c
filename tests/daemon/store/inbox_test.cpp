// The inbox read (GET /v1/inbox?after=N): complete and incomplete messages in id order, never
// one still assembling, and never a multipart message hidden below a cursor that already passed
// a later single message (its id is given when it becomes readable). Limits are checked.
#include "test_support.hpp"

namespace jumbe::store::test {
namespace {

class StoreInbox : public ::testing::Test {
 protected:
  TempDir dir;
  std::unique_ptr<Store> store = open_or_die(dir.file("i.db"));
  Sync s{*store};

  static InboundPart part(const std::string& sender, std::optional<int> ref, int total, int seq,
                          const std::string& text, Millis at) {
    InboundPart p;
    p.modem = "saf-1";
    p.sender = sender;
    p.concat_ref = ref;
    p.total = total;
    p.seq = seq;
    p.text = text;
    p.raw_pdu = "0791527401000000440C9152" + sender + std::to_string(seq) + text;
    p.received_at = at;
    return p;
  }
  std::vector<InboundId> ids(InboundId after, int limit = 100) {
    std::vector<InboundId> out;
    auto r = store->inbox_after(after, limit);
    EXPECT_TRUE(r) << r.error().message;
    for (const auto& m : *r)
      out.push_back(m.id);
    return out;
  }
};

TEST_F(StoreInbox, AssemblingMessagesAreNotListed) {
  auto one =
      s.part(part("+254712000001", std::nullopt, 1, 1, "REPORT moto sokoni", kT0))->inbound_id;
  ASSERT_TRUE(s.part(part("+254712000002", 44, 2, 1, "Habari ", kT0 + 1)));
  auto inbox = store->inbox_after(0, 100);
  ASSERT_TRUE(inbox);
  ASSERT_EQ(inbox->size(), 1u);
  EXPECT_EQ((*inbox)[0].id, one);
  EXPECT_EQ((*inbox)[0].text, "REPORT moto sokoni");
  EXPECT_EQ((*inbox)[0].sender, "+254712000001");
  EXPECT_EQ((*inbox)[0].state, InboundState::complete);
}

TEST_F(StoreInbox, MultipartFinishedLateIsNotHiddenBelowTheCursor) {
  // Part 1 of a long report arrives, then a short message from someone else, which an integrator
  // reads and acknowledges; then part 2 completes the long one. It must still come after the
  // integrator's cursor.
  ASSERT_TRUE(s.part(part("+254712000002", 44, 2, 1, "Kuna mafuriko ", kT0)));
  auto short_id = s.part(part("+254712000001", std::nullopt, 1, 1, "STOP", kT0 + 1))->inbound_id;
  ASSERT_EQ(ids(0), std::vector<InboundId>{short_id});
  const InboundId cursor = short_id;
  auto done = s.part(part("+254712000002", 44, 2, 2, "Lanet barabarani", kT0 + 2));
  ASSERT_TRUE(done && done->complete);
  EXPECT_GT(done->inbound_id, cursor);
  auto after = store->inbox_after(cursor, 100);
  ASSERT_EQ(after->size(), 1u);
  EXPECT_EQ((*after)[0].id, done->inbound_id);
  EXPECT_EQ((*after)[0].text, "Kuna mafuriko Lanet barabarani");
  EXPECT_EQ((*after)[0].parts_present, 2);
  // The event and the message read agree on the id; a part read again finds it too.
  auto ev = store->events_after(0, 10);
  ASSERT_EQ(ev->size(), 2u);
  EXPECT_EQ((*ev)[1].subject_id, done->inbound_id);
  auto again = s.part(part("+254712000002", 44, 2, 1, "Kuna mafuriko ", kT0));
  EXPECT_TRUE(again->duplicate);
  EXPECT_EQ(again->inbound_id, done->inbound_id);
  EXPECT_EQ(store->inbound_message(done->inbound_id)->first_at, kT0);
}

TEST_F(StoreInbox, IncompleteReleasedLateAlsoGetsAnIdAfterTheCursor) {
  ASSERT_TRUE(s.part(part("+254712000002", 9, 3, 1, "Hello ", kT0)));
  auto single = s.part(part("+254712000001", std::nullopt, 1, 1, "x", kT0 + 1))->inbound_id;
  ASSERT_EQ(*s.release(kT0 + 31 * kMin, 30 * kMin), 1);
  auto after = store->inbox_after(single, 100);
  ASSERT_EQ(after->size(), 1u);
  EXPECT_EQ((*after)[0].state, InboundState::incomplete);
  EXPECT_EQ((*after)[0].text, "Hello ");
}

TEST_F(StoreInbox, PagesInIdOrder) {
  std::vector<InboundId> all;
  for (int i = 0; i < 7; ++i)
    all.push_back(s.part(part("+25471200000" + std::to_string(i), std::nullopt, 1, 1, "m", kT0 + i))
                      ->inbound_id);
  EXPECT_EQ(ids(0, 3), std::vector<InboundId>(all.begin(), all.begin() + 3));
  EXPECT_EQ(ids(all[2], 3), std::vector<InboundId>(all.begin() + 3, all.begin() + 6));
  EXPECT_EQ(ids(all[5], 3), std::vector<InboundId>{all[6]});
  EXPECT_TRUE(ids(all[6], 3).empty());
}

TEST_F(StoreInbox, LimitOutsideItsBoundsIsRefused) {
  for (int bad : {0, -1, 10'001}) {
    auto r = store->inbox_after(0, bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::invalid_argument);
    EXPECT_NE(r.error().message.find("limit " + std::to_string(bad)), std::string::npos);
  }
  EXPECT_TRUE(store->inbox_after(0, 10'000));
  EXPECT_TRUE(store->inbox_after(0, 1));
}

}  // namespace
}  // namespace jumbe::store::test
