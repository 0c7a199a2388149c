// The set of keys the loader accepts, section by section, as data. The loader checks every
// mapping against this table (unknown key -> diagnostic with a did-you-mean), and
// tests/config/docs_test.cpp checks that docs/config.md documents every one of them.
// Section paths use "[]" for list items and "*" for free-form names: "modems[].balance".
#pragma once

#include <span>
#include <string_view>
#include <vector>

namespace jumbe::config {

struct SchemaSection {
  std::string_view path;  // "" is the top level
  std::vector<std::string_view> keys;
};

// Every section, top level first.
const std::vector<SchemaSection>& schema();
// The keys of one section; an empty span for an unknown path (a programming error).
std::span<const std::string_view> schema_keys(std::string_view section);
// Every accepted field as a dotted path: "gateway.name", "modems[].balance.ussd", ...
std::vector<std::string> schema_fields();

}  // namespace jumbe::config
