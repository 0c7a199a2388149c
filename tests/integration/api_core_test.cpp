// The HTTP API of a real jumbed on jumbe-sim, over its unix socket and TCP (suites JumbedApi*):
// a submitted message reaches the simulated modem, idempotent resubmission, callers without a
// role (403) or a token (401), malformed and oversized requests, a slow client cut off while
// another is served, rate limits, pipelining, stale/live socket files (client: raw_http.hpp).
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <sstream>

#include "raw_http.hpp"

using namespace jumbe::testing;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

constexpr const char* kToken = "0123456789abcdef0123456789abcdef";

using Daemon = ApiDaemon;

TEST(JumbedApi, SubmittedMessageReachesTheModemAndResubmissionIsIdempotent) {
  Daemon t("");
  t.start();
  auto c = t.conn();
  ASSERT_TRUE(c.ok());
  const std::string body =
      R"({"to":"0712 000 111","text":"Kikao cha baraza kesho saa nne","idempotency_key":"minutes-7","client_ref":"case-7"})";
  auto r = c.request("POST", "/v1/messages", body);
  ASSERT_EQ(r.status, 202) << r.body;
  const auto id = r.j()["id"].get<long>();
  EXPECT_EQ(r.j()["to"], "+254712000111");
  EXPECT_EQ(r.j()["duplicate"], false);
  ASSERT_TRUE(Jumbed::wait([&] { return !t.d.sent(0).empty(); }, 30s)) << t.d.log();
  const auto sent = t.d.sent(0);
  ASSERT_EQ(sent.size(), 1U);
  EXPECT_EQ(sent[0].dump().find("Kikao cha baraza kesho saa nne") != std::string::npos, true)
      << sent[0].dump();
  // The same key again (on the same keep-alive connection): the same id, nothing sent twice.
  auto again = c.request("POST", "/v1/messages", body);
  ASSERT_EQ(again.status, 202);
  EXPECT_EQ(again.j()["id"].get<long>(), id);
  EXPECT_EQ(again.j()["duplicate"], true);
  ASSERT_TRUE(Jumbed::wait(
      [&] {
        auto g = t.conn().request("GET", "/v1/messages/" + std::to_string(id));
        return g.j().value("state", "") == "sent" || g.j().value("state", "") == "delivered";
      },
      30s));
  auto g = c.request("GET", "/v1/messages/" + std::to_string(id));
  EXPECT_EQ(g.j()["client_ref"], "case-7");
  EXPECT_EQ(g.j()["modem"], "saf-1");
  EXPECT_GE(g.j()["segment_log"].size(), 1U);
  std::this_thread::sleep_for(500ms);
  EXPECT_EQ(t.d.sent(0).size(), 1U);
}

TEST(JumbedApi, BroadcastToAGroupAndInboxFromTheNetwork) {
  Daemon t("", "services:\n  groups:\n    - name: LANET\n");
  t.start();
  auto c = t.conn();
  auto add = c.request("POST", "/v1/groups/LANET/members",
                       R"({"numbers":["0712000201","0712000202","0712000203"]})");
  ASSERT_EQ(add.status, 200) << add.body;
  auto b = c.request("POST", "/v1/broadcasts", R"({"group":"LANET","text":"Maji kesho"})");
  ASSERT_EQ(b.status, 202) << b.body;
  EXPECT_EQ(b.j()["recipients"], 3);
  ASSERT_TRUE(Jumbed::wait([&] { return t.d.sent(0).size() >= 3; }, 30s)) << t.d.log();
  auto p = c.request("GET", "/v1/broadcasts/" + b.j()["id"].dump());
  ASSERT_EQ(p.status, 200);
  EXPECT_EQ(p.j()["total"], 3);

  auto r = t.sim.request({{"cmd", "deliver"}, {"from", "+254722000111"}, {"text", "RIPOTI maji"}});
  ASSERT_TRUE(r.value("ok", false)) << r.dump();
  Resp inbox;
  ASSERT_TRUE(Jumbed::wait(
      [&] {
        inbox = t.conn().request("GET", "/v1/inbox");
        return inbox.status == 200 && !inbox.j()["messages"].empty();
      },
      30s))
      << t.d.log();
  EXPECT_EQ(inbox.j()["messages"][0]["from"], "+254722000111");
  EXPECT_EQ(inbox.j()["messages"][0]["text"], "RIPOTI maji");
  auto ack =
      c.request("POST", "/v1/inbox/ack", json{{"upto", inbox.j()["messages"][0]["id"]}}.dump());
  EXPECT_EQ(ack.status, 200);
  EXPECT_TRUE(c.request("GET", "/v1/inbox").j()["messages"].empty());
}

