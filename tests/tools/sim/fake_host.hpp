// A Host for engine unit tests: collects output in order (latency classes recorded, not
// waited for) and runs after() callbacks on a fake clock advanced by the test.
#pragma once

#include <algorithm>
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "jumbe/sim/engine.hpp"

namespace jumbe::sim::test {

class FakeHost : public Host {
 public:
  void emit(std::string bytes, Delay delay) override {
    out += bytes;
    delays.push_back(delay);
  }
  void after(std::chrono::milliseconds ms, std::function<void()> fn) override {
    timers.push_back({now + ms.count(), seq++, std::move(fn)});
  }
  void restart() override { ++restarts; }
  std::int64_t now_ms() override { return epoch + now; }

  // Runs every timer due within `ms` from now, in time order (timers may add timers).
  void advance(std::int64_t ms) {
    const auto until = now + ms;
    for (;;) {
      auto it = std::min_element(timers.begin(), timers.end(), [](const auto& a, const auto& b) {
        return a.at != b.at ? a.at < b.at : a.seq < b.seq;
      });
      if (it == timers.end() || it->at > until) break;
      now = std::max(now, it->at);
      auto fn = std::move(it->fn);
      timers.erase(it);
      fn();
    }
    now = until;
  }
  std::string take() {
    std::string s;
    s.swap(out);
    return s;
  }

  struct Timer {
    std::int64_t at;
    int seq;
    std::function<void()> fn;
  };
  std::string out;
  std::vector<Delay> delays;
  std::vector<Timer> timers;
  std::int64_t now = 0;
  std::int64_t epoch = 1795424400000;  // 2026-11-23 09:00:00 UTC (12:00 EAT)
  int seq = 0;
  int restarts = 0;
};

}  // namespace jumbe::sim::test
