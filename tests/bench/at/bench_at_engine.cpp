// Engine micro-benchmarks: one full +CMGS exchange (command, prompt, PDU, +CMGS, OK), one +CMTI
// URC, and framing + classifying a 30-message +CMGL listing. No I/O: this is the CPU the AT layer
// adds on top of the serial port.
#include <benchmark/benchmark.h>

#include "jumbe/at/engine.hpp"
#include "jumbe/at/replies.hpp"

using namespace jumbe::at;

namespace {

const std::string kPdu = "0011000C915274214365870000AA0AE8329BFD4697D9EC37";

void BM_EngineCmgsExchange(benchmark::State& state) {
  Engine engine;
  Engine::TimePoint now{};
  std::size_t completed = 0;
  for (auto _ : state) {
    engine.submit(cmgs_command(kPdu.size() / 2 - 1, kPdu), now);
    engine.on_bytes("\r\n> ", now);
    engine.on_bytes("\r\n+CMGS: 42\r\n\r\nOK\r\n", now);
    for (auto& o : engine.take_outputs())
      if (auto* c = std::get_if<out::Completed>(&o)) {
        completed += c->result.has_value();
        benchmark::DoNotOptimize(parse_cmgs(c->result->lines.front()));
      }
  }
  if (completed != static_cast<std::size_t>(state.iterations())) state.SkipWithError("lost");
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EngineCmgsExchange);

void BM_EngineCmtiUrc(benchmark::State& state) {
  Engine engine;
  Engine::TimePoint now{};
  for (auto _ : state) {
    engine.on_bytes("\r\n+CMTI: \"SM\",7\r\n", now);
    for (auto& o : engine.take_outputs())
      if (auto* u = std::get_if<out::Unsolicited>(&o))
        benchmark::DoNotOptimize(parse_cmti(u->urc.line));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EngineCmtiUrc);

void BM_EngineCmglListing30(benchmark::State& state) {
  std::string listing;
  for (int i = 0; i < 30; ++i)
    listing += "\r\n+CMGL: " + std::to_string(i) +
               ",1,,24\r\n0791527402001005040C91527421436587000052113021543280044F7A1D0E";
  listing += "\r\n\r\nOK\r\n";
  Engine engine;
  Engine::TimePoint now{};
  for (auto _ : state) {
    Command c = plain_command("AT+CMGL=4");
    c.kind = CommandKind::sms_list;
    engine.submit(std::move(c), now);
    engine.on_bytes(listing, now);
    for (auto& o : engine.take_outputs())
      if (auto* d = std::get_if<out::Completed>(&o)) {
        auto parsed = parse_cmgl(d->result->lines);
        if (!parsed || parsed->size() != 30) state.SkipWithError("bad listing");
      }
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(listing.size()));
}
BENCHMARK(BM_EngineCmglListing30);

}  // namespace

BENCHMARK_MAIN();
