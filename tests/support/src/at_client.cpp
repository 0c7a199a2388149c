// AtClient (see at_client.hpp): raw termios, poll with deadlines.
#include "jumbe/testing/at_client.hpp"

#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace jumbe::testing {

AtClient::AtClient(const std::string& path) {
  fd_ = ::open(path.c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (fd_ < 0) throw std::runtime_error("open " + path + ": " + std::strerror(errno));
  termios tio{};
  if (tcgetattr(fd_, &tio) == 0) {
    cfmakeraw(&tio);
    tcsetattr(fd_, TCSANOW, &tio);
  }
}

AtClient::~AtClient() {
  if (fd_ >= 0) ::close(fd_);
}

void AtClient::write(std::string_view bytes) {
  std::size_t off = 0;
  while (off < bytes.size()) {
    const ssize_t n = ::write(fd_, bytes.data() + off, bytes.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::runtime_error(std::string{"write: "} + std::strerror(errno));
    off += static_cast<std::size_t>(n);
  }
}

std::string AtClient::read_until(std::string_view needle, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto pos = buffer_.find(needle);
    if (pos != std::string::npos) {
      std::string out = buffer_.substr(0, pos + needle.size());
      buffer_.erase(0, pos + needle.size());
      return out;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      std::string out;
      out.swap(buffer_);
      return out;
    }
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(std::min<long>(left.count(), 100))) > 0) {
      char buf[4096];
      const ssize_t n = ::read(fd_, buf, sizeof buf);
      if (n > 0) buffer_.append(buf, static_cast<std::size_t>(n));
      if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN)) {
        std::string out;
        out.swap(buffer_);
        return out;
      }
    }
  }
}

bool has_final_result(std::string_view r) {
  if (r.ends_with("> ")) return true;
  if (r.ends_with("OK\r\n") || r.ends_with("ERROR\r\n")) return true;
  const auto last = r.rfind("\r\n", r.size() >= 2 ? r.size() - 3 : 0);
  const auto line = last == std::string_view::npos ? r : r.substr(last + 2);
  return (line.starts_with("+CME ERROR:") || line.starts_with("+CMS ERROR:")) &&
         r.ends_with("\r\n");
}

std::string AtClient::command(std::string_view line, std::chrono::milliseconds timeout) {
  write(std::string{line} + "\r");
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::string out;
  out.swap(buffer_);
  while (!has_final_result(out)) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(std::min<long>(left.count(), 100))) <= 0) continue;
    char buf[4096];
    const ssize_t n = ::read(fd_, buf, sizeof buf);
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  return out;
}

std::string AtClient::drain(std::chrono::milliseconds quiet) {
  std::string out;
  for (;;) {
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(quiet.count())) <= 0) break;
    char buf[4096];
    const ssize_t n = ::read(fd_, buf, sizeof buf);
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  out = buffer_ + out;
  buffer_.clear();
  return out;
}

}  // namespace jumbe::testing
