// The Dispatcher pushes the durable event log to HTTP endpoints, one ordered lane per target:
//   "webhook:<name>"           each configured webhook (signed JSON POST per event it wants),
//   "kannel:dlr"               dlr-url callbacks of messages submitted through /cgi-bin/sendsms
//                              (only while kannel.enabled),
//   "kannel:forward:<keyword>" each kannel.forwards entry (inbound messages, Kannel escapes).
// Each lane keeps its position as a store cursor of that name and moves it past an event only
// after a 2xx (or after giving up on it: max_attempts failures, logged as an error); events are
// sent one at a time in log order, retried with doubling backoff capped at max_backoff. Lanes
// share nothing but the event loop: a dead or slow endpoint delays only its own lane, never the
// gateway or another lane. A lane wakes on notify() and polls every `poll` otherwise (events
// written by another process). A brand-new lane starts at the beginning of the retained log
// (nothing is lost; docs/webhooks.md). Contract: every call on the executor's thread; the Store
// outlives the Dispatcher; call stop() and let it finish before destroying it.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ssl/context.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "jumbe/config/config.hpp"
#include "jumbe/store/store.hpp"

namespace jumbe::webhooks {

struct DispatcherOptions {
  std::chrono::milliseconds poll{std::chrono::seconds(2)};  // wake without notify()
  std::chrono::milliseconds first_backoff{std::chrono::seconds(1)};
  int batch = 100;  // events read per store call
  // Kannel callbacks have no retry settings in the config (Kannel's own default is a single
  // attempt); these keep a short outage from losing a DLR without parking the lane for long.
  std::chrono::milliseconds kannel_timeout{std::chrono::seconds(10)};
  std::uint32_t kannel_max_attempts = 6;
  std::chrono::milliseconds kannel_max_backoff{std::chrono::seconds(60)};
  std::string extra_ca_file;  // trusted besides the system CAs (tests, a private CA)
  // The webhook body for an event; empty: events::event_json_line, the same object the SSE
  // stream carries (tests may plug in their own).
  std::function<std::string(const store::Event&, store::Store&)> event_body;
  std::function<std::int64_t()> now;  // UTC epoch ms for cursor writes; system clock if empty
};

// What a lane did since start (for logs, tests and, later, /metrics).
struct LaneStats {
  std::uint64_t delivered = 0;  // events answered with 2xx
  std::uint64_t failures = 0;   // failed attempts
  std::uint64_t given_up = 0;   // events skipped after max_attempts
  std::int64_t position = 0;    // last event id passed
};

class Dispatcher {
 public:
  Dispatcher(boost::asio::any_io_executor executor, store::Store& store, const config::Config& cfg,
             DispatcherOptions options = {});
  ~Dispatcher();
  Dispatcher(const Dispatcher&) = delete;
  Dispatcher& operator=(const Dispatcher&) = delete;

  void start();
  // New events may be in the log: idle lanes read now (cheap; call it on every change).
  void notify();
  // Lanes added, removed or changed per the new config; unchanged lanes keep running.
  void reload(const config::Config& cfg);
  // Aborts requests in flight (their events are sent again at the next start) and calls `done`
  // on the loop once every lane has finished and every cursor write has completed (so the loop
  // may stop and the store close right after).
  void stop(std::function<void()> done);

  std::vector<std::string> lanes() const;  // cursor names of the running lanes
  LaneStats stats(const std::string& lane) const;

  struct Lane;
  struct Pending;  // lanes running and cursor writes in flight, and who waits for none

 private:
  void start_lane(std::shared_ptr<Lane> lane);
  std::vector<std::shared_ptr<Lane>> plan(const config::Config& cfg);

  boost::asio::any_io_executor executor_;
  store::Store& store_;
  DispatcherOptions options_;
  std::shared_ptr<boost::asio::ssl::context> tls_;  // shared with lanes still finishing
  std::map<std::string, std::shared_ptr<Lane>> lanes_;
  std::vector<std::shared_ptr<Lane>> stopping_;
  std::shared_ptr<Pending> pending_;
  config::Config cfg_;
  bool started_ = false;
};

}  // namespace jumbe::webhooks
