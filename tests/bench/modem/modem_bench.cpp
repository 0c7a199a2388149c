// End-to-end figures of one modem driver against jumbe-sim at zero latency (issue 5, "Benchmark"):
// segments per second, the driver's own CPU time per segment (getrusage of this process: the
// simulator runs in another process), +CMTI-to-consumer latency (from the control request that
// delivers the SMS to the consumer callback, so an over-estimate), and AT commands per minute of
// an idle modem (from the simulator's command counter).
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>

#include "jumbe/modem/modem.hpp"
#include "jumbe/testing/sim_process.hpp"

namespace {

using namespace std::chrono_literals;
using jumbe::modem::Modem;
using jumbe::modem::ModemConfig;
using jumbe::modem::ModemEvents;
using jumbe::modem::Outcome;
using jumbe::modem::SendRequest;
using jumbe::modem::SendResult;
using jumbe::modem::State;

double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

struct Rig {
  explicit Rig(ModemEvents ev = {}) {
    jumbe::testing::SimOptions o;
    o.binary = JUMBE_SIM_BINARY;
    o.extra_args = {"--send-latency-ms", "0", "--sm-capacity", "255"};
    sim = std::make_unique<jumbe::testing::SimProcess>(o);
    ModemConfig c;
    c.name = "bench-1";
    c.device = sim->pty(0);
    modem = Modem::create(io.get_executor(), c, std::move(ev));
    modem->start();
    run_until([&] { return modem->state() == State::registered; }, 30s);
  }
  ~Rig() {
    bool stopped = false;
    modem->stop([&] { stopped = true; });
    run_until([&] { return stopped; }, 10s);
  }
  bool run_until(const std::function<bool()>& pred, std::chrono::milliseconds timeout) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (!pred()) {
      if (std::chrono::steady_clock::now() > end) return false;
      io.restart();
      io.run_for(2ms);
    }
    return true;
  }
  boost::asio::io_context io;
  std::unique_ptr<jumbe::testing::SimProcess> sim;
  std::shared_ptr<Modem> modem;
};

// Keeps the driver's queue full (as the daemon's router does) and counts completed segments.
void BM_ModemSendSegments(benchmark::State& state) {
  const int messages = static_cast<int>(state.range(0));
  for (auto _ : state) {
    state.PauseTiming();
    Rig rig;
    state.ResumeTiming();
    int done = 0, sent = 0;
    const auto t0 = std::chrono::steady_clock::now();
    const double c0 = cpu_seconds();
    for (int i = 0; i < messages; ++i) {
      SendRequest r;
      r.to = "+254712345678";
      r.text = "Baraza kesho saa nne asubuhi, ujumbe " + std::to_string(i);
      rig.modem->send(r, [&](SendResult res) {
        ++done;
        sent += res.outcome == Outcome::sent;
      });
    }
    rig.run_until([&] { return done == messages; }, 600s);
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double cpu = cpu_seconds() - c0;
    state.counters["segments"] = sent;
    state.counters["segments_per_s"] = sent / wall;
    state.counters["cpu_us_per_segment"] = cpu * 1e6 / std::max(sent, 1);
  }
}
BENCHMARK(BM_ModemSendSegments)
    ->Arg(2000)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_ModemInboundLatency(benchmark::State& state) {
  const int messages = static_cast<int>(state.range(0));
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<double> ms;
    std::chrono::steady_clock::time_point asked;
    int received = 0;
    ModemEvents ev;
    ev.on_inbound = [&](jumbe::modem::InboundMessage m) {
      ms.push_back(
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - asked)
              .count());
      ++received;
      m.commit();
    };
    Rig rig(std::move(ev));
    state.ResumeTiming();
    for (int i = 0; i < messages; ++i) {
      // The control request is synchronous; the sim emits +CMTI while answering it.
      asked = std::chrono::steady_clock::now();
      rig.sim->request({{"cmd", "deliver"}, {"from", "+254722000111"}, {"text", "STATUS 4821"}});
      rig.run_until([&] { return received == i + 1; }, 10s);
    }
    std::sort(ms.begin(), ms.end());
    state.counters["messages"] = static_cast<double>(ms.size());
    if (!ms.empty()) {
      state.counters["median_ms"] = ms[ms.size() / 2];
      state.counters["p99_ms"] = ms[std::min(ms.size() - 1, ms.size() * 99 / 100)];
    }
  }
}
BENCHMARK(BM_ModemInboundLatency)
    ->Arg(300)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_ModemIdleCommandsPerMinute(benchmark::State& state) {
  for (auto _ : state) {
    Rig rig;
    rig.run_until([] { return false; }, 5s);  // let start-up sweeps settle
    const auto c0 = rig.sim->request({{"cmd", "counters"}})["counters"]["commands"].get<long>();
    rig.run_until([] { return false; }, 120s);
    const auto c1 = rig.sim->request({{"cmd", "counters"}})["counters"]["commands"].get<long>();
    state.counters["at_commands_per_min"] = static_cast<double>(c1 - c0) / 2.0;
  }
}
BENCHMARK(BM_ModemIdleCommandsPerMinute)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
