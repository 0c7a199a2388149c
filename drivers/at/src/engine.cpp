// The AT engine: see engine.hpp. Input is framed into lines, each line goes to exactly one place:
// the command in flight (echo dropped, intermediate kept, final completes it), the URC output, or
// the discard output while recovering. Timers are deadlines compared against the caller's clock.
#include "jumbe/at/engine.hpp"

#include <algorithm>
#include <cctype>

namespace jumbe::at {
namespace {

bool all_digits(std::string_view s) {
  while (!s.empty() && s.front() == ' ')
    s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ')
    s.remove_suffix(1);
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
  });
}

bool quote_open(std::string_view s) {
  return std::count(s.begin(), s.end(), '"') % 2 != 0;
}

// A text-mode USSD menu is a handful of lines; a quote that stays open longer than this is a
// modem that lost the closing quote, not a menu.
constexpr int kMaxQuotedContinuationLines = 32;

bool iequal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::toupper(static_cast<unsigned char>(x)) ==
                  std::toupper(static_cast<unsigned char>(y));
         });
}

}  // namespace

Command plain_command(std::string line, Priority priority) {
  Command c;
  c.line = std::move(line);
  c.priority = priority;
  return c;
}

Command cmgs_command(std::size_t tpdu_length, std::string hex_pdu, Priority priority) {
  Command c;
  c.line = "AT+CMGS=" + std::to_string(tpdu_length);
  c.kind = CommandKind::sms_send;
  c.priority = priority;
  c.payload = std::move(hex_pdu);
  return c;
}

Engine::Engine(EngineConfig config) : config_(std::move(config)) {}

std::size_t Engine::queued() const {
  std::size_t n = 0;
  for (const auto& q : queues_)
    n += q.size();
  return n;
}

CommandId Engine::submit(Command command, TimePoint now) {
  const CommandId id = next_id_++;
  const auto p = static_cast<std::size_t>(command.priority);
  queues_[p < kPriorityCount ? p : kPriorityCount - 1].push_back(
      InFlight{id, std::move(command), {}});
  if (state_ == State::idle) start_next(now);
  return id;
}

void Engine::start_next(TimePoint now) {
  for (auto& q : queues_) {
    if (q.empty()) continue;
    current_ = std::move(q.front());
    q.pop_front();
    const auto& cmd = current_->command;
    if (cmd.kind == CommandKind::sms_send) {
      state_ = State::awaiting_prompt;
      framer_.set_prompt_expected(true);
      deadline_ = now + config_.timeouts.sms_prompt;
    } else {
      state_ = State::awaiting_final;
      deadline_ = now + cmd.timeout.value_or(config_.timeouts.for_kind(cmd.kind));
    }
    write(cmd.line + "\r");
    return;
  }
  state_ = State::idle;
  deadline_.reset();
}

void Engine::complete(CommandResult result, TimePoint now) {
  if (!current_) return;
  outputs_.push_back(
      out::Completed{current_->id, std::move(current_->command.line), std::move(result)});
  current_.reset();
  framer_.set_prompt_expected(false);
  start_next(now);
}

void Engine::on_bytes(std::string_view bytes, TimePoint now) {
  frames_.clear();
  framer_.feed(bytes, frames_);
  for (auto& f : frames_) {
    switch (f.kind) {
      case Frame::Kind::line:
        on_line(std::move(f.text), now);
        break;
      case Frame::Kind::prompt:
        on_prompt(now);
        break;
      case Frame::Kind::garbage:
        outputs_.push_back(out::Garbage{std::move(f.text)});
        break;
    }
  }
}

void Engine::on_prompt(TimePoint now) {
  if (state_ != State::awaiting_prompt || !current_) {
    outputs_.push_back(out::Discarded{"> ", "prompt nobody asked for"});
    return;
  }
  state_ = State::awaiting_final;
  const auto& cmd = current_->command;
  deadline_ = now + cmd.timeout.value_or(config_.timeouts.sms_send);
  // TS 27.005 3.5.1: the PDU is ended with <ctrl-Z> (IRA 26).
  write(cmd.payload + "\x1a");
}

bool Engine::payload_written_by_current() const {
  // The payload goes out when the prompt arrives (on_prompt), which moves a send to awaiting_final.
  return current_ && !current_->command.payload.empty() && state_ == State::awaiting_final;
}

