// /cgi-bin/sendsms parsing: the exact requests RapidPro's Kannel channel sends (nyaruka/courier
// handlers/kannel/testdata/outgoing.json and handler.go) and Kannel's replies for each refusal
// (Kannel 1.4 gw/smsbox.c smsbox_req_sendsms / smsbox_req_handle / smsbox_sendsms_post).
#include "jumbe/kannel/sendsms.hpp"

#include <gtest/gtest.h>

#include "jumbe/kannel/dlr.hpp"

namespace jumbe::kannel {
namespace {

config::KannelConfig kannel_config() {
  config::KannelConfig k;
  k.enabled = true;
  k.users.push_back({"Username", config::Secret("Password", "inline"), "rapidpro", ""});
  k.users.push_back({"script", config::Secret("s3cret-pass", "inline"), "office", "JUMBE"});
  return k;
}

tl::expected<SendsmsRequest, Reply> get(std::string_view target) {
  static const config::KannelConfig cfg = kannel_config();
  return parse_sendsms(HttpRequest{"GET", target, "", "", {}}, cfg);
}

constexpr std::string_view kRapidProDlrUrl =
    "https://localhost/c/kn/8eb23e93-5ecb-45ba-b726-3b064e0c56ab/status?uuid="
    "0191e180-7d60-7000-aded-7d8b151cbd5b&status=%d";

// courier outgoing.json "Plain Send": GET with the query exactly as RapidPro builds it.
TEST(KannelSendsms, RapidProPlainSend) {
  auto r = get(
      "/cgi-bin/sendsms?dlr-mask=27&dlr-url=https%3A%2F%2Flocalhost%2Fc%2Fkn%2F8eb23e93-5ecb-45ba-"
      "b726-3b064e0c56ab%2Fstatus%3Fuuid%3D0191e180-7d60-7000-aded-7d8b151cbd5b%26status%3D%25d&"
      "from=2020&password=Password&text=Simple+Message&to=%2B250788383383&username=Username");
  ASSERT_TRUE(r) << r.error().body;
  EXPECT_EQ(r->username, "Username");
  EXPECT_EQ(r->client, "rapidpro");
  EXPECT_EQ(r->recipients, std::vector<std::string>{"+250788383383"});
  EXPECT_EQ(r->text, "Simple Message");
  EXPECT_EQ(r->from, "2020");
  EXPECT_EQ(r->dlr_mask, 27);
  EXPECT_EQ(r->dlr_url, kRapidProDlrUrl);
  EXPECT_EQ(r->priority, store::Priority::normal);
  EXPECT_EQ(r->origin, "kannel:27:" + std::string(kRapidProDlrUrl));
  const auto back = decode_dlr_origin(r->origin);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->mask, 27);
  EXPECT_EQ(back->url, kRapidProDlrUrl);
}

// courier "Unicode Send" / "Unicode Send Mixed": coding=2 and UTF-16BE bytes, no charset.
TEST(KannelSendsms, RapidProUcs2AsUtf16be) {
  auto r =
      get("/cgi-bin/sendsms?coding=2&dlr-mask=27&from=2020&password=Password&text=%26%3A&"
          "to=%2B250788383383&username=Username");
  ASSERT_TRUE(r) << r.error().body;
  EXPECT_EQ(r->text, "\xE2\x98\xBA");  // U+263A WHITE SMILING FACE
  EXPECT_EQ(r->coding, 2);
  auto mixed =
      get("/cgi-bin/sendsms?coding=2&from=2020&password=Password&text=%00H%00i%00+%26%3A&"
          "to=%2B250788383383&username=Username");
  ASSERT_TRUE(mixed) << mixed.error().body;
  EXPECT_EQ(mixed->text, "Hi \xE2\x98\xBA");
}

// courier handler.go today: coding=2&charset=utf8 with the text in UTF-8.
TEST(KannelSendsms, RapidProUcs2WithUtf8Charset) {
  auto r =
      get("/cgi-bin/sendsms?charset=utf8&coding=2&from=2020&password=Password&"
          "text=Habari+%F0%9F%98%80&to=%2B250788383383&username=Username");
  ASSERT_TRUE(r) << r.error().body;
  EXPECT_EQ(r->text, "Habari \xF0\x9F\x98\x80");
}

// courier "Send Attachment": high_priority adds priority=1, which must overtake normal traffic.
TEST(KannelSendsms, RapidProHighPriority) {
  auto r =
      get("/cgi-bin/sendsms?from=2020&password=Password&priority=1&"
          "text=My+pic%21%0Ahttps%3A%2F%2Ffoo.bar%2Fimage.jpg&to=%2B250788383383&"
          "username=Username");
  ASSERT_TRUE(r) << r.error().body;
  EXPECT_EQ(r->priority, store::Priority::high);
  EXPECT_EQ(r->text, "My pic!\nhttps://foo.bar/image.jpg");
  EXPECT_EQ(r->origin, "kannel");  // no dlr-url: nothing to call back
}

struct Refusal {
  const char* name;
  const char* target;
  unsigned status;
  const char* body;
};

class KannelSendsmsRefusal : public ::testing::TestWithParam<Refusal> {};

TEST_P(KannelSendsmsRefusal, AnswersLikeKannel) {
  const auto& c = GetParam();
  auto r = get(c.target);
  ASSERT_FALSE(r) << c.name;
  EXPECT_EQ(r.error().status, c.status);
  EXPECT_EQ(r.error().body, c.body);
  EXPECT_EQ(r.error().content_type, "text/html");
}

INSTANTIATE_TEST_SUITE_P(
    Table, KannelSendsmsRefusal,
    ::testing::Values(
        Refusal{"WrongPassword", "/cgi-bin/sendsms?username=Username&password=nope&to=1&text=x",
                403, "Authorization failed for sendsms"},
        Refusal{"UnknownUser", "/cgi-bin/sendsms?username=who&password=Password&to=1&text=x", 403,
                "Authorization failed for sendsms"},
        Refusal{"NoCredentials", "/cgi-bin/sendsms?to=1&text=x", 403,
                "Authorization failed for sendsms"},
        Refusal{"PasswordPrefix", "/cgi-bin/sendsms?username=Username&password=Pass&to=1&text=x",
                403, "Authorization failed for sendsms"},
        Refusal{"NoTo", "/cgi-bin/sendsms?username=Username&password=Password&text=x", 400,
                "Missing receiver number, rejected"},
        Refusal{"EmptyTo", "/cgi-bin/sendsms?username=Username&password=Password&to=&text=x", 400,
                "Empty receiver number not allowed, rejected"},
        Refusal{"AllDenied", "/cgi-bin/sendsms?username=Username&password=Password&to=abc&text=x",
                400, "Number(s) has/have been denied by white- and/or black-lists."},
        Refusal{"DlrMaskTooBig",
                "/cgi-bin/sendsms?username=Username&password=Password&to=1&text=x&dlr-mask=64", 400,
                "DLR-Mask field misformed, rejected"},
        Refusal{"DlrMaskNotANumber",
                "/cgi-bin/sendsms?username=Username&password=Password&to=1&text=x&dlr-mask=all",
                400, "DLR-Mask field misformed, rejected"},
        Refusal{"DlrUrlNotHttp",
                "/cgi-bin/sendsms?username=Username&password=Password&to=1&text=x&"
                "dlr-url=ftp%3A%2F%2Fhost%2Fx",
                400, "DLR-URL field misformed, rejected"},
        Refusal{"MClass",
                "/cgi-bin/sendsms?username=Username&password=Password&to=1&text=x&mclass=4", 400,
                "MClass field misformed, rejected"},
        Refusal{"Coding",
                "/cgi-bin/sendsms?username=Username&password=Password&to=1&text=x&coding=3", 400,
                "Coding field misformed, rejected"},
        Refusal{"Priority",
                "/cgi-bin/sendsms?username=Username&password=Password&to=1&text=x&priority=9", 400,
                "Priority field misformed, rejected"},
        Refusal{"Validity",
                "/cgi-bin/sendsms?username=Username&password=Password&to=1&text=x&validity=-5", 400,
                "Validity field misformed, rejected"},
        Refusal{"Account",
                "/cgi-bin/sendsms?username=Username&password=Password&to=1&text=x&account=%5Bx%5D",
                400, "Account field misformed or too long, rejected"},
        Refusal{"BadUtf8", "/cgi-bin/sendsms?username=Username&password=Password&to=1&text=%FF",
                400, "Charset or body misformed, rejected"},
        Refusal{"OddUtf16",
                "/cgi-bin/sendsms?username=Username&password=Password&to=1&coding=2&text=%00", 400,
                "Charset or body misformed, rejected"},
        Refusal{"UnknownCharset",
                "/cgi-bin/sendsms?username=Username&password=Password&to=1&text=x&charset=klingon",
                400, "Charset or body misformed, rejected"},
        Refusal{"EmptyText", "/cgi-bin/sendsms?username=Username&password=Password&to=1&text=", 400,
                "Empty text not allowed, rejected."},
        Refusal{"Udh",
                "/cgi-bin/"
                "sendsms?username=Username&password=Password&to=1&text=x&udh=%05%00%03%01%02%01",
                400, "UDH is not supported by jumbe (it builds its own), rejected"},
        Refusal{"EightBit",
                "/cgi-bin/sendsms?username=Username&password=Password&to=1&text=x&coding=1", 400,
                "8-bit binary messages (coding=1) are not supported by jumbe, rejected"}),
    [](const auto& p) { return std::string(p.param.name); });

TEST(KannelSendsms, SeveralReceiversSeparatedBySpacesDeduplicated) {
  // "+" in a query is a space (Kannel: "separate each entry with space (' ', '+' url-encoded)").
  auto r =
      get("/cgi-bin/sendsms?user=script&pass=s3cret-pass&text=Baraza+kesho&"
          "to=0712345678+0733000111%200712345678+07x1");
  ASSERT_TRUE(r) << r.error().body;
  EXPECT_EQ(r->recipients, (std::vector<std::string>{"0712345678", "0733000111"}));
  EXPECT_EQ(r->denied, std::vector<std::string>{"07x1"});
  EXPECT_EQ(r->from, "JUMBE");  // default_sender when `from` is absent
  EXPECT_EQ(r->client, "office");
}

TEST(KannelSendsms, ValidityDeferredAndPriorities) {
  auto r =
      get("/cgi-bin/sendsms?username=Username&password=Password&to=0712345678&text=code+1234"
          "&validity=5&deferred=10&priority=3");
  ASSERT_TRUE(r) << r.error().body;
  EXPECT_EQ(r->valid_for_ms, 300'000);
  EXPECT_EQ(r->defer_ms, 600'000);
  EXPECT_EQ(r->priority, store::Priority::emergency);
  auto n = get("/cgi-bin/sendsms?username=Username&password=Password&to=1&text=x&priority=0");
  ASSERT_TRUE(n);
  EXPECT_EQ(n->priority, store::Priority::normal);
  EXPECT_FALSE(n->valid_for_ms);
}

TEST(KannelSendsms, Latin1Charset) {
  auto r =
      get("/cgi-bin/sendsms?username=Username&password=Password&to=1&text=caf%E9&"
          "charset=ISO-8859-1");
  ASSERT_TRUE(r) << r.error().body;
  EXPECT_EQ(r->text, "caf\xC3\xA9");
}

TEST(KannelSendsms, PostFormBody) {
  const auto cfg = kannel_config();
  const std::string body =
      "username=Username&password=Password&to=%2B254712345678&text=Asante+sana&dlr-mask=3&"
      "dlr-url=http%3A%2F%2F127.0.0.1%3A9000%2Fdlr%3Fid%3D7%26s%3D%25d";
  auto r = parse_sendsms(
      HttpRequest{"POST", "/cgi-bin/sendsms", "application/x-www-form-urlencoded", body, {}}, cfg);
  ASSERT_TRUE(r) << r.error().body;
  EXPECT_EQ(r->text, "Asante sana");
  EXPECT_EQ(r->origin, "kannel:3:http://127.0.0.1:9000/dlr?id=7&s=%d");
}

// Kannel's POST interface: the body is the text, everything else in X-Kannel-* headers.
TEST(KannelSendsms, PostTextPlainWithXKannelHeaders) {
  const auto cfg = kannel_config();
  HttpRequest in{"POST", "/cgi-bin/sendsms", "text/plain; charset=ISO-8859-1", "caf\xE9 kesho", {}};
  in.headers = {{"X-Kannel-Username", "Username"},       {"X-Kannel-Password", "Password"},
                {"x-kannel-to", "0712345678"},           {"X-Kannel-DLR-Mask", "8"},
                {"X-Kannel-DLR-Url", "http://h/d?x=%d"}, {"Host", "localhost"}};
  auto r = parse_sendsms(in, cfg);
  ASSERT_TRUE(r) << r.error().body;
  EXPECT_EQ(r->text, "caf\xC3\xA9 kesho");
  EXPECT_EQ(r->recipients, std::vector<std::string>{"0712345678"});
  EXPECT_EQ(r->dlr_mask, 8);

  in.headers.erase(in.headers.begin() + 2);  // no X-Kannel-To
  auto missing = parse_sendsms(in, cfg);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error(), (Reply{400, "Missing receiver(s) number(s), rejected"}));
  in.content_type = "application/json";
  auto json = parse_sendsms(in, cfg);
  ASSERT_FALSE(json);
  EXPECT_EQ(json.error(), (Reply{400, "Invalid content-type"}));
}

TEST(KannelSendsms, DisabledAndOtherMethods) {
  config::KannelConfig off = kannel_config();
  off.enabled = false;
  auto r = parse_sendsms(HttpRequest{"GET", "/cgi-bin/sendsms?username=Username", "", "", {}}, off);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().status, 404u);
  auto del = parse_sendsms(HttpRequest{"DELETE", "/cgi-bin/sendsms", "", "", {}}, kannel_config());
  ASSERT_FALSE(del);
  EXPECT_EQ(del.error().status, 405u);
}

TEST(KannelReplies, ExactTexts) {
  EXPECT_EQ(reply_for(Outcome::accepted), (Reply{202, "0: Accepted for delivery"}));
  EXPECT_EQ(reply_for(Outcome::queued), (Reply{202, "3: Queued for later delivery"}));
  EXPECT_EQ(reply_for(Outcome::not_routable), (Reply{403, "Not routable. Do not try again."}));
  EXPECT_EQ(reply_for(Outcome::temporary_failure),
            (Reply{503, "Temporal failure, try again later."}));
  EXPECT_EQ(reply_authorization_failed(), (Reply{403, "Authorization failed for sendsms"}));
}

TEST(KannelReplies, SecureEquals) {
  EXPECT_TRUE(secure_equals("Password", "Password"));
  EXPECT_FALSE(secure_equals("Password", "Passwor"));
  EXPECT_FALSE(secure_equals("Password", "Password1"));
  EXPECT_FALSE(secure_equals("Password", "password"));
  EXPECT_TRUE(secure_equals("", ""));
}

}  // namespace
}  // namespace jumbe::kannel
