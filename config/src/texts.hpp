// Internal: the reply texts jumbe sends to citizens, their ids and the {placeholders} each may
// use. The loader refuses an unknown id or placeholder so a typo never reaches a citizen as
// "{grop}". Defaults (Swahili and English) live in defaults.cpp.
#pragma once

#include <string_view>
#include <vector>

namespace jumbe::config::detail {

struct TextSpec {
  std::string_view id;
  std::vector<std::string_view> placeholders;
};

const std::vector<TextSpec>& text_specs();
const TextSpec* find_text_spec(std::string_view id);

}  // namespace jumbe::config::detail
