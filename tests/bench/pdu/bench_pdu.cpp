// Benchmarks of the SMS PDU codec (issue 3): encode and decode of a 160-character GSM 7-bit
// message, a 70-character UCS2 message and a 3-part concatenated message. Reports time per
// message and heap allocations per message, counted by replacing the global operator new in
// this binary. Target: under 1 us per single-segment message each way.
#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include "jumbe/pdu/pdu.hpp"

namespace {
std::atomic<std::size_t> g_allocs{0};
}  // namespace

void* operator new(std::size_t n) {
  g_allocs.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) {
  g_allocs.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  g_allocs.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(n ? n : 1);
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
  g_allocs.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(n ? n : 1);
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete[](void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
  std::free(p);
}

namespace {

namespace pdu = jumbe::pdu;

std::string gsm7_160() {
  const std::string s =
      "Baraza la wazee litafanyika kesho saa nne asubuhi katika ofisi ya chifu, Lanet. "
      "Wote mnakaribishwa. Tafadhali fika mapema; maswali: piga 0712345678 (bure).";
  return s.substr(0, 160);
}

std::string ucs2_70() {
  std::string s = "Asante sana \U0001F64F karibu tena! ";
  while (pdu::plan_segments(s)->units < 70)
    s += "\u00e7";
  return s;
}

std::string three_parts() {
  std::string s;
  while (s.size() < 450)
    s += "Tahadhari: barabara ya Nakuru imefungwa kwa sababu ya mafuriko. ";
  return s.substr(0, 450);
}

void report(benchmark::State& state, std::size_t allocs_before, double messages_per_iter) {
  const double allocs = static_cast<double>(g_allocs.load() - allocs_before);
  state.counters["allocs/msg"] =
      benchmark::Counter(allocs / messages_per_iter, benchmark::Counter::kAvgIterations);
  state.counters["msgs/s"] = benchmark::Counter(
      messages_per_iter, benchmark::Counter::kIsRate | benchmark::Counter::kIsIterationInvariant);
}

void encode_bench(benchmark::State& state, const std::string& text) {
  pdu::SubmitOptions o;
  o.to = "+254712345678";
  o.status_report = true;
  o.validity.format = pdu::Validity::Format::relative;
  o.validity.relative_minutes = 24 * 60;
  const std::size_t before = g_allocs.load();
  for (auto _ : state) {
    auto r = pdu::encode_submit(text, o, 42);
    benchmark::DoNotOptimize(r);
  }
  report(state, before, 1.0);
}

std::vector<std::string> deliver_hex(const std::string& text) {
  pdu::DeliverOptions o;
  o.from = "+254712345678";
  o.smsc = "+254722500029";
  o.timestamp = pdu::Timestamp{2024, 3, 5, 14, 7, 9, 12};
  std::vector<std::string> out;
  for (const auto& p : *pdu::encode_deliver(text, o, 42))
    out.push_back(p.hex);
  return out;
}

void decode_bench(benchmark::State& state, const std::string& text) {
  const auto hexes = deliver_hex(text);
  const std::size_t before = g_allocs.load();
  for (auto _ : state) {
    std::vector<pdu::Deliver> parts;
    parts.reserve(hexes.size());
    for (const auto& h : hexes) {
      auto m = pdu::decode_hex(h);
      parts.push_back(std::get<pdu::Deliver>(std::move(*m)));
    }
    if (parts.size() > 1) {
      auto joined = pdu::reassemble(parts);
      benchmark::DoNotOptimize(joined);
    }
    benchmark::DoNotOptimize(parts);
  }
  report(state, before, 1.0);
}

void BM_EncodeSubmit_Gsm7_160(benchmark::State& s) {
  encode_bench(s, gsm7_160());
}
void BM_EncodeSubmit_Ucs2_70(benchmark::State& s) {
  encode_bench(s, ucs2_70());
}
void BM_EncodeSubmit_Gsm7_3Parts(benchmark::State& s) {
  encode_bench(s, three_parts());
}
void BM_DecodeDeliver_Gsm7_160(benchmark::State& s) {
  decode_bench(s, gsm7_160());
}
void BM_DecodeDeliver_Ucs2_70(benchmark::State& s) {
  decode_bench(s, ucs2_70());
}
void BM_DecodeReassemble_Gsm7_3Parts(benchmark::State& s) {
  decode_bench(s, three_parts());
}

void BM_Count_Gsm7_160(benchmark::State& state) {
  const std::string text = gsm7_160();
  const std::size_t before = g_allocs.load();
  for (auto _ : state) {
    auto r = pdu::plan_segments(text);
    benchmark::DoNotOptimize(r);
  }
  report(state, before, 1.0);
}

BENCHMARK(BM_EncodeSubmit_Gsm7_160);
BENCHMARK(BM_EncodeSubmit_Ucs2_70);
BENCHMARK(BM_EncodeSubmit_Gsm7_3Parts);
BENCHMARK(BM_DecodeDeliver_Gsm7_160);
BENCHMARK(BM_DecodeDeliver_Ucs2_70);
BENCHMARK(BM_DecodeReassemble_Gsm7_3Parts);
BENCHMARK(BM_Count_Gsm7_160);

}  // namespace

BENCHMARK_MAIN();
