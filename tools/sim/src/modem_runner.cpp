// One simulated modem on a pty (see modem_runner.hpp).
#include "modem_runner.hpp"

#include <boost/asio/post.hpp>
#include <cstdio>

namespace jumbe::sim {

namespace asio = boost::asio;

ModemRunner::ModemRunner(asio::io_context& io, int index, EngineOptions engine_options,
                         RunnerOptions options)
    : io_(io),
      index_(index),
      opt_(std::move(options)),
      port_(io, opt_.pty_path),
      engine_(std::move(engine_options), *this),
      delay_timer_(io),
      noise_timer_(io),
      rng_(opt_.seed) {}

ModemRunner::~ModemRunner() {
  *alive_ = false;
}

tl::expected<void, std::string> ModemRunner::start() {
  auto r = port_.open([this](std::string_view b) { on_data(b); });
  if (!r) return r;
  engine_.power_on();
  if (opt_.noise_interval_ms > 0) noise_tick();
  return {};
}

void ModemRunner::on_data(std::string_view bytes) {
  pending_input_.append(bytes);
  feed_engine();
}

void ModemRunner::feed_engine() {
  if (busy_ || !queue_.empty() || pending_input_.empty()) return;
  std::string in;
  in.swap(pending_input_);
  engine_.input(in);
  pump();
}

void ModemRunner::emit(std::string bytes, Delay delay) {
  if (!port_.is_open()) return;  // unplugged: the bytes go nowhere, as on a dead USB port
  int ms = 0;
  if (delay == Delay::command) ms = opt_.command_latency_ms;
  if (delay == Delay::send) ms = opt_.send_latency_ms + opt_.command_latency_ms;
  queue_.push_back(Chunk{std::move(bytes), ms, delay != Delay::none});
  pump();
}

std::string ModemRunner::garbage() {
  // Line noise as a failing USB modem shows it: random bytes, then a truncated line.
  static const char* fragments[] = {"\r\n+CSQ: 1", "\r\n+CM", "\r\nOK\r",
                                    "\r\n^RSSI:", "\r\n+CREG: 1,"};
  std::string g;
  const int n = 3 + static_cast<int>(rng_() % 8);
  for (int i = 0; i < n; ++i)
    g.push_back(static_cast<char>(rng_() % 256));
  g += fragments[rng_() % 5];
  return g;
}

void ModemRunner::pump() {
  if (busy_) return;
  if (queue_.empty()) {
    if (!pending_input_.empty())
      asio::post(io_, [this, alive = alive_] {
        if (*alive) feed_engine();
      });
    return;
  }
  busy_ = true;
  auto chunk = std::move(queue_.front());
  queue_.pop_front();
  auto& faults = engine_.faults();
  if (chunk.response && faults.garbage > 0) {
    --faults.garbage;
    chunk.bytes = garbage() + chunk.bytes;
  }
  auto write = [this, bytes = std::move(chunk.bytes)]() mutable {
    engine_.counters().bytes_out += bytes.size();
    port_.write(std::move(bytes), [this, alive = alive_] {
      if (!*alive) return;
      busy_ = false;
      pump();
    });
  };
  if (chunk.delay_ms <= 0) {
    write();
    return;
  }
  delay_timer_.expires_after(std::chrono::milliseconds{chunk.delay_ms});
  delay_timer_.async_wait(
      [write = std::move(write), alive = alive_](boost::system::error_code ec) mutable {
        if (!*alive || ec) return;
        write();
      });
}

void ModemRunner::after(std::chrono::milliseconds ms, std::function<void()> fn) {
  auto t = std::make_shared<asio::steady_timer>(io_, ms);
  t->async_wait([t, fn = std::move(fn), alive = alive_](boost::system::error_code ec) {
    if (!*alive || ec) return;
    fn();
  });
}

std::int64_t ModemRunner::now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void ModemRunner::unplug(int replug_after_ms) {
  ++engine_.counters().unplugs;
  delay_timer_.cancel();
  queue_.clear();
  busy_ = false;
  pending_input_.clear();
  port_.close();
  if (replug_after_ms > 0) {
    after(std::chrono::milliseconds{replug_after_ms}, [this] {
      if (const auto r = replug(); !r) {
        std::fprintf(stderr, "jumbe-sim: modem %d: replug: %s\n", index_, r.error().c_str());
      }
    });
  }
}

tl::expected<void, std::string> ModemRunner::replug() {
  if (port_.is_open()) return {};
  auto r = port_.open([this](std::string_view b) { on_data(b); });
  if (!r) return r;
  engine_.power_on();
  return {};
}

void ModemRunner::restart() {
  // +CFUN=1,1: the OK has been queued; let it out, then drop the port like a USB re-enumeration.
  after(std::chrono::milliseconds{50}, [this] {
    unplug(0);
    --engine_.counters().unplugs;  // a reset, counted in resets
    after(std::chrono::milliseconds{opt_.boot_ms}, [this] { (void)replug(); });
  });
}

void ModemRunner::noise_tick() {
  noise_timer_.expires_after(std::chrono::milliseconds{opt_.noise_interval_ms});
  noise_timer_.async_wait([this, alive = alive_](boost::system::error_code ec) {
    if (!*alive || ec) return;
    // Huawei ^RSSI arrives unasked while ^CURC is on; only when the line is idle, so a client
    // that does not read cannot make the queue grow.
    if (port_.is_open() && !busy_ && queue_.empty()) engine_.periodic_noise();
    noise_tick();
  });
}

}  // namespace jumbe::sim
