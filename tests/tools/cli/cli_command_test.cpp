// The `jumbe` binary as scripts see it: exit codes (2 usage, 3 daemon unreachable naming the
// socket, 1 API error with its message), tables and --json, against a tiny in-process daemon on a
// unix socket that answers like /work/notes/api-contract.md. Suites CliCommand*.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

namespace {

using namespace std::chrono_literals;

struct CliRun {
  int exit_code = -1;
  std::string out, err;
};

std::string slurp(const std::string& path) {
  std::ifstream f(path);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// Runs the CLI with stdout and stderr kept apart; killed after 30 s (a failure, never a timing
// assertion).
CliRun run_cli(std::vector<std::string> args, const std::map<std::string, std::string>& env = {}) {
  char tmpl[] = "/tmp/jumbe-cli-run-XXXXXX";
  const std::string dir = ::mkdtemp(tmpl);
  const std::string out = dir + "/out", err = dir + "/err";
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::setpgid(0, 0);
    const int o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int in = ::open("/dev/null", O_RDONLY);
    ::dup2(o, 1);
    ::dup2(e, 2);
    ::dup2(in, 0);
    ::unsetenv("JUMBE_SOCKET");
    for (const auto& [k, v] : env)
      ::setenv(k.c_str(), v.c_str(), 1);
    std::vector<char*> argv;
    std::string bin = JUMBE_CLI;
    argv.push_back(bin.data());
    for (auto& a : args)
      argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(bin.c_str(), argv.data());
    ::_exit(127);
  }
  CliRun r;
  int status = 0;
  const auto until = std::chrono::steady_clock::now() + 30s;
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > until) {
      ::kill(-pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(10ms);
  }
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  std::remove(out.c_str());
  std::remove(err.c_str());
  ::rmdir(dir.c_str());
  return r;
}

// A daemon stand-in: canned answers by "METHOD /path" (query ignored), every request recorded.
class FakeDaemon {
 public:
  struct Answer {
    int status = 200;
    std::string body;
  };

  FakeDaemon() {
    char tmpl[] = "/tmp/jumbe-cli-fake-XXXXXX";
    dir_ = ::mkdtemp(tmpl);
    path_ = dir_ + "/jumbe.sock";
    fd_ = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un a{};
    a.sun_family = AF_UNIX;
    std::snprintf(a.sun_path, sizeof a.sun_path, "%s", path_.c_str());
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(fd_, 16) != 0)
      throw std::runtime_error("fake daemon: cannot listen on " + path_);
    thread_ = std::thread([this] { serve(); });
  }
  ~FakeDaemon() {
    stop_ = true;
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
    std::remove(path_.c_str());
    ::rmdir(dir_.c_str());
  }

  void on(const std::string& method_path, int status, const std::string& body) {
    std::lock_guard<std::mutex> l(m_);
    answers_[method_path] = {status, body};
  }
  std::vector<std::string> requests() {
    std::lock_guard<std::mutex> l(m_);
    return requests_;
  }
  const std::string& path() const { return path_; }

 private:
  void serve() {
    while (!stop_) {
      const int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      handle(c);
      ::close(c);
    }
  }

  void handle(int c) {
    std::string data;
    char buf[4096];
    std::size_t need = std::string::npos;
    while (true) {
      const auto head_end = data.find("\r\n\r\n");
      if (head_end != std::string::npos && need == std::string::npos) {
        std::size_t len = 0;
        std::istringstream hs(data.substr(0, head_end));
        for (std::string line; std::getline(hs, line);)
          if (line.rfind("Content-Length:", 0) == 0 || line.rfind("content-length:", 0) == 0)
            len = std::stoul(line.substr(15));
        need = head_end + 4 + len;
      }
      if (need != std::string::npos && data.size() >= need) break;
      const auto n = ::read(c, buf, sizeof buf);
      if (n <= 0) return;
      data.append(buf, static_cast<std::size_t>(n));
    }
    const std::string line = data.substr(0, data.find("\r\n"));
    const std::string method = line.substr(0, line.find(' '));
    std::string target = line.substr(method.size() + 1);
    target = target.substr(0, target.find(' '));
    const std::string path = target.substr(0, target.find('?'));
    const std::string body = data.substr(data.find("\r\n\r\n") + 4);
    Answer a{404, R"({"error":{"code":"not_found","message":"no route )" + path + R"("}})"};
    {
      std::lock_guard<std::mutex> l(m_);
      requests_.push_back(method + " " + target + (body.empty() ? "" : " " + body));
      if (auto it = answers_.find(method + " " + path); it != answers_.end()) a = it->second;
    }
    const std::string resp =
        "HTTP/1.1 " + std::to_string(a.status) +
        " X\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(a.body.size()) +
        "\r\nConnection: close\r\n\r\n" + a.body;
    (void)!::write(c, resp.data(), resp.size());
  }

