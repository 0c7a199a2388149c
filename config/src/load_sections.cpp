// Loaders of the gateway, store, numbers, services and logging sections (docs/config.md).
// Contract: see loaders.hpp. Numbers are checked with the Numbers built from this same file, so a
// chief's number is judged by the same rules as the messages the chief will send.
#include <algorithm>
#include <cctype>
#include <set>

#include "loaders.hpp"
#include "texts.hpp"

namespace jumbe::config::detail {

bool check_identifier(Ctx& ctx, const YAML::Mark& at, const std::string& field,
                      const std::string& value) {
  const bool ok = !value.empty() && value.size() <= 32 &&
                  std::isalnum(static_cast<unsigned char>(value.front())) &&
                  std::all_of(value.begin(), value.end(), [](unsigned char c) {
                    return (std::islower(c) || std::isdigit(c) || c == '_' || c == '-');
                  });
  if (!ok)
    ctx.error(at, field + ": '" + value + "' is not a valid name (1-32 of a-z, 0-9, '_', '-')");
  return ok;
}

namespace {

// Upper-case word of letters and digits, as citizens type keywords and group names.
bool is_word(const std::string& s) {
  return !s.empty() && s.size() <= 20 && std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return std::isupper(c) || std::isdigit(c) || c == '_' || c == '-';
  });
}

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

}  // namespace

void load_gateway(const MapReader& top, Config& config) {
  const YAML::Node* node = top.value("gateway");
  if (node == nullptr) return;
  const MapReader r(top.ctx(), *node, "gateway", "gateway", top.key_mark("gateway"));
  auto& g = config.gateway;
  if (r.read("name", g.name) && g.name.empty())
    r.ctx().error(r.value_mark("name"), "gateway.name: must not be empty");
  r.read_choice<Language>("language", g.language, {{"sw", Language::sw}, {"en", Language::en}});
  if (r.read("reference_prefix", g.reference_prefix)) {
    const bool ok = g.reference_prefix.size() <= 6 &&
                    std::all_of(g.reference_prefix.begin(), g.reference_prefix.end(),
                                [](unsigned char c) { return std::isupper(c) || std::isdigit(c); });
    if (!ok)
      r.ctx().error(r.value_mark("reference_prefix"),
                    "gateway.reference_prefix: up to 6 capital letters or digits, e.g. KE");
  }
  if (r.read_list("ports", g.ports)) {
    if (g.ports.empty())
      r.ctx().error(r.value_mark("ports"),
                    "gateway.ports: empty: modems named by imei could not be found anywhere");
    for (const auto& p : g.ports)
      if (p.empty() || p.front() != '/')
        r.ctx().error(r.value_mark("ports"), "gateway.ports: '" + p +
                                                 "' is not an absolute device pattern (like "
                                                 "/dev/ttyUSB*)");
  }
}

void load_store(const MapReader& top, Config& config) {
  const YAML::Node* node = top.value("store");
  if (node == nullptr) return;
  const MapReader r(top.ctx(), *node, "store", "store", top.key_mark("store"));
  auto& s = config.store;
  if (r.read("path", s.path)) {
    if (s.path.empty()) {
      r.ctx().error(r.value_mark("path"), "store.path: must not be empty");
    } else {
      s.path = r.ctx().resolve(s.path);
    }
  }
  r.read_duration("retention", s.retention, Millis{std::chrono::hours(24)});
  r.read_duration("event_retention", s.event_retention, Millis{std::chrono::hours(1)});
  r.read_duration("multipart_timeout", s.multipart_timeout, Millis{std::chrono::minutes(1)});
  if (const YAML::Node* u = r.value("uncertain")) {
    const MapReader ur(r.ctx(), *u, "store.uncertain", "store.uncertain", r.key_mark("uncertain"));
    for (Priority p : kPriorities) {
      ur.read_choice<UncertainPolicy>(to_string(p), s.uncertain[p],
                                      {{"resend", UncertainPolicy::resend},
                                       {"hold", UncertainPolicy::hold},
                                       {"fail", UncertainPolicy::fail}});
    }
  }
}