bool Engine::is_echo(std::string_view line) const {
  if (!current_) return false;
  const auto& cmd = current_->command;
  if (iequal(line, cmd.line)) return true;
  // With ATE1 the PDU comes back after the prompt, sometimes still prefixed by "> ".
  if (!cmd.payload.empty() && state_ == State::awaiting_final) {
    std::string_view l = line;
    if (l.starts_with("> ")) l.remove_prefix(2);
    if (iequal(l, cmd.payload)) return true;
  }
  return false;
}

void Engine::emit_urc(const UrcRule& rule, std::string line) {
  if (rule.ignore) return;
  Urc urc{rule.name, std::move(line), {}};
  bool two = rule.lines == UrcRule::Lines::two;
  if (rule.lines == UrcRule::Lines::two_if_pdu_mode_cds) {
    // PDU mode: "+CDS: <length>" then the PDU; text mode: "+CDS: <fo>,<mr>,..." on one line.
    two = all_digits(std::string_view(urc.line).substr(rule.prefix.size()));
  }
  const bool quoted = rule.lines == UrcRule::Lines::until_quote_closes && quote_open(urc.line);
  if (two || quoted) {
    flush_pending_urc();
    pending_urc_ = std::move(urc);
    pending_urc_quoted_ = quoted;
    pending_urc_lines_ = 0;
    return;
  }
  outputs_.push_back(out::Unsolicited{std::move(urc)});
}

void Engine::flush_pending_urc() {
  if (!pending_urc_) return;
  outputs_.push_back(out::Unsolicited{std::move(*pending_urc_)});
  pending_urc_.reset();
  pending_urc_quoted_ = false;
}

// Gives `line` to the URC waiting for more lines; false when the line is not part of it (and the
// waiting URC has been reported as it stands). A final result is never taken: it belongs to the
// command in flight, and a modem that lost a URC's body or closing quote must not also lose it.
bool Engine::continue_pending_urc(std::string& line) {
  if (!pending_urc_) return false;
  if (parse_final_result(line)) {
    flush_pending_urc();
    return false;
  }
  if (!pending_urc_quoted_) {
    // The second line of +CMT / +CDS: the PDU or the text.
    pending_urc_->body = std::move(line);
    flush_pending_urc();
    return true;
  }
  if (config_.urcs.match(line)) {
    // Another URC (+CMTI of an SMS) means the quote will not close: a menu line never starts like
    // one, and an SMS indication must not vanish into USSD text.
    flush_pending_urc();
    return false;
  }
  pending_urc_->line += '\n';
  pending_urc_->line += line;
  if (!quote_open(pending_urc_->line) || ++pending_urc_lines_ >= kMaxQuotedContinuationLines)
    flush_pending_urc();
  return true;
}

void Engine::on_line(std::string line, TimePoint now) {
  if (continue_pending_urc(line)) return;

  switch (state_) {
    case State::awaiting_prompt:
    case State::awaiting_final:
      dispatch_in_flight(std::move(line), now);
      return;
    case State::recovering:
    case State::settling: {
      const UrcRule* rule = config_.urcs.match(line);
      // A late "+CREG: 0,1" answering the timed-out AT+CREG? looks like a URC but is not one.
      const bool late_reply = rule && !timed_out_verb_.empty() && line.starts_with(timed_out_verb_);
      if (rule && !late_reply) {
        emit_urc(*rule, std::move(line));  // an SMS indication is never thrown away
        return;
      }
      if (parse_final_result(line)) {
        // Each AT we sent owes one final result and the timed-out command at most one more.
        // Once all have come the line is clean at once; otherwise the first one is most likely
        // our AT's, and input is still discarded for the settle time in case the old command's
        // answer is merely late.
        ++recovery_finals_;
        if (recovery_finals_ >= recovery_probes_ + 1) {
          finish_recovery(now);
        } else {
          state_ = State::settling;
          deadline_ = now + config_.timeouts.settle;
        }
        return;
      }
      outputs_.push_back(out::Discarded{std::move(line), "late reply after a timeout"});
      return;
    }
    case State::idle: {
      if (parse_final_result(line)) {
        outputs_.push_back(out::Discarded{std::move(line), "final result with no command"});
        return;
      }
      if (const UrcRule* rule = config_.urcs.match(line)) {
        emit_urc(*rule, std::move(line));
        return;
      }
      outputs_.push_back(out::Unsolicited{Urc{"unknown", std::move(line), {}}});
      return;
    }
  }
}

