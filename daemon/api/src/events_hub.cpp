// The event stream's fan-out (see events_hub.hpp). A subscriber whose cursor is at the head of
// the log gets every new event pushed as it is read (live); one behind the head (it resumed from
// an old id, or fell behind) reads `batch` events at a time only while its queue has room, so a
// client replaying a week of events never holds more than ~max_queue_bytes in memory. Frames are
// built once per event (store reads for enrichment included) and shared through a small cache.
#include "jumbe/api/events_hub.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "jumbe/log/setup.hpp"

namespace jumbe::api {

namespace asio = boost::asio;

// ---- Subscription ------------------------------------------------------------------------------

Subscription::Subscription(asio::any_io_executor ex, std::string client, store::EventId after,
                           KindSet kinds)
    : signal_(std::move(ex)), client_(std::move(client)), cursor_(after), kinds_(kinds) {}

asio::awaitable<std::string> Subscription::next() {
  while (queue_.empty() && !closed_) {
    signal_.expires_at(asio::steady_timer::time_point::max());
    boost::system::error_code ec;
    co_await signal_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
  if (closed_) co_return std::string();
  std::string out;
  out.swap(queue_);
  queued_bytes_ = 0;
  if (starved_ && on_drained_) {
    starved_ = false;
    on_drained_();
  }
  co_return out;
}

void Subscription::close(std::string why) {
  if (closed_) return;
  closed_ = true;
  close_reason_ = std::move(why);
  queue_.clear();
  queued_bytes_ = 0;
  signal_.cancel();
}

void Subscription::push(std::string frame, bool is_keepalive) {
  if (closed_) return;
  if (queue_.empty())
    queue_ = std::move(frame);
  else
    queue_ += frame;
  queued_bytes_ = queue_.size();
  if (!is_keepalive) sent_since_keepalive_ = true;
  signal_.cancel();
}

// ---- EventHub ----------------------------------------------------------------------------------

EventHub::EventHub(asio::any_io_executor ex, store::Store& store, EventHubOptions opts)
    : ex_(ex), store_(store), opts_(opts), poll_(ex), keepalive_(ex) {}

EventHub::~EventHub() {
  *alive_ = false;
  poll_.cancel();
  keepalive_.cancel();
  close_all("server stopping");
}

std::function<void()> EventHub::waker() {
  return [this, alive = std::weak_ptr<bool>(alive_)] {
    if (auto a = alive.lock(); a && *a) wake();
  };
}

std::shared_ptr<Subscription> EventHub::subscribe(std::string client, store::EventId after,
                                                  KindSet kinds) {
  auto sub = std::make_shared<Subscription>(ex_, std::move(client), after, kinds);
  sub->on_drained_ = waker();
  subs_.push_back(sub);
  if (!polling_) arm_poll();
  if (!keeping_alive_) arm_keepalive();
  wake();
  return sub;
}

std::size_t EventHub::subscribers() const {
  std::size_t n = 0;
  for (const auto& w : subs_)
    if (auto s = w.lock(); s && !s->closed()) ++n;
  return n;
}

void EventHub::close_all(const std::string& why) {
  for (const auto& w : subs_)
    if (auto s = w.lock()) s->close(why);
  subs_.clear();
}

void EventHub::wake() {
  if (scheduled_) return;
  scheduled_ = true;
  asio::post(ex_, [this, alive = std::weak_ptr<bool>(alive_)] {
    if (auto a = alive.lock(); a && *a) turn();
  });
}

const std::string& EventHub::frame_for(const store::Event& e) {
  if (auto it = frames_.find(e.id); it != frames_.end()) return it->second;
  // A missing or unreadable subject leaves the fields null; the event itself still goes out.
  const EventContext ctx = event_context(e, store_);
  ++frames_built_;
  auto [it, inserted] = frames_.emplace(e.id, sse_frame(e, ctx));
  while (frames_.size() > opts_.frame_cache && frames_.begin() != it)
    frames_.erase(frames_.begin());
  return it->second;
}

void EventHub::turn() {
  scheduled_ = false;
  // One read per distinct cursor: every live subscriber shares the head's, so a turn with 50
  // live subscribers costs one store read.
  std::map<store::EventId, std::vector<store::Event>> reads;
  bool more = false;
  for (auto it = subs_.begin(); it != subs_.end();) {
    auto sub = it->lock();
    if (!sub || sub->closed()) {
      it = subs_.erase(it);
      continue;
    }
    ++it;
    const bool live = sub->cursor_ >= head_;
    if (!live && sub->queued_bytes_ >= opts_.catch_up_below) {
      sub->starved_ = true;  // reads again when its writer takes the queue
      continue;
    }
    auto r = reads.find(sub->cursor_);
    if (r == reads.end()) {
      ++reads_;
      auto got = store_.events_after(sub->cursor_, opts_.batch);
      if (!got) {
        log::get("api")->warn("events: cannot read the event log after {}: {}", sub->cursor_,
                              got.error().message);
        continue;
      }
      r = reads.emplace(sub->cursor_, std::move(*got)).first;
    }
    const auto& events = r->second;
    if (events.empty()) continue;
    if (static_cast<int>(events.size()) >= opts_.batch) more = true;
    for (const auto& e : events) {
      // Catching up: stop at the low-water mark and continue from here once drained, so a
      // replay of days of events is never all in memory. Live: push everything (see below).
      if (!live && sub->queued_bytes_ >= opts_.catch_up_below) {
        sub->starved_ = true;
        break;
      }
      if (sub->kinds_.has(e.kind)) sub->push(frame_for(e));
      sub->cursor_ = e.id;
    }
    if (events.back().id > head_) head_ = events.back().id;
    if (live && sub->queued_bytes_ > opts_.max_queue_bytes) {
      ++dropped_;
      log::get("api")->warn(
          "events: client {} is not reading its event stream ({} bytes unsent); dropped, it can "
          "resume with Last-Event-ID",
          sub->client(), sub->queued_bytes_);
      sub->close("too slow: more than " + std::to_string(opts_.max_queue_bytes) + " bytes unsent");
    }
  }
  if (more) wake();
}

void EventHub::arm_poll() {
  polling_ = true;
  poll_.expires_after(opts_.poll_every);
  poll_.async_wait([this, alive = std::weak_ptr<bool>(alive_)](boost::system::error_code ec) {
    if (ec || alive.expired()) return;
    if (subscribers() == 0) {
      polling_ = false;
      return;
    }
    wake();
    arm_poll();
  });
}

void EventHub::arm_keepalive() {
  keeping_alive_ = true;
  keepalive_.expires_after(opts_.keepalive_every);
  keepalive_.async_wait([this, alive = std::weak_ptr<bool>(alive_)](boost::system::error_code ec) {
    if (ec || alive.expired()) return;
    if (subscribers() == 0) {
      keeping_alive_ = false;
      return;
    }
    for (const auto& w : subs_) {
      auto s = w.lock();
      if (!s || s->closed()) continue;
      if (!s->sent_since_keepalive_) s->push(std::string(kSseKeepalive), true);
      s->sent_since_keepalive_ = false;
    }
    arm_keepalive();
  });
}

}  // namespace jumbe::api
