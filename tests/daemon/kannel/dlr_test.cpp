// Kannel DLR values from store events (mapping of Kannel's AT driver and bearerbox acks) and the
// dlr-url kept in a message's origin.
#include "jumbe/kannel/dlr.hpp"

#include <gtest/gtest.h>

namespace jumbe::kannel {
namespace {

TEST(KannelDlrOrigin, RoundTripAndRefusals) {
  const std::string url = "https://rp.example/c/kn/u/status?uuid=a:b&status=%d";
  const auto o = encode_dlr_origin(27, url);
  EXPECT_EQ(o, "kannel:27:" + url);
  EXPECT_EQ(decode_dlr_origin(o), (DlrRequest{27, url}));
  EXPECT_EQ(encode_dlr_origin(0, url), "kannel");
  EXPECT_EQ(encode_dlr_origin(3, ""), "kannel");
  EXPECT_TRUE(is_kannel_origin("kannel"));
  EXPECT_TRUE(is_kannel_origin(o));
  EXPECT_FALSE(is_kannel_origin("kannelx"));
  EXPECT_FALSE(is_kannel_origin("case KE-4821"));
  for (const char* bad :
       {"kannel", "kannel:", "kannel:27:", "kannel:x:http://a", "kannel:64:http://a",
        "kannel:0:http://a", "other:3:http://a", "kannel::http://a"})
    EXPECT_FALSE(decode_dlr_origin(bad)) << bad;
}

store::Event state_event(store::State s, std::string detail = {}) {
  store::Event e;
  e.kind = store::EventKind::state_changed;
  e.state = static_cast<int>(s);
  e.detail = std::move(detail);
  return e;
}

TEST(KannelDlrForEvent, StatesAndReports) {
  store::Message m;
  EXPECT_EQ(dlr_for_event(state_event(store::State::sent), m), (Dlr{8, "ACK/"}));
  EXPECT_EQ(dlr_for_event(state_event(store::State::delivered), m), (Dlr{1, "Success"}));
  EXPECT_EQ(dlr_for_event(state_event(store::State::failed, "+CMS ERROR: 38"), m),
            (Dlr{16, "NACK/+CMS ERROR: 38"}));
  EXPECT_EQ(dlr_for_event(state_event(store::State::cancelled), m), (Dlr{16, "NACK/cancelled"}));
  EXPECT_EQ(dlr_for_event(state_event(store::State::expired), m), (Dlr{16, "NACK/expired"}));
  EXPECT_FALSE(dlr_for_event(state_event(store::State::held), m));
  EXPECT_FALSE(dlr_for_event(state_event(store::State::queued), m));

  // A status report with TP-ST 0x41 (TS 23.040 9.2.3.15: incompatible destination) failed it.
  store::Segment seg;
  seg.report_status = 0x41;
  m.segment_log.push_back(seg);
  EXPECT_EQ(dlr_for_event(state_event(store::State::failed, "status report TP-ST 65"), m),
            (Dlr{2, "Failed"}));

  store::Event report;
  report.kind = store::EventKind::delivery_report;
  report.state = 0x30;  // SC still trying (temporary)
  EXPECT_EQ(dlr_for_event(report, m), (Dlr{4, "Buffered"}));
  report.state = 0x00;  // per-segment final report: the state change carries it
  EXPECT_FALSE(dlr_for_event(report, m));
  store::Event inbound;
  inbound.kind = store::EventKind::inbound;
  inbound.state = 1;
  EXPECT_FALSE(dlr_for_event(inbound, m));
}

}  // namespace
}  // namespace jumbe::kannel
