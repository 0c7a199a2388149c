// The route table (literal segments before {param} segments, 405 with the verbs that would
// match), Exchange's answering helpers, Caller's checks and ApiContext's hooks. See routes.hpp.
#include "jumbe/api/routes.hpp"

#include <algorithm>
#include <boost/beast/http/field.hpp>
#include <nlohmann/json.hpp>

#include "jumbe/api/url.hpp"
#include "jumbe/gateway/gateway.hpp"

namespace jumbe::api {

std::string_view to_string(Role r) noexcept {
  switch (r) {
    case Role::anyone:
      return "anyone";
    case Role::reader:
      return "reader";
    case Role::sender:
      return "sender";
    case Role::admin:
      return "admin";
  }
  return "anyone";
}

bool Caller::may_use_group(std::string_view group) const {
  if (role == Role::admin) return true;
  return std::any_of(groups.begin(), groups.end(),
                     [&](const std::string& g) { return g == group || g == "*"; });
}

std::string Caller::describe() const {
  std::string who;
  if (transport == Transport::tcp) {
    who = name.empty() ? "tcp client without a valid token" : "tcp client " + name;
  } else {
    const std::string id = uid ? "uid " + std::to_string(*uid) : "unknown uid";
    who = name.empty() ? id : "client " + name + " (" + id + ")";
  }
  return who;
}

// ---- Routes -------------------------------------------------------------------------------

namespace {

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  while (true) {
    const auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

bool is_param(std::string_view seg) {
  return seg.size() >= 2 && seg.front() == '{' && seg.back() == '}';
}

// How well `pattern` matches `path`: -1 no match, else the number of literal segments (more
// literals = more specific, so "/v1/messages/preview" beats "/v1/messages/{id}").
int match(std::string_view pattern, const std::vector<std::string_view>& path, PathParams* out) {
  const auto pat = segments(pattern);
  if (pat.size() != path.size()) return -1;
  int literals = 0;
  PathParams params;
  for (std::size_t i = 0; i < pat.size(); ++i) {
    if (is_param(pat[i])) {
      if (path[i].empty()) return -1;
      auto v = percent_decode(path[i], false);
      if (!v) return -1;
      params.emplace(std::string(pat[i].substr(1, pat[i].size() - 2)), std::move(*v));
    } else if (pat[i] == path[i]) {
      ++literals;
    } else {
      return -1;
    }
  }
  if (out) *out = std::move(params);
  return literals;
}

}  // namespace

void Routes::add(http::verb verb, std::string pattern, Role min_role, Handler handler) {
  routes_.push_back(Route{verb, std::move(pattern), min_role, std::move(handler)});
}

Routes::Match Routes::find(http::verb verb, std::string_view path) const {
  Match m;
  const auto segs = segments(path);
  int best = -1;
  // The most specific pattern decides which "resource" this is; verbs are then looked up among
  // the routes with that same pattern, so POST /v1/messages/preview never falls through to a
  // GET-only /v1/messages/{id} and answers 405 instead.
  const Route* best_route = nullptr;
  for (const auto& r : routes_) {
    const int score = match(r.pattern, segs, nullptr);
    if (score > best) {
      best = score;
      best_route = &r;
    }
  }
  if (!best_route) return m;
  for (const auto& r : routes_) {
    if (r.pattern != best_route->pattern) continue;
    if (std::find(m.allowed.begin(), m.allowed.end(), r.verb) == m.allowed.end())
      m.allowed.push_back(r.verb);
    if (r.verb == verb && !m.route) {
      m.route = &r;
      match(r.pattern, segs, &m.params);
    }
  }
  return m;
}

// ---- Exchange -----------------------------------------------------------------------------

Exchange::Exchange(Request req, PathParams path, QueryParams query, Caller caller,
                   boost::asio::any_io_executor executor, Sink sink)
    : req_(std::move(req)),
      path_(std::move(path)),
      query_(std::move(query)),
      caller_(std::move(caller)),
      executor_(std::move(executor)),
      sink_(std::move(sink)) {}

std::string_view Exchange::header(http::field f) const {
  auto it = req_.find(f);
  return it == req_.end() ? std::string_view{} : std::string_view(it->value());
}

std::string_view Exchange::header(std::string_view name) const {
  auto it = req_.find(name);
  return it == req_.end() ? std::string_view{} : std::string_view(it->value());
}

std::string Exchange::path_param(std::string_view name) const {
  auto it = path_.find(name);
  return it == path_.end() ? std::string{} : it->second;
}

std::optional<std::string> Exchange::query_param(std::string_view name) const {
  auto it = query_.find(name);
  if (it == query_.end()) return std::nullopt;
  return it->second;
}

void Exchange::respond(Response res) {
  if (answered_) return;
  answered_ = true;
  if (sink_.respond) sink_.respond(std::move(res));
}

void Exchange::json(http::status status, const nlohmann::json& body) {
  Response res{status, req_.version()};
  res.set(http::field::content_type, "application/json; charset=utf-8");
  res.body() = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  respond(std::move(res));
}

void Exchange::error(const ApiError& e) {
  Response res{e.status, req_.version()};
  res.set(http::field::content_type, "application/json; charset=utf-8");
  if (!e.allow.empty()) res.set(http::field::allow, e.allow);
  if (e.retry_after_s > 0) res.set(http::field::retry_after, std::to_string(e.retry_after_s));
  if (e.www_authenticate) res.set(http::field::www_authenticate, "Bearer");
  res.body() = error_body(e);
  respond(std::move(res));
}

std::shared_ptr<Stream> Exchange::start_stream(Response head) {
  if (answered_) return nullptr;
  answered_ = true;
  if (!sink_.stream) return nullptr;
  return sink_.stream(std::move(head));
}

// ---- ApiContext ---------------------------------------------------------------------------

const config::Config& ApiContext::config() const {
  return gateway_.config();
}

void ApiContext::run_stop_hooks() {
  auto hooks = stop_hooks_;
  for (auto& h : hooks)
    if (h) h();
}

void ApiContext::run_reload_hooks() {
  auto hooks = reload_hooks_;
  for (auto& h : hooks)
    if (h) h();
}

}  // namespace jumbe::api
