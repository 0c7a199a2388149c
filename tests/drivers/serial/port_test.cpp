// Opening and probing pseudo-terminals through the serial layer. A tiny responder thread plays
// the modem on the pty master; every wait is bounded and every fd/thread is cleaned up.
#include "jumbe/serial/port.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <thread>

#include "jumbe/serial/probe.hpp"

namespace jumbe::serial {
namespace {

using namespace std::chrono_literals;

// A pty pair; `answer` decides what the "modem" replies to each chunk it reads.
class FakeModem {
 public:
  enum class Mode { answers, silent, garbage };
  explicit FakeModem(Mode mode) : mode_(mode) {
    master_ = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master_ < 0 || ::grantpt(master_) != 0 || ::unlockpt(master_) != 0) return;
    slave_ = ::ptsname(master_);
    // Keep the slave open from our side too, so the master never sees a hangup between probes.
    keep_ = ::open(slave_.c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC);
    thread_ = std::thread([this] { run(); });
  }
  ~FakeModem() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    if (keep_ >= 0) ::close(keep_);
    if (master_ >= 0) ::close(master_);
  }
  const std::string& path() const { return slave_; }
  bool ok() const { return master_ >= 0 && !slave_.empty(); }

 private:
  void run() {
    std::string seen;
    while (!stop_) {
      pollfd p{master_, POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0 || !(p.revents & POLLIN)) continue;
      char buf[256];
      const ssize_t n = ::read(master_, buf, sizeof buf);
      if (n <= 0) continue;
      seen.append(buf, static_cast<std::size_t>(n));
      if (seen.find("AT\r") == std::string::npos) continue;
      seen.clear();
      if (mode_ == Mode::answers) {
        (void)!::write(master_, "\r\nOK\r\n", 6);
      } else if (mode_ == Mode::garbage) {
        (void)!::write(master_, "\xff\xfe\r\n~~~\r\n", 9);
      }
    }
  }
  Mode mode_;
  int master_ = -1;
  int keep_ = -1;
  std::string slave_;
  std::thread thread_;
  std::atomic<bool> stop_{false};
};

TEST(SerialPort, OpensAPtyWithLineSettings) {
  FakeModem m(FakeModem::Mode::silent);
  ASSERT_TRUE(m.ok());
  auto fd = open_port(m.path(), LineSettings{9600, 8, 'N', 1, false, false});
  ASSERT_TRUE(fd) << fd.error().message;
  EXPECT_GE(fd->get(), 0);
}

TEST(SerialPort, SecondOpenIsRefusedNamingTheHolder) {
  FakeModem m(FakeModem::Mode::silent);
  ASSERT_TRUE(m.ok());
  auto first = open_port(m.path());
  ASSERT_TRUE(first) << first.error().message;
  auto second = open_port(m.path());
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().kind, SerialError::Kind::busy);
  EXPECT_NE(second.error().message.find(m.path()), std::string::npos);
  EXPECT_NE(second.error().message.find("busy"), std::string::npos);
  // Once the first holder closes, the port opens again.
  first = tl::unexpected(SerialError{});
  EXPECT_TRUE(open_port(m.path()));
}

TEST(SerialPort, HoldersIncludeThisProcessWhenAsked) {
  FakeModem m(FakeModem::Mode::silent);
  ASSERT_TRUE(m.ok());
  auto fd = open_port(m.path());
  ASSERT_TRUE(fd);
  const auto holders = find_holders(m.path(), true);
  ASSERT_FALSE(holders.empty());
  EXPECT_EQ(holders.front().pid, static_cast<int>(::getpid()));
}

TEST(SerialPort, ModemManagerHolderGetsTheFix) {
  const auto text = describe_holders({Holder{812, "ModemManager"}});
  EXPECT_NE(text.find("ModemManager (pid 812)"), std::string::npos);
  EXPECT_NE(text.find("systemctl stop ModemManager"), std::string::npos);
}

TEST(SerialPort, MissingDeviceSaysSo) {
  auto fd = open_port("/dev/ttyUSB-jumbe-does-not-exist");
  ASSERT_FALSE(fd);
  EXPECT_EQ(fd.error().kind, SerialError::Kind::not_found);
  EXPECT_NE(fd.error().message.find("ttyUSB-jumbe-does-not-exist"), std::string::npos);
}

TEST(SerialPort, NotATtyIsRefused) {
  char tmpl[] = "/tmp/jumbe-serial-test-XXXXXX";
  const int tmp = ::mkstemp(tmpl);
  ASSERT_GE(tmp, 0);
  ::close(tmp);
  auto fd = open_port(tmpl);
  ::unlink(tmpl);
  ASSERT_FALSE(fd);
  EXPECT_EQ(fd.error().kind, SerialError::Kind::not_a_tty);
}

TEST(SerialProbe, AnsweringPtyIsFound) {
  FakeModem silent(FakeModem::Mode::silent);
  FakeModem noisy(FakeModem::Mode::garbage);
  FakeModem modem(FakeModem::Mode::answers);
  ASSERT_TRUE(silent.ok() && noisy.ok() && modem.ok());
  const auto r = probe_at(modem.path(), {}, 5000ms);
  EXPECT_TRUE(r.answers_at) << r.detail;
  const auto found = find_at_port({silent.path(), noisy.path(), modem.path()}, {}, 300ms);
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_EQ(*found, modem.path());
}

TEST(SerialProbe, SilentAndGarbagePortsAreReportedWithReasons) {
  FakeModem silent(FakeModem::Mode::silent);
  FakeModem noisy(FakeModem::Mode::garbage);
  ASSERT_TRUE(silent.ok() && noisy.ok());
  const auto r = probe_at(silent.path(), {}, 300ms);
  EXPECT_FALSE(r.answers_at);
  EXPECT_NE(r.detail.find("silent"), std::string::npos) << r.detail;
  const auto found = find_at_port({silent.path(), noisy.path()}, {}, 300ms);
  ASSERT_FALSE(found);
  EXPECT_EQ(found.error().kind, SerialError::Kind::no_answer);
  EXPECT_NE(found.error().message.find("~~~"), std::string::npos) << found.error().message;
}

TEST(SerialProbe, BusyPortIsReportedNotProbed) {
  FakeModem modem(FakeModem::Mode::answers);
  ASSERT_TRUE(modem.ok());
  auto held = open_port(modem.path());
  ASSERT_TRUE(held);
  const auto r = probe_at(modem.path(), {}, 300ms);
  EXPECT_FALSE(r.answers_at);
  EXPECT_NE(r.detail.find("busy"), std::string::npos) << r.detail;
}

}  // namespace
}  // namespace jumbe::serial
