// Message, broadcast, group and inbox endpoints through the real route table, store and gateway
// (no sockets: api_harness.hpp). Each test checks what a client would see: status, error code and
// the field a validation error names, and the JSON shapes of api-contract.md.
#include <gtest/gtest.h>

#include "api_harness.hpp"
#include "jumbe/store/store.hpp"

namespace jumbe::api::testing {
namespace {

using http::verb;
using nlohmann::json;

TEST(ApiMessages, SubmitOneAndReadItBack) {
  Harness h;
  auto r = h.call(verb::post, "/v1/messages",
                  json{{"to", "0712 345 678"}, {"text", "Habari"}, {"client_ref", "case-9"}},
                  h.sender());
  ASSERT_EQ(r.status, 202) << r.raw;
  EXPECT_EQ(r.body["to"], "+254712345678");
  EXPECT_EQ(r.body["state"], "queued");
  EXPECT_EQ(r.body["encoding"], "gsm7");
  EXPECT_EQ(r.body["segments"], 1);
  EXPECT_EQ(r.body["duplicate"], false);
  EXPECT_EQ(r.body["client_ref"], "case-9");
  const auto id = r.body["id"].get<std::int64_t>();
  auto g = h.get("/v1/messages/" + std::to_string(id), h.reader());
  ASSERT_EQ(g.status, 200) << g.raw;
  EXPECT_EQ(g.body["text"], "Habari");
  EXPECT_EQ(g.body["priority"], "normal");
  EXPECT_EQ(g.body["client_ref"], "case-9");
  EXPECT_TRUE(g.body["valid_until"].is_null());
  EXPECT_TRUE(g.body["segment_log"].is_array());
  EXPECT_EQ(g.body["created_at"].get<std::string>().back(), 'Z');
}

TEST(ApiMessages, ManyRecipientsUcs2AndValidity) {
  Harness h;
  auto r = h.call(verb::post, "/v1/messages",
                  json{{"to", json::array({"0712345678", "+254733123456"})},
                       {"text", "Mkutano leo 😀"},
                       {"priority", "high"},
                       {"valid_for", "2h"}},
                  h.sender());
  ASSERT_EQ(r.status, 202) << r.raw;
  ASSERT_EQ(r.body["messages"].size(), 2U);
  EXPECT_EQ(r.body["messages"][1]["to"], "+254733123456");
  EXPECT_EQ(r.body["messages"][0]["encoding"], "ucs2");
  auto g =
      h.get("/v1/messages/" + std::to_string(r.body["messages"][0]["id"].get<int>()), h.reader());
  EXPECT_EQ(g.body["priority"], "high");
  EXPECT_FALSE(g.body["valid_until"].is_null());
}

TEST(ApiMessages, ValidationNamesTheField) {
  Harness h;
  struct Row {
    json body;
    std::string field;
  } rows[] = {
      {{{"text", "x"}}, "to"},
      {{{"to", "07123"}, {"text", "x"}}, "to"},
      {{{"to", json::array({"0712345678", "0712345678", "abc"})}, {"text", "x"}}, "to[2]"},
      {{{"to", json::array()}, {"text", "x"}}, "to"},
      {{{"to", "0712345678"}}, "text"},
      {{{"to", "0712345678"}, {"text", ""}}, "text"},
      {{{"to", "0712345678"}, {"text", 5}}, "text"},
      {{{"to", "0712345678"}, {"text", "x"}, {"priority", "urgent"}}, "priority"},
      {{{"to", "0712345678"}, {"text", "x"}, {"valid_for", "1.5h"}}, "valid_for"},
      {{{"to", "0712345678"}, {"text", "x"}, {"valid_for", 0}}, "valid_for"},
      {{{"to", "0712345678"}, {"text", "x"}, {"not_before", "tomorrow"}}, "not_before"},
      {{{"to", "0712345678"}, {"text", "x"}, {"status_report", "yes"}}, "status_report"},
      {{{"to", "0712345678"}, {"text", "x"}, {"client_ref", std::string(65, 'r')}}, "client_ref"},
      {{{"to", "0712345678"}, {"text", "x"}, {"idempotency_key", std::string(129, 'k')}},
       "idempotency_key"},
      {{{"to", "0712345678"}, {"text", "x"}, {"modem", "nosuch"}}, "modem"},
      {{{"to", "0712345678"}, {"text", std::string(40000, 'a')}}, "text"},
  };
  for (const auto& row : rows) {
    auto r = h.call(verb::post, "/v1/messages", row.body, h.sender());
    EXPECT_EQ(r.status, 422) << row.body.dump().substr(0, 200) << " -> " << r.raw;
    EXPECT_EQ(r.body["error"]["code"], "invalid") << r.raw;
    EXPECT_EQ(r.body["error"]["field"], row.field) << r.raw;
  }
  // More recipients than api.limits.max_recipients (50 in the harness).
  json many = json::array();
  for (int i = 0; i < 51; ++i)
    many.push_back("0712345678");
  auto r = h.call(verb::post, "/v1/messages", json{{"to", many}, {"text", "x"}}, h.sender());
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body["error"]["message"].get<std::string>().find("max_recipients"),
            std::string::npos);
}

TEST(ApiMessages, MalformedBodiesAre400) {
  Harness h;
  for (const char* body : {"", "{", "[]", "\"x\"", "{\"to\":}"}) {
    auto r = h.call(verb::post, "/v1/messages", std::string(body), h.sender());
    EXPECT_EQ(r.status, 400) << body;
    EXPECT_EQ(r.body["error"]["code"], "bad_request");
  }
  auto r = h.call(verb::post, "/v1/messages", std::string("to=0712345678&text=x"), h.sender(),
                  "application/x-www-form-urlencoded");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.raw.find("application/json"), std::string::npos);
}

