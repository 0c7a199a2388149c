// jumbed: the gateway daemon. Runs in the foreground (systemd Type=notify), one Asio event-loop
// thread plus the store's writer thread. Contract (issue 7): --check validates a config; at start
// a bad config or an unopenable store is fatal with one line naming the file; READY=1 once the
// store is open and the modems initialised (or their init timed out); SIGTERM stops within a
// few seconds with every result committed; SIGHUP reloads (a bad file keeps the old config).
#include <sys/types.h>
#include <systemd/sd-daemon.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <csignal>
#include <fstream>
#include <iostream>
#include <memory>

#include "jumbe/api/server.hpp"
#include "jumbe/config/check.hpp"
#include "jumbe/config/load.hpp"
#include "jumbe/gateway/gateway.hpp"
#include "jumbe/gateway/settings.hpp"
#include "jumbe/log/setup.hpp"
#include "jumbe/store/sqlite_store.hpp"
#include "jumbe/version.hpp"
#include "jumbe/webhooks/dispatcher.hpp"

namespace {

using namespace jumbe;
namespace asio = boost::asio;

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The daemon's pid next to its database, so `jumbed --enqueue` (tests, the demo) can tell a
// running daemon that new work is committed (SIGUSR1). The HTTP API (issue 8) will call
// Gateway::work_added() in-process instead.
std::string pid_file(const config::Config& cfg) {
  return cfg.store.path + ".pid";
}

void print_diagnostics(const std::vector<config::Diagnostic>& ds) {
  for (const auto& d : ds)
    std::cerr << d.to_string() << '\n';
}

// Hidden admin path: enqueue messages straight into the store (the API comes in issue 8).
int enqueue(const config::Config& cfg, store::Store& st, const std::string& to,
            const std::string& text, const std::string& priority, int count) {
  auto prio = gateway::parse_priority(priority);
  if (!prio) {
    std::cerr << "jumbed: " << prio.error() << '\n';
    return 2;
  }
  config::Numbers numbers(cfg.numbers);
  auto r = numbers.parse_recipient(to);
  if (!r) {
    std::cerr << "jumbed: recipient " << r.error().message << '\n';
    return 2;
  }
  // Without the running daemon's view of its modems, prefer the recipient's operator when a
  // configured modem of it may send; the grace lets another operator take it if that modem is
  // down (router::RouterSettings::operator_grace_ms).
  router::Preference pref;
  for (const auto& m : cfg.modems)
    if (m.enabled && m.has_role(config::ModemRole::send) && m.operator_name == r->operator_name)
      pref = {r->operator_name, router::RouterSettings{}.operator_grace_ms};
  for (int i = 0; i < count; ++i) {
    gateway::Submission s;
    s.to = to;
    s.text = count > 1 ? text + " #" + std::to_string(i + 1) : text;
    s.priority = *prio;
    auto req = gateway::make_request(s, numbers, pref);
    if (!req) {
      std::cerr << "jumbed: " << req.error() << '\n';
      return 2;
    }
    auto res = store::wait_for<store::EnqueueResult>(
        [&](auto done) { st.enqueue(std::move(*req), now_ms(), std::move(done)); });
    if (!res) {
      std::cerr << "jumbed: " << res.error().message << '\n';
      return 1;
    }
    if (count == 1) std::cout << res->id << '\n';
  }
  if (std::ifstream pf(pid_file(cfg)); pf) {
    pid_t pid = 0;
    if (pf >> pid && pid > 0) kill(pid, SIGUSR1);
  }
  return 0;
}

void notify(const std::string& what) {
  sd_notify(0, what.c_str());
}

int run(const config::Config& initial, std::unique_ptr<store::Store> st,
        std::chrono::milliseconds init_timeout) {
  auto lg = log::get("jumbed");
  asio::io_context io(1);
  gateway::GatewayOptions opts;
  opts.on_status = [](const gateway::Status& s) { notify("STATUS=" + s.line()); };
  gateway::Gateway gw(io.get_executor(), *st, initial, opts);

  // The API listens as soon as the store is open (it is, here): clients may queue work while the
  // modems initialise. A socket that cannot be bound is fatal with one line naming it.
  api::Server server(io.get_executor(), gw);
  if (auto ok = server.start(); !ok) {
    std::cerr << "jumbed: " << ok.error() << '\n';
    return 1;
  }

  // Webhooks and Kannel callbacks follow the durable event log, one lane per endpoint; they carry
  // the same event JSON as the SSE stream (jumbe::events). Every change the gateway commits wakes
  // them.
  webhooks::Dispatcher hooks(io.get_executor(), *st, initial);
  gw.add_change_listener([&hooks] { hooks.notify(); });
  hooks.start();

  const std::string pidf = pid_file(initial);
  std::ofstream(pidf) << getpid() << '\n';

  asio::signal_set signals(io, SIGTERM, SIGINT, SIGHUP);
  signals.add(SIGUSR1);
  asio::steady_timer deadline(io);
  bool stopping = false;
  std::function<void()> wait_signal;
  wait_signal = [&] {
    signals.async_wait([&](boost::system::error_code ec, int sig) {
      if (ec) return;
      if (sig == SIGUSR1) {
        gw.work_added();
        hooks.notify();
      } else if (sig == SIGHUP) {
        notify("RELOADING=1");
        auto next = config::load_file(gw.config().file);
        if (!next) {
          for (const auto& d : next.error())
            lg->error("reload refused, old configuration kept: {}", d.to_string());
        } else {
          if (next->store.path != gw.config().store.path)
            lg->warn("store.path changed: takes effect at the next start");
          next->store.path = gw.config().store.path;
          log::init(next->logging);
          gw.reload(std::move(*next));
          server.reload();  // clients, roles and limits from the new file
          hooks.reload(gw.config());
        }
        notify("READY=1");
      } else if (!stopping) {
        stopping = true;
        lg->info("{}: stopping: no new claims; modems finish their command in flight",
                 sig == SIGTERM ? "SIGTERM" : "SIGINT");
        notify("STOPPING=1");
        // No new API work once we stop claiming; open event streams end here too.
        server.stop();
        // Bounded: a modem that never answers must not hold the shutdown (systemd would SIGKILL
        // after TimeoutStopSec anyway; this keeps the store's own shutdown orderly).
        deadline.expires_after(std::chrono::seconds(8));
        deadline.async_wait([&](boost::system::error_code e) {
          if (e) return;
          lg->error("shutdown took longer than 8 s; leaving unfinished sends to recovery");
          io.stop();
        });
        // The loop stops once both are done: the gateway with every result committed, the
        // webhooks with their cursor writes (an event cut off mid-request is sent again).
        auto remaining = std::make_shared<int>(2);
        auto one_done = [&, remaining] {
          if (--*remaining > 0) return;
          deadline.cancel();
          io.stop();
        };
        hooks.stop(one_done);
        gw.stop(one_done);
      }
      wait_signal();
    });
  };
  wait_signal();

  // WATCHDOG=1 at half the interval systemd asked for (sd_watchdog_enabled(3)).
  asio::steady_timer watchdog(io);
  std::uint64_t wd_usec = 0;
  std::function<void()> pet;
  if (sd_watchdog_enabled(0, &wd_usec) > 0 && wd_usec > 0) {
    pet = [&] {
      notify("WATCHDOG=1");
      watchdog.expires_after(std::chrono::microseconds(wd_usec / 2));
      watchdog.async_wait([&](boost::system::error_code ec) {
        if (!ec) pet();
      });
    };
    pet();
  }

  const auto started = std::chrono::steady_clock::now();
  gw.start(init_timeout, [&] {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - started)
                        .count();
    const auto s = gw.status();
    lg->info("ready in {} ms: {}", ms, s.line());
    notify("READY=1\nSTATUS=" + s.line());
  });
  io.run();
  watchdog.cancel();
  // Join the store's writer (it finishes and fsyncs what it holds) while the io_context still
  // exists: a completion it posts now lands in a stopped queue instead of freed memory.
  st.reset();
  std::remove(pidf.c_str());
  lg->info("stopped; store closed");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "jumbed: the jumbe SMS/USSD gateway daemon. Runs in the foreground; systemd starts it "
      "(systemd/jumbed.service).\n\n"
      "  jumbed --config /etc/jumbe/jumbe.yaml           run the gateway\n"
      "  jumbed --config /etc/jumbe/jumbe.yaml --check   check a configuration and exit\n\n"
      "Signals: SIGTERM stops (commands in flight finish, every result is stored), SIGHUP reloads "
      "the configuration (a bad file is reported and the old one kept), SIGUSR1 says new work "
      "was queued. Logs go to journald under systemd, to stderr otherwise. See "
      "docs/operations.md.",
      "jumbed"};
  std::string config_path;
  bool check = false, version = false;
  int init_timeout_s = 60;
  std::string enqueue_to, enqueue_text, enqueue_priority = "normal";
  int enqueue_count = 1;
  app.add_option("-c,--config", config_path, "configuration file (YAML; see docs/config.md)");
  app.add_flag("--check", check, "check the configuration, print every problem, and exit");
  app.add_flag("-V,--version", version, "print the version and exit");
  app.add_option("--init-timeout", init_timeout_s,
                 "seconds to wait for modems before telling systemd READY=1 anyway")
      ->capture_default_str();
  // Hidden admin path for tests and the demo until the HTTP API exists (issue 8).
  app.add_option("--enqueue", enqueue_to)->group("");
  app.add_option("--text", enqueue_text)->group("");
  app.add_option("--priority", enqueue_priority)->group("");
  app.add_option("--count", enqueue_count)->group("");
  CLI11_PARSE(app, argc, argv);

  if (version) {
    std::cout << "jumbed " << jumbe::version() << '\n';
    return 0;
  }
  if (config_path.empty()) {
    std::cerr << "jumbed: --config FILE is required (try: jumbed --config config/demo.yaml "
                 "--check)\n";
    return 2;
  }
  if (check) return config::run_check(config_path, std::cout, std::cerr);

  auto cfg = config::load_file(config_path);
  if (!cfg) {
    print_diagnostics(cfg.error());
    std::cerr << "jumbed: " << config_path << ": not started (" << cfg.error().size() << " problem"
              << (cfg.error().size() == 1 ? "" : "s") << ")\n";
    return 1;
  }
  for (const auto& w : cfg->warnings)
    std::cerr << w.to_string() << '\n';
  log::init(cfg->logging);
  auto lg = log::get("jumbed");

  // A daemon already serving this socket owns the store too: refuse before touching either
  // (start-up recovery on a live queue would resend what the other one is sending).
  if (enqueue_to.empty())
    if (auto free = api::socket_available(cfg->api.socket); !free) {
      std::cerr << "jumbed: " << free.error() << '\n';
      return 1;
    }
  auto st = store::open_sqlite_store({cfg->store.path});
  if (!st) {
    std::cerr << "jumbed: " << st.error().message << '\n';
    return 1;
  }
  if (!enqueue_to.empty())
    return enqueue(*cfg, **st, enqueue_to, enqueue_text, enqueue_priority, enqueue_count);

  lg->info("jumbed {} starting: config {}, store {}", jumbe::version(), cfg->file, cfg->store.path);
  auto rec = store::wait_for<store::RecoveryResult>([&](auto done) {
    (*st)->recover_at_start(now_ms(), gateway::uncertain_policy(cfg->store), std::move(done));
  });
  if (!rec) {
    std::cerr << "jumbed: " << rec.error().message << '\n';
    return 1;
  }
  if (rec->requeued + rec->held + rec->failed > 0)
    lg->warn(
        "{} messages were being sent when jumbed last stopped: {} requeued, {} held "
        "for a human, {} failed (store.uncertain)",
        rec->requeued + rec->held + rec->failed, rec->requeued, rec->held, rec->failed);
  try {
    return run(*cfg, std::move(*st), std::chrono::seconds(init_timeout_s));
  } catch (const std::exception& e) {
    std::cerr << "jumbed: " << e.what() << '\n';
    return 1;
  }
}
