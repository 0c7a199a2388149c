// Internal: typed, position-aware reading of yaml-cpp nodes for the section loaders.
// Contract: every problem becomes a Diagnostic in Ctx (never an exception, never a stop): the
// caller keeps reading so that one run reports all mistakes. A value that fails leaves the
// field at its default. Unknown and duplicate keys are reported when a MapReader is built.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "jumbe/config/diagnostic.hpp"
#include "jumbe/config/load.hpp"
#include "jumbe/config/secret.hpp"
#include "jumbe/config/units.hpp"

namespace jumbe::config::detail {

struct Ctx {
  std::string file;
  LoadOptions options;
  std::vector<Diagnostic> errors;
  std::vector<Diagnostic> warnings;

  void error(const YAML::Mark& at, std::string message);
  void warning(const YAML::Mark& at, std::string message);
  // Absolute paths unchanged; relative ones joined to options.base_dir.
  [[nodiscard]] std::string resolve(const std::string& path) const;
  [[nodiscard]] std::optional<std::string> getenv(const std::string& name) const;
};

// "a mapping", "a list", "a value", "nothing": for "expected X, got Y" messages.
std::string_view describe(const YAML::Node& node);
// Closest candidate within a small edit distance, for "did you mean" hints; empty if none.
std::string_view closest(std::string_view word, std::span<const std::string_view> candidates);
std::size_t edit_distance(std::string_view a, std::string_view b);

// Reads one scalar; reports "FIELD: expected TYPE, got a mapping" and returns nullopt otherwise.
std::optional<std::string> read_scalar(Ctx& ctx, const YAML::Node& node, const std::string& field,
                                       std::string_view expected = "a value");
// Reads a list of scalars (a single scalar is refused with a hint to write [x]).
std::optional<std::vector<std::pair<std::string, YAML::Mark>>> read_scalar_list(
    Ctx& ctx, const YAML::Node& node, const std::string& field);

// Index of `value` (case-insensitive) among `names`; otherwise reports "FIELD: unknown value
// 'x' (expected one of a, b, c); did you mean 'b'?" at `at`.
std::optional<std::size_t> choose_among(Ctx& ctx, const std::string& value, const YAML::Mark& at,
                                        const std::string& field,
                                        std::span<const std::string_view> names);

template <class E>
struct Choice {
  std::string_view name;
  E value;
};

class MapReader {
 public:
  // `section` names the schema section ("modems[]"); `path` is how the user sees it
  // ("modems[2]"); `at` is where to point when the node itself has no position.
  MapReader(Ctx& ctx, const YAML::Node& node, std::string_view section, std::string path,
            const YAML::Mark& at);

  [[nodiscard]] bool valid() const { return valid_; }
  [[nodiscard]] const YAML::Mark& mark() const { return mark_; }
  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] std::string field(std::string_view key) const;
  [[nodiscard]] Ctx& ctx() const { return ctx_; }

  // The value for `key`, or nullptr when absent or null ("key:" with nothing, "key: ~").
  [[nodiscard]] const YAML::Node* value(std::string_view key) const;
  [[nodiscard]] bool has(std::string_view key) const { return value(key) != nullptr; }
  // Where `key` is written (the key itself), or the map's position when absent.
  [[nodiscard]] YAML::Mark key_mark(std::string_view key) const;
  // Position of the value (for value errors), falling back to the key's.
  [[nodiscard]] YAML::Mark value_mark(std::string_view key) const;

  // Reports "PATH: missing required field 'key'" unless present. Returns presence.
  bool require(std::string_view key) const;

  // Typed reads: true when present and valid (out assigned); false otherwise, with a diagnostic
  // when present but wrong. Absent keys leave `out` unchanged and report nothing.
  bool read(std::string_view key, std::string& out) const;
  bool read(std::string_view key, bool& out) const;
  bool read_int(std::string_view key, std::int64_t& out, std::int64_t min, std::int64_t max) const;
  template <class T>
  bool read_uint(std::string_view key, T& out, std::int64_t min, std::int64_t max) const {
    std::int64_t v = 0;
    if (!read_int(key, v, min, max)) return false;
    out = static_cast<T>(v);
    return true;
  }
  bool read_number(std::string_view key, double& out, double min, double max) const;
  bool read_duration(std::string_view key, Millis& out, Millis min = Millis{1}) const;
  bool read_rate(std::string_view key, Rate& out) const;
  bool read_size(std::string_view key, std::uint64_t& out, std::uint64_t min,
                 std::uint64_t max) const;
  bool read_mode(std::string_view key, std::uint32_t& out) const;
  bool read_list(std::string_view key, std::vector<std::string>& out) const;
  template <class E>
  bool read_choice(std::string_view key, E& out, std::initializer_list<Choice<E>> choices) const {
    std::vector<std::string_view> names;
    for (const auto& c : choices)
      names.push_back(c.name);
    const YAML::Node* node = value(key);
    if (node == nullptr) return false;
    auto index = choose(key, *node, names);
    if (!index) return false;
    out = (choices.begin() + *index)->value;
    return true;
  }
  // Index of `node`'s value among `names`, reporting an unknown value with the choices.
  std::optional<std::size_t> choose(std::string_view key, const YAML::Node& node,
                                    std::span<const std::string_view> names) const;

  // A secret given as KEY (inline), KEY_file (path) or KEY_env (variable name), at most one.
  // `label` names it in messages ("PIN", "token"); the value is never printed.
  bool read_secret(std::string_view key, Secret& out, std::string_view label) const;

  // Entries in file order (key text, key node, value node), for free-form maps.
  struct Entry {
    std::string key;
    YAML::Node key_node;
    YAML::Node value;
  };
  [[nodiscard]] const std::vector<Entry>& entries() const { return entries_; }

 private:
  Ctx& ctx_;
  std::string path_;
  YAML::Mark mark_;
  bool valid_ = false;
  std::vector<Entry> entries_;
};

// Position as 1-based line/column, with a fallback for nodes that have none.
std::pair<int, int> position(const YAML::Mark& mark);

}  // namespace jumbe::config::detail
