// Building outbound requests (see submit.hpp).
#include "jumbe/gateway/submit.hpp"

#include "jumbe/pdu/segment.hpp"

namespace jumbe::gateway {

tl::expected<store::OutboundRequest, std::string> make_request(const Submission& s,
                                                               const config::Numbers& numbers,
                                                               const router::Preference& pref,
                                                               std::int64_t now) {
  auto to = s.recipient ? tl::expected<config::Address, config::NumberError>(*s.recipient)
                        : numbers.parse_recipient(s.to);
  if (!to) return tl::unexpected(to.error().message);
  auto plan = pdu::plan_segments(s.text);
  if (!plan) return tl::unexpected(std::string("text: cannot be encoded as SMS (bad UTF-8)"));
  if (plan->segments > pdu::max_segments)
    return tl::unexpected("text: too long (" + std::to_string(plan->segments) +
                          " segments; at most 255)");
  store::OutboundRequest r;
  r.client = s.client;
  r.idempotency_key = s.idempotency_key;
  r.recipient = to->text;
  r.text = s.text;
  r.encoding = plan->encoding == pdu::Encoding::ucs2        ? store::Encoding::ucs2
               : plan->encoding == pdu::Encoding::eight_bit ? store::Encoding::eight_bit
                                                            : store::Encoding::gsm7;
  r.segments = static_cast<int>(plan->segments);
  r.priority = s.priority;
  r.want_report = s.want_report;
  if (s.valid_for_ms) {
    if (*s.valid_for_ms <= 0) return tl::unexpected(std::string("valid_for: must be positive"));
    r.valid_until = (s.not_before > now ? s.not_before : now) + *s.valid_for_ms;
  }
  r.not_before = s.not_before;
  r.preferred_modem = s.preferred_modem;
  r.origin = s.origin;
  r.origin_kind = s.origin_kind;
  if (!pref.operator_name.empty() && pref.operator_name == to->operator_name) {
    r.preferred_operator = pref.operator_name;
    r.operator_grace_ms = pref.grace_ms;
  }
  return r;
}

tl::expected<store::Priority, std::string> parse_priority(std::string_view text) {
  if (text == "emergency") return store::Priority::emergency;
  if (text == "high") return store::Priority::high;
  if (text == "normal") return store::Priority::normal;
  if (text == "bulk") return store::Priority::bulk;
  return tl::unexpected("priority '" + std::string(text) +
                        "': expected emergency, high, normal or bulk");
}

}  // namespace jumbe::gateway
