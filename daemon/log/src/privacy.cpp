// Privacy helpers (see privacy.hpp). UTF-8 aware only where it must be: text lengths are counted
// in code points so "<text N chars>" matches what a person would count.
#include "jumbe/log/privacy.hpp"

#include "jumbe/at/trace.hpp"

namespace jumbe::log {

namespace {
bool digit(char c) {
  return c >= '0' && c <= '9';
}
}  // namespace

std::string number(std::string_view n, const Privacy& p) {
  if (p.show_numbers) return std::string(n);
  std::size_t digits = 0;
  for (char c : n)
    digits += digit(c) ? 1 : 0;
  if (digits <= 5) return std::string(n);  // short code such as 22555: not a person
  std::string last;
  for (auto it = n.rbegin(); it != n.rend() && last.size() < 3; ++it)
    if (digit(*it)) last.insert(last.begin(), *it);
  return "\u2026" + last;
}

std::string mask_national_ids(std::string_view s) {
  std::string out(s);
  std::size_t i = 0;
  while (i < out.size()) {
    if (!digit(out[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < out.size() && digit(out[j]))
      ++j;
    if (j - i == 8) out.replace(i, 8, "********");
    i = j;
  }
  return out;
}

std::string text(std::string_view body, const Privacy& p) {
  if (p.show_texts) return mask_national_ids(body);
  std::size_t chars = 0;
  for (unsigned char c : body)
    chars += (c & 0xC0) != 0x80 ? 1 : 0;
  return "<text " + std::to_string(chars) + " chars>";
}

std::string at_line(std::string_view line, const Privacy& p) {
  at::TraceOptions o;
  o.show_numbers = p.show_numbers;
  o.show_payloads = p.show_texts;
  return mask_national_ids(at::redact_line(line, o));
}

}  // namespace jumbe::log
