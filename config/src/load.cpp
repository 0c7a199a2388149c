// The configuration loader's entry points: read the file, parse YAML, run the section loaders,
// then the checks that span sections. Contract: see load.hpp. yaml-cpp exceptions (syntax errors,
// too deep nesting) stop at this file and become one diagnostic with their position.
#include "jumbe/config/load.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>
#include <sstream>

#include "loaders.hpp"

namespace jumbe::config {
namespace {

using detail::Ctx;
using detail::MapReader;

// True if 0-based line `line` of `text` has a tab before its first other character: yaml-cpp
// reports those as "illegal block entry" or "cannot start any token", which does not say why.
// Events of a document we only want to know exists: where it starts.
struct DocumentProbe : YAML::EventHandler {
  YAML::Mark start = YAML::Mark::null_mark();
  void OnDocumentStart(const YAML::Mark& mark) override { start = mark; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

bool tab_indented(std::string_view text, int line) {
  if (line < 0) return false;
  std::size_t pos = 0;
  for (int i = 0; i < line && pos != std::string_view::npos; ++i) {
    pos = text.find('\n', pos);
    if (pos != std::string_view::npos) ++pos;
  }
  if (pos == std::string_view::npos) return false;
  for (; pos < text.size() && (text[pos] == ' ' || text[pos] == '\t'); ++pos)
    if (text[pos] == '\t') return true;
  return false;
}

void check_across_sections(Ctx& ctx, const MapReader& top, Config& config) {
  // Kannel users act as an API client: that client must exist.
  for (const auto& user : config.kannel.users) {
    if (!user.client.empty() && config.find_client(user.client) == nullptr) {
      ctx.error(top.key_mark("kannel"), "kannel: user '" + user.username + "' names api client '" +
                                            user.client + "', which is not in api.clients");
    }
  }
  // API clients may only be given groups that exist.
  for (const auto& client : config.api.clients) {
    for (const auto& g : client.groups) {
      if (config.find_group(g) == nullptr) {
        ctx.error(top.key_mark("api"), "api: client '" + client.name + "' names group '" + g +
                                           "', which is not in services.groups");
      }
    }
  }
  if (config.api.tcp) {
    const bool any_token = std::any_of(config.api.clients.begin(), config.api.clients.end(),
                                       [](const ApiClient& c) { return !c.token.empty(); });
    if (!any_token)
      ctx.warning(top.key_mark("api"),
                  "api.tcp is on but no client has a token: every TCP "
                  "request will be refused with 401");
  }
  if (config.kannel.enabled && config.kannel.users.empty())
    ctx.warning(top.key_mark("kannel"),
                "kannel is enabled with no users: every /cgi-bin/sendsms request will be refused");
  const bool can_send = std::any_of(config.modems.begin(), config.modems.end(), [](const auto& m) {
    return m.enabled && m.has_role(ModemRole::send);
  });
  if (!config.modems.empty() && !can_send)
    ctx.warning(top.key_mark("modems"),
                "modems: no enabled modem has the send role; nothing "
                "will be sent");
}

}  // namespace

LoadResult load_string(std::string_view yaml, const std::string& file, const LoadOptions& options) {
  Ctx ctx;
  ctx.file = file;
  ctx.options = options;
  Config config;
  config.file = file;

  YAML::Node document;
  std::optional<YAML::Mark> second_document;
  try {
    // Not YAML::LoadAll: in yaml-cpp 0.7 it loops forever, allocating, on input such as ","
    // (jbeder/yaml-cpp#1040, fixed upstream by #1319). Load parses one document; a second
    // HandleNextDocument call, at most, tells whether anything follows it.
    document = YAML::Load(std::string(yaml));
    std::istringstream stream{std::string(yaml)};
    YAML::Parser parser(stream);
    DocumentProbe probe;
    if (parser.HandleNextDocument(probe) && parser.HandleNextDocument(probe))
      second_document = probe.start;
  } catch (const YAML::DeepRecursion& e) {
    ctx.error(e.mark, "YAML nesting deeper than " + std::to_string(e.depth()) +
                          " levels; a configuration is never that deep");
    return tl::unexpected(std::move(ctx.errors));
  } catch (const YAML::Exception& e) {
    // e.msg is yaml-cpp's text without the position prefix that e.what() adds.
    std::string message = "YAML syntax error: " + e.msg;
    if (tab_indented(yaml, e.mark.line))
      message += " (a tab in the indentation? YAML indents with spaces only)";
    ctx.error(e.mark, std::move(message));
    return tl::unexpected(std::move(ctx.errors));
  } catch (const std::exception& e) {
    ctx.error(YAML::Mark::null_mark(), std::string("cannot parse: ") + e.what());
    return tl::unexpected(std::move(ctx.errors));
  }
  if (second_document) {
    const auto& m = *second_document;
    const bool marker = m.pos >= 0 && static_cast<std::size_t>(m.pos) < yaml.size() &&
                        yaml.substr(static_cast<std::size_t>(m.pos), 3) == "---";
    if (marker) {
      ctx.error(m, "only one YAML document is allowed (remove the second '---')");
    } else {
      // yaml-cpp 0.7 accepts some stray characters (a lone ',') as the end of a document.
      const char c = m.pos >= 0 && static_cast<std::size_t>(m.pos) < yaml.size()
                         ? yaml[static_cast<std::size_t>(m.pos)]
                         : '?';
      ctx.error(m, std::isprint(static_cast<unsigned char>(c))
                       ? "YAML syntax error: unexpected '" + std::string(1, c) + "'"
                       : std::string("YAML syntax error: unexpected text after the document"));
    }
  }
  if (!document.IsDefined() || document.IsNull()) {
    if (ctx.errors.empty())
      ctx.error(YAML::Mark::null_mark(), "the file is empty; at least a 'modems' list is needed");
    return tl::unexpected(std::move(ctx.errors));
  }

  try {
    const MapReader top(ctx, document, "", "", document.Mark());
    if (!top.valid()) return tl::unexpected(std::move(ctx.errors));

    detail::load_gateway(top, config);
    detail::load_store(top, config);
    const bool numbers_ok = detail::load_numbers(top, config);
    std::optional<Numbers> numbers;
    if (numbers_ok) numbers.emplace(config.numbers);
    detail::load_modems(top, config);
    detail::load_api(top, config);
    detail::load_services(top, config, numbers ? &*numbers : nullptr);
    detail::load_logging(top, config);
    detail::load_webhooks(top, config);
    detail::load_kannel(top, config);
    check_across_sections(ctx, top, config);
  } catch (const std::exception& e) {
    // A bug of ours, not the user's; still one clear line rather than a crash.
    ctx.error(YAML::Mark::null_mark(), std::string("internal error while loading: ") + e.what());
  }

  if (!ctx.errors.empty()) {
    sort_by_position(ctx.errors);
    return tl::unexpected(std::move(ctx.errors));
  }
  sort_by_position(ctx.warnings);
  config.warnings = std::move(ctx.warnings);
  return config;
}

LoadResult load_file(const std::string& path, const LoadOptions& options) {
  // POSIX reads rather than iostreams, so that the reason (EACCES, EISDIR, ...) reaches the user.
  auto fail = [&](int e) {
    return tl::unexpected(std::vector<Diagnostic>{
        Diagnostic{path, 0, 0, std::string("cannot read the configuration: ") + std::strerror(e)}});
  };
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return fail(errno);
  std::string text;
  char buffer[65536];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int e = errno;
      ::close(fd);
      return fail(e);
    }
    if (n == 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
    if (text.size() > 16 * 1024 * 1024) {
      ::close(fd);
      return tl::unexpected(std::vector<Diagnostic>{
          Diagnostic{path, 0, 0, "larger than 16 MiB; is this the configuration file?"}});
    }
  }
  ::close(fd);
  LoadOptions opts = options;
  if (opts.base_dir.empty()) {
    opts.base_dir = std::filesystem::path(path).parent_path().string();
    if (opts.base_dir.empty()) opts.base_dir = ".";
  }
  return load_string(text, path, opts);
}

}  // namespace jumbe::config
