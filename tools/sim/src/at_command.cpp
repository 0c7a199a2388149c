// AT command line splitting and argument parsing (V.25ter 5.3 basic and 5.4 extended syntax).
// Tolerant where real modems are: lower case, blanks between commands, a trailing ";".
#include "jumbe/sim/at_command.hpp"

#include <cctype>
#include <charconv>

namespace jumbe::sim {

namespace {
char up(char c) {
  return static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
}  // namespace

tl::expected<std::vector<AtCommand>, std::string> split_command_line(std::string_view line) {
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t'))
    line.remove_prefix(1);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t'))
    line.remove_suffix(1);
  if (line.size() < 2 || up(line[0]) != 'A' || up(line[1]) != 'T') {
    return tl::make_unexpected(std::string{"line does not start with AT"});
  }
  std::vector<AtCommand> out;
  std::size_t i = 2;
  while (i < line.size()) {
    const char c = line[i];
    if (c == ' ' || c == ';') {
      ++i;
      continue;
    }
    AtCommand cmd;
    if (c == '+' || c == '^' || c == '$' || c == '*' || c == '#' || c == '%') {
      // Extended: name runs to '=', '?', ';' or end; arguments run to ';' outside quotes.
      std::size_t j = i + 1;
      while (j < line.size() && line[j] != '=' && line[j] != '?' && line[j] != ';')
        ++j;
      for (std::size_t k = i; k < j; ++k)
        cmd.name.push_back(up(line[k]));
      while (!cmd.name.empty() && cmd.name.back() == ' ')
        cmd.name.pop_back();
      if (cmd.name.size() < 2) return tl::make_unexpected(std::string{"empty command name"});
      if (j < line.size() && line[j] == '?') {
        cmd.form = AtCommand::Form::query;
        ++j;
      } else if (j + 1 < line.size() && line[j] == '=' && line[j + 1] == '?') {
        cmd.form = AtCommand::Form::test;
        j += 2;
      } else if (j < line.size() && line[j] == '=') {
        cmd.form = AtCommand::Form::set;
        ++j;
        bool quoted = false;
        std::size_t k = j;
        while (k < line.size() && (quoted || line[k] != ';')) {
          if (line[k] == '"') quoted = !quoted;
          ++k;
        }
        if (quoted) return tl::make_unexpected(std::string{"unterminated quote"});
        cmd.args = std::string{line.substr(j, k - j)};
        j = k;
      }
      i = j;
    } else if (c == '&' && i + 1 < line.size()) {
      // push_back, not "&" + char: g++ 12 -O2 -fsanitize warns falsely on the latter (PR 105651).
      cmd.name = "&";
      cmd.name.push_back(up(line[i + 1]));
      i += 2;
      while (i < line.size() && is_digit(line[i]))
        cmd.args.push_back(line[i++]);
    } else if (up(c) == 'S' && i + 1 < line.size() && is_digit(line[i + 1])) {
      cmd.name = "S";
      ++i;
      while (i < line.size() && is_digit(line[i]))
        cmd.name.push_back(line[i++]);
      if (i < line.size() && line[i] == '?') {
        cmd.form = AtCommand::Form::query;
        ++i;
      } else if (i < line.size() && line[i] == '=') {
        cmd.form = AtCommand::Form::set;
        ++i;
        while (i < line.size() && is_digit(line[i]))
          cmd.args.push_back(line[i++]);
      }
    } else if (std::isalpha(static_cast<unsigned char>(c))) {
      cmd.name = std::string(1, up(c));
      ++i;
      while (i < line.size() && is_digit(line[i]))
        cmd.args.push_back(line[i++]);
    } else {
      return tl::make_unexpected(std::string{"unexpected character in command line"});
    }
    out.push_back(std::move(cmd));
  }
  return out;
}

tl::expected<AtArgs, std::string> parse_args(std::string_view args) {
  AtArgs out;
  std::size_t i = 0;
  if (args.empty()) return out;
  for (;;) {
    while (i < args.size() && args[i] == ' ')
      ++i;
    std::string value;
    bool quoted = false;
    if (i < args.size() && args[i] == '"') {
      const auto close = args.find('"', i + 1);
      if (close == std::string_view::npos)
        return tl::make_unexpected(std::string{"unterminated quote"});
      value = std::string{args.substr(i + 1, close - i - 1)};
      quoted = true;
      i = close + 1;
      while (i < args.size() && args[i] == ' ')
        ++i;
    } else {
      const auto comma = args.find(',', i);
      const auto end = comma == std::string_view::npos ? args.size() : comma;
      value = std::string{args.substr(i, end - i)};
      while (!value.empty() && value.back() == ' ')
        value.pop_back();
      i = end;
    }
    out.values.push_back(std::move(value));
    out.quoted.push_back(quoted);
    if (i >= args.size()) break;
    if (args[i] != ',') return tl::make_unexpected(std::string{"junk after quoted argument"});
    ++i;
  }
  return out;
}

tl::expected<int, std::string> int_arg(const AtArgs& a, std::size_t i, int lo, int hi) {
  if (!a.has(i)) return tl::make_unexpected(std::string{"missing argument"});
  int v = 0;
  const auto& s = a[i];
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || p != s.data() + s.size()) {
    return tl::make_unexpected("not a number: " + s);
  }
  if (v < lo || v > hi) return tl::make_unexpected("out of range: " + s);
  return v;
}

}  // namespace jumbe::sim
