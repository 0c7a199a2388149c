// Crash test (issue 6): a child process enqueues, claims and marks messages and reports each
// durable step on a pipe; we SIGKILL it at random moments, many times, then check the database
// accounts for every acknowledged message exactly: present once, never regressed, and anything
// that was in flight comes back marked uncertain. Total time is bounded (40 rounds).
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "test_support.hpp"

namespace jumbe::store::test {
namespace {

std::string run_and_kill(const std::string& db, int round, int kill_after_ms) {
  int fds[2];
  if (::pipe(fds) != 0) return {};
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(fds[1], 1);
    ::close(fds[0]);
    ::close(fds[1]);
    const std::string r = std::to_string(round);
    ::execl(STORE_CRASH_CHILD, STORE_CRASH_CHILD, db.c_str(), r.c_str(), nullptr);
    _exit(127);
  }
  ::close(fds[1]);
  std::string out;
  char buf[4096];
  // Wait (bounded) for the child's first line, so the kill lands in its work, not its start-up.
  pollfd p{fds[0], POLLIN, 0};
  if (::poll(&p, 1, 30'000) == 1) {
    const ssize_t n = ::read(fds[0], buf, sizeof buf);
    if (n > 0) out.append(buf, static_cast<std::size_t>(n));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(kill_after_ms));
  ::kill(pid, SIGKILL);
  for (;;) {
    const ssize_t n = ::read(fds[0], buf, sizeof buf);
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
      << "child exited by itself (status " << status << "); did it fail to open the store?";
  return out;
}

std::int64_t scalar(sqlite3* db, const char* sql) {
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, sql, -1, &st, nullptr);
  std::int64_t v = -1;
  if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return v;
}

TEST(StoreCrash, EveryAcknowledgedMessageSurvivesSigkillExactlyOnce) {
  TempDir dir;
  const std::string db = dir.file("crash.db");
  std::mt19937 rng(20261123);
  std::uniform_int_distribution<int> delay(5, 200);
  std::map<MessageId, std::string> enqueued;  // id -> idempotency key
  std::set<MessageId> claimed, sent;
  int rounds_with_acks = 0;
  for (int round = 0; round < 40; ++round) {
    std::istringstream lines(run_and_kill(db, round, delay(rng)));
    std::string kind;
    bool any = false;
    while (lines >> kind) {
      MessageId id = 0;
      lines >> id;
      if (kind == "R") continue;
      any = true;
      if (kind == "E") {
        std::string key;
        lines >> key;
        ASSERT_TRUE(enqueued.emplace(id, key).second) << "id " << id << " acknowledged twice";
      } else if (kind == "C") {
        claimed.insert(id);
      } else if (kind == "S") {
        sent.insert(id);
      }
    }
    rounds_with_acks += any ? 1 : 0;
  }
  ASSERT_GT(rounds_with_acks, 10) << "the child hardly ever got going; test proves little";
  ASSERT_FALSE(enqueued.empty());

  auto store = open_or_die(db);
  Sync s{*store};
  ASSERT_TRUE(s.recover(kT0));
  for (const auto& [id, key] : enqueued) {
    auto m = store->message(id);
    ASSERT_TRUE(m) << "acknowledged message " << id << " lost: " << m.error().message;
    EXPECT_EQ(m->idempotency_key, key);
    EXPECT_EQ(m->text, "crash test message " + key);
  }
  for (MessageId id : sent) {
    EXPECT_EQ(store->message(id)->state, State::sent) << "message " << id << " regressed";
  }
  EXPECT_EQ(*store->count_in_state(State::sending), 0);
  EXPECT_TRUE(store->integrity_check()->empty());

  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open_v2(db.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  // One row per idempotency key (the unique index guarantees it; check the data anyway).
  EXPECT_EQ(scalar(raw, "SELECT count(*) - count(DISTINCT idem_key) FROM outbound"), 0);
  // A message handed to a modem twice is exactly one that was in flight at a crash.
  EXPECT_EQ(scalar(raw, "SELECT count(*) FROM outbound WHERE attempts > 1 AND uncertain = 0"), 0);
  const auto uncertain = scalar(raw, "SELECT count(*) FROM outbound WHERE uncertain = 1");
  sqlite3_close(raw);
  // Claimed-but-not-acknowledged-sent messages were in flight at some kill.
  std::size_t in_flight = 0;
  for (MessageId id : claimed)
    in_flight += sent.count(id) == 0;
  EXPECT_GT(uncertain, 0) << in_flight << " claimed messages were never marked sent";
  for (MessageId id : claimed) {
    if (sent.count(id) != 0) continue;
    auto m = store->message(id);
    if (m->state != State::sent) {
      EXPECT_TRUE(m->uncertain) << "message " << id;
    }
  }
}

}  // namespace
}  // namespace jumbe::store::test
