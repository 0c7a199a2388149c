// Message endpoints (api-contract.md "Messages"): submit (one or many recipients, 202), get,
// cancel, preview, the queue listing and release of held messages. Submissions go through
// Gateway::submit, so a 202 is sent only after the store made the message durable.
#include <boost/asio/post.hpp>

#include "jumbe/api/message_json.hpp"
#include "jumbe/api/route_util.hpp"
#include "jumbe/api/submission.hpp"
#include "jumbe/gateway/gateway.hpp"
#include "jumbe/pdu/segment.hpp"

namespace jumbe::api {

namespace {

// Collects the results of one submission's recipients (in request order) and answers once the
// last one is durable.
struct Batch {
  std::shared_ptr<Exchange> ex;
  MessageSubmission sub;
  std::vector<Json> results;
  std::size_t pending = 0;
  std::size_t failed = 0;
  std::string first_error;
};

void finish(const std::shared_ptr<Batch>& b, gateway::Gateway& gw) {
  if (b->failed > 0) {
    const auto accepted = b->sub.items.size() - b->failed;
    std::string msg = b->first_error;
    if (b->sub.many)
      msg = std::to_string(accepted) + " of " + std::to_string(b->sub.items.size()) +
            " recipients accepted; resubmit with the same idempotency_key to finish: " + msg;
    b->ex->error(ApiError::unavailable(msg));
    return;
  }
  (void)gw;
  if (b->sub.many)
    b->ex->json(http::status::accepted, Json{{"messages", std::move(b->results)}});
  else
    b->ex->json(http::status::accepted, std::move(b->results.front()));
}

void submit_messages(const std::shared_ptr<Exchange>& ex, ApiContext& ctx) {
  auto body = body_or_answer(ex);
  if (!body) return;
  auto& gw = ctx.gateway();
  auto sub = parse_message_submission(*body, ex->header("Idempotency-Key"), ex->caller().name,
                                      gw.config(), gw.numbers());
  if (!sub) return ex->error(sub.error());
  auto b = std::make_shared<Batch>();
  b->ex = ex;
  b->sub = std::move(*sub);
  b->results.resize(b->sub.items.size());
  b->pending = b->sub.items.size();
  for (std::size_t i = 0; i < b->sub.items.size(); ++i) {
    gw.submit(b->sub.items[i],
              std::function<void(tl::expected<gateway::SubmitResult, std::string>)>(
                  [b, i, &gw](tl::expected<gateway::SubmitResult, std::string> r) {
                    if (!r) {
                      if (b->failed++ == 0) b->first_error = r.error();
                    } else {
                      std::string state = "queued";
                      // A duplicate says where the first message is now.
                      if (r->duplicate)
                        if (auto m = gw.store().message(r->id); m)
                          state = std::string(store::to_string(m->state));
                      b->results[i] = {
                          {"id", r->id},
                          {"to", b->sub.items[i].to},
                          {"state", state},
                          {"encoding", std::string(encoding_name(r->encoding))},
                          {"segments", r->segments},
                          {"duplicate", r->duplicate},
                          {"client_ref",
                           b->sub.client_ref.empty() ? Json(nullptr) : Json(b->sub.client_ref)}};
                    }
                    if (--b->pending == 0) finish(b, gw);
                  }));
  }
}

void get_message(const std::shared_ptr<Exchange>& ex, ApiContext& ctx) {
  auto id = id_or_answer(ex, "id", "message");
  if (!id) return;
  auto m = ctx.gateway().store().message(*id);
  if (!m) return ex->error(api_error(m.error()));
  ex->json(http::status::ok, message_json(*m));
}

// Senders may cancel their own messages; admins any (api-contract.md "Roles").
bool may_touch(const Caller& c, const store::Message& m) {
  return c.role == Role::admin || (!c.name.empty() && c.name == m.client);
}

void cancel_message(const std::shared_ptr<Exchange>& ex, ApiContext& ctx) {
  auto id = id_or_answer(ex, "id", "message");
  if (!id) return;
  auto& gw = ctx.gateway();
  auto m = gw.store().message(*id);
  if (!m) return ex->error(api_error(m.error()));
  if (!may_touch(ex->caller(), *m))
    return ex->error(ApiError::forbidden("message " + std::to_string(*id) +
                                         " was submitted by another client; only an admin may "
                                         "cancel it"));
  gw.store().cancel(
      *id, gw.now_ms(),
      on_loop<store::State>(ex, [ex, id = *id, &gw](store::Result<store::State> r) {
        if (!r) {
          auto e = api_error(r.error());
          if (r.error().code == store::ErrorCode::conflict) {
            auto now = gw.store().message(id);
            e.message =
                "message " + std::to_string(id) + " cannot be cancelled: " +
                (now ? "it is " + std::string(store::to_string(now->state)) : r.error().message);
          }
          return ex->error(e);
        }
        gw.work_added();  // wakes change listeners (event stream)
        ex->json(http::status::ok, {{"id", id}, {"state", std::string(store::to_string(*r))}});
      }));
}

void preview(const std::shared_ptr<Exchange>& ex) {
  auto body = body_or_answer(ex);
  if (!body) return;
  auto text = opt_string(*body, "text");
  if (!text) return ex->error(text.error());
  if (!*text) return ex->error(ApiError::invalid("text", "text: required"));
  auto plan = pdu::plan_segments(**text);
  if (!plan) return ex->error(ApiError::invalid("text", "text: not valid UTF-8"));
  ex->json(http::status::ok, {{"encoding", std::string(pdu::to_string(plan->encoding))},
                              {"segments", plan->segments},
                              {"characters", plan->characters},
                              {"characters_left", plan->units_left},
                              {"per_segment", plan->units_per_segment}});
}

void list_queue(const std::shared_ptr<Exchange>& ex, ApiContext& ctx) {
  const auto state_text = ex->query_param("state").value_or("queued");
  store::State state;
  if (state_text == "queued")
    state = store::State::queued;
  else if (state_text == "held")
    state = store::State::held;
  else if (state_text == "sending")
    state = store::State::sending;
  else
    return ex->error(
        ApiError::invalid("state", "state '" + state_text + "': expected queued, held or sending"));
  auto limit = query_int(ex->query_param("limit"), "limit", 100, 1, 10000);
  if (!limit) return ex->error(limit.error());
  auto after = query_int(ex->query_param("after"), "after", 0, 0, INT64_MAX);
  if (!after) return ex->error(after.error());
  auto rows = ctx.gateway().store().messages_in_state(state, *after, static_cast<int>(*limit));
  if (!rows) return ex->error(api_error(rows.error()));
  Json list = Json::array();
  for (const auto& m : *rows)
    list.push_back(queue_row_json(m));
  const bool more = static_cast<std::int64_t>(rows->size()) == *limit;
  ex->json(http::status::ok,
           {{"messages", std::move(list)},
            {"next", more && !rows->empty() ? Json(rows->back().id) : Json(nullptr)}});
}

void release(const std::shared_ptr<Exchange>& ex, ApiContext& ctx) {
  auto id = id_or_answer(ex, "id", "message");
  if (!id) return;
  auto& gw = ctx.gateway();
  gw.store().release_held(
      *id, gw.now_ms(),
      on_loop<store::State>(ex, [ex, id = *id, &gw](store::Result<store::State> r) {
        if (!r) {
          auto e = api_error(r.error());
          if (r.error().code == store::ErrorCode::conflict) {
            auto now = gw.store().message(id);
            e.message = "message " + std::to_string(id) + " is not held" +
                        (now ? " (it is " + std::string(store::to_string(now->state)) + ")"
                             : std::string());
          }
          return ex->error(e);
        }
        gw.work_added();
        ex->json(http::status::ok, {{"id", id}, {"state", std::string(store::to_string(*r))}});
      }));
}

}  // namespace

void add_message_routes(Routes& r, ApiContext& ctx) {
  using http::verb;
  r.add(verb::post, "/v1/messages", Role::sender, [&ctx](auto ex) { submit_messages(ex, ctx); });
  r.add(verb::post, "/v1/messages/preview", Role::sender, [](auto ex) { preview(ex); });
  r.add(verb::get, "/v1/messages/{id}", Role::reader, [&ctx](auto ex) { get_message(ex, ctx); });
  r.add(verb::delete_, "/v1/messages/{id}", Role::sender,
        [&ctx](auto ex) { cancel_message(ex, ctx); });
  r.add(verb::post, "/v1/messages/{id}/release", Role::admin,
        [&ctx](auto ex) { release(ex, ctx); });
  r.add(verb::get, "/v1/queue", Role::reader, [&ctx](auto ex) { list_queue(ex, ctx); });
}

}  // namespace jumbe::api
