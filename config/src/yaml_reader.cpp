// Typed, position-aware reading of yaml-cpp nodes (see yaml_reader.hpp). yaml-cpp marks are
// 0-based; diagnostics are 1-based like compilers'. Scalars are read from their text, never with
// Node::as<T>(), so that a bad value is a diagnostic rather than a YAML::BadConversion.
#include "yaml_reader.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "jumbe/config/schema.hpp"

namespace jumbe::config::detail {

std::pair<int, int> position(const YAML::Mark& mark) {
  if (mark.is_null() || mark.line < 0) return {0, 0};
  return {mark.line + 1, mark.column + 1};
}

void Ctx::error(const YAML::Mark& at, std::string message) {
  auto [line, column] = position(at);
  errors.push_back(Diagnostic{file, line, column, std::move(message), Severity::error});
}

void Ctx::warning(const YAML::Mark& at, std::string message) {
  auto [line, column] = position(at);
  warnings.push_back(Diagnostic{file, line, column, std::move(message), Severity::warning});
}

std::string Ctx::resolve(const std::string& path) const {
  if (path.empty() || path.front() == '/' || options.base_dir.empty()) return path;
  return (std::filesystem::path(options.base_dir) / path).lexically_normal().string();
}

std::optional<std::string> Ctx::getenv(const std::string& name) const {
  if (options.getenv) return options.getenv(name);
  const char* v = std::getenv(name.c_str());
  if (v == nullptr) return std::nullopt;
  return std::string(v);
}

std::string_view describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Scalar:
      return "a value";
    default:
      return "nothing";
  }
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                        std::tolower(static_cast<unsigned char>(b[j - 1]));
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (same ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string_view closest(std::string_view word, std::span<const std::string_view> candidates) {
  // Up to 2 edits, and fewer than the word has letters, so "x" does not suggest "ussd".
  std::string_view best;
  std::size_t best_d = 3;
  for (auto c : candidates) {
    const std::size_t d = edit_distance(word, c);
    if (d < best_d && d < word.size()) {
      best = c;
      best_d = d;
    }
  }
  return best;
}

std::optional<std::string> read_scalar(Ctx& ctx, const YAML::Node& node, const std::string& field,
                                       std::string_view expected) {
  if (node.IsScalar()) return node.Scalar();
  ctx.error(node.Mark(),
            field + ": expected " + std::string(expected) + ", got " + std::string(describe(node)));
  return std::nullopt;
}

std::optional<std::vector<std::pair<std::string, YAML::Mark>>> read_scalar_list(
    Ctx& ctx, const YAML::Node& node, const std::string& field) {
  if (!node.IsSequence()) {
    std::string hint = node.IsScalar() ? " (write [" + node.Scalar() + "] for a list of one)" : "";
    ctx.error(node.Mark(), field + ": expected a list, got " + std::string(describe(node)) + hint);
    return std::nullopt;
  }
  std::vector<std::pair<std::string, YAML::Mark>> out;
  bool ok = true;
  std::size_t i = 0;
  for (const auto& item : node) {
    auto v = read_scalar(ctx, item, field + "[" + std::to_string(i) + "]");
    if (v) {
      out.emplace_back(std::move(*v), item.Mark());
    } else {
      ok = false;
    }
    ++i;
  }
  if (!ok) return std::nullopt;
  return out;
}

MapReader::MapReader(Ctx& ctx, const YAML::Node& node, std::string_view section, std::string path,
                     const YAML::Mark& at)
    : ctx_(ctx), path_(std::move(path)), mark_(at) {
  if (!node.IsDefined() || node.IsNull()) {
    valid_ = true;  // an absent or empty section: all defaults
    return;
  }
  if (!node.Mark().is_null()) mark_ = node.Mark();
  if (!node.IsMap()) {
    ctx_.error(mark_, (path_.empty() ? std::string("the file") : path_) +
                          ": expected a mapping (key: value lines), got " +
                          std::string(describe(node)));
    return;
  }
  valid_ = true;
  const auto known = schema_keys(section);
  const bool free_form = section == "*";
  // YAML merge keys ("<<: *defaults", yaml.org/type/merge.html) are not applied by yaml-cpp 0.7;
  // we apply them here so that modems can share settings. Explicit keys win over merged ones.
  std::vector<YAML::Node> merges;
  auto add = [&](const YAML::Node& key, const YAML::Node& value, bool merged) {
    if (!key.IsScalar()) {
      ctx_.error(key.Mark(), (path_.empty() ? std::string("the file") : path_) +
                                 ": keys must be plain names, got " + std::string(describe(key)));
      return;
    }
    const std::string& name = key.Scalar();
    if (!merged && name == "<<") {
      merges.push_back(value);
      return;
    }
    // Top-level "x-..." keys hold anchors for merging and are otherwise ignored.
    if (section.empty() && name.rfind("x-", 0) == 0) return;
    auto dup = std::find_if(entries_.begin(), entries_.end(),
                            [&](const Entry& e) { return e.key == name; });
    if (dup != entries_.end()) {
      if (!merged)
        ctx_.error(key.Mark(), field(name) + ": duplicate key (first at line " +
                                   std::to_string(position(dup->key_node.Mark()).first) + ")");
      return;
    }
    if (!free_form && std::find(known.begin(), known.end(), name) == known.end()) {
      std::string message =
          (path_.empty() ? std::string() : path_ + ": ") + "unknown key '" + name + "'";
      auto hint = closest(name, known);
      if (!hint.empty()) message += " (did you mean '" + std::string(hint) + "'?)";
      ctx_.error(key.Mark(), std::move(message));
      return;
    }
    entries_.push_back(Entry{name, key, value});
  };
  for (auto it = node.begin(); it != node.end(); ++it)
    add(it->first, it->second, false);
  for (const auto& m : merges) {
    std::vector<YAML::Node> sources;
    if (m.IsMap()) {
      sources.push_back(m);
    } else if (m.IsSequence()) {
      for (const auto& item : m)
        sources.push_back(item);
    }
    for (const auto& source : sources) {
      if (!source.IsMap()) {
        ctx_.error(m.Mark(), field("<<") +
                                 ": merge needs a mapping or a list of mappings, "
                                 "e.g. <<: *modem_defaults");
        break;
      }
      for (auto it = source.begin(); it != source.end(); ++it)
        add(it->first, it->second, true);
    }
    if (sources.empty())
      ctx_.error(m.Mark(), field("<<") +
                               ": merge needs a mapping or a list of mappings, e.g. "
                               "<<: *modem_defaults");
  }
}

std::string MapReader::field(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

const YAML::Node* MapReader::value(std::string_view key) const {
  for (const auto& e : entries_) {
    if (e.key == key) return e.value.IsNull() ? nullptr : &e.value;
  }
  return nullptr;
}

YAML::Mark MapReader::key_mark(std::string_view key) const {
  for (const auto& e : entries_)
    if (e.key == key) return e.key_node.Mark();
  return mark_;
}

YAML::Mark MapReader::value_mark(std::string_view key) const {
  const YAML::Node* v = value(key);
  if (v != nullptr && !v->Mark().is_null()) return v->Mark();
  return key_mark(key);
}

bool MapReader::require(std::string_view key) const {
  if (has(key)) return true;
  ctx_.error(mark_, (path_.empty() ? std::string() : path_ + ": ") + "missing required field '" +
                        std::string(key) + "'");
  return false;
}

bool MapReader::read(std::string_view key, std::string& out) const {
  const YAML::Node* v = value(key);
  if (v == nullptr) return false;
  auto s = read_scalar(ctx_, *v, field(key), "text");
  if (!s) return false;
  out = std::move(*s);
  return true;
}

bool MapReader::read(std::string_view key, bool& out) const {
  const YAML::Node* v = value(key);
  if (v == nullptr) return false;
  auto s = read_scalar(ctx_, *v, field(key), "true or false");
  if (!s) return false;
  std::string lower = *s;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "true" || lower == "yes" || lower == "on") {
    out = true;
    return true;
  }
  if (lower == "false" || lower == "no" || lower == "off") {
    out = false;
    return true;
  }
  ctx_.error(v->Mark(), field(key) + ": expected true or false, got '" + *s + "'");
  return false;
}

bool MapReader::read_int(std::string_view key, std::int64_t& out, std::int64_t min,
                         std::int64_t max) const {
  const YAML::Node* v = value(key);
  if (v == nullptr) return false;
  auto s = read_scalar(ctx_, *v, field(key), "a whole number");
  if (!s) return false;
  auto n = parse_integer(*s, min, max);
  if (!n) {
    ctx_.error(v->Mark(), field(key) + ": bad number '" + *s + "': " + n.error());
    return false;
  }
  out = *n;
  return true;
}

bool MapReader::read_number(std::string_view key, double& out, double min, double max) const {
  const YAML::Node* v = value(key);
  if (v == nullptr) return false;
  auto s = read_scalar(ctx_, *v, field(key), "a number");
  if (!s) return false;
  char* end = nullptr;
  errno = 0;
  const double d = std::strtod(s->c_str(), &end);
  const bool ok = !s->empty() && end == s->c_str() + s->size() && errno == 0 && d == d;
  if (!ok || d < min || d > max) {
    ctx_.error(v->Mark(), field(key) + ": bad number '" + *s + "': expected a number between " +
                              std::to_string(static_cast<long long>(min)) + " and " +
                              std::to_string(static_cast<long long>(max)));
    return false;
  }
  out = d;
  return true;
}

bool MapReader::read_duration(std::string_view key, Millis& out, Millis min) const {
  const YAML::Node* v = value(key);
  if (v == nullptr) return false;
  auto s = read_scalar(ctx_, *v, field(key), "a duration");
  if (!s) return false;
  auto d = parse_duration(*s);
  if (!d) {
    ctx_.error(v->Mark(), field(key) + ": bad duration '" + *s + "': " + d.error());
    return false;
  }
  if (*d < min) {
    ctx_.error(v->Mark(), field(key) + ": bad duration '" + *s + "': must be at least " +
                              format_duration(min));
    return false;
  }
  out = *d;
  return true;
}

bool MapReader::read_rate(std::string_view key, Rate& out) const {
  const YAML::Node* v = value(key);
  if (v == nullptr) return false;
  auto s = read_scalar(ctx_, *v, field(key), "a rate");
  if (!s) return false;
  auto r = parse_rate(*s);
  if (!r) {
    ctx_.error(v->Mark(), field(key) + ": bad rate '" + *s + "': " + r.error());
    return false;
  }
  out = *r;
  return true;
}

bool MapReader::read_size(std::string_view key, std::uint64_t& out, std::uint64_t min,
                          std::uint64_t max) const {
  const YAML::Node* v = value(key);
  if (v == nullptr) return false;
  auto s = read_scalar(ctx_, *v, field(key), "a size");
  if (!s) return false;
  auto n = parse_size(*s);
  if (!n) {
    ctx_.error(v->Mark(), field(key) + ": bad size '" + *s + "': " + n.error());
    return false;
  }
  if (*n < min || *n > max) {
    ctx_.error(v->Mark(), field(key) + ": bad size '" + *s + "': must be between " +
                              std::to_string(min) + " and " + std::to_string(max) + " bytes");
    return false;
  }
  out = *n;
  return true;
}

bool MapReader::read_mode(std::string_view key, std::uint32_t& out) const {
  const YAML::Node* v = value(key);
  if (v == nullptr) return false;
  auto s = read_scalar(ctx_, *v, field(key), "a file mode");
  if (!s) return false;
  auto m = parse_mode(*s);
  if (!m) {
    ctx_.error(v->Mark(), field(key) + ": bad mode '" + *s + "': " + m.error());
    return false;
  }
  out = *m;
  return true;
}

bool MapReader::read_list(std::string_view key, std::vector<std::string>& out) const {
  const YAML::Node* v = value(key);
  if (v == nullptr) return false;
  auto items = read_scalar_list(ctx_, *v, field(key));
  if (!items) return false;
  out.clear();
  for (auto& [text, mark] : *items)
    out.push_back(std::move(text));
  return true;
}

std::optional<std::size_t> choose_among(Ctx& ctx, const std::string& value, const YAML::Mark& at,
                                        const std::string& field,
                                        std::span<const std::string_view> names) {
  std::string lower = value;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == lower) return i;
  std::string list;
  for (auto n : names)
    list += (list.empty() ? "" : ", ") + std::string(n);
  std::string message = field + ": unknown value '" + value + "' (expected one of " + list + ")";
  auto hint = closest(lower, names);
  if (!hint.empty()) message += "; did you mean '" + std::string(hint) + "'?";
  ctx.error(at, std::move(message));
  return std::nullopt;
}

