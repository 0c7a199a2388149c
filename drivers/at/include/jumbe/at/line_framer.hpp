// Line framer for modem output: arbitrary byte chunks in, lines / "> " prompts / garbage reports
// out. Contract: never throws, never crashes; a line ends at CR or LF in any combination
// (\r\n, \n\r, \r, \n), so empty lines are dropped; NULs and other control bytes are removed and
// reported; an over-long line is cut and reported. V.250 5.7.1 (result code framing) and
// TS 27.005 3.5.1 (the "<CR><LF><greater_than><space>" prompt of +CMGS).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace jumbe::at {

struct Frame {
  enum class Kind { line, prompt, garbage };
  Kind kind = Kind::line;
  std::string text;  // the line without its ending; for garbage a description of what was dropped
  friend bool operator==(const Frame&, const Frame&) = default;
};

class LineFramer {
 public:
  static constexpr std::size_t kMaxLine = 8192;  // a +CMGL PDU line is < 400 bytes

  // While a prompt is expected, "> " at the start of a line is reported as a prompt without
  // waiting for a line end (the modem sends none). Otherwise '>' is ordinary text.
  void set_prompt_expected(bool expected) { prompt_expected_ = expected; }
  bool prompt_expected() const { return prompt_expected_; }

  // Appends the frames completed by `bytes` to `out`.
  void feed(std::string_view bytes, std::vector<Frame>& out);

  // Drops any partial line (after a timeout or a reopen).
  void reset();

  // The bytes of the current unfinished line (for diagnostics).
  const std::string& pending() const { return line_; }

 private:
  void flush_garbage(std::vector<Frame>& out);

  std::string line_;
  bool prompt_expected_ = false;
  bool overflow_ = false;
  std::size_t dropped_controls_ = 0;
};

}  // namespace jumbe::at
