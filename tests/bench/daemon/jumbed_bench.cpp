// End-to-end figures of jumbed on jumbe-sim (issue 7's benchmark list): utilisation of modems
// with a send latency (ideal time / actual time), overhead at zero latency (segments/s and CPU
// per message), inbound +CMTI to durable event, idle RSS and CPU with 4 modems, start to READY.
// Wall-clock based by nature: run on a quiet machine and compare ratios. Counts scale with
// JUMBE_BENCH_SCALE (default 1 = the sizes).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
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
    // jumbed's CPU (user + system) over its whole run, start-up included, per message.
    state.counters["cpu_ms_per_msg"] = 1000.0 * cpu_s(d.pid()) / count;
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

// spdlog's "2026-11-23 12:04:17.264" (local time) as epoch ms.
std::int64_t log_time_ms(const std::string& line) {
  std::tm tm{};
  int ms = 0;
  if (std::sscanf(line.c_str(), "%d-%d-%d %d:%d:%d.%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &ms) != 7)
    return 0;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  tm.tm_isdst = -1;
  return static_cast<std::int64_t>(std::mktime(&tm)) * 1000 + ms;
}

// +CMTI to durable event: the simulator is told to deliver an SMS (it writes +CMTI at once);
// jumbed reads it (+CMGR), commits part and `inbound` event in one transaction, and only then
// logs "inbound N from"; that line's time stamp minus the moment of the request, per message.
// Resolution 1 ms (log time stamps), sequential so one message's work does not queue another.
void BM_InboundCmtiToDurableEvent(benchmark::State& state) {
  for (auto _ : state) {
    SimProcess sim(sim_options(1, 0));
    Jumbed d(sim, saf_modems(1));
    d.start();
    if (!d.wait_ready(60s)) state.SkipWithError("not ready");
    std::this_thread::sleep_for(1s);  // past the start-up sweep of the SIM
    const int n = static_cast<int>(200 * scale());
    std::vector<double> ms;
    for (int i = 1; i <= n; ++i) {
      const auto t0 = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
      sim.request({{"cmd", "deliver"},
                   {"modem", 0},
                   {"from", "+254712000777"},
                   {"text", "ripoti " + std::to_string(i)}});
      const std::string needle = "inbound " + std::to_string(i) + " from";
      std::string line;
      if (!Jumbed::wait(
              [&] {
                const std::string l = d.log();
                const auto p = l.find(needle);
                if (p == std::string::npos) return false;
                line = l.substr(l.rfind('\n', p) + 1, 30);
                return true;
              },
              30s)) {
        state.SkipWithError("inbound not logged");
        break;
      }
      ms.push_back(static_cast<double>(log_time_ms(line) - t0));
    }
    std::sort(ms.begin(), ms.end());
    if (!ms.empty()) {
      state.counters["messages"] = static_cast<double>(ms.size());
      state.counters["median_ms"] = ms[ms.size() / 2];
      state.counters["p99_ms"] = ms[std::min(ms.size() - 1, ms.size() * 99 / 100)];
      state.counters["max_ms"] = ms.back();
    }
    d.stop();
  }
}

BENCHMARK(BM_Overhead1ModemZeroLatency)->Iterations(1)->Unit(benchmark::kSecond);
BENCHMARK(BM_Latency200ms1Modem)->Iterations(1)->Unit(benchmark::kSecond);
BENCHMARK(BM_Utilisation3Modems1s)->Iterations(1)->Unit(benchmark::kSecond);
BENCHMARK(BM_InboundCmtiToDurableEvent)->Iterations(1)->Unit(benchmark::kSecond);
BENCHMARK(BM_Idle4Modems)->Iterations(1)->Unit(benchmark::kSecond);

}  // namespace

BENCHMARK_MAIN();