TEST(ApiMessages, IdempotencyKeyInBodyOrHeaderReturnsTheSameId) {
  Harness h;
  json body{{"to", "0712345678"}, {"text", "once"}, {"idempotency_key", "k-1"}};
  auto a = h.call(verb::post, "/v1/messages", body, h.sender());
  auto b = h.call(verb::post, "/v1/messages", body, h.sender());
  ASSERT_EQ(a.status, 202);
  ASSERT_EQ(b.status, 202);
  EXPECT_EQ(a.body["id"], b.body["id"]);
  EXPECT_EQ(b.body["duplicate"], true);
  // Another client's identical key is its own message.
  auto c = h.call(verb::post, "/v1/messages", body, h.admin());
  EXPECT_NE(c.body["id"], a.body["id"]);
  // Per-recipient keys "<key>/<index>" for lists.
  json list{
      {"to", json::array({"0712345678", "0733123456"})}, {"text", "x"}, {"idempotency_key", "k-2"}};
  auto l1 = h.call(verb::post, "/v1/messages", list, h.sender());
  auto l2 = h.call(verb::post, "/v1/messages", list, h.sender());
  EXPECT_EQ(l1.body["messages"][1]["id"], l2.body["messages"][1]["id"]);
  EXPECT_EQ(l2.body["messages"][0]["duplicate"], true);
}

TEST(ApiMessages, CancelOwnQueuedMessageOnlyOnce) {
  Harness h;
  auto a =
      h.call(verb::post, "/v1/messages", json{{"to", "0712345678"}, {"text", "x"}}, h.sender());
  const std::string path = "/v1/messages/" + std::to_string(a.body["id"].get<int>());
  Caller other = h.sender();
  other.name = "someone-else";
  auto f = h.call(verb::delete_, path, std::string(), other, "");
  EXPECT_EQ(f.status, 403);
  auto c = h.call(verb::delete_, path, std::string(), h.sender(), "");
  ASSERT_EQ(c.status, 200) << c.raw;
  EXPECT_EQ(c.body["state"], "cancelled");
  auto again = h.call(verb::delete_, path, std::string(), h.sender(), "");
  EXPECT_EQ(again.status, 409) << again.raw;
  EXPECT_EQ(again.body["error"]["code"], "conflict");
  EXPECT_EQ(h.call(verb::delete_, "/v1/messages/999999", std::string(), h.admin(), "").status, 404);
  EXPECT_EQ(h.get("/v1/messages/abc", h.reader()).status, 404);
}

TEST(ApiMessages, PreviewCountsSegments) {
  Harness h;
  auto r =
      h.call(verb::post, "/v1/messages/preview", json{{"text", std::string(170, 'a')}}, h.sender());
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body["encoding"], "gsm7");
  EXPECT_EQ(r.body["segments"], 2);
  EXPECT_EQ(r.body["characters"], 170);
  EXPECT_EQ(r.body["per_segment"], 153);
  EXPECT_EQ(r.body["characters_left"], 136);
  auto u = h.call(verb::post, "/v1/messages/preview", json{{"text", "Ωmega ✓"}}, h.sender());
  EXPECT_EQ(u.body["encoding"], "ucs2");
  EXPECT_EQ(u.body["per_segment"], 70);
}

