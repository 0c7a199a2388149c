// The event stream's fan-out (api-contract.md "Events"): one hub per server reads the durable
// event log once per wake-up and hands each new event, framed once, to every subscriber. Wakes
// come from the gateway's change listener (coalesced: many writes in one loop turn cost one read)
// and a slow poll for writes made by other processes. Each subscriber resumes from its own cursor
// (Last-Event-ID, ?after or the client's acknowledged cursor), filters by kind and has a bounded
// queue: one that stops reading is dropped with a log line instead of growing memory or slowing
// the others; it reconnects with Last-Event-ID and loses nothing, since events are durable.
// Contract: everything runs on the executor given to the constructor (the daemon's loop).
#pragma once

// clang-format off
#include <utility>  // first: Boost 1.74's awaitable.hpp uses std::exchange without it
// clang-format on
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstddef>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <string>

#include "jumbe/api/sse.hpp"
#include "jumbe/store/store.hpp"

namespace jumbe::api {

struct EventHubOptions {
  std::chrono::milliseconds poll_every{std::chrono::seconds(1)};
  std::chrono::milliseconds keepalive_every{std::chrono::seconds(15)};
  int batch = 256;                         // events per store read
  std::size_t max_queue_bytes = 1 << 20;   // a subscriber past this is dropped
  std::size_t catch_up_below = 64 * 1024;  // a lagging subscriber reads more below this
  std::size_t frame_cache = 2048;          // recent frames kept for subscribers behind
};

class EventHub;

// One open stream. The connection's writer loops on next() and writes what it returns.
class Subscription {
 public:
  Subscription(boost::asio::any_io_executor ex, std::string client, store::EventId after,
               KindSet kinds);

  // Waits until there is something to write and returns it (whole frames, possibly many).
  // Returns an empty string once the subscription has ended (dropped or closed).
  boost::asio::awaitable<std::string> next();
  // The client went away (or the server stops): ends the subscription.
  void close(std::string why = {});

  bool closed() const { return closed_; }
  const std::string& close_reason() const { return close_reason_; }
  const std::string& client() const { return client_; }
  // The last event id queued for this subscriber (filtered kinds count as passed).
  store::EventId cursor() const { return cursor_; }
  std::size_t queued_bytes() const { return queued_bytes_; }

 private:
  friend class EventHub;
  void push(std::string frame, bool is_keepalive = false);

  boost::asio::steady_timer signal_;  // cancelled to wake next()
  std::function<void()> on_drained_;  // set by the hub: a lagging reader has room again
  std::string client_;
  store::EventId cursor_;
  KindSet kinds_;
  std::string queue_;
  std::size_t queued_bytes_ = 0;
  bool closed_ = false;
  bool sent_since_keepalive_ = false;
  bool starved_ = false;  // the hub held back events until this queue drains
  std::string close_reason_;
};

class EventHub {
 public:
  EventHub(boost::asio::any_io_executor ex, store::Store& store, EventHubOptions opts = {});
  ~EventHub();
  EventHub(const EventHub&) = delete;
  EventHub& operator=(const EventHub&) = delete;

  // Opens a stream after `after` (exclusive) for `client`, delivering only `kinds`.
  std::shared_ptr<Subscription> subscribe(std::string client, store::EventId after, KindSet kinds);
  // Something was written: read once on the next loop turn however often this is called.
  void wake();
  // Ends every subscription (server stop).
  void close_all(const std::string& why);
  // A callable for Gateway::add_change_listener that is safe to call after the hub is gone.
  std::function<void()> waker();

  std::size_t subscribers() const;
  std::uint64_t store_reads() const { return reads_; }
  std::uint64_t frames_built() const { return frames_built_; }
  std::uint64_t dropped() const { return dropped_; }

 private:
  void turn();
  void arm_poll();
  void arm_keepalive();
  const std::string& frame_for(const store::Event& e);

  boost::asio::any_io_executor ex_;
  store::Store& store_;
  EventHubOptions opts_;
  std::list<std::weak_ptr<Subscription>> subs_;
  boost::asio::steady_timer poll_, keepalive_;
  bool scheduled_ = false;
  bool polling_ = false;
  bool keeping_alive_ = false;
  store::EventId head_ = 0;                       // the newest event id any read returned
  std::map<store::EventId, std::string> frames_;  // recent frames, oldest evicted first
  std::uint64_t reads_ = 0, frames_built_ = 0, dropped_ = 0;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace jumbe::api