bool load_numbers(const MapReader& top, Config& config) {
  auto& n = config.numbers;
  const YAML::Node* node = top.value("numbers");
  Ctx& ctx = top.ctx();
  const std::size_t errors_before = ctx.errors.size();
  bool operators_given = false;
  if (node != nullptr) {
    const MapReader r(ctx, *node, "numbers", "numbers", top.key_mark("numbers"));
    if (r.read("default_region", n.default_region)) {
      n.default_region = upper(n.default_region);
      if (!is_known_region(n.default_region)) {
        ctx.error(r.value_mark("default_region"),
                  "numbers.default_region: '" + n.default_region +
                      "' is not a region libphonenumber knows (use an ISO code such as KE)");
        return false;
      }
    }
    if (r.read_list("international_prefixes", n.international_prefixes)) {
      for (const auto& p : n.international_prefixes) {
        if (p.empty() || p.size() > 4 ||
            !std::all_of(p.begin(), p.end(), [](unsigned char c) { return std::isdigit(c); }))
          ctx.error(r.value_mark("international_prefixes"), "numbers.international_prefixes: '" +
                                                                p +
                                                                "' is not a dialling prefix "
                                                                "(1-4 digits, e.g. 000)");
      }
    }
    r.read("allow_international", n.allow_international);
    if (r.has("operators")) {
      operators_given = true;
      const int cc = country_code_for_region(n.default_region);
      std::map<std::string, std::string> owner;  // prefix -> operator, for duplicates
      for_each_item(
          r, "operators", [&](const YAML::Node& item, std::size_t, const std::string& path) {
            const MapReader o(ctx, item, "numbers.operators[]", path, r.key_mark("operators"));
            if (!o.valid()) return;
            OperatorConfig op;
            if (o.require("name") && o.read("name", op.name)) {
              check_identifier(ctx, o.value_mark("name"), o.field("name"), op.name);
              for (const auto& other : n.operators) {
                if (other.name == op.name)
                  ctx.error(o.value_mark("name"),
                            o.field("name") + ": operator '" + op.name + "' is listed twice");
              }
            }
            op.display = op.name;
            o.read("display", op.display);
            if (o.require("prefixes")) {
              const YAML::Node& list = *o.value("prefixes");
              auto specs = read_scalar_list(ctx, list, o.field("prefixes"));
              if (specs) {
                for (const auto& [spec, mark] : *specs) {
                  auto expanded = expand_prefix(spec, cc);
                  if (!expanded) {
                    ctx.error(mark, o.field("prefixes") + ": bad prefix '" + spec +
                                        "': " + expanded.error());
                    continue;
                  }
                  for (auto& p : *expanded) {
                    auto [it, fresh] = owner.emplace(p, op.name);
                    if (!fresh) {
                      ctx.error(mark, o.field("prefixes") + ": prefix +" + p + " (from '" + spec +
                                          "') is already listed for " + it->second);
                      continue;
                    }
                    op.prefixes.push_back(std::move(p));
                  }
                }
              }
            }
            n.operators.push_back(std::move(op));
          });
    }
  }
  if (!operators_given && n.default_region == "KE") n.operators = default_operators();
  return ctx.errors.size() == errors_before;
}

