// Broadcast and group endpoints (api-contract.md "Broadcasts"): create for a configured group
// (members from the store) or a recipient list, progress with the last minute's send rate and an
// ETA, cancel; group listing and membership edits. Group names are upper-case like the config's.
#include <algorithm>
#include <cctype>

#include "jumbe/api/message_json.hpp"
#include "jumbe/api/route_util.hpp"
#include "jumbe/api/submission.hpp"
#include "jumbe/gateway/gateway.hpp"

namespace jumbe::api {

namespace {

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

// The configured group called `name` (any case), or the exchange answered with 404.
const config::GroupConfig* group_or_answer(const std::shared_ptr<Exchange>& ex,
                                           const config::Config& cfg, const std::string& name) {
  const auto* g = cfg.find_group(upper(name));
  if (!g) ex->error(ApiError::not_found("no group '" + name + "' in services.groups"));
  return g;
}

void create_broadcast(const std::shared_ptr<Exchange>& ex, ApiContext& ctx) {
  auto body = body_or_answer(ex);
  if (!body) return;
  auto& gw = ctx.gateway();
  const auto& cfg = gw.config();
  auto group = opt_string(*body, "group", 64);
  if (!group) return ex->error(group.error());
  const bool has_list = body->contains("recipients") && !(*body)["recipients"].is_null();
  if (*group && has_list)
    return ex->error(ApiError::invalid("group", "give either group or recipients, not both"));
  if (!*group && !has_list)
    return ex->error(ApiError::invalid("recipients", "group or recipients: one is required"));

  store::BroadcastRequest req;
  if (*group) {
    const auto* g = group_or_answer(ex, cfg, **group);
    if (!g) return;
    if (!ex->caller().may_use_group(g->name))
      return ex->error(ApiError::forbidden("client " + ex->caller().name +
                                           " may not broadcast to group " + g->name +
                                           " (api.clients[].groups)"));
    auto members = gw.store().group_members(g->name);
    if (!members) return ex->error(api_error(members.error()));
    if (members->empty())
      return ex->error(ApiError::invalid("group", "group " + g->name + " has no members"));
    req.recipients = std::move(*members);
    req.name = g->name;
  } else {
    const auto& list = (*body)["recipients"];
    if (!list.is_array() || list.empty())
      return ex->error(
          ApiError::invalid("recipients", "recipients: expected a non-empty list of numbers"));
    if (list.size() > cfg.api.limits.max_recipients)
      return ex->error(ApiError::invalid(
          "recipients", "recipients: " + std::to_string(list.size()) + "; at most " +
                            std::to_string(cfg.api.limits.max_recipients) +
                            " (api.limits.max_recipients)"));
    for (std::size_t i = 0; i < list.size(); ++i) {
      auto n = parse_number(gw.numbers(), list[i], "recipients[" + std::to_string(i) + "]");
      if (!n) return ex->error(n.error());
      req.recipients.push_back(std::move(*n));
    }
  }
  auto opts = parse_send_options(*body, ex->header("Idempotency-Key"), store::Priority::bulk);
  if (!opts) return ex->error(opts.error());
  auto name = opt_string(*body, "name", 128);
  if (!name) return ex->error(name.error());
  if (*name && !(*name)->empty()) req.name = **name;

  const auto now = gw.now_ms();
  req.client = ex->caller().name;
  req.idempotency_key = opts->idempotency_key;
  req.text = opts->text;
  req.encoding = opts->encoding;
  req.segments = opts->segments;
  req.priority = opts->priority;
  req.want_report = opts->want_report;
  req.not_before = opts->not_before;
  if (opts->valid_for_ms) req.valid_until = std::max(now, opts->not_before) + *opts->valid_for_ms;
  const auto encoding = req.encoding;
  const auto segments = req.segments;
  gw.store().create_broadcast(
      std::move(req), now,
      on_loop<store::BroadcastResult>(
          ex, [ex, &gw, encoding, segments](store::Result<store::BroadcastResult> r) {
            if (!r) return ex->error(api_error(r.error()));
            gw.work_added();
            ex->json(http::status::accepted, {{"id", r->id},
                                              {"recipients", r->recipients},
                                              {"duplicate", r->duplicate},
                                              {"encoding", std::string(encoding_name(encoding))},
                                              {"segments", segments}});
          }));
}

void get_broadcast(const std::shared_ptr<Exchange>& ex, ApiContext& ctx) {
  auto id = id_or_answer(ex, "id", "broadcast");
  if (!id) return;
  auto& st = ctx.gateway().store();
  auto p = st.broadcast_progress(*id);
  if (!p) return ex->error(api_error(p.error()));
  auto rate = st.broadcast_sent_since(*id, ctx.gateway().now_ms() - 60'000);
  if (!rate) return ex->error(api_error(rate.error()));
  ex->json(http::status::ok, broadcast_json(*p, *rate));
}

void cancel_broadcast(const std::shared_ptr<Exchange>& ex, ApiContext& ctx) {
  auto id = id_or_answer(ex, "id", "broadcast");
  if (!id) return;
  auto& gw = ctx.gateway();
  gw.store().cancel_broadcast(*id, gw.now_ms(),
                              on_loop<int>(ex, [ex, id = *id, &gw](store::Result<int> r) {
                                if (!r) return ex->error(api_error(r.error()));
                                gw.work_added();
                                ex->json(http::status::ok, {{"id", id}, {"cancelled", *r}});
                              }));
}

void list_groups(const std::shared_ptr<Exchange>& ex, ApiContext& ctx) {
  auto& gw = ctx.gateway();
  Json groups = Json::array();
  for (const auto& g : gw.config().services.groups) {
    auto n = gw.store().group_size(g.name);
    if (!n) return ex->error(api_error(n.error()));
    groups.push_back(
        {{"name", g.name}, {"description", g.description}, {"open", g.open}, {"members", *n}});
  }
  ex->json(http::status::ok, {{"groups", std::move(groups)}});
}

void add_members(const std::shared_ptr<Exchange>& ex, ApiContext& ctx) {
  auto& gw = ctx.gateway();
  const auto* g = group_or_answer(ex, gw.config(), ex->path_param("name"));
  if (!g) return;
  auto body = body_or_answer(ex);
  if (!body) return;
  auto it = body->find("numbers");
  if (it == body->end() || !it->is_array() || it->empty())
    return ex->error(ApiError::invalid("numbers", "numbers: expected a non-empty list"));
  if (it->size() > gw.config().api.limits.max_recipients)
    return ex->error(ApiError::invalid(
        "numbers", "numbers: at most " + std::to_string(gw.config().api.limits.max_recipients) +
                       " (api.limits.max_recipients)"));
  std::vector<std::string> numbers;
  for (std::size_t i = 0; i < it->size(); ++i) {
    auto n = parse_number(gw.numbers(), (*it)[i], "numbers[" + std::to_string(i) + "]");
    if (!n) return ex->error(n.error());
    numbers.push_back(std::move(*n));
  }
  gw.store().group_add(g->name, std::move(numbers), gw.now_ms(),
                       on_loop<int>(ex, [ex](store::Result<int> r) {
                         if (!r) return ex->error(api_error(r.error()));
                         ex->json(http::status::ok, {{"added", *r}});
                       }));
}

void remove_member(const std::shared_ptr<Exchange>& ex, ApiContext& ctx) {
  auto& gw = ctx.gateway();
  const auto* g = group_or_answer(ex, gw.config(), ex->path_param("name"));
  if (!g) return;
  auto n = parse_number(gw.numbers(), Json(ex->path_param("number")), "number");
  if (!n) return ex->error(n.error());
  gw.store().group_remove(
      g->name, *n, gw.now_ms(),
      on_loop<int>(ex, [ex, number = *n, group = g->name](store::Result<int> r) {
        if (!r) return ex->error(api_error(r.error()));
        if (*r == 0) return ex->error(ApiError::not_found(number + " is not a member of " + group));
        ex->json(http::status::ok, {{"removed", *r}});
      }));
}

}  // namespace

void add_broadcast_routes(Routes& r, ApiContext& ctx) {
  using http::verb;
  r.add(verb::post, "/v1/broadcasts", Role::sender, [&ctx](auto ex) { create_broadcast(ex, ctx); });
  r.add(verb::get, "/v1/broadcasts/{id}", Role::reader,
        [&ctx](auto ex) { get_broadcast(ex, ctx); });
  r.add(verb::delete_, "/v1/broadcasts/{id}", Role::sender,
        [&ctx](auto ex) { cancel_broadcast(ex, ctx); });
  r.add(verb::get, "/v1/groups", Role::reader, [&ctx](auto ex) { list_groups(ex, ctx); });
  r.add(verb::post, "/v1/groups/{name}/members", Role::admin,
        [&ctx](auto ex) { add_members(ex, ctx); });
  r.add(verb::delete_, "/v1/groups/{name}/members/{number}", Role::admin,
        [&ctx](auto ex) { remove_member(ex, ctx); });
}

}  // namespace jumbe::api
