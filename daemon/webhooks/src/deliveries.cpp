// Events into HTTP deliveries (deliveries.hpp).
#include "jumbe/webhooks/deliveries.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>

#include "jumbe/events/event_json.hpp"
#include "jumbe/kannel/dlr.hpp"
#include "jumbe/kannel/escapes.hpp"
#include "jumbe/webhooks/signature.hpp"

namespace jumbe::webhooks {

namespace {

std::string upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

std::string first_word(std::string_view text) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  std::size_t i = 0;
  while (i < text.size() && space(text[i]))
    ++i;
  std::size_t j = i;
  while (j < text.size() && !space(text[j]))
    ++j;
  return upper(text.substr(i, j - i));
}

store::EventKind to_store(config::EventKind k) {
  switch (k) {
    case config::EventKind::inbound:
      return store::EventKind::inbound;
    case config::EventKind::state:
      return store::EventKind::state_changed;
    case config::EventKind::delivery:
      return store::EventKind::delivery_report;
    case config::EventKind::modem:
      return store::EventKind::modem_health;
    case config::EventKind::ussd:
      return store::EventKind::ussd;
    case config::EventKind::broadcast:
      break;
  }
  return store::EventKind::broadcast;
}

}  // namespace

bool webhook_wants(const config::WebhookConfig& hook, store::EventKind kind) {
  return std::any_of(hook.events.begin(), hook.events.end(),
                     [&](config::EventKind k) { return to_store(k) == kind; });
}

Delivery webhook_delivery(const config::WebhookConfig& hook, const store::Event& e,
                          std::string body) {
  Delivery d;
  d.method = "POST";
  d.url = hook.url;
  d.headers = {{"Content-Type", "application/json; charset=utf-8"},
               {"X-Jumbe-Event-Id", std::to_string(e.id)},
               {"X-Jumbe-Event", std::string(events::kind_name(e.kind))},
               {"X-Jumbe-Webhook", hook.name}};
  if (!hook.secret.empty())
    d.headers.emplace_back(std::string(kSignatureHeader),
                           signature_value(hook.secret.reveal(), body));
  d.body = std::move(body);
  return d;
}

std::optional<Delivery> dlr_delivery(const store::Event& e, const store::Message& m) {
  const auto req = kannel::decode_dlr_origin(m.origin);
  if (!req) return std::nullopt;
  const auto dlr = kannel::dlr_for_event(e, m);
  if (!dlr || (req->mask & dlr->value) == 0) return std::nullopt;
  kannel::EscapeContext ctx;
  ctx.sender = m.recipient;
  ctx.text = dlr->reply;
  ctx.dlr = dlr->value;
  ctx.smsc_id = m.modem;
  ctx.id = std::to_string(m.id);
  if (!m.segment_log.empty()) ctx.foreign_id = std::to_string(m.segment_log.back().tp_mr);
  ctx.time_s = e.at / 1000;
  ctx.coding = m.encoding == store::Encoding::ucs2 ? 2 : 0;
  ctx.dlr_url = req->url;
  Delivery d;
  d.method = "GET";
  d.url = kannel::expand_escapes(req->url, ctx);
  return d;
}

std::vector<std::string> claimed_keywords(const config::Config& cfg,
                                          const config::KannelForward& self) {
  std::vector<std::string> out;
  for (const auto& [action, words] : cfg.services.keywords)
    for (const auto& w : words)
      out.push_back(upper(w));
  for (const auto& fw : cfg.kannel.forwards)
    if (&fw != &self && fw.keyword != "default") out.push_back(upper(fw.keyword));
  return out;
}

bool forward_matches(const config::KannelForward& fw, std::string_view text,
                     const std::vector<std::string>& claimed) {
  const std::string word = first_word(text);
  if (fw.keyword != "default") return word == upper(fw.keyword);
  return std::find(claimed.begin(), claimed.end(), word) == claimed.end();
}

Delivery forward_delivery(const config::KannelForward& fw, const store::InboundMessage& m,
                          std::int64_t at_ms) {
  kannel::EscapeContext ctx;
  ctx.sender = m.sender;
  ctx.text = m.text.value_or("");
  ctx.smsc_id = m.modem;
  ctx.id = std::to_string(m.id);
  ctx.service = fw.keyword;
  ctx.time_s = at_ms / 1000;
  Delivery d;
  d.url = kannel::expand_escapes(fw.url, ctx);
  if (!fw.post) {
    d.method = "GET";
    return d;
  }
  // Kannel post-url: the text is the body, the metadata in X-Kannel-* headers.
  std::string time = kannel::kannel_time(ctx.time_s);
  std::replace(time.begin(), time.end(), '+', ' ');
  d.method = "POST";
  d.headers = {{"Content-Type", "text/plain; charset=UTF-8"},
               {"X-Kannel-From", m.sender},
               {"X-Kannel-To", ""},
               {"X-Kannel-Time", time},
               {"X-Kannel-SMSC", m.modem},
               {"X-Kannel-Coding", "0"}};
  d.body = ctx.text;
  return d;
}

}  // namespace jumbe::webhooks
