// api-live's routes (see live_routes.hpp). The event stream: subscription from the hub, one
// coroutine per stream moving the hub's frames into the connection's Stream, pausing while the
// socket has more than kStreamHighWater unsent (the Stream itself closes at 1 MiB; a client
// replaying a long backlog must be paced, not dropped). USSD: the session table decides 409s
// before the gateway is asked; modem, status and metrics are snapshots taken on the loop.
#include "jumbe/api/live_routes.hpp"

// clang-format off
#include <utility>  // first: Boost 1.74's awaitable.hpp uses std::exchange without it
// clang-format on
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>

#include "jumbe/api/events_hub.hpp"
#include "jumbe/api/message_json.hpp"
#include "jumbe/api/metrics_text.hpp"
#include "jumbe/api/modems_json.hpp"
#include "jumbe/api/route_util.hpp"
#include "jumbe/api/status_json.hpp"
#include "jumbe/api/ussd_sessions.hpp"
#include "jumbe/gateway/gateway.hpp"
#include "jumbe/log/setup.hpp"
#include "jumbe/version.hpp"

namespace jumbe::api {

namespace asio = boost::asio;

namespace {

constexpr std::size_t kStreamHighWater = 256 * 1024;
constexpr std::size_t kUssdMaxChars = 182;  // TS 23.038 6.1.2.3.1: 182 7-bit characters

struct Live {
  // Made on the first subscription, on the loop's executor (the gateway does not expose its
  // own); the gateway's change listener then wakes it.
  std::unique_ptr<EventHub> hub;
  UssdSessions ussd;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  store::Millis started_at = 0;
};

std::int64_t steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

ApiError from(const UssdError& e) {
  ApiError a;
  a.status = static_cast<http::status>(e.status);
  a.code = e.code;
  a.message = e.message;
  return a;
}

// ---- events ------------------------------------------------------------------------------------

asio::awaitable<void> pump(std::shared_ptr<Subscription> sub, std::shared_ptr<Stream> stream) {
  asio::steady_timer pause(co_await asio::this_coro::executor);
  while (stream->is_open()) {
    auto chunk = co_await sub->next();
    if (chunk.empty()) break;
    if (!stream->write(std::move(chunk))) break;
    while (stream->is_open() && stream->queued_bytes() > kStreamHighWater) {
      pause.expires_after(std::chrono::milliseconds(20));
      boost::system::error_code ec;
      co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
  }
  if (sub->closed() && !sub->close_reason().empty() && stream->is_open()) stream->close();
  sub->close();
}

void events(const std::shared_ptr<Exchange>& ex, ApiContext& ctx, Live& live) {
  auto kinds = parse_kinds(ex->query_param("kinds").value_or(""));
  if (!kinds) return ex->error(ApiError::invalid("kinds", kinds.error()));
  store::EventId after = 0;
  const auto last_id = ex->header("Last-Event-ID");
  if (!last_id.empty()) {
    auto id = parse_event_id(last_id);
    if (!id)
      return ex->error(ApiError::bad_request(
          "Last-Event-ID: '" + std::string(last_id.substr(0, 40)) + "' is not an event id"));
    after = *id;
  } else if (auto q = ex->query_param("after")) {
    auto id = parse_event_id(*q);
    if (!id)
      return ex->error(
          ApiError::invalid("after", "after: '" + q->substr(0, 40) + "' is not an event id"));
    after = *id;
  } else {
    auto c = ctx.gateway().store().cursor(event_cursor_name(ex->caller().name));
    if (!c) return ex->error(api_error(c.error()));
    after = *c;
  }
  Response head{http::status::ok, ex->request().version()};
  head.set(http::field::content_type, "text/event-stream; charset=utf-8");
  head.set(http::field::cache_control, "no-cache");
  head.set("X-Accel-Buffering", "no");  // nginx in front must not buffer the stream
  auto stream = ex->start_stream(std::move(head));
  if (!stream) return;
  // A browser EventSource reconnects after `retry` ms with Last-Event-ID.
  stream->write("retry: 2000\n\n");
  if (!live.hub) {
    live.hub = std::make_unique<EventHub>(ex->executor(), ctx.gateway().store());
    ctx.gateway().add_change_listener(live.hub->waker());
  }
  auto sub = live.hub->subscribe(ex->caller().name, after, *kinds);
  log::get("api")->info("events: {} subscribed after {}", ex->caller().describe(), after);
  std::weak_ptr<Subscription> weak = sub;
  stream->on_close([weak] {
    if (auto s = weak.lock()) s->close();
  });
  asio::co_spawn(ex->executor(), pump(sub, stream), asio::detached);
}

void events_ack(const std::shared_ptr<Exchange>& ex, ApiContext& ctx) {
  auto body = body_or_answer(ex);
  if (!body) return;
  auto upto = opt_int(*body, "upto");
  if (!upto) return ex->error(upto.error());
  if (!*upto || **upto < 0)
    return ex->error(ApiError::invalid("upto", "upto: required, an event id >= 0"));
  auto& gw = ctx.gateway();
  gw.store().ack_events(event_cursor_name(ex->caller().name), **upto, gw.now_ms(),
                        on_loop<store::EventId>(ex, [ex](store::Result<store::EventId> r) {
                          if (!r) return ex->error(api_error(r.error()));
                          ex->json(http::status::ok, {{"acknowledged", *r}});
                        }));
}

// ---- USSD --------------------------------------------------------------------------------------

std::vector<std::string> ready_ussd_modems(gateway::Gateway& gw) {
  std::vector<std::string> out;
  for (const auto& v : gw.modems()) {
    const auto* m = gw.config().find_modem(v.name);
    if (v.ready && m && m->has_role(config::ModemRole::ussd)) out.push_back(v.name);
  }
  return out;
}

void ask(const std::shared_ptr<Exchange>& ex, ApiContext& ctx, const std::shared_ptr<Live>& live,
         const std::string& modem, std::uint64_t ticket, std::string text) {
  std::weak_ptr<Live> weak = live;
  ctx.gateway().ussd(modem, std::move(text),
                     [ex, weak, modem, ticket](tl::expected<gateway::UssdReply, std::string> r) {
                       auto l = weak.lock();
                       if (l)
                         l->ussd.finished(modem, ticket, r.has_value(), r && r->session_open,
                                          steady_ms());
                       if (!r) return ex->error(from(classify_ussd_error(r.error())));
                       ex->json(http::status::ok, ussd_reply_json(*r));
                     });
}

tl::expected<std::string, ApiError> ussd_text(const Json& body, std::string_view field, bool code) {
  auto v = opt_string(body, field, 1024);
  if (!v) return tl::unexpected(v.error());
  if (!*v || (*v)->empty())
    return tl::unexpected(
        ApiError::invalid(std::string(field), std::string(field) + ": required, not empty"));
  if ((*v)->size() > kUssdMaxChars)
    return tl::unexpected(ApiError::invalid(
        std::string(field), std::string(field) + ": longer than 182 characters (USSD limit)"));
  if (code && (*v)->find_first_not_of("0123456789*#+") != std::string::npos)
    return tl::unexpected(ApiError::invalid(
        "code", "code: '" + **v + "' is not a USSD code (digits, * and #, e.g. *144#)"));
  return **v;
}

void ussd_start(const std::shared_ptr<Exchange>& ex, ApiContext& ctx,
                const std::shared_ptr<Live>& live) {
  auto body = body_or_answer(ex);
  if (!body) return;
  auto code = ussd_text(*body, "code", true);
  if (!code) return ex->error(code.error());
  auto modem = opt_string(*body, "modem", 64);
  if (!modem) return ex->error(modem.error());
  auto& gw = ctx.gateway();
  std::string name;
  if (*modem && !(*modem)->empty()) {
    name = **modem;
    const auto* m = gw.config().find_modem(name);
    if (!m) return ex->error(ApiError::not_found("modem '" + name + "' is not configured"));
    if (!m->has_role(config::ModemRole::ussd))
      return ex->error(
          ApiError::invalid("modem", "modem '" + name + "' does not have the ussd role"));
  } else {
    auto chosen = live->ussd.choose(ready_ussd_modems(gw), steady_ms());
    if (!chosen) return ex->error(from(chosen.error()));
    name = *chosen;
  }
  auto ticket = live->ussd.begin_start(name, ex->caller().name, steady_ms());
  if (!ticket) return ex->error(from(ticket.error()));
  ask(ex, ctx, live, name, *ticket, std::move(*code));
}

void ussd_continue(const std::shared_ptr<Exchange>& ex, ApiContext& ctx,
                   const std::shared_ptr<Live>& live) {
  const auto name = ex->path_param("session");
  if (!ctx.gateway().config().find_modem(name))
    return ex->error(ApiError::not_found("no USSD session '" + name + "' (no such modem)"));
  auto body = body_or_answer(ex);
  if (!body) return;
  auto input = ussd_text(*body, "input", false);
  if (!input) return ex->error(input.error());
  auto ticket = live->ussd.begin_continue(name, ex->caller().name,
                                          ex->caller().at_least(Role::admin), steady_ms());
  if (!ticket) return ex->error(from(ticket.error()));
  ask(ex, ctx, live, name, *ticket, std::move(*input));
}

void ussd_cancel(const std::shared_ptr<Exchange>& ex, ApiContext& ctx,
                 const std::shared_ptr<Live>& live) {
  const auto name = ex->path_param("session");
  if (!ctx.gateway().config().find_modem(name))
    return ex->error(ApiError::not_found("no USSD session '" + name + "' (no such modem)"));
  auto c = live->ussd.cancel(name, ex->caller().name, ex->caller().at_least(Role::admin));
  if (!c) return ex->error(from(c.error()));
  if (auto g = ctx.gateway().ussd_cancel(name); !g)
    return ex->error(from(classify_ussd_error(g.error())));
  ex->json(http::status::ok, {{"cancelled", true}});
}

// ---- modems, status, metrics -------------------------------------------------------------------

void modem_one(const std::shared_ptr<Exchange>& ex, ApiContext& ctx) {
  const auto name = ex->path_param("name");
  for (const auto& v : ctx.gateway().modems())
    if (v.name == name) return ex->json(http::status::ok, modem_json(v));
  ex->error(ApiError::not_found("modem '" + name + "' is not configured"));
}

void status(const std::shared_ptr<Exchange>& ex, ApiContext& ctx, const Live& live) {
  auto& gw = ctx.gateway();
  const auto s = gw.status();
  StatusSnapshot snap;
  snap.name = gw.config().gateway.name;
  snap.version = std::string(jumbe::version());
  snap.started_at = live.started_at;
  snap.now = gw.now_ms();
  snap.modems_configured = s.modems;
  snap.modems_ready = s.ready;
  snap.queued = s.queued;
  snap.sending = s.sending;
  snap.held = s.held;
  // Gateway::status() swallows read errors (it feeds sd_notify); ask the store once more so a
  // failing disk shows here.
  if (auto q = gw.store().count_in_state(store::State::queued); !q) snap.store = q.error().message;
  ex->json(http::status::ok, status_json(snap));
}

void metrics(const std::shared_ptr<Exchange>& ex, ApiContext& ctx, const Live& live) {
  auto& gw = ctx.gateway();
  MetricsSnapshot snap;
  snap.gateway = gw.metrics();
  snap.modems = gw.modems();
  if (auto q = gw.store().queue_depths()) {
    for (const auto& d : *q)
      snap.queue.push_back({std::string(store::to_string(d.state)),
                            std::string(store::to_string(d.priority)), d.count});
  } else {
    log::get("api")->warn("metrics: queue depths unavailable: {}", q.error().message);
  }
  snap.uptime_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - live.started).count();
  snap.version = std::string(jumbe::version());
  Response res{http::status::ok, ex->request().version()};
  res.set(http::field::content_type, kPrometheusContentType);
  res.body() = prometheus_text(snap);
  res.prepare_payload();
  ex->respond(std::move(res));
}

}  // namespace

std::string event_cursor_name(const std::string& client) {
  return "events:" + client;
}

void add_live_routes(Routes& r, ApiContext& ctx) {
  using http::verb;
  auto& gw = ctx.gateway();
  auto live = std::make_shared<Live>();
  live->started_at = gw.now_ms();
  ctx.keep(live);
  ctx.on_stop([l = std::weak_ptr<Live>(live)] {
    if (auto p = l.lock(); p && p->hub) p->hub->close_all("server stopping");
  });

  r.add(verb::get, "/v1/events", Role::reader,
        [&ctx, l = live.get()](auto ex) { events(ex, ctx, *l); });
  r.add(verb::post, "/v1/events/ack", Role::reader, [&ctx](auto ex) { events_ack(ex, ctx); });
  std::weak_ptr<Live> weak = live;
  r.add(verb::post, "/v1/ussd", Role::sender, [&ctx, weak](auto ex) {
    if (auto l = weak.lock()) ussd_start(ex, ctx, l);
  });
  r.add(verb::post, "/v1/ussd/{session}", Role::sender, [&ctx, weak](auto ex) {
    if (auto l = weak.lock()) ussd_continue(ex, ctx, l);
  });
  r.add(verb::delete_, "/v1/ussd/{session}", Role::sender, [&ctx, weak](auto ex) {
    if (auto l = weak.lock()) ussd_cancel(ex, ctx, l);
  });
  r.add(verb::get, "/v1/modems", Role::reader,
        [&ctx](auto ex) { ex->json(http::status::ok, modems_json(ctx.gateway().modems())); });
  r.add(verb::get, "/v1/modems/{name}", Role::reader, [&ctx](auto ex) { modem_one(ex, ctx); });
  r.add(verb::get, "/v1/status", Role::reader,
        [&ctx, l = live.get()](auto ex) { status(ex, ctx, *l); });
  r.add(verb::get, "/metrics", Role::reader,
        [&ctx, l = live.get()](auto ex) { metrics(ex, ctx, *l); });
}

}  // namespace jumbe::api
