// Server-Sent Events parser (see sse.hpp), after WHATWG HTML 9.2.6.
#include "jumbe/cli/sse.hpp"

namespace jumbe::cli {

std::vector<SseEvent> SseParser::feed(std::string_view bytes) {
  std::vector<SseEvent> out;
  for (char c : bytes) {
    if (skip_lf_) {
      skip_lf_ = false;
      if (c == '\n') continue;
    }
    if (c == '\r' || c == '\n') {
      line(buf_, out);
      buf_.clear();
      skip_lf_ = c == '\r';
    } else {
      buf_ += c;
    }
  }
  return out;
}

void SseParser::line(std::string_view l, std::vector<SseEvent>& out) {
  if (l.empty()) {
    // Dispatch (9.2.6 "If the line is empty"): only when some data arrived.
    if (has_data_) {
      out.push_back({last_id_, event_.empty() ? "message" : event_, data_});
    }
    event_.clear();
    data_.clear();
    has_data_ = false;
    return;
  }
  if (l.front() == ':') return;  // comment, e.g. ": keepalive"
  std::string_view field = l, value;
  if (const auto colon = l.find(':'); colon != std::string_view::npos) {
    field = l.substr(0, colon);
    value = l.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  }
  if (field == "data") {
    if (has_data_) data_ += '\n';
    data_.append(value);
    has_data_ = true;
  } else if (field == "event") {
    event_ = std::string(value);
  } else if (field == "id") {
    // An id containing NUL is ignored by the spec.
    if (value.find('\0') == std::string_view::npos) last_id_ = std::string(value);
  }
  // "retry" and unknown fields: ignored; the CLI has its own reconnect backoff.
}

}  // namespace jumbe::cli
