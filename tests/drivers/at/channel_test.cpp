// AtChannel over a socketpair against a scripted peer (expect -> reply). Timeouts in the
// EngineConfig are shortened so the recovery path runs quickly; nothing asserts wall-clock time,
// and every io_context run is bounded by a generous failure timeout.
#include "jumbe/at/channel.hpp"

#include <gtest/gtest.h>
#include <sys/socket.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

namespace jumbe::at {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

struct Step {
  std::string expect;  // bytes the peer waits for ("" = none)
  std::string reply;   // bytes it then writes ("" = stay silent)
};

// Reads from its end of the socketpair and answers each expected command with its reply.
class ScriptedPeer {
 public:
  ScriptedPeer(asio::io_context& io, int fd, std::vector<Step> steps)
      : stream_(io, fd), steps_(std::move(steps)) {}

  void start() { next(); }
  void close() { stream_.close(); }
  const std::string& received() const { return received_; }
  bool finished() const { return index_ >= steps_.size(); }

 private:
  void next() {
    if (index_ >= steps_.size()) return;
    const auto& step = steps_[index_];
    const auto pos = received_.find(step.expect, consumed_);
    if (pos != std::string::npos) {
      consumed_ = pos + step.expect.size();
      ++index_;
      if (step.reply.empty()) return next();
      asio::async_write(stream_, asio::buffer(step.reply),
                        [this](boost::system::error_code ec, std::size_t) {
                          if (!ec) next();
                        });
      return;
    }
    stream_.async_read_some(asio::buffer(buf_),
                            [this](boost::system::error_code ec, std::size_t n) {
                              if (ec) return;
                              received_.append(buf_.data(), n);
                              next();
                            });
  }

  asio::posix::stream_descriptor stream_;
  std::vector<Step> steps_;
  std::size_t index_ = 0;
  std::size_t consumed_ = 0;
  std::string received_;
  std::array<char, 1024> buf_{};
};

struct Pair {
  int channel_fd = -1;
  int peer_fd = -1;
  Pair() {
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) == 0) {
      channel_fd = fds[0];
      peer_fd = fds[1];
    }
  }
};

EngineConfig fast_config() {
  EngineConfig c;
  c.timeouts.plain = 300ms;
  c.timeouts.recovery = 300ms;
  c.timeouts.settle = 50ms;
  return c;
}

TEST(AtChannel, CallbackCommandAndUrc) {
  asio::io_context io;
  Pair p;
  ASSERT_GE(p.channel_fd, 0);
  ScriptedPeer peer(io, p.peer_fd,
                    {{"AT+CSQ\r", "AT+CSQ\r\r\n+CSQ: 17,99\r\n\r\n+CMTI: \"SM\",2\r\n\r\nOK\r\n"}});
  auto ch = AtChannel::create(asio::posix::stream_descriptor(io, p.channel_fd));
  std::vector<Urc> urcs;
  std::vector<std::string> trace;
  ch->on_urc([&](const Urc& u) { urcs.push_back(u); });
  ch->on_trace([&](const std::string& t) { trace.push_back(t); });
  ch->start();
  peer.start();
  std::optional<CommandResult> result;
  ch->command(plain_command("AT+CSQ"), [&](CommandResult r) {
    result = std::move(r);
    ch->close();
    peer.close();
  });
  io.run_for(30s);
  ASSERT_TRUE(result);
  ASSERT_TRUE(*result);
  EXPECT_EQ((*result)->lines, std::vector<std::string>{"+CSQ: 17,99"});
  ASSERT_EQ(urcs.size(), 1u);
  EXPECT_EQ(urcs[0].name, "cmti");
  ASSERT_FALSE(trace.empty());
  EXPECT_EQ(trace.front(), "> AT+CSQ<CR>");
}

TEST(AtChannel, AwaitableCmgsAndTimeoutRecovery) {
  asio::io_context io;
  Pair p;
  ASSERT_GE(p.channel_fd, 0);
  const std::string pdu = "0011000C915274214365870000AA04D4F29C0E";
  ScriptedPeer peer(io, p.peer_fd,
                    {
                        {"AT+CMGS=18\r", "\r\n> "},
                        {pdu + "\x1a", "\r\n+CMGS: 7\r\n\r\nOK\r\n"},
                        {"AT+COPS?\r", ""},  // silent: the command times out
                        {"AT\r", "\r\n+COPS: 0,0,\"Safaricom\",2\r\n\r\nOK\r\n\r\nOK\r\n"},
                        {"AT+CGMM\r", "\r\nSIM800 R14.18\r\n\r\nOK\r\n"},
                    });
  auto ch = AtChannel::create(asio::posix::stream_descriptor(io, p.channel_fd), fast_config());
  std::vector<ChannelEvent::Kind> events;
  ch->on_event([&](const ChannelEvent& e) { events.push_back(e.kind); });
  ch->start();
  peer.start();
  std::vector<std::string> log;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        auto sent = co_await ch->command(cmgs_command(18, pdu), asio::use_awaitable);
        log.push_back(sent ? sent->lines.at(0) : "send failed");
        auto ops = co_await ch->command(plain_command("AT+COPS?"), asio::use_awaitable);
        log.push_back(ops ? "cops answered?!" : ops.error().message);
        auto model = co_await ch->command(plain_command("AT+CGMM"), asio::use_awaitable);
        log.push_back(model ? model->lines.at(0) : model.error().message);
        ch->close();
        peer.close();
      },
      asio::detached);
  io.run_for(30s);
  ASSERT_EQ(log.size(), 3u);
  EXPECT_EQ(log[0], "+CMGS: 7");
  EXPECT_NE(log[1].find("no final result for AT+COPS?"), std::string::npos) << log[1];
  EXPECT_EQ(log[2], "SIM800 R14.18");  // never the late +COPS line
  EXPECT_NE(std::find(events.begin(), events.end(), ChannelEvent::Kind::recovered), events.end());
  EXPECT_NE(peer.received().find("\x1b"), std::string::npos);
}

TEST(AtChannel, PeerHangupCancelsPendingCommands) {
  asio::io_context io;
  Pair p;
  ASSERT_GE(p.channel_fd, 0);
  ScriptedPeer peer(io, p.peer_fd, {{"AT+CSQ\r", ""}});
  auto ch = AtChannel::create(asio::posix::stream_descriptor(io, p.channel_fd));
  bool closed = false;
  ch->on_event([&](const ChannelEvent& e) {
    if (e.kind == ChannelEvent::Kind::closed) closed = true;
  });
  ch->start();
  peer.start();
  std::vector<CommandResult> results;
  for (int i = 0; i < 2; ++i)
    ch->command(plain_command("AT+CSQ"), [&](CommandResult r) { results.push_back(std::move(r)); });
  asio::steady_timer unplug(io, 50ms);
  unplug.async_wait([&](auto) { peer.close(); });  // the USB stick is pulled
  io.run_for(30s);
  EXPECT_TRUE(closed);
  ASSERT_EQ(results.size(), 2u);
  for (const auto& r : results) {
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, CommandError::Kind::cancelled);
  }
  // A command on a closed channel completes at once as cancelled, never hangs.
  std::optional<CommandResult> late;
  ch->command(plain_command("AT"), [&](CommandResult r) { late = std::move(r); });
  io.restart();
  io.run_for(5s);
  ASSERT_TRUE(late);
  EXPECT_FALSE(*late);
}

}  // namespace
}  // namespace jumbe::at
