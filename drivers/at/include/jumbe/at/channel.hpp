// AtChannel: the AT engine (engine.hpp) run over an Asio stream_descriptor (serial port, pty or
// socketpair). Contract: command() completes exactly once per command with the Reply, a timeout
// or "cancelled" (port closed); URCs and health events go to the callbacks in arrival order; all
// work happens on the channel's executor (one strand of control, no locks), so call command(),
// close() and the setters from that executor. Create with AtChannel::create() (shared ownership
// keeps the channel alive while I/O is pending).
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "jumbe/at/engine.hpp"
#include "jumbe/at/trace.hpp"

namespace jumbe::at {

struct ChannelEvent {
  enum class Kind { unresponsive, recovered, garbage, discarded, closed } kind = Kind::closed;
  std::string detail;
  int consecutive_timeouts = 0;
};

class AtChannel : public std::enable_shared_from_this<AtChannel> {
 public:
  using Stream = boost::asio::posix::stream_descriptor;
  using UrcHandler = std::function<void(const Urc&)>;
  using EventHandler = std::function<void(const ChannelEvent&)>;
  using TraceHandler = std::function<void(const std::string&)>;

  static std::shared_ptr<AtChannel> create(Stream stream, EngineConfig config = {});
  ~AtChannel();

  void on_urc(UrcHandler handler) { urc_handler_ = std::move(handler); }
  void on_event(EventHandler handler) { event_handler_ = std::move(handler); }
  // Receives one redacted line per read or write (see trace.hpp for what is masked).
  void on_trace(TraceHandler handler, TraceOptions options = {}) {
    trace_handler_ = std::move(handler);
    trace_options_ = options;
  }

  // Starts reading. Call once, after installing the handlers.
  void start();
  // Cancels pending I/O, completes every command as cancelled, closes the descriptor.
  void close(std::string_view reason = "channel closed");

  // Queues a command; the token's handler receives a CommandResult. Works with callbacks,
  // use_awaitable, use_future.
  template <typename CompletionToken>
  auto command(Command cmd, CompletionToken&& token) {
    return boost::asio::async_initiate<CompletionToken, void(CommandResult)>(
        [this](auto handler, Command c) {
          submit(std::move(c),
                 std::make_unique<Pending<decltype(handler)>>(std::move(handler), executor()));
        },
        token, std::move(cmd));
  }

  boost::asio::any_io_executor executor() { return stream_.get_executor(); }
  const Engine& engine() const { return engine_; }
  bool is_open() const { return stream_.is_open(); }

 private:
  struct PendingBase {
    virtual ~PendingBase() = default;
    virtual void complete(CommandResult result) = 0;
  };
  template <typename Handler>
  struct Pending final : PendingBase {
    Pending(Handler h, boost::asio::any_io_executor e) : handler(std::move(h)), ex(std::move(e)) {}
    void complete(CommandResult result) override {
      auto target = boost::asio::get_associated_executor(handler, ex);
      boost::asio::post(target, [h = std::move(handler), r = std::move(result)]() mutable {
        std::move(h)(std::move(r));
      });
    }
    Handler handler;
    boost::asio::any_io_executor ex;
  };

  AtChannel(Stream stream, EngineConfig config);
  void submit(Command cmd, std::unique_ptr<PendingBase> pending);
  void read_loop();
  void pump();  // drains engine outputs, starts writes, re-arms the timer
  void write_next();
  void arm_timer();
  void fail_all(std::string_view reason);

  Stream stream_;
  boost::asio::steady_timer timer_;
  Engine engine_;
  std::map<CommandId, std::unique_ptr<PendingBase>> pending_;
  std::deque<std::string> writes_;
  bool writing_ = false;
  bool started_ = false;
  bool closed_ = false;
  std::optional<Engine::TimePoint> armed_;
  std::array<char, 4096> read_buf_{};
  UrcHandler urc_handler_;
  EventHandler event_handler_;
  TraceHandler trace_handler_;
  TraceOptions trace_options_;
};

}  // namespace jumbe::at
