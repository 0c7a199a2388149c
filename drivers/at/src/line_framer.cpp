// Line framer: see line_framer.hpp. Every byte is either part of a line, a line end, a prompt or
// counted as garbage; nothing is buffered beyond kMaxLine, so hostile input cannot grow memory.
#include "jumbe/at/line_framer.hpp"

namespace jumbe::at {

void LineFramer::flush_garbage(std::vector<Frame>& out) {
  if (dropped_controls_ == 0) return;
  out.push_back({Frame::Kind::garbage,
                 std::to_string(dropped_controls_) + " control byte(s) dropped (NUL or noise)"});
  dropped_controls_ = 0;
}

void LineFramer::feed(std::string_view bytes, std::vector<Frame>& out) {
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c == '\r' || c == '\n') {
      if (overflow_) {
        out.push_back(
            {Frame::Kind::garbage, "over-long line cut at " + std::to_string(kMaxLine) + " bytes"});
        overflow_ = false;
      } else if (!line_.empty()) {
        out.push_back({Frame::Kind::line, std::move(line_)});
      }
      line_.clear();
      flush_garbage(out);
      continue;
    }
    // TS 27.005 3.5.1: after AT+CMGS the modem answers "<CR><LF>> " and waits for the PDU with no
    // line end. Some firmware omits the space (Quirk: SIMCom SIM800 "\r\n>"), so take '>' at the
    // start of a line when the space or the end of this chunk follows.
    if (prompt_expected_ && line_.empty() && c == '>' && !overflow_) {
      const bool space_next = i + 1 < bytes.size() && bytes[i + 1] == ' ';
      const bool chunk_end = i + 1 == bytes.size();
      if (space_next || chunk_end) {
        if (space_next) ++i;
        flush_garbage(out);
        out.push_back({Frame::Kind::prompt, "> "});
        prompt_expected_ = false;
        continue;
      }
    }
    if (c < 0x20 && c != '\t' && c != 0x1a && c != 0x1b) {
      ++dropped_controls_;
      continue;
    }
    if (c == 0x1a || c == 0x1b) {
      // Ctrl-Z / ESC echoed back after a PDU or an abort: not text, not worth a warning.
      continue;
    }
    if (overflow_) continue;
    if (line_.size() >= kMaxLine) {
      overflow_ = true;
      line_.clear();
      continue;
    }
    line_.push_back(static_cast<char>(c));
  }
  flush_garbage(out);
}

void LineFramer::reset() {
  line_.clear();
  overflow_ = false;
  dropped_controls_ = 0;
  prompt_expected_ = false;
}

}  // namespace jumbe::at
