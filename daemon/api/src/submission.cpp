// Submission validation (see submission.hpp). The segment plan comes from the PDU codec
// (TS 23.038 alphabets, TS 23.040 9.2.3.24.1 concatenation) so the 202 already says what the
// message will cost.
#include "jumbe/api/submission.hpp"

#include "jumbe/pdu/segment.hpp"

namespace jumbe::api {

std::string_view encoding_name(store::Encoding e) noexcept {
  switch (e) {
    case store::Encoding::gsm7:
      return "gsm7";
    case store::Encoding::ucs2:
      return "ucs2";
    case store::Encoding::eight_bit:
      return "8bit";
  }
  return "gsm7";
}

tl::expected<SendOptions, ApiError> parse_send_options(const Json& body,
                                                       std::string_view idempotency_header,
                                                       store::Priority default_priority) {
  SendOptions o;
  o.priority = default_priority;
  auto text = opt_string(body, "text");
  if (!text) return tl::unexpected(text.error());
  if (!*text || (*text)->empty())
    return tl::unexpected(ApiError::invalid("text", "text: required and not empty"));
  o.text = std::move(**text);
  auto plan = pdu::plan_segments(o.text);
  if (!plan) return tl::unexpected(ApiError::invalid("text", "text: not valid UTF-8"));
  if (plan->segments > pdu::max_segments)
    return tl::unexpected(ApiError::invalid(
        "text", "text: too long (" + std::to_string(plan->segments) + " segments; at most 255)"));
  o.segments = static_cast<int>(plan->segments);
  o.encoding = plan->encoding == pdu::Encoding::ucs2        ? store::Encoding::ucs2
               : plan->encoding == pdu::Encoding::eight_bit ? store::Encoding::eight_bit
                                                            : store::Encoding::gsm7;

  auto prio = opt_string(body, "priority", 32);
  if (!prio) return tl::unexpected(prio.error());
  if (*prio) {
    auto p = gateway::parse_priority(**prio);
    if (!p) return tl::unexpected(ApiError::invalid("priority", p.error()));
    o.priority = *p;
  }
  auto vf = opt_duration(body, "valid_for");
  if (!vf) return tl::unexpected(vf.error());
  o.valid_for_ms = *vf;
  auto nb = opt_time(body, "not_before");
  if (!nb) return tl::unexpected(nb.error());
  o.not_before = nb->value_or(0);
  auto sr = opt_bool(body, "status_report");
  if (!sr) return tl::unexpected(sr.error());
  o.want_report = sr->value_or(true);
  auto key = opt_string(body, "idempotency_key", 128);
  if (!key) return tl::unexpected(key.error());
  if (*key) {
    o.idempotency_key = **key;
  } else if (!idempotency_header.empty()) {
    if (idempotency_header.size() > 128)
      return tl::unexpected(
          ApiError::invalid("Idempotency-Key", "Idempotency-Key header: at most 128 characters"));
    o.idempotency_key = std::string(idempotency_header);
  }
  return o;
}

namespace {

tl::expected<config::Address, ApiError> parse_e164(const config::Numbers& numbers,
                                                   const Json& value, const std::string& field) {
  if (!value.is_string())
    return tl::unexpected(ApiError::invalid(field, field + ": expected a phone number string"));
  auto a = numbers.parse_recipient(value.get_ref<const std::string&>());
  if (!a) return tl::unexpected(ApiError::invalid(field, field + ": " + a.error().message));
  // The queue holds E.164 numbers only; a 5-digit "number" is far more often a mistyped mobile
  // number than a service code someone means to text.
  if (a->kind != config::AddressKind::e164)
    return tl::unexpected(ApiError::invalid(
        field, field + ": '" + value.get<std::string>() +
                   "' is a short code; messages go to full phone numbers (+254712345678)"));
  return std::move(*a);
}

}  // namespace

tl::expected<std::string, ApiError> parse_number(const config::Numbers& numbers, const Json& value,
                                                 const std::string& field) {
  auto a = parse_e164(numbers, value, field);
  if (!a) return tl::unexpected(a.error());
  return std::move(a->text);
}

tl::expected<MessageSubmission, ApiError> parse_message_submission(
    const Json& body, std::string_view idempotency_header, const std::string& client,
    const config::Config& cfg, const config::Numbers& numbers) {
  MessageSubmission out;
  auto to_it = body.find("to");
  if (to_it == body.end() || to_it->is_null())
    return tl::unexpected(ApiError::invalid("to", "to: required (a number or a list of numbers)"));
  std::vector<config::Address> recipients;
  if (to_it->is_array()) {
    out.many = true;
    if (to_it->empty()) return tl::unexpected(ApiError::invalid("to", "to: the list is empty"));
    if (to_it->size() > cfg.api.limits.max_recipients)
      return tl::unexpected(
          ApiError::invalid("to", "to: " + std::to_string(to_it->size()) + " recipients; at most " +
                                      std::to_string(cfg.api.limits.max_recipients) +
                                      " (api.limits.max_recipients)"));
    for (std::size_t i = 0; i < to_it->size(); ++i) {
      auto n = parse_e164(numbers, (*to_it)[i], "to[" + std::to_string(i) + "]");
      if (!n) return tl::unexpected(n.error());
      recipients.push_back(std::move(*n));
    }
  } else {
    auto n = parse_e164(numbers, *to_it, "to");
    if (!n) return tl::unexpected(n.error());
    recipients.push_back(std::move(*n));
  }

  auto opts = parse_send_options(body, idempotency_header, store::Priority::normal);
  if (!opts) return tl::unexpected(opts.error());
  auto ref = opt_string(body, "client_ref", 64);
  if (!ref) return tl::unexpected(ref.error());
  out.client_ref = ref->value_or("");
  auto modem = opt_string(body, "modem", 64);
  if (!modem) return tl::unexpected(modem.error());
  if (*modem && !(*modem)->empty()) {
    const auto* m = cfg.find_modem(**modem);
    if (!m || !m->enabled || !m->has_role(config::ModemRole::send))
      return tl::unexpected(ApiError::invalid(
          "modem", "modem: '" + **modem + "' is not a configured modem that may send"));
  }

  for (std::size_t i = 0; i < recipients.size(); ++i) {
    gateway::Submission s;
    s.client = client;
    if (!opts->idempotency_key.empty())
      s.idempotency_key =
          out.many ? opts->idempotency_key + "/" + std::to_string(i) : opts->idempotency_key;
    s.to = recipients[i].text;
    s.recipient = std::move(recipients[i]);
    s.text = opts->text;
    s.priority = opts->priority;
    s.want_report = opts->want_report;
    s.valid_for_ms = opts->valid_for_ms;
    s.not_before = opts->not_before;
    s.preferred_modem = modem->value_or("");
    s.origin = out.client_ref;
    s.origin_kind = store::OriginKind::api;
    out.items.push_back(std::move(s));
  }
  return out;
}

}  // namespace jumbe::api
