// End-to-end figures of jumbed on jumbe-sim (issue 7's benchmark list): utilisation of modems
// with a send latency (ideal time / actual time), overhead at zero latency (segments/s), idle RSS
// and CPU with 4 modems, start to READY. Wall-clock based by nature: run on a quiet machine and
// compare ratios. Counts scale with JUMBE_BENCH_SCALE (default 1 = the sizes).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "jumbed_fixture.hpp"

using namespace jumbe::testing;
using namespace std::chrono_literals;

namespace {

double scale() {
  const char* s = std::getenv("JUMBE_BENCH_SCALE");
  return s ? std::atof(s) : 1.0;
}

SimOptions sim_options(int modems, int latency_ms) {
  SimOptions o;
  o.binary = JUMBE_SIM;
  o.modems = modems;
  o.extra_args = {"--send-latency-ms", std::to_string(latency_ms)};
  return o;
}

std::vector<ModemSpec> saf_modems(int n) {
  std::vector<ModemSpec> out;
  for (int i = 0; i < n; ++i)
    out.push_back({"saf-" + std::to_string(i + 1), i, "safaricom", "100000/min", 1000});
  return out;
}

std::size_t total_sent(Jumbed& d, int modems) {
  std::size_t n = 0;
  for (int i = 0; i < modems; ++i)
    n += d.sent(i).size();
  return n;
}

// Queues `count` messages before start, then measures from the first send to the last in the
// simulator's own clock (time_ms), so start-up and enqueue time are not counted.
void run_throughput(benchmark::State& state, int modems, int latency_ms, int count) {
  for (auto _ : state) {
    SimProcess sim(sim_options(modems, latency_ms));
    // Recipients on every modem's operator (all Safaricom) so every modem may take any message.
    Jumbed d(sim, saf_modems(modems));
    if (d.enqueue("0712000001", "bench", "normal", count) != 0) state.SkipWithError("enqueue");
    d.start();
    if (!d.wait_ready(60s)) state.SkipWithError("not ready");
    if (!Jumbed::wait([&] { return total_sent(d, modems) >= static_cast<std::size_t>(count); },
                      std::chrono::milliseconds(count * (latency_ms + 50) * 3 + 60000)))
      state.SkipWithError("not all sent");
    std::int64_t first = INT64_MAX, last = 0;
    for (int i = 0; i < modems; ++i)
      for (const auto& s : d.sent(i)) {
        first = std::min(first, s["time_ms"].get<std::int64_t>());
        last = std::max(last, s["time_ms"].get<std::int64_t>());
      }
    // The first send's own latency precedes its time stamp, so the span covers count/modems - 1
    // latencies on the busiest modem.
    const double actual_ms = static_cast<double>(last - first);
    const double ideal_ms = (static_cast<double>(count) / modems - 1) * latency_ms;
    state.counters["messages"] = count;
    state.counters["actual_s"] = actual_ms / 1000;
    if (latency_ms > 0) state.counters["utilisation"] = actual_ms > 0 ? ideal_ms / actual_ms : 0;
    state.counters["segments_per_s"] = actual_ms > 0 ? (count - 1) * 1000.0 / actual_ms : 0;
    d.stop();
  }
}

void BM_Utilisation3Modems1s(benchmark::State& state) {
  run_throughput(state, 3, 1000, static_cast<int>(600 * scale()));
}
void BM_Overhead1ModemZeroLatency(benchmark::State& state) {
  run_throughput(state, 1, 0, static_cast<int>(2000 * scale()));
}
void BM_Latency200ms1Modem(benchmark::State& state) {
  run_throughput(state, 1, 200, static_cast<int>(500 * scale()));
}

long rss_kib(int pid) {
  std::ifstream f("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(f, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  return 0;
}

double cpu_s(int pid) {
  std::ifstream f("/proc/" + std::to_string(pid) + "/stat");
  std::string all((std::istreambuf_iterator<char>(f)), {});
  std::istringstream in(all.substr(all.rfind(')') + 2));
  std::string field;
  long utime = 0, stime = 0;
  for (int i = 3; i <= 15 && in >> field; ++i) {
    if (i == 14) utime = std::atol(field.c_str());
    if (i == 15) stime = std::atol(field.c_str());
  }
  return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

void BM_Idle4Modems(benchmark::State& state) {
  for (auto _ : state) {
    SimProcess sim(sim_options(4, 0));
    Jumbed d(sim, saf_modems(4));
    const auto t0 = std::chrono::steady_clock::now();
    d.start();
    if (!d.wait_ready(60s)) state.SkipWithError("not ready");
    const double ready_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    std::this_thread::sleep_for(5s);  // let start-up settle
    const double c0 = cpu_s(d.pid());
    const auto idle = std::chrono::seconds(static_cast<int>(60 * scale()));
    std::this_thread::sleep_for(idle);
    const double c1 = cpu_s(d.pid());
    state.counters["start_to_ready_ms"] = ready_ms;
    state.counters["rss_MiB"] = static_cast<double>(rss_kib(d.pid())) / 1024;
    state.counters["cpu_percent"] = 100.0 * (c1 - c0) / static_cast<double>(idle.count());
    d.stop();
  }
}

BENCHMARK(BM_Overhead1ModemZeroLatency)->Iterations(1)->Unit(benchmark::kSecond);
BENCHMARK(BM_Latency200ms1Modem)->Iterations(1)->Unit(benchmark::kSecond);
BENCHMARK(BM_Utilisation3Modems1s)->Iterations(1)->Unit(benchmark::kSecond);
BENCHMARK(BM_Idle4Modems)->Iterations(1)->Unit(benchmark::kSecond);

}  // namespace

BENCHMARK_MAIN();
