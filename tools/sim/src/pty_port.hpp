// A pseudo-terminal standing in for a modem's serial port. Contract: open() creates a pty
// (posix_openpt/grantpt/unlockpt), sets the slave raw (cfmakeraw: the simulator alone decides
// echo), keeps a slave fd open so a client closing and reopening the port never hangs up the
// master, and atomically points the symlink at the slave. close() undoes all of it (unplug).
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

namespace jumbe::sim {

class PtyPort {
 public:
  PtyPort(boost::asio::io_context& io, std::string link_path);
  ~PtyPort();
  PtyPort(const PtyPort&) = delete;
  PtyPort& operator=(const PtyPort&) = delete;

  tl::expected<void, std::string> open(std::function<void(std::string_view)> on_data);
  void close();
  bool is_open() const { return master_ != nullptr; }
  // Writes in order; `done` runs when this chunk is written (or dropped because closed).
  void write(std::string bytes, std::function<void()> done);
  const std::string& link_path() const { return link_; }
  const std::string& slave_path() const { return slave_path_; }

 private:
  void read_loop();
  void write_next();

  boost::asio::io_context& io_;
  std::string link_;
  std::string slave_path_;
  std::unique_ptr<boost::asio::posix::stream_descriptor> master_;
  int slave_fd_ = -1;
  std::function<void(std::string_view)> on_data_;
  std::deque<std::pair<std::string, std::function<void()>>> out_;
  bool writing_ = false;
  std::shared_ptr<int> generation_ = std::make_shared<int>(0);
  char buf_[1024];
};

}  // namespace jumbe::sim
