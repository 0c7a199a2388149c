// Inbox endpoints (api-contract.md "Inbox"): inbound messages after a cursor (by default this
// client's acknowledged one, store cursor "inbox:<client>"), and acknowledging up to an id. The
// store's cursor never moves back, so a late or repeated ack is harmless.
#include "jumbe/api/message_json.hpp"
#include "jumbe/api/route_util.hpp"
#include "jumbe/gateway/gateway.hpp"

namespace jumbe::api {

namespace {

std::string cursor_name(const Caller& c) {
  return "inbox:" + c.name;
}

void list_inbox(const std::shared_ptr<Exchange>& ex, ApiContext& ctx) {
  auto& st = ctx.gateway().store();
  std::int64_t fallback = 0;
  if (!ex->query_param("after")) {
    auto c = st.cursor(cursor_name(ex->caller()));
    if (!c) return ex->error(api_error(c.error()));
    fallback = *c;
  }
  auto after = query_int(ex->query_param("after"), "after", fallback, 0, INT64_MAX);
  if (!after) return ex->error(after.error());
  auto limit = query_int(ex->query_param("limit"), "limit", 100, 1, 10000);
  if (!limit) return ex->error(limit.error());
  auto rows = st.inbox_after(*after, static_cast<int>(*limit));
  if (!rows) return ex->error(api_error(rows.error()));
  Json list = Json::array();
  for (const auto& m : *rows)
    list.push_back(inbox_json(m));
  const bool more = static_cast<std::int64_t>(rows->size()) == *limit;
  ex->json(http::status::ok,
           {{"messages", std::move(list)},
            {"next", more && !rows->empty() ? Json(rows->back().id) : Json(nullptr)}});
}

void ack_inbox(const std::shared_ptr<Exchange>& ex, ApiContext& ctx) {
  auto body = body_or_answer(ex);
  if (!body) return;
  auto upto = opt_int(*body, "upto");
  if (!upto) return ex->error(upto.error());
  if (!*upto || **upto < 0)
    return ex->error(ApiError::invalid("upto", "upto: required, an inbound message id >= 0"));
  auto& gw = ctx.gateway();
  gw.store().ack_events(cursor_name(ex->caller()), **upto, gw.now_ms(),
                        on_loop<store::EventId>(ex, [ex](store::Result<store::EventId> r) {
                          if (!r) return ex->error(api_error(r.error()));
                          ex->json(http::status::ok, {{"acknowledged", *r}});
                        }));
}

}  // namespace

void add_inbox_routes(Routes& r, ApiContext& ctx) {
  using http::verb;
  r.add(verb::get, "/v1/inbox", Role::reader, [&ctx](auto ex) { list_inbox(ex, ctx); });
  r.add(verb::post, "/v1/inbox/ack", Role::sender, [&ctx](auto ex) { ack_inbox(ex, ctx); });
}

}  // namespace jumbe::api
