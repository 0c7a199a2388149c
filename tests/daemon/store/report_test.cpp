// Status reports matched by modem, TP-MR, recipient and recency. TP-MR is one octet (TS 23.040
// 9.2.3.6) and wraps after 256 sends, so these tests reuse MRs on purpose; TP-ST classes follow
// 9.2.3.15 (0x00-0x1F done, 0x20-0x3F SC still trying, 0x40 and up failed).
#include "test_support.hpp"

namespace jumbe::store::test {
namespace {

class StoreReport : public ::testing::Test {
 protected:
  TempDir dir;
  std::unique_ptr<Store> store = open_or_die(dir.file("q.db"));
  Sync s{*store};

  MessageId send_one(const std::string& to, const std::string& modem, int mr, Millis at) {
    auto id = s.enqueue(text_to(to, "m"), at)->id;
    auto got = s.claim(modem, 1, at);
    EXPECT_EQ(got->size(), 1u);
    EXPECT_EQ(*s.sent(id, 1, 1, modem, mr, at), State::sent);
    return id;
  }
};

TEST_F(StoreReport, LateReportAfterMrWrapGoesToTheOldMessage) {
  const std::string to = "+254712345678";
  auto old_id = send_one(to, "saf-1", 42, kT0);
  auto new_id = send_one(to, "saf-1", 42, kT0 + 60 * kMin);  // 256 sends later, same MR
  // The report for the first one arrives late; its TP-SCTS says when the SC took it.
  StatusReport r{"saf-1", 42, to, 0x00, kT0 + 2000, kT0 + 61 * kMin};
  auto m = s.report(r);
  ASSERT_TRUE(m);
  ASSERT_TRUE(m->matched);
  EXPECT_EQ(m->message_id, old_id);
  EXPECT_EQ(store->message(old_id)->state, State::delivered);
  EXPECT_EQ(store->message(new_id)->state, State::sent);
}

TEST_F(StoreReport, SameMrOtherRecipientOrModemDoesNotMatch) {
  auto a = send_one("+254712345678", "saf-1", 7, kT0);
  StatusReport r{"saf-1", 7, "+254799999999", 0x00, kT0, kT0 + kMin};
  EXPECT_FALSE(s.report(r)->matched);
  r.recipient = "+254712345678";
  r.modem = "saf-2";
  EXPECT_FALSE(s.report(r)->matched);
  EXPECT_EQ(store->message(a)->state, State::sent);
}

TEST_F(StoreReport, ReportOlderThanTheWindowDoesNotMatch) {
  send_one("+254712345678", "saf-1", 9, kT0);
  StatusReport r{"saf-1", 9, "+254712345678", 0x00, std::nullopt, kT0 + 8LL * 24 * 60 * kMin};
  EXPECT_FALSE(s.report(r)->matched);
}

TEST_F(StoreReport, WithoutTimestampAnUnreportedSegmentWins) {
  const std::string to = "+254712345678";
  auto first = send_one(to, "saf-1", 3, kT0);
  StatusReport r{"saf-1", 3, to, 0x00, std::nullopt, kT0 + kMin};
  EXPECT_EQ(s.report(r)->message_id, first);
  auto second = send_one(to, "saf-1", 3, kT0 + 30 * kMin);
  r.received_at = kT0 + 31 * kMin;
  EXPECT_EQ(s.report(r)->message_id, second);
}

TEST_F(StoreReport, TemporaryStatusKeepsSentPermanentFails) {
  const std::string to = "+254712345678";
  auto id = send_one(to, "saf-1", 5, kT0);
  StatusReport r{"saf-1", 5, to, 0x30, kT0, kT0 + kMin};  // 0x30: SC still trying
  EXPECT_EQ(s.report(r)->state, State::sent);
  r.status = 0x41;  // 0x41: incompatible destination, permanent
  r.received_at = kT0 + 2 * kMin;
  EXPECT_EQ(s.report(r)->state, State::failed);
  EXPECT_EQ(store->message(id)->state, State::failed);
  auto ev = store->events_after(0, 100);
  int reports = 0;
  for (auto& e : *ev)
    reports += e.kind == EventKind::delivery_report;
  EXPECT_EQ(reports, 2);
}

}  // namespace
}  // namespace jumbe::store::test
