// Gateway lifecycle: modems started, reloaded and stopped; the maintenance tick (expiry, lease
// reclaim of vanished modems, incomplete multipart release) and status for sd_notify.
#include "jumbe/gateway/gateway.hpp"

#include <algorithm>
#include <chrono>
#include <set>

#include "jumbe/gateway/settings.hpp"
#include "jumbe/log/setup.hpp"
#include "runner.hpp"

namespace jumbe::gateway {

namespace {
std::vector<router::ModemPolicy> policies(const config::Config& cfg) {
  std::vector<router::ModemPolicy> out;
  for (const auto& m : cfg.modems)
    if (m.enabled) out.push_back(router_policy(m));
  return out;
}
}  // namespace

std::string Status::line() const {
  return std::to_string(modems) + " modems (" + std::to_string(ready) + " ready), " +
         std::to_string(queued) + " queued, " + std::to_string(sending) + " sending, " +
         std::to_string(held) + " held";
}

Gateway::Gateway(boost::asio::any_io_executor executor, store::Store& store, config::Config cfg,
                 GatewayOptions options)
    : executor_(executor),
      store_(store),
      cfg_(std::move(cfg)),
      options_(std::move(options)),
      numbers_(cfg_.numbers),
      router_(options_.router),
      maintenance_timer_(executor),
      init_timer_(executor),
      status_timer_(executor),
      ready_timer_(executor) {
  router_.configure(policies(cfg_), now());
}

Gateway::~Gateway() {
  *alive_ = false;
  alive_.reset();
  cancel_search_->store(true);
  search_pool_.join();
}

std::int64_t Gateway::now() const {
  if (options_.now) return options_.now();
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void Gateway::start(std::chrono::milliseconds init_timeout, std::function<void()> on_initialised) {
  on_initialised_ = std::move(on_initialised);
  std::vector<std::string> names;
  for (const auto& m : cfg_.modems)
    if (m.enabled) names.push_back(m.name);
  restore_quotas(names);
  for (const auto& m : cfg_.modems)
    if (m.enabled) add_modem(m);
  arm_ready_timer();
  init_timer_.expires_after(init_timeout);
  std::weak_ptr<bool> alive = alive_;
  init_timer_.async_wait([this, alive](boost::system::error_code ec) {
    if (ec || alive.expired() || !on_initialised_) return;
    log::get("jumbed")->warn("modem initialisation still running after the timeout; ready anyway");
    auto f = std::move(on_initialised_);
    on_initialised_ = nullptr;
    f();
  });
  arm_maintenance();
  check_initialised();
  publish_status();
}

void Gateway::add_modem(const config::ModemConfig& m) {
  auto r = std::make_shared<Runner>(executor_, m, static_cast<std::uint16_t>(now() & 0xffff));
  runners_[m.name] = r;
  bool counted = false;
  for (auto& c : metrics_.modems)
    counted = counted || c.modem == m.name;
  if (!counted) metrics_.modems.push_back(ModemCounters{m.name, m.operator_name, 0, 0, 0, 0});
  if (m.device.empty()) {
    locate(r);
    return;
  }
  r->device = m.device;
  start_driver(r);
}

void Gateway::locate(const std::shared_ptr<Runner>& r) {
  if (stopping_ || r->locating) return;
  r->locating = true;
  // Ports other modems hold are not probed: AT written into a running modem's port would
  // corrupt its exchange (and the exclusive lock would refuse us anyway).
  std::set<std::string> skip;
  for (const auto& [name, other] : runners_)
    if (other != r && !other->device.empty()) skip.insert(other->device);
  for (const auto& other : retiring_)
    if (!other->device.empty()) skip.insert(other->device);
  PortSearch search = options_.port_search;
  search.patterns = cfg_.gateway.ports;
  std::weak_ptr<bool> alive = alive_;
  std::weak_ptr<Runner> weak = r;
  boost::asio::post(search_pool_, [this, alive, weak, cfg = r->cfg, search = std::move(search),
                                   skip = std::move(skip), cancel = cancel_search_] {
    auto found = gateway::locate(cfg, search, skip, cancel.get());
    boost::asio::post(executor_, [this, alive, weak, found = std::move(found)]() mutable {
      auto runner = weak.lock();
      if (alive.expired() || !runner) return;
      on_located(runner, std::move(found));
    });
  });
}

void Gateway::on_located(const std::shared_ptr<Runner>& r,
                         tl::expected<Located, std::string> found) {
  r->locating = false;
  auto it = runners_.find(r->cfg.name);
  if (stopping_ || it == runners_.end() || it->second != r) return;  // retired meanwhile
  auto lg = log::get("modem");
  if (found) {
    // Another modem may have taken the device while this search ran.
    for (const auto& [name, other] : runners_)
      if (other != r && other->device == found->device)
        found = tl::unexpected("modem " + r->cfg.name + ": " + found->device +
                               " is already modem " + name + "'s");
  }
  if (!found) {
    // Said at warn level once, then quietly: a modem left unplugged must not flood the log.
    if (r->locate_failures++ == 0)
      lg->warn("{}; looking again every few seconds", found.error());
    else
      lg->debug("{}", found.error());
    if (!r->settled) {
      r->settled = true;  // like a missing port: READY=1 need not wait for it
      check_initialised();
    }
    const auto delay = std::chrono::seconds(std::min(2 << std::min(r->locate_failures, 4), 30));
    r->relocate.expires_after(delay);
    std::weak_ptr<bool> alive = alive_;
    r->relocate.async_wait([this, alive, r](boost::system::error_code ec) {
      if (!ec && !alive.expired()) locate(r);
    });
    return;
  }
  lg->info("modem {} ({}): found: {}", r->cfg.name, r->cfg.match_description(), found->how);
  r->locate_failures = 0;
  r->device = found->device;
  start_driver(r);
}

void Gateway::start_driver(const std::shared_ptr<Runner>& r) {
  auto lg = log::get("modem");
  const auto& m = r->cfg;
  auto dc = driver_config(m, cfg_.logging, r->device);
  if (!dc) {
    lg->error("{}", dc.error());
    r->settled = true;
    r->stopped = true;
    return;
  }
  std::weak_ptr<bool> alive = alive_;
  modem::ModemEvents ev;
  // The runner owns the modem and the modem owns these callbacks: they hold the runner weakly,
  // or the pair would keep each other alive after the gateway lets go of them.
  std::weak_ptr<Runner> weak = r;
  ev.on_inbound = [this, alive, weak](modem::InboundMessage msg) {
    auto runner = weak.lock();
    if (!alive.expired() && runner) on_inbound(runner, std::move(msg));
  };
  ev.on_status_report = [this, alive, weak](modem::StatusReportEvent e) {
    auto runner = weak.lock();
    if (!alive.expired() && runner) on_status_report(runner, std::move(e));
  };
  ev.on_ussd = [this, alive, name = m.name](modem::UssdEvent e) {
    if (!alive.expired()) on_network_ussd(name, std::move(e));
  };
  ev.on_health = [this, alive, weak](const modem::Health& h) {
    auto runner = weak.lock();
    if (!alive.expired() && runner) on_health(runner, h);
  };
  ev.on_log = [name = m.name](modem::LogLevel level, const std::string& text) {
    auto l = log::get("modem");
    switch (level) {
      case modem::LogLevel::debug:
        l->debug("{}", text);
        break;
      case modem::LogLevel::info:
        l->info("{}", text);
        break;
      case modem::LogLevel::warn:
        l->warn("{}", text);
        break;
      case modem::LogLevel::error:
        l->error("{}", text);
        break;
    }
  };
  r->modem = modem::Modem::create(executor_, std::move(*dc), std::move(ev));
  lg->info("modem {}: starting on {} (operator {}, {} per {} s, burst {})", m.name, r->device,
           m.operator_name, m.send_rate.count, m.send_rate.per.count() / 1000, m.burst);
  r->modem->start();
}

void Gateway::retire(const std::string& name) {
  auto it = runners_.find(name);
  if (it == runners_.end()) return;
  auto r = it->second;
  runners_.erase(it);
  r->wake.cancel();
  r->relocate.cancel();
  if (!r->modem || r->stopped) {
    if (r->after_stop) r->after_stop();
    return;
  }
  retiring_.push_back(r);
  std::weak_ptr<bool> alive = alive_;
  r->modem->stop([this, alive, r] {
    if (alive.expired()) return;
    r->stopped = true;
    std::erase(retiring_, r);
    log::get("modem")->info("modem {}: stopped", r->cfg.name);
    if (r->after_stop) r->after_stop();
    check_stopped();
    pump_all();
  });
}

void Gateway::reload(config::Config cfg) {
  auto lg = log::get("jumbed");
  config::Config old = std::move(cfg_);
  cfg_ = std::move(cfg);
  numbers_ = config::Numbers(cfg_.numbers);
  router_.configure(policies(cfg_), now());
  int added = 0, removed = 0, restarted = 0, changed = 0;
  for (const auto& before : old.modems) {
    const auto* after = cfg_.find_modem(before.name);
    if (!before.enabled) continue;
    if (!after || !after->enabled) {
      ++removed;
      retire(before.name);
    } else if (needs_restart(before, *after)) {
      ++restarted;
      if (auto it = runners_.find(before.name); it != runners_.end())
        it->second->after_stop = [this, m = *after] {
          if (!stopping_) add_modem(m);
        };
      retire(before.name);
    } else if (auto it = runners_.find(before.name); it != runners_.end()) {
      if (router_policy(before).rate_per_second != router_policy(*after).rate_per_second ||
          before.burst != after->burst || before.daily_quota != after->daily_quota ||
          before.monthly_quota != after->monthly_quota ||
          before.operator_name != after->operator_name)
        ++changed;
      it->second->cfg = *after;
      router_.set_ready(after->name, it->second->modem && it->second->modem->ready());
    }
  }
  std::vector<std::string> fresh;
  for (const auto& m : cfg_.modems) {
    const auto* before = old.find_modem(m.name);
    if (m.enabled && (!before || !before->enabled)) fresh.push_back(m.name);
  }
  // Modems kept by name keep their counts in the router; a modem added (or enabled again) may
  // have sent earlier today under this name.
  restore_quotas(fresh);
  for (const auto& name : fresh) {
    ++added;
    add_modem(*cfg_.find_modem(name));
  }
  lg->info("configuration reloaded from {}: {} modems added, {} removed, {} restarted, {} re-rated",
           cfg_.file, added, removed, restarted, changed);
  publish_status();
  pump_all();
}

void Gateway::stop(std::function<void()> done) {
  stopping_ = true;
  stop_done_ = std::move(done);
  router_.set_stopping(true);
  maintenance_timer_.cancel();
  init_timer_.cancel();
  status_timer_.cancel();
  ready_timer_.cancel();
  std::vector<std::string> names;
  for (const auto& [name, _] : runners_)
    names.push_back(name);
  for (const auto& n : names)
    retire(n);
  check_stopped();
}

void Gateway::check_stopped() {
  if (!stopping_ || !stop_done_) return;
  if (!runners_.empty() || !retiring_.empty() || pending_store_ > 0) return;
  auto f = std::move(stop_done_);
  stop_done_ = nullptr;
  boost::asio::post(executor_, std::move(f));
}

void Gateway::check_initialised() {
  if (!on_initialised_) return;
  for (const auto& [_, r] : runners_)
    if (!r->settled) return;
  init_timer_.cancel();
  auto f = std::move(on_initialised_);
  on_initialised_ = nullptr;
  boost::asio::post(executor_, std::move(f));
}

void Gateway::arm_maintenance() {
  if (stopping_) return;
  maintenance_timer_.expires_after(options_.maintenance_every);
  std::weak_ptr<bool> alive = alive_;
  maintenance_timer_.async_wait([this, alive](boost::system::error_code ec) {
    if (ec || alive.expired()) return;
    maintenance();
    arm_maintenance();
  });
}

void Gateway::maintenance() {
  const auto t = now();
  auto lg = log::get("router");
  store_.expire_due(t, on_loop<int>([lg](store::Result<int> r) {
                      if (!r)
                        lg->error("expiry sweep: {}", r.error().message);
                      else if (*r > 0)
                        lg->info("{} messages expired before they could be sent", *r);
                    }));
  store_.reclaim_expired_leases(
      t, uncertain_policy(cfg_.store),
      on_loop<store::RecoveryResult>([this, lg](store::Result<store::RecoveryResult> r) {
        if (!r) return lg->error("lease reclaim: {}", r.error().message);
        if (r->requeued + r->held + r->failed > 0) {
          lg->warn(
              "{} messages whose modem vanished mid-send: {} requeued, {} held for a human, {} "
              "failed (store.uncertain)",
              r->requeued + r->held + r->failed, r->requeued, r->held, r->failed);
          pump_all();
        }
      }));
  store_.release_incomplete(t, cfg_.store.multipart_timeout.count(),
                            on_loop<int>([lg](store::Result<int> r) {
                              // FIXME: the store returns only a count; the released messages reach
                              // the services through the event log, not through InboundHandler,
                              // until it returns their ids.
                              if (!r)
                                lg->error("multipart release: {}", r.error().message);
                              else if (*r > 0)
                                lg->info("{} incomplete multipart messages released", *r);
                            }));
  publish_status();
  pump_all();
  arm_ready_timer();
}

void Gateway::restore_quotas(const std::vector<std::string>& names) {
  auto lg = log::get("router");
  const auto t = now();
  const auto keys = router::calendar_keys(t);
  for (const auto& name : names) {
    const auto* m = cfg_.find_modem(name);
    if (!m || (m->daily_quota == 0 && m->monthly_quota == 0)) continue;
    auto today = store_.segments_sent_since(name, router::day_start_ms(t));
    auto month = store_.segments_sent_since(name, router::month_start_ms(t));
    if (!today || !month) {
      // Counting from zero could overspend a bundle; say so loudly but keep running.
      lg->error("modem {}: cannot read its quota use from the store ({}); counting from zero", name,
                (!today ? today.error() : month.error()).message);
      continue;
    }
    router_.restore_quota(name, *today, *month, keys);
    lg->info("modem {}: {} segments sent today, {} this month (quota {} a day, {} a month)", name,
             *today, *month, m->daily_quota, m->monthly_quota);
  }
}

void Gateway::arm_ready_timer() {
  if (stopping_) return;
  const auto t = now();
  auto next = store_.next_ready_at(t);
  if (!next) return log::get("router")->error("next ready message: {}", next.error().message);
  if (!*next) {
    ready_timer_.cancel();
    return;
  }
  // A few ms late rather than early: a claim at the exact instant could still find it paused.
  ready_timer_.expires_after(std::chrono::milliseconds(std::max<std::int64_t>(**next - t, 0) + 5));
  std::weak_ptr<bool> alive = alive_;
  ready_timer_.async_wait([this, alive](boost::system::error_code ec) {
    if (ec || alive.expired()) return;
    pump_all();
    arm_ready_timer();
  });
}

Status Gateway::status() {
  Status s;
  for (const auto& [_, r] : runners_) {
    ++s.modems;
    if (r->modem && r->modem->ready()) ++s.ready;
  }
  if (auto q = store_.count_in_state(store::State::queued)) s.queued = *q;
  if (auto q = store_.count_in_state(store::State::sending)) s.sending = *q;
  if (auto q = store_.count_in_state(store::State::held)) s.held = *q;
  return s;
}

void Gateway::status_soon() {
  // Counting the queue costs three store reads: once a second is plenty for STATUS=, and a
  // modem sending hundreds of messages a second must not pay it per message.
  if (status_armed_ || stopping_) return;
  status_armed_ = true;
  status_timer_.expires_after(std::chrono::seconds(1));
  std::weak_ptr<bool> alive = alive_;
  status_timer_.async_wait([this, alive](boost::system::error_code ec) {
    if (alive.expired()) return;
    status_armed_ = false;
    if (!ec) publish_status();
  });
}

void Gateway::publish_status() {
  if (!options_.on_status) return;
  Status s = status();
  std::string line = s.line();
  if (line == last_status_) return;
  last_status_ = line;
  options_.on_status(s);
}

}  // namespace jumbe::gateway
