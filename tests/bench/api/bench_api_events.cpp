// The event stream under load (issue 8 benchmark; api-contract.md "Events"). Three figures:
// BM_ApiEventFanOut: 0 or 50 SSE subscribers on the unix socket of the real Server + Gateway +
//   SQLite store (in this process, one loop thread as in jumbed); M queued messages are cancelled
//   through DELETE /v1/messages/{id} on 16 connections, each cancel one "state" event, and the
//   clock stops when every subscriber has every event: frames delivered/s, and the loop thread's
//   CPU per event (the difference between 50 and 0 subscribers is the fan-out's own cost).
// BM_EventHubFanOut: the hub alone (no sockets) with 50 subscriptions: frames built per frame
//   delivered (1/50 when each frame is built once) and events per store read.
// BM_ApiSseMemory: RSS with 0 and with 500 idle SSE clients connected -> KiB per open stream.
#include <benchmark/benchmark.h>
#include <malloc.h>
#include <poll.h>
#include <pthread.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

// clang-format off
#include <utility>  // first: Boost 1.74's awaitable.hpp uses std::exchange without it
// clang-format on
#include <algorithm>
#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "bench_daemon.hpp"
#include "jumbe/api/events_hub.hpp"
#include "jumbe/api/server.hpp"
#include "jumbe/config/load.hpp"
#include "jumbe/gateway/gateway.hpp"
#include "jumbe/log/setup.hpp"
#include "jumbe/store/sqlite_store.hpp"

