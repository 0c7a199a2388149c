// Helper for StoreCrash: opens the store, recovers, then enqueues, claims and marks messages in
// a loop until SIGKILLed by the parent. After each commit it writes one line to stdout (a pipe):
// "E <id> <key>" enqueued, "C <id>" claimed, "S <id>" marked sent. Lines are written from the
// completion, i.e. only after the transaction is durable, and are shorter than PIPE_BUF so each
// write is atomic. Usage: store_crash_child DB ROUND
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <string>

#include "jumbe/store/sqlite_store.hpp"

using namespace jumbe::store;

namespace {
void say(const std::string& line) {
  const std::string l = line + "\n";
  if (::write(1, l.data(), l.size()) < 0) _exit(3);
}
}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: store_crash_child DB ROUND\n");
    return 2;
  }
  SqliteOptions o;
  o.path = argv[1];
  const std::string round = argv[2];
  auto opened = open_sqlite_store(o);
  if (!opened) {
    std::fprintf(stderr, "%s\n", opened.error().message.c_str());
    return 1;
  }
  Store& store = **opened;
  const Millis now = 1'764'000'000'000;
  if (!wait_for<RecoveryResult>([&](auto d) { store.recover_at_start(now, {}, d); })) return 1;
  say("R 0");  // ready: the parent starts its random kill timer now (start-up under ASan is slow)
  for (int i = 0;; ++i) {
    // A burst of async enqueues so group commit batches them, then wait for all of them.
    std::atomic<int> pending{16};
    for (int j = 0; j < 16; ++j) {
      OutboundRequest r;
      r.client = "crash";
      r.idempotency_key = "r" + round + "-" + std::to_string(i) + "-" + std::to_string(j);
      r.recipient = "+2547" + std::to_string(10000000 + (i * 16 + j) % 9000000);
      r.text = "crash test message " + r.idempotency_key;
      store.enqueue(r, now, [&pending, key = r.idempotency_key](Result<EnqueueResult> e) {
        if (e) say("E " + std::to_string(e->id) + " " + key);
        --pending;
      });
    }
    while (pending.load() > 0)
      ::usleep(100);
    ClaimRequest c;
    c.modem = "m" + std::to_string(i % 3);
    c.limit = 4;
    c.now = now;
    auto got = wait_for<std::vector<ClaimedMessage>>([&](auto d) { store.claim(c, d); });
    if (!got) return 1;
    for (const auto& m : *got)
      say("C " + std::to_string(m.id));
    for (std::size_t k = 0; k + 1 < got->size(); ++k) {  // leave the last one in flight
      SegmentSent s{(*got)[k].id, (*got)[k].attempt, 1, c.modem, static_cast<int>(k), now};
      auto st = wait_for<State>([&](auto d) { store.segment_sent(s, d); });
      if (st && *st == State::sent) say("S " + std::to_string(s.message_id));
    }
  }
}