TEST(ApiQueue, ListsByStateWithPaging) {
  Harness h;
  for (int i = 0; i < 3; ++i)
    h.call(verb::post, "/v1/messages", json{{"to", "0712345678"}, {"text", "q"}}, h.sender());
  auto p1 = h.get("/v1/queue?state=queued&limit=2", h.reader());
  ASSERT_EQ(p1.status, 200) << p1.raw;
  ASSERT_EQ(p1.body["messages"].size(), 2U);
  EXPECT_EQ(p1.body["messages"][0]["state"], "queued");
  ASSERT_FALSE(p1.body["next"].is_null());
  auto p2 = h.get("/v1/queue?state=queued&limit=2&after=" + p1.body["next"].dump(), h.reader());
  EXPECT_EQ(p2.body["messages"].size(), 1U);
  EXPECT_TRUE(p2.body["next"].is_null());
  EXPECT_EQ(h.get("/v1/queue?state=sent", h.reader()).body["error"]["field"], "state");
  EXPECT_EQ(h.get("/v1/queue?limit=0", h.reader()).body["error"]["field"], "limit");
  EXPECT_EQ(h.get("/v1/queue?state=held", h.reader()).body["messages"].size(), 0U);
}

TEST(ApiQueue, ReleaseOnlyHeldMessages) {
  Harness h;
  auto a =
      h.call(verb::post, "/v1/messages", json{{"to", "0712345678"}, {"text", "x"}}, h.sender());
  auto r =
      h.call(verb::post, "/v1/messages/" + std::to_string(a.body["id"].get<int>()) + "/release",
             std::string(), h.admin(), "");
  EXPECT_EQ(r.status, 409) << r.raw;
  EXPECT_NE(r.body["error"]["message"].get<std::string>().find("not held"), std::string::npos);
}

TEST(ApiBroadcasts, GroupMembersBroadcastProgressAndCancel) {
  Harness h;
  auto add =
      h.call(verb::post, "/v1/groups/lanet/members",
             json{{"numbers", json::array({"0712345678", "0733123456", "0712345678"})}}, h.admin());
  ASSERT_EQ(add.status, 200) << add.raw;
  EXPECT_EQ(add.body["added"], 2);
  auto groups = h.get("/v1/groups", h.reader());
  ASSERT_EQ(groups.status, 200);
  EXPECT_EQ(groups.body["groups"][0]["name"], "LANET");
  EXPECT_EQ(groups.body["groups"][0]["members"], 2);
  EXPECT_EQ(groups.body["groups"][1]["open"], false);

  // A sender without the group is refused; with it, the broadcast goes to the members.
  auto denied =
      h.call(verb::post, "/v1/broadcasts", json{{"group", "LANET"}, {"text", "Maji"}}, h.sender());
  EXPECT_EQ(denied.status, 403) << denied.raw;
  auto b = h.call(verb::post, "/v1/broadcasts",
                  json{{"group", "LANET"}, {"text", "Maji yatakatika leo"}}, h.sender({"LANET"}));
  ASSERT_EQ(b.status, 202) << b.raw;
  EXPECT_EQ(b.body["recipients"], 2);
  EXPECT_EQ(b.body["encoding"], "gsm7");
  const std::string path = "/v1/broadcasts/" + std::to_string(b.body["id"].get<int>());
  auto p = h.get(path, h.reader());
  ASSERT_EQ(p.status, 200) << p.raw;
  EXPECT_EQ(p.body["total"], 2);
  EXPECT_EQ(p.body["counts"]["queued"], 2);
  EXPECT_EQ(p.body["done"], false);
  EXPECT_EQ(p.body["rate_per_minute"], 0.0);
  EXPECT_TRUE(p.body["eta_seconds"].is_null());
  auto c = h.call(verb::delete_, path, std::string(), h.sender({"LANET"}), "");
  ASSERT_EQ(c.status, 200) << c.raw;
  EXPECT_EQ(c.body["cancelled"], 2);
  EXPECT_EQ(h.get(path, h.reader()).body["done"], true);

  auto rm =
      h.call(verb::delete_, "/v1/groups/LANET/members/+254712345678", std::string(), h.admin(), "");
  EXPECT_EQ(rm.status, 200) << rm.raw;
  EXPECT_EQ(
      h.call(verb::delete_, "/v1/groups/LANET/members/+254712345678", std::string(), h.admin(), "")
          .status,
      404);
}