  std::string dir_, path_;
  int fd_ = -1;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::mutex m_;
  std::map<std::string, Answer> answers_;
  std::vector<std::string> requests_;
};

bool contains(const std::string& s, const std::string& needle) {
  return s.find(needle) != std::string::npos;
}

TEST(CliCommandUsage, MistakesExit2BeforeAnyRequest) {
  FakeDaemon d;
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"send", "--to", "0712345678"},  // no --text
           {"send", "--to", "0712345678", "--text", "hi", "--valid-for", "5x"},
           {"send", "--to", "0712345678", "--text", "hi", "--priority", "urgent"},
           {"send", "--to", "0712345678", "--text", "hi", "--wait=delivered", "--no-report"},
           {"send", "--to", "0712345678", "--text", "hi", "--not-before", "someday"},
           {"broadcast", "--text", "hi"},  // neither --group nor --to
           {"broadcast", "--group", "G", "--to", "0712345678", "--text", "hi"},
           {"queue", "show", "abc"},
           {"watch", "--kinds", "gossip"},
           {"inbox", "--limit", "0"},
           {"ussd"},
       }) {
    auto a = args;
    a.push_back("--socket");
    a.push_back(d.path());
    const CliRun r = run_cli(a);
    EXPECT_EQ(r.exit_code, 2) << args[0] << " " << (args.size() > 1 ? args[1] : "") << "\n"
                              << r.err;
    EXPECT_FALSE(r.err.empty());
  }
  EXPECT_TRUE(d.requests().empty());
}

TEST(CliCommandUnreachable, Exit3NamingTheSocketAndWhy) {
  const CliRun missing = run_cli({"status", "--socket", "/tmp/jumbe-cli-no-such-dir/jumbe.sock"});
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_TRUE(contains(missing.err, "/tmp/jumbe-cli-no-such-dir/jumbe.sock")) << missing.err;
  EXPECT_TRUE(contains(missing.err, "no such socket")) << missing.err;

  // A stale socket file (jumbed died without removing it): connection refused.
  char tmpl[] = "/tmp/jumbe-cli-stale-XXXXXX";
  const std::string dir = ::mkdtemp(tmpl);
  const std::string stale = dir + "/jumbe.sock";
  {
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un a{};
    a.sun_family = AF_UNIX;
    std::snprintf(a.sun_path, sizeof a.sun_path, "%s", stale.c_str());
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    ::close(fd);
  }
  const CliRun refused = run_cli({"modems"}, {{"JUMBE_SOCKET", stale}});
  EXPECT_EQ(refused.exit_code, 3);
  EXPECT_TRUE(contains(refused.err, stale + " ($JUMBE_SOCKET)")) << refused.err;
  EXPECT_TRUE(contains(refused.err, "connection refused")) << refused.err;

  // The path from a config file says so.
  const std::string cfg = dir + "/jumbe.yaml";
  std::ofstream(cfg) << "api:\n  socket: " << stale << "\n";
  const CliRun from_config = run_cli({"inbox", "--config", cfg});
  EXPECT_EQ(from_config.exit_code, 3);
  EXPECT_TRUE(contains(from_config.err, "api.socket in " + cfg)) << from_config.err;
  std::remove(cfg.c_str());
  std::remove(stale.c_str());
  ::rmdir(dir.c_str());
}

