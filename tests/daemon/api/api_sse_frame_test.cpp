// SSE framing of the event log (daemon/api/sse.hpp): kind names and ?kinds parsing, resume ids,
// RFC 3339 times, the JSON of each kind with its enrichment, and the frame's wire shape
// (WHATWG HTML 9.2.6: "id:", "event:", "data:" lines, a blank line ends the event).
#include <gtest/gtest.h>

#include <algorithm>

#include "jumbe/api/sse.hpp"

namespace jumbe::api {
namespace {

using store::EventKind;

TEST(ApiSseKinds, EveryStoreKindHasTheContractName) {
  const std::pair<EventKind, const char*> table[] = {{EventKind::inbound, "inbound"},
                                                     {EventKind::state_changed, "state"},
                                                     {EventKind::delivery_report, "delivery"},
                                                     {EventKind::modem_health, "modem"},
                                                     {EventKind::ussd, "ussd"},
                                                     {EventKind::broadcast, "broadcast"}};
  for (const auto& [k, name] : table) {
    EXPECT_EQ(kind_name(k), name);
    EXPECT_EQ(kind_from_name(name), k);
  }
  EXPECT_FALSE(kind_from_name("state_changed"));
}

TEST(ApiSseKinds, ParsesAListWithSpacesAndEmptyMeansAll) {
  auto k = parse_kinds("inbound, delivery");
  ASSERT_TRUE(k) << k.error();
  EXPECT_TRUE(k->has(EventKind::inbound));
  EXPECT_TRUE(k->has(EventKind::delivery_report));
  EXPECT_FALSE(k->has(EventKind::state_changed));
  EXPECT_FALSE(k->has(EventKind::ussd));
  EXPECT_EQ(*parse_kinds(""), KindSet::all());
  EXPECT_EQ(*parse_kinds(" "), KindSet::all());
}

TEST(ApiSseKinds, AnUnknownKindIsNamedInTheError) {
  auto k = parse_kinds("inbound,sms");
  ASSERT_FALSE(k);
  EXPECT_EQ(k.error(),
            "kinds: 'sms' is not one of inbound, state, delivery, modem, ussd, broadcast");
}

TEST(ApiSseResume, EventIdsAreNonNegativeDecimals) {
  EXPECT_EQ(parse_event_id("42"), 42);
  EXPECT_EQ(parse_event_id(" 7 "), 7);
  EXPECT_EQ(parse_event_id("0"), 0);
  EXPECT_FALSE(parse_event_id(""));
  EXPECT_FALSE(parse_event_id("-1"));
  EXPECT_FALSE(parse_event_id("12abc"));
  EXPECT_FALSE(parse_event_id("99999999999999999999999"));
}

TEST(ApiSseTime, Rfc3339WithMilliseconds) {
  EXPECT_EQ(rfc3339_ms(0), "1970-01-01T00:00:00.000Z");
  // 2026-11-23T10:15:02.123Z = 1795428902123 ms (date -u -d @1795428902.123)
  EXPECT_EQ(rfc3339_ms(1795428902123), "2026-11-23T10:15:02.123Z");
  EXPECT_EQ(rfc3339_ms(951782400000), "2000-02-29T00:00:00.000Z");  // leap day
}

store::Event ev(store::EventId id, EventKind k, std::int64_t subject, std::optional<int> state,
                std::string detail) {
  store::Event e;
  e.id = id;
  e.at = 1795428902123;
  e.kind = k;
  e.subject_id = subject;
  e.state = state;
  e.detail = std::move(detail);
  return e;
}

TEST(ApiSseJson, InboundCarriesSenderTextAndModem) {
  store::InboundMessage in;
  in.id = 9;
  in.modem = "saf-1";
  in.sender = "+254712345678";
  in.text = "RIPOTI maji yamekatika\nKijiji cha Kamukunji";
  EventContext ctx;
  ctx.inbound = in;
  auto j = event_json(ev(5, EventKind::inbound, 9, 1, "complete"), ctx);
  EXPECT_EQ(j["id"], 5);
  EXPECT_EQ(j["at"], "2026-11-23T10:15:02.123Z");
  EXPECT_EQ(j["kind"], "inbound");
  EXPECT_EQ(j["subject"], 9);
  EXPECT_EQ(j["state"], "complete");
  EXPECT_EQ(j["detail"], "complete");
  EXPECT_EQ(j["from"], "+254712345678");
  EXPECT_EQ(j["text"], "RIPOTI maji yamekatika\nKijiji cha Kamukunji");
  EXPECT_EQ(j["modem"], "saf-1");
}

TEST(ApiSseJson, InboundWhosePartsNeverCameSaysIncomplete) {
  auto j = event_json(ev(6, EventKind::inbound, 10, 2, "incomplete: parts 1,3 of 3"), {});
  EXPECT_EQ(j["state"], "incomplete");
  EXPECT_TRUE(j["from"].is_null());  // purged or unreadable: null, not a made-up value
  EXPECT_TRUE(j["text"].is_null());
}

TEST(ApiSseJson, StateChangeNamesTheStateAndRecipient) {
  store::Message m;
  m.id = 123;
  m.recipient = "+254733000111";
  EventContext ctx;
  ctx.message = m;
  auto j = event_json(ev(7, EventKind::state_changed, 123, 2, ""), ctx);
  EXPECT_EQ(j["kind"], "state");
  EXPECT_EQ(j["state"], "sent");
  EXPECT_EQ(j["to"], "+254733000111");
  EXPECT_TRUE(j.contains("client_ref"));
}

TEST(ApiSseJson, BroadcastCancelHasNoRecipient) {
  auto j =
      event_json(ev(8, EventKind::state_changed, 0, 6, "broadcast 3 cancelled: 1200 messages"), {});
  EXPECT_EQ(j["state"], "cancelled");
  EXPECT_TRUE(j["to"].is_null());
}

TEST(ApiSseJson, DeliveryReportsClassifyTpStatus) {
  // TS 23.040 9.2.3.15: 0x00 received by the SME, 0x30 SC still trying (congestion),
  // 0x41 incompatible destination (permanent), 0x62 SC gave up after a temporary error.
  const std::pair<int, const char*> table[] = {{0x00, "delivered"}, {0x01, "delivered"},
                                               {0x30, "pending"},   {0x41, "failed"},
                                               {0x62, "failed"},    {0x80, "unknown"}};
  for (const auto& [st, name] : table) {
    auto j = event_json(ev(9, EventKind::delivery_report, 4, st, "segment 1 TP-ST"), {});
    EXPECT_EQ(j["kind"], "delivery");
    EXPECT_EQ(j["state"], name) << st;
    EXPECT_EQ(j["status"], st);
  }
}

TEST(ApiSseJson, ModemAndUssdEventsKeepTheirDetail) {
  auto j = event_json(ev(10, EventKind::modem_health, 0, std::nullopt, "saf-1: REGISTERED"), {});
  EXPECT_EQ(j["kind"], "modem");
  EXPECT_TRUE(j["state"].is_null());
  EXPECT_EQ(j["detail"], "saf-1: REGISTERED");
  j = event_json(ev(11, EventKind::ussd, 0, std::nullopt, "saf-1 0 Una ujumbe mpya"), {});
  EXPECT_EQ(j["kind"], "ussd");
}

TEST(ApiSseFrame, OneDataLineEvenWhenTheTextHasNewlines) {
  store::InboundMessage in;
  in.sender = "+254712345678";
  in.modem = "saf-1";
  in.text = "line one\nline two\r\nline three";
  EventContext ctx;
  ctx.inbound = in;
  const auto f = sse_frame(ev(42, EventKind::inbound, 3, 1, "complete"), ctx);
  ASSERT_TRUE(f.starts_with("id: 42\nevent: inbound\ndata: {"));
  ASSERT_TRUE(f.ends_with("}\n\n"));
  // Exactly three lines and the terminating blank line: an embedded newline would split data.
  EXPECT_EQ(std::count(f.begin(), f.end(), '\n'), 4);
  EXPECT_EQ(f.find('\r'), std::string::npos);
  const auto data = f.substr(f.find("data: ") + 6);
  auto j = nlohmann::json::parse(data.substr(0, data.size() - 2));
  EXPECT_EQ(j["text"], "line one\nline two\r\nline three");
}

TEST(ApiSseFrame, InvalidUtf8FromAModemDoesNotThrow) {
  store::InboundMessage in;
  in.sender = "+254712345678";
  in.text = std::string("caf\xe9 \xff", 6);
  EventContext ctx;
  ctx.inbound = in;
  std::string f;
  EXPECT_NO_THROW(f = sse_frame(ev(1, EventKind::inbound, 1, 1, "complete"), ctx));
  EXPECT_NE(f.find("\xEF\xBF\xBD"), std::string::npos);  // U+FFFD in UTF-8
}

TEST(ApiSseFrame, KeepaliveIsACommentLine) {
  EXPECT_EQ(kSseKeepalive, ": keepalive\n\n");
}

}  // namespace
}  // namespace jumbe::api
