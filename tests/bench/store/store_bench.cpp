// store_bench: the issue 6 figures for jumbe::store on a real file (the current directory, or
// $JUMBE_BENCH_DIR; never tmpfs, whose fsync is free). Every write is durable (WAL,
// synchronous=FULL); group commit is what makes the rates. Prints one line per figure.
#include <sqlite3.h>
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "jumbe/store/sqlite_store.hpp"

using namespace jumbe::store;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

constexpr Millis kNow = 1'764'000'000'000;

// Process CPU seconds (user + system): on a shared, overloaded machine the wall-clock rate says
// more about the neighbours than about the store, so each figure also gives work per CPU second.
double cpu_seconds() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double g_cpu_mark = 0;
void mark_cpu() {
  g_cpu_mark = cpu_seconds();
}
double cpu_since_mark() {
  return cpu_seconds() - g_cpu_mark;
}

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// Built by append: GCC 12 at -O3 gives a false -Wrestrict on `"literal" + std::string`.
std::string number(int i) {
  std::string s = "+2547";
  s += std::to_string(10000000 + i);
  return s;
}

// A counting window: at most `limit` requests in flight from one producer.
class Window {
 public:
  explicit Window(int limit) : free_(limit) {}
  void take() {
    std::unique_lock l(m_);
    cv_.wait(l, [this] { return free_ > 0; });
    --free_;
  }
  void give() {
    {
      std::lock_guard l(m_);
      ++free_;
    }
    cv_.notify_all();
  }
  void drain(int limit) {
    std::unique_lock l(m_);
    cv_.wait(l, [&] { return free_ == limit; });
  }

 private:
  std::mutex m_;
  std::condition_variable cv_;
  int free_;
};

std::unique_ptr<Store> fresh(const fs::path& dir, const std::string& name) {
  fs::remove(dir / name);
  fs::remove(dir / (name + "-wal"));
  fs::remove(dir / (name + "-shm"));
  SqliteOptions o;
  o.path = (dir / name).string();
  auto s = open_sqlite_store(o);
  if (!s) {
    std::fprintf(stderr, "%s\n", s.error().message.c_str());
    std::exit(1);
  }
  return std::move(*s);
}

OutboundRequest msg(int i) {
  OutboundRequest r;
  r.client = "bench";
  r.recipient = number(i);
  r.text = "Asante. Ripoti yako ni KE-" + std::to_string(4821 + i) + ". Tutawasiliana nawe.";
  return r;
}

// `producers` threads, each with up to `window` requests in flight, `per` messages each.
double enqueue_rate(Store& s, int producers, int window, int per) {
  std::atomic<int> failures{0};
  mark_cpu();
  const auto t0 = Clock::now();
  std::vector<std::thread> threads;
  for (int p = 0; p < producers; ++p) {
    threads.emplace_back([&, p] {
      Window w(window);
      for (int i = 0; i < per; ++i) {
        w.take();
        s.enqueue(msg(p * per + i), kNow, [&](Result<EnqueueResult> r) {
          if (!r) ++failures;
          w.give();
        });
      }
      w.drain(window);
    });
  }
  for (auto& t : threads)
    t.join();
  const double secs = seconds_since(t0);
  if (failures) std::fprintf(stderr, "%d enqueue failures\n", failures.load());
  return producers * per / secs;
}

Clock::time_point g_cycles_start;

// `modems` threads each claim `per_claim` messages (waiting for the durable claim), then report
// each one's single segment asynchronously with up to 64 reports in flight, until `total`
// messages went through. Returns how many became sent. Marks the CPU and g_cycles_start.
int claim_and_send(Store& s, int modems, int per_claim, int total) {
  std::atomic<int> cycles{0};
  std::atomic<int> claimed{0};
  mark_cpu();
  g_cycles_start = Clock::now();
  std::vector<std::thread> threads;
  for (int m = 0; m < modems; ++m) {
    threads.emplace_back([&, m] {
      std::string modem = "m";
      modem += std::to_string(m);
      Window w(64);
      while (claimed.fetch_add(per_claim) < total) {
        ClaimRequest c;
        c.modem = modem;
        c.limit = per_claim;
        c.now = kNow;
        auto got = wait_for<std::vector<ClaimedMessage>>([&](auto d) { s.claim(c, d); });
        if (!got || got->empty()) break;
        for (const auto& msg_ : *got) {
          w.take();
          s.segment_sent(
              SegmentSent{msg_.id, msg_.attempt, 1, modem, static_cast<int>(msg_.id % 256), kNow},
              [&](Result<State> st) {
                if (st && *st == State::sent) ++cycles;
                w.give();
              });
        }
      }
      w.drain(64);
    });
  }
  for (auto& t : threads)
    t.join();
  return cycles.load();
}

// `per_cpu`: the same work per CPU second of this process since mark_cpu() (0: not shown).
void line(const char* what, double value, const char* unit, const char* target,
          double per_cpu = 0) {
  std::printf("%-62s %12.0f %-10s %-20s", what, value, unit, target);
  if (per_cpu > 0) std::printf(" [%.0f per CPU-second]", per_cpu);
  std::printf("\n");
  std::fflush(stdout);
}

}  // namespace

