// Kannel's /cgi-bin/sendsms on jumbed's API (docs/kannel.md): a system that talks to Kannel
// (RapidPro's and playSMS's Kannel channels, scripts) switches by changing the URL. The request is
// parsed and authenticated by kannel::parse_sendsms (username/password, not SO_PEERCRED or a
// bearer token, so the route is open to `anyone` and checks by itself); the user's api.clients
// entry must be a sender. Each receiver becomes one message through Gateway::submit, so Kannel's
// "0: Accepted for delivery" is sent only once every message is durable. The dlr-mask and
// dlr-url travel in the message's origin, where the webhooks Dispatcher's kannel:dlr lane finds
// them when the state changes.
#include <cctype>

#include "jumbe/api/routes.hpp"
#include "jumbe/gateway/gateway.hpp"
#include "jumbe/kannel/sendsms.hpp"
#include "jumbe/log/setup.hpp"

namespace jumbe::api {

namespace {

void answer(const std::shared_ptr<Exchange>& ex, const kannel::Reply& r) {
  Response res{static_cast<http::status>(r.status), ex->request().version()};
  res.set(http::field::content_type, r.content_type);
  res.set(http::field::cache_control, "no-cache");
  res.body() = r.body;
  res.prepare_payload();
  ex->respond(std::move(res));
}

bool istarts_with(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) !=
        std::tolower(static_cast<unsigned char>(prefix[i])))
      return false;
  return true;
}

bool may_send(const config::Config& cfg, std::string_view client) {
  const auto* c = cfg.find_client(client);
  return c != nullptr &&
         (c->role == config::ClientRole::sender || c->role == config::ClientRole::admin);
}

// Collects the receivers' results; answers once the last one is in.
struct KannelBatch {
  std::shared_ptr<Exchange> ex;
  std::size_t pending = 0;
  std::size_t accepted = 0;
  std::size_t store_failures = 0;
  bool any_ready = false;
};

void finish(const KannelBatch& b) {
  using kannel::Outcome;
  // Kannel answers for the request as a whole: a store failure means "try again" (what was
  // already accepted is kept; Kannel clients resend the whole request, as they would to Kannel).
  Outcome o = b.store_failures > 0 ? Outcome::temporary_failure
              : b.accepted == 0    ? Outcome::not_routable
              : b.any_ready        ? Outcome::accepted
                                   : Outcome::queued;
  answer(b.ex, kannel::reply_for(o));
}

void sendsms(const std::shared_ptr<Exchange>& ex, ApiContext& ctx) {
  auto& gw = ctx.gateway();
  const auto& cfg = gw.config();
  if (!cfg.kannel.enabled) return answer(ex, kannel::reply_disabled());
  const auto& req = ex->request();
  kannel::HttpRequest in;
  in.method = req.method_string();
  in.target = req.target();
  in.content_type = ex->header(http::field::content_type);
  in.body = req.body();
  if (req.method() == http::verb::post)
    for (const auto& f : req)
      if (istarts_with(f.name_string(), "X-Kannel"))
        in.headers.emplace_back(f.name_string(), f.value());
  auto parsed = kannel::parse_sendsms(in, cfg.kannel);
  if (!parsed) return answer(ex, parsed.error());
  if (!may_send(cfg, parsed->client)) {
    log::get("api")->warn("kannel: user {} maps to api client '{}', which may not send",
                          parsed->username, parsed->client);
    return answer(ex, kannel::reply_authorization_failed());
  }

  auto batch = std::make_shared<KannelBatch>();
  batch->ex = ex;
  batch->any_ready = gw.any_modem_ready();
  std::vector<gateway::Submission> subs;
  for (const auto& to : parsed->recipients) {
    gateway::Submission s;
    s.client = parsed->client;
    s.to = to;
    s.text = parsed->text;
    s.priority = parsed->priority;
    s.want_report = parsed->dlr_mask != 0;
    s.valid_for_ms = parsed->valid_for_ms;
    s.not_before = parsed->defer_ms > 0 ? gw.now_ms() + parsed->defer_ms : 0;
    s.origin = parsed->origin;
    if (auto addr = gw.numbers().parse_recipient(to)) s.recipient = std::move(*addr);
    // What the gateway would refuse (a number it cannot route, a text over the segment limit) is
    // left out here so the other receivers still go and a store error stays the only failure
    // after this; with nothing left the answer is Kannel's "Not routable".
    if (auto ok = gateway::make_request(s, gw.numbers(), {}, gw.now_ms()); !ok) {
      log::get("api")->info("kannel: user {}: not sent to '{}': {}", parsed->username, to,
                            ok.error());
      continue;
    }
    subs.push_back(std::move(s));
  }
  if (subs.empty()) return finish(*batch);
  batch->pending = subs.size();
  for (const auto& s : subs)
    gw.submit(s, std::function<void(tl::expected<gateway::SubmitResult, std::string>)>(
                     [batch](tl::expected<gateway::SubmitResult, std::string> r) {
                       if (r)
                         ++batch->accepted;
                       else {
                         ++batch->store_failures;
                         log::get("api")->error("kannel: message not stored: {}", r.error());
                       }
                       if (--batch->pending == 0) finish(*batch);
                     }));
}

}  // namespace

void add_kannel_routes(Routes& r, ApiContext& ctx) {
  for (auto verb : {http::verb::get, http::verb::post})
    r.add(verb, "/cgi-bin/sendsms", Role::anyone, [&ctx](auto ex) { sendsms(ex, ctx); });
}

}  // namespace jumbe::api
