// The AT engine without I/O (house style 5): bytes and timer ticks in; writes, command
// completions, URCs and health events out. Contract: one command in flight; a priority queue
// (urgent > ussd > normal > bulk, FIFO within a class); a timeout per command kind from
// TimeoutTable; after a timeout ESC + AT, input discarded until that OK plus a settle time, so a
// late reply never answers the next command; N consecutive timeouts emit Unresponsive once (the
// engine keeps probing with AT every recovery timeout; the owner resets or closes the modem).
// TS 27.005 3.5.1 for the +CMGS two-phase exchange. Never throws on modem input.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <variant>
#include <vector>

#include "jumbe/at/line_framer.hpp"
#include "jumbe/at/result_code.hpp"
#include "jumbe/at/timeouts.hpp"
#include "jumbe/at/urc.hpp"

namespace jumbe::at {

enum class Priority : std::uint8_t { urgent = 0, ussd = 1, normal = 2, bulk = 3 };
inline constexpr int kPriorityCount = 4;

struct Command {
  std::string line;  // "AT+CSQ", without the CR
  CommandKind kind = CommandKind::plain;
  Priority priority = Priority::normal;
  std::string payload;              // sms_send: the hex PDU written after "> " (Ctrl-Z added)
  std::optional<Duration> timeout;  // overrides the table for this one command
};

// Convenience builders for the common shapes.
Command plain_command(std::string line, Priority priority = Priority::normal);
// AT+CMGS=<tpdu_length> then <hex> Ctrl-Z (TS 27.005 3.5.1, PDU mode).
Command cmgs_command(std::size_t tpdu_length, std::string hex_pdu,
                     Priority priority = Priority::normal);

struct Reply {
  FinalResult final;               // OK, ERROR, +CMS ERROR ... (an error reply is still a reply)
  std::vector<std::string> lines;  // intermediate lines, in order, echo removed
};

struct CommandError {
  enum class Kind { timeout, cancelled } kind = Kind::timeout;
  std::string message;
  // True once the payload after the "> " prompt (an SMS PDU) was written: the modem may have
  // sent it, so the outcome is uncertain. False means the message certainly did not leave.
  bool payload_written = false;
};

using CommandId = std::uint64_t;
using CommandResult = tl::expected<Reply, CommandError>;

namespace out {
struct Write {
  std::string bytes;
};
struct Completed {
  CommandId id = 0;
  std::string command;
  CommandResult result;
};
struct Unsolicited {
  Urc urc;
};
struct Unresponsive {
  int consecutive_timeouts = 0;
};
struct Recovered {};
struct Discarded {
  std::string line;
  std::string_view reason;
};
struct Garbage {
  std::string description;
};
}  // namespace out

using Output = std::variant<out::Write, out::Completed, out::Unsolicited, out::Unresponsive,
                            out::Recovered, out::Discarded, out::Garbage>;

struct EngineConfig {
  TimeoutTable timeouts = kDefaultTimeouts;
  UrcTable urcs = UrcTable::standard();
  int unresponsive_after = 3;          // consecutive timeouts before Unresponsive
  std::size_t max_reply_lines = 4096;  // a full 255-slot SIM listing is ~510 lines
};

class Engine {
 public:
  using Clock = std::chrono::steady_clock;
  using TimePoint = Clock::time_point;

  enum class State { idle, awaiting_prompt, awaiting_final, recovering, settling };

  explicit Engine(EngineConfig config = {});

  CommandId submit(Command command, TimePoint now);
  void on_bytes(std::string_view bytes, TimePoint now);
  void on_tick(TimePoint now);
  // Completes the queued and in-flight commands as cancelled (port closed, modem reset).
  void cancel_all(std::string_view reason);

  std::optional<TimePoint> next_deadline() const;
  std::vector<Output> take_outputs();

  State state() const { return state_; }
  std::size_t queued() const;
  int consecutive_timeouts() const { return consecutive_timeouts_; }
  UrcTable& urc_table() { return config_.urcs; }

 private:
  struct InFlight {
    CommandId id = 0;
    Command command;
    std::vector<std::string> lines;
  };

  void on_line(std::string line, TimePoint now);
  bool payload_written_by_current() const;
  void on_prompt(TimePoint now);
  void dispatch_in_flight(std::string line, TimePoint now);
  bool is_echo(std::string_view line) const;
  void emit_urc(const UrcRule& rule, std::string line);
  bool continue_pending_urc(std::string& line);
  void flush_pending_urc();
  void complete(CommandResult result, TimePoint now);
  void start_next(TimePoint now);
  void start_recovery(TimePoint now);
  void finish_recovery(TimePoint now);
  void write(std::string bytes) { outputs_.push_back(out::Write{std::move(bytes)}); }

  EngineConfig config_;
  LineFramer framer_;
  State state_ = State::idle;
  std::deque<InFlight> queues_[kPriorityCount];
  std::optional<InFlight> current_;
  std::optional<TimePoint> deadline_;
  std::optional<Urc> pending_urc_;   // a URC waiting for its next line(s)
  bool pending_urc_quoted_ = false;  // ... because its quoted string is still open
  int pending_urc_lines_ = 0;        // continuation lines taken so far
  std::string timed_out_verb_;       // "+CREG" while recovering from a timed-out AT+CREG?
  int recovery_probes_ = 0;          // ATs written since the timeout
  int recovery_finals_ = 0;          // final results seen since the timeout
  std::vector<Output> outputs_;
  std::vector<Frame> frames_;
  CommandId next_id_ = 1;
  int consecutive_timeouts_ = 0;
  bool announced_unresponsive_ = false;
};

std::string_view to_string(Engine::State state);

}  // namespace jumbe::at
