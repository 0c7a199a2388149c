// AT probing with poll(2): see probe.hpp. Lines are framed and classified with drivers/at's pure
// core, so "OK" means the same here as in the channel.
#include "jumbe/serial/probe.hpp"

#include <poll.h>
#include <unistd.h>

#include <cerrno>

#include "jumbe/at/line_framer.hpp"
#include "jumbe/at/result_code.hpp"

namespace jumbe::serial {

ProbeResult probe_at(const std::string& path, const LineSettings& settings,
                     std::chrono::milliseconds timeout) {
  ProbeResult r{path, false, {}};
  auto fd = open_port(path, settings);
  if (!fd) {
    r.detail = fd.error().message;
    return r;
  }
  using Clock = std::chrono::steady_clock;
  const auto deadline = Clock::now() + timeout;
  const auto half = Clock::now() + timeout / 2;
  at::LineFramer framer;
  std::vector<at::Frame> frames;
  bool second_sent = false;
  // ESC first clears a "> " prompt some earlier user left pending; then AT.
  constexpr std::string_view kProbe = "\x1b\r\nAT\r";
  if (::write(fd->get(), kProbe.data(), kProbe.size()) < 0) {
    r.detail = "write failed";
    return r;
  }
  std::string seen;
  while (true) {
    const auto now = Clock::now();
    if (now >= deadline) break;
    if (!second_sent && now >= half) {
      second_sent = true;  // a modem just out of boot may have dropped the first one
      if (::write(fd->get(), "AT\r", 3) < 0) break;
    }
    const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(
        (second_sent ? deadline : half) - now);
    pollfd p{fd->get(), POLLIN, 0};
    const int n = ::poll(&p, 1, static_cast<int>(wait.count()) + 1);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    if (n == 0) continue;
    if (p.revents & (POLLERR | POLLHUP | POLLNVAL)) {
      r.detail = "port closed while probing";
      return r;
    }
    char buf[512];
    const ssize_t got = ::read(fd->get(), buf, sizeof buf);
    if (got <= 0) continue;
    frames.clear();
    framer.feed(std::string_view(buf, static_cast<std::size_t>(got)), frames);
    for (const auto& f : frames) {
      if (f.kind != at::Frame::Kind::line) continue;
      if (const auto fin = at::parse_final_result(f.text); fin && fin->is_ok()) {
        r.answers_at = true;
        r.detail = "OK";
        return r;
      }
      if (seen.size() < 80) seen += (seen.empty() ? "" : " | ") + f.text;
    }
  }
  r.detail = "no OK within " + std::to_string(timeout.count()) + " ms" +
             (seen.empty() ? std::string(" (silent)") : " (got: " + seen.substr(0, 80) + ")");
  return r;
}

tl::expected<std::string, SerialError> find_at_port(const std::vector<std::string>& candidates,
                                                    const LineSettings& settings,
                                                    std::chrono::milliseconds timeout) {
  std::string reasons;
  for (const auto& c : candidates) {
    auto r = probe_at(c, settings, timeout);
    if (r.answers_at) return c;
    reasons += (reasons.empty() ? "" : "; ") + c + ": " + r.detail;
  }
  return tl::unexpected(SerialError{
      SerialError::Kind::no_answer,
      candidates.empty() ? std::string("no ports to probe") : "no port answered AT: " + reasons});
}

}  // namespace jumbe::serial
