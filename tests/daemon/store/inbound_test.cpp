// Inbound parts: committed once even when the SIM is read twice, multipart reassembly in any
// order (TS 23.040 9.2.3.24.1), duplicates, and release of incomplete messages after a timeout.
// The raw PDUs are the SMS-DELIVER examples' shape; only their bytes matter to the store.
#include "test_support.hpp"

namespace jumbe::store::test {
namespace {

class StoreInbound : public ::testing::Test {
 protected:
  TempDir dir;
  std::unique_ptr<Store> store = open_or_die(dir.file("q.db"));
  Sync s{*store};

  static InboundPart part(int ref, int total, int seq, const std::string& text, Millis at) {
    InboundPart p;
    p.modem = "saf-1";
    p.sender = "+254712345678";
    p.concat_ref = ref;
    p.total = total;
    p.seq = seq;
    p.text = text;
    p.raw_pdu = "0791527401000000440C915274" + std::to_string(ref * 100 + seq) + text;
    p.received_at = at;
    return p;
  }
};

TEST_F(StoreInbound, SinglePartIsCompleteAndAnEvent) {
  InboundPart p;
  p.modem = "saf-1";
  p.sender = "+254712345678";
  p.text = "REPORT suspicious vehicle near Lanet primary since 6am";
  p.raw_pdu = "07915274010000000404...";
  p.received_at = kT0;
  auto r = s.part(p);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_TRUE(r->complete);
  auto m = store->inbound_message(r->inbound_id);
  EXPECT_EQ(m->state, InboundState::complete);
  EXPECT_EQ(m->text, p.text);
  auto ev = store->events_after(0, 10);
  ASSERT_EQ(ev->size(), 1u);
  EXPECT_EQ((*ev)[0].kind, EventKind::inbound);
  EXPECT_EQ((*ev)[0].subject_id, r->inbound_id);
}

TEST_F(StoreInbound, SameSimMessageReadTwiceIsStoredOnce) {
  auto p = part(1, 1, 1, "x", kT0);
  p.concat_ref.reset();
  auto a = s.part(p);
  auto b = s.part(p);  // crash between commit and AT+CMGD: read again after restart
  ASSERT_TRUE(a && b);
  EXPECT_TRUE(b->duplicate);
  EXPECT_EQ(a->inbound_id, b->inbound_id);
  EXPECT_EQ(store->events_after(0, 10)->size(), 1u);
}

TEST_F(StoreInbound, ThreePartsOutOfOrderAssemble) {
  EXPECT_FALSE(s.part(part(77, 3, 3, "C", kT0))->complete);
  EXPECT_FALSE(s.part(part(77, 3, 1, "A", kT0 + 1))->complete);
  auto last = s.part(part(77, 3, 2, "B", kT0 + 2));
  ASSERT_TRUE(last);
  EXPECT_TRUE(last->complete);
  EXPECT_EQ(store->inbound_message(last->inbound_id)->text, "ABC");
}

TEST_F(StoreInbound, DuplicatePartWithOtherBytesDoesNotCompleteTwice) {
  s.part(part(5, 2, 1, "A", kT0));
  auto dup = part(5, 2, 1, "A", kT0 + 5);
  dup.raw_pdu += "-resent";  // the SC resent part 1 with a new timestamp
  auto d = s.part(dup);
  ASSERT_TRUE(d);
  EXPECT_TRUE(d->duplicate);
  EXPECT_FALSE(d->complete);
  auto done = s.part(part(5, 2, 2, "B", kT0 + 6));
  EXPECT_TRUE(done->complete);
  EXPECT_EQ(store->inbound_message(done->inbound_id)->text, "AB");
}

TEST_F(StoreInbound, MissingPartIsReleasedAsIncompleteAfterTimeout) {
  auto a = s.part(part(9, 3, 1, "Hello ", kT0));
  s.part(part(9, 3, 3, "end", kT0 + 1));
  EXPECT_EQ(*s.release(kT0 + 10 * kMin, 30 * kMin), 0);
  EXPECT_EQ(*s.release(kT0 + 31 * kMin, 30 * kMin), 1);
  auto m = store->inbound_message(a->inbound_id);
  EXPECT_EQ(m->state, InboundState::incomplete);
  EXPECT_EQ(m->parts_present, 2);
  EXPECT_EQ(m->text, "Hello end");
  auto ev = store->events_after(0, 10);
  ASSERT_EQ(ev->size(), 1u);
  EXPECT_NE((*ev)[0].detail.find("incomplete: parts 1,3 of 3"), std::string::npos);
  // A later message reusing reference 9 starts a new group.
  auto fresh = s.part(part(9, 3, 2, "new", kT0 + 40 * kMin));
  EXPECT_NE(fresh->inbound_id, a->inbound_id);
}

TEST_F(StoreInbound, SameReferenceFromTwoSendersStaysApart) {
  auto p1 = part(3, 2, 1, "A", kT0);
  auto p2 = part(3, 2, 1, "X", kT0);
  p2.sender = "+254733000000";
  auto a = s.part(p1);
  auto b = s.part(p2);
  EXPECT_NE(a->inbound_id, b->inbound_id);
  EXPECT_FALSE(b->duplicate);
}

TEST_F(StoreInbound, BadPartIsRefused) {
  auto p = part(1, 2, 3, "x", kT0);
  auto r = s.part(p);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::invalid_argument);
  p = part(1, 2, 1, "x", kT0);
  p.raw_pdu.clear();
  EXPECT_EQ(s.part(p).error().code, ErrorCode::invalid_argument);
}

}  // namespace
}  // namespace jumbe::store::test
