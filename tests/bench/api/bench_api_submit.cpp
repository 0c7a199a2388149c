// Durable accepted submissions per second through the API: 16 concurrent clients, each on one
// keep-alive unix-socket connection, POST /v1/messages one after the other; a 202 is counted only
// after the store committed the message (Gateway::submit). Reports submissions/s and p50/p99
// latency. The daemon side is the real Server + Gateway + SQLite store in this process on one
// event-loop thread (as in jumbed); its one modem has no device, so nothing is claimed.
#include <benchmark/benchmark.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "jumbe/api/server.hpp"
#include "jumbe/config/load.hpp"
#include "jumbe/gateway/gateway.hpp"
#include "jumbe/store/sqlite_store.hpp"

namespace {

using namespace jumbe;

struct Daemon {
  std::string dir;
  boost::asio::io_context io{1};
  std::unique_ptr<store::Store> st;
  std::unique_ptr<gateway::Gateway> gw;
  std::unique_ptr<api::Server> server;
  std::thread loop;

  Daemon() {
    char tmpl[] = "/tmp/jumbe-bench-api-XXXXXX";
    dir = ::mkdtemp(tmpl);
    auto cfg = config::load_string("store:\n  path: " + dir +
                                   "/jumbe.db\n"
                                   "modems:\n  - {name: saf-1, device: " +
                                   dir +
                                   "/nodev, operator: safaricom}\n"
                                   "api:\n  socket: " +
                                   dir +
                                   "/jumbe.sock\n  socket_group: \"\"\n"
                                   "  limits: {requests: 1000000/s, request_burst: 1000000}\n"
                                   "logging: {level: warn, sink: stderr}\n");
    if (!cfg) throw std::runtime_error(cfg.error().front().to_string());
    auto s = store::open_sqlite_store({dir + "/jumbe.db"});
    if (!s) throw std::runtime_error(s.error().message);
    st = std::move(*s);
    gw = std::make_unique<gateway::Gateway>(io.get_executor(), *st, *cfg);
    server = std::make_unique<api::Server>(io.get_executor(), *gw);
    if (auto ok = server->start(); !ok) throw std::runtime_error(ok.error());
    loop = std::thread([this] {
      auto guard = boost::asio::make_work_guard(io);
      io.run();
    });
  }
  ~Daemon() {
    boost::asio::post(io, [this] { server->stop(); });
    io.stop();
    loop.join();
    server.reset();
    gw.reset();
    st.reset();
    std::filesystem::remove_all(dir);
  }
};

int connect_unix(const std::string& path) {
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un a{};
  a.sun_family = AF_UNIX;
  std::strncpy(a.sun_path, path.c_str(), sizeof(a.sun_path) - 1);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a)) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// Sends one request and reads one response; returns the status (0 on a broken connection).
int round_trip(int fd, const std::string& req, std::string& buf) {
  if (::send(fd, req.data(), req.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(req.size()))
    return 0;
  char tmp[4096];
  for (;;) {
    const auto end = buf.find("\r\n\r\n");
    if (end != std::string::npos) {
      const auto cl = buf.find("Content-Length: ");
      const std::size_t len = cl < end ? std::stoul(buf.substr(cl + 16)) : 0;
      if (buf.size() >= end + 4 + len) {
        const int status = std::stoi(buf.substr(9, 3));
        buf.erase(0, end + 4 + len);
        return status;
      }
    }
    const ssize_t n = ::recv(fd, tmp, sizeof tmp, 0);
    if (n <= 0) return 0;
    buf.append(tmp, static_cast<std::size_t>(n));
  }
}

void BM_ApiSubmitDurable(benchmark::State& state) {
  const int clients = static_cast<int>(state.range(0));
  const int per_client = static_cast<int>(state.range(1));
  Daemon d;
  std::vector<std::vector<double>> lat(static_cast<std::size_t>(clients));
  std::atomic<int> failures{0};
  double seconds = 0;
  for (auto _ : state) {
    std::vector<std::thread> threads;
    const auto t0 = std::chrono::steady_clock::now();
    for (int c = 0; c < clients; ++c) {
      threads.emplace_back([&, c] {
        const int fd = connect_unix(d.dir + "/jumbe.sock");
        if (fd < 0) {
          failures += per_client;
          return;
        }
        std::string buf;
        auto& mine = lat[static_cast<std::size_t>(c)];
        mine.reserve(static_cast<std::size_t>(per_client));
        for (int i = 0; i < per_client; ++i) {
          const std::string body = R"({"to":"+2547120)" + std::to_string(10000 + c) +
                                   R"(","text":"Mkutano wa baraza kesho saa nne asubuhi #)" +
                                   std::to_string(i) + R"("})";
          const std::string req =
              "POST /v1/messages HTTP/1.1\r\nHost: jumbe\r\nContent-Type: "
              "application/json\r\nContent-Length: " +
              std::to_string(body.size()) + "\r\n\r\n" + body;
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