// Runs `fn` in a child process as uid/gid 65534 (nobody) and returns what it wrote.
std::string as_nobody(const std::function<std::string()>& fn) {
  int p[2];
  if (::pipe(p) != 0) return "pipe failed";
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(p[0]);
    std::string out = (::setgid(65534) == 0 && ::setuid(65534) == 0) ? fn() : "setuid failed";
    (void)!::write(p[1], out.data(), out.size());
    ::_exit(0);
  }
  ::close(p[1]);
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = ::read(p[0], buf, sizeof buf)) > 0)
    out.append(buf, static_cast<std::size_t>(n));
  ::close(p[0]);
  ::waitpid(pid, nullptr, 0);
  return out;
}

TEST(JumbedApi, CallersWithoutARoleAreRefused) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to connect as another uid";
  // The socket is world-connectable here so the refusal comes from the API, not the file mode;
  // root is listed as a reader, so it no longer gets admin by default.
  Daemon t("  socket_mode: \"0666\"\n  clients:\n    - {name: viewer, role: reader, uid: 0}\n");
  t.start();
  // The test's temp dir is private; nobody needs to traverse it to reach the socket.
  ASSERT_EQ(::chmod(t.sim.dir().c_str(), 0711), 0);
  const std::string socket = t.socket;
  const std::string out = as_nobody([&] {
    auto r = Conn::unix_socket(socket).request("GET", "/v1/queue");
    return std::to_string(r.status) + " " + r.body;
  });
  EXPECT_EQ(out.substr(0, 3), "403") << out;
  EXPECT_NE(out.find("uid 65534 is not an API client (add it under api.clients)"),
            std::string::npos)
      << out;
  auto c = t.conn();
  EXPECT_EQ(c.request("GET", "/v1/queue").status, 200);
  auto w = c.request("POST", "/v1/messages", R"({"to":"0712000111","text":"x"})");
  EXPECT_EQ(w.status, 403);
  EXPECT_NE(w.body.find("client viewer has role reader"), std::string::npos) << w.body;
}

TEST(JumbedApi, TcpNeedsTheRightBearerToken) {
  const int port = free_tcp_port();
  Daemon t("  tcp:\n    host: 127.0.0.1\n    port: " + std::to_string(port) +
           "\n  clients:\n    - {name: crm, role: sender, token: " + kToken + "}\n");
  t.start();
  auto none = Conn::tcp(port).request("GET", "/v1/queue");
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(none.headers["www-authenticate"], "Bearer");
  EXPECT_EQ(none.j()["error"]["code"], "unauthorized");
  auto wrong = Conn::tcp(port).request(
      "GET", "/v1/queue", "", "Authorization: Bearer 0123456789abcdef0123456789abcdeX\r\n");
  EXPECT_EQ(wrong.status, 401);
  auto right =
      Conn::tcp(port).request("POST", "/v1/messages", R"({"to":"0712000111","text":"kupitia tcp"})",
                              std::string("Authorization: Bearer ") + kToken + "\r\n");
  EXPECT_EQ(right.status, 202) << right.body;
}

