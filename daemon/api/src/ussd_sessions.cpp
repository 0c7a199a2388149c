// USSD session bookkeeping for the API (see ussd_sessions.hpp). The error strings matched here
// are the ones gateway::Gateway::ussd and modem::UssdSession produce (views.cpp,
// ussd_session.cpp); a new wording there falls through to 502 with the message intact.
#include "jumbe/api/ussd_sessions.hpp"

namespace jumbe::api {

namespace {
bool has(std::string_view s, std::string_view needle) {
  return s.find(needle) != std::string_view::npos;
}
}  // namespace

UssdError classify_ussd_error(std::string_view m) {
  const std::string msg(m);
  if (has(m, "is not configured")) return {404, "not_found", msg};
  if (has(m, "does not have the ussd role")) return {422, "invalid", msg};
  if (has(m, "already in progress")) return {409, "conflict", msg};
  if (has(m, "no modem with the ussd role is ready") || has(m, "is not ready") ||
      has(m, "left service"))
    return {503, "unavailable", msg};
  if (has(m, "timeout") || has(m, "time out") || has(m, "without a reply"))
    return {504, "gateway_timeout", msg};
  return {502, "bad_gateway", msg};
}

nlohmann::json ussd_reply_json(const gateway::UssdReply& r) {
  return {{"session", r.modem},
          {"modem", r.modem},
          {"text", r.text},
          {"status", r.status},
          {"open", r.session_open}};
}

UssdSessions::Phase UssdSessions::phase(const std::string& modem, Millis now) const {
  auto it = sessions_.find(modem);
  if (it == sessions_.end()) return Phase::idle;
  if (it->second.phase == Phase::open && now - it->second.since >= kOpenLifetimeMs)
    return Phase::idle;
  return it->second.phase;
}

tl::expected<std::uint64_t, UssdError> UssdSessions::begin_start(const std::string& modem,
                                                                 const std::string& client,
                                                                 Millis now) {
  switch (phase(modem, now)) {
    case Phase::waiting:
      return tl::unexpected(UssdError{
          409, "conflict", "modem " + modem + " is waiting for the network's USSD reply"});
    case Phase::open:
      return tl::unexpected(
          UssdError{409, "conflict",
                    "modem " + modem + " has an open USSD menu (client " + sessions_[modem].owner +
                        "); answer it with POST /v1/ussd/" + modem + " or end it with DELETE"});
    case Phase::idle:
      break;
  }
  const auto ticket = next_ticket_++;
  sessions_[modem] = Session{Phase::waiting, client, now, ticket};
  return ticket;
}

tl::expected<std::uint64_t, UssdError> UssdSessions::begin_continue(const std::string& modem,
                                                                    const std::string& client,
                                                                    bool admin, Millis now) {
  auto it = sessions_.find(modem);
  const auto ph = phase(modem, now);
  if (ph == Phase::waiting)
    return tl::unexpected(
        UssdError{409, "conflict", "modem " + modem + " is waiting for the network's USSD reply"});
  if (ph == Phase::idle) {
    const bool expired = it != sessions_.end() && it->second.phase == Phase::open;
    if (expired) sessions_.erase(it);
    return tl::unexpected(UssdError{
        409, "conflict",
        expired ? "the USSD menu on modem " + modem + " expired (networks close it after ~40 s)"
                : "no USSD session is open on modem " + modem});
  }
  if (!admin && it->second.owner != client)
    return tl::unexpected(
        UssdError{403, "forbidden",
                  "the USSD session on modem " + modem + " belongs to client " + it->second.owner});
  it->second.phase = Phase::waiting;
  it->second.since = now;
  it->second.ticket = next_ticket_++;
  return it->second.ticket;
}

void UssdSessions::finished(const std::string& modem, std::uint64_t ticket, bool ok,
                            bool session_open, Millis now) {
  auto it = sessions_.find(modem);
  if (it == sessions_.end() || it->second.ticket != ticket) return;
  if (ok && session_open) {
    it->second.phase = Phase::open;
    it->second.since = now;
  } else {
    sessions_.erase(it);
  }
}

tl::expected<void, UssdError> UssdSessions::cancel(const std::string& modem,
                                                   const std::string& client, bool admin) {
  auto it = sessions_.find(modem);
  if (it == sessions_.end())
    return tl::unexpected(UssdError{409, "conflict", "no USSD session is open on modem " + modem});
  if (!admin && it->second.owner != client)
    return tl::unexpected(
        UssdError{403, "forbidden",
                  "the USSD session on modem " + modem + " belongs to client " + it->second.owner});
  sessions_.erase(it);
  return {};
}

tl::expected<std::string, UssdError> UssdSessions::choose(const std::vector<std::string>& ready,
                                                          Millis now) const {
  if (ready.empty())
    return tl::unexpected(UssdError{503, "unavailable", "no modem with the ussd role is ready"});
  for (const auto& m : ready)
    if (phase(m, now) == Phase::idle) return m;
  return tl::unexpected(UssdError{
      409, "conflict", "every ready USSD modem has a session in progress; try again shortly"});
}

}  // namespace jumbe::api
