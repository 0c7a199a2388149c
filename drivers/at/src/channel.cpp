// AtChannel: the thin I/O shell around Engine. One read loop, one write chain, one timer; every
// callback re-enters pump(), which is the only place engine outputs are acted on.
#include "jumbe/at/channel.hpp"

#include <boost/asio/write.hpp>

namespace jumbe::at {

namespace asio = boost::asio;

std::shared_ptr<AtChannel> AtChannel::create(Stream stream, EngineConfig config) {
  return std::shared_ptr<AtChannel>(new AtChannel(std::move(stream), std::move(config)));
}

AtChannel::AtChannel(Stream stream, EngineConfig config)
    : stream_(std::move(stream)), timer_(stream_.get_executor()), engine_(std::move(config)) {}

AtChannel::~AtChannel() {
  // Handlers still waiting get "cancelled" rather than silence.
  engine_.cancel_all("channel destroyed");
  for (auto& out : engine_.take_outputs()) {
    if (auto* done = std::get_if<out::Completed>(&out)) {
      if (auto it = pending_.find(done->id); it != pending_.end()) {
        it->second->complete(std::move(done->result));
      }
    }
  }
}

void AtChannel::start() {
  if (started_) return;
  started_ = true;
  read_loop();
}

void AtChannel::submit(Command cmd, std::unique_ptr<PendingBase> pending) {
  if (!stream_.is_open()) {
    pending->complete(
        tl::unexpected(CommandError{CommandError::Kind::cancelled, "channel is closed"}));
    return;
  }
  const auto id = engine_.submit(std::move(cmd), Engine::Clock::now());
  pending_.emplace(id, std::move(pending));
  pump();
}

void AtChannel::read_loop() {
  stream_.async_read_some(asio::buffer(read_buf_),
                          [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
                            if (ec) {
                              if (ec != asio::error::operation_aborted || self->stream_.is_open())
                                self->fail_all("port read failed: " + ec.message());
                              return;
                            }
                            const std::string_view bytes(self->read_buf_.data(), n);
                            if (self->trace_handler_)
                              self->trace_handler_(format_trace(TraceDirection::from_modem, bytes,
                                                                self->trace_options_));
                            self->engine_.on_bytes(bytes, Engine::Clock::now());
                            self->pump();
                            if (self->stream_.is_open()) self->read_loop();
                          });
}

void AtChannel::pump() {
  for (auto& output : engine_.take_outputs()) {
    std::visit(
        [this](auto& o) {
          using T = std::decay_t<decltype(o)>;
          if constexpr (std::is_same_v<T, out::Write>) {
            writes_.push_back(std::move(o.bytes));
          } else if constexpr (std::is_same_v<T, out::Completed>) {
            if (auto it = pending_.find(o.id); it != pending_.end()) {
              auto p = std::move(it->second);
              pending_.erase(it);
              p->complete(std::move(o.result));
            }
          } else if constexpr (std::is_same_v<T, out::Unsolicited>) {
            if (urc_handler_) urc_handler_(o.urc);
          } else if constexpr (std::is_same_v<T, out::Unresponsive>) {
            if (event_handler_)
              event_handler_({ChannelEvent::Kind::unresponsive, "modem stopped answering",
                              o.consecutive_timeouts});
          } else if constexpr (std::is_same_v<T, out::Recovered>) {
            if (event_handler_) event_handler_({ChannelEvent::Kind::recovered, "AT answered", 0});
          } else if constexpr (std::is_same_v<T, out::Discarded>) {
            if (event_handler_)
              event_handler_({ChannelEvent::Kind::discarded,
                              std::string(o.reason) + ": " + redact_line(o.line), 0});
          } else if constexpr (std::is_same_v<T, out::Garbage>) {
            if (event_handler_) event_handler_({ChannelEvent::Kind::garbage, o.description, 0});
          }
        },
        output);
  }
  write_next();
  arm_timer();
}

void AtChannel::write_next() {
  if (writing_ || writes_.empty() || !stream_.is_open()) return;
  writing_ = true;
  if (trace_handler_)
    trace_handler_(format_trace(TraceDirection::to_modem, writes_.front(), trace_options_));
  asio::async_write(stream_, asio::buffer(writes_.front()),
                    [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                      self->writing_ = false;
                      if (self->closed_) return;  // fail_all already dropped the queue
                      if (ec) {
                        if (ec != asio::error::operation_aborted)
                          self->fail_all("port write failed: " + ec.message());
                        return;
                      }
                      self->writes_.pop_front();
                      self->write_next();
                    });
}

void AtChannel::arm_timer() {
  const auto deadline = engine_.next_deadline();
  if (deadline == armed_) return;
  armed_ = deadline;
  if (!deadline) {
    timer_.cancel();
    return;
  }
  timer_.expires_at(*deadline);
  timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
    if (ec) return;  // re-armed or closed
    self->armed_.reset();
    self->engine_.on_tick(Engine::Clock::now());
    self->pump();
  });
}

void AtChannel::fail_all(std::string_view reason) {
  if (closed_) return;  // a read and a write may both fail on one unplug: report it once
  closed_ = true;
  boost::system::error_code ignored;
  timer_.cancel();
  stream_.close(ignored);
  // The buffer of a write in progress must outlive it: keep the front element until its handler.
  if (writing_) {
    writes_.erase(writes_.begin() + 1, writes_.end());
  } else {
    writes_.clear();
  }
  engine_.cancel_all(reason);
  pump();
  if (event_handler_) event_handler_({ChannelEvent::Kind::closed, std::string(reason), 0});
}

void AtChannel::close(std::string_view reason) {
  fail_all(reason);
}

}  // namespace jumbe::at