TEST(CliCommandApi, ValidationErrorIsOneLineAndExit1) {
  FakeDaemon d;
  d.on("POST /v1/messages", 422,
       R"({"error":{"code":"invalid","message":"not a phone number: 07123","field":"to"}})");
  const CliRun r = run_cli({"send", "--to", "07123", "--text", "hi", "--socket", d.path()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "jumbe send: not a phone number: 07123 (field to)\n");
  EXPECT_TRUE(r.out.empty());
}

TEST(CliCommandApi, SendBodyAndJsonOutput) {
  FakeDaemon d;
  d.on("POST /v1/messages", 202,
       R"({"messages":[{"id":11,"to":"+254712345678","state":"queued","encoding":"gsm7",
           "segments":1,"duplicate":false},{"id":12,"to":"+254733000111","state":"queued",
           "encoding":"gsm7","segments":1,"duplicate":false}]})");
  const CliRun r = run_cli({"send", "--to", "0712345678", "--to", "0733000111", "--text", "Habari",
                            "--priority", "high", "--valid-for", "2h", "--no-report",
                            "--idempotency-key", "k1", "--json", "--socket", d.path()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["messages"][1]["id"], 12);
  ASSERT_EQ(d.requests().size(), 1u);
  const std::string req = d.requests()[0];
  const auto body = nlohmann::json::parse(req.substr(req.find('{')));
  EXPECT_EQ(body["to"], nlohmann::json::array({"0712345678", "0733000111"}));
  EXPECT_EQ(body["valid_for"], 7200);
  EXPECT_EQ(body["priority"], "high");
  EXPECT_EQ(body["status_report"], false);
  EXPECT_EQ(body["idempotency_key"], "k1");

  const CliRun human =
      run_cli({"send", "--to", "0712345678", "--text", "Habari", "--socket", d.path()});
  EXPECT_TRUE(contains(human.out, "queued #11 to +254712345678 (gsm7, 1 segment)")) << human.out;
}

// Without an event stream (404 here) --wait polls the message until it is final.
TEST(CliCommandApi, SendWaitFollowsUntilSentOrFailed) {
  FakeDaemon d;
  d.on("POST /v1/messages", 202,
       R"({"id":5,"to":"+254712345678","state":"queued","encoding":"gsm7","segments":1})");
  d.on("GET /v1/messages/5", 200, R"({"id":5,"to":"+254712345678","state":"sent"})");
  CliRun r =
      run_cli({"send", "--to", "0712345678", "--text", "hi", "--wait", "--socket", d.path()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "#5 +254712345678: queued")) << r.out;
  EXPECT_TRUE(contains(r.out, "#5 +254712345678: sent")) << r.out;

  d.on("GET /v1/messages/5", 200,
       R"({"id":5,"to":"+254712345678","state":"failed","last_error":"CMS ERROR 38"})");
  r = run_cli({"send", "--to", "0712345678", "--text", "hi", "--wait", "--socket", d.path()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.out, "failed (CMS ERROR 38)")) << r.out;
  EXPECT_TRUE(contains(r.err, "1 of 1 message was not sent")) << r.err;
}

TEST(CliCommandApi, StatusAndModemsTables) {
  FakeDaemon d;
  d.on("GET /v1/status", 200,
       R"({"name":"nakuru-county","version":"0.4.0","started_at":"2026-11-23T07:00:00.000Z",
           "uptime_seconds":11520,"modems":{"configured":3,"ready":2},
           "queue":{"queued":12,"sending":1,"held":0},"store":"ok"})");
  d.on("GET /v1/modems", 200,
       R"({"modems":[{"name":"saf-1","state":"ready","ready":true,"blocked":null,"signal_dbm":-67,
           "registration":"home","network_operator":"Safaricom","sim":"ready",
           "counters":{"segments_sent":1204,"segments_failed":2,"messages_received":31},
           "last_error":null},
          {"name":"airtel-1","state":"searching","ready":false,"signal_dbm":null,
           "blocked":"daily quota 500 reached",
           "counters":{},"last_error":"+CME ERROR: 10"}]})");
  CliRun r = run_cli({"status", "--socket", d.path()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "Gateway:  nakuru-county")) << r.out;
  EXPECT_TRUE(contains(r.out, "3h 12m")) << r.out;
  EXPECT_TRUE(contains(r.out, "2 of 3 ready")) << r.out;
  EXPECT_TRUE(contains(r.out, "12 queued, 1 sending, 0 held")) << r.out;

  r = run_cli({"modems", "--socket", d.path()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "NAME      STATE               READY  SIGNAL")) << r.out;
  EXPECT_TRUE(contains(r.out, "-67 dBm (excellent)")) << r.out;
  EXPECT_TRUE(contains(r.out, "Safaricom (home)")) << r.out;
  EXPECT_TRUE(contains(r.out, "+CME ERROR: 10")) << r.out;
  // The daemon sends `blocked` as null or as the reason; both must print, not abort.
  EXPECT_TRUE(contains(r.out, "searching, blocked")) << r.out;
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << "no colour when not a tty";

  r = run_cli({"modems", "--json", "--socket", d.path()});
  EXPECT_EQ(nlohmann::json::parse(r.out)["modems"][0]["name"], "saf-1");
}

