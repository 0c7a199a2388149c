// The gateway: one driver per configured modem, each pulling work from the store as soon as it
// can send (claims happen when a modem becomes ready, when a send completes and when new work is
// committed: no polling between sends), within the router's rate, quota and credit rules; send
// results and status reports recorded; inbound parts committed before the SIM copy is deleted,
// assembled by the store and handed to the InboundHandler. Contract: every call and callback
// runs on the executor given to the constructor (one event-loop thread); the Store outlives it.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "jumbe/config/config.hpp"
#include "jumbe/config/numbers.hpp"
#include "jumbe/gateway/discovery.hpp"
#include "jumbe/gateway/inbound_handler.hpp"
#include "jumbe/gateway/submit.hpp"
#include "jumbe/gateway/views.hpp"
#include "jumbe/modem/modem.hpp"
#include "jumbe/router/router.hpp"
#include "jumbe/store/store.hpp"

namespace jumbe::gateway {

struct Status {
  int modems = 0;  // configured and enabled
  int ready = 0;   // registered and able to send
  std::int64_t queued = 0;
  std::int64_t sending = 0;
  std::int64_t held = 0;
  std::string line() const;  // "4 modems (3 ready), 120 queued, 2 sending, 0 held"
};

struct GatewayOptions {
  router::RouterSettings router;
  std::chrono::milliseconds maintenance_every{std::chrono::seconds(10)};
  std::int64_t lease_ms = 120'000;
  // Called whenever the modem/queue status changes (for sd_notify STATUS=).
  std::function<void(const Status&)> on_status;
  // Clock for the store and the router (UTC epoch ms); tests and benchmarks may replace it.
  std::function<std::int64_t()> now;
  // Where modems named by IMEI / USB path are looked for; `patterns` is replaced by the
  // configuration's gateway.ports. Tests point sysfs_usb at a fake tree.
  PortSearch port_search;
};

class Gateway {
 public:
  Gateway(boost::asio::any_io_executor executor, store::Store& store, config::Config cfg,
          GatewayOptions options = {});
  ~Gateway();
  Gateway(const Gateway&) = delete;
  Gateway& operator=(const Gateway&) = delete;

  // Starts every enabled modem and the maintenance timer. `on_initialised` runs once every
  // modem is ready, or has given up, or `init_timeout` passed (READY=1 then).
  void start(std::chrono::milliseconds init_timeout, std::function<void()> on_initialised);
  // Applies a new configuration: modems added, removed, restarted or re-rated. Messages a removed
  // modem holds finish or go back to the queue; nothing is lost or sent twice.
  void reload(config::Config cfg);
  // Stops claiming, lets each modem finish its command in flight, waits for the store to
  // acknowledge every result, then calls `done`.
  void stop(std::function<void()> done);

  // New work was committed (API, services, or another process: SIGUSR1): idle modems claim now.
  void work_added();
  // Validates and enqueues one message; `done` gets the id or a one-line error.
  void submit(const Submission& s,
              std::function<void(tl::expected<store::MessageId, std::string>)> done);

  // Like submit() with everything the API can ask for; `done` also learns the encoding and
  // segment count, and whether an idempotency key made it a duplicate.
  void submit(const Submission& s,
              std::function<void(tl::expected<SubmitResult, std::string>)> done);

  // ---- What the API reads and drives (all on the loop) -------------------------------------
  std::vector<ModemView> modems();
  // Whether any modem is registered and taking sends now (cheaper than modems()).
  bool any_modem_ready() const;
  GatewayMetrics metrics() const;
  // Sends a USSD string (a code like "*144#", or the answer to an open menu) on `modem`, or on
  // any ready modem with the ussd role when `modem` is empty. One session per modem at a time.
  void ussd(const std::string& modem, std::string text,
            std::function<void(tl::expected<UssdReply, std::string>)> done);
  tl::expected<void, std::string> ussd_cancel(const std::string& modem);
  // `listener` runs on the loop after each store write the gateway made completed, and when
  // work_added() is called: the event stream wakes on it instead of polling.
  void add_change_listener(std::function<void()> listener);
  store::Store& store() { return store_; }
  const config::Numbers& numbers() const { return numbers_; }
  std::int64_t now_ms() const { return now(); }