TEST(ApiBroadcasts, RecipientListsAndErrors) {
  Harness h;
  auto b = h.call(verb::post, "/v1/broadcasts",
                  json{{"recipients", json::array({"0712345678", "0722000111"})},
                       {"text", "x"},
                       {"name", "drill"}},
                  h.sender());
  ASSERT_EQ(b.status, 202) << b.raw;
  EXPECT_EQ(h.get("/v1/broadcasts/" + b.body["id"].dump(), h.reader()).body["name"], "drill");
  EXPECT_EQ(
      h.call(verb::post, "/v1/broadcasts", json{{"group", "NOWHERE"}, {"text", "x"}}, h.admin())
          .status,
      404);
  EXPECT_EQ(h.call(verb::post, "/v1/broadcasts", json{{"group", "LANET"}, {"text", "x"}}, h.admin())
                .body["error"]["field"],
            "group");  // no members yet
  EXPECT_EQ(
      h.call(verb::post, "/v1/broadcasts",
             json{{"recipients", json::array({"0712345678", "12"})}, {"text", "x"}}, h.admin())
          .body["error"]["field"],
      "recipients[1]");
  EXPECT_EQ(h.call(verb::post, "/v1/broadcasts", json{{"text", "x"}}, h.admin()).status, 422);
  EXPECT_EQ(h.call(verb::post, "/v1/groups/LANET/members", json{{"numbers", json::array({"x"})}},
                   h.admin())
                .body["error"]["field"],
            "numbers[0]");
  EXPECT_EQ(h.get("/v1/broadcasts/424242", h.reader()).status, 404);
}

TEST(ApiInbox, ListsAfterTheClientsCursorAndAckNeverMovesBack) {
  Harness h;
  for (int i = 0; i < 3; ++i) {
    store::InboundPart p;
    p.modem = "saf-1";
    p.sender = "+254712345678";
    p.text = "RIPOTI " + std::to_string(i);
    // Kept verbatim, not parsed here; (modem, raw PDU) is the store's duplicate key.
    p.raw_pdu = "07911326040000F0040B911327543216F8000" + std::to_string(i);
    p.received_at = 1'700'000'000'000 + i;
    auto r = store::wait_for<store::InboundPartResult>(
        [&](auto done) { h.store().add_inbound_part(p, std::move(done)); });
    ASSERT_TRUE(r);
  }
  auto all = h.get("/v1/inbox", h.sender());
  ASSERT_EQ(all.status, 200) << all.raw;
  ASSERT_EQ(all.body["messages"].size(), 3U);
  EXPECT_EQ(all.body["messages"][0]["from"], "+254712345678");
  EXPECT_EQ(all.body["messages"][0]["complete"], true);
  const auto second = all.body["messages"][1]["id"].get<std::int64_t>();
  auto ack = h.call(verb::post, "/v1/inbox/ack", json{{"upto", second}}, h.sender());
  ASSERT_EQ(ack.status, 200) << ack.raw;
  EXPECT_EQ(ack.body["acknowledged"], second);
  auto rest = h.get("/v1/inbox", h.sender());
  ASSERT_EQ(rest.body["messages"].size(), 1U);
  EXPECT_EQ(rest.body["messages"][0]["text"], "RIPOTI 2");
  auto back = h.call(verb::post, "/v1/inbox/ack", json{{"upto", 0}}, h.sender());
  EXPECT_EQ(back.body["acknowledged"], second);
  // Another client has its own cursor.
  EXPECT_EQ(h.get("/v1/inbox", h.reader()).body["messages"].size(), 3U);
  EXPECT_EQ(h.get("/v1/inbox?limit=2", h.reader()).body["next"], all.body["messages"][1]["id"]);
  EXPECT_EQ(
      h.call(verb::post, "/v1/inbox/ack", json{{"upto", "x"}}, h.sender()).body["error"]["field"],
      "upto");
}

TEST(ApiRoles, MinimumRolePerRoute) {
  Harness h;
  EXPECT_EQ(
      h.call(verb::post, "/v1/messages", json{{"to", "0712345678"}, {"text", "x"}}, h.reader())
          .status,
      403);
  EXPECT_EQ(h.call(verb::post, "/v1/groups/LANET/members",
                   json{{"numbers", json::array({"0712345678"})}}, h.sender())
                .status,
            403);
  EXPECT_EQ(h.get("/v1/queue", Caller{}).status, 403);
  EXPECT_EQ(h.get("/v1/queue", h.reader()).status, 200);
}

}  // namespace
}  // namespace jumbe::api::testing
