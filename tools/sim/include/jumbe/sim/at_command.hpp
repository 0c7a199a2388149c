// Splitting one AT command line into its commands, and one command's arguments.
// Contract: V.25ter 5.3/5.4: after the "AT" prefix come basic commands (E0, V1, Z, &F, S0=0, I)
// and extended ones (+NAME / ^NAME, with "=", "?" or "=?"), the extended ones separated by ";".
// Pure functions; a malformed line gives an error string, never an exception.
#pragma once

#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

namespace jumbe::sim {

struct AtCommand {
  enum class Form { exec, set, query, test };
  std::string name;  // upper case: "E", "&F", "S0", "+CMGF", "^CURC"
  Form form = Form::exec;
  std::string args;  // raw text after "=" (set) or the digits of a basic command
};

// `line` is the full line including "AT"; returns the commands in order.
tl::expected<std::vector<AtCommand>, std::string> split_command_line(std::string_view line);

// Comma-separated arguments: quotes removed, blanks around unquoted values trimmed; an empty
// argument stays an empty string ("1,,2" -> {"1","","2"}). `quoted` tells which were quoted.
struct AtArgs {
  std::vector<std::string> values;
  std::vector<bool> quoted;
  std::size_t size() const { return values.size(); }
  bool has(std::size_t i) const { return i < values.size() && !values[i].empty(); }
  const std::string& operator[](std::size_t i) const { return values[i]; }
};
tl::expected<AtArgs, std::string> parse_args(std::string_view args);

// An integer argument in [lo, hi]; nullopt-like error when absent or out of range.
tl::expected<int, std::string> int_arg(const AtArgs& a, std::size_t i, int lo, int hi);

}  // namespace jumbe::sim
