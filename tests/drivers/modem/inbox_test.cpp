// Inbound SIM bookkeeping: the commit-before-delete rule under every order of events, full-SIM
// sweeps that never delete what was not committed, duplicate +CMTI, slot reuse, reconnects.
#include "jumbe/modem/inbox.hpp"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

namespace jumbe::modem {
namespace {

using namespace std::chrono_literals;
const auto t0 = Inbox::Clock::time_point{};

at::StoredPdu stored(int index, int status = 0, std::string pdu = "0791AB") {
  return at::StoredPdu{index, status, std::nullopt, 10, std::move(pdu)};
}

TEST(ModemInbox, CmtiReadCommitDelete) {
  Inbox in;
  EXPECT_TRUE(in.on_indication(3));
  EXPECT_FALSE(in.on_indication(3)) << "duplicate +CMTI is not read twice";
  EXPECT_EQ(in.next_to_read(), 3);
  const auto h = in.on_read(3, stored(-1), t0);
  ASSERT_TRUE(h);
  EXPECT_EQ(h->index, 3);
  EXPECT_FALSE(in.may_delete(3));
  EXPECT_TRUE(in.take_deletable().empty()) << "nothing deletable before the commit";
  EXPECT_TRUE(in.commit(h->token));
  EXPECT_FALSE(in.commit(h->token)) << "second commit is a no-op";
  EXPECT_EQ(in.take_deletable(), std::vector<int>{3});
  in.on_deleted(3);
  EXPECT_EQ(in.size(), 0u);
}

TEST(ModemInbox, FullSimSweepHandsEverythingButDeletesOnlyCommitted) {
  Inbox in;
  std::vector<at::StoredPdu> listing;
  for (int i = 0; i < 30; ++i)
    listing.push_back(stored(i, i % 2));
  listing.push_back(stored(30, 2));  // a stored unsent SUBMIT: never ours to touch
  const auto hand = in.on_listing(listing, true, t0);
  ASSERT_EQ(hand.size(), 30u);
  for (std::size_t i = 0; i < hand.size(); i += 3)
    in.commit(hand[i].token);
  const auto del = in.take_deletable();
  EXPECT_EQ(del.size(), 10u);
  for (int idx : del)
    EXPECT_EQ(idx % 3, 0);
  EXPECT_FALSE(in.may_delete(30));
  EXPECT_FALSE(in.phase(30).has_value());
  // A second sweep soon after hands nothing again (commits still pending, not overdue).
  EXPECT_TRUE(in.on_listing(listing, true, t0 + 1min).empty());
  // Overdue commits are offered again with the same token.
  const auto again = in.on_listing(listing, true, t0 + 11min);
  EXPECT_EQ(again.size(), 20u);
  EXPECT_EQ(again.front().token, hand[1].token);
}

TEST(ModemInbox, SlotReusedDuringDeletionIsReadAgain) {
  Inbox in;
  in.on_indication(0);
  in.next_to_read();
  auto h = in.on_read(0, stored(-1), t0);
  in.commit(h->token);
  ASSERT_EQ(in.take_deletable(), std::vector<int>{0});
  // +CMGD=0 freed the slot and a new message landed there before the OK came back.
  EXPECT_FALSE(in.on_indication(0));
  in.on_deleted(0);
  EXPECT_EQ(in.next_to_read(), 0);
  auto h2 = in.on_read(0, stored(-1, 0, "07FF"), t0);
  ASSERT_TRUE(h2);
  EXPECT_NE(h2->token, h->token);
  EXPECT_FALSE(in.may_delete(0));
}

TEST(ModemInbox, ReconnectRestartsReadsAndRetriesDeletes) {
  Inbox in;
  in.on_indication(1);
  in.on_indication(2);
  in.next_to_read();  // 1 reading
  auto h = in.on_listing({stored(2)}, false, t0);
  ASSERT_EQ(h.size(), 1u);
  in.commit(h[0].token);
  in.take_deletable();  // 2 deleting
  in.on_reconnect();
  EXPECT_EQ(in.phase(1), Inbox::Phase::to_read);
  EXPECT_EQ(in.phase(2), Inbox::Phase::committed);
  EXPECT_EQ(in.take_deletable(), std::vector<int>{2});
}

TEST(ModemInbox, StoredSubmitReadByIndexIsLeftAlone) {
  Inbox in;
  in.on_indication(5);
  in.next_to_read();
  EXPECT_FALSE(in.on_read(5, stored(-1, 3), t0));
  EXPECT_FALSE(in.phase(5));
}

// Random interleavings of every event: no index is ever deletable unless the commit for the
// message read from it fired.
TEST(ModemInbox, NeverDeletableBeforeCommitUnderRandomEvents) {
  std::mt19937 rng(12345);
  for (int round = 0; round < 200; ++round) {
    Inbox in(5min);
    std::map<Inbox::Token, int> outstanding;
    std::set<int> committed_slots;
    auto now = t0;
    for (int step = 0; step < 300; ++step) {
      now += 10s;
      const int idx = static_cast<int>(rng() % 8);
      switch (rng() % 8) {
        case 0:
          in.on_indication(idx);
          break;
        case 1:
          if (auto i = in.next_to_read()) {
            if (auto h = in.on_read(*i, stored(-1), now)) outstanding[h->token] = h->index;
          }
          break;
        case 2: {
          std::vector<at::StoredPdu> l;
          for (int k = 0; k < 8; ++k)
            if (rng() % 2) l.push_back(stored(k));
          for (const auto& h : in.on_listing(l, rng() % 2, now))
            outstanding[h.token] = h.index;
          break;
        }
        case 3:
          if (!outstanding.empty()) {
            auto it = outstanding.begin();
            std::advance(it, static_cast<long>(rng() % outstanding.size()));
            if (in.commit(it->first)) committed_slots.insert(it->second);
            outstanding.erase(it);
          }
          break;
        case 4:
          for (int d : in.take_deletable()) {
            ASSERT_TRUE(committed_slots.count(d)) << "slot " << d << " deleted before commit";
            committed_slots.erase(d);
            if (rng() % 4) {
              in.on_deleted(d);
            } else {
              in.on_delete_failed(d);
              committed_slots.insert(d);
            }
          }
          break;
        case 5:
          in.on_reconnect();
          break;
        case 6:
          in.on_read_failed(idx);
          break;
        default:
          break;
      }
    }
  }
}

}  // namespace
}  // namespace jumbe::modem
