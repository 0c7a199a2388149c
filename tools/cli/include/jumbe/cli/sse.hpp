// An incremental parser of a Server-Sent Events stream (WHATWG HTML, "9.2.6 Interpreting an event
// stream"): bytes in, whole events out. Contract: pure; accepts chunks split anywhere (even inside
// a CR LF pair); lines end with CR LF, LF or CR; "data" lines are joined with "\n"; comment lines
// (": keepalive") and unknown fields are ignored; an event without data is not dispatched but its
// "id" still moves last_event_id(), which is what a reconnect sends as Last-Event-ID.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace jumbe::cli {

struct SseEvent {
  std::string id;     // the last event id when the event was dispatched ("" if none yet)
  std::string event;  // "message" when the stream named no type
  std::string data;
};

class SseParser {
 public:
  std::vector<SseEvent> feed(std::string_view bytes);
  const std::string& last_event_id() const { return last_id_; }

 private:
  void line(std::string_view l, std::vector<SseEvent>& out);

  std::string buf_;
  bool skip_lf_ = false;  // the previous chunk ended with CR: a leading LF belongs to it
  std::string last_id_;
  std::string event_;
  std::string data_;
  bool has_data_ = false;
};

}  // namespace jumbe::cli
