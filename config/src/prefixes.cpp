// Operator prefix entries ("0700-0729", "0748", "+254110") expanded to E.164 digit prefixes.
// Contract: see expand_prefix in numbers.hpp. National entries drop the trunk prefix 0 and gain
// the country code, as in ITU-T E.164 / the Kenyan numbering plan (07XX national = +2547XX).
#include <cctype>
#include <string>

#include "jumbe/config/numbers.hpp"

namespace jumbe::config {
namespace {

// One end of a range in E.164 digits, or an error.
tl::expected<std::string, std::string> to_e164_digits(std::string_view s, int country_code) {
  const std::string cc = std::to_string(country_code);
  std::string digits;
  bool international = false;
  if (!s.empty() && s.front() == '+') {
    international = true;
    s.remove_prefix(1);
  }
  for (char c : s) {
    if (c == ' ') continue;
    if (!std::isdigit(static_cast<unsigned char>(c)))
      return tl::unexpected("'" + std::string(s) + "' is not a digit prefix");
    digits += c;
  }
  if (digits.empty()) return tl::unexpected(std::string("empty prefix"));
  if (international) {
    if (digits.size() > 15) return tl::unexpected(std::string("longer than an E.164 number"));
    return digits;
  }
  if (digits.front() == '0') digits.erase(0, 1);  // national trunk prefix
  if (digits.empty()) return tl::unexpected(std::string("'0' alone is not a prefix"));
  if (digits.size() + cc.size() > 15)
    return tl::unexpected(std::string("longer than an E.164 number"));
  return cc + digits;
}

}  // namespace

tl::expected<std::vector<std::string>, std::string> expand_prefix(std::string_view spec,
                                                                  int country_code) {
  const auto dash = spec.find('-', 1);
  if (dash == std::string_view::npos) {
    auto one = to_e164_digits(spec, country_code);
    if (!one) return tl::unexpected(one.error());
    return std::vector<std::string>{*one};
  }
  auto lo = to_e164_digits(spec.substr(0, dash), country_code);
  if (!lo) return tl::unexpected(lo.error());
  auto hi = to_e164_digits(spec.substr(dash + 1), country_code);
  if (!hi) return tl::unexpected(hi.error());
  if (lo->size() != hi->size())
    return tl::unexpected("the ends of range '" + std::string(spec) + "' differ in length");
  if (*lo > *hi) return tl::unexpected("range '" + std::string(spec) + "' runs backwards");
  // Ranges share all but the last few digits; more than 10000 prefixes is surely a typo.
  std::size_t common = 0;
  while (common < lo->size() && (*lo)[common] == (*hi)[common])
    ++common;
  if (lo->size() - common > 4)
    return tl::unexpected("range '" + std::string(spec) + "' spans more than 10000 prefixes");
  const std::string head = lo->substr(0, common);
  const unsigned long first = std::stoul(lo->substr(common).empty() ? "0" : lo->substr(common));
  const unsigned long last = std::stoul(hi->substr(common).empty() ? "0" : hi->substr(common));
  const std::size_t width = lo->size() - common;
  std::vector<std::string> out;
  for (unsigned long v = first; v <= last; ++v) {
    std::string tail = std::to_string(v);
    tail.insert(0, width - tail.size(), '0');
    out.push_back(head + tail);
  }
  return out;
}

}  // namespace jumbe::config
