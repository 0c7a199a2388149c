// Input framing of a simulated modem: bytes from the client -> command lines or a "> " body.
// Contract: V.25ter 5.2.1 framing as modems really tolerate it: a line ends at \r or \n (so \r\n
// gives one line), characters before "AT" are ignored by the caller, "A/" repeats the last line
// without waiting for \r, and bytes may arrive in any number of reads. In body mode (after a
// +CMGS "> " prompt, TS 27.005 3.5.1) bytes are collected until Ctrl-Z (send) or ESC (cancel).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jumbe::sim {

struct InputEvent {
  enum class Kind { line, repeat, body_send, body_cancel };
  Kind kind = Kind::line;
  std::string text;  // the line without terminator, or the body without Ctrl-Z
};

class LineReader {
 public:
  // Consumes as much of `bytes` as forms events; partial input stays buffered. Stops after a
  // line that may switch modes (every line does), so the caller can call body_mode() first and
  // then feed the rest with `more()`.
  std::optional<InputEvent> next();
  void feed(std::string_view bytes) { buffer_.append(bytes); }
  void set_body_mode(bool on) { body_mode_ = on; }
  bool body_mode() const { return body_mode_; }
  void clear() {
    buffer_.clear();
    body_mode_ = false;
  }
  std::size_t buffered() const { return buffer_.size(); }

 private:
  std::string buffer_;
  bool body_mode_ = false;
};

}  // namespace jumbe::sim
