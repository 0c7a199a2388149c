// Input framing of a simulated modem (see line_reader.hpp): V.25ter 5.2.1 lines, "A/", and the
// TS 27.005 3.5.1 "> " body ended by Ctrl-Z (0x1A) or cancelled by ESC (0x1B).
#include "jumbe/sim/line_reader.hpp"

namespace jumbe::sim {

namespace {
constexpr char ctrl_z = '\x1a';
constexpr char esc = '\x1b';
}  // namespace

std::optional<InputEvent> LineReader::next() {
  if (body_mode_) {
    const auto end = buffer_.find_first_of(std::string_view{"\x1a\x1b", 2});
    if (end == std::string::npos) return std::nullopt;
    InputEvent ev;
    ev.kind = buffer_[end] == ctrl_z ? InputEvent::Kind::body_send : InputEvent::Kind::body_cancel;
    ev.text = buffer_.substr(0, end);
    buffer_.erase(0, end + 1);
    body_mode_ = false;
    return ev;
  }
  for (;;) {
    // "A/" (V.25ter 6.2.2) is acted on at once, with no terminator. Leading line noise is skipped.
    const auto start = buffer_.find_first_not_of("\r\n \t");
    if (start == std::string::npos) {
      buffer_.clear();
      return std::nullopt;
    }
    if (start > 0) buffer_.erase(0, start);
    if (buffer_.size() >= 2 && (buffer_[0] == 'A' || buffer_[0] == 'a') && buffer_[1] == '/') {
      buffer_.erase(0, 2);
      return InputEvent{InputEvent::Kind::repeat, {}};
    }
    const auto end = buffer_.find_first_of("\r\n");
    if (end == std::string::npos) {
      // A stray ESC/Ctrl-Z outside body mode is dropped, like a modem in command state does.
      if (buffer_.find_first_of(std::string_view{"\x1a\x1b", 2}) != std::string::npos) {
        std::erase_if(buffer_, [](char c) { return c == ctrl_z || c == esc; });
      }
      return std::nullopt;
    }
    InputEvent ev{InputEvent::Kind::line, buffer_.substr(0, end)};
    buffer_.erase(0, end + 1);
    // Backspace (S5) edits the line as a terminal user would type it.
    std::string edited;
    for (char c : ev.text) {
      if (c == '\b' || c == '\x7f') {
        if (!edited.empty()) edited.pop_back();
      } else if (c != ctrl_z && c != esc) {
        edited.push_back(c);
      }
    }
    ev.text = std::move(edited);
    return ev;
  }
}

}  // namespace jumbe::sim
