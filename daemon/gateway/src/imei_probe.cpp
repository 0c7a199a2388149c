// Reading a port's IMEI with AT+CGSN before any driver owns it (see discovery.hpp). Blocking,
// poll(2) with one deadline; lines framed and results classified by drivers/at's pure core, the
// same way the serial layer's AT probe does. TS 27.007 5.4 (+CGSN), V.250 5.7 (result codes).
#include <poll.h>
#include <unistd.h>

#include <cerrno>

#include "jumbe/at/line_framer.hpp"
#include "jumbe/at/result_code.hpp"
#include "jumbe/gateway/discovery.hpp"
#include "jumbe/serial/port.hpp"

namespace jumbe::gateway {

tl::expected<std::string, std::string> read_imei(const std::string& device,
                                                 std::chrono::milliseconds timeout) {
  auto fd = serial::open_port(device);
  if (!fd) return tl::unexpected(fd.error().message);
  // ESC clears a "> " prompt an earlier user left pending; the leading AT wakes a modem that
  // swallows the first command after opening (probe.hpp says why).
  constexpr std::string_view kAsk = "\x1b\r\nAT\rAT+CGSN\r";
  if (::write(fd->get(), kAsk.data(), kAsk.size()) < 0)
    return tl::unexpected(device + ": write failed");
  using Clock = std::chrono::steady_clock;
  const auto deadline = Clock::now() + timeout;
  at::LineFramer framer;
  std::vector<at::Frame> frames;
  std::vector<std::string> lines;
  int finals = 0;  // the first final result answers the bare AT, the second AT+CGSN
  while (Clock::now() < deadline) {
    const auto wait =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    pollfd p{fd->get(), POLLIN, 0};
    const int n = ::poll(&p, 1, static_cast<int>(wait.count()) + 1);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) continue;
    if (p.revents & (POLLERR | POLLHUP | POLLNVAL))
      return tl::unexpected(device + ": port closed while asking its IMEI");
    char buf[512];
    const ssize_t got = ::read(fd->get(), buf, sizeof buf);
    if (got <= 0) continue;
    frames.clear();
    framer.feed(std::string_view(buf, static_cast<std::size_t>(got)), frames);
    for (const auto& f : frames) {
      if (f.kind != at::Frame::Kind::line) continue;
      if (const auto fin = at::parse_final_result(f.text)) {
        ++finals;
        // An IMEI may arrive before either final result (a modem that skipped the bare AT).
        if (auto imei = parse_imei(lines)) return *imei;
        if (finals >= 2) return tl::unexpected(device + ": AT+CGSN gave no IMEI");
        continue;
      }
      lines.push_back(f.text);
    }
  }
  if (auto imei = parse_imei(lines)) return *imei;
  return tl::unexpected(device + ": no answer to AT+CGSN within " +
                        std::to_string(timeout.count()) + " ms");
}

}  // namespace jumbe::gateway
