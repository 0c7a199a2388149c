// The Dispatcher (dispatcher.hpp): one coroutine per lane on jumbed's event loop. A lane reads a
// batch of events after its position, turns each into a Delivery (or nothing), sends it until a
// 2xx or max_attempts, and only then moves its cursor. Store reads are synchronous (they never
// wait for an fsync); cursor writes complete on the loop through post_to().
#include "jumbe/webhooks/dispatcher.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <optional>

#include "jumbe/events/event_json.hpp"
#include "jumbe/kannel/dlr.hpp"
#include "jumbe/log/setup.hpp"
#include "jumbe/store/asio_completion.hpp"
#include "jumbe/webhooks/backoff.hpp"
#include "jumbe/webhooks/deliveries.hpp"
#include "jumbe/webhooks/http_client.hpp"

namespace jumbe::webhooks {

namespace asio = boost::asio;
using Ms = std::chrono::milliseconds;

struct Dispatcher::Lane {
  std::string key;          // cursor name
  std::string label;        // for log lines
  std::string fingerprint;  // what the lane was built from; a change restarts it on reload
  Ms timeout{10'000};
  Ms max_backoff{600'000};
  std::uint32_t max_attempts = 12;
  std::function<std::optional<Delivery>(const store::Event&)> prepare;
  std::shared_ptr<spdlog::logger> log;
  std::unique_ptr<asio::steady_timer> wake;
  std::unique_ptr<asio::steady_timer> pause;
  std::shared_ptr<Abort> abort = std::make_shared<Abort>();
  bool stopped = false;
  LaneStats stats;

  void stop() {
    stopped = true;
    if (wake) wake->cancel();
    if (pause) pause->cancel();
    abort->abort();
  }
};

struct Dispatcher::Pending {
  int lanes = 0;
  int acks = 0;
  std::function<void()> on_idle;
  void check() {
    if (lanes == 0 && acks == 0 && on_idle) {
      auto f = std::move(on_idle);
      on_idle = nullptr;
      f();
    }
  }
};

namespace {

std::int64_t system_now() {
  return std::chrono::duration_cast<Ms>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

asio::awaitable<void> sleep_on(asio::steady_timer& timer, Ms d) {
  timer.expires_after(d);
  boost::system::error_code ec;
  co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
}

struct RunContext {
  store::Store* store;
  std::shared_ptr<asio::ssl::context> tls;
  std::shared_ptr<Dispatcher::Pending> pending;
  DispatcherOptions options;
};

// The cursor write completes on the store's writer thread and lands on the loop; stop() waits
// for it, so the store and the loop may close right after.
void ack(RunContext& rc, const std::shared_ptr<Dispatcher::Lane>& lane,
         const asio::any_io_executor& ex, store::EventId upto, std::int64_t now) {
  ++rc.pending->acks;
  rc.store->ack_events(
      lane->key, upto, now,
      store::post_to<store::EventId>(ex, [log = lane->log, key = lane->key,
                                          pending = rc.pending](store::Result<store::EventId> r) {
        if (!r) log->error("{}: cursor not saved: {}", key, r.error().message);
        --pending->acks;
        pending->check();
      }));
}

asio::awaitable<void> run_lane(std::shared_ptr<Dispatcher::Lane> lane, RunContext rc) {
  auto ex = co_await asio::this_coro::executor;
  store::Store& store = *rc.store;
  auto now = [&] { return rc.options.now ? rc.options.now() : system_now(); };

  store::EventId pos = 0;
  for (;;) {  // the cursor, once the store answers
    if (lane->stopped) co_return;
    auto c = store.cursor(lane->key);
    if (c) {
      pos = *c;
      break;
    }
    lane->log->error("{}: cannot read its cursor ({}); retrying", lane->label, c.error().message);
    co_await sleep_on(*lane->wake, rc.options.poll);
  }
  lane->stats.position = pos;
  lane->log->info("{}: starting after event {}", lane->label, pos);

  bool read_error_logged = false;
  while (!lane->stopped) {
    auto batch = store.events_after(pos, rc.options.batch);
    if (!batch) {
      if (!read_error_logged)
        lane->log->error("{}: cannot read events: {}", lane->label, batch.error().message);
      read_error_logged = true;
      co_await sleep_on(*lane->wake, rc.options.poll);
      continue;
    }
    read_error_logged = false;
    if (batch->empty()) {
      co_await sleep_on(*lane->wake, rc.options.poll);  // notify() cancels this wait
      continue;
    }
    store::EventId acked = pos;
    for (const auto& e : *batch) {
      if (lane->stopped) break;
      std::optional<Delivery> d = lane->prepare(e);
      if (d) {
        for (std::uint32_t attempt = 1;; ++attempt) {
          HttpOutcome out = co_await send_http(*d, lane->timeout, *rc.tls, lane->abort);
          if (lane->stopped) co_return;  // this event is sent again at the next start
          if (out.ok()) {
            ++lane->stats.delivered;
            lane->log->debug("{}: event {} delivered ({})", lane->label, e.id, out.status);
            break;
          }
          ++lane->stats.failures;
          if (attempt >= lane->max_attempts) {
            ++lane->stats.given_up;
            lane->log->error("{}: event {} given up after {} attempts: {}", lane->label, e.id,
                             attempt, out.describe());
            break;
          }
          const Ms wait = backoff(static_cast<int>(attempt), rc.options.first_backoff,
                                  lane->max_backoff, out.retry_after);
          lane->log->warn("{}: event {} attempt {}/{} failed: {}; next in {} ms", lane->label, e.id,
                          attempt, lane->max_attempts, out.describe(), wait.count());
          co_await sleep_on(*lane->pause, wait);
          if (lane->stopped) co_return;
        }
      }
      pos = e.id;
      lane->stats.position = pos;
      // Cursor writes after each delivery, so a restart resends at most the event in flight;
      // runs of events this lane does not want are acknowledged once, at the end of the batch.
      if (d) {
        ack(rc, lane, ex, pos, now());
        acked = pos;
      }
    }
    if (pos > acked) ack(rc, lane, ex, pos, now());
  }
}

std::string lower(std::string s) {
  for (auto& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

}  // namespace

Dispatcher::Dispatcher(asio::any_io_executor executor, store::Store& store,
                       const config::Config& cfg, DispatcherOptions options)
    : executor_(std::move(executor)),
      store_(store),
      options_(std::move(options)),
      pending_(std::make_shared<Pending>()),
      cfg_(cfg) {
  tls_ = std::shared_ptr<asio::ssl::context>(make_tls_context(options_.extra_ca_file));
}

Dispatcher::~Dispatcher() {
  for (auto& [key, lane] : lanes_)
    lane->stop();
  for (auto& lane : stopping_)
    lane->stop();
}

std::vector<std::shared_ptr<Dispatcher::Lane>> Dispatcher::plan(const config::Config& cfg) {
  std::vector<std::shared_ptr<Lane>> out;
  store::Store* store = &store_;
  auto body_fn = options_.event_body;

  for (const auto& hook : cfg.webhooks) {
    auto lane = std::make_shared<Lane>();
    lane->key = "webhook:" + hook.name;
    lane->label = "webhook " + hook.name;
    lane->timeout = hook.timeout;
    lane->max_attempts = hook.max_attempts;
    lane->max_backoff = hook.max_backoff;
    lane->log = log::get("webhooks");
    std::string kinds;
    for (auto k : hook.events)
      kinds += std::string(config::to_string(k)) + ",";
    lane->fingerprint = hook.url + "|" + kinds + "|" + hook.secret.reveal() + "|" +
                        std::to_string(hook.timeout.count()) + "|" +
                        std::to_string(hook.max_attempts) + "|" +
                        std::to_string(hook.max_backoff.count());
    lane->prepare = [hook, store, body_fn](const store::Event& e) -> std::optional<Delivery> {
      if (!webhook_wants(hook, e.kind)) return std::nullopt;
      std::string body = body_fn ? body_fn(e, *store)
                                 : events::event_json_line(e, events::event_context(e, *store));
      return webhook_delivery(hook, e, std::move(body));
    };
    out.push_back(std::move(lane));
  }

  if (cfg.kannel.enabled) {
    auto lane = std::make_shared<Lane>();
    lane->key = "kannel:dlr";
    lane->label = "kannel dlr-url";
    lane->timeout = options_.kannel_timeout;
    lane->max_attempts = options_.kannel_max_attempts;
    lane->max_backoff = options_.kannel_max_backoff;
    lane->log = log::get("kannel");
    lane->fingerprint = "dlr";
    lane->prepare = [store](const store::Event& e) -> std::optional<Delivery> {
      if ((e.kind != store::EventKind::state_changed &&
           e.kind != store::EventKind::delivery_report) ||
          e.subject_id <= 0)
        return std::nullopt;
      auto m = store->message(e.subject_id);
      if (!m || !kannel::decode_dlr_origin(m->origin)) return std::nullopt;
      return dlr_delivery(e, *m);
    };
    out.push_back(std::move(lane));
  }

  for (const auto& fw : cfg.kannel.forwards) {
    auto lane = std::make_shared<Lane>();
    lane->key = "kannel:forward:" + lower(fw.keyword);
    lane->label = "kannel forward " + fw.keyword;
    lane->timeout = options_.kannel_timeout;
    lane->max_attempts = options_.kannel_max_attempts;
    lane->max_backoff = options_.kannel_max_backoff;
    lane->log = log::get("kannel");
    auto claimed = claimed_keywords(cfg, fw);
    std::string words;
    for (const auto& w : claimed)
      words += w + ",";
    lane->fingerprint = fw.url + "|" + (fw.post ? "post" : "get") + "|" + words;
    lane->prepare = [fw, claimed, store](const store::Event& e) -> std::optional<Delivery> {
      if (e.kind != store::EventKind::inbound || e.subject_id <= 0) return std::nullopt;
      auto m = store->inbound_message(e.subject_id);
      if (!m || !m->text) return std::nullopt;  // gone or purged: nothing to forward
      if (!forward_matches(fw, *m->text, claimed)) return std::nullopt;
      return forward_delivery(fw, *m, m->completed_at.value_or(m->first_at));
    };
    out.push_back(std::move(lane));
  }
  return out;
}

void Dispatcher::start_lane(std::shared_ptr<Lane> lane) {
  lane->wake = std::make_unique<asio::steady_timer>(executor_);
  lane->pause = std::make_unique<asio::steady_timer>(executor_);
  ++pending_->lanes;
  RunContext rc{&store_, tls_, pending_, options_};
  asio::co_spawn(executor_, run_lane(lane, std::move(rc)),
                 [lane, pending = pending_](std::exception_ptr ex) {
                   if (ex) {
                     try {
                       std::rethrow_exception(ex);
                     } catch (const std::exception& err) {
                       lane->log->error("{}: stopped by an error: {}", lane->label, err.what());
                     }
                   }
                   --pending->lanes;
                   pending->check();
                 });
  lanes_[lane->key] = std::move(lane);
}

void Dispatcher::start() {
  if (started_) return;
  started_ = true;
  for (auto& lane : plan(cfg_))
    start_lane(std::move(lane));
}

void Dispatcher::notify() {
  for (auto& [key, lane] : lanes_)
    if (lane->wake) lane->wake->cancel();
}

void Dispatcher::reload(const config::Config& cfg) {
  cfg_ = cfg;
  if (!started_) return;
  auto next = plan(cfg);
  std::map<std::string, std::shared_ptr<Lane>> wanted;
  for (auto& l : next)
    wanted[l->key] = std::move(l);
  for (auto it = lanes_.begin(); it != lanes_.end();) {
    auto w = wanted.find(it->first);
    if (w != wanted.end() && w->second->fingerprint == it->second->fingerprint) {
      wanted.erase(w);  // unchanged: keeps running
      ++it;
      continue;
    }
    it->second->log->info("{}: {} by reload", it->second->label,
                          w == wanted.end() ? "removed" : "changed");
    it->second->stop();
    stopping_.push_back(it->second);
    it = lanes_.erase(it);
  }
  // A changed lane's old coroutine finishes on its own; the new one resumes from the cursor.
  for (auto& [key, lane] : wanted)
    start_lane(std::move(lane));
}

void Dispatcher::stop(std::function<void()> done) {
  for (auto& [key, lane] : lanes_)
    lane->stop();
  for (auto& lane : stopping_)
    lane->stop();
  if (!done) done = [] {};
  if (pending_->lanes == 0 && pending_->acks == 0) {
    asio::post(executor_, std::move(done));
    return;
  }
  pending_->on_idle = std::move(done);
}

std::vector<std::string> Dispatcher::lanes() const {
  std::vector<std::string> out;
  for (const auto& [key, lane] : lanes_)
    out.push_back(key);
  return out;
}

LaneStats Dispatcher::stats(const std::string& lane) const {
  auto it = lanes_.find(lane);
  return it == lanes_.end() ? LaneStats{} : it->second->stats;
}

}  // namespace jumbe::webhooks
