// The serial and AT layers together: a pty opened with serial::open_stream, driven by
// at::AtChannel, against a responder thread that plays a modem on the master side. This is the
// path jumbed uses for a real ttyUSB; here nothing but the device is fake.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <map>
#include <thread>

#include "jumbe/at/channel.hpp"
#include "jumbe/at/replies.hpp"
#include "jumbe/serial/port.hpp"

namespace jumbe {
namespace {

using namespace std::chrono_literals;

class PtyModem {
 public:
  explicit PtyModem(std::map<std::string, std::string> replies) : replies_(std::move(replies)) {
    master_ = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master_ < 0 || ::grantpt(master_) != 0 || ::unlockpt(master_) != 0) return;
    path_ = ::ptsname(master_);
    keep_ = ::open(path_.c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC);
    thread_ = std::thread([this] { run(); });
  }
  ~PtyModem() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    if (keep_ >= 0) ::close(keep_);
    if (master_ >= 0) ::close(master_);
  }
  const std::string& path() const { return path_; }

 private:
  void run() {
    std::string buf;
    while (!stop_) {
      pollfd p{master_, POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0 || !(p.revents & POLLIN)) continue;
      char chunk[256];
      const ssize_t n = ::read(master_, chunk, sizeof chunk);
      if (n <= 0) continue;
      buf.append(chunk, static_cast<std::size_t>(n));
      for (auto cr = buf.find('\r'); cr != std::string::npos; cr = buf.find('\r')) {
        const std::string cmd = buf.substr(0, cr);
        buf.erase(0, cr + 1);
        const auto it = replies_.find(cmd);
        const std::string reply = it != replies_.end() ? it->second : "\r\nERROR\r\n";
        (void)!::write(master_, reply.data(), reply.size());
      }
    }
  }
  std::map<std::string, std::string> replies_;
  int master_ = -1;
  int keep_ = -1;
  std::string path_;
  std::thread thread_;
  std::atomic<bool> stop_{false};
};

TEST(SerialWithAtChannel, ReadsIdentityOverAPty) {
  PtyModem modem({{"AT+CGSN", "\r\n867530021234567\r\n\r\nOK\r\n"},
                  {"AT+CPIN?", "\r\n+CPIN: READY\r\n\r\nOK\r\n"}});
  ASSERT_FALSE(modem.path().empty());
  boost::asio::io_context io;
  auto stream = serial::open_stream(io.get_executor(), modem.path());
  ASSERT_TRUE(stream) << stream.error().message;
  auto channel = at::AtChannel::create(std::move(*stream));
  channel->start();
  std::vector<std::string> got;
  channel->command(at::plain_command("AT+CGSN"), [&](at::CommandResult r) {
    got.push_back(r ? at::parse_imei(r->lines).value_or("bad imei") : r.error().message);
  });
  channel->command(at::plain_command("AT+CPIN?"), [&](at::CommandResult r) {
    const bool ready = r && !r->lines.empty() && at::parse_cpin(r->lines[0]) == at::SimState::ready;
    got.push_back(ready ? "READY" : "not ready");
  });
  channel->command(at::plain_command("AT+BOGUS"), [&](at::CommandResult r) {
    got.push_back(r ? std::string(at::to_string(r->final.kind)) : r.error().message);
    channel->close();
  });
  io.run_for(30s);
  EXPECT_EQ(got, (std::vector<std::string>{"867530021234567", "READY", "ERROR"}));
}

}  // namespace
}  // namespace jumbe