void load_services(const MapReader& top, Config& config, const Numbers* numbers) {
  auto& s = config.services;
  s.keywords = default_keywords();
  s.texts = default_texts();
  const YAML::Node* node = top.value("services");
  if (node == nullptr) return;
  Ctx& ctx = top.ctx();
  const MapReader r(ctx, *node, "services", "services", top.key_mark("services"));

  if (const YAML::Node* kw = r.value("keywords")) {
    const MapReader k(ctx, *kw, "services.keywords", "services.keywords", r.key_mark("keywords"));
    std::map<std::string, std::string> seen;  // word -> action, across actions
    for (const auto& e : k.entries()) {
      const auto action_name = e.key;
      KeywordAction action{};
      for (auto a : {KeywordAction::report, KeywordAction::join, KeywordAction::stop,
                     KeywordAction::help, KeywordAction::status, KeywordAction::alert})
        if (to_string(a) == action_name) action = a;
      std::vector<std::string> words;
      if (!k.read_list(action_name, words)) continue;
      std::vector<std::string> normalised;
      for (auto& w : words) {
        std::string W = upper(w);
        if (!is_word(W)) {
          ctx.error(k.value_mark(action_name), k.field(action_name) + ": '" + w +
                                                   "' is not a keyword (one word of letters "
                                                   "and digits)");
          continue;
        }
        auto [it, fresh] = seen.emplace(W, action_name);
        if (!fresh) {
          ctx.error(k.value_mark(action_name), k.field(action_name) + ": keyword '" + W +
                                                   "' is already used for " + it->second);
          continue;
        }
        normalised.push_back(std::move(W));
      }
      s.keywords[action] = std::move(normalised);
    }
  }

  for_each_item(r, "groups", [&](const YAML::Node& item, std::size_t, const std::string& path) {
    const MapReader g(ctx, item, "services.groups[]", path, r.key_mark("groups"));
    if (!g.valid()) return;
    GroupConfig group;
    if (g.require("name") && g.read("name", group.name)) {
      group.name = upper(group.name);
      if (!is_word(group.name)) {
        ctx.error(g.value_mark("name"), g.field("name") + ": '" + group.name +
                                            "' is not a group name (one word of letters and "
                                            "digits, as residents text it after JOIN)");
      } else if (config.find_group(group.name) != nullptr) {
        ctx.error(g.value_mark("name"),
                  g.field("name") + ": group '" + group.name + "' is listed twice");
      }
    }
    g.read("description", group.description);
    g.read("open", group.open);
    if (const YAML::Node* chiefs = g.value("chiefs")) {
      auto list = read_scalar_list(ctx, *chiefs, g.field("chiefs"));
      if (list) {
        for (const auto& [text, mark] : *list) {
          if (numbers == nullptr) break;  // numbers section broken: reported there
          auto a = numbers->parse_sender(text);
          if (!a) {
            ctx.error(mark, g.field("chiefs") + ": " + a.error().message);
          } else if (a->kind != AddressKind::e164) {
            ctx.error(mark, g.field("chiefs") + ": '" + text +
                                "' is not a phone number (chiefs send alerts from their phones)");
          } else {
            group.chiefs.push_back(a->text);
          }
        }
      }
    }
    config.services.groups.push_back(std::move(group));
  });

  if (const YAML::Node* texts = r.value("texts")) {
    const MapReader t(ctx, *texts, "services.texts", "services.texts", r.key_mark("texts"));
    for (const auto& lang_entry : t.entries()) {
      const Language lang = lang_entry.key == "sw" ? Language::sw : Language::en;
      const std::string lang_path = t.field(lang_entry.key);
      if (lang_entry.value.IsNull()) continue;
      const MapReader l(ctx, lang_entry.value, "services.texts.*", lang_path,
                        lang_entry.key_node.Mark());
      for (const auto& e : l.entries()) {
        std::string text;
        if (!l.read(e.key, text)) continue;
        const TextSpec* spec = find_text_spec(e.key);
        // Every {name} must be one this text offers; "{{" is not special, keep it simple.
        bool ok = true;
        for (std::size_t pos = text.find('{'); pos != std::string::npos;
             pos = text.find('{', pos + 1)) {
          const auto end = text.find('}', pos);
          if (end == std::string::npos) {
            ctx.error(l.value_mark(e.key), l.field(e.key) + ": '{' without a closing '}'");
            ok = false;
            break;
          }
          const std::string name = text.substr(pos + 1, end - pos - 1);
          if (spec != nullptr && std::find(spec->placeholders.begin(), spec->placeholders.end(),
                                           name) == spec->placeholders.end()) {
            std::string allowed;
            for (auto p : spec->placeholders)
              allowed += (allowed.empty() ? "" : ", ") + ("{" + std::string(p) + "}");
            ctx.error(l.value_mark(e.key),
                      l.field(e.key) + ": unknown placeholder {" + name + "} (this text may use " +
                          (allowed.empty() ? std::string("none") : allowed) + ")");
            ok = false;
          }
        }
        if (text.empty()) {
          ctx.error(l.value_mark(e.key), l.field(e.key) + ": must not be empty");
          ok = false;
        }
        if (ok) s.texts[lang][e.key] = std::move(text);
      }
    }
  }
  r.read("reply_unknown", s.reply_unknown);
  r.read_uint("max_alert_recipients", s.max_alert_recipients, 0, 10'000'000);
}

void load_logging(const MapReader& top, Config& config) {
  const YAML::Node* node = top.value("logging");
  if (node == nullptr) return;
  Ctx& ctx = top.ctx();
  const MapReader r(ctx, *node, "logging", "logging", top.key_mark("logging"));
  auto& l = config.logging;
  const std::initializer_list<Choice<LogLevel>> levels = {
      {"trace", LogLevel::trace}, {"debug", LogLevel::debug}, {"info", LogLevel::info},
      {"warn", LogLevel::warn},   {"error", LogLevel::error}, {"off", LogLevel::off}};
  r.read_choice<LogLevel>("level", l.level, levels);
  if (const YAML::Node* c = r.value("components")) {
    const MapReader cr(ctx, *c, "logging.components", "logging.components",
                       r.key_mark("components"));
    for (const auto& e : cr.entries()) {
      LogLevel level = l.level;
      if (cr.read_choice<LogLevel>(e.key, level, levels)) l.components[e.key] = level;
    }
  }
  r.read_choice<LogSink>(
      "sink", l.sink,
      {{"auto", LogSink::auto_}, {"stderr", LogSink::stderr_}, {"journald", LogSink::journald}});
  r.read("show_numbers", l.show_numbers);
  r.read("show_texts", l.show_texts);
  r.read("at_trace", l.at_trace);
}

}  // namespace jumbe::config::detail