namespace {

using namespace jumbe;
using Clock = std::chrono::steady_clock;

using bench::connect_unix;
using bench::round_trip;

// Room for the memory benchmark's 500 idle streams.
struct Daemon : bench::BenchDaemon {
  Daemon() : BenchDaemon("{requests: 1000000/s, request_burst: 1000000, max_connections: 4000}") {}
};

// Queues `n` messages through the API; returns their ids.
std::vector<long> submit(Daemon& d, int n) {
  std::vector<long> ids;
  const int fd = connect_unix(d.socket());
  std::string buf, body;
  for (int i = 0; i < n && fd >= 0; ++i) {
    if (round_trip(fd, bench::post_message(i, i), buf, &body) != 202) break;
    const auto p = body.find("\"id\":");
    ids.push_back(std::stol(body.substr(p + 5)));
  }
  if (fd >= 0) ::close(fd);
  return ids;
}

// Opens GET /v1/events and returns the socket once the stream has begun (head and the first
// "retry:" block read, so the hub has the subscription); -1 on failure.
int open_stream(const std::string& socket, const std::string& target) {
  const int fd = connect_unix(socket);
  if (fd < 0) return -1;
  const std::string req =
      "GET " + target + " HTTP/1.1\r\nHost: jumbe\r\nAccept: text/event-stream\r\n\r\n";
  if (::send(fd, req.data(), req.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(req.size())) {
    ::close(fd);
    return -1;
  }
  std::string buf;
  char tmp[1024];
  while (buf.find("retry:") == std::string::npos ||
         buf.find("\n\n", buf.find("retry:")) == std::string::npos) {
    const ssize_t n = ::recv(fd, tmp, sizeof tmp, 0);
    if (n <= 0) {
      ::close(fd);
      return -1;
    }
    buf.append(tmp, static_cast<std::size_t>(n));
  }
  if (buf.rfind("HTTP/1.1 200", 0) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// Reads frames from an open stream until `want` events came, the stream closed or 60 s passed
// without a byte. Counts "event:" lines, one per frame (keepalive comments have none).
struct Reader {
  int fd = -1;
  long want = 0;
  long got = 0;
  Clock::time_point done{};
  void run() {
    std::string carry;
    char tmp[65536];
    while (got < want) {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 60'000) <= 0) break;
      const ssize_t n = ::recv(fd, tmp, sizeof tmp, 0);
      if (n <= 0) break;
      carry.append(tmp, static_cast<std::size_t>(n));
      std::size_t pos = 0;
      for (std::size_t at; (at = carry.find("\nevent: ", pos)) != std::string::npos;) {
        ++got;
        pos = at + 8;
      }
      // Keep only a tail that could hold the start of a split "\nevent: ".
      carry.erase(0, std::max(pos, carry.size() > 8 ? carry.size() - 8 : 0));
    }
    done = Clock::now();
  }
};

constexpr int kProducers = 16;

// "events: ... subscribed" info lines, one per stream, would drown the figures.
void quiet() {
  log::get("api")->set_level(spdlog::level::warn);
}

std::string stream_after(Daemon& d) {
  auto head = d.st->events_after(0, 1'000'000);
  const long after = head && !head->empty() ? head->back().id : 0;
  return "/v1/events?kinds=state&after=" + std::to_string(after);
}

void BM_ApiEventFanOut(benchmark::State& state) {
  const int subscribers = static_cast<int>(state.range(0));
  const int events = static_cast<int>(state.range(1));
  quiet();
  Daemon d;
  const auto ids = submit(d, events);
  if (static_cast<int>(ids.size()) != events) {
    state.SkipWithError("submissions failed");
    return;
  }
  const auto target = stream_after(d);
  std::vector<Reader> readers(static_cast<std::size_t>(subscribers));
  for (auto& r : readers) {
    r.fd = open_stream(d.socket(), target);
    r.want = events;
    if (r.fd < 0) {
      state.SkipWithError("cannot open an event stream");
      return;
    }
  }
  double seconds = 0, produce_s = 0, cpu = 0;
  for (auto _ : state) {
    std::vector<std::thread> threads;
    for (auto& r : readers)
      threads.emplace_back([&r] { r.run(); });
    const double cpu0 = d.loop_cpu();
    const auto t0 = Clock::now();
    // kProducers connections, each cancelling its share of the queued messages: one "state"
    // event per cancel (durable writes, so concurrency is what lets the store group-commit).
    std::vector<std::thread> producers;
    for (int p = 0; p < kProducers; ++p) {
      producers.emplace_back([&, p] {
        const int fd = connect_unix(d.socket());
        std::string buf;
        for (std::size_t i = static_cast<std::size_t>(p); i < ids.size();
             i += static_cast<std::size_t>(kProducers)) {
          const std::string req =
              "DELETE /v1/messages/" + std::to_string(ids[i]) + " HTTP/1.1\r\nHost: jumbe\r\n\r\n";
          round_trip(fd, req, buf);
          d.notify();
        }
        ::close(fd);
      });
    }
    for (auto& p : producers)
      p.join();
    const auto t_produced = Clock::now();
    auto last = t_produced;
    for (auto& t : threads)
      t.join();
    for (const auto& r : readers)
      last = std::max(last, r.done);
    if (subscribers == 0) {
      // Without subscribers the events still have to reach the log; the loop's CPU is then the
      // producer's alone.
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    cpu = d.loop_cpu() - cpu0;
    seconds = std::chrono::duration<double>(last - t0).count();
    produce_s = std::chrono::duration<double>(t_produced - t0).count();
    state.SetIterationTime(seconds);
  }
  long delivered = 0;
  for (auto& r : readers) {
    delivered += r.got;
    ::close(r.fd);
  }
  const double expected = static_cast<double>(subscribers) * events;
  state.counters["events_per_s"] = events / seconds;
  state.counters["frames_delivered_per_s"] = static_cast<double>(delivered) / seconds;
  state.counters["missing_frames"] = expected - static_cast<double>(delivered);
  state.counters["cancels_per_s"] = events / produce_s;
  state.counters["drain_after_last_cancel_ms"] = (seconds - produce_s) * 1000;
  state.counters["loop_cpu_us_per_event"] = cpu * 1e6 / events;
}

BENCHMARK(BM_ApiEventFanOut)
    ->Args({0, 4000})
    ->Args({50, 4000})
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

// The hub by itself: 50 subscriptions on one loop, M events appended to the store (each wake
// like the gateway's change listener), frames taken as a connection's writer would.
void BM_EventHubFanOut(benchmark::State& state) {
  const int subscribers = static_cast<int>(state.range(0));
  const long events = state.range(1);
  const std::string dir = bench::temp_dir();
  auto opened = store::open_sqlite_store({dir + "/jumbe.db"});
  if (!opened) {
    state.SkipWithError(opened.error().message.c_str());
    return;
  }
  auto st = std::move(*opened);
  boost::asio::io_context io{1};
  api::EventHub hub(io.get_executor(), *st);
  std::atomic<long> delivered{0};
  std::atomic<int> finished{0};
  std::promise<void> all_done;
  std::vector<std::shared_ptr<api::Subscription>> subs;
  for (int i = 0; i < subscribers; ++i) {
    auto sub = hub.subscribe("bench", 0, api::KindSet::all());
    subs.push_back(sub);
    boost::asio::co_spawn(
        io,
        [&, sub]() -> boost::asio::awaitable<void> {
          long mine = 0;
          while (mine < events) {
            auto chunk = co_await sub->next();
            if (chunk.empty()) break;
            for (auto p = chunk.find("\nevent: "); p != std::string::npos;
                 p = chunk.find("\nevent: ", p + 1))
              ++mine;
          }
          delivered += mine;
          if (++finished == subscribers) all_done.set_value();
        },
        boost::asio::detached);
  }
  std::thread loop([&] {
    auto guard = boost::asio::make_work_guard(io);
    io.run();
  });
  // Events whose subject is a real message, so each frame costs the enrichment read it costs in
  // jumbed (store::Store::message).
  std::vector<store::MessageId> msgs;
  for (long i = 0; i < events; ++i) {
    std::promise<store::MessageId> p;
    store::OutboundRequest req;
    req.client = "bench";
    req.recipient = "+2547120" + std::to_string(10000 + i % 80000);
    req.text = "Mkutano wa baraza kesho";
    st->enqueue(req, 1,
                [&p](store::Result<store::EnqueueResult> r) { p.set_value(r ? r->id : 0); });
    msgs.push_back(p.get_future().get());
  }
  double seconds = 0;
  std::uint64_t built = 0, reads = 0;
  for (auto _ : state) {
    const auto t0 = Clock::now();
    for (long i = 0; i < events; ++i)
      st->append_event(store::EventKind::state_changed, msgs[static_cast<std::size_t>(i)],
                       "cancelled", 2, [&io, &hub](store::Result<store::EventId>) {
                         boost::asio::post(io, [&hub] { hub.wake(); });
                       });
    all_done.get_future().wait();
    seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    state.SetIterationTime(seconds);
    std::promise<void> read;
    boost::asio::post(io, [&] {
      built = hub.frames_built();
      reads = hub.store_reads();
      hub.close_all("done");
      read.set_value();
    });
    read.get_future().wait();
  }
  io.stop();
  loop.join();
  subs.clear();
  const double frames = static_cast<double>(delivered.load());
  state.counters["frames_delivered_per_s"] = frames / seconds;
  state.counters["frames_built"] = static_cast<double>(built);
  state.counters["frames_delivered"] = frames;
  state.counters["built_per_delivered"] = static_cast<double>(built) / frames;
  state.counters["store_reads"] = static_cast<double>(reads);
  state.counters["events_per_store_read"] =
      reads ? static_cast<double>(events) / static_cast<double>(reads) : 0;
  st.reset();
  std::filesystem::remove_all(dir);
}

BENCHMARK(BM_EventHubFanOut)
    ->Args({50, 20000})
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

double rss_kib() {
  std::ifstream f("/proc/self/statm");
  long size = 0, resident = 0;
  f >> size >> resident;
  return static_cast<double>(resident) * static_cast<double>(::sysconf(_SC_PAGESIZE)) / 1024.0;
}

// RSS with 0 and then `clients` idle SSE clients. One stream is opened and closed first so the
// hub and the route's first-use allocations are not charged to the clients.
void BM_ApiSseMemory(benchmark::State& state) {
  const int clients = static_cast<int>(state.range(0));
  quiet();
  Daemon d;
  double before = 0, after = 0;
  std::uint64_t open = 0;
  for (auto _ : state) {
    const int warm = open_stream(d.socket(), "/v1/events");
    if (warm >= 0) ::close(warm);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    ::malloc_trim(0);
    before = rss_kib();
    std::vector<int> fds;
    for (int i = 0; i < clients; ++i) {
      const int fd = open_stream(d.socket(), "/v1/events");
      if (fd < 0) break;
      fds.push_back(fd);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    after = rss_kib();
    std::promise<std::uint64_t> n;
    boost::asio::post(d.io, [&] { n.set_value(d.server->stats().connections_open); });
    open = n.get_future().get();
    for (int fd : fds)
      ::close(fd);
  }
  state.counters["rss_idle_kib"] = before;
  state.counters["rss_with_clients_kib"] = after;
  state.counters["connections_open"] = static_cast<double>(open);
  state.counters["kib_per_client"] = (after - before) / clients;
}

BENCHMARK(BM_ApiSseMemory)->Arg(500)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
