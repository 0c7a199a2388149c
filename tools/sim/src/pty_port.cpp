// Pseudo-terminal port (see pty_port.hpp). POSIX: posix_openpt(3), grantpt(3), unlockpt(3),
// ptsname_r(3), cfmakeraw(3); the symlink is replaced with rename(2) so it never dangles.
#include "pty_port.hpp"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <boost/asio/buffer.hpp>
#include <boost/asio/write.hpp>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace jumbe::sim {

namespace asio = boost::asio;

PtyPort::PtyPort(asio::io_context& io, std::string link_path)
    : io_(io), link_(std::move(link_path)) {}

PtyPort::~PtyPort() {
  close();
}

tl::expected<void, std::string> PtyPort::open(std::function<void(std::string_view)> on_data) {
  close();
  const int master = posix_openpt(O_RDWR | O_NOCTTY);
  if (master < 0) return tl::make_unexpected(std::string{"posix_openpt: "} + std::strerror(errno));
  char name[128];
  if (grantpt(master) != 0 || unlockpt(master) != 0 || ptsname_r(master, name, sizeof name) != 0) {
    const std::string err = std::strerror(errno);
    ::close(master);
    return tl::make_unexpected("pty setup: " + err);
  }
  slave_path_ = name;
  slave_fd_ = ::open(name, O_RDWR | O_NOCTTY);
  if (slave_fd_ < 0) {
    const std::string err = std::strerror(errno);
    ::close(master);
    return tl::make_unexpected("open " + slave_path_ + ": " + err);
  }
  termios tio{};
  if (tcgetattr(slave_fd_, &tio) == 0) {
    cfmakeraw(&tio);
    tcsetattr(slave_fd_, TCSANOW, &tio);
  }
  // Replace the link atomically: a client never sees it missing between two plugs.
  const std::string tmp = link_ + ".tmp" + std::to_string(getpid());
  ::unlink(tmp.c_str());
  if (::symlink(slave_path_.c_str(), tmp.c_str()) != 0 ||
      ::rename(tmp.c_str(), link_.c_str()) != 0) {
    const std::string err = std::strerror(errno);
    ::unlink(tmp.c_str());
    ::close(slave_fd_);
    slave_fd_ = -1;
    ::close(master);
    return tl::make_unexpected("symlink " + link_ + ": " + err);
  }
  master_ = std::make_unique<asio::posix::stream_descriptor>(io_, master);
  on_data_ = std::move(on_data);
  generation_ = std::make_shared<int>(0);
  read_loop();
  return {};
}

void PtyPort::close() {
  if (!master_) return;
  *generation_ = -1;  // pending handlers of this pty become no-ops
  boost::system::error_code ec;
  master_->close(ec);
  master_.reset();
  if (slave_fd_ >= 0) ::close(slave_fd_);
  slave_fd_ = -1;
  ::unlink(link_.c_str());
  auto pending = std::move(out_);
  out_.clear();
  writing_ = false;
  for (auto& [bytes, done] : pending) {
    if (done) done();
  }
}

void PtyPort::read_loop() {
  auto gen = generation_;
  master_->async_read_some(
      asio::buffer(buf_), [this, gen](boost::system::error_code ec, std::size_t n) {
        if (*gen < 0) return;
        if (ec) {
          if (ec == asio::error::operation_aborted) return;
          // EIO cannot happen while we hold the slave; anything else: stop reading this pty.
          std::fprintf(stderr, "jumbe-sim: %s: read: %s\n", link_.c_str(), ec.message().c_str());
          return;
        }
        if (on_data_) on_data_(std::string_view{buf_, n});
        if (*gen >= 0 && master_) read_loop();
      });
}

void PtyPort::write(std::string bytes, std::function<void()> done) {
  if (!master_) {
    if (done) done();
    return;
  }
  out_.emplace_back(std::move(bytes), std::move(done));
  if (!writing_) write_next();
}

void PtyPort::write_next() {
  if (out_.empty() || !master_) {
    writing_ = false;
    return;
  }
  writing_ = true;
  auto gen = generation_;
  asio::async_write(*master_, asio::buffer(out_.front().first),
                    [this, gen](boost::system::error_code, std::size_t) {
                      if (*gen < 0) return;
                      auto done = std::move(out_.front().second);
                      out_.pop_front();
                      writing_ = false;
                      write_next();
                      if (done) done();
                    });
}

}  // namespace jumbe::sim
