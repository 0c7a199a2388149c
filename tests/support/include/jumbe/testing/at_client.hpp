// A minimal AT client for tests: opens a (pseudo-)terminal raw, writes commands, reads until a
// final result code. Contract: every read has a deadline; on timeout it returns what arrived, so
// a test can assert on it instead of hanging. Not a modem driver: no URC parsing, no state.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace jumbe::testing {

class AtClient {
 public:
  explicit AtClient(const std::string& path);  // throws std::runtime_error naming the path
  ~AtClient();
  AtClient(const AtClient&) = delete;
  AtClient& operator=(const AtClient&) = delete;

  void write(std::string_view bytes);
  // Everything read until `needle` has arrived (inclusive) or the timeout passed.
  std::string read_until(std::string_view needle, std::chrono::milliseconds timeout);
  // Writes `line` + "\r" and reads until a final result (OK, ERROR, +CME/+CMS ERROR, "> ").
  std::string command(std::string_view line,
                      std::chrono::milliseconds timeout = std::chrono::milliseconds{10000});
  // Reads whatever arrives until the line has been quiet for `quiet`.
  std::string drain(std::chrono::milliseconds quiet = std::chrono::milliseconds{200});

 private:
  int fd_ = -1;
  std::string buffer_;
};

// True when `reply` ends in a final result code (V.25ter 5.7.1, TS 27.007 9.2, TS 27.005 3.2.5).
bool has_final_result(std::string_view reply);

}  // namespace jumbe::testing
