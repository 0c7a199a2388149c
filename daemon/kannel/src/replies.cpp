// Kannel's reply texts and statuses for /cgi-bin/sendsms (gw/smsbox.c delayed_http_reply and
// smsbox_req_sendsms): a client that parses "0: Accepted for delivery" keeps working unchanged.
#include "jumbe/kannel/sendsms.hpp"

namespace jumbe::kannel {

Reply reply_for(Outcome outcome) {
  switch (outcome) {
    case Outcome::accepted:
      return {202, "0: Accepted for delivery"};
    case Outcome::queued:
      return {202, "3: Queued for later delivery"};
    case Outcome::not_routable:
      return {403, "Not routable. Do not try again."};
    case Outcome::temporary_failure:
      break;
  }
  return {503, "Temporal failure, try again later."};
}

Reply reply_authorization_failed() {
  return {403, "Authorization failed for sendsms"};
}

Reply reply_disabled() {
  // What smsbox answers for a URL it does not serve.
  return {404, "Unknown request."};
}

bool secure_equals(std::string_view a, std::string_view b) {
  // Every byte of the longer string is looked at whatever the content, so the time taken does
  // not tell an attacker how many leading characters were right.
  const std::size_t n = a.size() > b.size() ? a.size() : b.size();
  unsigned diff = a.size() == b.size() ? 0U : 1U;
  for (std::size_t i = 0; i < n; ++i) {
    const auto x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0U;
    const auto y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0U;
    diff |= x ^ y;
  }
  return diff == 0;
}

}  // namespace jumbe::kannel
