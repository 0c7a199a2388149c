// Internal: splitting AT parameter lists. TS 27.007 4.1: parameters are separated by commas,
// strings are double-quoted (and may contain commas), ranges and lists sit in parentheses.
// Contract: pure, total (any input yields some fields), spaces around fields trimmed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jumbe::at::detail {

struct Field {
  std::string text;  // without quotes
  bool quoted = false;
  bool empty() const { return text.empty() && !quoted; }
};

// "+CREG: 2,1,\"8BE3\"" with prefix "+CREG:" -> the text after it; nullopt if absent.
std::optional<std::string_view> after_prefix(std::string_view line, std::string_view prefix);

// Splits at top-level commas (not inside quotes or parentheses).
std::vector<Field> split_fields(std::string_view params);

std::optional<int> to_int(std::string_view s);
std::optional<std::uint32_t> to_hex(std::string_view s);
std::string_view trim(std::string_view s);
std::string quote_for_error(std::string_view s);

}  // namespace jumbe::at::detail
