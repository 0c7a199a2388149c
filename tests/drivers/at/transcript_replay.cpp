// Replays a modem transcript (tests/fixtures/transcripts/<vendor>-<model>/<scenario>.at) through
// the AT engine with a fake clock and checks every write and every expectation in it.
// Format, one item per line:
//   # ...            header / comment (modem, firmware, source, date, notes)
//   > AT+CSQ         what we write; the harness submits it as a command (CR appended). After
//                    "> AT+CMGS=n" the next ">" line is the PDU, written at the prompt + Ctrl-Z.
//                    "> <ESC>" and "> AT" after a timeout are the engine's own recovery writes.
//   < +CSQ: 17,99    a line the modem sends (CR LF appended); "< <prompt>" is the bare "> "
//   ! done OK        the command in flight completed with this final result text
//   ! line +CSQ: 17,99   ...and had this intermediate line
//   ! urc cmti       a URC with this name was reported
//   ! timeout        the command in flight timed out
//   ! tick 5000      advance the fake clock (ms)
//   ! unresponsive   the engine escalated
// Exit status 0 when the transcript replays exactly; otherwise a one-line reason on stderr.
#include <deque>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "jumbe/at/engine.hpp"

using namespace jumbe::at;

namespace {

int fail(const std::string& file, int line, const std::string& why) {
  std::cerr << file << ":" << line << ": " << why << "\n";
  return 1;
}

CommandKind kind_of(const std::string& cmd) {
  if (cmd.starts_with("AT+COPS=?")) return CommandKind::operator_scan;
  if (cmd.starts_with("AT+CUSD=")) return CommandKind::ussd;
  if (cmd.starts_with("AT+CMGL") || cmd.starts_with("AT+CMGR")) return CommandKind::sms_list;
  if (cmd.starts_with("AT+CPIN=") || cmd.starts_with("AT+CFUN=")) return CommandKind::sim;
  return CommandKind::plain;
}

std::string printable(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\r')
      out += "<CR>";
    else if (c == '\x1a')
      out += "<SUB>";
    else if (c == '\x1b')
      out += "<ESC>";
    else
      out += c;
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: at_transcript_replay FILE.at\n";
    return 2;
  }
  const std::string file = argv[1];
  std::ifstream in(file);
  if (!in) return fail(file, 0, "cannot open");
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) {
    if (!l.empty() && l.back() == '\r') l.pop_back();
    lines.push_back(l);
  }

  Engine engine;
  Engine::TimePoint now{};
  std::deque<std::string> writes;
  std::deque<out::Completed> done;
  std::deque<Urc> urcs;
  int unresponsive = 0;
  std::optional<out::Completed> last;
  const auto collect = [&] {
    for (auto& o : engine.take_outputs()) {
      if (auto* w = std::get_if<out::Write>(&o)) writes.push_back(w->bytes);
      if (auto* c = std::get_if<out::Completed>(&o)) done.push_back(std::move(*c));
      if (auto* u = std::get_if<out::Unsolicited>(&o)) urcs.push_back(u->urc);
      if (std::holds_alternative<out::Unresponsive>(o)) ++unresponsive;
    }
  };

  int expectations = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const int n = static_cast<int>(i) + 1;
    const std::string& l = lines[i];
    if (l.empty() || l[0] == '#') continue;
    if (l.size() < 2 || l[1] != ' ') return fail(file, n, "expected '> ', '< ', '! ' or '#'");
    const std::string body = l.substr(2);
    switch (l[0]) {
      case '>': {
        std::string expected = body == "<ESC>" ? "\x1b" : body + "\r";
        if (writes.empty()) {
          // A new command; +CMGS takes the next '>' line as its PDU.
          Command c;
          if (body.starts_with("AT+CMGS=")) {
            std::size_t j = i + 1;
            while (j < lines.size() && !lines[j].starts_with("> "))
              ++j;
            if (j == lines.size()) return fail(file, n, "AT+CMGS without a PDU line");
            c = cmgs_command(std::stoul(body.substr(8)), lines[j].substr(2));
          } else {
            c = plain_command(body);
            c.kind = kind_of(body);
          }
          engine.submit(std::move(c), now);
          collect();
        } else if (!writes.front().empty() && writes.front().back() == '\x1a') {
          expected = body + "\x1a";
        }
        if (writes.empty()) return fail(file, n, "engine wrote nothing, expected " + body);
        if (writes.front() != expected)
          return fail(file, n,
                      "engine wrote " + printable(writes.front()) + ", transcript has " +
                          printable(expected));
        writes.pop_front();
        break;
      }
      case '<':
        engine.on_bytes(body == "<prompt>" ? std::string("\r\n> ") : body + "\r\n", now);
        collect();
        break;
      case '!': {
        ++expectations;
        if (body.starts_with("tick ")) {
          now += std::chrono::milliseconds(std::stol(body.substr(5)));
          engine.on_tick(now);
          collect();
        } else if (body.starts_with("done ")) {
          if (done.empty()) return fail(file, n, "no command completed");
          last = std::move(done.front());
          done.pop_front();
          if (!last->result)
            return fail(file, n, last->command + " failed: " + last->result.error().message);
          if (last->result->final.text != body.substr(5))
            return fail(file, n, last->command + " ended with " + last->result->final.text);
        } else if (body.starts_with("line ")) {
          if (!last || !last->result) return fail(file, n, "no completed reply to look into");
          const auto& ls = last->result->lines;
          if (std::find(ls.begin(), ls.end(), body.substr(5)) == ls.end())
            return fail(file, n, "reply of " + last->command + " lacks " + body.substr(5));
        } else if (body.starts_with("urc ")) {
          if (urcs.empty()) return fail(file, n, "no URC reported");
          if (urcs.front().name != body.substr(4))
            return fail(file, n, "URC was " + urcs.front().name + ": " + urcs.front().line);
          urcs.pop_front();
        } else if (body == "timeout") {
          if (done.empty() || done.front().result) return fail(file, n, "no timeout reported");
          done.pop_front();
        } else if (body == "unresponsive") {
          if (unresponsive != 1) return fail(file, n, "engine did not escalate exactly once");
        } else {
          return fail(file, n, "unknown expectation " + body);
        }
        break;
      }
      default:
        return fail(file, n, "expected '> ', '< ', '! ' or '#'");
    }
  }
  if (!done.empty()) return fail(file, 0, "unchecked completion of " + done.front().command);
  if (!urcs.empty()) return fail(file, 0, "unchecked URC " + urcs.front().line);
  if (!writes.empty()) return fail(file, 0, "unchecked write " + printable(writes.front()));
  if (expectations == 0) return fail(file, 0, "transcript has no expectations");
  std::cout << file << ": replayed, " << expectations << " expectations met\n";
  return 0;
}
