// USSD sessions as the API sees them (api-contract.md "USSD"; +CUSD is TS 27.007 7.15): one
// session per modem, its id the modem's name, owned by the client that started it. Tracks which
// modem waits for the network and which holds an open menu, so a second start gets 409 instead
// of typing into someone else's menu. Contract: pure (time passed in, steady milliseconds); the
// routes call the gateway and report each outcome here.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "jumbe/gateway/views.hpp"

namespace jumbe::api {

// A failure ready for the error body: HTTP status, contract code, one line.
struct UssdError {
  int status = 409;
  std::string code = "conflict";
  std::string message;
};

// Maps the gateway's one-line USSD errors onto the contract: no ready modem -> 503
// unavailable, no answer from the network -> 504 gateway_timeout, unknown modem -> 404,
// a request already in flight -> 409, the modem or network refusing -> 502 bad_gateway.
UssdError classify_ussd_error(std::string_view gateway_message);

// {"session","modem","text","status","open"}
nlohmann::json ussd_reply_json(const gateway::UssdReply& r);

class UssdSessions {
 public:
  using Millis = std::int64_t;
  // Networks drop an idle menu after about 30-60 s; the modem driver waits 40 s per step
  // (modem::UssdSession::Config::step_timeout), so an open menu older than this is gone.
  static constexpr Millis kOpenLifetimeMs = 40'000;

  enum class Phase { idle, waiting, open };

  // A new session on `modem` (start). Busy when a request is in flight or a menu is open.
  // Returns a ticket for finished(): an answer to a cancelled request must not close the next.
  tl::expected<std::uint64_t, UssdError> begin_start(const std::string& modem,
                                                     const std::string& client, Millis now);
  // The next input of an open session. 409 when none is open (or it expired), 403 when another
  // client owns it (admins may answer any).
  tl::expected<std::uint64_t, UssdError> begin_continue(const std::string& modem,
                                                        const std::string& client, bool admin,
                                                        Millis now);
  // The gateway answered the request begun on `modem`.
  void finished(const std::string& modem, std::uint64_t ticket, bool ok, bool session_open,
                Millis now);
  // DELETE: 409 when nothing is open or waiting; 403 for another client's session.
  tl::expected<void, UssdError> cancel(const std::string& modem, const std::string& client,
                                       bool admin);

  // For "any modem": the first of `ready` (ready modems with the ussd role, in config order)
  // with no session. Errors: 503 when `ready` is empty, 409 when every one is busy.
  tl::expected<std::string, UssdError> choose(const std::vector<std::string>& ready,
                                              Millis now) const;

  Phase phase(const std::string& modem, Millis now) const;

 private:
  struct Session {
    Phase phase = Phase::idle;
    std::string owner;
    Millis since = 0;  // when the menu opened (open phase)
    std::uint64_t ticket = 0;
  };
  std::uint64_t next_ticket_ = 1;
  std::map<std::string, Session> sessions_;
};

}  // namespace jumbe::api