void Engine::dispatch_in_flight(std::string line, TimePoint now) {
  if (auto final = parse_final_result(line)) {
    if (state_ == State::awaiting_prompt && final->kind == FinalResult::Kind::ok) {
      // TS 27.005 3.5.1: AT+CMGS=<length> answers "> " or an error, never OK. An OK here is
      // line noise (or a late answer to an earlier command); taking it as the final result
      // would report an SMS as sent whose PDU was never written.
      outputs_.push_back(out::Discarded{std::move(line), "OK before the \"> \" prompt"});
      return;
    }
    consecutive_timeouts_ = 0;
    announced_unresponsive_ = false;
    complete(Reply{std::move(*final), std::move(current_->lines)}, now);
    return;
  }
  if (is_echo(line)) return;
  if (const UrcRule* rule = config_.urcs.match(line)) {
    const auto verb = command_verb(current_->command.line);
    const bool same_verb = !verb.empty() && line.size() > verb.size() &&
                           line.compare(0, verb.size(), verb) == 0 && line[verb.size()] == ':';
    const bool query = current_->command.line.ends_with("?");
    if (!(same_verb && (!rule->solicited_by_query_only || query))) {
      emit_urc(*rule, std::move(line));
      return;
    }
  }
  if (current_->lines.size() >= config_.max_reply_lines) {
    outputs_.push_back(out::Discarded{std::move(line), "reply longer than max_reply_lines"});
    return;
  }
  current_->lines.push_back(std::move(line));
}

void Engine::start_recovery(TimePoint now) {
  ++consecutive_timeouts_;
  if (consecutive_timeouts_ >= config_.unresponsive_after && !announced_unresponsive_) {
    announced_unresponsive_ = true;
    outputs_.push_back(out::Unresponsive{consecutive_timeouts_});
  }
  framer_.reset();
  flush_pending_urc();
  state_ = State::recovering;
  deadline_ = now + config_.timeouts.recovery;
  // ESC leaves a pending "> " without sending (TS 27.005 3.5.1); then a bare AT whose OK shows
  // the command interpreter is back.
  write("\x1b");
  write("AT\r");
  ++recovery_probes_;
}

void Engine::finish_recovery(TimePoint now) {
  timed_out_verb_.clear();
  recovery_probes_ = 0;
  recovery_finals_ = 0;
  outputs_.push_back(out::Recovered{});
  start_next(now);
}

void Engine::on_tick(TimePoint now) {
  if (!deadline_ || now < *deadline_) return;
  switch (state_) {
    case State::idle:
      deadline_.reset();
      return;
    case State::awaiting_prompt:
    case State::awaiting_final: {
      auto& cmd = current_->command;
      std::string msg =
          "no final result for " + cmd.line + " within " +
          std::to_string(cmd.timeout.value_or(config_.timeouts.for_kind(cmd.kind)).count()) + " ms";
      if (state_ == State::awaiting_prompt) msg = "no \"> \" prompt for " + cmd.line;
      timed_out_verb_ = std::string(command_verb(cmd.line));
      outputs_.push_back(
          out::Completed{current_->id, std::move(cmd.line),
                         tl::unexpected(CommandError{CommandError::Kind::timeout, std::move(msg),
                                                     payload_written_by_current()})});
      current_.reset();
      framer_.set_prompt_expected(false);
      start_recovery(now);
      return;
    }
    case State::recovering:
      start_recovery(now);
      return;
    case State::settling:
      finish_recovery(now);
      return;
  }
}

void Engine::cancel_all(std::string_view reason) {
  const auto cancel = [&](InFlight& f, bool payload_written) {
    outputs_.push_back(
        out::Completed{f.id, std::move(f.command.line),
                       tl::unexpected(CommandError{CommandError::Kind::cancelled,
                                                   std::string(reason), payload_written})});
  };
  if (current_) cancel(*current_, payload_written_by_current());
  current_.reset();
  for (auto& q : queues_) {
    for (auto& f : q)
      cancel(f, false);
    q.clear();
  }
  framer_.reset();
  flush_pending_urc();
  timed_out_verb_.clear();
  recovery_probes_ = 0;
  recovery_finals_ = 0;
  state_ = State::idle;
  deadline_.reset();
}

std::optional<Engine::TimePoint> Engine::next_deadline() const {
  return deadline_;
}

std::vector<Output> Engine::take_outputs() {
  std::vector<Output> out;
  out.swap(outputs_);
  return out;
}

std::string_view to_string(Engine::State state) {
  switch (state) {
    case Engine::State::idle:
      return "idle";
    case Engine::State::awaiting_prompt:
      return "awaiting_prompt";
    case Engine::State::awaiting_final:
      return "awaiting_final";
    case Engine::State::recovering:
      return "recovering";
    case Engine::State::settling:
      return "settling";
  }
  return "?";
}

}  // namespace jumbe::at
