// Internal: one loader per top-level section, called by load.cpp in dependency order (numbers
// first: services need it to check chiefs' numbers, modems to check operator names).
// Contract: each reads its section from the top-level MapReader into `config`, reporting every
// problem in ctx and leaving defaults where a value was refused.
#pragma once

#include "jumbe/config/config.hpp"
#include "jumbe/config/numbers.hpp"
#include "yaml_reader.hpp"

namespace jumbe::config::detail {

void load_gateway(const MapReader& top, Config& config);
void load_store(const MapReader& top, Config& config);
// Returns false when the numbers section is too broken to build a Numbers from.
bool load_numbers(const MapReader& top, Config& config);
void load_modems(const MapReader& top, Config& config);
void load_api(const MapReader& top, Config& config);
void load_services(const MapReader& top, Config& config, const Numbers* numbers);
void load_logging(const MapReader& top, Config& config);
void load_webhooks(const MapReader& top, Config& config);
void load_kannel(const MapReader& top, Config& config);

// A name used as an identifier in logs, metrics and the API: 1-32 of [a-z0-9_-], starting with
// a letter or digit. Reports "FIELD: ..." and returns false otherwise.
bool check_identifier(Ctx& ctx, const YAML::Mark& at, const std::string& field,
                      const std::string& value);

// Calls fn(item, index, path) for each item of list `key` ("modems" -> "modems[2]").
template <class Fn>
void for_each_item(const MapReader& parent, std::string_view key, Fn&& fn) {
  const YAML::Node* list = parent.value(key);
  if (list == nullptr) return;
  if (!list->IsSequence()) {
    parent.ctx().error(list->Mark(), parent.field(key) +
                                         ": expected a list (items starting with "
                                         "'- '), got " +
                                         std::string(describe(*list)));
    return;
  }
  std::size_t i = 0;
  for (const auto& item : *list) {
    fn(item, i, parent.field(key) + "[" + std::to_string(i) + "]");
    ++i;
  }
}

}  // namespace jumbe::config::detail