std::optional<std::size_t> MapReader::choose(std::string_view key, const YAML::Node& node,
                                             std::span<const std::string_view> names) const {
  auto s = read_scalar(ctx_, node, field(key), "one of the listed words");
  if (!s) return std::nullopt;
  return choose_among(ctx_, *s, node.Mark(), field(key), names);
}

namespace {

// Reads a small secret file. Only regular files: a FIFO or a device (/dev/stdin) would block or
// stream forever. Returns the content or an error text with the path and errno's words.
tl::expected<std::string, std::string> read_secret_file(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    return tl::unexpected("cannot read " + path + ": " + std::strerror(errno));
  if (!S_ISREG(st.st_mode)) return tl::unexpected(path + " is not a regular file");
  if (st.st_size > 4096)
    return tl::unexpected(path + " is larger than 4 KiB; is it the right file?");
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return tl::unexpected("cannot read " + path + ": " + std::strerror(errno));
  std::string content(4097, '\0');
  std::size_t used = 0;
  while (used < content.size()) {
    const ssize_t n = ::read(fd, content.data() + used, content.size() - used);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int e = errno;
      ::close(fd);
      return tl::unexpected("cannot read " + path + ": " + std::strerror(e));
    }
    if (n == 0) break;
    used += static_cast<std::size_t>(n);
  }
  ::close(fd);
  if (used > 4096) return tl::unexpected(path + " is larger than 4 KiB; is it the right file?");
  content.resize(used);
  // Editors add a final newline; secrets never start or end with whitespace.
  while (!content.empty() && std::isspace(static_cast<unsigned char>(content.back())))
    content.pop_back();
  std::size_t lead = 0;
  while (lead < content.size() && std::isspace(static_cast<unsigned char>(content[lead])))
    ++lead;
  content.erase(0, lead);
  return content;
}

