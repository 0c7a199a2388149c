// Opening a port exclusively with the configured line settings. See port.hpp. Order matters:
// open non-blocking (a modem with DCD low must not block open), flock so two jumbed never share a
// modem, TIOCEXCL so other programs' open() gets EBUSY, then raw termios and a flush of whatever
// the modem said before we came.
#include "jumbe/serial/port.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace jumbe::serial {

namespace fs = std::filesystem;

UniqueFd& UniqueFd::operator=(UniqueFd&& o) noexcept {
  if (this != &o) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = o.release();
  }
  return *this;
}

UniqueFd::~UniqueFd() {
  if (fd_ >= 0) ::close(fd_);
}

namespace {

speed_t to_speed(int baud) {
  switch (baud) {
    case 9600:
      return B9600;
    case 19200:
      return B19200;
    case 38400:
      return B38400;
    case 57600:
      return B57600;
    case 115200:
      return B115200;
    case 230400:
      return B230400;
    case 460800:
      return B460800;
    case 921600:
      return B921600;
    default:
      return B0;
  }
}

std::string busy_message(const std::string& path) {
  return path + " is busy: " + describe_holders(find_holders(path));
}

}  // namespace

std::vector<Holder> find_holders(const std::string& path, bool include_self) {
  std::vector<Holder> out;
  std::error_code ec;
  const auto target = fs::canonical(path, ec);
  if (ec) return out;
  const int self = static_cast<int>(::getpid());
  for (fs::directory_iterator it("/proc", ec), end; !ec && it != end; it.increment(ec)) {
    const auto name = it->path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    const int pid = std::stoi(name);
    if (pid == self && !include_self) continue;
    std::error_code ec2;
    for (fs::directory_iterator fd(it->path() / "fd", ec2), fend; !ec2 && fd != fend;
         fd.increment(ec2)) {
      std::error_code ec3;
      const auto link = fs::read_symlink(fd->path(), ec3);
      if (ec3 || link != target) continue;
      Holder h{pid, {}};
      std::ifstream comm(it->path() / "comm");
      std::getline(comm, h.name);
      out.push_back(std::move(h));
      break;
    }
  }
  return out;
}

std::string describe_holders(const std::vector<Holder>& holders) {
  if (holders.empty())
    return "another process holds it (not visible from here; try `sudo fuser -v` on the "
           "device)";
  std::string out = "in use by ";
  for (std::size_t i = 0; i < holders.size(); ++i) {
    if (i) out += ", ";
    out += holders[i].name + " (pid " + std::to_string(holders[i].pid) + ")";
  }
  for (const auto& h : holders) {
    if (h.name == "ModemManager") {
      out +=
          "; stop it with `systemctl stop ModemManager` and keep it off our modems with the "
          "udev rule ENV{ID_MM_DEVICE_IGNORE}=\"1\" (systemd/ in this repository)";
      break;
    }
    if (h.name == "jumbed") {
      out += "; another jumbed already drives this modem: check for a second instance";
      break;
    }
  }
  return out;
}

tl::expected<UniqueFd, SerialError> open_port(const std::string& path,
                                              const LineSettings& settings) {
  const speed_t speed = to_speed(settings.baud);
  if (speed == B0)
    return tl::unexpected(SerialError{
        SerialError::Kind::io, path + ": unsupported baud rate " + std::to_string(settings.baud)});
  UniqueFd fd(::open(path.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC));
  if (!fd) {
    const int err = errno;
    switch (err) {
      case ENOENT:
      case ENODEV:
      case ENXIO:
        return tl::unexpected(SerialError{SerialError::Kind::not_found,
                                          path + ": no such device (unplugged or renamed?)"});
      case EACCES:
      case EPERM:
        return tl::unexpected(
            SerialError{SerialError::Kind::permission,
                        path + ": permission denied; add the jumbe user to the dialout group"});
      case EBUSY:
        return tl::unexpected(SerialError{SerialError::Kind::busy, busy_message(path)});
      default:
        return tl::unexpected(
            SerialError{SerialError::Kind::io, path + ": cannot open: " + std::strerror(err)});
    }
  }
  if (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) {
    if (errno == EWOULDBLOCK)
      return tl::unexpected(SerialError{SerialError::Kind::busy, busy_message(path)});
    return tl::unexpected(
        SerialError{SerialError::Kind::io, path + ": cannot lock: " + std::strerror(errno)});
  }
  termios tio{};
  if (::tcgetattr(fd.get(), &tio) != 0)
    return tl::unexpected(SerialError{SerialError::Kind::not_a_tty,
                                      path + ": not a serial port: " + std::strerror(errno)});
  if (::ioctl(fd.get(), TIOCEXCL) != 0)
    return tl::unexpected(
        SerialError{SerialError::Kind::io, path + ": TIOCEXCL failed: " + std::strerror(errno)});
  ::cfmakeraw(&tio);
  ::cfsetispeed(&tio, speed);
  ::cfsetospeed(&tio, speed);
  tio.c_cflag &= ~static_cast<tcflag_t>(CSIZE | PARENB | PARODD | CSTOPB | CRTSCTS);
  tio.c_cflag |= CLOCAL | CREAD;
  switch (settings.data_bits) {
    case 7:
      tio.c_cflag |= CS7;
      break;
    default:
      tio.c_cflag |= CS8;
  }
  if (settings.parity == 'E' || settings.parity == 'O') tio.c_cflag |= PARENB;
  if (settings.parity == 'O') tio.c_cflag |= PARODD;
  if (settings.stop_bits == 2) tio.c_cflag |= CSTOPB;
  if (settings.rtscts) tio.c_cflag |= CRTSCTS;
  tio.c_iflag &= ~static_cast<tcflag_t>(IXON | IXOFF | IXANY);
  if (settings.xonxoff) tio.c_iflag |= IXON | IXOFF;
  // VMIN=1: with VMIN=0 and VTIME=0 a tty read returns 0 when no data is waiting, even on a
  // non-blocking fd, and Asio (rightly) takes 0 for end of file. VMIN=1 makes it EAGAIN.
  tio.c_cc[VMIN] = 1;
  tio.c_cc[VTIME] = 0;
  if (::tcsetattr(fd.get(), TCSANOW, &tio) != 0)
    return tl::unexpected(SerialError{
        SerialError::Kind::io, path + ": cannot set line settings: " + std::strerror(errno)});
  ::tcflush(fd.get(), TCIOFLUSH);
  return fd;
}

tl::expected<boost::asio::posix::stream_descriptor, SerialError> open_stream(
    const boost::asio::any_io_executor& executor, const std::string& path,
    const LineSettings& settings) {
  auto fd = open_port(path, settings);
  if (!fd) return tl::unexpected(std::move(fd.error()));
  return boost::asio::posix::stream_descriptor(executor, fd->release());
}

}  // namespace jumbe::serial
