// Loaders of the api, webhooks and kannel sections: who may talk to the daemon and how, where
// events are pushed, and the Kannel-compatible front door (docs/config.md; issue 8).
// Contract: see loaders.hpp. Tokens and passwords are secrets: checked for length and
// uniqueness, never printed. A TCP listener beyond loopback must be asked for explicitly.
#include <unistd.h>

#include <algorithm>
#include <cctype>

#include "loaders.hpp"

namespace jumbe::config::detail {
namespace {

bool is_loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

// http://host[:port][/path...]: enough to catch "htp://", a missing host or a stray space.
bool is_http_url(const std::string& url) {
  std::string_view rest = url;
  if (rest.rfind("http://", 0) == 0) {
    rest.remove_prefix(7);
  } else if (rest.rfind("https://", 0) == 0) {
    rest.remove_prefix(8);
  } else {
    return false;
  }
  const auto host_end = rest.find_first_of("/?#");
  const std::string_view host = rest.substr(0, host_end);
  if (host.empty() || host.front() == ':') return false;
  return std::none_of(url.begin(), url.end(),
                      [](unsigned char c) { return std::isspace(c) || c < 0x20; });
}

// Kannel escape codes (Kannel user guide, "Parameters (escape codes)", sms-service get-url).
constexpr std::string_view kKannelEscapes = "ksSrabtTpPqQiIdAncCuFBoOmMfRDxX%";

void check_kannel_url(Ctx& ctx, const YAML::Mark& at, const std::string& field,
                      const std::string& url) {
  if (!is_http_url(url)) {
    ctx.error(at, field + ": '" + url + "' is not an http:// or https:// URL");
    return;
  }
  for (std::size_t i = 0; i < url.size(); ++i) {
    if (url[i] != '%') continue;
    if (i + 1 >= url.size()) {
      ctx.error(at, field + ": '%' at the end of the URL (write %% for a percent sign)");
      return;
    }
    const char c = url[i + 1];
    const bool hex_escape = i + 2 < url.size() && std::isxdigit(static_cast<unsigned char>(c)) &&
                            std::isxdigit(static_cast<unsigned char>(url[i + 2])) &&
                            !std::isalpha(static_cast<unsigned char>(c));
    if (kKannelEscapes.find(c) == std::string_view::npos && !hex_escape) {
      ctx.error(at, field + ": unknown Kannel escape code %" + std::string(1, c) +
                        " (known: %p sender, %P receiver, %a text, %t time, %k keyword, ...)");
      return;
    }
    ++i;
  }
}

// Whether kannel.users names `client` (read from the raw YAML: kannel loads after api).
bool named_by_kannel_user(const MapReader& top, const std::string& client) {
  const YAML::Node* kannel = top.value("kannel");
  if (kannel == nullptr || !kannel->IsMap()) return false;
  const YAML::Node users = (*kannel)["users"];
  if (!users || !users.IsSequence()) return false;
  for (const auto& u : users) {
    if (!u.IsMap()) continue;
    const YAML::Node c = u["client"];
    if (c && c.IsScalar() && c.Scalar() == client) return true;
  }
  return false;
}

}  // namespace

void load_api(const MapReader& top, Config& config) {
  const YAML::Node* node = top.value("api");
  if (node == nullptr) return;
  Ctx& ctx = top.ctx();
  const MapReader r(ctx, *node, "api", "api", top.key_mark("api"));
  auto& a = config.api;
  if (r.read("socket", a.socket)) {
    a.socket = ctx.resolve(a.socket);
    // sun_path is 108 bytes including the terminating NUL (unix(7)).
    if (a.socket.empty() || a.socket.size() > 107)
      ctx.error(r.value_mark("socket"),
                "api.socket: the path must be 1 to 107 bytes long (a unix socket limit)");
  }
  r.read_mode("socket_mode", a.socket_mode);
  r.read("socket_group", a.socket_group);

  if (const YAML::Node* tcp = r.value("tcp")) {
    const MapReader t(ctx, *tcp, "api.tcp", "api.tcp", r.key_mark("tcp"));
    TcpListener l;
    t.read("host", l.host);
    t.read_uint("port", l.port, 1, 65535);
    t.read("allow_non_loopback", l.allow_non_loopback);
    if (!is_loopback(l.host) && !l.allow_non_loopback)
      ctx.error(t.value_mark("host"), "api.tcp.host: '" + l.host +
                                          "' is not loopback; tokens would cross the network "
                                          "in clear text (set allow_non_loopback: true if that "
                                          "is meant)");
    if (t.valid()) a.tcp = l;
  }

  for_each_item(r, "clients", [&](const YAML::Node& item, std::size_t, const std::string& path) {
    const MapReader c(ctx, item, "api.clients[]", path, r.key_mark("clients"));
    if (!c.valid()) return;
    ApiClient client;
    if (c.require("name") && c.read("name", client.name) &&
        check_identifier(ctx, c.value_mark("name"), c.field("name"), client.name) &&
        config.find_client(client.name) != nullptr) {
      ctx.error(c.value_mark("name"),
                c.field("name") + ": client '" + client.name + "' is listed twice");
    }
    if (c.require("role"))
      c.read_choice<ClientRole>("role", client.role,
                                {{"admin", ClientRole::admin},
                                 {"sender", ClientRole::sender},
                                 {"reader", ClientRole::reader}});
    std::uint32_t id = 0;
    // "self": the user jumbed runs as, so a CLI started by the same user is this client.
    if (const YAML::Node* uid = c.value("uid");
        uid != nullptr && uid->IsScalar() && uid->Scalar() == "self") {
      client.uid = static_cast<std::uint32_t>(::getuid());
    } else if (c.read_uint("uid", id, 0, 4294967294)) {
      client.uid = id;
    }
    if (c.read_uint("gid", id, 0, 4294967294)) client.gid = id;
    if (c.read_secret("token", client.token, "token") && client.token.reveal().size() < 16) {
      ctx.error(c.value_mark(c.has("token")        ? "token"
                             : c.has("token_file") ? "token_file"
                                                   : "token_env"),
                path + ": the token (" + client.token.source() +
                    ") is too short: use at least 16 random characters "
                    "(e.g. openssl rand -hex 16)");
      client.token = Secret();
    }
    // A client only Kannel users act as (kannel.users[].client) is reached through their
    // username/password on /cgi-bin/sendsms and needs no uid or token of its own.
    const bool identified = c.has("uid") || c.has("gid") || c.has("token") || c.has("token_file") ||
                            c.has("token_env") || named_by_kannel_user(top, client.name);
    if (!identified)
      ctx.error(c.mark(), path +
                              ": give uid, gid or a token (or name it in kannel.users), or no "
                              "connection can be this client");
    for (const auto& other : a.clients) {
      if (!client.token.empty() && other.token.reveal() == client.token.reveal())
        ctx.error(c.mark(), path + ": has the same token as client '" + other.name + "'");
      if (client.uid && other.uid == client.uid)
        ctx.error(c.value_mark("uid"), c.field("uid") + ": uid " + std::to_string(*client.uid) +
                                           " is already client '" + other.name + "'");
    }
    if (c.read_list("keywords", client.keywords)) {
      for (auto& k : client.keywords) {
        std::transform(k.begin(), k.end(), k.begin(),
                       [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
        const bool word =
            !k.empty() && k.size() <= 20 && std::all_of(k.begin(), k.end(), [](unsigned char ch) {
              return std::isalnum(ch) || ch == '_' || ch == '-';
            });
        if (!word)
          ctx.error(c.value_mark("keywords"),
                    c.field("keywords") + ": '" + k + "' is not a keyword (one word)");
      }
    }
    if (c.read_list("groups", client.groups)) {
      for (auto& g : client.groups)
        std::transform(g.begin(), g.end(), g.begin(),
                       [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
    }
    a.clients.push_back(std::move(client));
  });

  if (const YAML::Node* lim = r.value("limits")) {
    const MapReader l(ctx, *lim, "api.limits", "api.limits", r.key_mark("limits"));
    auto& x = a.limits;
    l.read_size("max_body", x.max_body, 1024, 1024ULL * 1024 * 1024);
    l.read_size("max_header", x.max_header, 1024, 1024ULL * 1024);
    l.read_rate("requests", x.requests);
    l.read_uint("request_burst", x.request_burst, 1, 1'000'000);
    l.read_duration("idle_timeout", x.idle_timeout, Millis{std::chrono::seconds(1)});
    l.read_duration("slow_client_timeout", x.slow_client_timeout, Millis{std::chrono::seconds(1)});
    l.read_uint("max_connections", x.max_connections, 1, 100'000);
    l.read_uint("max_recipients", x.max_recipients, 1, 10'000'000);
  }
}

void load_webhooks(const MapReader& top, Config& config) {
  Ctx& ctx = top.ctx();
  for_each_item(top, "webhooks", [&](const YAML::Node& item, std::size_t, const std::string& path) {
    const MapReader w(ctx, item, "webhooks[]", path, top.key_mark("webhooks"));
    if (!w.valid()) return;
    WebhookConfig hook;
    if (w.require("name") && w.read("name", hook.name) &&
        check_identifier(ctx, w.value_mark("name"), w.field("name"), hook.name)) {
      for (const auto& other : config.webhooks)
        if (other.name == hook.name)
          ctx.error(w.value_mark("name"),
                    w.field("name") + ": webhook '" + hook.name + "' is listed twice");
    }
    if (w.require("url") && w.read("url", hook.url) && !is_http_url(hook.url))
      ctx.error(w.value_mark("url"),
                w.field("url") + ": '" + hook.url + "' is not an http:// or https:// URL");
    if (const YAML::Node* events = w.value("events")) {
      constexpr std::string_view names[] = {"inbound", "state", "delivery",
                                            "modem",   "ussd",  "broadcast"};
      if (auto list = read_scalar_list(ctx, *events, w.field("events"))) {
        for (const auto& [text, mark] : *list) {
          if (auto index = choose_among(ctx, text, mark, w.field("events"), names))
            hook.events.push_back(static_cast<EventKind>(*index));
        }
      }
    } else {
      hook.events = {EventKind::inbound, EventKind::state, EventKind::delivery,
                     EventKind::modem,   EventKind::ussd,  EventKind::broadcast};
    }
    w.read_secret("secret", hook.secret, "HMAC secret");
    w.read_duration("timeout", hook.timeout, Millis{std::chrono::seconds(1)});
    w.read_uint("max_attempts", hook.max_attempts, 1, 1000);
    w.read_duration("max_backoff", hook.max_backoff, Millis{std::chrono::seconds(1)});
    config.webhooks.push_back(std::move(hook));
  });
}

void load_kannel(const MapReader& top, Config& config) {
  const YAML::Node* node = top.value("kannel");
  if (node == nullptr) return;
  Ctx& ctx = top.ctx();
  const MapReader r(ctx, *node, "kannel", "kannel", top.key_mark("kannel"));
  auto& k = config.kannel;
  r.read("enabled", k.enabled);
  for_each_item(r, "users", [&](const YAML::Node& item, std::size_t, const std::string& path) {
    const MapReader u(ctx, item, "kannel.users[]", path, r.key_mark("users"));
    if (!u.valid()) return;
    KannelUser user;
    if (u.require("username") && u.read("username", user.username)) {
      const bool ok = !user.username.empty() && user.username.size() <= 64 &&
                      std::none_of(user.username.begin(), user.username.end(),
                                   [](unsigned char c) { return std::isspace(c) || c == '&'; });
      if (!ok)
        ctx.error(u.value_mark("username"),
                  u.field("username") + ": must be 1-64 characters without spaces or '&'");
      for (const auto& other : k.users)
        if (other.username == user.username)
          ctx.error(u.value_mark("username"),
                    u.field("username") + ": user '" + user.username + "' is listed twice");
    }
    if (!u.read_secret("password", user.password, "password") && !u.has("password") &&
        !u.has("password_file") && !u.has("password_env"))
      ctx.error(u.mark(), path +
                              ": missing required field 'password' (or password_file, "
                              "password_env)");
    if (u.require("client")) u.read("client", user.client);
    u.read("default_sender", user.default_sender);
    if (user.default_sender.size() > 20)
      ctx.error(u.value_mark("default_sender"),
                u.field("default_sender") + ": longer than 20 characters");
    k.users.push_back(std::move(user));
  });
  for_each_item(r, "forwards", [&](const YAML::Node& item, std::size_t, const std::string& path) {
    const MapReader f(ctx, item, "kannel.forwards[]", path, r.key_mark("forwards"));
    if (!f.valid()) return;
    KannelForward fw;
    if (f.read("keyword", fw.keyword) && fw.keyword != "default") {
      std::transform(fw.keyword.begin(), fw.keyword.end(), fw.keyword.begin(),
                     [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    }
    for (const auto& other : k.forwards)
      if (other.keyword == fw.keyword)
        ctx.error(f.value_mark("keyword"),
                  path + ": keyword '" + fw.keyword + "' already has a forward");
    if (f.require("url") && f.read("url", fw.url))
      check_kannel_url(ctx, f.value_mark("url"), f.field("url"), fw.url);
    f.read("post", fw.post);
    k.forwards.push_back(std::move(fw));
  });
}

}  // namespace jumbe::config::detail