bool valid_env_name(const std::string& name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name.front()))) return false;
  return std::all_of(name.begin(), name.end(),
                     [](unsigned char c) { return std::isalnum(c) || c == '_'; });
}

}  // namespace

bool MapReader::read_secret(std::string_view key, Secret& out, std::string_view label) const {
  const std::string k(key);
  const std::string file_key = k + "_file";
  const std::string env_key = k + "_env";
  const int given =
      static_cast<int>(has(k)) + static_cast<int>(has(file_key)) + static_cast<int>(has(env_key));
  if (given == 0) return false;
  if (given > 1) {
    const std::string& second = has(env_key) ? env_key : file_key;
    ctx_.error(key_mark(second), (path_.empty() ? std::string() : path_ + ": ") +
                                     "give only one of " + k + ", " + file_key + " and " + env_key);
    return false;
  }
  if (has(k)) {
    // The value itself is never echoed: a wrong type is reported without it.
    const YAML::Node& v = *value(k);
    if (!v.IsScalar()) {
      ctx_.error(v.Mark(), field(k) + ": expected the " + std::string(label) + " as text, got " +
                               std::string(describe(v)));
      return false;
    }
    out = Secret(v.Scalar(), "inline");
    return true;
  }
  if (has(file_key)) {
    std::string path;
    if (!read(file_key, path)) return false;
    const std::string resolved = ctx_.resolve(path);
    auto content = read_secret_file(resolved);
    if (!content) {
      ctx_.error(value_mark(file_key), field(file_key) + ": " + content.error());
      return false;
    }
    if (content->empty()) {
      ctx_.error(value_mark(file_key), field(file_key) + ": " + resolved + " is empty");
      return false;
    }
    out = Secret(std::move(*content), "file " + resolved);
    return true;
  }
  std::string name;
  if (!read(env_key, name)) return false;
  if (!valid_env_name(name)) {
    ctx_.error(value_mark(env_key),
               field(env_key) + ": '" + name + "' is not an environment variable name");
    return false;
  }
  auto v = ctx_.getenv(name);
  if (!v) {
    ctx_.error(value_mark(env_key),
               field(env_key) + ": environment variable " + name + " is not set");
    return false;
  }
  if (v->empty()) {
    ctx_.error(value_mark(env_key),
               field(env_key) + ": environment variable " + name + " is empty");
    return false;
  }
  out = Secret(std::move(*v), "env " + name);
  return true;
}

}  // namespace jumbe::config::detail
