// Opening a modem port: line settings, no flow control by default, exclusive access (flock on
// the device node so no second jumbed shares it, plus TIOCEXCL so other programs' open() fails),
// and a clear error naming the process that holds the port (ModemManager probes every ttyUSB).
// Contract: returns an owned non-blocking fd or a SerialError; never throws. termios(3) for the
// settings.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <string>
#include <tl/expected.hpp>
#include <vector>

#include "jumbe/serial/error.hpp"

namespace jumbe::serial {

struct LineSettings {
  int baud = 115200;  // USB modems ignore it; real UARTs (SIM800 on a Pi header) do not
  int data_bits = 8;
  char parity = 'N';  // N, E, O
  int stop_bits = 1;
  bool rtscts = false;  // hardware flow control: off unless the config says so
  bool xonxoff = false;
};

// An owned file descriptor (closes on destruction).
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(UniqueFd&& o) noexcept : fd_(o.release()) {}
  UniqueFd& operator=(UniqueFd&& o) noexcept;
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd();
  int get() const { return fd_; }
  int release() {
    const int fd = fd_;
    fd_ = -1;
    return fd;
  }
  explicit operator bool() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

tl::expected<UniqueFd, SerialError> open_port(const std::string& path,
                                              const LineSettings& settings = {});

// The same, wrapped for Asio (AtChannel takes this).
tl::expected<boost::asio::posix::stream_descriptor, SerialError> open_stream(
    const boost::asio::any_io_executor& executor, const std::string& path,
    const LineSettings& settings = {});

struct Holder {
  int pid = 0;
  std::string name;  // /proc/<pid>/comm
};

// Processes (other than this one) with `path` open, found through /proc/*/fd. May be incomplete
// without the rights to read other users' /proc entries.
std::vector<Holder> find_holders(const std::string& path, bool include_self = false);

// "is in use by ModemManager (pid 812): stop it with ..." for the error message.
std::string describe_holders(const std::vector<Holder>& holders);

}  // namespace jumbe::serial
