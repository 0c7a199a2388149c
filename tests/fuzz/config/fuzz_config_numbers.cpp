// libFuzzer target: arbitrary bytes as a phone number, sender or recipient, through
// jumbe::config::Numbers (libphonenumber plus the operator tables). Never a crash; a valid
// E.164 result always starts with '+' and holds only digits after it.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "jumbe/config/numbers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const jumbe::config::Numbers numbers = [] {
    jumbe::config::NumbersConfig c;
    c.operators = jumbe::config::default_operators();
    return jumbe::config::Numbers(c);
  }();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (auto result : {numbers.parse_sender(text), numbers.parse_recipient(text)}) {
    if (!result) {
      if (result.error().message.empty()) std::abort();
      continue;
    }
    if (result->kind == jumbe::config::AddressKind::e164) {
      const std::string& e = result->text;
      if (e.size() < 2 || e.size() > 16 || e[0] != '+') std::abort();
      for (std::size_t i = 1; i < e.size(); ++i)
        if (e[i] < '0' || e[i] > '9') std::abort();
      (void)numbers.operator_of(e);
    }
  }
  return 0;
}
