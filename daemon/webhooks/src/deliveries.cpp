// Events into HTTP deliveries (deliveries.hpp).
#include "jumbe/webhooks/deliveries.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>

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

std::string rfc3339_ms(std::int64_t ms) {
  const std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(ms % 1000));
  return buf;
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

std::string_view kind_name(store::EventKind kind) {
  switch (kind) {
    case store::EventKind::inbound:
      return "inbound";
    case store::EventKind::state_changed:
      return "state";
    case store::EventKind::delivery_report:
      return "delivery";
    case store::EventKind::modem_health:
      return "modem";
    case store::EventKind::ussd:
      return "ussd";
    case store::EventKind::broadcast:
      break;
  }
  return "broadcast";
}

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
               {"X-Jumbe-Event", std::string(kind_name(e.kind))},
               {"X-Jumbe-Webhook", hook.name}};
  if (!hook.secret.empty())
    d.headers.emplace_back(std::string(kSignatureHeader),
                           signature_value(hook.secret.reveal(), body));
  d.body = std::move(body);
  return d;
}

std::string default_event_body(const store::Event& e,
                               const std::optional<store::InboundMessage>& inbound,
                               const std::optional<store::Message>& message) {
  nlohmann::json j;
  j["id"] = e.id;
  j["at"] = rfc3339_ms(e.at);
  j["kind"] = kind_name(e.kind);
  j["subject"] = e.subject_id;
  j["state"] = nullptr;
  j["detail"] = e.detail;
  switch (e.kind) {
    case store::EventKind::inbound:
      if (e.state)
        j["state"] = *e.state == 1 ? "complete" : *e.state == 2 ? "incomplete" : "assembling";
      j["from"] = inbound ? nlohmann::json(inbound->sender) : nlohmann::json();
      j["text"] = inbound && inbound->text ? nlohmann::json(*inbound->text) : nlohmann::json();
      j["modem"] = inbound ? nlohmann::json(inbound->modem) : nlohmann::json();
      break;
    case store::EventKind::delivery_report:
      if (e.state) j["status"] = *e.state;  // TP-ST (TS 23.040 9.2.3.15)
      [[fallthrough]];
    case store::EventKind::state_changed:
      if (e.kind == store::EventKind::state_changed && e.state)
        j["state"] = store::to_string(static_cast<store::State>(*e.state));
      j["to"] = message ? nlohmann::json(message->recipient) : nlohmann::json();
      j["client_ref"] = message ? nlohmann::json(message->origin) : nlohmann::json();
      break;
    default:
      if (e.state) j["state"] = *e.state;
      break;
  }
  // A modem's text that is not valid UTF-8 becomes U+FFFD instead of an exception.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
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
