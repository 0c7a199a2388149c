// Replays a jumbe-sim transcript (tests/fixtures/transcripts/sim-<profile>/<scenario>.at) through
// the simulator's engine on a fake clock and checks every line the modem sends back.
// Grammar: "# ..." header/comments; "> TEXT" the client writes TEXT + CR; "^Z TEXT" the client
// writes TEXT + Ctrl-Z (a "> " body); "<ESC> TEXT" TEXT + ESC; "< LINE" the next non-empty line
// from the modem (a prompt shows as "< > "); "@ deliver FROM TEXT...", "@ advance MS",
// "@ network lost|back", "@ status_report MR ST" are control-socket actions.
// The profile is the folder name after "sim-". Exit 0 when every line matches.
#include <fstream>
#include <iostream>
#include <sstream>

#include "fake_host.hpp"
#include "jumbe/sim/engine.hpp"

namespace {

using namespace jumbe::sim;

std::vector<std::string> split_lines(const std::string& out) {
  std::vector<std::string> lines;
  std::string cur;
  for (char c : out) {
    if (c == '\r' || c == '\n') {
      if (!cur.empty()) lines.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) lines.push_back(cur);
  return lines;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: sim_transcript_replay FILE.at\n";
    return 2;
  }
  const std::string path = argv[1];
  std::ifstream in(path);
  if (!in) {
    std::cerr << path << ": cannot open\n";
    return 2;
  }
  const auto folder = path.substr(0, path.find_last_of('/'));
  const auto dir = folder.substr(folder.find_last_of('/') + 1);
  if (dir.rfind("sim-", 0) != 0 || !find_profile(dir.substr(4))) {
    std::cerr << path << ": folder must be sim-<profile>\n";
    return 2;
  }
  EngineOptions o;
  o.identity = Identity{
      "saf-0",     "861234560000013", "639020000000001", "8925402000000000010", "+254712000001",
      "Safaricom", "Safaricom",       "63902",           "+254722500029"};
  o.profile = *find_profile(dir.substr(4));
  o.status_report_delay_ms = 1000;
  test::FakeHost host;
  Engine engine(o, host);
  engine.power_on();
  host.advance(0);

  std::vector<std::string> pending;  // modem lines not yet matched
  auto pull = [&] {
    host.advance(0);
    for (auto& l : split_lines(host.take()))
      pending.push_back(l);
  };
  pull();
  int line_no = 0;
  int failures = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    auto text_after = [&](std::size_t n) {
      return line.size() > n ? line.substr(n) : std::string{};
    };
    if (line.rfind("> ", 0) == 0) {
      engine.input(text_after(2) + "\r");
      pull();
    } else if (line.rfind("^Z ", 0) == 0 || line == "^Z") {
      engine.input(text_after(3) + "\x1a");
      pull();
    } else if (line.rfind("<ESC> ", 0) == 0 || line == "<ESC>") {
      engine.input(text_after(6) + "\x1b");
      pull();
    } else if (line.rfind("< ", 0) == 0 || line == "<") {
      const auto want = text_after(2);
      if (pending.empty()) {
        std::cerr << path << ":" << line_no << ": expected \"" << want
                  << "\", modem sent nothing\n";
        ++failures;
        continue;
      }
      if (pending.front() != want && !(want == "> " && pending.front() == ">")) {
        std::cerr << path << ":" << line_no << ": expected \"" << want << "\", got \""
                  << pending.front() << "\"\n";
        ++failures;
      }
      pending.erase(pending.begin());
    } else if (line.rfind("@ ", 0) == 0) {
      std::istringstream ss(line.substr(2));
      std::string what;
      ss >> what;
      if (what == "deliver") {
        std::string from, rest;
        ss >> from;
        std::getline(ss, rest);
        if (!rest.empty() && rest[0] == ' ') rest.erase(0, 1);
        if (!engine.deliver({from, rest, "auto", std::nullopt})) ++failures;
      } else if (what == "advance") {
        long ms = 0;
        ss >> ms;
        host.advance(ms);
      } else if (what == "network") {
        std::string state;
        ss >> state;
        engine.set_network(state == "lost");
      } else if (what == "status_report") {
        int mr = 0, st = 0;
        ss >> mr >> st;
        if (!engine.status_report(mr, st)) ++failures;
      } else {
        std::cerr << path << ":" << line_no << ": unknown action " << what << "\n";
        return 2;
      }
      pull();
    } else {
      std::cerr << path << ":" << line_no << ": cannot read this line\n";
      return 2;
    }
  }
  for (const auto& l : pending) {
    std::cerr << path << ": modem sent an unexpected line \"" << l << "\"\n";
    ++failures;
  }
  if (failures) return 1;
  std::cout << path << ": ok\n";
  return 0;
}