// JUMBE_STORE_BENCH_ONLY=enqueue|broadcast|size (the claim cycles run with "broadcast", on its
// recipients): run one part, for quick comparisons while tuning. Unset: everything.
bool wanted(const char* part) {
  const char* only = std::getenv("JUMBE_STORE_BENCH_ONLY");
  return only == nullptr || *only == '\0' || std::string(only) == part;
}

int main() {
  const char* env = std::getenv("JUMBE_BENCH_DIR");
  const fs::path dir = fs::path(env != nullptr ? env : ".") / "store-bench-tmp";
  fs::create_directories(dir);
  std::printf("store_bench: files in %s (WAL, synchronous=FULL)\n", dir.c_str());

  // Each case: (label, producers, in flight per producer, messages per producer, target).
  struct Case {
    const char* label;
    int producers, window, per;
    const char* target;
  };
  const Case cases[] = {
      {"durable enqueue, 1 producer, 1 in flight (msgs/s)", 1, 1, 2000, "fsync-bound"},
      {"durable enqueue, 1 producer, 256 in flight (msgs/s)", 1, 256, 50000, "target >= 20000"},
      {"durable enqueue, 16 producers, 1 in flight each (msgs/s)", 16, 1, 500, ""},
      {"durable enqueue, 16 producers, 64 in flight each (msgs/s)", 16, 64, 5000,
       "target >= 20000"},
  };
  for (const auto& c : cases) {
    if (!wanted("enqueue")) break;
    auto s = fresh(dir, "enqueue.db");
    const double rate = enqueue_rate(*s, c.producers, c.window, c.per);
    const double cpu = cpu_since_mark();  // after the run: argument order is unspecified
    line(c.label, rate, "msg/s", c.target, c.producers * c.per / cpu);
  }
  if (wanted("broadcast")) {
    auto s = fresh(dir, "bcast.db");
    BroadcastRequest b;
    b.client = "chief";
    b.name = "LANET";
    b.text = "ALERT LANET: Baraza kesho saa nne asubuhi katika ofisi ya chifu.";
    // JUMBE_STORE_BENCH_RECIPIENTS: a smaller broadcast for callgrind runs (default 100,000).
    const char* n_env = std::getenv("JUMBE_STORE_BENCH_RECIPIENTS");
    const int recipients = n_env != nullptr ? std::atoi(n_env) : 100000;
    for (int i = 0; i < recipients; ++i)
      b.recipients.push_back(number(i));
    mark_cpu();
    const auto t0 = Clock::now();
    auto r = wait_for<BroadcastResult>([&](auto d) { s->create_broadcast(b, kNow, d); });
    const double ms = seconds_since(t0) * 1000;
    if (!r) std::fprintf(stderr, "%s\n", r.error().message.c_str());
    line("100,000-recipient broadcast created, durable (ms)", ms, "ms", "target < 1000");
    std::printf("  (CPU time for it: %.0f ms)\n", cpu_since_mark() * 1000);

    // Claim + mark-sent: 8 modem threads; each claims 8 and reports each segment asynchronously,
    // as a modem's driver would while the next batch is encoded: 80% of the recipients.
    int cycles = claim_and_send(*s, 8, 8, recipients * 8 / 10);
    double wall = seconds_since(g_cycles_start);
    line("claim + mark-sent cycles, 8 modems, claim 8 (cycles/s)", cycles / wall, "cycles/s",
         "target >= 50000", cycles / cpu_since_mark());
    // The rest with deeper claims (64 per round): fewer claims, each waiting for its commit.
    cycles = claim_and_send(*s, 8, 64, recipients - recipients * 8 / 10);
    wall = seconds_since(g_cycles_start);
    line("claim + mark-sent cycles, 8 modems, claim 64 (cycles/s)", cycles / wall, "cycles/s", "",
         cycles / cpu_since_mark());
    auto p = s->broadcast_progress(r->id);
    std::printf("  (broadcast progress afterwards: %d sent, %d queued of %d)\n", p->sent, p->queued,
                p->total);
  }
  if (wanted("size")) {
    // Bytes per message: 100,000 single messages through their whole life (body, outbound row,
    // one segment, a "sent" event), checkpointed; multiplied by 10 for a million.
    const std::string name = "size.db";
    auto s = fresh(dir, name);
    enqueue_rate(*s, 1, 256, 100000);
    for (;;) {
      ClaimRequest c;
      c.modem = "m";
      c.limit = 500;
      c.now = kNow;
      auto got = wait_for<std::vector<ClaimedMessage>>([&](auto d) { s->claim(c, d); });
      if (!got || got->empty()) break;
      std::atomic<int> left{static_cast<int>(got->size())};
      for (const auto& m : *got)
        s->segment_sent(SegmentSent{m.id, m.attempt, 1, "m", static_cast<int>(m.id % 256), kNow},
                        [&](Result<State>) { --left; });
      while (left > 0)
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    s.reset();
    sqlite3* raw = nullptr;
    sqlite3_open((dir / name).c_str(), &raw);
    sqlite3_exec(raw, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr);
    sqlite3_close(raw);
    const double bytes = static_cast<double>(fs::file_size(dir / name));
    line("database bytes per message (100,000 sent messages)", bytes / 100000, "B/msg", "");
    line("database size per million messages, extrapolated x10 (MB)", bytes * 10 / 1e6, "MB", "");
  }
  fs::remove_all(dir);
}