TEST(JumbedApi, MalformedAndOversizedRequests) {
  Daemon t("  limits:\n    max_body: 1KiB\n    max_header: 1KiB\n");
  t.start();
  auto bad_json = t.conn().request("POST", "/v1/messages", R"({"to":"0712000111","text":)");
  EXPECT_EQ(bad_json.status, 400);
  EXPECT_EQ(bad_json.j()["error"]["code"], "bad_request");
  auto invalid = t.conn().request("POST", "/v1/messages", R"({"to":"0712","text":"x"})");
  EXPECT_EQ(invalid.status, 422);
  EXPECT_EQ(invalid.j()["error"]["field"], "to");
  auto big = t.conn().request("POST", "/v1/messages",
                              R"({"to":"0712000111","text":")" + std::string(2000, 'a') + "\"}");
  EXPECT_EQ(big.status, 413) << big.body;
  EXPECT_EQ(big.j()["error"]["code"], "payload_too_large");
  auto header =
      t.conn().request("GET", "/v1/queue", "", "X-Junk: " + std::string(2000, 'h') + "\r\n");
  EXPECT_EQ(header.status, 431);
  EXPECT_EQ(header.j()["error"]["code"], "header_too_large");
  auto garbage = t.conn();
  garbage.send_raw("HELLO THERE\r\n\r\n");
  EXPECT_EQ(garbage.read_response().status, 400);
  EXPECT_EQ(t.conn().request("GET", "/v1/nope").status, 404);
  auto m = t.conn().request("PATCH", "/v1/queue");
  EXPECT_EQ(m.status, 405);
  EXPECT_EQ(m.headers["allow"], "GET");
  // The daemon is still fine.
  EXPECT_EQ(t.conn().request("GET", "/v1/queue").status, 200);
}

TEST(JumbedApi, SlowClientIsCutOffWhileOthersAreServed) {
  Daemon t("  limits:\n    slow_client_timeout: 2s\n");
  t.start();
  auto slow = t.conn();
  ASSERT_TRUE(
      slow.send_raw("POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\n{\"to\":"));
  auto other = t.conn();
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(other.request("GET", "/v1/queue").status, 200);
  EXPECT_TRUE(slow.wait_closed(20s)) << "the stalled request was never cut off";
  EXPECT_EQ(other.request("GET", "/v1/queue").status, 200);
  EXPECT_TRUE(t.d.log_contains("slow_client_timeout")) << t.d.log();
}

TEST(JumbedApi, RateLimitAnswers429WithRetryAfter) {
  Daemon t("  limits:\n    requests: 1/min\n    request_burst: 3\n");
  t.start();
  auto c = t.conn();
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(c.request("GET", "/v1/queue").status, 200);
  auto r = c.request("GET", "/v1/queue");
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.j()["error"]["code"], "rate_limited");
  EXPECT_GE(std::stoi(r.headers["retry-after"]), 1);
}

TEST(JumbedApi, PipelinedRequestsAreAnsweredInOrder) {
  Daemon t("");
  t.start();
  auto c = t.conn();
  c.send_raw(
      "POST /v1/messages/preview HTTP/1.1\r\nHost: x\r\nContent-Length: 12\r\n\r\n{\"text\":\"a\"}"
      "GET /v1/nothing HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /v1/queue HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(c.read_response().status, 200);
  EXPECT_EQ(c.read_response().status, 404);
  EXPECT_EQ(c.read_response().status, 200);
}

TEST(JumbedApi, StaleSocketIsReplacedAndALiveOneRefused) {
  Daemon t("");
  t.start();
  // A second daemon on the same socket: one line naming the path, non-zero exit.
  auto second = run_command({JUMBED_BINARY, "--config", t.d.config_path()}, 30s);
  EXPECT_NE(second.exit_code, 0);
  EXPECT_NE(second.output.find("api.socket " + t.socket + ": another process is listening"),
            std::string::npos)
      << second.output;
  EXPECT_EQ(t.conn().request("GET", "/v1/queue").status, 200);
  // SIGKILL leaves the socket file behind; the next start replaces it.
  t.d.kill9();
  ASSERT_EQ(::access(t.socket.c_str(), F_OK), 0);
  t.d.start();
  ASSERT_TRUE(t.d.wait_ready()) << t.d.log();
  EXPECT_EQ(t.conn().request("GET", "/v1/queue").status, 200);
  // SIGTERM removes it.
  t.d.stop();
  EXPECT_NE(::access(t.socket.c_str(), F_OK), 0);
}

}  // namespace