  void set_inbound_handler(InboundHandler* h) { inbound_handler_ = h; }
  Status status();
  const config::Config& config() const { return cfg_; }
  router::Router& router() { return router_; }

 private:
  struct Runner;
  struct SendJob;

  std::int64_t now() const;
  void add_modem(const config::ModemConfig& m);
  void start_driver(const std::shared_ptr<Runner>& r);
  void locate(const std::shared_ptr<Runner>& r);
  void on_located(const std::shared_ptr<Runner>& r, tl::expected<Located, std::string> found);
  void retire(const std::string& name);
  void pump(const std::shared_ptr<Runner>& r);
  void pump_all();
  void release(const std::shared_ptr<Runner>& r);  // a message's result is recorded
  void on_claimed(const std::shared_ptr<Runner>& r, std::vector<store::ClaimedMessage> msgs);
  void on_sent(const std::shared_ptr<Runner>& r, const store::ClaimedMessage& msg,
               const modem::SendResult& res);
  void on_inbound(const std::shared_ptr<Runner>& r, modem::InboundMessage m);
  void on_status_report(const std::shared_ptr<Runner>& r, modem::StatusReportEvent ev);
  void on_health(const std::shared_ptr<Runner>& r, const modem::Health& h);
  void on_network_ussd(const std::string& modem, modem::UssdEvent e);
  void deliver_inbound(store::InboundId id);
  void maintenance();
  void arm_maintenance();
  void publish_status();
  // Quota counts of these modems from the store's segment log (start, reload, relocation).
  void restore_quotas(const std::vector<std::string>& names);
  // Wakes the modems when the earliest paused or scheduled message becomes claimable.
  void arm_ready_timer();
  void status_soon();  // publish_status() within a second, at most once a second (hot path)
  void check_initialised();
  void check_stopped();
  // Wraps a store completion so it lands on the loop and is counted until it ran.
  template <class T, class F>
  store::Completion<T> on_loop(F f);

  boost::asio::any_io_executor executor_;
  store::Store& store_;
  config::Config cfg_;
  GatewayOptions options_;
  config::Numbers numbers_;
  router::Router router_;
  std::map<std::string, std::shared_ptr<Runner>> runners_;
  std::vector<std::shared_ptr<Runner>> retiring_;
  InboundHandler* inbound_handler_ = nullptr;
  boost::asio::steady_timer maintenance_timer_;
  boost::asio::steady_timer init_timer_;
  boost::asio::steady_timer status_timer_;
  boost::asio::steady_timer ready_timer_;
  bool status_armed_ = false;
  std::function<void()> on_initialised_;
  std::function<void()> stop_done_;
  bool stopping_ = false;
  bool work_added_pending_ = false;  // work_added()'s turn is posted and has not run yet
  int pending_store_ = 0;            // store calls whose completion has not run yet
  std::string last_status_;
  std::vector<std::function<void()>> change_listeners_;
  GatewayMetrics metrics_;
  std::map<std::string, std::string> balances_;  // modem -> last balance reply
  void changed();
  template <class F>
  void count(const std::string& modem, F f) {
    for (auto& c : metrics_.modems)
      if (c.modem == modem) return f(c);
  }
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
  // Port searches block (they open ports and wait for AT answers), so they run on this one
  // thread, one at a time; results are posted back to the loop. `cancel_search_` ends a search
  // between two ports at shutdown. Declared last: destroyed (joined) first.
  std::shared_ptr<std::atomic<bool>> cancel_search_ = std::make_shared<std::atomic<bool>>(false);
  boost::asio::thread_pool search_pool_{1};
};

}  // namespace jumbe::gateway
