// Durable accepted submissions per second through the API: 16 concurrent clients, each on one
// keep-alive unix-socket connection, POST /v1/messages one after the other; a 202 is counted only
// after the store committed the message (Gateway::submit). Reports submissions/s and p50/p99
// latency. The daemon side is the real Server + Gateway + SQLite store in this process on one
// event-loop thread (as in jumbed); its one modem has no device, so nothing is claimed.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "bench_daemon.hpp"

namespace {

using namespace jumbe;

using bench::connect_unix;
using bench::round_trip;

void BM_ApiSubmitDurable(benchmark::State& state) {
  const int clients = static_cast<int>(state.range(0));
  const int per_client = static_cast<int>(state.range(1));
  bench::BenchDaemon d;
  std::vector<std::vector<double>> lat(static_cast<std::size_t>(clients));
  std::atomic<int> failures{0};
  double seconds = 0;
  for (auto _ : state) {
    std::vector<std::thread> threads;
    const auto t0 = std::chrono::steady_clock::now();
    for (int c = 0; c < clients; ++c) {
      threads.emplace_back([&, c] {
        const int fd = connect_unix(d.socket());
        if (fd < 0) {
          failures += per_client;
          return;
        }
        std::string buf;
        auto& mine = lat[static_cast<std::size_t>(c)];
        mine.reserve(static_cast<std::size_t>(per_client));
        for (int i = 0; i < per_client; ++i) {
          const std::string req = bench::post_message(c, i);
          const auto s = std::chrono::steady_clock::now();
          if (round_trip(fd, req, buf) != 202) ++failures;
          mine.push_back(
              std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - s)
                  .count());
        }
        ::close(fd);
      });
    }
    for (auto& t : threads)
      t.join();
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    state.SetIterationTime(seconds);
  }
  std::vector<double> all;
  for (auto& v : lat)
    all.insert(all.end(), v.begin(), v.end());
  std::sort(all.begin(), all.end());
  const auto pct = [&](double p) {
    return all.empty() ? 0.0
                       : all[static_cast<std::size_t>(p * static_cast<double>(all.size() - 1))];
  };
  const double total = static_cast<double>(clients) * per_client;
  state.counters["submissions_per_s"] = total / seconds;
  state.counters["p50_us"] = pct(0.50);
  state.counters["p99_us"] = pct(0.99);
  state.counters["failures"] = failures.load();
  auto queued = d.st->count_in_state(store::State::queued);
  state.counters["stored"] = queued ? static_cast<double>(*queued) : -1;
}

BENCHMARK(BM_ApiSubmitDurable)
    ->Args({16, 2000})
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
