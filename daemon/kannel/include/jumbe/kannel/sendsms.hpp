// Kannel's HTTP send interface, /cgi-bin/sendsms, as a pure function for the API route.
// Source: Kannel 1.4 gw/smsbox.c (smsbox_req_sendsms, smsbox_sendsms_post, smsbox_req_handle,
// get_x_kannel_from_headers) and the user guide's "SMS Push (send-sms) CGI Variables" table.
// Contract: parse_sendsms() never throws; it authenticates the user (constant-time password
// compare) and checks every parameter in Kannel's order, answering a refused request with
// Kannel's own reply text and status. What jumbe cannot do (udh, 8-bit binary) is refused with
// a reply that says so; parameters that only tune an SMSC (pid, alt-dcs, rpi, compress, mwi,
// mclass) are range-checked like Kannel and otherwise ignored (docs/kannel.md).
//
// How the API route uses it (daemon/api kannel_route):
//   kannel::HttpRequest in{req.method_string(), req.target(), req[http::field::content_type],
//                          req.body(), {}};
//   for (auto& f : req) if (f.name_string().starts_with("X-Kannel") ... )   // only for POST
//     in.headers.emplace_back(f.name_string(), f.value());
//   auto parsed = kannel::parse_sendsms(in, cfg.kannel);
//   if (!parsed) -> respond parsed.error() (status, body, content_type)
//   else: the api client parsed->client must have the sender role, else
//         kannel::reply_authorization_failed(); then for each parsed->recipients[i]:
//         gateway::Submission s{.client = parsed->client, .to = recipient, .text = parsed->text,
//           .priority = parsed->priority, .valid_for_ms = parsed->valid_for_ms,
//           .not_before = parsed->defer_ms ? now + parsed->defer_ms : 0,
//           .origin = parsed->origin};   // origin keeps dlr-mask + dlr-url durably (dlr.hpp)
//         Gateway::submit(s, ...); answer kannel::reply_for(outcome) once all are in:
//         accepted (or queued when no modem is ready), not_routable for a number the gateway
//         refuses, temporary_failure when the store fails.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <utility>
#include <vector>

#include "jumbe/config/config.hpp"
#include "jumbe/store/types.hpp"

namespace jumbe::kannel {

// An HTTP reply exactly as Kannel's smsbox gives it (Content-type text/html, no-cache).
struct Reply {
  unsigned status = 202;
  std::string body;
  std::string content_type = "text/html";
  friend bool operator==(const Reply&, const Reply&) = default;
};

// The parts of the HTTP request parse_sendsms() looks at. Views: valid during the call only.
struct HttpRequest {
  std::string_view method;        // "GET" or "POST" (anything else: 405-like Kannel reply)
  std::string_view target;        // "/cgi-bin/sendsms?username=...": the query is read
  std::string_view content_type;  // Content-Type header value, may be empty
  std::string_view body;
  // Request headers; only X-Kannel-* are read, for a POST whose body is the text.
  std::vector<std::pair<std::string_view, std::string_view>> headers;
};

struct SendsmsRequest {
  std::string username;  // the kannel.users entry that authenticated
  std::string client;    // its api.clients entry: whose role and limits apply
  std::string from;      // `from`, else the user's default_sender (informational: a SIM sends
                         // from its own number)
  // Receivers as written (Kannel's "to" split at spaces; '+' in a query is a space, %2B a '+'),
  // duplicates removed, order kept. Each is normalised by the gateway when submitted.
  std::vector<std::string> recipients;
  std::vector<std::string> denied;  // receivers with characters outside "0123456789 +-"
  std::string text;                 // UTF-8 after charset/coding handling
  int coding = 0;                   // 0 GSM 7-bit, 2 UCS-2 (as asked; jumbe picks per text)
  store::Priority priority = store::Priority::normal;  // Kannel 0 normal, 1-2 high, 3 emergency
  std::optional<std::int64_t> valid_for_ms;            // `validity` minutes
  std::int64_t defer_ms = 0;                           // `deferred` minutes: not before now+this
  int dlr_mask = 0;                                    // 0: no delivery reports asked
  std::string dlr_url;                                 // http(s)://... with escape codes
  std::string smsc;                                    // Kannel smsc-id; see docs/kannel.md
  std::string account;
  std::string binfo;
  // What the API stores as the message's origin: "kannel:<mask>:<dlr-url>" (dlr.hpp), or
  // "kannel" when no delivery report callback is wanted.
  std::string origin;
};

tl::expected<SendsmsRequest, Reply> parse_sendsms(const HttpRequest& request,
                                                  const config::KannelConfig& config);

// ---- Kannel's replies (gw/smsbox.c delayed_http_reply and the field checks) ----------------
enum class Outcome {
  accepted,           // 202 "0: Accepted for delivery"
  queued,             // 202 "3: Queued for later delivery" (no modem ready to send now)
  not_routable,       // 403 "Not routable. Do not try again." (number refused)
  temporary_failure,  // 503 "Temporal failure, try again later." (store failing)
};
Reply reply_for(Outcome outcome);
Reply reply_authorization_failed();  // 403 "Authorization failed for sendsms"
Reply reply_disabled();              // 404 "Unknown request." (kannel.enabled is false)

// Constant-time comparison for passwords (length still leaks, as with any compare).
bool secure_equals(std::string_view a, std::string_view b);

}  // namespace jumbe::kannel