TEST(CliCommandApi, InboxAckMovesTheCursorPastWhatWasShown) {
  FakeDaemon d;
  d.on("GET /v1/inbox", 200,
       R"({"messages":[{"id":3,"from":"+254712000777","text":"maji imekatika\nLanet",
           "modem":"saf-1","parts":1,"complete":true,"received_at":"2026-11-23T10:00:00.000Z"},
          {"id":4,"from":"+254733000111","text":"asante","modem":"saf-1","parts":1,
           "complete":true,"received_at":"2026-11-23T10:01:00.000Z"}],"next":null})");
  d.on("POST /v1/inbox/ack", 200, R"({"acknowledged":4})");
  const CliRun r = run_cli({"inbox", "--ack", "--since", "2", "--socket", d.path()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "maji imekatika⏎Lanet")) << r.out;
  EXPECT_TRUE(contains(r.out, "acknowledged up to #4")) << r.out;
  const auto reqs = d.requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(reqs[0], "GET /v1/inbox?limit=100&after=2");
  EXPECT_EQ(reqs[1], R"(POST /v1/inbox/ack {"upto":4})");
}

TEST(CliCommandApi, QueueCancelConflictAndGroupsEncoding) {
  FakeDaemon d;
  d.on("DELETE /v1/messages/9", 409,
       R"({"error":{"code":"conflict","message":"message 9 is already with modem saf-1"}})");
  CliRun r = run_cli({"queue", "cancel", "9", "--socket", d.path()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.err, "message 9 is already with modem saf-1")) << r.err;

  d.on("DELETE /v1/groups/WARD%207/members/%2B254712345678", 200, R"({"removed":1})");
  r = run_cli({"groups", "remove", "WARD 7", "+254712345678", "--socket", d.path()});
  EXPECT_EQ(r.exit_code, 0) << r.err;

  d.on("GET /v1/queue", 200,
       R"({"messages":[{"id":9,"to":"+254712345678","state":"held","priority":"normal",
           "attempts":1,"modem":"saf-1","last_error":"uncertain after restart",
           "created_at":"2026-11-23T10:00:00.000Z"}],"next":null})");
  r = run_cli({"queue", "--state", "held", "--socket", d.path()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "uncertain after restart")) << r.out;
  EXPECT_TRUE(contains(d.requests().back(), "state=held")) << d.requests().back();
}

TEST(CliCommandApi, UssdMenuWithScriptedInputs) {
  FakeDaemon d;
  d.on(
      "POST /v1/ussd", 200,
      R"({"session":"saf-1","modem":"saf-1","text":"1. Salio\n2. Bundles","status":1,"open":true})");
  d.on("POST /v1/ussd/saf-1", 200,
       R"({"session":"saf-1","modem":"saf-1","text":"Salio ni KSH 50","status":0,"open":false})");
  const CliRun r = run_cli({"ussd", "*144#", "--input", "1", "--socket", d.path()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "1. Salio\n2. Bundles\n> 1\nSalio ni KSH 50\n");
  const auto reqs = d.requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(reqs[1], R"(POST /v1/ussd/saf-1 {"input":"1"})");

  // Open menu, no input left and stdin not a terminal: the session is cancelled.
  d.on("POST /v1/ussd/saf-1", 200,
       R"({"text":"1. Salio","status":1,"open":true,"session":"saf-1"})");
  d.on("DELETE /v1/ussd/saf-1", 200, R"({"cancelled":true})");
  const CliRun c = run_cli({"ussd", "*144#", "--socket", d.path()});
  EXPECT_EQ(c.exit_code, 0) << c.err;
  EXPECT_EQ(d.requests().back(), "DELETE /v1/ussd/saf-1");
}

TEST(CliCommandApi, BroadcastFollowEndsWithSummary) {
  FakeDaemon d;
  d.on("POST /v1/broadcasts", 202,
       R"({"id":7,"recipients":3,"duplicate":false,"encoding":"gsm7","segments":1})");
  d.on("GET /v1/broadcasts/7", 200,
       R"({"id":7,"total":3,"counts":{"sent":2,"failed":1},"done":true,"rate_per_minute":3.0,
           "eta_seconds":null})");
  const CliRun r = run_cli(
      {"broadcast", "--group", "LANET", "--text", "Kikao", "--follow", "--socket", d.path()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.out, "broadcast #7 queued for 3 recipients")) << r.out;
  EXPECT_TRUE(contains(r.out, "100% 3/3  sent 2  failed 1")) << r.out;
  EXPECT_TRUE(contains(r.err, "1 of 3 recipients did not get it")) << r.err;
  const auto body = nlohmann::json::parse(d.requests()[0].substr(d.requests()[0].find('{')));
  EXPECT_EQ(body["group"], "LANET");
  EXPECT_EQ(body["priority"], "bulk");
}

}  // namespace
